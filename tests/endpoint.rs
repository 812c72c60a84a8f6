//! The Endpoint over real sockets: life cycle, UDP and TCP transports over IPv4 and IPv6,
//! OPTIONS between two endpoints, timeouts and transport errors, TCP streams that cannot
//! be framed, poll mode and the callback thread, calls from many threads.

mod common;

use pjsua2rs::ua::config::{
    EpConfig, TransportConfig, PJSUA2RS_TRANSPORT_TCP, PJSUA2RS_TRANSPORT_TCP6,
    PJSUA2RS_TRANSPORT_UDP, PJSUA2RS_TRANSPORT_UDP6,
};
use pjsua2rs::ua::endpoint::*;
use pjsua2rs::ua::fixed_str::FixedStr;
use pjsua2rs::ua::log_entry::LogEntry;
use pjsua2rs::ua::status::*;
use pjsua2rs::ua::Endpoint;
use std::ffi::CStr;
use std::os::raw::c_void;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

fn quiet_config() -> EpConfig {
    let mut cfg = EpConfig::default();
    cfg.log_config.level = 1;
    cfg.log_config.console_level = 1;
    cfg
}

fn transport(bound: &str) -> TransportConfig {
    let mut t = TransportConfig::default();
    t.bound_address.set_str(bound, "boundAddress").unwrap();
    t
}

fn started(cfg: &EpConfig) -> Endpoint {
    let ep = Endpoint::new();
    ep.lib_init(cfg).unwrap();
    ep.lib_start().unwrap();
    ep
}

/// Creates a transport and returns its "host:port".
fn listen(ep: &Endpoint, kind: i32, bound: &str) -> String {
    let id = ep.transport_create(kind, &transport(bound)).unwrap();
    ep.transport_get_info(id).unwrap().local.to_string()
}

#[test]
fn life_cycle_states() {
    let ep = Endpoint::new();
    assert_eq!(ep.state(), PJSUA2RS_STATE_CREATED);
    let err = ep
        .transport_create(PJSUA2RS_TRANSPORT_UDP, &transport("127.0.0.1"))
        .unwrap_err();
    assert_eq!(
        err.status, PJSUA2RS_ERR_INVALID_OP,
        "transportCreate before libInit"
    );
    ep.lib_init(&quiet_config()).unwrap();
    assert_eq!(ep.state(), PJSUA2RS_STATE_INIT);
    assert_eq!(
        ep.lib_init(&quiet_config()).unwrap_err().status,
        PJSUA2RS_ERR_INVALID_OP
    );
    ep.lib_start().unwrap();
    assert_eq!(ep.state(), PJSUA2RS_STATE_RUNNING);
    ep.lib_destroy().unwrap();
    assert_eq!(ep.state(), PJSUA2RS_STATE_NULL);
    let err = ep.transport_enum().unwrap_err();
    assert_eq!(err.status, PJSUA2RS_ERR_SIP_SHUTDOWN);
    assert!(err.title.contains("transportEnum"), "{}", err.title);
    ep.lib_destroy().unwrap();
}

#[test]
fn options_between_two_endpoints_over_udp_and_tcp() {
    let a = started(&quiet_config());
    let b = started(&quiet_config());
    listen(&a, PJSUA2RS_TRANSPORT_UDP, "127.0.0.1");
    listen(&a, PJSUA2RS_TRANSPORT_TCP, "127.0.0.1");
    let b_udp = listen(&b, PJSUA2RS_TRANSPORT_UDP, "127.0.0.1");
    let b_tcp = listen(&b, PJSUA2RS_TRANSPORT_TCP, "127.0.0.1");
    for uri in [
        format!("sip:{b_udp}"),
        format!("sip:bob@{b_tcp};transport=tcp"),
    ] {
        let r = a.send_options(&uri, Duration::from_secs(5)).unwrap();
        assert_eq!(r.status_code, 200, "{uri}");
        assert!(
            r.whole_msg.contains(
                "\r\nAllow: OPTIONS, ACK, CANCEL, INVITE, BYE, PRACK, UPDATE, INFO, MESSAGE, REFER, NOTIFY\r\n"
            ),
            "{}",
            r.whole_msg
        );
        assert!(r.whole_msg.contains("\r\nAccept:"));
        assert!(r.whole_msg.contains("\r\nSupported:"));
        assert!(r.whole_msg.contains("\r\nServer: pjsua2rs "));
    }
}

