//! The INVITE session (RFC 3261 §13-§15), sans-IO: call set-up and tear-down on top of
//! dialogs and transactions, with offer/answer timing (RFC 3264, RFC 6337), forking,
//! CANCEL, reliable provisional responses (RFC 3262), re-INVITE and UPDATE (RFC 3311) with
//! glare handling, and session timers (RFC 4028).
//!
//! SDP bodies are opaque here: the session knows when an offer or an answer is carried
//! and by which message, and the owner (the call) builds and reads them. The owner sends
//! what [`InviteSession::poll_output`] yields (new client transactions, responses, ACKs,
//! CANCELs) and feeds back responses, failures, in-dialog requests and timers.

mod auth;
#[cfg(test)]
mod auth_tests;
mod offer;
mod redirect;
mod reliable;
mod session_timer;
#[cfg(test)]
mod tests;
mod uac;
mod uas;
mod update;

pub use redirect::RedirectOp;
pub use session_timer::{SessionTimerConfig, TimerUse};
pub use update::RenegotiationError;

use super::auth::{ClientAuth, Credential};
use super::dialog::Dialog;
use super::header_name::HeaderName;
use super::message::{Request, Response, SipHeaders};
use super::name_addr::NameAddr;
use super::transaction::TsxId;
use crate::rng::Rng;
use bytes::Bytes;
use offer::OfferAnswer;
use std::collections::{HashMap, VecDeque};
use std::time::{Duration, Instant};

/// The session's state, numbered as PJSIP's `pjsip_inv_state`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum InvState {
    /// Before the INVITE is sent or received.
    Null = 0,
    /// UAC: INVITE sent, no response with a To tag yet.
    Calling = 1,
    /// UAS: INVITE received, not answered yet.
    Incoming = 2,
    /// A provisional response with a To tag was sent or received.
    Early = 3,
    /// A 2xx was sent or received; the ACK is pending.
    Connecting = 4,
    /// The ACK was sent or received: the call is up.
    Confirmed = 5,
    /// The session ended.
    Disconnected = 6,
}

/// Whether reliable provisional responses are used (PJSUA2's `prackUse`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PrackUse {
    /// Never (PJSUA_100REL_NOT_USED).
    NotUsed,
    /// Required from the peer (PJSUA_100REL_MANDATORY).
    Mandatory,
    /// Used when the peer supports it (PJSUA_100REL_OPTIONAL).
    Optional,
}

/// Session settings.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InvConfig {
    /// RFC 3261 T1 (2xx and reliable 1xx retransmissions).
    pub t1: Duration,
    /// RFC 3261 T2.
    pub t2: Duration,
    /// Reliable provisional responses.
    pub prack: PrackUse,
    /// Session timers.
    pub timer: SessionTimerConfig,
    /// The option tags we support (for Supported and for checking Require).
    pub supported: Vec<String>,
    /// The methods we allow in the dialog (Allow of our INVITE and 2xx).
    pub allow: Vec<String>,
    /// The credentials that answer a 401/407 to any of the session's requests (the
    /// account's `authCreds`).
    pub credentials: Vec<Credential>,
}

/// What the owner must send for the session.
#[derive(Clone, Debug, PartialEq)]
pub enum InvOutput {
    /// A request in a new client transaction (the owner adds our Via); its outcome comes
    /// back with `slot` to [`InviteSession::on_response`] or [`InviteSession::on_failure`].
    Request {
        /// The session's number for the request.
        slot: Slot,
        /// The request.
        request: Request,
    },
    /// An ACK for a 2xx, sent without a transaction to the dialog's next hop.
    Ack {
        /// The ACK.
        request: Request,
    },
    /// A response in server transaction `tsx`.
    Respond {
        /// The server transaction.
        tsx: TsxId,
        /// The response.
        response: Response,
    },
    /// CANCEL the INVITE sent as `slot` (RFC 3261 §9.1).
    Cancel {
        /// The INVITE's slot.
        slot: Slot,
    },
}

