//! SDP attributes (`a=` lines) and typed views of those a SIP UA uses: rtpmap and fmtp
//! (RFC 8866 §6.6, §6.15), ptime and maxptime, the direction attributes (RFC 3264),
//! rtcp (RFC 3605), rtcp-mux (RFC 5761), mid (RFC 5888), ssrc (RFC 5576), the ICE
//! attributes (RFC 8839, kept as text) and crypto (RFC 4568).
//!
//! Attributes are always kept as written; the typed views parse on demand and give
//! `None` for a value they cannot read, so an odd attribute never fails a parse.

use super::direction::Direction;
use super::model::MediaDescription;
use super::payload::static_payload;

/// One `a=` line: `a=<name>` or `a=<name>:<value>`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Attribute {
    /// The name, before the first `:`.
    pub name: String,
    /// The value after the first `:`, or `None` for a property attribute (`a=sendrecv`).
    pub value: Option<String>,
}

impl Attribute {
    /// An attribute with this name and value.
    pub fn new(name: impl Into<String>, value: Option<String>) -> Self {
        Attribute {
            name: name.into(),
            value,
        }
    }
}

/// Look-ups on a list of attributes (session or media level). Names compare without case.
pub trait AttributeList {
    /// The first attribute with this name.
    fn find(&self, name: &str) -> Option<&Attribute>;
    /// Every attribute with this name, in order.
    fn all<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a Attribute> + 'a;
    /// Whether an attribute with this name is present.
    fn has(&self, name: &str) -> bool {
        self.find(name).is_some()
    }
    /// The value of the first attribute with this name (`None` also for a property).
    fn value_of(&self, name: &str) -> Option<&str> {
        self.find(name).and_then(|a| a.value.as_deref())
    }
    /// The first direction attribute (`sendrecv`, `sendonly`, `recvonly`, `inactive`).
    fn direction(&self) -> Option<Direction>;
}

impl AttributeList for [Attribute] {
    fn find(&self, name: &str) -> Option<&Attribute> {
        self.iter().find(|a| a.name.eq_ignore_ascii_case(name))
    }

    fn all<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a Attribute> + 'a {
        self.iter()
            .filter(move |a| a.name.eq_ignore_ascii_case(name))
    }

    fn direction(&self) -> Option<Direction> {
        self.iter().find_map(|a| Direction::from_name(&a.name))
    }
}

/// `a=rtpmap:<payload type> <encoding name>/<clock rate>[/<channels>]`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RtpMap {
    /// The RTP payload type, 0..=127.
    pub payload_type: u8,
    /// The encoding name (`PCMU`, `opus`, `telephone-event`...), as written.
    pub encoding: String,
    /// The RTP clock rate in Hz.
    pub clock_rate: u32,
    /// The number of audio channels, when written.
    pub channels: Option<u16>,
}

impl RtpMap {
    /// Reads an rtpmap value (`96 opus/48000/2`).
    pub fn parse(value: &str) -> Option<Self> {
        let mut words = value.split_ascii_whitespace();
        let payload_type = parse_u8(words.next()?).filter(|pt| *pt <= 127)?;
        let mut parts = words.next()?.split('/');
        if words.next().is_some() {
            return None;
        }
        let encoding = parts.next().filter(|e| !e.is_empty())?.to_string();
        let clock_rate = parse_digits(parts.next()?)?;
        let channels = match parts.next() {
            Some(c) => Some(parse_digits::<u16>(c)?),
            None => None,
        };
        if parts.next().is_some() {
            return None;
        }
        Some(RtpMap {
            payload_type,
            encoding,
            clock_rate,
            channels,
        })
    }

    /// The channel count, 1 when not written (RFC 3551 §4.1).
    pub fn channel_count(&self) -> u16 {
        self.channels.unwrap_or(1)
    }

    /// Whether two maps name the same codec: encoding name without case, clock rate and
    /// channel count; the payload type number does not matter (RFC 3264 §6.1).
    pub fn same_codec(&self, other: &RtpMap) -> bool {
        self.encoding.eq_ignore_ascii_case(&other.encoding)
            && self.clock_rate == other.clock_rate
            && self.channel_count() == other.channel_count()
    }

    /// Whether this is RFC 4733 `telephone-event`.
    pub fn is_telephone_event(&self) -> bool {
        self.encoding.eq_ignore_ascii_case("telephone-event")
    }

    /// The attribute value, as `RtpMap::parse` reads it.
    pub fn to_value(&self) -> String {
        match self.channels {
            Some(ch) => format!(
                "{} {}/{}/{}",
                self.payload_type, self.encoding, self.clock_rate, ch
            ),
            None => format!(
                "{} {}/{}",
                self.payload_type, self.encoding, self.clock_rate
            ),
        }
    }
}

