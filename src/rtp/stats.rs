//! Stream statistics with the shape and meaning of PJSUA2's `StreamStat`: `RtcpStat`
//! (`pjmedia_rtcp_stat`) with its per-direction `RtcpStreamStat`, `MathStat` and the
//! peer's `RtcpSdes`, plus the jitter buffer's `JbufState`. Field names are PJSUA2's in
//! snake case; times that PJSUA2 gives as `TimeVal` are wall-clock `SystemTime`s here.

use super::jitter::JbufState;
use std::time::SystemTime;

/// Running statistics of a series of integer samples (PJSUA2 `MathStat`,
/// `pj_math_stat`): count, min, max, last and mean, plus the standard deviation.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct MathStat {
    /// Number of samples.
    pub n: u32,
    /// Largest sample.
    pub max: i64,
    /// Smallest sample.
    pub min: i64,
    /// Latest sample.
    pub last: i64,
    /// Mean, rounded toward zero.
    pub mean: i64,
    /// Welford's running mean and sum of squared deviations, for `stddev`.
    fmean: f64,
    m2: f64,
}

impl MathStat {
    /// Adds a sample.
    pub fn update(&mut self, value: i64) {
        if self.n == 0 {
            self.min = value;
            self.max = value;
        } else {
            self.min = self.min.min(value);
            self.max = self.max.max(value);
        }
        self.n += 1;
        self.last = value;
        let delta = value as f64 - self.fmean;
        self.fmean += delta / self.n as f64;
        self.m2 += delta * (value as f64 - self.fmean);
        self.mean = self.fmean as i64;
    }

    /// The population standard deviation, rounded to the nearest integer.
    pub fn stddev(&self) -> i64 {
        if self.n == 0 {
            return 0;
        }
        (self.m2 / self.n as f64).sqrt().round() as i64
    }
}

/// How losses came (PJSUA2 `LossType`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct LossType {
    /// Gaps of two or more consecutive packets.
    pub burst: u32,
    /// Gaps of a single packet.
    pub random: u32,
}

/// One direction of a stream (PJSUA2 `RtcpStreamStat`). For reception everything is
/// measured locally; for transmission `pkt` and `bytes` are counted locally and `loss`
/// and `jitter_usec` come from the peer's reception reports.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct RtcpStreamStat {
    /// When these figures were last updated by RTCP (a report sent for reception, one
    /// received for transmission); `None` before the first.
    pub update: Option<SystemTime>,
    /// How many such updates there were.
    pub update_count: u32,
    /// RTP packets (for reception: accepted ones, not duplicates).
    pub pkt: u64,
    /// RTP payload bytes.
    pub bytes: u64,
    /// Packets discarded (bad sequence, unvalidated or foreign source, or refused by the
    /// jitter buffer as late or duplicate).
    pub discard: u32,
    /// Packets lost (RFC 3550 A.3 cumulative loss, never negative here).
    pub loss: u32,
    /// Packets that arrived out of order.
    pub reorder: u32,
    /// Duplicate packets.
    pub dup: u32,
    /// Duration of each loss gap, in microseconds.
    pub loss_period_usec: MathStat,
    /// Loss gaps by kind.
    pub loss_type: LossType,
    /// Interarrival jitter (RFC 3550 A.8), in microseconds.
    pub jitter_usec: MathStat,
}

/// The peer's source description items (PJSUA2 `RtcpSdes`).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RtcpSdes {
    /// CNAME.
    pub cname: String,
    /// NAME.
    pub name: String,
    /// EMAIL.
    pub email: String,
    /// PHONE.
    pub phone: String,
    /// LOC.
    pub loc: String,
    /// TOOL.
    pub tool: String,
    /// NOTE.
    pub note: String,
}

/// Both directions of a stream with the round-trip time (PJSUA2 `RtcpStat`).
#[derive(Clone, Debug, PartialEq)]
pub struct RtcpStat {
    /// When the session was created.
    pub start: SystemTime,
    /// What we send.
    pub tx_stat: RtcpStreamStat,
    /// What we receive.
    pub rx_stat: RtcpStreamStat,
    /// Round-trip time from the peer's reports (RFC 3550 §6.4.1 LSR/DLSR), microseconds.
    pub rtt_usec: MathStat,
    /// RTP timestamp of the last packet sent.
    pub rtp_tx_last_ts: u32,
    /// Sequence number of the last packet sent.
    pub rtp_tx_last_seq: u16,
    /// IP packet delay variation: the signed transit difference D(i-1, i) of RFC 3550
    /// §6.4.1 for each received packet, in microseconds.
    pub rx_ipdv_usec: MathStat,
    /// Raw jitter: the magnitude of that difference, in microseconds.
    pub rx_raw_jitter_usec: MathStat,
    /// The peer's source description.
    pub peer_sdes: RtcpSdes,
}

/// Everything PJSUA2's `Call::getStreamStat` reports (PJSUA2 `StreamStat`).
#[derive(Clone, Debug, PartialEq)]
pub struct StreamStat {
    /// RTP/RTCP statistics of the session.
    pub rtcp: RtcpStat,
    /// The jitter buffer's state.
    pub jbuf: JbufState,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn math_stat_by_hand() {
        let mut s = MathStat::default();
        assert_eq!(s.stddev(), 0);
        for v in [2, 4, 4, 4, 5, 5, 7, 9] {
            s.update(v);
        }
        assert_eq!((s.n, s.min, s.max, s.last, s.mean), (8, 2, 9, 9, 5));
        assert_eq!(s.stddev(), 2);
        let mut neg = MathStat::default();
        neg.update(-3);
        neg.update(1);
        assert_eq!((neg.min, neg.max, neg.mean), (-3, 1, -1));
    }
}
