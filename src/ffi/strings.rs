//! C strings across the ABI: NUL-terminated UTF-8 arguments and copies into caller
//! buffers. Fixed-size `char[N]` fields use [`crate::ua::fixed_str::FixedStr`].

use crate::ua::status::{PJSUA2RS_ERR_INVALID_ARG, PJSUA2RS_ERR_NAME_TOO_LONG};
use crate::ua::{Error, Result};
use std::ffi::CStr;
use std::os::raw::c_char;

/// A borrowed NUL-terminated UTF-8 argument. NULL or invalid UTF-8 is an
/// `INVALID_ARG` error naming `what`.
///
/// # Safety
/// `ptr` must be NULL or point to a NUL-terminated string valid for `'a`.
pub unsafe fn arg_str<'a>(ptr: *const c_char, what: &str) -> Result<&'a str> {
    if ptr.is_null() {
        return Err(Error::new(
            PJSUA2RS_ERR_INVALID_ARG,
            "",
            format!("{what} is NULL"),
        ));
    }
    CStr::from_ptr(ptr).to_str().map_err(|_| {
        Error::new(
            PJSUA2RS_ERR_INVALID_ARG,
            "",
            format!("{what} is not valid UTF-8"),
        )
    })
}

/// Copies `s` NUL-terminated into the caller's buffer `buf` of `buf_len` bytes and writes
/// the string's length (without NUL) to `*len_out` when it is not NULL. A NULL `buf` with
/// a non-NULL `len_out` is a size query: only the length is written, and it succeeds.
/// When the buffer is too small nothing is written to it, `*len_out` still gets the
/// needed length, and the result is `NAME_TOO_LONG`: call again with a buffer of
/// `*len_out + 1` bytes.
///
/// # Safety
/// `buf` must be NULL or point to `buf_len` writable bytes; `len_out` NULL or writable.
pub unsafe fn copy_out_str(
    s: &str,
    buf: *mut c_char,
    buf_len: usize,
    len_out: *mut usize,
) -> Result<()> {
    if !len_out.is_null() {
        len_out.write(s.len());
    }
    if buf.is_null() {
        if !len_out.is_null() {
            return Ok(());
        }
        return Err(Error::new(
            PJSUA2RS_ERR_INVALID_ARG,
            "",
            "buf and len_out are NULL",
        ));
    }
    if s.len() >= buf_len {
        return Err(Error::new(
            PJSUA2RS_ERR_NAME_TOO_LONG,
            "",
            format!(
                "buffer of {buf_len} bytes is too small for {} bytes and a NUL",
                s.len()
            ),
        ));
    }
    std::ptr::copy_nonoverlapping(s.as_ptr() as *const c_char, buf, s.len());
    buf.add(s.len()).write(0);
    Ok(())
}
