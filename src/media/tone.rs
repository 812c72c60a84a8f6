//! The tone generator of PJSUA2's `ToneGenerator`: a queue of tones, each one or two
//! frequencies on for `on_msec` then silent for `off_msec`, or DTMF digits through a
//! digit map (ITU-T Q.23 frequencies by default, replaceable); the queue can loop,
//! be rewound or stopped. Frames come out at any clock rate and channel count. Each
//! frequency is a recursive oscillator (`y[n] = 2cos(w)·y[n-1] - y[n-2]`), with 2 ms
//! ramps at both ends of a tone so it starts and stops without clicks; nothing is
//! allocated per frame.

/// The volume used when a tone's `volume` is 0 (pjmedia's `PJMEDIA_TONEGEN_VOLUME`).
const DEFAULT_VOLUME: i16 = 12288;
/// The most tones the queue holds (pjmedia's `PJMEDIA_TONEGEN_MAX_DIGITS`).
const MAX_TONES: usize = 32;
/// Length of the fade in and out of a tone.
const RAMP_MS: u32 = 2;

/// One tone: PJSUA2's `ToneDesc`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ToneDesc {
    /// First frequency in Hz.
    pub freq1: u16,
    /// Second frequency in Hz (0 for a single-frequency tone).
    pub freq2: u16,
    /// Milliseconds on.
    pub on_msec: u16,
    /// Milliseconds of silence after.
    pub off_msec: u16,
    /// Peak amplitude of the tone (0: 12288, pjmedia's default).
    pub volume: i16,
}

/// One digit to play: PJSUA2's `ToneDigit`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ToneDigit {
    /// The digit (`0`-`9`, `*`, `#`, `A`-`D`, or any the map defines), without case.
    pub digit: char,
    /// Milliseconds on.
    pub on_msec: u16,
    /// Milliseconds of silence after.
    pub off_msec: u16,
    /// Peak amplitude (0: 12288, pjmedia's default).
    pub volume: i16,
}

/// One entry of the digit map: PJSUA2's `ToneDigitMapDigit`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ToneDigitMapDigit {
    /// The digit.
    pub digit: char,
    /// Low-group frequency in Hz.
    pub freq1: u16,
    /// High-group frequency in Hz.
    pub freq2: u16,
}

/// The DTMF map of ITU-T Q.23 in PJSUA2's order (`0`-`9`, `a`-`d`, `*`, `#`).
pub fn default_digit_map() -> Vec<ToneDigitMapDigit> {
    const MAP: [(char, u16, u16); 16] = [
        ('0', 941, 1336),
        ('1', 697, 1209),
        ('2', 697, 1336),
        ('3', 697, 1477),
        ('4', 770, 1209),
        ('5', 770, 1336),
        ('6', 770, 1477),
        ('7', 852, 1209),
        ('8', 852, 1336),
        ('9', 852, 1477),
        ('a', 697, 1633),
        ('b', 770, 1633),
        ('c', 852, 1633),
        ('d', 941, 1633),
        ('*', 941, 1209),
        ('#', 941, 1477),
    ];
    MAP.iter()
        .map(|&(digit, freq1, freq2)| ToneDigitMapDigit {
            digit,
            freq1,
            freq2,
        })
        .collect()
}

/// Why tones could not be queued.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ToneError {
    /// The digit is not in the digit map.
    UnknownDigit(char),
    /// The queue would hold more than 32 tones.
    TooMany,
}

impl std::fmt::Display for ToneError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ToneError::UnknownDigit(d) => write!(f, "digit {d:?} is not in the digit map"),
            ToneError::TooMany => write!(f, "more than {MAX_TONES} tones queued"),
        }
    }
}

impl std::error::Error for ToneError {}

/// A sine oscillator by the two-term recursion.
#[derive(Clone, Copy, Debug, Default)]
struct Osc {
    coeff: f64,
    y1: f64,
    y2: f64,
}

impl Osc {
    /// An oscillator producing `amp·sin(2π·freq·n/rate)` from n = 0.
    fn new(freq: u16, amp: f64, rate: u32) -> Self {
        let w = 2.0 * std::f64::consts::PI * freq as f64 / rate as f64;
        Osc {
            coeff: 2.0 * w.cos(),
            y1: -amp * w.sin(),
            y2: -amp * (2.0 * w).sin(),
        }
    }

    fn next(&mut self) -> f64 {
        let y = self.coeff * self.y1 - self.y2;
        self.y2 = self.y1;
        self.y1 = y;
        y
    }
}

/// A tone generator: PJSUA2's `ToneGenerator` without the conference port.
#[derive(Clone, Debug)]
pub struct ToneGenerator {
    clock_rate: u32,
    channels: usize,
    tones: Vec<ToneDesc>,
    looped: bool,
    digit_map: Vec<ToneDigitMapDigit>,
    /// The tone playing and the sample within it (on then off period).
    index: usize,
    pos: u32,
    osc: [Osc; 2],
}

