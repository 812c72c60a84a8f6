//! Accounts registering against real registrars on loopback, run by scripts/test.sh (they
//! need sipp and kamailio; `cargo test --release --test registration -- --ignored
//! --test-threads=1`): sipp as a scripted registrar (digest, 423, refresh, 503 and retry)
//! and kamailio with digest authentication over UDP and TCP.

mod common;

use common::kamailio::{Kamailio, DOMAIN};
use common::sipp::{free_port, Sipp};
use pjsua2rs::ua::account::{AccountHandler, AccountId, OnRegStartedParam, OnRegStateParam};
use pjsua2rs::ua::config::{
    AccountConfig, AuthCredInfo, EpConfig, TransportConfig, PJSUA2RS_TRANSPORT_TCP,
    PJSUA2RS_TRANSPORT_TCP6, PJSUA2RS_TRANSPORT_UDP, PJSUA2RS_TRANSPORT_UDP6,
};
use pjsua2rs::ua::fixed_str::FixedStr;
use pjsua2rs::ua::status::PJSUA2RS_ERR_SIP_FAILED_CREDENTIAL;
use pjsua2rs::ua::Endpoint;
use std::sync::mpsc::{channel, Receiver, Sender};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// What an account's callbacks saw.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Seen {
    Started(bool),
    State {
        code: u16,
        expiration: u32,
        status: i32,
    },
}

struct Recorder(Mutex<Sender<Seen>>);

impl AccountHandler for Recorder {
    fn on_reg_started(&self, prm: &OnRegStartedParam) {
        let _ = self.0.lock().unwrap().send(Seen::Started(prm.renew));
    }
    fn on_reg_state(&self, prm: &OnRegStateParam) {
        let _ = self.0.lock().unwrap().send(Seen::State {
            code: prm.code,
            expiration: prm.expiration,
            status: prm.status,
        });
    }
}

fn ok(expiration: u32) -> Seen {
    Seen::State {
        code: 200,
        expiration,
        status: 0,
    }
}

/// An endpoint with UDP and TCP transports on 127.0.0.1 (and on ::1 when `ipv6`).
fn endpoint(ipv6: bool) -> Endpoint {
    let mut cfg = EpConfig::default();
    cfg.log_config.level = 1;
    cfg.log_config.console_level = 1;
    let ep = Endpoint::new();
    ep.lib_init(&cfg).unwrap();
    let mut kinds = vec![
        (PJSUA2RS_TRANSPORT_UDP, "127.0.0.1"),
        (PJSUA2RS_TRANSPORT_TCP, "127.0.0.1"),
    ];
    if ipv6 {
        kinds.push((PJSUA2RS_TRANSPORT_UDP6, "::1"));
        kinds.push((PJSUA2RS_TRANSPORT_TCP6, "::1"));
    }
    for (kind, addr) in kinds {
        let mut t = TransportConfig::default();
        t.bound_address.set_str(addr, "boundAddress").unwrap();
        ep.transport_create(kind, &t).unwrap();
    }
    ep.lib_start().unwrap();
    ep
}

fn account_config(
    id: &str,
    registrar: &str,
    user: &str,
    password: &str,
    expires: u32,
) -> AccountConfig {
    let mut cfg = AccountConfig::default();
    cfg.id_uri.set_str(id, "idUri").unwrap();
    cfg.reg_config
        .registrar_uri
        .set_str(registrar, "registrarUri")
        .unwrap();
    cfg.reg_config.timeout_sec = expires;
    let mut cred = AuthCredInfo::default();
    cred.username.set_str(user, "username").unwrap();
    cred.data.set_str(password, "data").unwrap();
    cfg.sip_config.auth_creds[0] = cred;
    cfg.sip_config.auth_creds_count = 1;
    cfg
}

fn add(ep: &Endpoint, cfg: &AccountConfig) -> (AccountId, Receiver<Seen>) {
    let (tx, rx) = channel();
    let handler = Arc::new(Recorder(Mutex::new(tx)));
    (ep.account_create(cfg, false, handler).unwrap(), rx)
}

