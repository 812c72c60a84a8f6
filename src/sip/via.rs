//! The Via header (RFC 3261 §20.42, §18.2.1 received, RFC 3581 rport).

use super::params::Params;
use super::text::Text;
use super::uri::Host;
use std::fmt;

/// The RFC 3261 magic cookie that starts every compliant branch parameter.
pub const BRANCH_MAGIC_COOKIE: &str = "z9hG4bK";

/// One Via value: `SIP/2.0/UDP host:port;branch=...`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Via {
    /// The transport token, upper-cased (`UDP`, `TCP`, `TLS`, `WS`...).
    pub transport: Text,
    /// The sent-by host.
    pub host: Host,
    /// The sent-by port, when written.
    pub port: Option<u16>,
    /// The Via parameters (branch, received, rport, maddr, ttl...).
    pub params: Params,
}

impl Via {
    /// The branch parameter.
    pub fn branch(&self) -> Option<&Text> {
        self.params.value("branch")
    }

    /// The received parameter (RFC 3261 §18.2.1).
    pub fn received(&self) -> Option<&Text> {
        self.params.value("received")
    }

    /// The rport parameter (RFC 3581): `Some(None)` when requested without a value,
    /// `Some(Some(port))` when filled in, `None` when absent.
    pub fn rport(&self) -> Option<Option<u16>> {
        self.params
            .get("rport")
            .map(|v| v.and_then(|p| p.parse().ok()))
    }
}

impl fmt::Display for Via {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "SIP/2.0/{} {}", self.transport, self.host)?;
        if let Some(port) = self.port {
            write!(f, ":{port}")?;
        }
        write!(f, "{}", self.params)
    }
}
