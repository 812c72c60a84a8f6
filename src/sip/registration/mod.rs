//! The REGISTER client (RFC 3261 §10.2), sans-IO: binds a contact at a registrar, keeps
//! the binding fresh before it expires, answers digest challenges, follows 423 Interval
//! Too Brief, retries after failures as PJSUA does, and removes the binding.
//!
//! The owner sends the requests it polls in client transactions and feeds back their
//! final responses ([`Registration::on_response`]) or failures
//! ([`Registration::on_failure`]); timers and events are polled like every sans-IO core.

mod build;
mod expiry;
#[cfg(test)]
mod tests;

pub use build::{RegParams, RegTiming};

use crate::rng::Rng;
use crate::sip::auth::{apply, ClientAuth};
use crate::sip::header_name::HeaderName;
use crate::sip::message::{Request, Response, SipHeaders};
use crate::ua::status::{pjsua2rs_status, PJSUA2RS_SUCCESS};
use std::collections::VecDeque;
use std::time::{Duration, Instant};

/// The longest a 423 chain may grow the interval before we stop (a registrar that keeps
/// asking for more is broken).
const MAX_INTERVAL_RETRIES: u32 = 3;

/// What a registration reports.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RegEvent {
    /// A REGISTER round starts (PJSUA2 `onRegStarted`): `renew` is false when it removes
    /// the binding.
    Started {
        /// Registering (true) or unregistering (false).
        renew: bool,
    },
    /// A REGISTER round ended (PJSUA2 `onRegState`).
    State {
        /// The final SIP status (408 for no answer, 503 for a transport error, 502 for
        /// a name that did not resolve).
        code: u16,
        /// The reason phrase or the failure's description.
        reason: String,
        /// The granted binding time in seconds; 0 when unregistered or failed.
        expiration: u32,
        /// PJSIP's status: 0 whenever the round ended with a code, even 408 or 503 without
        /// a response; else why we gave up (e.g. PJSIP_EFAILEDCREDENTIAL on a 401).
        status: pjsua2rs_status,
        /// Whether the round registered (true) or unregistered (false).
        renew: bool,
    },
}

/// Where the registration stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RegPhase {
    /// Nothing bound and nothing in progress.
    Idle,
    /// A REGISTER is in progress.
    Registering,
    /// Bound; a refresh is scheduled.
    Registered,
    /// An un-REGISTER is in progress.
    Unregistering,
    /// The last round failed; a retry may be scheduled.
    Failed,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Timer {
    Refresh,
    Retry,
}

/// A REGISTER in flight.
struct Pending {
    request: Request,
    renew: bool,
    interval_retries: u32,
}

/// One registration of one contact at one registrar.
pub struct Registration {
    params: RegParams,
    cseq: u32,
    phase: RegPhase,
    pending: Option<Pending>,
    /// A round asked for while another is in flight (RFC 3261 §10.2: one at a time).
    queued: Option<bool>,
    /// The interval asked for: the configured one, or a registrar's Min-Expires.
    interval: u32,
    granted: u32,
    expires_at: Option<Instant>,
    timer: Option<(Instant, Timer)>,
    failures_in_a_row: u32,
    /// Whether the last round that ended removed the binding.
    unregistered: bool,
    outbox: VecDeque<Request>,
    events: VecDeque<RegEvent>,
    rng: Rng,
}

impl Registration {
    /// A registration that has not started; `rng` gives the client nonces and the retry
    /// jitter.
    pub fn new(params: RegParams, rng: Rng) -> Self {
        Registration {
            rng,
            interval: params.expires,
            params,
            cseq: 0,
            phase: RegPhase::Idle,
            pending: None,
            queued: None,
            granted: 0,
            expires_at: None,
            timer: None,
            failures_in_a_row: 0,
            unregistered: false,
            outbox: VecDeque::new(),
            events: VecDeque::new(),
        }
    }