/// The next State event within `wait` (Started events are skipped).
fn next_state(rx: &Receiver<Seen>, wait: Duration) -> Seen {
    let deadline = Instant::now() + wait;
    loop {
        match rx.recv_timeout(deadline.saturating_duration_since(Instant::now())) {
            Ok(Seen::Started(_)) => continue,
            Ok(s) => return s,
            Err(_) => panic!("no onRegState within {wait:?}"),
        }
    }
}

const SECS: Duration = Duration::from_secs(10);

#[test]
#[ignore = "needs sipp; run by scripts/test.sh"]
fn sipp_registrar_digest_register_and_unregister_over_udp_and_tcp() {
    for (transport, suffix) in [("u1", ""), ("t1", ";transport=tcp")] {
        let ep = endpoint(false);
        let port = free_port("127.0.0.1");
        let keys = [
            "-t", transport, "-m", "1", "-key", "user", "alice", "-key", "password", "secret",
        ];
        let sipp = Sipp::spawn_server("registrar_auth.xml", "127.0.0.1", port, &keys);
        let registrar = format!("sip:127.0.0.1:{port}{suffix}");
        let cfg = account_config("sip:alice@127.0.0.1", &registrar, "alice", "secret", 300);
        let (acc, rx) = add(&ep, &cfg);
        assert_eq!(rx.recv_timeout(SECS).unwrap(), Seen::Started(true));
        assert_eq!(next_state(&rx, SECS), ok(300), "{transport}");
        let info = ep.account_get_info(acc).unwrap();
        assert!(info.reg_is_active && info.reg_status == 200, "{info:?}");
        assert!(info.reg_expires_sec > 290, "{info:?}");
        ep.account_set_registration(acc, false).unwrap();
        assert_eq!(rx.recv_timeout(SECS).unwrap(), Seen::Started(false));
        assert_eq!(next_state(&rx, SECS), ok(0));
        assert!(!ep.account_get_info(acc).unwrap().reg_is_active);
        let exit = sipp.wait(SECS);
        assert_eq!(
            exit.code, 0,
            "sipp registrar ({transport}):\n{}",
            exit.output
        );
    }
}

#[test]
#[ignore = "needs sipp; run by scripts/test.sh"]
fn sipp_registrar_423_is_retried_with_min_expires() {
    let ep = endpoint(false);
    let port = free_port("127.0.0.1");
    let sipp = Sipp::spawn_server(
        "registrar_423.xml",
        "127.0.0.1",
        port,
        &["-t", "u1", "-m", "1"],
    );
    let cfg = account_config(
        "sip:alice@127.0.0.1",
        &format!("sip:127.0.0.1:{port}"),
        "a",
        "b",
        30,
    );
    let (_acc, rx) = add(&ep, &cfg);
    assert_eq!(
        next_state(&rx, SECS),
        ok(120),
        "granted the registrar's Min-Expires"
    );
    let exit = sipp.wait(SECS);
    assert_eq!(exit.code, 0, "{}", exit.output);
}

#[test]
#[ignore = "needs sipp; run by scripts/test.sh"]
fn sipp_registrar_refresh_arrives_before_expiry() {
    let ep = endpoint(false);
    let port = free_port("127.0.0.1");
    let sipp = Sipp::spawn_server(
        "registrar_refresh.xml",
        "127.0.0.1",
        port,
        &["-t", "u1", "-m", "1"],
    );
    let cfg = account_config(
        "sip:alice@127.0.0.1",
        &format!("sip:127.0.0.1:{port}"),
        "a",
        "b",
        300,
    );
    let (_acc, rx) = add(&ep, &cfg);
    assert_eq!(next_state(&rx, SECS), ok(10), "the registrar granted 10 s");
    // delayBeforeRefreshSec is 5: the refresh goes out at 5 s.
    assert!(matches!(
        next_state(&rx, SECS),
        Seen::State { code: 200, .. }
    ));
    let exit = sipp.wait(SECS);
    assert_eq!(exit.code, 0, "{}", exit.output);
}

