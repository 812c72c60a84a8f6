//! Opus (RFC 6716) through libopus, with RFC 7587's RTP rules: rtpmap `opus/48000/2`
//! whatever the real sampling rate and channel count; the remote side's fmtp (our
//! `enc_fmtp`) decides stereo, the bit-rate ceiling, in-band FEC and DTX of our encoder.
//! Loss is handled by the decoder: PLC for a lost packet, or FEC from the next one.

use super::opus_fmtp::OpusFmtp;
use super::param::CodecParam;
use super::{CodecError, Decoder, Encoder};
use opus::{Application, Bandwidth, Bitrate, Channels, Signal};

/// The largest payload we produce (libopus's recommended output buffer size).
const MAX_PACKET: usize = 4000;
/// The longest Opus packet, 120 ms, in samples per channel at 48 kHz.
const MAX_FRAME_48K: usize = 5760;

/// Turns a libopus error into ours.
fn err(e: opus::Error) -> CodecError {
    CodecError::Opus(e.to_string())
}

/// The libopus channel setting for a count.
fn channels(n: u32) -> Result<Channels, CodecError> {
    match n {
        1 => Ok(Channels::Mono),
        2 => Ok(Channels::Stereo),
        _ => Err(CodecError::InvalidParam(format!("opus channel count {n}"))),
    }
}

/// The audio bandwidth that a sampling rate can carry (pjmedia's mapping).
fn bandwidth_for(rate: u32) -> Bandwidth {
    match rate {
        0..=8000 => Bandwidth::Narrowband,
        8001..=12000 => Bandwidth::Mediumband,
        12001..=16000 => Bandwidth::Wideband,
        16001..=24000 => Bandwidth::Superwideband,
        _ => Bandwidth::Fullband,
    }
}

/// Checks an Opus sampling rate.
fn check_rate(rate: u32) -> Result<(), CodecError> {
    match rate {
        8000 | 12000 | 16000 | 24000 | 48000 => Ok(()),
        _ => Err(CodecError::InvalidParam(format!(
            "opus sampling rate {rate}"
        ))),
    }
}

/// An Opus encoder configured from a `CodecParam`.
pub struct OpusEncoder {
    enc: opus::Encoder,
    /// Samples per channel in one call (the configured packet time).
    channels: usize,
}

impl std::fmt::Debug for OpusEncoder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("OpusEncoder")
            .field("channels", &self.channels)
            .finish()
    }
}

impl OpusEncoder {
    /// An encoder for PCM at `param.info.clock_rate` with `param.info.channel_cnt`
    /// channels, shaped by the remote fmtp in `param.setting.enc_fmtp`: mono unless it
    /// says `stereo=1`; bit rate `avg_bps` (0: libopus chooses) capped by its
    /// `maxaveragebitrate`; bandwidth capped by its `maxplaybackrate`; FEC and DTX from its
    /// `useinbandfec`/`usedtx`, else from `plc`/`vad`; complexity, expected loss and CBR
    /// from the setting.
    pub fn new(param: &CodecParam) -> Result<Self, CodecError> {
        let info = &param.info;
        let set = &param.setting;
        check_rate(info.clock_rate)?;
        let ch = channels(info.channel_cnt)?;
        let remote = OpusFmtp::from_params(&set.enc_fmtp);
        let mut enc = opus::Encoder::new(info.clock_rate, ch, Application::Voip).map_err(err)?;
        enc.set_signal(Signal::Voice).map_err(err)?;
        let mut bps = info.avg_bps;
        if let Some(max) = remote.maxaveragebitrate {
            let max = max.clamp(6000, 510_000);
            bps = if bps == 0 { max } else { bps.min(max) };
        }
        let bitrate = if bps == 0 {
            Bitrate::Auto
        } else {
            Bitrate::Bits(bps as i32)
        };
        enc.set_bitrate(bitrate).map_err(err)?;
        if info.channel_cnt == 2 && remote.stereo != Some(true) {
            enc.set_force_channels(Some(Channels::Mono)).map_err(err)?;
        }
        let playback = remote.maxplaybackrate.unwrap_or(48000).min(info.clock_rate);
        enc.set_max_bandwidth(bandwidth_for(playback))
            .map_err(err)?;
        enc.set_inband_fec(remote.useinbandfec.unwrap_or(set.plc))
            .map_err(err)?;
        enc.set_dtx(remote.usedtx.unwrap_or(set.vad)).map_err(err)?;
        enc.set_vbr(!(remote.cbr.unwrap_or(false) || set.cbr))
            .map_err(err)?;
        enc.set_complexity(set.complexity.min(10) as i32)
            .map_err(err)?;
        enc.set_packet_loss_perc(set.packet_loss.min(100) as i32)
            .map_err(err)?;
        Ok(OpusEncoder {
            enc,
            channels: info.channel_cnt as usize,
        })
    }
}

