//! Parser and writer benchmarks: a typical INVITE with SDP, a REGISTER, a 200 OK, the
//! RFC 4475 wsinv torture message, and writing the INVITE back.

use bytes::Bytes;
use criterion::{black_box, criterion_group, criterion_main, Criterion, Throughput};
use pjsua2rs::sip::parse::parse_message;

const INVITE: &str = "INVITE sip:bob@biloxi.example.com SIP/2.0\r\n\
Via: SIP/2.0/UDP pc33.atlanta.example.com:5060;rport;branch=z9hG4bK776asdhds\r\n\
Max-Forwards: 70\r\n\
To: \"Bob\" <sip:bob@biloxi.example.com>\r\n\
From: \"Alice\" <sip:alice@atlanta.example.com>;tag=1928301774\r\n\
Call-ID: a84b4c76e66710@pc33.atlanta.example.com\r\n\
CSeq: 314159 INVITE\r\n\
Contact: <sip:alice@pc33.atlanta.example.com:5060;transport=udp>\r\n\
Allow: INVITE, ACK, CANCEL, BYE, OPTIONS, INFO, UPDATE, PRACK, REFER, NOTIFY, MESSAGE\r\n\
Supported: replaces, timer, 100rel\r\n\
User-Agent: pjsua2rs-bench/0.1\r\n\
Content-Type: application/sdp\r\n\
Content-Length: 224\r\n\
\r\n\
v=0\r\n\
o=alice 2890844526 2890844526 IN IP4 pc33.atlanta.example.com\r\n\
s=-\r\n\
c=IN IP4 192.0.2.101\r\n\
t=0 0\r\n\
m=audio 49172 RTP/AVP 0 8 101\r\n\
a=rtpmap:0 PCMU/8000\r\n\
a=rtpmap:8 PCMA/8000\r\n\
a=rtpmap:101 telephone-event/8000\r\n\
a=sendrecv\r\n";

const REGISTER: &str = "REGISTER sip:registrar.biloxi.example.com SIP/2.0\r\n\
Via: SIP/2.0/UDP bobspc.biloxi.example.com:5060;rport;branch=z9hG4bKnashds7\r\n\
Max-Forwards: 70\r\n\
To: Bob <sip:bob@biloxi.example.com>\r\n\
From: Bob <sip:bob@biloxi.example.com>;tag=456248\r\n\
Call-ID: 843817637684230@998sdasdh09\r\n\
CSeq: 1826 REGISTER\r\n\
Contact: <sip:bob@192.0.2.4:5060>;expires=7200\r\n\
Expires: 7200\r\n\
Content-Length: 0\r\n\r\n";

const OK: &str = "SIP/2.0 200 OK\r\n\
Via: SIP/2.0/UDP pc33.atlanta.example.com:5060;rport=5060;received=192.0.2.101;branch=z9hG4bK776asdhds\r\n\
To: \"Bob\" <sip:bob@biloxi.example.com>;tag=a6c85cf\r\n\
From: \"Alice\" <sip:alice@atlanta.example.com>;tag=1928301774\r\n\
Call-ID: a84b4c76e66710@pc33.atlanta.example.com\r\n\
CSeq: 314159 INVITE\r\n\
Contact: <sip:bob@192.0.2.4:5060>\r\n\
Content-Length: 0\r\n\r\n";

fn bench(c: &mut Criterion) {
    let wsinv = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/data/rfc4475/wsinv.dat"
    ))
    .expect("wsinv.dat");
    let cases = [
        (
            "parse INVITE+SDP",
            Bytes::copy_from_slice(INVITE.as_bytes()),
        ),
        (
            "parse REGISTER",
            Bytes::copy_from_slice(REGISTER.as_bytes()),
        ),
        ("parse 200 OK", Bytes::copy_from_slice(OK.as_bytes())),
        ("parse RFC 4475 wsinv", Bytes::from(wsinv)),
    ];
    // Heap buffers, as a received datagram is: slicing them costs a reference count.
    let mut group = c.benchmark_group("sip");
    group.throughput(Throughput::Elements(1));
    for (name, data) in &cases {
        let parsed = parse_message(data.clone());
        assert!(parsed.is_ok(), "{name}: {parsed:?}");
        group.bench_function(*name, |b| b.iter(|| parse_message(black_box(data.clone()))));
    }
    let invite = parse_message(Bytes::from_static(INVITE.as_bytes())).expect("INVITE");
    group.bench_function("write INVITE+SDP", |b| {
        b.iter(|| black_box(&invite).to_bytes())
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
