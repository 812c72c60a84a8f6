//! RFC 4475 (SIP torture tests) and RFC 5118 (IPv6 torture tests) messages through the
//! parser: valid messages parse to the values the RFCs discuss, invalid ones give the
//! status the RFCs ask for, and every message that parses writes and re-parses equal.

use bytes::Bytes;
use pjsua2rs::sip::parse::{parse_message, ParseError};
use pjsua2rs::sip::{HeaderName, Host, Message, Method, Request, Response, SipHeaders, Uri};
use std::net::Ipv6Addr;

fn load(dir: &str, name: &str) -> Bytes {
    let path = format!("{}/tests/data/{dir}/{name}.dat", env!("CARGO_MANIFEST_DIR"));
    Bytes::from(std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}")))
}

fn parse(dir: &str, name: &str) -> Result<Message, ParseError> {
    parse_message(load(dir, name))
}

fn request(name: &str) -> Request {
    match parse("rfc4475", name) {
        Ok(Message::Request(r)) => r,
        other => panic!("{name}: {other:?}"),
    }
}

fn response(name: &str) -> Response {
    match parse("rfc4475", name) {
        Ok(Message::Response(r)) => r,
        other => panic!("{name}: {other:?}"),
    }
}

fn error(dir: &str, name: &str) -> ParseError {
    match parse(dir, name) {
        Err(e) => e,
        Ok(m) => panic!("{name} parsed: {m:?}"),
    }
}

fn sip_user(uri: &Uri) -> String {
    uri.as_sip()
        .and_then(|u| u.user.as_ref())
        .map(|u| u.to_string())
        .unwrap_or_default()
}

fn header<'a>(r: &'a Request, name: &str) -> &'a str {
    r.headers
        .get(&HeaderName::parse(name))
        .map(|t| t.as_str())
        .unwrap_or_else(|| panic!("no {name}"))
}

// ---- RFC 4475 §3.1.1: valid messages ----

