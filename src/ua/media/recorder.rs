//! PJSUA2's `AudioMediaRecorder` as a bridge port: writes what it is given to a WAV file
//! (16-bit PCM, A-law or µ-law) at the bridge's rate. The header is brought up to date
//! every second, so the file is valid even if the process dies; deleting the recorder
//! finishes it. Ticks with no transmitter write nothing.

use crate::media::wav::{WavEncoding, WavWriter};
use crate::media::{AudioFormat, MediaPort};
use std::any::Any;
use std::fs::File;
use std::io::BufWriter;
use std::time::{Duration, Instant};

/// PJMEDIA_FILE_WRITE_PCM.
pub const PJSUA2RS_FILE_WRITE_PCM: u32 = 0;
/// PJMEDIA_FILE_WRITE_ALAW.
pub const PJSUA2RS_FILE_WRITE_ALAW: u32 = 1;
/// PJMEDIA_FILE_WRITE_ULAW.
pub const PJSUA2RS_FILE_WRITE_ULAW: u32 = 2;

/// How often the header is brought up to date.
const SYNC_EVERY: Duration = Duration::from_secs(1);

/// The recorder port.
pub struct Recorder {
    name: String,
    writer: Option<WavWriter<BufWriter<File>>>,
    last_sync: Option<Instant>,
    /// Why writing stopped, if it did (a full disk); the file is kept valid up to there.
    failed: Option<String>,
}

impl Recorder {
    /// Creates `path` (a `.wav` file) with `options` (PJSUA2RS_FILE_WRITE_*), at most
    /// `max_size` bytes of audio (0: no limit), for a bridge of `format`.
    pub fn create(
        path: &str,
        options: u32,
        max_size: u64,
        format: AudioFormat,
    ) -> Result<Recorder, String> {
        if !path.to_ascii_lowercase().ends_with(".wav") {
            return Err(format!("{path}: only .wav files can be recorded"));
        }
        let encoding = match options & (PJSUA2RS_FILE_WRITE_ALAW | PJSUA2RS_FILE_WRITE_ULAW) {
            0 => WavEncoding::Pcm16,
            PJSUA2RS_FILE_WRITE_ALAW => WavEncoding::Alaw,
            PJSUA2RS_FILE_WRITE_ULAW => WavEncoding::Ulaw,
            _ => return Err("options: choose one of PJMEDIA_FILE_WRITE_ALAW and _ULAW".into()),
        };
        let file = File::create(path).map_err(|e| format!("{path}: {e}"))?;
        let mut writer = WavWriter::new(
            BufWriter::new(file),
            format.clock_rate,
            format.channels,
            encoding,
        )
        .map_err(|e| format!("{path}: {e}"))?;
        if max_size > 0 {
            writer.set_max_data_bytes(Some(max_size));
        }
        Ok(Recorder {
            name: path.to_string(),
            writer: Some(writer),
            last_sync: None,
            failed: None,
        })
    }

    /// Bytes of audio written so far.
    pub fn data_bytes(&self) -> u64 {
        self.writer.as_ref().map(|w| w.data_bytes()).unwrap_or(0)
    }

    /// Why the recording stopped early, if it did.
    pub fn error(&self) -> Option<&str> {
        self.failed.as_deref()
    }

    /// Finishes the file (sizes in the header) and closes it.
    pub fn finish(&mut self) -> Result<(), String> {
        match self.writer.take() {
            Some(w) => w
                .finalize()
                .map(drop)
                .map_err(|e| format!("{}: {e}", self.name)),
            None => Ok(()),
        }
    }
}

impl MediaPort for Recorder {
    fn name(&self) -> &str {
        &self.name
    }

    fn get_frame(&mut self, _now: Instant, _out: &mut [i16]) -> bool {
        false
    }

    fn put_frame(&mut self, now: Instant, frame: Option<&[i16]>) {
        let (Some(w), Some(frame)) = (self.writer.as_mut(), frame) else {
            return;
        };
        if let Err(e) = w.write(frame) {
            self.failed = Some(e.to_string());
            let _ = w.sync();
            self.writer = None;
            return;
        }
        if self
            .last_sync
            .is_none_or(|t| now.duration_since(t) >= SYNC_EVERY)
        {
            let _ = w.sync();
            self.last_sync = Some(now);
        }
    }

    fn as_any_mut(&mut self) -> &mut dyn Any {
        self
    }
}

impl Drop for Recorder {
    fn drop(&mut self) {
        let _ = self.finish();
    }
}
