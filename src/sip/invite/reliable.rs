//! Responses the UAS retransmits itself: the 2xx to an INVITE until its ACK (RFC 3261
//! §13.3.1.4, T1 doubling up to T2) and reliable provisional responses until their PRACK
//! (RFC 3262 §3, T1 doubling), both giving up after 64*T1.

use super::{InvOutput, InvState, InviteSession, SlotKind};
use crate::sip::message::Response;
use crate::sip::method::Method;
use crate::sip::transaction::TsxId;
use std::time::{Duration, Instant};

/// A response being retransmitted.
#[derive(Clone, Debug)]
pub struct Retransmit {
    /// The server transaction it goes out in.
    pub tsx: TsxId,
    /// The response.
    pub response: Response,
    /// When it is sent again.
    pub next: Instant,
    /// The current interval.
    pub interval: Duration,
    /// When to give up.
    pub give_up: Instant,
    /// For a reliable provisional: its RSeq.
    pub rseq: u32,
    /// The CSeq of the request answered (the ACK or PRACK must match it).
    pub cseq: u32,
}

impl Retransmit {
    /// Starts retransmitting `response` (just sent) at T1.
    pub fn start(
        now: Instant,
        t1: Duration,
        tsx: TsxId,
        response: Response,
        rseq: u32,
        cseq: u32,
    ) -> Self {
        Retransmit {
            tsx,
            response,
            next: now + t1,
            interval: t1,
            give_up: now + t1 * 64,
            rseq,
            cseq,
        }
    }
}

impl InviteSession {
    pub(super) fn retransmission_timers(&mut self, now: Instant) {
        let t2 = self.cfg.t2;
        if let Some(r) = self.retransmit_2xx.as_mut() {
            if r.next <= now {
                if now >= r.give_up {
                    // No ACK for 64*T1 (RFC 3261 §13.3.1.4): end the session with a BYE.
                    self.retransmit_2xx = None;
                    if let Some(d) = self.dialog.as_mut() {
                        let bye = d.request(Method::Bye);
                        self.send(SlotKind::Bye, bye);
                    }
                    self.set_state(InvState::Disconnected, 408, "ACK Timeout");
                    return;
                }
                r.interval = (r.interval * 2).min(t2);
                r.next = (now + r.interval).min(r.give_up);
                let (tsx, response) = (r.tsx, r.response.clone());
                self.outputs.push_back(InvOutput::Respond { tsx, response });
            }
        }
        if let Some(r) = self.reliable_1xx.as_mut() {
            if r.next <= now {
                if now >= r.give_up {
                    // No PRACK for 64*T1 (RFC 3262 §3): reject the INVITE with a 5xx.
                    self.reliable_1xx = None;
                    self.reject(now, 504, "Reliable provisional response not acknowledged");
                    return;
                }
                // RFC 3262 §3 doubles without the T2 cap.
                r.interval *= 2;
                r.next = (now + r.interval).min(r.give_up);
                let (tsx, response) = (r.tsx, r.response.clone());
                self.outputs.push_back(InvOutput::Respond { tsx, response });
            }
        }
    }
}
