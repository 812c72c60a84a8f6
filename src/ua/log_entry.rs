//! The log writer callback type and the log entry it receives (PJSUA2's `LogWriter` and
//! `LogEntry`).

use std::os::raw::{c_char, c_int, c_void};

/// One log message, as PJSUA2's `LogEntry`. Valid only during the writer call: copy what
/// you keep.
#[repr(C)]
pub struct LogEntry {
    /// The verbosity level of the message (1 = error ... 6 = very detailed).
    pub level: c_int,
    /// The message, NUL-terminated UTF-8, already decorated as `LogConfig.decor` asks.
    pub msg: *const c_char,
    /// An identifier of the thread that logged the message.
    pub thread_id: u64,
    /// The name of the thread that logged the message, NUL-terminated UTF-8.
    pub thread_name: *const c_char,
}

/// A custom log writer (PJSUA2's `LogWriter::write`), or NULL for none. Called with the
/// `writer_user_data` given in `LogConfig` and an entry valid during the call. It runs on
/// the library's dispatcher thread, or inside `handle_events` in poll mode (`thread_cnt`
/// 0), never while the library holds a lock, one entry at a time.
pub type LogWriterFn = Option<unsafe extern "C" fn(user_data: *mut c_void, entry: *const LogEntry)>;
