//! The RTCP side of [`RtpSession`] (RFC 3550 §6): reading the peer's reports and
//! source descriptions, the report schedule with timer reconsideration (A.7), building
//! SR/RR + SDES compounds with the A.3 report block, and BYE.

use super::{truncate_utf8, RtpEvent, RtpSession};
use crate::rtp::interval::{rtcp_interval, update_avg_size, IntervalInput};
use crate::rtp::ntp::{duration_to_ntp16, ntp16_to_micros};
use crate::rtp::rtcp::{
    write_bye, write_rr, write_sdes, write_sr, ReportBlock, ReportBlocks, RtcpCompound, RtcpError,
    RtcpPacket, SdesItem, SenderInfo, SDES_CNAME,
};
use std::net::SocketAddr;
use std::time::{Duration, Instant};

impl RtpSession {
    /// Takes a received RTCP compound packet. A malformed one is rejected whole (RFC 3550
    /// A.2) and changes nothing; one that is our own, looped back (§8.2), is ignored.
    pub fn handle_rtcp(
        &mut self,
        now: Instant,
        from: SocketAddr,
        data: &[u8],
    ) -> Result<(), RtcpError> {
        let compound = RtcpCompound::parse(data)?;
        self.rtcp_from = Some(from);
        self.avg_rtcp_size = update_avg_size(self.avg_rtcp_size, data.len());
        for packet in compound.packets() {
            match packet {
                RtcpPacket::SenderReport {
                    ssrc,
                    info,
                    reports,
                } => {
                    if ssrc == self.ssrc && !self.own_ssrc_seen(from) {
                        return Ok(());
                    }
                    self.last_sr = Some((ssrc, info.ntp.middle32(), now));
                    self.read_reports(now, reports);
                }
                RtcpPacket::ReceiverReport { ssrc, reports } => {
                    if ssrc == self.ssrc && !self.own_ssrc_seen(from) {
                        return Ok(());
                    }
                    self.read_reports(now, reports);
                }
                RtcpPacket::SourceDescription(chunks) => {
                    let own = self.ssrc;
                    for chunk in chunks.filter(|c| c.ssrc != own) {
                        for item in chunk.items {
                            self.store_sdes(item);
                        }
                    }
                }
                RtcpPacket::Bye { sources, reason } => {
                    for ssrc in sources {
                        if self.candidate.as_ref().is_some_and(|c| c.ssrc == ssrc) {
                            self.candidate = None;
                        }
                        if self.remote_ssrc() == Some(ssrc) {
                            if let Some(old) = self.current.take() {
                                self.lost_before += old.cumulative_lost();
                            }
                            let reason = reason.map(|r| String::from_utf8_lossy(r).into_owned());
                            self.events.push_back(RtpEvent::Bye { ssrc, reason });
                        }
                    }
                }
                RtcpPacket::Other { .. } => {}
            }
        }
        Ok(())
    }

    /// Reads the report blocks about us: how the peer receives us, and the round trip.
    fn read_reports(&mut self, now: Instant, reports: ReportBlocks) {
        let own = self.ssrc;
        for block in reports.filter(|b| b.ssrc == own) {
            let rate = self.cfg.clock_rate.max(1) as i64;
            self.tx.loss = block.cumulative_lost.max(0) as u32;
            self.tx
                .jitter_usec
                .update(block.jitter as i64 * 1_000_000 / rate);
            self.tx.update = Some(self.clock.system_time(now));
            self.tx.update_count += 1;
            if block.lsr != 0 {
                // RFC 3550 §6.4.1: RTT = A - LSR - DLSR, in 1/65536 s.
                let arrival = self.clock.ntp(now).middle32();
                let rtt = arrival.wrapping_sub(block.lsr).wrapping_sub(block.dlsr) as i32;
                if rtt >= 0 {
                    self.rtt.update(ntp16_to_micros(rtt as u32) as i64);
                }
            }
        }
    }

    fn store_sdes(&mut self, item: SdesItem) {
        let field = match item.kind {
            1 => &mut self.peer_sdes.cname,
            2 => &mut self.peer_sdes.name,
            3 => &mut self.peer_sdes.email,
            4 => &mut self.peer_sdes.phone,
            5 => &mut self.peer_sdes.loc,
            6 => &mut self.peer_sdes.tool,
            7 => &mut self.peer_sdes.note,
            _ => return,
        };
        *field = String::from_utf8_lossy(item.value).into_owned();
    }

    /// When [`RtpSession::handle_timeout`] should next be called; `None` once closed.
    pub fn poll_timeout(&self) -> Option<Instant> {
        if self.closed {
            return None;
        }
        Some(
            self.timeout_at
                .map_or(self.next_report, |t| t.min(self.next_report)),
        )
    }