impl Encoder for OpusEncoder {
    fn encode(&mut self, pcm: &[i16], out: &mut Vec<u8>) -> Result<usize, CodecError> {
        if pcm.is_empty() || !pcm.len().is_multiple_of(self.channels) {
            return Err(CodecError::BadFrame { got: pcm.len() });
        }
        let start = out.len();
        out.resize(start + MAX_PACKET, 0);
        match self.enc.encode(pcm, &mut out[start..]) {
            Ok(n) => {
                out.truncate(start + n);
                Ok(n)
            }
            Err(e) => {
                out.truncate(start);
                Err(match e.code() {
                    opus::ErrorCode::BadArg => CodecError::BadFrame { got: pcm.len() },
                    _ => err(e),
                })
            }
        }
    }
}

/// An Opus decoder: PLC and FEC come from libopus.
pub struct OpusDecoder {
    dec: opus::Decoder,
    channels: usize,
    /// Samples per channel of the last decoded packet: the length PLC/FEC produce.
    last_frame: usize,
    /// The longest packet in samples per channel at this rate (120 ms).
    max_frame: usize,
}

impl std::fmt::Debug for OpusDecoder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("OpusDecoder")
            .field("channels", &self.channels)
            .field("last_frame", &self.last_frame)
            .finish()
    }
}

impl OpusDecoder {
    /// A decoder producing PCM at `param.info.clock_rate` with `param.info.channel_cnt`
    /// channels (libopus mixes a stereo stream down or a mono stream up as needed), and
    /// frames of `param.info.frame_len` ms until the first packet tells the real length.
    pub fn new(param: &CodecParam) -> Result<Self, CodecError> {
        let info = &param.info;
        check_rate(info.clock_rate)?;
        let dec = opus::Decoder::new(info.clock_rate, channels(info.channel_cnt)?).map_err(err)?;
        let per_ms = info.clock_rate as usize / 1000;
        let frame_ms = if info.frame_len == 0 {
            20
        } else {
            info.frame_len as usize
        };
        Ok(OpusDecoder {
            dec,
            channels: info.channel_cnt as usize,
            last_frame: per_ms * frame_ms,
            max_frame: MAX_FRAME_48K * info.clock_rate as usize / 48000,
        })
    }

    /// Decodes into `out` with room for `frame` samples per channel; `fec` asks for the
    /// previous packet's redundancy; an empty payload asks for PLC.
    fn run(
        &mut self,
        payload: &[u8],
        frame: usize,
        fec: bool,
        out: &mut Vec<i16>,
    ) -> Result<usize, CodecError> {
        let start = out.len();
        out.resize(start + frame * self.channels, 0);
        match self.dec.decode(payload, &mut out[start..], fec) {
            Ok(n) => {
                out.truncate(start + n * self.channels);
                Ok(n * self.channels)
            }
            Err(e) => {
                out.truncate(start);
                Err(CodecError::BadPayload(e.to_string()))
            }
        }
    }
}

impl Decoder for OpusDecoder {
    fn decode(&mut self, payload: &[u8], out: &mut Vec<i16>) -> Result<usize, CodecError> {
        if payload.is_empty() {
            return Err(CodecError::BadPayload("empty opus payload".into()));
        }
        let n = self.run(payload, self.max_frame, false, out)?;
        self.last_frame = n / self.channels;
        Ok(n)
    }

    fn conceal(&mut self, out: &mut Vec<i16>) -> Result<usize, CodecError> {
        self.run(&[], self.last_frame, false, out)
    }

