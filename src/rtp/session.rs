//! One RTP session of a media stream (RFC 3550), sans-IO: one local SSRC that sends and
//! one remote source that is received.
//!
//! Sending: [`RtpSession::write_rtp`] numbers packets from a random start and maps the
//! caller's relative timestamps onto a random base. Receiving: [`RtpSession::handle_rtp`]
//! validates the source (probation, A.1), follows SSRC changes (a new SSRC replaces the
//! current one once it has passed probation), and keeps the A.3/A.8 statistics;
//! [`RtpSession::handle_rtcp`] reads the peer's reports (round-trip time from LSR/DLSR,
//! how the peer receives us) and SDES. RTCP goes out on the RFC 3550 §6.3 schedule
//! through [`RtpSession::poll_timeout`], [`RtpSession::handle_timeout`] and
//! [`RtpSession::poll_rtcp`]: SR or RR plus SDES CNAME, with BYE on [`RtpSession::close`].
//!
//! When the peer's packets carry our own SSRC, the session follows RFC 3550 §8.2: a
//! collision makes it say BYE and take a new SSRC, our own packets looped back are dropped.
//!
//! Symmetric RTP is decided by the stream, which gets the source address of the last
//! accepted packet from [`RtpSession::last_rtp_source`].

use super::interval::{IP_UDP_OVERHEAD, RTCP_MIN_TIME};
use super::ntp::WallClock;
use super::packet::{RtpError, RtpPacket};
use super::source::{SeqOutcome, Source};
use super::stats::{MathStat, RtcpSdes, RtcpStat, RtcpStreamStat};
use crate::rng::Rng;
use std::collections::VecDeque;
use std::net::{IpAddr, SocketAddr};
use std::time::{Duration, Instant, SystemTime};

/// How a session is set up.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RtpSessionConfig {
    /// The RTP clock rate of the stream (8000 for G.711, 48000 for Opus...).
    pub clock_rate: u32,
    /// The SDES CNAME; empty picks a random one (RFC 7022). At most 255 bytes are sent.
    pub cname: String,
    /// The session bandwidth in bits per second, for the RTCP interval (§6.2).
    pub session_bandwidth_bps: u32,
    /// Report [`RtpEvent::RtpTimeout`] after this long without RTP from the peer.
    pub rtp_timeout: Option<Duration>,
    /// Packets a new source must deliver in sequence before it is accepted (RFC 3550
    /// A.1 MIN_SEQUENTIAL); 0 or 1 accept its first packet.
    pub probation: u16,
    /// The minimum RTCP report interval (§6.2: 5 s; halved before the first report).
    pub rtcp_min_interval: Duration,
}

impl RtpSessionConfig {
    /// Defaults: random CNAME, 80 kbit/s (64 kbit/s of G.711 plus headers), no RTP
    /// timeout, probation of 2 packets as in RFC 3550 A.1, reports at least 5 s apart.
    pub fn new(clock_rate: u32) -> Self {
        RtpSessionConfig {
            clock_rate,
            cname: String::new(),
            session_bandwidth_bps: 80_000,
            rtp_timeout: None,
            probation: 2,
            rtcp_min_interval: RTCP_MIN_TIME,
        }
    }
}

/// What to do with a received RTP packet.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RtpVerdict {
    /// Valid: give its payload to the jitter buffer.
    Accept,
    /// Valid, and the first of a new remote source (the first source, or a new SSRC
    /// after a re-INVITE or a restart): reset the jitter buffer, then give it the payload.
    NewSource,
    /// A copy of a packet already accepted: drop it.
    Duplicate,
    /// Our own packet looped back (it carries our SSRC, RFC 3550 §8.2): drop it.
    Looped,
    /// From a source still on probation: drop it.
    Probation,
    /// A sequence jump not yet confirmed, or the session is closed: drop it.
    Discard,
}

