//! Audio media, sans-IO: frames, codecs (G.711, G.722, Opus, telephone-event), the
//! resampler, the conference bridge (a pure mixer driven by a clock tick), WAV files, the
//! tone generator and audio devices. The media thread of [`crate::runtime`] drives it.

pub mod bridge;
pub mod frame;
pub mod port;

pub use bridge::{ConfBridge, ConfPortInfo, Slot};
pub use frame::{AudioFormat, AudioFrame};
pub use port::MediaPort;
