//! The codec registry: PJSUA2's codec manager. It lists the codecs in priority order
//! (`codecEnum2`), changes priorities by id prefix (`codecSetPriority`, 0 disables), keeps
//! each codec's default `CodecParam` (`codecGetParam`/`codecSetParam`), the Opus
//! configuration (`getCodecOpusConfig`/`setCodecOpusConfig`), and creates encoders and
//! decoders by codec id.
//!
//! Defaults are PJSUA2's (checked against PJSUA2 2.15.1): every codec at priority 128
//! (`PJMEDIA_CODEC_PRIO_NORMAL`), listed in registration order PCMU, PCMA, G722, opus
//! (pjmedia registers G.711 before G.722 and Opus last; only speex, which we do not
//! have, is raised above 128 by PJSUA). G.711/G.722 use 10 ms frames × 2 per packet.

use super::g711::{G711Decoder, G711Encoder, Law};
use super::g722::{G722Decoder, G722Encoder};
use super::opus::{OpusDecoder, OpusEncoder};
use super::opus_fmtp::OpusFmtp;
use super::param::{CodecInfo, CodecParam, CodecParamInfo, CodecParamSetting};
use super::{Codec, CodecError, Decoder, Encoder};

/// PJSUA2's normal priority.
const PRIO_NORMAL: u8 = 128;

/// PCMU.
const PCMU: Codec = Codec {
    name: "PCMU",
    clock_rate: 8000,
    rtp_clock_rate: 8000,
    channels: 1,
    static_pt: Some(0),
    default_pt: 0,
    frame_ms: 20,
    default_priority: PRIO_NORMAL,
    avg_bps: 64000,
    max_bps: 64000,
};
/// PCMA.
const PCMA: Codec = Codec {
    name: "PCMA",
    static_pt: Some(8),
    default_pt: 8,
    ..PCMU
};
/// G.722.
const G722: Codec = Codec {
    name: "G722",
    clock_rate: 16000,
    static_pt: Some(9),
    default_pt: 9,
    ..PCMU
};
/// Opus; 119 is pjmedia's `PJMEDIA_RTP_PT_OPUS` (SDP renumbers dynamic types).
const OPUS: Codec = Codec {
    name: "opus",
    clock_rate: 48000,
    rtp_clock_rate: 48000,
    channels: 2,
    static_pt: None,
    default_pt: 119,
    frame_ms: 20,
    default_priority: PRIO_NORMAL,
    avg_bps: 0,
    max_bps: 96000,
};

/// PJSUA2's `CodecOpusConfig`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct OpusConfig {
    /// Sampling rate: 8000, 12000, 16000, 24000 or 48000 (default 48000).
    pub sample_rate: u32,
    /// Channels, 1 or 2 (default 1).
    pub channel_cnt: u32,
    /// Frame time numerator in ms (default 20).
    pub frm_ptime: u32,
    /// Frame time denominator (default 1).
    pub frm_ptime_denum: u32,
    /// Bit rate in bit/s, 0 for automatic, else 6000..=510000 (default 0).
    pub bit_rate: u32,
    /// Expected packet loss in percent, below 100 (default 5).
    pub packet_loss: u32,
    /// Encoder complexity 0..=10 (default 5).
    pub complexity: u32,
    /// Constant bit rate (default false).
    pub cbr: bool,
}

impl Default for OpusConfig {
    fn default() -> Self {
        OpusConfig {
            sample_rate: 48000,
            channel_cnt: 1,
            frm_ptime: 20,
            frm_ptime_denum: 1,
            bit_rate: 0,
            packet_loss: 5,
            complexity: 5,
            cbr: false,
        }
    }
}

/// One registered codec.
#[derive(Clone, Debug)]
struct Entry {
    codec: Codec,
    priority: u8,
    param: CodecParam,
}

/// The codecs of an endpoint, with their priorities and parameters.
#[derive(Clone, Debug)]
pub struct CodecRegistry {
    /// In registration order.
    entries: Vec<Entry>,
    opus: OpusConfig,
}

impl Default for CodecRegistry {
    fn default() -> Self {
        Self::new()
    }
}

/// PJSUA2's default parameters of a waveform codec (G.711, G.722).
fn waveform_param(c: &Codec) -> CodecParam {
    CodecParam {
        info: CodecParamInfo {
            clock_rate: c.clock_rate,
            channel_cnt: c.channels as u32,
            avg_bps: c.avg_bps,
            max_bps: c.max_bps,
            max_rx_frame_size: 0,
            frame_len: 10,
            pcm_bits_per_sample: 16,
            pt: c.default_pt as u32,
            fmt_id: 0,
        },
        setting: CodecParamSetting {
            frm_per_pkt: 2,
            vad: true,
            plc: true,
            ..Default::default()
        },
    }
}

