//! Interop with real peers over loopback, run by scripts/test.sh (they need sipp; run
//! them with `cargo test --test interop -- --ignored`): sipp sends OPTIONS over UDP and TCP
//! and gets 200, and every RFC 4475 torture message sent over UDP gets the answer the RFC
//! asks for (or none) while the endpoint keeps answering.

mod common;

use common::rfc4475::{cases, expect_for, Expect};
use pjsua2rs::ua::config::{
    EpConfig, TransportConfig, PJSUA2RS_TRANSPORT_TCP, PJSUA2RS_TRANSPORT_UDP,
};
use pjsua2rs::ua::fixed_str::FixedStr;
use pjsua2rs::ua::Endpoint;
use std::net::{SocketAddr, UdpSocket};
use std::process::{Command, Stdio};
use std::time::Duration;

fn endpoint() -> (Endpoint, SocketAddr, SocketAddr) {
    let mut cfg = EpConfig::default();
    cfg.log_config.level = 1;
    cfg.log_config.console_level = 1;
    let ep = Endpoint::new();
    ep.lib_init(&cfg).unwrap();
    let mut t = TransportConfig::default();
    t.bound_address
        .set_str("127.0.0.1", "boundAddress")
        .unwrap();
    let udp = ep.transport_create(PJSUA2RS_TRANSPORT_UDP, &t).unwrap();
    let tcp = ep.transport_create(PJSUA2RS_TRANSPORT_TCP, &t).unwrap();
    ep.lib_start().unwrap();
    let udp = ep.transport_get_info(udp).unwrap().local;
    let tcp = ep.transport_get_info(tcp).unwrap().local;
    (ep, udp, tcp)
}

fn scenario(name: &str) -> String {
    format!("{}/tests/sipp/{name}", env!("CARGO_MANIFEST_DIR"))
}

/// Runs sipp to completion and returns (exit code, its output).
fn sipp(args: &[&str]) -> (i32, String) {
    let out = Command::new("sipp")
        .args(args)
        .stdin(Stdio::null())
        .output()
        .expect("sipp is not installed: run scripts/test.sh (it installs sip-tester)");
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    (out.status.code().unwrap_or(-1), text)
}

#[test]
#[ignore = "needs sipp; run by scripts/test.sh"]
fn sipp_options_over_udp_and_tcp_get_200() {
    let (_ep, udp, tcp) = endpoint();
    for (transport, target) in [("u1", udp), ("t1", tcp)] {
        let target = target.to_string();
        let (code, out) = sipp(&[
            "-sf",
            &scenario("options_uac.xml"),
            "-t",
            transport,
            "-i",
            "127.0.0.1",
            "-p",
            "0",
            "-m",
            "200",
            "-r",
            "100",
            "-l",
            "50",
            "-timeout",
            "30s",
            "-timeout_error",
            "-nostdin",
            &target,
        ]);
        assert_eq!(code, 0, "sipp ({transport}) reported failed calls:\n{out}");
    }
}

#[test]
#[ignore = "needs sipp; run by scripts/test.sh"]
fn sipp_options_with_10_percent_loss_still_all_succeed() {
    let (_ep, udp, _) = endpoint();
    let target = udp.to_string();
    let (code, out) = sipp(&[
        "-sf",
        &scenario("options_uac.xml"),
        "-i",
        "127.0.0.1",
        "-p",
        "0",
        "-m",
        "100",
        "-r",
        "50",
        "-lost",
        "10",
        "-timeout",
        "60s",
        "-timeout_error",
        "-nostdin",
        &target,
    ]);
    assert_eq!(code, 0, "retransmissions should cover 10% loss:\n{out}");
}

/// Sends `data` from `sock` and returns the status of the answer, if one comes. A
/// response goes where RFC 3261 §18.2.2 says: to the source address for a request that
/// asked for rport or could not be parsed, else to the source IP at the top Via's port
/// (5060 by default); both places are watched.
fn exchange(sock: &UdpSocket, to: SocketAddr, data: &[u8], wait: Duration) -> Option<u16> {
    let via_port = via_response_port(data);
    let via_sock = via_port
        .filter(|p| *p != sock.local_addr().unwrap().port())
        .map(|p| {
            UdpSocket::bind(("127.0.0.1", p))
                .unwrap_or_else(|e| panic!("port {p} for Via-routed responses: {e}"))
        });
    sock.send_to(data, to).unwrap();
    let deadline = std::time::Instant::now() + wait;
    let mut buf = [0u8; 65535];
    while std::time::Instant::now() < deadline {
        for s in std::iter::once(sock).chain(via_sock.as_ref()) {
            s.set_read_timeout(Some(Duration::from_millis(20))).unwrap();
            if let Ok((n, _)) = s.recv_from(&mut buf) {
                let text = String::from_utf8_lossy(&buf[..n]).into_owned();
                return text.split(' ').nth(1)?.parse().ok();
            }
        }
    }
    None
}

/// The port a response to this request is sent to when it has no rport: the top Via's
/// sent-by port, or 5060. `None` when the message does not parse or asks for rport.
fn via_response_port(data: &[u8]) -> Option<u16> {
    use pjsua2rs::sip::{Message, SipHeaders};
    let Ok(Message::Request(r)) = Message::parse(data.to_vec().into()) else {
        return None;
    };
    let via = r.top_via()?;
    if via.rport().is_some() {
        return None;
    }
    Some(via.port.unwrap_or(5060))
}

/// Methods the full user agent handles beyond the SIP core's OPTIONS/ACK/CANCEL.
const UA_METHODS: &[&str] = &[
    "INVITE", "BYE", "UPDATE", "PRACK", "INFO", "REFER", "NOTIFY", "MESSAGE",
];

#[test]
#[ignore = "needs a real endpoint on UDP; run by scripts/test.sh"]
fn rfc4475_messages_over_udp() {
    let (_ep, udp, _) = endpoint();
    let mut report = Vec::new();
    for (i, case) in cases().into_iter().enumerate() {
        // A fresh socket per message, so a late answer cannot be mistaken for the next.
        let sock = UdpSocket::bind("127.0.0.1:0").unwrap();
        let want = expect_for(&case, UA_METHODS);
        let wait = if want == Expect::Drop {
            Duration::from_millis(300)
        } else {
            Duration::from_secs(2)
        };
        let got = exchange(&sock, udp, &case.data, wait);
        match want {
            Expect::Status(code) => assert_eq!(got, Some(code), "{}", case.file),
            Expect::Drop => assert_eq!(got, None, "{}", case.file),
            Expect::Any => {}
        }
        report.push(format!("{:<16} {:?}", case.file, got));
        let probe = UdpSocket::bind("127.0.0.1:0").unwrap();
        let me = probe.local_addr().unwrap();
        let ping = format!(
            "OPTIONS sip:x@{udp} SIP/2.0\r\nVia: SIP/2.0/UDP {me};branch=z9hG4bKprobe{i}\r\n\
             From: <sip:p@{me}>;tag=1\r\nTo: <sip:x@{udp}>\r\nCall-ID: probe{i}\r\nCSeq: 1 OPTIONS\r\n\
             Max-Forwards: 70\r\nContent-Length: 0\r\n\r\n"
        );
        assert_eq!(
            exchange(&probe, udp, ping.as_bytes(), Duration::from_secs(2)),
            Some(200),
            "after {}",
            case.file
        );
    }
    println!("{}", report.join("\n"));
}
