//! An adaptive jitter buffer for fixed-duration audio frames, keyed by RTP timestamp,
//! with PJMEDIA's settings (prefetch, minimum and maximum prefetch, maximum size,
//! discard algorithm) and its `JbufState` report.
//!
//! The buffer is a ring of frame slots: frame `f` holds the samples from
//! `f * frame duration` on. A packet may carry several frames (G.711 with a 40 ms ptime
//! and 20 ms frames: `frames_per_packet` 2), which are split equally. The media clock
//! calls [`JitterBuffer::get`] once per frame period and gets a frame, a gap to conceal,
//! or nothing while the buffer fills.
//!
//! Adaptation. Each packet's transit (arrival time minus timestamp, as RFC 3550 §6.4.1
//! uses) is kept for the last 128 packets; its spread above the fastest packet, at the
//! 97th percentile, is the delay a frame may need beyond the best case. It rises at once
//! when a packet is later than that and falls back as the window forgets. The target
//! depth (`prefetch`) is that spread in frames plus one packet, clamped to
//! `[min_prefetch, max_prefetch]`. The buffer grows to the target by waiting: when it
//! runs dry, or the frame due has not arrived while fewer than `prefetch` frames are
//! buffered, it plays nothing until `prefetch` frames are there again; and it
//! shrinks by dropping a frame when its depth stayed above the target for a while
//! (progressive discard: the bigger the excess, the sooner; static: only above twice the
//! target, one frame per 200 ms).
//!
//! Resynchronisation. After an underflow the buffer restarts at the next talkspurt (a
//! marker bit, a sequence number that follows on, or a jump longer than the prefetch), so
//! silence suppressed by the sender is not played back as lost frames; frames left short
//! of the prefetch when packets stop are played out rather than held; a timestamp jump
//! beyond the buffer's capacity (either way) flushes it and starts again.

use super::stats::MathStat;
use std::time::Instant;

#[path = "jitter_config.rs"]
mod config;

use config::MAX_FRAMES;
pub use config::{DiscardAlgo, JbConfig, MediaJbSettings};

/// Transits remembered for the jitter estimate.
const WINDOW: usize = 128;
/// How often (in packets) the percentile is recomputed; between, it only rises.
const RECOMPUTE_EVERY: u32 = 16;
/// The percentile of the transit spread the buffer covers.
const LEVEL_QUANTILE: f64 = 0.97;
/// How long the depth must stay above the target before a frame is dropped.
const SHRINK_PERIOD_MS: u32 = 200;

/// What [`JitterBuffer::get`] gives for one frame period.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum JbFrame<'a> {
    /// A frame to decode.
    Normal(&'a [u8]),
    /// The frame due now is missing (lost or too late): conceal it.
    Missing,
    /// Nothing to play: not started, filling up (prefetch) or run dry.
    Empty,
}

/// What became of a packet given to [`JitterBuffer::put`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PutResult {
    /// Stored (at least one of its frames).
    Stored,
    /// Stored after flushing the buffer for a timestamp discontinuity.
    Resync,
    /// Its frames were already played or skipped: discarded.
    Late,
    /// Its frames are already in the buffer: discarded.
    Duplicate,
    /// An empty payload carries no frame.
    Ignored,
}

/// The buffer's state (PJSUA2 `JbufState`, `pjmedia_jb_state`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct JbufState {
    /// Largest frame seen, in bytes.
    pub frame_size: u32,
    /// Minimum allowed prefetch, in frames.
    pub min_prefetch: u32,
    /// Maximum allowed prefetch, in frames.
    pub max_prefetch: u32,
    /// Current burst level: the measured jitter, in frames.
    pub burst: u32,
    /// Current prefetch (the target depth), in frames.
    pub prefetch: u32,
    /// Current size: frames from the next to play to the newest stored, in frames.
    pub size: u32,
    /// Average time a played frame spent in the buffer, in ms.
    pub avg_delay_msec: u32,
    /// Minimum of that, in ms.
    pub min_delay_msec: u32,
    /// Maximum of that, in ms.
    pub max_delay_msec: u32,
    /// Standard deviation of that, in ms.
    pub dev_delay_msec: u32,
    /// Average burst level, in frames.
    pub avg_burst: u32,
    /// Frames returned as missing.
    pub lost: u32,
    /// Frames discarded: late, duplicate, pushed out when full, or dropped to shorten
    /// the delay.
    pub discard: u32,
    /// Frame periods that returned nothing (not started, prefetching or underflow).
    pub empty: u32,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Phase {
    /// Nothing received since creation or reset.
    Idle,
    /// Waiting for `prefetch` frames before playing.
    Prefetching,
    /// Playing one frame per `get`.
    Playing,
}

