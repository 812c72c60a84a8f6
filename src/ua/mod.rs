//! The PJSUA2 object model: Endpoint, configs (with PJSUA2's JSON schema), transports,
//! logging, errors and status codes. Joins the protocol cores to the runtime.

pub mod account;
pub mod call;
pub mod config;
pub mod core;
pub mod endpoint;
pub mod error;
pub mod fixed_str;
pub mod json;
pub mod log;
pub mod log_entry;
pub mod media;
pub mod status;
pub mod transport;

pub use endpoint::Endpoint;
pub use error::{Error, Result};
