//! The user-agent core: the state the driver thread owns. It runs the SIP endpoint,
//! logs SIP traffic, and completes the operations the API started (sending OPTIONS...).

use super::log::Logger;
use super::status::{PJSUA2RS_ERR_SIP_STATUS_BASE, PJSUA2RS_ERR_TIMEOUT};
use super::transport::TransportRecord;
use super::{Error, Result};
use crate::runtime::Core;
use crate::sip::endpoint::{EndpointEvent, SipEndpoint};
use crate::sip::message::{Request, Response};
use crate::sip::transaction::{TsxEvent, TsxId};
use crate::sip::transport::{Flow, Transmit, TransportId};
use crate::sip::{HeaderName, Message, Method, NameAddr, SipUri, Text, Uri};
use bytes::Bytes;
use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::mpsc::SyncSender;
use std::sync::Arc;
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
type Reply = SyncSender<Result<RequestOutcome>>;

/// The core state, owned by the driver thread.
pub struct UaCore {
    sip: SipEndpoint,
    logger: Arc<Logger>,
    transports: Vec<TransportRecord>,
    next_transport: TransportId,
    pending: HashMap<TsxId, Reply>,
}

impl UaCore {
    /// A core around a SIP endpoint.
    pub fn new(sip: SipEndpoint, logger: Arc<Logger>) -> Self {
        UaCore {
            sip,
            logger,
            transports: Vec::new(),
            next_transport: 0,
            pending: HashMap::new(),
        }
    }

    /// The SIP endpoint.
    pub fn sip(&mut self) -> &mut SipEndpoint {
        &mut self.sip
    }

    /// The transports.
    pub fn transports(&self) -> &[TransportRecord] {
        &self.transports
    }

    /// The number the next transport gets.
    pub fn next_transport_id(&mut self) -> TransportId {
        let id = self.next_transport;
        self.next_transport += 1;
        id
    }

    /// Records a created transport and tells the SIP endpoint about it.
    pub fn add_transport(&mut self, record: TransportRecord) {
        self.sip.add_transport(record.local_transport());
        self.logger.log(
            4,
            "sip_transport",
            &format!(
                "{} transport started, bound to {}, published as {}",
                record.type_name,
                record.local,
                record.published_name()
            ),
        );
        self.transports.push(record);
    }

    /// Forgets a closed transport.
    pub fn remove_transport(&mut self, id: TransportId) -> bool {
        self.transports.retain(|t| t.id != id);
        self.sip.remove_transport(id)
    }

    /// Sends OPTIONS to `target` and answers `reply` with the final response, a timeout
    /// (Timer F), or a transport error.
    pub fn send_options(&mut self, now: Instant, target: Uri, reply: Reply) {
        let outcome = self.start_options(now, target);
        match outcome {
            Ok(tsx) => {
                self.pending.insert(tsx, reply);
            }
            Err(e) => {
                let _ = reply.send(Err(e));
            }
        }
    }

    fn start_options(&mut self, now: Instant, target: Uri) -> Result<TsxId> {
        let title = "Endpoint::utilSendOptions()";
        let flow = self.sip.route_to(&target).map_err(|e| {
            Error::new(
                super::status::PJSUA2RS_ERR_SIP_UNSUPPORTED_TRANSPORT,
                title,
                format!("cannot reach {target}: {e}"),
            )
        })?;
        let local = self.sip.transport(flow.transport).cloned().ok_or_else(|| {
            Error::new(super::status::PJSUA2RS_ERR_NOT_FOUND, title, "no transport")
        })?;
        let from_uri = SipUri::new(
            None,
            local.published_host.clone(),
            Some(local.published_port),
        );
        let mut from = NameAddr::new(Uri::Sip(from_uri.clone()));
        let tag = crate::sip::build::new_tag(self.sip.rng());
        from.params.set("tag", Some(Text::from(tag)));
        let call_id = format!("{}@{}", self.sip.rng().token(22), local.published_host);
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
        self.sip.send_request(now, request, flow).map_err(|e| {
            Error::new(
                super::status::PJSUA2RS_ERR_INVALID_ARG,
                title,
                e.to_string(),
            )
        })
    }

