//! The OPTIONS probe the API sends to a peer and waits for (a pjsua2rs extension).

use super::send::Outgoing;
use super::{Owner, UaCore};
use crate::sip::message::Response;
use crate::sip::{HeaderName, Message, Method, NameAddr, Request, SipUri, Text, Uri};
use crate::ua::status::{PJSUA2RS_ERR_NOT_FOUND, PJSUA2RS_ERR_SIP_STATUS_BASE};
use crate::ua::{Error, Result};
use std::sync::mpsc::SyncSender;
use std::time::Instant;

/// The answer to a request the API sent and waits for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RequestOutcome {
    /// The final status code.
    pub status_code: u16,
    /// The reason phrase.
    pub reason: String,
    /// The whole response as received.
    pub whole_msg: String,
}

/// A reply channel for a pending request.
pub type Reply = SyncSender<Result<RequestOutcome>>;

/// Answers the waiting caller with the final response.
pub fn complete(reply: Reply, response: &Response) {
    let _ = reply.send(Ok(RequestOutcome {
        status_code: response.status,
        reason: response.reason.to_string(),
        whole_msg: String::from_utf8_lossy(&Message::Response(response.clone()).to_bytes())
            .into_owned(),
    }));
}

/// Answers the waiting caller with a failure (no final response): `status` when it says
/// why, else the SIP `code` as PJSIP's status (170000 + code).
pub fn fail(reply: Reply, code: u16, reason: &str, status: i32) {
    let status = if status != 0 {
        status
    } else {
        PJSUA2RS_ERR_SIP_STATUS_BASE + code as i32
    };
    let _ = reply.send(Err(Error::new(status, "", reason)));
}

impl UaCore {
    /// Sends OPTIONS to `target` and answers `reply` with the final response, a timeout
    /// (Timer F), or a transport or DNS error.
    pub fn send_options(&mut self, now: Instant, target: Uri, reply: Reply) {
        let title = "Endpoint::utilSendOptions()";
        // The From and Contact name our first transport of the family the target needs
        // (a name resolves later; the first transport then).
        let local = self
            .sip
            .route_to(&target)
            .ok()
            .and_then(|f| self.sip.transport(f.transport).cloned())
            .or_else(|| self.sip.transports().first().cloned());
        let Some(local) = local else {
            let _ = reply.send(Err(Error::new(
                PJSUA2RS_ERR_NOT_FOUND,
                title,
                "no transport: create one first",
            )));
            return;
        };
        let from_uri = SipUri::new(
            None,
            local.published_host.clone(),
            Some(local.published_port),
        );
        let mut from = NameAddr::new(Uri::Sip(from_uri.clone()));
        let tag = crate::sip::build::new_tag(&mut self.rng);
        from.params.set("tag", Some(Text::from(tag)));
        let call_id = format!("{}@{}", self.rng.token(22), local.published_host);
        let mut request = Request::new(Method::Options, target.clone());
        request.headers.push(HeaderName::From, from.to_string());
        request
            .headers
            .push(HeaderName::To, NameAddr::new(target).to_string());
        request.headers.push(HeaderName::CallId, call_id);
        request.headers.push(HeaderName::CSeq, "1 OPTIONS");
        request.headers.push(
            HeaderName::Contact,
            NameAddr::new(Uri::Sip(from_uri)).to_string(),
        );
        request.headers.push(HeaderName::Accept, "application/sdp");
        self.send_routed(
            now,
            Outgoing {
                request,
                transport_id: -1,
                sent_by: None,
                owner: Owner::Options(reply),
                remaining: Vec::new(),
            },
        );
    }
}
