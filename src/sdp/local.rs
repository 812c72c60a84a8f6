//! What the local side can do, for the offer/answer negotiator: its codecs by priority,
//! telephone-event (RFC 4733), its address and RTP ports, the direction it wants and
//! the negotiation options; and the payload type numbers it offers.

use super::attributes::RtpMap;
use super::direction::Direction;
use super::payload::{static_payload_type, DYNAMIC_FIRST, DYNAMIC_LAST};
use std::net::IpAddr;

/// A codec the UA can use, as SDP names it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Codec {
    /// The encoding name (`PCMU`, `PCMA`, `G722`, `opus`...), compared without case.
    pub encoding: String,
    /// The RTP clock rate as SDP writes it (G.722: 8000, though it samples at 16000).
    pub clock_rate: u32,
    /// The channel count.
    pub channels: u16,
    /// The payload type to offer: `None` takes the RFC 3551 static type when the codec
    /// has one, else a free dynamic type from 96..=127.
    pub payload_type: Option<u8>,
    /// The `a=fmtp` parameters to offer and answer with.
    pub fmtp: Option<String>,
    /// Higher is preferred; 0 disables the codec (as PJSUA2's `codecSetPriority`).
    pub priority: u8,
    /// RTCP feedback for this codec (RFC 4585 §4.2), each written as `a=rtcp-fb:<pt>
    /// <value>` on AVPF lines: `nack`, `nack pli`, `trr-int 100`...
    pub rtcp_feedback: Vec<String>,
}

impl Codec {
    /// A codec with the normal priority, 128 (PJSUA2's `PJMEDIA_CODEC_PRIO_NORMAL`), and
    /// its default payload type.
    pub fn new(encoding: impl Into<String>, clock_rate: u32, channels: u16) -> Self {
        Codec {
            encoding: encoding.into(),
            clock_rate,
            channels,
            payload_type: None,
            fmtp: None,
            priority: 128,
            rtcp_feedback: Vec::new(),
        }
    }

    /// The same codec with this priority.
    pub fn with_priority(mut self, priority: u8) -> Self {
        self.priority = priority;
        self
    }

    /// The same codec with this payload type.
    pub fn with_payload_type(mut self, payload_type: u8) -> Self {
        self.payload_type = Some(payload_type);
        self
    }

    /// The same codec with these fmtp parameters.
    pub fn with_fmtp(mut self, fmtp: impl Into<String>) -> Self {
        self.fmtp = Some(fmtp.into());
        self
    }

    /// Whether an SDP rtpmap names this codec (name without case, clock rate, channels).
    pub fn matches(&self, map: &RtpMap) -> bool {
        self.encoding.eq_ignore_ascii_case(&map.encoding)
            && self.clock_rate == map.clock_rate
            && self.channels == map.channel_count()
    }

    fn rtpmap(&self, payload_type: u8) -> RtpMap {
        RtpMap {
            payload_type,
            encoding: self.encoding.clone(),
            clock_rate: self.clock_rate,
            channels: (self.channels > 1).then_some(self.channels),
        }
    }
}

/// RFC 4733 telephone-event (DTMF) at one clock rate.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TelephoneEvent {
    /// The RTP clock rate; it should be that of the audio codec in use.
    pub clock_rate: u32,
    /// The payload type to offer: `None` takes a free dynamic type.
    pub payload_type: Option<u8>,
    /// The events offered (`a=fmtp`), such as `0-16`.
    pub fmtp: Option<String>,
}

impl TelephoneEvent {
    /// Telephone-event at this clock rate with events `0-16`, as PJSIP offers it.
    pub fn new(clock_rate: u32) -> Self {
        TelephoneEvent {
            clock_rate,
            payload_type: None,
            fmtp: Some("0-16".to_string()),
        }
    }
}

/// Whose codec order decides, when answering.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum CodecOrder {
    /// The offerer's order (PJMEDIA's default, `PJMEDIA_SDP_NEG_PREFER_REMOTE_CODEC_ORDER`).
    #[default]
    Remote,
    /// Our own priorities.
    Local,
}

/// How a hold re-offer marks the stream (PJSUA2's `CallSetting`/`AccountConfig` hold type).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum HoldType {
    /// `a=sendonly` (or `a=inactive`), RFC 3264 §8.4 (PJSUA2 `PJSUA_CALL_HOLD_TYPE_RFC3264`, 0).
    #[default]
    Rfc3264,
    /// Also `c=` 0.0.0.0 (or `::`), for RFC 2543 peers (`PJSUA_CALL_HOLD_TYPE_RFC2543`, 1).
    Rfc2543,
}

