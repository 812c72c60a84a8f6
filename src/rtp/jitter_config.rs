//! The jitter buffer's settings: PJSUA2's `MediaConfig` values (jbInit, jbMinPre,
//! jbMaxPre, jbMax in milliseconds, jbDiscardAlgo) and their conversion to frames the
//! way PJMEDIA's stream converts them.

/// The largest buffer accepted, in frames.
pub(super) const MAX_FRAMES: u32 = 1000;

/// PJMEDIA's jitter-buffer discard algorithms (`pjmedia_jb_discard_algo`, PJSUA2
/// `MediaConfig.jbDiscardAlgo`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum DiscardAlgo {
    /// 0: never drop frames to reduce latency (only when the buffer is full).
    None,
    /// 1: drop one frame per 200 ms while the depth stays above twice the target.
    Static,
    /// 2 (the default): drop frames more often the further the depth is above the target.
    #[default]
    Progressive,
}

impl DiscardAlgo {
    /// From PJSUA2's numbering; unknown values mean the default.
    pub fn from_pjsua(value: i32) -> Self {
        match value {
            0 => DiscardAlgo::None,
            1 => DiscardAlgo::Static,
            _ => DiscardAlgo::Progressive,
        }
    }
}

/// PJSUA2's jitter-buffer settings (`MediaConfig` jbInit, jbMinPre, jbMaxPre, jbMax,
/// jbDiscardAlgo), in milliseconds, -1 meaning the default.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct MediaJbSettings {
    /// Initial prefetch delay (default: start at the minimum and adapt).
    pub jb_init: i32,
    /// Minimum prefetch delay (default: one frame).
    pub jb_min_pre: i32,
    /// Maximum prefetch delay (default: four fifths of the maximum size).
    pub jb_max_pre: i32,
    /// Maximum size (default: 500 ms).
    pub jb_max: i32,
    /// Discard algorithm (default 2, progressive).
    pub jb_discard_algo: i32,
}

impl Default for MediaJbSettings {
    fn default() -> Self {
        MediaJbSettings {
            jb_init: -1,
            jb_min_pre: -1,
            jb_max_pre: -1,
            jb_max: -1,
            jb_discard_algo: 2,
        }
    }
}

/// The buffer's settings, in frames.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct JbConfig {
    /// The RTP clock rate.
    pub clock_rate: u32,
    /// Frame duration in milliseconds (20 by default).
    pub frame_ms: u32,
    /// Frames in one packet's payload (the payload is split into that many equal parts).
    pub frames_per_packet: u32,
    /// Prefetch to start with; 0 starts at `min_prefetch`.
    pub init_prefetch: u32,
    /// The least prefetch the adaptation may choose (at least 1).
    pub min_prefetch: u32,
    /// The most prefetch the adaptation may choose.
    pub max_prefetch: u32,
    /// Capacity in frames: frames further ahead push the oldest out.
    pub max_count: u32,
    /// How latency is reduced.
    pub discard: DiscardAlgo,
}

impl JbConfig {
    /// PJSUA2's defaults for a stream of `frame_ms` frames at `clock_rate`.
    pub fn new(clock_rate: u32, frame_ms: u32) -> Self {
        JbConfig::from_pjsua(clock_rate, frame_ms, 1, &MediaJbSettings::default())
    }

    /// PJSUA2's settings converted as PJMEDIA's stream does: each value at least one
    /// frame long is divided by the frame duration, others take the default.
    pub fn from_pjsua(
        clock_rate: u32,
        frame_ms: u32,
        frames_per_packet: u32,
        s: &MediaJbSettings,
    ) -> Self {
        let frame = frame_ms.clamp(1, i32::MAX as u32) as i64;
        let frames = |ms: i32| (ms as i64 >= frame).then_some((ms as i64 / frame) as u32);
        let max_count = if s.jb_max as i64 >= frame {
            ((s.jb_max as i64 + frame - 1) / frame) as u32
        } else {
            (500 / frame) as u32
        };
        JbConfig {
            clock_rate,
            frame_ms,
            frames_per_packet,
            init_prefetch: frames(s.jb_init).unwrap_or(0),
            min_prefetch: frames(s.jb_min_pre).unwrap_or(1),
            max_prefetch: frames(s.jb_max_pre).unwrap_or((max_count * 4 / 5).max(1)),
            max_count,
            discard: DiscardAlgo::from_pjsua(s.jb_discard_algo),
        }
    }

    /// The settings made consistent: at least one frame per packet, prefetch bounds
    /// ordered, room for the largest prefetch plus a packet.
    pub(super) fn normalized(mut self) -> Self {
        self.clock_rate = self.clock_rate.max(1);
        self.frame_ms = self.frame_ms.max(1);
        self.frames_per_packet = self.frames_per_packet.clamp(1, MAX_FRAMES / 4);
        self.min_prefetch = self.min_prefetch.clamp(1, MAX_FRAMES / 2);
        self.max_prefetch = self.max_prefetch.clamp(self.min_prefetch, MAX_FRAMES / 2);
        self.max_count = self
            .max_count
            .clamp(self.max_prefetch + 2 * self.frames_per_packet, MAX_FRAMES);
        if self.init_prefetch != 0 {
            self.init_prefetch = self
                .init_prefetch
                .clamp(self.min_prefetch, self.max_prefetch);
        }
        self
    }
}
