//! ITU-T G.711 (PCMU: µ-law, PCMA: A-law), 8000 Hz, one byte per sample (RFC 3551 §4.5.14).
//! The compressors follow the segment/mantissa description of the Recommendation; the
//! expanders are 256-entry tables built at compile time from the same rules.

use super::plc::FadePlc;
use super::{CodecError, Decoder, Encoder};

/// The companding law.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Law {
    /// µ-law (PCMU, payload type 0).
    Mu,
    /// A-law (PCMA, payload type 8).
    A,
}

/// µ-law bias added to the magnitude before finding the segment (33 in 14-bit units).
const MU_BIAS: i32 = 0x84;
/// The largest magnitude µ-law represents before the bias (16-bit units).
const MU_CLIP: i32 = 32635;

/// Compresses a 16-bit sample to µ-law.
pub fn linear_to_ulaw(sample: i16) -> u8 {
    let x = sample as i32;
    let sign = if x < 0 { 0x80 } else { 0 };
    let mag = x.abs().min(MU_CLIP) + MU_BIAS;
    // The segment is the position of the highest set bit above bit 7 (0..=7).
    let seg = (31 - (mag as u32).leading_zeros()) as i32 - 7;
    let mantissa = (mag >> (seg + 3)) & 0x0F;
    !((sign | (seg << 4) | mantissa) as u8)
}

/// Expands a µ-law byte to a 16-bit sample.
pub const fn ulaw_to_linear(code: u8) -> i16 {
    let c = !code;
    let seg = ((c >> 4) & 0x07) as i32;
    let t = ((((c & 0x0F) as i32) << 3) + MU_BIAS) << seg;
    if c & 0x80 != 0 {
        (MU_BIAS - t) as i16
    } else {
        (t - MU_BIAS) as i16
    }
}

/// Compresses a 16-bit sample to A-law (even bits inverted, as transmitted).
pub fn linear_to_alaw(sample: i16) -> u8 {
    // A-law works on 13-bit magnitudes.
    let mut v = (sample as i32) >> 3;
    let mask = if v >= 0 {
        0xD5
    } else {
        v = -v - 1;
        0x55
    };
    let v = v.min(4095);
    let aval = if v < 32 {
        v >> 1
    } else {
        let seg = (31 - (v as u32).leading_zeros()) as i32 - 4;
        (seg << 4) | ((v >> seg) & 0x0F)
    };
    (aval as u8) ^ mask
}

/// Expands an A-law byte to a 16-bit sample.
pub const fn alaw_to_linear(code: u8) -> i16 {
    let a = code ^ 0x55;
    let seg = ((a & 0x70) >> 4) as i32;
    let mut t = ((a & 0x0F) as i32) << 4;
    if seg == 0 {
        t += 8;
    } else {
        t = (t + 0x108) << (seg - 1);
    }
    if a & 0x80 != 0 {
        t as i16
    } else {
        -t as i16
    }
}

/// Builds a 256-entry expansion table.
const fn table(law: Law) -> [i16; 256] {
    let mut t = [0i16; 256];
    let mut i = 0;
    while i < 256 {
        t[i] = match law {
            Law::Mu => ulaw_to_linear(i as u8),
            Law::A => alaw_to_linear(i as u8),
        };
        i += 1;
    }
    t
}

/// µ-law expansion table.
static ULAW_TABLE: [i16; 256] = table(Law::Mu);
/// A-law expansion table.
static ALAW_TABLE: [i16; 256] = table(Law::A);

impl Law {
    /// Compresses one sample.
    pub fn encode_sample(self, sample: i16) -> u8 {
        match self {
            Law::Mu => linear_to_ulaw(sample),
            Law::A => linear_to_alaw(sample),
        }
    }

    /// Expands one byte (table look-up).
    pub fn decode_sample(self, code: u8) -> i16 {
        match self {
            Law::Mu => ULAW_TABLE[code as usize],
            Law::A => ALAW_TABLE[code as usize],
        }
    }
}

/// A G.711 encoder.
#[derive(Debug)]
pub struct G711Encoder {
    law: Law,
}

impl G711Encoder {
    /// An encoder for `law`.
    pub fn new(law: Law) -> Self {
        G711Encoder { law }
    }
}

impl Encoder for G711Encoder {
    fn encode(&mut self, pcm: &[i16], out: &mut Vec<u8>) -> Result<usize, CodecError> {
        out.extend(pcm.iter().map(|&s| self.law.encode_sample(s)));
        Ok(pcm.len())
    }
}

/// A G.711 decoder with the fade-out concealment.
#[derive(Debug)]
pub struct G711Decoder {
    law: Law,
    plc: FadePlc,
}

