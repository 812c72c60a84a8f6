//! RTP in simulated time over a seeded simulated network with latency, jitter, loss,
//! duplication and the reordering jitter causes: two `RtpSession`s exchanging RTP and
//! RTCP, a `JitterBuffer` playing the received stream every 20 ms, and DTMF digits.
//! Statistics are checked against what the network really did.

use pjsua2rs::rng::Rng;
use pjsua2rs::rtp::dtmf::event_to_digit;
use pjsua2rs::rtp::{
    is_rtcp, DtmfDigit, DtmfReceiver, DtmfSender, DtmfSenderConfig, JbConfig, JbFrame,
    JitterBuffer, PutResult, RtpPacket, RtpSession, RtpSessionConfig, RtpVerdict, TelephoneEvent,
};
use std::cmp::Reverse;
use std::collections::{BTreeSet, BinaryHeap};
use std::net::SocketAddr;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

const PCMU: u8 = 0;
const TELEPHONE_EVENT: u8 = 101;
const TICK: Duration = Duration::from_millis(20);

/// One direction of a network path: each datagram is lost with probability `loss`,
/// otherwise delivered after `latency` plus a uniform delay in `[0, jitter)`, and
/// delivered twice (independently delayed) with probability `dup`.
struct Path {
    rng: Rng,
    latency: Duration,
    jitter: Duration,
    loss: f64,
    dup: f64,
    /// (delivery time, send order, datagram)
    queue: BinaryHeap<Reverse<(Instant, u64, Vec<u8>)>>,
    sent: u64,
}

impl Path {
    fn new(seed: u64, latency_ms: u64, jitter_ms: u64, loss: f64, dup: f64) -> Self {
        Path {
            rng: Rng::from_seed(seed),
            latency: Duration::from_millis(latency_ms),
            jitter: Duration::from_millis(jitter_ms),
            loss,
            dup,
            queue: BinaryHeap::new(),
            sent: 0,
        }
    }

    /// Sends; says whether the datagram was lost.
    fn send(&mut self, now: Instant, data: &[u8]) -> bool {
        self.sent += 1;
        if self.rng.unit() < self.loss {
            return true;
        }
        let copies = if self.rng.unit() < self.dup { 2 } else { 1 };
        for _ in 0..copies {
            let extra = self.jitter.mul_f64(self.rng.unit());
            self.queue.push(Reverse((
                now + self.latency + extra,
                self.sent,
                data.to_vec(),
            )));
        }
        false
    }

    /// The next datagram due by `now`.
    fn recv(&mut self, now: Instant) -> Option<(Instant, Vec<u8>)> {
        if self
            .queue
            .peek()
            .is_some_and(|Reverse((at, _, _))| *at <= now)
        {
            let Reverse((at, _, data)) = self.queue.pop()?;
            return Some((at, data));
        }
        None
    }
}

fn wall() -> SystemTime {
    UNIX_EPOCH + Duration::from_secs(1_800_000_000)
}

fn addr(port: u16) -> SocketAddr {
    SocketAddr::from(([198, 51, 100, 7], port))
}

fn session(t0: Instant, seed: u64) -> RtpSession {
    RtpSession::new(
        t0,
        wall(),
        RtpSessionConfig::new(8000),
        &mut Rng::from_seed(seed),
    )
}

/// A 160-byte G.711 payload whose first four bytes number the frame.
fn frame_payload(n: u32) -> [u8; 160] {
    let mut p = [0x7fu8; 160];
    p[..4].copy_from_slice(&n.to_be_bytes());
    p
}

/// RFC 3550 A.8 in floating point, as a reference.
struct RefJitter {
    last_transit: Option<f64>,
    last_ts: Option<u32>,
    jitter: f64,
}

impl RefJitter {
    fn update(&mut self, arrival_samples: f64, ts: u32) {
        if self.last_ts == Some(ts) {
            return;
        }
        self.last_ts = Some(ts);
        let transit = arrival_samples - ts as f64;
        if let Some(last) = self.last_transit.replace(transit) {
            self.jitter += ((transit - last).abs() - self.jitter) / 16.0;
        }
    }
}