#[test]
fn ipv6_udp_and_tcp() {
    if !common::ipv6::ipv6_or_skip("ipv6_udp_and_tcp") {
        return;
    }
    let a = started(&quiet_config());
    let b = started(&quiet_config());
    listen(&a, PJSUA2RS_TRANSPORT_UDP6, "::1");
    listen(&a, PJSUA2RS_TRANSPORT_TCP6, "::1");
    let b_udp = listen(&b, PJSUA2RS_TRANSPORT_UDP6, "::1");
    let b_tcp = listen(&b, PJSUA2RS_TRANSPORT_TCP6, "::1");
    assert!(b_udp.starts_with("[::1]:"));
    for uri in [format!("sip:{b_udp}"), format!("sip:{b_tcp};transport=tcp")] {
        assert_eq!(
            a.send_options(&uri, Duration::from_secs(5))
                .unwrap()
                .status_code,
            200,
            "{uri}"
        );
    }
    let info = b.transport_get_info(0).unwrap();
    assert_eq!(info.type_name, "UDP6");
}

#[test]
fn transports_enumerate_describe_and_close() {
    let ep = started(&quiet_config());
    let u = ep
        .transport_create(PJSUA2RS_TRANSPORT_UDP, &transport("127.0.0.1"))
        .unwrap();
    let t = ep
        .transport_create(PJSUA2RS_TRANSPORT_TCP, &transport("127.0.0.1"))
        .unwrap();
    assert_eq!(ep.transport_enum().unwrap(), vec![u, t]);
    let info = ep.transport_get_info(t).unwrap();
    assert_eq!((info.type_name.as_str(), info.flags()), ("TCP", 1));
    assert_ne!(info.local.port(), 0, "port 0 means any port");
    let mut public = transport("127.0.0.1");
    public
        .public_address
        .set_str("203.0.113.5", "publicAddress")
        .unwrap();
    let p = ep
        .transport_create(PJSUA2RS_TRANSPORT_UDP, &public)
        .unwrap();
    assert!(ep
        .transport_get_info(p)
        .unwrap()
        .published_name()
        .starts_with("203.0.113.5:"));
    let udp_addr = ep.transport_get_info(u).unwrap().local;
    let tcp_addr = ep.transport_get_info(t).unwrap().local;
    ep.transport_close(u).unwrap();
    // The port is released by the time transportClose returns.
    std::net::UdpSocket::bind(udp_addr).expect("the UDP port is free again");
    assert_eq!(ep.transport_enum().unwrap(), vec![t, p]);
    assert_eq!(
        ep.transport_close(u).unwrap_err().status,
        PJSUA2RS_ERR_NOT_FOUND
    );
    ep.transport_close(t).unwrap();
    std::net::TcpListener::bind(tcp_addr).expect("the TCP port is free again");
    assert_eq!(
        ep.transport_get_info(99).unwrap_err().status,
        PJSUA2RS_ERR_NOT_FOUND
    );
    let bad = ep.transport_create(3, &transport("127.0.0.1")).unwrap_err();
    assert_eq!(bad.status, PJSUA2RS_ERR_SIP_UNSUPPORTED_TRANSPORT);
    let bad = ep
        .transport_create(PJSUA2RS_TRANSPORT_UDP, &transport("not-an-ip"))
        .unwrap_err();
    assert_eq!(bad.status, PJSUA2RS_ERR_INVALID_ARG);
}

/// A 200 answering `request` (its Via, From, To with a tag, Call-ID and CSeq).
fn answer_200(request: &str) -> String {
    let mut out = String::from("SIP/2.0 200 OK\r\n");
    for line in request.split("\r\n") {
        let name = line.split(':').next().unwrap_or("").to_ascii_lowercase();
        match name.as_str() {
            "via" | "from" | "call-id" | "cseq" => out.push_str(&format!("{line}\r\n")),
            "to" => out.push_str(&format!("{line};tag=peer\r\n")),
            _ => {}
        }
    }
    out + "Content-Length: 0\r\n\r\n"
}

