//! The caller's side (RFC 3261 §13.2): sending the INVITE, provisional responses and early
//! dialogs (forking), PRACK for reliable ones (RFC 3262), the 2xx and its ACK (extra 2xx
//! from other forks get ACK and BYE), CANCEL, redirections, digest retries and 422.

use super::offer::Outstanding;
use super::{
    has_tag, sdp_body, InvConfig, InvEvent, InvOutput, InvState, InviteSession, PrackUse, Role,
    Slot, SlotKind,
};
use crate::rng::Rng;
use crate::sip::dialog::Dialog;
use crate::sip::header_name::HeaderName;
use crate::sip::message::{Request, Response, SipHeaders};
use crate::sip::method::Method;
use crate::sip::name_addr::NameAddr;
use bytes::Bytes;
use std::time::Instant;

impl InviteSession {
    /// Starts a call with `invite` (built by the owner: Request-URI, From with tag, To,
    /// Call-ID, CSeq, Contact, and the SDP offer as body, or no body for a delayed offer).
    /// The session adds Supported/Require for 100rel and timers, and Session-Expires.
    pub fn uac(mut invite: Request, cfg: InvConfig, rng: Rng) -> Self {
        let contact = invite
            .contacts()
            .and_then(|c| c.into_iter().next())
            .unwrap_or_else(|| NameAddr::new(invite.uri.clone()));
        if cfg.prack == PrackUse::Mandatory {
            invite.headers.push(HeaderName::Require, "100rel");
        }
        let mut s = InviteSession::new(Role::Uac, cfg, rng, invite.clone(), contact);
        s.timer.request_headers(&mut invite, None);
        s.add_common_headers(&mut invite);
        if let Some(body) = sdp_body(&invite, &invite.body) {
            s.oa.local_offer(body);
        }
        s.invite = invite.clone();
        s.send(SlotKind::Invite, invite);
        s.set_state(InvState::Calling, 0, "");
        s
    }

    pub(super) fn invite_response(
        &mut self,
        now: Instant,
        slot: Slot,
        request: Request,
        response: &Response,
    ) {
        let status = response.status;
        match status {
            100 => {}
            101..=199 => self.provisional_received(now, &request, response),
            200..=299 => self.success_received(now, &request, response),
            300..=399 if self.state < InvState::Connecting => {
                self.slots.remove(&slot);
                self.redirected(response);
            }
            401 | 407 if self.state < InvState::Connecting => {
                // Hung up before the challenge came: it ends the call, unanswered.
                let failure = if self.cancel_wanted || self.cancelled {
                    Some(response.reason.to_string())
                } else {
                    self.answer_challenge(slot, SlotKind::Invite, &request, response)
                        .err()
                        .map(|e| format!("{} ({e})", response.reason))
                };
                if let Some(reason) = failure {
                    self.slots.remove(&slot);
                    self.set_state(InvState::Disconnected, status, &reason);
                }
            }
            422 if self.state < InvState::Connecting => {
                self.slots.remove(&slot);
                match self.timer.on_422(response) {
                    Some(se) => {
                        let mut again = self.next_invite(&request);
                        self.timer.request_headers(&mut again, Some(se));
                        // (send replaces the answers it carries with fresh ones, next nc.)
                        self.send(SlotKind::Invite, again);
                    }
                    None => self.set_state(InvState::Disconnected, status, &response.reason),
                }
            }
            _ if self.state < InvState::Connecting => {
                self.slots.remove(&slot);
                self.set_state(InvState::Disconnected, status, &response.reason);
            }
            _ => {}
        }
    }

    /// The INVITE re-sent after a challenge or a 422: same dialog identifiers, next CSeq.
    pub(super) fn next_invite(&mut self, previous: &Request) -> Request {
        let mut again = previous.clone();
        let seq = previous.cseq().map(|c| c.seq + 1).unwrap_or(2);
        again.headers.set(HeaderName::CSeq, format!("{seq} INVITE"));
        self.invite = again.clone();
        again
    }

