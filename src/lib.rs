//! pjsua2rs: a SIP user agent library with the feature set of PJSIP's PJSUA2 API, usable
//! from Rust, from C through `libpjsua2rs.so` and `include/pjsua2rs.h`, and from C++ and
//! Python through the bindings in `bindings/`.
//!
//! # Layers
//! - [`sip`]: the SIP protocol core, sans-IO (messages, transactions...).
//! - [`sdp`]: SDP model, parser, writer and the offer/answer negotiator, sans-IO.
//! - [`rtp`]: RTP/RTCP packets, session statistics, jitter buffer, sans-IO.
//! - [`media`]: audio frames, codecs, the conference bridge, files, tones, devices.
//! - [`ua`]: the PJSUA2 object model (Endpoint, configs, errors).
//! - [`runtime`]: the one driver thread that owns sockets and the clock, and the
//!   callback dispatcher.
//! - `ffi`: the C ABI (`pjsua2rs_*`), the only place with `extern "C"`.
//!
//! # Threads
//! Any thread may call any function. Callbacks never run while the library holds a lock:
//! they run in order on one dispatcher thread, or, in poll mode (`threadCnt = 0`), inside
//! `libHandleEvents` on the caller's thread.

pub mod media;
pub mod rng;
pub mod rtp;
pub mod runtime;
pub mod sdp;
pub mod sip;
pub mod ua;

mod ffi;
