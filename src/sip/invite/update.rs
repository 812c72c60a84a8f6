//! Changing an established session (RFC 3261 §14, RFC 3311): our re-INVITE or UPDATE and
//! its answer, the peer's and ours to give, glare (491 and the retry timer), the answer to
//! an offer carried in a 2xx or a reliable 1xx, and the session timer's refreshes and
//! expiry (RFC 4028).

use super::offer::Outstanding;
use super::reliable::Retransmit;
use super::session_timer::TimerAction;
use super::{sdp_body, InvEvent, InvOutput, InvState, InviteSession, Role, Slot, SlotKind};
use crate::sip::header_name::HeaderName;
use crate::sip::message::{Request, Response, SipHeaders};
use crate::sip::method::Method;
use crate::sip::transaction::TsxId;
use bytes::Bytes;
use std::time::{Duration, Instant};

/// Our re-INVITE or UPDATE: in flight, or waiting to be re-sent after a 491.
#[derive(Clone, Debug, Default)]
pub struct Renegotiation {
    in_flight: Option<Slot>,
    retry: Option<(Instant, Option<Bytes>, bool)>,
    /// The request we answered a 2xx-with-offer to: the ACK waits for our answer.
    ack_for: Option<u32>,
}

impl Renegotiation {
    /// When a glare retry is due.
    pub fn retry_at(&self) -> Option<Instant> {
        self.retry.as_ref().map(|r| r.0)
    }

    fn busy(&self) -> bool {
        self.in_flight.is_some() || self.retry.is_some() || self.ack_for.is_some()
    }
}

/// Why a re-offer cannot be sent now.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RenegotiationError {
    /// The session is not established (or no longer).
    NotEstablished,
    /// Another offer/answer exchange is in progress.
    InProgress,
}

impl InviteSession {
    /// Sends a re-INVITE (or an UPDATE with `use_update`) carrying `body` as the new offer,
    /// or no offer (re-INVITE only: the peer then offers in its 2xx). The outcome comes as
    /// [`InvEvent::RemoteAnswer`]/[`InvEvent::RemoteOffer`] or
    /// [`InvEvent::RenegotiationFailed`]; a 491 is retried after RFC 3261 §14.1's delay.
    pub fn reinvite(
        &mut self,
        body: Option<Bytes>,
        use_update: bool,
    ) -> Result<(), RenegotiationError> {
        let allowed =
            self.state == InvState::Confirmed || (use_update && self.state == InvState::Early);
        if !allowed {
            return Err(RenegotiationError::NotEstablished);
        }
        if self.renegotiation.busy()
            || self.incoming_offer.is_some()
            || self.oa.outstanding != Outstanding::None
        {
            return Err(RenegotiationError::InProgress);
        }
        self.send_reinvite(body, use_update);
        Ok(())
    }

    fn send_reinvite(&mut self, body: Option<Bytes>, use_update: bool) {
        let Some(d) = self.dialog.as_mut() else {
            return;
        };
        let method = if use_update {
            Method::Update
        } else {
            Method::Invite
        };
        let mut r = d.request(method);
        let interval = self.timer.interval();
        self.timer.request_headers(&mut r, interval);
        self.add_common_headers(&mut r);
        if let Some(b) = body {
            r.headers.push(HeaderName::ContentType, "application/sdp");
            r.body = b.clone();
            self.oa.local_offer(b);
        }
        let kind = if use_update {
            SlotKind::Update
        } else {
            SlotKind::Reinvite
        };
        let slot = self.send(kind, r);
        self.renegotiation.in_flight = Some(slot);
    }

