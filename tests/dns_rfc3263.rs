//! RFC 3263 resolution against a real DNS server: each test starts its own `dnsmasq` on
//! 127.0.0.1 at a free port with the records it needs, and kills it (by PID) when done.
//! Needs `dnsmasq` (Debian package `dnsmasq-base`; scripts/install-deps.sh installs it).

mod common;

use common::dnsmasq::Dnsmasq;

use pjsua2rs::rng::Rng;
use pjsua2rs::runtime::dns::{resolve, DnsClient, DnsOptions};
use pjsua2rs::sip::resolve::{Destination, Query, ResolveError};
use pjsua2rs::sip::transport::TransportKind::{self, Tcp, Udp};
use pjsua2rs::sip::{SipUri, Uri};
use std::net::{SocketAddr, UdpSocket};
use std::path::Path;
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::{Duration, Instant};

const V4: bool = false;
const V6: bool = true;
const UDP_TCP: &[(TransportKind, bool)] = &[(Udp, V4), (Tcp, V4)];

fn sip(s: &str) -> SipUri {
    match s.parse::<Uri>() {
        Ok(Uri::Sip(u)) => u,
        other => panic!("{s}: {other:?}"),
    }
}

async fn run(
    client: &DnsClient,
    uri: &str,
    have: &[(TransportKind, bool)],
) -> Result<Vec<Destination>, ResolveError> {
    resolve(client, &sip(uri), have, &mut Rng::from_seed(3263)).await
}

fn pairs(r: Result<Vec<Destination>, ResolveError>) -> Vec<(TransportKind, SocketAddr)> {
    r.unwrap_or_else(|e| panic!("{e}"))
        .into_iter()
        .map(|d| (d.kind, d.addr))
        .collect()
}

fn sa(s: &str) -> SocketAddr {
    s.parse().unwrap()
}

/// The zone most tests use: NAPTR → SRV → A for UDP and TCP, and plain hosts.
const ZONE: &[&str] = &[
    "naptr-record=example.test,10,20,s,SIP+D2U,,_sip._udp.example.test",
    "naptr-record=example.test,10,10,s,SIP+D2T,,_sip._tcp.example.test",
    "naptr-record=example.test,10,5,s,SIPS+D2T,,_sips._tcp.example.test",
    "srv-host=_sip._udp.example.test,udp1.example.test,5071,10,0",
    "srv-host=_sip._udp.example.test,udp2.example.test,5073,20,0",
    "srv-host=_sip._tcp.example.test,tcp.example.test,5072,10,0",
    "srv-host=_sip._udp.srvonly.example.test,udp1.example.test,5081,0,0",
    "host-record=udp1.example.test,127.0.0.11",
    "host-record=udp2.example.test,127.0.0.12",
    "host-record=tcp.example.test,127.0.0.21",
    "host-record=aonly.example.test,127.0.0.31",
    "host-record=v6.example.test,::1",
    "host-record=dual.example.test,127.0.0.41,::1",
    "host-record=marker.example.test,127.0.0.99",
];

#[tokio::test]
async fn naptr_srv_a_for_udp_and_tcp() {
    let server = Dnsmasq::start(ZONE);
    let client = server.client();
    let got = pairs(run(&client, "sip:alice@example.test", UDP_TCP).await);
    assert_eq!(
        got,
        [
            (Tcp, sa("127.0.0.21:5072")),
            (Udp, sa("127.0.0.11:5071")),
            (Udp, sa("127.0.0.12:5073")),
        ]
    );
    let got = pairs(run(&client, "sip:alice@example.test", &[(Udp, V4)]).await);
    assert_eq!(
        got,
        [(Udp, sa("127.0.0.11:5071")), (Udp, sa("127.0.0.12:5073"))]
    );
    let d = run(&client, "sip:alice@example.test", &[(Tcp, V4)])
        .await
        .unwrap();
    assert_eq!(d[0].target, "tcp.example.test");
}

#[tokio::test]
async fn srv_without_naptr() {
    let server = Dnsmasq::start(ZONE);
    let got = pairs(run(&server.client(), "sip:srvonly.example.test", UDP_TCP).await);
    assert_eq!(got, [(Udp, sa("127.0.0.11:5081"))]);
}

