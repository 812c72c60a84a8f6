//! The SIP endpoint core, sans-IO: parses what the transports receive, runs the
//! transaction layer, answers what no upper layer handles (OPTIONS, 405, 416, 420, 481,
//! 400 for malformed requests, 513 for ones too large for a stream) and hands the rest to
//! the user agent (RFC 3261 §8.2). The requests it sends are built in `endpoint/requests.rs`.

mod requests;

use super::build::response_to;
use super::framing::FramingError;
use super::header_name::HeaderName;
use super::message::{Message, Request, Response, SipHeaders};
use super::method::Method;
use super::parse::{parse_message, parse_request_head, ParseError};
use super::transaction::{TimerConfig, TransactionLayer, TsxError, TsxEvent, TsxId};
use super::transport::{Flow, Transmit, TransportId, TransportKind};
use super::uri::{Host, Uri};
use crate::rng::Rng;
use bytes::Bytes;
use std::collections::VecDeque;
use std::net::SocketAddr;
use std::time::Instant;

/// One of our transports as the core sees it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LocalTransport {
    /// Its number.
    pub id: TransportId,
    /// Its protocol.
    pub kind: TransportKind,
    /// The address the socket is bound to.
    pub local: SocketAddr,
    /// The host we put in Via and Contact (the public address, or the bound one).
    pub published_host: Host,
    /// The port we put in Via and Contact.
    pub published_port: u16,
}

/// What the endpoint advertises in Allow, Accept and Supported. Upper layers add what
/// they implement, so the headers never claim more than the library does.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Capabilities {
    /// Methods handled by the user agent (besides OPTIONS, ACK and CANCEL, which the
    /// endpoint always handles).
    pub methods: Vec<Method>,
    /// Body types accepted (`application/sdp`...).
    pub accept: Vec<String>,
    /// Option tags supported (`100rel`, `timer`...).
    pub supported: Vec<String>,
}

/// Endpoint settings.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EndpointConfig {
    /// T1, T2, T4.
    pub timers: TimerConfig,
    /// Our User-Agent (requests) and Server (responses) header; empty for none.
    pub user_agent: String,
}

/// What the endpoint hands to the user agent.
// Events are moved once from the endpoint to the user agent; boxing the common
// transaction variant would cost an allocation per message for nothing.
#[allow(clippy::large_enum_variant)]
#[derive(Clone, Debug, PartialEq)]
pub enum EndpointEvent {
    /// A transaction-layer event the user agent must handle: a request whose method it
    /// handles, a response or timeout of its client transactions, etc.
    Tsx(TsxEvent),
    /// A message could not be parsed, or cut from its stream; `answered` says whether a
    /// response was sent.
    Malformed {
        /// Where it came from.
        flow: Flow,
        /// Why.
        error: ParseError,
        /// Whether an error response was sent.
        answered: bool,
    },
}

/// Why a destination could not be reached.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RouteError {
    /// The URI is not a SIP URI.
    NotSip,
    /// The host is a name; name resolution is done by the caller.
    NeedsResolution,
    /// No transport of the needed kind and address family exists.
    NoTransport(TransportKind),
    /// The URI asks for a transport the library does not implement.
    UnsupportedTransport(String),
}

impl std::fmt::Display for RouteError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            RouteError::NotSip => f.write_str("not a SIP URI"),
            RouteError::NeedsResolution => f.write_str(
                "the host is a name; use an IP address (DNS resolution comes with accounts)",
            ),
            RouteError::NoTransport(kind) => write!(
                f,
                "no {kind} transport of that address family; create one first"
            ),
            RouteError::UnsupportedTransport(t) => write!(f, "transport '{t}' is not supported"),
        }
    }
}

/// The endpoint core.
pub struct SipEndpoint {
    cfg: EndpointConfig,
    caps: Capabilities,
    tsx: TransactionLayer,
    transports: Vec<LocalTransport>,
    rng: Rng,
    events: VecDeque<EndpointEvent>,
}

