//! RTP and RTCP (RFC 3550), sans-IO: packets, the session statistics, the jitter buffer,
//! telephone-event (RFC 4733) and, later, SRTP.
//!
//! Nothing here touches a socket or a clock: every input carries `now`, the session's
//! randomness comes from a seeded [`crate::rng::Rng`], and wall-clock time (for sender
//! reports) from one `(Instant, SystemTime)` pair taken when the session starts.
//!
//! # How a media stream drives it
//! One [`RtpSession`], one [`JitterBuffer`], one [`DtmfSender`] and one [`DtmfReceiver`]
//! per stream.
//!
//! Every 20 ms (the media tick), with `pos` the samples sent so far:
//! 1. Sending: `dtmf_tx.poll(pos)` gives a telephone-event packet to send instead of
//!    audio, or `None`; then `session.write_rtp(now, pt, marker, pos_or_event_ts,
//!    &payload, &mut buf)` and send `buf` to the (latched) remote address.
//! 2. Receiving: `jb.get(now)` gives [`JbFrame::Normal`] (decode it), `Missing`
//!    (conceal) or `Empty` (silence); the frame goes to the conference bridge.
//!
//! On each datagram from the RTP socket: [`is_rtcp`] (rtcp-mux) sends RTCP to
//! `session.handle_rtcp(now, from, data)`; otherwise [`RtpPacket::parse`], then
//! `session.handle_rtp(now, from, &packet)`: on `Accept` give the payload to
//! `jb.put(now, seq, ts, payload, marker)` (or, for the telephone-event payload type,
//! to `dtmf_rx.handle(now, ts, payload)`), on `NewSource` first `jb.reset()` and
//! `dtmf_rx.reset()`; a `Late` or `Duplicate` from the buffer goes back as
//! `session.note_discarded(1)`. Latch onto `session.last_rtp_source()` for symmetric RTP.
//!
//! Timers: sleep until the earliest of `session.poll_timeout()` and
//! `dtmf_rx.poll_timeout()`, call their `handle_timeout(now)`, then send every
//! `session.poll_rtcp()` and handle every `session.poll_event()` (RTP timeout, BYE, SSRC
//! collision) and `dtmf_rx.poll_digit()`. After `handle_rtp`/`handle_rtcp`, also send
//! what `poll_rtcp()` gives (the BYE of an SSRC given up in a collision). On hang-up,
//! `session.close(now, reason)` queues the BYE. `session.stats()` with `jb.state()` make
//! PJSUA2's [`StreamStat`].

pub mod dtmf;
pub mod interval;
pub mod jitter;
pub mod ntp;
pub mod packet;
pub mod rtcp;
pub mod session;
mod source;
pub mod stats;

pub use dtmf::{
    DtmfDigit, DtmfError, DtmfPacket, DtmfReceiver, DtmfSender, DtmfSenderConfig, TelephoneEvent,
};
pub use jitter::{
    DiscardAlgo, JbConfig, JbFrame, JbufState, JitterBuffer, MediaJbSettings, PutResult,
};
pub use ntp::NtpTime;
pub use packet::{RtpError, RtpPacket};
pub use rtcp::{is_rtcp, RtcpCompound, RtcpError, RtcpPacket};
pub use session::{RtpEvent, RtpSession, RtpSessionConfig, RtpVerdict};
pub use stats::{MathStat, RtcpStat, RtcpStreamStat, StreamStat};
