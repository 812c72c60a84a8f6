//! The user-agent core: the state the driver thread owns. It runs the SIP endpoint and
//! the accounts' registrations, logs SIP traffic, completes the operations the API started
//! (sending OPTIONS...) and posts the application's events.

mod account_nat;
mod account_reg;
mod accounts;
mod call_audio;
mod call_end;
mod call_requests;
pub mod calls;
mod events;
mod options;
mod send;
mod transfer;
mod transports;

pub use events::{AppEvent, EventSink};
pub use options::RequestOutcome;
pub use transports::Shutdown;

use super::account::AccountId;
use super::log::Logger;
use super::transport::TransportRecord;
use crate::rng::Rng;
use crate::runtime::{Core, ResolveJob};
use crate::sip::endpoint::{EndpointEvent, SipEndpoint};
use crate::sip::resolve::{Destination, ResolveError};
use crate::sip::transaction::{TsxEvent, TsxId};
use crate::sip::transport::{Flow, Transmit, TransportId, TransportKind};
use crate::sip::NameAddr;
use accounts::AccountState;
use bytes::Bytes;
use std::collections::{BTreeMap, BTreeSet, HashMap, VecDeque};
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Instant;

/// Who waits for a client transaction's outcome.
enum Owner {
    /// An OPTIONS probe from the API.
    Options(options::Reply),
    /// A REGISTER, by the Call-ID of its registration: the response goes to the
    /// registration that sent it even after `Account::modify` replaced it.
    Register(String),
    /// A call's request (its session's slot).
    Call(crate::ua::call::CallKey, crate::sip::invite::Slot),
    /// The BYE of a call that has ended, with its dialog's authentication (call_end.rs).
    Bye(Box<crate::sip::auth::ClientAuth>),
}

/// The core state, owned by the driver thread.
pub struct UaCore {
    sip: SipEndpoint,
    logger: Arc<Logger>,
    sink: EventSink,
    rng: Rng,
    transports: Vec<TransportRecord>,
    next_transport: TransportId,
    /// Transports disabled by `transportSetEnable`: what they receive is dropped, nothing
    /// is sent on them, and no new request picks them.
    disabled: BTreeSet<TransportId>,
    /// Transports shut down gracefully whose sockets stay open for the transactions still
    /// using them.
    closing: BTreeSet<TransportId>,
    /// Client transactions the core started, by transaction.
    in_flight: HashMap<TsxId, send::Outgoing>,
    /// Requests waiting for DNS, by resolve job.
    resolving: HashMap<u64, send::Outgoing>,
    resolve_jobs: VecDeque<ResolveJob>,
    next_job: u64,
    accounts: BTreeMap<AccountId, AccountState>,
    default_account: Option<AccountId>,
    next_account: AccountId,
    /// UaConfig.outboundProxies: put before every account's route set.
    outbound_proxies: Vec<NameAddr>,
    calls_cfg: calls::CallsConfig,
    calls: BTreeMap<crate::ua::call::CallId, calls::CallState>,
    /// Our INVITEs that got a 2xx, by client transaction: their transaction stays in
    /// RFC 6026's Accepted state and passes up every further 2xx (a retransmission to
    /// ACK again, another fork's answer to ACK and end), which goes to the call.
    accepted_invites: HashMap<TsxId, (crate::ua::call::CallKey, crate::sip::invite::Slot)>,
    /// Calls by (Call-ID, our tag): in-dialog requests find their call.
    call_keys: HashMap<(crate::sip::Text, crate::sip::Text), crate::ua::call::CallId>,
    /// Incoming calls by their INVITE's server transaction (CANCEL finds its call).
    invite_tsx: HashMap<TsxId, crate::ua::call::CallId>,
    /// The serial of the next call.
    next_call_serial: u64,
    /// The media engine calls put their audio streams in (none in core-only tests).
    media: Option<Arc<crate::ua::media::MediaEngine>>,
}

impl UaCore {
    /// A core around a SIP endpoint; `sink` receives the application's events.
    pub fn new(
        sip: SipEndpoint,
        logger: Arc<Logger>,
        sink: EventSink,
        rng: Rng,
        outbound_proxies: Vec<NameAddr>,
    ) -> Self {
        UaCore {
            sip,
            logger,
            sink,
            rng,
            transports: Vec::new(),
            next_transport: 0,
            disabled: BTreeSet::new(),
            closing: BTreeSet::new(),
            in_flight: HashMap::new(),
            accepted_invites: HashMap::new(),
            resolving: HashMap::new(),
            resolve_jobs: VecDeque::new(),
            next_job: 1,
            accounts: BTreeMap::new(),
            default_account: None,
            next_account: 0,
            outbound_proxies,
            calls_cfg: calls::CallsConfig::default(),
            calls: BTreeMap::new(),
            call_keys: HashMap::new(),
            invite_tsx: HashMap::new(),
            next_call_serial: 1,
            media: None,
        }
        .with_capabilities()
    }

