//! DNS for locating SIP servers (RFC 3263) on the driver's tokio runtime: a [`DnsClient`]
//! answering the planner's queries without ever blocking the driver, and [`resolve`],
//! which drives a [`Planner`] to the list of destinations.
//!
//! The lookups are hickory-resolver's: UDP with TCP fallback for truncated answers,
//! `/etc/hosts` consulted before DNS for addresses, `localhost` answered locally (RFC
//! 6761), and a small response cache that honours TTLs (negative answers by their SOA).
//! Names are always asked as absolute names: no search-list completion, as PJSIP's
//! resolver.

use crate::rng::Rng;
use crate::sip::resolve::{
    Answer, Destination, Naptr, Planner, Query, Rdata, Record, ResolveError, Srv,
};
use crate::sip::transport::TransportKind;
use crate::sip::uri::SipUri;
use hickory_resolver::config::{NameServerConfig, ResolveHosts, ResolverConfig, ResolverOpts};
use hickory_resolver::net::runtime::TokioRuntimeProvider;
use hickory_resolver::net::{DnsError, NetError};
use hickory_resolver::proto::op::ResponseCode;
use hickory_resolver::proto::rr::{Name, RData, RecordType};
use hickory_resolver::TokioResolver;
use std::collections::HashMap;
use std::io;
use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::time::Duration;
use tokio::task::JoinSet;

/// Settings of a [`DnsClient`]. `None` keeps the system's value (`/etc/resolv.conf`
/// options) or, with configured name servers, the resolver's default (5 s, 2 retries).
/// A query to a silent server fails after about `timeout × (retries + 1)`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DnsOptions {
    /// How long to wait for a server's answer to one attempt.
    pub timeout: Option<Duration>,
    /// How many times a query that failed or timed out is sent again.
    pub retries: Option<usize>,
    /// How many responses the cache keeps. Default 256.
    pub cache_size: u64,
}

impl Default for DnsOptions {
    fn default() -> Self {
        DnsOptions {
            timeout: None,
            retries: None,
            cache_size: 256,
        }
    }
}

/// An asynchronous DNS client for the planner's queries. Cheap to clone (clones share the
/// cache); its futures must run on a tokio runtime.
#[derive(Clone)]
pub struct DnsClient {
    resolver: TokioResolver,
}

impl DnsClient {
    /// A client using `nameservers` ("ip", "ip:port", "[ipv6]:port"; UaConfig's
    /// `nameserver` list), or the system's resolver configuration when the list is empty.
    pub fn new<S: AsRef<str>>(nameservers: &[S]) -> io::Result<DnsClient> {
        Self::with_options(nameservers, &DnsOptions::default())
    }

    /// [`new`](Self::new) with explicit options. Fails on a name server that is not an
    /// IP address with an optional port. Without name servers and without a usable
    /// `/etc/resolv.conf`, uses 127.0.0.1:53 (as the C library does).
    pub fn with_options<S: AsRef<str>>(
        nameservers: &[S],
        options: &DnsOptions,
    ) -> io::Result<DnsClient> {
        let (config, mut opts) = if nameservers.is_empty() {
            hickory_resolver::system_conf::read_system_conf().unwrap_or_else(|_| {
                let local = NameServerConfig::udp_and_tcp(IpAddr::V4(Ipv4Addr::LOCALHOST));
                (
                    ResolverConfig::from_name_servers(vec![local]),
                    ResolverOpts::default(),
                )
            })
        } else {
            let servers = nameservers
                .iter()
                .map(|s| nameserver(s.as_ref()))
                .collect::<io::Result<Vec<_>>>()?;
            (
                ResolverConfig::from_name_servers(servers),
                ResolverOpts::default(),
            )
        };
        if let Some(t) = options.timeout {
            opts.timeout = t;
        }
        if let Some(n) = options.retries {
            opts.attempts = n;
        }
        opts.cache_size = options.cache_size;
        opts.use_hosts_file = ResolveHosts::Always;
        let resolver = TokioResolver::builder_with_config(config, TokioRuntimeProvider::default())
            .with_options(opts)
            .build()
            .map_err(io::Error::other)?;
        Ok(DnsClient { resolver })
    }

