//! Tests of the jitter buffer with hand-made arrival patterns (the simulated network is
//! in tests/rtp_simnet.rs).

use super::*;
use std::time::Duration;

const TS: u32 = 160; // 20 ms at 8 kHz

fn ms(t0: Instant, v: u64) -> Instant {
    t0 + Duration::from_millis(v)
}

/// A frame payload naming its frame number.
fn frame(n: u32) -> [u8; 4] {
    n.to_be_bytes()
}

fn number(f: JbFrame) -> Option<u32> {
    match f {
        JbFrame::Normal(p) => Some(u32::from_be_bytes([p[0], p[1], p[2], p[3]])),
        _ => None,
    }
}

fn jb(init_prefetch: u32) -> JitterBuffer {
    JitterBuffer::new(JbConfig {
        init_prefetch,
        ..JbConfig::new(8000, 20)
    })
}

#[test]
fn pjsua_settings_convert_like_pjmedia() {
    let d = JbConfig::new(8000, 20);
    assert_eq!(
        (d.max_count, d.min_prefetch, d.max_prefetch, d.init_prefetch),
        (25, 1, 20, 0)
    );
    assert_eq!(d.discard, DiscardAlgo::Progressive);
    let s = MediaJbSettings {
        jb_init: 60,
        jb_min_pre: 40,
        jb_max_pre: 200,
        jb_max: 1010,
        jb_discard_algo: 0,
    };
    let c = JbConfig::from_pjsua(8000, 20, 2, &s);
    assert_eq!(
        (c.init_prefetch, c.min_prefetch, c.max_prefetch, c.max_count),
        (3, 2, 10, 51)
    );
    assert_eq!((c.frames_per_packet, c.discard), (2, DiscardAlgo::None));
    // Below one frame means the default.
    let small = MediaJbSettings {
        jb_init: 10,
        jb_min_pre: 0,
        jb_max_pre: 5,
        jb_max: 19,
        jb_discard_algo: 1,
    };
    let c = JbConfig::from_pjsua(8000, 20, 1, &small);
    assert_eq!(
        (c.init_prefetch, c.min_prefetch, c.max_prefetch, c.max_count),
        (0, 1, 20, 25)
    );
    assert_eq!(c.discard, DiscardAlgo::Static);
    // Inconsistent values are made consistent.
    let b = JitterBuffer::new(JbConfig {
        min_prefetch: 9,
        max_prefetch: 3,
        max_count: 4,
        ..d
    });
    let st = b.state();
    assert_eq!(
        (st.min_prefetch, st.max_prefetch, b.config().max_count),
        (9, 9, 11)
    );
}

#[test]
fn steady_flow_plays_every_frame_in_order() {
    let t0 = Instant::now();
    let mut b = jb(0);
    assert_eq!(b.get(t0), JbFrame::Empty);
    for n in 0..100u32 {
        assert_eq!(
            b.put(
                ms(t0, 20 * n as u64),
                n as u16,
                1000 + n * TS,
                &frame(n),
                n == 0
            ),
            PutResult::Stored
        );
        assert_eq!(number(b.get(ms(t0, 20 * n as u64 + 5))), Some(n));
    }
    let st = b.state();
    assert_eq!(
        (st.lost, st.discard, st.empty, st.size, st.prefetch),
        (0, 0, 1, 0, 1)
    );
    assert_eq!(
        (st.avg_delay_msec, st.max_delay_msec, st.frame_size),
        (5, 5, 4)
    );
}

#[test]
fn reordered_frames_come_out_in_order_and_gaps_are_missing() {
    let t0 = Instant::now();
    let mut b = jb(3);
    // Frames 0, 2, 1, 4 arrive; 3 never does.
    for (i, n) in [0u32, 2, 1, 4].iter().enumerate() {
        b.put(ms(t0, 5 * i as u64), *n as u16, n * TS, &frame(*n), false);
    }
    let out: Vec<_> = (0..5).map(|i| number(b.get(ms(t0, 40 + 20 * i)))).collect();
    assert_eq!(out, vec![Some(0), Some(1), Some(2), None, Some(4)]);
    let st = b.state();
    assert_eq!((st.lost, st.discard), (1, 0));
}

#[test]
fn late_and_duplicate_packets_are_discarded() {
    let t0 = Instant::now();
    let mut b = jb(0);
    b.put(t0, 0, 0, &frame(0), false);
    b.put(t0, 1, TS, &frame(1), false);
    assert_eq!(b.put(t0, 1, TS, &frame(1), false), PutResult::Duplicate);
    assert_eq!(number(b.get(ms(t0, 1))), Some(0));
    assert_eq!(b.put(ms(t0, 2), 0, 0, &frame(0), false), PutResult::Late);
    assert_eq!(number(b.get(ms(t0, 21))), Some(1));
    assert_eq!(b.state().discard, 2);
}