impl ToneGenerator {
    /// A silent generator for frames at `clock_rate` with `channels` channels (PJSUA2's
    /// `createToneGenerator(clock_rate, channel_count)`).
    pub fn new(clock_rate: u32, channels: u16) -> Self {
        ToneGenerator {
            clock_rate,
            channels: channels.max(1) as usize,
            tones: Vec::with_capacity(MAX_TONES),
            looped: false,
            digit_map: default_digit_map(),
            index: 0,
            pos: 0,
            osc: [Osc::default(); 2],
        }
    }

    /// Appends `tones` to the queue and plays; `looped` repeats the whole queue.
    pub fn play(&mut self, tones: &[ToneDesc], looped: bool) -> Result<(), ToneError> {
        if self.tones.len() + tones.len() > MAX_TONES {
            return Err(ToneError::TooMany);
        }
        let was_idle = self.tones.is_empty();
        self.tones.extend_from_slice(tones);
        self.looped = looped;
        if was_idle {
            self.start_tone(0);
        }
        Ok(())
    }

    /// Appends digits (looked up in the digit map) to the queue and plays.
    pub fn play_digits(&mut self, digits: &[ToneDigit], looped: bool) -> Result<(), ToneError> {
        let mut descs = [ToneDesc::default(); MAX_TONES];
        if digits.len() > MAX_TONES {
            return Err(ToneError::TooMany);
        }
        for (d, out) in digits.iter().zip(descs.iter_mut()) {
            let m = self
                .digit_map
                .iter()
                .find(|m| m.digit.eq_ignore_ascii_case(&d.digit))
                .ok_or(ToneError::UnknownDigit(d.digit))?;
            *out = ToneDesc {
                freq1: m.freq1,
                freq2: m.freq2,
                on_msec: d.on_msec,
                off_msec: d.off_msec,
                volume: d.volume,
            };
        }
        self.play(&descs[..digits.len()], looped)
    }

    /// The digit map.
    pub fn digit_map(&self) -> &[ToneDigitMapDigit] {
        &self.digit_map
    }

    /// Replaces the digit map.
    pub fn set_digit_map(&mut self, map: Vec<ToneDigitMapDigit>) {
        self.digit_map = map;
    }

    /// Whether tones are queued.
    pub fn is_busy(&self) -> bool {
        !self.tones.is_empty()
    }

    /// Stops and empties the queue.
    pub fn stop(&mut self) {
        self.tones.clear();
        self.index = 0;
        self.pos = 0;
    }

    /// Restarts the queue from its first tone.
    pub fn rewind(&mut self) {
        if !self.tones.is_empty() {
            self.start_tone(0);
        }
    }

    /// Makes tone `i` current, from its first sample.
    fn start_tone(&mut self, i: usize) {
        self.index = i;
        self.pos = 0;
        let t = self.tones[i];
        let vol = if t.volume == 0 {
            DEFAULT_VOLUME
        } else {
            t.volume
        } as f64;
        // The sum of the components peaks at the volume.
        let amp = if t.freq2 == 0 { vol } else { vol / 2.0 };
        self.osc = [
            Osc::new(t.freq1, amp, self.clock_rate),
            Osc::new(t.freq2, amp, self.clock_rate),
        ];
    }

    /// Samples per channel in `ms` milliseconds.
    fn samples(&self, ms: u16) -> u32 {
        (self.clock_rate as u64 * ms as u64 / 1000) as u32
    }

    /// Fills `out` (interleaved, whole frames) with the next samples; silence when idle.
    pub fn fill(&mut self, out: &mut [i16]) {
        let ramp = (self.clock_rate * RAMP_MS / 1000).max(1);
        for frame in out.chunks_mut(self.channels) {
            let s = self.next_sample(ramp);
            frame.fill(s);
        }
    }

    /// Moves to the next tone, back to the first when looping, or stops.
    fn advance(&mut self) {
        if self.index + 1 < self.tones.len() {
            self.start_tone(self.index + 1);
        } else if self.looped {
            self.start_tone(0);
        } else {
            self.stop();
        }
    }

