//! Redirections of the initial INVITE (RFC 3261 §8.1.3.4, §13.2.2.4): a 3xx keeps the
//! session waiting for the owner's decision on each Contact target in turn; accepting one
//! sends the INVITE again to it (same Call-ID and tag, next CSeq).

use super::{sdp_body, InvEvent, InvState, InviteSession, SlotKind};
use crate::sip::header_name::HeaderName;
use crate::sip::message::{Response, SipHeaders};
use crate::sip::name_addr::NameAddr;
use std::collections::VecDeque;

/// What the owner decided for the current redirection target.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RedirectOp {
    /// Send the INVITE to the target; `replace_to` also puts it in the To header.
    Accept {
        /// Whether the To URI becomes the target (PJSIP_REDIRECT_ACCEPT_REPLACE).
        replace_to: bool,
    },
    /// Skip this target and offer the next one.
    Reject,
    /// End the call with the 3xx.
    Stop,
}

/// A 3xx waiting for decisions.
#[derive(Clone, Debug)]
pub(super) struct Redirect {
    response: Response,
    targets: VecDeque<NameAddr>,
}

impl InviteSession {
    /// A 3xx to the INVITE: ends the session when it names no target, else offers the
    /// first target as [`InvEvent::Redirected`].
    pub(super) fn redirected(&mut self, response: &Response) {
        let mut targets: Vec<NameAddr> = response.contacts().unwrap_or_default();
        // Contacts with a higher q first (RFC 3261 §8.1.3.4); the order is kept otherwise.
        targets.sort_by(|a, b| q_of(b).total_cmp(&q_of(a)));
        if targets.is_empty() {
            self.set_state(InvState::Disconnected, response.status, &response.reason);
            return;
        }
        self.dialog = None;
        self.early.clear();
        self.acked_rseq.clear();
        self.redirect = Some(Redirect {
            response: response.clone(),
            targets: targets.into(),
        });
        self.offer_redirect_target();
    }

    fn offer_redirect_target(&mut self) {
        let Some(r) = &self.redirect else { return };
        match r.targets.front() {
            Some(_) => self.events.push_back(InvEvent::Redirected {
                response: r.response.clone(),
                targets: r.targets.iter().cloned().collect(),
            }),
            None => {
                let r = self.redirect.take().map(|r| r.response);
                self.end_with(r);
            }
        }
    }

    /// Whether a redirection waits for [`Self::redirect`].
    pub fn redirect_pending(&self) -> bool {
        self.redirect.is_some()
    }

    /// Applies the owner's decision on the current redirection target.
    pub fn redirect(&mut self, op: RedirectOp) {
        let Some(mut r) = self.redirect.take() else {
            return;
        };
        match op {
            RedirectOp::Accept { replace_to } => {
                let Some(target) = r.targets.pop_front() else {
                    return;
                };
                let previous = self.invite.clone();
                let mut again = self.next_invite(&previous);
                again.uri = target.uri.clone();
                // Credentials were for the old target's realm.
                again.headers.remove(&HeaderName::Authorization);
                again.headers.remove(&HeaderName::ProxyAuthorization);
                if replace_to {
                    let mut to = NameAddr::new(target.uri.clone());
                    to.display = target.display.clone();
                    again.headers.set(HeaderName::To, to.to_string());
                }
                self.invite = again.clone();
                self.oa = Default::default();
                if let Some(body) = sdp_body(&again, &again.body) {
                    self.oa.local_offer(body);
                }
                self.send(SlotKind::Invite, again);
            }
            RedirectOp::Reject => {
                r.targets.pop_front();
                self.redirect = Some(r);
                self.offer_redirect_target();
            }
            RedirectOp::Stop => self.end_with(Some(r.response)),
        }
    }

    /// Ends a call waiting for a redirection decision (the application hung up).
    pub(super) fn drop_redirect(&mut self) -> bool {
        match self.redirect.take() {
            Some(r) => {
                self.end_with(Some(r.response));
                true
            }
            None => false,
        }
    }

    fn end_with(&mut self, response: Option<Response>) {
        if let Some(r) = response {
            self.set_state(InvState::Disconnected, r.status, &r.reason);
        }
    }
}

fn q_of(target: &NameAddr) -> f32 {
    target
        .params
        .value("q")
        .and_then(|q| q.parse().ok())
        .unwrap_or(1.0)
}
