//! The SDP data model (RFC 8866, formerly RFC 4566): a session description with its
//! session-level fields and its media descriptions, every line kept in order.

use super::attributes::{Attribute, AttributeList};
use super::direction::Direction;
use std::net::IpAddr;

/// A whole session description: the session-level lines and the media descriptions.
///
/// Repeated lines keep their order. Lines of an unknown type are kept in `extra_lines`
/// and written back just before the attributes of their section.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SessionDescription {
    /// `v=`: the protocol version, 0.
    pub version: u32,
    /// `o=`: who made the description and its id and version.
    pub origin: Origin,
    /// `s=`: the session name. Empty when the line was missing or blank; the writer then
    /// writes the RFC's single space (`s= `).
    pub session_name: String,
    /// `i=`: session information.
    pub information: Option<String>,
    /// `u=`: a URI with more about the session.
    pub uri: Option<String>,
    /// `e=` lines, as written.
    pub emails: Vec<String>,
    /// `p=` lines, as written.
    pub phones: Vec<String>,
    /// `c=` at session level: the default for media without their own.
    pub connection: Option<Connection>,
    /// `b=` lines at session level.
    pub bandwidths: Vec<Bandwidth>,
    /// `t=` lines, each with its `r=` lines. The parser gives `t=0 0` when the line is
    /// missing, and the writer writes `t=0 0` when this is empty.
    pub times: Vec<Timing>,
    /// `z=`: time zone adjustments, as written.
    pub time_zones: Option<String>,
    /// `k=`: an encryption key (obsolete in RFC 8866), as written.
    pub key: Option<String>,
    /// Lines of a type this model does not know, in order.
    pub extra_lines: Vec<ExtraLine>,
    /// `a=` lines at session level, in order.
    pub attributes: Vec<Attribute>,
    /// The media descriptions (`m=` sections), in order.
    pub media: Vec<MediaDescription>,
}

/// The `o=` line: `<username> <sess-id> <sess-version> <nettype> <addrtype> <address>`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Origin {
    /// The originator's login, or `-`.
    pub username: String,
    /// The session id; stays the same for the whole session (RFC 3264 §8).
    pub session_id: u64,
    /// Grows by one each time the description changes (RFC 3264 §8).
    pub session_version: u64,
    /// The network type, `IN`.
    pub net_type: String,
    /// The address type, `IP4` or `IP6`.
    pub addr_type: String,
    /// The originating host's address or name.
    pub address: String,
}

/// A `c=` line: `<nettype> <addrtype> <connection-address>`.
///
/// For `IP4` the address may carry `/ttl` and `/ttl/count` (multicast); for `IP6`
/// `/count`. Any other address type keeps its address as written, slashes included.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Connection {
    /// The network type, `IN`.
    pub net_type: String,
    /// The address type, `IP4` or `IP6`.
    pub addr_type: String,
    /// The address: an IP literal (IPv6 without brackets) or a host name.
    pub address: String,
    /// The multicast TTL (IP4 only).
    pub ttl: Option<u8>,
    /// The number of consecutive multicast addresses.
    pub count: Option<u32>,
}

/// A `b=<bwtype>:<bandwidth>` line, such as `b=AS:64` or `b=TIAS:64000`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Bandwidth {
    /// The bandwidth type (`AS`, `CT`, `TIAS`...).
    pub kind: String,
    /// The value, in the unit of its type (kbit/s for AS and CT, bit/s for TIAS).
    pub value: u64,
}

/// A `t=<start> <stop>` line with the `r=` lines that follow it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Timing {
    /// The start time (NTP seconds), 0 for an unbounded session.
    pub start: u64,
    /// The stop time (NTP seconds), 0 for an unbounded session.
    pub stop: u64,
    /// The `r=` lines, as written.
    pub repeats: Vec<String>,
}

/// A line whose type letter this model does not know, kept so it is written back.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExtraLine {
    /// The type letter (the character before `=`).
    pub kind: char,
    /// Everything after `=`.
    pub value: String,
}

