//! The callee's side (RFC 3261 §13.3): the incoming INVITE and its checks (Require,
//! session interval), provisional responses (reliable ones per RFC 3262 with PRACK),
//! the 2xx retransmitted until the ACK, rejection, CANCEL.

use super::offer::Outstanding;
use super::reliable::Retransmit;
use super::{
    has_tag, sdp_body, InvConfig, InvEvent, InvOutput, InvState, InviteSession, PrackUse, Role,
};
use crate::rng::Rng;
use crate::sip::build::response_to;
use crate::sip::dialog::Dialog;
use crate::sip::header_name::HeaderName;
use crate::sip::message::{Request, Response, SipHeaders};
use crate::sip::name_addr::NameAddr;
use crate::sip::transaction::TsxId;
use bytes::Bytes;
use std::time::Instant;

impl InviteSession {
    /// Takes an incoming INVITE received in server transaction `tsx`. `local_tag` is our
    /// To tag and `local_contact` our Contact for the dialog. An INVITE that cannot be
    /// accepted gives the response to send instead (420 for an unsupported Require, 422 for
    /// a too short session interval, 400 without From tag or Contact).
    pub fn uas(
        tsx: TsxId,
        invite: &Request,
        cfg: InvConfig,
        rng: Rng,
        local_tag: &str,
        local_contact: NameAddr,
    ) -> Result<Self, Response> {
        let unsupported: Vec<String> = invite
            .tokens(&HeaderName::Require)
            .into_iter()
            .filter(|t| !cfg.supported.iter().any(|s| s.eq_ignore_ascii_case(t)))
            .map(|t| t.to_string())
            .collect();
        if !unsupported.is_empty() {
            let mut r = response_to(invite, 420, "", Some(local_tag));
            r.headers
                .push(HeaderName::Unsupported, unsupported.join(", "));
            return Err(r);
        }
        if cfg.prack == PrackUse::Mandatory
            && !has_tag(invite, &HeaderName::Supported, "100rel")
            && !has_tag(invite, &HeaderName::Require, "100rel")
        {
            let mut r = response_to(invite, 421, "", Some(local_tag));
            r.headers.push(HeaderName::Require, "100rel");
            return Err(r);
        }
        let Some(dialog) = Dialog::from_uas(invite, local_tag, local_contact.clone()) else {
            return Err(response_to(
                invite,
                400,
                "Bad Request (no From tag or Contact)",
                Some(local_tag),
            ));
        };
        let mut s = InviteSession::new(Role::Uas, cfg, rng, invite.clone(), local_contact);
        if let Err(min_se) = s.timer.check_request(invite) {
            let mut r = response_to(invite, 422, "", Some(local_tag));
            r.headers.push(HeaderName::MinSe, min_se.to_string());
            return Err(r);
        }
        s.invite_tsx = Some(tsx);
        s.peer_allows_update = super::allows_update(invite);
        s.local_tag = local_tag.to_string();
        s.dialog = Some(dialog);
        if let Some(body) = sdp_body(invite, &invite.body) {
            s.oa.remote_offer(body.clone());
            s.events.push_back(InvEvent::RemoteOffer {
                body,
                renegotiation: false,
            });
        }
        s.set_state(InvState::Incoming, 0, "");
        Ok(s)
    }

    fn uas_response(&self, code: u16, reason: &str) -> Response {
        let mut r = response_to(&self.invite, code, reason, Some(&self.local_tag));
        if code > 100 && code < 300 {
            r.headers
                .push(HeaderName::Contact, self.local_contact.to_string());
            // The dialog's route set goes back to the caller (RFC 3261 §12.1.1).
            for v in self.invite.headers.get_all(&HeaderName::RecordRoute) {
                r.headers.push(HeaderName::RecordRoute, v.clone());
            }
        }
        r
    }

    fn with_body(r: &mut Response, body: Option<Bytes>) {
        if let Some(b) = body {
            r.headers.push(HeaderName::ContentType, "application/sdp");
            r.body = b;
        }
    }

    /// Sends a provisional response (180, 183...) with `body` (the answer for early media,
    /// or nothing). It is sent reliably (RFC 3262) when 100rel is used and the caller
    /// supports it, and no other reliable one awaits its PRACK.
    pub fn provisional(&mut self, now: Instant, code: u16, reason: &str, body: Option<Bytes>) {
        let Some(tsx) = self.invite_tsx else { return };
        if !matches!(self.state, InvState::Incoming | InvState::Early)
            || !(101..200).contains(&code)
        {
            return;
        }
        let mut r = self.uas_response(code, reason);
        let peer = has_tag(&self.invite, &HeaderName::Supported, "100rel")
            || has_tag(&self.invite, &HeaderName::Require, "100rel");
        let reliable = self.cfg.prack != PrackUse::NotUsed && peer && self.reliable_1xx.is_none();
        if let Some(b) = &body {
            if self.oa.outstanding == Outstanding::Remote {
                if reliable {
                    self.oa.local_answer(b.clone());
                } else {
                    self.oa.local = Some(b.clone());
                }
            } else if reliable && !self.oa.negotiated {
                // An offerless INVITE: our offer in the reliable 1xx; the answer comes in
                // the PRACK.
                self.oa.local_offer(b.clone());
            }
        }
        Self::with_body(&mut r, body);
        if reliable {
            self.rseq += 1;
            r.headers.push(HeaderName::Require, "100rel");
            r.headers.push(HeaderName::RSeq, self.rseq.to_string());
            let cseq = self.invite.cseq().map(|c| c.seq).unwrap_or(1);
            self.reliable_1xx = Some(Retransmit::start(
                now,
                self.cfg.t1,
                tsx,
                r.clone(),
                self.rseq,
                cseq,
            ));
        }
        self.outputs
            .push_back(InvOutput::Respond { tsx, response: r });
        self.set_state(InvState::Early, code, reason);
    }

