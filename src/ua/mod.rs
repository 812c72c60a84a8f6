//! The PJSUA2 object model: Endpoint, configs (with PJSUA2's JSON schema), transports,
//! logging, errors and status codes. Joins the protocol cores to the runtime.

pub mod core;

pub mod error;
pub mod log;
pub mod status;
pub mod transport;

pub use error::{Error, Result};
