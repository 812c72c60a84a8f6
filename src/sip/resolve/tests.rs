//! Planner tests with hand-made DNS answers: every RFC 3263 branch, NAPTR order,
//! transport and family filtering, failures.

use super::*;
use crate::rng::Rng;
use crate::sip::transport::TransportKind::{self, Tcp, Udp};
use crate::sip::uri::{SipUri, Uri};
use std::collections::HashMap;
use std::net::{Ipv4Addr, Ipv6Addr, SocketAddr};

const V4: bool = false;
const V6: bool = true;

fn uri(s: &str) -> SipUri {
    match s.parse::<Uri>() {
        Ok(Uri::Sip(u)) => u,
        other => panic!("{s}: {other:?}"),
    }
}

/// Hand-made DNS data; a query it does not know gets NXDOMAIN.
#[derive(Default)]
struct Zone(HashMap<Query, Answer>);

impl Zone {
    fn add(mut self, q: Query, records: Vec<Rdata>) -> Self {
        let records = records.into_iter().map(|d| Record::new(300, d)).collect();
        self.0.insert(q, Answer::Records(records));
        self
    }
    fn fail(mut self, q: Query, a: Answer) -> Self {
        self.0.insert(q, a);
        self
    }
    fn answer(&self, q: &Query) -> Answer {
        self.0
            .get(q)
            .cloned()
            .unwrap_or(Answer::NxDomain { negative_ttl: None })
    }
}

fn naptr(order: u16, pref: u16, flags: &str, service: &str, replacement: &str) -> Rdata {
    Rdata::Naptr(Naptr {
        order,
        preference: pref,
        flags: flags.into(),
        services: service.into(),
        regexp: String::new(),
        replacement: replacement.into(),
    })
}

fn srv(priority: u16, weight: u16, port: u16, target: &str) -> Rdata {
    Rdata::Srv(Srv {
        priority,
        weight,
        port,
        target: target.into(),
    })
}

fn a(s: &str) -> Rdata {
    Rdata::A(s.parse::<Ipv4Addr>().unwrap())
}

fn aaaa(s: &str) -> Rdata {
    Rdata::Aaaa(s.parse::<Ipv6Addr>().unwrap())
}

fn q_naptr(n: &str) -> Query {
    Query::Naptr(n.into())
}
fn q_srv(n: &str) -> Query {
    Query::Srv(n.into())
}
fn q_a(n: &str) -> Query {
    Query::A(n.into())
}
fn q_aaaa(n: &str) -> Query {
    Query::Aaaa(n.into())
}

type Outcome = Result<Vec<Destination>, ResolveError>;

/// Drives a planner against `zone`, answering each stage's queries in reverse order
/// when `reverse` (the result must not depend on it). Returns the outcome and every
/// query asked, in order.
fn drive(
    target: &str,
    have: &[(TransportKind, bool)],
    zone: &Zone,
    reverse: bool,
) -> (Outcome, Vec<Query>) {
    let mut rng = Rng::from_seed(42);
    let mut planner = Planner::new(&uri(target), have);
    let mut asked = Vec::new();
    for _ in 0..10 {
        let mut batch = Vec::new();
        while let Some(q) = planner.poll_query() {
            batch.push(q);
        }
        asked.extend(batch.iter().cloned());
        if let Some(result) = planner.poll_result() {
            assert!(batch.is_empty(), "queries after the result");
            return (result, asked);
        }
        assert!(!batch.is_empty(), "stuck: no query and no result");
        if reverse {
            batch.reverse();
        }
        for q in &batch {
            planner.handle_answer(q, zone.answer(q), &mut rng);
        }
    }
    panic!("no result after 10 stages");
}

fn run(target: &str, have: &[(TransportKind, bool)], zone: &Zone) -> (Outcome, Vec<Query>) {
    drive(target, have, zone, false)
}

fn dests(outcome: Outcome) -> Vec<(TransportKind, SocketAddr)> {
    outcome
        .unwrap_or_else(|e| panic!("{e}"))
        .into_iter()
        .map(|d| (d.kind, d.addr))
        .collect()
}