    pub(super) fn renegotiation_response(
        &mut self,
        now: Instant,
        slot: Slot,
        kind: SlotKind,
        request: Request,
        response: &Response,
    ) {
        if response.status < 200 {
            return;
        }
        self.renegotiation.in_flight = None;
        let seq = request.cseq().map(|c| c.seq).unwrap_or(0);
        match response.status {
            200..=299 => {
                if kind == SlotKind::Reinvite {
                    self.ack_credentials = super::auth::credentials(&request);
                }
                if let Some(d) = self.dialog.as_mut() {
                    d.on_response(response);
                }
                self.timer.on_2xx(now, &request, response);
                let body = sdp_body(response, &response.body);
                match (self.oa.outstanding.clone(), body) {
                    (Outstanding::Local, Some(b)) => {
                        self.oa.remote_answer(b.clone());
                        self.events.push_back(InvEvent::RemoteAnswer { body: b });
                    }
                    (Outstanding::Local, None) => {
                        // A 2xx without the answer: keep the previous session (RFC 3264
                        // requires one; a session refresh carries none).
                        self.oa.rollback();
                    }
                    (Outstanding::None, Some(b)) if kind == SlotKind::Reinvite => {
                        // Our offerless re-INVITE: the offer is here; the ACK carries our answer.
                        self.oa.remote_offer(b.clone());
                        self.events.push_back(InvEvent::RemoteOffer {
                            body: b,
                            renegotiation: true,
                        });
                        self.renegotiation.ack_for = Some(seq);
                        return;
                    }
                    _ => {}
                }
                if kind == SlotKind::Reinvite {
                    self.send_ack(seq, None);
                }
            }
            491 => {
                // Glare (RFC 3261 §14.1): retry after 2.1-4 s if we own the Call-ID (we
                // are the dialog's UAC), else 0-2 s.
                let ms = if self.role == Role::Uac {
                    2100 + self.rng.below(1901)
                } else {
                    self.rng.below(2001)
                };
                let body = request_body(&request);
                self.oa.rollback();
                self.renegotiation.retry = Some((
                    now + Duration::from_millis(ms),
                    body,
                    kind == SlotKind::Update,
                ));
            }
            401 | 407 => match self.answer_challenge(slot, kind, &request, response) {
                Ok(()) => self.renegotiation.in_flight = Some(slot),
                Err(_) => self.renegotiation_failed(response.status),
            },
            408 | 481 => {
                // The dialog is gone (RFC 3261 §12.2.1.2).
                self.oa.rollback();
                self.hangup(now, 0, "");
                self.last = (response.status, response.reason.to_string());
            }
            code => self.renegotiation_failed(code),
        }
    }

    fn renegotiation_failed(&mut self, code: u16) {
        self.oa.rollback();
        self.events
            .push_back(InvEvent::RenegotiationFailed { code });
    }

    pub(super) fn renegotiation_timer(&mut self, now: Instant) {
        if let Some((at, body, update)) = self.renegotiation.retry.clone() {
            if at <= now {
                self.renegotiation.retry = None;
                if self.state == InvState::Confirmed {
                    self.send_reinvite(body, update);
                }
            }
        }
    }

    /// The peer's re-INVITE or UPDATE (RFC 3261 §14.2, RFC 3311 §5.2).
    pub(super) fn on_renegotiation_request(&mut self, now: Instant, tsx: TsxId, request: &Request) {
        let is_invite = request.method == Method::Invite;
        let ours_pending =
            self.renegotiation.in_flight.is_some() || self.oa.outstanding == Outstanding::Local;
        let body = sdp_body(request, &request.body);
        if ours_pending && (is_invite || body.is_some()) {
            let r = self.response_to(request, 491, "");
            self.outputs
                .push_back(InvOutput::Respond { tsx, response: r });
            return;
        }
        if self.incoming_offer.is_some() || (is_invite && self.retransmit_2xx.is_some()) {
            let mut r = self.response_to(
                request,
                500,
                "Server Internal Error (a re-INVITE is in progress)",
            );
            r.headers
                .push(HeaderName::RetryAfter, (self.rng.below(10) + 1).to_string());
            self.outputs
                .push_back(InvOutput::Respond { tsx, response: r });
            return;
        }
        self.timer.refreshed(now);
        match body {
            Some(b) => {
                self.oa.remote_offer(b.clone());
                self.incoming_offer = Some((tsx, request.clone()));
                self.events.push_back(InvEvent::RemoteOffer {
                    body: b,
                    renegotiation: true,
                });
            }
            None if is_invite => {
                // An offerless re-INVITE: we offer in the 2xx; the owner gives the offer.
                self.incoming_offer = Some((tsx, request.clone()));
                self.events.push_back(InvEvent::RemoteOffer {
                    body: Bytes::new(),
                    renegotiation: true,
                });
            }
            None => {
                // An UPDATE without offer: a session refresh.
                let mut ok = self.response_to(request, 200, "");
                ok.headers
                    .push(HeaderName::Contact, self.local_contact.to_string());
                self.timer.answer(now, request, &mut ok);
                self.outputs
                    .push_back(InvOutput::Respond { tsx, response: ok });
            }
        }
    }