    fn recover(&mut self, next_payload: &[u8], out: &mut Vec<i16>) -> Result<usize, CodecError> {
        if next_payload.is_empty() {
            return self.conceal(out);
        }
        self.run(next_payload, self.last_frame, true, out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::media::analysis::{dominant_frequency, rms_dbfs};
    use crate::media::codec::CodecFmtp;

    fn param(rate: u32, ch: u32, enc_fmtp: Vec<CodecFmtp>) -> CodecParam {
        let mut p = CodecParam::default();
        p.info.clock_rate = rate;
        p.info.channel_cnt = ch;
        p.info.frame_len = 20;
        p.setting.plc = true;
        p.setting.complexity = 5;
        p.setting.enc_fmtp = enc_fmtp;
        p
    }

    fn sine(freq: f64, rate: u32, ch: usize, n: usize) -> Vec<i16> {
        (0..n * ch)
            .map(|i| {
                let t = (i / ch) as f64 / rate as f64;
                (8000.0 * (2.0 * std::f64::consts::PI * freq * t).sin()) as i16
            })
            .collect()
    }

    fn run(p: &CodecParam, freq: f64, ch: usize) -> (usize, Vec<i16>) {
        let rate = p.info.clock_rate;
        let frame = rate as usize / 50;
        let pcm = sine(freq, rate, ch, frame * 50);
        let mut enc = OpusEncoder::new(p).unwrap();
        let mut dec = OpusDecoder::new(p).unwrap();
        let (mut bytes, mut out, mut total) = (Vec::new(), Vec::new(), 0);
        for f in pcm.chunks(frame * ch) {
            bytes.clear();
            total += enc.encode(f, &mut bytes).unwrap();
            assert_eq!(dec.decode(&bytes, &mut out).unwrap(), frame * ch);
        }
        (total, out)
    }

    #[test]
    fn sines_survive_at_every_rate() {
        for &(rate, freq) in &[
            (48000, 1000.0),
            (48000, 6000.0),
            (16000, 440.0),
            (16000, 3000.0),
            (8000, 1000.0),
        ] {
            let p = param(rate, 1, vec![]);
            let (_, out) = run(&p, freq, 1);
            let tail = &out[out.len() / 2..];
            let f = dominant_frequency(tail, rate).unwrap();
            assert!((f - freq).abs() / freq < 0.005, "{rate}: {freq} -> {f}");
            // 8000 amplitude sine: -15.3 dBFS.
            assert!(
                (rms_dbfs(tail) + 15.3).abs() < 1.5,
                "{rate}: level {}",
                rms_dbfs(tail)
            );
        }
    }

    #[test]
    fn stereo_only_when_the_remote_asks() {
        let mono = param(48000, 2, vec![]);
        let (_, out) = run(&mono, 1000.0, 2);
        assert_eq!(out.len(), 960 * 2 * 50);
        let stereo = param(48000, 2, vec![CodecFmtp::new("stereo", "1")]);
        let mut enc = OpusEncoder::new(&stereo).unwrap();
        let mut bytes = Vec::new();
        enc.encode(&sine(1000.0, 48000, 2, 960), &mut bytes)
            .unwrap();
        assert_eq!(
            opus::packet::get_nb_channels(&bytes).unwrap(),
            Channels::Stereo
        );
        let mut enc = OpusEncoder::new(&mono).unwrap();
        bytes.clear();
        enc.encode(&sine(1000.0, 48000, 2, 960), &mut bytes)
            .unwrap();
        assert_eq!(
            opus::packet::get_nb_channels(&bytes).unwrap(),
            Channels::Mono
        );
    }

    #[test]
    fn maxaveragebitrate_caps_the_encoder() {
        let low = param(48000, 1, vec![CodecFmtp::new("maxaveragebitrate", "12000")]);
        let (bytes_low, _) = run(&low, 1000.0, 1);
        let mut high = param(48000, 1, vec![]);
        high.info.avg_bps = 64000;
        let (bytes_high, _) = run(&high, 1000.0, 1);
        // One second of audio: bytes × 8 is the bit rate.
        assert!(bytes_low * 8 < 16000, "{}", bytes_low * 8);
        assert!(bytes_high * 8 > 40000, "{}", bytes_high * 8);
    }

    #[test]
    fn plc_and_fec_fill_a_lost_packet() {
        let mut p = param(16000, 1, vec![CodecFmtp::new("useinbandfec", "1")]);
        p.setting.packet_loss = 20;
        let pcm = sine(500.0, 16000, 1, 320 * 20);
        let mut enc = OpusEncoder::new(&p).unwrap();
        let mut packets = Vec::new();
        for f in pcm.chunks(320) {
            let mut b = Vec::new();
            enc.encode(f, &mut b).unwrap();
            packets.push(b);
        }
        let mut dec = OpusDecoder::new(&p).unwrap();
        let mut out = Vec::new();
        for pk in &packets[..10] {
            dec.decode(pk, &mut out).unwrap();
        }
        // Packet 10 lost: FEC from packet 11, then PLC for another loss.
        assert_eq!(dec.recover(&packets[11], &mut out), Ok(320));
        dec.decode(&packets[11], &mut out).unwrap();
        assert_eq!(dec.conceal(&mut out), Ok(320));
        assert_eq!(out.len(), 320 * 13);
        let rebuilt = &out[320 * 10..320 * 11];
        assert!(
            rms_dbfs(rebuilt) > -25.0,
            "FEC frame level {}",
            rms_dbfs(rebuilt)
        );
        assert!(dec.decode(&[], &mut out).is_err());
    }

    #[test]
    fn bad_input_is_an_error() {
        assert!(OpusEncoder::new(&param(44100, 1, vec![])).is_err());
        assert!(OpusEncoder::new(&param(48000, 3, vec![])).is_err());
        let mut enc = OpusEncoder::new(&param(48000, 1, vec![])).unwrap();
        let mut out = vec![1, 2, 3];
        assert_eq!(
            enc.encode(&[0; 100], &mut out),
            Err(CodecError::BadFrame { got: 100 })
        );
        assert_eq!(out, vec![1, 2, 3]);
        let mut dec = OpusDecoder::new(&param(48000, 1, vec![])).unwrap();
        let mut pcm = Vec::new();
        assert!(dec
            .decode(&[0xFF, 0xFF, 0xFF, 0xFF, 0xFF], &mut pcm)
            .is_err());
        assert!(pcm.is_empty());
    }
}