#[test]
fn a_packet_of_several_frames_is_split() {
    let t0 = Instant::now();
    let mut b = JitterBuffer::new(JbConfig {
        frames_per_packet: 2,
        ..JbConfig::new(8000, 20)
    });
    let mut payload = frame(0).to_vec();
    payload.extend_from_slice(&frame(1));
    b.put(t0, 7, 0, &payload, true);
    payload = [frame(2), frame(3)].concat();
    b.put(ms(t0, 40), 8, 2 * TS, &payload, false);
    let out: Vec<_> = (0..4).map(|i| number(b.get(ms(t0, 41 + 20 * i)))).collect();
    assert_eq!(out, vec![Some(0), Some(1), Some(2), Some(3)]);
    assert_eq!(b.state().frame_size, 4);
}

#[test]
fn timestamps_wrap() {
    let t0 = Instant::now();
    let mut b = jb(0);
    let start = u32::MAX - 2 * TS + 1;
    for n in 0..6u32 {
        b.put(
            ms(t0, 20 * n as u64),
            n as u16,
            start.wrapping_add(n * TS),
            &frame(n),
            false,
        );
        assert_eq!(number(b.get(ms(t0, 20 * n as u64 + 1))), Some(n));
    }
}

#[test]
fn underflow_then_prefetch_again() {
    let t0 = Instant::now();
    let mut b = jb(2);
    b.put(t0, 0, 0, &frame(0), false);
    assert_eq!(b.get(ms(t0, 1)), JbFrame::Empty, "prefetching");
    b.put(ms(t0, 20), 1, TS, &frame(1), false);
    assert_eq!(number(b.get(ms(t0, 21))), Some(0));
    assert_eq!(number(b.get(ms(t0, 41))), Some(1));
    // Frame 2 is 30 ms late: the buffer runs dry, and the prefetch grows to cover it
    // (one frame per packet plus 30 ms rounded up to two frames).
    assert_eq!(b.get(ms(t0, 61)), JbFrame::Empty);
    b.put(ms(t0, 70), 2, 2 * TS, &frame(2), false);
    assert_eq!(b.state().prefetch, 3);
    assert_eq!(b.get(ms(t0, 81)), JbFrame::Empty);
    b.put(ms(t0, 85), 3, 3 * TS, &frame(3), false);
    b.put(ms(t0, 100), 4, 4 * TS, &frame(4), false);
    assert_eq!(number(b.get(ms(t0, 101))), Some(2));
    assert_eq!(number(b.get(ms(t0, 121))), Some(3));
    assert_eq!(b.state().empty, 3);
}

#[test]
fn silence_between_talkspurts_is_not_played_as_loss() {
    let t0 = Instant::now();
    let mut b = jb(0);
    for n in 0..5u32 {
        b.put(ms(t0, 20 * n as u64), n as u16, n * TS, &frame(n), n == 0);
        assert_eq!(number(b.get(ms(t0, 20 * n as u64 + 1))), Some(n));
    }
    // One second of suppressed silence: no packets, the timestamp moves on by 50 frames.
    for i in 5..55u64 {
        assert_eq!(b.get(ms(t0, 20 * i + 1)), JbFrame::Empty);
    }
    for n in 55..60u32 {
        // The next sequence number follows on (the first packet has the marker too).
        b.put(
            ms(t0, 20 * n as u64),
            (n - 50) as u16,
            n * TS,
            &frame(n),
            n == 55,
        );
        assert_eq!(number(b.get(ms(t0, 20 * n as u64 + 1))), Some(n));
    }
    assert_eq!(b.state().lost, 0);
}

#[test]
fn big_timestamp_jumps_resynchronise() {
    let t0 = Instant::now();
    let mut b = jb(0);
    b.put(t0, 0, 0, &frame(0), false);
    b.put(t0, 1, TS, &frame(1), false);
    assert_eq!(number(b.get(ms(t0, 1))), Some(0));
    // 30 s ahead, while frame 1 still waits: a discontinuity.
    assert_eq!(
        b.put(ms(t0, 5), 2, 240_000, &frame(100), false),
        PutResult::Resync
    );
    assert_eq!(number(b.get(ms(t0, 21))), Some(100));
    // And far backwards.
    assert_eq!(
        b.put(ms(t0, 30), 3, 1_000, &frame(200), false),
        PutResult::Resync
    );
    b.put(ms(t0, 31), 4, 1_000 + TS, &frame(201), false);
    assert_eq!(number(b.get(ms(t0, 41))), Some(200));
    assert_eq!(number(b.get(ms(t0, 61))), Some(201));
}

#[test]
fn a_full_buffer_pushes_out_the_oldest() {
    let t0 = Instant::now();
    let mut b = jb(0);
    for n in 0..40u32 {
        b.put(t0, n as u16, n * TS, &frame(n), false);
    }
    let st = b.state();
    assert_eq!((st.size, st.discard), (25, 15));
    assert_eq!(number(b.get(t0)), Some(15));
}

