//! PJSUA2's `AudioMediaPort`: a bridge port whose frames the application supplies
//! (`onFrameRequested`) and receives (`onFrameReceived`).
//!
//! The callbacks never run on the media thread (DESIGN.md §3). The port and the callback
//! thread meet at two small queues of bridge frames behind a mutex that is held only to
//! move a buffer, and the buffers are allocated up front, so the media thread neither
//! blocks on the application nor allocates:
//! - To the bridge: each tick takes the next queued frame (or, when the application is
//!   late, gives silence and counts an underrun) and, while fewer than three frames wait,
//!   posts one request; the callback thread then calls onFrameRequested until three do.
//!   The first request is posted when the port is created, so playback starts without a
//!   gap. Like PJSUA2's bridge, ours asks the port for nothing while it transmits to no
//!   one, so frames are not consumed before the port is connected.
//! - From the bridge: each mixed frame is queued (at most 32; beyond that the frame is
//!   dropped and counted) and one delivery is posted; the callback thread hands the
//!   queued frames to onFrameReceived. Ticks where nothing transmits to the port deliver
//!   nothing (PJSUA2 delivers an empty frame of type NONE).
//!
//! The application's format (clock rate, frame time) is converted to and from the
//! bridge's on the callback thread ([`super::app_port_pump`]).

use super::app_port_pump::AppPortPump;
use crate::media::resample::Resampler;
use crate::media::{AudioFormat, MediaPort};
use std::any::Any;
use std::collections::VecDeque;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Instant;

/// PJMEDIA_FRAME_TYPE_NONE: the frame holds no audio (it counts as silence).
pub const PJSUA2RS_FRAME_TYPE_NONE: u32 = 0;
/// PJMEDIA_FRAME_TYPE_AUDIO: the frame holds audio.
pub const PJSUA2RS_FRAME_TYPE_AUDIO: u32 = 1;

/// Bridge frames kept queued for the bridge (60 ms at the default 20 ms ptime).
pub(super) const TARGET_QUEUED: usize = 3;
/// The most received bridge frames waiting for onFrameReceived.
const MAX_RECEIVED: usize = 32;
/// The longest application frame, in microseconds.
const MAX_FRAME_USEC: u64 = 1_000_000;

/// PJSUA2's `MediaFormatAudio` of an application port: 16-bit linear PCM, mono. A zero
/// field takes the bridge's value (its clock rate and frame time; 1 channel; 16 bits).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct MediaFormatAudio {
    /// Samples per second: any rate the resampler converts to and from the bridge's
    /// (8000, 16000, 32000, 44100, 48000...).
    pub clock_rate: u32,
    /// Channels (1).
    pub channel_count: u32,
    /// Frame duration in microseconds (at most a second), a whole number of samples.
    pub frame_time_usec: u32,
    /// Bits per sample (16).
    pub bits_per_sample: u32,
}

impl MediaFormatAudio {
    /// Samples in one frame (valid once [`resolve_format`] accepted the format).
    pub fn samples_per_frame(&self) -> usize {
        (self.clock_rate as u64 * self.frame_time_usec as u64 / 1_000_000) as usize
    }
}

/// PJSUA2's `MediaFrame` of an application port.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct MediaFrame {
    /// PJSUA2RS_FRAME_TYPE_AUDIO or PJSUA2RS_FRAME_TYPE_NONE.
    pub frame_type: u32,
    /// One frame of the port's format.
    pub samples: Vec<i16>,
}

/// PJSUA2's `AudioMediaPort` virtual methods. Like every callback they run on the
/// library's callback thread (in poll mode inside `handle_events`, which must then be
/// called at least every 40 ms to keep the port fed), never on the media thread and never
/// while the library holds a lock.
pub trait AudioMediaPortHandler: Send + Sync {
    /// The port needs its next frame. `frame` comes as one frame of silence of type
    /// AUDIO: write the samples (fewer are padded with silence, more are cut), or set the
    /// type to NONE for no audio. Requests come ahead of time, at the bridge's pace: the
    /// port keeps about three of the bridge's frames queued.
    fn on_frame_requested(&self, _frame: &mut MediaFrame) {}

