//! The BYE of a call that has ended (RFC 3261 §15.1.1, §22): as in PJSIP, a call ends as
//! its BYE is sent, so a 401/407 to that BYE finds no call. The core keeps the BYE with
//! its dialog's authentication and re-sends it once with credentials (the loop guard of
//! [`ClientAuth`] included); any other outcome ends it quietly.

use super::send::Outgoing;
use super::{Owner, UaCore};
use crate::sip::auth::ClientAuth;
use crate::sip::{Host, Method, Request, Response, SipHeaders};
use crate::ua::call::CallKey;
use std::time::Instant;

impl UaCore {
    /// Gives the BYE of call `key` still in flight (or waiting for DNS) to the core, with
    /// `auth`, the authentication of the call's dialog, as the call goes away.
    pub(super) fn keep_bye(&mut self, key: CallKey, auth: &ClientAuth) {
        let outgoing = self
            .in_flight
            .values_mut()
            .chain(self.resolving.values_mut());
        for out in outgoing {
            if matches!(out.owner, Owner::Call(k, _) if k == key)
                && out.request.method == Method::Bye
            {
                out.owner = Owner::Bye(Box::new(auth.clone()));
            }
        }
    }

    /// The final response to the BYE `sent` of an ended call: a 401/407 is answered by
    /// sending it again with credentials over `route` (the transport and Via sent-by it
    /// went with); a challenge that cannot be answered is logged.
    pub(super) fn bye_response(
        &mut self,
        now: Instant,
        mut auth: Box<ClientAuth>,
        sent: Request,
        route: (i32, Option<(Host, u16)>),
        response: &Response,
    ) {
        if !matches!(response.status, 401 | 407) {
            return;
        }
        let seq = sent.cseq().map_or(1, |c| c.seq + 1);
        match auth.retry(&sent, response, seq, &mut self.rng) {
            Ok(request) => self.send_routed(
                now,
                Outgoing {
                    request,
                    transport_id: route.0,
                    sent_by: route.1,
                    owner: Owner::Bye(auth),
                    remaining: Vec::new(),
                },
            ),
            Err(e) => self.logger.log(
                3,
                "pjsua2rs_call",
                &format!(
                    "{}: {} {} ({e})",
                    bye_name(&sent),
                    response.status,
                    response.reason
                ),
            ),
        }
    }
}

/// How the log names a BYE: its Call-ID.
fn bye_name(request: &Request) -> String {
    format!(
        "BYE of call {}",
        request.call_id().map(|c| c.to_string()).unwrap_or_default()
    )
}
