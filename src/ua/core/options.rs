//! The OPTIONS probe the API sends to a peer and waits for (a pjsua2rs extension).

use super::{Owner, UaCore};
use crate::sip::message::Response;
use crate::sip::{HeaderName, Message, Method, NameAddr, Request, SipUri, Text, Uri};
use crate::ua::status::{
    PJSUA2RS_ERR_INVALID_ARG, PJSUA2RS_ERR_NOT_FOUND, PJSUA2RS_ERR_SIP_STATUS_BASE,
    PJSUA2RS_ERR_SIP_UNSUPPORTED_TRANSPORT,
};
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

/// Answers the waiting caller with a failure (no final response).
pub fn fail(reply: Reply, code: u16, reason: &str) {
    let _ = reply.send(Err(Error::new(
        PJSUA2RS_ERR_SIP_STATUS_BASE + code as i32,
        "",
        reason,
    )));
}

impl UaCore {
    /// Sends OPTIONS to `target` and answers `reply` with the final response, a timeout
    /// (Timer F), or a transport error.
    pub fn send_options(&mut self, now: Instant, target: Uri, reply: Reply) {
        match self.start_options(now, target) {
            Ok(tsx) => {
                self.owners.insert(tsx, Owner::Options(reply));
            }
            Err(e) => {
                let _ = reply.send(Err(e));
            }
        }
    }

    fn start_options(
        &mut self,
        now: Instant,
        target: Uri,
    ) -> Result<crate::sip::transaction::TsxId> {
        let title = "Endpoint::utilSendOptions()";
        let flow = self.sip.route_to(&target).map_err(|e| {
            Error::new(
                PJSUA2RS_ERR_SIP_UNSUPPORTED_TRANSPORT,
                title,
                format!("cannot reach {target}: {e}"),
            )
        })?;
        let local = self
            .sip
            .transport(flow.transport)
            .cloned()
            .ok_or_else(|| Error::new(PJSUA2RS_ERR_NOT_FOUND, title, "no transport"))?;
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
        self.sip
            .send_request(now, request, flow)
            .map_err(|e| Error::new(PJSUA2RS_ERR_INVALID_ARG, title, e.to_string()))
    }
}
