//! Fixed-size C strings: the `char[N]` fields of config structs, holding NUL-terminated
//! UTF-8, read and written from Rust.

use super::status::{PJSUA2RS_ERR_INVALID_ARG, PJSUA2RS_ERR_NAME_TOO_LONG};
use super::{Error, Result};
use std::os::raw::c_char;

/// A `char[N]` field of a C struct used as a string: NUL-terminated UTF-8.
pub trait FixedStr {
    /// The string up to the first NUL. A field without a NUL or with bad UTF-8 is an
    /// `INVALID_ARG` error naming `field`.
    fn get_str(&self, field: &str) -> Result<&str>;
    /// Stores `s` with a terminating NUL; `NAME_TOO_LONG` naming `field` if it does not
    /// fit or contains a NUL.
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

/// A `char[N]` holding `s` (NUL-padded), for defaults in `const` context. `s` must be
/// shorter than `N`; a longer one fails to compile when used in a constant.
pub const fn fixed<const N: usize>(s: &str) -> [c_char; N] {
    let bytes = s.as_bytes();
    assert!(bytes.len() < N, "string too long for its field");
    let mut out = [0 as c_char; N];
    let mut i = 0;
    while i < bytes.len() {
        out[i] = bytes[i] as c_char;
        i += 1;
    }
    out
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
        assert_eq!(
            buf.set_str("a\0b", "f").unwrap_err().status,
            PJSUA2RS_ERR_NAME_TOO_LONG
        );
        buf.set_truncated("ééééé");
        assert_eq!(buf.get_str("f").unwrap(), "ééé");
        let full = [1 as c_char; 4];
        assert!(full.get_str("f").is_err());
        let bad = [0xffu8 as c_char, 0];
        assert_eq!(
            bad.get_str("f").unwrap_err().status,
            PJSUA2RS_ERR_INVALID_ARG
        );
    }

    #[test]
    fn fixed_builds_a_padded_array() {
        let a: [c_char; 6] = fixed("\r\n");
        assert_eq!(a.get_str("a").unwrap(), "\r\n");
        assert_eq!(a[2..], [0; 4]);
    }
}