    /// Asks one query. Every outcome is an [`Answer`]: records (only those of the asked
    /// type, CNAMEs followed), no such name, no data, a server failure or a timeout.
    pub async fn query(&self, q: &Query) -> Answer {
        let kind = match q {
            Query::Naptr(_) => RecordType::NAPTR,
            Query::Srv(_) => RecordType::SRV,
            Query::A(_) => RecordType::A,
            Query::Aaaa(_) => RecordType::AAAA,
        };
        let name = match Name::from_ascii(format!("{}.", q.name())) {
            Ok(n) => n,
            Err(e) => return Answer::ServerFailure(format!("bad name: {e}")),
        };
        match self.resolver.lookup(name, kind).await {
            Ok(lookup) => Answer::Records(
                lookup
                    .answers()
                    .iter()
                    .filter_map(|r| record(r.ttl, &r.data))
                    .filter(|r| same_type(q, &r.data))
                    .collect(),
            ),
            Err(e) => failure(e),
        }
    }
}

/// Resolves `uri` (the Request-URI or first Route) to the destinations to try in order
/// (RFC 3263), for the transports in `have` (`(kind, ipv6)`, most preferred first; see
/// [`Planner::new`]). The queries of each stage run concurrently; `rng` orders SRV
/// records of equal priority. Cancel-safe: dropping the future stops its lookups.
pub async fn resolve(
    client: &DnsClient,
    uri: &SipUri,
    have: &[(TransportKind, bool)],
    rng: &mut Rng,
) -> Result<Vec<Destination>, ResolveError> {
    let mut planner = Planner::new(uri, have);
    let mut lookups = JoinSet::new();
    let mut in_flight = HashMap::new();
    loop {
        while let Some(q) = planner.poll_query() {
            let client = client.clone();
            let asked = q.clone();
            let task = lookups.spawn(async move { client.query(&asked).await });
            in_flight.insert(task.id(), q);
        }
        if let Some(result) = planner.poll_result() {
            return result;
        }
        let (id, answer) = match lookups.join_next_with_id().await {
            Some(Ok((id, answer))) => (id, answer),
            Some(Err(e)) => (e.id(), Answer::ServerFailure(format!("lookup failed: {e}"))),
            None => unreachable!("the planner waits only for queries in flight"),
        };
        if let Some(q) = in_flight.remove(&id) {
            planner.handle_answer(&q, answer, rng);
        }
    }
}

/// A name server from "ip", "ip:port" or "[ipv6]:port" (port 53 by default), asked over
/// UDP with TCP for truncated answers.
fn nameserver(s: &str) -> io::Result<NameServerConfig> {
    let s = s.trim();
    let addr = s
        .parse::<IpAddr>()
        .map(|ip| SocketAddr::new(ip, 53))
        .or_else(|_| s.parse::<SocketAddr>())
        .map_err(|_| {
            io::Error::new(
                io::ErrorKind::InvalidInput,
                format!("name server {s:?} is not an IP address with an optional port"),
            )
        })?;
    let mut config = NameServerConfig::udp_and_tcp(addr.ip());
    for c in &mut config.connections {
        c.port = addr.port();
    }
    Ok(config)
}

/// The planner's form of a record, for the types it asks about.
fn record(ttl: u32, data: &RData) -> Option<Record> {
    let text = |b: &[u8]| String::from_utf8_lossy(b).into_owned();
    let data = match data {
        RData::NAPTR(n) => Rdata::Naptr(Naptr {
            order: n.order,
            preference: n.preference,
            flags: text(&n.flags),
            services: text(&n.services),
            regexp: text(&n.regexp),
            replacement: plain(&n.replacement),
        }),
        RData::SRV(s) => Rdata::Srv(Srv {
            priority: s.priority,
            weight: s.weight,
            port: s.port,
            target: plain(&s.target),
        }),
        RData::A(a) => Rdata::A(a.0),
        RData::AAAA(a) => Rdata::Aaaa(a.0),
        _ => return None,
    };
    Some(Record::new(ttl, data))
}

