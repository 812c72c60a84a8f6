//! Tests of the endpoint core's automatic answers (RFC 3261 §8.2), fed real bytes.

use super::endpoint::*;
use super::message::{Message, SipHeaders};
use super::transaction::TimerConfig;
use super::transport::TransportKind;
use super::uri::Host;
use super::HeaderName;
use crate::rng::Rng;
use std::net::SocketAddr;
use std::time::Instant;

fn endpoint() -> SipEndpoint {
    let mut ep = SipEndpoint::new(
        EndpointConfig {
            timers: TimerConfig::default(),
            user_agent: "test-ua".into(),
        },
        Rng::from_seed(9),
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

fn peer() -> SocketAddr {
    "127.0.0.1:6000".parse().unwrap()
}

fn request(method: &str, extra: &str, uri: &str) -> String {
    static N: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);
    let n = N.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    format!(
        "{method} {uri} SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:6000;branch=z9hG4bK-{method}-{n}\r\n\
         Max-Forwards: 70\r\nFrom: <sip:a@127.0.0.1>;tag=1\r\nTo: <sip:b@127.0.0.1>\r\n\
         Call-ID: c1@a\r\nCSeq: 7 {method}\r\n{extra}Content-Length: 0\r\n\r\n"
    )
}

/// Feeds one datagram and returns the single response sent (or `None`), as text.
fn answer_text(ep: &mut SipEndpoint, data: String) -> Option<String> {
    let now = Instant::now();
    ep.handle_datagram(now, 0, peer(), data.into());
    while ep.poll_event(now).is_some() {}
    let t = ep.poll_transmit()?;
    assert_eq!(t.flow.remote, peer());
    assert!(ep.poll_transmit().is_none(), "one response only");
    Some(String::from_utf8(t.data.to_vec()).unwrap())
}

/// Feeds one datagram and returns the single response sent (or `None`), parsed.
fn answer(ep: &mut SipEndpoint, data: String) -> Option<super::Response> {
    match Message::parse(answer_text(ep, data)?.into()).unwrap() {
        Message::Response(r) => Some(r),
        _ => panic!("expected a response"),
    }
}

#[test]
fn options_gets_200_with_allow_accept_supported() {
    let mut ep = endpoint();
    ep.capabilities_mut().accept.push("application/sdp".into());
    let r = answer(&mut ep, request("OPTIONS", "", "sip:b@127.0.0.1")).unwrap();
    assert_eq!(r.status, 200);
    assert_eq!(
        r.headers.get(&HeaderName::Allow).unwrap(),
        "OPTIONS, ACK, CANCEL"
    );
    assert_eq!(
        r.headers.get(&HeaderName::Accept).unwrap(),
        "application/sdp"
    );
    assert!(r.headers.contains(&HeaderName::Supported));
    assert_eq!(r.headers.get(&HeaderName::Server).unwrap(), "test-ua");
    assert_eq!(r.cseq().unwrap().seq, 7);
    assert!(
        r.to_addr().unwrap().tag().is_some(),
        "the UAS adds a To tag"
    );
    assert_eq!(r.call_id().unwrap(), "c1@a");
}

#[test]
fn options_in_a_dialog_goes_to_the_user_agent_once_it_has_dialogs() {
    let mut ep = endpoint();
    let in_dialog = |ep: &mut SipEndpoint| {
        let r = request("OPTIONS", "", "sip:b@127.0.0.1")
            .replace("To: <sip:b@127.0.0.1>", "To: <sip:b@127.0.0.1>;tag=dlg");
        let now = Instant::now();
        ep.handle_datagram(now, 0, peer(), r.into());
        let events: Vec<_> = std::iter::from_fn(|| ep.poll_event(now)).collect();
        (events, ep.poll_transmit())
    };
    // Without calls there are no dialogs: the endpoint answers it like any OPTIONS.
    let (events, sent) = in_dialog(&mut ep);
    assert!(events.is_empty());
    assert!(String::from_utf8_lossy(&sent.unwrap().data).starts_with("SIP/2.0 200 OK"));
    // With calls, it goes up to be matched to its dialog (and answered by the call).
    ep.capabilities_mut()
        .methods
        .push(super::method::Method::Invite);
    let (events, sent) = in_dialog(&mut ep);
    assert!(sent.is_none(), "not answered by the endpoint");
    assert!(
        matches!(&events[..], [EndpointEvent::Tsx(super::transaction::TsxEvent::Request { request, .. })]
            if request.method.as_str() == "OPTIONS"),
        "{events:?}"
    );
}

#[test]
fn unknown_method_gets_501_and_unhandled_known_method_405_with_allow() {
    // RFC 3261 §8.2.1: a 405 MUST list the methods we support in Allow (§20.5); so does
    // the 501 (RFC 3261 §21.5.2 asks nothing, PJSIP sends it).
    let allow = |r: &super::Response| r.headers.get(&HeaderName::Allow).map(|v| v.to_string());
    let mut ep = endpoint();
    let r = answer(&mut ep, request("NEWMETHOD", "", "sip:b@127.0.0.1")).unwrap();
    assert_eq!(r.status, 501);
    assert_eq!(allow(&r).as_deref(), Some("OPTIONS, ACK, CANCEL"));
    let r = answer(&mut ep, request("INVITE", "", "sip:b@127.0.0.1")).unwrap();
    assert_eq!(r.status, 405, "INVITE is not handled until calls exist");
    assert_eq!(allow(&r).as_deref(), Some("OPTIONS, ACK, CANCEL"));
    // What the user agent handles is added once, in its order; a method it does not
    // handle is still refused.
    let caps = ep.capabilities_mut();
    caps.methods = ["MESSAGE", "OPTIONS", "INFO"]
        .map(|m| super::method::Method::from_token(m.into()))
        .into();
    let r = answer(&mut ep, request("INVITE", "", "sip:b@127.0.0.1")).unwrap();
    assert_eq!(r.status, 405);
    assert_eq!(
        allow(&r).as_deref(),
        Some("OPTIONS, ACK, CANCEL, MESSAGE, INFO")
    );
    let tokens: Vec<String> = r
        .tokens(&HeaderName::Allow)
        .iter()
        .map(|t| t.to_string())
        .collect();
    assert_eq!(tokens, ["OPTIONS", "ACK", "CANCEL", "MESSAGE", "INFO"]);
    assert!(!tokens.contains(&"INVITE".to_string()));
    let r = answer(&mut ep, request("SUBSCRIBE", "", "sip:b@127.0.0.1")).unwrap();
    assert_eq!(r.status, 405, "SUBSCRIBE is not handled");
}

#[test]
fn unknown_uri_scheme_gets_416_and_unknown_require_420() {
    let mut ep = endpoint();
    let r = answer(&mut ep, request("OPTIONS", "", "unknownscheme:foo@bar")).unwrap();
    assert_eq!(r.status, 416);
    let r = answer(
        &mut ep,
        request(
            "OPTIONS",
            "Require: nothingweknow, other\r\n",
            "sip:b@127.0.0.1",
        ),
    )
    .unwrap();
    assert_eq!(r.status, 420);
    assert_eq!(
        r.headers.get(&HeaderName::Unsupported).unwrap(),
        "nothingweknow, other"
    );
}

#[test]
fn cancel_without_invite_gets_481_and_stray_ack_is_silent() {
    let mut ep = endpoint();
    let r = answer(&mut ep, request("CANCEL", "", "sip:b@127.0.0.1")).unwrap();
    assert_eq!(r.status, 481);
    assert!(answer(&mut ep, request("ACK", "", "sip:b@127.0.0.1")).is_none());
}

#[test]
fn malformed_request_gets_400_with_reason_and_version_505() {
    let mut ep = endpoint();
    let bad =
        request("OPTIONS", "", "sip:b@127.0.0.1").replace("CSeq: 7 OPTIONS", "CSeq: seven OPTIONS");
    // The response copies the bad CSeq, so look at its text.
    let r = answer_text(&mut ep, bad).unwrap();
    let status_line = r.lines().next().unwrap();
    assert!(status_line.starts_with("SIP/2.0 400 "), "{status_line}");
    assert!(
        status_line.to_lowercase().contains("cseq"),
        "reason names the header: {status_line}"
    );
    assert!(r.contains("Call-ID: c1@a\r\n") && r.contains("branch=z9hG4bK-OPTIONS-"));
    let v = request("OPTIONS", "", "sip:b@127.0.0.1").replacen("SIP/2.0\r\n", "SIP/7.0\r\n", 1);
    let r = answer(&mut ep, v).unwrap();
    assert_eq!(r.status, 505);
}

#[test]
fn garbage_and_responses_are_dropped_without_answer() {
    let mut ep = endpoint();
    assert!(answer(&mut ep, "\u{1}\u{2}garbage\r\n\r\n".into()).is_none());
    let stray = "SIP/2.0 200 OK\r\nVia: SIP/2.0/UDP 127.0.0.1:5060;branch=z9hG4bKnope\r\nFrom: <sip:a@x>;tag=1\r\n\
                 To: <sip:b@x>;tag=2\r\nCall-ID: x\r\nCSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n";
    assert!(answer(&mut ep, stray.into()).is_none());
    // The endpoint still answers afterwards.
    assert_eq!(
        answer(&mut ep, request("OPTIONS", "", "sip:b@127.0.0.1"))
            .unwrap()
            .status,
        200
    );
}

#[test]
fn sends_options_with_via_branch_and_user_agent() {
    let mut ep = endpoint();
    let now = Instant::now();
    let target: super::Uri = "sip:127.0.0.1:6000".parse().unwrap();
    let flow = ep.route_to(&target).unwrap();
    assert_eq!(flow.remote, peer());
    let mut req = super::Request::new(super::Method::Options, target);
    for (n, v) in [
        (HeaderName::From, "<sip:a@127.0.0.1>;tag=x"),
        (HeaderName::To, "<sip:127.0.0.1:6000>"),
        (HeaderName::CallId, "abc"),
        (HeaderName::CSeq, "1 OPTIONS"),
    ] {
        req.headers.push(n, v);
    }
    ep.send_request(now, req, flow).unwrap();
    let t = ep.poll_transmit().unwrap();
    let Message::Request(sent) = Message::parse(t.data).unwrap() else {
        panic!()
    };
    let via = sent.top_via().unwrap();
    assert!(via.branch().unwrap().starts_with("z9hG4bK"));
    assert_eq!(via.rport(), Some(None));
    assert_eq!(sent.headers.get(&HeaderName::UserAgent).unwrap(), "test-ua");
    assert_eq!(sent.number(&HeaderName::MaxForwards), Some(70));
}

/// A MESSAGE to the peer with a body of `body_len` bytes.
fn message(body_len: usize) -> super::Request {
    let target: super::Uri = "sip:b@127.0.0.1:6000".parse().unwrap();
    let mut req = super::Request::new(super::Method::Message, target);
    for (n, v) in [
        (HeaderName::From, "<sip:a@127.0.0.1>;tag=x"),
        (HeaderName::To, "<sip:b@127.0.0.1:6000>"),
        (HeaderName::CallId, "big"),
        (HeaderName::CSeq, "1 MESSAGE"),
        (HeaderName::ContentType, "text/plain"),
    ] {
        req.headers.push(n, v);
    }
    req.body = vec![b'x'; body_len].into();
    req
}

fn with_tcp(mut ep: SipEndpoint) -> SipEndpoint {
    ep.add_transport(LocalTransport {
        id: 1,
        kind: TransportKind::Tcp,
        local: "127.0.0.1:5070".parse().unwrap(),
        published_host: Host::V4("127.0.0.1".parse().unwrap()),
        published_port: 5070,
    });
    ep
}

#[test]
fn requests_over_1300_bytes_go_over_tcp_with_a_tcp_via() {
    // RFC 3261 §18.1.1: larger than 1300 bytes with the path MTU unknown: TCP, and the top
    // Via says so. Every size from small to large, so the threshold is exact.
    let mut ep = with_tcp(endpoint());
    let udp = ep
        .route_to(&"sip:b@127.0.0.1:6000".parse().unwrap())
        .unwrap();
    assert_eq!(udp.kind, TransportKind::Udp);
    let now = Instant::now();
    let mut sizes = std::collections::BTreeSet::new();
    for n in 800..1300 {
        ep.send_request(now, message(n), udp).unwrap();
        let t = ep.poll_transmit().unwrap();
        let Message::Request(sent) = Message::parse(t.data.clone()).unwrap() else {
            panic!()
        };
        let via = sent.top_via().unwrap();
        assert_eq!(sent.vias().unwrap().len(), 1, "one Via, ours");
        let len = t.data.len();
        sizes.insert(len);
        if len <= 1300 {
            assert_eq!(t.flow, udp, "{len} bytes");
            assert_eq!((via.transport.as_str(), via.port), ("UDP", Some(5060)));
        } else {
            let tcp = super::transport::Flow {
                transport: 1,
                kind: TransportKind::Tcp,
                remote: peer(),
                conn: None,
            };
            assert_eq!(t.flow, tcp, "{len} bytes");
            assert_eq!((via.transport.as_str(), via.port), ("TCP", Some(5070)));
        }
        assert!(via.branch().unwrap().starts_with("z9hG4bK"));
        assert_eq!(sent.headers.get(&HeaderName::UserAgent).unwrap(), "test-ua");
    }
    assert!(sizes.contains(&1300) && sizes.contains(&1301), "{sizes:?}");
    // An ACK for a 2xx (sent without a transaction) moves too.
    ep.send_stateless_request(message(1500), udp, None);
    assert_eq!(ep.poll_transmit().unwrap().flow.kind, TransportKind::Tcp);
}

#[test]
fn large_requests_stay_on_udp_without_tcp_and_responses_never_move() {
    let mut ep = endpoint();
    let now = Instant::now();
    let udp = ep
        .route_to(&"sip:b@127.0.0.1:6000".parse().unwrap())
        .unwrap();
    ep.send_request(now, message(2000), udp).unwrap();
    let t = ep.poll_transmit().unwrap();
    assert!(t.data.len() > 2000);
    assert_eq!(t.flow, udp, "no TCP transport: sent over UDP anyway");
    // A large response to a request that came over UDP goes back over UDP (§18.2.2).
    let mut ep = with_tcp(endpoint());
    let long_to = format!("To: <sip:b@127.0.0.1;pad={}>", "p".repeat(1400));
    let big = request("OPTIONS", "", "sip:b@127.0.0.1").replace("To: <sip:b@127.0.0.1>", &long_to);
    ep.handle_datagram(now, 0, peer(), big.into());
    while ep.poll_event(now).is_some() {}
    let t = ep.poll_transmit().unwrap();
    assert!(t.data.len() > 1400 && t.data.starts_with(b"SIP/2.0 200 "));
    assert_eq!((t.flow.kind, t.flow.transport), (TransportKind::Udp, 0));
}