#[test]
fn wsinv_short_tortuous_invite() {
    let r = request("wsinv");
    assert_eq!(r.method, Method::Invite);
    let uri = r.uri.as_sip().unwrap();
    assert_eq!(uri.user.as_ref().unwrap(), "vivekg");
    assert_eq!(uri.host, Host::Domain("chair-dnrc.example.com".into()));
    assert_eq!(uri.params.get("unknownparam"), Some(None));
    let to = r.to_addr().unwrap();
    assert_eq!(to.tag().unwrap(), "1918181833n");
    assert_eq!(sip_user(&to.uri), "vivekg");
    let from = r.from_addr().unwrap();
    assert_eq!(from.display.as_ref().unwrap(), r#"J Rosenberg \""#);
    assert_eq!(from.tag().unwrap(), "98asjd8");
    assert_eq!(r.number(&HeaderName::MaxForwards), Some(68));
    let cseq = r.cseq().unwrap();
    assert_eq!((cseq.seq, cseq.method), (9, Method::Invite));
    let vias = r.vias().unwrap();
    assert_eq!(vias.len(), 3);
    assert_eq!(vias[0].transport, "UDP");
    assert_eq!(vias[0].branch().unwrap(), "390skdjuw");
    assert_eq!(
        (vias[1].transport.as_str(), vias[1].host.to_string()),
        ("TCP", "spindle.example.com".into())
    );
    assert_eq!(vias[2].branch().unwrap(), "z9hG4bK30239");
    assert_eq!(header(&r, "Subject"), "");
    assert_eq!(
        header(&r, "newfangledheader"),
        "newfangled value continued newfangled value"
    );
    assert_eq!(header(&r, "UnknownHeaderWithUnusualValue"), ";;,,;;,;");
    let contact = &r.contacts().unwrap()[0];
    assert_eq!(contact.display.as_ref().unwrap(), r#"Quoted string """#);
    assert_eq!(contact.params.value("newparam").unwrap(), "newvalue");
    assert_eq!(contact.params.get("secondparam"), Some(None));
    assert_eq!(contact.params.value("q").unwrap(), "0.33");
    assert_eq!(
        r.headers.len(),
        13,
        "14 fields less the consumed Content-Length"
    );
    assert_eq!(r.body.len(), 150);
}

#[test]
fn intmeth_wide_range_of_valid_characters() {
    let r = request("intmeth");
    let method = "!interesting-Method0123456789_*+`.%indeed'~";
    assert_eq!(r.method, Method::Other(method.into()));
    let uri = r.uri.as_sip().unwrap();
    assert_eq!(
        uri.user.as_ref().unwrap(),
        "1_unusual.URI~(to-be!sure)&isn't+it$/crazy?,/;;*"
    );
    assert_eq!(
        uri.password.as_ref().unwrap(),
        "&it+has=1,weird!*pas$wo~d_too.(doesn't-it)"
    );
    assert_eq!(
        r.top_via().unwrap().branch().unwrap(),
        "z9hG4bK-.!%66*_+`'~"
    );
    let to = r.to_addr().unwrap();
    assert_eq!(
        to.display.as_ref().unwrap(),
        "BEL:\u{7} NUL:\u{0} DEL:\u{7f}"
    );
    let from = r.from_addr().unwrap();
    assert_eq!(
        from.display.as_ref().unwrap(),
        "token1~` token2'+_ token3*%!.-"
    );
    assert_eq!(
        from.params.value("fromParam''~+*_!.-%").unwrap(),
        "\"работающий\""
    );
    assert_eq!(from.tag().unwrap(), "_token~1'+`*%!-.");
    assert_eq!(
        r.call_id().unwrap(),
        "intmeth.word%ZK-!.*_+'@word`~)(><:\\/\"][?}{"
    );
    assert_eq!(r.cseq().unwrap().method, r.method);
    assert_eq!(header(&r, "extensionHeader-!.%*+_`'~"), "\u{feff}大停電");
    assert!(r.body.is_empty());
}

#[test]
fn esc01_valid_escapes_kept_as_written() {
    let r = request("esc01");
    assert_eq!(sip_user(&r.uri), "sips%3Auser%40example.com");
    assert_eq!(
        r.uri.as_sip().unwrap().host,
        Host::Domain("example.net".into())
    );
    let to = r.to_addr().unwrap();
    assert_eq!(sip_user(&to.uri), "%75se%72");
    let plain: Uri = "sip:user@example.com".parse().unwrap();
    assert!(to.uri.as_sip().unwrap().equivalent(plain.as_sip().unwrap()));
    assert_eq!(sip_user(&r.from_addr().unwrap().uri), "I%20have%20spaces");
    let contact = r.contacts().unwrap().remove(0);
    let params = &contact.uri.as_sip().unwrap().params;
    assert_eq!(params.get("%6C%72"), Some(None));
    assert_eq!(params.value("n%61me").unwrap(), "v%61lue%25%34%31");
    assert_eq!(header(&r, "content-type"), "application/sdp", "compact c");
    assert_eq!(r.body.len(), 150);
}

#[test]
fn escnull_escaped_nulls() {
    let r = request("escnull");
    assert_eq!(r.method, Method::Register);
    assert_eq!(sip_user(&r.to_addr().unwrap().uri), "null-%00-null");
    let users: Vec<_> = r
        .contacts()
        .unwrap()
        .iter()
        .map(|c| sip_user(&c.uri))
        .collect();
    assert_eq!(users, ["%00", "%00%00"]);
}

#[test]
fn esc02_percent_that_is_not_an_escape() {
    let r = request("esc02");
    assert_eq!(r.method, Method::Other("RE%47IST%45R".into()));
    assert_ne!(r.method, Method::Register);
    assert_eq!(r.to_addr().unwrap().display.unwrap(), "%Z%45");
    assert_eq!(r.contacts().unwrap().len(), 2);
    assert_eq!(header(&r, "C%6Fntact"), "<sip:alias2@host2.example.com>");
}

#[test]
fn lwsdisp_no_space_before_angle() {
    let from = request("lwsdisp").from_addr().unwrap();
    assert_eq!(from.display.unwrap(), "caller");
    assert_eq!(from.params.value("tag").unwrap(), "323");
}

#[test]
fn longreq_long_values() {
    let r = request("longreq");
    assert_eq!(r.vias().unwrap().len(), 34);
    assert!(r
        .to_addr()
        .unwrap()
        .display
        .unwrap()
        .contains("extremeextreme"));
    assert!(r.call_id().unwrap().len() > 140);
    assert!(r.from_addr().unwrap().tag().unwrap().len() > 20);
    assert_eq!(r.body.len(), 150);
}

#[test]
fn dblreq_extra_octets_discarded() {
    let r = request("dblreq");
    assert_eq!(r.method, Method::Register);
    assert_eq!(
        r.call_id().unwrap(),
        "dblreq.0ha0isndaksdj99sdfafnl3lk233412"
    );
    assert!(
        r.body.is_empty(),
        "the INVITE after Content-Length: 0 is discarded"
    );
}

#[test]
fn semiuri_semicolon_in_user() {
    let r = request("semiuri");
    let uri = r.uri.as_sip().unwrap();
    assert_eq!(uri.user.as_ref().unwrap(), "user;par=u%40example.net");
    assert_eq!(uri.host, Host::Domain("example.com".into()));
    assert!(uri.params.is_empty());
    assert_eq!(r.tokens(&HeaderName::Accept).len(), 6);
}

#[test]
fn transports_all_kinds() {
    let t: Vec<_> = request("transports")
        .vias()
        .unwrap()
        .into_iter()
        .map(|v| v.transport.to_string())
        .collect();
    assert_eq!(t, ["UDP", "SCTP", "TLS", "UNKNOWN", "TCP"]);
}

#[test]
fn mpart01_binary_body() {
    let r = request("mpart01");
    assert_eq!(r.method, Method::Message);
    assert_eq!(r.body.len(), 553);
    assert!(
        std::str::from_utf8(&r.body).is_err(),
        "the body holds binary data"
    );
}

#[test]
fn unreason_and_noreason() {
    let r = response("unreason");
    assert_eq!(r.status, 200);
    assert_eq!(r.reason, "= 2**3 * 5**2 но сто девяносто девять - простое");
    assert_eq!(r.body.len(), 154);
    let r = response("noreason");
    assert_eq!((r.status, r.reason.as_str()), (100, ""));
}

// ---- RFC 4475 §3.1.2: invalid messages ----

/// §3.1.2.11: a liberal element may ignore escaped headers in the Request-URI, as PJSIP does.
#[test]
fn escruri_headers_ignored() {
    let r = request("escruri");
    assert_eq!(r.uri.to_string(), "sip:user@example.com");
    assert_eq!(r.method, Method::Invite);
    assert_eq!(r.headers.get_all(&HeaderName::Route).count(), 0);
}

#[test]
fn invalid_requests_get_400_or_505() {
    for (name, status, reason) in [
        ("badinv01", 400, "bad Via"),
        ("clerr", 400, "Content-Length larger than body"),
        ("ncl", 400, "bad Content-Length"),
        ("scalar02", 400, "bad CSeq"),
        ("quotbal", 400, "bad To"),
        ("ltgtruri", 400, "bad Request-URI"),
        ("lwsruri", 400, "bad request line"),
        // §3.1.2.13, .14, .15: rejecting with 400 is "reasonable"; a liberal element may accept.
        ("regbadct", 400, "bad Contact"),
        ("badaspec", 400, "bad To"),
        ("baddn", 400, "bad From"),
        ("badvers", 505, "SIP version SIP/7.0"),
        ("mismatch01", 400, "CSeq method differs"),
        ("mismatch02", 400, "CSeq method differs"),
        // §3.3.1, §3.3.8, §3.3.9
        ("insuf", 400, "missing From"),
        ("multi01", 400, "multiple"),
        ("mcl01", 400, "conflicting Content-Length"),
    ] {
        let e = error("rfc4475", name);
        assert_eq!(e.status, status, "{name}: {e}");
        assert!(e.reason.starts_with(reason), "{name}: {}", e.reason);
        let head = e
            .request_head
            .unwrap_or_else(|| panic!("{name}: no request head"));
        assert!(
            head.headers.contains(&HeaderName::Via),
            "{name}: head without Via"
        );
    }
}

#[test]
fn invalid_responses_fail() {
    assert!(error("rfc4475", "scalarlg").reason.starts_with("bad CSeq"));
    assert_eq!(error("rfc4475", "bigcode").reason, "bad status code");
    assert!(error("rfc4475", "bigcode").request_head.is_none());
}

#[test]
fn leniently_accepted() {
    // §3.1.2.9 and §3.1.2.10: extra SPs in the request line may be ignored.
    assert_eq!(sip_user(&request("lwsstart").uri), "user");
    assert_eq!(request("trws").method, Method::Options);
    // §3.1.2.12: a bad Date only matters to whoever uses it.
    assert!(request("baddate")
        .headers
        .get(&HeaderName::Date)
        .unwrap()
        .ends_with("EST"));
    // §3.2.1: "a parser must not break"; the branch is just the magic cookie.
    assert_eq!(
        request("badbranch").top_via().unwrap().branch().unwrap(),
        "z9hG4bK"
    );
}

// ---- RFC 4475 §3.3 and §3.4: valid syntax, semantics for the application ----

#[test]
fn application_layer_messages_parse() {
    let r = request("unkscm");
    assert!(
        matches!(&r.uri, Uri::Other { scheme, rest } if scheme == "nobodyKnowsThisScheme" && rest == "totallyopaquecontent")
    );
    assert_eq!(request("novelsc").uri.scheme(), "soap.beep");
    let r = request("unksm2");
    assert_eq!(r.to_addr().unwrap().uri.scheme(), "isbn");
    assert_eq!(
        r.from_addr().unwrap().uri.to_string(),
        "http://www.example.com"
    );
    assert_eq!(r.contacts().unwrap()[0].uri.scheme(), "name");
    assert_eq!(
        request("bext01").tokens(&HeaderName::Require),
        ["nothingSupportsThis", "nothingSupportsThisEither"]
    );
    assert_eq!(
        request("invut")
            .headers
            .get(&HeaderName::ContentType)
            .unwrap(),
        "application/unknownformat"
    );
    assert!(request("regaut01")
        .headers
        .get(&HeaderName::Authorization)
        .unwrap()
        .starts_with("NoOneKnowsThisScheme"));
    assert_eq!(request("zeromf").number(&HeaderName::MaxForwards), Some(0));
    let c = request("cparam01").contacts().unwrap().remove(0);
    assert!(c.params.contains("unknownparam") && c.uri.as_sip().unwrap().params.is_empty());
    let c = request("cparam02").contacts().unwrap().remove(0);
    assert!(
        !c.params.contains("unknownparam")
            && c.uri.as_sip().unwrap().params.contains("unknownparam")
    );
    let c = request("regescrt").contacts().unwrap().remove(0);
    assert_eq!(
        c.uri.as_sip().unwrap().headers[0].1,
        "%3Csip:sip.example.com%3E"
    );
    assert_eq!(
        request("sdp01").headers.get(&HeaderName::Accept).unwrap(),
        "text/nobodyKnowsThis"
    );
    let vias = response("bcast").vias().unwrap();
    assert_eq!(vias[1].host.to_string(), "255.255.255.255");
}

#[test]
fn inv2543_rfc2543_invite() {
    let r = request("inv2543");
    assert_eq!(r.from_addr().unwrap().tag(), None);
    assert_eq!(r.top_via().unwrap().branch(), None);
    assert!(!r.headers.contains(&HeaderName::MaxForwards));
    assert!(r.body.starts_with(b"v=0\r\n"));
    assert!(
        r.body.ends_with(b"m=audio 49217 RTP/AVP 0\r\n"),
        "no Content-Length: the rest is the body"
    );
}

/// EXPECTED's parser-level statuses agree with the parser: every 400/505 line is a parse
/// error with that status, every other response code comes from a message that parses.
#[test]
fn expected_table_agrees_with_parser() {
    let table = std::fs::read_to_string(format!(
        "{}/tests/data/rfc4475/EXPECTED",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap();
    let mut lines = 0;
    for line in table
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
    {
        let mut parts = line.split_whitespace();
        let (file, expect) = (parts.next().unwrap(), parts.next().unwrap());
        let result = parse("rfc4475", file.trim_end_matches(".dat"));
        match expect {
            "400" | "505" => assert_eq!(result.unwrap_err().status.to_string(), expect, "{file}"),
            "drop" | "any" => {}
            _ => assert!(
                matches!(result, Ok(Message::Request(_))),
                "{file} should parse"
            ),
        }
        lines += 1;
    }
    let files =
        std::fs::read_dir(format!("{}/tests/data/rfc4475", env!("CARGO_MANIFEST_DIR"))).unwrap();
    assert_eq!(
        lines,
        files
            .filter(|f| f
                .as_ref()
                .unwrap()
                .path()
                .extension()
                .is_some_and(|e| e == "dat"))
            .count()
    );
    assert_eq!(lines, 49);
}

// ---- RFC 5118: IPv6 ----

fn v6(s: &str) -> Host {
    Host::V6(s.parse::<Ipv6Addr>().unwrap())
}

fn request5118(name: &str) -> Request {
    match parse("rfc5118", name) {
        Ok(Message::Request(r)) => r,
        other => panic!("{name}: {other:?}"),
    }
}

#[test]
fn rfc5118_ipv6_references() {
    let r = request5118("ipv6-good");
    let uri = r.uri.as_sip().unwrap();
    assert_eq!((&uri.host, uri.port), (&v6("2001:db8::10"), None));
    assert_eq!(r.top_via().unwrap().host, v6("2001:db8::9:1"));
    assert_eq!(
        r.contacts().unwrap()[0].uri.as_sip().unwrap().host,
        v6("2001:db8::1")
    );
    // §4.3: well-formed, but the port is part of the address.
    let uri = request5118("port-ambiguous").uri;
    assert_eq!(
        (&uri.as_sip().unwrap().host, uri.as_sip().unwrap().port),
        (&v6("2001:db8::10:5070"), None)
    );
    let uri = request5118("port-unambiguous").uri;
    assert_eq!(
        (&uri.as_sip().unwrap().host, uri.as_sip().unwrap().port),
        (&v6("2001:db8::10"), Some(5070))
    );
    // §4.5: received with and without brackets.
    let via = request5118("via-received-param-with-delim")
        .top_via()
        .unwrap();
    assert_eq!(via.received().unwrap(), "[2001:db8::9:255]");
    let via = request5118("via-received-param-no-delim")
        .top_via()
        .unwrap();
    assert_eq!(
        via.received().unwrap().parse::<Ipv6Addr>().unwrap(),
        "2001:db8::9:255".parse::<Ipv6Addr>().unwrap()
    );
    let r = request5118("ipv6-in-sdp");
    assert_eq!(r.body.len(), 251);
    assert!(r.body.windows(20).any(|w| w == b"c=IN IP6 2001:db8::2"));
    let vias = request5118("mult-ip-in-header").vias().unwrap();
    assert_eq!(
        (&vias[0].host, vias[0].port),
        (&v6("2001:db8::9:1"), Some(6050))
    );
    assert_eq!(vias[1].host.to_string(), "192.0.2.1");
    assert_eq!(
        (&vias[2].host, vias[2].transport.as_str()),
        (&v6("2001:db8::9:255"), "TCP")
    );
    assert_eq!(vias[2].received().unwrap(), "192.0.2.200");
    assert_eq!(request5118("mult-ip-in-sdp").body.len(), 189);
    let r = request5118("ipv4-mapped-ipv6");
    let vias = r.vias().unwrap();
    assert_eq!(
        (&vias[0].host, vias[0].port),
        (&v6("::ffff:192.0.2.10"), Some(19823))
    );
    assert_eq!(
        r.contacts().unwrap()[0].uri.as_sip().unwrap().host,
        v6("::ffff:192.0.2.2")
    );
    let r = request5118("ipv6-correct-abnf-2-colons");
    assert_eq!(r.uri.as_sip().unwrap().host, v6("2001:db8::c000:201"));
}

#[test]
fn rfc5118_invalid() {
    // §4.2: an IPv6 address without brackets -> 400.
    let e = error("rfc5118", "ipv6-bad");
    assert_eq!(e.status, 400);
    assert!(e.reason.starts_with("bad Request-URI"));
    // §4.10: three colons is invalid; the RFC lets an element either be robust or reject.
    // We reject: std's address parser refuses it and a proxy must not forward it anyway.
    assert_eq!(error("rfc5118", "ipv6-bug-abnf-3-colons").status, 400);
}

// ---- Round trip ----

#[test]
fn every_parsed_message_round_trips() {
    let mut parsed = 0;
    for dir in ["rfc4475", "rfc5118"] {
        let path = format!("{}/tests/data/{dir}", env!("CARGO_MANIFEST_DIR"));
        for entry in std::fs::read_dir(path).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_none_or(|e| e != "dat") {
                continue;
            }
            let Ok(first) = parse_message(Bytes::from(std::fs::read(&path).unwrap())) else {
                continue;
            };
            let again = parse_message(first.to_bytes()).unwrap_or_else(|e| panic!("{path:?}: {e}"));
            assert_eq!(again, first, "{path:?}");
            parsed += 1;
        }
    }
    assert_eq!(parsed, 31 + 10);
}