/// One media description: the `m=` line and the lines under it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MediaDescription {
    /// The media type: `audio`, `video`, `application`, `text`...
    pub media: String,
    /// The transport port; 0 marks a rejected or disabled stream (RFC 3264).
    pub port: u16,
    /// The number of ports (`m=audio 49170/2 ...`), if given.
    pub port_count: Option<u16>,
    /// The transport protocol: `RTP/AVP`, `RTP/SAVP`, `RTP/AVPF`, `UDP/TLS/RTP/SAVPF`...
    pub proto: String,
    /// The media formats: RTP payload type numbers for the RTP protocols.
    pub formats: Vec<String>,
    /// `i=`: media title.
    pub information: Option<String>,
    /// `c=` lines of this medium (several only for multicast).
    pub connections: Vec<Connection>,
    /// `b=` lines of this medium.
    pub bandwidths: Vec<Bandwidth>,
    /// `k=`: an encryption key, as written.
    pub key: Option<String>,
    /// Lines of a type this model does not know, in order.
    pub extra_lines: Vec<ExtraLine>,
    /// `a=` lines of this medium, in order.
    pub attributes: Vec<Attribute>,
}

impl SessionDescription {
    /// A description with this origin and session name, `t=0 0` and nothing else.
    pub fn new(origin: Origin, session_name: impl Into<String>) -> Self {
        SessionDescription {
            version: 0,
            origin,
            session_name: session_name.into(),
            information: None,
            uri: None,
            emails: Vec::new(),
            phones: Vec::new(),
            connection: None,
            bandwidths: Vec::new(),
            times: vec![Timing {
                start: 0,
                stop: 0,
                repeats: Vec::new(),
            }],
            time_zones: None,
            key: None,
            extra_lines: Vec::new(),
            attributes: Vec::new(),
            media: Vec::new(),
        }
    }

    /// The connection that applies to a medium: its own first `c=`, else the session's.
    pub fn connection_for<'a>(&'a self, media: &'a MediaDescription) -> Option<&'a Connection> {
        media.connections.first().or(self.connection.as_ref())
    }

    /// The direction that applies to a medium: its own attribute, else the session's,
    /// else `sendrecv` (RFC 3264 §5.1).
    pub fn direction_for(&self, media: &MediaDescription) -> Direction {
        media
            .attributes
            .direction()
            .or_else(|| self.attributes.direction())
            .unwrap_or(Direction::SendRecv)
    }
}

impl Origin {
    /// An origin for an IP address: `IN IP4 <addr>` or `IN IP6 <addr>`.
    pub fn new(
        username: impl Into<String>,
        session_id: u64,
        session_version: u64,
        address: IpAddr,
    ) -> Self {
        Origin {
            username: username.into(),
            session_id,
            session_version,
            net_type: "IN".to_string(),
            addr_type: addr_type_of(address).to_string(),
            address: address.to_string(),
        }
    }
}

impl Connection {
    /// A unicast connection for an IP address: `IN IP4 <addr>` or `IN IP6 <addr>`.
    pub fn new(address: IpAddr) -> Self {
        Connection {
            net_type: "IN".to_string(),
            addr_type: addr_type_of(address).to_string(),
            address: address.to_string(),
            ttl: None,
            count: None,
        }
    }

    /// The address as an IP literal, or `None` for a host name.
    pub fn ip(&self) -> Option<IpAddr> {
        self.address.parse().ok()
    }

    /// Whether the address is `0.0.0.0` or `::`: the RFC 2543 way of putting a stream on
    /// hold ("do not send to me"), still sent by older phones (RFC 3264 §8.4).
    pub fn is_unspecified(&self) -> bool {
        self.ip().is_some_and(|ip| ip.is_unspecified())
    }
}

impl MediaDescription {
    /// A medium with this type, port, protocol and formats, and nothing else.
    pub fn new(
        media: impl Into<String>,
        port: u16,
        proto: impl Into<String>,
        formats: Vec<String>,
    ) -> Self {
        MediaDescription {
            media: media.into(),
            port,
            port_count: None,
            proto: proto.into(),
            formats,
            information: None,
            connections: Vec::new(),
            bandwidths: Vec::new(),
            key: None,
            extra_lines: Vec::new(),
            attributes: Vec::new(),
        }
    }

