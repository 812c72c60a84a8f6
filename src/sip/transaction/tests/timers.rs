//! The timer values of RFC 3261 §17 (Table 4) measured in simulated time: the
//! retransmission schedules (A doubles; E and G double up to T2; E is T2 in Proceeding),
//! the timeouts B, F, H (64*T1), the wait timers D (at least 32 s), I and K (T4), J, L and
//! M (64*T1) on UDP, and D, I, J, K at zero on TCP, with the default T1/T2/T4 and with
//! other values, to show they come from the [`TimerConfig`].

use super::super::*;
use super::sim::*;
use crate::sip::method::Method;
use crate::sip::transport::TransportKind::{self, Tcp, Udp};

/// T1 = 100 ms, T2 = 1 s, T4 = 3 s, Timer D 40 s: every value differs from the default.
fn custom() -> TimerConfig {
    TimerConfig {
        t1: Duration::from_millis(100),
        t2: Duration::from_secs(1),
        t4: Duration::from_secs(3),
        td: Duration::from_secs(40),
    }
}

fn ms(t0: Instant, t: Instant) -> u64 {
    (t - t0).as_millis() as u64
}

fn all_ms(t0: Instant, times: &[Instant]) -> Vec<u64> {
    times.iter().map(|t| ms(t0, *t)).collect()
}

/// When the event `want` happened, in ms after `t0`.
fn when(t0: Instant, events: &[(Instant, TsxEvent)], want: TsxEvent) -> Option<u64> {
    events
        .iter()
        .find(|(_, e)| *e == want)
        .map(|(t, _)| ms(t0, *t))
}

/// The server transaction B created for the first request.
fn server_tsx(sim: &Sim) -> TsxId {
    sim.events_b
        .iter()
        .find_map(|(_, e)| match e {
            TsxEvent::Request { tsx: Some(id), .. } => Some(*id),
            _ => None,
        })
        .expect("B got the request")
}

/// A sends one `method` request at t0 on `kind` and B's TU answers it with `status`
/// (0: never); the network runs for `secs` simulated seconds, losing everything when
/// `lossy`. Returns the network, t0 and A's transaction.
fn exchange(
    timers: TimerConfig,
    kind: TransportKind,
    method: Method,
    status: u16,
    lossy: bool,
    secs: u64,
) -> (Sim, Instant, TsxId) {
    let mut sim = Sim::with_timers(42, if lossy { 1.0 } else { 0.0 }, kind, timers);
    let t0 = sim.now;
    let id = sim
        .a
        .send_request(t0, request(method, "t", kind), flow(kind, B))
        .unwrap();
    let mut tu = respond_to_new(status);
    let until = t0 + Duration::from_secs(secs);
    sim.run(until, &mut |layer, now, e| {
        if status != 0 {
            tu(layer, now, e)
        }
    });
    (sim, t0, id)
}

#[test]
fn timer_a_doubles_without_a_cap_and_timer_b_is_64_t1() {
    // §17.1.1.2: A starts at T1 and doubles (no T2 cap for INVITE); B = 64*T1.
    for (timers, sends, b) in [
        (
            TimerConfig::default(),
            vec![0, 500, 1500, 3500, 7500, 15500, 31500],
            32_000,
        ),
        (custom(), vec![0, 100, 300, 700, 1500, 3100, 6300], 6_400),
    ] {
        let (sim, t0, id) = exchange(timers, Udp, Method::Invite, 0, true, 80);
        assert_eq!(all_ms(t0, &sim.sent_a), sends, "{timers:?}");
        assert_eq!(
            when(t0, &sim.events_a, TsxEvent::Timeout { tsx: id }),
            Some(b)
        );
        assert_eq!(
            when(t0, &sim.events_a, TsxEvent::Terminated { tsx: id }),
            Some(b)
        );
    }
}

#[test]
fn timer_e_doubles_up_to_t2_and_timer_f_is_64_t1() {
    // §17.1.2.2: E starts at T1 and doubles up to T2; F = 64*T1.
    for (timers, sends, f) in [
        (
            TimerConfig::default(),
            vec![
                0, 500, 1500, 3500, 7500, 11500, 15500, 19500, 23500, 27500, 31500,
            ],
            32_000,
        ),
        (
            custom(),
            vec![0, 100, 300, 700, 1500, 2500, 3500, 4500, 5500],
            6_400,
        ),
    ] {
        let (sim, t0, id) = exchange(timers, Udp, Method::Options, 0, true, 80);
        assert_eq!(all_ms(t0, &sim.sent_a), sends, "{timers:?}");
        assert_eq!(
            when(t0, &sim.events_a, TsxEvent::Timeout { tsx: id }),
            Some(f)
        );
    }
}

#[test]
fn timer_e_fires_every_t2_once_proceeding() {
    // §17.1.2.2: after a provisional response, the request is retransmitted every T2.
    // The 100 reaches A at 40 ms, before E first fires at T1 = 100 ms.
    let (sim, t0, id) = exchange(custom(), Udp, Method::Options, 100, false, 10);
    assert_eq!(
        all_ms(t0, &sim.sent_a),
        [0, 100, 1100, 2100, 3100, 4100, 5100, 6100]
    );
    assert_eq!(
        when(t0, &sim.events_a, TsxEvent::Timeout { tsx: id }),
        Some(6_400)
    );
}

