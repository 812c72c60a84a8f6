//! Fuzz target: any bytes through the RTP, RTCP and telephone-event parsers; what parses
//! must write and re-parse to an equal value. The bytes are then cut into datagrams that
//! drive an RtpSession, a JitterBuffer and a DtmfReceiver in simulated time, as a media
//! stream would on an rtcp-mux port: nothing may panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use pjsua2rs::rng::Rng;
use pjsua2rs::rtp::rtcp::ReportBlock;
use pjsua2rs::rtp::{
    is_rtcp, DtmfReceiver, JbConfig, JitterBuffer, RtcpCompound, RtcpPacket, RtpPacket, RtpSession,
    RtpSessionConfig, RtpVerdict, TelephoneEvent,
};
use std::net::SocketAddr;
use std::time::{Duration, Instant, UNIX_EPOCH};

/// An RTCP packet with its iterators collected, to compare packets whose encodings may
/// differ only in padding.
#[derive(Debug, PartialEq)]
enum Owned {
    Sr(u32, pjsua2rs::rtp::rtcp::SenderInfo, Vec<ReportBlock>),
    Rr(u32, Vec<ReportBlock>),
    Sdes(Vec<(u32, Vec<(u8, Vec<u8>)>)>),
    Bye(Vec<u32>, Option<Vec<u8>>),
    Other(u8, u8, Vec<u8>),
}

fn owned(p: RtcpPacket) -> Owned {
    match p {
        RtcpPacket::SenderReport {
            ssrc,
            info,
            reports,
        } => Owned::Sr(ssrc, info, reports.collect()),
        RtcpPacket::ReceiverReport { ssrc, reports } => Owned::Rr(ssrc, reports.collect()),
        RtcpPacket::SourceDescription(chunks) => Owned::Sdes(
            chunks
                .map(|c| {
                    (
                        c.ssrc,
                        c.items.map(|i| (i.kind, i.value.to_vec())).collect(),
                    )
                })
                .collect(),
        ),
        RtcpPacket::Bye { sources, reason } => {
            Owned::Bye(sources.collect(), reason.map(<[u8]>::to_vec))
        }
        RtcpPacket::Other {
            packet_type,
            count,
            body,
        } => Owned::Other(packet_type, count, body.to_vec()),
    }
}

fn round_trips(data: &[u8]) {
    if let Ok(p) = RtpPacket::parse(data) {
        let mut out = Vec::new();
        p.write(&mut out).expect("a parsed RTP packet must write");
        assert_eq!(out.len(), data.len(), "RTP length changed");
        assert_eq!(
            RtpPacket::parse(&out),
            Ok(p),
            "RTP round trip changed the packet"
        );
    }
    if let Ok(c) = RtcpCompound::parse(data) {
        let mut out = Vec::new();
        for p in c.packets() {
            p.write(&mut out).expect("a parsed RTCP packet must write");
        }
        let again = RtcpCompound::parse(&out).expect("a written compound must parse");
        let before: Vec<_> = c.packets().map(owned).collect();
        let after: Vec<_> = again.packets().map(owned).collect();
        assert_eq!(before, after, "RTCP round trip changed the compound");
    }
    if let Ok(ev) = TelephoneEvent::parse(data) {
        assert_eq!(TelephoneEvent::parse(&ev.to_bytes()), Ok(ev));
    }
}

fuzz_target!(|data: &[u8]| {
    round_trips(data);

    // Datagrams: [time step in ms][length][bytes...], repeated.
    let t0 = Instant::now();
    let from = SocketAddr::from(([192, 0, 2, 9], 4000));
    let mut cfg = RtpSessionConfig::new(8000);
    cfg.rtp_timeout = Some(Duration::from_secs(2));
    cfg.probation = 1;
    let mut session = RtpSession::new(t0, UNIX_EPOCH, cfg, &mut Rng::from_seed(1));
    let mut jb = JitterBuffer::new(JbConfig {
        frames_per_packet: 2,
        ..JbConfig::new(8000, 20)
    });
    let mut dtmf = DtmfReceiver::new(8000, Duration::from_millis(300));
    let mut now = t0;
    let mut rest = data;
    let mut out = Vec::new();
    while rest.len() >= 2 {
        now += Duration::from_millis(rest[0] as u64 * 4);
        let len = (rest[1] as usize).min(rest.len() - 2);
        let datagram = &rest[2..2 + len];
        rest = &rest[2 + len..];
        if is_rtcp(datagram) {
            let _ = session.handle_rtcp(now, from, datagram);
        } else if let Ok(p) = RtpPacket::parse(datagram) {
            let verdict = session.handle_rtp(now, from, &p);
            if matches!(verdict, RtpVerdict::NewSource) {
                jb.reset();
                dtmf.reset();
            }
            if matches!(verdict, RtpVerdict::Accept | RtpVerdict::NewSource) {
                if p.payload_type == 101 {
                    let _ = dtmf.handle(now, p.timestamp, p.payload);
                } else {
                    jb.put(now, p.sequence, p.timestamp, p.payload, p.marker);
                }
            }
        }
        session
            .write_rtp(
                now,
                0,
                false,
                (now - t0).as_millis() as u32 * 8,
                &[0; 160],
                &mut out,
            )
            .ok();
        while let Some(at) = session.poll_timeout().filter(|&at| at <= now) {
            session.handle_timeout(at);
        }
        while session.poll_rtcp().is_some() {}
        while session.poll_event().is_some() {}
        if let Some(at) = dtmf.poll_timeout().filter(|&at| at <= now) {
            dtmf.handle_timeout(at);
        }
        while dtmf.poll_digit().is_some() {}
        let _ = jb.get(now);
        let _ = jb.state();
        let _ = session.stats();
    }
    session.close(now, Some("bye"));
    let bye = session.poll_rtcp().expect("close queues a BYE");
    RtcpCompound::parse(&bye).expect("our BYE must parse");
});