impl SipEndpoint {
    /// A new endpoint with no transports.
    pub fn new(cfg: EndpointConfig, rng: Rng) -> Self {
        SipEndpoint {
            tsx: TransactionLayer::new(cfg.timers),
            cfg,
            caps: Capabilities::default(),
            transports: Vec::new(),
            rng,
            events: VecDeque::new(),
        }
    }

    /// The capabilities advertised; upper layers add theirs.
    pub fn capabilities_mut(&mut self) -> &mut Capabilities {
        &mut self.caps
    }

    /// The random generator (for tags and Call-IDs).
    pub fn rng(&mut self) -> &mut Rng {
        &mut self.rng
    }

    /// Adds a transport. The list stays in id (creation) order, also when a disabled
    /// transport comes back, so the first transport of a kind stays the preferred one.
    pub fn add_transport(&mut self, t: LocalTransport) {
        let at = self.transports.partition_point(|x| x.id < t.id);
        self.transports.insert(at, t);
    }

    /// Removes a transport; returns whether it existed.
    pub fn remove_transport(&mut self, id: TransportId) -> bool {
        let before = self.transports.len();
        self.transports.retain(|t| t.id != id);
        before != self.transports.len()
    }

    /// The transports, in creation order.
    pub fn transports(&self) -> &[LocalTransport] {
        &self.transports
    }

    /// Whether a live transaction uses transport `id` (a transport shut down gracefully
    /// closes once none does).
    pub fn transport_in_use(&self, id: TransportId) -> bool {
        self.tsx.uses_transport(id)
    }

    /// The transport with this number.
    pub fn transport(&self, id: TransportId) -> Option<&LocalTransport> {
        self.transports.iter().find(|t| t.id == id)
    }

    /// Handles a datagram received on UDP transport `transport` from `remote`.
    pub fn handle_datagram(
        &mut self,
        now: Instant,
        transport: TransportId,
        remote: SocketAddr,
        data: Bytes,
    ) {
        let flow = Flow {
            transport,
            kind: TransportKind::Udp,
            remote,
            conn: None,
        };
        self.handle_message(now, flow, data);
    }

    /// Handles one message cut from a stream (or a datagram) received on `flow`.
    pub fn handle_message(&mut self, now: Instant, flow: Flow, data: Bytes) {
        if data
            .iter()
            .all(|b| matches!(b, b'\r' | b'\n' | b' ' | b'\t' | 0))
        {
            return; // a keep-alive
        }
        match parse_message(data) {
            Ok(message) => self.tsx.receive(now, message, flow),
            Err(error) => {
                let answered = self.answer_malformed(flow, &error);
                self.events.push_back(EndpointEvent::Malformed {
                    flow,
                    error,
                    answered,
                });
            }
        }
    }

    /// A stream on `flow` could not be framed (RFC 3261 §18.3) and its connection is about
    /// to close. A request whose `head` arrived whole is answered first on it: 513 Message
    /// Too Large when it passes the size limit (§21.5.14), else 400 Bad Request (a missing
    /// or bad Content-Length). The user agent hears of it as a malformed message.
    pub fn handle_framing_error(&mut self, flow: Flow, error: &FramingError, head: Option<Bytes>) {
        let status = match error {
            FramingError::HeadTooLarge | FramingError::MessageTooLarge => 513,
            FramingError::MissingContentLength | FramingError::BadContentLength => 400,
        };
        let error = ParseError {
            status,
            reason: error.to_string(),
            request_head: head.and_then(parse_request_head).map(Box::new),
        };
        let answered = self.answer_malformed(flow, &error);
        self.events.push_back(EndpointEvent::Malformed {
            flow,
            error,
            answered,
        });
    }

    /// Reports that a flow failed (connection refused or closed).
    pub fn handle_flow_error(&mut self, flow: Flow) {
        self.tsx.transport_error(flow);
    }

