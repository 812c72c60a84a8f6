//! Audio codecs: the [`Codec`] descriptions, the [`Encoder`]/[`Decoder`] traits that work
//! on 16-bit PCM at the codec's own sampling rate, and the [`CodecRegistry`] that lists them
//! with PJSUA2's priorities and parameters (`codecEnum2`, `codecSetPriority`,
//! `codecGetParam`/`codecSetParam`, `setCodecOpusConfig`).
//!
//! G.711 ([`g711`]) and G.722 ([`g722`]) are our own code, from the ITU-T Recommendations;
//! Opus ([`opus`]) goes through libopus. telephone-event (RFC 4733) is not a codec here:
//! the RTP layer sends and receives it, and PJSUA2's `codecEnum2` does not list it either.

pub mod g711;
pub mod g722;
mod g722_band;
pub mod opus;
pub mod opus_fmtp;
pub mod param;
mod plc;
pub mod registry;

pub use param::{CodecFmtp, CodecInfo, CodecParam, CodecParamInfo, CodecParamSetting};
pub use registry::{CodecRegistry, OpusConfig};

use std::fmt;

/// A codec as the registry lists it: what SDP and PJSUA2 call it and how it samples.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Codec {
    /// The encoding name in SDP's rtpmap (`PCMU`, `PCMA`, `G722`, `opus`).
    pub name: &'static str,
    /// The clock rate in PJSUA2's codec id, which is also the default sampling rate of the
    /// PCM the encoder takes (G.722: 16000, although its rtpmap says 8000).
    pub clock_rate: u32,
    /// The RTP timestamp rate written in SDP's rtpmap (G.722: 8000, RFC 3551 §4.5.2;
    /// Opus: always 48000, RFC 7587 §7).
    pub rtp_clock_rate: u32,
    /// The channel count in the codec id and rtpmap (Opus: always 2, RFC 7587 §7).
    pub channels: u16,
    /// The static RTP payload type (RFC 3551), if the codec has one.
    pub static_pt: Option<u8>,
    /// The payload type PJSUA2's `CodecParam.info.pt` shows (the static one, or the
    /// dynamic number pjmedia gives the codec before SDP renumbers it).
    pub default_pt: u8,
    /// Milliseconds of audio in one packet by default (PJSUA2: frameLen × frmPerPkt).
    pub frame_ms: u32,
    /// The priority PJSUA2 gives the codec by default (0 disables; higher is preferred).
    pub default_priority: u8,
    /// Bits per second at the default settings (0: chosen by the encoder).
    pub avg_bps: u32,
    /// The highest bit rate the codec produces.
    pub max_bps: u32,
}

impl Codec {
    /// PJSUA2's codec id: `name/clock_rate/channels`, e.g. `PCMU/8000/1`, `G722/16000/1`.
    pub fn id(&self) -> String {
        format!("{}/{}/{}", self.name, self.clock_rate, self.channels)
    }
}

/// Why a codec operation failed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CodecError {
    /// No registered codec has this id (or id prefix).
    NotFound(String),
    /// A parameter is out of range; the text says which.
    InvalidParam(String),
    /// The input frame does not have a length the codec can encode.
    BadFrame {
        /// Samples given.
        got: usize,
    },
    /// The payload could not be decoded.
    BadPayload(String),
    /// libopus reported an error.
    Opus(String),
}

impl fmt::Display for CodecError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CodecError::NotFound(id) => write!(f, "codec {id:?} not found"),
            CodecError::InvalidParam(what) => write!(f, "invalid codec parameter: {what}"),
            CodecError::BadFrame { got } => write!(f, "cannot encode a frame of {got} samples"),
            CodecError::BadPayload(why) => write!(f, "bad payload: {why}"),
            CodecError::Opus(why) => write!(f, "opus: {why}"),
        }
    }
}

impl std::error::Error for CodecError {}

/// Turns 16-bit PCM into payloads. One call encodes one packet's worth of audio.
pub trait Encoder: Send {
    /// Encodes `pcm` (interleaved if stereo, at the codec's sampling rate) and appends the
    /// payload to `out`; returns the number of bytes appended. Reuses `out`'s capacity: no
    /// allocation once it is large enough.
    fn encode(&mut self, pcm: &[i16], out: &mut Vec<u8>) -> Result<usize, CodecError>;
}

/// Turns payloads back into 16-bit PCM and hides lost packets.
pub trait Decoder: Send {
    /// Decodes one payload and appends the samples (interleaved if stereo) to `out`;
    /// returns the number of samples appended.
    fn decode(&mut self, payload: &[u8], out: &mut Vec<i16>) -> Result<usize, CodecError>;

    /// Packet loss concealment: appends one packet's worth of samples standing in for a
    /// lost packet (the same length as the last decoded one); returns the count.
    fn conceal(&mut self, out: &mut Vec<i16>) -> Result<usize, CodecError>;

    /// Like [`Decoder::conceal`], when the packet after the lost one has arrived: codecs
    /// with in-band FEC (Opus) rebuild the lost audio from it. The default conceals.
    fn recover(&mut self, next_payload: &[u8], out: &mut Vec<i16>) -> Result<usize, CodecError> {
        let _ = next_payload;
        self.conceal(out)
    }
}
