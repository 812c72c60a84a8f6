//! Tests of the SDP parser and writer: every line type, the tolerances, the errors with
//! their line numbers, the writer's order and CRLF, and parse → write → parse.

use super::*;

fn parse(s: &str) -> SessionDescription {
    match SessionDescription::parse(s.as_bytes()) {
        Ok(sdp) => sdp,
        Err(e) => panic!("{e}\n{s}"),
    }
}

fn error(s: &str) -> SdpError {
    match SessionDescription::parse(s.as_bytes()) {
        Ok(sdp) => panic!("parsed: {sdp:?}"),
        Err(e) => e,
    }
}

fn round_trip(sdp: &SessionDescription) {
    let text = sdp.to_string();
    assert!(
        !text.replace("\r\n", "").contains('\n'),
        "CRLF only:\n{text}"
    );
    assert!(text.ends_with("\r\n"));
    assert_eq!(&parse(&text), sdp, "round trip of\n{text}");
}

/// RFC 8866 §5's example, with the fields RFC 4566 §5 adds (r=, z=, b=, k=, multicast).
const FULL: &str = "v=0\r\n\
o=jdoe 3724394400 3724394405 IN IP4 198.51.100.1\r\n\
s=Call to John Smith\r\n\
i=SDP Offer #1\r\n\
u=http://www.jdoe.example.com/home.html\r\n\
e=Jane Doe <jane@jdoe.example.com>\r\n\
p=+1 617 555-6011\r\n\
c=IN IP4 233.252.0.1/127/3\r\n\
b=CT:128\r\n\
t=2873397496 2873404696\r\n\
r=604800 3600 0 90000\r\n\
t=0 0\r\n\
z=2882844526 -1h 2898848070 0\r\n\
k=prompt\r\n\
a=recvonly\r\n\
m=audio 49170 RTP/AVP 0\r\n\
m=audio 49180/2 RTP/AVP 0\r\n\
i=second audio\r\n\
b=AS:64\r\n\
k=clear:secret\r\n\
m=video 51372 RTP/AVP 99\r\n\
c=IN IP6 2001:db8::2\r\n\
c=IN IP6 ff15::101/3\r\n\
a=rtpmap:99 h263-1998/90000\r\n";

#[test]
fn every_line_type() {
    let sdp = parse(FULL);
    assert_eq!(sdp.version, 0);
    let o = &sdp.origin;
    assert_eq!(
        (o.username.as_str(), o.session_id, o.session_version),
        ("jdoe", 3724394400, 3724394405)
    );
    assert_eq!(
        (
            o.net_type.as_str(),
            o.addr_type.as_str(),
            o.address.as_str()
        ),
        ("IN", "IP4", "198.51.100.1")
    );
    assert_eq!(sdp.session_name, "Call to John Smith");
    assert_eq!(sdp.information.as_deref(), Some("SDP Offer #1"));
    assert_eq!(
        sdp.uri.as_deref(),
        Some("http://www.jdoe.example.com/home.html")
    );
    assert_eq!(sdp.emails, vec!["Jane Doe <jane@jdoe.example.com>"]);
    assert_eq!(sdp.phones, vec!["+1 617 555-6011"]);
    let c = sdp.connection.clone();
    assert_eq!(
        c.as_ref().map(|c| (c.address.as_str(), c.ttl, c.count)),
        Some(("233.252.0.1", Some(127), Some(3)))
    );
    assert_eq!(
        sdp.bandwidths,
        vec![Bandwidth {
            kind: "CT".into(),
            value: 128
        }]
    );
    assert_eq!(sdp.times.len(), 2);
    assert_eq!(
        (sdp.times[0].start, sdp.times[0].stop),
        (2873397496, 2873404696)
    );
    assert_eq!(sdp.times[0].repeats, vec!["604800 3600 0 90000"]);
    assert_eq!(
        sdp.time_zones.as_deref(),
        Some("2882844526 -1h 2898848070 0")
    );
    assert_eq!(sdp.key.as_deref(), Some("prompt"));
    assert_eq!(sdp.attributes.direction(), Some(Direction::RecvOnly));
    assert_eq!(sdp.media.len(), 3);
    let a2 = &sdp.media[1];
    assert_eq!((a2.port, a2.port_count), (49180, Some(2)));
    assert_eq!(a2.information.as_deref(), Some("second audio"));
    assert_eq!(
        a2.bandwidths,
        vec![Bandwidth {
            kind: "AS".into(),
            value: 64
        }]
    );
    assert_eq!(a2.key.as_deref(), Some("clear:secret"));
    let v = &sdp.media[2];
    assert_eq!(
        (v.media.as_str(), v.proto.as_str(), v.formats.clone()),
        ("video", "RTP/AVP", vec!["99".to_string()])
    );
    assert_eq!(v.connections.len(), 2);
    assert_eq!(
        (
            v.connections[0].addr_type.as_str(),
            v.connections[0].address.as_str()
        ),
        ("IP6", "2001:db8::2")
    );
    assert_eq!(
        (
            v.connections[1].address.as_str(),
            v.connections[1].ttl,
            v.connections[1].count
        ),
        ("ff15::101", None, Some(3))
    );
    assert_eq!(
        sdp.connection_for(v).map(|c| c.addr_type.as_str()),
        Some("IP6")
    );
    assert_eq!(
        sdp.direction_for(v),
        Direction::RecvOnly,
        "the session's direction applies"
    );
    assert_eq!(
        v.rtpmap_for("99").map(|m| m.encoding),
        Some("h263-1998".to_string())
    );
    assert_eq!(sdp.to_string(), FULL, "already in the writer's order");
    round_trip(&sdp);
}