#[derive(Clone, Debug, Default)]
struct Slot {
    filled: bool,
    arrival: Option<Instant>,
    data: Vec<u8>,
}

/// The adaptive jitter buffer of one received stream.
#[derive(Clone, Debug)]
pub struct JitterBuffer {
    cfg: JbConfig,
    frame_ts: i64,
    frame_us: i64,
    slots: Vec<Slot>,
    phase: Phase,
    /// The next frame to play, and one past the newest frame stored.
    head: i64,
    tail: i64,
    /// Filled slots in `head..tail`.
    filled: u32,
    /// Timestamp extension: the newest timestamp seen and its extended value.
    ts_ref: u32,
    ext_ref: i64,
    last_seq: Option<u16>,
    last_put: Option<Instant>,
    epoch: Option<Instant>,
    transits: [i64; WINDOW],
    n_transits: usize,
    since_recompute: u32,
    level_us: i64,
    prefetch: u32,
    min_depth: u32,
    gets_in_window: u32,
    shrink_period: u32,
    delay: MathStat,
    burst: MathStat,
    frame_size: u32,
    lost: u32,
    discard: u32,
    empty: u32,
}

impl JitterBuffer {
    /// An empty buffer (the settings are made consistent first, see [`JbConfig`]).
    pub fn new(cfg: JbConfig) -> Self {
        let cfg = cfg.normalized();
        let frame_ts = (cfg.clock_rate as i64 * cfg.frame_ms as i64 / 1000).max(1);
        let prefetch = if cfg.init_prefetch == 0 {
            cfg.min_prefetch
        } else {
            cfg.init_prefetch
        };
        JitterBuffer {
            frame_ts,
            frame_us: cfg.frame_ms as i64 * 1000,
            slots: vec![Slot::default(); cfg.max_count as usize],
            phase: Phase::Idle,
            head: 0,
            tail: 0,
            filled: 0,
            ts_ref: 0,
            ext_ref: 0,
            last_seq: None,
            last_put: None,
            epoch: None,
            transits: [0; WINDOW],
            n_transits: 0,
            since_recompute: 0,
            level_us: 0,
            prefetch,
            min_depth: u32::MAX,
            gets_in_window: 0,
            shrink_period: shrink_period(&cfg),
            delay: MathStat::default(),
            burst: MathStat::default(),
            frame_size: 0,
            lost: 0,
            discard: 0,
            empty: 0,
            cfg,
        }
    }

    /// The settings in use.
    pub fn config(&self) -> &JbConfig {
        &self.cfg
    }

    /// Flushes the buffer for a new source (the caller saw an SSRC change): frames and
    /// the transit history go, the statistics and the learnt prefetch stay.
    pub fn reset(&mut self) {
        self.flush();
        self.phase = Phase::Idle;
        self.last_seq = None;
        self.epoch = None;
        self.n_transits = 0;
    }

    fn flush(&mut self) {
        for slot in &mut self.slots {
            slot.filled = false;
        }
        self.filled = 0;
    }

    /// Takes a packet's payload: sequence number `seq`, RTP timestamp `ts` (of its first
    /// frame), marker bit `marker`, received at `now`; the payload holds the configured
    /// `frames_per_packet` frames.
    pub fn put(
        &mut self,
        now: Instant,
        seq: u16,
        ts: u32,
        payload: &[u8],
        marker: bool,
    ) -> PutResult {
        let frames = self.cfg.frames_per_packet;
        self.put_frames(now, seq, ts, payload, marker, frames)
    }