#[test]
fn a_disabled_transport_neither_receives_nor_sends_until_enabled_again() {
    let a = started(&quiet_config());
    let b = started(&quiet_config());
    listen(&a, PJSUA2RS_TRANSPORT_UDP, "127.0.0.1");
    let b_udp = ep_udp(&b);
    let b_addr = b.transport_get_info(b_udp).unwrap().local;
    let uri = format!("sip:{b_addr}");
    b.transport_set_enable(b_udp, false).unwrap();
    b.transport_set_enable(b_udp, false).unwrap(); // idempotent
    assert_eq!(b.transport_enum().unwrap(), vec![b_udp], "still listed");
    let err = a
        .send_options(&uri, Duration::from_millis(700))
        .unwrap_err();
    assert_eq!(err.status, PJSUA2RS_ERR_TIMEOUT, "b drops what it receives");
    // b has no other UDP transport: its own requests fail at once.
    let start = Instant::now();
    assert!(b.send_options(&uri, Duration::from_secs(5)).is_err());
    assert!(start.elapsed() < Duration::from_secs(1));
    b.transport_set_enable(b_udp, true).unwrap();
    assert_eq!(
        a.send_options(&uri, Duration::from_secs(5))
            .unwrap()
            .status_code,
        200
    );
    assert_eq!(
        b.transport_set_enable(99, true).unwrap_err().status,
        PJSUA2RS_ERR_NOT_FOUND
    );
}

/// Creates a UDP transport on 127.0.0.1 and returns its id.
fn ep_udp(ep: &Endpoint) -> i32 {
    ep.transport_create(PJSUA2RS_TRANSPORT_UDP, &transport("127.0.0.1"))
        .unwrap()
}

#[test]
fn transport_shutdown_lets_the_transaction_in_progress_finish_then_closes() {
    let mut cfg = quiet_config();
    cfg.ua_config.tsx_t4_msec = 500; // Timer K: how long the finished transaction lingers
    let ep = Arc::new(started(&cfg));
    let udp = ep_udp(&ep);
    let local = ep.transport_get_info(udp).unwrap().local;
    let peer = std::net::UdpSocket::bind("127.0.0.1:0").unwrap();
    peer.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
    let uri = format!("sip:{}", peer.local_addr().unwrap());
    let asking = {
        let (ep, uri) = (ep.clone(), uri.clone());
        std::thread::spawn(move || ep.send_options(&uri, Duration::from_secs(5)))
    };
    let mut buf = [0u8; 4096];
    let (n, from) = peer.recv_from(&mut buf).unwrap();
    assert_eq!(from, local);
    ep.transport_shutdown(udp).unwrap();
    assert!(ep.transport_enum().unwrap().is_empty(), "no longer listed");
    assert_eq!(
        ep.transport_get_info(udp).unwrap_err().status,
        PJSUA2RS_ERR_NOT_FOUND
    );
    assert!(
        std::net::UdpSocket::bind(local).is_err(),
        "open while the OPTIONS transaction uses it"
    );
    // No new request takes it.
    assert!(ep.send_options(&uri, Duration::from_secs(5)).is_err());
    let request = String::from_utf8_lossy(&buf[..n]).to_string();
    peer.send_to(answer_200(&request).as_bytes(), from).unwrap();
    let outcome = asking.join().unwrap().unwrap();
    assert_eq!(outcome.status_code, 200, "the answer came in on it");
    let deadline = Instant::now() + Duration::from_secs(5);
    while std::net::UdpSocket::bind(local).is_err() {
        assert!(Instant::now() < deadline, "closed after Timer K");
        std::thread::sleep(Duration::from_millis(20));
    }
    assert_eq!(
        ep.transport_shutdown(udp).unwrap_err().status,
        PJSUA2RS_ERR_NOT_FOUND
    );
    // Unused, it closes before transportShutdown returns.
    let idle = ep_udp(&ep);
    let idle_addr = ep.transport_get_info(idle).unwrap().local;
    ep.transport_shutdown(idle).unwrap();
    std::net::UdpSocket::bind(idle_addr).expect("closed at once");
    ep.lib_destroy().unwrap();
    assert_eq!(
        ep.transport_shutdown(idle).unwrap_err().status,
        PJSUA2RS_ERR_SIP_SHUTDOWN
    );
}

