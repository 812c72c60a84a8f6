//! Calls in the core: incoming INVITEs (account choice, maxCalls, immediate refusals),
//! outgoing calls, routing of in-dialog requests to their call, each call's INVITE session
//! driven (its outputs sent, its events turned into media negotiation and application
//! events), and the operations the API asks for.

use super::send::{next_hop, Outgoing};
use super::transfer::{Sent, Transfer};
use super::{AppEvent, Owner, UaCore};
use crate::rng::Rng;
use crate::sdp::{HoldType, LocalMedia};
use crate::sip::build::new_tag;
use crate::sip::dialog::DialogId;
use crate::sip::invite::{
    InvConfig, InvEvent, InvOutput, InvState, InviteSession, PrackUse, RedirectOp,
    SessionTimerConfig, Slot, TimerUse,
};
use crate::sip::transaction::TsxId;
use crate::sip::transport::Flow;
use crate::sip::{HeaderName, Message, Method, NameAddr, Request, Response, SipHeaders, Text};
use crate::ua::account::{AccountId, SipRxData};
use crate::ua::call::info::state_text;
use crate::ua::call::media::CallMedia;
use crate::ua::call::*;
use crate::ua::config::{
    PJSUA2RS_100REL_MANDATORY, PJSUA2RS_100REL_OPTIONAL, PJSUA2RS_CALL_HOLD_TYPE_RFC2543,
    PJSUA2RS_SIP_TIMER_ALWAYS, PJSUA2RS_SIP_TIMER_INACTIVE, PJSUA2RS_SIP_TIMER_REQUIRED,
};
use crate::ua::media::transport::RtpTransport;
use crate::ua::status::*;
use crate::ua::{Error, Result};
use bytes::Bytes;
use std::collections::HashMap;
use std::net::IpAddr;
use std::time::{Duration, Instant};

/// The methods a call handles in its dialog (and the Allow we send).
pub const CALL_METHODS: [&str; 11] = [
    "INVITE", "ACK", "BYE", "CANCEL", "OPTIONS", "PRACK", "UPDATE", "INFO", "MESSAGE", "REFER",
    "NOTIFY",
];

/// Settings the core applies to every call.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CallsConfig {
    /// UaConfig.maxCalls.
    pub max_calls: usize,
    /// RFC 3261 T1.
    pub t1: Duration,
    /// RFC 3261 T2.
    pub t2: Duration,
}

impl Default for CallsConfig {
    fn default() -> Self {
        CallsConfig {
            max_calls: 4,
            t1: Duration::from_millis(500),
            t2: Duration::from_secs(4),
        }
    }
}

/// One call as the core keeps it.
pub(super) struct CallState {
    pub acc: AccountId,
    pub session: InviteSession,
    pub media: CallMedia,
    pub start: Instant,
    pub connected: Option<Instant>,
    /// The account's transport and Via override when the call started.
    pub transport_id: i32,
    pub sent_by: Option<(crate::sip::Host, u16)>,
    /// UAS: the offer of the INVITE, answered when the application answers.
    pub initial_offer: Option<Bytes>,
    /// The flow the INVITE came or went on (for ACKs to a target we cannot route).
    pub flow: Option<Flow>,
    /// The dialog key this call is known by: (Call-ID, our tag).
    pub dialog_key: (Text, Text),
    /// The serial of its CallKey.
    pub serial: u64,
    /// The call's audio: its sockets, then its stream.
    pub audio: super::call_audio::CallAudio,
    /// What our in-dialog requests were for, by slot.
    pub sent: HashMap<Slot, Sent>,
    /// The transfer it takes part in.
    pub transfer: Transfer,
    /// REFERs waiting for the application's decision.
    pub pending_refer: HashMap<TsxId, Request>,
    /// The application's extra headers (CallOpParam.txOption) for the messages the
    /// operation in progress sends (answer, hangup, re-offer).
    pub tx_headers: Vec<TxHeader>,
}

impl UaCore {
    /// Sets maxCalls and the transaction timers calls use.
    pub fn configure_calls(&mut self, cfg: CallsConfig) {
        self.calls_cfg = cfg;
    }

    /// The session settings for a call of account `acc`.
    fn inv_config(&self, acc: AccountId) -> InvConfig {
        let call = self.accounts.get(&acc).map(|a| a.settings.call.clone());
        let credentials = self
            .accounts
            .get(&acc)
            .map(|a| a.settings.credentials.clone())
            .unwrap_or_default();
        let (prack, timer, min_se, se) = match &call {
            Some(c) => (
                match c.prack_use {
                    PJSUA2RS_100REL_MANDATORY => PrackUse::Mandatory,
                    PJSUA2RS_100REL_OPTIONAL => PrackUse::Optional,
                    _ => PrackUse::NotUsed,
                },
                match c.timer_use {
                    PJSUA2RS_SIP_TIMER_INACTIVE => TimerUse::Inactive,
                    PJSUA2RS_SIP_TIMER_REQUIRED => TimerUse::Required,
                    PJSUA2RS_SIP_TIMER_ALWAYS => TimerUse::Always,
                    _ => TimerUse::Optional,
                },
                c.timer_min_se,
                c.timer_sess_expires,
            ),
            None => (PrackUse::NotUsed, TimerUse::Optional, 90, 1800),
        };
        let mut supported = vec!["replaces".to_string()];
        if prack != PrackUse::NotUsed {
            supported.insert(0, "100rel".into());
        }
        if timer != TimerUse::Inactive {
            supported.push("timer".into());
        }
        InvConfig {
            t1: self.calls_cfg.t1,
            t2: self.calls_cfg.t2,
            prack,
            timer: SessionTimerConfig {
                usage: timer,
                session_expires: se.max(min_se),
                min_se,
            },
            supported,
            allow: CALL_METHODS.iter().map(|m| m.to_string()).collect(),
            credentials,
        }
    }

