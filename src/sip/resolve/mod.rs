//! Locating SIP servers (RFC 3263), sans-IO: a [`Planner`] turns a SIP URI into DNS
//! queries (NAPTR, SRV, A/AAAA), consumes their answers, and ends with the ordered
//! [`Destination`]s to try. The runtime (`runtime::dns`) asks the queries.
//!
//! - Numeric host: no DNS; the `transport` parameter or UDP; the URI's port or the
//!   transport's default (5060; 5061 for TLS).
//! - Host name with a port: A/AAAA only.
//! - Host name without a port: NAPTR (`SIP+D2U`, `SIP+D2T`, `SIPS+D2T`, only transports
//!   we have) → SRV (`_sip._udp`, `_sip._tcp`, `_sips._tcp` when NAPTR gives none or a
//!   `transport` parameter is present; RFC 2782 priority and weighted order) → A/AAAA
//!   of each target; with no SRV records, A/AAAA of the host on the default port.
//! - `maddr` overrides the host (RFC 3261 §19.1.1).

mod dns;
mod error;
mod naptr;
mod planner;
mod service;
mod srv;
#[cfg(test)]
mod tests;

pub use dns::{Answer, Naptr, Query, Rdata, Record, Srv};
pub use error::{Destination, ResolveError};
pub use planner::Planner;
