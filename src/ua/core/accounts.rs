//! Accounts in the core: adding, modifying and removing them, their registration (sending
//! the REGISTERs it produces, feeding back outcomes, reporting events), the Contact rewrite
//! after NAT discovery, keep-alives, and the unregistration on removal and shutdown.

use super::send::Outgoing;
use super::{AppEvent, Owner, UaCore};
use crate::rng::Rng;
use crate::sip::auth::ClientAuth;
use crate::sip::message::Response;
use crate::sip::registration::{RegEvent, RegParams, RegPhase, Registration};
use crate::sip::transaction::TsxId;
use crate::sip::transport::{Flow, TransportKind};
use crate::sip::uri::Host;
use crate::sip::{Message, SipHeaders};
use crate::ua::account::contact::register_contact;
use crate::ua::account::*;
use crate::ua::config::{
    PJSUA2RS_CONTACT_REWRITE_UNREGISTER, PJSUA2RS_REG_USE_ACC_PROXY,
    PJSUA2RS_REG_USE_OUTBOUND_PROXY,
};
use crate::ua::status::*;
use crate::ua::{Error, Result};
use bytes::Bytes;
use std::time::{Duration, Instant};

/// How often a TCP flow to the registrar gets a CRLFCRLF keep-alive (PJSIP's
/// PJSIP_TCP_KEEP_ALIVE_INTERVAL).
const TCP_KEEPALIVE: Duration = Duration::from_secs(90);

/// One account as the core keeps it.
pub(super) struct AccountState {
    pub settings: AccountSettings,
    pub auth: ClientAuth,
    pub registration: Option<Registration>,
    /// The flow the last REGISTER went on (keep-alives follow it).
    pub reg_flow: Option<Flow>,
    /// The address the registrar saw us at, once it differs from ours (NAT).
    pub seen_as: Option<(Host, u16)>,
    /// The last response to a REGISTER, for `onRegState`'s rdata.
    pub last_rx: SipRxData,
    pub reg_status: u16,
    pub reg_status_text: String,
    pub reg_last_err: pjsua2rs_status,
    pub next_keepalive: Option<Instant>,
    /// Set when the application removed the account: it lingers (silently) until its
    /// unregistration ends or this deadline passes.
    pub deleting: Option<Instant>,
}

fn invalid(acc: AccountId) -> Error {
    Error::new(
        PJSUA2RS_ERR_NOT_FOUND,
        "",
        format!("no account with id {acc}"),
    )
}

impl UaCore {
    /// The id the next account will get (see [`UaCore::peek_next_call_key`]).
    pub fn peek_next_account(&self) -> AccountId {
        self.next_account
    }

    /// Adds an account; it becomes the default if `make_default` or if there is none.
    /// Registers at once when it has a registrar and `registerOnAdd`.
    pub fn account_add(
        &mut self,
        now: Instant,
        settings: AccountSettings,
        make_default: bool,
    ) -> Result<AccountId> {
        let id = self.next_account;
        self.next_account += 1;
        let mut state = AccountState {
            auth: ClientAuth::new(settings.credentials.clone()),
            settings,
            registration: None,
            reg_flow: None,
            seen_as: None,
            last_rx: SipRxData::default(),
            reg_status: 0,
            reg_status_text: String::new(),
            reg_last_err: PJSUA2RS_SUCCESS,
            next_keepalive: None,
            deleting: None,
        };
        state.registration = self.new_registration(&state.settings, None)?;
        let register = state.registration.is_some() && state.settings.register_on_add;
        self.accounts.insert(id, state);
        if make_default || self.default_account.is_none() {
            self.default_account = Some(id);
        }
        if register {
            self.account_set_registration(now, id, true)?;
        }
        Ok(id)
    }

