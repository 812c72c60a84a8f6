//! Tests of the RFC 4733 payload, sender and receiver.

use super::*;

fn ms(t0: Instant, v: u64) -> Instant {
    t0 + Duration::from_millis(v)
}

fn payload(event: u8, end: bool, duration: u16) -> [u8; 4] {
    TelephoneEvent {
        event,
        end,
        volume: 10,
        duration,
    }
    .to_bytes()
}

fn receiver() -> DtmfReceiver {
    DtmfReceiver::new(8000, Duration::from_millis(300))
}

fn drain(r: &mut DtmfReceiver) -> Vec<DtmfDigit> {
    std::iter::from_fn(|| r.poll_digit()).collect()
}

fn start(digit: char, timestamp: u32) -> DtmfDigit {
    DtmfDigit::Start { digit, timestamp }
}

fn end(digit: char, timestamp: u32, duration_ms: u32) -> DtmfDigit {
    DtmfDigit::End {
        digit,
        timestamp,
        duration_ms,
    }
}

#[test]
fn digit_codes() {
    let all: String = (0..16).map(|e| event_to_digit(e).unwrap()).collect();
    assert_eq!(all, "0123456789*#ABCD");
    assert_eq!(event_to_digit(16), None);
    for (i, c) in "0123456789*#ABCD".chars().enumerate() {
        assert_eq!(digit_to_event(c), Some(i as u8));
    }
    assert_eq!(digit_to_event('b'), Some(13));
    assert_eq!(digit_to_event('E'), None);
}

#[test]
fn payload_layout() {
    // RFC 4733 §2.3: event 5, E set, volume 10, duration 1280 (0x0500).
    let e = TelephoneEvent {
        event: 5,
        end: true,
        volume: 10,
        duration: 1280,
    };
    assert_eq!(e.to_bytes(), [5, 0x8a, 0x05, 0x00]);
    assert_eq!(
        TelephoneEvent::parse(&[5, 0xca, 0x05, 0x00, 0xff]).unwrap(),
        e,
        "R bit ignored"
    );
    assert_eq!(
        TelephoneEvent::parse(&[5, 0x8a, 0x05]),
        Err(DtmfError::TooShort)
    );
}

#[test]
fn sender_packets_for_one_digit() {
    let mut s = DtmfSender::new(DtmfSenderConfig::default());
    s.send_digits("1").unwrap();
    assert!(s.is_busy());
    // The digit starts at the media position of the first poll and keeps that timestamp.
    let packets: Vec<_> = (0..10).map(|i| s.poll(4000 + 160 * i).unwrap()).collect();
    for (i, p) in packets.iter().enumerate() {
        let ev = TelephoneEvent::parse(&p.payload).unwrap();
        assert_eq!(p.rel_ts, 4000);
        assert_eq!(p.marker, i == 0);
        assert_eq!(ev.event, 1);
        assert_eq!(ev.volume, 10);
        // 160 samples more every packet; the last of 8 ends it and is sent three times.
        assert_eq!(ev.duration, 160 * (i as u16 + 1).min(8));
        assert_eq!(ev.end, i >= 7);
    }
    // Then a 60 ms gap (3 periods), and idle.
    assert_eq!(
        (0..3).map(|i| s.poll(5600 + 160 * i)).collect::<Vec<_>>(),
        vec![None; 3]
    );
    assert!(!s.is_busy());
    assert_eq!(s.poll(6080), None);
}

#[test]
fn sender_queues_a_string_with_gaps() {
    let mut s = DtmfSender::new(DtmfSenderConfig {
        duration_ms: 40,
        gap_ms: 40,
        ..Default::default()
    });
    assert_eq!(s.send_digits("12x"), Err(DtmfError::BadDigit('x')));
    assert!(!s.is_busy(), "nothing queued from a bad string");
    s.send_digits("9#").unwrap();
    let mut seen = Vec::new();
    for tick in 0..20u32 {
        let p = s.poll(160 * tick);
        seen.push(p.map(|p| {
            (
                TelephoneEvent::parse(&p.payload).unwrap().event,
                p.rel_ts,
                p.marker,
            )
        }));
    }
    // "9": 2 updates (the second ends it) + 2 more end packets, 2 gap periods; then "#".
    let nine = Some((9, 0, true));
    let nine_more = Some((9, 0, false));
    let hash = Some((11, 960, true));
    let hash_more = Some((11, 960, false));
    assert_eq!(
        &seen[..12],
        &[
            nine, nine_more, nine_more, nine_more, None, None, hash, hash_more, hash_more,
            hash_more, None, None
        ]
    );
    assert!(seen[12..].iter().all(Option::is_none));
}

#[test]
fn receiver_reports_each_digit_once() {
    let t0 = Instant::now();
    let mut r = receiver();
    for i in 1..=7u16 {
        r.handle(ms(t0, 20 * i as u64), 1000, &payload(4, false, 160 * i))
            .unwrap();
    }
    for k in 0..3 {
        r.handle(ms(t0, 160 + 20 * k), 1000, &payload(4, true, 1280))
            .unwrap();
    }
    assert_eq!(drain(&mut r), vec![start('4', 1000), end('4', 1000, 160)]);
    assert_eq!(r.poll_timeout(), None);
    // A late update of that event after its end is ignored too.
    r.handle(ms(t0, 300), 1000, &payload(4, false, 800))
        .unwrap();
    assert_eq!(drain(&mut r), vec![]);
}