/// The local side of a negotiation: who we are, where we receive, what we can do.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LocalMedia {
    /// The `o=` username (`-` by default).
    pub username: String,
    /// The `o=` session id of a new session (from the call's seeded RNG).
    pub session_id: u64,
    /// The `o=` version of a new session; re-offers take the previous one plus one.
    pub session_version: u64,
    /// The `s=` name (`-` by default).
    pub session_name: String,
    /// The address we receive media on (written in `o=` and `c=`).
    pub address: IpAddr,
    /// One RTP port per audio stream we can carry (PJSUA2's audio count): an offer has
    /// one audio stream per port; an answer accepts at most this many audio streams.
    pub audio_ports: Vec<u16>,
    /// The transport protocol we offer (`RTP/AVP`). An offer is accepted when its
    /// protocol equals this one, or when both are plain RTP (`RTP/AVP`, `RTP/AVPF`).
    pub proto: String,
    /// Whether we offer and accept RTP/RTCP multiplexing (RFC 5761).
    pub rtcp_mux: bool,
    /// Our codecs; priority orders them (ties keep list order), priority 0 disables.
    pub codecs: Vec<Codec>,
    /// Telephone-event at the clock rates we handle.
    pub telephone_events: Vec<TelephoneEvent>,
    /// What we want: `SendRecv`, or `SendOnly`/`Inactive` to hold the other side.
    pub direction: Direction,
    /// `a=ptime` to write, in ms.
    pub ptime: Option<u32>,
    /// Whose codec order wins when answering.
    pub codec_order: CodecOrder,
    /// Whether an answer lists every common codec, or only the first one (PJMEDIA's
    /// default, `PJMEDIA_SDP_NEG_ANSWER_MULTIPLE_CODECS` 0).
    pub answer_multiple_codecs: bool,
    /// RTCP feedback for every payload type, written as `a=rtcp-fb:* <value>` on AVPF
    /// lines (RFC 4585 §4.2); offer such lines by setting `proto` to `RTP/AVPF`.
    pub rtcp_feedback: Vec<String>,
}

impl LocalMedia {
    /// One audio stream on this address and port with PCMU, PCMA and telephone-event/8000,
    /// sendrecv, rtcp-mux offered (DESIGN.md §5), session id and version 0.
    pub fn new(address: IpAddr, audio_port: u16) -> Self {
        LocalMedia {
            username: "-".to_string(),
            session_id: 0,
            session_version: 0,
            session_name: "-".to_string(),
            address,
            audio_ports: vec![audio_port],
            proto: "RTP/AVP".to_string(),
            rtcp_mux: true,
            codecs: vec![Codec::new("PCMU", 8000, 1), Codec::new("PCMA", 8000, 1)],
            telephone_events: vec![TelephoneEvent::new(8000)],
            direction: Direction::SendRecv,
            ptime: None,
            codec_order: CodecOrder::Remote,
            answer_multiple_codecs: false,
            rtcp_feedback: Vec::new(),
        }
    }

    /// The enabled codecs, highest priority first (ties keep list order).
    pub fn codecs_by_priority(&self) -> Vec<&Codec> {
        let mut list: Vec<&Codec> = self
            .codecs
            .iter()
            .filter(|c| c.priority > 0 && !c.encoding.eq_ignore_ascii_case("telephone-event"))
            .collect();
        list.sort_by_key(|c| std::cmp::Reverse(c.priority));
        list
    }

    /// Whether an offered protocol is one we can answer.
    pub fn accepts_proto(&self, proto: &str) -> bool {
        let plain =
            |p: &str| p.eq_ignore_ascii_case("RTP/AVP") || p.eq_ignore_ascii_case("RTP/AVPF");
        proto.eq_ignore_ascii_case(&self.proto) || plain(proto) && plain(&self.proto)
    }

