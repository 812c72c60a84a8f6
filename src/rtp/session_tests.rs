//! Tests of `RtpSession` in simulated time: numbering, source validation and SSRC
//! changes, the RFC 3550 Appendix A statistics against hand-computed values, RTT from
//! LSR/DLSR, the RTCP schedule, the RTP timeout and BYE.

use super::*;
use crate::rtp::rtcp::{write_rr, ReportBlock, RtcpCompound, RtcpError, RtcpPacket};
use std::time::UNIX_EPOCH;

fn wall() -> SystemTime {
    UNIX_EPOCH + Duration::from_secs(1_700_000_000)
}

fn addr(port: u16) -> SocketAddr {
    SocketAddr::from(([192, 0, 2, 1], port))
}

fn session(now: Instant, seed: u64, probation: u16) -> RtpSession {
    let mut cfg = RtpSessionConfig::new(8000);
    cfg.probation = probation;
    RtpSession::new(now, wall(), cfg, &mut Rng::from_seed(seed))
}

fn feed(s: &mut RtpSession, now: Instant, ssrc: u32, seq: u16, ts: u32) -> RtpVerdict {
    let payload = [0u8; 160];
    let p = RtpPacket::new(0, seq, ts, ssrc, &payload);
    s.handle_rtp(now, addr(4000), &p)
}

/// Runs the session's timers up to `until`, collecting the RTCP it sends.
fn run_until(s: &mut RtpSession, until: Instant) -> Vec<(Instant, Vec<u8>)> {
    let mut sent = Vec::new();
    while let Some(at) = s.poll_timeout().filter(|&at| at <= until) {
        s.handle_timeout(at);
        while let Some(p) = s.poll_rtcp() {
            sent.push((at, p));
        }
    }
    sent
}

#[test]
fn sending_numbers_packets_from_a_seeded_start() {
    let t0 = Instant::now();
    let mut s = session(t0, 7, 2);
    let same = session(t0, 7, 2);
    let other = session(t0, 8, 2);
    assert_eq!(s.ssrc(), same.ssrc());
    assert_ne!(s.ssrc(), other.ssrc());
    assert_eq!(s.cname(), same.cname());
    assert_eq!(s.cname().len(), 16);
    let mut out = Vec::new();
    let mut first = None;
    for i in 0..3u32 {
        s.write_rtp(
            t0 + Duration::from_millis(20 * i as u64),
            0,
            i == 0,
            160 * i,
            &[1; 160],
            &mut out,
        )
        .unwrap();
        let p = RtpPacket::parse(&out).unwrap();
        let (seq0, ts0) = *first.get_or_insert((p.sequence, p.timestamp));
        assert_eq!(p.ssrc, s.ssrc());
        assert_eq!(p.sequence, seq0.wrapping_add(i as u16));
        assert_eq!(p.timestamp, ts0.wrapping_add(160 * i));
        assert_eq!(p.marker, i == 0);
    }
    let (seq0, ts0) = first.unwrap();
    let st = s.stats();
    assert_eq!((st.tx_stat.pkt, st.tx_stat.bytes), (3, 480));
    assert_eq!(st.rtp_tx_last_seq, seq0.wrapping_add(2));
    assert_eq!(st.rtp_tx_last_ts, ts0.wrapping_add(320));
    assert_eq!(st.start, wall());
    assert_eq!(
        s.write_rtp(t0, 200, false, 0, &[], &mut out),
        Err(RtpError::BadPayloadType(200))
    );
}

#[test]
fn probation_then_accept() {
    let t0 = Instant::now();
    let mut s = session(t0, 1, 2);
    assert_eq!(feed(&mut s, t0, 0xa, 100, 0), RtpVerdict::Probation);
    assert_eq!(s.remote_ssrc(), None);
    assert_eq!(s.last_rtp_source(), None);
    assert_eq!(feed(&mut s, t0, 0xa, 101, 160), RtpVerdict::NewSource);
    assert_eq!(feed(&mut s, t0, 0xa, 102, 320), RtpVerdict::Accept);
    assert_eq!(s.remote_ssrc(), Some(0xa));
    assert_eq!(s.last_rtp_source(), Some(addr(4000)));
    let rx = s.stats().rx_stat;
    assert_eq!((rx.pkt, rx.bytes, rx.discard, rx.loss), (2, 320, 1, 0));
}