fn sa(s: &str) -> SocketAddr {
    s.parse().unwrap()
}

const UDP_TCP: &[(TransportKind, bool)] = &[(Udp, V4), (Tcp, V4)];

#[test]
fn numeric_host_needs_no_dns() {
    let zone = Zone::default();
    let (r, asked) = run("sip:alice@192.0.2.1", UDP_TCP, &zone);
    assert!(asked.is_empty());
    let d = r.unwrap();
    assert_eq!(d.len(), 1);
    assert_eq!((d[0].kind, d[0].addr), (Udp, sa("192.0.2.1:5060")));
    assert_eq!(d[0].target, "192.0.2.1");
    let (r, _) = run("sip:192.0.2.1:5070;transport=TCP", UDP_TCP, &zone);
    assert_eq!(dests(r), [(Tcp, sa("192.0.2.1:5070"))]);
    // Without UDP, the first transport we have.
    let (r, _) = run("sip:192.0.2.1", &[(Tcp, V4)], &zone);
    assert_eq!(dests(r), [(Tcp, sa("192.0.2.1:5060"))]);
}

#[test]
fn numeric_ipv6_host_needs_an_ipv6_transport() {
    let zone = Zone::default();
    let (r, _) = run("sip:[2001:db8::1]:5062", UDP_TCP, &zone);
    assert!(matches!(r, Err(ResolveError::NoTransport(_))), "{r:?}");
    let have = [(Udp, V4), (Tcp, V6)];
    let (r, _) = run("sip:[2001:db8::1]", &have, &zone);
    assert_eq!(dests(r), [(Tcp, sa("[2001:db8::1]:5060"))]);
    let (r, _) = run("sip:[2001:db8::1];transport=udp", &have, &zone);
    assert!(matches!(r, Err(ResolveError::NoTransport(_))), "{r:?}");
}

#[test]
fn transport_param_must_be_one_we_have() {
    let zone = Zone::default();
    let (r, asked) = run("sip:example.com;transport=sctp", UDP_TCP, &zone);
    assert_eq!(r, Err(ResolveError::UnsupportedTransport("sctp".into())));
    assert!(asked.is_empty());
    let (r, _) = run("sip:192.0.2.1;transport=tcp", &[(Udp, V4)], &zone);
    assert_eq!(r, Err(ResolveError::UnsupportedTransport("tcp".into())));
}

#[test]
fn sips_needs_tls() {
    let (r, asked) = run("sips:bob@example.com", UDP_TCP, &Zone::default());
    let e = r.unwrap_err();
    assert!(e.to_string().contains("TLS"), "{e}");
    assert!(asked.is_empty());
    let (r, _) = run("sip:bob@example.com", &[], &Zone::default());
    assert!(matches!(r, Err(ResolveError::NoTransport(_))));
}

#[test]
fn explicit_port_asks_only_for_addresses() {
    let zone = Zone::default().add(q_a("pbx.example.com"), vec![a("192.0.2.7"), a("192.0.2.8")]);
    let (r, asked) = run("sip:bob@PBX.example.com.:5080", UDP_TCP, &zone);
    assert_eq!(asked, [q_a("pbx.example.com")]);
    assert_eq!(
        dests(r),
        [(Udp, sa("192.0.2.7:5080")), (Udp, sa("192.0.2.8:5080"))]
    );
    let (r, asked) = run("sip:bob@pbx.example.com:5080;transport=tcp", UDP_TCP, &zone);
    assert_eq!(asked, [q_a("pbx.example.com")]);
    assert_eq!(
        dests(r),
        [(Tcp, sa("192.0.2.7:5080")), (Tcp, sa("192.0.2.8:5080"))]
    );
}