    /// Builds an account's registration, or `None` without a registrar.
    fn new_registration(
        &mut self,
        s: &AccountSettings,
        seen_as: Option<(&Host, u16)>,
    ) -> Result<Option<Registration>> {
        let Some(registrar) = s.registrar.clone() else {
            return Ok(None);
        };
        let routes = self.route_set(
            &s.proxies,
            s.reg_proxy_use & PJSUA2RS_REG_USE_OUTBOUND_PROXY != 0,
            s.reg_proxy_use & PJSUA2RS_REG_USE_ACC_PROXY != 0,
        );
        let hop = routes
            .first()
            .map(|r| r.uri.clone())
            .unwrap_or_else(|| registrar.clone());
        // The Contact names the transport the REGISTERs will use; when no transport suits
        // the registrar yet, the first REGISTER reports the error.
        let transport = self
            .flow_for(s.transport_id, &hop)
            .ok()
            .and_then(|f| self.sip.transport(f.transport).cloned())
            .or_else(|| self.sip.transports().first().cloned());
        let contact = match &transport {
            Some(t) => register_contact(s, t, seen_as),
            None => s.id.clone(),
        };
        let host = transport
            .as_ref()
            .map(|t| t.published_host.to_string())
            .unwrap_or_default();
        let params = RegParams {
            registrar,
            aor: s.id.clone(),
            contact,
            expires: s.reg_timeout,
            routes,
            headers: s.reg_headers.clone(),
            call_id: format!("{}@{host}", self.rng.token(22)),
            from_tag: self.rng.token(16),
            timing: s.reg_timing.clone(),
        };
        Ok(Some(Registration::new(
            params,
            Rng::from_seed(self.rng.next_u64()),
        )))
    }

    fn account(&mut self, acc: AccountId) -> Result<&mut AccountState> {
        match self.accounts.get_mut(&acc) {
            Some(a) if a.deleting.is_none() => Ok(a),
            _ => Err(invalid(acc)),
        }
    }

    /// Whether `acc` exists (and was not removed).
    pub fn account_exists(&self, acc: AccountId) -> bool {
        self.accounts
            .get(&acc)
            .is_some_and(|a| a.deleting.is_none())
    }

    /// The live accounts, in creation order.
    pub fn account_ids(&self) -> Vec<AccountId> {
        self.accounts
            .iter()
            .filter(|(_, a)| a.deleting.is_none())
            .map(|(id, _)| *id)
            .collect()
    }

    /// Registers (or refreshes) `acc` now, or removes its binding (`renew` false).
    pub fn account_set_registration(
        &mut self,
        _now: Instant,
        acc: AccountId,
        renew: bool,
    ) -> Result<()> {
        let a = self.account(acc)?;
        let Some(reg) = a.registration.as_mut() else {
            return Err(Error::new(
                PJSUA2RS_ERR_INVALID_OP,
                "",
                "the account has no registrar (regConfig.registrarUri is empty)",
            ));
        };
        if !renew && reg.phase() == RegPhase::Idle && !reg.is_pending() {
            return Ok(());
        }
        reg.start(renew, &mut a.auth);
        Ok(())
    }

    /// Makes `acc` the default account.
    pub fn account_set_default(&mut self, acc: AccountId) -> Result<()> {
        self.account(acc)?;
        self.default_account = Some(acc);
        Ok(())
    }

    /// The default account.
    pub fn account_default(&self) -> Option<AccountId> {
        self.default_account.filter(|d| self.account_exists(*d))
    }

    /// Pins `acc` to transport `transport_id` (-1: any); takes effect with the next
    /// REGISTER and request.
    pub fn account_set_transport(&mut self, acc: AccountId, transport_id: i32) -> Result<()> {
        if transport_id >= 0 && self.sip.transport(transport_id).is_none() {
            return Err(Error::new(
                PJSUA2RS_ERR_NOT_FOUND,
                "",
                format!("no transport with id {transport_id}"),
            ));
        }
        let settings = {
            let a = self.account(acc)?;
            a.settings.transport_id = transport_id;
            a.settings.clone()
        };
        self.rebuild_contact(acc, &settings);
        Ok(())
    }