    /// The lowest free call id below maxCalls.
    fn free_call_id(&self) -> Option<CallId> {
        (0..self.calls_cfg.max_calls as CallId).find(|id| !self.calls.contains_key(id))
    }

    /// Our media description for a new call of `acc` on the transport of `flow`, and the
    /// RTP/RTCP sockets it names, bound in the account's port range.
    fn local_media(
        &mut self,
        acc: AccountId,
        flow: Option<&Flow>,
    ) -> std::io::Result<(LocalMedia, RtpTransport)> {
        let call = self
            .accounts
            .get(&acc)
            .map(|a| a.settings.call.clone())
            .unwrap_or_default();
        let sip_transport = flow
            .and_then(|f| self.sip.transport(f.transport))
            .or_else(|| self.sip.transports().first());
        let published = sip_transport.and_then(|t| t.published_host.ip());
        let bound = sip_transport.map(|t| t.local.ip());
        let address: IpAddr = call
            .media_public_address
            .parse()
            .ok()
            .or(published)
            .unwrap_or(IpAddr::from([127, 0, 0, 1]));
        // Bind where the SIP transport is bound (all interfaces when it is), as PJSUA does.
        let bind_ip = bound.unwrap_or(IpAddr::from([0, 0, 0, 0]));
        let transport = RtpTransport::bind(bind_ip, call.rtp_port, call.rtp_port_range)?;
        let mut local = LocalMedia::new(address, transport.port());
        local.session_id = self.rng.next_u64() >> 12;
        local.session_version = local.session_id;
        local.rtcp_mux = call.rtcp_mux;
        let feedback = call.rtcp_feedback.as_deref().unwrap_or_default();
        let (codecs, events) = self.offer_codecs(feedback);
        local.codecs = codecs;
        local.telephone_events = events;
        if call.rtcp_feedback.is_some() {
            // RFC 4585: feedback needs the AVPF profile; PJSUA offers it then.
            local.proto = "RTP/AVPF".to_string();
            local.rtcp_feedback = feedback
                .iter()
                .filter(|f| f.codec_id == "*")
                .map(|f| f.value.clone())
                .collect();
        }
        Ok((local, transport))
    }

    /// The account an incoming request is for, as PJSUA's `pjsua_acc_find_for_incoming`
    /// scores them: 8 when the account's transport is the request's kind (or any), 4
    /// when its host is the To URI's host, 2 when its user is the To user (a userless
    /// account matches a userless To), 1 when its user is the Request-URI's user; the
    /// highest score wins, ties going to the higher `priority`, then the older account;
    /// the default account when none scores.
    fn account_for(&self, request: &Request, flow: &Flow) -> Option<AccountId> {
        let to = request
            .to_addr()
            .and_then(|t| t.uri.as_sip().cloned())
            .or_else(|| request.uri.as_sip().cloned())?;
        let r_user = request.uri.as_sip().map(|u| u.user.clone());
        let same = |a: &Option<Text>, b: &Option<Text>| {
            a.as_deref()
                .unwrap_or("")
                .eq_ignore_ascii_case(b.as_deref().unwrap_or(""))
        };
        let mut live: Vec<(&AccountId, &super::accounts::AccountState)> = self
            .accounts
            .iter()
            .filter(|(_, a)| a.deleting.is_none())
            .collect();
        live.sort_by_key(|(id, a)| (std::cmp::Reverse(a.settings.priority), **id));
        let mut best = (0, None);
        for (id, a) in live {
            let Some(me) = a.settings.id.uri.as_sip() else {
                continue;
            };
            let kind = self.sip.transport(a.settings.transport_id).map(|t| t.kind);
            let score = 8 * u8::from(kind.is_none_or(|k| k == flow.kind))
                + 4 * u8::from(
                    me.host
                        .to_string()
                        .eq_ignore_ascii_case(&to.host.to_string()),
                )
                + 2 * u8::from(same(&me.user, &to.user))
                + u8::from(r_user.as_ref().is_some_and(|u| same(&me.user, u)));
            if score > best.0 {
                best = (score, Some(*id));
            }
        }
        best.1.or(self.account_default())
    }