fn naptr_zone() -> Zone {
    Zone::default()
        .add(
            q_naptr("example.com"),
            vec![
                naptr(20, 10, "s", "SIP+D2U", "_sip._udp.higher.example.com"),
                naptr(10, 30, "s", "SIP+D2U", "_sip._udp.example.com"),
                naptr(10, 20, "S", "sip+d2t", "_sip._tcp.example.com"),
                naptr(10, 10, "s", "SIPS+D2T", "_sips._tcp.example.com"),
                naptr(5, 0, "u", "SIP+D2U", "ignored.example.com"),
                naptr(5, 0, "s", "SIP+D2S", "_sip._sctp.example.com"),
            ],
        )
        .add(
            q_srv("_sip._tcp.example.com"),
            vec![srv(0, 0, 5070, "tcp1.example.com")],
        )
        .add(
            q_srv("_sip._udp.example.com"),
            vec![
                srv(20, 0, 5062, "udp2.example.com"),
                srv(10, 0, 5061, "udp1.example.com"),
            ],
        )
        .add(q_a("tcp1.example.com"), vec![a("192.0.2.10")])
        .add(q_a("udp1.example.com"), vec![a("192.0.2.21")])
        .add(q_a("udp2.example.com"), vec![a("192.0.2.22")])
}

/// NAPTR → SRV → A: the lowest usable order only (the order-20 record is never
/// followed), by preference; `u` flags, SCTP and the SIPS service (no TLS transport)
/// are left out.
#[test]
fn naptr_then_srv_then_addresses() {
    let (r, asked) = run("sip:alice@example.com", UDP_TCP, &naptr_zone());
    assert_eq!(
        asked,
        [
            q_naptr("example.com"),
            q_srv("_sip._tcp.example.com"),
            q_srv("_sip._udp.example.com"),
            q_a("tcp1.example.com"),
            q_a("udp1.example.com"),
            q_a("udp2.example.com"),
        ]
    );
    let d = r.unwrap();
    let got: Vec<_> = d
        .iter()
        .map(|d| (d.kind, d.addr, d.target.as_str()))
        .collect();
    assert_eq!(
        got,
        [
            (Tcp, sa("192.0.2.10:5070"), "tcp1.example.com"),
            (Udp, sa("192.0.2.21:5061"), "udp1.example.com"),
            (Udp, sa("192.0.2.22:5062"), "udp2.example.com"),
        ]
    );
}

/// NAPTR records pointing to SRV names that have no records: the domain's addresses on
/// the default port, over the transport of the best NAPTR record.
#[test]
fn naptr_without_srv_uses_its_transport() {
    let zone = Zone::default()
        .add(
            q_naptr("example.com"),
            vec![naptr(1, 1, "s", "SIP+D2T", "_sip._tcp.example.com")],
        )
        .add(q_a("example.com"), vec![a("192.0.2.30")]);
    let (r, asked) = run("sip:example.com", UDP_TCP, &zone);
    assert_eq!(
        asked,
        [
            q_naptr("example.com"),
            q_srv("_sip._tcp.example.com"),
            q_a("example.com"),
        ]
    );
    assert_eq!(dests(r), [(Tcp, sa("192.0.2.30:5060"))]);
}

/// With only UDP, the TCP NAPTR record is not followed.
#[test]
fn naptr_records_for_transports_we_lack_are_skipped() {
    let (r, asked) = run("sip:alice@example.com", &[(Udp, V4)], &naptr_zone());
    assert_eq!(
        asked,
        [
            q_naptr("example.com"),
            q_srv("_sip._udp.example.com"),
            q_a("udp1.example.com"),
            q_a("udp2.example.com"),
        ]
    );
    assert_eq!(
        dests(r),
        [(Udp, sa("192.0.2.21:5061")), (Udp, sa("192.0.2.22:5062"))]
    );
}

