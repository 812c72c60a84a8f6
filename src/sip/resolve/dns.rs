//! The DNS vocabulary of the resolution planner: the queries it asks, and the answers
//! (records with their TTLs, or why there are none) the caller feeds back.

use std::fmt;
use std::net::{Ipv4Addr, Ipv6Addr};

/// A DNS question. Names are absolute, lower case, without the trailing dot.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Query {
    /// NAPTR records of a domain (RFC 3403), for the transports a SIP domain offers.
    Naptr(String),
    /// SRV records (RFC 2782) of a service name such as `_sip._udp.example.com`.
    Srv(String),
    /// IPv4 addresses of a host.
    A(String),
    /// IPv6 addresses of a host.
    Aaaa(String),
}

impl Query {
    /// The name asked about.
    pub fn name(&self) -> &str {
        match self {
            Query::Naptr(n) | Query::Srv(n) | Query::A(n) | Query::Aaaa(n) => n,
        }
    }

    /// The record type's mnemonic (`NAPTR`, `SRV`, `A`, `AAAA`).
    pub fn type_name(&self) -> &'static str {
        match self {
            Query::Naptr(_) => "NAPTR",
            Query::Srv(_) => "SRV",
            Query::A(_) => "A",
            Query::Aaaa(_) => "AAAA",
        }
    }
}

impl fmt::Display for Query {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.type_name(), self.name())
    }
}

/// A NAPTR record (RFC 3403) as RFC 3263 uses it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Naptr {
    /// Records with a lower order are used first.
    pub order: u16,
    /// Among records of equal order, a lower preference is used first.
    pub preference: u16,
    /// The flags; SIP uses `s` (the replacement is an SRV name).
    pub flags: String,
    /// The service, such as `SIP+D2U`, `SIP+D2T` or `SIPS+D2T`.
    pub services: String,
    /// The regular expression; empty for SIP.
    pub regexp: String,
    /// The name to look up next (an SRV name for flag `s`), without the trailing dot.
    pub replacement: String,
}

/// An SRV record (RFC 2782).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Srv {
    /// Targets with a lower priority are tried first.
    pub priority: u16,
    /// Among targets of equal priority, the relative chance of being tried first.
    pub weight: u16,
    /// The port on the target.
    pub port: u16,
    /// The target host, without the trailing dot; `.` (empty here) means "no service".
    pub target: String,
}

/// The data of one record.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Rdata {
    /// A NAPTR record.
    Naptr(Naptr),
    /// An SRV record.
    Srv(Srv),
    /// An IPv4 address.
    A(Ipv4Addr),
    /// An IPv6 address.
    Aaaa(Ipv6Addr),
}

/// One record with its time to live, so a caller can cache it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Record {
    /// Seconds the record may be cached.
    pub ttl: u32,
    /// The record's data.
    pub data: Rdata,
}

impl Record {
    /// A record with time to live `ttl`.
    pub fn new(ttl: u32, data: Rdata) -> Self {
        Record { ttl, data }
    }
}

/// The answer to a [`Query`]: the records, or why there are none. Failures are inputs to
/// the planner like any answer; it decides what to ask next.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Answer {
    /// The records of the asked type (an empty list means the same as `NoData`).
    Records(Vec<Record>),
    /// The name does not exist (NXDOMAIN); `negative_ttl` is how long that may be cached.
    NxDomain {
        /// Seconds the negative answer may be cached, when the server said (SOA minimum).
        negative_ttl: Option<u32>,
    },
    /// The name exists but has no records of the asked type.
    NoData {
        /// Seconds the negative answer may be cached, when the server said (SOA minimum).
        negative_ttl: Option<u32>,
    },
    /// The server failed (SERVFAIL, REFUSED) or could not be reached; the text says how.
    ServerFailure(String),
    /// No server answered in time.
    Timeout,
}

impl fmt::Display for Answer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Answer::Records(r) if r.is_empty() => f.write_str("no records"),
            Answer::Records(r) => write!(f, "{} record(s)", r.len()),
            Answer::NxDomain { .. } => f.write_str("no such domain"),
            Answer::NoData { .. } => f.write_str("no records"),
            Answer::ServerFailure(why) => write!(f, "server failure ({why})"),
            Answer::Timeout => f.write_str("timed out"),
        }
    }
}
