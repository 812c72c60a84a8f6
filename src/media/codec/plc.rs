//! A simple packet loss concealment for the waveform codecs (G.711, G.722): a lost frame
//! is replaced by the last good frame repeated with a falling gain, reaching silence after
//! [`FADE_FRAMES`] lost frames in a row. Good enough for isolated losses; the jitter buffer
//! decides when to call it.

/// Lost frames in a row after which the output is silence.
const FADE_FRAMES: u32 = 3;

/// The concealment state of one decoder.
#[derive(Debug)]
pub(crate) struct FadePlc {
    /// The last decoded frame.
    last: Vec<i16>,
    /// Lost frames in a row so far.
    lost: u32,
    /// The frame length to conceal before any frame was decoded.
    default_len: usize,
}

impl FadePlc {
    /// A state for frames of `frame_len` samples (the length concealed before the first
    /// good frame; later, the last good frame's length).
    pub(crate) fn new(frame_len: usize) -> Self {
        FadePlc {
            last: Vec::with_capacity(frame_len),
            lost: 0,
            default_len: frame_len,
        }
    }

    /// Remembers a good frame.
    pub(crate) fn remember(&mut self, frame: &[i16]) {
        self.last.clear();
        self.last.extend_from_slice(frame);
        self.lost = 0;
    }

    /// Appends a concealment frame (as long as the last good one) to `out`; returns the
    /// count.
    pub(crate) fn conceal(&mut self, out: &mut Vec<i16>) -> usize {
        let n = if self.last.is_empty() {
            self.default_len
        } else {
            self.last.len()
        };
        let total = (FADE_FRAMES as usize * n.max(1)) as f32;
        let done = (self.lost as usize * n) as f32;
        for i in 0..n {
            let src = if self.last.is_empty() {
                0
            } else {
                self.last[i % self.last.len()]
            };
            let gain = (1.0 - (done + i as f32) / total).max(0.0);
            out.push((src as f32 * gain) as i16);
        }
        self.lost = self.lost.saturating_add(1);
        n
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fades_to_silence() {
        let mut plc = FadePlc::new(160);
        plc.remember(&[1000; 160]);
        let mut out = Vec::new();
        for _ in 0..4 {
            assert_eq!(plc.conceal(&mut out), 160);
        }
        assert_eq!(out[0], 1000);
        assert!(out[159] < 1000 && out[159] > 600);
        assert!(out[320..480].iter().all(|&s| s < 340));
        assert!(out[480..].iter().all(|&s| s == 0));
        // A good frame resets the fade.
        plc.remember(&[500; 160]);
        out.clear();
        plc.conceal(&mut out);
        assert_eq!(out[0], 500);
    }
}
