//! PJSUA2's codec records: `CodecInfo` (what `codecEnum2` returns) and `CodecParam` with
//! its `info` and `setting` parts (what `codecGetParam`/`codecSetParam` exchange).

/// One entry of `codecEnum2()`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CodecInfo {
    /// The codec id, `name/clock_rate/channels` (`PCMU/8000/1`).
    pub codec_id: String,
    /// The priority: 0 disables the codec; higher values are offered first.
    pub priority: u8,
    /// A description (empty for the built-in codecs, as in PJSUA2).
    pub desc: String,
}

/// One `a=fmtp` parameter (`name=val`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CodecFmtp {
    /// The parameter name (`useinbandfec`).
    pub name: String,
    /// The value (`1`).
    pub val: String,
}

impl CodecFmtp {
    /// A parameter from its name and value.
    pub fn new(name: &str, val: &str) -> Self {
        CodecFmtp {
            name: name.to_string(),
            val: val.to_string(),
        }
    }
}

/// `CodecParamInfo`: the fixed facts of an instance of the codec.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CodecParamInfo {
    /// Sampling rate of the PCM side.
    pub clock_rate: u32,
    /// Channels of the PCM side.
    pub channel_cnt: u32,
    /// Average bit rate (0: the encoder chooses).
    pub avg_bps: u32,
    /// Highest bit rate.
    pub max_bps: u32,
    /// Largest payload the decoder accepts (0: not limited).
    pub max_rx_frame_size: u32,
    /// Milliseconds in one codec frame.
    pub frame_len: u32,
    /// Bits per PCM sample (16).
    pub pcm_bits_per_sample: u32,
    /// RTP payload type.
    pub pt: u32,
    /// pjmedia's format id (0 for the built-in audio codecs, as PJSUA2 reports).
    pub fmt_id: u32,
}

/// `CodecParamSetting`: what the application may change.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CodecParamSetting {
    /// Codec frames in one RTP packet (packet time = frame_len × frm_per_pkt).
    pub frm_per_pkt: u32,
    /// Voice activity detection (Opus: DTX).
    pub vad: bool,
    /// Comfort noise generation.
    pub cng: bool,
    /// Perceptual enhancement.
    pub penh: bool,
    /// Packet loss concealment (Opus: in-band FEC).
    pub plc: bool,
    /// Reserved (PJSUA2 keeps the field).
    pub reserved: bool,
    /// The remote side's fmtp, which shapes our encoder.
    pub enc_fmtp: Vec<CodecFmtp>,
    /// Our own fmtp, which we advertise for our decoder.
    pub dec_fmtp: Vec<CodecFmtp>,
    /// Expected packet loss in percent (Opus).
    pub packet_loss: u32,
    /// Encoder complexity 0-10 (Opus).
    pub complexity: u32,
    /// Constant bit rate (Opus).
    pub cbr: bool,
}

/// `CodecParam`: `info` plus `setting`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CodecParam {
    /// The codec's facts.
    pub info: CodecParamInfo,
    /// The codec's settings.
    pub setting: CodecParamSetting,
}

impl CodecParam {
    /// The value of an fmtp parameter in `list`, compared without case.
    pub fn fmtp_value<'a>(list: &'a [CodecFmtp], name: &str) -> Option<&'a str> {
        list.iter()
            .find(|f| f.name.eq_ignore_ascii_case(name))
            .map(|f| f.val.as_str())
    }
}