    fn rebuild_contact(&mut self, acc: AccountId, s: &AccountSettings) {
        let seen = self.accounts.get(&acc).and_then(|a| a.seen_as.clone());
        let Ok(Some(fresh)) = self.new_registration(s, seen.as_ref().map(|(h, p)| (h, *p))) else {
            return;
        };
        if let Some(reg) = self
            .accounts
            .get_mut(&acc)
            .and_then(|a| a.registration.as_mut())
        {
            reg.set_contact(fresh.params().contact.clone());
        }
    }

    /// Replaces `acc`'s settings (PJSUA2 `Account::modify`): a new registrar, identity or
    /// route set starts a new registration (the old binding is removed first); other
    /// changes apply to the next REGISTER.
    pub fn account_modify(
        &mut self,
        now: Instant,
        acc: AccountId,
        settings: AccountSettings,
    ) -> Result<()> {
        let old = self.account(acc)?.settings.clone();
        let same_binding = old.registrar == settings.registrar
            && old.id == settings.id
            && old.proxies == settings.proxies;
        let reg = if same_binding {
            None
        } else {
            Some(self.new_registration(&settings, None)?)
        };
        let a = self.account(acc)?;
        a.auth.set_credentials(settings.credentials.clone());
        a.settings = settings.clone();
        match reg {
            None => {
                self.rebuild_contact(acc, &settings);
                if let Some(a) = self.accounts.get_mut(&acc) {
                    if let Some(r) = a.registration.as_mut() {
                        if r.phase() == RegPhase::Registered {
                            r.start(true, &mut a.auth);
                        }
                    }
                }
            }
            Some(new_reg) => {
                let was_registered = a
                    .registration
                    .as_ref()
                    .is_some_and(|r| r.phase() == RegPhase::Registered);
                let old_reg = a.registration.take();
                let old = AccountState {
                    settings: old,
                    auth: a.auth.clone(),
                    registration: old_reg,
                    reg_flow: a.reg_flow,
                    seen_as: a.seen_as.clone(),
                    last_rx: SipRxData::default(),
                    reg_status: 0,
                    reg_status_text: String::new(),
                    reg_last_err: 0,
                    next_keepalive: None,
                    deleting: None,
                };
                a.registration = new_reg;
                a.seen_as = None;
                a.next_keepalive = None;
                if was_registered {
                    let mut old = old;
                    if let Some(r) = old.registration.as_mut() {
                        r.start(false, &mut old.auth);
                    }
                    let wait = old.settings.unreg_wait;
                    self.retire(now, old, wait);
                }
                let has_reg = self.account(acc)?.registration.is_some();
                if has_reg && settings.register_on_add {
                    self.account_set_registration(now, acc, true)?;
                }
            }
        }
        Ok(())
    }

    /// Keeps an old registration alive, without callbacks, as a hidden removed account
    /// until its un-REGISTER ends or `wait` passes.
    fn retire(&mut self, now: Instant, old: AccountState, wait: Duration) {
        let id = self.next_account;
        self.next_account += 1;
        self.accounts.insert(
            id,
            AccountState {
                deleting: Some(now + wait),
                next_keepalive: None,
                ..old
            },
        );
    }

    /// Removes `acc` (PJSUA2 `Account::shutdown`): a binding in place is removed with an
    /// un-REGISTER that completes in the background (bounded by `unregWaitMsec`); no
    /// callback of the account runs afterwards.
    pub fn account_delete(&mut self, now: Instant, acc: AccountId) -> Result<()> {
        let a = self.account(acc)?;
        let unregister = a.registration.as_ref().is_some_and(|r| {
            matches!(r.phase(), RegPhase::Registered | RegPhase::Registering) || r.is_pending()
        });
        if unregister {
            if let Some(r) = a.registration.as_mut() {
                r.start(false, &mut a.auth);
            }
            a.deleting = Some(now + a.settings.unreg_wait);
        } else {
            self.accounts.remove(&acc);
        }
        if self.default_account == Some(acc) {
            self.default_account = self.account_ids().first().copied();
        }
        Ok(())
    }

