//! Session timers (RFC 4028): negotiating Session-Expires and Min-SE, 422 Session Interval
//! Too Small, choosing the refresher, refreshing at half the interval, and ending a session
//! nobody refreshed.

use crate::sip::header_name::HeaderName;
use crate::sip::message::{Request, Response, SipHeaders};
use std::time::{Duration, Instant};

/// When session timers are used (PJSUA2's `timerUse`, PJSUA_SIP_TIMER_*).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TimerUse {
    /// Never.
    Inactive,
    /// When the peer supports them.
    Optional,
    /// The peer must support them (Require: timer).
    Required,
    /// Always, even if the peer does not support them (we refresh).
    Always,
}

/// Session timer settings (PJSUA2's `timerUse`, `timerSessExpiresSec`, `timerMinSESec`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SessionTimerConfig {
    /// When to use them.
    pub usage: TimerUse,
    /// The interval we ask for, seconds.
    pub session_expires: u32,
    /// The shortest interval we accept, seconds (at least 90, RFC 4028 §4).
    pub min_se: u32,
}

/// What a timer firing asks for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TimerAction {
    /// We are the refresher: send a refresh now.
    Refresh,
    /// Nobody refreshed: end the session.
    Expire,
}

#[derive(Clone, Debug, PartialEq, Eq)]
struct Active {
    interval: u32,
    we_refresh: bool,
    since: Instant,
}

/// A session's timer.
#[derive(Clone, Debug)]
pub struct SessionTimer {
    cfg: SessionTimerConfig,
    active: Option<Active>,
}

/// The Session-Expires value of a message: interval and refresher ("uac"/"uas").
fn session_expires(m: &impl SipHeaders) -> Option<(u32, Option<String>)> {
    let v = m.headers().get(&HeaderName::SessionExpires)?;
    let mut parts = v.split(';');
    let interval = parts.next()?.trim().parse().ok()?;
    let refresher = parts
        .filter_map(|p| p.trim().split_once('='))
        .find(|(k, _)| k.trim().eq_ignore_ascii_case("refresher"))
        .map(|(_, v)| v.trim().to_ascii_lowercase());
    Some((interval, refresher))
}

fn supports_timer(m: &impl SipHeaders) -> bool {
    m.tokens(&HeaderName::Supported)
        .iter()
        .chain(m.tokens(&HeaderName::Require).iter())
        .any(|t| t.eq_ignore_ascii_case("timer"))
}

impl SessionTimer {
    /// A timer not yet running.
    pub fn new(cfg: SessionTimerConfig) -> Self {
        SessionTimer { cfg, active: None }
    }

    /// Whether timers are used at all.
    pub fn enabled(&self) -> bool {
        self.cfg.usage != TimerUse::Inactive
    }

    /// Adds our Session-Expires and Min-SE (and Require: timer when required) to an INVITE
    /// or refresh we send (RFC 4028 §7.1), asking for `interval` or our default.
    pub fn request_headers(&self, r: &mut Request, interval: Option<u32>) {
        if !self.enabled() {
            return;
        }
        let se = interval
            .unwrap_or(self.cfg.session_expires)
            .max(self.cfg.min_se);
        r.headers.set(HeaderName::SessionExpires, se.to_string());
        r.headers
            .set(HeaderName::MinSe, self.cfg.min_se.to_string());
        if matches!(self.cfg.usage, TimerUse::Required | TimerUse::Always) {
            r.headers.push(HeaderName::Require, "timer");
        }
    }

    /// UAS: checks a received INVITE's interval; `Err(min_se)` means answer 422 with that
    /// Min-SE (RFC 4028 §8.1).
    pub fn check_request(&self, r: &Request) -> Result<(), u32> {
        if !self.enabled() {
            return Ok(());
        }
        match session_expires(r) {
            Some((se, _)) if se < self.cfg.min_se => Err(self
                .cfg
                .min_se
                .max(r.number(&HeaderName::MinSe).unwrap_or(0))),
            _ => Ok(()),
        }
    }