    /// An INVITE outside any dialog: a new incoming call, or an immediate refusal.
    pub(super) fn incoming_invite(
        &mut self,
        now: Instant,
        tsx: TsxId,
        request: &Request,
        flow: Flow,
    ) {
        let tag = new_tag(&mut self.rng);
        let refuse = |core: &mut UaCore, code: u16, reason: &str| {
            let r = crate::sip::build::response_to(request, code, reason, Some(&tag));
            let _ = core.sip.respond(now, tsx, r);
        };
        if let Some(ct) = unsupported_body_type(request) {
            let mut r = crate::sip::build::response_to(request, 415, "", Some(&tag));
            r.headers.push(HeaderName::Accept, "application/sdp");
            let _ = self.sip.respond(now, tsx, r);
            self.logger.log(
                3,
                "pjsua2rs_call",
                &format!("INVITE with a body of type {ct} refused with 415"),
            );
            return;
        }
        let Some(acc) = self.account_for(request, &flow) else {
            refuse(self, 480, "Temporarily Unavailable (no account)");
            return;
        };
        let Some(call_id) = self.free_call_id() else {
            refuse(self, 486, "Busy Here");
            return;
        };
        let replaces = match self.replaced_call(request) {
            Some(Err(code)) => {
                refuse(self, code, "");
                return;
            }
            Some(Ok(old)) => Some(old),
            None => None,
        };
        let (local, rtp) = match self.local_media(acc, Some(&flow)) {
            Ok(m) => m,
            Err(e) => {
                self.logger.log(
                    2,
                    "pjsua2rs_call",
                    &format!("incoming call refused: no media transport: {e}"),
                );
                refuse(self, 500, "Unable to create media transport");
                return;
            }
        };
        let mut media = CallMedia::new(local, hold_type(self, acc));
        let offer = request
            .headers
            .get(&HeaderName::ContentType)
            .filter(|ct| ct.to_ascii_lowercase().starts_with("application/sdp"))
            .map(|_| request.body.clone())
            .filter(|b| !b.is_empty());
        if let Some(o) = &offer {
            if let Err(code) = media.can_answer(o) {
                refuse(self, code, "");
                return;
            }
            media.remote_offer_received(o);
        }
        let transport = self.sip.transport(flow.transport).cloned();
        let contact = match (&transport, self.accounts.get(&acc)) {
            (Some(t), Some(a)) => crate::ua::account::contact::contact(
                &a.settings,
                t,
                a.seen_as.as_ref().map(|(h, p)| (h, *p)),
            ),
            _ => NameAddr::new(request.uri.clone()),
        };
        let cfg = self.inv_config(acc);
        let session = match InviteSession::uas(
            tsx,
            request,
            cfg,
            Rng::from_seed(self.rng.next_u64()),
            &tag,
            contact,
        ) {
            Ok(s) => s,
            Err(response) => {
                let _ = self.sip.respond(now, tsx, response);
                return;
            }
        };
        let _ = media.local_port();
        let (transport_id, sent_by) = self.account_route(acc);
        let key = (
            request.call_id().cloned().unwrap_or_default(),
            Text::from(tag.as_str()),
        );
        let serial = self.next_serial();
        self.calls.insert(
            call_id,
            CallState {
                acc,
                session,
                media,
                start: now,
                connected: None,
                transport_id,
                sent_by,
                initial_offer: offer,
                flow: Some(flow),
                dialog_key: key.clone(),
                serial,
                audio: super::call_audio::CallAudio::Bound(rtp),
                sent: HashMap::new(),
                transfer: Transfer::default(),
                pending_refer: HashMap::new(),
                tx_headers: Vec::new(),
            },
        );
        self.call_keys.insert(key, call_id);
        self.invite_tsx.insert(tsx, call_id);
        let new = CallKey {
            id: call_id,
            serial,
        };
        match replaces {
            Some(old) => {
                if let Some(c) = self.calls.remove(&call_id) {
                    self.ask_replace(old, new, request, &c);
                    self.calls.insert(call_id, c);
                }
            }
            None => self.emit(AppEvent::IncomingCall {
                acc,
                prm: OnIncomingCallParam {
                    call: new,
                    rdata: rx_data(&Message::Request(request.clone()), Some(&flow)),
                },
            }),
        }
        self.pump_call(now, call_id);
    }

    fn account_route(&self, acc: AccountId) -> (i32, Option<(crate::sip::Host, u16)>) {
        match self.accounts.get(&acc) {
            Some(a) => (
                a.settings.transport_id,
                if a.settings.nat.via_rewrite {
                    a.seen_as.clone()
                } else {
                    None
                },
            ),
            None => (-1, None),
        }
    }