/// NAPTR records that are all unusable count as none: SRV for each transport we have,
/// in the order the caller lists them.
#[test]
fn no_usable_naptr_queries_srv_per_transport() {
    let zone = Zone::default()
        .add(
            q_naptr("example.com"),
            vec![naptr(10, 10, "s", "SIPS+D2T", "_sips._tcp.example.com")],
        )
        .add(
            q_srv("_sip._udp.example.com"),
            vec![srv(0, 0, 5060, "u.example.com")],
        )
        .add(
            q_srv("_sip._tcp.example.com"),
            vec![srv(0, 0, 5060, "t.example.com")],
        )
        .add(q_a("u.example.com"), vec![a("192.0.2.1")])
        .add(q_a("t.example.com"), vec![a("192.0.2.2")]);
    let (r, asked) = run("sip:example.com", &[(Tcp, V4), (Udp, V4)], &zone);
    assert_eq!(
        &asked[..3],
        [
            q_naptr("example.com"),
            q_srv("_sip._tcp.example.com"),
            q_srv("_sip._udp.example.com"),
        ]
    );
    assert_eq!(
        dests(r),
        [(Tcp, sa("192.0.2.2:5060")), (Udp, sa("192.0.2.1:5060"))]
    );
}

/// A NAPTR lookup that fails (server failure) also leads to SRV; an SRV answer for one
/// transport only gives that transport.
#[test]
fn naptr_failure_then_srv_only() {
    let zone = Zone::default()
        .fail(
            q_naptr("example.com"),
            Answer::ServerFailure("SERVFAIL".into()),
        )
        .add(
            q_srv("_sip._tcp.example.com"),
            vec![srv(0, 0, 5070, "t.example.com")],
        )
        .add(q_a("t.example.com"), vec![a("192.0.2.2")]);
    let (r, _) = run("sip:example.com", UDP_TCP, &zone);
    assert_eq!(dests(r), [(Tcp, sa("192.0.2.2:5070"))]);
}

/// No NAPTR and no SRV: the host's addresses on 5060 over UDP.
#[test]
fn no_naptr_no_srv_falls_back_to_addresses() {
    let zone = Zone::default()
        .fail(
            q_naptr("example.com"),
            Answer::NoData {
                negative_ttl: Some(60),
            },
        )
        .add(q_a("example.com"), vec![a("192.0.2.3")]);
    let (r, asked) = run("sip:example.com", UDP_TCP, &zone);
    assert_eq!(
        asked,
        [
            q_naptr("example.com"),
            q_srv("_sip._udp.example.com"),
            q_srv("_sip._tcp.example.com"),
            q_a("example.com"),
        ]
    );
    assert_eq!(dests(r), [(Udp, sa("192.0.2.3:5060"))]);
}

/// A `transport` parameter without a port: no NAPTR, SRV of that transport only, and
/// without SRV the host on the default port over that transport.
#[test]
fn transport_param_skips_naptr() {
    let zone = naptr_zone();
    let (r, asked) = run("sip:example.com;transport=udp", UDP_TCP, &zone);
    assert_eq!(asked[0], q_srv("_sip._udp.example.com"));
    assert_eq!(
        dests(r),
        [(Udp, sa("192.0.2.21:5061")), (Udp, sa("192.0.2.22:5062"))]
    );
    let zone = Zone::default().add(q_a("other.com"), vec![a("192.0.2.4")]);
    let (r, asked) = run("sip:other.com;transport=tcp", UDP_TCP, &zone);
    assert_eq!(asked, [q_srv("_sip._tcp.other.com"), q_a("other.com")]);
    assert_eq!(dests(r), [(Tcp, sa("192.0.2.4:5060"))]);
}

#[test]
fn maddr_overrides_the_host() {
    let zone = Zone::default().add(q_a("proxy.example.net"), vec![a("192.0.2.50")]);
    let (r, asked) = run("sip:bob@example.com;maddr=192.0.2.9", UDP_TCP, &zone);
    assert!(asked.is_empty());
    assert_eq!(dests(r), [(Udp, sa("192.0.2.9:5060"))]);
    let (r, asked) = run(
        "sip:bob@example.com:5099;maddr=proxy.example.net;transport=tcp",
        UDP_TCP,
        &zone,
    );
    assert_eq!(asked, [q_a("proxy.example.net")]);
    assert_eq!(dests(r), [(Tcp, sa("192.0.2.50:5099"))]);
    let (r, asked) = run(
        "sip:bob@example.com;maddr=proxy.example.net",
        UDP_TCP,
        &zone,
    );
    assert_eq!(asked[0], q_naptr("proxy.example.net"));
    assert_eq!(dests(r), [(Udp, sa("192.0.2.50:5060"))]);
    let have = [(Udp, V6)];
    let (r, _) = run("sip:bob@example.com;maddr=[2001:db8::9]", &have, &zone);
    assert_eq!(dests(r), [(Udp, sa("[2001:db8::9]:5060"))]);
    let (r, _) = run("sip:bob@example.com;maddr=bad%20name", UDP_TCP, &zone);
    assert!(matches!(r, Err(ResolveError::BadTarget(_))), "{r:?}");
}

