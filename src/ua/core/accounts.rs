//! Accounts in the core: adding, modifying and removing them (PJSUA2's `Account::create`,
//! `modify`, `shutdown`), their registration's construction, the old registration kept
//! hidden until its binding is removed, and `Account::getInfo`. The REGISTER traffic is in
//! `account_reg`, the NAT handling and keep-alives in `account_nat`.

use super::UaCore;
use crate::rng::Rng;
use crate::sip::auth::ClientAuth;
use crate::sip::registration::{RegParams, RegPhase, Registration};
use crate::sip::transport::Flow;
use crate::sip::uri::Host;
use crate::sip::{HeaderName, Request};
use crate::ua::account::contact::register_contact;
use crate::ua::account::*;
use crate::ua::config::{PJSUA2RS_REG_USE_ACC_PROXY, PJSUA2RS_REG_USE_OUTBOUND_PROXY};
use crate::ua::status::*;
use crate::ua::{Error, Result};
use std::time::{Duration, Instant};

/// One account as the core keeps it.
pub(super) struct AccountState {
    pub settings: AccountSettings,
    pub auth: ClientAuth,
    pub registration: Option<Registration>,
    /// The flow the last REGISTER went on (keep-alives follow it).
    pub reg_flow: Option<Flow>,
    /// The address the registrar saw us at, once it differs from ours (NAT).
    pub seen_as: Option<(Host, u16)>,
    /// The address the 2xx being handled reports, when the Contact must follow it.
    pub nat_rewrite: Option<(Host, u16)>,
    /// Set by a Contact rewrite until the next round ends (PJSUA's `contact_rewritten`):
    /// the 2xx of the rewritten REGISTER is not checked again.
    pub contact_rewritten: bool,
    /// The registrar's Flow-Timer in the last 2xx (RFC 5626 §4.4.1).
    pub flow_timer: Option<Duration>,
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

impl AccountState {
    fn new(settings: AccountSettings) -> Self {
        AccountState {
            auth: ClientAuth::new(settings.credentials.clone()),
            settings,
            registration: None,
            reg_flow: None,
            seen_as: None,
            nat_rewrite: None,
            contact_rewritten: false,
            flow_timer: None,
            last_rx: SipRxData::default(),
            reg_status: 0,
            reg_status_text: String::new(),
            reg_last_err: PJSUA2RS_SUCCESS,
            next_keepalive: None,
            deleting: None,
        }
    }

    /// A hidden copy of this account, with the settings, credentials and addresses its
    /// registration was made with, to keep that registration until its binding is
    /// removed.
    pub fn retired_copy(&self) -> AccountState {
        AccountState {
            auth: self.auth.clone(),
            reg_flow: self.reg_flow,
            seen_as: self.seen_as.clone(),
            ..AccountState::new(self.settings.clone())
        }
    }
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
        let mut state = AccountState::new(settings);
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

    /// Builds an account's registration (with a new Call-ID), or `None` without a
    /// registrar.
    pub(super) fn new_registration(
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
            removed: Vec::new(),
            expires: s.reg_timeout,
            routes,
            headers: s.reg_headers.clone(),
            initial_auth: s.auth_initial.clone(),
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
        self.update_registration(acc, &settings);
        Ok(())
    }

    /// Gives `acc`'s registration what settings `s` send (Contact, interval, headers...)
    /// without starting a new one.
    fn update_registration(&mut self, acc: AccountId, s: &AccountSettings) {
        let seen = self.accounts.get(&acc).and_then(|a| a.seen_as.clone());
        let Ok(Some(fresh)) = self.new_registration(s, seen.as_ref().map(|(h, p)| (h, *p))) else {
            return;
        };
        if let Some(reg) = self
            .accounts
            .get_mut(&acc)
            .and_then(|a| a.registration.as_mut())
        {
            reg.adopt(fresh.params().clone());
        }
    }