    /// `Call::makeCall`: calls `target` from account `acc`.
    pub fn call_make(
        &mut self,
        now: Instant,
        acc: AccountId,
        target: &str,
        prm: &CallOpParam,
    ) -> Result<CallKey> {
        let (id_uri, proxies, settings) =
            match self.accounts.get(&acc).filter(|a| a.deleting.is_none()) {
                Some(a) => (
                    a.settings.id.clone(),
                    a.settings.proxies.clone(),
                    a.settings.clone(),
                ),
                None => {
                    return Err(Error::new(
                        PJSUA2RS_ERR_NOT_FOUND,
                        "",
                        format!("no account with id {acc}"),
                    ))
                }
            };
        let target = crate::ua::endpoint::parse_sip_uri(target)?;
        let call_id = self.free_call_id().ok_or_else(|| {
            Error::new(
                PJSUA2RS_ERR_TOO_MANY,
                "",
                format!(
                    "maxCalls ({}) calls are in progress",
                    self.calls_cfg.max_calls
                ),
            )
        })?;
        let routes = self.route_set(&proxies, true, true);
        let hop = routes
            .first()
            .map(|r| r.uri.clone())
            .unwrap_or_else(|| target.clone());
        let flow = self.flow_for(settings.transport_id, &hop).ok();
        let transport = flow
            .and_then(|f| self.sip.transport(f.transport).cloned())
            .or_else(|| self.sip.transports().first().cloned());
        let Some(transport) = transport else {
            return Err(Error::new(
                PJSUA2RS_ERR_NOT_FOUND,
                "",
                "no transport: create one first",
            ));
        };
        let seen = self.accounts.get(&acc).and_then(|a| a.seen_as.clone());
        let contact = crate::ua::account::contact::contact(
            &settings,
            &transport,
            seen.as_ref().map(|(h, p)| (h, *p)),
        );
        let (local, rtp) = self.local_media(acc, flow.as_ref()).map_err(|e| {
            Error::new(
                crate::ua::status::from_io_error(&e),
                "",
                format!("cannot create the media transport: {e}"),
            )
        })?;
        let mut media = CallMedia::new(local, hold_type(self, acc));
        let tag = new_tag(&mut self.rng);
        let call_id_text = format!("{}@{}", self.rng.token(22), transport.published_host);
        let (target, uri_headers) = split_uri_headers(target);
        let mut invite = Request::new(Method::Invite, target.clone());
        for r in &routes {
            invite.headers.push(HeaderName::Route, r.to_string());
        }
        let mut from = id_uri.clone();
        from.params.set("tag", Some(Text::from(tag.as_str())));
        invite.headers.push(HeaderName::From, from.to_string());
        invite
            .headers
            .push(HeaderName::To, NameAddr::new(target).to_string());
        invite
            .headers
            .push(HeaderName::CallId, call_id_text.clone());
        invite.headers.push(HeaderName::CSeq, "1 INVITE");
        invite
            .headers
            .push(HeaderName::Contact, contact.to_string());
        for (name, value) in uri_headers {
            invite.headers.push(name, value);
        }
        add_tx_option(&mut invite, &prm.tx_option);
        if prm.audio_count > 0 && prm.flag & PJSUA2RS_CALL_NO_SDP_OFFER == 0 {
            let offer = media.offer().map_err(|e| {
                Error::new(
                    PJSUA2RS_ERR_INVALID_OP,
                    "",
                    format!("cannot make an SDP offer: {e}"),
                )
            })?;
            invite
                .headers
                .push(HeaderName::ContentType, "application/sdp");
            invite.body = offer;
        }
        let cfg = self.inv_config(acc);
        let session = InviteSession::uac(invite, cfg, Rng::from_seed(self.rng.next_u64()));
        let (transport_id, sent_by) = self.account_route(acc);
        let key = (Text::from(call_id_text), Text::from(tag.as_str()));
        let serial = self.next_serial();
        self.calls.insert(
            call_id,
            CallState {
                acc,
                session,
                media,
                start: now,
                connected: None,
                transport_id,
                sent_by,
                initial_offer: None,
                flow,
                dialog_key: key.clone(),
                serial,
                audio: super::call_audio::CallAudio::Bound(rtp),
                sent: HashMap::new(),
                transfer: Transfer::default(),
                pending_refer: HashMap::new(),
                tx_headers: Vec::new(),
            },
        );
        self.call_keys.insert(key, call_id);
        self.pump_call(now, call_id);
        Ok(CallKey {
            id: call_id,
            serial,
        })
    }

    /// The key the next call will get (calls are only made on the driver thread, so this
    /// is exact within one job): callbacks are registered under it before the call starts.
    pub fn peek_next_call_key(&self) -> Option<CallKey> {
        self.free_call_id().map(|id| CallKey {
            id,
            serial: self.next_call_serial,
        })
    }

    fn next_serial(&mut self) -> u64 {
        self.next_call_serial += 1;
        self.next_call_serial - 1
    }

    /// The call `key` names, if it has not ended.
    pub(super) fn call(&mut self, key: CallKey) -> Result<&mut CallState> {
        self.calls
            .get_mut(&key.id)
            .filter(|c| c.serial == key.serial)
            .ok_or_else(|| ended(key))
    }

    /// The key of the call with id `call` now.
    pub(super) fn key_of(&self, call: CallId) -> Option<CallKey> {
        self.calls.get(&call).map(|c| CallKey {
            id: call,
            serial: c.serial,
        })
    }

    /// `Call::answer`: a provisional (180, 183: with early media) or final answer to an
    /// incoming call; a 3xx-6xx rejects it.
    pub fn call_answer(&mut self, now: Instant, key: CallKey, prm: &CallOpParam) -> Result<()> {
        let code = if prm.status_code == 0 {
            200
        } else {
            prm.status_code
        };
        let call = key.id;
        let c = self.call(key)?;
        if c.session.role() != crate::sip::invite::Role::Uas
            || !matches!(c.session.state(), InvState::Incoming | InvState::Early)
        {
            return Err(Error::new(
                PJSUA2RS_ERR_INVALID_OP,
                "",
                "the call is not an unanswered incoming call",
            ));
        }
        let body = match code {
            183 | 200..=299 => match c.initial_offer.clone() {
                Some(offer) => match c.media.answer(&offer) {
                    Ok(answer) => Some(answer),
                    Err(fail) => {
                        c.session.reject(now, fail, "");
                        self.pump_call(now, call);
                        return Ok(());
                    }
                },
                None if (200..300).contains(&code) => Some(
                    c.media
                        .offer()
                        .map_err(|e| Error::new(PJSUA2RS_ERR_INVALID_OP, "", e))?,
                ),
                None => None,
            },
            _ => None,
        };
        match code {
            101..=199 => c.session.provisional(now, code, &prm.reason, body),
            200..=299 => c.session.accept(now, code, &prm.reason, body),
            _ => c.session.reject(now, code, &prm.reason),
        }
        let media_done = (200..300).contains(&code) && c.media.negotiated().is_some();
        self.pump_with_headers(now, call, &prm.tx_option);
        if media_done {
            self.emit_media(call);
        }
        Ok(())
    }

