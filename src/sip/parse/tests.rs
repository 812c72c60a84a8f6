//! Unit tests of message framing: start lines, folding, Content-Length, errors.

use super::*;
use crate::sip::message::SipHeaders;
use crate::sip::uri::Uri;

const INVITE: &str = "INVITE sip:bob@biloxi.com SIP/2.0\r\n\
Via: SIP/2.0/UDP pc33.atlanta.com;branch=z9hG4bK776asdhds\r\n\
Max-Forwards: 70\r\n\
To: Bob <sip:bob@biloxi.com>\r\n\
From: Alice <sip:alice@atlanta.com>;tag=1928301774\r\n\
Call-ID: a84b4c76e66710@pc33.atlanta.com\r\n\
CSeq: 314159 INVITE\r\n\
Content-Length: 4\r\n\r\nbody";

fn parse(s: &str) -> Result<Message, ParseError> {
    parse_message(Bytes::copy_from_slice(s.as_bytes()))
}

fn req(s: &str) -> Request {
    match parse(s).unwrap() {
        Message::Request(r) => r,
        Message::Response(_) => panic!("not a request"),
    }
}

#[test]
fn request_with_body_and_zero_copy_values() {
    let data = Bytes::copy_from_slice(INVITE.as_bytes());
    let Ok(Message::Request(r)) = parse_message(data.clone()) else {
        panic!("parse failed")
    };
    assert_eq!(r.method, Method::Invite);
    assert_eq!(r.uri.as_sip().unwrap().user.as_ref().unwrap(), "bob");
    assert_eq!(&r.body[..], b"body");
    assert_eq!(r.call_id().unwrap(), "a84b4c76e66710@pc33.atlanta.com");
    assert!(!r.headers.contains(&HeaderName::ContentLength));
    let v = r.headers.get(&HeaderName::CallId).unwrap();
    let range = data.as_ptr() as usize..data.as_ptr() as usize + data.len();
    assert!(
        range.contains(&(v.as_ptr() as usize)),
        "value is not a slice of the input"
    );
}

#[test]
fn folding_compact_names_and_leading_crlf() {
    let r = req("\r\n\r\nOPTIONS  sip:x@y  SIP/2.0  \r\nv: SIP/2.0/UDP h;branch=z9hG4bK1\r\nt:\r\n <sip:x@y>\r\n\t;tag=1\r\nf: <sip:a@b>;tag=2\r\ni: c1\r\nCSEQ : 1\r\n  OPTIONS\r\nX-Odd :  a\r\n b  \r\n\r\n");
    assert_eq!(r.method, Method::Options);
    assert_eq!(r.headers.get(&HeaderName::To).unwrap(), "<sip:x@y> ;tag=1");
    assert_eq!(r.headers.get(&HeaderName::parse("x-odd")).unwrap(), "a b");
    assert_eq!(r.cseq().unwrap().seq, 1);
    assert!(r.body.is_empty());
}

#[test]
fn content_length_rules() {
    let longer = INVITE.replace("Content-Length: 4", "Content-Length: 2");
    assert_eq!(&req(&longer).body[..], b"bo");
    let absent = INVITE.replace("Content-Length: 4\r\n", "");
    assert_eq!(&req(&absent).body[..], b"body");
    let short = INVITE.replace("Content-Length: 4", "Content-Length: 5");
    let e = parse(&short).unwrap_err();
    assert_eq!(
        (e.status, e.reason.as_str()),
        (400, "Content-Length larger than body")
    );
    let head = e.request_head.unwrap();
    assert_eq!(head.method, Method::Invite);
    assert!(head.headers.contains(&HeaderName::Via));
    let neg = INVITE.replace("Content-Length: 4", "Content-Length: -4");
    assert_eq!(parse(&neg).unwrap_err().reason, "bad Content-Length");
    let huge = INVITE.replace(
        "Content-Length: 4",
        "Content-Length: 99999999999999999999999",
    );
    assert_eq!(parse(&huge).unwrap_err().status, 400);
}

