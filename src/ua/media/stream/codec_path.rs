//! The two audio paths of a stream between the bridge's PCM and RTP payloads: the
//! encoding path gathers bridge frames into packets (resampled to the codec's rate) and
//! encodes them; the decoding path decodes or conceals packets and hands out bridge
//! frames. Both keep their buffers between frames: nothing is allocated per frame once
//! they have grown to the packet size.

use crate::media::codec::{CodecError, Decoder, Encoder};
use crate::media::resample::Resampler;

/// A resampler between two rates, or nothing when they are equal.
fn resampler(from: u32, to: u32) -> Result<Option<Resampler>, String> {
    if from == to {
        return Ok(None);
    }
    Resampler::new(from, to, 1)
        .map(Some)
        .map_err(|e| e.to_string())
}

/// Bridge PCM in, one payload per packet time out.
pub struct EncodePath {
    encoder: Box<dyn Encoder>,
    resampler: Option<Resampler>,
    /// Codec-rate samples not yet encoded.
    pending: Vec<i16>,
    /// Codec-rate samples in one packet.
    packet_samples: usize,
    /// A bridge frame of silence, for frames nobody sends to the stream.
    silence: Vec<i16>,
}

impl EncodePath {
    /// A path from the bridge's `bridge_rate` to an encoder that takes `codec_rate` PCM,
    /// `packet_ms` milliseconds per packet.
    pub fn new(
        encoder: Box<dyn Encoder>,
        bridge_rate: u32,
        codec_rate: u32,
        packet_ms: u32,
    ) -> Result<Self, String> {
        let packet_samples = (codec_rate * packet_ms / 1000) as usize;
        Ok(EncodePath {
            encoder,
            resampler: resampler(bridge_rate, codec_rate)?,
            pending: Vec::with_capacity(packet_samples * 3),
            packet_samples,
            silence: Vec::new(),
        })
    }

    /// Adds one bridge frame (silence when `None`).
    pub fn push(&mut self, frame: Option<&[i16]>, frame_len: usize) {
        let start = self.pending.len();
        match (frame, &mut self.resampler) {
            (Some(f), Some(r)) => {
                r.process(f, &mut self.pending);
            }
            (Some(f), None) => self.pending.extend_from_slice(f),
            (None, Some(r)) => {
                // Silence through the resampler too, so its history stays continuous.
                self.silence.resize(frame_len, 0);
                r.process(&self.silence, &mut self.pending);
            }
            (None, None) => self.pending.resize(start + frame_len, 0),
        }
    }

    /// Whether a packet's worth is waiting.
    pub fn ready(&self) -> bool {
        self.pending.len() >= self.packet_samples
    }

    /// Encodes the next packet into `out` (replacing its contents) when a packet's worth
    /// is waiting.
    pub fn encode_next(&mut self, out: &mut Vec<u8>) -> Option<Result<(), CodecError>> {
        if !self.ready() {
            return None;
        }
        out.clear();
        let r = self
            .encoder
            .encode(&self.pending[..self.packet_samples], out);
        self.pending.drain(..self.packet_samples);
        Some(r.map(|_| ()))
    }

    /// Drops the next packet's worth (something else was sent in its place).
    pub fn skip_packet(&mut self) {
        let n = self.packet_samples.min(self.pending.len());
        self.pending.drain(..n);
    }

    /// Drops what is waiting (the stream stopped sending for a while).
    pub fn clear(&mut self) {
        self.pending.clear();
    }
}

/// Payloads in, bridge frames out.
pub struct DecodePath {
    decoder: Box<dyn Decoder>,
    resampler: Option<Resampler>,
    /// Codec-rate samples of the last decode.
    decoded: Vec<i16>,
    /// Bridge-rate samples waiting for the next frames.
    ready: Vec<i16>,
}

impl DecodePath {
    /// A path from a decoder that gives `codec_rate` PCM to the bridge's `bridge_rate`.
    pub fn new(
        decoder: Box<dyn Decoder>,
        codec_rate: u32,
        bridge_rate: u32,
    ) -> Result<Self, String> {
        Ok(DecodePath {
            decoder,
            resampler: resampler(codec_rate, bridge_rate)?,
            decoded: Vec::with_capacity(2048),
            ready: Vec::with_capacity(4096),
        })
    }