    /// `Call::processRedirect` (and onCallRedirected's answer): what to do with the
    /// current redirection target (PJSUA2RS_REDIRECT_*). PENDING leaves it waiting.
    pub fn call_process_redirect(&mut self, now: Instant, key: CallKey, op: i32) -> Result<()> {
        let c = self.call(key)?;
        if !c.session.redirect_pending() {
            return Err(Error::new(
                PJSUA2RS_ERR_INVALID_OP,
                "",
                "the call is not waiting for a redirection decision",
            ));
        }
        let op = match op {
            PJSUA2RS_REDIRECT_ACCEPT => RedirectOp::Accept { replace_to: false },
            PJSUA2RS_REDIRECT_ACCEPT_REPLACE => RedirectOp::Accept { replace_to: true },
            PJSUA2RS_REDIRECT_REJECT => RedirectOp::Reject,
            PJSUA2RS_REDIRECT_STOP => RedirectOp::Stop,
            PJSUA2RS_REDIRECT_PENDING => return Ok(()),
            other => {
                return Err(Error::new(
                    PJSUA2RS_ERR_INVALID_ARG,
                    "",
                    format!("{other} is not a pjsip_redirect_op"),
                ))
            }
        };
        c.session.redirect(op);
        self.pump_call(now, key.id);
        Ok(())
    }

    /// `Call::hangup`.
    pub fn call_hangup(&mut self, now: Instant, key: CallKey, prm: &CallOpParam) -> Result<()> {
        let c = self.call(key)?;
        c.session.hangup(now, prm.status_code, &prm.reason);
        self.pump_with_headers(now, key.id, &prm.tx_option);
        Ok(())
    }

    /// Hangs up every call of account `acc` (`regConfig.dropCallsOnFail`); returns how
    /// many.
    pub(super) fn hangup_account_calls(&mut self, now: Instant, acc: AccountId) -> usize {
        let keys: Vec<CallKey> = self
            .calls
            .iter()
            .filter(|(_, c)| c.acc == acc)
            .filter_map(|(id, _)| self.key_of(*id))
            .collect();
        for key in &keys {
            let _ = self.call_hangup(now, *key, &CallOpParam::default());
        }
        keys.len()
    }

    /// `Endpoint::hangupAllCalls`.
    pub fn hangup_all(&mut self, now: Instant) {
        let keys: Vec<CallKey> = self
            .calls
            .keys()
            .filter_map(|id| self.key_of(*id))
            .collect();
        for key in keys {
            let _ = self.call_hangup(now, key, &CallOpParam::default());
        }
    }

    /// `Call::setHold` / `Call::reinvite` / `Call::update`: a new offer (held, or resumed
    /// with PJSUA2RS_CALL_UNHOLD), or none with PJSUA2RS_CALL_NO_SDP_OFFER.
    pub fn call_reoffer(
        &mut self,
        now: Instant,
        key: CallKey,
        hold: Option<bool>,
        prm: &CallOpParam,
        use_update: bool,
    ) -> Result<()> {
        let call = key.id;
        let c = self.call(key)?;
        if let Some(h) = hold {
            c.media.set_hold(h);
        } else if prm.flag & PJSUA2RS_CALL_UNHOLD != 0 {
            c.media.set_hold(false);
        }
        let body = if prm.flag & PJSUA2RS_CALL_NO_SDP_OFFER != 0 && !use_update && hold.is_none() {
            None
        } else {
            Some(
                c.media
                    .offer()
                    .map_err(|e| Error::new(PJSUA2RS_ERR_INVALID_OP, "", e))?,
            )
        };
        c.session.reinvite(body, use_update).map_err(|e| {
            Error::new(
                PJSUA2RS_ERR_INVALID_OP,
                "",
                match e {
                    crate::sip::invite::RenegotiationError::NotEstablished => {
                        "the call is not established"
                    }
                    crate::sip::invite::RenegotiationError::InProgress => {
                        "another offer/answer is in progress"
                    }
                },
            )
        })?;
        self.pump_with_headers(now, call, &prm.tx_option);
        Ok(())
    }

    /// `Call::getInfo`.
    pub fn call_info(&self, now: Instant, key: CallKey) -> Result<CallInfo> {
        let c = self
            .calls
            .get(&key.id)
            .filter(|c| c.serial == key.serial)
            .ok_or_else(|| ended(key))?;
        Ok(info_of(now, key.id, c))
    }

    /// When the next call timer is due.
    pub(super) fn calls_timeout(&self) -> Option<Instant> {
        self.calls
            .values()
            .filter_map(|c| c.session.poll_timeout())
            .min()
    }