    /// Like [`JitterBuffer::put`] for a payload of `frames` equal frames (a waveform
    /// codec's packet of any packet time: the caller counts its frames by size).
    pub fn put_frames(
        &mut self,
        now: Instant,
        seq: u16,
        ts: u32,
        payload: &[u8],
        marker: bool,
        frames: u32,
    ) -> PutResult {
        if self.phase == Phase::Idle {
            self.phase = Phase::Prefetching;
            self.ts_ref = ts;
            self.ext_ref = 0;
            self.head = 0;
            self.tail = 0;
        }
        let mut ext = self.extend(ts);
        let mut first = (ext + self.frame_ts / 2).div_euclid(self.frame_ts);
        let max = self.cfg.max_count as i64;
        let mut result = PutResult::Stored;
        if first >= self.tail + max || first < self.head - max {
            // A discontinuity: start again from this packet, as frame 0.
            self.flush();
            self.ts_ref = ts;
            self.ext_ref = 0;
            self.head = 0;
            self.tail = 0;
            self.phase = Phase::Prefetching;
            self.epoch = None;
            self.n_transits = 0;
            (ext, first) = (0, 0);
            result = PutResult::Resync;
        } else if self.phase == Phase::Prefetching && self.filled == 0 && first > self.head {
            // Empty after an underflow or silence: start at this packet if it begins a
            // talkspurt, rather than play the gap as lost frames.
            let follows = self.last_seq.is_some_and(|s| seq == s.wrapping_add(1));
            if marker || follows || first - self.head > self.prefetch as i64 {
                self.head = first;
                self.tail = first;
            }
        }
        self.last_seq = Some(seq);
        self.last_put = Some(now);
        if payload.is_empty() {
            return PutResult::Ignored;
        }
        let n = frames.max(1) as usize;
        let part = payload.len().div_ceil(n);
        let (mut stored, mut late) = (0, 0);
        for (i, frame) in payload.chunks(part).enumerate() {
            match self.store(now, first + i as i64, frame) {
                PutResult::Stored => stored += 1,
                PutResult::Late => late += 1,
                _ => {}
            }
        }
        if stored + late > 0 {
            self.measure(now, ext);
        }
        if stored > 0 {
            result
        } else if late > 0 {
            PutResult::Late
        } else {
            PutResult::Duplicate
        }
    }

    /// Stores one frame; gives `Stored`, `Late` or `Duplicate`.
    fn store(&mut self, now: Instant, frame: i64, data: &[u8]) -> PutResult {
        if frame < self.head {
            self.discard += 1;
            return PutResult::Late;
        }
        // Full: push the oldest frames out to make room.
        while frame >= self.head + self.cfg.max_count as i64 {
            self.drop_head();
        }
        let idx = self.index(frame);
        let slot = &mut self.slots[idx];
        if slot.filled {
            self.discard += 1;
            return PutResult::Duplicate;
        }
        slot.filled = true;
        slot.arrival = Some(now);
        slot.data.clear();
        slot.data.extend_from_slice(data);
        self.filled += 1;
        self.frame_size = self.frame_size.max(data.len() as u32);
        self.tail = self.tail.max(frame + 1);
        PutResult::Stored
    }

    /// Removes the frame at the head (counted as discarded if it was there).
    fn drop_head(&mut self) {
        let idx = self.index(self.head);
        if self.slots[idx].filled {
            self.slots[idx].filled = false;
            self.filled -= 1;
            self.discard += 1;
        }
        self.head += 1;
        self.tail = self.tail.max(self.head);
    }

    fn index(&self, frame: i64) -> usize {
        frame.rem_euclid(self.cfg.max_count as i64) as usize
    }

    /// Extends a 32-bit timestamp against the newest one seen.
    fn extend(&mut self, ts: u32) -> i64 {
        let diff = ts.wrapping_sub(self.ts_ref) as i32 as i64;
        let ext = self.ext_ref + diff;
        if diff > 0 {
            self.ts_ref = ts;
            self.ext_ref = ext;
        }
        ext
    }

    /// Records a packet's transit and updates the level and the prefetch.
    fn measure(&mut self, now: Instant, ext: i64) {
        let epoch = *self.epoch.get_or_insert(now);
        let arrival_us = now.saturating_duration_since(epoch).as_micros() as i64;
        let transit = arrival_us - ext * 1_000_000 / self.cfg.clock_rate as i64;
        self.transits[self.n_transits % WINDOW] = transit;
        self.n_transits += 1;
        let window = &self.transits[..self.n_transits.min(WINDOW)];
        let fastest = window.iter().copied().min().unwrap_or(transit);
        self.level_us = self.level_us.max(transit - fastest);
        self.since_recompute += 1;
        if self.since_recompute >= RECOMPUTE_EVERY {
            self.since_recompute = 0;
            let mut spread = [0i64; WINDOW];
            let spread = &mut spread[..window.len()];
            for (s, t) in spread.iter_mut().zip(window) {
                *s = t - fastest;
            }
            let k = ((spread.len() as f64 * LEVEL_QUANTILE).ceil() as usize).clamp(1, spread.len());
            self.level_us = *spread.select_nth_unstable(k - 1).1;
        }
        let burst = self.burst_frames();
        self.burst.update(burst as i64);
        let mut target = (self.cfg.frames_per_packet + burst)
            .clamp(self.cfg.min_prefetch, self.cfg.max_prefetch);
        if self.n_transits < RECOMPUTE_EVERY as usize {
            target = target.max(self.cfg.init_prefetch);
        }
        self.prefetch = target;
    }

    /// The jitter level in frames, rounded up.
    fn burst_frames(&self) -> u32 {
        ((self.level_us + self.frame_us - 1) / self.frame_us).clamp(0, MAX_FRAMES as i64) as u32
    }

