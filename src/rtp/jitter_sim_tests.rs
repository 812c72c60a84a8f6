//! Tests of the jitter buffer over a seeded simulated network: random jitter (which
//! reorders), loss and duplicates, a burst after a stall, sender clocks that drift from
//! the receiver's, and the absence of allocation once the ring is warm.

use super::*;
use crate::rng::Rng;
use std::time::Duration;

const TS: u32 = 160; // 20 ms at 8 kHz
const TICK_US: u64 = 20_000;

/// How the network and the sender behave.
#[derive(Clone, Copy)]
struct Net {
    /// The sender's packet period on the receiver's clock (20 ms without drift).
    period_us: u64,
    latency_ms: u64,
    jitter_ms: u64,
    loss: f64,
    dup: f64,
    /// Packets sent in `[start, start + hold)` ms all arrive at `start + hold`.
    stall: Option<(u64, u64)>,
}

impl Net {
    fn calm() -> Self {
        Net {
            period_us: TICK_US,
            latency_ms: 30,
            jitter_ms: 0,
            loss: 0.0,
            dup: 0.0,
            stall: None,
        }
    }
}

/// What a run did.
#[derive(Default)]
struct Run {
    /// Frame numbers played, in order.
    played: Vec<u32>,
    /// Frames the network delivered at least once.
    delivered: Vec<bool>,
    /// Frames the buffer refused as late at every delivery.
    late_only: u32,
    /// Per tick: (depth, prefetch, what `get` gave: 0 empty, 1 missing, 2 frame).
    trace: Vec<(u32, u32, u8)>,
}

/// Sends `frames` frames of 160 bytes through `net` into `b`, playing one frame every
/// 20 ms of the receiver's clock.
fn run(seed: u64, b: &mut JitterBuffer, frames: u32, net: Net) -> Run {
    let t0 = Instant::now();
    let mut rng = Rng::from_seed(seed);
    let mut arrivals: Vec<(u64, u32)> = Vec::new();
    for n in 0..frames {
        if rng.unit() < net.loss {
            continue;
        }
        let sent = n as u64 * net.period_us;
        let copies = if rng.unit() < net.dup { 2 } else { 1 };
        for _ in 0..copies {
            let jitter = (rng.unit() * net.jitter_ms as f64 * 1000.0) as u64;
            let mut at = sent + net.latency_ms * 1000 + jitter;
            if let Some((start, hold)) = net.stall {
                let sent_ms = sent / 1000;
                if (start..start + hold).contains(&sent_ms) {
                    at = at.max((start + hold + net.latency_ms) * 1000);
                }
            }
            arrivals.push((at, n));
        }
    }
    arrivals.sort();
    let mut out = Run {
        delivered: vec![false; frames as usize],
        ..Run::default()
    };
    let mut late = vec![0u8; frames as usize];
    let mut next = 0;
    let end = arrivals.last().map_or(0, |a| a.0) + 1_000_000;
    let mut payload = [0x55u8; 160];
    for tick in 0..end / TICK_US {
        let now_us = tick * TICK_US + 10_000;
        while arrivals.get(next).is_some_and(|a| a.0 <= now_us) {
            let (at, n) = arrivals[next];
            next += 1;
            payload[..4].copy_from_slice(&n.to_be_bytes());
            let now = t0 + Duration::from_micros(at);
            let result = b.put(now, n as u16, n.wrapping_mul(TS), &payload, n == 0);
            out.delivered[n as usize] = true;
            late[n as usize] |= match result {
                PutResult::Late => 1,
                PutResult::Stored | PutResult::Resync => 2,
                _ => 0,
            };
        }
        let got = match b.get(t0 + Duration::from_micros(now_us)) {
            JbFrame::Normal(p) => {
                out.played
                    .push(u32::from_be_bytes([p[0], p[1], p[2], p[3]]));
                2
            }
            JbFrame::Missing => 1,
            JbFrame::Empty => 0,
        };
        let st = b.state();
        out.trace.push((st.size, st.prefetch, got));
    }
    out.late_only = late.iter().filter(|&&l| l == 1).count() as u32;
    out
}

fn in_order(played: &[u32]) -> bool {
    played.windows(2).all(|w| w[0] < w[1])
}

/// Mean depth and prefetch over ticks `from..to`.
fn mean(trace: &[(u32, u32, u8)], from: usize, to: usize) -> (f64, f64) {
    let rows = &trace[from..to];
    let n = rows.len() as f64;
    (
        rows.iter().map(|r| r.0 as f64).sum::<f64>() / n,
        rows.iter().map(|r| r.1 as f64).sum::<f64>() / n,
    )
}

