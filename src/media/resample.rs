//! Sample-rate conversion between any two rates whose ratio reduces to at most
//! 1024 phases (8, 16, 32, 48 kHz among themselves, and 44.1 kHz files to them):
//! a polyphase FIR, a Kaiser-windowed sinc designed at construction, cut off at 90 % of
//! the lower Nyquist frequency. The last input samples are kept between calls, so a
//! stream cut into frames of any length comes out as if converted in one piece (no clicks
//! at frame edges), and no memory is allocated once the buffers have grown to one frame.

use std::f64::consts::PI;
use std::fmt;

/// The most polyphase branches (the reduced upsampling factor) we build.
const MAX_PHASES: usize = 1024;
/// Zero crossings of the sinc on each side of the centre.
const ZERO_CROSSINGS: f64 = 16.0;
/// The pass band as a fraction of the lower Nyquist frequency.
const PASSBAND: f64 = 0.9;
/// Kaiser window shape: about 85 dB of stop-band attenuation.
const KAISER_BETA: f64 = 8.6;

/// A rate pair the resampler does not convert.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ResampleError {
    /// The input rate.
    pub from: u32,
    /// The output rate.
    pub to: u32,
}

impl fmt::Display for ResampleError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "cannot resample from {} Hz to {} Hz", self.from, self.to)
    }
}

impl std::error::Error for ResampleError {}

/// A streaming resampler for interleaved 16-bit PCM.
#[derive(Clone, Debug)]
pub struct Resampler {
    from: u32,
    to: u32,
    channels: usize,
    /// Upsampling factor L (phases).
    up: usize,
    /// Downsampling factor M.
    down: usize,
    /// Taps per phase.
    taps: usize,
    /// `up` phases of `taps` coefficients each, in time order within a phase (oldest
    /// input sample first).
    coeffs: Vec<f32>,
    /// Interleaved input frames: `taps - 1` frames of history, then unconsumed input.
    hist: Vec<i16>,
    /// Frame index in `hist` of the newest input sample the next output needs.
    next: usize,
    /// Phase of the next output (0..up).
    phase: usize,
}

fn gcd(a: u64, b: u64) -> u64 {
    if b == 0 {
        a
    } else {
        gcd(b, a % b)
    }
}

/// The zeroth-order modified Bessel function of the first kind (series).
fn bessel_i0(x: f64) -> f64 {
    let mut sum = 1.0;
    let mut term = 1.0;
    let q = x * x / 4.0;
    for k in 1..50 {
        term *= q / (k * k) as f64;
        sum += term;
        if term < sum * 1e-12 {
            break;
        }
    }
    sum
}

impl Resampler {
    /// A resampler from `from` Hz to `to` Hz for `channels` interleaved channels.
    pub fn new(from: u32, to: u32, channels: u16) -> Result<Self, ResampleError> {
        let g = gcd(from as u64, to as u64);
        if from == 0 || to == 0 || channels == 0 || (to as u64 / g) as usize > MAX_PHASES {
            return Err(ResampleError { from, to });
        }
        let up = (to as u64 / g) as usize;
        let down = (from as u64 / g) as usize;
        let (taps, coeffs) = if up == down {
            (1, vec![1.0])
        } else {
            Self::design(from, to, up)
        };
        let mut r = Resampler {
            from,
            to,
            channels: channels as usize,
            up,
            down,
            taps,
            coeffs,
            hist: Vec::new(),
            next: 0,
            phase: 0,
        };
        r.reset();
        Ok(r)
    }

