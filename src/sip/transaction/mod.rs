//! The RFC 3261 §17 transaction layer, sans-IO, with RFC 6026's Accepted state: INVITE and
//! non-INVITE client and server transactions, retransmissions over unreliable transports,
//! retransmission absorption, 100 Trying, ACK for non-2xx finals, and timeouts.
//!
//! Inputs carry `now`; outputs are drained with [`TransactionLayer::poll_transmit`],
//! [`TransactionLayer::poll_event`] and [`TransactionLayer::poll_timeout`].

mod client;
mod key;
mod server;
mod timer;

pub use key::TsxKey;
pub use timer::{Timer, TimerConfig};

use crate::sip::message::{Message, Request, Response};
use crate::sip::transport::{Flow, Transmit, TransportId};
use bytes::Bytes;
use std::collections::{BTreeSet, HashMap, VecDeque};
use std::time::{Duration, Instant};

/// A transaction's identity within one layer; never reused.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct TsxId(pub u64);

/// What the transaction layer tells its user (the TU).
#[derive(Clone, Debug, PartialEq)]
pub enum TsxEvent {
    /// A new request. `tsx` is the server transaction created for it; it is `None` for an
    /// ACK that matched no transaction (the ACK for a 2xx, which the TU handles). For a
    /// CANCEL, `cancels` names the INVITE server transaction it matches, if any.
    Request {
        /// The server transaction, if one was created.
        tsx: Option<TsxId>,
        /// The request.
        request: Request,
        /// Where it came from.
        flow: Flow,
        /// For CANCEL: the INVITE transaction it cancels.
        cancels: Option<TsxId>,
    },
    /// An ACK arrived for an INVITE server transaction that sent a 2xx (RFC 6026).
    AckForAccepted {
        /// The INVITE server transaction.
        tsx: TsxId,
        /// The ACK.
        request: Request,
    },
    /// A response for a client transaction. For INVITE this includes every 2xx
    /// (retransmissions too, RFC 6026) so the TU can ACK each one.
    Response {
        /// The client transaction.
        tsx: TsxId,
        /// The response.
        response: Response,
    },
    /// The transaction timed out: Timer B or F for a client (treat as 408), Timer H for a
    /// server INVITE whose final response was never acknowledged.
    Timeout {
        /// The transaction.
        tsx: TsxId,
    },
    /// The transport failed while sending for this transaction.
    TransportError {
        /// The transaction.
        tsx: TsxId,
    },
    /// The transaction ended and was removed.
    Terminated {
        /// The transaction.
        tsx: TsxId,
    },
    /// A response that matched no client transaction (e.g. a 2xx retransmission after
    /// Timer M); the TU may still need it (to ACK a 2xx).
    StrayResponse {
        /// The response.
        response: Response,
        /// Where it came from.
        flow: Flow,
    },
}

/// Why a transaction operation was refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TsxError {
    /// The request has no top Via with a branch parameter.
    NoBranch,
    /// A transaction with this key already exists.
    Duplicate,
    /// No such transaction (it terminated).
    NoTransaction,
    /// The response is not allowed in the transaction's state (e.g. after a final).
    InvalidState,
    /// ACK is never sent through a client transaction (§17.1.1.3 / §13.2.2.4).
    AckNotAllowed,
}

impl std::fmt::Display for TsxError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            TsxError::NoBranch => "the request has no Via branch",
            TsxError::Duplicate => "a transaction with this branch exists",
            TsxError::NoTransaction => "no such transaction",
            TsxError::InvalidState => "not allowed in the transaction's state",
            TsxError::AckNotAllowed => "ACK is not sent in a client transaction",
        })
    }
}

/// The kind of a transaction.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Role {
    InviteClient,
    NonInviteClient,
    InviteServer,
    NonInviteServer,
}

/// A transaction's state (RFC 3261 Figures 5-8, RFC 6026 Figures 3-4).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TsxState {
    /// Client INVITE sent, no response yet.
    Calling,
    /// Non-INVITE: request sent or received, no response yet.
    Trying,
    /// A provisional response was sent or received.
    Proceeding,
    /// A final response was sent or received (non-2xx for INVITE).
    Completed,
    /// INVITE: a 2xx was sent or received (RFC 6026).
    Accepted,
    /// Server INVITE: the ACK for a non-2xx arrived.
    Confirmed,
}

/// One transaction.
pub(crate) struct Transaction {
    pub key: TsxKey,
    pub role: Role,
    pub state: TsxState,
    pub flow: Flow,
    pub request: Request,
    /// Client: the serialized request, for retransmissions.
    pub request_bytes: Bytes,
    /// Server: the last response sent, for retransmissions.
    pub last_response: Option<Bytes>,
    /// Client INVITE: the ACK for a non-2xx final.
    pub ack_bytes: Option<Bytes>,
    /// The current retransmit interval (Timers A, E, G).
    pub interval: Duration,
    /// The armed timers and their deadlines.
    pub timers: Vec<(Timer, Instant)>,
}

/// The transaction layer.
pub struct TransactionLayer {
    cfg: TimerConfig,
    next_id: u64,
    tsxs: HashMap<TsxId, Transaction>,
    keys: HashMap<TsxKey, TsxId>,
    timers: BTreeSet<(Instant, TsxId, Timer)>,
    transmits: VecDeque<Transmit>,
    events: VecDeque<TsxEvent>,
}

impl TransactionLayer {
    /// An empty layer with these timer values.
    pub fn new(cfg: TimerConfig) -> Self {
        TransactionLayer {
            cfg,
            next_id: 1,
            tsxs: HashMap::new(),
            keys: HashMap::new(),
            timers: BTreeSet::new(),
            transmits: VecDeque::new(),
            events: VecDeque::new(),
        }
    }

