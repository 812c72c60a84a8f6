//! The user-agent core: the state the driver thread owns. It runs the SIP endpoint and
//! the accounts' registrations, logs SIP traffic, completes the operations the API started
//! (sending OPTIONS...) and posts the application's events.

mod accounts;
mod events;
mod options;
mod send;

pub use events::{AppEvent, EventSink};
pub use options::RequestOutcome;

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
use std::collections::{BTreeMap, HashMap, VecDeque};
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Instant;

/// Who waits for a client transaction's outcome.
enum Owner {
    /// An OPTIONS probe from the API.
    Options(options::Reply),
    /// An account's REGISTER.
    Register(AccountId),
}

/// The core state, owned by the driver thread.
pub struct UaCore {
    sip: SipEndpoint,
    logger: Arc<Logger>,
    sink: EventSink,
    rng: Rng,
    transports: Vec<TransportRecord>,
    next_transport: TransportId,
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
            in_flight: HashMap::new(),
            resolving: HashMap::new(),
            resolve_jobs: VecDeque::new(),
            next_job: 1,
            accounts: BTreeMap::new(),
            default_account: None,
            next_account: 0,
            outbound_proxies,
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

    fn emit(&self, event: AppEvent) {
        (self.sink)(event);
    }

    fn on_endpoint_event(&mut self, now: Instant, event: EndpointEvent) {
        match event {
            EndpointEvent::Tsx(TsxEvent::Response { tsx, response }) if response.status >= 200 => {
                match self.in_flight.remove(&tsx).map(|o| o.owner) {
                    Some(Owner::Options(reply)) => options::complete(reply, &response),
                    Some(Owner::Register(acc)) => self.register_response(now, acc, tsx, &response),
                    None => {}
                }
            }
            EndpointEvent::Tsx(TsxEvent::Timeout { tsx }) => {
                self.attempt_failed(now, tsx, 408, "Request Timeout")
            }
            EndpointEvent::Tsx(TsxEvent::TransportError { tsx }) => {
                self.attempt_failed(now, tsx, 503, "Service Unavailable (transport error)")
            }
            EndpointEvent::Tsx(TsxEvent::Terminated { tsx }) => {
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
            Owner::Register(acc) => self.register_failed(now, acc, code, reason, status),
        }
    }

    /// Adjusts a request for the flow it is about to go on (an account's REGISTER gets
    /// the Contact of that transport).
    fn before_send(&mut self, out: &mut send::Outgoing, flow: Flow) {
        if let Owner::Register(acc) = out.owner {
            self.prepare_register(acc, &mut out.request, flow);
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
        self.account_timers(now);
    }

    fn poll_transmit(&mut self) -> Option<Transmit> {
        let t = self.sip.poll_transmit()?;
        self.log_message("TX", &t.flow, &t.data);
        Some(t)
    }

    fn poll_timeout(&self) -> Option<Instant> {
        [self.sip.poll_timeout(), self.accounts_timeout()]
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
