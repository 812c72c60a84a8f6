//! Measurements on sample buffers, for tests, the demo and end-to-end checks of recordings:
//! the dominant frequency (FFT peak refined on the Goertzel response, better than 0.1 %
//! for a pure tone of a few hundred milliseconds), the amplitude at a given frequency
//! (Goertzel), the RMS level in dBFS, the SNR between two buffers, and the gaps (runs of
//! near-silence) inside a tone. Not used on the media path.

use std::f64::consts::PI;

/// The most samples the frequency estimate looks at (the middle of longer buffers).
const MAX_WINDOW: usize = 16384;

/// The RMS level in dBFS (a full-scale square wave is 0 dBFS, a full-scale sine -3 dBFS);
/// `-inf` for silence or an empty buffer.
pub fn rms_dbfs(samples: &[i16]) -> f64 {
    if samples.is_empty() {
        return f64::NEG_INFINITY;
    }
    let sum: f64 = samples.iter().map(|&s| (s as f64) * (s as f64)).sum();
    let rms = (sum / samples.len() as f64).sqrt();
    20.0 * (rms / 32768.0).log10()
}

/// The signal-to-noise ratio in dB of `test` against `reference` (sample by sample, over
/// the shorter length): signal energy over the energy of the difference.
pub fn snr_db(reference: &[i16], test: &[i16]) -> f64 {
    let mut sig = 0.0;
    let mut noise = 0.0;
    for (&r, &t) in reference.iter().zip(test) {
        sig += (r as f64) * (r as f64);
        let d = r as f64 - t as f64;
        noise += d * d;
    }
    if noise == 0.0 {
        return f64::INFINITY;
    }
    10.0 * (sig / noise).log10()
}

/// The amplitude (peak, in sample units) of the component of `samples` at `freq` Hz, by
/// the Goertzel algorithm over the whole buffer. Used to check DTMF pairs.
pub fn tone_amplitude(samples: &[i16], clock_rate: u32, freq: f64) -> f64 {
    if samples.is_empty() {
        return 0.0;
    }
    let x: Vec<f64> = samples.iter().map(|&s| s as f64).collect();
    2.0 * goertzel(&x, clock_rate as f64, freq).sqrt() / samples.len() as f64
}

/// The frequency in Hz of the strongest component of `samples`, or `None` for fewer than
/// 64 samples or silence. Looks at the middle `MAX_WINDOW` samples at most.
pub fn dominant_frequency(samples: &[i16], clock_rate: u32) -> Option<f64> {
    if samples.len() < 64 {
        return None;
    }
    let n = samples.len().min(MAX_WINDOW);
    let start = (samples.len() - n) / 2;
    let part = &samples[start..start + n];
    let mean = part.iter().map(|&s| s as f64).sum::<f64>() / n as f64;
    // Hann window: low leakage, so the peak of the response sits on the tone.
    let x: Vec<f64> = part
        .iter()
        .enumerate()
        .map(|(i, &s)| (s as f64 - mean) * (0.5 - 0.5 * (2.0 * PI * i as f64 / n as f64).cos()))
        .collect();
    if x.iter().all(|&v| v.abs() < 1e-9) {
        return None;
    }
    let rate = clock_rate as f64;
    // Coarse: the peak bin of a zero-padded power-of-two FFT.
    let size = n.next_power_of_two();
    let mut re = x.clone();
    re.resize(size, 0.0);
    let mut im = vec![0.0; size];
    fft(&mut re, &mut im);
    let peak = (1..size / 2)
        .max_by(|&a, &b| {
            let pa = re[a] * re[a] + im[a] * im[a];
            let pb = re[b] * re[b] + im[b] * im[b];
            pa.total_cmp(&pb)
        })
        .unwrap_or(1);
    let bin = rate / size as f64;
    // Fine: maximise the Goertzel response between the neighbouring bins.
    let (mut lo, mut hi) = ((peak as f64 - 1.0) * bin, (peak as f64 + 1.0) * bin);
    for _ in 0..40 {
        let m1 = lo + (hi - lo) / 3.0;
        let m2 = hi - (hi - lo) / 3.0;
        if goertzel(&x, rate, m1) < goertzel(&x, rate, m2) {
            lo = m1;
        } else {
            hi = m2;
        }
    }
    Some((lo + hi) / 2.0)
}

/// A run of near-silence inside a signal, in samples.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Gap {
    /// Index of the first silent sample (to the resolution of 1 ms windows).
    pub start: usize,
    /// Length in samples.
    pub len: usize,
}

impl Gap {
    /// The length in milliseconds at `clock_rate`.
    pub fn len_ms(&self, clock_rate: u32) -> f64 {
        self.len as f64 * 1000.0 / clock_rate as f64
    }
}