    /// Starts removing every account (libDestroy); returns when the last un-REGISTER may
    /// still be waited for.
    pub fn begin_shutdown(&mut self, now: Instant) -> Instant {
        for acc in self.account_ids() {
            let _ = self.account_delete(now, acc);
        }
        self.accounts
            .values()
            .filter_map(|a| a.deleting)
            .max()
            .unwrap_or(now)
    }

    /// How many removed accounts still wait for their un-REGISTER.
    pub fn pending_unregistrations(&self) -> usize {
        self.accounts
            .values()
            .filter(|a| a.deleting.is_some())
            .count()
    }

    /// PJSUA2 `Account::getInfo`.
    pub fn account_info(&self, now: Instant, acc: AccountId) -> Result<AccountInfo> {
        let a = self
            .accounts
            .get(&acc)
            .filter(|a| a.deleting.is_none())
            .ok_or_else(|| invalid(acc))?;
        let reg = a.registration.as_ref();
        let (status, text) = match reg {
            None => (0, "does not register".to_string()),
            Some(r) if r.is_pending() => (100, "In Progress".to_string()),
            Some(_) if a.reg_status == 0 => (0, "not registered yet".to_string()),
            Some(_) => (a.reg_status, a.reg_status_text.clone()),
        };
        Ok(AccountInfo {
            id: acc,
            is_default: self.default_account == Some(acc),
            uri: a.settings.id_text.clone(),
            reg_is_configured: reg.is_some(),
            reg_is_active: reg.is_some_and(|r| r.is_active(now)),
            // As PJSUA reports it: the seconds to the next refresh while bound; "not
            // specified" without a registrar or once unregistered; 0 otherwise.
            reg_expires_sec: match reg {
                None => PJSUA2RS_EXPIRES_NOT_SPECIFIED,
                Some(r) if r.is_active(now) => r.refresh_in(now).unwrap_or(0),
                Some(r) if r.unregistered() => PJSUA2RS_EXPIRES_NOT_SPECIFIED,
                Some(_) => 0,
            },
            reg_status: status,
            reg_status_text: text,
            reg_last_err: a.reg_last_err,
            online_status: false,
            online_status_text: "Offline".to_string(),
        })
    }

    pub(super) fn register_response(
        &mut self,
        now: Instant,
        acc: AccountId,
        _tsx: TsxId,
        response: &Response,
    ) {
        let Some(a) = self.accounts.get_mut(&acc) else {
            return;
        };
        a.last_rx = SipRxData {
            info: format!(
                "Response msg {}/{}/cseq={}",
                response.status,
                response
                    .cseq()
                    .map(|c| c.method.to_string())
                    .unwrap_or_default(),
                response.cseq().map(|c| c.seq).unwrap_or(0)
            ),
            whole_msg: String::from_utf8_lossy(&Message::Response(response.clone()).to_bytes())
                .into_owned(),
            src_address: a.reg_flow.map(|f| f.remote.to_string()).unwrap_or_default(),
        };
        if let Some(reg) = a.registration.as_mut() {
            reg.on_response(now, response, &mut a.auth);
        }
    }

    pub(super) fn register_failed(
        &mut self,
        now: Instant,
        acc: AccountId,
        code: u16,
        reason: &str,
        status: pjsua2rs_status,
    ) {
        let Some(a) = self.accounts.get_mut(&acc) else {
            return;
        };
        a.last_rx = SipRxData::default();
        if let Some(reg) = a.registration.as_mut() {
            reg.on_failure(now, code, reason, status, &mut a.auth);
        }
    }