/// What the session tells the owner.
#[derive(Clone, Debug, PartialEq)]
pub enum InvEvent {
    /// The state changed; `code`/`reason` is the status that caused it.
    State {
        /// The new state.
        state: InvState,
        /// The SIP status behind the change (0 when none).
        code: u16,
        /// Its reason phrase.
        reason: String,
    },
    /// An offer arrived. For an initial INVITE the owner answers with the body of
    /// `provisional`/`accept`; otherwise with [`InviteSession::answer_offer`].
    RemoteOffer {
        /// The SDP.
        body: Bytes,
        /// Whether it came in a re-INVITE or UPDATE (not the initial exchange).
        renegotiation: bool,
    },
    /// The answer to our offer arrived.
    RemoteAnswer {
        /// The SDP.
        body: Bytes,
    },
    /// An in-dialog request the session does not handle itself (INFO, MESSAGE, REFER,
    /// NOTIFY, OPTIONS...): answer it with [`InviteSession::respond`].
    Request {
        /// Its server transaction.
        tsx: TsxId,
        /// The request.
        request: Request,
    },
    /// The final response to a request sent with [`InviteSession::send_request`].
    Response {
        /// The request's slot.
        slot: Slot,
        /// The response (a failure without response comes as 408/503).
        response: Response,
    },
    /// The initial INVITE was redirected (3xx): decide on the first of these targets with
    /// [`InviteSession::redirect`] (the rest are offered in turn after a rejection).
    Redirected {
        /// The 3xx.
        response: Response,
        /// The Contact targets, in order.
        targets: Vec<NameAddr>,
    },
    /// Our re-INVITE or UPDATE was refused (not 491, which is retried): the media stays as
    /// it was.
    RenegotiationFailed {
        /// The status.
        code: u16,
    },
}

/// The session's number for one of its client requests.
pub type Slot = u32;

/// Which side started the session.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    /// We sent the INVITE.
    Uac,
    /// We received the INVITE.
    Uas,
}

/// What a slot was sent for.
#[derive(Clone, Copy, Debug, PartialEq)]
enum SlotKind {
    Invite,
    Prack,
    Bye,
    Reinvite,
    Update,
    Other,
    /// An ACK+BYE for an extra 2xx from another fork.
    ForkBye,
}

/// One INVITE session.
pub struct InviteSession {
    role: Role,
    state: InvState,
    cfg: InvConfig,
    rng: Rng,
    /// The initial INVITE (UAC: as built; UAS: as received).
    invite: Request,
    /// UAS: the INVITE's server transaction.
    invite_tsx: Option<TsxId>,
    /// The dialog (the first confirmed one; before that the first early one).
    dialog: Option<Dialog>,
    /// UAC: early dialogs of other forks (by remote tag).
    early: HashMap<String, Dialog>,
    oa: OfferAnswer,
    slots: HashMap<Slot, (SlotKind, Request)>,
    next_slot: Slot,
    /// UAS: our tag (chosen at the first response).
    local_tag: String,
    /// UAS: our Contact.
    local_contact: NameAddr,
    /// UAC: CANCEL asked for before any provisional response (RFC 3261 §9.1).
    cancel_wanted: bool,
    /// UAC: the CANCEL was sent (a crossing 2xx is then ended with a BYE).
    cancelled: bool,
    /// UAC: the last ACK for the 2xx (re-sent for a 2xx retransmission).
    last_ack: Option<Request>,
    /// UAC: the 2xx carried an offer; the ACK (for CSeq n) waits for our answer.
    ack_waits_for_answer: Option<u32>,
    /// UAC: the answer an unreliable 1xx carried (early media, RFC 6337 §3.1.1), with the
    /// To tag of the early dialog that sent it: its 2xx repeats it, or carries none.
    early_answer: Option<(String, Bytes)>,
    /// UAC: a PRACK waiting for our answer to the offer of a reliable 1xx.
    pending_prack: Option<Request>,
    /// UAS: the 2xx being retransmitted until the ACK (RFC 3261 §13.3.1.4).
    retransmit_2xx: Option<reliable::Retransmit>,
    /// UAS: the reliable provisional awaiting its PRACK (RFC 3262).
    reliable_1xx: Option<reliable::Retransmit>,
    /// UAS: a reliable provisional still unacknowledged when the 2xx went (its RSeq and
    /// CSeq): no longer retransmitted, but its PRACK gets 200 (RFC 3262 §3).
    unacked_1xx: Option<(u32, u32)>,
    rseq: u32,
    /// UAC: the highest RSeq acknowledged per early dialog (RFC 3262 §4).
    acked_rseq: HashMap<String, u32>,
    /// A re-INVITE/UPDATE of ours in flight, or waiting to be re-sent after a 491.
    renegotiation: update::Renegotiation,
    /// A re-INVITE/UPDATE received and waiting for the owner's answer.
    incoming_offer: Option<(TsxId, Request)>,
    timer: session_timer::SessionTimer,
    /// Whether the peer's Allow lists UPDATE (session refreshes use it then).
    peer_allows_update: bool,
    /// UAC: a 3xx waiting for the owner's decision.
    redirect: Option<redirect::Redirect>,
    /// The dialog's digest authentication (see auth.rs).
    auth: ClientAuth,
    /// The credentials of the INVITE whose 2xx we acknowledge: its ACK repeats them.
    ack_credentials: Vec<(HeaderName, crate::sip::Text)>,
    last: (u16, String),
    outputs: VecDeque<InvOutput>,
    events: VecDeque<InvEvent>,
}

