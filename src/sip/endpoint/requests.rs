//! Requests the endpoint sends (RFC 3261 §8.1.1, §9.1, §18.1.1): our Via on top,
//! Max-Forwards and User-Agent, CANCEL, and the move of a request too large for UDP to
//! TCP.

use super::SipEndpoint;
use crate::sip::build::{new_branch, our_via};
use crate::sip::header_name::HeaderName;
use crate::sip::message::{Request, SipHeaders};
use crate::sip::method::Method;
use crate::sip::transaction::{TsxError, TsxId};
use crate::sip::transport::{Flow, TransportKind};
use crate::sip::uri::Host;
use std::time::Instant;

/// RFC 3261 §18.1.1: with the path MTU unknown (we never learn it), a request larger than
/// this many bytes goes over a congestion-controlled transport, TCP, when we have one
/// (PJSIP's `PJSIP_UDP_SIZE_THRESHOLD`).
pub(crate) const UDP_SIZE_THRESHOLD: usize = 1300;

impl SipEndpoint {
    /// Sends a request in a new client transaction on `flow`: puts our Via (new branch,
    /// rport) on top, and adds Max-Forwards and User-Agent when missing. A UDP request
    /// larger than 1300 bytes goes over TCP instead when we have a TCP
    /// transport of the address family, with TCP in its Via (RFC 3261 §18.1.1); if that
    /// connection fails, the transaction reports a transport error as on any TCP flow.
    pub fn send_request(
        &mut self,
        now: Instant,
        request: Request,
        flow: Flow,
    ) -> Result<TsxId, TsxError> {
        self.send_request_via(now, request, flow, None)
    }

    /// Like [`Self::send_request`], with our Via's sent-by set to `sent_by` instead of the
    /// transport's published address (after NAT discovery, PJSUA2's `viaRewriteUse`). A
    /// request moved to TCP names the TCP transport's published address instead.
    pub fn send_request_via(
        &mut self,
        now: Instant,
        request: Request,
        flow: Flow,
        sent_by: Option<(Host, u16)>,
    ) -> Result<TsxId, TsxError> {
        let (request, flow) = self.prepare(request, flow, sent_by, true);
        self.tsx.send_request(now, request, flow)
    }

    /// Sends a request outside any transaction (the ACK for a 2xx, RFC 3261 §13.2.2.4) with
    /// our Via (a new branch) on top, like [`Self::send_request_via`].
    pub fn send_stateless_request(
        &mut self,
        request: Request,
        flow: Flow,
        sent_by: Option<(Host, u16)>,
    ) {
        let (request, flow) = self.prepare(request, flow, sent_by, false);
        self.tsx.send_stateless(flow, request.to_bytes());
    }

    /// CANCELs the INVITE of client transaction `invite` (RFC 3261 §9.1): the same
    /// Request-URI, Call-ID, From, To, CSeq number, top Via (so the same branch and
    /// transport) and Route set, sent in its own transaction on the INVITE's flow.
    pub fn cancel(&mut self, now: Instant, invite: TsxId) -> Result<TsxId, TsxError> {
        let (request, flow) = match (self.tsx.request(invite), self.tsx.flow(invite)) {
            (Some(r), Some(f)) if r.method == Method::Invite => (r.clone(), f),
            _ => return Err(TsxError::NoTransaction),
        };
        let mut cancel = Request::new(Method::Cancel, request.uri.clone());
        for name in [
            HeaderName::Via,
            HeaderName::From,
            HeaderName::To,
            HeaderName::CallId,
        ] {
            let first = request.headers.values(&name).next();
            if let Some(v) = first {
                cancel.headers.push(name, v);
            }
        }
        cancel.headers.push(HeaderName::MaxForwards, "70");
        let seq = request.cseq().map(|c| c.seq).unwrap_or(1);
        cancel
            .headers
            .push(HeaderName::CSeq, format!("{seq} CANCEL"));
        for route in request.headers.get_all(&HeaderName::Route) {
            cancel.headers.push(HeaderName::Route, route.clone());
        }
        self.tsx.send_request(now, cancel, flow)
    }

    /// Puts our Via on top, adds Max-Forwards and (with `user_agent`) User-Agent when
    /// missing, and picks the transport: TCP instead of UDP for a request too large for
    /// UDP (RFC 3261 §18.1.1), with the Via changed to match. Responses never move: they
    /// follow the request's Via (§18.2.2).
    fn prepare(
        &mut self,
        mut request: Request,
        flow: Flow,
        sent_by: Option<(Host, u16)>,
        user_agent: bool,
    ) -> (Request, Flow) {
        let branch = new_branch(&mut self.rng);
        let ours = self.transport(flow.transport).map(|t| {
            let (host, port) =
                sent_by.unwrap_or_else(|| (t.published_host.clone(), t.published_port));
            our_via(flow.kind.via_token(), host, port, &branch)
        });
        if let Some(via) = &ours {
            request.headers.push_front(HeaderName::Via, via.to_string());
        }
        if !request.headers.contains(&HeaderName::MaxForwards) {
            request.headers.push(HeaderName::MaxForwards, "70");
        }
        if user_agent
            && !self.cfg.user_agent.is_empty()
            && !request.headers.contains(&HeaderName::UserAgent)
        {
            request
                .headers
                .push(HeaderName::UserAgent, self.cfg.user_agent.clone());
        }
        if ours.is_none()
            || flow.kind != TransportKind::Udp
            || request.to_bytes().len() <= UDP_SIZE_THRESHOLD
        {
            return (request, flow);
        }
        // No TCP transport of the family: UDP it is (PJSIP sends it anyway too).
        let tcp = self.flow_to(TransportKind::Tcp, flow.remote).ok();
        let Some((tcp_flow, t)) = tcp.and_then(|f| Some((f, self.transport(f.transport)?))) else {
            return (request, flow);
        };
        let via = our_via(
            TransportKind::Tcp.via_token(),
            t.published_host.clone(),
            t.published_port,
            &branch,
        );
        request.headers.remove_first(&HeaderName::Via);
        request.headers.push_front(HeaderName::Via, via.to_string());
        (request, tcp_flow)
    }
}