    /// Designs the prototype low-pass at `up × from` Hz and splits it into phases.
    fn design(from: u32, to: u32, up: usize) -> (usize, Vec<f32>) {
        let cutoff_hz = PASSBAND * from.min(to) as f64 / 2.0;
        // Cut-off in cycles per sample at the upsampled rate.
        let wc = cutoff_hz / (up as f64 * from as f64);
        let half = ZERO_CROSSINGS / (2.0 * wc);
        let taps = ((2.0 * half) / up as f64).ceil() as usize;
        let n = taps * up;
        // A whole-sample centre keeps the delay a whole number of upsampled samples.
        let centre = (n / 2) as f64;
        let norm = bessel_i0(KAISER_BETA);
        let proto: Vec<f64> = (0..n)
            .map(|i| {
                let t = i as f64 - centre;
                let x = 2.0 * wc * t;
                let sinc = if x.abs() < 1e-12 {
                    1.0
                } else {
                    (PI * x).sin() / (PI * x)
                };
                let r = t / centre;
                let w = bessel_i0(KAISER_BETA * (1.0 - r * r).max(0.0).sqrt()) / norm;
                // Gain `up` makes up for the zeros inserted by upsampling.
                2.0 * wc * sinc * w * up as f64
            })
            .collect();
        // Phase p, tap k multiplies input x[n - k] with h[k·up + p]; store each phase
        // oldest-first so the inner loop is a forward dot product.
        let mut coeffs = vec![0.0f32; n];
        for p in 0..up {
            for k in 0..taps {
                coeffs[p * taps + (taps - 1 - k)] = proto[k * up + p] as f32;
            }
        }
        (taps, coeffs)
    }

    /// The input rate.
    pub fn from_rate(&self) -> u32 {
        self.from
    }

    /// The output rate.
    pub fn to_rate(&self) -> u32 {
        self.to
    }

    /// The delay the filter adds, in output samples per channel.
    pub fn delay(&self) -> usize {
        (self.taps * self.up / 2) / self.down
    }

    /// Forgets the stream: the next call starts from silence.
    pub fn reset(&mut self) {
        self.hist.clear();
        self.hist.resize((self.taps - 1) * self.channels, 0);
        self.next = self.taps - 1;
        self.phase = 0;
    }