#[test]
fn transport_close_ends_a_graceful_shutdown_at_once() {
    let ep = Arc::new(started(&quiet_config()));
    let udp = ep_udp(&ep);
    let local = ep.transport_get_info(udp).unwrap().local;
    let silent = std::net::UdpSocket::bind("127.0.0.1:0").unwrap();
    silent
        .set_read_timeout(Some(Duration::from_secs(5)))
        .unwrap();
    let uri = format!("sip:{}", silent.local_addr().unwrap());
    let asking = {
        let ep = ep.clone();
        std::thread::spawn(move || ep.send_options(&uri, Duration::from_millis(500)))
    };
    let mut buf = [0u8; 4096];
    silent.recv_from(&mut buf).unwrap();
    ep.transport_shutdown(udp).unwrap();
    assert!(
        std::net::UdpSocket::bind(local).is_err(),
        "kept for the OPTIONS"
    );
    ep.transport_close(udp).unwrap();
    std::net::UdpSocket::bind(local).expect("closed when transportClose returned");
    assert_eq!(
        ep.transport_close(udp).unwrap_err().status,
        PJSUA2RS_ERR_NOT_FOUND
    );
    assert!(asking.join().unwrap().is_err(), "the OPTIONS got no answer");
}

#[test]
fn port_range_skips_busy_ports() {
    let ep = started(&quiet_config());
    let busy = std::net::UdpSocket::bind("127.0.0.1:0").unwrap();
    let port = busy.local_addr().unwrap().port();
    let mut cfg = transport("127.0.0.1");
    cfg.port = port as u32;
    let err = ep
        .transport_create(PJSUA2RS_TRANSPORT_UDP, &cfg)
        .unwrap_err();
    assert_eq!(
        err.status,
        PJSUA2RS_ERR_OS_BASE + libc::EADDRINUSE,
        "{}",
        err.reason
    );
    cfg.port_range = 20;
    let id = ep.transport_create(PJSUA2RS_TRANSPORT_UDP, &cfg).unwrap();
    let got = ep.transport_get_info(id).unwrap().local.port();
    assert!(got > port && got <= port + 20, "{got}");
}

#[test]
fn no_answer_times_out_with_timer_f_and_refused_tcp_fails_fast() {
    let mut cfg = quiet_config();
    cfg.ua_config.tsx_t1_msec = 20; // Timer F = 64*T1 = 1.28 s
    cfg.ua_config.tsx_t2_msec = 40; // Timer E: 20, 40, 40 ... ms
    let ep = started(&cfg);
    listen(&ep, PJSUA2RS_TRANSPORT_UDP, "127.0.0.1");
    listen(&ep, PJSUA2RS_TRANSPORT_TCP, "127.0.0.1");
    let silent = std::net::UdpSocket::bind("127.0.0.1:0").unwrap();
    let start = Instant::now();
    let err = ep
        .send_options(
            &format!("sip:{}", silent.local_addr().unwrap()),
            Duration::from_secs(10),
        )
        .unwrap_err();
    assert_eq!(
        err.status,
        PJSUA2RS_ERR_SIP_STATUS_BASE + 408,
        "{}",
        err.reason
    );
    let took = start.elapsed();
    assert!(
        took >= Duration::from_millis(1200) && took < Duration::from_secs(5),
        "{took:?}"
    );
    let mut buf = [0u8; 2048];
    silent.set_nonblocking(true).unwrap();
    let mut sent = 0;
    while silent.recv(&mut buf).is_ok() {
        sent += 1;
    }
    // Sent at 0, 20, 60, 100 ... 1260 ms: 33 copies; with the default T2 (4 s) it would be
    // 7 (0, 20, 60, 140, 300, 620, 1260). Late timers on a busy machine may lose a few.
    assert!(
        (13..=33).contains(&sent),
        "retransmitted with Timer E capped at T2: {sent} copies"
    );
    let closed = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap();
    let start = Instant::now();
    let err = ep
        .send_options(
            &format!("sip:{closed};transport=tcp"),
            Duration::from_secs(10),
        )
        .unwrap_err();
    assert_eq!(
        err.status,
        PJSUA2RS_ERR_SIP_STATUS_BASE + 503,
        "{}",
        err.reason
    );
    assert!(start.elapsed() < Duration::from_secs(1));
}

