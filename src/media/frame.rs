//! Audio frames: blocks of 16-bit linear PCM samples at a clock rate, the unit the
//! conference bridge, codecs, files and devices exchange (one ptime, 20 ms by default).

/// The shape of a stream of frames.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct AudioFormat {
    /// Samples per second per channel (8000, 16000, 32000, 48000...).
    pub clock_rate: u32,
    /// Interleaved channels (1 for mono).
    pub channels: u16,
    /// Frame duration in milliseconds.
    pub ptime_ms: u32,
}

impl AudioFormat {
    /// A mono format with 20 ms frames.
    pub const fn mono(clock_rate: u32) -> Self {
        AudioFormat {
            clock_rate,
            channels: 1,
            ptime_ms: 20,
        }
    }

    /// Samples in one frame (all channels).
    pub const fn samples_per_frame(&self) -> usize {
        (self.clock_rate as usize * self.ptime_ms as usize / 1000) * self.channels as usize
    }
}

/// One frame of audio: `format.samples_per_frame()` samples, or silence.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AudioFrame {
    /// The format.
    pub format: AudioFormat,
    /// The samples (interleaved when stereo).
    pub samples: Vec<i16>,
}

impl AudioFrame {
    /// A frame of silence.
    pub fn silence(format: AudioFormat) -> Self {
        AudioFrame {
            format,
            samples: vec![0; format.samples_per_frame()],
        }
    }

    /// The frame's level as PJSUA2 reports it (`getRxLevel`/`getTxLevel`): 0 (silence) to
    /// 255 (full scale), from the mean absolute sample value.
    pub fn level(&self) -> u32 {
        if self.samples.is_empty() {
            return 0;
        }
        let sum: u64 = self.samples.iter().map(|s| s.unsigned_abs() as u64).sum();
        let mean = sum / self.samples.len() as u64;
        ((mean * 255) / 32768) as u32
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn frame_sizes() {
        assert_eq!(AudioFormat::mono(8000).samples_per_frame(), 160);
        assert_eq!(AudioFormat::mono(16000).samples_per_frame(), 320);
        let stereo = AudioFormat {
            clock_rate: 48000,
            channels: 2,
            ptime_ms: 20,
        };
        assert_eq!(stereo.samples_per_frame(), 1920);
    }

    #[test]
    fn levels() {
        let f = AudioFormat::mono(8000);
        assert_eq!(AudioFrame::silence(f).level(), 0);
        let full = AudioFrame {
            format: f,
            samples: vec![i16::MIN; 160],
        };
        assert_eq!(full.level(), 255);
    }
}