impl G711Decoder {
    /// A decoder for `law`.
    pub fn new(law: Law) -> Self {
        G711Decoder {
            law,
            plc: FadePlc::new(160),
        }
    }
}

impl Decoder for G711Decoder {
    fn decode(&mut self, payload: &[u8], out: &mut Vec<i16>) -> Result<usize, CodecError> {
        let start = out.len();
        out.extend(payload.iter().map(|&c| self.law.decode_sample(c)));
        self.plc.remember(&out[start..]);
        Ok(payload.len())
    }

    fn conceal(&mut self, out: &mut Vec<i16>) -> Result<usize, CodecError> {
        Ok(self.plc.conceal(out))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ulaw_table_values() {
        // G.711 Table 2a/2b: code 0x80 (+8031 in 14-bit units) and 0x00 (-8031) are the
        // extremes, 0xFF and 0x7F are the two zeros; ×4 for 16-bit samples.
        assert_eq!(ulaw_to_linear(0x80), 32124);
        assert_eq!(ulaw_to_linear(0x00), -32124);
        assert_eq!(ulaw_to_linear(0xFF), 0);
        assert_eq!(ulaw_to_linear(0x7F), 0);
        assert_eq!(ulaw_to_linear(0xFE), 8); // +2 in 14-bit units
        assert_eq!(ulaw_to_linear(0xF0), 30 * 4); // top of segment 0 (step 2)
        assert_eq!(ulaw_to_linear(0xEF), 33 * 4); // bottom of segment 1 (step 4)
        assert_eq!(ulaw_to_linear(0xDF), 99 * 4); // bottom of segment 2 (step 8)
        assert_eq!(linear_to_ulaw(0), 0xFF);
        assert_eq!(linear_to_ulaw(32767), 0x80);
        assert_eq!(linear_to_ulaw(-32768), 0x00);
        assert_eq!(linear_to_ulaw(-1), 0x7F);
    }

    #[test]
    fn alaw_table_values() {
        // G.711 Table 1a/1b: A-law extremes ±4032 in 13-bit units (×8), the smallest
        // steps ±1 (×8), even bits inverted on the line (0xD5 / 0x55 around zero).
        assert_eq!(alaw_to_linear(0xAA), 32256);
        assert_eq!(alaw_to_linear(0x2A), -32256);
        assert_eq!(alaw_to_linear(0xD5), 8);
        assert_eq!(alaw_to_linear(0x55), -8);
        assert_eq!(alaw_to_linear(0xD4), 24);
        assert_eq!(linear_to_alaw(0), 0xD5);
        assert_eq!(linear_to_alaw(-1), 0x55);
        assert_eq!(linear_to_alaw(32767), 0xAA);
        assert_eq!(linear_to_alaw(-32768), 0x2A);
    }

    #[test]
    fn every_code_round_trips() {
        for c in 0..=255u8 {
            assert_eq!(linear_to_alaw(alaw_to_linear(c)), c, "A-law {c:#04x}");
            let expect = if c == 0x7F { 0xFF } else { c };
            assert_eq!(linear_to_ulaw(ulaw_to_linear(c)), expect, "µ-law {c:#04x}");
        }
    }

    #[test]
    fn quantisation_error_is_within_half_a_step() {
        for x in (-32768i32..=32767).step_by(7) {
            let x = x as i16;
            for law in [Law::Mu, Law::A] {
                let y = law.decode_sample(law.encode_sample(x)) as i32;
                let err = (y - x as i32).abs();
                // The step is 1/16 of the segment; relative error stays under ~3.2 %
                // above the first segments, and under one small step below.
                let bound = (x as i32).abs() / 30 + 36;
                assert!(err <= bound, "{law:?} x={x} y={y}");
            }
        }
    }

    #[test]
    fn codec_round_trip_and_plc() {
        let pcm: Vec<i16> = (0..160)
            .map(|i| {
                ((i as f64 * 2.0 * std::f64::consts::PI * 1000.0 / 8000.0).sin() * 10000.0) as i16
            })
            .collect();
        for law in [Law::Mu, Law::A] {
            let mut enc = G711Encoder::new(law);
            let mut dec = G711Decoder::new(law);
            let mut bytes = Vec::new();
            assert_eq!(enc.encode(&pcm, &mut bytes), Ok(160));
            let mut out = Vec::new();
            assert_eq!(dec.decode(&bytes, &mut out), Ok(160));
            let snr = crate::media::analysis::snr_db(&pcm, &out);
            assert!(snr > 35.0, "{law:?} snr {snr}");
            out.clear();
            assert_eq!(dec.conceal(&mut out), Ok(160));
            assert_eq!(out[0], dec.law.decode_sample(bytes[0]));
        }
    }
}