    /// Replaces `acc`'s settings (PJSUA2 `Account::modify`). A new registrar, identity,
    /// route set or `proxyUse` starts a new registration under a new Call-ID: the old
    /// binding is removed first, also when the old REGISTER is still in flight (its
    /// binding is removed as soon as it succeeds), and the new one registers. Other
    /// changes apply to the next REGISTER, sent at once while registered. With
    /// `disableRegOnModify` nothing is sent: the old registration is dropped as it stands
    /// and the application registers when it wants (`setRegistration`).
    pub fn account_modify(
        &mut self,
        now: Instant,
        acc: AccountId,
        settings: AccountSettings,
    ) -> Result<()> {
        let old = self.account(acc)?.settings.clone();
        let same_binding = old.registrar == settings.registrar
            && old.id == settings.id
            && old.proxies == settings.proxies
            && old.reg_proxy_use == settings.reg_proxy_use;
        let reg = if same_binding {
            None
        } else {
            Some(self.new_registration(&settings, None)?)
        };
        let register = !settings.disable_reg_on_modify;
        let a = self.account(acc)?;
        let mut old_state = a.retired_copy();
        a.auth.set_credentials(settings.credentials.clone());
        a.settings = settings.clone();
        let Some(new_reg) = reg else {
            self.update_registration(acc, &settings);
            if let Some(a) = self.accounts.get_mut(&acc) {
                if let Some(r) = a.registration.as_mut() {
                    if register && r.phase() == RegPhase::Registered {
                        r.start(true, &mut a.auth);
                    }
                }
            }
            return Ok(());
        };
        old_state.registration = std::mem::replace(&mut a.registration, new_reg);
        a.seen_as = None;
        a.next_keepalive = None;
        a.contact_rewritten = false;
        let in_flight = old_state
            .registration
            .as_ref()
            .is_some_and(|r| r.is_pending());
        let bound = old_state
            .registration
            .as_ref()
            .is_some_and(|r| r.phase() == RegPhase::Registered);
        if register && (bound || in_flight) {
            if let Some(r) = old_state.registration.as_mut() {
                r.start(false, &mut old_state.auth);
            }
            // A REGISTER in flight may still take Timer F before its binding can go.
            let wait = old_state.settings.unreg_wait
                + if in_flight {
                    self.calls_cfg.t1 * 64
                } else {
                    Duration::ZERO
                };
            self.retire(now, old_state, wait);
        }
        if register && self.account(acc)?.registration.is_some() {
            self.account_set_registration(now, acc, true)?;
        }
        Ok(())
    }

    /// Keeps an old registration alive, without callbacks, as a hidden removed account
    /// until its un-REGISTER ends or `wait` passes; returns that account's id.
    pub(super) fn retire(&mut self, now: Instant, old: AccountState, wait: Duration) -> AccountId {
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
        id
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
    /// still be waited for (at most `unregWaitMsec` from now).
    pub fn begin_shutdown(&mut self, now: Instant) -> Instant {
        for acc in self.account_ids() {
            let _ = self.account_delete(now, acc);
        }
        for a in self.accounts.values_mut() {
            let limit = now + a.settings.unreg_wait;
            a.deleting = a.deleting.map(|d| d.min(limit));
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
            // specified" without a registrar, once unregistered and after a failure (PJSUA
            // has dropped its registration then); 0 otherwise.
            reg_expires_sec: match reg {
                None => PJSUA2RS_EXPIRES_NOT_SPECIFIED,
                Some(r) if r.is_active(now) => r.refresh_in(now).unwrap_or(0),
                Some(r) if r.unregistered() || r.phase() == RegPhase::Failed => {
                    PJSUA2RS_EXPIRES_NOT_SPECIFIED
                }
                Some(_) => 0,
            },
            reg_status: status,
            reg_status_text: text,
            reg_last_err: a.reg_last_err,
            online_status: false,
            online_status_text: "Offline".to_string(),
        })
    }

    /// Puts the account's authorization on a request of one of its calls: pre-emptive
    /// answers from the account's challenges with `useSharedAuth` (RFC 3261 §22.3: fewer
    /// 401/407), and empty initial answers with `authInitialEmpty`. Not for CANCEL or ACK.
    pub(super) fn authorize_for_account(&mut self, acc: AccountId, request: &mut Request) {
        let Some(a) = self.accounts.get_mut(&acc) else {
            return;
        };
        // The call's own digest client (sip/invite/auth.rs) answered first.
        let answered = request.headers.contains(&HeaderName::Authorization)
            || request.headers.contains(&HeaderName::ProxyAuthorization);
        if answered {
            return;
        }
        if a.settings.use_shared_auth {
            let _ = a.auth.authorize(request);
        }
        if let Some(algorithm) = &a.settings.auth_initial {
            a.auth.add_initial_empty(request, algorithm);
        }
    }
}