#[test]
fn tolerances() {
    // LF only, trailing blanks, blank lines, lines out of order, no s=, no t=.
    let sdp = parse("v=0\no=- 1 2 IN IP4 10.0.0.1 \n\nc=IN IP4 10.0.0.1\t\na=X-nat:0\nb=AS:84\nm=audio 4000 RTP/AVP 0 \r\na=sendrecv  \r\n\r\n");
    assert_eq!(sdp.session_name, "");
    assert_eq!(sdp.times.len(), 1);
    assert_eq!((sdp.times[0].start, sdp.times[0].stop), (0, 0));
    assert_eq!(sdp.media[0].formats, vec!["0"]);
    assert_eq!(
        sdp.media[0].attributes.direction(),
        Some(Direction::SendRecv)
    );
    let text = sdp.to_string();
    assert_eq!(
        text,
        "v=0\r\no=- 1 2 IN IP4 10.0.0.1\r\ns= \r\nc=IN IP4 10.0.0.1\r\nb=AS:84\r\nt=0 0\r\na=X-nat:0\r\n\
         m=audio 4000 RTP/AVP 0\r\na=sendrecv\r\n"
    );
    round_trip(&sdp);
}

#[test]
fn a_username_with_spaces_and_an_m_line_without_formats() {
    let sdp = parse(
        "v=0\r\no=Cisco SIP GW 1 2 IN IP4 10.0.0.1\r\ns=-\r\nt=0 0\r\nm=application 0 UDP/BFCP\r\n",
    );
    assert_eq!(sdp.origin.username, "Cisco SIP GW");
    assert_eq!(sdp.origin.session_id, 1);
    assert!(sdp.media[0].formats.is_empty());
    round_trip(&sdp);
}