    /// Advertises what the user agent handles (Allow, Accept, Supported).
    fn with_capabilities(mut self) -> Self {
        let caps = self.sip.capabilities_mut();
        caps.methods = [
            "INVITE", "BYE", "PRACK", "UPDATE", "INFO", "MESSAGE", "REFER", "NOTIFY",
        ]
        .iter()
        .map(|m| crate::sip::Method::parse(m))
        .collect();
        caps.accept = vec![
            "application/sdp".into(),
            "application/dtmf-relay".into(),
            "message/sipfrag".into(),
            "text/plain".into(),
            "application/im-iscomposing+xml".into(),
        ];
        caps.supported = vec![
            "100rel".into(),
            "timer".into(),
            "replaces".into(),
            "norefersub".into(),
        ];
        self
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

    fn emit(&self, event: AppEvent) {
        (self.sink)(event);
    }

    fn on_endpoint_event(&mut self, now: Instant, event: EndpointEvent) {
        match event {
            EndpointEvent::Tsx(TsxEvent::Response { tsx, response }) if response.status >= 200 => {
                if let Some(&(call, slot)) = self.accepted_invites.get(&tsx) {
                    self.call_response(now, call, slot, &response);
                    return;
                }
                let out = self.in_flight.remove(&tsx);
                if let Some(o) = out.as_ref().filter(|_| response.status < 300) {
                    if let (Owner::Call(call, slot), crate::sip::Method::Invite) =
                        (&o.owner, &o.request.method)
                    {
                        self.accepted_invites.insert(tsx, (*call, *slot));
                    }
                }
                let Some(out) = out else { return };
                match out.owner {
                    Owner::Options(reply) => options::complete(reply, &response),
                    Owner::Register(reg) => self.register_response(now, &reg, &response),
                    Owner::Call(call, slot) => self.call_response(now, call, slot, &response),
                    Owner::Bye(auth) => {
                        let route = (out.transport_id, out.sent_by);
                        self.bye_response(now, auth, out.request, route, &response)
                    }
                }
            }
            EndpointEvent::Tsx(TsxEvent::Response { tsx, response }) => {
                // A provisional response: calls follow them (early dialogs, PRACK).
                if let Some(Owner::Call(call, slot)) = self.in_flight.get(&tsx).map(|o| &o.owner) {
                    let (call, slot) = (*call, *slot);
                    self.call_response(now, call, slot, &response);
                }
            }
            EndpointEvent::Tsx(TsxEvent::Request {
                tsx,
                request,
                flow,
                cancels,
            }) => {
                self.incoming_request(now, tsx, &request, flow, cancels);
            }
            EndpointEvent::Tsx(TsxEvent::AckForAccepted { request, .. }) => {
                self.in_dialog_request(now, None, &request, None);
            }
            EndpointEvent::Tsx(TsxEvent::Timeout { tsx }) => {
                self.accepted_invites.remove(&tsx);
                self.attempt_failed(now, tsx, 408, "Request Timeout")
            }
            EndpointEvent::Tsx(TsxEvent::TransportError { tsx }) => {
                self.attempt_failed(now, tsx, 503, "Service Unavailable (transport error)")
            }
            EndpointEvent::Tsx(TsxEvent::Terminated { tsx }) => {
                self.accepted_invites.remove(&tsx);
                // Still waiting without a final response, timeout or transport error
                // (the transaction was dropped): report it as a timeout.
                self.attempt_failed(now, tsx, 408, "Request Timeout");
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

    /// Tells an owner its request failed without a final response (`status`: PJSIP's
    /// code for why, 0 when the SIP `code` says it all).
    fn fail_owner(&mut self, now: Instant, owner: Owner, code: u16, reason: &str, status: i32) {
        match owner {
            Owner::Options(reply) => options::fail(reply, code, reason, status),
            Owner::Register(reg) => self.register_failed(now, &reg, code, reason),
            Owner::Call(call, slot) => self.call_request_failed(now, call, slot, code, reason),
            Owner::Bye(_) => {}
        }
    }

    /// A request for the user agent: to its dialog's call, a new call, or refused.
    fn incoming_request(
        &mut self,
        now: Instant,
        tsx: Option<TsxId>,
        request: &crate::sip::Request,
        flow: Flow,
        cancels: Option<TsxId>,
    ) {
        use crate::sip::{Method, SipHeaders};
        let in_dialog = request.to_addr().is_some_and(|t| t.tag().is_some())
            || matches!(request.method, Method::Ack | Method::Cancel);
        if in_dialog {
            if self.in_dialog_request(now, tsx, request, cancels) {
                return;
            }
            if let (Some(tsx), false) = (tsx, request.method == Method::Ack) {
                let r = crate::sip::build::response_to(request, 481, "", None);
                let _ = self.sip.respond(now, tsx, r);
            }
            return;
        }
        let Some(tsx) = tsx else { return };
        match request.method {
            Method::Invite => self.incoming_invite(now, tsx, request, flow),
            _ => {
                // Requests that need a dialog, outside one (RFC 3261 §12.2.2).
                let tag = crate::sip::build::new_tag(&mut self.rng);
                let code = if request.method == Method::Message {
                    405
                } else {
                    481
                };
                let r = crate::sip::build::response_to(request, code, "", Some(&tag));
                let _ = self.sip.respond(now, tsx, r);
            }
        }
    }

    /// Adjusts a request for the flow it is about to go on (an account's REGISTER gets
    /// the Contact of that transport).
    fn before_send(&mut self, out: &mut send::Outgoing, flow: Flow) {
        if let Owner::Register(reg) = &out.owner {
            let reg = reg.clone();
            self.prepare_register(&reg, &mut out.request, flow);
        }
    }

    fn log_message(&self, direction: &str, flow: &Flow, data: &Bytes) {
        if !self.logger.msg_logging() || data.iter().all(|b| matches!(b, b'\r' | b'\n')) {
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
            kind: TransportKind::Udp,
            remote,
            conn: None,
        };
        if self.drops_input(&flow) {
            return;
        }
        self.log_message("RX", &flow, &data);
        self.sip.handle_datagram(now, transport, remote, data);
    }

    fn handle_stream_message(&mut self, now: Instant, flow: Flow, data: Bytes) {
        if self.drops_input(&flow) {
            return;
        }
        self.log_message("RX", &flow, &data);
        self.sip.handle_message(now, flow, data);
    }

    fn handle_framing_error(
        &mut self,
        _now: Instant,
        flow: Flow,
        error: crate::sip::framing::FramingError,
        head: Option<Bytes>,
    ) {
        if let Some(head) = &head {
            self.log_message("RX", &flow, head);
        }
        self.sip.handle_framing_error(flow, &error, head);
    }

    fn handle_receive_error(
        &mut self,
        _now: Instant,
        transport: TransportId,
        error: &std::io::Error,
        retry_in: std::time::Duration,
    ) {
        self.logger.log(
            2,
            "sip_transport",
            &format!(
                "UDP transport {transport}: receive error: {error}; receiving again in {} ms",
                retry_in.as_millis()
            ),
        );
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
        self.account_timers(now);
        self.call_timers(now);
    }

    fn poll_transmit(&mut self) -> Option<Transmit> {
        loop {
            let t = self.sip.poll_transmit()?;
            if self.disabled.contains(&t.flow.transport) {
                continue; // a disabled transport sends nothing
            }
            self.log_message("TX", &t.flow, &t.data);
            return Some(t);
        }
    }

    fn poll_close(&mut self) -> Option<TransportId> {
        self.next_to_close()
    }

    fn poll_timeout(&self) -> Option<Instant> {
        [
            self.sip.poll_timeout(),
            self.accounts_timeout(),
            self.calls_timeout(),
        ]
        .into_iter()
        .flatten()
        .min()
    }

    fn process(&mut self, now: Instant) {
        loop {
            let mut busy = false;
            while let Some(event) = self.sip.poll_event(now) {
                busy = true;
                self.on_endpoint_event(now, event);
            }
            busy |= self.pump_accounts(now);
            if !busy {
                return;
            }
        }
    }

    fn on_panic(&mut self, what: &str) {
        self.logger.log(
            1,
            "pjsua2rs_core",
            &format!("internal error (please report): {what}"),
        );
    }

    fn poll_resolve(&mut self) -> Option<ResolveJob> {
        self.resolve_jobs.pop_front()
    }

    fn handle_resolved(
        &mut self,
        now: Instant,
        id: u64,
        result: Result<Vec<Destination>, ResolveError>,
    ) {
        self.resolved(now, id, result);
    }
}
