//! Server transactions: INVITE (RFC 3261 §17.2.1, RFC 6026 §8.5-8.7) and non-INVITE
//! (§17.2.2), with the received/rport stamping of RFC 3261 §18.2.1 and RFC 3581.

use super::{
    Role, Timer, Transaction, TransactionLayer, TsxError, TsxEvent, TsxId, TsxKey, TsxState,
};
use crate::sip::header_name::HeaderName;
use crate::sip::headers::split_comma_list;
use crate::sip::message::{Request, Response, SipHeaders};
use crate::sip::method::Method;
use crate::sip::text::Text;
use crate::sip::transport::Flow;
use std::net::SocketAddr;
use std::time::Instant;

impl TransactionLayer {
    pub(super) fn receive_request(&mut self, now: Instant, mut request: Request, flow: Flow) {
        stamp_received(&mut request, flow.remote);
        let Some(key) = TsxKey::for_server_request(&request) else {
            // Without a usable Via there is no transaction; the TU decides (it cannot
            // answer either, having nowhere to send a response).
            self.events.push_back(TsxEvent::Request {
                tsx: None,
                request,
                flow,
                cancels: None,
            });
            return;
        };
        if let Some(&id) = self.keys.get(&key) {
            self.server_retransmission(now, id, request);
            return;
        }
        if request.method == Method::Ack {
            self.events.push_back(TsxEvent::Request {
                tsx: None,
                request,
                flow,
                cancels: None,
            });
            return;
        }
        let cancels = if request.method == Method::Cancel {
            TsxKey::for_cancelled_invite(&request).and_then(|k| self.keys.get(&k).copied())
        } else {
            None
        };
        let invite = request.method == Method::Invite;
        let response_flow = response_flow(&request, flow);
        let id = self.insert(Transaction {
            key,
            role: if invite {
                Role::InviteServer
            } else {
                Role::NonInviteServer
            },
            state: if invite {
                TsxState::Proceeding
            } else {
                TsxState::Trying
            },
            flow: response_flow,
            request: request.clone(),
            request_bytes: Default::default(),
            last_response: None,
            ack_bytes: None,
            interval: self.cfg.t1,
            timers: Vec::new(),
        });
        if invite {
            let after = self.cfg.wait(Timer::Trying, false);
            self.arm(now, id, Timer::Trying, after);
        }
        self.events.push_back(TsxEvent::Request {
            tsx: Some(id),
            request,
            flow,
            cancels,
        });
    }

    fn server_retransmission(&mut self, now: Instant, id: TsxId, request: Request) {
        let Some(tsx) = self.tsxs.get_mut(&id) else {
            return;
        };
        let is_ack = request.method == Method::Ack;
        match (tsx.role, tsx.state, is_ack) {
            (Role::InviteServer, TsxState::Completed, true) => {
                tsx.state = TsxState::Confirmed;
                self.disarm(id, Timer::G);
                self.disarm(id, Timer::H);
                self.arm_wait(now, id, Timer::I);
            }
            (Role::InviteServer, TsxState::Accepted, true) => {
                self.events
                    .push_back(TsxEvent::AckForAccepted { tsx: id, request });
            }
            (_, TsxState::Proceeding | TsxState::Completed, false) => {
                if let Some(last) = tsx.last_response.clone() {
                    let flow = tsx.flow;
                    self.transmit(flow, last);
                }
            }
            _ => {}
        }
    }

    /// Sends `response` in server transaction `id` and moves it on. A 2xx to an INVITE may
    /// be sent again while Accepted (the TU's 2xx retransmissions, RFC 6026).
    pub fn respond(&mut self, now: Instant, id: TsxId, response: Response) -> Result<(), TsxError> {
        let tsx = self.tsxs.get_mut(&id).ok_or(TsxError::NoTransaction)?;
        let status = response.status;
        let next = match (tsx.role, tsx.state, status) {
            (Role::InviteServer, TsxState::Proceeding, 100..=199) => TsxState::Proceeding,
            (Role::InviteServer, TsxState::Proceeding | TsxState::Accepted, 200..=299) => {
                TsxState::Accepted
            }
            (Role::InviteServer, TsxState::Proceeding, 300..) => TsxState::Completed,
            (Role::NonInviteServer, TsxState::Trying | TsxState::Proceeding, 100..=199) => {
                TsxState::Proceeding
            }
            (Role::NonInviteServer, TsxState::Trying | TsxState::Proceeding, 200..) => {
                TsxState::Completed
            }
            _ => return Err(TsxError::InvalidState),
        };
        let bytes = response.to_bytes();
        let (flow, prev) = (tsx.flow, tsx.state);
        tsx.state = next;
        tsx.last_response = Some(bytes.clone());
        self.transmit(flow, bytes);
        self.disarm(id, Timer::Trying);
        match (tsx_role(self, id), prev, next) {
            (Some(Role::InviteServer), TsxState::Proceeding, TsxState::Accepted) => {
                let l = self.cfg.t1x64();
                self.arm(now, id, Timer::L, l);
            }
            (Some(Role::InviteServer), _, TsxState::Completed) => {
                if !flow.kind.is_reliable() {
                    let t1 = self.cfg.t1;
                    self.arm(now, id, Timer::G, t1);
                }
                let h = self.cfg.t1x64();
                self.arm(now, id, Timer::H, h);
            }
            (Some(Role::NonInviteServer), _, TsxState::Completed) => {
                self.arm_wait(now, id, Timer::J);
            }
            _ => {}
        }
        Ok(())
    }