/// The Opus parameters for a configuration, with our fmtp as pjmedia generates it.
fn opus_param(cfg: &OpusConfig, vad: bool, plc: bool) -> CodecParam {
    let stereo = cfg.channel_cnt > 1;
    let narrow = (cfg.sample_rate != 48000).then_some(cfg.sample_rate);
    let fmtp = OpusFmtp {
        maxplaybackrate: narrow,
        sprop_maxcapturerate: narrow,
        maxaveragebitrate: (cfg.bit_rate > 0).then_some(cfg.bit_rate),
        stereo: stereo.then_some(true),
        sprop_stereo: stereo.then_some(true),
        cbr: cfg.cbr.then_some(true),
        useinbandfec: plc.then_some(true),
        usedtx: vad.then_some(true),
        ..Default::default()
    };
    CodecParam {
        info: CodecParamInfo {
            clock_rate: cfg.sample_rate,
            channel_cnt: cfg.channel_cnt,
            avg_bps: cfg.bit_rate,
            max_bps: cfg.sample_rate * 2,
            max_rx_frame_size: 1275,
            frame_len: cfg.frm_ptime / cfg.frm_ptime_denum.max(1),
            pcm_bits_per_sample: 16,
            pt: OPUS.default_pt as u32,
            fmt_id: 0,
        },
        setting: CodecParamSetting {
            frm_per_pkt: 1,
            vad,
            plc,
            dec_fmtp: fmtp.to_params(),
            packet_loss: cfg.packet_loss,
            complexity: cfg.complexity,
            cbr: cfg.cbr,
            ..Default::default()
        },
    }
}

impl CodecRegistry {
    /// The registry with PJSUA2's default codecs, priorities and parameters.
    pub fn new() -> Self {
        let opus = OpusConfig::default();
        let entries = [PCMU, PCMA, G722]
            .iter()
            .map(|c| Entry {
                codec: *c,
                priority: c.default_priority,
                param: waveform_param(c),
            })
            .chain(std::iter::once(Entry {
                codec: OPUS,
                priority: OPUS.default_priority,
                param: opus_param(&opus, false, true),
            }))
            .collect();
        CodecRegistry { entries, opus }
    }

    /// `codecEnum2()`: every codec (disabled ones too) by falling priority, registration
    /// order among equals.
    pub fn codec_enum(&self) -> Vec<CodecInfo> {
        let mut list: Vec<&Entry> = self.entries.iter().collect();
        list.sort_by_key(|e| std::cmp::Reverse(e.priority));
        list.iter()
            .map(|e| CodecInfo {
                codec_id: e.codec.id(),
                priority: e.priority,
                desc: String::new(),
            })
            .collect()
    }

    /// The enabled codecs in preference order, for the SDP offer.
    pub fn enabled(&self) -> Vec<Codec> {
        let mut list: Vec<&Entry> = self.entries.iter().filter(|e| e.priority > 0).collect();
        list.sort_by_key(|e| std::cmp::Reverse(e.priority));
        list.iter().map(|e| e.codec).collect()
    }

    /// The enabled codecs in preference order with their priorities and parameters (our
    /// fmtp is `setting.dec_fmtp`), for the SDP offer and answer.
    pub fn enabled_with_params(&self) -> Vec<(Codec, u8, CodecParam)> {
        let mut list: Vec<&Entry> = self.entries.iter().filter(|e| e.priority > 0).collect();
        list.sort_by_key(|e| std::cmp::Reverse(e.priority));
        list.iter()
            .map(|e| (e.codec, e.priority, e.param.clone()))
            .collect()
    }

    /// The entry for a full id or an id prefix (`PCMU`, `pcmu/8000`), compared without
    /// case; the first match in registration order.
    fn find(&self, id: &str) -> Result<usize, CodecError> {
        let matches = |e: &Entry| {
            let full = e.codec.id();
            full.len() >= id.len() && full[..id.len()].eq_ignore_ascii_case(id)
        };
        self.entries
            .iter()
            .position(matches)
            .ok_or_else(|| CodecError::NotFound(id.to_string()))
    }

    /// The codec description for an id or id prefix.
    pub fn codec(&self, id: &str) -> Result<Codec, CodecError> {
        Ok(self.entries[self.find(id)?].codec)
    }

    /// `codecSetPriority(id, priority)`: sets the priority of every codec whose id starts
    /// with `id` (without case; an empty id means all). 0 disables. Returns how many
    /// codecs changed; `NotFound` when none matched.
    pub fn set_priority(&mut self, id: &str, priority: u8) -> Result<usize, CodecError> {
        let mut n = 0;
        for e in &mut self.entries {
            let full = e.codec.id();
            if full.len() >= id.len() && full[..id.len()].eq_ignore_ascii_case(id) {
                e.priority = priority;
                n += 1;
            }
        }
        if n == 0 {
            return Err(CodecError::NotFound(id.to_string()));
        }
        Ok(n)
    }