    /// Converts `input` (interleaved, whole frames) and appends the output to `out`;
    /// returns the number of samples appended (all channels).
    pub fn process(&mut self, input: &[i16], out: &mut Vec<i16>) -> usize {
        let ch = self.channels;
        if self.up == self.down {
            out.extend_from_slice(input);
            return input.len();
        }
        let start = out.len();
        self.hist
            .extend_from_slice(&input[..input.len() - input.len() % ch]);
        let frames = self.hist.len() / ch;
        let taps = self.taps;
        while self.next < frames {
            let first = self.next + 1 - taps;
            let c = &self.coeffs[self.phase * taps..(self.phase + 1) * taps];
            for chan in 0..ch {
                let acc: f32 = if ch == 1 {
                    self.hist[first..first + taps]
                        .iter()
                        .zip(c)
                        .map(|(&x, &h)| x as f32 * h)
                        .sum()
                } else {
                    (0..taps)
                        .map(|k| self.hist[(first + k) * ch + chan] as f32 * c[k])
                        .sum()
                };
                out.push(acc.round().clamp(-32768.0, 32767.0) as i16);
            }
            self.phase += self.down;
            self.next += self.phase / self.up;
            self.phase %= self.up;
        }
        // Keep the history the next output needs.
        let drop = (self.next + 1 - taps).min(frames);
        self.hist.copy_within(drop * ch.., 0);
        self.hist.truncate(self.hist.len() - drop * ch);
        self.next -= drop;
        out.len() - start
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::media::analysis::{dominant_frequency, rms_dbfs};

    fn tone(freq: f64, rate: u32, n: usize) -> Vec<i16> {
        (0..n)
            .map(|i| (10000.0 * (2.0 * PI * freq * i as f64 / rate as f64).sin()).round() as i16)
            .collect()
    }

    /// Runs `input` through `r` in 20 ms frames.
    fn run(r: &mut Resampler, input: &[i16]) -> Vec<i16> {
        let frame = r.from_rate() as usize / 50 * r.channels;
        let mut out = Vec::new();
        for f in input.chunks(frame) {
            r.process(f, &mut out);
        }
        out
    }

    fn check(signal: &[i16], rate: u32, freq: f64, ref_dbfs: f64) {
        let tail = &signal[signal.len() / 4..];
        let f = dominant_frequency(tail, rate).unwrap();
        assert!((f - freq).abs() / freq < 0.005, "{rate} Hz: {f}");
        let level = rms_dbfs(tail) - ref_dbfs;
        assert!(level.abs() < 1.0, "{rate} Hz: level {level:.2} dB");
    }

    #[test]
    fn tone_survives_up_and_down() {
        let input = tone(1000.0, 8000, 8000);
        let reference = rms_dbfs(&input);
        let mut up = Resampler::new(8000, 16000, 1).unwrap();
        let mut down = Resampler::new(16000, 8000, 1).unwrap();
        let wide = run(&mut up, &input);
        assert_eq!(wide.len(), 16000);
        check(&wide, 16000, 1000.0, reference);
        let back = run(&mut down, &wide);
        assert_eq!(back.len(), 8000);
        check(&back, 8000, 1000.0, reference);
        // Against the original, after the two filters' delay (the best whole-sample fit).
        let d0 = up.delay() / 2 + down.delay();
        let snr = (d0.saturating_sub(2)..d0 + 3)
            .map(|d| crate::media::analysis::snr_db(&input[1000..7000], &back[1000 + d..7000 + d]))
            .fold(f64::MIN, f64::max);
        assert!(snr > 40.0, "8k→16k→8k SNR {snr:.1} dB (delay {d0})");
    }

    #[test]
    fn other_rate_pairs() {
        for &(from, to) in &[
            (48000, 16000),
            (16000, 48000),
            (32000, 8000),
            (44100, 48000),
            (44100, 8000),
            (48000, 44100),
        ] {
            let input = tone(1000.0, from, from as usize);
            let mut r = Resampler::new(from, to, 1).unwrap();
            let out = run(&mut r, &input);
            assert!(
                (out.len() as i64 - to as i64).abs() <= 1,
                "{from}→{to}: {}",
                out.len()
            );
            check(&out, to, 1000.0, rms_dbfs(&input));
        }
    }

    #[test]
    fn frame_edges_are_seamless() {
        // Frames of odd sizes give the same output as one call.
        let input = tone(1000.0, 48000, 4800);
        let mut whole = Vec::new();
        Resampler::new(48000, 16000, 1)
            .unwrap()
            .process(&input, &mut whole);
        let mut r = Resampler::new(48000, 16000, 1).unwrap();
        let mut pieces = Vec::new();
        for f in input.chunks(317) {
            r.process(f, &mut pieces);
        }
        assert_eq!(whole, pieces);
        // And no jump between neighbouring samples larger than the tone's own slope.
        let max_step = 10000.0 * 2.0 * PI * 1000.0 / 16000.0;
        for w in pieces[100..].windows(2) {
            assert!(((w[1] - w[0]) as f64).abs() <= max_step * 1.05);
        }
    }

    #[test]
    fn stereo_keeps_channels_apart_and_buffers_are_reused() {
        let left = tone(500.0, 16000, 3200);
        let right = tone(1500.0, 16000, 3200);
        let input: Vec<i16> = left
            .iter()
            .zip(&right)
            .flat_map(|(&l, &r)| [l, r])
            .collect();
        let mut r = Resampler::new(16000, 48000, 2).unwrap();
        let out = run(&mut r, &input);
        let l: Vec<i16> = out.iter().step_by(2).copied().collect();
        let rr: Vec<i16> = out.iter().skip(1).step_by(2).copied().collect();
        check(&l, 48000, 500.0, rms_dbfs(&left));
        check(&rr, 48000, 1500.0, rms_dbfs(&right));
        // Steady state: the history buffer does not grow.
        let cap = r.hist.capacity();
        let mut sink = Vec::with_capacity(4000);
        for f in input.chunks(640) {
            sink.clear();
            r.process(f, &mut sink);
        }
        assert_eq!(r.hist.capacity(), cap);
    }

    #[test]
    fn same_rate_and_bad_rates() {
        let mut r = Resampler::new(8000, 8000, 1).unwrap();
        let mut out = Vec::new();
        assert_eq!(r.process(&[1, 2, 3], &mut out), 3);
        assert_eq!(out, [1, 2, 3]);
        assert!(Resampler::new(0, 8000, 1).is_err());
        assert!(Resampler::new(8000, 7919 * 2, 1).is_err());
    }
}