#[test]
#[ignore = "needs sipp; run by scripts/test.sh"]
fn sipp_registrar_503_is_retried_after_retry_after() {
    let ep = endpoint(false);
    let port = free_port("127.0.0.1");
    let sipp = Sipp::spawn_server(
        "registrar_503.xml",
        "127.0.0.1",
        port,
        &["-t", "u1", "-m", "1"],
    );
    let mut cfg = account_config(
        "sip:alice@127.0.0.1",
        &format!("sip:127.0.0.1:{port}"),
        "a",
        "b",
        300,
    );
    cfg.reg_config.retry_interval_sec = 60;
    let (_acc, rx) = add(&ep, &cfg);
    let start = Instant::now();
    assert!(matches!(
        next_state(&rx, SECS),
        Seen::State {
            code: 503,
            expiration: 0,
            ..
        }
    ));
    assert_eq!(next_state(&rx, SECS), ok(300));
    let waited = start.elapsed();
    assert!(
        waited >= Duration::from_secs(2) && waited < Duration::from_secs(5),
        "Retry-After 2: {waited:?}"
    );
    let exit = sipp.wait(SECS);
    assert_eq!(exit.code, 0, "{}", exit.output);
}

#[test]
#[ignore = "needs kamailio; run by scripts/test.sh"]
fn kamailio_register_refresh_unregister_over_udp_tcp_and_ipv6() {
    let k = Kamailio::start(&[("alice", "secret"), ("bob", "b:o\\b")]);
    let mut targets = vec![(k.udp, ""), (k.tcp, ";transport=tcp")];
    let ipv6 =
        common::ipv6::ipv6_or_skip("kamailio_register_refresh_unregister_over_udp_tcp_and_ipv6");
    if ipv6 {
        targets.push((k.udp6.expect("kamailio listens on [::1] UDP"), ""));
        let tcp6 = k.tcp6.expect("kamailio listens on [::1] TCP");
        targets.push((tcp6, ";transport=tcp"));
    }
    let ep = endpoint(ipv6);
    for (addr, suffix) in targets {
        let registrar = format!("sip:{addr}{suffix}");
        let cfg = account_config(&k.aor("alice"), &registrar, "alice", "secret", 120);
        let (acc, rx) = add(&ep, &cfg);
        assert_eq!(next_state(&rx, SECS), ok(120), "{registrar}");
        let contacts = k.registered_contacts("alice");
        assert_eq!(contacts.len(), 1, "{registrar}: {contacts:?}");
        let local = if addr.is_ipv4() { "127.0.0.1" } else { "[::1]" };
        assert!(contacts[0].contains(local), "{contacts:?}");
        if !suffix.is_empty() {
            assert!(contacts[0].contains("transport=tcp"), "{contacts:?}");
        }
        // A refresh on demand reuses the nonce (no new challenge round).
        ep.account_set_registration(acc, true).unwrap();
        assert_eq!(next_state(&rx, SECS), ok(120));
        ep.account_set_registration(acc, false).unwrap();
        assert_eq!(next_state(&rx, SECS), ok(0));
        assert!(k.registered_contacts("alice").is_empty(), "{registrar}");
        ep.account_shutdown(acc).unwrap();
    }
}