/// Runs A -> B audio for `seconds`, with RTCP both ways, B playing through a jitter
/// buffer. Gives what the test needs to check.
struct Call {
    t0: Instant,
    a: RtpSession,
    b: RtpSession,
    jb: JitterBuffer,
    ab: Path,
    ba: Path,
    tick: u32,
    played: Vec<u32>,
    /// Per sequence number (offset from A's first): how many copies reached B.
    delivered: Vec<u32>,
    first_seq: Option<u16>,
    /// Packets B accepted, by index from A's first.
    accepted: BTreeSet<usize>,
    /// The index of the packet that ended probation.
    base: Option<usize>,
    dup_deliveries: u32,
    reference: RefJitter,
    /// (tick, jitter-buffer depth, prefetch) every tick.
    depth: Vec<(u32, u32, u32)>,
}

impl Call {
    fn new(seed: u64, ab: Path, ba: Path) -> Self {
        let t0 = Instant::now();
        Call {
            t0,
            a: session(t0, seed),
            b: session(t0, seed + 1),
            jb: JitterBuffer::new(JbConfig::new(8000, 20)),
            ab,
            ba,
            tick: 0,
            played: Vec::new(),
            delivered: Vec::new(),
            first_seq: None,
            accepted: BTreeSet::new(),
            base: None,
            dup_deliveries: 0,
            reference: RefJitter {
                last_transit: None,
                last_ts: None,
                jitter: 0.0,
            },
            depth: Vec::new(),
        }
    }

    fn run(&mut self, ticks: u32) {
        let mut buf = Vec::new();
        for _ in 0..ticks {
            let now = self.t0 + TICK * self.tick;
            let n = self.tick;
            self.a
                .write_rtp(now, PCMU, n == 0, 160 * n, &frame_payload(n), &mut buf)
                .unwrap();
            let seq = RtpPacket::parse(&buf).unwrap().sequence;
            self.first_seq.get_or_insert(seq);
            self.ab.send(now, &buf);
            self.timers(now);
            self.deliver(now);
            if let JbFrame::Normal(p) = self.jb.get(now) {
                self.played
                    .push(u32::from_be_bytes([p[0], p[1], p[2], p[3]]));
            }
            let st = self.jb.state();
            self.depth.push((self.tick, st.size, st.prefetch));
            self.tick += 1;
        }
    }

    fn timers(&mut self, now: Instant) {
        for (side, path) in [(&mut self.a, &mut self.ab), (&mut self.b, &mut self.ba)] {
            while let Some(at) = side.poll_timeout().filter(|&at| at <= now) {
                side.handle_timeout(at);
                while let Some(p) = side.poll_rtcp() {
                    path.send(at, &p);
                }
            }
        }
    }

    fn deliver(&mut self, now: Instant) {
        while let Some((at, data)) = self.ba.recv(now) {
            self.a.handle_rtcp(at, addr(6001), &data).unwrap();
        }
        while let Some((at, data)) = self.ab.recv(now) {
            if is_rtcp(&data) {
                self.b.handle_rtcp(at, addr(5001), &data).unwrap();
                continue;
            }
            let p = RtpPacket::parse(&data).unwrap();
            let index = p.sequence.wrapping_sub(self.first_seq.unwrap()) as usize;
            if self.delivered.len() <= index {
                self.delivered.resize(index + 1, 0);
            }
            self.delivered[index] += 1;
            if self.accepted.contains(&index) {
                self.dup_deliveries += 1;
            }
            let verdict = self.b.handle_rtp(at, addr(5000), &p);
            if matches!(verdict, RtpVerdict::Accept | RtpVerdict::NewSource) {
                if verdict == RtpVerdict::NewSource {
                    self.base = Some(index);
                    self.jb.reset();
                }
                self.accepted.insert(index);
                let arrival = (at - self.t0).as_secs_f64() * 8000.0;
                self.reference.update(arrival, p.timestamp);
                match self
                    .jb
                    .put(at, p.sequence, p.timestamp, p.payload, p.marker)
                {
                    PutResult::Late | PutResult::Duplicate => self.b.note_discarded(1),
                    _ => {}
                }
            }
        }
    }
}

