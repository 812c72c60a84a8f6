//! The RFC 3263 resolution planner, sans-IO: from a SIP URI and the transports we have,
//! the DNS queries to ask (NAPTR, then SRV, then A/AAAA) and, from their answers, the
//! ordered destinations to try (§4.1 transport, §4.2 address and port, §4.3 failover).
//!
//! Queries are asked in stages, and a stage ends only when all its answers are in, so
//! the result does not depend on the order answers arrive in: the same answers and the
//! same seed give the same list.

use super::dns::{Answer, Naptr, Query, Rdata, Record, Srv};
use super::error::{Destination, ResolveError};
use super::service::{Family, Service, Transports};
use super::{naptr, srv};
use crate::rng::Rng;
use crate::sip::transport::TransportKind;
use crate::sip::uri::{Host, SipUri};
use std::collections::{HashMap, VecDeque};
use std::net::{IpAddr, Ipv6Addr, SocketAddr};

/// At most this many (transport, host, port) hops get address lookups: a bound on the
/// queries one URI can cause, whatever the SRV answers hold.
const MAX_HOPS: usize = 16;

/// A next hop before its address lookup.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Hop {
    service: Service,
    host: String,
    port: u16,
}

/// Where the planner is.
enum Stage {
    /// Waiting for the NAPTR answer for `domain`.
    Naptr { domain: String },
    /// Waiting for the SRV answers of `plan`: (service, SRV name), best first. Without
    /// any SRV record, `domain` is used on the default port of `fallback`.
    Srv {
        domain: String,
        plan: Vec<(Service, String)>,
        fallback: Service,
    },
    /// Waiting for the A/AAAA answers of `hops`.
    Addr { hops: Vec<Hop> },
    /// Finished (the result is in `result` until taken).
    Done,
}

/// Resolves one SIP URI (the Request-URI or the first Route) to destinations. Drive it:
/// send every query from [`poll_query`](Self::poll_query), feed each answer to
/// [`handle_answer`](Self::handle_answer), until [`poll_result`](Self::poll_result)
/// gives the outcome.
pub struct Planner {
    transports: Transports,
    secure: bool,
    target: String,
    stage: Stage,
    to_send: VecDeque<Query>,
    waiting: Vec<Query>,
    asked: Vec<Query>,
    answers: HashMap<Query, Answer>,
    result: Option<Result<Vec<Destination>, ResolveError>>,
}

impl Planner {
    /// Starts resolving `uri` for the transports in `have`: `(kind, ipv6)` pairs, most
    /// preferred first. Their order sets which transport's SRV records come first when
    /// there is no NAPTR, and which address family comes first (by default callers list
    /// IPv4 first: A before AAAA). A numeric target (or a bad one) is decided at once.
    pub fn new(uri: &SipUri, have: &[(TransportKind, bool)]) -> Planner {
        let mut planner = Planner {
            transports: Transports::new(have),
            secure: uri.secure,
            target: uri.host.to_string(),
            stage: Stage::Done,
            to_send: VecDeque::new(),
            waiting: Vec::new(),
            asked: Vec::new(),
            answers: HashMap::new(),
            result: None,
        };
        if let Err(e) = planner.start(uri) {
            planner.result = Some(Err(e));
        }
        planner
    }

    /// The next query to send (each once), or `None` while waiting for answers or done.
    pub fn poll_query(&mut self) -> Option<Query> {
        let q = self.to_send.pop_front()?;
        self.waiting.push(q.clone());
        Some(q)
    }

    /// Feeds the answer to a query from `poll_query` (a failure is an answer too).
    /// `rng` orders SRV records of equal priority by weight (RFC 2782). Answers to
    /// queries that were not asked, or were answered already, are ignored.
    pub fn handle_answer(&mut self, query: &Query, answer: Answer, rng: &mut Rng) {
        let Some(i) = self.waiting.iter().position(|q| q == query) else {
            return;
        };
        self.waiting.swap_remove(i);
        self.answers.insert(query.clone(), answer);
        if self.waiting.is_empty() && self.to_send.is_empty() {
            self.advance(rng);
        }
    }

    /// The outcome, once, when resolution has ended: the destinations in the order to
    /// try them (RFC 3263 §4.3), or why there are none.
    pub fn poll_result(&mut self) -> Option<Result<Vec<Destination>, ResolveError>> {
        self.result.take()
    }

