//! Client transactions: INVITE (RFC 3261 §17.1.1, RFC 6026 §8.4) and non-INVITE (§17.1.2).

use super::{
    Role, Timer, Transaction, TransactionLayer, TsxError, TsxEvent, TsxId, TsxKey, TsxState,
};
use crate::sip::header_name::HeaderName;
use crate::sip::message::{Request, Response, SipHeaders};
use crate::sip::method::Method;
use crate::sip::transport::Flow;
use std::time::Instant;

impl TransactionLayer {
    /// Starts a client transaction for `request` on `flow` and sends it. The request must
    /// carry its top Via with a unique branch. ACK is refused: the ACK for a non-2xx is
    /// sent by the INVITE transaction, the ACK for a 2xx with [`Self::send_stateless`].
    pub fn send_request(
        &mut self,
        now: Instant,
        request: Request,
        flow: Flow,
    ) -> Result<TsxId, TsxError> {
        if request.method == Method::Ack {
            return Err(TsxError::AckNotAllowed);
        }
        let key = TsxKey::for_client_request(&request).ok_or(TsxError::NoBranch)?;
        if self.keys.contains_key(&key) {
            return Err(TsxError::Duplicate);
        }
        let invite = request.method == Method::Invite;
        let bytes = request.to_bytes();
        let id = self.insert(Transaction {
            key,
            role: if invite {
                Role::InviteClient
            } else {
                Role::NonInviteClient
            },
            state: if invite {
                TsxState::Calling
            } else {
                TsxState::Trying
            },
            flow,
            request,
            request_bytes: bytes.clone(),
            last_response: None,
            ack_bytes: None,
            interval: self.cfg.t1,
            timers: Vec::new(),
        });
        self.transmit(flow, bytes);
        if !flow.kind.is_reliable() {
            let t1 = self.cfg.t1;
            self.arm(now, id, if invite { Timer::A } else { Timer::E }, t1);
        }
        let timeout = self.cfg.t1x64();
        self.arm(now, id, if invite { Timer::B } else { Timer::F }, timeout);
        Ok(id)
    }

    pub(super) fn receive_response(&mut self, now: Instant, response: Response, flow: Flow) {
        let Some(id) = TsxKey::for_response(&response).and_then(|k| self.keys.get(&k).copied())
        else {
            self.events
                .push_back(TsxEvent::StrayResponse { response, flow });
            return;
        };
        let Some(tsx) = self.tsxs.get(&id) else {
            return;
        };
        match tsx.role {
            Role::InviteClient => self.invite_client_response(now, id, response),
            Role::NonInviteClient => self.non_invite_client_response(now, id, response),
            _ => self
                .events
                .push_back(TsxEvent::StrayResponse { response, flow }),
        }
    }

    fn invite_client_response(&mut self, now: Instant, id: TsxId, response: Response) {
        let Some(tsx) = self.tsxs.get_mut(&id) else {
            return;
        };
        let status = response.status;
        match (tsx.state, status) {
            (TsxState::Calling | TsxState::Proceeding, 100..=199) => {
                tsx.state = TsxState::Proceeding;
                self.disarm(id, Timer::A);
                self.events
                    .push_back(TsxEvent::Response { tsx: id, response });
            }
            (TsxState::Calling | TsxState::Proceeding, 200..=299) => {
                tsx.state = TsxState::Accepted;
                self.disarm(id, Timer::A);
                self.disarm(id, Timer::B);
                let m = self.cfg.t1x64();
                self.arm(now, id, Timer::M, m);
                self.events
                    .push_back(TsxEvent::Response { tsx: id, response });
            }
            (TsxState::Accepted, 200..=299) => {
                self.events
                    .push_back(TsxEvent::Response { tsx: id, response });
            }
            (TsxState::Calling | TsxState::Proceeding, 300..) => {
                let ack = build_ack(&tsx.request, &response).to_bytes();
                tsx.ack_bytes = Some(ack.clone());
                tsx.state = TsxState::Completed;
                let flow = tsx.flow;
                self.transmit(flow, ack);
                self.disarm(id, Timer::A);
                self.disarm(id, Timer::B);
                self.events
                    .push_back(TsxEvent::Response { tsx: id, response });
                self.arm_wait(now, id, Timer::D);
            }
            (TsxState::Completed, 300..) => {
                // A retransmitted final: acknowledge again, do not tell the TU.
                if let Some(ack) = tsx.ack_bytes.clone() {
                    let flow = tsx.flow;
                    self.transmit(flow, ack);
                }
            }
            _ => {}
        }
    }