impl InviteSession {
    fn new(role: Role, cfg: InvConfig, rng: Rng, invite: Request, local_contact: NameAddr) -> Self {
        let timer = session_timer::SessionTimer::new(cfg.timer.clone());
        let auth = ClientAuth::new(cfg.credentials.clone());
        InviteSession {
            role,
            state: InvState::Null,
            cfg,
            rng,
            invite,
            invite_tsx: None,
            dialog: None,
            early: HashMap::new(),
            oa: OfferAnswer::default(),
            slots: HashMap::new(),
            next_slot: 1,
            local_tag: String::new(),
            local_contact,
            cancel_wanted: false,
            cancelled: false,
            last_ack: None,
            ack_waits_for_answer: None,
            early_answer: None,
            pending_prack: None,
            retransmit_2xx: None,
            reliable_1xx: None,
            unacked_1xx: None,
            rseq: 0,
            acked_rseq: HashMap::new(),
            renegotiation: update::Renegotiation::default(),
            incoming_offer: None,
            timer,
            peer_allows_update: false,
            redirect: None,
            auth,
            ack_credentials: Vec::new(),
            last: (0, String::new()),
            outputs: VecDeque::new(),
            events: VecDeque::new(),
        }
    }

    /// The state.
    pub fn state(&self) -> InvState {
        self.state
    }

    /// Who started the session.
    pub fn role(&self) -> Role {
        self.role
    }

    /// The dialog, once there is one.
    pub fn dialog(&self) -> Option<&Dialog> {
        self.dialog.as_ref()
    }

    /// The initial INVITE.
    pub fn invite(&self) -> &Request {
        &self.invite
    }

    /// The last status that changed the state (PJSUA2's `lastStatusCode`/`lastReason`).
    pub fn last_status(&self) -> (u16, &str) {
        (self.last.0, &self.last.1)
    }

    /// The next thing to send.
    pub fn poll_output(&mut self) -> Option<InvOutput> {
        self.outputs.pop_front()
    }

    /// The next event.
    pub fn poll_event(&mut self) -> Option<InvEvent> {
        self.events.pop_front()
    }

    /// When [`Self::handle_timeout`] must next run.
    pub fn poll_timeout(&self) -> Option<Instant> {
        [
            self.retransmit_2xx.as_ref().map(|r| r.next),
            self.reliable_1xx.as_ref().map(|r| r.next),
            self.renegotiation.retry_at(),
            self.timer.next_deadline(),
        ]
        .into_iter()
        .flatten()
        .min()
    }

    /// Fires due timers: 2xx and reliable 1xx retransmissions, glare retries, session
    /// refresh and expiry.
    pub fn handle_timeout(&mut self, now: Instant) {
        if self.state == InvState::Disconnected {
            return;
        }
        self.retransmission_timers(now);
        self.renegotiation_timer(now);
        self.session_timer_fired(now);
    }

    fn set_state(&mut self, state: InvState, code: u16, reason: &str) {
        if self.state == state || self.state == InvState::Disconnected {
            return;
        }
        self.state = state;
        let reason = match reason {
            "" if code != 0 => crate::sip::message::reason_phrase(code),
            r => r,
        };
        if code != 0 {
            self.last = (code, reason.to_string());
        }
        self.events.push_back(InvEvent::State {
            state,
            code,
            reason: reason.to_string(),
        });
        if state == InvState::Disconnected {
            self.retransmit_2xx = None;
            self.reliable_1xx = None;
            self.renegotiation = update::Renegotiation::default();
            self.timer.stop();
        }
    }

