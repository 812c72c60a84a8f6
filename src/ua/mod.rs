//! The PJSUA2 object model: Endpoint, configs (with PJSUA2's JSON schema), errors and
//! status codes. Joins the protocol cores to the runtime.

pub mod config;
pub mod error;
pub mod fixed_str;
pub mod json;
pub mod log_entry;
pub mod status;

pub use error::{Error, Result};