    /// Sends what the registrations queued and turns their events into the
    /// application's; returns whether anything happened.
    pub(super) fn pump_accounts(&mut self, now: Instant) -> bool {
        let mut busy = false;
        let ids: Vec<AccountId> = self.accounts.keys().copied().collect();
        for acc in ids {
            while let Some(request) = self
                .accounts
                .get_mut(&acc)
                .and_then(|a| a.registration.as_mut())
                .and_then(|r| r.poll_request())
            {
                busy = true;
                self.send_register(now, acc, request);
            }
            while let Some(event) = self
                .accounts
                .get_mut(&acc)
                .and_then(|a| a.registration.as_mut())
                .and_then(|r| r.poll_event())
            {
                busy = true;
                self.on_reg_event(now, acc, event);
            }
            let done = self.accounts.get(&acc).is_some_and(|a| {
                a.deleting.is_some() && a.registration.as_ref().is_none_or(|r| !r.is_pending())
            });
            if done {
                self.accounts.remove(&acc);
            }
        }
        busy
    }

    fn send_register(&mut self, now: Instant, acc: AccountId, request: crate::sip::Request) {
        let Some(a) = self.accounts.get(&acc) else {
            return;
        };
        let out = Outgoing {
            request,
            transport_id: a.settings.transport_id,
            sent_by: if a.settings.nat.via_rewrite {
                a.seen_as.clone()
            } else {
                None
            },
            owner: Owner::Register(acc),
            remaining: Vec::new(),
        };
        self.send_routed(now, out);
    }

    /// Just before a REGISTER goes on `flow`: remember the flow (keep-alives follow it)
    /// and make the Contact name that flow's transport.
    pub(super) fn prepare_register(
        &mut self,
        acc: AccountId,
        request: &mut crate::sip::Request,
        flow: Flow,
    ) {
        let Some(t) = self.sip.transport(flow.transport).cloned() else {
            return;
        };
        let Some(a) = self.accounts.get_mut(&acc) else {
            return;
        };
        a.reg_flow = Some(flow);
        if a.settings.contact_forced.is_some() {
            return;
        }
        let contact = register_contact(&a.settings, &t, a.seen_as.as_ref().map(|(h, p)| (h, *p)));
        if let Some(reg) = a.registration.as_mut() {
            if reg.params().contact != contact {
                reg.set_contact(contact.clone());
            }
        }
        request
            .headers
            .set(crate::sip::HeaderName::Contact, contact.to_string());
    }

    fn on_reg_event(&mut self, now: Instant, acc: AccountId, event: RegEvent) {
        let Some(a) = self.accounts.get_mut(&acc) else {
            return;
        };
        let silent = a.deleting.is_some();
        match event {
            RegEvent::Started { renew } => {
                if !silent {
                    self.emit(AppEvent::RegStarted {
                        acc,
                        prm: OnRegStartedParam { renew },
                    });
                }
            }
            RegEvent::State {
                code,
                reason,
                expiration,
                status,
                renew,
            } => {
                a.reg_status = code;
                a.reg_status_text = reason.clone();
                a.reg_last_err = if (200..300).contains(&code) {
                    PJSUA2RS_SUCCESS
                } else if status != 0 {
                    status
                } else {
                    PJSUA2RS_ERR_SIP_STATUS_BASE + code as i32
                };
                let success = (200..300).contains(&code) && renew && expiration > 0;
                a.next_keepalive = if success {
                    keepalive_after(a).map(|d| now + d)
                } else {
                    None
                };
                let rdata = a.last_rx.clone();
                if !silent {
                    self.emit(AppEvent::RegState {
                        acc,
                        prm: OnRegStateParam {
                            status,
                            code,
                            reason,
                            rdata,
                            expiration,
                        },
                    });
                }
                if success && !silent {
                    self.maybe_rewrite_contact(acc);
                }
            }
        }
    }