    fn start(&mut self, uri: &SipUri) -> Result<(), ResolveError> {
        let services = self.transports.services(self.secure);
        if services.is_empty() {
            return Err(ResolveError::NoTransport(if self.secure {
                format!("{uri} needs a TLS transport, and there is none")
            } else {
                "there is no transport".to_string()
            }));
        }
        let chosen = match uri.transport_param() {
            Some(t) => Some(
                TransportKind::from_token(&t)
                    .and_then(|k| services.iter().find(|s| s.kind == k).copied())
                    .ok_or(ResolveError::UnsupportedTransport(t))?,
            ),
            None => None,
        };
        match target_of(uri)? {
            Target::Ip(ip) => {
                let family = Family::of(ip.is_ipv6());
                let reaches = |s: &Service| self.transports.families(s.kind).contains(&family);
                let service = match chosen {
                    Some(s) => Some(s).filter(reaches),
                    None => default_order(&services).into_iter().find(reaches),
                };
                let service = service.ok_or_else(|| {
                    ResolveError::NoTransport(format!("no transport can reach {ip}"))
                })?;
                let addr = SocketAddr::new(ip, uri.port.unwrap_or(service.default_port));
                self.result = Some(Ok(vec![Destination {
                    kind: service.kind,
                    addr,
                    target: ip.to_string(),
                }]));
            }
            Target::Name(domain) => {
                self.target = domain.clone();
                let service = chosen.unwrap_or_else(|| default_order(&services)[0]);
                match (uri.port, chosen) {
                    (Some(port), _) => self.enter_addr(vec![Hop {
                        service,
                        host: domain,
                        port,
                    }]),
                    (None, Some(s)) => {
                        let name = s.srv_name(&domain);
                        self.enter_srv(domain, vec![(s, name)], s);
                    }
                    (None, None) => {
                        self.ask(Query::Naptr(domain.clone()));
                        self.stage = Stage::Naptr { domain };
                    }
                }
            }
        }
        Ok(())
    }

    fn ask(&mut self, q: Query) {
        if !self.asked.contains(&q) {
            self.asked.push(q.clone());
            self.to_send.push_back(q);
        }
    }

    /// Ends the current stage (all its answers are in) and starts the next.
    fn advance(&mut self, rng: &mut Rng) {
        match std::mem::replace(&mut self.stage, Stage::Done) {
            Stage::Naptr { domain } => {
                let services = self.transports.services(self.secure);
                let records: Vec<Naptr> = self
                    .records(&Query::Naptr(domain.clone()))
                    .filter_map(|d| match d {
                        Rdata::Naptr(n) => Some(n.clone()),
                        _ => None,
                    })
                    .collect();
                let mut plan = naptr::select(&records, &services);
                let fallback = match plan.first() {
                    Some((s, _)) => *s,
                    None => {
                        // No usable NAPTR: an SRV query per transport we have (§4.1).
                        plan = services.iter().map(|s| (*s, s.srv_name(&domain))).collect();
                        default_order(&services)[0]
                    }
                };
                self.enter_srv(domain, plan, fallback);
            }
            Stage::Srv {
                domain,
                plan,
                fallback,
            } => {
                let mut ordered: HashMap<String, Vec<Srv>> = HashMap::new();
                let mut found = false;
                let mut hops = Vec::new();
                for (service, name) in &plan {
                    if !ordered.contains_key(name) {
                        let records: Vec<Srv> = self
                            .records(&Query::Srv(name.clone()))
                            .filter_map(|d| match d {
                                Rdata::Srv(s) => Some(s.clone()),
                                _ => None,
                            })
                            .collect();
                        found |= !records.is_empty();
                        ordered.insert(name.clone(), srv::order(&records, rng));
                    }
                    hops.extend(ordered[name].iter().map(|s| Hop {
                        service: *service,
                        host: normalize(&s.target),
                        port: s.port,
                    }));
                }
                if !found {
                    // No SRV records: the domain's addresses on the default port of the
                    // transport chosen so far (§4.2).
                    hops.push(Hop {
                        service: fallback,
                        host: domain,
                        port: fallback.default_port,
                    });
                }
                self.enter_addr(hops);
            }
            Stage::Addr { hops } => {
                let mut out: Vec<Destination> = Vec::new();
                for hop in &hops {
                    for family in self.families_for(hop.service.kind) {
                        for ip in self.addresses(&address_query(family, &hop.host)) {
                            let addr = SocketAddr::new(ip, hop.port);
                            if !out
                                .iter()
                                .any(|d| d.kind == hop.service.kind && d.addr == addr)
                            {
                                out.push(Destination {
                                    kind: hop.service.kind,
                                    addr,
                                    target: hop.host.clone(),
                                });
                            }
                        }
                    }
                }
                if out.is_empty() {
                    self.fail();
                } else {
                    self.result = Some(Ok(out));
                }
            }
            Stage::Done => {}
        }
    }