    /// The parameters.
    pub fn params(&self) -> &RegParams {
        &self.params
    }

    /// Changes the contact (after a transport change, before it was bound); takes effect
    /// with the next REGISTER.
    pub fn set_contact(&mut self, contact: crate::sip::NameAddr) {
        self.params.contact = contact;
    }

    /// Takes new settings for the next REGISTER (`Account::modify`, `setTransport`): all
    /// of `fresh` but its Call-ID and From tag (the registration and its CSeq go on) and
    /// the contacts still to remove.
    pub fn adopt(&mut self, fresh: RegParams) {
        let old = std::mem::replace(&mut self.params, fresh);
        self.params.call_id = old.call_id;
        self.params.from_tag = old.from_tag;
        self.params.removed = old.removed;
        if self.params.expires != old.expires {
            self.interval = self.params.expires;
        }
    }

    /// Replaces a contact that may be bound (after a NAT rewrite): the next REGISTER binds
    /// `contact` and removes the old one with `expires=0` in the same request, as PJSIP's
    /// `pjsip_regc_update_contact` does.
    pub fn replace_contact(&mut self, contact: crate::sip::NameAddr) {
        if contact != self.params.contact {
            let old = std::mem::replace(&mut self.params.contact, contact);
            self.params.removed.push(old);
        }
    }

    /// Registers now (or refreshes), or removes the binding (`renew` false). Removing
    /// when nothing is bound nor in flight only cancels a scheduled retry: after a
    /// failure PJSUA has no registration left to remove.
    pub fn start(&mut self, renew: bool, auth: &mut ClientAuth) {
        if self.pending.is_some() {
            self.queued = Some(renew);
            return;
        }
        if !renew && matches!(self.phase, RegPhase::Idle | RegPhase::Failed) {
            self.timer = None;
            return;
        }
        self.timer = None;
        let interval = if renew { self.interval } else { 0 };
        self.cseq += 1;
        let mut request = self.params.request(self.cseq, interval);
        self.authorize(&mut request, auth);
        self.phase = if renew {
            RegPhase::Registering
        } else {
            RegPhase::Unregistering
        };
        self.events.push_back(RegEvent::Started { renew });
        self.outbox.push_back(request.clone());
        self.pending = Some(Pending {
            request,
            renew,
            interval_retries: 0,
        });
    }

    /// The next REGISTER to send (in a new client transaction, with a new Via branch).
    pub fn poll_request(&mut self) -> Option<Request> {
        self.outbox.pop_front()
    }

    /// Whether a REGISTER is in flight.
    pub fn is_pending(&self) -> bool {
        self.pending.is_some()
    }

    /// Whether `response` answers the REGISTER in flight: the same Call-ID and CSeq
    /// (RFC 3261 §10.2.4 keeps one Call-ID and a rising CSeq per registration, so a
    /// response to an older REGISTER, or to another registration, never matches).
    pub fn answers_pending(&self, response: &Response) -> bool {
        self.pending.is_some()
            && response.call_id().map(|c| c.as_str()) == Some(self.params.call_id.as_str())
            && response.cseq().map(|c| c.seq) == Some(self.cseq)
    }