fn dual_zone() -> Zone {
    Zone::default()
        .add(q_a("dual.example.com"), vec![a("192.0.2.5")])
        .add(q_aaaa("dual.example.com"), vec![aaaa("2001:db8::5")])
}

/// IPv4 and IPv6: families in the order the caller lists them (A before AAAA when IPv4
/// comes first), only the families we have transports for.
#[test]
fn address_families_follow_the_transports() {
    let zone = dual_zone();
    let (r, asked) = run("sip:dual.example.com:5060", &[(Udp, V4), (Udp, V6)], &zone);
    assert_eq!(asked, [q_a("dual.example.com"), q_aaaa("dual.example.com")]);
    assert_eq!(
        dests(r),
        [(Udp, sa("192.0.2.5:5060")), (Udp, sa("[2001:db8::5]:5060"))]
    );
    let (r, asked) = run("sip:dual.example.com:5060", &[(Udp, V6), (Udp, V4)], &zone);
    assert_eq!(asked, [q_aaaa("dual.example.com"), q_a("dual.example.com")]);
    assert_eq!(
        dests(r),
        [(Udp, sa("[2001:db8::5]:5060")), (Udp, sa("192.0.2.5:5060"))]
    );
    let (r, asked) = run("sip:dual.example.com:5060", &[(Udp, V6)], &zone);
    assert_eq!(asked, [q_aaaa("dual.example.com")]);
    assert_eq!(dests(r), [(Udp, sa("[2001:db8::5]:5060"))]);
}

/// Each transport gets only the families it has: UDP over IPv4, TCP over IPv6.
#[test]
fn families_are_per_transport() {
    let zone = dual_zone()
        .add(
            q_srv("_sip._udp.example.com"),
            vec![srv(0, 0, 5060, "dual.example.com")],
        )
        .add(
            q_srv("_sip._tcp.example.com"),
            vec![srv(0, 0, 5070, "dual.example.com")],
        );
    let (r, _) = run("sip:example.com", &[(Udp, V4), (Tcp, V6)], &zone);
    assert_eq!(
        dests(r),
        [(Udp, sa("192.0.2.5:5060")), (Tcp, sa("[2001:db8::5]:5070"))]
    );
}

/// Nothing resolves: the error names every query tried and its answer.
#[test]
fn nothing_resolves_names_what_was_tried() {
    let (r, asked) = run(
        "sip:nope.example.com",
        &[(Udp, V4), (Udp, V6)],
        &Zone::default(),
    );
    assert_eq!(
        asked,
        [
            q_naptr("nope.example.com"),
            q_srv("_sip._udp.nope.example.com"),
            q_a("nope.example.com"),
            q_aaaa("nope.example.com"),
        ]
    );
    let e = r.unwrap_err();
    assert!(!e.timed_out());
    let ResolveError::NotFound { target, tried } = &e else {
        panic!("{e:?}");
    };
    assert_eq!(target, "nope.example.com");
    assert_eq!(tried.len(), 4);
    assert_eq!(
        e.to_string(),
        "cannot resolve nope.example.com: tried NAPTR nope.example.com (no such domain), \
         SRV _sip._udp.nope.example.com (no such domain), A nope.example.com (no such domain), \
         AAAA nope.example.com (no such domain)"
    );
}

