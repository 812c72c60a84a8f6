//! `pjsua2rs_last_error`: PJSUA2's `Error` for the calling thread's last failed call.

use super::boundary::ffi_call;
use crate::ua::fixed_str::FixedStr;
use crate::ua::status::{pjsua2rs_status, PJSUA2RS_ERR_INVALID_ARG, PJSUA2RS_SUCCESS};
use crate::ua::Error;
use std::cell::RefCell;
use std::os::raw::{c_char, c_int};

thread_local! {
    static LAST_ERROR: RefCell<Option<Error>> = const { RefCell::new(None) };
}

/// Records `e` as the calling thread's last error.
pub(crate) fn set_last_error(e: Error) {
    LAST_ERROR.with(|l| *l.borrow_mut() = Some(e));
}

/// PJSUA2's `Error`: the detail of a failed call. Strings are NUL-terminated UTF-8,
/// truncated at a character boundary if longer than their field.
#[repr(C)]
pub struct ErrorInfo {
    /// The status the failed call returned (0 when there was no failure).
    pub status: pjsua2rs_status,
    /// The operation that failed, e.g. "pjsua2rs_endpoint_transport_create()".
    pub title: [c_char; 256],
    /// Why it failed.
    pub reason: [c_char; 512],
    /// The library source file that raised the error.
    pub src_file: [c_char; 256],
    /// The line in `src_file`.
    pub src_line: c_int,
}

/// Writes the calling thread's last error into `*out`. When no call on this thread has
/// failed yet, `status` is 0 and the strings are empty. A later successful call does not
/// clear it. Returns PJSUA2RS_ERR_INVALID_ARG if `out` is NULL. Thread-safe: each thread
/// has its own last error.
#[no_mangle]
pub extern "C" fn pjsua2rs_last_error(out: *mut ErrorInfo) -> pjsua2rs_status {
    if out.is_null() {
        return PJSUA2RS_ERR_INVALID_ARG;
    }
    let status = ffi_call("pjsua2rs_last_error()", || {
        let info = LAST_ERROR.with(|l| {
            let mut info = ErrorInfo {
                status: PJSUA2RS_SUCCESS,
                title: [0; 256],
                reason: [0; 512],
                src_file: [0; 256],
                src_line: 0,
            };
            if let Some(e) = l.borrow().as_ref() {
                info.status = e.status;
                info.title.set_truncated(&e.title);
                info.reason.set_truncated(&e.reason);
                info.src_file.set_truncated(e.src_file);
                info.src_line = e.src_line as c_int;
            }
            info
        });
        // SAFETY: `out` is non-null and the caller promises it points to an ErrorInfo.
        unsafe { out.write(info) };
        Ok(())
    });
    status
}

/// The text of a status code (PJSUA2's `Endpoint::utilStrError`), copied NUL-terminated
/// into `buf` of `buf_len` bytes (truncated at a character boundary when too small).
/// Returns PJSUA2RS_ERR_INVALID_ARG if `buf` is NULL or `buf_len` is 0.
#[no_mangle]
pub extern "C" fn pjsua2rs_strerror(
    status: pjsua2rs_status,
    buf: *mut c_char,
    buf_len: usize,
) -> pjsua2rs_status {
    ffi_call("pjsua2rs_strerror()", || {
        if buf.is_null() || buf_len == 0 {
            return Err(Error::new(
                PJSUA2RS_ERR_INVALID_ARG,
                "",
                "buf is NULL or empty",
            ));
        }
        // SAFETY: the caller promises `buf` points to `buf_len` writable bytes.
        let out = unsafe { std::slice::from_raw_parts_mut(buf, buf_len) };
        out.set_truncated(&crate::ua::status::status_text(status));
        Ok(())
    })
}