#[test]
fn versions_and_status_codes() {
    let e = parse(&INVITE.replace("SIP/2.0\r\nVia", "SIP/7.0\r\nVia")).unwrap_err();
    assert_eq!(e.status, 505);
    assert!(e.request_head.is_some());
    let resp = "SIP/2.0 180 Ringing\r\nVia: SIP/2.0/UDP h;branch=z9hG4bK1\r\nTo: <sip:x@y>;tag=a\r\nFrom: <sip:a@b>;tag=b\r\nCall-ID: c\r\nCSeq: 1 INVITE\r\n\r\n";
    let Message::Response(r) = parse(resp).unwrap() else {
        panic!("not a response")
    };
    assert_eq!((r.status, r.reason.as_str()), (180, "Ringing"));
    for bad in ["099", "700", "4294967301", "20", "2x0"] {
        let e = parse(&resp.replace("180", bad)).unwrap_err();
        assert_eq!(e.status, 400, "{bad}");
        assert!(e.request_head.is_none());
    }
    assert_eq!(
        parse(&resp.replace("SIP/2.0 180", "SIP/3.0 180"))
            .unwrap_err()
            .status,
        505
    );
}

#[test]
fn request_uri_headers_are_ignored() {
    let r = parse(&INVITE.replace(
        "INVITE sip:bob@biloxi.com SIP/2.0",
        "INVITE sip:bob@biloxi.com?Replaces=abc%40h%3Bto-tag%3D1 SIP/2.0",
    ))
    .unwrap();
    let Message::Request(r) = r else {
        panic!("not a request")
    };
    assert_eq!(r.uri.to_string(), "sip:bob@biloxi.com");
}

#[test]
fn request_line_and_header_errors() {
    for (bad, why) in [
        ("INVITE <sip:bob@biloxi.com> SIP/2.0", "bad Request-URI"),
        ("INVITE sip:bob@biloxi.com; lr SIP/2.0", "bad request line"),
        ("INVITE bob SIP/2.0", "bad Request-URI"),
    ] {
        let e = parse(&INVITE.replace("INVITE sip:bob@biloxi.com SIP/2.0", bad)).unwrap_err();
        assert_eq!(e.status, 400);
        assert!(e.reason.starts_with(why), "{bad}: {}", e.reason);
        assert!(e.request_head.is_some());
    }
    let e = parse(&INVITE.replace("Max-Forwards: 70", "Max-Forwards 70")).unwrap_err();
    assert_eq!(e.reason, "header line without ':'");
    assert_eq!(e.request_head.unwrap().headers.len(), 6);
    let e = parse(&INVITE.replace("CSeq: 314159 INVITE", "CSeq: 314159 BYE")).unwrap_err();
    assert_eq!(e.reason, "CSeq method differs from the request method");
    let e = parse(&INVITE.replace("Call-ID: a84b4c76e66710@pc33.atlanta.com\r\n", "")).unwrap_err();
    assert_eq!(e.reason, "missing Call-ID");
    let mut bytes = INVITE.as_bytes().to_vec();
    bytes[INVITE.find("Bob").unwrap()] = 0xff;
    let e = parse_message(Bytes::from(bytes)).unwrap_err();
    assert_eq!(e.reason, "header is not UTF-8");
    assert_eq!(parse("\r\n\r\n").unwrap_err().reason, "empty message");
    assert_eq!(
        parse("\u{1}\r\n\r\n").unwrap_err().reason,
        "bad request line"
    );
    assert_eq!(
        parse("SIP\u{e9} 1\r\n\r\n").unwrap_err().reason,
        "bad request line"
    );
}

#[test]
fn missing_max_forwards_is_tolerated_and_other_schemes_kept() {
    let r = req(&INVITE
        .replace("Max-Forwards: 70\r\n", "")
        .replace("INVITE sip:bob@biloxi.com", "INVITE tel:+1-201-555-0123"));
    assert!(matches!(r.uri, Uri::Other { .. }));
    let e = parse(&INVITE.replace("Max-Forwards: 70", "Max-Forwards: 256")).unwrap_err();
    assert_eq!(e.reason, "bad Max-Forwards");
}

#[test]
fn round_trip() {
    let m = parse(INVITE).unwrap();
    assert_eq!(parse_message(m.to_bytes()).unwrap(), m);
}