#[tokio::test]
async fn a_record_without_srv() {
    let server = Dnsmasq::start(ZONE);
    let got = pairs(run(&server.client(), "sip:bob@aonly.example.test", UDP_TCP).await);
    assert_eq!(got, [(Udp, sa("127.0.0.31:5060"))]);
}

/// An explicit port means addresses only: the server sees no NAPTR or SRV query.
#[tokio::test]
async fn explicit_port_skips_naptr_and_srv() {
    let server = Dnsmasq::start(ZONE);
    let client = server.client();
    let got = pairs(run(&client, "sip:udp1.example.test:5099", UDP_TCP).await);
    assert_eq!(got, [(Udp, sa("127.0.0.11:5099"))]);
    client.query(&Query::A("marker.example.test".into())).await;
    let log = server.log_until("marker.example.test");
    assert!(log.contains("query[A] udp1.example.test"), "{log}");
    assert!(
        !log.contains("query[SRV]") && !log.contains("query[NAPTR]"),
        "{log}"
    );
}

/// `transport=tcp` without a port: SRV `_sip._tcp` directly, no NAPTR.
#[tokio::test]
async fn transport_param_queries_its_srv() {
    let server = Dnsmasq::start(ZONE);
    let client = server.client();
    let got = pairs(run(&client, "sip:example.test;transport=tcp", UDP_TCP).await);
    assert_eq!(got, [(Tcp, sa("127.0.0.21:5072"))]);
    client.query(&Query::A("marker.example.test".into())).await;
    let log = server.log_until("marker.example.test");
    assert!(log.contains("query[SRV] _sip._tcp.example.test"), "{log}");
    assert!(!log.contains("query[NAPTR]"), "{log}");
}

#[tokio::test]
async fn aaaa_records() {
    let server = Dnsmasq::start(ZONE);
    let client = server.client();
    let both = [(Udp, V4), (Udp, V6)];
    let got = pairs(run(&client, "sip:v6.example.test:5062", &both).await);
    assert_eq!(got, [(Udp, sa("[::1]:5062"))]);
    let got = pairs(run(&client, "sip:dual.example.test:5060", &both).await);
    assert_eq!(got, [(Udp, sa("127.0.0.41:5060")), (Udp, sa("[::1]:5060"))]);
    let got = pairs(
        run(
            &client,
            "sip:dual.example.test:5060",
            &[(Udp, V6), (Udp, V4)],
        )
        .await,
    );
    assert_eq!(got, [(Udp, sa("[::1]:5060")), (Udp, sa("127.0.0.41:5060"))]);
    let err = run(&client, "sip:v6.example.test:5062", &[(Udp, V4)]).await;
    assert!(matches!(err, Err(ResolveError::NotFound { .. })), "{err:?}");
}

#[tokio::test]
async fn missing_name_is_a_clear_error() {
    let server = Dnsmasq::start(ZONE);
    let err = run(&server.client(), "sip:nope.example.test", UDP_TCP)
        .await
        .unwrap_err();
    assert!(!err.timed_out());
    let text = err.to_string();
    for part in [
        "cannot resolve nope.example.test",
        "NAPTR nope.example.test (no such domain)",
        "SRV _sip._udp.nope.example.test (no such domain)",
        "SRV _sip._tcp.nope.example.test (no such domain)",
        "A nope.example.test (no such domain)",
    ] {
        assert!(text.contains(part), "{part:?} missing from: {text}");
    }
}

/// Many A records overflow a UDP answer: the truncated answer is retried over TCP.
#[tokio::test]
async fn truncated_answer_falls_back_to_tcp() {
    let records: Vec<String> = (1..=120)
        .map(|i| format!("host-record=big.example.test,127.0.1.{i}"))
        .collect();
    let lines: Vec<&str> = records.iter().map(String::as_str).collect();
    let server = Dnsmasq::start(&lines);
    let got = pairs(run(&server.client(), "sip:big.example.test:5060", &[(Udp, V4)]).await);
    assert_eq!(got.len(), 120);
    assert!(got.contains(&(Udp, sa("127.0.1.120:5060"))));
}

