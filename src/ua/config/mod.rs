//! Configs: the one config model of the library, shared by the Rust core and the C ABI.
//!
//! Every struct is `#[repr(C)]` and mirrors a PJSUA2 config class: the field names are
//! the snake_case of PJSUA2's member names, the defaults are PJSUA2's (after
//! `libCreate()`), and the C header names them `pjsua2rs_<snake_case>` (e.g. `EpConfig`
//! is `pjsua2rs_ep_config`). Strings are NUL-terminated UTF-8 in fixed `char[N]` fields
//! (read and write them with [`FixedStr`](crate::ua::fixed_str::FixedStr)); lists are a
//! fixed array plus a `<name>_count` field (see [`lists`]). The top-level configs passed
//! to functions (`EpConfig`, `TransportConfig`, `AccountConfig`, `BuddyConfig`) start
//! with `struct_size`, stamped by `Default`, so fields can be appended later without
//! breaking programs built against an older header.
//!
//! JSON load and save in PJSUA2's format is in [`crate::ua::json`].

mod account;
mod account_media;
mod account_nat;
mod auth;
mod buddy;
mod endpoint;
pub mod limits;
pub mod lists;
mod transport;

pub use account::*;
pub use account_media::*;
pub use account_nat::*;
pub use auth::*;
pub use buddy::*;
pub use endpoint::*;
pub use limits::*;
pub use transport::*;

#[cfg(test)]
mod tests;