    fn on_event(&mut self, event: EndpointEvent) {
        match event {
            EndpointEvent::Tsx(TsxEvent::Response { tsx, response }) if response.status >= 200 => {
                if let Some(reply) = self.pending.remove(&tsx) {
                    let _ = reply.send(Ok(outcome_of(&response)));
                }
            }
            EndpointEvent::Tsx(TsxEvent::Timeout { tsx }) => {
                if let Some(reply) = self.pending.remove(&tsx) {
                    let _ = reply.send(Err(Error::new(
                        PJSUA2RS_ERR_SIP_STATUS_BASE + 408,
                        "",
                        "Request Timeout (no response, Timer F)",
                    )));
                }
            }
            EndpointEvent::Tsx(TsxEvent::TransportError { tsx }) => {
                if let Some(reply) = self.pending.remove(&tsx) {
                    let _ = reply.send(Err(Error::new(
                        PJSUA2RS_ERR_SIP_STATUS_BASE + 503,
                        "",
                        "Service Unavailable (transport error)",
                    )));
                }
            }
            EndpointEvent::Tsx(TsxEvent::Terminated { tsx }) => {
                if let Some(reply) = self.pending.remove(&tsx) {
                    let _ = reply.send(Err(Error::new(
                        PJSUA2RS_ERR_TIMEOUT,
                        "",
                        "transaction ended without a final response",
                    )));
                }
            }
            EndpointEvent::Malformed {
                flow,
                error,
                answered,
            } => {
                self.logger.log(
                    2,
                    "sip_endpoint",
                    &format!(
                        "Malformed message from {} {}: {} ({})",
                        flow.kind,
                        flow.remote,
                        error.reason,
                        if answered {
                            format!("answered {}", error.status)
                        } else {
                            "dropped".to_string()
                        }
                    ),
                );
            }
            EndpointEvent::Tsx(_) => {}
        }
    }

    fn log_message(&self, direction: &str, flow: &Flow, data: &Bytes) {
        if !self.logger.msg_logging() {
            return;
        }
        let text = String::from_utf8_lossy(data);
        let first = text.lines().next().unwrap_or("");
        let kind = if first.starts_with("SIP/") {
            "Response"
        } else {
            "Request"
        };
        let prep = if direction == "TX" { "to" } else { "from" };
        self.logger.log(
            4,
            "pjsua2rs_core",
            &format!(
                "{direction} {} bytes {kind} msg {first} {prep} {} {}:\n{text}\n--end msg--",
                data.len(),
                flow.kind,
                flow.remote
            ),
        );
    }
}

fn outcome_of(response: &Response) -> RequestOutcome {
    RequestOutcome {
        status_code: response.status,
        reason: response.reason.to_string(),
        whole_msg: String::from_utf8_lossy(&Message::Response(response.clone()).to_bytes())
            .into_owned(),
    }
}

impl Core for UaCore {
    fn handle_datagram(
        &mut self,
        now: Instant,
        transport: TransportId,
        remote: SocketAddr,
        data: Bytes,
    ) {
        let flow = Flow {
            transport,
            kind: crate::sip::transport::TransportKind::Udp,
            remote,
            conn: None,
        };
        self.log_message("RX", &flow, &data);
        self.sip.handle_datagram(now, transport, remote, data);
    }

    fn handle_stream_message(&mut self, now: Instant, flow: Flow, data: Bytes) {
        self.log_message("RX", &flow, &data);
        self.sip.handle_message(now, flow, data);
    }

    fn handle_flow_error(&mut self, _now: Instant, flow: Flow) {
        self.logger.log(
            3,
            "sip_transport",
            &format!("{} flow to {} failed or closed", flow.kind, flow.remote),
        );
        self.sip.handle_flow_error(flow);
    }

    fn handle_timeout(&mut self, now: Instant) {
        self.sip.handle_timeout(now);
    }

    fn poll_transmit(&mut self) -> Option<Transmit> {
        let t = self.sip.poll_transmit()?;
        self.log_message("TX", &t.flow, &t.data);
        Some(t)
    }

    fn poll_timeout(&self) -> Option<Instant> {
        self.sip.poll_timeout()
    }

    fn process(&mut self, now: Instant) {
        while let Some(event) = self.sip.poll_event(now) {
            self.on_event(event);
        }
    }

    fn on_panic(&mut self, what: &str) {
        self.logger.log(
            1,
            "pjsua2rs_core",
            &format!("internal error (please report): {what}"),
        );
    }
}