#[test]
#[ignore = "needs kamailio; run by scripts/test.sh"]
fn kamailio_wrong_password_fails_once_and_two_accounts_register() {
    let k = Kamailio::start(&[("alice", "secret"), ("bob", "b:o\\b")]);
    let ep = endpoint(false);
    let registrar = format!("sip:{}", k.udp);
    let (bad, bad_rx) = add(
        &ep,
        &account_config(&k.aor("alice"), &registrar, "alice", "wrong", 120),
    );
    let status = match next_state(&bad_rx, SECS) {
        Seen::State {
            code,
            status,
            expiration: 0,
        } => {
            // kamailio refuses a wrong digest with 403 (an answer: status 0, as PJSUA);
            // a registrar that re-challenges would give 401 with PJSIP_EFAILEDCREDENTIAL.
            assert!(
                (code == 403 && status == 0)
                    || (code == 401 && status == PJSUA2RS_ERR_SIP_FAILED_CREDENTIAL),
                "{code} {status}"
            );
            status
        }
        other => panic!("{other:?}"),
    };
    assert!(
        bad_rx.recv_timeout(Duration::from_secs(2)).is_err(),
        "no retry loop"
    );
    let info = ep.account_get_info(bad).unwrap();
    assert!(
        !info.reg_is_active && info.reg_last_err == status,
        "{info:?}"
    );

    let (_a, a_rx) = add(
        &ep,
        &account_config(&k.aor("alice"), &registrar, "alice", "secret", 120),
    );
    let (_b, b_rx) = add(
        &ep,
        &account_config(&k.aor("bob"), &registrar, "bob", "b:o\\b", 120),
    );
    assert_eq!(next_state(&a_rx, SECS), ok(120));
    assert_eq!(next_state(&b_rx, SECS), ok(120));
    assert_eq!(k.registered_contacts("alice").len(), 1);
    assert_eq!(k.registered_contacts("bob").len(), 1);
    assert!(ep.account_enum().unwrap().len() == 3);
}

#[test]
#[ignore = "needs kamailio; run by scripts/test.sh"]
fn kamailio_account_deleted_mid_registration_and_destroy_unregisters() {
    let k = Kamailio::start(&[("alice", "secret"), ("bob", "b:o\\b")]);
    let ep = endpoint(false);
    let registrar = format!("sip:{}", k.udp);
    // Removed right after creation: the REGISTER in flight completes, then the binding is
    // removed in the background, silently.
    let (acc, rx) = add(
        &ep,
        &account_config(&k.aor("alice"), &registrar, "alice", "secret", 120),
    );
    ep.account_shutdown(acc).unwrap();
    assert!(!ep.account_is_valid(acc));
    // What came before shutdown returned may include the first registration's outcome
    // (kamailio answers fast); from here on, nothing may come.
    let before: Vec<Seen> = rx.try_iter().collect();
    assert!(
        before
            .iter()
            .all(|s| matches!(s, Seen::Started(true) | Seen::State { .. })),
        "{before:?}"
    );
    // alice's REGISTERs: challenged, authenticated, then the removal.
    let registers = || k.log().matches("{REGISTER} <script>: REGISTER").count();
    let deadline = Instant::now() + SECS;
    while registers() < 3 {
        assert!(Instant::now() < deadline, "no un-REGISTER:\n{}", k.log());
        std::thread::sleep(Duration::from_millis(50));
    }
    std::thread::sleep(Duration::from_millis(200));
    assert!(
        k.registered_contacts("alice").is_empty(),
        "alice's binding was removed"
    );
    assert!(
        rx.try_iter().next().is_none(),
        "no callbacks after shutdown"
    );

    // libDestroy removes the bindings of the accounts still registered, waiting for it.
    let (_b, b_rx) = add(
        &ep,
        &account_config(&k.aor("bob"), &registrar, "bob", "b:o\\b", 120),
    );
    assert_eq!(next_state(&b_rx, SECS), ok(120));
    assert_eq!(k.registered_contacts("bob").len(), 1);
    ep.lib_destroy().unwrap();
    assert!(
        k.registered_contacts("bob").is_empty(),
        "libDestroy unregistered bob"
    );
    assert!(k.log().contains(DOMAIN));
}

/// An endpoint whose DNS server is `dns_port` on 127.0.0.1, with fast retransmissions.
fn endpoint_with(dns_port: Option<u16>, t1_msec: u32) -> Endpoint {
    let mut cfg = EpConfig::default();
    cfg.log_config.level = 1;
    cfg.log_config.console_level = 1;
    cfg.ua_config.tsx_t1_msec = t1_msec;
    if let Some(port) = dns_port {
        cfg.ua_config.nameserver[0]
            .set_str(&format!("127.0.0.1:{port}"), "nameserver")
            .unwrap();
        cfg.ua_config.nameserver_count = 1;
    }
    let ep = Endpoint::new();
    ep.lib_init(&cfg).unwrap();
    for kind in [PJSUA2RS_TRANSPORT_UDP, PJSUA2RS_TRANSPORT_TCP] {
        let mut t = TransportConfig::default();
        t.bound_address
            .set_str("127.0.0.1", "boundAddress")
            .unwrap();
        ep.transport_create(kind, &t).unwrap();
    }
    ep.lib_start().unwrap();
    ep
}