    fn provisional_received(&mut self, now: Instant, request: &Request, response: &Response) {
        let _ = now;
        if self.state > InvState::Early {
            return;
        }
        let Some(tag) = response
            .to_addr()
            .and_then(|t| t.tag().map(|t| t.to_string()))
        else {
            // No To tag: no dialog yet; a CANCEL may go now (RFC 3261 §9.1).
            self.cancel_if_wanted();
            return;
        };
        if let Some(d) = Dialog::from_uac(request, response) {
            match &self.dialog {
                None => self.dialog = Some(d),
                Some(first) if first.id.remote_tag.as_str() != tag => {
                    self.early.entry(tag.clone()).or_insert(d);
                }
                Some(_) => {}
            }
        }
        self.set_state(InvState::Early, response.status, &response.reason);
        self.cancel_if_wanted();
        if self.state == InvState::Disconnected {
            return;
        }
        let reliable = has_tag(response, &HeaderName::Require, "100rel")
            && response.headers.contains(&HeaderName::RSeq);
        let body = sdp_body(response, &response.body);
        if reliable {
            let Some(rseq) = response.number(&HeaderName::RSeq) else {
                return;
            };
            let acked = self.acked_rseq.get(&tag).copied().unwrap_or(0);
            if rseq <= acked {
                return; // a retransmission: our PRACK is on its way
            }
            self.acked_rseq.insert(tag.clone(), rseq);
            let mut prack_body = None;
            if let Some(b) = body {
                match self.oa.outstanding {
                    Outstanding::Local => {
                        self.oa.remote_answer(b.clone());
                        self.events.push_back(InvEvent::RemoteAnswer { body: b });
                    }
                    _ => {
                        // An offer in a reliable 1xx to our offerless INVITE: the answer
                        // goes in the PRACK, once the owner gives it.
                        self.oa.remote_offer(b.clone());
                        self.events.push_back(InvEvent::RemoteOffer {
                            body: b,
                            renegotiation: false,
                        });
                        prack_body = Some(());
                    }
                }
            }
            let cseq = request.cseq().map(|c| c.seq).unwrap_or(1);
            let dialog = self.dialog_for_tag(&tag);
            if let Some(mut d) = dialog {
                let mut prack = d.request(Method::Prack);
                prack
                    .headers
                    .push(HeaderName::RAck, format!("{rseq} {cseq} INVITE"));
                self.store_dialog(&tag, d);
                if prack_body.is_some() {
                    self.pending_prack = Some(prack);
                } else {
                    self.send(SlotKind::Prack, prack);
                }
            }
        } else if let Some(b) = body {
            // Early media: an answer in an unreliable 1xx (RFC 6337 §3.1.1).
            if self.oa.outstanding == Outstanding::Local {
                let repeated = self
                    .early_answer
                    .as_ref()
                    .is_some_and(|(t, e)| *t == tag && *e == b);
                self.oa.remote = Some(b.clone());
                self.oa.negotiated = true;
                self.early_answer = Some((tag.clone(), b.clone()));
                if !repeated {
                    self.events.push_back(InvEvent::RemoteAnswer { body: b });
                }
            }
        }
    }

    fn cancel_if_wanted(&mut self) {
        if self.cancel_wanted {
            self.cancel_wanted = false;
            self.cancel_invite();
        }
    }

    /// Sends the CANCEL for our INVITE.
    pub(super) fn cancel_invite(&mut self) {
        if let Some(slot) = self.invite_slot() {
            self.cancelled = true;
            self.outputs.push_back(InvOutput::Cancel { slot });
        }
    }

    fn dialog_for_tag(&self, tag: &str) -> Option<Dialog> {
        match &self.dialog {
            Some(d) if d.id.remote_tag.as_str() == tag => Some(d.clone()),
            _ => self.early.get(tag).cloned(),
        }
    }

    fn store_dialog(&mut self, tag: &str, d: Dialog) {
        match &self.dialog {
            Some(first) if first.id.remote_tag.as_str() == tag => self.dialog = Some(d),
            _ => {
                self.early.insert(tag.to_string(), d);
            }
        }
    }

