//! SIP transports as PJSUA2 shows them: `pjsip_transport_type_e` numbers, TransportInfo,
//! and choosing the bind and published addresses from a TransportConfig.

use super::config::{
    PJSUA2RS_TRANSPORT_TCP, PJSUA2RS_TRANSPORT_TCP6, PJSUA2RS_TRANSPORT_UDP,
    PJSUA2RS_TRANSPORT_UDP6,
};
use crate::sip::endpoint::LocalTransport;
use crate::sip::transport::{TransportId, TransportKind};
use crate::sip::uri::Host;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};

/// PJSIP_TRANSPORT_RELIABLE flag of TransportInfo.flags.
pub const PJSUA2RS_TRANSPORT_FLAG_RELIABLE: u32 = 1;
/// PJSIP_TRANSPORT_SECURE flag.
pub const PJSUA2RS_TRANSPORT_FLAG_SECURE: u32 = 2;
/// PJSIP_TRANSPORT_DATAGRAM flag.
pub const PJSUA2RS_TRANSPORT_FLAG_DATAGRAM: u32 = 4;

/// The protocol and address family of a PJSIP transport type, or `None` if unsupported.
pub fn kind_of(transport_type: i32) -> Option<(TransportKind, bool)> {
    match transport_type {
        PJSUA2RS_TRANSPORT_UDP => Some((TransportKind::Udp, false)),
        PJSUA2RS_TRANSPORT_TCP => Some((TransportKind::Tcp, false)),
        PJSUA2RS_TRANSPORT_UDP6 => Some((TransportKind::Udp, true)),
        PJSUA2RS_TRANSPORT_TCP6 => Some((TransportKind::Tcp, true)),
        _ => None,
    }
}

/// A created transport.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TransportRecord {
    /// Its number (PJSUA2's transport id).
    pub id: TransportId,
    /// The PJSIP transport type it was created with.
    pub transport_type: i32,
    /// The protocol.
    pub kind: TransportKind,
    /// "UDP", "TCP", "UDP6", "TCP6".
    pub type_name: String,
    /// The bound address.
    pub local: SocketAddr,
    /// The address written in Via and Contact.
    pub published_host: Host,
    /// The port written in Via and Contact.
    pub published_port: u16,
}

impl TransportRecord {
    /// The transport as the SIP endpoint sees it.
    pub fn local_transport(&self) -> LocalTransport {
        LocalTransport {
            id: self.id,
            kind: self.kind,
            local: self.local,
            published_host: self.published_host.clone(),
            published_port: self.published_port,
        }
    }

    /// "host:port" as published.
    pub fn published_name(&self) -> String {
        format!("{}:{}", self.published_host, self.published_port)
    }

    /// PJSUA2's TransportInfo.flags.
    pub fn flags(&self) -> u32 {
        match self.kind {
            TransportKind::Udp => PJSUA2RS_TRANSPORT_FLAG_DATAGRAM,
            TransportKind::Tcp => PJSUA2RS_TRANSPORT_FLAG_RELIABLE,
        }
    }

    /// PJSUA2's TransportInfo.info, in PJSIP's words: "udp 127.0.0.1:5060 [published as
    /// 127.0.0.1:5060]".
    pub fn info(&self) -> String {
        format!(
            "{} {} [published as {}]",
            self.type_name.to_ascii_lowercase(),
            self.local,
            self.published_name()
        )
    }

    /// PJSIP's reference count as PJSUA2 reports it: a UDP transport is held by the
    /// endpoint (1); a TCP listener is a factory, not a transport (0).
    pub fn usage_count(&self) -> u32 {
        match self.kind {
            TransportKind::Udp => 1,
            TransportKind::Tcp => 0,
        }
    }
}

/// The address to bind: the bound address if given, else any address of the family.
pub fn bind_ip(bound_address: &str, ipv6: bool) -> Result<IpAddr, String> {
    if bound_address.is_empty() {
        return Ok(if ipv6 {
            Ipv6Addr::UNSPECIFIED.into()
        } else {
            Ipv4Addr::UNSPECIFIED.into()
        });
    }
    let ip: IpAddr = bound_address
        .trim_matches(|c| c == '[' || c == ']')
        .parse()
        .map_err(|_| format!("boundAddress '{bound_address}' is not an IP address"))?;
    if ip.is_ipv6() != ipv6 {
        return Err(format!(
            "boundAddress '{bound_address}' does not match the transport's address family"
        ));
    }
    Ok(ip)
}

/// The host to publish: the public address if given; else the bound address; for an
/// unspecified bind, the address the host would use to reach the outside (no packet is
/// sent), or loopback when there is no route.
pub fn published_host(public_address: &str, bound: IpAddr) -> Host {
    if !public_address.is_empty() {
        let trimmed = public_address.trim_matches(|c| c == '[' || c == ']');
        return match trimmed.parse::<IpAddr>() {
            Ok(ip) => Host::from(ip),
            Err(_) => Host::Domain(public_address.into()),
        };
    }
    if !bound.is_unspecified() {
        return Host::from(bound);
    }
    Host::from(default_route_ip(bound.is_ipv6()))
}

fn default_route_ip(ipv6: bool) -> IpAddr {
    let (any, probe, fallback): (IpAddr, IpAddr, IpAddr) = if ipv6 {
        (
            Ipv6Addr::UNSPECIFIED.into(),
            Ipv6Addr::new(0x2001, 0xdb8, 0, 0, 0, 0, 0, 1).into(),
            Ipv6Addr::LOCALHOST.into(),
        )
    } else {
        (
            Ipv4Addr::UNSPECIFIED.into(),
            Ipv4Addr::new(192, 0, 2, 1).into(),
            Ipv4Addr::LOCALHOST.into(),
        )
    };
    // Documentation addresses: connect() on UDP only picks a route, nothing is sent.
    std::net::UdpSocket::bind(SocketAddr::new(any, 0))
        .and_then(|s| {
            s.connect(SocketAddr::new(probe, 9))
                .and_then(|_| s.local_addr())
        })
        .map(|a| a.ip())
        .ok()
        .filter(|ip| !ip.is_unspecified())
        .unwrap_or(fallback)
}