    pub(super) fn server_timer(&mut self, now: Instant, id: TsxId, timer: Timer) {
        let Some(tsx) = self.tsxs.get_mut(&id) else {
            return;
        };
        match timer {
            Timer::Trying if tsx.last_response.is_none() => {
                let trying = trying_for(&tsx.request).to_bytes();
                tsx.last_response = Some(trying.clone());
                let flow = tsx.flow;
                self.transmit(flow, trying);
            }
            Timer::G => {
                let next = self.cfg.backoff_capped(tsx.interval);
                tsx.interval = next;
                if let Some(last) = tsx.last_response.clone() {
                    let flow = tsx.flow;
                    self.transmit(flow, last);
                }
                self.arm(now, id, Timer::G, next);
            }
            Timer::H => {
                self.events.push_back(TsxEvent::Timeout { tsx: id });
                self.terminate(id);
            }
            Timer::I | Timer::J | Timer::L => self.terminate(id),
            _ => {}
        }
    }
}

fn tsx_role(layer: &TransactionLayer, id: TsxId) -> Option<Role> {
    layer.tsxs.get(&id).map(|t| t.role)
}

/// A 100 Trying for a request: its Via, From, To, Call-ID, CSeq and Timestamp copied.
pub fn trying_for(request: &Request) -> Response {
    let mut r = Response::new(100, "Trying");
    for h in &request.headers {
        if matches!(
            h.name,
            HeaderName::Via
                | HeaderName::From
                | HeaderName::To
                | HeaderName::CallId
                | HeaderName::CSeq
                | HeaderName::Timestamp
        ) {
            r.headers.push(h.name.clone(), h.value.clone());
        }
    }
    r
}

/// Adds `received` to the top Via when its sent-by differs from the source address
/// (RFC 3261 §18.2.1), and fills in `rport` when the sender asked for it (RFC 3581).
fn stamp_received(request: &mut Request, source: SocketAddr) {
    let Some(mut via) = request.top_via() else {
        return;
    };
    let rport_asked = matches!(via.rport(), Some(None));
    let same_host = via.host.ip() == Some(source.ip());
    if same_host && !rport_asked {
        return;
    }
    // RFC 3581 §4: with rport, received is added even when the host matches.
    via.params
        .set("received", Some(Text::from(source.ip().to_string())));
    if rport_asked {
        via.params
            .set("rport", Some(Text::from(source.port().to_string())));
    }
    replace_top_via(request, via.to_string());
}

fn replace_top_via(request: &mut Request, new_top: String) {
    let mut done = false;
    let mut headers = crate::sip::headers::Headers::with_capacity(request.headers.len());
    for h in &request.headers {
        if !done && h.name == HeaderName::Via {
            done = true;
            let items = split_comma_list(&h.value);
            let mut value = new_top.clone();
            for rest in items.iter().skip(1) {
                value.push_str(", ");
                value.push_str(rest);
            }
            headers.push(HeaderName::Via, value);
        } else {
            headers.push(h.name.clone(), h.value.clone());
        }
    }
    request.headers = headers;
}

/// Where responses to a request received on `flow` go (RFC 3261 §18.2.2, RFC 3581): back
/// on the same connection for a stream; for UDP to the source address when rport was
/// asked for, else to the source IP at the Via's port (5060 by default).
fn response_flow(request: &Request, flow: Flow) -> Flow {
    if flow.kind.is_reliable() {
        return flow;
    }
    let Some(via) = request.top_via() else {
        return flow;
    };
    if via.rport().is_some() {
        return flow;
    }
    let port = via.port.unwrap_or(5060);
    Flow {
        remote: SocketAddr::new(flow.remote.ip(), port),
        ..flow
    }
}