    /// Fires due timers.
    pub fn handle_timeout(&mut self, now: Instant) {
        self.tsx.handle_timeout(now);
    }

    /// When [`Self::handle_timeout`] must next be called.
    pub fn poll_timeout(&self) -> Option<Instant> {
        self.tsx.poll_timeout()
    }

    /// The next bytes to send.
    pub fn poll_transmit(&mut self) -> Option<Transmit> {
        self.tsx.poll_transmit()
    }

    /// The next event for the user agent. Requests the user agent does not handle are
    /// answered here and never reach it.
    pub fn poll_event(&mut self, now: Instant) -> Option<EndpointEvent> {
        loop {
            if let Some(e) = self.events.pop_front() {
                return Some(e);
            }
            let event = self.tsx.poll_event()?;
            if let TsxEvent::Request {
                tsx,
                request,
                cancels,
                ..
            } = &event
            {
                if self.answer_request(now, *tsx, request, *cancels) {
                    continue;
                }
            }
            return Some(EndpointEvent::Tsx(event));
        }
    }

    /// Picks the flow for a request to `target` (RFC 3263 for numeric hosts: the
    /// `transport` parameter, else UDP; the default port 5060).
    pub fn route_to(&self, target: &Uri) -> Result<Flow, RouteError> {
        let uri = target.as_sip().ok_or(RouteError::NotSip)?;
        let ip = uri.host.ip().ok_or(RouteError::NeedsResolution)?;
        let kind = match uri.transport_param() {
            Some(t) => TransportKind::from_token(&t).ok_or(RouteError::UnsupportedTransport(t))?,
            None => TransportKind::Udp,
        };
        let remote = SocketAddr::new(ip, uri.port.unwrap_or(5060));
        self.flow_to(kind, remote)
    }

    /// The flow to `remote` over the first transport of `kind` with the same address
    /// family.
    pub fn flow_to(&self, kind: TransportKind, remote: SocketAddr) -> Result<Flow, RouteError> {
        let t = self
            .transports
            .iter()
            .find(|t| t.kind == kind && t.local.is_ipv4() == remote.is_ipv4())
            .ok_or(RouteError::NoTransport(kind))?;
        Ok(Flow {
            transport: t.id,
            kind,
            remote,
            conn: None,
        })
    }

    /// Sends raw bytes on a flow: a keep-alive (CRLF on UDP, CRLFCRLF on streams).
    pub fn send_raw(&mut self, flow: Flow, data: Bytes) {
        self.tsx.send_stateless(flow, data);
    }

    /// Sends `response` in server transaction `tsx`, adding our Server header.
    pub fn respond(
        &mut self,
        now: Instant,
        tsx: TsxId,
        mut response: Response,
    ) -> Result<(), TsxError> {
        if !self.cfg.user_agent.is_empty() && !response.headers.contains(&HeaderName::Server) {
            response
                .headers
                .push(HeaderName::Server, self.cfg.user_agent.clone());
        }
        self.tsx.respond(now, tsx, response)
    }

    /// Sends a message outside any transaction (the ACK for a 2xx).
    pub fn send_stateless(&mut self, flow: Flow, message: &Message) {
        self.tsx.send_stateless(flow, message.to_bytes());
    }

    /// The request of a live transaction.
    pub fn tsx_request(&self, tsx: TsxId) -> Option<&Request> {
        self.tsx.request(tsx)
    }

    /// The number of live transactions.
    pub fn transaction_count(&self) -> usize {
        self.tsx.len()
    }

