//! What a stream is set up with, from the SDP negotiation, and what it reports of it
//! (PJSUA2's `StreamInfo`).

use crate::media::codec::{CodecFmtp, CodecParam, CodecRegistry};
use crate::sdp::{Direction, NegotiatedCodec, NegotiatedMedia};
use std::net::SocketAddr;

/// The negotiated facts a stream runs on.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StreamSetup {
    /// The codec to send and receive.
    pub codec: NegotiatedCodec,
    /// Telephone-event, when both sides have it.
    pub telephone_event: Option<NegotiatedCodec>,
    /// Where RTP goes (until symmetric RTP latches onto the peer's source).
    pub remote_rtp: SocketAddr,
    /// Where RTCP goes.
    pub remote_rtcp: SocketAddr,
    /// RTP and RTCP on one port (RFC 5761).
    pub rtcp_mux: bool,
    /// The remote's `a=ptime`: the packet time it wants to receive, in ms.
    pub ptime: Option<u32>,
    /// Whether we send and receive.
    pub direction: Direction,
    /// The m-line's profile as PJMEDIA numbers it ([`PJSUA2RS_TP_PROTO_RTP_AVP`] or
    /// [`PJSUA2RS_TP_PROTO_RTP_AVPF`]).
    pub proto: i32,
}

/// Opus frame lengths RFC 6716 allows that fit our 10 ms grid.
const OPUS_PTIMES: [u32; 4] = [10, 20, 40, 60];

impl StreamSetup {
    /// The setup for a negotiated audio line; an error names what is missing (a host
    /// name in `c=` is not resolved here).
    pub fn from_negotiated(m: &NegotiatedMedia) -> Result<StreamSetup, String> {
        let codec = m.codec().ok_or("no common codec")?.clone();
        let remote_rtp = m
            .remote_rtp
            .as_ref()
            .and_then(|a| a.socket_addr())
            .ok_or("the remote RTP address is not an IP address")?;
        let remote_rtcp = m
            .remote_rtcp
            .as_ref()
            .and_then(|a| a.socket_addr())
            .unwrap_or_else(|| SocketAddr::new(remote_rtp.ip(), remote_rtp.port() + 1));
        Ok(StreamSetup {
            codec,
            telephone_event: m.telephone_event.clone(),
            remote_rtp,
            remote_rtcp: if m.rtcp_mux { remote_rtp } else { remote_rtcp },
            rtcp_mux: m.rtcp_mux,
            ptime: m.ptime,
            direction: m.direction,
            proto: if m.proto.eq_ignore_ascii_case("RTP/AVPF") {
                PJSUA2RS_TP_PROTO_RTP_AVPF
            } else {
                PJSUA2RS_TP_PROTO_RTP_AVP
            },
        })
    }

    /// The codec's parameters for this stream: the registry's defaults, mono, the
    /// remote's fmtp for the encoder, and for Opus the bridge's rate when Opus has it;
    /// and how the stream packetizes.
    pub fn codec_param(
        &self,
        registry: &CodecRegistry,
        bridge_rate: u32,
    ) -> Result<(String, CodecParam, Packetization), String> {
        let codec = registry
            .codec(&self.codec.encoding)
            .map_err(|e| e.to_string())?;
        let id = codec.id();
        let mut param = registry.param(&id).map_err(|e| e.to_string())?;
        param.info.channel_cnt = 1;
        let opus = codec.name == "opus";
        // PJSUA2: the remote's ptime if it gave one, else frameLen x frmPerPkt.
        let wanted = self
            .ptime
            .unwrap_or(param.info.frame_len * param.setting.frm_per_pkt.max(1));
        let mut packet_ms = wanted.clamp(10, 120) / 10 * 10;
        if opus && !OPUS_PTIMES.contains(&packet_ms) {
            packet_ms = 20;
        }
        let pack = if opus {
            param.info.clock_rate = if [8000, 12000, 16000, 24000, 48000].contains(&bridge_rate) {
                bridge_rate
            } else {
                48000
            };
            param.info.frame_len = packet_ms;
            // One Opus frame per packet: the packet is the frame.
            Packetization {
                packet_ms,
                frame_ms: packet_ms,
                frame_bytes: None,
            }
        } else {
            // G.711 and G.722: 64 kbit/s, 80 bytes per 10 ms frame, so a packet of any
            // packet time splits into frames by its size.
            Packetization {
                packet_ms,
                frame_ms: 10,
                frame_bytes: Some(80),
            }
        };
        param.setting.enc_fmtp = self
            .codec
            .remote_fmtp
            .as_deref()
            .map(parse_fmtp)
            .unwrap_or_default();
        Ok((id, param, pack))
    }

    /// The codec's clock rate as PJSUA2's `StreamInfo.codecClockRate` gives it: the
    /// codec's own rate from the registry, which for G.722 is its sampling rate (16000)
    /// and not its RTP clock rate (8000, RFC 3551 §4.5.2); the RTP clock rate for a codec
    /// the registry does not know.
    pub fn codec_clock_rate(&self, registry: &CodecRegistry) -> u32 {
        registry
            .codec(&self.codec.encoding)
            .map_or(self.codec.clock_rate, |c| c.clock_rate)
    }
}

/// How a stream cuts audio into packets and received packets into frames.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Packetization {
    /// Milliseconds of audio in each packet we send.
    pub packet_ms: u32,
    /// Milliseconds in one frame of the jitter buffer.
    pub frame_ms: u32,
    /// Bytes of one frame, for codecs whose received packets split by size.
    pub frame_bytes: Option<usize>,
}