#[test]
fn ssrc_change_after_reinvite() {
    let t0 = Instant::now();
    let mut s = session(t0, 1, 2);
    for seq in 100..=103u16 {
        feed(&mut s, t0, 0xa, seq, seq as u32 * 160);
    }
    // The new SSRC goes through probation while the old one still plays.
    assert_eq!(feed(&mut s, t0, 0xb, 500, 0), RtpVerdict::Probation);
    assert_eq!(feed(&mut s, t0, 0xa, 104, 104 * 160), RtpVerdict::Accept);
    assert_eq!(feed(&mut s, t0, 0xb, 501, 160), RtpVerdict::NewSource);
    assert_eq!(s.remote_ssrc(), Some(0xb));
    // A stray packet of the old source does not switch back.
    assert_eq!(feed(&mut s, t0, 0xa, 105, 105 * 160), RtpVerdict::Probation);
    assert_eq!(feed(&mut s, t0, 0xb, 502, 320), RtpVerdict::Accept);
    assert_eq!(s.remote_ssrc(), Some(0xb));
    let rx = s.stats().rx_stat;
    assert_eq!((rx.pkt, rx.loss, rx.discard), (6, 0, 3));
}

#[test]
fn duplicates_reordering_and_loss_by_hand() {
    let t0 = Instant::now();
    let mut s = session(t0, 1, 0);
    let verdicts: Vec<_> = [0u16, 1, 2, 4, 3, 3, 5, 8, 9]
        .iter()
        .map(|&q| feed(&mut s, t0, 9, q, q as u32 * 160))
        .collect();
    use RtpVerdict::*;
    assert_eq!(
        verdicts,
        vec![NewSource, Accept, Accept, Accept, Accept, Duplicate, Accept, Accept, Accept]
    );
    let rx = s.stats().rx_stat;
    // Expected 0..=9 (10), received 8 distinct: 6 and 7 lost.
    assert_eq!((rx.pkt, rx.dup, rx.reorder, rx.loss), (8, 1, 1, 2));
    // Gap before 4 (3 missing at the time): one packet, random. Before 8: two, a burst.
    assert_eq!(
        rx.loss_type,
        crate::rtp::stats::LossType {
            burst: 1,
            random: 1
        }
    );
    // Loss periods: 320 samples * 1/2 = 20 ms; 480 samples * 2/3 = 40 ms.
    let lp = rx.loss_period_usec;
    assert_eq!((lp.n, lp.min, lp.max, lp.mean), (2, 20_000, 40_000, 30_000));
}

/// RFC 3550 A.8 by hand at 8 kHz: transits 100, 120, 90, 90, 130 samples give
/// D = 20, -30, 0, 40 and J(x16) = 20, 49, 46, 83, reported as 1, 3, 2, 5 samples
/// = 125, 375, 250, 625 us.
#[test]
fn jitter_statistics_by_hand() {
    let t0 = Instant::now();
    let mut s = session(t0, 1, 0);
    let base = 77_000u32;
    for (i, transit) in [100u64, 120, 90, 90, 130].iter().enumerate() {
        let arrival = t0 + Duration::from_nanos((160 * i as u64 + transit) * 125_000);
        feed(&mut s, arrival, 5, i as u16, base + 160 * i as u32);
    }
    let st = s.stats();
    let j = st.rx_stat.jitter_usec;
    assert_eq!((j.n, j.min, j.max, j.last), (4, 125, 625, 625));
    let ipdv = st.rx_ipdv_usec;
    assert_eq!((ipdv.min, ipdv.max, ipdv.last), (-3_750, 5_000, 5_000));
    let raw = st.rx_raw_jitter_usec;
    assert_eq!((raw.min, raw.max, raw.mean), (0, 5_000, 2_812));
}