    fn non_invite_client_response(&mut self, now: Instant, id: TsxId, response: Response) {
        let Some(tsx) = self.tsxs.get_mut(&id) else {
            return;
        };
        match (tsx.state, response.status) {
            (TsxState::Trying | TsxState::Proceeding, 100..=199) => {
                tsx.state = TsxState::Proceeding;
                self.events
                    .push_back(TsxEvent::Response { tsx: id, response });
            }
            (TsxState::Trying | TsxState::Proceeding, 200..) => {
                tsx.state = TsxState::Completed;
                self.disarm(id, Timer::E);
                self.disarm(id, Timer::F);
                self.events
                    .push_back(TsxEvent::Response { tsx: id, response });
                self.arm_wait(now, id, Timer::K);
            }
            _ => {}
        }
    }

    pub(super) fn client_timer(&mut self, now: Instant, id: TsxId, timer: Timer) {
        let Some(tsx) = self.tsxs.get_mut(&id) else {
            return;
        };
        match timer {
            Timer::A => {
                let (flow, bytes) = (tsx.flow, tsx.request_bytes.clone());
                tsx.interval *= 2;
                let next = tsx.interval;
                self.transmit(flow, bytes);
                self.arm(now, id, Timer::A, next);
            }
            Timer::E => {
                let (flow, bytes) = (tsx.flow, tsx.request_bytes.clone());
                // In Proceeding, Timer E fires every T2 (§17.1.2.2).
                let next = if tsx.state == TsxState::Proceeding {
                    self.cfg.t2
                } else {
                    self.cfg.backoff_capped(tsx.interval)
                };
                tsx.interval = next;
                self.transmit(flow, bytes);
                self.arm(now, id, Timer::E, next);
            }
            Timer::B | Timer::F => {
                self.events.push_back(TsxEvent::Timeout { tsx: id });
                self.terminate(id);
            }
            Timer::D | Timer::K | Timer::M => self.terminate(id),
            _ => {}
        }
    }
}

/// The ACK for a non-2xx final response (RFC 3261 §17.1.1.3): the INVITE's Request-URI,
/// top Via, Call-ID, From and Route set, the response's To, CSeq number with ACK.
pub fn build_ack(invite: &Request, response: &Response) -> Request {
    let mut ack = Request::new(Method::Ack, invite.uri.clone());
    if let Some(via) = invite.headers.values(&HeaderName::Via).next() {
        ack.headers.push(HeaderName::Via, via);
    }
    ack.headers.push(HeaderName::MaxForwards, "70");
    for name in [HeaderName::From] {
        if let Some(v) = invite.headers.get(&name) {
            ack.headers.push(name, v.clone());
        }
    }
    if let Some(to) = response.headers.get(&HeaderName::To) {
        ack.headers.push(HeaderName::To, to.clone());
    }
    if let Some(call_id) = invite.call_id() {
        ack.headers.push(HeaderName::CallId, call_id.clone());
    }
    let seq = invite.cseq().map(|c| c.seq).unwrap_or(1);
    ack.headers.push(HeaderName::CSeq, format!("{seq} ACK"));
    for route in invite.headers.get_all(&HeaderName::Route) {
        ack.headers.push(HeaderName::Route, route.clone());
    }
    ack
}