    /// The next mono sample; advances through the queue.
    fn next_sample(&mut self, ramp: u32) -> i16 {
        // Zero-length tones are skipped; a queue of nothing but those ends.
        let mut skipped = 0;
        loop {
            let Some(t) = self.tones.get(self.index).copied() else {
                return 0;
            };
            let on = self.samples(t.on_msec);
            let total = on + self.samples(t.off_msec);
            if self.pos < total {
                let v = if self.pos < on {
                    let mut y = self.osc[0].next();
                    if t.freq2 != 0 {
                        y += self.osc[1].next();
                    }
                    let edge = self.pos.min(on - 1 - self.pos);
                    let r = ramp.min(on / 2).max(1);
                    if edge < r {
                        y *= edge as f64 / r as f64;
                    }
                    y.round().clamp(-32768.0, 32767.0) as i16
                } else {
                    0
                };
                self.pos += 1;
                if self.pos >= total {
                    self.advance();
                }
                return v;
            }
            skipped += 1;
            if skipped > self.tones.len() {
                self.stop();
                return 0;
            }
            self.advance();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::media::analysis::{dominant_frequency, find_gaps, tone_amplitude};

    fn render(g: &mut ToneGenerator, ms: u32) -> Vec<i16> {
        let frame = (g.clock_rate / 50) as usize * g.channels;
        let mut all = Vec::new();
        let mut buf = vec![0i16; frame];
        for _ in 0..ms / 20 {
            g.fill(&mut buf);
            all.extend_from_slice(&buf);
        }
        all
    }

    #[test]
    fn single_tones_at_every_rate() {
        for &rate in &[8000, 16000, 32000, 44100, 48000] {
            for &f in &[350u16, 440, 1000, 2600] {
                let mut g = ToneGenerator::new(rate, 1);
                g.play(
                    &[ToneDesc {
                        freq1: f,
                        on_msec: 500,
                        ..Default::default()
                    }],
                    false,
                )
                .unwrap();
                let s = render(&mut g, 500);
                let got = dominant_frequency(&s, rate).unwrap();
                assert!(
                    (got - f as f64).abs() / (f as f64) < 0.01,
                    "{f} Hz at {rate}: {got}"
                );
                let peak = s.iter().map(|x| x.unsigned_abs()).max().unwrap();
                assert!(
                    (peak as i32 - DEFAULT_VOLUME as i32).abs() < 20,
                    "peak {peak}"
                );
            }
        }
    }

    #[test]
    fn dtmf_digits_have_their_two_frequencies() {
        let mut g = ToneGenerator::new(8000, 1);
        for m in default_digit_map() {
            g.play_digits(
                &[ToneDigit {
                    digit: m.digit.to_ascii_uppercase(),
                    on_msec: 100,
                    off_msec: 0,
                    volume: 0,
                }],
                false,
            )
            .unwrap();
            let s = render(&mut g, 100);
            let (a1, a2) = (
                tone_amplitude(&s, 8000, m.freq1 as f64),
                tone_amplitude(&s, 8000, m.freq2 as f64),
            );
            // Each component at half the volume (less the ramps); other DTMF rows/columns absent.
            for a in [a1, a2] {
                assert!(a > 0.45 * DEFAULT_VOLUME as f64, "{}: {a1} {a2}", m.digit);
            }
            for other in [697.0, 770.0, 852.0, 941.0, 1209.0, 1336.0, 1477.0, 1633.0] {
                if other != m.freq1 as f64 && other != m.freq2 as f64 {
                    assert!(
                        tone_amplitude(&s, 8000, other) < 0.05 * DEFAULT_VOLUME as f64,
                        "{} at {other}",
                        m.digit
                    );
                }
            }
            assert!(!g.is_busy());
        }
        assert_eq!(
            g.play_digits(
                &[ToneDigit {
                    digit: 'x',
                    on_msec: 10,
                    off_msec: 0,
                    volume: 0
                }],
                false
            ),
            Err(ToneError::UnknownDigit('x'))
        );
    }

    #[test]
    fn custom_map_loop_stop_rewind() {
        let mut g = ToneGenerator::new(16000, 2);
        g.set_digit_map(vec![ToneDigitMapDigit {
            digit: 'z',
            freq1: 1000,
            freq2: 0,
        }]);
        assert_eq!(g.digit_map().len(), 1);
        g.play_digits(
            &[ToneDigit {
                digit: 'Z',
                on_msec: 60,
                off_msec: 40,
                volume: 8000,
            }],
            true,
        )
        .unwrap();
        let s = render(&mut g, 1000);
        let left: Vec<i16> = s.iter().step_by(2).copied().collect();
        assert_eq!(
            left,
            s.iter().skip(1).step_by(2).copied().collect::<Vec<_>>()
        );
        assert!((dominant_frequency(&left, 16000).unwrap() - 1000.0).abs() < 10.0);
        // On 60 ms, off 40 ms, looping: nine 40 ms gaps inside one second.
        let gaps = find_gaps(&left, 16000, -50.0, 20.0);
        assert_eq!(gaps.len(), 9, "{gaps:?}");
        assert!(gaps.iter().all(|g| (g.len_ms(16000) - 40.0).abs() <= 3.0));
        assert!(g.is_busy());
        g.rewind();
        assert!(g.is_busy());
        g.stop();
        assert!(!g.is_busy());
        assert!(render(&mut g, 40).iter().all(|&x| x == 0));
    }

    #[test]
    fn queue_limits_and_zero_length_loops() {
        let mut g = ToneGenerator::new(8000, 1);
        let t = ToneDesc {
            freq1: 440,
            on_msec: 10,
            ..Default::default()
        };
        assert_eq!(g.play(&[t; MAX_TONES + 1], false), Err(ToneError::TooMany));
        g.play(&[ToneDesc::default()], true).unwrap();
        assert!(render(&mut g, 20).iter().all(|&x| x == 0));
        assert!(!g.is_busy());
        // Tones queue up behind the one playing.
        g.play(&[t], false).unwrap();
        g.play(
            &[ToneDesc {
                freq1: 1000,
                on_msec: 100,
                ..Default::default()
            }],
            false,
        )
        .unwrap();
        let s = render(&mut g, 120);
        assert!((dominant_frequency(&s[80..880], 8000).unwrap() - 1000.0).abs() < 10.0);
    }
}
