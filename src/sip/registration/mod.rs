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
        /// The final SIP status (408 for no answer, 503 for a transport error).
        code: u16,
        /// The reason phrase or the failure's description.
        reason: String,
        /// The granted binding time in seconds; 0 when unregistered or failed.
        expiration: u32,
        /// 0 when a final response arrived; else why the round failed (PJSIP's codes).
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
    received: Option<(String, Option<u16>)>,
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
            received: None,
            outbox: VecDeque::new(),
            events: VecDeque::new(),
        }
    }

    /// The parameters.
    pub fn params(&self) -> &RegParams {
        &self.params
    }

    /// Changes the contact (after a NAT rewrite or a transport change); takes effect with
    /// the next REGISTER.
    pub fn set_contact(&mut self, contact: crate::sip::NameAddr) {
        self.params.contact = contact;
    }

    /// Registers now (or refreshes), or removes the binding (`renew` false).
    pub fn start(&mut self, renew: bool, auth: &mut ClientAuth) {
        if self.pending.is_some() {
            self.queued = Some(renew);
            return;
        }
        if !renew && self.phase == RegPhase::Idle {
            return;
        }
        self.timer = None;
        let interval = if renew { self.interval } else { 0 };
        self.cseq += 1;
        let mut request = self.params.request(self.cseq, interval);
        // A refresh reuses the last nonce (RFC 3261 §22.3); failure just means a challenge.
        let _ = auth.authorize(&mut request);
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

    /// A final response to the REGISTER in flight.
    pub fn on_response(&mut self, now: Instant, response: &Response, auth: &mut ClientAuth) {
        let Some(mut pending) = self.pending.take() else {
            return;
        };
        if response.cseq().map(|c| c.seq) != Some(self.cseq) {
            self.pending = Some(pending);
            return;
        }
        let status = response.status;
        match status {
            200..=299 => {
                auth.on_success();
                self.received = via_received(response);
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
                    let _ = auth.authorize(&mut pending.request);
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
    /// transport error, with PJSIP's `status` for it.
    pub fn on_failure(
        &mut self,
        now: Instant,
        code: u16,
        reason: &str,
        status: pjsua2rs_status,
        auth: &mut ClientAuth,
    ) {
        let Some(pending) = self.pending.take() else {
            return;
        };
        self.failed(now, code, reason, status, pending.renew);
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

    /// The address the registrar saw us at (the `received` and `rport` of our Via in the
    /// last 2xx), for NAT discovery.
    pub fn via_received(&self) -> Option<&(String, Option<u16>)> {
        self.received.as_ref()
    }

    fn registered(&mut self, now: Instant, granted: u32, code: u16, reason: &str) {
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

/// The `received` and `rport` of the top Via of a response (our Via).
fn via_received(response: &Response) -> Option<(String, Option<u16>)> {
    let via = response.top_via()?;
    let host = via.received().map(|r| r.to_string())?;
    Some((host, via.rport().flatten()))
}
