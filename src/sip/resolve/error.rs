//! What resolution yields: the destinations to try, or why there are none.

use super::dns::{Answer, Query};
use crate::sip::transport::TransportKind;
use std::fmt;
use std::net::SocketAddr;

/// One place to send a request: a transport, an address and where it came from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Destination {
    /// The transport to use.
    pub kind: TransportKind,
    /// The address and port to send to.
    pub addr: SocketAddr,
    /// The host name the address came from (an SRV target or the URI's host or
    /// `maddr`), or the address itself for a numeric target.
    pub target: String,
}

/// Why a URI resolved to no destination.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ResolveError {
    /// The URI's `transport` parameter names a transport we have none of (or do not know).
    UnsupportedTransport(String),
    /// None of our transports can reach the target; the text says why.
    NoTransport(String),
    /// The URI names its target in a way that cannot be looked up (a bad `maddr`).
    BadTarget(String),
    /// Nothing resolved. `target` is the host looked up; `tried` is every query asked,
    /// in the order asked, with its answer.
    NotFound {
        /// The host name (the URI's host or `maddr`).
        target: String,
        /// Each query and its answer.
        tried: Vec<(Query, Answer)>,
    },
}

impl ResolveError {
    /// Whether a query timed out on the way (the name server may be unreachable).
    pub fn timed_out(&self) -> bool {
        matches!(self, ResolveError::NotFound { tried, .. }
            if tried.iter().any(|(_, a)| *a == Answer::Timeout))
    }
}

impl fmt::Display for ResolveError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ResolveError::UnsupportedTransport(t) => {
                write!(f, "no transport for transport={t}")
            }
            ResolveError::NoTransport(why) => f.write_str(why),
            ResolveError::BadTarget(why) => f.write_str(why),
            ResolveError::NotFound { target, tried } => {
                write!(f, "cannot resolve {target}: tried ")?;
                for (i, (q, a)) in tried.iter().enumerate() {
                    let sep = if i == 0 { "" } else { ", " };
                    write!(f, "{sep}{q} ({a})")?;
                }
                Ok(())
            }
        }
    }
}

impl std::error::Error for ResolveError {}
