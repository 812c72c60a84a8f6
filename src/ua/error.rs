//! PJSUA2's `Error`: a status with the operation that failed, the reason, and where.

use super::status::{self, pjsua2rs_status};
use std::fmt;

/// An error as PJSUA2 reports it: `status`, `title` (the operation), `reason`, and the
/// source location that raised it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Error {
    /// The status code (PJSIP numbering, see [`crate::ua::status`]).
    pub status: pjsua2rs_status,
    /// The operation that failed, e.g. `"Endpoint::transportCreate()"`.
    pub title: String,
    /// Why it failed.
    pub reason: String,
    /// The source file that raised the error.
    pub src_file: &'static str,
    /// The line in `src_file`.
    pub src_line: u32,
}

/// The result of a fallible library operation.
pub type Result<T> = std::result::Result<T, Error>;

impl Error {
    /// An error raised at the caller's location (`#[track_caller]`). An empty `reason`
    /// becomes the status's standard text.
    #[track_caller]
    pub fn new(
        status: pjsua2rs_status,
        title: impl Into<String>,
        reason: impl Into<String>,
    ) -> Self {
        let loc = std::panic::Location::caller();
        let mut reason = reason.into();
        if reason.is_empty() {
            reason = status::status_text(status);
        }
        Error {
            status,
            title: title.into(),
            reason,
            src_file: loc.file(),
            src_line: loc.line(),
        }
    }

    /// The same error with another title (the public operation that saw it).
    pub fn with_title(mut self, title: impl Into<String>) -> Self {
        self.title = title.into();
        self
    }

    /// PJSUA2's `Error::info()`: one line `"<title> error: <reason> (status=N) [file:line]"`
    /// or, with `multi_line`, the Title/Code/Description/Location form.
    pub fn info(&self, multi_line: bool) -> String {
        if self.status == status::PJSUA2RS_SUCCESS {
            return "No error".to_string();
        }
        if multi_line {
            format!(
                "Title:       {}\nCode:        {}\nDescription: {}\nLocation:    {}:{}",
                self.title, self.status, self.reason, self.src_file, self.src_line
            )
        } else {
            format!(
                "{} error: {} (status={}) [{}:{}]",
                self.title, self.reason, self.status, self.src_file, self.src_line
            )
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.info(false))
    }
}

impl std::error::Error for Error {}