#[test]
fn bad_uris_are_errors() {
    let ep = started(&quiet_config());
    listen(&ep, PJSUA2RS_TRANSPORT_UDP, "127.0.0.1");
    assert_eq!(
        ep.send_options("not a uri", Duration::from_secs(1))
            .unwrap_err()
            .status,
        PJSUA2RS_ERR_SIP_INVALID_URI
    );
    assert_eq!(
        ep.send_options("tel:+123", Duration::from_secs(1))
            .unwrap_err()
            .status,
        PJSUA2RS_ERR_SIP_INVALID_URI
    );
    assert!(verify_sip_uri("sip:alice@example.com;transport=tcp").is_ok());
    assert!(verify_sip_uri("\"Alice\" <sips:alice@[::1]:5061>").is_ok());
    assert_eq!(
        verify_sip_uri("http://x").unwrap_err().status,
        PJSUA2RS_ERR_SIP_INVALID_URI
    );
    assert!(verify_uri("tel:+1-555-0100").is_ok());
    assert!(verify_uri("sip:").is_err());
}

#[test]
fn many_threads_call_at_once() {
    let a = Arc::new(started(&quiet_config()));
    let b = started(&quiet_config());
    listen(&a, PJSUA2RS_TRANSPORT_UDP, "127.0.0.1");
    let target = format!("sip:{}", listen(&b, PJSUA2RS_TRANSPORT_UDP, "127.0.0.1"));
    let threads: Vec<_> = (0..8)
        .map(|_| {
            let (a, target) = (a.clone(), target.clone());
            std::thread::spawn(move || {
                (0..25)
                    .filter(|_| {
                        a.send_options(&target, Duration::from_secs(5))
                            .map(|r| r.status_code)
                            == Ok(200)
                    })
                    .count()
            })
        })
        .collect();
    let ok: usize = threads.into_iter().map(|t| t.join().unwrap()).sum();
    assert_eq!(ok, 200);
}

#[test]
fn garbage_over_udp_does_not_stop_the_endpoint() {
    let ep = started(&quiet_config());
    let addr = listen(&ep, PJSUA2RS_TRANSPORT_UDP, "127.0.0.1");
    let probe = Endpoint::new();
    probe.lib_init(&quiet_config()).unwrap();
    listen(&probe, PJSUA2RS_TRANSPORT_UDP, "127.0.0.1");
    let sock = std::net::UdpSocket::bind("127.0.0.1:0").unwrap();
    let mut seed = 12345u64;
    for n in 0..500 {
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        let len = (seed >> 33) as usize % 1400;
        let mut junk: Vec<u8> = (0..len).map(|i| (seed >> (i % 56)) as u8).collect();
        if n % 3 == 0 {
            junk.splice(0..0, b"OPTIONS sip:x SIP/2.0\r\nVia: ".iter().copied());
        }
        sock.send_to(&junk, &addr).unwrap();
    }
    let r = probe
        .send_options(&format!("sip:{addr}"), Duration::from_secs(5))
        .unwrap();
    assert_eq!(r.status_code, 200);
}

/// Writes `data` on a new TCP connection to `addr` and reads until the endpoint closes
/// it (at most 10 s); returns what it answered.
fn tcp_exchange(addr: &str, data: &[u8]) -> String {
    use std::io::{Read, Write};
    let mut conn = std::net::TcpStream::connect(addr).unwrap();
    conn.set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    conn.write_all(data).unwrap();
    let mut got = Vec::new();
    let mut buf = [0u8; 4096];
    loop {
        match conn.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => got.extend_from_slice(&buf[..n]),
            Err(e) if e.kind() == std::io::ErrorKind::ConnectionReset => break,
            Err(e) => panic!(
                "the connection was not closed ({e}); got {:?}",
                String::from_utf8_lossy(&got)
            ),
        }
    }
    String::from_utf8_lossy(&got).into_owned()
}