/// `a=fmtp:<format> <format specific parameters>`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fmtp {
    /// The format (payload type) the parameters are for.
    pub format: String,
    /// The parameters as written (`0-16`, `useinbandfec=1; stereo=0`...).
    pub params: String,
}

impl Fmtp {
    /// Reads an fmtp value.
    pub fn parse(value: &str) -> Option<Self> {
        let value = value.trim_start();
        let (format, params) = value.split_once([' ', '\t']).unwrap_or((value, ""));
        if format.is_empty() {
            return None;
        }
        Some(Fmtp {
            format: format.to_string(),
            params: params.trim().to_string(),
        })
    }

    /// The `key=value` parameters split at `;` (a bare key gives `None` as value).
    pub fn parameters(&self) -> impl Iterator<Item = (&str, Option<&str>)> {
        self.params
            .split(';')
            .map(str::trim)
            .filter(|p| !p.is_empty())
            .map(|p| match p.split_once('=') {
                Some((k, v)) => (k.trim(), Some(v.trim())),
                None => (p, None),
            })
    }
}

/// `a=rtcp:<port> [<nettype> <addrtype> <address>]` (RFC 3605).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Rtcp {
    /// The RTCP port.
    pub port: u16,
    /// The address type (`IP4`/`IP6`) and address, when given.
    pub address: Option<(String, String)>,
}

impl Rtcp {
    /// Reads an rtcp value.
    pub fn parse(value: &str) -> Option<Self> {
        let words: Vec<&str> = value.split_ascii_whitespace().collect();
        let port = parse_digits::<u16>(words.first()?)?;
        let address = match words.as_slice() {
            [_] => None,
            [_, _net, addr_type, address] => Some((addr_type.to_string(), address.to_string())),
            _ => return None,
        };
        Some(Rtcp { port, address })
    }
}

/// `a=ssrc:<ssrc-id> <attribute>[:<value>]` (RFC 5576).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Ssrc {
    /// The synchronisation source.
    pub id: u32,
    /// The source attribute name (`cname`, `msid`...).
    pub attribute: String,
    /// Its value.
    pub value: Option<String>,
}

impl Ssrc {
    /// Reads an ssrc value.
    pub fn parse(value: &str) -> Option<Self> {
        let (id, rest) = value.trim().split_once(' ')?;
        let id = parse_digits(id)?;
        let rest = rest.trim_start();
        let (attribute, value) = match rest.split_once(':') {
            Some((a, v)) => (a, Some(v.to_string())),
            None => (rest, None),
        };
        if attribute.is_empty() {
            return None;
        }
        Some(Ssrc {
            id,
            attribute: attribute.to_string(),
            value,
        })
    }
}

/// `a=crypto:<tag> <crypto-suite> <key-params> [<session-params>]` (RFC 4568), the key
/// parameters kept as written for the SRTP layer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Crypto {
    /// The tag the answer refers to.
    pub tag: u32,
    /// The crypto suite (`AES_CM_128_HMAC_SHA1_80`...).
    pub suite: String,
    /// The key parameters (`inline:<key||salt>[|lifetime][|MKI:length]`...), as written.
    pub key_params: String,
    /// The session parameters, as written.
    pub session_params: Option<String>,
}

impl Crypto {
    /// Reads a crypto value.
    pub fn parse(value: &str) -> Option<Self> {
        let mut words = value.split_ascii_whitespace();
        let tag = parse_digits(words.next()?)?;
        let suite = words.next()?.to_string();
        let key_params = words.next()?.to_string();
        let rest: Vec<&str> = words.collect();
        Some(Crypto {
            tag,
            suite,
            key_params,
            session_params: (!rest.is_empty()).then(|| rest.join(" ")),
        })
    }
}