#[test]
fn unknown_lines_and_attributes_are_kept() {
    let sdp = parse("v=0\r\no=- 1 1 IN IP4 h\r\ns=-\r\nx=session extra\r\nt=0 0\r\na=foo:bar:baz\r\na=flag\r\na=empty:\r\nm=audio 1 RTP/AVP 0\r\ny=media extra\r\na=quality:10\r\n");
    assert_eq!(
        sdp.extra_lines,
        vec![ExtraLine {
            kind: 'x',
            value: "session extra".into()
        }]
    );
    assert_eq!(sdp.attributes.value_of("foo"), Some("bar:baz"));
    assert!(sdp
        .attributes
        .find("flag")
        .is_some_and(|a| a.value.is_none()));
    assert_eq!(sdp.attributes.value_of("empty"), Some(""));
    assert_eq!(
        sdp.media[0].extra_lines,
        vec![ExtraLine {
            kind: 'y',
            value: "media extra".into()
        }]
    );
    assert_eq!(sdp.media[0].attributes.value_of("quality"), Some("10"));
    let text = sdp.to_string();
    assert!(
        text.contains("t=0 0\r\nx=session extra\r\na=foo:bar:baz\r\n"),
        "{text}"
    );
    assert!(text.contains("y=media extra\r\na=quality:10\r\n"), "{text}");
    round_trip(&sdp);
}

#[test]
fn ipv6_and_rfc2543_hold_addresses() {
    let v6 = parse("v=0\r\no=- 5 5 IN IP6 2001:db8::1\r\ns=-\r\nc=IN IP6 2001:db8::1\r\nt=0 0\r\nm=audio 5004 RTP/AVP 0\r\n");
    let c = v6.connection.clone();
    assert_eq!(
        c.as_ref()
            .and_then(|c| c.ip())
            .map(|ip| ip.to_string())
            .as_deref(),
        Some("2001:db8::1")
    );
    assert!(!c.is_some_and(|c| c.is_unspecified()));
    round_trip(&v6);
    let hold = parse("v=0\r\no=- 5 6 IN IP4 192.0.2.1\r\ns=-\r\nc=IN IP4 0.0.0.0\r\nt=0 0\r\nm=audio 5004 RTP/AVP 0\r\n");
    assert!(hold
        .connection_for(&hold.media[0])
        .is_some_and(|c| c.is_unspecified()));
    round_trip(&hold);
}

#[test]
fn numbers_are_normalised() {
    let sdp = parse("v=00\r\no=- 007 0 IN IP4 h\r\ns=-\r\nc=IN IP4 h/064\r\nb=AS: 64\r\nt=0 0\r\nm=audio 0049170 RTP/AVP 0\r\n");
    assert_eq!(sdp.origin.session_id, 7);
    assert_eq!(sdp.media[0].port, 49170);
    assert!(sdp.to_string().contains("c=IN IP4 h/64\r\nb=AS:64\r\n"));
    round_trip(&sdp);
}