#[test]
fn timeouts_are_reported() {
    let mut zone = Zone::default();
    for q in [
        q_naptr("slow.example.com"),
        q_srv("_sip._udp.slow.example.com"),
        q_a("slow.example.com"),
    ] {
        zone = zone.fail(q, Answer::Timeout);
    }
    let (r, _) = run("sip:slow.example.com", &[(Udp, V4)], &zone);
    let e = r.unwrap_err();
    assert!(e.timed_out(), "{e}");
    assert!(
        e.to_string().contains("A slow.example.com (timed out)"),
        "{e}"
    );
}

/// SRV targets that do not resolve are an error (no fallback to the domain's own
/// addresses once SRV records exist); a `.` target means "no service".
#[test]
fn srv_found_but_unusable_is_an_error() {
    let zone = Zone::default()
        .add(q_srv("_sip._udp.example.com"), vec![srv(0, 0, 5060, "")])
        .add(q_a("example.com"), vec![a("192.0.2.1")]);
    let (r, asked) = run("sip:example.com;transport=udp", UDP_TCP, &zone);
    assert_eq!(asked, [q_srv("_sip._udp.example.com")]);
    assert!(matches!(r, Err(ResolveError::NotFound { .. })), "{r:?}");
    let zone = Zone::default()
        .add(
            q_srv("_sip._udp.example.com"),
            vec![srv(0, 0, 5060, "gone.example.com")],
        )
        .add(q_a("example.com"), vec![a("192.0.2.1")]);
    let (r, asked) = run("sip:example.com;transport=udp", UDP_TCP, &zone);
    assert_eq!(
        asked,
        [q_srv("_sip._udp.example.com"), q_a("gone.example.com")]
    );
    assert!(matches!(r, Err(ResolveError::NotFound { .. })), "{r:?}");
}

/// Two targets with the same address give one destination; the order of arriving
/// answers does not change the result.
#[test]
fn duplicates_merge_and_answer_order_does_not_matter() {
    let zone = Zone::default()
        .add(
            q_srv("_sip._udp.example.com"),
            vec![
                srv(0, 10, 5060, "a.example.com"),
                srv(0, 10, 5060, "b.example.com"),
                srv(0, 10, 5060, "c.example.com"),
                srv(1, 10, 5060, "d.example.com"),
            ],
        )
        .add(
            q_srv("_sip._tcp.example.com"),
            vec![
                srv(0, 1, 5060, "a.example.com"),
                srv(0, 1, 5060, "c.example.com"),
            ],
        )
        .add(q_a("a.example.com"), vec![a("192.0.2.1")])
        .add(q_a("b.example.com"), vec![a("192.0.2.1")])
        .add(q_a("c.example.com"), vec![a("192.0.2.3")])
        .add(q_a("d.example.com"), vec![a("192.0.2.4")]);
    let (forward, _) = drive("sip:example.com", UDP_TCP, &zone, false);
    let (backward, _) = drive("sip:example.com", UDP_TCP, &zone, true);
    assert_eq!(forward, backward);
    let d = dests(forward);
    assert_eq!(d.len(), 5, "{d:?}");
    assert_eq!(d.iter().filter(|(k, _)| *k == Udp).count(), 3);
    assert_eq!(d[2], (Udp, sa("192.0.2.4:5060")));
}

#[test]
fn unknown_answers_are_ignored() {
    let mut rng = Rng::from_seed(1);
    let mut p = Planner::new(&uri("sip:x.example.com:5060"), &[(Udp, V4)]);
    assert_eq!(p.poll_query(), Some(q_a("x.example.com")));
    p.handle_answer(&q_a("y.example.com"), Answer::Timeout, &mut rng);
    assert_eq!(p.poll_result(), None);
    let ok = Answer::Records(vec![Record::new(5, a("192.0.2.1"))]);
    p.handle_answer(&q_a("x.example.com"), ok.clone(), &mut rng);
    p.handle_answer(&q_a("x.example.com"), Answer::Timeout, &mut rng);
    let d = p.poll_result().unwrap().unwrap();
    assert_eq!(d[0].addr, sa("192.0.2.1:5060"));
    assert_eq!(p.poll_result(), None);
}
