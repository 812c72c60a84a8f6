//! Audio media, sans-IO: frames, codecs (G.711, G.722, Opus; telephone-event lives in the
//! RTP layer), the resampler, the conference bridge (a pure mixer driven by a clock tick),
//! WAV files, the tone generator and audio devices. The media thread of
//! [`crate::runtime`] drives it. [`analysis`] measures frequencies, levels and gaps for
//! tests and the demo.

pub mod analysis;
pub mod bridge;
pub mod codec;
pub mod frame;
pub mod port;
pub mod resample;
pub mod tone;
pub mod wav;

pub use bridge::{ConfBridge, ConfPortInfo, Slot};
pub use frame::{AudioFormat, AudioFrame};
pub use port::MediaPort;