    /// Frames from the next to play to the newest stored.
    fn depth(&self) -> u32 {
        (self.tail - self.head) as u32
    }

    /// The frame for this period; called once per frame duration by the media clock.
    pub fn get(&mut self, now: Instant) -> JbFrame<'_> {
        let was_playing = self.phase == Phase::Playing;
        match self.phase {
            Phase::Idle => {
                self.empty += 1;
                return JbFrame::Empty;
            }
            Phase::Prefetching if self.depth() < self.prefetch && !self.stalled(now) => {
                self.empty += 1;
                return JbFrame::Empty;
            }
            Phase::Prefetching => {
                self.phase = Phase::Playing;
                self.min_depth = u32::MAX;
                self.gets_in_window = 0;
            }
            Phase::Playing => {}
        }
        let idx = self.index(self.head);
        // Run dry, or the frame due is not here while the buffer is below its target:
        // wait (and grow) rather than give the frame up for lost.
        let short = self.depth() < self.prefetch && !self.slots[idx].filled && !self.stalled(now);
        if self.depth() == 0 || (was_playing && short) {
            self.phase = Phase::Prefetching;
            self.empty += 1;
            return JbFrame::Empty;
        }
        self.shrink();
        let idx = self.index(self.head);
        self.head += 1;
        let slot = &mut self.slots[idx];
        if !slot.filled {
            self.lost += 1;
            return JbFrame::Missing;
        }
        slot.filled = false;
        self.filled -= 1;
        if let Some(arrival) = slot.arrival {
            self.delay
                .update(now.saturating_duration_since(arrival).as_millis() as i64);
        }
        JbFrame::Normal(&self.slots[idx].data)
    }

    /// The frame that the next [`JitterBuffer::get`] plays, if it is here: after a
    /// `Missing`, codecs with in-band FEC (Opus) rebuild the lost frame from it.
    pub fn peek(&self) -> Option<&[u8]> {
        let slot = &self.slots[self.index(self.head)];
        slot.filled.then_some(slot.data.as_slice())
    }

    /// Whether frames wait while packets stopped coming for longer than the prefetch
    /// (the end of a talkspurt): then they are played rather than held back.
    fn stalled(&self, now: Instant) -> bool {
        let quiet = self
            .last_put
            .map(|t| now.saturating_duration_since(t).as_micros() as i64);
        self.filled > 0 && quiet.is_some_and(|q| q > self.prefetch as i64 * self.frame_us)
    }

    /// Drops a frame when the depth stayed above the target for a shrink period.
    fn shrink(&mut self) {
        self.min_depth = self.min_depth.min(self.depth());
        self.gets_in_window += 1;
        if self.gets_in_window < self.shrink_period {
            return;
        }
        let base = shrink_period(&self.cfg);
        let threshold = match self.cfg.discard {
            DiscardAlgo::None => u32::MAX,
            DiscardAlgo::Static => 2 * self.prefetch,
            DiscardAlgo::Progressive => self.prefetch,
        };
        self.shrink_period = base;
        if self.min_depth > threshold {
            // Drop the frame at the head (free when it is a missing one).
            self.drop_head();
            if self.cfg.discard == DiscardAlgo::Progressive {
                let excess = self.min_depth - threshold;
                self.shrink_period = (base / excess).max(2);
            }
        }
        self.min_depth = u32::MAX;
        self.gets_in_window = 0;
    }

    /// The state, as PJSUA2's `JbufState`.
    pub fn state(&self) -> JbufState {
        let ms = |v: i64| v.clamp(0, u32::MAX as i64) as u32;
        JbufState {
            frame_size: self.frame_size,
            min_prefetch: self.cfg.min_prefetch,
            max_prefetch: self.cfg.max_prefetch,
            burst: self.burst_frames(),
            prefetch: self.prefetch,
            size: self.depth(),
            avg_delay_msec: ms(self.delay.mean),
            min_delay_msec: ms(self.delay.min),
            max_delay_msec: ms(self.delay.max),
            dev_delay_msec: ms(self.delay.stddev()),
            avg_burst: ms(self.burst.mean),
            lost: self.lost,
            discard: self.discard,
            empty: self.empty,
        }
    }
}

/// The shrink period in frame periods (200 ms).
fn shrink_period(cfg: &JbConfig) -> u32 {
    (SHRINK_PERIOD_MS / cfg.frame_ms.max(1)).max(1)
}

#[cfg(test)]
#[path = "jitter_tests.rs"]
mod tests;

#[cfg(test)]
#[path = "jitter_sim_tests.rs"]
mod sim_tests;