#[test]
fn frames_left_when_packets_stop_are_played_out() {
    let t0 = Instant::now();
    let mut b = jb(3);
    b.put(t0, 0, 0, &frame(0), false);
    b.put(ms(t0, 20), 1, TS, &frame(1), false);
    assert_eq!(b.get(ms(t0, 21)), JbFrame::Empty);
    assert_eq!(b.get(ms(t0, 41)), JbFrame::Empty);
    // 60 ms (the prefetch) without a packet: play what is there.
    assert_eq!(number(b.get(ms(t0, 81))), Some(0));
    assert_eq!(number(b.get(ms(t0, 101))), Some(1));
    assert_eq!(b.get(ms(t0, 121)), JbFrame::Empty);
}

/// Packets every 20 ms, but from frame 50 to 250 every fifth one is 70 ms late; then
/// steady again. The prefetch rises to cover 70 ms and comes back down afterwards, and
/// progressive discard brings the depth back with it.
#[test]
fn prefetch_follows_the_jitter() {
    let t0 = Instant::now();
    let mut b = jb(0);
    let mut prefetch_at = Vec::new();
    let mut depth_at = Vec::new();
    let mut pending: Vec<(u64, u32)> = Vec::new();
    let mut last = None;
    for tick in 0..600u64 {
        let n = tick as u32;
        let late = (50..250).contains(&n) && n.is_multiple_of(5);
        pending.push((20 * tick + if late { 70 } else { 1 }, n));
        pending.sort();
        while pending.first().is_some_and(|(at, _)| *at <= 20 * tick + 10) {
            let (at, n) = pending.remove(0);
            b.put(ms(t0, at), n as u16, n * TS, &frame(n), false);
        }
        if let Some(n) = number(b.get(ms(t0, 20 * tick + 10))) {
            assert!(last < Some(n), "frames out of order: {last:?} then {n}");
            last = Some(n);
        }
        if [40, 240, 590].contains(&tick) {
            prefetch_at.push(b.state().prefetch);
            depth_at.push(b.state().size);
        }
    }
    assert_eq!(prefetch_at[0], 1, "{prefetch_at:?}");
    assert!(prefetch_at[1] >= 4, "{prefetch_at:?}");
    assert!(prefetch_at[2] <= 2, "{prefetch_at:?}");
    assert!(depth_at[1] >= 3, "{depth_at:?}");
    assert!(depth_at[2] <= 2, "{depth_at:?}");
    // Only the first late frame, before the buffer had learnt, was lost; the dropped
    // frames are the late one and those shed afterwards.
    let st = b.state();
    assert_eq!(st.lost, 1, "{st:?}");
    assert!(st.discard > 1 && st.discard <= 6, "{st:?}");
    assert!(st.max_delay_msec >= 80, "{st:?}");
}

#[test]
fn without_discard_the_depth_stays() {
    let t0 = Instant::now();
    let cfg = JbConfig {
        init_prefetch: 5,
        discard: DiscardAlgo::None,
        ..JbConfig::new(8000, 20)
    };
    let mut b = JitterBuffer::new(cfg);
    for n in 0..5u32 {
        b.put(t0, n as u16, n * TS, &frame(n), false);
    }
    for n in 5..300u32 {
        b.put(
            ms(t0, 20 * (n as u64 - 4)),
            n as u16,
            n * TS,
            &frame(n),
            false,
        );
        assert_eq!(number(b.get(ms(t0, 20 * (n as u64 - 4) + 1))), Some(n - 5));
    }
    // Five frames waiting for 300 periods, though no jitter asks for them.
    assert_eq!((b.state().size, b.state().discard), (5, 0));
}

#[test]
fn reset_starts_over_for_a_new_source() {
    let t0 = Instant::now();
    let mut b = jb(0);
    b.put(t0, 0, 0, &frame(0), false);
    b.reset();
    assert_eq!(b.get(t0), JbFrame::Empty);
    b.put(t0, 9000, 123_456, &frame(7), true);
    assert_eq!(number(b.get(t0)), Some(7));
    assert_eq!(
        b.put(t0, 9001, 123_456 + TS, &[], false),
        PutResult::Ignored
    );
}

#[test]
fn after_a_missing_frame_peek_shows_its_successor() {
    let t0 = Instant::now();
    let mut b = jb(3);
    // Frames 0, 1, 3-6 arrive; 2 is lost.
    for n in [0u32, 1, 3, 4, 5, 6] {
        b.put(ms(t0, n as u64 * 20), n as u16, n * TS, &frame(n), false);
    }
    assert_eq!(number(b.get(ms(t0, 60))), Some(0));
    assert_eq!(b.peek().map(|p| p[3]), Some(1), "the next frame, not taken");
    assert_eq!(number(b.get(ms(t0, 80))), Some(1));
    assert_eq!(b.get(ms(t0, 100)), JbFrame::Missing);
    assert_eq!(
        b.peek().map(|p| p[3]),
        Some(3),
        "the lost frame's successor"
    );
    assert_eq!(number(b.get(ms(t0, 120))), Some(3));
}