#[test]
fn tcp_streams_that_cannot_be_framed_are_answered_if_possible_and_closed() {
    // RFC 3261 §18.3 frames a stream by Content-Length; past the size limit (65,535
    // bytes, the largest UDP datagram, §18.1.1) or without Content-Length it cannot be
    // framed any more, so the connection closes, after 513 Message Too Large (§21.5.14)
    // or 400 Bad Request to a request whose head arrived whole.
    const LIMIT: usize = 65_535;
    let ep = started(&quiet_config());
    let udp = listen(&ep, PJSUA2RS_TRANSPORT_UDP, "127.0.0.1");
    let tcp = listen(&ep, PJSUA2RS_TRANSPORT_TCP, "127.0.0.1");
    let probe = started(&quiet_config());
    listen(&probe, PJSUA2RS_TRANSPORT_UDP, "127.0.0.1");
    listen(&probe, PJSUA2RS_TRANSPORT_TCP, "127.0.0.1");
    let head = |call_id: &str, extra: &str| {
        format!(
            "OPTIONS sip:{tcp} SIP/2.0\r\nVia: SIP/2.0/TCP 127.0.0.1:9;branch=z9hG4bK-{call_id}\r\n\
             Max-Forwards: 70\r\nFrom: <sip:t@127.0.0.1>;tag=1\r\nTo: <sip:{tcp}>\r\n\
             Call-ID: {call_id}\r\nCSeq: 1 OPTIONS\r\n{extra}"
        )
    };
    let big = [
        head("big", "Content-Length: 100000\r\n\r\n").as_bytes(),
        &[b'x'; 20_000],
    ]
    .concat();
    let no_length = head("nolength", "\r\n");
    let garbage = vec![b'g'; LIMIT + 5_000];
    let mut endless = head("endless", "");
    while endless.len() <= LIMIT + 5_000 {
        endless.push_str("X-Padding: 0123456789abcdef0123456789abcdef\r\n");
    }
    let cases: [(&str, &[u8], &str); 4] = [
        ("big", &big, "SIP/2.0 513 Message Too Large"),
        ("nolength", no_length.as_bytes(), "SIP/2.0 400 Bad Request"),
        ("garbage without CRLFCRLF", &garbage, ""),
        ("a header section without end", endless.as_bytes(), ""),
    ];
    for (what, data, status) in cases {
        let answer = tcp_exchange(&tcp, data);
        if status.is_empty() {
            assert_eq!(answer, "", "{what}: nothing can be answered");
        } else {
            // One response, to that request (`what` is its Call-ID), then the close.
            assert!(answer.starts_with(status), "{what}: {answer}");
            assert_eq!(answer.matches("SIP/2.0 ").count(), 1, "{what}: {answer}");
            assert!(
                answer.contains(&format!("\r\nCall-ID: {what}\r\n")),
                "{what}: {answer}"
            );
        }
        for target in [format!("sip:{tcp};transport=tcp"), format!("sip:{udp}")] {
            let r = probe.send_options(&target, Duration::from_secs(5));
            assert_eq!(r.map(|r| r.status_code), Ok(200), "after {what}: {target}");
        }
    }
}

struct Log {
    entries: Mutex<Vec<(i32, String, String)>>,
}

unsafe extern "C" fn collect(user_data: *mut c_void, entry: *const LogEntry) {
    let log = &*(user_data as *const Log);
    let e = &*entry;
    let msg = CStr::from_ptr(e.msg).to_string_lossy().into_owned();
    let thread = std::thread::current().name().unwrap_or("").to_string();
    log.entries.lock().unwrap().push((e.level, msg, thread));
}

