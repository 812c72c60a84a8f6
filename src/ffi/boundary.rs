//! The panic boundary every export runs in, and the recording of the thread's last error.

use super::error::set_last_error;
use crate::ua::status::{pjsua2rs_status, PJSUA2RS_ERR_INTERNAL, PJSUA2RS_SUCCESS};
use crate::ua::{Error, Result};
use std::panic::{catch_unwind, AssertUnwindSafe};

/// Runs `f` for the C function `title`: a returned error or a caught panic is recorded as
/// the thread's last error and turned into its status; success returns 0.
pub fn ffi_call(title: &str, f: impl FnOnce() -> Result<()>) -> pjsua2rs_status {
    match catch_unwind(AssertUnwindSafe(f)) {
        Ok(Ok(())) => PJSUA2RS_SUCCESS,
        Ok(Err(mut e)) => {
            if e.title.is_empty() {
                e.title = title.to_string();
            }
            let status = e.status;
            set_last_error(e);
            status
        }
        Err(panic) => {
            let what = panic
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "unknown panic".to_string());
            set_last_error(Error::new(
                PJSUA2RS_ERR_INTERNAL,
                title,
                format!("internal error (please report): {what}"),
            ));
            PJSUA2RS_ERR_INTERNAL
        }
    }
}