#[test]
fn lost_start_and_lost_end() {
    let t0 = Instant::now();
    let mut r = receiver();
    // The first packets of '7' were lost: the first one heard starts it.
    r.handle(ms(t0, 60), 2000, &payload(7, false, 480)).unwrap();
    // All three end packets lost: the next digit ends it.
    r.handle(ms(t0, 400), 5000, &payload(14, false, 160))
        .unwrap();
    // 'C' ends properly.
    r.handle(ms(t0, 520), 5000, &payload(14, true, 800))
        .unwrap();
    // A digit of which only an end packet arrives starts and ends at once.
    r.handle(ms(t0, 900), 9000, &payload(0, true, 1280))
        .unwrap();
    r.handle(ms(t0, 920), 9000, &payload(0, true, 1280))
        .unwrap();
    assert_eq!(
        drain(&mut r),
        vec![
            start('7', 2000),
            end('7', 2000, 60),
            start('C', 5000),
            end('C', 5000, 100),
            start('0', 9000),
            end('0', 9000, 160),
        ]
    );
}

#[test]
fn silence_ends_an_event() {
    let t0 = Instant::now();
    let mut r = receiver();
    r.handle(t0, 100, &payload(11, false, 160)).unwrap();
    r.handle(ms(t0, 20), 100, &payload(11, false, 320)).unwrap();
    assert_eq!(r.poll_timeout(), Some(ms(t0, 320)));
    r.handle_timeout(ms(t0, 319));
    assert_eq!(drain(&mut r), vec![start('#', 100)]);
    r.handle_timeout(ms(t0, 320));
    assert_eq!(drain(&mut r), vec![end('#', 100, 40)]);
    // Its end packets, arriving after all, change nothing.
    r.handle(ms(t0, 400), 100, &payload(11, true, 800)).unwrap();
    assert_eq!(drain(&mut r), vec![]);
}

#[test]
fn reordered_and_foreign_packets() {
    let t0 = Instant::now();
    let mut r = receiver();
    r.handle(t0, 1000, &payload(1, false, 160)).unwrap();
    r.handle(ms(t0, 10), 2000, &payload(2, false, 160)).unwrap();
    // The end of '1' arrives after '2' began: too old.
    r.handle(ms(t0, 20), 1000, &payload(1, true, 1280)).unwrap();
    // Event 16 (flash) is not DTMF; a short payload is an error.
    r.handle(ms(t0, 30), 3000, &payload(16, false, 160))
        .unwrap();
    assert_eq!(
        r.handle(ms(t0, 40), 2000, &[2, 0]),
        Err(DtmfError::TooShort)
    );
    r.handle(ms(t0, 50), 2000, &payload(2, true, 640)).unwrap();
    assert_eq!(
        drain(&mut r),
        vec![
            start('1', 1000),
            end('1', 1000, 20),
            start('2', 2000),
            end('2', 2000, 80)
        ]
    );
    // Timestamps wrap.
    let mut w = receiver();
    w.handle(ms(t0, 60), u32::MAX - 10, &payload(3, true, 160))
        .unwrap();
    w.handle(ms(t0, 70), 150, &payload(4, true, 160)).unwrap();
    w.handle(ms(t0, 80), u32::MAX - 10, &payload(3, true, 160))
        .unwrap();
    assert_eq!(drain(&mut w).len(), 4);
}

#[test]
fn sender_to_receiver() {
    let t0 = Instant::now();
    let mut s = DtmfSender::new(DtmfSenderConfig::default());
    let mut r = receiver();
    s.send_digits("159D").unwrap();
    for tick in 0..100u32 {
        if let Some(p) = s.poll(160 * tick) {
            r.handle(ms(t0, 20 * tick as u64), p.rel_ts, &p.payload)
                .unwrap();
        }
    }
    let digits: Vec<_> = drain(&mut r)
        .into_iter()
        .filter_map(|d| match d {
            DtmfDigit::End {
                digit, duration_ms, ..
            } => Some((digit, duration_ms)),
            _ => None,
        })
        .collect();
    assert_eq!(digits, vec![('1', 160), ('5', 160), ('9', 160), ('D', 160)]);
}

#[test]
fn a_duration_per_call() {
    let t0 = Instant::now();
    let mut s = DtmfSender::new(DtmfSenderConfig::default());
    let mut r = receiver();
    s.send_digits_for("7", 400).unwrap();
    s.send_digits("8").unwrap();
    let mut ends = Vec::new();
    for tick in 0..60u32 {
        if let Some(p) = s.poll(160 * tick) {
            r.handle(ms(t0, 20 * tick as u64), p.rel_ts, &p.payload)
                .unwrap();
        }
        while let Some(d) = r.poll_digit() {
            if let DtmfDigit::End {
                digit, duration_ms, ..
            } = d
            {
                ends.push((digit, duration_ms));
            }
        }
    }
    assert_eq!(ends, vec![('7', 400), ('8', 160)]);
}

/// After an SSRC change the new source's timestamps may be "older" than the old one's:
/// without a reset its digits would be taken for stale packets.
#[test]
fn reset_for_a_new_source() {
    let t0 = Instant::now();
    let mut r = receiver();
    r.handle(t0, 50_000, &payload(1, true, 800)).unwrap();
    r.handle(ms(t0, 20), 60_000, &payload(2, false, 160))
        .unwrap();
    r.reset();
    r.handle(ms(t0, 40), 10, &payload(3, true, 800)).unwrap();
    assert_eq!(
        drain(&mut r),
        vec![
            start('1', 50_000),
            end('1', 50_000, 100),
            start('2', 60_000),
            end('2', 60_000, 20),
            start('3', 10),
            end('3', 10, 100)
        ]
    );
}
