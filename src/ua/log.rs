//! Logging as PJSUA2 does it: a verbosity `level` for the log file, a `consoleLevel` for
//! the console or the application's `LogWriter`, and PJLIB's decoration flags.

use std::fmt::Write as _;
use std::io::Write as _;
use std::sync::{Arc, Mutex, RwLock};

/// PJLIB's `pj_log_decoration` flags for `LogConfig.decor`.
pub mod decor {
    /// Day name.
    pub const PJSUA2RS_LOG_HAS_DAY_NAME: u32 = 1;
    /// Year.
    pub const PJSUA2RS_LOG_HAS_YEAR: u32 = 2;
    /// Month.
    pub const PJSUA2RS_LOG_HAS_MONTH: u32 = 4;
    /// Day of month.
    pub const PJSUA2RS_LOG_HAS_DAY_OF_MON: u32 = 8;
    /// Time of day.
    pub const PJSUA2RS_LOG_HAS_TIME: u32 = 16;
    /// Milliseconds.
    pub const PJSUA2RS_LOG_HAS_MICRO_SEC: u32 = 32;
    /// The sender (module) name.
    pub const PJSUA2RS_LOG_HAS_SENDER: u32 = 64;
    /// A trailing newline.
    pub const PJSUA2RS_LOG_HAS_NEWLINE: u32 = 128;
    /// A carriage return before the newline.
    pub const PJSUA2RS_LOG_HAS_CR: u32 = 256;
    /// A space between the decoration and the message.
    pub const PJSUA2RS_LOG_HAS_SPACE: u32 = 512;
    /// Terminal colours (accepted; pjsua2rs writes no colour codes).
    pub const PJSUA2RS_LOG_HAS_COLOR: u32 = 1024;
    /// The level as text.
    pub const PJSUA2RS_LOG_HAS_LEVEL_TEXT: u32 = 2048;
    /// The thread id.
    pub const PJSUA2RS_LOG_HAS_THREAD_ID: u32 = 4096;
    /// Mark thread switches (accepted; not shown).
    pub const PJSUA2RS_LOG_HAS_THREAD_SWC: u32 = 8192;
    /// Indentation (accepted; not shown).
    pub const PJSUA2RS_LOG_HAS_INDENT: u32 = 16384;
}

use decor::*;

/// Delivers a formatted entry to the application's writer: `(level, message)`.
pub type WriterSink = Arc<dyn Fn(i32, String) + Send + Sync>;

/// The logging settings (from `LogConfig`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LogSettings {
    /// Messages above this level are discarded; the file gets everything up to it.
    pub level: u32,
    /// Messages up to this level go to the console, or to the writer when one is set.
    pub console_level: u32,
    /// Whether SIP messages sent and received are logged (at level 4).
    pub msg_logging: bool,
    /// PJLIB decoration flags.
    pub decor: u32,
    /// The log file, if any.
    pub filename: String,
    /// Append to the file instead of truncating it (PJ_O_APPEND = 0x1108).
    pub append: bool,
}

impl Default for LogSettings {
    fn default() -> Self {
        LogSettings {
            level: 5,
            console_level: 4,
            msg_logging: true,
            decor: 25328,
            filename: String::new(),
            append: false,
        }
    }
}

struct Outputs {
    file: Option<std::fs::File>,
    writer: Option<WriterSink>,
}

/// The logger shared by the library's threads.
pub struct Logger {
    settings: RwLock<LogSettings>,
    outputs: Mutex<Outputs>,
}

impl Logger {
    /// A logger with default settings, writing to the console.
    pub fn new() -> Self {
        Logger {
            settings: RwLock::new(LogSettings::default()),
            outputs: Mutex::new(Outputs {
                file: None,
                writer: None,
            }),
        }
    }

    /// Applies new settings, opening the log file if one is named, and sets the writer
    /// (`None`: the console).
    pub fn configure(
        &self,
        settings: LogSettings,
        writer: Option<WriterSink>,
    ) -> std::io::Result<()> {
        let file = if settings.filename.is_empty() {
            None
        } else {
            let mut opts = std::fs::OpenOptions::new();
            opts.create(true);
            if settings.append {
                opts.append(true);
            } else {
                opts.write(true).truncate(true);
            }
            Some(opts.open(&settings.filename)?)
        };
        let mut out = self.outputs.lock().unwrap_or_else(|e| e.into_inner());
        out.file = file;
        out.writer = writer;
        *self.settings.write().unwrap_or_else(|e| e.into_inner()) = settings;
        Ok(())
    }