    /// Sends a new request, with pre-emptive credentials once the dialog was challenged.
    fn send(&mut self, kind: SlotKind, mut request: Request) -> Slot {
        self.authorize(&mut request);
        let slot = self.next_slot;
        self.next_slot += 1;
        self.slots.insert(slot, (kind, request.clone()));
        self.outputs.push_back(InvOutput::Request { slot, request });
        slot
    }

    fn invite_slot(&self) -> Option<Slot> {
        self.slots
            .iter()
            .find(|(_, (k, _))| *k == SlotKind::Invite)
            .map(|(s, _)| *s)
    }

    /// Sends a request of any method in the confirmed (or early) dialog (INFO, MESSAGE,
    /// REFER, NOTIFY, OPTIONS...) with these extra headers and body; its final response
    /// comes as [`InvEvent::Response`]. `None` without a dialog.
    pub fn send_request(
        &mut self,
        method: super::method::Method,
        headers: Vec<(HeaderName, crate::sip::Text)>,
        content_type: Option<&str>,
        body: Bytes,
    ) -> Option<Slot> {
        let dialog = self.dialog.as_mut()?;
        let mut request = dialog.request(method);
        for (n, v) in headers {
            request.headers.push(n, v);
        }
        if let Some(ct) = content_type {
            request.headers.push(HeaderName::ContentType, ct);
        }
        request.body = body;
        Some(self.send(SlotKind::Other, request))
    }

    /// Answers an in-dialog request the owner received as [`InvEvent::Request`].
    pub fn respond(&mut self, tsx: TsxId, response: Response) {
        self.outputs.push_back(InvOutput::Respond { tsx, response });
    }

    /// A response to the owner's copy of `request` with our tag and Contact: for in-dialog
    /// requests the owner answers.
    pub fn response_to(&self, request: &Request, status: u16, reason: &str) -> Response {
        let tag = self
            .dialog
            .as_ref()
            .map(|d| d.id.local_tag.to_string())
            .unwrap_or_else(|| self.local_tag.clone());
        crate::sip::build::response_to(request, status, reason, Some(&tag))
    }

    /// A response to one of our client requests. A 401/407 is answered by re-sending the
    /// request with credentials (once: the loop guard of [`ClientAuth`]); any other final
    /// response tells the dialog's authentication that its credentials work.
    pub fn on_response(&mut self, now: Instant, slot: Slot, response: &Response) {
        if response.status >= 200 && !matches!(response.status, 401 | 407) {
            self.auth.on_success();
        }
        self.response_received(now, slot, response);
    }

    /// One of our requests failed without a response (`code` 408 for a timeout, 503 for a
    /// transport error).
    pub fn on_failure(&mut self, now: Instant, slot: Slot, code: u16, reason: &str) {
        let mut r = Response::new(code, reason);
        if let Some((_, req)) = self.slots.get(&slot) {
            r = crate::sip::build::response_to(req, code, reason, None);
        }
        self.response_received(now, slot, &r);
    }

    fn response_received(&mut self, now: Instant, slot: Slot, response: &Response) {
        let Some((kind, request)) = self.slots.get(&slot).cloned() else {
            return;
        };
        if response.status >= 200 && kind != SlotKind::Invite {
            self.slots.remove(&slot);
        }
        match kind {
            SlotKind::Invite => self.invite_response(now, slot, request, response),
            SlotKind::Reinvite | SlotKind::Update => {
                self.renegotiation_response(now, slot, kind, request, response)
            }
            SlotKind::Bye | SlotKind::ForkBye | SlotKind::Prack => {
                // Nothing waits for these; a challenge still gets its answer (a BYE sent
                // as the session ended is re-sent too, as PJSIP does).
                self.challenged(slot, kind, &request, response);
            }
            SlotKind::Other => {
                if response.status >= 200 && !self.challenged(slot, kind, &request, response) {
                    self.events.push_back(InvEvent::Response {
                        slot,
                        response: response.clone(),
                    });
                }
            }
        }
    }