#[test]
fn statistics_match_the_simulated_network() {
    // 40 ms + up to 60 ms of jitter each way (so packets 20 ms apart often swap), 3%
    // loss, 2% duplicates; 60 s of audio.
    let mut call = Call::new(
        100,
        Path::new(1, 40, 60, 0.03, 0.02),
        Path::new(2, 40, 60, 0.03, 0.0),
    );
    call.run(3000);
    let rx = call.b.stats().rx_stat;
    let base = call.base.unwrap();
    let max = *call.accepted.last().unwrap();
    let sent_lost = call.delivered.iter().filter(|&&c| c == 0).count();
    assert!(
        sent_lost > 60 && sent_lost < 130,
        "the network lost {sent_lost} of 3000"
    );
    // A.3: expected (from the base to the highest) minus received, where packets from
    // before the base that were accepted later count as received.
    let missing = (base..=max).filter(|i| !call.accepted.contains(i)).count();
    let before_base = call.accepted.range(..base).count();
    assert_eq!(rx.loss as usize, missing - before_base, "{rx:?}");
    // Every copy of an accepted packet was recognised as a duplicate.
    assert!(call.dup_deliveries > 30, "{}", call.dup_deliveries);
    assert_eq!(rx.dup, call.dup_deliveries);
    assert_eq!(rx.pkt as usize, call.accepted.len());
    assert!(
        rx.reorder > 100,
        "jitter of 60 ms reorders 20 ms packets: {}",
        rx.reorder
    );
    // A.8 against the floating-point reference on the same arrivals (whole samples).
    let jitter_samples = rx.jitter_usec.last as f64 * 8000.0 / 1e6;
    let reference = call.reference.jitter;
    assert!(
        (jitter_samples - reference).abs() <= 2.0,
        "{jitter_samples} vs {reference}"
    );
    // Two independent U[0, 60 ms) delays differ by 60/3 = 20 ms on average, which is
    // what the estimator converges to (taking packets in arrival order adds a little).
    let mean_ms = rx.jitter_usec.mean as f64 / 1000.0;
    assert!((17.0..=25.0).contains(&mean_ms), "mean jitter {mean_ms} ms");
    // A hears about it through B's receiver reports: loss (as of B's last report) and
    // the round trip, 80 to 200 ms (40 ms + [0, 60) ms each way).
    let sa = call.a.stats();
    assert!(
        sa.tx_stat.loss > 0 && sa.tx_stat.loss <= rx.loss,
        "{} vs {}",
        sa.tx_stat.loss,
        rx.loss
    );
    assert!(sa.tx_stat.update_count >= 8, "{}", sa.tx_stat.update_count);
    assert!(sa.tx_stat.jitter_usec.last > 5_000);
    let rtt = sa.rtt_usec;
    assert!(
        rtt.n >= 8 && rtt.min >= 80_000 && rtt.max <= 200_000,
        "{rtt:?}"
    );
    assert!((110_000..=170_000).contains(&rtt.mean), "{rtt:?}");
    assert_eq!(call.b.stats().peer_sdes.cname, call.a.cname());
    // The jitter buffer played frames at most once, in order, and most of them.
    assert!(
        call.played.windows(2).all(|w| w[0] < w[1]),
        "frames repeated or out of order"
    );
    assert!(call.played.len() > 2800, "played {}", call.played.len());
    let jb = call.jb.state();
    // Every frame sent is played, lost on the network or dropped by the buffer, but
    // the one spent on probation and the last ones, still in flight or buffered.
    let accounted = call.played.len() + sent_lost + jb.discard as usize;
    assert!((2975..=3000).contains(&accounted), "{accounted}: {jb:?}");
    assert!(
        jb.avg_delay_msec >= 20 && jb.max_delay_msec <= 200,
        "{jb:?}"
    );
}

