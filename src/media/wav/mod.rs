//! WAV (RIFF/WAVE) files: a [`WavReader`] for 16-bit and 8-bit PCM, A-law and µ-law, mono
//! or stereo, at any rate (unknown chunks skipped, `WAVE_FORMAT_EXTENSIBLE` understood),
//! with a sample position for PJSUA2's `getPos`/`setPos`; and a [`WavWriter`] for 16-bit
//! PCM, A-law and µ-law whose header is valid from the start and again after every
//! [`WavWriter::sync`], so a recording is playable even if the process stops.
//! Both work on any `std::io` stream; they are the only file I/O in `media`.

mod read;
#[cfg(test)]
mod tests;
mod write;

pub use read::{WavInfo, WavReader};
pub use write::WavWriter;

use std::fmt;

/// `WAVE_FORMAT_PCM`.
const TAG_PCM: u16 = 1;
/// `WAVE_FORMAT_ALAW`.
const TAG_ALAW: u16 = 6;
/// `WAVE_FORMAT_MULAW`.
const TAG_MULAW: u16 = 7;
/// `WAVE_FORMAT_EXTENSIBLE`: the real tag is in the sub-format GUID.
const TAG_EXTENSIBLE: u16 = 0xFFFE;

/// How samples are stored in the data chunk.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WavEncoding {
    /// 16-bit signed little-endian linear PCM.
    Pcm16,
    /// 8-bit unsigned linear PCM.
    Pcm8,
    /// G.711 A-law, one byte per sample (PJSUA2's `PJMEDIA_FILE_WRITE_ALAW`).
    Alaw,
    /// G.711 µ-law, one byte per sample (`PJMEDIA_FILE_WRITE_ULAW`).
    Ulaw,
}

impl WavEncoding {
    /// Bytes per sample of one channel.
    pub fn bytes_per_sample(self) -> u16 {
        match self {
            WavEncoding::Pcm16 => 2,
            _ => 1,
        }
    }

    /// The format tag written in the fmt chunk.
    fn tag(self) -> u16 {
        match self {
            WavEncoding::Pcm16 | WavEncoding::Pcm8 => TAG_PCM,
            WavEncoding::Alaw => TAG_ALAW,
            WavEncoding::Ulaw => TAG_MULAW,
        }
    }
}

/// Why a WAV file could not be read or written.
#[derive(Debug)]
pub enum WavError {
    /// The stream failed.
    Io(std::io::Error),
    /// The file does not start with `RIFF` (or `RIFX`/`RF64`, which we do not read).
    NotRiff,
    /// The RIFF form is not `WAVE`.
    NotWave,
    /// No `fmt ` chunk, or one too short.
    NoFormat,
    /// No `data` chunk.
    NoData,
    /// A format we do not handle: the tag and bits per sample as the file gives them.
    Unsupported {
        /// The format tag (1 PCM, 3 float, 6 A-law, 7 µ-law...).
        format_tag: u16,
        /// Bits per sample.
        bits_per_sample: u16,
    },
    /// Inconsistent header fields; the text says which.
    BadHeader(String),
}

impl fmt::Display for WavError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            WavError::Io(e) => write!(f, "WAV I/O error: {e}"),
            WavError::NotRiff => f.write_str("not a RIFF file"),
            WavError::NotWave => f.write_str("RIFF file is not WAVE"),
            WavError::NoFormat => f.write_str("WAV file has no valid fmt chunk"),
            WavError::NoData => f.write_str("WAV file has no data chunk"),
            WavError::Unsupported {
                format_tag,
                bits_per_sample,
            } => write!(
                f,
                "unsupported WAV format: tag {format_tag:#06x}, {bits_per_sample} bits per sample \
                 (16/8-bit PCM, A-law and µ-law are supported)"
            ),
            WavError::BadHeader(why) => write!(f, "bad WAV header: {why}"),
        }
    }
}

impl std::error::Error for WavError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            WavError::Io(e) => Some(e),
            _ => None,
        }
    }
}

impl From<std::io::Error> for WavError {
    fn from(e: std::io::Error) -> Self {
        WavError::Io(e)
    }
}
