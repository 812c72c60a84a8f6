//! SIP and SIPS URIs (RFC 3261 §19.1) with IPv6 references (RFC 5118), and other URI
//! schemes kept as opaque text.

use super::params::{Param, Params};
use super::parse::lex::unescape;
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

    /// Whether two SIP URIs are equivalent by the rules of RFC 3261 §19.1.4: same scheme;
    /// user and password equal byte for byte after %-unescaping; hosts equal ignoring case
    /// (a name never equals an address); ports both absent or equal; the `user`, `ttl`,
    /// `method`, `maddr` and `transport` parameters present in both or in neither and
    /// equal, other parameters equal when present in both; the same URI headers. Other
    /// comparisons ignore case and escaping.
    pub fn equivalent(&self, other: &SipUri) -> bool {
        let exact = |a: &Option<Text>, b: &Option<Text>| match (a, b) {
            (None, None) => true,
            (Some(a), Some(b)) => unescape(a) == unescape(b),
            _ => false,
        };
        self.secure == other.secure
            && exact(&self.user, &other.user)
            && exact(&self.password, &other.password)
            && self.host.same_as(&other.host)
            && self.port == other.port
            && params_equivalent(&self.params, &other.params)
            && params_equivalent(&other.params, &self.params)
            && self.headers.len() == other.headers.len()
            && self.headers.iter().all(|(n, v)| {
                other
                    .headers
                    .iter()
                    .any(|(n2, v2)| same_text(n, n2) && same_text(v, v2))
            })
    }

    /// The `transport` parameter, lower-cased, if present.
    pub fn transport_param(&self) -> Option<String> {
        self.params
            .value("transport")
            .map(|t| t.to_ascii_lowercase())
    }
}

/// Case-insensitive equality after %-unescaping.
fn same_text(a: &str, b: &str) -> bool {
    unescape(a).eq_ignore_ascii_case(&unescape(b))
}

/// Whether every parameter of `a` is compatible with `b` (RFC 3261 §19.1.4): a parameter
/// in both must have the same value; one of the listed ones must not be missing in `b`.
fn params_equivalent(a: &Params, b: &Params) -> bool {
    const MUST_MATCH: [&str; 5] = ["user", "ttl", "method", "maddr", "transport"];
    let value_eq = |p: &Param, q: &Param| match (&p.value, &q.value) {
        (None, None) => true,
        (Some(x), Some(y)) => same_text(x, y),
        _ => false,
    };
    a.iter()
        .all(|p| match b.iter().find(|q| same_text(&p.name, &q.name)) {
            Some(q) => value_eq(p, q),
            None => !MUST_MATCH.iter().any(|m| same_text(&p.name, m)),
        })
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
    /// This URI with any `?headers` removed.
    pub fn without_headers(mut self) -> Uri {
        if let Uri::Sip(u) = &mut self {
            u.headers.clear();
        }
        self
    }

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

#[cfg(test)]
mod tests {
    use super::*;

    fn sip(s: &str) -> SipUri {
        match s.parse::<Uri>() {
            Ok(Uri::Sip(u)) => u,
            other => panic!("{s}: {other:?}"),
        }
    }

    /// The examples of RFC 3261 §19.1.4.
    #[test]
    fn rfc3261_equivalent_examples() {
        let groups: [&[&str]; 4] = [
            &[
                "sip:%61lice@atlanta.com;transport=TCP",
                "sip:alice@AtLanTa.CoM;Transport=tcp",
            ],
            &[
                "sip:carol@chicago.com",
                "sip:carol@chicago.com;newparam=5",
                "sip:carol@chicago.com;security=on",
            ],
            &[
                "sip:biloxi.com;transport=tcp;method=REGISTER?to=sip:bob%40biloxi.com",
                "sip:biloxi.com;method=REGISTER;transport=tcp?to=sip:bob%40biloxi.com",
            ],
            &[
                "sip:alice@atlanta.com?subject=project%20x&priority=urgent",
                "sip:alice@atlanta.com?priority=urgent&subject=project%20x",
            ],
        ];
        for group in groups {
            for a in group {
                for b in group {
                    assert!(sip(a).equivalent(&sip(b)), "{a} == {b}");
                }
            }
        }
    }

    #[test]
    fn rfc3261_not_equivalent_examples() {
        for (a, b) in [
            (
                "SIP:ALICE@AtLanTa.CoM;Transport=udp",
                "sip:alice@AtLanTa.CoM;Transport=UDP",
            ),
            ("sip:bob@biloxi.com", "sip:bob@biloxi.com:5060"),
            ("sip:bob@biloxi.com", "sip:bob@biloxi.com;transport=udp"),
            (
                "sip:bob@biloxi.com",
                "sip:bob@biloxi.com:6000;transport=tcp",
            ),
            (
                "sip:carol@chicago.com",
                "sip:carol@chicago.com?Subject=next%20meeting",
            ),
            ("sip:bob@phone21.boxesbybob.com", "sip:bob@192.0.2.4"),
            (
                "sip:carol@chicago.com;security=on",
                "sip:carol@chicago.com;security=off",
            ),
            ("sip:a@b", "sips:a@b"),
            ("sip:a:pw@b", "sip:a@b"),
        ] {
            assert!(!sip(a).equivalent(&sip(b)), "{a} != {b}");
            assert!(!sip(b).equivalent(&sip(a)), "{b} != {a}");
        }
        assert!(sip("sip:[::1]:5060").equivalent(&sip("sip:[0:0::1]:5060")));
    }
}