    /// `codecGetParam(id)`: the codec's current default parameters.
    pub fn param(&self, id: &str) -> Result<CodecParam, CodecError> {
        Ok(self.entries[self.find(id)?].param.clone())
    }

    /// `codecSetParam(id, param)`: replaces the codec's default parameters; `None`
    /// restores the built-in defaults. The clock rate and channel count must be ones the
    /// codec supports.
    pub fn set_param(&mut self, id: &str, param: Option<CodecParam>) -> Result<(), CodecError> {
        let i = self.find(id)?;
        let codec = self.entries[i].codec;
        let param = match param {
            Some(p) => {
                check_param(&codec, &p)?;
                p
            }
            None if codec.name == OPUS.name => opus_param(&self.opus, false, true),
            None => waveform_param(&codec),
        };
        self.entries[i].param = param;
        Ok(())
    }

    /// `getCodecOpusConfig()`.
    pub fn opus_config(&self) -> OpusConfig {
        self.opus
    }

    /// `setCodecOpusConfig(cfg)`: validates the configuration and rebuilds Opus's default
    /// parameters (and our fmtp) from it, keeping its VAD and PLC settings.
    pub fn set_opus_config(&mut self, cfg: OpusConfig) -> Result<(), CodecError> {
        let bad = |what: &str| Err(CodecError::InvalidParam(what.to_string()));
        if ![8000, 12000, 16000, 24000, 48000].contains(&cfg.sample_rate) {
            return bad("opus sample_rate");
        }
        if cfg.channel_cnt != 1 && cfg.channel_cnt != 2 {
            return bad("opus channel_cnt");
        }
        if cfg.bit_rate != 0 && !(6000..=510_000).contains(&cfg.bit_rate) {
            return bad("opus bit_rate");
        }
        if cfg.packet_loss >= 100 {
            return bad("opus packet_loss");
        }
        if cfg.complexity > 10 {
            return bad("opus complexity");
        }
        if cfg.frm_ptime == 0 {
            return bad("opus frm_ptime");
        }
        let i = self.find("opus")?;
        let old = &self.entries[i].param.setting;
        self.entries[i].param = opus_param(&cfg, old.vad, old.plc);
        self.opus = cfg;
        Ok(())
    }

    /// Creates an encoder for the codec `id` with `param`, or the codec's current default
    /// parameters when `None`.
    pub fn create_encoder(
        &self,
        id: &str,
        param: Option<&CodecParam>,
    ) -> Result<Box<dyn Encoder>, CodecError> {
        let e = &self.entries[self.find(id)?];
        let p = param.unwrap_or(&e.param);
        check_param(&e.codec, p)?;
        Ok(match e.codec.name {
            "PCMU" => Box::new(G711Encoder::new(Law::Mu)),
            "PCMA" => Box::new(G711Encoder::new(Law::A)),
            "G722" => Box::new(G722Encoder::new()),
            _ => Box::new(OpusEncoder::new(p)?),
        })
    }

    /// Creates a decoder for the codec `id`, like [`CodecRegistry::create_encoder`].
    pub fn create_decoder(
        &self,
        id: &str,
        param: Option<&CodecParam>,
    ) -> Result<Box<dyn Decoder>, CodecError> {
        let e = &self.entries[self.find(id)?];
        let p = param.unwrap_or(&e.param);
        check_param(&e.codec, p)?;
        Ok(match e.codec.name {
            "PCMU" => Box::new(G711Decoder::new(Law::Mu)),
            "PCMA" => Box::new(G711Decoder::new(Law::A)),
            "G722" => Box::new(G722Decoder::new()),
            _ => Box::new(OpusDecoder::new(p)?),
        })
    }
}