#[test]
#[ignore = "needs kamailio and dnsmasq; run by scripts/test.sh"]
fn registrar_found_by_naptr_and_srv_over_a_real_dns_server() {
    let k = Kamailio::start(&[("alice", "secret")]);
    // pjsua2rs.test prefers TCP (NAPTR order), whose SRV points at kamailio's port.
    let naptr_tcp = "naptr-record=pjsua2rs.test,10,10,S,SIP+D2T,,_sip._tcp.pjsua2rs.test";
    let naptr_udp = "naptr-record=pjsua2rs.test,20,10,S,SIP+D2U,,_sip._udp.pjsua2rs.test";
    let srv_tcp = format!(
        "srv-host=_sip._tcp.pjsua2rs.test,sip1.pjsua2rs.test,{},0,10",
        k.tcp.port()
    );
    let srv_udp = format!(
        "srv-host=_sip._udp.pjsua2rs.test,sip1.pjsua2rs.test,{},0,10",
        k.udp.port()
    );
    let dns = common::dnsmasq::Dnsmasq::start_for(
        DOMAIN,
        &[
            naptr_tcp,
            naptr_udp,
            &srv_tcp,
            &srv_udp,
            "host-record=sip1.pjsua2rs.test,127.0.0.1",
        ],
    );
    let ep = endpoint_with(Some(dns.port), 500);
    let cfg = account_config(&k.aor("alice"), "sip:pjsua2rs.test", "alice", "secret", 120);
    let (acc, rx) = add(&ep, &cfg);
    assert_eq!(next_state(&rx, SECS), ok(120));
    let contacts = k.registered_contacts("alice");
    assert_eq!(contacts.len(), 1, "{contacts:?}");
    assert!(
        contacts[0].contains("transport=tcp"),
        "NAPTR chose TCP: {contacts:?}"
    );
    ep.account_set_registration(acc, false).unwrap();
    assert_eq!(next_state(&rx, SECS), ok(0));
}

#[test]
#[ignore = "needs kamailio; run by scripts/test.sh"]
fn outbound_proxy_modify_and_set_transport() {
    let k = Kamailio::start(&[("alice", "secret")]);
    let ep = endpoint_with(None, 500);
    // The registrar is named by domain and reached through the outbound proxy (loose
    // routing): no DNS is involved.
    let mut cfg = account_config(&k.aor("alice"), "sip:pjsua2rs.test", "alice", "secret", 120);
    cfg.sip_config.proxies[0]
        .set_str(&format!("<sip:{};lr>", k.udp), "proxies")
        .unwrap();
    cfg.sip_config.proxies_count = 1;
    let (acc, rx) = add(&ep, &cfg);
    assert_eq!(next_state(&rx, SECS), ok(120));
    assert!(
        k.log().contains("REGISTER sip:pjsua2rs.test"),
        "{}",
        k.log()
    );

    // modify: another registrar URI (kamailio over TCP) removes the old binding first.
    let cfg = account_config(
        &k.aor("alice"),
        &format!("sip:{};transport=tcp", k.tcp),
        "alice",
        "secret",
        120,
    );
    ep.account_modify(acc, &cfg).unwrap();
    assert_eq!(next_state(&rx, SECS), ok(120));
    std::thread::sleep(Duration::from_millis(300));
    let contacts = k.registered_contacts("alice");
    assert_eq!(
        contacts.len(),
        1,
        "the UDP binding was removed: {contacts:?}"
    );
    assert!(contacts[0].contains("transport=tcp"), "{contacts:?}");

    // setTransport pins a registrar URI without transport parameter to TCP too.
    let (tcp_id, _) = ep
        .transport_enum()
        .unwrap()
        .into_iter()
        .map(|id| (id, ep.transport_get_info(id).unwrap()))
        .find(|(_, t)| t.type_name == "TCP")
        .unwrap();
    let cfg = account_config(
        &k.aor("alice"),
        &format!("sip:{}", k.tcp),
        "alice",
        "secret",
        120,
    );
    ep.account_modify(acc, &cfg).unwrap();
    ep.account_set_transport(acc, tcp_id).unwrap();
    ep.account_set_registration(acc, true).unwrap();
    let deadline = Instant::now() + SECS;
    loop {
        if let Seen::State { code: 200, .. } = next_state(&rx, SECS) {
            let c = k.registered_contacts("alice");
            if c.len() == 1 && c[0].contains("transport=tcp") {
                break;
            }
        }
        assert!(
            Instant::now() < deadline,
            "{:?}",
            k.registered_contacts("alice")
        );
    }
}

