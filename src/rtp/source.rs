//! Reception state of one remote source, as RFC 3550 Appendix A lays it out: source
//! validation with probation and the extended highest sequence number (A.1), expected
//! and lost packets with the fraction lost per report interval (A.3), and the
//! interarrival jitter estimator (A.8, integer form). On top of A.1, a 128-packet
//! window tells duplicates from late (reordered) packets, which A.1 counts alike.

/// Sequence numbers are 16 bits.
const RTP_SEQ_MOD: u32 = 1 << 16;
/// A.1: a jump forward this large or more is not taken on trust.
const MAX_DROPOUT: u16 = 3000;
/// A.1: a packet this far behind or less counts as reordered, further as a restart.
const MAX_MISORDER: u16 = 100;
/// How far back duplicates are recognised.
const DUP_WINDOW: u32 = 128;

/// What a packet's sequence number means to the source.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum SeqOutcome {
    /// A valid packet: `ahead` says whether it advanced the highest sequence number,
    /// `gap` how many numbers it skipped (for a packet ahead).
    Valid {
        /// It is the new highest sequence number.
        ahead: bool,
        /// Sequence numbers skipped between the previous highest and this one.
        gap: u32,
    },
    /// The source is on probation; the packet is not yet to be used.
    Probation,
    /// A second copy of a packet already received.
    Duplicate,
    /// A large jump: dropped unless the next packet follows it (then `Restarted`).
    BadSeq,
    /// The sender restarted its sequence; statistics start again from this packet.
    Restarted,
}

/// The A.1/A.3/A.8 state of one remote SSRC.
#[derive(Clone, Debug)]
pub(crate) struct Source {
    /// The source.
    pub ssrc: u32,
    max_seq: u16,
    cycles: u32,
    base_seq: u32,
    bad_seq: u32,
    probation: u16,
    min_sequential: u16,
    received: u32,
    expected_prior: u32,
    received_prior: u32,
    /// Bit i set: extended sequence number `max - i` was received.
    seen: u128,
    /// A.8 jitter, scaled by 16.
    jitter: u32,
    transit: Option<u32>,
    last_jitter_ts: Option<u32>,
    last_ts: u32,
}

impl Source {
    /// A new source first heard with `seq`: it is valid once `probation` packets have
    /// arrived in sequence, starting with that one (A.1's MIN_SEQUENTIAL; 0 or 1 make
    /// the first packet valid).
    pub fn new(ssrc: u32, seq: u16, probation: u16) -> Self {
        // MIN_SEQUENTIAL 0 means 1: the first packet goes through A.1's probation branch,
        // which starts the statistics with it.
        let probation = probation.max(1);
        let mut s = Source {
            ssrc,
            max_seq: 0,
            cycles: 0,
            base_seq: 0,
            bad_seq: 0,
            probation,
            min_sequential: probation,
            received: 0,
            expected_prior: 0,
            received_prior: 0,
            seen: 0,
            jitter: 0,
            transit: None,
            last_jitter_ts: None,
            last_ts: 0,
        };
        s.init_seq(seq);
        s.max_seq = seq.wrapping_sub(1);
        s.seen = 0;
        s
    }

    fn init_seq(&mut self, seq: u16) {
        self.base_seq = seq as u32;
        self.max_seq = seq;
        self.bad_seq = RTP_SEQ_MOD + 1;
        self.cycles = 0;
        self.received = 0;
        self.received_prior = 0;
        self.expected_prior = 0;
        self.seen = 1;
    }

    /// A.1 `update_seq`, with duplicates told apart. `ts` is the packet's timestamp.
    pub fn update_seq(&mut self, seq: u16, ts: u32) -> SeqOutcome {
        let udelta = seq.wrapping_sub(self.max_seq);
        if self.probation > 0 {
            if seq == self.max_seq.wrapping_add(1) {
                self.probation -= 1;
                self.max_seq = seq;
                if self.probation == 0 {
                    // Probation over: statistics start with this packet.
                    self.init_seq(seq);
                    self.received = 1;
                    self.last_ts = ts;
                    return SeqOutcome::Valid {
                        ahead: true,
                        gap: 0,
                    };
                }
            } else {
                self.probation = self.min_sequential.saturating_sub(1).max(1);
                self.max_seq = seq;
            }
            return SeqOutcome::Probation;
        }
        if udelta == 0 {
            return SeqOutcome::Duplicate;
        }
        if udelta < MAX_DROPOUT {
            if seq < self.max_seq {
                self.cycles = self.cycles.wrapping_add(RTP_SEQ_MOD);
            }
            self.max_seq = seq;
            self.seen = if (udelta as u32) < DUP_WINDOW {
                (self.seen << udelta) | 1
            } else {
                1
            };
            self.received += 1;
            self.last_ts = ts;
            return SeqOutcome::Valid {
                ahead: true,
                gap: udelta as u32 - 1,
            };
        }
        if udelta as u32 <= RTP_SEQ_MOD - MAX_MISORDER as u32 {
            if seq as u32 == self.bad_seq {
                // Two packets in sequence after a jump: the sender restarted.
                self.init_seq(seq);
                self.received = 1;
                self.last_ts = ts;
                self.transit = None;
                return SeqOutcome::Restarted;
            }
            self.bad_seq = (seq as u32 + 1) & (RTP_SEQ_MOD - 1);
            return SeqOutcome::BadSeq;
        }
        // Behind the highest: a duplicate or a late packet.
        let behind = self.max_seq.wrapping_sub(seq) as u32;
        if behind < DUP_WINDOW {
            let bit = 1u128 << behind;
            if self.seen & bit != 0 {
                return SeqOutcome::Duplicate;
            }
            self.seen |= bit;
        }
        self.received += 1;
        SeqOutcome::Valid {
            ahead: false,
            gap: 0,
        }
    }