/// `a=fmtp` parameters (`name=value;name=value`).
fn parse_fmtp(text: &str) -> Vec<CodecFmtp> {
    text.split(';')
        .filter_map(|p| {
            let p = p.trim();
            let (name, val) = p.split_once('=').unwrap_or((p, ""));
            (!name.is_empty()).then(|| CodecFmtp::new(name.trim(), val.trim()))
        })
        .collect()
}

/// PJMEDIA_TP_PROTO_RTP_AVP as PJSUA2 2.15 numbers it (PJMEDIA_TP_PROTO_RTP 4 with
/// PJMEDIA_TP_PROFILE_AVP 0x8000): `StreamInfo.proto` of a plain RTP stream.
pub const PJSUA2RS_TP_PROTO_RTP_AVP: i32 = 0x8004;
/// PJMEDIA_TP_PROTO_RTP_AVPF (PJSUA2 2.15: PJMEDIA_TP_PROTO_RTP_AVP with
/// PJMEDIA_TP_PROFILE_RTCP_FB 0x2000): `StreamInfo.proto` of an RTP/AVPF stream (RFC 4585).
pub const PJSUA2RS_TP_PROTO_RTP_AVPF: i32 = 0xa004;

/// PJSUA2's `StreamInfo` of an audio stream.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StreamInfo {
    /// PJMEDIA_TYPE_AUDIO (1).
    pub media_type: i32,
    /// The profile: PJMEDIA_TP_PROTO_RTP_AVP or _RTP_AVPF ([`PJSUA2RS_TP_PROTO_RTP_AVP`],
    /// [`PJSUA2RS_TP_PROTO_RTP_AVPF`]).
    pub proto: i32,
    /// PJMEDIA_DIR bits: ENCODING 1, DECODING 2.
    pub dir: i32,
    /// Where RTP goes now (after latching).
    pub remote_rtp_address: String,
    /// Where RTCP goes now.
    pub remote_rtcp_address: String,
    /// The payload type we send.
    pub tx_pt: u32,
    /// The payload type we receive.
    pub rx_pt: u32,
    /// The codec's name.
    pub codec_name: String,
    /// The codec's clock rate (PJSUA2's `codecClockRate`): 16000 for G.722, whose RTP
    /// clock runs at 8000.
    pub codec_clock_rate: u32,
    /// The codec's parameters in use.
    pub codec_param: CodecParam,
    /// RTP and RTCP on one port.
    pub rtcp_mux: bool,
    /// Telephone-event payload type we send (-1 without it).
    pub tx_event_pt: i32,
    /// Telephone-event payload type we receive (-1 without it).
    pub rx_event_pt: i32,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn setup(encoding: &str, rtp_clock_rate: u32, channels: u16) -> StreamSetup {
        let addr: SocketAddr = "127.0.0.1:4000".parse().unwrap();
        StreamSetup {
            codec: NegotiatedCodec {
                encoding: encoding.into(),
                clock_rate: rtp_clock_rate,
                channels,
                local_payload_type: 96,
                remote_payload_type: 96,
                local_fmtp: None,
                remote_fmtp: None,
            },
            telephone_event: None,
            remote_rtp: addr,
            remote_rtcp: addr,
            rtcp_mux: false,
            ptime: None,
            direction: Direction::SendRecv,
            proto: PJSUA2RS_TP_PROTO_RTP_AVP,
        }
    }

    #[test]
    fn codec_clock_rate_is_the_sampling_rate_as_pjsua2_reports_it() {
        let registry = CodecRegistry::new();
        // G722/8000 in SDP: PJSUA2 reports 16000 (PJMEDIA_HANDLE_G722_MPEG_BUG).
        assert_eq!(setup("G722", 8000, 1).codec_clock_rate(&registry), 16000);
        assert_eq!(setup("PCMU", 8000, 1).codec_clock_rate(&registry), 8000);
        assert_eq!(setup("opus", 48000, 2).codec_clock_rate(&registry), 48000);
        // Not in the registry: the RTP clock rate.
        assert_eq!(setup("L16", 44100, 1).codec_clock_rate(&registry), 44100);
    }

    #[test]
    fn fmtp_parameters_split_on_semicolons() {
        let p = parse_fmtp("maxplaybackrate=16000; useinbandfec=1;stereo");
        assert_eq!(
            p,
            vec![
                CodecFmtp::new("maxplaybackrate", "16000"),
                CodecFmtp::new("useinbandfec", "1"),
                CodecFmtp::new("stereo", ""),
            ]
        );
    }

    #[test]
    fn packet_time_is_the_remote_ptime_else_frame_len_times_frames_per_packet() {
        let mut registry = CodecRegistry::new();
        let pack = |s: &StreamSetup, r: &CodecRegistry| s.codec_param(r, 16000).unwrap().2;
        let pcmu = setup("PCMU", 8000, 1);
        assert_eq!(
            pack(&pcmu, &registry),
            Packetization {
                packet_ms: 20,
                frame_ms: 10,
                frame_bytes: Some(80)
            }
        );
        let mut p = registry.param("PCMU").unwrap();
        p.setting.frm_per_pkt = 4;
        registry.set_param("PCMU", Some(p)).unwrap();
        assert_eq!(pack(&pcmu, &registry).packet_ms, 40);
        let mut asked = pcmu.clone();
        asked.ptime = Some(30);
        assert_eq!(pack(&asked, &registry).packet_ms, 30);
        // Opus: one frame per packet, and only the frame lengths Opus has.
        let mut opus = setup("opus", 48000, 2);
        opus.ptime = Some(30);
        assert_eq!(
            pack(&opus, &registry),
            Packetization {
                packet_ms: 20,
                frame_ms: 20,
                frame_bytes: None
            }
        );
    }
}