    /// Fires what is due at `now`: the RTP timeout, and the RTCP report (with timer
    /// reconsideration, RFC 3550 A.7 `OnExpire`).
    pub fn handle_timeout(&mut self, now: Instant) {
        if self.closed {
            return;
        }
        if self.timeout_at.is_some_and(|at| at <= now) {
            let since = self.last_rx.unwrap_or(self.start);
            self.events.push_back(RtpEvent::RtpTimeout {
                silent_for: now.duration_since(since),
            });
            self.timeout_at = None;
        }
        if self.next_report <= now {
            let t = self.interval();
            if self.last_report + t <= now {
                self.send_report(now, None);
                self.next_report = now + self.interval();
            } else {
                self.next_report = self.last_report + t;
            }
        }
    }

    /// The next RTCP compound packet to send.
    pub fn poll_rtcp(&mut self) -> Option<Vec<u8>> {
        self.outgoing.pop_front()
    }

    /// The next event.
    pub fn poll_event(&mut self) -> Option<RtpEvent> {
        self.events.pop_front()
    }

    /// Ends the session: queues a last report with BYE (carrying `reason` when given,
    /// cut to 255 bytes) and stops the timers. Later packets are discarded.
    pub fn close(&mut self, now: Instant, reason: Option<&str>) {
        if self.closed {
            return;
        }
        let mut reason = reason.map(str::to_owned);
        if let Some(r) = reason.as_mut() {
            truncate_utf8(r, 255);
        }
        self.send_report(now, Some(reason.as_deref()));
        self.closed = true;
        self.timeout_at = None;
    }

    /// The A.7 interval from the current membership.
    pub(super) fn interval(&mut self) -> Duration {
        let we_sent = self.tx.pkt != self.tx_at_reports[1];
        let remote_sent = self.rx.pkt != self.rx_at_reports[1];
        let input = IntervalInput {
            session_bandwidth_bps: self.cfg.session_bandwidth_bps,
            members: 1 + self.current.is_some() as u32,
            senders: we_sent as u32 + remote_sent as u32,
            we_sent,
            avg_rtcp_size: self.avg_rtcp_size,
            initial: self.initial,
            min_interval: self.cfg.rtcp_min_interval,
        };
        rtcp_interval(&input, &mut self.rng)
    }

    /// Builds and queues a compound report: SR (when we sent RTP since the report before
    /// last) or RR, SDES CNAME, and BYE when `bye` is given.
    fn send_report(&mut self, now: Instant, bye: Option<Option<&str>>) {
        let block = self.report_block(now);
        let mut out = Vec::with_capacity(128);
        let we_sent = self.tx.pkt != self.tx_at_reports[1];
        let written = if we_sent {
            let info = SenderInfo {
                ntp: self.clock.ntp(now),
                rtp_timestamp: self.rtp_timestamp_at(now),
                packet_count: self.tx.pkt as u32,
                octet_count: self.tx.bytes as u32,
            };
            write_sr(&mut out, self.ssrc, &info, block)
        } else {
            write_rr(&mut out, self.ssrc, block)
        };
        debug_assert!(written.is_ok());
        let cname = SdesItem {
            kind: SDES_CNAME,
            value: self.cname.as_bytes(),
        };
        let written = write_sdes(&mut out, [(self.ssrc, [cname])]);
        debug_assert!(written.is_ok());
        if let Some(reason) = bye {
            let written = write_bye(&mut out, [self.ssrc], reason.map(str::as_bytes));
            debug_assert!(written.is_ok());
        }
        if block.is_some() {
            self.rx.update = Some(self.clock.system_time(now));
            self.rx.update_count += 1;
        }
        self.avg_rtcp_size = update_avg_size(self.avg_rtcp_size, out.len());
        self.tx_at_reports = [self.tx.pkt, self.tx_at_reports[0]];
        self.rx_at_reports = [self.rx.pkt, self.rx_at_reports[0]];
        self.last_report = now;
        self.initial = false;
        self.outgoing.push_back(out);
    }

    /// The reception report on the current remote source (A.3), with LSR/DLSR.
    fn report_block(&mut self, now: Instant) -> Option<ReportBlock> {
        let src = self.current.as_mut()?;
        let (lsr, dlsr) = match self.last_sr {
            Some((ssrc, lsr, at)) if ssrc == src.ssrc => (lsr, duration_to_ntp16(now - at)),
            _ => (0, 0),
        };
        Some(ReportBlock {
            ssrc: src.ssrc,
            fraction_lost: src.fraction_lost(),
            cumulative_lost: src
                .cumulative_lost()
                .clamp(i32::MIN as i64, i32::MAX as i64) as i32,
            highest_seq: src.extended_max(),
            jitter: src.jitter(),
            lsr,
            dlsr,
        })
    }

    /// Our RTP timestamp for the instant `now` (for the SR), extrapolated from the last
    /// packet sent.
    fn rtp_timestamp_at(&self, now: Instant) -> u32 {
        let (at, ts) = self.last_tx.unwrap_or((self.start, self.ts_base));
        let elapsed = now.saturating_duration_since(at).as_nanos();
        ts.wrapping_add((elapsed * self.cfg.clock_rate as u128 / 1_000_000_000) as u32)
    }
}