    /// UAS: the headers of our 2xx to an INVITE or UPDATE with session timers, and the
    /// timer started (RFC 4028 §9): the peer's interval (or ours), the refresher it asked
    /// for, else the UAC if it supports timers, else us.
    pub fn answer(&mut self, now: Instant, request: &Request, response: &mut Response) {
        if !self.enabled() {
            return;
        }
        let peer_supports = supports_timer(request);
        let (interval, refresher) = match session_expires(request) {
            Some((se, r)) => (se, r),
            None if self.cfg.usage == TimerUse::Always
                || (peer_supports && self.cfg.usage != TimerUse::Optional) =>
            {
                (self.cfg.session_expires, None)
            }
            None => return,
        };
        let refresher = refresher.unwrap_or_else(|| {
            if peer_supports {
                "uac".into()
            } else {
                "uas".into()
            }
        });
        response.headers.set(
            HeaderName::SessionExpires,
            format!("{interval};refresher={refresher}"),
        );
        if peer_supports {
            response.headers.push(HeaderName::Require, "timer");
        }
        self.active = Some(Active {
            interval,
            we_refresh: refresher == "uas",
            since: now,
        });
    }

    /// UAC: a 2xx to our INVITE or refresh (RFC 4028 §7.2) starts or restarts the timer:
    /// the refresher is who the response names; without Session-Expires, timers run only
    /// when we always want them (then we refresh).
    pub fn on_2xx(&mut self, now: Instant, sent: &Request, response: &Response) {
        if !self.enabled() {
            return;
        }
        match session_expires(response) {
            Some((interval, refresher)) => {
                let we = refresher.as_deref().is_none_or(|r| r == "uac");
                self.active = Some(Active {
                    interval,
                    we_refresh: we,
                    since: now,
                });
            }
            None if self.cfg.usage == TimerUse::Always => {
                let interval = session_expires(sent)
                    .map(|s| s.0)
                    .unwrap_or(self.cfg.session_expires);
                self.active = Some(Active {
                    interval,
                    we_refresh: true,
                    since: now,
                });
            }
            None => self.active = None,
        }
    }

    /// A 422 to our request (RFC 4028 §7.4): the interval to retry with (at least the
    /// peer's Min-SE), or `None` when the 422 asks for nothing we did not offer.
    pub fn on_422(&mut self, response: &Response) -> Option<u32> {
        let min = response.number(&HeaderName::MinSe)?;
        if min <= self.cfg.session_expires {
            return None;
        }
        self.cfg.min_se = self.cfg.min_se.max(min);
        self.cfg.session_expires = min;
        Some(min)
    }

    /// The peer refreshed (a re-INVITE or UPDATE we answered): restart the interval.
    pub fn refreshed(&mut self, now: Instant) {
        if let Some(a) = self.active.as_mut() {
            a.since = now;
        }
    }

    /// The interval in force, if the timer runs.
    pub fn interval(&self) -> Option<u32> {
        self.active.as_ref().map(|a| a.interval)
    }

    /// Stops the timer (the session ended).
    pub fn stop(&mut self) {
        self.active = None;
    }

    /// When the timer next fires: at half the interval for the refresher; for the other
    /// side at the interval minus min(32 s, a third of it) (RFC 4028 §10).
    pub fn next_deadline(&self) -> Option<Instant> {
        let a = self.active.as_ref()?;
        let interval = Duration::from_secs(a.interval as u64);
        Some(if a.we_refresh {
            a.since + interval / 2
        } else {
            a.since + interval - Duration::from_secs(32).min(interval / 3)
        })
    }

    /// What to do if the timer is due at `now`.
    pub fn due(&mut self, now: Instant) -> Option<TimerAction> {
        let at = self.next_deadline()?;
        if at > now {
            return None;
        }
        let a = self.active.as_mut()?;
        if a.we_refresh {
            // Until the refresh succeeds, the other side's deadline applies.
            a.since = now;
            Some(TimerAction::Refresh)
        } else {
            self.active = None;
            Some(TimerAction::Expire)
        }
    }
}
