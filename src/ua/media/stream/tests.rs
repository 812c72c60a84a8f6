//! A stream against a peer socket on loopback, driven frame by frame: symmetric RTP
//! latching, and what a stream sends.

use super::*;
use crate::rtp::RtpPacket;
use crate::sdp::{Direction, NegotiatedCodec};
use crate::ua::config::MediaConfig;
use std::net::{IpAddr, UdpSocket};

fn pcmu() -> NegotiatedCodec {
    NegotiatedCodec {
        encoding: "PCMU".into(),
        clock_rate: 8000,
        channels: 1,
        local_payload_type: 0,
        remote_payload_type: 0,
        local_fmtp: None,
        remote_fmtp: None,
    }
}

/// A stream that believes the peer is at `remote`, and its RTP port.
fn stream_to(remote: SocketAddr) -> (AudioStream, SocketAddr) {
    stream_with_events(remote, Box::new(|_| {}))
}

/// Like [`stream_to`], with its events going to `on_event`.
fn stream_with_events(remote: SocketAddr, on_event: StreamEventSink) -> (AudioStream, SocketAddr) {
    let engine = MediaEngine::new(&MediaConfig::default()).unwrap();
    let sockets = RtpTransport::bind(IpAddr::from([127, 0, 0, 1]), 0, 0).unwrap();
    let local = SocketAddr::new(IpAddr::from([127, 0, 0, 1]), sockets.port());
    let setup = StreamSetup {
        codec: pcmu(),
        telephone_event: None,
        remote_rtp: remote,
        remote_rtcp: SocketAddr::new(remote.ip(), remote.port() + 1),
        rtcp_mux: false,
        ptime: None,
        direction: Direction::SendRecv,
        proto: PJSUA2RS_TP_PROTO_RTP_AVP,
    };
    let mut rng = Rng::from_seed(7);
    let stream = AudioStream::new(1, setup, sockets, &engine, &mut rng, on_event).unwrap();
    (stream, local)
}

fn rtp(seq: u16) -> Vec<u8> {
    let payload = [0xffu8; 160];
    let mut out = Vec::new();
    RtpPacket::new(0, seq, seq as u32 * 160, 0x1234, &payload)
        .write(&mut out)
        .unwrap();
    out
}

/// Runs one frame: receive, then send one frame of silence.
fn frame(s: &mut AudioStream) {
    let mut out = vec![0i16; 320];
    let now = Instant::now();
    s.get_frame(now, &mut out);
    s.put_frame(now, None);
}

fn received(sock: &UdpSocket) -> usize {
    let mut buf = [0u8; 2048];
    let mut n = 0;
    while sock.recv_from(&mut buf).is_ok() {
        n += 1;
    }
    n
}

#[test]
fn the_stream_latches_onto_a_peer_that_sends_from_elsewhere() {
    // The SDP said `sdp_addr`; the peer really sends from `nat`.
    let sdp_addr = UdpSocket::bind("127.0.0.1:0").unwrap();
    let nat = UdpSocket::bind("127.0.0.1:0").unwrap();
    for s in [&sdp_addr, &nat] {
        s.set_read_timeout(Some(Duration::from_millis(50))).unwrap();
    }
    let (mut stream, local) = stream_to(sdp_addr.local_addr().unwrap());
    frame(&mut stream);
    assert_eq!(received(&sdp_addr), 1, "first to the SDP's address");
    // The first packet of a new source is on probation (RFC 3550 A.1); then two valid
    // packets from elsewhere are not enough, three in a row are.
    for seq in 0..3 {
        nat.send_to(&rtp(seq), local).unwrap();
    }
    std::thread::sleep(Duration::from_millis(20));
    frame(&mut stream);
    assert_eq!((received(&sdp_addr), received(&nat)), (1, 0));
    nat.send_to(&rtp(3), local).unwrap();
    std::thread::sleep(Duration::from_millis(20));
    frame(&mut stream);
    assert_eq!((received(&sdp_addr), received(&nat)), (0, 1), "latched");
    assert_eq!(
        stream.info().remote_rtp_address,
        nat.local_addr().unwrap().to_string()
    );
}

#[test]
fn a_stray_source_does_not_take_the_stream_over() {
    let peer = UdpSocket::bind("127.0.0.1:0").unwrap();
    let stray = UdpSocket::bind("127.0.0.1:0").unwrap();
    for s in [&peer, &stray] {
        s.set_read_timeout(Some(Duration::from_millis(50))).unwrap();
    }
    let (mut stream, local) = stream_to(peer.local_addr().unwrap());
    // Packets alternate between the real peer and a stray source: no three in a row.
    for seq in 0..8 {
        let from = if seq % 2 == 0 { &peer } else { &stray };
        from.send_to(&rtp(seq), local).unwrap();
    }
    std::thread::sleep(Duration::from_millis(20));
    frame(&mut stream);
    assert_eq!((received(&peer), received(&stray)), (1, 0));
}

#[test]
fn a_silent_peer_is_reported_once_after_the_rtp_timeout() {
    let peer = UdpSocket::bind("127.0.0.1:0").unwrap();
    let events = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
    let seen = events.clone();
    let (mut stream, _) = stream_with_events(
        peer.local_addr().unwrap(),
        Box::new(move |e| seen.lock().unwrap().push(e)),
    );
    let t0 = Instant::now();
    let mut out = vec![0i16; 320];
    for secs in [1, 9, 11, 15] {
        stream.get_frame(t0 + Duration::from_secs(secs), &mut out);
    }
    let events = events.lock().unwrap();
    assert_eq!(events.len(), 1, "{events:?}");
    assert!(
        matches!(events[0], StreamEvent::RtpTimeout { silent_for } if silent_for >= RTP_TIMEOUT)
    );
}