    /// A final response to the REGISTER in flight; ignored unless it
    /// [answers it](Self::answers_pending).
    pub fn on_response(&mut self, now: Instant, response: &Response, auth: &mut ClientAuth) {
        if !self.answers_pending(response) {
            return;
        }
        let Some(mut pending) = self.pending.take() else {
            return;
        };
        let status = response.status;
        match status {
            200..=299 => {
                auth.on_success();
                if pending.renew {
                    let granted = expiry::granted(response, &self.params.contact, self.interval);
                    self.registered(now, granted, status, &response.reason);
                } else {
                    self.on_unregistered(status, &response.reason);
                }
            }
            401 | 407 => match auth.respond(&pending.request, response, &mut self.rng) {
                Ok(headers) => {
                    self.cseq += 1;
                    apply(&mut pending.request, &headers);
                    pending
                        .request
                        .headers
                        .set(HeaderName::CSeq, format!("{} REGISTER", self.cseq));
                    self.outbox.push_back(pending.request.clone());
                    self.pending = Some(pending);
                    return;
                }
                Err(e) => self.failed(
                    now,
                    status,
                    &format!("{} ({e})", response.reason),
                    e.status(),
                    pending.renew,
                ),
            },
            423 if pending.renew => match response.number(&HeaderName::MinExpires) {
                Some(min)
                    if min > self.interval && pending.interval_retries < MAX_INTERVAL_RETRIES =>
                {
                    self.interval = min;
                    self.cseq += 1;
                    pending.interval_retries += 1;
                    pending.request = self.params.request(self.cseq, min);
                    self.authorize(&mut pending.request, auth);
                    self.outbox.push_back(pending.request.clone());
                    self.pending = Some(pending);
                    return;
                }
                _ => self.failed(now, status, &response.reason, PJSUA2RS_SUCCESS, true),
            },
            _ => {
                let retry_after = response.number(&HeaderName::RetryAfter);
                self.failed(
                    now,
                    status,
                    &response.reason,
                    PJSUA2RS_SUCCESS,
                    pending.renew,
                );
                if let (Some(secs), Some((_, Timer::Retry))) = (retry_after, self.timer) {
                    self.timer = Some((now + Duration::from_secs(secs as u64), Timer::Retry));
                }
            }
        }
        self.run_queued(auth);
    }

    /// The REGISTER in flight got no final response: `code` 408 for a timeout, 503 for a
    /// transport error, 502 when the registrar's name did not resolve. As in PJSIP, whose
    /// transaction ends with that code, the round reports status 0.
    pub fn on_failure(&mut self, now: Instant, code: u16, reason: &str, auth: &mut ClientAuth) {
        let Some(pending) = self.pending.take() else {
            return;
        };
        self.failed(now, code, reason, PJSUA2RS_SUCCESS, pending.renew);
        self.run_queued(auth);
    }

    /// Fires the refresh or retry timer when due.
    pub fn handle_timeout(&mut self, now: Instant, auth: &mut ClientAuth) {
        if let Some((at, _)) = self.timer {
            if at <= now {
                self.timer = None;
                self.start(true, auth);
            }
        }
    }

    /// When [`Self::handle_timeout`] must next run.
    pub fn poll_timeout(&self) -> Option<Instant> {
        self.timer.map(|(at, _)| at)
    }

    /// The next event.
    pub fn poll_event(&mut self) -> Option<RegEvent> {
        self.events.pop_front()
    }

    /// The phase.
    pub fn phase(&self) -> RegPhase {
        self.phase
    }

    /// Whether a binding is in place (PJSUA2's `regIsActive`).
    pub fn is_active(&self, now: Instant) -> bool {
        self.expires_at.is_some_and(|at| at > now)
    }

    /// Seconds until the binding expires (PJSUA2's `regExpiresSec`), if bound.
    pub fn expires_in(&self, now: Instant) -> Option<u32> {
        self.expires_at
            .filter(|at| *at > now)
            .map(|at| (at - now).as_secs() as u32)
    }

    /// Seconds until the scheduled refresh, while bound.
    pub fn refresh_in(&self, now: Instant) -> Option<u32> {
        match self.timer {
            Some((at, Timer::Refresh)) if self.is_active(now) => {
                Some(at.saturating_duration_since(now).as_secs() as u32)
            }
            _ => None,
        }
    }

    /// Whether the last completed round removed the binding (un-REGISTER).
    pub fn unregistered(&self) -> bool {
        self.unregistered
    }

    /// Whether the round that just failed was a retry (PJSUA's condition for
    /// `dropCallsOnFail`: the registration failed and an attempt to re-register failed
    /// too) and another retry is scheduled.
    pub fn retry_failed(&self) -> bool {
        self.failures_in_a_row >= 2 && matches!(self.timer, Some((_, Timer::Retry)))
    }