    /// An in-dialog request (or the ACK, with `tsx` None) for this session, already
    /// matched by its dialog id, or a CANCEL matched to our INVITE server transaction.
    pub fn on_request(&mut self, now: Instant, tsx: Option<TsxId>, request: &Request) {
        use super::method::Method;
        if request.method == Method::Ack {
            self.on_ack(now, request);
            return;
        }
        let Some(tsx) = tsx else { return };
        if request.method == Method::Cancel {
            self.on_cancel(now, tsx, request);
            return;
        }
        if let Some(d) = self.dialog.as_mut() {
            if let Err(refusal) = d.on_request(request) {
                let r =
                    crate::sip::build::response_to(request, refusal.0, "", Some(&d.id.local_tag));
                self.outputs
                    .push_back(InvOutput::Respond { tsx, response: r });
                return;
            }
        }
        match request.method {
            Method::Bye => self.on_bye(tsx, request),
            Method::Prack => self.on_prack(tsx, request),
            Method::Invite | Method::Update => self.on_renegotiation_request(now, tsx, request),
            _ => self.events.push_back(InvEvent::Request {
                tsx,
                request: request.clone(),
            }),
        }
    }

    fn on_bye(&mut self, tsx: TsxId, request: &Request) {
        let ok = self.response_to(request, 200, "");
        self.outputs
            .push_back(InvOutput::Respond { tsx, response: ok });
        if self.role == Role::Uas && self.state < InvState::Connecting {
            // A BYE before our final answer (RFC 3261 §15.1.2): end the INVITE with 487.
            if let Some(invite_tsx) = self.invite_tsx {
                let r = self.response_to(&self.invite.clone(), 487, "");
                self.outputs.push_back(InvOutput::Respond {
                    tsx: invite_tsx,
                    response: r,
                });
            }
        }
        self.set_state(InvState::Disconnected, 200, "Normal call clearing");
    }

    /// Ends the session: CANCEL before an answer (UAC; deferred until a provisional
    /// arrives, RFC 3261 §9.1), a final `code` (603 by default) for an unanswered incoming
    /// call, BYE once answered.
    pub fn hangup(&mut self, now: Instant, code: u16, reason: &str) {
        use super::method::Method;
        if self.drop_redirect() {
            return;
        }
        match (self.role, self.state) {
            (_, InvState::Disconnected) => {}
            (Role::Uac, InvState::Null | InvState::Calling | InvState::Early) => {
                if self.state == InvState::Early {
                    self.cancel_invite();
                } else {
                    self.cancel_wanted = true;
                }
            }
            (Role::Uas, InvState::Incoming | InvState::Early) => {
                let code = if (300..700).contains(&code) {
                    code
                } else {
                    603
                };
                self.reject(now, code, reason);
            }
            (_, InvState::Connecting | InvState::Confirmed) => {
                if let Some(d) = self.dialog.as_mut() {
                    let bye = d.request(Method::Bye);
                    self.send(SlotKind::Bye, bye);
                }
                self.set_state(InvState::Disconnected, 200, "Normal call clearing");
            }
            _ => self.set_state(InvState::Disconnected, 0, ""),
        }
    }

    fn add_common_headers(&self, r: &mut Request) {
        if !self.cfg.supported.is_empty() && !r.headers.contains(&HeaderName::Supported) {
            r.headers
                .push(HeaderName::Supported, self.cfg.supported.join(", "));
        }
        if !self.cfg.allow.is_empty() && !r.headers.contains(&HeaderName::Allow) {
            r.headers.push(HeaderName::Allow, self.cfg.allow.join(", "));
        }
    }
}

/// Whether a message's Allow lists UPDATE.
fn allows_update(m: &impl SipHeaders) -> bool {
    m.tokens(&HeaderName::Allow)
        .iter()
        .any(|t| t.eq_ignore_ascii_case("UPDATE"))
}

/// Whether a message says it requires or supports an option tag.
fn has_tag(m: &impl SipHeaders, header: &HeaderName, tag: &str) -> bool {
    m.tokens(header).iter().any(|t| t.eq_ignore_ascii_case(tag))
}

/// Whether a message carries an SDP body.
fn sdp_body(m: &impl SipHeaders, body: &Bytes) -> Option<Bytes> {
    let ct = m.headers().get(&HeaderName::ContentType)?;
    (ct.to_ascii_lowercase().starts_with("application/sdp") && !body.is_empty())
        .then(|| body.clone())
}