    /// Fires the calls' due timers.
    pub(super) fn call_timers(&mut self, now: Instant) {
        let due: Vec<CallId> = self
            .calls
            .iter()
            .filter(|(_, c)| c.session.poll_timeout().is_some_and(|t| t <= now))
            .map(|(id, _)| *id)
            .collect();
        for id in due {
            if let Some(c) = self.calls.get_mut(&id) {
                c.session.handle_timeout(now);
            }
            self.pump_call(now, id);
        }
    }

    /// The calls in progress.
    pub fn call_keys(&self) -> Vec<CallKey> {
        self.calls
            .keys()
            .filter_map(|id| self.key_of(*id))
            .collect()
    }

    /// The call with PJSUA2 id `id` now, if any (PJSUA2's `Call(acc, callId)` inside
    /// onIncomingCall binds to it).
    pub fn call_by_id(&self, id: CallId) -> Option<CallKey> {
        self.key_of(id)
    }

    /// A response to one of a call's requests.
    pub(super) fn call_response(
        &mut self,
        now: Instant,
        key: CallKey,
        slot: Slot,
        response: &Response,
    ) {
        let call = key.id;
        let Some(c) = self.calls.get_mut(&call).filter(|c| c.serial == key.serial) else {
            return;
        };
        c.session.on_response(now, slot, response);
        self.pump_call(now, call);
    }

    /// A call's request failed without a response.
    pub(super) fn call_request_failed(
        &mut self,
        now: Instant,
        key: CallKey,
        slot: Slot,
        code: u16,
        reason: &str,
    ) {
        if let Some(c) = self
            .calls
            .get_mut(&key.id)
            .filter(|c| c.serial == key.serial)
        {
            c.session.on_failure(now, slot, code, reason);
            self.pump_call(now, key.id);
        }
    }

    /// A request inside a dialog (or an ACK, `tsx` None) or a CANCEL: to its call, or 481.
    /// Returns whether a call took it.
    pub(super) fn in_dialog_request(
        &mut self,
        now: Instant,
        tsx: Option<TsxId>,
        request: &Request,
        cancels: Option<TsxId>,
    ) -> bool {
        let call = if request.method == Method::Cancel {
            cancels.and_then(|t| self.invite_tsx.get(&t).copied())
        } else {
            DialogId::of_received_request(request)
                .and_then(|id| self.call_keys.get(&(id.call_id, id.local_tag)).copied())
        };
        let Some(call) = call else { return false };
        if let Some(c) = self.calls.get_mut(&call) {
            c.session.on_request(now, tsx, request);
        }
        self.pump_call(now, call);
        true
    }

    /// Sends what a call's session produced and turns its events into the application's.
    pub(super) fn pump_call(&mut self, now: Instant, call: CallId) {
        loop {
            let Some(c) = self.calls.get_mut(&call) else {
                return;
            };
            let outputs: Vec<InvOutput> = std::iter::from_fn(|| c.session.poll_output()).collect();
            let events: Vec<InvEvent> = std::iter::from_fn(|| c.session.poll_event()).collect();
            if outputs.is_empty() && events.is_empty() {
                return;
            }
            for out in outputs {
                self.call_output(now, call, out);
            }
            for event in events {
                self.call_event(now, call, event);
            }
        }
    }

    /// Pumps the call with the application's extra headers added to what it sends now.
    fn pump_with_headers(&mut self, now: Instant, call: CallId, tx: &TxOption) {
        if let Some(c) = self.calls.get_mut(&call) {
            c.tx_headers = tx.headers.clone();
        }
        self.pump_call(now, call);
        if let Some(c) = self.calls.get_mut(&call) {
            c.tx_headers.clear();
        }
    }

    fn call_output(&mut self, now: Instant, call: CallId, out: InvOutput) {
        let Some(c) = self.calls.get(&call) else {
            return;
        };
        let (transport_id, sent_by, flow) = (c.transport_id, c.sent_by.clone(), c.flow);
        let key = CallKey {
            id: call,
            serial: c.serial,
        };
        let extra = |headers: &mut crate::sip::Headers| {
            for h in &c.tx_headers {
                headers.push(HeaderName::parse(&h.name), h.value.clone());
            }
        };
        let acc = c.acc;
        let out = match out {
            InvOutput::Request { slot, mut request } => {
                extra(&mut request.headers);
                InvOutput::Request { slot, request }
            }
            InvOutput::Respond { tsx, mut response } => {
                extra(&mut response.headers);
                InvOutput::Respond { tsx, response }
            }
            other => other,
        };
        match out {
            InvOutput::Request { slot, mut request } => {
                if !matches!(request.method, Method::Cancel | Method::Ack) {
                    self.authorize_for_account(acc, &mut request);
                }
                self.send_routed(
                    now,
                    Outgoing {
                        request,
                        transport_id,
                        sent_by,
                        owner: Owner::Call(key, slot),
                        remaining: Vec::new(),
                    },
                );
            }
            InvOutput::Ack { request } => {
                let hop = next_hop(&request);
                let flow = self.flow_for(transport_id, &hop).ok().or(flow);
                if let Some(f) = flow {
                    self.sip.send_stateless_request(request, f, sent_by);
                }
            }
            InvOutput::Respond { tsx, response } => {
                let _ = self.sip.respond(now, tsx, response);
            }
            InvOutput::Cancel { slot } => {
                let tsx = self
                    .in_flight
                    .iter()
                    .find(|(_, o)| matches!(o.owner, Owner::Call(k, s) if k == key && s == slot))
                    .map(|(t, _)| *t);
                if let Some(tsx) = tsx {
                    let _ = self.sip.cancel(now, tsx);
                }
            }
        }
    }