    /// Whether the port is 0: a rejected or disabled stream (RFC 3264 §6, §8.2).
    pub fn is_disabled(&self) -> bool {
        self.port == 0
    }

    /// Whether the protocol carries RTP (`RTP/AVP`, `RTP/SAVPF`, `UDP/TLS/RTP/SAVPF`...).
    pub fn is_rtp(&self) -> bool {
        self.proto.split('/').any(|p| p.eq_ignore_ascii_case("RTP"))
    }

    /// Adds an attribute at the end.
    pub fn push_attribute(&mut self, name: impl Into<String>, value: Option<String>) {
        self.attributes.push(Attribute::new(name, value));
    }
}

/// `IP4` or `IP6` for an address.
pub fn addr_type_of(address: IpAddr) -> &'static str {
    match address {
        IpAddr::V4(_) => "IP4",
        IpAddr::V6(_) => "IP6",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::net::{Ipv4Addr, Ipv6Addr};

    #[test]
    fn connection_for_prefers_the_media_level_line() {
        let mut sdp =
            SessionDescription::new(Origin::new("-", 1, 1, Ipv4Addr::LOCALHOST.into()), "-");
        sdp.connection = Some(Connection::new(Ipv4Addr::new(192, 0, 2, 1).into()));
        let mut m = MediaDescription::new("audio", 4000, "RTP/AVP", vec!["0".into()]);
        assert_eq!(
            sdp.connection_for(&m).map(|c| c.address.as_str()),
            Some("192.0.2.1")
        );
        m.connections
            .push(Connection::new(Ipv6Addr::LOCALHOST.into()));
        let c = sdp.connection_for(&m).cloned();
        assert_eq!(c.as_ref().map(|c| c.addr_type.as_str()), Some("IP6"));
        assert_eq!(c.map(|c| c.address), Some("::1".to_string()));
    }

    #[test]
    fn direction_falls_back_to_session_then_sendrecv() {
        let mut sdp =
            SessionDescription::new(Origin::new("-", 1, 1, Ipv4Addr::LOCALHOST.into()), "-");
        let mut m = MediaDescription::new("audio", 4000, "RTP/AVP", vec!["0".into()]);
        assert_eq!(sdp.direction_for(&m), Direction::SendRecv);
        sdp.attributes.push(Attribute::new("inactive", None));
        assert_eq!(sdp.direction_for(&m), Direction::Inactive);
        m.push_attribute("recvonly", None);
        assert_eq!(sdp.direction_for(&m), Direction::RecvOnly);
    }

    #[test]
    fn unspecified_addresses_mean_hold() {
        assert!(Connection::new(Ipv4Addr::UNSPECIFIED.into()).is_unspecified());
        assert!(Connection::new(Ipv6Addr::UNSPECIFIED.into()).is_unspecified());
        assert!(!Connection::new(Ipv4Addr::new(10, 0, 0, 1).into()).is_unspecified());
        let mut named = Connection::new(Ipv4Addr::LOCALHOST.into());
        named.address = "host.example.com".into();
        assert!(!named.is_unspecified());
        assert_eq!(named.ip(), None);
    }

    #[test]
    fn rtp_protocols_are_recognised() {
        for proto in [
            "RTP/AVP",
            "RTP/SAVP",
            "RTP/AVPF",
            "UDP/TLS/RTP/SAVPF",
            "rtp/avp",
        ] {
            assert!(
                MediaDescription::new("audio", 1, proto, vec![]).is_rtp(),
                "{proto}"
            );
        }
        for proto in ["udp", "TCP/MSRP", "UDP/DTLS/SCTP"] {
            assert!(
                !MediaDescription::new("application", 1, proto, vec![]).is_rtp(),
                "{proto}"
            );
        }
    }
}