/// Answers are cached for their TTL: after the server is gone a 300 s record still
/// resolves and a 1 s record no longer does.
#[tokio::test]
async fn answers_are_cached_for_their_ttl() {
    let server = Dnsmasq::start(&[
        "host-record=long.example.test,127.0.0.51",
        "host-record=short.example.test,127.0.0.52,1",
    ]);
    let client = server.client_with_timeout(Duration::from_millis(300));
    let v4 = [(Udp, V4)];
    assert_eq!(
        pairs(run(&client, "sip:long.example.test:5060", &v4).await),
        [(Udp, sa("127.0.0.51:5060"))]
    );
    assert_eq!(
        pairs(run(&client, "sip:short.example.test:5060", &v4).await),
        [(Udp, sa("127.0.0.52:5060"))]
    );
    drop(server);
    tokio::time::sleep(Duration::from_millis(1500)).await;
    assert_eq!(
        pairs(run(&client, "sip:long.example.test:5060", &v4).await),
        [(Udp, sa("127.0.0.51:5060"))]
    );
    assert!(run(&client, "sip:short.example.test:5060", &v4)
        .await
        .is_err());
}

/// A server that never answers: a timeout error within the configured bound, and the
/// runtime keeps running other tasks meanwhile.
#[tokio::test]
async fn silent_server_times_out() {
    let silent = UdpSocket::bind("127.0.0.1:0").unwrap();
    let options = DnsOptions {
        timeout: Some(Duration::from_millis(200)),
        retries: Some(0),
        ..DnsOptions::default()
    };
    let addr = silent.local_addr().unwrap().to_string();
    let client = DnsClient::with_options(&[addr], &options).unwrap();
    let ticks = std::sync::Arc::new(AtomicU32::new(0));
    let counter = ticks.clone();
    let ticker = tokio::spawn(async move {
        loop {
            tokio::time::sleep(Duration::from_millis(10)).await;
            counter.fetch_add(1, Ordering::Relaxed);
        }
    });
    let start = Instant::now();
    let err = run(&client, "sip:slow.example.test", &[(Udp, V4)])
        .await
        .unwrap_err();
    let took = start.elapsed();
    ticker.abort();
    assert!(err.timed_out(), "{err}");
    assert!(
        err.to_string()
            .contains("NAPTR slow.example.test (timed out)"),
        "{err}"
    );
    assert!(took < Duration::from_secs(3), "took {took:?}");
    assert!(
        ticks.load(Ordering::Relaxed) >= 10,
        "the runtime was blocked"
    );
}

/// The system configuration: `localhost` resolves from /etc/hosts (or RFC 6761)
/// without asking any server, with or without a port.
#[tokio::test]
async fn localhost_from_the_system_configuration() {
    let client = DnsClient::new(&[] as &[&str]).expect("system client");
    let v4 = [(Udp, V4)];
    assert_eq!(
        pairs(run(&client, "sip:localhost:5070", &v4).await),
        [(Udp, sa("127.0.0.1:5070"))]
    );
    assert_eq!(
        pairs(run(&client, "sip:localhost", &v4).await),
        [(Udp, sa("127.0.0.1:5060"))]
    );
    let both = [(Udp, V4), (Udp, V6)];
    let got = pairs(run(&client, "sip:localhost:5070", &both).await);
    assert_eq!(got[0], (Udp, sa("127.0.0.1:5070")));
}

/// Names in /etc/hosts resolve before DNS is asked, also with configured name servers
/// (here dnsmasq, which knows none of them).
#[tokio::test]
async fn names_in_etc_hosts() {
    let server = Dnsmasq::start(ZONE);
    let client = server.client();
    let hosts = std::fs::read_to_string(Path::new("/etc/hosts")).unwrap_or_default();
    let mut checked = 0;
    for line in hosts.lines().map(|l| l.split('#').next().unwrap_or("")) {
        let mut fields = line.split_whitespace();
        let Some(Ok(ip)) = fields.next().map(|f| f.parse::<std::net::Ipv4Addr>()) else {
            continue;
        };
        for name in fields.filter(|n| !n.is_empty()) {
            let uri = format!("sip:{name}:5060");
            let got = pairs(run(&client, &uri, &[(Udp, V4)]).await);
            assert!(
                got.contains(&(Udp, SocketAddr::from((ip, 5060)))),
                "{name}: {got:?}"
            );
            checked += 1;
        }
    }
    assert!(
        checked >= 1,
        "/etc/hosts has no IPv4 entry (not even localhost)"
    );
}
