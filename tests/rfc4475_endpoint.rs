//! Every RFC 4475 message fed to the SIP endpoint core (sans-IO): it answers as the RFC
//! asks (tests/data/rfc4475/EXPECTED), never panics, and keeps answering afterwards.

mod common;

use common::rfc4475::{cases, expect_for, Expect};
use pjsua2rs::rng::Rng;
use pjsua2rs::sip::endpoint::{EndpointConfig, LocalTransport, SipEndpoint};
use pjsua2rs::sip::transaction::TimerConfig;
use pjsua2rs::sip::transport::TransportKind;
use pjsua2rs::sip::{Host, Message};
use std::time::Instant;

fn endpoint() -> SipEndpoint {
    let mut ep = SipEndpoint::new(
        EndpointConfig {
            timers: TimerConfig::default(),
            user_agent: "t".into(),
        },
        Rng::from_seed(1),
    );
    ep.add_transport(LocalTransport {
        id: 0,
        kind: TransportKind::Udp,
        local: "127.0.0.1:5060".parse().unwrap(),
        published_host: Host::V4("127.0.0.1".parse().unwrap()),
        published_port: 5060,
    });
    ep
}

/// The status of the (first) response the endpoint sends for `data`, if any.
fn respond(ep: &mut SipEndpoint, data: &[u8]) -> Option<u16> {
    let now = Instant::now();
    ep.handle_datagram(
        now,
        0,
        "127.0.0.1:7000".parse().unwrap(),
        data.to_vec().into(),
    );
    while ep.poll_event(now).is_some() {}
    let first = ep.poll_transmit()?;
    while ep.poll_transmit().is_some() {}
    let text = String::from_utf8_lossy(&first.data).into_owned();
    let status = text.split(' ').nth(1)?.parse().ok()?;
    Some(status)
}

#[test]
fn every_rfc4475_message_is_answered_as_the_rfc_says() {
    let mut ep = endpoint();
    let mut report = Vec::new();
    for case in cases() {
        let got = respond(&mut ep, &case.data);
        let want = expect_for(&case, &[]);
        match want {
            Expect::Status(code) => assert_eq!(got, Some(code), "{}", case.file),
            Expect::Drop => assert_eq!(got, None, "{}", case.file),
            Expect::Any => {}
        }
        report.push(format!("{} -> {:?}", case.file, got));
        let ping = format!(
            "OPTIONS sip:x@127.0.0.1 SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:7000;branch=z9hG4bKping{}\r\n\
             From: <sip:p@127.0.0.1>;tag=1\r\nTo: <sip:x@127.0.0.1>\r\nCall-ID: ping{}\r\nCSeq: 1 OPTIONS\r\n\
             Max-Forwards: 70\r\nContent-Length: 0\r\n\r\n",
            case.file, case.file
        );
        assert_eq!(
            respond(&mut ep, ping.as_bytes()),
            Some(200),
            "still answering after {}",
            case.file
        );
    }
    println!("{}", report.join("\n"));
}

#[test]
fn parsed_messages_survive_a_write_and_reparse_through_the_endpoint() {
    for case in cases() {
        if let Ok(m) = Message::parse(case.data.clone().into()) {
            let again =
                Message::parse(m.to_bytes()).unwrap_or_else(|e| panic!("{}: {e:?}", case.file));
            assert_eq!(again, m, "{}", case.file);
        }
    }
}
