//! The RTCP transmission interval (RFC 3550 §6.3 and Appendix A.7): the deterministic
//! interval from the session bandwidth, membership and average RTCP size, with a minimum
//! (5 s by default, halved before the first report), randomised to [0.5, 1.5] times
//! itself and divided by e - 3/2; plus the running average RTCP packet size (§6.3.3).

use crate::rng::Rng;
use std::time::Duration;

/// §6.2: the recommended minimum interval between reports.
pub const RTCP_MIN_TIME: Duration = Duration::from_secs(5);
/// §6.3.1: e - 3/2, compensating for timer reconsideration's bias to short intervals.
const COMPENSATION: f64 = std::f64::consts::E - 1.5;
/// §6.2: RTCP's share of the session bandwidth.
const RTCP_FRACTION: f64 = 0.05;
/// §6.2: the senders' share of the RTCP bandwidth when they are a quarter of members or
/// fewer.
const SENDER_FRACTION: f64 = 0.25;
/// IPv4 + UDP header octets, counted in the RTCP packet size (§6.2).
pub const IP_UDP_OVERHEAD: usize = 28;

/// What the interval depends on.
#[derive(Clone, Copy, Debug)]
pub struct IntervalInput {
    /// Session bandwidth in bits per second (the codec rate plus packet overhead).
    pub session_bandwidth_bps: u32,
    /// Participants, including us.
    pub members: u32,
    /// Participants that sent RTP recently, including us.
    pub senders: u32,
    /// Whether we are one of the senders.
    pub we_sent: bool,
    /// The average RTCP packet size in octets, lower layers included.
    pub avg_rtcp_size: f64,
    /// Whether no report has been sent yet.
    pub initial: bool,
    /// The minimum interval ([`RTCP_MIN_TIME`] unless configured otherwise).
    pub min_interval: Duration,
}

/// A.7 `rtcp_interval`: the time until the next report, randomised with `rng`.
pub fn rtcp_interval(input: &IntervalInput, rng: &mut Rng) -> Duration {
    let min_time = if input.initial {
        input.min_interval.as_secs_f64() / 2.0
    } else {
        input.min_interval.as_secs_f64()
    };
    // Octets per second available to RTCP.
    let mut rtcp_bw = input.session_bandwidth_bps as f64 * RTCP_FRACTION / 8.0;
    let mut n = input.members.max(1) as f64;
    let senders = input.senders as f64;
    if senders <= n * SENDER_FRACTION {
        if input.we_sent {
            rtcp_bw *= SENDER_FRACTION;
            n = senders;
        } else {
            rtcp_bw *= 1.0 - SENDER_FRACTION;
            n -= senders;
        }
    }
    let mut t = if rtcp_bw > 0.0 {
        input.avg_rtcp_size * n / rtcp_bw
    } else {
        min_time
    };
    if t < min_time {
        t = min_time;
    }
    t *= rng.unit() + 0.5;
    Duration::from_secs_f64(t / COMPENSATION)
}

/// §6.3.3: folds a sent or received compound packet of `len` octets (without lower
/// layers) into the running average.
pub fn update_avg_size(avg: f64, len: usize) -> f64 {
    (len + IP_UDP_OVERHEAD) as f64 / 16.0 + avg * 15.0 / 16.0
}

#[cfg(test)]
mod tests {
    use super::*;

    fn two_party(initial: bool) -> IntervalInput {
        IntervalInput {
            session_bandwidth_bps: 80_000,
            members: 2,
            senders: 2,
            we_sent: true,
            avg_rtcp_size: 100.0,
            initial,
            min_interval: RTCP_MIN_TIME,
        }
    }

    #[test]
    fn the_minimum_dominates_a_voice_call() {
        // 5% of 80 kbit/s is 500 octets/s; 2 members x 100 octets needs 0.4 s < 5 s.
        let mut rng = Rng::from_seed(1);
        let (lo, hi) = (5.0 * 0.5 / COMPENSATION, 5.0 * 1.5 / COMPENSATION);
        let mut sum = 0.0;
        for _ in 0..10_000 {
            let t = rtcp_interval(&two_party(false), &mut rng).as_secs_f64();
            assert!(t >= lo && t < hi, "{t}");
            sum += t;
        }
        // The mean is 5 / (e - 1.5) = 4.104 s.
        let mean = sum / 10_000.0;
        assert!((mean - 5.0 / COMPENSATION).abs() < 0.03, "{mean}");
        // The first report may come after half the minimum.
        for _ in 0..1000 {
            let t = rtcp_interval(&two_party(true), &mut rng).as_secs_f64();
            assert!(t >= lo / 2.0 && t < hi / 2.0, "{t}");
        }
    }

    #[test]
    fn bandwidth_limited_and_sender_share() {
        // 1.6 kbit/s: 10 octets/s; 2 x 100 / 10 = 20 s before randomisation.
        let input = IntervalInput {
            session_bandwidth_bps: 1_600,
            ..two_party(false)
        };
        let mut rng = Rng::from_seed(2);
        for _ in 0..1000 {
            let t = rtcp_interval(&input, &mut rng).as_secs_f64();
            assert!(
                (10.0 / COMPENSATION..30.0 / COMPENSATION).contains(&t),
                "{t}"
            );
        }
        // 10 members, 1 sender (us): senders share a quarter of 10 octets/s, n = 1:
        // 100 / 2.5 = 40 s. A receiver among them: n = 9, 7.5 octets/s: 120 s.
        let sender = IntervalInput {
            members: 10,
            senders: 1,
            ..input
        };
        let t = rtcp_interval(&sender, &mut rng).as_secs_f64();
        assert!(
            (20.0 / COMPENSATION..60.0 / COMPENSATION).contains(&t),
            "{t}"
        );
        let receiver = IntervalInput {
            we_sent: false,
            ..sender
        };
        let t = rtcp_interval(&receiver, &mut rng).as_secs_f64();
        assert!(
            (60.0 / COMPENSATION..180.0 / COMPENSATION).contains(&t),
            "{t}"
        );
    }

    #[test]
    fn a_configured_minimum() {
        // 1 s instead of 5 s: the interval scales with it while bandwidth allows.
        let input = IntervalInput {
            min_interval: Duration::from_secs(1),
            ..two_party(false)
        };
        let mut rng = Rng::from_seed(3);
        for _ in 0..1000 {
            let t = rtcp_interval(&input, &mut rng).as_secs_f64();
            assert!((0.5 / COMPENSATION..1.5 / COMPENSATION).contains(&t), "{t}");
        }
    }

    #[test]
    fn seeded_runs_repeat() {
        let a: Vec<_> = {
            let mut rng = Rng::from_seed(9);
            (0..5)
                .map(|_| rtcp_interval(&two_party(false), &mut rng))
                .collect()
        };
        let mut rng = Rng::from_seed(9);
        let b: Vec<_> = (0..5)
            .map(|_| rtcp_interval(&two_party(false), &mut rng))
            .collect();
        assert_eq!(a, b);
    }

    #[test]
    fn average_size() {
        // (72 + 28) / 16 + 100 * 15 / 16 = 6.25 + 93.75 = 100.
        assert_eq!(update_avg_size(100.0, 72), 100.0);
        assert_eq!(update_avg_size(0.0, 132), 10.0);
    }
}