#[test]
#[ignore = "needs real sockets; run by scripts/test.sh"]
fn silent_registrar_times_out_with_408_and_refused_tcp_gives_503() {
    let ep = endpoint_with(None, 10); // Timer F = 64 * 10 ms
    let silent = std::net::UdpSocket::bind("127.0.0.1:0").unwrap();
    let mut cfg = account_config(
        "sip:alice@127.0.0.1",
        &format!("sip:{}", silent.local_addr().unwrap()),
        "a",
        "b",
        120,
    );
    cfg.reg_config.retry_interval_sec = 0;
    let (acc, rx) = add(&ep, &cfg);
    // As PJSUA2 2.15.1 reports them: the code, status 0, regLastErr 0, and the code's text.
    assert_eq!(
        next_state(&rx, SECS),
        Seen::State {
            code: 408,
            expiration: 0,
            status: 0,
        }
    );
    let info = ep.account_get_info(acc).unwrap();
    assert_eq!(
        (
            info.reg_status,
            info.reg_status_text.as_str(),
            info.reg_last_err,
            info.reg_is_active
        ),
        (408, "Request Timeout", 0, false)
    );

    let closed = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap();
    let mut cfg = account_config(
        "sip:bob@127.0.0.1",
        &format!("sip:{closed};transport=tcp"),
        "a",
        "b",
        120,
    );
    cfg.reg_config.retry_interval_sec = 0;
    let (b, rx) = add(&ep, &cfg);
    let start = Instant::now();
    assert_eq!(
        next_state(&rx, SECS),
        Seen::State {
            code: 503,
            expiration: 0,
            status: 0,
        }
    );
    assert!(
        start.elapsed() < Duration::from_secs(2),
        "a refused connection fails at once"
    );
    let info = ep.account_get_info(b).unwrap();
    assert_eq!(
        (
            info.reg_status,
            info.reg_status_text.as_str(),
            info.reg_last_err
        ),
        (503, "Service Unavailable", 0)
    );
}

/// A REGISTER read from a registrar's socket, answered 200 with its Contact bound for
/// 60 s plus `extra` headers.
fn answer_register(request: &str, extra: &str) -> String {
    let header = |name: &str| {
        request
            .lines()
            .find(|l| l.to_ascii_lowercase().starts_with(&format!("{name}:")))
            .map(|l| l[name.len() + 1..].trim().to_string())
            .unwrap_or_else(|| panic!("no {name} in {request}"))
    };
    let vias: String = request
        .lines()
        .filter(|l| l.to_ascii_lowercase().starts_with("via:"))
        .map(|l| format!("{l}\r\n"))
        .collect();
    format!(
        "SIP/2.0 200 OK\r\n{vias}From: {}\r\nTo: {};tag=reg\r\nCall-ID: {}\r\nCSeq: {}\r\n\
         Contact: {};expires=60\r\n{extra}Content-Length: 0\r\n\r\n",
        header("from"),
        header("to"),
        header("call-id"),
        header("cseq"),
        header("contact")
    )
}