    fn registered(&mut self, now: Instant, granted: u32, code: u16, reason: &str) {
        self.params.removed.clear();
        self.failures_in_a_row = 0;
        self.unregistered = false;
        if granted == 0 {
            self.on_unregistered(code, reason);
            return;
        }
        self.phase = RegPhase::Registered;
        self.granted = granted;
        self.expires_at = Some(now + Duration::from_secs(granted as u64));
        let delay = self.params.timing.delay_before_refresh.as_secs() as u32;
        let refresh_in = if granted > delay {
            granted - delay
        } else {
            granted.div_ceil(2)
        };
        self.timer = Some((
            now + Duration::from_secs(refresh_in.max(1) as u64),
            Timer::Refresh,
        ));
        self.events.push_back(RegEvent::State {
            code,
            reason: reason.to_string(),
            expiration: granted,
            status: PJSUA2RS_SUCCESS,
            renew: true,
        });
    }

    fn on_unregistered(&mut self, code: u16, reason: &str) {
        self.params.removed.clear();
        self.unregistered = true;
        self.phase = RegPhase::Idle;
        self.granted = 0;
        self.expires_at = None;
        self.timer = None;
        self.events.push_back(RegEvent::State {
            code,
            reason: reason.to_string(),
            expiration: 0,
            status: PJSUA2RS_SUCCESS,
            renew: false,
        });
    }

    fn failed(
        &mut self,
        now: Instant,
        code: u16,
        reason: &str,
        status: pjsua2rs_status,
        renew: bool,
    ) {
        self.params.removed.clear();
        self.phase = if renew {
            RegPhase::Failed
        } else {
            RegPhase::Idle
        };
        self.expires_at = None;
        self.granted = 0;
        self.timer = None;
        self.events.push_back(RegEvent::State {
            code,
            reason: reason.to_string(),
            expiration: 0,
            status,
            renew,
        });
        // PJSUA retries only when the registrar may recover: timeouts, 480, 5xx gateway
        // and availability failures, 6xx; never after 401/403/404 and the like.
        if renew && retriable(code) {
            self.failures_in_a_row += 1;
            let t = &self.params.timing;
            let base = match t.first_retry_interval {
                Some(first) if self.failures_in_a_row == 1 => first,
                _ => t.retry_interval,
            };
            if !base.is_zero() {
                let jitter = t.random_retry_interval.as_millis() as u64;
                let delay = jittered(base, jitter, &mut self.rng);
                self.timer = Some((now + delay, Timer::Retry));
            }
        }
    }

    /// Pre-emptive answers from the last challenges (a refresh reuses the nonce, RFC 3261
    /// §22.3; failing just means a new challenge), then the empty initial answers.
    fn authorize(&self, request: &mut Request, auth: &mut ClientAuth) {
        let _ = auth.authorize(request);
        if let Some(algorithm) = &self.params.initial_auth {
            auth.add_initial_empty(request, algorithm);
        }
    }

    fn run_queued(&mut self, auth: &mut ClientAuth) {
        if let Some(renew) = self.queued.take() {
            self.start(renew, auth);
        }
    }
}

/// Whether PJSUA schedules a registration retry after this final status.
fn retriable(code: u16) -> bool {
    matches!(code, 408 | 480 | 500 | 502 | 503 | 504) || code >= 600
}

/// `base` plus or minus up to half of `jitter_ms`, at least one second.
fn jittered(base: Duration, jitter_ms: u64, rng: &mut Rng) -> Duration {
    if jitter_ms == 0 {
        return base.max(Duration::from_secs(1));
    }
    let offset = rng.below(jitter_ms + 1) as i64 - (jitter_ms / 2) as i64;
    let ms = (base.as_millis() as i64 + offset).max(1000);
    Duration::from_millis(ms as u64)
}
