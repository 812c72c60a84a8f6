//! PJSUA2's JSON persistence: [`JsonDocument`] (load, save, and the container-node
//! operations of PJSUA2's `ContainerNode`), [`Persistent`] objects, and the schema of
//! every config (member names, order and nesting exactly as PJSUA2 writes them).
//!
//! Writing produces PJSUA2's bytes: `{ ` and a newline to open an object, 3 spaces of
//! indent per level, names padded to 20 columns, inline arrays of simple values, numbers
//! as `%d` or `%f`, PJSUA2's string escaping, no trailing newline. Configs are written in
//! the member layout of the PJSUA2 release chosen with [`JsonDocument::set_layout`]
//! (default: the newest). Reading looks members up by name, so it accepts any order and
//! every release's layout; a missing member keeps its current value and unknown members
//! are ignored; a wrong type, an out-of-range number, a string too long for its field or
//! malformed JSON is a `PJSUA2RS_ERR_JSON` error whose reason names the member's path
//! (e.g. "AccountConfig.AccountRegConfig.timeoutSec: expected a number, got a string").
//!
//! Differences from PJSUA2, all in the safe direction: integers are written exactly
//! (PJSUA2 rounds them through a 32-bit float above 2^24); numbers read from text keep
//! double precision; `\uXXXX` escapes above U+00FF read as that character (PJSUA2 keeps
//! the low byte), while PJSUA2's byte-wise `\u00xx` escapes of UTF-8 read back as the
//! original text.

mod account;
mod account_media;
mod buddy;
mod document;
mod endpoint;
mod parse;
pub(crate) mod persist;
mod transport;
mod tree;
mod write;

pub use document::{
    JsonDocument, JsonLayout, PJSUA2RS_JSON_LAYOUT_2_15, PJSUA2RS_JSON_LAYOUT_2_16,
    PJSUA2RS_JSON_LAYOUT_2_17, PJSUA2RS_JSON_LAYOUT_LATEST, PJSUA2RS_JSON_ROOT,
};
pub use persist::Persistent;
pub use tree::NodeId;

#[cfg(test)]
mod tests;