    /// Whether a bridge frame of `len` samples is waiting.
    pub fn has(&self, len: usize) -> bool {
        self.ready.len() >= len
    }

    /// Decodes a payload into the waiting samples.
    pub fn decode(&mut self, payload: &[u8]) -> Result<(), CodecError> {
        self.decoded.clear();
        self.decoder.decode(payload, &mut self.decoded)?;
        self.convert();
        Ok(())
    }

    /// Conceals one lost packet.
    pub fn conceal(&mut self) -> Result<(), CodecError> {
        self.decoded.clear();
        self.decoder.conceal(&mut self.decoded)?;
        self.convert();
        Ok(())
    }

    /// Rebuilds one lost packet from the packet after it (Opus in-band FEC; the other
    /// codecs conceal).
    pub fn recover(&mut self, next_payload: &[u8]) -> Result<(), CodecError> {
        self.decoded.clear();
        self.decoder.recover(next_payload, &mut self.decoded)?;
        self.convert();
        Ok(())
    }

    fn convert(&mut self) {
        match &mut self.resampler {
            Some(r) => {
                r.process(&self.decoded, &mut self.ready);
            }
            None => self.ready.extend_from_slice(&self.decoded),
        }
    }

    /// Moves one bridge frame into `out`; false (and `out` untouched) when not enough
    /// is waiting.
    pub fn take(&mut self, out: &mut [i16]) -> bool {
        if self.ready.len() < out.len() {
            return false;
        }
        out.copy_from_slice(&self.ready[..out.len()]);
        self.ready.drain(..out.len());
        true
    }

    /// Drops what is waiting (the peer's source changed, or the stream was held).
    pub fn clear(&mut self) {
        self.ready.clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::media::codec::CodecRegistry;

    #[test]
    fn pcmu_at_a_16khz_bridge_makes_160_byte_packets_and_decodes_back() {
        let reg = CodecRegistry::new();
        let mut enc =
            EncodePath::new(reg.create_encoder("PCMU", None).unwrap(), 16000, 8000, 20).unwrap();
        let mut dec =
            DecodePath::new(reg.create_decoder("PCMU", None).unwrap(), 8000, 16000).unwrap();
        let tone: Vec<i16> = (0..320 * 10)
            .map(|i| {
                ((i as f32 * 2.0 * std::f32::consts::PI * 500.0 / 16000.0).sin() * 8000.0) as i16
            })
            .collect();
        let mut frame = vec![0i16; 320];
        let mut frames = 0;
        for chunk in tone.chunks(320) {
            enc.push(Some(chunk), 320);
            let mut p = Vec::new();
            while let Some(r) = enc.encode_next(&mut p) {
                r.unwrap();
                assert_eq!(p.len(), 160);
                dec.decode(&p).unwrap();
            }
            while dec.take(&mut frame) {
                frames += 1;
            }
        }
        // The resamplers' delay keeps back at most one packet.
        assert!(frames >= 9, "{frames} frames out of 10");
        let peak = frame.iter().map(|s| s.abs()).max().unwrap();
        assert!((7000..=9000).contains(&peak), "peak {peak}");
    }

    #[test]
    fn silence_and_concealment_keep_the_frame_count() {
        let reg = CodecRegistry::new();
        let mut enc =
            EncodePath::new(reg.create_encoder("PCMA", None).unwrap(), 8000, 8000, 30).unwrap();
        let mut packets = 0;
        for _ in 0..3 {
            enc.push(None, 160);
            while enc.encode_next(&mut Vec::new()).is_some() {
                packets += 1;
            }
        }
        assert_eq!(packets, 2, "60 ms of 20 ms frames make two 30 ms packets");
        let mut dec =
            DecodePath::new(reg.create_decoder("PCMA", None).unwrap(), 8000, 8000).unwrap();
        dec.decode(&[0xd5; 160]).unwrap();
        dec.conceal().unwrap();
        let mut frame = vec![0i16; 160];
        assert!(dec.take(&mut frame) && dec.take(&mut frame) && !dec.take(&mut frame));
    }
}
