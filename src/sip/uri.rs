//! SIP and SIPS URIs (RFC 3261 §19.1) with IPv6 references (RFC 5118), and other URI
//! schemes kept as opaque text.

use super::params::Params;
use super::text::Text;
use std::fmt;
use std::net::{Ipv4Addr, Ipv6Addr};

/// The host part of a SIP URI or Via sent-by.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Host {
    /// A domain name, as written (compared case-insensitively).
    Domain(Text),
    /// An IPv4 address.
    V4(Ipv4Addr),
    /// An IPv6 address, written in brackets in URIs (`[::1]`).
    V6(Ipv6Addr),
}

impl Host {
    /// Whether two hosts are the same (domain names compare case-insensitively, addresses
    /// by value, so `[::1]` equals `[0:0::1]`).
    pub fn same_as(&self, other: &Host) -> bool {
        match (self, other) {
            (Host::Domain(a), Host::Domain(b)) => a.eq_ignore_ascii_case(b),
            (a, b) => a == b,
        }
    }

    /// The host as an IP address, when it is one.
    pub fn ip(&self) -> Option<std::net::IpAddr> {
        match self {
            Host::V4(a) => Some((*a).into()),
            Host::V6(a) => Some((*a).into()),
            Host::Domain(_) => None,
        }
    }
}

impl From<std::net::IpAddr> for Host {
    fn from(ip: std::net::IpAddr) -> Self {
        match ip {
            std::net::IpAddr::V4(a) => Host::V4(a),
            std::net::IpAddr::V6(a) => Host::V6(a),
        }
    }
}

impl fmt::Display for Host {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Host::Domain(d) => f.write_str(d),
            Host::V4(a) => write!(f, "{a}"),
            Host::V6(a) => write!(f, "[{a}]"),
        }
    }
}

/// A `sip:` or `sips:` URI.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SipUri {
    /// `true` for `sips:`.
    pub secure: bool,
    /// The user part, still %-escaped as written; `None` when there is no `user@`.
    pub user: Option<Text>,
    /// The password after `user:`, still escaped; rare and discouraged.
    pub password: Option<Text>,
    /// The host.
    pub host: Host,
    /// The port, when written.
    pub port: Option<u16>,
    /// The URI parameters (`;transport=tcp;lr`...).
    pub params: Params,
    /// The URI headers after `?`, as raw `name=value` pairs still escaped.
    pub headers: Vec<(Text, Text)>,
}

impl SipUri {
    /// A `sip:` URI with only a host (and optionally a user and port).
    pub fn new(user: Option<&str>, host: Host, port: Option<u16>) -> Self {
        SipUri {
            secure: false,
            user: user.map(Text::from),
            password: None,
            host,
            port,
            params: Params::new(),
            headers: Vec::new(),
        }
    }

    /// The `transport` parameter, lower-cased, if present.
    pub fn transport_param(&self) -> Option<String> {
        self.params
            .value("transport")
            .map(|t| t.to_ascii_lowercase())
    }
}

impl fmt::Display for SipUri {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(if self.secure { "sips:" } else { "sip:" })?;
        if let Some(user) = &self.user {
            f.write_str(user)?;
            if let Some(pw) = &self.password {
                write!(f, ":{pw}")?;
            }
            f.write_str("@")?;
        }
        write!(f, "{}", self.host)?;
        if let Some(port) = self.port {
            write!(f, ":{port}")?;
        }
        write!(f, "{}", self.params)?;
        for (i, (name, value)) in self.headers.iter().enumerate() {
            let sep = if i == 0 { '?' } else { '&' };
            write!(f, "{sep}{name}={value}")?;
        }
        Ok(())
    }
}

/// Any URI a SIP message can carry.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Uri {
    /// A `sip:` or `sips:` URI.
    Sip(SipUri),
    /// Any other absolute URI (`tel:`, `urn:`, `http:`...), kept as written. The scheme is
    /// the part before the first `:`; `rest` is everything after it.
    Other {
        /// The scheme, as written.
        scheme: Text,
        /// What follows `scheme:`.
        rest: Text,
    },
}

impl Uri {
    /// The SIP URI, if this is one.
    pub fn as_sip(&self) -> Option<&SipUri> {
        match self {
            Uri::Sip(u) => Some(u),
            Uri::Other { .. } => None,
        }
    }

    /// The scheme, lower-cased for `sip`/`sips`.
    pub fn scheme(&self) -> &str {
        match self {
            Uri::Sip(u) if u.secure => "sips",
            Uri::Sip(_) => "sip",
            Uri::Other { scheme, .. } => scheme,
        }
    }
}

impl From<SipUri> for Uri {
    fn from(u: SipUri) -> Self {
        Uri::Sip(u)
    }
}

impl fmt::Display for Uri {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Uri::Sip(u) => write!(f, "{u}"),
            Uri::Other { scheme, rest } => write!(f, "{scheme}:{rest}"),
        }
    }
}