    /// Gives the body the session waits for: the answer to the peer's offer (in a
    /// re-INVITE/UPDATE, in the 2xx to our offerless INVITE or re-INVITE, or in a reliable
    /// 1xx), or our offer for the peer's offerless re-INVITE (an empty offer event). `Err`
    /// refuses the offer with that status (488): for a 2xx offer the call then ends.
    pub fn answer_offer(&mut self, now: Instant, result: Result<Bytes, u16>) {
        if let Some((tsx, request)) = self.incoming_offer.take() {
            match result {
                Ok(body) => {
                    if self.oa.outstanding == Outstanding::Remote {
                        self.oa.local_answer(body.clone());
                    } else {
                        self.oa.local_offer(body.clone());
                    }
                    let mut ok = self.response_to(&request, 200, "");
                    ok.headers
                        .push(HeaderName::Contact, self.local_contact.to_string());
                    self.timer.answer(now, &request, &mut ok);
                    ok.headers.push(HeaderName::ContentType, "application/sdp");
                    ok.body = body;
                    if request.method == Method::Invite {
                        let cseq = request.cseq().map(|c| c.seq).unwrap_or(0);
                        self.retransmit_2xx = Some(Retransmit::start(
                            now,
                            self.cfg.t1,
                            tsx,
                            ok.clone(),
                            0,
                            cseq,
                        ));
                    }
                    self.outputs
                        .push_back(InvOutput::Respond { tsx, response: ok });
                }
                Err(code) => {
                    self.oa.rollback();
                    let r = self.response_to(&request, code, "");
                    self.outputs
                        .push_back(InvOutput::Respond { tsx, response: r });
                }
            }
            return;
        }
        if let Some(seq) = self
            .ack_waits_for_answer
            .take()
            .or_else(|| self.renegotiation.ack_for.take())
        {
            match result {
                Ok(body) => {
                    self.oa.local_answer(body.clone());
                    self.send_ack(seq, Some(body));
                }
                Err(_) => {
                    // An offer we cannot accept in a 2xx: acknowledge, then end the call
                    // (RFC 3261 §13.2.2.4).
                    self.send_ack(seq, None);
                    self.hangup(now, 0, "");
                }
            }
            return;
        }
        if let Some(mut prack) = self.pending_prack.take() {
            if let Ok(body) = result {
                self.oa.local_answer(body.clone());
                prack
                    .headers
                    .push(HeaderName::ContentType, "application/sdp");
                prack.body = body;
            }
            self.send(SlotKind::Prack, prack);
        }
    }

    /// The session timer is due: refresh (UPDATE when the peer allows it, else a
    /// re-INVITE with our current SDP) or end the session (RFC 4028 §10).
    pub(super) fn session_timer_fired(&mut self, now: Instant) {
        match self.timer.due(now) {
            Some(TimerAction::Refresh) => {
                if self.renegotiation.busy() || self.state != InvState::Confirmed {
                    return;
                }
                if self.peer_allows_update {
                    self.send_reinvite(None, true);
                } else {
                    let body = self.oa.local.clone();
                    self.send_reinvite(body, false);
                }
            }
            Some(TimerAction::Expire) => {
                if let Some(d) = self.dialog.as_mut() {
                    let bye = d.request(Method::Bye);
                    self.send(SlotKind::Bye, bye);
                }
                self.set_state(InvState::Disconnected, 408, "Session Timer Expired");
            }
            None => {}
        }
    }
}

fn request_body(r: &Request) -> Option<Bytes> {
    sdp_body(r, &r.body)
}