/// A UDP and a TCP transport on the same port of 127.0.0.1, as RFC 3261 §18.1.1 asks of a
/// server (a request too large for UDP comes over TCP to the same port); returns the port.
fn listen_udp_and_tcp_on_one_port(ep: &Endpoint) -> u16 {
    for _ in 0..20 {
        let udp = ep
            .transport_create(PJSUA2RS_TRANSPORT_UDP, &transport("127.0.0.1"))
            .unwrap();
        let port = ep.transport_get_info(udp).unwrap().local.port();
        let mut tcp = transport("127.0.0.1");
        tcp.port = port as u32;
        if ep.transport_create(PJSUA2RS_TRANSPORT_TCP, &tcp).is_ok() {
            return port;
        }
        ep.transport_close(udp).unwrap();
    }
    panic!("no port free for both UDP and TCP");
}

/// Waits (at most 5 s) for a log entry `pick` accepts and returns it.
fn wait_for_entry(log: &Log, pick: impl Fn(&str) -> bool) -> Option<String> {
    let deadline = Instant::now() + Duration::from_secs(5);
    while Instant::now() < deadline {
        let found = log
            .entries
            .lock()
            .unwrap()
            .iter()
            .find(|e| pick(&e.1))
            .map(|e| e.1.clone());
        if found.is_some() {
            return found;
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    None
}

#[test]
fn requests_over_1300_bytes_switch_from_udp_to_tcp() {
    // RFC 3261 §18.1.1: a request larger than 1300 bytes (path MTU unknown) goes over TCP
    // with TCP in its Via; a small one over UDP; the response follows the request.
    let log = Box::leak(Box::new(Log {
        entries: Mutex::new(Vec::new()),
    }));
    let mut cfg = quiet_config();
    cfg.log_config.level = 4;
    cfg.log_config.console_level = 4; // the writer is the console
    cfg.log_config.writer = Some(collect);
    cfg.log_config.writer_user_data = log as *const Log as *mut c_void;
    let a = started(&quiet_config());
    listen(&a, PJSUA2RS_TRANSPORT_UDP, "127.0.0.1");
    listen(&a, PJSUA2RS_TRANSPORT_TCP, "127.0.0.1");
    let b = started(&cfg);
    let port = listen_udp_and_tcp_on_one_port(&b);
    let pad = "p".repeat(1400);
    for (user, kind) in [("small", "UDP"), (&format!("big-{pad}")[..], "TCP")] {
        let r = a
            .send_options(
                &format!("sip:{user}@127.0.0.1:{port}"),
                Duration::from_secs(5),
            )
            .unwrap();
        assert_eq!(r.status_code, 200, "{kind}");
        assert!(
            r.whole_msg
                .contains(&format!("\r\nVia: SIP/2.0/{kind} 127.0.0.1:")),
            "{}",
            r.whole_msg
        );
        let rx = wait_for_entry(log, |m| {
            m.contains("RX ") && m.contains(&format!("OPTIONS sip:{user}@"))
        })
        .unwrap_or_else(|| panic!("B logged no OPTIONS to {kind}"));
        assert!(rx.contains(&format!(" from {kind} 127.0.0.1:")), "{rx}");
        assert!(
            rx.contains(&format!("\nVia: SIP/2.0/{kind} 127.0.0.1:")),
            "{rx}"
        );
    }
    // Without a TCP listener at the peer the TCP attempt fails like any TCP connection
    // (no fallback to UDP); small requests still go over UDP.
    let c = started(&quiet_config());
    let c_udp = listen(&c, PJSUA2RS_TRANSPORT_UDP, "127.0.0.1");
    drop(std::net::TcpListener::bind(&c_udp).expect("no TCP listener on C's UDP port"));
    let err = a
        .send_options(&format!("sip:big-{pad}@{c_udp}"), Duration::from_secs(5))
        .unwrap_err();
    assert_eq!(
        err.status,
        PJSUA2RS_ERR_SIP_STATUS_BASE + 503,
        "{}",
        err.reason
    );
    let r = a.send_options(&format!("sip:{c_udp}"), Duration::from_secs(5));
    assert_eq!(r.map(|r| r.status_code), Ok(200));
}

#[test]
fn log_writer_runs_in_handle_events_in_poll_mode_and_never_after_destroy() {
    let log = Box::leak(Box::new(Log {
        entries: Mutex::new(Vec::new()),
    }));
    let mut cfg = EpConfig::default();
    cfg.ua_config.thread_cnt = 0;
    cfg.log_config.level = 4;
    cfg.log_config.console_level = 4;
    cfg.log_config.writer = Some(collect);
    cfg.log_config.writer_user_data = log as *const Log as *mut c_void;
    let ep = started(&cfg);
    listen(&ep, PJSUA2RS_TRANSPORT_UDP, "127.0.0.1");
    std::thread::sleep(Duration::from_millis(50));
    assert!(
        log.entries.lock().unwrap().is_empty(),
        "nothing runs outside handle_events"
    );
    let n = ep.lib_handle_events(10).unwrap();
    assert!(n >= 2, "init and transport messages: {n}");
    {
        let entries = log.entries.lock().unwrap();
        let me = std::thread::current().name().unwrap_or("").to_string();
        assert!(
            entries.iter().all(|e| e.2 == me),
            "ran on the caller's thread"
        );
        assert!(
            entries
                .iter()
                .any(|e| e.1.contains("UDP transport started")),
            "{entries:?}"
        );
    }
    ep.log_write(3, "app", "from the application").unwrap();
    ep.lib_destroy().unwrap();
    let count = log.entries.lock().unwrap().len();
    assert!(log
        .entries
        .lock()
        .unwrap()
        .iter()
        .any(|e| e.1.contains("from the application")));
    std::thread::sleep(Duration::from_millis(50));
    assert_eq!(
        log.entries.lock().unwrap().len(),
        count,
        "no callback after libDestroy"
    );
}

#[test]
fn log_writer_runs_on_the_callback_thread_and_sees_sip_messages() {
    let log = Box::leak(Box::new(Log {
        entries: Mutex::new(Vec::new()),
    }));
    let mut cfg = EpConfig::default();
    cfg.log_config.level = 5;
    cfg.log_config.console_level = 5;
    cfg.log_config.writer = Some(collect);
    cfg.log_config.writer_user_data = log as *const Log as *mut c_void;
    let a = started(&cfg);
    let b = started(&quiet_config());
    listen(&a, PJSUA2RS_TRANSPORT_UDP, "127.0.0.1");
    let target = format!("sip:{}", listen(&b, PJSUA2RS_TRANSPORT_UDP, "127.0.0.1"));
    a.send_options(&target, Duration::from_secs(5)).unwrap();
    a.lib_destroy().unwrap();
    let entries = log.entries.lock().unwrap();
    assert!(entries.iter().all(|e| e.2 == "pjsua2rs-callbacks"));
    assert!(
        entries
            .iter()
            .any(|e| e.1.contains("TX ") && e.1.contains("OPTIONS sip:")),
        "message logging"
    );
    assert!(entries
        .iter()
        .any(|e| e.1.contains("RX ") && e.1.contains("SIP/2.0 200 OK")));
}

#[test]
fn host_names_resolve_without_blocking_and_unknown_names_fail_with_resolve() {
    let a = started(&quiet_config());
    let b = started(&quiet_config());
    listen(&a, PJSUA2RS_TRANSPORT_UDP, "127.0.0.1");
    let port = listen(&b, PJSUA2RS_TRANSPORT_UDP, "127.0.0.1")
        .rsplit(':')
        .next()
        .unwrap()
        .to_string();
    // localhost comes from the system's resolver configuration (RFC 6761 / /etc/hosts).
    let r = a
        .send_options(&format!("sip:localhost:{port}"), Duration::from_secs(5))
        .unwrap();
    assert_eq!(r.status_code, 200);
    let err = a
        .send_options("sip:no-such-host.invalid:5060", Duration::from_secs(20))
        .unwrap_err();
    assert_eq!(err.status, PJSUA2RS_ERR_RESOLVE, "{}", err.reason);
    assert!(
        err.reason.contains("no-such-host.invalid"),
        "{}",
        err.reason
    );
}