    fn call_event(&mut self, now: Instant, call: CallId, event: InvEvent) {
        match event {
            InvEvent::State {
                state,
                code,
                reason,
            } => {
                if state == InvState::Incoming {
                    // PJSUA2 announces a new call with onIncomingCall only: its INCOMING
                    // state change happens before the application has a Call object.
                    return;
                }
                let Some(c) = self.calls.get_mut(&call) else {
                    return;
                };
                if state == InvState::Confirmed && c.connected.is_none() {
                    c.connected = Some(now);
                }
                // The snapshot shows this change, even if the session moved on since.
                let mut info = info_of(now, call, c);
                info.state = state as i32;
                info.state_text = state_text(state as i32).to_string();
                if code != 0 {
                    info.last_status_code = code as i32;
                    info.last_reason = reason.clone();
                }
                self.emit_for(call, |call| AppEvent::CallState {
                    call,
                    prm: OnCallStateParam { info },
                });
                self.transfer_progress(now, call, state, code, &reason);
                if state == InvState::Disconnected {
                    self.remove_call(call);
                }
            }
            InvEvent::RemoteOffer {
                body,
                renegotiation,
            } => self.remote_offer(now, call, body, renegotiation),
            InvEvent::RemoteAnswer { body } => {
                let Some(c) = self.calls.get_mut(&call) else {
                    return;
                };
                match c.media.on_answer(&body) {
                    Ok(()) => self.emit_media(call),
                    Err(e) => self.logger.log(
                        2,
                        "pjsua2rs_call",
                        &format!("call {call}: unusable SDP answer: {e}"),
                    ),
                }
            }
            InvEvent::RenegotiationFailed { code } => {
                if let Some(c) = self.calls.get_mut(&call) {
                    c.media.offer_rejected();
                }
                self.logger.log(
                    3,
                    "pjsua2rs_call",
                    &format!("call {call}: re-offer refused with {code}"),
                );
            }
            InvEvent::Request { tsx, request } => self.call_request(now, call, tsx, &request),
            InvEvent::Response { slot, response } => self.call_request_done(call, slot, &response),
            InvEvent::Redirected { targets, response } => {
                let target_uri = targets
                    .first()
                    .map(|t| t.uri.to_string())
                    .unwrap_or_default();
                let flow = self.calls.get(&call).and_then(|c| c.flow);
                let rdata = rx_data(&Message::Response(response), flow.as_ref());
                self.emit_for(call, |call| AppEvent::CallRedirected {
                    call,
                    prm: OnCallRedirectedParam { target_uri, rdata },
                });
            }
        }
    }

    /// An offer to answer now: in a re-INVITE/UPDATE, or in the 2xx (or reliable 1xx) to
    /// our offerless INVITE.
    fn remote_offer(&mut self, now: Instant, call: CallId, body: Bytes, renegotiation: bool) {
        let Some(c) = self.calls.get_mut(&call) else {
            return;
        };
        if c.session.role() == crate::sip::invite::Role::Uas && !renegotiation {
            return; // the initial INVITE's offer: answered when the application answers
        }
        let result = if body.is_empty() {
            c.media.offer().map_err(|_| 500)
        } else {
            c.media.answer(&body)
        };
        let answered = result.is_ok() && !body.is_empty();
        c.session.answer_offer(now, result);
        self.emit_for(call, |call| AppEvent::CallRxOffer {
            call,
            prm: OnCallRxOfferParam {
                offer: String::from_utf8_lossy(&body).into_owned(),
                reinvite: renegotiation,
            },
        });
        if answered {
            self.emit_media(call);
        }
    }

    /// Posts onCallMediaState with the call's info now.
    pub(super) fn emit_media(&mut self, call: CallId) {
        self.sync_audio(call);
        let Some(c) = self.calls.get(&call) else {
            return;
        };
        let prm = OnCallStateParam {
            info: info_of(Instant::now(), call, c),
        };
        self.emit_for(call, |call| AppEvent::CallMediaState { call, prm });
    }

    /// Posts the event `make` builds for the call with id `call` (if it still exists).
    pub(super) fn emit_for(&self, call: CallId, make: impl FnOnce(CallKey) -> AppEvent) {
        if let Some(key) = self.key_of(call) {
            self.emit(make(key));
        }
    }

    fn remove_call(&mut self, call: CallId) {
        if let Some(mut c) = self.calls.remove(&call) {
            let key = CallKey {
                id: call,
                serial: c.serial,
            };
            self.keep_bye(key, c.session.auth());
            self.stop_audio(&mut c);
            self.call_keys.remove(&c.dialog_key);
            self.invite_tsx.retain(|_, id| *id != call);
        }
    }
}