#[test]
fn rtt_from_lsr_and_dlsr_by_hand() {
    let t0 = Instant::now();
    let mut a = session(t0, 3, 2);
    let mut out = Vec::new();
    a.write_rtp(t0, 0, true, 0, &[0; 160], &mut out).unwrap();
    let (sent_at, sr) = run_until(&mut a, t0 + Duration::from_secs(10)).remove(0);
    let compound = RtcpCompound::parse(&sr).unwrap();
    let Some(RtcpPacket::SenderReport { info, .. }) = compound.packets().next() else {
        panic!("a sender sends an SR first");
    };
    assert_eq!(info.ntp, WallClock::new(t0, wall()).ntp(sent_at));
    assert_eq!(info.packet_count, 1);
    // The peer holds the SR for exactly one second; the answer arrives 1.25 s after the
    // SR left, so the round trip is 250 ms.
    let block = ReportBlock {
        ssrc: a.ssrc(),
        fraction_lost: 0,
        cumulative_lost: 3,
        highest_seq: 1000,
        jitter: 80,
        lsr: info.ntp.middle32(),
        dlsr: 0x1_0000,
    };
    let mut rr = Vec::new();
    write_rr(&mut rr, 0xb, [block]).unwrap();
    a.handle_rtcp(sent_at + Duration::from_millis(1250), addr(4001), &rr)
        .unwrap();
    let st = a.stats();
    assert_eq!(st.rtt_usec.n, 1);
    assert!(
        (st.rtt_usec.last - 250_000).abs() <= 16,
        "{}",
        st.rtt_usec.last
    );
    assert_eq!(st.tx_stat.loss, 3);
    assert_eq!(st.tx_stat.jitter_usec.last, 10_000);
    assert_eq!(st.tx_stat.update_count, 1);
    assert_eq!(a.last_rtcp_source(), Some(addr(4001)));
    // A block with LSR 0 (no SR seen yet) gives no RTT.
    let mut rr0 = Vec::new();
    write_rr(&mut rr0, 0xb, [ReportBlock { lsr: 0, ..block }]).unwrap();
    a.handle_rtcp(sent_at + Duration::from_secs(2), addr(4001), &rr0)
        .unwrap();
    assert_eq!(a.stats().rtt_usec.n, 1);
}

#[test]
fn reports_follow_the_rfc3550_schedule() {
    let t0 = Instant::now();
    let mut s = session(t0, 11, 2);
    let sent = run_until(&mut s, t0 + Duration::from_secs(300));
    let comp = std::f64::consts::E - 1.5;
    let first = (sent[0].0 - t0).as_secs_f64();
    assert!(
        first >= 1.25 / comp && first < 3.75 / comp,
        "first report after {first} s"
    );
    let mut sum = 0.0;
    for pair in sent.windows(2) {
        let gap = (pair[1].0 - pair[0].0).as_secs_f64();
        assert!(
            gap >= 2.5 / comp && gap < 7.5 / comp,
            "reports {gap} s apart"
        );
        sum += gap;
    }
    let mean = sum / (sent.len() - 1) as f64;
    assert!(mean > 3.0 && mean < 5.5, "mean interval {mean} s");
    // Not sending: RR, then SDES with our CNAME.
    for (_, p) in &sent {
        let c = RtcpCompound::parse(p).unwrap();
        let packets: Vec<_> = c.packets().collect();
        assert!(matches!(packets[0], RtcpPacket::ReceiverReport { .. }));
        let RtcpPacket::SourceDescription(mut chunks) = packets[1] else {
            panic!()
        };
        let cname = chunks.next().unwrap().items.next().unwrap();
        assert_eq!(cname.value, s.cname().as_bytes());
    }
}

#[test]
fn two_sessions_exchange_reports() {
    // A sends 20 ms packets to B, every tenth lost; RTP and RTCP take 30 ms each way.
    let t0 = Instant::now();
    let mut a = session(t0, 21, 2);
    let mut b = session(t0, 22, 2);
    let delay = Duration::from_millis(30);
    let mut in_flight: Vec<(Instant, bool, Vec<u8>)> = Vec::new(); // (arrival, to_b, data)
    let mut dropped = 0;
    let mut out = Vec::new();
    // Three ticks more than A sends, for the last packets to land.
    for tick in 0..1503u32 {
        let now = t0 + Duration::from_millis(20 * tick as u64);
        if tick < 1500 {
            a.write_rtp(now, 0, false, 160 * tick, &[0; 160], &mut out)
                .unwrap();
            if tick % 10 == 5 {
                dropped += 1;
            } else {
                in_flight.push((now + delay, true, out.clone()));
            }
        }
        for (side, to_b) in [(&mut a, true), (&mut b, false)] {
            while let Some(at) = side.poll_timeout().filter(|&at| at <= now) {
                side.handle_timeout(at);
                while let Some(p) = side.poll_rtcp() {
                    in_flight.push((at + delay, to_b, p));
                }
            }
        }
        in_flight.sort_by_key(|(at, _, _)| *at);
        while in_flight.first().is_some_and(|(at, _, _)| *at <= now) {
            let (at, to_b, data) = in_flight.remove(0);
            let dst = if to_b { &mut b } else { &mut a };
            if crate::rtp::rtcp::is_rtcp(&data) {
                dst.handle_rtcp(at, addr(5000), &data).unwrap();
            } else {
                dst.handle_rtp(at, addr(5000), &RtpPacket::parse(&data).unwrap());
            }
        }
    }
    let (sa, sb) = (a.stats(), b.stats());
    assert_eq!(b.remote_ssrc(), Some(a.ssrc()));
    // The first packet was spent on probation; every tenth was dropped.
    assert_eq!(sb.rx_stat.pkt, 1500 - dropped - 1);
    assert_eq!(sb.rx_stat.loss, dropped as u32);
    assert_eq!(sb.rx_stat.loss_type.random, dropped as u32);
    // Jitter: the network adds none, the sender's clock is exact.
    assert_eq!(sb.rx_stat.jitter_usec.max, 0);
    // A learns of the loss from B's receiver reports, and the round trip (60 ms).
    assert!(sa.tx_stat.update_count >= 4, "{}", sa.tx_stat.update_count);
    assert!(sa.tx_stat.loss > 0 && sa.tx_stat.loss <= dropped as u32);
    assert!(sa.rtt_usec.n >= 4);
    assert!((sa.rtt_usec.mean - 60_000).abs() < 100, "{:?}", sa.rtt_usec);
    // B never sent RTP, so it has no RTT (A's reports carry no block about B).
    assert_eq!(sb.rtt_usec.n, 0);
    assert_eq!(sa.peer_sdes.cname, b.cname());
    assert_eq!(sb.peer_sdes.cname, a.cname());
    assert!(sb.rx_stat.update_count >= 4);
}