#[test]
#[ignore = "needs real sockets; run by scripts/test.sh"]
fn udp_keepalives_reach_a_registrar_socket_at_the_configured_interval() {
    let ep = endpoint_with(None, 500);
    let registrar = std::net::UdpSocket::bind("127.0.0.1:0").unwrap();
    registrar
        .set_read_timeout(Some(Duration::from_secs(5)))
        .unwrap();
    let mut cfg = account_config(
        "sip:alice@127.0.0.1",
        &format!("sip:{}", registrar.local_addr().unwrap()),
        "a",
        "b",
        60,
    );
    cfg.nat_config.udp_ka_interval_sec = 1;
    cfg.nat_config
        .udp_ka_data
        .set_str("\r\n", "udpKaData")
        .unwrap();
    let (_acc, rx) = add(&ep, &cfg);
    let mut buf = [0u8; 4096];
    let (n, from) = registrar.recv_from(&mut buf).expect("a REGISTER");
    let request = String::from_utf8_lossy(&buf[..n]).to_string();
    assert!(request.starts_with("REGISTER "), "{request}");
    registrar
        .send_to(answer_register(&request, "").as_bytes(), from)
        .unwrap();
    assert_eq!(next_state(&rx, SECS), ok(60));
    let registered = Instant::now();
    let mut arrivals = Vec::new();
    while arrivals.len() < 3 {
        let (n, src) = registrar.recv_from(&mut buf).expect("a keep-alive");
        assert_eq!(src, from, "from the registration's socket");
        assert_eq!(&buf[..n], b"\r\n", "udpKaData as is");
        arrivals.push(registered.elapsed());
    }
    let gaps: Vec<Duration> = arrivals.windows(2).map(|w| w[1] - w[0]).collect();
    assert!(
        arrivals[0] >= Duration::from_millis(900) && arrivals[0] < Duration::from_millis(1800),
        "{arrivals:?}"
    );
    assert!(
        gaps.iter()
            .all(|g| *g >= Duration::from_millis(800) && *g < Duration::from_millis(1500)),
        "{arrivals:?}"
    );
}

#[test]
#[ignore = "needs real sockets; run by scripts/test.sh"]
fn tcp_keepalives_reach_a_registrar_connection_at_its_flow_timer() {
    use std::io::{Read, Write};
    let ep = endpoint_with(None, 500);
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let cfg = account_config(
        "sip:alice@127.0.0.1",
        &format!("sip:{};transport=tcp", listener.local_addr().unwrap()),
        "a",
        "b",
        60,
    );
    let (_acc, rx) = add(&ep, &cfg);
    let (mut conn, _) = listener.accept().unwrap();
    conn.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
    let mut buf = [0u8; 4096];
    let mut request = String::new();
    while !request.contains("\r\n\r\n") {
        let n = conn.read(&mut buf).expect("a REGISTER");
        assert!(n > 0, "closed");
        request.push_str(&String::from_utf8_lossy(&buf[..n]));
    }
    assert!(request.contains("transport=tcp"), "{request}");
    // The 90 s default would be too long for a test; the registrar's Flow-Timer (RFC 5626
    // §4.4.1) asks for keep-alives every 80 to 100 % of 2 s.
    conn.write_all(answer_register(&request, "Flow-Timer: 2\r\n").as_bytes())
        .unwrap();
    assert_eq!(next_state(&rx, SECS), ok(60));
    let registered = Instant::now();
    let mut arrivals = Vec::new();
    while arrivals.len() < 3 {
        let n = conn.read(&mut buf).expect("a keep-alive");
        assert!(n > 0, "closed");
        assert_eq!(&buf[..n], b"\r\n\r\n", "a CRLFCRLF ping");
        arrivals.push(registered.elapsed());
        // No pong: the UA does not need one, and two pongs read together would look like
        // a ping (CRLFCRLF) that it answers.
    }
    let gaps: Vec<Duration> = std::iter::once(arrivals[0])
        .chain(arrivals.windows(2).map(|w| w[1] - w[0]))
        .collect();
    assert!(
        gaps.iter()
            .all(|g| *g >= Duration::from_millis(1500) && *g < Duration::from_millis(2600)),
        "{arrivals:?}"
    );
}