/// Something the session reports to the stream.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RtpEvent {
    /// No RTP arrived for the configured timeout. Reported once; armed again by the
    /// next packet.
    RtpTimeout {
        /// Time since the last packet (or since the session started).
        silent_for: Duration,
    },
    /// The remote source said goodbye.
    Bye {
        /// The source.
        ssrc: u32,
        /// Its reason text, if any.
        reason: Option<String>,
    },
    /// The peer uses our SSRC (RFC 3550 §8.2): we said BYE for the old one and send
    /// with a new one from now on.
    SsrcCollision {
        /// The SSRC given up.
        old: u32,
        /// The SSRC used from now on.
        new: u32,
    },
}

/// The RTP/RTCP state of one stream.
#[derive(Debug)]
pub struct RtpSession {
    cfg: RtpSessionConfig,
    cname: String,
    clock: WallClock,
    start: Instant,
    rng: Rng,
    // Sending.
    ssrc: u32,
    next_seq: u16,
    ts_base: u32,
    last_tx: Option<(Instant, u32)>,
    tx: RtcpStreamStat,
    rtt: MathStat,
    // Receiving.
    current: Option<Source>,
    candidate: Option<Source>,
    rx: RtcpStreamStat,
    lost_before: i64,
    rtp_from: Option<SocketAddr>,
    rtcp_from: Option<SocketAddr>,
    last_rx: Option<Instant>,
    last_sr: Option<(u32, u32, Instant)>,
    peer_sdes: RtcpSdes,
    ipdv: MathStat,
    raw_jitter: MathStat,
    // RTCP schedule: packet counts at the last two reports, for "sent recently".
    tx_at_reports: [u64; 2],
    rx_at_reports: [u64; 2],
    avg_rtcp_size: f64,
    initial: bool,
    last_report: Instant,
    next_report: Instant,
    timeout_at: Option<Instant>,
    outgoing: VecDeque<Vec<u8>>,
    events: VecDeque<RtpEvent>,
    /// Addresses that sent packets with our SSRC (§8.2), oldest first.
    conflicts: Vec<IpAddr>,
    closed: bool,
}

impl RtpSession {
    /// A session started at `now`, when the wall clock read `wallclock`. The SSRC, the
    /// first sequence number, the timestamp base, a random CNAME and the RTCP schedule
    /// come from a generator seeded from `rng`.
    pub fn new(now: Instant, wallclock: SystemTime, cfg: RtpSessionConfig, rng: &mut Rng) -> Self {
        let mut rng = Rng::from_seed(rng.next_u64());
        let ssrc = rng.next_u64() as u32;
        let next_seq = rng.next_u64() as u16;
        let ts_base = rng.next_u64() as u32;
        let mut cname = if cfg.cname.is_empty() {
            rng.token(16)
        } else {
            cfg.cname.clone()
        };
        truncate_utf8(&mut cname, 255);
        // A.7: start from the probable size of the first report: SR with one block, and
        // SDES with the CNAME, plus IP and UDP.
        let avg_rtcp_size = (52 + 12 + cname.len() + IP_UDP_OVERHEAD) as f64;
        let mut session = RtpSession {
            timeout_at: cfg.rtp_timeout.and_then(|d| now.checked_add(d)),
            cfg,
            cname,
            clock: WallClock::new(now, wallclock),
            start: now,
            rng,
            ssrc,
            next_seq,
            ts_base,
            last_tx: None,
            tx: RtcpStreamStat::default(),
            rtt: MathStat::default(),
            current: None,
            candidate: None,
            rx: RtcpStreamStat::default(),
            lost_before: 0,
            rtp_from: None,
            rtcp_from: None,
            last_rx: None,
            last_sr: None,
            peer_sdes: RtcpSdes::default(),
            ipdv: MathStat::default(),
            raw_jitter: MathStat::default(),
            tx_at_reports: [0; 2],
            rx_at_reports: [0; 2],
            avg_rtcp_size,
            initial: true,
            last_report: now,
            next_report: now,
            outgoing: VecDeque::new(),
            events: VecDeque::new(),
            conflicts: Vec::new(),
            closed: false,
        };
        session.next_report = now + session.interval();
        session
    }