    fn success_received(&mut self, now: Instant, request: &Request, response: &Response) {
        let Some(tag) = response
            .to_addr()
            .and_then(|t| t.tag().map(|t| t.to_string()))
        else {
            return;
        };
        let seq = request.cseq().map(|c| c.seq).unwrap_or(1);
        let confirmed_tag = self
            .dialog
            .as_ref()
            .filter(|_| self.state >= InvState::Connecting)
            .map(|d| d.id.remote_tag.to_string());
        match confirmed_tag {
            Some(t) if t == tag => {
                // A 2xx retransmission: the ACK was lost.
                if let Some(ack) = self.last_ack.clone() {
                    self.outputs.push_back(InvOutput::Ack { request: ack });
                }
                return;
            }
            Some(_) => {
                // A 2xx from another fork (RFC 3261 §13.2.2.4): acknowledge it and end
                // that dialog.
                if let Some(mut d) = Dialog::from_uac(request, response) {
                    let mut ack = d.ack(seq);
                    for (name, value) in super::auth::credentials(request) {
                        ack.headers.push(name, value);
                    }
                    self.outputs.push_back(InvOutput::Ack { request: ack });
                    let bye = d.request(Method::Bye);
                    self.send(SlotKind::ForkBye, bye);
                }
                return;
            }
            None => {}
        }
        self.ack_credentials = super::auth::credentials(request);
        self.peer_allows_update = super::allows_update(response);
        let mut d = match self.dialog_for_tag(&tag) {
            Some(d) => d,
            None => match Dialog::from_uac(request, response) {
                Some(d) => d,
                None => {
                    // A 2xx we cannot make a dialog from (no Contact): acknowledge nothing
                    // we can route; end the call.
                    self.set_state(InvState::Disconnected, 500, "Invalid 2xx (no Contact)");
                    return;
                }
            },
        };
        d.on_response(response);
        self.early.remove(&tag);
        self.early.clear();
        self.dialog = Some(d);
        self.timer.on_2xx(now, request, response);
        self.set_state(InvState::Connecting, response.status, &response.reason);
        // The early dialog's answer (unreliable 1xx) is the answer of its 2xx too: the
        // 2xx repeats it or carries none; another fork's 2xx has its own.
        let early = self
            .early_answer
            .take()
            .filter(|(t, _)| *t == tag)
            .map(|(_, b)| b);
        let body = sdp_body(response, &response.body).or_else(|| early.clone());
        match (self.oa.outstanding.clone(), body) {
            (Outstanding::Local, Some(b)) if early.as_ref() == Some(&b) => {
                // Already reported with the 1xx.
                self.oa.remote_answer(b);
            }
            (Outstanding::Local, Some(b)) => {
                self.oa.remote_answer(b.clone());
                self.events.push_back(InvEvent::RemoteAnswer { body: b });
            }
            (Outstanding::None, Some(b)) if !self.oa.negotiated => {
                // Our INVITE had no offer: this is the offer; the answer goes in the ACK.
                self.oa.remote_offer(b.clone());
                self.events.push_back(InvEvent::RemoteOffer {
                    body: b,
                    renegotiation: false,
                });
                self.ack_waits_for_answer = Some(seq);
                return;
            }
            _ => {}
        }
        self.send_ack(seq, None);
        if self.cancelled {
            // The 2xx crossed our CANCEL (RFC 3261 §9.1): the call was answered; end it.
            self.hangup(now, 0, "");
        }
    }

    /// Sends the ACK for the 2xx to the INVITE with CSeq `seq`, with `body` (our answer)
    /// if any, and confirms the session.
    pub(super) fn send_ack(&mut self, seq: u32, body: Option<Bytes>) {
        let Some(d) = self.dialog.as_ref() else {
            return;
        };
        let mut ack = d.ack(seq);
        for (name, value) in &self.ack_credentials {
            ack.headers.push(name.clone(), value.clone());
        }
        if let Some(b) = body {
            ack.headers.push(HeaderName::ContentType, "application/sdp");
            ack.body = b;
        }
        self.last_ack = Some(ack.clone());
        self.outputs.push_back(InvOutput::Ack { request: ack });
        if self.state == InvState::Connecting {
            self.set_state(InvState::Confirmed, 0, "");
        }
    }
}