    fn enter_srv(&mut self, domain: String, plan: Vec<(Service, String)>, fallback: Service) {
        for (_, name) in &plan {
            self.ask(Query::Srv(name.clone()));
        }
        self.stage = Stage::Srv {
            domain,
            plan,
            fallback,
        };
    }

    fn enter_addr(&mut self, hops: Vec<Hop>) {
        let mut unique: Vec<Hop> = Vec::new();
        for hop in hops {
            if !unique.contains(&hop) && unique.len() < MAX_HOPS {
                unique.push(hop);
            }
        }
        if unique.is_empty() {
            self.fail();
            return;
        }
        for hop in &unique {
            for family in self.families_for(hop.service.kind) {
                self.ask(address_query(family, &hop.host));
            }
        }
        self.stage = Stage::Addr { hops: unique };
    }

    fn fail(&mut self) {
        let tried = self
            .asked
            .iter()
            .filter_map(|q| self.answers.get(q).map(|a| (q.clone(), a.clone())))
            .collect();
        self.result = Some(Err(ResolveError::NotFound {
            target: self.target.clone(),
            tried,
        }));
    }

    /// The families `kind` can reach, in the caller's order of preference.
    fn families_for(&self, kind: TransportKind) -> Vec<Family> {
        let usable = self.transports.families(kind);
        self.transports
            .family_order()
            .into_iter()
            .filter(|f| usable.contains(f))
            .collect()
    }

    /// The record data of the answer to `q` (none for a failure).
    fn records(&self, q: &Query) -> impl Iterator<Item = &Rdata> {
        let list: &[Record] = match self.answers.get(q) {
            Some(Answer::Records(r)) => r,
            _ => &[],
        };
        list.iter().map(|r| &r.data)
    }

    fn addresses(&self, q: &Query) -> Vec<IpAddr> {
        self.records(q)
            .filter_map(|d| match (q, d) {
                (Query::A(_), Rdata::A(a)) => Some(IpAddr::V4(*a)),
                (Query::Aaaa(_), Rdata::Aaaa(a)) => Some(IpAddr::V6(*a)),
                _ => None,
            })
            .collect()
    }
}

/// The TARGET of RFC 3263 §4: the `maddr` parameter if present, else the host.
enum Target {
    Ip(IpAddr),
    Name(String),
}

fn target_of(uri: &SipUri) -> Result<Target, ResolveError> {
    let Some(maddr) = uri.params.value("maddr") else {
        return Ok(match &uri.host {
            Host::Domain(d) => Target::Name(normalize(d)),
            host => Target::Ip(host.ip().expect("a non-domain host is an address")),
        });
    };
    let m = maddr.trim();
    if let Ok(ip) = m.parse::<IpAddr>() {
        return Ok(Target::Ip(ip));
    }
    if let Some(v6) = m.strip_prefix('[').and_then(|s| s.strip_suffix(']')) {
        if let Ok(ip) = v6.parse::<Ipv6Addr>() {
            return Ok(Target::Ip(IpAddr::V6(ip)));
        }
    }
    let name = normalize(m);
    let ok = !name.is_empty()
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_'));
    if ok {
        Ok(Target::Name(name))
    } else {
        Err(ResolveError::BadTarget(format!("bad maddr {m:?}")))
    }
}

/// A DNS name in the planner's form: lower case, no trailing dot.
fn normalize(name: &str) -> String {
    name.trim_end_matches('.').to_ascii_lowercase()
}

/// The services in the order used when nothing else decides: UDP first for `sip:`
/// (RFC 3263 §4.1), then the others as the caller listed them.
fn default_order(services: &[Service]) -> Vec<Service> {
    let mut out: Vec<Service> = services
        .iter()
        .filter(|s| s.kind == TransportKind::Udp)
        .copied()
        .collect();
    out.extend(services.iter().filter(|s| s.kind != TransportKind::Udp));
    out
}

fn address_query(family: Family, host: &str) -> Query {
    match family {
        Family::V4 => Query::A(host.to_string()),
        Family::V6 => Query::Aaaa(host.to_string()),
    }
}