    /// The timestamp of the last packet that advanced the highest sequence number.
    pub fn last_ts(&self) -> u32 {
        self.last_ts
    }

    /// The extended highest sequence number received.
    pub fn extended_max(&self) -> u32 {
        self.cycles.wrapping_add(self.max_seq as u32)
    }

    /// A.3: packets expected since the source became valid.
    fn expected(&self) -> u32 {
        self.extended_max()
            .wrapping_sub(self.base_seq)
            .wrapping_add(1)
    }

    /// A.3: cumulative packets lost (negative when late packets from before the base
    /// arrived).
    pub fn cumulative_lost(&self) -> i64 {
        self.expected() as i64 - self.received as i64
    }

    /// A.3: the fraction lost since the previous call, in 1/256ths; starts a new interval.
    pub fn fraction_lost(&mut self) -> u8 {
        let expected = self.expected();
        let expected_interval = expected.wrapping_sub(self.expected_prior);
        self.expected_prior = expected;
        let received_interval = self.received.wrapping_sub(self.received_prior);
        self.received_prior = self.received;
        let lost_interval = expected_interval as i64 - received_interval as i64;
        if expected_interval == 0 || lost_interval <= 0 {
            0
        } else {
            ((lost_interval << 8) / expected_interval as i64).min(255) as u8
        }
    }

    /// A.8: updates the jitter with a packet of timestamp `ts` that arrived at `arrival`
    /// (in timestamp units on the receiver's clock). Gives the transit difference D, or
    /// `None` when there is no previous packet or the packet repeats the previous
    /// timestamp (as telephone-event updates do; counting them would inflate jitter).
    pub fn update_jitter(&mut self, arrival: u32, ts: u32) -> Option<i32> {
        if self.last_jitter_ts == Some(ts) {
            return None;
        }
        self.last_jitter_ts = Some(ts);
        let transit = arrival.wrapping_sub(ts);
        let previous = self.transit.replace(transit)?;
        let d = transit.wrapping_sub(previous) as i32;
        let magnitude = d.unsigned_abs();
        self.jitter = self
            .jitter
            .wrapping_add(magnitude)
            .wrapping_sub((self.jitter + 8) >> 4);
        Some(d)
    }