    /// Our SSRC.
    pub fn ssrc(&self) -> u32 {
        self.ssrc
    }

    /// Our CNAME.
    pub fn cname(&self) -> &str {
        &self.cname
    }

    /// The SSRC of the accepted remote source, if any.
    pub fn remote_ssrc(&self) -> Option<u32> {
        self.current.as_ref().map(|s| s.ssrc)
    }

    /// Where the last accepted RTP packet came from: the address to latch onto for
    /// symmetric RTP.
    pub fn last_rtp_source(&self) -> Option<SocketAddr> {
        self.rtp_from
    }

    /// Where the last valid RTCP packet came from.
    pub fn last_rtcp_source(&self) -> Option<SocketAddr> {
        self.rtcp_from
    }

    /// Changes the RTP timeout (e.g. off while the call is on hold); the clock restarts
    /// at `now`.
    pub fn set_rtp_timeout(&mut self, now: Instant, timeout: Option<Duration>) {
        self.cfg.rtp_timeout = timeout;
        self.timeout_at = timeout
            .filter(|_| !self.closed)
            .and_then(|d| now.checked_add(d));
    }

    /// Writes the next RTP packet into `out` (replacing its contents). `rel_ts` is the
    /// media position in samples since the stream began (wrapping); the session adds its
    /// random base. Packets of one telephone event repeat the same `rel_ts`.
    pub fn write_rtp(
        &mut self,
        now: Instant,
        payload_type: u8,
        marker: bool,
        rel_ts: u32,
        payload: &[u8],
        out: &mut Vec<u8>,
    ) -> Result<(), RtpError> {
        let ts = self.ts_base.wrapping_add(rel_ts);
        let mut packet = RtpPacket::new(payload_type, self.next_seq, ts, self.ssrc, payload);
        packet.marker = marker;
        packet.write(out)?;
        self.next_seq = self.next_seq.wrapping_add(1);
        self.tx.pkt += 1;
        self.tx.bytes += payload.len() as u64;
        self.last_tx = Some((now, ts));
        Ok(())
    }

    /// Takes a received RTP packet (already parsed; `from` is its source address) and
    /// says what to do with it. Any packet re-arms the RTP timeout.
    pub fn handle_rtp(&mut self, now: Instant, from: SocketAddr, packet: &RtpPacket) -> RtpVerdict {
        if self.closed {
            return RtpVerdict::Discard;
        }
        self.last_rx = Some(now);
        self.timeout_at = self.cfg.rtp_timeout.and_then(|d| now.checked_add(d));
        if packet.ssrc == self.ssrc && !self.own_ssrc_seen(from) {
            self.rx.discard += 1;
            return RtpVerdict::Looped;
        }
        let (seq, ts) = (packet.sequence, packet.timestamp);
        if let Some(src) = self.current.as_mut().filter(|s| s.ssrc == packet.ssrc) {
            let prev_ts = src.last_ts();
            let lost_so_far = src.cumulative_lost();
            match src.update_seq(seq, ts) {
                SeqOutcome::Valid { ahead, gap } => {
                    self.account(now, from, packet, ahead, gap, prev_ts);
                    RtpVerdict::Accept
                }
                SeqOutcome::Restarted => {
                    self.lost_before += lost_so_far;
                    self.account(now, from, packet, true, 0, ts);
                    RtpVerdict::Accept
                }
                SeqOutcome::Duplicate => {
                    self.rx.dup += 1;
                    RtpVerdict::Duplicate
                }
                SeqOutcome::BadSeq | SeqOutcome::Probation => {
                    self.rx.discard += 1;
                    RtpVerdict::Discard
                }
            }
        } else {
            let probation = self.cfg.probation;
            let candidate = match self.candidate.take() {
                Some(c) if c.ssrc == packet.ssrc => self.candidate.insert(c),
                _ => self
                    .candidate
                    .insert(Source::new(packet.ssrc, seq, probation)),
            };
            match candidate.update_seq(seq, ts) {
                SeqOutcome::Valid { .. } => {
                    if let Some(old) = self.current.take() {
                        self.lost_before += old.cumulative_lost();
                    }
                    self.current = self.candidate.take();
                    self.last_sr = None;
                    self.account(now, from, packet, true, 0, ts);
                    RtpVerdict::NewSource
                }
                _ => {
                    self.rx.discard += 1;
                    RtpVerdict::Probation
                }
            }
        }
    }