    /// Answers what the user agent does not handle. Returns `true` if the request was
    /// consumed here.
    fn answer_request(
        &mut self,
        now: Instant,
        tsx: Option<TsxId>,
        request: &Request,
        cancels: Option<TsxId>,
    ) -> bool {
        let Some(tsx) = tsx else {
            // An ACK matching nothing: the user agent's (ACK for a 2xx) if it handles
            // INVITE, else absorbed.
            return !self.caps.methods.contains(&Method::Invite);
        };
        let handled = self.caps.methods.contains(&request.method);
        // An OPTIONS inside a dialog (To tag) belongs to that dialog when the user agent
        // has dialogs (handles INVITE): its call answers it, or 481 for no such dialog.
        let in_dialog_options = request.method == Method::Options
            && self.caps.methods.contains(&Method::Invite)
            && request.to_addr().is_some_and(|t| t.tag().is_some());
        // RFC 3261 §8.2.1: 405 for a method we know but do not handle; 501 for a method
        // we do not know at all (§21.5.2, RFC 4475 §3.1.1.2).
        let status = match &request.method {
            Method::Options if in_dialog_options => 0,
            Method::Options if !handled => 200,
            Method::Cancel if cancels.is_none() => 481,
            Method::Cancel => return false,
            Method::Other(_) if !handled => 501,
            _ if !handled => 405,
            _ => 0,
        };
        // RFC 3261 §8.2.2.1: a Request-URI scheme we do not understand.
        let status = if status != 405 && status != 501 && !matches!(request.uri, Uri::Sip(_)) {
            416
        } else {
            status
        };
        // RFC 3261 §8.2.2.3: Require with extensions we do not support (not for CANCEL).
        let unsupported: Vec<String> =
            if request.method != Method::Cancel && status != 405 && status != 416 {
                request
                    .tokens(&HeaderName::Require)
                    .into_iter()
                    .filter(|t| {
                        !self
                            .caps
                            .supported
                            .iter()
                            .any(|s| s.eq_ignore_ascii_case(t))
                    })
                    .map(|t| t.to_string())
                    .collect()
            } else {
                Vec::new()
            };
        let status = if unsupported.is_empty() { status } else { 420 };
        if status == 0 {
            return false;
        }
        let tag = self.rng.token(16);
        let mut response = response_to(request, status, "", Some(&tag));
        match status {
            200 | 405 | 501 => {
                response.headers.push(HeaderName::Allow, self.allow_value());
                if status == 200 {
                    response
                        .headers
                        .push(HeaderName::Accept, self.caps.accept.join(", "));
                    response
                        .headers
                        .push(HeaderName::Supported, self.caps.supported.join(", "));
                }
            }
            420 => response
                .headers
                .push(HeaderName::Unsupported, unsupported.join(", ")),
            _ => {}
        }
        // A failure here means the transaction already ended; nothing more to do.
        let _ = self.respond(now, tsx, response);
        true
    }

    fn allow_value(&self) -> String {
        let mut methods: Vec<&str> = vec!["OPTIONS", "ACK", "CANCEL"];
        for m in &self.caps.methods {
            if !methods.contains(&m.as_str()) {
                methods.push(m.as_str());
            }
        }
        methods.join(", ")
    }

    /// Answers a malformed request statelessly when it can be answered (it has a Via):
    /// `error.status` (400, 505 for another SIP version, 513 for one too large) with the
    /// reason, to the source address.
    fn answer_malformed(&mut self, flow: Flow, error: &ParseError) -> bool {
        let Some(head) = &error.request_head else {
            return false;
        };
        if head.method == Method::Ack || !head.headers.contains(&HeaderName::Via) {
            return false;
        }
        let phrase = super::message::reason_phrase(error.status);
        let reason = format!("{phrase} ({})", error.reason);
        let mut response = Response::new(error.status, reason.replace(['\r', '\n'], " "));
        let tag = self.rng.token(16);
        super::build::copy_dialog_headers(&head.headers, &mut response, error.status, Some(&tag));
        if !self.cfg.user_agent.is_empty() {
            response
                .headers
                .push(HeaderName::Server, self.cfg.user_agent.clone());
        }
        self.tsx.send_stateless(flow, response.to_bytes());
        true
    }
}