fn same_type(q: &Query, d: &Rdata) -> bool {
    matches!(
        (q, d),
        (Query::Naptr(_), Rdata::Naptr(_))
            | (Query::Srv(_), Rdata::Srv(_))
            | (Query::A(_), Rdata::A(_))
            | (Query::Aaaa(_), Rdata::Aaaa(_))
    )
}

/// A name without its trailing dot (the root becomes "").
fn plain(name: &Name) -> String {
    name.to_ascii().trim_end_matches('.').to_string()
}

fn failure(e: NetError) -> Answer {
    match e {
        NetError::Dns(DnsError::NoRecordsFound(nr))
            if nr.response_code == ResponseCode::NXDomain =>
        {
            Answer::NxDomain {
                negative_ttl: nr.negative_ttl,
            }
        }
        NetError::Dns(DnsError::NoRecordsFound(nr)) => Answer::NoData {
            negative_ttl: nr.negative_ttl,
        },
        NetError::Timeout => Answer::Timeout,
        other => Answer::ServerFailure(other.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use hickory_resolver::proto::rr::rdata::{NAPTR, SRV};

    fn port_of(c: &NameServerConfig) -> Vec<u16> {
        c.connections.iter().map(|c| c.port).collect()
    }

    #[test]
    fn nameservers_are_addresses_with_optional_ports() {
        let c = nameserver("192.0.2.53").unwrap();
        assert_eq!(c.ip, "192.0.2.53".parse::<IpAddr>().unwrap());
        assert_eq!(port_of(&c), [53, 53]);
        assert_eq!(
            port_of(&nameserver(" 192.0.2.53:5353 ").unwrap()),
            [5353, 5353]
        );
        let c = nameserver("[2001:db8::53]:5300").unwrap();
        assert_eq!(c.ip, "2001:db8::53".parse::<IpAddr>().unwrap());
        assert_eq!(port_of(&c), [5300, 5300]);
        assert_eq!(port_of(&nameserver("::1").unwrap()), [53, 53]);
        for bad in ["dns.example.com", "192.0.2.53:", "[::1", ""] {
            let e = nameserver(bad).unwrap_err();
            assert_eq!(e.kind(), io::ErrorKind::InvalidInput, "{bad}");
        }
        // A client is built without a runtime, and a bad entry is refused.
        assert!(DnsClient::new(&["127.0.0.1:5353"]).is_ok());
        assert!(DnsClient::new(&["127.0.0.1", "ns.example.com"]).is_err());
    }

    #[test]
    fn records_convert_to_the_planner_form() {
        let name = |s: &str| Name::from_ascii(s).unwrap();
        let srv = RData::SRV(SRV::new(10, 20, 5070, name("pbx.example.com.")));
        assert_eq!(
            record(60, &srv),
            Some(Record::new(
                60,
                Rdata::Srv(Srv {
                    priority: 10,
                    weight: 20,
                    port: 5070,
                    target: "pbx.example.com".into()
                })
            ))
        );
        let root = RData::SRV(SRV::new(0, 0, 0, Name::root()));
        assert!(
            matches!(record(1, &root), Some(Record { data: Rdata::Srv(s), .. }) if s.target.is_empty())
        );
        let naptr = RData::NAPTR(NAPTR::new(
            10,
            50,
            b"s".to_vec().into(),
            b"SIP+D2T".to_vec().into(),
            Vec::new().into(),
            name("_sip._tcp.example.com."),
        ));
        let Some(Record {
            ttl: 5,
            data: Rdata::Naptr(n),
        }) = record(5, &naptr)
        else {
            panic!("not a NAPTR");
        };
        assert_eq!((n.order, n.preference), (10, 50));
        assert_eq!((n.flags.as_str(), n.services.as_str()), ("s", "SIP+D2T"));
        assert_eq!(n.replacement, "_sip._tcp.example.com");
        assert!(same_type(
            &Query::A("x".into()),
            &Rdata::A(Ipv4Addr::LOCALHOST)
        ));
        assert!(!same_type(
            &Query::Aaaa("x".into()),
            &Rdata::A(Ipv4Addr::LOCALHOST)
        ));
    }
}