/// Typed look-ups on a medium's attributes.
impl MediaDescription {
    /// Every `a=rtpmap` that reads, in order.
    pub fn rtpmaps(&self) -> impl Iterator<Item = RtpMap> + '_ {
        self.attributes
            .all("rtpmap")
            .filter_map(|a| RtpMap::parse(a.value.as_deref()?))
    }

    /// What an RTP format stands for: its `a=rtpmap`, else the RFC 3551 static
    /// assignment, else `None` (a dynamic type without rtpmap, or not a number).
    pub fn rtpmap_for(&self, format: &str) -> Option<RtpMap> {
        let pt = parse_u8(format)?;
        self.rtpmaps()
            .find(|m| m.payload_type == pt)
            .or_else(|| static_payload(pt))
    }

    /// The `a=fmtp` parameters for a format.
    pub fn fmtp_for(&self, format: &str) -> Option<String> {
        self.attributes
            .all("fmtp")
            .filter_map(|a| Fmtp::parse(a.value.as_deref()?))
            .find(|f| f.format == format)
            .map(|f| f.params)
    }

    /// `a=ptime` in milliseconds (a fraction such as `20.0` is cut to whole ms).
    pub fn ptime(&self) -> Option<u32> {
        parse_millis(self.attributes.value_of("ptime")?)
    }

    /// `a=maxptime` in milliseconds.
    pub fn maxptime(&self) -> Option<u32> {
        parse_millis(self.attributes.value_of("maxptime")?)
    }

    /// `a=rtcp` (RFC 3605).
    pub fn rtcp(&self) -> Option<Rtcp> {
        Rtcp::parse(self.attributes.value_of("rtcp")?)
    }

    /// Whether `a=rtcp-mux` is present (RFC 5761).
    pub fn rtcp_mux(&self) -> bool {
        self.attributes.has("rtcp-mux")
    }

    /// `a=mid` (RFC 5888).
    pub fn mid(&self) -> Option<&str> {
        self.attributes.value_of("mid")
    }

    /// Every `a=ssrc` that reads (RFC 5576).
    pub fn ssrcs(&self) -> impl Iterator<Item = Ssrc> + '_ {
        self.attributes
            .all("ssrc")
            .filter_map(|a| Ssrc::parse(a.value.as_deref()?))
    }

    /// `a=ice-ufrag` at media level (RFC 8839).
    pub fn ice_ufrag(&self) -> Option<&str> {
        self.attributes.value_of("ice-ufrag")
    }

    /// `a=ice-pwd` at media level (RFC 8839).
    pub fn ice_pwd(&self) -> Option<&str> {
        self.attributes.value_of("ice-pwd")
    }

    /// Every `a=candidate` value, as written (RFC 8839).
    pub fn ice_candidates(&self) -> impl Iterator<Item = &str> + '_ {
        self.attributes
            .all("candidate")
            .filter_map(|a| a.value.as_deref())
    }

    /// Every `a=crypto` that reads (RFC 4568).
    pub fn cryptos(&self) -> impl Iterator<Item = Crypto> + '_ {
        self.attributes
            .all("crypto")
            .filter_map(|a| Crypto::parse(a.value.as_deref()?))
    }
}