    /// Answers the INVITE with 200 and `body`: our answer to the caller's offer, or our
    /// offer when the INVITE had none (the answer then comes in the ACK). The 2xx is
    /// retransmitted until the ACK arrives.
    pub fn accept(&mut self, now: Instant, code: u16, reason: &str, body: Option<Bytes>) {
        let Some(tsx) = self.invite_tsx else { return };
        if !matches!(self.state, InvState::Incoming | InvState::Early) {
            return;
        }
        let code = if (200..300).contains(&code) {
            code
        } else {
            200
        };
        let mut r = self.uas_response(code, reason);
        // Without a body the exchange completed in a reliable 1xx and its PRACK.
        if let Some(b) = &body {
            match self.oa.outstanding {
                Outstanding::Remote => self.oa.local_answer(b.clone()),
                Outstanding::None if !self.oa.negotiated => self.oa.local_offer(b.clone()),
                _ => {}
            }
        }
        let invite = self.invite.clone();
        self.timer.answer(now, &invite, &mut r);
        self.add_supported(&mut r);
        Self::with_body(&mut r, body);
        // RFC 3262 §3: stop retransmitting an unacknowledged reliable provisional, but be
        // ready for its PRACK (which may cross this 2xx).
        self.unacked_1xx = self.reliable_1xx.take().map(|r| (r.rseq, r.cseq));
        let cseq = self.invite.cseq().map(|c| c.seq).unwrap_or(1);
        self.retransmit_2xx = Some(Retransmit::start(now, self.cfg.t1, tsx, r.clone(), 0, cseq));
        self.outputs.push_back(InvOutput::Respond {
            tsx,
            response: r.clone(),
        });
        if let Some(d) = self.dialog.as_mut() {
            d.state = crate::sip::dialog::DialogState::Confirmed;
        }
        self.set_state(InvState::Connecting, code, reason);
    }

    fn add_supported(&self, r: &mut Response) {
        if !self.cfg.supported.is_empty() && !r.headers.contains(&HeaderName::Supported) {
            r.headers
                .push(HeaderName::Supported, self.cfg.supported.join(", "));
        }
        if !self.cfg.allow.is_empty() && !r.headers.contains(&HeaderName::Allow) {
            r.headers.push(HeaderName::Allow, self.cfg.allow.join(", "));
        }
    }

    /// Rejects the INVITE with a final `code` (3xx-6xx).
    pub fn reject(&mut self, now: Instant, code: u16, reason: &str) {
        let _ = now;
        let Some(tsx) = self.invite_tsx else { return };
        if !matches!(self.state, InvState::Incoming | InvState::Early) {
            return;
        }
        let r = response_to(&self.invite, code, reason, Some(&self.local_tag));
        let reason = r.reason.to_string();
        self.outputs
            .push_back(InvOutput::Respond { tsx, response: r });
        self.set_state(InvState::Disconnected, code, &reason);
    }

    pub(super) fn on_ack(&mut self, now: Instant, ack: &Request) {
        let seq = ack.cseq().map(|c| c.seq);
        let Some(r) = &self.retransmit_2xx else {
            return;
        };
        if seq != Some(r.cseq) {
            return;
        }
        self.retransmit_2xx = None;
        if let Some(b) = sdp_body(ack, &ack.body) {
            if self.oa.outstanding == Outstanding::Local {
                self.oa.remote_answer(b.clone());
                self.events.push_back(InvEvent::RemoteAnswer { body: b });
            }
        }
        if self.state == InvState::Connecting {
            self.set_state(InvState::Confirmed, 0, "");
        }
        let _ = now;
    }

    pub(super) fn on_cancel(&mut self, now: Instant, tsx: TsxId, cancel: &Request) {
        let ok = response_to(cancel, 200, "", Some(&self.local_tag));
        self.outputs
            .push_back(InvOutput::Respond { tsx, response: ok });
        if matches!(self.state, InvState::Incoming | InvState::Early) {
            self.reject(now, 487, "Request Terminated");
        }
    }

    pub(super) fn on_prack(&mut self, tsx: TsxId, prack: &Request) {
        let rack = prack
            .headers
            .get(&HeaderName::RAck)
            .map(|v| v.to_string())
            .unwrap_or_default();
        let mut parts = rack.split_whitespace();
        let rseq: Option<u32> = parts.next().and_then(|v| v.parse().ok());
        let cseq: Option<u32> = parts.next().and_then(|v| v.parse().ok());
        let matches = self
            .reliable_1xx
            .as_ref()
            .is_some_and(|r| Some(r.rseq) == rseq && Some(r.cseq) == cseq);
        let late = self
            .unacked_1xx
            .is_some_and(|(s, c)| Some(s) == rseq && Some(c) == cseq);
        if late {
            // The PRACK of a provisional our 2xx overtook: acknowledged now.
            self.unacked_1xx = None;
            let ok = self.response_to(prack, 200, "");
            self.outputs
                .push_back(InvOutput::Respond { tsx, response: ok });
            return;
        }
        if !matches {
            let r = self.response_to(prack, 481, "");
            self.outputs
                .push_back(InvOutput::Respond { tsx, response: r });
            return;
        }
        self.reliable_1xx = None;
        if let Some(b) = sdp_body(prack, &prack.body) {
            if self.oa.outstanding == Outstanding::Local {
                self.oa.remote_answer(b.clone());
                self.events.push_back(InvEvent::RemoteAnswer { body: b });
            }
        }
        let ok = self.response_to(prack, 200, "");
        self.outputs
            .push_back(InvOutput::Respond { tsx, response: ok });
    }
}