    /// Counts an accepted packet of the current source.
    fn account(
        &mut self,
        now: Instant,
        from: SocketAddr,
        packet: &RtpPacket,
        ahead: bool,
        gap: u32,
        prev_ts: u32,
    ) {
        self.rx.pkt += 1;
        self.rx.bytes += packet.payload.len() as u64;
        self.rtp_from = Some(from);
        if !ahead {
            self.rx.reorder += 1;
        }
        let rate = self.cfg.clock_rate.max(1) as i64;
        if gap > 0 {
            if gap == 1 {
                self.rx.loss_type.random += 1;
            } else {
                self.rx.loss_type.burst += 1;
            }
            // The gap lasted `gap` of the `gap + 1` packet durations since the last one.
            let span = packet.timestamp.wrapping_sub(prev_ts) as i32 as i64;
            if span > 0 {
                let period = span * gap as i64 / (gap as i64 + 1);
                self.rx.loss_period_usec.update(period * 1_000_000 / rate);
            }
        }
        let elapsed = now.saturating_duration_since(self.start).as_nanos();
        let arrival = (elapsed * self.cfg.clock_rate as u128 / 1_000_000_000) as u32;
        let Some(src) = self.current.as_mut() else {
            return;
        };
        if let Some(d) = src.update_jitter(arrival, packet.timestamp) {
            let d_usec = d as i64 * 1_000_000 / rate;
            self.ipdv.update(d_usec);
            self.raw_jitter.update(d_usec.abs());
            self.rx
                .jitter_usec
                .update(src.jitter() as i64 * 1_000_000 / rate);
        }
    }

    /// Counts packets the stream dropped after the session accepted them (the jitter
    /// buffer found them late or duplicate), into the reception `discard` figure.
    pub fn note_discarded(&mut self, packets: u32) {
        self.rx.discard += packets;
    }

    /// The statistics, as PJSUA2's `RtcpStat`.
    pub fn stats(&self) -> RtcpStat {
        let mut rx = self.rx;
        let lost = self.lost_before + self.current.as_ref().map_or(0, |s| s.cumulative_lost());
        rx.loss = lost.clamp(0, u32::MAX as i64) as u32;
        let last_seq = self.next_seq.wrapping_sub(1);
        RtcpStat {
            start: self.clock.system_time(self.start),
            tx_stat: self.tx,
            rx_stat: rx,
            rtt_usec: self.rtt,
            rtp_tx_last_ts: self.last_tx.map_or(self.ts_base, |(_, ts)| ts),
            rtp_tx_last_seq: last_seq,
            rx_ipdv_usec: self.ipdv,
            rx_raw_jitter_usec: self.raw_jitter,
            peer_sdes: self.peer_sdes.clone(),
        }
    }
}

/// Cuts `s` to at most `max` bytes, at a character boundary.
fn truncate_utf8(s: &mut String, max: usize) {
    if s.len() > max {
        let mut end = max;
        while !s.is_char_boundary(end) {
            end -= 1;
        }
        s.truncate(end);
    }
}

#[path = "session_rtcp.rs"]
mod rtcp_side;

#[path = "session_collision.rs"]
mod collision;

#[cfg(test)]
#[path = "session_tests.rs"]
mod tests;