/// A number of only ASCII digits (no sign, no space), or `None`.
pub(crate) fn parse_digits<T: std::str::FromStr>(s: &str) -> Option<T> {
    if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

fn parse_u8(s: &str) -> Option<u8> {
    parse_digits(s)
}

fn parse_millis(s: &str) -> Option<u32> {
    let s = s.trim();
    let whole = s.split_once('.').map_or(s, |(w, _)| w);
    parse_digits(whole)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn media(attrs: &[(&str, Option<&str>)]) -> MediaDescription {
        let mut m = MediaDescription::new("audio", 4000, "RTP/AVP", vec!["0".into(), "96".into()]);
        for (n, v) in attrs {
            m.push_attribute(*n, v.map(str::to_string));
        }
        m
    }

    #[test]
    fn rtpmap_reads_and_writes() {
        let m = RtpMap::parse("96 opus/48000/2");
        assert_eq!(
            m,
            Some(RtpMap {
                payload_type: 96,
                encoding: "opus".into(),
                clock_rate: 48000,
                channels: Some(2)
            })
        );
        assert_eq!(m.map(|m| m.to_value()), Some("96 opus/48000/2".to_string()));
        let te = RtpMap::parse("101  telephone-event/8000");
        assert!(te
            .as_ref()
            .is_some_and(|t| t.is_telephone_event() && t.channels.is_none()));
        for bad in [
            "",
            "96",
            "128 x/8000",
            "96 /8000",
            "96 x",
            "96 x/",
            "96 x/8000/a",
            "-1 x/8000",
            "96 x/8000 y",
            "96 x/1/2/3",
        ] {
            assert_eq!(RtpMap::parse(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn same_codec_ignores_payload_type_and_case() {
        let a = RtpMap::parse("97 iLBC/8000");
        let b = RtpMap::parse("99 ILBC/8000/1");
        assert!(a.zip(b).is_some_and(|(a, b)| a.same_codec(&b)));
        let mono = RtpMap::parse("96 opus/48000");
        let stereo = RtpMap::parse("96 opus/48000/2");
        assert!(mono.zip(stereo).is_some_and(|(a, b)| !a.same_codec(&b)));
    }

    #[test]
    fn rtpmap_for_uses_static_types() {
        let m = media(&[
            ("rtpmap", Some("96 opus/48000/2")),
            ("rtpmap", Some("0 pcmu/8000")),
        ]);
        assert_eq!(
            m.rtpmap_for("96").map(|r| r.encoding),
            Some("opus".to_string())
        );
        assert_eq!(
            m.rtpmap_for("0").map(|r| r.encoding),
            Some("pcmu".to_string()),
            "rtpmap wins"
        );
        assert_eq!(
            m.rtpmap_for("8").map(|r| r.encoding),
            Some("PCMA".to_string())
        );
        assert_eq!(m.rtpmap_for("97"), None);
        assert_eq!(m.rtpmap_for("x"), None);
    }

    #[test]
    fn fmtp_and_parameters() {
        let m = media(&[
            ("fmtp", Some("101 0-16")),
            ("fmtp", Some("96 useinbandfec=1; stereo=0")),
        ]);
        assert_eq!(m.fmtp_for("101").as_deref(), Some("0-16"));
        let f = Fmtp::parse("96 useinbandfec=1; stereo=0;annexb");
        let params: Vec<_> = f.iter().flat_map(|f| f.parameters()).collect();
        assert_eq!(
            params,
            vec![
                ("useinbandfec", Some("1")),
                ("stereo", Some("0")),
                ("annexb", None)
            ]
        );
        assert_eq!(Fmtp::parse("18").map(|f| f.params), Some(String::new()));
        assert_eq!(Fmtp::parse(""), None);
    }

    #[test]
    fn ptime_rtcp_mux_mid() {
        let m = media(&[
            ("ptime", Some("20")),
            ("maxptime", Some("40.0")),
            ("rtcp", Some("53020 IN IP6 2001:db8::1")),
            ("RTCP-MUX", None),
            ("mid", Some("audio")),
        ]);
        assert_eq!(m.ptime(), Some(20));
        assert_eq!(m.maxptime(), Some(40));
        assert_eq!(
            m.rtcp(),
            Some(Rtcp {
                port: 53020,
                address: Some(("IP6".into(), "2001:db8::1".into()))
            })
        );
        assert!(m.rtcp_mux());
        assert_eq!(m.mid(), Some("audio"));
        assert_eq!(
            Rtcp::parse("9"),
            Some(Rtcp {
                port: 9,
                address: None
            })
        );
        assert_eq!(Rtcp::parse("70000"), None);
        assert_eq!(Rtcp::parse("9 IN IP4"), None);
    }

    #[test]
    fn ssrc_ice_crypto() {
        let m = media(&[
            ("ssrc", Some("1129373754 cname:2ab364994c4b0b3f")),
            ("ice-ufrag", Some("8hhY")),
            ("ice-pwd", Some("asd88fgpdd777uzjYhagZg")),
            ("candidate", Some("1 1 UDP 2130706431 10.0.1.1 8998 typ host")),
            ("crypto", Some("1 AES_CM_128_HMAC_SHA1_80 inline:PS1uQCVeeCFCanVmcjkpPywjNWhcYD0mXXtxaVBR|2^20|1:32")),
        ]);
        let ssrc: Vec<_> = m.ssrcs().collect();
        assert_eq!(ssrc.len(), 1);
        assert_eq!(
            (ssrc[0].id, ssrc[0].attribute.as_str()),
            (1129373754, "cname")
        );
        assert_eq!(ssrc[0].value.as_deref(), Some("2ab364994c4b0b3f"));
        assert_eq!(
            (m.ice_ufrag(), m.ice_pwd()),
            (Some("8hhY"), Some("asd88fgpdd777uzjYhagZg"))
        );
        assert_eq!(m.ice_candidates().count(), 1);
        let c: Vec<_> = m.cryptos().collect();
        assert_eq!(c.len(), 1);
        assert_eq!(
            (c[0].tag, c[0].suite.as_str()),
            (1, "AES_CM_128_HMAC_SHA1_80")
        );
        assert!(c[0].key_params.starts_with("inline:PS1u") && c[0].session_params.is_none());
        assert_eq!(Ssrc::parse("x cname:a"), None);
        assert_eq!(Crypto::parse("1 AES_CM_128_HMAC_SHA1_80"), None);
    }

    #[test]
    fn attribute_list_lookups() {
        let attrs = [
            Attribute::new("rtpmap", Some("0 PCMU/8000".into())),
            Attribute::new("Sendonly", None),
            Attribute::new("rtpmap", Some("8 PCMA/8000".into())),
            Attribute::new("recvonly", None),
        ];
        assert_eq!(attrs.all("RTPMAP").count(), 2);
        assert_eq!(attrs.value_of("rtpmap"), Some("0 PCMU/8000"));
        assert_eq!(attrs.value_of("sendonly"), None);
        assert!(attrs.has("sendonly") && !attrs.has("inactive"));
        assert_eq!(
            attrs.direction(),
            Some(Direction::SendOnly),
            "the first one counts"
        );
    }
}