    /// After a successful REGISTER: when the registrar saw us at another address (NAT),
    /// register that address as our Contact (natConfig.contactRewriteUse).
    fn maybe_rewrite_contact(&mut self, acc: AccountId) {
        let Some(a) = self.accounts.get(&acc) else {
            return;
        };
        let nat = &a.settings.nat;
        let kind = a.reg_flow.map(|f| f.kind);
        let allowed = match nat.contact_rewrite_use {
            0 => false,
            1 => kind == Some(TransportKind::Udp),
            _ => true,
        };
        if !allowed || a.settings.contact_forced.is_some() {
            return;
        }
        let Some(reg) = a.registration.as_ref() else {
            return;
        };
        let Some((host, rport)) = reg.via_received().cloned() else {
            return;
        };
        let Ok(ip) = host.parse::<std::net::IpAddr>() else {
            return;
        };
        let contact = reg.params().contact.clone();
        let Some(current) = contact.uri.as_sip() else {
            return;
        };
        let port = rport.unwrap_or(current.port.unwrap_or(5060));
        let seen = (Host::from(ip), port);
        if current.host.same_as(&seen.0) && current.port.unwrap_or(5060) == seen.1 {
            return;
        }
        let unregister_old = nat.contact_rewrite_method & PJSUA2RS_CONTACT_REWRITE_UNREGISTER != 0;
        self.logger.log(
            3,
            "pjsua2rs_acc",
            &format!(
                "account {acc}: the registrar sees us at {}:{}; updating the Contact",
                seen.0, seen.1
            ),
        );
        let settings = a.settings.clone();
        if let Some(a) = self.accounts.get_mut(&acc) {
            a.seen_as = Some(seen);
            if unregister_old {
                if let Some(r) = a.registration.as_mut() {
                    r.start(false, &mut a.auth);
                }
            }
        }
        self.rebuild_contact(acc, &settings);
        if let Some(a) = self.accounts.get_mut(&acc) {
            if let Some(r) = a.registration.as_mut() {
                r.start(true, &mut a.auth);
            }
        }
    }

    /// Fires registration timers and keep-alives; drops removed accounts past their wait.
    pub(super) fn account_timers(&mut self, now: Instant) {
        let mut expired = Vec::new();
        let mut keepalives = Vec::new();
        for (id, a) in self.accounts.iter_mut() {
            if let Some(reg) = a.registration.as_mut() {
                reg.handle_timeout(now, &mut a.auth);
            }
            if a.deleting.is_some_and(|d| d <= now) {
                expired.push(*id);
                continue;
            }
            if let (Some(at), Some(flow)) = (a.next_keepalive, a.reg_flow) {
                if at <= now {
                    let data = match flow.kind {
                        TransportKind::Udp => {
                            Bytes::from(a.settings.nat.udp_ka_data.clone().into_bytes())
                        }
                        TransportKind::Tcp => Bytes::from_static(b"\r\n\r\n"),
                    };
                    keepalives.push((flow, data));
                    a.next_keepalive = keepalive_after(a).map(|d| now + d);
                }
            }
        }
        for (flow, data) in keepalives {
            self.sip.send_raw(flow, data);
        }
        for id in expired {
            self.accounts.remove(&id);
        }
    }

    /// The earliest account timer.
    pub(super) fn accounts_timeout(&self) -> Option<Instant> {
        self.accounts
            .values()
            .flat_map(|a| {
                [
                    a.registration.as_ref().and_then(|r| r.poll_timeout()),
                    a.next_keepalive,
                    a.deleting,
                ]
            })
            .flatten()
            .min()
    }
}

/// The keep-alive period for an account's registration flow, if any.
fn keepalive_after(a: &AccountState) -> Option<Duration> {
    match a.reg_flow?.kind {
        TransportKind::Udp
            if !a.settings.nat.udp_ka_interval.is_zero()
                && !a.settings.nat.udp_ka_data.is_empty() =>
        {
            Some(a.settings.nat.udp_ka_interval)
        }
        TransportKind::Tcp => Some(TCP_KEEPALIVE),
        TransportKind::Udp => None,
    }
}