    /// The timer values.
    pub fn timer_config(&self) -> &TimerConfig {
        &self.cfg
    }

    /// Handles a received message: a response goes to its client transaction, a request
    /// to its server transaction (absorbing retransmissions) or to the TU as new.
    pub fn receive(&mut self, now: Instant, message: Message, flow: Flow) {
        match message {
            Message::Response(r) => self.receive_response(now, r, flow),
            Message::Request(r) => self.receive_request(now, r, flow),
        }
    }

    /// Sends bytes with no transaction (the ACK for a 2xx, a stateless response).
    pub fn send_stateless(&mut self, flow: Flow, data: Bytes) {
        self.transmits.push_back(Transmit { flow, data });
    }

    /// Fires every timer due at `now`.
    pub fn handle_timeout(&mut self, now: Instant) {
        while let Some(&(at, id, timer)) = self.timers.first() {
            if at > now {
                break;
            }
            self.timers.pop_first();
            let Some(tsx) = self.tsxs.get_mut(&id) else {
                continue;
            };
            tsx.timers.retain(|(t, _)| *t != timer);
            match tsx.role {
                Role::InviteClient | Role::NonInviteClient => self.client_timer(now, id, timer),
                Role::InviteServer | Role::NonInviteServer => self.server_timer(now, id, timer),
            }
        }
    }

    /// Reports a transport failure on `flow`: every transaction using it fails
    /// (RFC 3261 §17.1.4, §17.2.4).
    pub fn transport_error(&mut self, flow: Flow) {
        let failed: Vec<TsxId> = self
            .tsxs
            .iter()
            .filter(|(_, t)| same_path(&t.flow, &flow))
            .map(|(id, _)| *id)
            .collect();
        for id in failed {
            self.events.push_back(TsxEvent::TransportError { tsx: id });
            self.terminate(id);
        }
    }

    /// When the next timer is due.
    pub fn poll_timeout(&self) -> Option<Instant> {
        self.timers.first().map(|(at, _, _)| *at)
    }

    /// The next message to send.
    pub fn poll_transmit(&mut self) -> Option<Transmit> {
        self.transmits.pop_front()
    }

    /// The next event for the TU.
    pub fn poll_event(&mut self) -> Option<TsxEvent> {
        self.events.pop_front()
    }

    /// The request that started a live transaction.
    pub fn request(&self, id: TsxId) -> Option<&Request> {
        self.tsxs.get(&id).map(|t| &t.request)
    }

    /// The flow a live transaction uses.
    pub fn flow(&self, id: TsxId) -> Option<Flow> {
        self.tsxs.get(&id).map(|t| t.flow)
    }

    /// A live transaction's state.
    pub fn state(&self, id: TsxId) -> Option<TsxState> {
        self.tsxs.get(&id).map(|t| t.state)
    }

    /// Whether a live transaction sends or receives on transport `id`.
    pub fn uses_transport(&self, id: TransportId) -> bool {
        self.tsxs.values().any(|t| t.flow.transport == id)
    }

    /// The number of live transactions.
    pub fn len(&self) -> usize {
        self.tsxs.len()
    }

    /// Whether no transaction is live.
    pub fn is_empty(&self) -> bool {
        self.tsxs.is_empty()
    }

    fn insert(&mut self, tsx: Transaction) -> TsxId {
        let id = TsxId(self.next_id);
        self.next_id += 1;
        self.keys.insert(tsx.key.clone(), id);
        self.tsxs.insert(id, tsx);
        id
    }

    fn arm(&mut self, now: Instant, id: TsxId, timer: Timer, after: Duration) {
        let at = now + after;
        if let Some(tsx) = self.tsxs.get_mut(&id) {
            if let Some(pos) = tsx.timers.iter().position(|(t, _)| *t == timer) {
                let (_, old) = tsx.timers.remove(pos);
                self.timers.remove(&(old, id, timer));
            }
            tsx.timers.push((timer, at));
            self.timers.insert((at, id, timer));
        }
    }

    fn disarm(&mut self, id: TsxId, timer: Timer) {
        if let Some(tsx) = self.tsxs.get_mut(&id) {
            if let Some(pos) = tsx.timers.iter().position(|(t, _)| *t == timer) {
                let (_, at) = tsx.timers.remove(pos);
                self.timers.remove(&(at, id, timer));
            }
        }
    }

    /// Arms a wait timer, or terminates at once when its value is zero (reliable
    /// transports).
    fn arm_wait(&mut self, now: Instant, id: TsxId, timer: Timer) {
        let reliable = self
            .tsxs
            .get(&id)
            .is_some_and(|t| t.flow.kind.is_reliable());
        let after = self.cfg.wait(timer, reliable);
        if after.is_zero() {
            self.terminate(id);
        } else {
            self.arm(now, id, timer, after);
        }
    }

    fn terminate(&mut self, id: TsxId) {
        if let Some(tsx) = self.tsxs.remove(&id) {
            for (timer, at) in &tsx.timers {
                self.timers.remove(&(*at, id, *timer));
            }
            if self.keys.get(&tsx.key) == Some(&id) {
                self.keys.remove(&tsx.key);
            }
            self.events.push_back(TsxEvent::Terminated { tsx: id });
        }
    }

    fn transmit(&mut self, flow: Flow, data: Bytes) {
        self.transmits.push_back(Transmit { flow, data });
    }
}

/// Whether two flows are the same path (a connection-less flow matches any connection to
/// the same peer on the same transport).
fn same_path(a: &Flow, b: &Flow) -> bool {
    a.transport == b.transport
        && a.remote == b.remote
        && (a.conn.is_none() || b.conn.is_none() || a.conn == b.conn)
}

#[cfg(test)]
mod tests;