#[test]
fn rtp_timeout_fires_once_and_rearms() {
    let t0 = Instant::now();
    let mut cfg = RtpSessionConfig::new(8000);
    cfg.rtp_timeout = Some(Duration::from_secs(5));
    let mut s = RtpSession::new(t0, wall(), cfg, &mut Rng::from_seed(4));
    assert!(s.poll_timeout().unwrap() <= t0 + Duration::from_secs(5));
    run_until(&mut s, t0 + Duration::from_secs(5));
    assert_eq!(
        s.poll_event(),
        Some(RtpEvent::RtpTimeout {
            silent_for: Duration::from_secs(5)
        })
    );
    run_until(&mut s, t0 + Duration::from_secs(9));
    assert_eq!(s.poll_event(), None);
    feed(&mut s, t0 + Duration::from_secs(10), 1, 1, 0);
    run_until(&mut s, t0 + Duration::from_secs(14));
    assert_eq!(s.poll_event(), None);
    run_until(&mut s, t0 + Duration::from_secs(15));
    assert_eq!(
        s.poll_event(),
        Some(RtpEvent::RtpTimeout {
            silent_for: Duration::from_secs(5)
        })
    );
    // Switched off (hold): no more timeouts.
    s.set_rtp_timeout(t0 + Duration::from_secs(15), None);
    run_until(&mut s, t0 + Duration::from_secs(60));
    assert_eq!(s.poll_event(), None);
}

#[test]
fn bye_on_close_and_on_receipt() {
    let t0 = Instant::now();
    let mut a = session(t0, 5, 2);
    let mut b = session(t0, 6, 2);
    let mut out = Vec::new();
    for i in 0..3u32 {
        a.write_rtp(t0, 0, false, 160 * i, &[0; 160], &mut out)
            .unwrap();
        b.handle_rtp(t0, addr(4000), &RtpPacket::parse(&out).unwrap());
    }
    assert_eq!(b.remote_ssrc(), Some(a.ssrc()));
    a.close(t0 + Duration::from_secs(1), Some("hangup"));
    assert_eq!(a.poll_timeout(), None);
    let bye = a.poll_rtcp().unwrap();
    let kinds: Vec<_> = RtcpCompound::parse(&bye).unwrap().packets().collect();
    assert!(matches!(kinds[0], RtcpPacket::SenderReport { .. }));
    assert!(matches!(kinds[1], RtcpPacket::SourceDescription(_)));
    assert!(matches!(
        kinds[2],
        RtcpPacket::Bye {
            reason: Some(b"hangup"),
            ..
        }
    ));
    // Closing twice sends nothing more; packets after close are discarded.
    a.close(t0 + Duration::from_secs(2), None);
    assert_eq!(a.poll_rtcp(), None);
    assert_eq!(feed(&mut a, t0, 1, 1, 0), RtpVerdict::Discard);
    b.handle_rtcp(t0 + Duration::from_secs(1), addr(4001), &bye)
        .unwrap();
    assert_eq!(
        b.poll_event(),
        Some(RtpEvent::Bye {
            ssrc: a.ssrc(),
            reason: Some("hangup".into())
        })
    );
    assert_eq!(b.remote_ssrc(), None);
}