    /// The formats of our audio offer: each codec by priority, then telephone-events,
    /// with payload types: the configured one when free, else the static one, else the
    /// next free dynamic one. A codec that finds no free type is left out.
    pub fn offered_formats(&self) -> Vec<OfferedFormat> {
        // Each format with the payload type it asks for (its rtpmap's is set below).
        let mut wanted: Vec<(Option<u8>, OfferedFormat)> = Vec::new();
        for c in self.codecs_by_priority() {
            let pt = c
                .payload_type
                .or_else(|| static_payload_type(&c.encoding, c.clock_rate, c.channels));
            let format = OfferedFormat {
                rtpmap: c.rtpmap(0),
                fmtp: c.fmtp.clone(),
                rtcp_feedback: c.rtcp_feedback.clone(),
            };
            wanted.push((pt, format));
        }
        for te in &self.telephone_events {
            let rtpmap = RtpMap {
                payload_type: 0,
                encoding: "telephone-event".to_string(),
                clock_rate: te.clock_rate,
                channels: None,
            };
            let format = OfferedFormat {
                rtpmap,
                fmtp: te.fmtp.clone(),
                rtcp_feedback: Vec::new(),
            };
            wanted.push((te.payload_type, format));
        }
        // Configured and static numbers first, so a dynamic pick never takes them; a bit
        // per payload type 0..=127 marks it taken.
        let mut used: u128 = 0;
        let mut chosen: Vec<Option<u8>> = Vec::with_capacity(wanted.len());
        for (pt, _) in &wanted {
            let free = pt.filter(|&p| p <= DYNAMIC_LAST && used & (1 << p) == 0);
            if let Some(p) = free {
                used |= 1 << p;
            }
            chosen.push(free);
        }
        let mut dynamic = DYNAMIC_FIRST..=DYNAMIC_LAST;
        for slot in chosen.iter_mut().filter(|s| s.is_none()) {
            *slot = dynamic.find(|&p| used & (1 << p) == 0);
        }
        wanted
            .into_iter()
            .zip(chosen)
            .filter_map(|((_, mut format), pt)| {
                format.rtpmap.payload_type = pt?;
                Some(format)
            })
            .collect()
    }
}

/// One format of our audio offer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OfferedFormat {
    /// Its rtpmap, with the payload type chosen.
    pub rtpmap: RtpMap,
    /// Its fmtp parameters.
    pub fmtp: Option<String>,
    /// Its RTCP feedback values (`a=rtcp-fb`).
    pub rtcp_feedback: Vec<String>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::net::Ipv4Addr;

    fn local() -> LocalMedia {
        LocalMedia::new(IpAddr::V4(Ipv4Addr::LOCALHOST), 4000)
    }

    fn pts(local: &LocalMedia) -> Vec<(u8, String)> {
        local
            .offered_formats()
            .into_iter()
            .map(|f| (f.rtpmap.payload_type, f.rtpmap.encoding))
            .collect()
    }

    #[test]
    fn static_dynamic_and_configured_payload_types() {
        let mut local = local();
        local.codecs = vec![
            Codec::new("opus", 48000, 2).with_priority(200),
            Codec::new("PCMU", 8000, 1),
            Codec::new("speex", 16000, 1).with_payload_type(96),
            Codec::new("G722", 8000, 1).with_priority(150),
            Codec::new("GSM", 8000, 1).with_priority(0),
        ];
        let got = pts(&local);
        let want: Vec<(u8, String)> = vec![
            (97, "opus".into()),
            (9, "G722".into()),
            (0, "PCMU".into()),
            (96, "speex".into()),
            (98, "telephone-event".into()),
        ];
        assert_eq!(got, want, "priority order, 96 kept for speex, GSM disabled");
        let opus = local
            .offered_formats()
            .into_iter()
            .next()
            .map(|f| f.rtpmap.to_value());
        assert_eq!(opus.as_deref(), Some("97 opus/48000/2"));
    }

    #[test]
    fn a_taken_payload_type_is_replaced_and_exhaustion_drops_codecs() {
        let mut local = local();
        local.codecs = vec![
            Codec::new("A", 8000, 1).with_payload_type(100),
            Codec::new("B", 8000, 1).with_payload_type(100),
        ];
        local.telephone_events = vec![];
        assert_eq!(pts(&local), vec![(100, "A".into()), (96, "B".into())]);
        local.codecs = (0..40)
            .map(|i| Codec::new(format!("X{i}"), 8000, 1))
            .collect();
        assert_eq!(pts(&local).len(), 32, "only 32 dynamic types exist");
    }

    #[test]
    fn protocols() {
        let mut local = local();
        assert!(local.accepts_proto("RTP/AVP") && local.accepts_proto("rtp/avpf"));
        assert!(!local.accepts_proto("RTP/SAVP") && !local.accepts_proto("UDP/TLS/RTP/SAVPF"));
        local.proto = "RTP/SAVP".into();
        assert!(local.accepts_proto("RTP/SAVP") && !local.accepts_proto("RTP/AVP"));
    }

    #[test]
    fn codec_matching() {
        let g722 = Codec::new("g722", 8000, 1);
        assert!(RtpMap::parse("9 G722/8000").is_some_and(|m| g722.matches(&m)));
        assert!(RtpMap::parse("9 G722/16000").is_some_and(|m| !g722.matches(&m)));
        let opus = Codec::new("opus", 48000, 2);
        assert!(RtpMap::parse("111 opus/48000/2").is_some_and(|m| opus.matches(&m)));
        assert!(RtpMap::parse("111 opus/48000").is_some_and(|m| !opus.matches(&m)));
    }
}
