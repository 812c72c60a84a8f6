//! The session's digest authentication (RFC 3261 §22.2-§22.3, §13.2.2.4), as PJSIP's auth
//! session of a dialog: one [`ClientAuth`] with the account's credentials for every
//! request the session sends. A 401/407 to any of them (INVITE, re-INVITE, UPDATE, PRACK,
//! BYE, INFO, MESSAGE...) is answered once by re-sending the request with credentials;
//! once challenged, later requests carry answers pre-emptively with the next nonce count,
//! and the ACK of a 2xx repeats the credentials of its INVITE.

use super::{InvOutput, InviteSession, Slot, SlotKind};
use crate::sip::auth::{AuthError, ClientAuth};
use crate::sip::dialog::Dialog;
use crate::sip::header_name::HeaderName;
use crate::sip::message::{Request, Response, SipHeaders};
use crate::sip::text::Text;

impl InviteSession {
    /// The session's authentication state: its credentials and the challenges answered
    /// (the owner keeps it to answer a challenge to a BYE sent as the session ended).
    pub fn auth(&self) -> &ClientAuth {
        &self.auth
    }

    /// Adds pre-emptive answers for the realms this session was challenged in to a new
    /// request (not to an ACK nor a CANCEL, which never go through here).
    pub(super) fn authorize(&mut self, request: &mut Request) {
        // Fails only when the credentials for a cached realm are gone: send it bare then,
        // and the challenge that follows is answered or reported as usual.
        let _ = self.auth.authorize(request);
    }

    /// Whether a 401/407 to the request of `slot` was answered by re-sending it.
    pub(super) fn challenged(
        &mut self,
        slot: Slot,
        kind: SlotKind,
        request: &Request,
        response: &Response,
    ) -> bool {
        matches!(response.status, 401 | 407)
            && self.answer_challenge(slot, kind, request, response).is_ok()
    }

    /// Re-sends `request` (sent as `slot`) answering the 401/407 `response`: same dialog,
    /// next CSeq, in the same slot (a new transaction, so a new branch). Fails with the
    /// loop guard's or the credentials' error: the caller reports the challenge as the
    /// request's failure.
    pub(super) fn answer_challenge(
        &mut self,
        slot: Slot,
        kind: SlotKind,
        request: &Request,
        response: &Response,
    ) -> Result<(), AuthError> {
        // The next CSeq of the dialog the request was sent in, else one more than its own
        // (the initial INVITE, or a BYE to another fork); taken only if it is re-sent.
        let sent = request.cseq().map_or(0, |c| c.seq);
        let seq = self
            .dialog_of(request)
            .map_or(sent, |d| d.local_seq.max(sent))
            + 1;
        let again = self.auth.retry(request, response, seq, &mut self.rng)?;
        if let Some(d) = self.dialog_of(request) {
            d.local_seq = seq;
        }
        if kind == SlotKind::Invite {
            self.invite = again.clone();
        }
        self.slots.insert(slot, (kind, again.clone()));
        self.outputs.push_back(InvOutput::Request {
            slot,
            request: again,
        });
        Ok(())
    }

    /// The dialog (confirmed or early) `request` was sent in, by its To tag.
    fn dialog_of(&mut self, request: &Request) -> Option<&mut Dialog> {
        let tag = request.to_addr()?.tag()?.to_string();
        match self.dialog.as_mut() {
            Some(d) if d.id.remote_tag.as_str() == tag => Some(d),
            _ => self.early.get_mut(&tag),
        }
    }
}

/// The Authorization and Proxy-Authorization headers of `request`, for the ACK of its 2xx
/// ("the ACK MUST contain the same credentials as the INVITE", RFC 3261 §13.2.2.4).
pub(super) fn credentials(request: &Request) -> Vec<(HeaderName, Text)> {
    request
        .headers
        .iter()
        .filter(|h| {
            h.name.matches(&HeaderName::Authorization)
                || h.name.matches(&HeaderName::ProxyAuthorization)
        })
        .map(|h| (h.name.clone(), h.value.clone()))
        .collect()
}
