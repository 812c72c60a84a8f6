//! The callback thread's side of an application port ([`super::app_port`]): calls
//! onFrameRequested until the port has enough frames queued, hands received frames to
//! onFrameReceived, and converts between the application's format and the bridge's
//! (sample rate with the resampler, frame length by cutting and joining frames).

use super::app_port::{
    AppPortWork, AudioMediaPortHandler, AudioMediaPortStats, MediaFormatAudio, MediaFrame, Shared,
    Wake, PJSUA2RS_FRAME_TYPE_AUDIO, PJSUA2RS_FRAME_TYPE_NONE, TARGET_QUEUED,
};
use crate::media::resample::Resampler;
use crate::media::AudioFormat;
use std::sync::atomic::Ordering;
use std::sync::{Arc, Mutex};

/// The conversion state, owned by whichever thread runs the port's callbacks.
struct Converter {
    /// Samples in an application frame and in a bridge frame.
    app_len: usize,
    bridge_len: usize,
    /// Application rate to bridge rate, and back (None when they are equal).
    to_bridge: Option<Resampler>,
    from_bridge: Option<Resampler>,
    /// Converted samples not yet a whole bridge frame, and whether audio went into them.
    outgoing: Vec<i16>,
    outgoing_audio: bool,
    /// Converted samples not yet a whole application frame.
    incoming: Vec<i16>,
    /// The frame handed to the callbacks.
    frame: MediaFrame,
}

/// Appends `input` converted by `r` (copied when there is no resampler) to `out`.
fn convert(r: &mut Option<Resampler>, input: &[i16], out: &mut Vec<i16>) {
    match r {
        Some(r) => {
            r.process(input, out);
        }
        None => out.extend_from_slice(input),
    }
}

/// Runs an application port's callbacks: [`AppPortPump::run`] for each work the port
/// posted.
pub struct AppPortPump {
    shared: Arc<Shared>,
    handler: Arc<dyn AudioMediaPortHandler>,
    wake: Wake,
    /// Taken while callbacks run (no lock is held meanwhile); None then.
    state: Mutex<Option<Converter>>,
}

impl AppPortPump {
    /// A pump for a port of format `fmt` (resolved) on a bridge of `bridge` format.
    pub(super) fn new(
        fmt: MediaFormatAudio,
        bridge: AudioFormat,
        shared: Arc<Shared>,
        handler: Arc<dyn AudioMediaPortHandler>,
        wake: Wake,
    ) -> Result<Self, String> {
        let resampler = |from: u32, to: u32| -> Result<Option<Resampler>, String> {
            if from == to {
                return Ok(None);
            }
            Resampler::new(from, to, 1)
                .map(Some)
                .map_err(|e| e.to_string())
        };
        let app_len = fmt.samples_per_frame();
        let bridge_len = bridge.samples_per_frame();
        let state = Converter {
            app_len,
            bridge_len,
            to_bridge: resampler(fmt.clock_rate, bridge.clock_rate)?,
            from_bridge: resampler(bridge.clock_rate, fmt.clock_rate)?,
            outgoing: Vec::with_capacity(2 * (app_len + bridge_len)),
            outgoing_audio: false,
            incoming: Vec::with_capacity(2 * (app_len + bridge_len)),
            frame: MediaFrame {
                frame_type: PJSUA2RS_FRAME_TYPE_AUDIO,
                samples: Vec::with_capacity(app_len),
            },
        };
        Ok(AppPortPump {
            shared,
            handler,
            wake,
            state: Mutex::new(Some(state)),
        })
    }

    /// Posts the first request for frames (once the pump can be found by the work).
    pub fn start(&self) {
        self.shared.ask(&self.wake, AppPortWork::Fill);
    }

    /// Stops the callbacks: a running loop ends before its next callback, and later work
    /// does nothing.
    pub fn close(&self) {
        self.shared.closed.store(true, Ordering::Release);
    }

    /// The port's counters.
    pub fn stats(&self) -> AudioMediaPortStats {
        self.shared.stats()
    }

    fn closed(&self) -> bool {
        self.shared.closed.load(Ordering::Acquire)
    }

    /// Does the posted `work`, calling the application's callbacks (on the callback
    /// thread; no library lock is held while they run).
    pub fn run(&self, work: AppPortWork) {
        self.shared.started(work);
        // Another thread (poll mode) running this port's callbacks does the work.
        let Some(mut c) = self.take() else { return };
        match work {
            AppPortWork::Fill => self.fill(&mut c),
            AppPortWork::Deliver => self.deliver(&mut c),
        }
        *self.lock_state() = Some(c);
    }

    fn lock_state(&self) -> std::sync::MutexGuard<'_, Option<Converter>> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    fn take(&self) -> Option<Converter> {
        self.lock_state().take()
    }

    /// onFrameRequested until TARGET_QUEUED bridge frames are queued.
    fn fill(&self, c: &mut Converter) {
        while !self.closed() && self.shared.lock().ready.len() < TARGET_QUEUED {
            c.frame.frame_type = PJSUA2RS_FRAME_TYPE_AUDIO;
            c.frame.samples.clear();
            c.frame.samples.resize(c.app_len, 0);
            self.handler.on_frame_requested(&mut c.frame);
            c.frame.samples.resize(c.app_len, 0);
            let audio = c.frame.frame_type != PJSUA2RS_FRAME_TYPE_NONE;
            if !audio {
                c.frame.samples.fill(0);
            }
            convert(&mut c.to_bridge, &c.frame.samples, &mut c.outgoing);
            c.outgoing_audio |= audio;
            while c.outgoing.len() >= c.bridge_len {
                let mut buf = self.shared.lock().ready_spare.pop().unwrap_or_default();
                buf.clear();
                buf.extend(c.outgoing.drain(..c.bridge_len));
                let frame_audio = c.outgoing_audio;
                // What is left came from this application frame.
                c.outgoing_audio = audio && !c.outgoing.is_empty();
                self.shared.lock().ready.push_back((buf, frame_audio));
            }
        }
    }

    /// onFrameReceived for every whole application frame of the received frames.
    fn deliver(&self, c: &mut Converter) {
        while !self.closed() {
            let Some(buf) = self.shared.lock().received.pop_front() else {
                break;
            };
            convert(&mut c.from_bridge, &buf, &mut c.incoming);
            self.shared.lock().received_spare.push(buf);
            while c.incoming.len() >= c.app_len && !self.closed() {
                c.frame.frame_type = PJSUA2RS_FRAME_TYPE_AUDIO;
                c.frame.samples.clear();
                c.frame.samples.extend(c.incoming.drain(..c.app_len));
                self.handler.on_frame_received(&c.frame);
            }
        }
    }
}