#[test]
fn the_jitter_buffer_grows_under_jitter_and_shrinks_after() {
    let mut call = Call::new(
        200,
        Path::new(3, 30, 3, 0.0, 0.0),
        Path::new(4, 30, 3, 0.0, 0.0),
    );
    call.run(1000); // 20 s calm
    call.ab.jitter = Duration::from_millis(120);
    call.run(1000); // 20 s of up to 120 ms jitter
    call.ab.jitter = Duration::from_millis(3);
    call.run(1500); // 30 s calm again
    let phase = |from: u32, to: u32| {
        let rows: Vec<_> = call
            .depth
            .iter()
            .filter(|(t, _, _)| (from..to).contains(t))
            .collect();
        let depth = rows.iter().map(|r| r.1 as f64).sum::<f64>() / rows.len() as f64;
        let prefetch = rows.iter().map(|r| r.2 as f64).sum::<f64>() / rows.len() as f64;
        (depth, prefetch)
    };
    let calm = phase(750, 1000);
    let jittery = phase(1750, 2000);
    let after = phase(3250, 3500);
    assert!(calm.0 <= 1.5 && calm.1 <= 2.0, "calm {calm:?}");
    assert!(
        jittery.0 >= calm.0 + 3.0 && jittery.1 >= 5.0,
        "jittery {jittery:?} vs calm {calm:?}"
    );
    // Afterwards the target is back to the calm one and the depth within it (the
    // buffer plays on below the target while frames keep coming, so the calm phase,
    // which never had to wait, ran shallower still).
    assert!(
        after.1 <= calm.1 && after.0 < after.1 && after.0 <= 1.5,
        "after {after:?} vs {jittery:?} vs calm {calm:?}"
    );
    assert!(call.played.windows(2).all(|w| w[0] < w[1]));
    // No frame was lost in the network; under jitter the buffer lost few to lateness.
    let missing = 3500 - call.played.len();
    assert!(
        missing < 60,
        "{missing} frames not played: {:?}",
        call.jb.state()
    );
}

#[test]
fn dtmf_digits_arrive_once_each_in_order_under_loss() {
    let t0 = Instant::now();
    let mut a = session(t0, 300);
    let mut b = session(t0, 301);
    let mut dtmf_tx = DtmfSender::new(DtmfSenderConfig::default());
    let mut dtmf_rx = DtmfReceiver::new(8000, Duration::from_millis(300));
    let mut net = Path::new(5, 40, 30, 0.10, 0.05);
    let digits = "0123456789*#ABCD";
    dtmf_tx.send_digits(digits).unwrap();
    let mut buf = Vec::new();
    let mut starts = String::new();
    let mut ends = String::new();
    // Per digit: how many of its packets went out so far.
    let mut sent_of = [0u32; 16];
    let mut forced = 0;
    for tick in 0..400u32 {
        let now = t0 + TICK * tick;
        let (pt, marker, ts, payload) = match dtmf_tx.poll(160 * tick) {
            Some(p) => (TELEPHONE_EVENT, p.marker, p.rel_ts, p.payload.to_vec()),
            None => (PCMU, false, 160 * tick, frame_payload(tick).to_vec()),
        };
        a.write_rtp(now, pt, marker, ts, &payload, &mut buf)
            .unwrap();
        // Besides the random loss: drop the first packets of '3', every end packet of
        // '7', and all but one update of '9'.
        let mut drop = false;
        if pt == TELEPHONE_EVENT {
            let ev = TelephoneEvent::parse(&payload).unwrap();
            let k = ev.event as usize;
            sent_of[k] += 1;
            drop = (k == 3 && sent_of[k] <= 2) || (k == 7 && ev.end) || (k == 9 && sent_of[k] != 4);
            forced += drop as u32;
        }
        if !drop {
            // The one update of '9' let through is not lost at random either.
            let keep = pt == TELEPHONE_EVENT && payload[0] == 9;
            let loss = net.loss;
            if keep {
                net.loss = 0.0;
            }
            net.send(now, &buf);
            net.loss = loss;
        }
        while let Some((at, data)) = net.recv(now) {
            let p = RtpPacket::parse(&data).unwrap();
            let verdict = b.handle_rtp(at, addr(5000), &p);
            if p.payload_type == TELEPHONE_EVENT
                && matches!(verdict, RtpVerdict::Accept | RtpVerdict::NewSource)
            {
                dtmf_rx.handle(at, p.timestamp, p.payload).unwrap();
            }
        }
        if let Some(at) = dtmf_rx.poll_timeout().filter(|&at| at <= now) {
            dtmf_rx.handle_timeout(at);
        }
        while let Some(d) = dtmf_rx.poll_digit() {
            match d {
                DtmfDigit::Start { digit, .. } => starts.push(digit),
                DtmfDigit::End { digit, .. } => ends.push(digit),
            }
        }
    }
    assert_eq!(forced, 2 + 3 + 9);
    assert!(!dtmf_tx.is_busy());
    assert_eq!(starts, digits);
    assert_eq!(ends, digits);
    // Sanity: the event codes the test used map to those digits.
    let mapped: String = (0..16).map(|e| event_to_digit(e).unwrap()).collect();
    assert_eq!(mapped, digits);
}