#[test]
fn sequence_restart_keeps_the_loss_total() {
    let t0 = Instant::now();
    let mut s = session(t0, 1, 0);
    for seq in [10u16, 11, 13] {
        feed(&mut s, t0, 2, seq, 0);
    }
    assert_eq!(s.stats().rx_stat.loss, 1);
    assert_eq!(feed(&mut s, t0, 2, 40_000, 0), RtpVerdict::Discard);
    assert_eq!(feed(&mut s, t0, 2, 40_001, 0), RtpVerdict::Accept);
    assert_eq!(feed(&mut s, t0, 2, 40_003, 0), RtpVerdict::Accept);
    let rx = s.stats().rx_stat;
    assert_eq!((rx.loss, rx.discard, rx.pkt), (2, 1, 5));
}

#[test]
fn malformed_rtcp_changes_nothing() {
    let t0 = Instant::now();
    let mut s = session(t0, 1, 0);
    assert_eq!(
        s.handle_rtcp(t0, addr(1), &[0x81, 201, 0, 1, 0, 0, 0, 1]),
        Err(RtcpError::Truncated(201))
    );
    assert_eq!(s.last_rtcp_source(), None);
    s.note_discarded(2);
    assert_eq!(s.stats().rx_stat.discard, 2);
}

/// RFC 3550 §8.2: the peer sends with our SSRC. The first time, we say BYE and take a
/// new SSRC; the same address sending our (new) SSRC again is a loop.
#[test]
fn ssrc_collision_then_loop() {
    let t0 = Instant::now();
    let mut s = session(t0, 1, 0);
    let old = s.ssrc();
    assert_eq!(feed(&mut s, t0, old, 100, 0), RtpVerdict::NewSource);
    let Some(RtpEvent::SsrcCollision { old: gave_up, new }) = s.poll_event() else {
        panic!("no collision event")
    };
    assert_eq!((gave_up, s.ssrc()), (old, new));
    assert_ne!(new, old);
    // The peer keeps the SSRC we gave up and is our remote source.
    assert_eq!(s.remote_ssrc(), Some(old));
    assert_eq!(feed(&mut s, t0, old, 101, 160), RtpVerdict::Accept);
    // We left with RR + SDES + BYE for the old SSRC.
    let bye = s.poll_rtcp().unwrap();
    let packets: Vec<_> = RtcpCompound::parse(&bye).unwrap().packets().collect();
    assert!(matches!(packets[0], RtcpPacket::ReceiverReport { ssrc, .. } if ssrc == old));
    assert!(matches!(packets[1], RtcpPacket::SourceDescription(_)));
    let RtcpPacket::Bye { sources, reason } = packets[2] else {
        panic!()
    };
    assert_eq!(sources.collect::<Vec<_>>(), vec![old]);
    assert_eq!(reason, Some(&b"SSRC collision"[..]));
    // New packets go out with the new SSRC.
    let mut out = Vec::new();
    s.write_rtp(t0, 0, false, 0, &[0; 160], &mut out).unwrap();
    assert_eq!(RtpPacket::parse(&out).unwrap().ssrc, new);
    // Our new SSRC coming back from the same address: a loop, dropped without a change,
    // in RTP and in RTCP.
    assert_eq!(feed(&mut s, t0, new, 7, 0), RtpVerdict::Looped);
    let mut rr = Vec::new();
    write_rr(&mut rr, new, []).unwrap();
    s.handle_rtcp(t0, addr(4001), &rr).unwrap();
    assert_eq!((s.ssrc(), s.poll_event(), s.poll_rtcp()), (new, None, None));
    let rx = s.stats().rx_stat;
    assert_eq!((rx.pkt, rx.discard), (2, 1));
    // An RTCP report with our SSRC from another address is a collision too.
    s.handle_rtcp(t0, SocketAddr::from(([203, 0, 113, 5], 9)), &rr)
        .unwrap();
    assert!(matches!(
        s.poll_event(),
        Some(RtpEvent::SsrcCollision { old, .. }) if old == new
    ));
    assert_ne!(s.ssrc(), new);
    assert!(s.poll_rtcp().is_some());
}

#[test]
fn a_configured_report_interval() {
    let t0 = Instant::now();
    let mut cfg = RtpSessionConfig::new(8000);
    cfg.rtcp_min_interval = Duration::from_secs(1);
    let mut s = RtpSession::new(t0, wall(), cfg, &mut Rng::from_seed(3));
    let sent = run_until(&mut s, t0 + Duration::from_secs(60));
    // Randomised around 1 s / (e - 1.5) = 0.82 s: about 73 reports in a minute.
    assert!((55..=95).contains(&sent.len()), "{}", sent.len());
    for w in sent.windows(2) {
        let gap = (w[1].0 - w[0].0).as_secs_f64();
        assert!((0.4..=1.3).contains(&gap), "{gap}");
    }
}