    /// A frame the bridge mixed for the port (what the ports transmitting to it sent),
    /// converted to the port's format.
    fn on_frame_received(&self, _frame: &MediaFrame) {}
}

/// The counters of an application port.
#[repr(C)]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct AudioMediaPortStats {
    /// Bridge frames sent as silence because onFrameRequested had not supplied them in
    /// time.
    pub underruns: u64,
    /// Bridge frames not delivered to onFrameReceived because it fell 32 frames behind.
    pub dropped: u64,
}

/// Checks an application port's format against the bridge's `bridge` format and fills
/// in its zero fields; the reason names PJSUA2's field on failure.
pub fn resolve_format(
    fmt: &MediaFormatAudio,
    bridge: AudioFormat,
) -> Result<MediaFormatAudio, String> {
    let or = |v: u32, d: u32| if v == 0 { d } else { v };
    let f = MediaFormatAudio {
        clock_rate: or(fmt.clock_rate, bridge.clock_rate),
        channel_count: or(fmt.channel_count, 1),
        frame_time_usec: or(fmt.frame_time_usec, bridge.ptime_ms * 1000),
        bits_per_sample: or(fmt.bits_per_sample, 16),
    };
    if f.channel_count != 1 {
        return Err(format!(
            "channelCount {} is not supported (mono only)",
            f.channel_count
        ));
    }
    if f.bits_per_sample != 16 {
        return Err(format!(
            "bitsPerSample {} is not supported (16-bit linear PCM only)",
            f.bits_per_sample
        ));
    }
    let b = bridge.clock_rate;
    if Resampler::new(f.clock_rate, b, 1).is_err() || Resampler::new(b, f.clock_rate, 1).is_err() {
        return Err(format!(
            "clockRate {} cannot be converted to and from the bridge's {b} Hz",
            f.clock_rate
        ));
    }
    let usec = f.frame_time_usec as u64;
    if usec > MAX_FRAME_USEC || !(f.clock_rate as u64 * usec).is_multiple_of(1_000_000) {
        return Err(format!(
            "frameTimeUsec {usec} is over a second or not a whole number of samples at {} Hz",
            f.clock_rate
        ));
    }
    Ok(f)
}

/// What a port asks of the callback thread.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AppPortWork {
    /// Call onFrameRequested until enough frames are queued.
    Fill,
    /// Hand the received frames to onFrameReceived.
    Deliver,
}

/// Posts work for the callback thread (called on the media thread: it must only post).
pub type Wake = Arc<dyn Fn(AppPortWork) + Send + Sync>;

/// The queues between the media thread and the callback thread.
pub(super) struct Queues {
    /// Bridge frames for the bridge, oldest first, with whether they hold audio.
    pub ready: VecDeque<(Vec<i16>, bool)>,
    /// Buffers of frames the bridge took, for the callback thread to fill again.
    pub ready_spare: Vec<Vec<i16>>,
    /// Bridge frames the bridge gave the port, oldest first.
    pub received: VecDeque<Vec<i16>>,
    /// Free buffers for `received` (MAX_RECEIVED in all, with the ones in use).
    pub received_spare: Vec<Vec<i16>>,
}

/// What the port (media thread) and its pump (callback thread) share.
pub(super) struct Shared {
    queues: Mutex<Queues>,
    /// A Fill is posted and has not started yet.
    fill_posted: AtomicBool,
    /// A Deliver is posted and has not started yet.
    deliver_posted: AtomicBool,
    /// The port was destroyed: no more callbacks.
    pub closed: AtomicBool,
    underruns: AtomicU64,
    dropped: AtomicU64,
}

impl Shared {
    /// The queues, locked (briefly: the media thread needs them every tick).
    pub fn lock(&self) -> MutexGuard<'_, Queues> {
        self.queues.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Posts `work` unless the same work is already posted and not started.
    pub fn ask(&self, wake: &Wake, work: AppPortWork) {
        let flag = match work {
            AppPortWork::Fill => &self.fill_posted,
            AppPortWork::Deliver => &self.deliver_posted,
        };
        if !flag.swap(true, Ordering::AcqRel) {
            wake(work);
        }
    }