/// Checks that `p` fits `codec`: waveform codecs have fixed rate and mono; Opus takes
/// its five rates and one or two channels.
fn check_param(codec: &Codec, p: &CodecParam) -> Result<(), CodecError> {
    let ok = if codec.name == OPUS.name {
        [8000, 12000, 16000, 24000, 48000].contains(&p.info.clock_rate)
            && (1..=2).contains(&p.info.channel_cnt)
    } else {
        p.info.clock_rate == codec.clock_rate && p.info.channel_cnt == 1
    };
    if ok {
        Ok(())
    } else {
        Err(CodecError::InvalidParam(format!(
            "{}: clock rate {} with {} channels",
            codec.id(),
            p.info.clock_rate,
            p.info.channel_cnt
        )))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::media::codec::CodecFmtp;

    #[test]
    fn defaults_match_pjsua2() {
        let r = CodecRegistry::new();
        let ids: Vec<(String, u8)> = r
            .codec_enum()
            .into_iter()
            .map(|c| (c.codec_id, c.priority))
            .collect();
        assert_eq!(
            ids,
            vec![
                ("PCMU/8000/1".to_string(), 128),
                ("PCMA/8000/1".to_string(), 128),
                ("G722/16000/1".to_string(), 128),
                ("opus/48000/2".to_string(), 128),
            ]
        );
        let g722 = r.param("G722/16000/1").unwrap();
        assert_eq!(
            (
                g722.info.clock_rate,
                g722.info.pt,
                g722.info.frame_len,
                g722.setting.frm_per_pkt
            ),
            (16000, 9, 10, 2)
        );
        assert_eq!(r.codec("G722").unwrap().rtp_clock_rate, 8000);
        let opus = r.param("opus").unwrap();
        assert_eq!(
            (
                opus.info.clock_rate,
                opus.info.channel_cnt,
                opus.info.max_bps
            ),
            (48000, 1, 96000)
        );
        assert_eq!(
            opus.setting.dec_fmtp,
            vec![CodecFmtp::new("useinbandfec", "1")]
        );
        assert_eq!(r.opus_config(), OpusConfig::default());
        assert_eq!(r.codec("opus").unwrap().static_pt, None);
    }

    #[test]
    fn priorities_reorder_and_disable() {
        let mut r = CodecRegistry::new();
        assert_eq!(r.set_priority("opus", 200), Ok(1));
        assert_eq!(r.set_priority("pcm", 0), Ok(2));
        assert_eq!(r.set_priority("g722/16000/1", 150), Ok(1));
        let order: Vec<String> = r.codec_enum().into_iter().map(|c| c.codec_id).collect();
        assert_eq!(
            order,
            ["opus/48000/2", "G722/16000/1", "PCMU/8000/1", "PCMA/8000/1"]
        );
        let enabled: Vec<&str> = r.enabled().iter().map(|c| c.name).collect();
        assert_eq!(enabled, ["opus", "G722"]);
        assert!(matches!(
            r.set_priority("speex", 1),
            Err(CodecError::NotFound(_))
        ));
        assert_eq!(r.set_priority("", 10), Ok(4));
    }

    #[test]
    fn params_and_opus_config() {
        let mut r = CodecRegistry::new();
        let mut p = r.param("PCMU/8000/1").unwrap();
        p.setting.frm_per_pkt = 3;
        r.set_param("PCMU/8000/1", Some(p.clone())).unwrap();
        assert_eq!(r.param("pcmu").unwrap(), p);
        p.info.clock_rate = 16000;
        assert!(r.set_param("PCMU", Some(p)).is_err());
        r.set_param("PCMU", None).unwrap();
        assert_eq!(r.param("PCMU").unwrap().setting.frm_per_pkt, 2);

        let cfg = OpusConfig {
            sample_rate: 16000,
            channel_cnt: 2,
            bit_rate: 24000,
            cbr: true,
            ..Default::default()
        };
        r.set_opus_config(cfg).unwrap();
        let op = r.param("opus").unwrap();
        assert_eq!(
            (op.info.clock_rate, op.info.channel_cnt, op.info.avg_bps),
            (16000, 2, 24000)
        );
        assert_eq!(
            OpusFmtp::from_params(&op.setting.dec_fmtp).to_string(),
            "maxplaybackrate=16000;sprop-maxcapturerate=16000;maxaveragebitrate=24000;stereo=1;sprop-stereo=1;cbr=1;useinbandfec=1"
        );
        assert!(r
            .set_opus_config(OpusConfig {
                sample_rate: 44100,
                ..cfg
            })
            .is_err());
        assert!(r
            .set_opus_config(OpusConfig {
                bit_rate: 1000,
                ..cfg
            })
            .is_err());
        assert!(r
            .set_opus_config(OpusConfig {
                complexity: 11,
                ..cfg
            })
            .is_err());
    }

    #[test]
    fn creates_working_codecs_by_id() {
        let r = CodecRegistry::new();
        for id in ["PCMU/8000/1", "PCMA/8000/1", "G722/16000/1", "opus/48000/2"] {
            let p = r.param(id).unwrap();
            let n = (p.info.clock_rate / 50 * p.info.channel_cnt) as usize;
            let mut enc = r.create_encoder(id, None).unwrap();
            let mut dec = r.create_decoder(id, None).unwrap();
            let mut bytes = Vec::new();
            let mut pcm = Vec::new();
            enc.encode(&vec![100; n], &mut bytes).unwrap();
            assert_eq!(dec.decode(&bytes, &mut pcm).unwrap(), n, "{id}");
            assert_eq!(dec.conceal(&mut pcm).unwrap(), n, "{id}");
        }
        assert!(matches!(
            r.create_encoder("GSM", None),
            Err(CodecError::NotFound(_))
        ));
    }
}
