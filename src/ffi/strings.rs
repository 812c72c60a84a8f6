//! C strings across the ABI: NUL-terminated UTF-8 arguments, fixed-size `char[N]` fields
//! in config structs, and copies into caller buffers.

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

/// A `char[N]` field of a C struct used as a string: NUL-terminated UTF-8.
pub trait FixedStr {
    /// The string up to the first NUL. A field without a NUL or with bad UTF-8 is an
    /// `INVALID_ARG` error naming `field`.
    fn get_str(&self, field: &str) -> Result<&str>;
    /// Stores `s` with a terminating NUL; `NAME_TOO_LONG` naming `field` if it does not fit.
    fn set_str(&mut self, s: &str, field: &str) -> Result<()>;
    /// Stores as much of `s` as fits (cut at a character boundary), always NUL-terminated.
    fn set_truncated(&mut self, s: &str);
}

impl FixedStr for [c_char] {
    fn get_str(&self, field: &str) -> Result<&str> {
        // SAFETY: c_char and u8 have the same size and alignment.
        let bytes = unsafe { std::slice::from_raw_parts(self.as_ptr() as *const u8, self.len()) };
        let end = bytes.iter().position(|&b| b == 0).ok_or_else(|| {
            Error::new(
                PJSUA2RS_ERR_INVALID_ARG,
                "",
                format!("{field} is not NUL-terminated"),
            )
        })?;
        std::str::from_utf8(&bytes[..end]).map_err(|_| {
            Error::new(
                PJSUA2RS_ERR_INVALID_ARG,
                "",
                format!("{field} is not valid UTF-8"),
            )
        })
    }

    fn set_str(&mut self, s: &str, field: &str) -> Result<()> {
        if s.len() >= self.len() || s.as_bytes().contains(&0) {
            return Err(Error::new(
                PJSUA2RS_ERR_NAME_TOO_LONG,
                "",
                format!(
                    "{field} is too long ({} bytes; at most {}) or contains NUL",
                    s.len(),
                    self.len().saturating_sub(1)
                ),
            ));
        }
        for (d, b) in self.iter_mut().zip(s.bytes()) {
            *d = b as c_char;
        }
        self[s.len()] = 0;
        Ok(())
    }

    fn set_truncated(&mut self, s: &str) {
        if self.is_empty() {
            return;
        }
        let mut n = s.len().min(self.len() - 1);
        while !s.is_char_boundary(n) {
            n -= 1;
        }
        for (d, b) in self.iter_mut().zip(s.as_bytes()[..n].iter()) {
            *d = *b as c_char;
        }
        self[n] = 0;
    }
}

/// Copies `s` NUL-terminated into the caller's buffer `buf` of `buf_len` bytes and writes
/// the string's length (without NUL) to `*len_out` when it is not NULL. When the buffer is
/// too small nothing is written to it, `*len_out` still gets the needed length, and the
/// result is `NAME_TOO_LONG`: call again with a buffer of `*len_out + 1` bytes.
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
        return Err(Error::new(PJSUA2RS_ERR_INVALID_ARG, "", "buf is NULL"));
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fixed_strings_round_trip_and_bound() {
        let mut buf = [0 as c_char; 8];
        buf.set_str("hello", "f").unwrap();
        assert_eq!(buf.get_str("f").unwrap(), "hello");
        assert_eq!(
            buf.set_str("12345678", "f").unwrap_err().status,
            PJSUA2RS_ERR_NAME_TOO_LONG
        );
        buf.set_truncated("ééééé");
        assert_eq!(buf.get_str("f").unwrap(), "ééé");
        let full = [1 as c_char; 4];
        assert!(full.get_str("f").is_err());
    }
}