/// The gaps of at least `min_gap_ms` inside `samples`: runs of 1 ms windows whose peak is
/// below `threshold_dbfs`, between the first and the last window above it (leading and
/// trailing silence are not gaps).
pub fn find_gaps(
    samples: &[i16],
    clock_rate: u32,
    threshold_dbfs: f64,
    min_gap_ms: f64,
) -> Vec<Gap> {
    let win = (clock_rate as usize / 1000).max(1);
    let limit = 32768.0 * 10f64.powf(threshold_dbfs / 20.0);
    let loud: Vec<bool> = samples
        .chunks(win)
        .map(|w| w.iter().map(|&s| (s as f64).abs()).fold(0.0, f64::max) >= limit)
        .collect();
    let (Some(first), Some(last)) = (loud.iter().position(|&l| l), loud.iter().rposition(|&l| l))
    else {
        return Vec::new();
    };
    let min_len = (min_gap_ms * clock_rate as f64 / 1000.0).ceil() as usize;
    let mut gaps = Vec::new();
    let mut run_start = None;
    for (i, &l) in loud.iter().enumerate().take(last + 1).skip(first) {
        match (l, run_start) {
            (false, None) => run_start = Some(i),
            (true, Some(s)) => {
                let gap = Gap {
                    start: s * win,
                    len: (i - s) * win,
                };
                if gap.len >= min_len {
                    gaps.push(gap);
                }
                run_start = None;
            }
            _ => {}
        }
    }
    gaps
}

/// The squared magnitude of the DTFT of `x` at `freq` (Goertzel recursion).
fn goertzel(x: &[f64], rate: f64, freq: f64) -> f64 {
    let w = 2.0 * PI * freq / rate;
    let coeff = 2.0 * w.cos();
    let (mut s1, mut s2) = (0.0, 0.0);
    for &v in x {
        let s0 = v + coeff * s1 - s2;
        s2 = s1;
        s1 = s0;
    }
    (s1 * s1 + s2 * s2 - coeff * s1 * s2).max(0.0)
}

/// In-place iterative radix-2 FFT; the length must be a power of two.
fn fft(re: &mut [f64], im: &mut [f64]) {
    let n = re.len();
    let mut j = 0;
    for i in 1..n {
        let mut bit = n >> 1;
        while j & bit != 0 {
            j ^= bit;
            bit >>= 1;
        }
        j |= bit;
        if i < j {
            re.swap(i, j);
            im.swap(i, j);
        }
    }
    let mut len = 2;
    while len <= n {
        let ang = -2.0 * PI / len as f64;
        for start in (0..n).step_by(len) {
            for k in 0..len / 2 {
                let (s, c) = (ang * k as f64).sin_cos();
                let (a, b) = (start + k, start + k + len / 2);
                let tr = re[b] * c - im[b] * s;
                let ti = re[b] * s + im[b] * c;
                re[b] = re[a] - tr;
                im[b] = im[a] - ti;
                re[a] += tr;
                im[a] += ti;
            }
        }
        len <<= 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tone(freq: f64, amp: f64, rate: u32, n: usize) -> Vec<i16> {
        (0..n)
            .map(|i| (amp * (2.0 * PI * freq * i as f64 / rate as f64).sin()).round() as i16)
            .collect()
    }

    #[test]
    fn frequency_of_pure_tones() {
        for &(f, rate) in &[
            (440.0, 8000),
            (1000.0, 8000),
            (3400.0, 8000),
            (697.0, 16000),
            (12345.0, 48000),
        ] {
            let got = dominant_frequency(&tone(f, 8000.0, rate, rate as usize / 2), rate).unwrap();
            assert!((got - f).abs() / f < 0.001, "{f} Hz at {rate}: {got}");
        }
        assert_eq!(dominant_frequency(&[0; 1000], 8000), None);
        assert_eq!(dominant_frequency(&[5; 10], 8000), None);
    }

    #[test]
    fn levels() {
        let full = tone(1000.0, 32767.0, 8000, 8000);
        assert!((rms_dbfs(&full) + 3.01).abs() < 0.05);
        let quiet = tone(1000.0, 3277.0, 8000, 8000);
        assert!((rms_dbfs(&quiet) + 23.01).abs() < 0.05);
        assert_eq!(rms_dbfs(&[]), f64::NEG_INFINITY);
        assert!((tone_amplitude(&quiet, 8000, 1000.0) - 3277.0).abs() < 5.0);
        assert!(tone_amplitude(&quiet, 8000, 1500.0) < 10.0);
        assert_eq!(snr_db(&quiet, &quiet), f64::INFINITY);
    }

    #[test]
    fn gaps_inside_a_tone() {
        let mut s = vec![0i16; 800]; // leading silence: not a gap
        s.extend(tone(440.0, 10000.0, 8000, 1600));
        s.extend(vec![0; 400]); // 50 ms gap
        s.extend(tone(440.0, 10000.0, 8000, 1600));
        s.extend(vec![0; 40]); // 5 ms gap, under the minimum
        s.extend(tone(440.0, 10000.0, 8000, 800));
        s.extend(vec![0; 800]); // trailing silence
        let gaps = find_gaps(&s, 8000, -40.0, 10.0);
        assert_eq!(gaps.len(), 1, "{gaps:?}");
        assert!((gaps[0].len_ms(8000) - 50.0).abs() <= 2.0);
        assert!((gaps[0].start as i64 - 2400).abs() <= 8);
        assert_eq!(find_gaps(&s, 8000, -40.0, 2.0).len(), 2);
        assert!(find_gaps(&[0; 100], 8000, -40.0, 1.0).is_empty());
    }
}