    /// The posted `work` starts: a new need from now on posts again.
    pub fn started(&self, work: AppPortWork) {
        match work {
            AppPortWork::Fill => &self.fill_posted,
            AppPortWork::Deliver => &self.deliver_posted,
        }
        .store(false, Ordering::Release);
    }

    /// The counters.
    pub fn stats(&self) -> AudioMediaPortStats {
        AudioMediaPortStats {
            underruns: self.underruns.load(Ordering::Relaxed),
            dropped: self.dropped.load(Ordering::Relaxed),
        }
    }
}

/// The application port in the bridge (media thread side).
pub struct AppPort {
    name: String,
    shared: Arc<Shared>,
    wake: Wake,
}

/// Creates an application port named `name` of format `fmt` (already resolved) for a
/// bridge of `bridge` format: the port for the bridge and the pump that runs its
/// callbacks with `handler`. `wake` posts the port's work to the callback thread, where
/// it goes to the pump; register the pump before adding the port, then call
/// [`AppPortPump::start`].
pub fn create(
    name: &str,
    fmt: MediaFormatAudio,
    bridge: AudioFormat,
    handler: Arc<dyn AudioMediaPortHandler>,
    wake: Wake,
) -> Result<(AppPort, AppPortPump), String> {
    let n = bridge.samples_per_frame();
    // The most ready frames: below the target, plus one application frame's worth.
    let most = TARGET_QUEUED + 2 + fmt.frame_time_usec as usize / (bridge.ptime_ms as usize * 1000);
    let shared = Arc::new(Shared {
        queues: Mutex::new(Queues {
            ready: VecDeque::with_capacity(most),
            ready_spare: Vec::with_capacity(most),
            received: VecDeque::with_capacity(MAX_RECEIVED),
            received_spare: (0..MAX_RECEIVED).map(|_| Vec::with_capacity(n)).collect(),
        }),
        fill_posted: AtomicBool::new(false),
        deliver_posted: AtomicBool::new(false),
        closed: AtomicBool::new(false),
        underruns: AtomicU64::new(0),
        dropped: AtomicU64::new(0),
    });
    let pump = AppPortPump::new(fmt, bridge, shared.clone(), handler, wake.clone())?;
    let port = AppPort {
        name: name.to_string(),
        shared,
        wake,
    };
    Ok((port, pump))
}

impl AppPort {
    /// The counters.
    pub fn stats(&self) -> AudioMediaPortStats {
        self.shared.stats()
    }
}

impl MediaPort for AppPort {
    fn name(&self) -> &str {
        &self.name
    }

    fn get_frame(&mut self, _now: Instant, out: &mut [i16]) -> bool {
        let (audio, left) = {
            let mut q = self.shared.lock();
            match q.ready.pop_front() {
                Some((buf, audio)) => {
                    let n = out.len().min(buf.len());
                    out[..n].copy_from_slice(&buf[..n]);
                    q.ready_spare.push(buf);
                    (Some(audio), q.ready.len())
                }
                None => (None, 0),
            }
        };
        if audio.is_none() {
            self.shared.underruns.fetch_add(1, Ordering::Relaxed);
        }
        if left < TARGET_QUEUED {
            self.shared.ask(&self.wake, AppPortWork::Fill);
        }
        audio.unwrap_or(false)
    }

    fn put_frame(&mut self, _now: Instant, frame: Option<&[i16]>) {
        let Some(frame) = frame else { return };
        let queued = {
            let mut q = self.shared.lock();
            match q.received_spare.pop() {
                Some(mut buf) => {
                    buf.clear();
                    buf.extend_from_slice(frame);
                    q.received.push_back(buf);
                    true
                }
                None => false,
            }
        };
        if queued {
            self.shared.ask(&self.wake, AppPortWork::Deliver);
        } else {
            self.shared.dropped.fetch_add(1, Ordering::Relaxed);
        }
    }

    fn idle_unless_transmitting(&self) -> bool {
        true
    }

    fn as_any_mut(&mut self) -> &mut dyn Any {
        self
    }
}