/// Takes the `?name=value` headers out of a target URI: they become headers of the
/// request (RFC 3261 §19.1.5), except those that would break the dialog.
fn split_uri_headers(mut target: crate::sip::Uri) -> (crate::sip::Uri, Vec<(HeaderName, String)>) {
    let mut out = Vec::new();
    if let crate::sip::Uri::Sip(u) = &mut target {
        for (name, value) in std::mem::take(&mut u.headers) {
            let name = HeaderName::parse(&name);
            let value =
                String::from_utf8_lossy(&crate::sip::parse::lex::unescape(&value)).into_owned();
            let forbidden = matches!(
                name,
                HeaderName::From
                    | HeaderName::To
                    | HeaderName::CallId
                    | HeaderName::CSeq
                    | HeaderName::Via
                    | HeaderName::RecordRoute
                    | HeaderName::Route
                    | HeaderName::Contact
                    | HeaderName::ContentLength
                    | HeaderName::ContentType
            );
            if !forbidden && !value.is_empty() {
                out.push((name, value));
            }
        }
    }
    (target, out)
}

/// The error for an operation on a call that has ended.
fn ended(key: CallKey) -> Error {
    Error::new(
        PJSUA2RS_ERR_NOT_FOUND,
        "",
        format!("call {} has ended", key.id),
    )
}

fn hold_type(core: &UaCore, acc: AccountId) -> HoldType {
    match core.accounts.get(&acc).map(|a| a.settings.call.hold_type) {
        Some(PJSUA2RS_CALL_HOLD_TYPE_RFC2543) => HoldType::Rfc2543,
        _ => HoldType::Rfc3264,
    }
}

/// Adds the application's headers and body to a request.
pub(super) fn add_tx_option(r: &mut Request, tx: &TxOption) {
    for h in &tx.headers {
        r.headers.push(HeaderName::parse(&h.name), h.value.clone());
    }
    if !tx.content_type.is_empty() {
        r.headers
            .push(HeaderName::ContentType, tx.content_type.clone());
        r.body = Bytes::from(tx.msg_body.clone());
    }
}

/// PJSUA2's SipRxData for a received message.
pub(super) fn rx_data(m: &Message, flow: Option<&Flow>) -> SipRxData {
    let info = match m {
        Message::Request(r) => format!(
            "Request msg {}/cseq={}",
            r.method,
            r.cseq().map(|c| c.seq).unwrap_or(0)
        ),
        Message::Response(r) => format!(
            "Response msg {}/{}/cseq={}",
            r.status,
            r.cseq().map(|c| c.method.to_string()).unwrap_or_default(),
            r.cseq().map(|c| c.seq).unwrap_or(0)
        ),
    };
    SipRxData {
        info,
        whole_msg: String::from_utf8_lossy(&m.to_bytes()).into_owned(),
        src_address: flow.map(|f| f.remote.to_string()).unwrap_or_default(),
    }
}

fn info_of(now: Instant, id: CallId, c: &CallState) -> CallInfo {
    let s = &c.session;
    let invite = s.invite();
    let uac = s.role() == crate::sip::invite::Role::Uac;
    let (local, remote) = match s.dialog() {
        Some(d) => (d.local_uri.to_string(), d.remote_uri.to_string()),
        None => {
            let from = invite
                .from_addr()
                .map(|a| {
                    let mut a = a;
                    a.params.remove("tag");
                    a.to_string()
                })
                .unwrap_or_default();
            let to = invite
                .to_addr()
                .map(|a| {
                    let mut a = a;
                    a.params.remove("tag");
                    a.to_string()
                })
                .unwrap_or_default();
            if uac {
                (from, to)
            } else {
                (to, from)
            }
        }
    };
    let state = s.state() as i32;
    let (code, reason) = s.last_status();
    let (rem_offerer, rem_audio) = c.media.remote_offer_info();
    CallInfo {
        id,
        role: if uac {
            PJSUA2RS_ROLE_UAC
        } else {
            PJSUA2RS_ROLE_UAS
        },
        acc_id: c.acc,
        local_uri: local,
        local_contact: s
            .dialog()
            .map(|d| d.local_contact.to_string())
            .unwrap_or_default(),
        remote_uri: remote,
        remote_contact: s
            .dialog()
            .map(|d| format!("<{}>", d.remote_target))
            .unwrap_or_default(),
        call_id_string: invite.call_id().map(|t| t.to_string()).unwrap_or_default(),
        state,
        state_text: state_text(state).to_string(),
        last_status_code: code as i32,
        last_reason: reason.to_string(),
        media: c
            .media
            .info()
            .into_iter()
            .map(|mut m| {
                if m.status != PJSUA2RS_CALL_MEDIA_NONE && m.media_type == 1 {
                    m.audio_conf_slot = c.audio.slot().map_or(-1, |s| s as i32);
                }
                m
            })
            .collect(),
        connect_duration: c
            .connected
            .map(|t| TimeVal::from_duration(now.saturating_duration_since(t)))
            .unwrap_or_default(),
        total_duration: TimeVal::from_duration(now.saturating_duration_since(c.start)),
        rem_offerer,
        rem_audio_count: rem_audio,
        rem_video_count: 0,
    }
}

/// The Content-Type of an INVITE body that is not SDP (RFC 3261 §21.4.16: 415), if any.
fn unsupported_body_type(request: &Request) -> Option<String> {
    if request.body.is_empty() {
        return None;
    }
    let ct = request.headers.get(&HeaderName::ContentType)?;
    let media_type = ct.split(';').next().unwrap_or("").trim();
    (!media_type.eq_ignore_ascii_case("application/sdp")).then(|| media_type.to_string())
}