    /// The jitter in timestamp units, as an RR reports it.
    pub fn jitter(&self) -> u32 {
        self.jitter >> 4
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn valid(ahead: bool, gap: u32) -> SeqOutcome {
        SeqOutcome::Valid { ahead, gap }
    }

    #[test]
    fn probation_then_counting() {
        // MIN_SEQUENTIAL = 2: the first packet is on probation, the second validates.
        let mut s = Source::new(1, 1000, 2);
        assert_eq!(s.update_seq(1000, 0), SeqOutcome::Probation);
        assert_eq!(s.update_seq(1001, 160), valid(true, 0));
        assert_eq!(s.update_seq(1002, 320), valid(true, 0));
        assert_eq!(s.extended_max(), 1002);
        assert_eq!(s.cumulative_lost(), 0);
        // Out of sequence during probation restarts it.
        let mut p = Source::new(2, 10, 3);
        assert_eq!(p.update_seq(10, 0), SeqOutcome::Probation);
        assert_eq!(p.update_seq(12, 0), SeqOutcome::Probation);
        assert_eq!(p.update_seq(13, 0), SeqOutcome::Probation);
        assert_eq!(p.update_seq(14, 0), valid(true, 0));
        // No probation: the first packet counts.
        let mut n = Source::new(3, 7, 0);
        assert_eq!(n.update_seq(7, 0), valid(true, 0));
        assert_eq!(n.expected(), 1);
    }

    /// A.3 by hand: base 65530, packets 65530..=65535, 2, 3 (0 and 1 lost, with a wrap),
    /// then a report; then 4, 6 and a report.
    #[test]
    fn loss_and_fraction_by_hand() {
        let mut s = Source::new(1, 65530, 0);
        for seq in 65530..=65535u16 {
            assert!(matches!(s.update_seq(seq, 0), SeqOutcome::Valid { .. }));
        }
        assert_eq!(s.update_seq(2, 0), valid(true, 2));
        assert_eq!(s.update_seq(3, 0), valid(true, 0));
        // extended max = 65536 + 3 = 65539; expected = 65539 - 65530 + 1 = 10; received 8.
        assert_eq!(s.extended_max(), 65539);
        assert_eq!(s.cumulative_lost(), 2);
        // fraction = (2 << 8) / 10 = 51.
        assert_eq!(s.fraction_lost(), 51);
        assert_eq!(s.update_seq(4, 0), valid(true, 0));
        assert_eq!(s.update_seq(6, 0), valid(true, 1));
        // Interval: expected 3 (4, 5, 6), received 2: (1 << 8) / 3 = 85.
        assert_eq!(s.fraction_lost(), 85);
        assert_eq!(s.cumulative_lost(), 3);
        // Late 5 arrives: loss goes down; the next interval has negative loss -> 0.
        assert_eq!(s.update_seq(5, 0), valid(false, 0));
        assert_eq!(s.cumulative_lost(), 2);
        assert_eq!(s.fraction_lost(), 0);
    }

    #[test]
    fn duplicates_and_reordering() {
        let mut s = Source::new(1, 100, 0);
        let outcomes: Vec<_> = [100u16, 101, 103, 102, 103, 102, 101, 104]
            .iter()
            .map(|&q| s.update_seq(q, 0))
            .collect();
        assert_eq!(
            outcomes,
            vec![
                valid(true, 0),
                valid(true, 0),
                valid(true, 1),
                valid(false, 0),
                SeqOutcome::Duplicate,
                SeqOutcome::Duplicate,
                SeqOutcome::Duplicate,
                valid(true, 0),
            ]
        );
        assert_eq!(s.cumulative_lost(), 0);
        assert_eq!(s.received, 5);
    }

    #[test]
    fn big_jumps_need_confirmation() {
        let mut s = Source::new(1, 10, 0);
        assert_eq!(s.update_seq(10, 0), valid(true, 0));
        assert_eq!(s.update_seq(11, 0), valid(true, 0));
        // A jump of 5000 is dropped once...
        assert_eq!(s.update_seq(5011, 0), SeqOutcome::BadSeq);
        assert_eq!(s.update_seq(12, 0), valid(true, 0));
        // ...and accepted as a restart when the next packet follows it.
        assert_eq!(s.update_seq(6000, 0), SeqOutcome::BadSeq);
        assert_eq!(s.update_seq(6001, 0), SeqOutcome::Restarted);
        assert_eq!(s.extended_max(), 6001);
        assert_eq!(s.cumulative_lost(), 0);
        // A packet 200 behind (beyond MAX_MISORDER) is also a jump.
        assert_eq!(s.update_seq(5801, 0), SeqOutcome::BadSeq);
        // 50 behind is a late packet.
        assert_eq!(s.update_seq(5951, 0), valid(false, 0));
    }

    /// A.8 by hand, 8 kHz, packets every 160 samples, arrival times (in samples) with
    /// transit 100, 120, 90, 90, 130: D = 20, -30, 0, 40.
    /// J (scaled by 16): 0 + 20 - 0 = 20; 20 + 30 - 1 = 49; 49 + 0 - 3 = 46;
    /// 46 + 40 - 3 = 83; reported 83 >> 4 = 5.
    #[test]
    fn jitter_by_hand() {
        let mut s = Source::new(1, 0, 0);
        let transits = [100u32, 120, 90, 90, 130];
        let mut ds = Vec::new();
        for (i, transit) in transits.iter().enumerate() {
            let ts = 1_000 + 160 * i as u32;
            ds.push(s.update_jitter(ts + transit, ts));
        }
        assert_eq!(ds, vec![None, Some(20), Some(-30), Some(0), Some(40)]);
        assert_eq!(s.jitter, 83);
        assert_eq!(s.jitter(), 5);
        // A repeated timestamp (telephone-event update) leaves it alone.
        assert_eq!(s.update_jitter(5_000, 1_000 + 640), None);
        assert_eq!(s.jitter, 83);
    }

    #[test]
    fn timestamps_and_arrival_wrap() {
        let mut s = Source::new(1, 0, 0);
        assert_eq!(s.update_jitter(10, u32::MAX - 100), None);
        assert_eq!(s.update_jitter(170, 59), Some(0));
        assert_eq!(s.jitter(), 0);
    }
}