#[test]
fn jitter_loss_reordering_and_duplicates() {
    for seed in 1..=5 {
        let mut b = JitterBuffer::new(JbConfig::new(8000, 20));
        let net = Net {
            jitter_ms: 60,
            loss: 0.05,
            dup: 0.03,
            ..Net::calm()
        };
        let r = run(seed, &mut b, 3000, net);
        let st = b.state();
        assert!(in_order(&r.played), "seed {seed}: out of order or repeated");
        assert!(r.played.iter().all(|&n| r.delivered[n as usize]));
        let delivered = r.delivered.iter().filter(|&&d| d).count() as u32;
        let net_lost = 3000 - delivered;
        // Most delivered frames are played; few are late once the buffer has adapted.
        assert!(
            r.played.len() as u32 >= delivered * 97 / 100,
            "seed {seed}: played {} of {delivered}: {st:?}",
            r.played.len()
        );
        // A frame is concealed only if it never came or came too late.
        assert!(st.lost <= net_lost + r.late_only, "seed {seed}: {st:?}");
        // 60 ms of jitter is three frames: the target covers it, within the bounds.
        assert!((3..=5).contains(&st.prefetch), "seed {seed}: {st:?}");
        assert!(
            (40..=120).contains(&st.avg_delay_msec),
            "seed {seed}: {st:?}"
        );
    }
}

#[test]
fn a_burst_after_a_stall() {
    let mut b = JitterBuffer::new(JbConfig::new(8000, 20));
    let net = Net {
        jitter_ms: 2,
        stall: Some((10_000, 300)),
        ..Net::calm()
    };
    let r = run(7, &mut b, 1500, net);
    assert!(in_order(&r.played));
    // The buffer ran dry during the stall, then the 15 held packets came at once: they
    // are played (progressive discard sheds part of the backlog), not all thrown away.
    let held: Vec<u32> = (500..515).collect();
    let played_held = held.iter().filter(|n| r.played.contains(n)).count();
    assert!(played_held >= 10, "{played_held} of the burst played");
    let stall_ticks = 500..520;
    assert!(r.trace[stall_ticks].iter().any(|t| t.2 == 0));
    // The backlog and the learnt jitter are gone a few seconds later: every frame
    // plays, at the calm depth.
    let late_part = &r.trace[1200..1500];
    assert!(late_part.iter().all(|t| t.2 == 2));
    let (depth, prefetch) = mean(&r.trace, 1200, 1500);
    assert!(depth <= 1.5 && prefetch <= 2.0, "{depth} {prefetch}");
    // During the burst, the target rose to cover the stall.
    assert!(r.trace[520..600].iter().any(|t| t.1 >= 10));
}

#[test]
fn a_fast_sender_clock_is_followed_by_dropping_frames() {
    // 1% fast: 30 frames too many a minute.
    let mut b = JitterBuffer::new(JbConfig::new(8000, 20));
    let net = Net {
        period_us: 19_800,
        jitter_ms: 10,
        ..Net::calm()
    };
    let r = run(11, &mut b, 3000, net);
    let st = b.state();
    assert!(in_order(&r.played));
    assert!(st.discard >= 25 && st.discard <= 45, "{st:?}");
    assert_eq!(st.lost, 0, "{st:?}");
    // The delay does not creep up: the depth in the last ten seconds is that of the
    // first ten.
    let (early, _) = mean(&r.trace, 100, 600);
    let (late, _) = mean(&r.trace, 2400, 2900);
    assert!(late <= early + 1.0, "{early} -> {late}");
}

#[test]
fn a_slow_sender_clock_is_followed_by_waiting() {
    // 1% slow: 30 frame periods a minute with nothing to play.
    let mut b = JitterBuffer::new(JbConfig::new(8000, 20));
    let net = Net {
        period_us: 20_200,
        jitter_ms: 10,
        ..Net::calm()
    };
    let r = run(12, &mut b, 3000, net);
    let st = b.state();
    assert!(in_order(&r.played));
    assert_eq!(r.played.len(), 3000, "{st:?}");
    assert_eq!((st.lost, st.discard), (0, 0), "{st:?}");
    let empty_while_playing = r.trace[100..3000].iter().filter(|t| t.2 == 0).count();
    assert!(
        (25..=45).contains(&empty_while_playing),
        "{empty_while_playing}"
    );
    let (early, _) = mean(&r.trace, 100, 600);
    let (late, _) = mean(&r.trace, 2400, 2900);
    assert!((late - early).abs() <= 1.0, "{early} -> {late}");
}

#[test]
fn no_allocation_once_the_ring_is_warm() {
    let mut b = JitterBuffer::new(JbConfig::new(8000, 20));
    let net = Net {
        jitter_ms: 40,
        loss: 0.02,
        ..Net::calm()
    };
    run(21, &mut b, 200, net);
    let buffers = |b: &JitterBuffer| -> Vec<(*const u8, usize)> {
        b.slots
            .iter()
            .map(|s| (s.data.as_ptr(), s.data.capacity()))
            .collect()
    };
    let warm = buffers(&b);
    assert!(warm.iter().all(|&(_, cap)| cap >= 160));
    // Another minute, through loss, reordering and a reset.
    b.reset();
    run(22, &mut b, 3000, net);
    assert_eq!(buffers(&b), warm);
}