    /// Whether a message at `level` goes anywhere.
    pub fn enabled(&self, level: u32) -> bool {
        let s = self.settings.read().unwrap_or_else(|e| e.into_inner());
        level <= s.level
    }

    /// Whether SIP messages are to be logged.
    pub fn msg_logging(&self) -> bool {
        let s = self.settings.read().unwrap_or_else(|e| e.into_inner());
        s.msg_logging && s.level >= 4
    }

    /// Logs `msg` from `sender` at `level` (1 error ... 6 very detailed).
    pub fn log(&self, level: u32, sender: &str, msg: &str) {
        let s = self
            .settings
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .clone();
        if level > s.level {
            return;
        }
        let line = format_entry(&s, level, sender, msg);
        let mut out = self.outputs.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(f) = out.file.as_mut() {
            let _ = f.write_all(line.as_bytes());
        }
        if level <= s.console_level {
            match &out.writer {
                Some(w) => {
                    let w = w.clone();
                    drop(out);
                    w(level as i32, line);
                }
                None => {
                    let _ = std::io::stdout().write_all(line.as_bytes());
                }
            }
        }
    }
}

impl Default for Logger {
    fn default() -> Self {
        Logger::new()
    }
}

/// Formats one entry as PJLIB does for the given decoration flags.
fn format_entry(s: &LogSettings, level: u32, sender: &str, msg: &str) -> String {
    let mut line = String::with_capacity(msg.len() + 48);
    let d = s.decor;
    if d & (PJSUA2RS_LOG_HAS_TIME
        | PJSUA2RS_LOG_HAS_MICRO_SEC
        | PJSUA2RS_LOG_HAS_YEAR
        | PJSUA2RS_LOG_HAS_MONTH
        | PJSUA2RS_LOG_HAS_DAY_OF_MON)
        != 0
    {
        let now = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap_or_default();
        let secs = now.as_secs();
        let (h, m, sec) = ((secs / 3600) % 24, (secs / 60) % 60, secs % 60);
        if d & PJSUA2RS_LOG_HAS_TIME != 0 {
            let _ = write!(line, "{h:02}:{m:02}:{sec:02}");
        }
        if d & PJSUA2RS_LOG_HAS_MICRO_SEC != 0 {
            let _ = write!(line, ".{:03}", now.subsec_millis());
        }
    }
    if d & PJSUA2RS_LOG_HAS_SENDER != 0 {
        let _ = write!(line, " {sender:>22}");
    }
    if d & PJSUA2RS_LOG_HAS_LEVEL_TEXT != 0 {
        let text = [
            "FATAL", "ERROR", " WARN", " INFO", "DEBUG", "TRACE", "DETRC",
        ];
        let _ = write!(
            line,
            " {}",
            text.get(level as usize).copied().unwrap_or("     ")
        );
    }
    if d & PJSUA2RS_LOG_HAS_THREAD_ID != 0 {
        let _ = write!(line, " {:?}", std::thread::current().id());
    }
    if d & PJSUA2RS_LOG_HAS_SPACE != 0 || !line.is_empty() {
        line.push(' ');
    }
    line.push_str(msg);
    if d & PJSUA2RS_LOG_HAS_CR != 0 {
        line.push('\r');
    }
    if d & PJSUA2RS_LOG_HAS_NEWLINE != 0 {
        line.push('\n');
    }
    line
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn levels_route_to_file_and_writer() {
        let dir = std::env::temp_dir().join(format!("pjsua2rs-log-{}", std::process::id()));
        let logger = Logger::new();
        let seen = Arc::new(Mutex::new(Vec::new()));
        let s2 = seen.clone();
        let settings = LogSettings {
            level: 5,
            console_level: 3,
            filename: dir.to_string_lossy().into_owned(),
            decor: PJSUA2RS_LOG_HAS_SENDER | PJSUA2RS_LOG_HAS_NEWLINE,
            ..LogSettings::default()
        };
        logger
            .configure(
                settings,
                Some(Arc::new(move |lvl, msg| {
                    s2.lock().unwrap().push((lvl, msg))
                })),
            )
            .unwrap();
        logger.log(2, "test", "to both");
        logger.log(5, "test", "file only");
        logger.log(6, "test", "nowhere");
        let file = std::fs::read_to_string(&dir).unwrap();
        std::fs::remove_file(&dir).unwrap();
        assert_eq!(file.lines().count(), 2);
        assert!(file.contains("to both") && file.contains("file only"));
        let seen = seen.lock().unwrap();
        assert_eq!(seen.len(), 1);
        assert_eq!(seen[0].0, 2);
        assert!(seen[0].1.ends_with("test to both\n"), "{:?}", seen[0].1);
    }
}