#[test]
fn timer_g_doubles_up_to_t2_and_timer_h_is_64_t1() {
    // §17.2.1: the 486 sent at 20 ms is retransmitted at T1, 2*T1 ... up to T2 until
    // Timer H (64*T1) when no ACK comes; everything after the INVITE is lost.
    for (timers, sends, h) in [
        (
            TimerConfig::default(),
            vec![
                20, 520, 1520, 3520, 7520, 11520, 15520, 19520, 23520, 27520, 31520,
            ],
            32_020,
        ),
        (
            custom(),
            vec![20, 120, 320, 720, 1520, 2520, 3520, 4520, 5520],
            6_420,
        ),
    ] {
        let mut sim = Sim::with_timers(7, 0.0, Udp, timers);
        let t0 = sim.now;
        sim.a
            .send_request(t0, request(Method::Invite, "g", Udp), flow(Udp, B))
            .unwrap();
        sim.run(t0 + Duration::from_millis(30), &mut respond_to_new(486));
        sim.loss = 1.0;
        sim.run(t0 + Duration::from_secs(80), &mut |_, _, _| {});
        let id = server_tsx(&sim);
        assert_eq!(all_ms(t0, &sim.sent_b), sends, "{timers:?}");
        assert_eq!(
            when(t0, &sim.events_b, TsxEvent::Timeout { tsx: id }),
            Some(h)
        );
    }
}

#[test]
fn timer_d_is_at_least_32_s_on_udp_and_zero_on_tcp() {
    // §17.1.1.2: the 486 reaches A at 40 ms; A waits Timer D in Completed for response
    // retransmissions: the configured value (32 s by default), never less than 64*T1,
    // and zero on a reliable transport.
    let t1 = |ms| TimerConfig {
        t1: Duration::from_millis(ms),
        ..TimerConfig::default()
    };
    for (timers, kind, ended) in [
        (TimerConfig::default(), Udp, 32_040),
        (t1(100), Udp, 32_040),
        (custom(), Udp, 40_040),
        (t1(1000), Udp, 64_040),
        (TimerConfig::default(), Tcp, 40),
        (custom(), Tcp, 40),
    ] {
        let (sim, t0, id) = exchange(timers, kind, Method::Invite, 486, false, 100);
        assert_eq!(finals(&sim.events_a), [486]);
        assert_eq!(
            when(t0, &sim.events_a, TsxEvent::Terminated { tsx: id }),
            Some(ended),
            "{kind} {timers:?}"
        );
    }
}

#[test]
fn timer_i_is_t4_on_udp_and_zero_on_tcp() {
    // §17.2.1: the ACK reaches B at 60 ms; B waits Timer I (T4) in Confirmed to absorb
    // ACK retransmissions, zero on a reliable transport.
    for (timers, kind, ended) in [
        (TimerConfig::default(), Udp, 5_060),
        (custom(), Udp, 3_060),
        (TimerConfig::default(), Tcp, 60),
        (custom(), Tcp, 60),
    ] {
        let (sim, t0, _) = exchange(timers, kind, Method::Invite, 486, false, 100);
        let id = server_tsx(&sim);
        assert_eq!(
            when(t0, &sim.events_b, TsxEvent::Terminated { tsx: id }),
            Some(ended),
            "{kind} {timers:?}"
        );
        assert!(
            when(t0, &sim.events_b, TsxEvent::Timeout { tsx: id }).is_none(),
            "the ACK stopped Timer H"
        );
    }
}

#[test]
fn timer_k_is_t4_and_timer_j_is_64_t1_on_udp_and_both_zero_on_tcp() {
    // §17.1.2.2 and §17.2.2: B answers 200 at 20 ms (Timer J), A gets it at 40 ms (K).
    for (timers, kind, k, j) in [
        (TimerConfig::default(), Udp, 5_040, 32_020),
        (custom(), Udp, 3_040, 6_420),
        (custom(), Tcp, 40, 20),
    ] {
        let (sim, t0, id) = exchange(timers, kind, Method::Options, 200, false, 100);
        let server = server_tsx(&sim);
        assert_eq!(
            when(t0, &sim.events_a, TsxEvent::Terminated { tsx: id }),
            Some(k),
            "K on {kind} {timers:?}"
        );
        assert_eq!(
            when(t0, &sim.events_b, TsxEvent::Terminated { tsx: server }),
            Some(j),
            "J on {kind} {timers:?}"
        );
    }
}

#[test]
fn timers_l_and_m_are_64_t1() {
    // RFC 6026 §8.7 and §8.4: B sends the 2xx at 20 ms (L), A gets it at 40 ms (M).
    for (timers, m, l) in [
        (TimerConfig::default(), 32_040, 32_020),
        (custom(), 6_440, 6_420),
    ] {
        let (sim, t0, id) = exchange(timers, Udp, Method::Invite, 200, false, 100);
        let server = server_tsx(&sim);
        assert_eq!(
            when(t0, &sim.events_a, TsxEvent::Terminated { tsx: id }),
            Some(m)
        );
        assert_eq!(
            when(t0, &sim.events_b, TsxEvent::Terminated { tsx: server }),
            Some(l)
        );
    }
}