#[test]
fn errors_name_the_line() {
    let head = "v=0\r\no=- 1 1 IN IP4 h\r\ns=-\r\nt=0 0\r\n";
    let cases: &[(&str, usize, &str)] = &[
        ("o=- 1 1 IN IP4 h\r\n", 1, "first line must be v="),
        ("v=0\r\n\r\nhello\r\n", 3, "expected <type>=<value>"),
        ("v=0\r\n a=x\r\n", 2, "expected <type>=<value>"),
        ("v=0\r\n1=x\r\n", 2, "expected <type>=<value>"),
        ("v=x\r\n", 1, "v= is not a number"),
        ("v=0\r\nv=0\r\n", 2, "a second v= line"),
        ("v=0\r\no=- 1 1 IN IP4\r\n", 2, "six fields"),
        ("v=0\r\no=- x 1 IN IP4 h\r\n", 2, "session id"),
        ("v=0\r\no=- 1 +1 IN IP4 h\r\n", 2, "session version"),
        (
            "v=0\r\no=- 1 99999999999999999999 IN IP4 h\r\n",
            2,
            "session version",
        ),
        ("v=0\r\nc=IN IP4 h\r\n", 2, "before o="),
        ("v=0\r\ns=-\r\n", 0, "no o= line"),
        (
            "v=0\r\no=- 1 1 IN IP4 h\r\no=- 1 1 IN IP4 h\r\n",
            3,
            "a second o=",
        ),
        (
            "v=0\r\no=- 1 1 IN IP4 h\r\ns=a\r\ns=b\r\n",
            4,
            "a second s=",
        ),
        ("c=IN IP4\r\n", 5, "c= needs"),
        ("c=IN IP4 h/x\r\n", 5, "TTL"),
        ("c=IN IP4 h/1/2/3\r\n", 5, "too many"),
        ("c=IN IP4 h/256\r\n", 5, "TTL"),
        ("c=IN IP6 ::1/1/2\r\n", 5, "too many"),
        ("c=IN IP4 /1\r\n", 5, "empty address"),
        ("c=IN IP4 h\r\nc=IN IP4 h\r\n", 6, "second session-level c="),
        ("b=AS\r\n", 5, "b= needs"),
        ("b=AS:x\r\n", 5, "bandwidth"),
        ("t=0\r\n", 5, "t= needs"),
        ("i=a\r\ni=b\r\n", 6, "a second i="),
        ("a=\r\n", 5, "without a name"),
        ("a=:x\r\n", 5, "without a name"),
        ("m=audio\r\n", 5, "m= needs"),
        ("m=audio 70000 RTP/AVP 0\r\n", 5, "m= port"),
        ("m=audio 1/ RTP/AVP 0\r\n", 5, "port count"),
        (
            "m=audio 1 RTP/AVP 0\r\nt=0 0\r\n",
            6,
            "not allowed in a media description",
        ),
        (
            "m=audio 1 RTP/AVP 0\r\ns=x\r\n",
            6,
            "not allowed in a media description",
        ),
        ("m=audio 1 RTP/AVP 0\r\nk=a\r\nk=b\r\n", 7, "a second k="),
        ("a=x\0y\r\n", 5, "control character"),
        ("a=x\ry\r\n", 5, "control character"),
    ];
    for (tail, line, reason) in cases {
        let input = if tail.starts_with("v=") || tail.starts_with("o=") {
            tail.to_string()
        } else {
            format!("{head}{tail}")
        };
        let e = error(&input);
        assert_eq!(e.line, *line, "{input:?}: {e}");
        assert!(e.reason.contains(reason), "{input:?}: {e}");
    }
    assert_eq!(error("").line, 0);
    assert_eq!(error("\r\n\r\n").reason, "empty description");
    let bytes = b"v=0\r\no=- 1 1 IN IP4 h\r\ns=\xff\xfe\r\n";
    let e = SessionDescription::parse(bytes).err();
    assert_eq!(
        e.map(|e| (e.line, e.reason)),
        Some((3, "not UTF-8".to_string()))
    );
    assert_eq!(
        error("v=0\r\nr=1\r\n").to_string(),
        "invalid SDP at line 2: r= before o=",
        "r= is checked after o="
    );
    assert_eq!(
        error("v=0\r\no=- 1 1 IN IP4 h\r\nr=1\r\n").reason,
        "r= before any t="
    );
}

#[test]
fn the_writer_puts_lines_in_rfc_order() {
    let sdp = parse(
        "v=0\r\no=- 1 1 IN IP4 h\r\na=tool:x\r\nt=0 0\r\nk=clear:k\r\nz=0 -1h\r\nb=AS:1\r\nc=IN IP4 h\r\np=+1\r\ne=a@b\r\nu=http://x\r\ni=info\r\ns=name\r\n\
         m=audio 1 RTP/AVP 0\r\na=sendonly\r\nk=prompt\r\nb=AS:2\r\nc=IN IP4 m\r\ni=media\r\n",
    );
    let text = sdp.to_string();
    let kinds: String = text.lines().filter_map(|l| l.chars().next()).collect();
    assert_eq!(kinds, "vosiuepcbtzkamicbka");
    round_trip(&sdp);
}

#[test]
fn from_str_and_error_display() {
    let sdp: Result<SessionDescription, _> = "v=0\r\no=- 1 1 IN IP4 h\r\ns=-\r\nt=0 0\r\n".parse();
    assert!(sdp.is_ok_and(|s| s.media.is_empty()));
    let e: Result<SessionDescription, SdpError> = "x=1".parse();
    assert_eq!(
        e.err().map(|e| e.to_string()),
        Some("invalid SDP at line 1: the first line must be v=".to_string())
    );
    assert_eq!(error("").to_string(), "invalid SDP: empty description");
}
