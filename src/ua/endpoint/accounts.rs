//! The Endpoint's account operations (PJSUA2's `Account` methods, by account id): create,
//! modify, shut down, registration, default account, transport, info.

use super::Endpoint;
use crate::ua::account::{AccountHandler, AccountId, AccountInfo, AccountSettings};
use crate::ua::config::AccountConfig;
use crate::ua::status::PJSUA2RS_ERR_SIP_SHUTDOWN;
use crate::ua::{Error, Result};
use std::sync::Arc;
use std::time::Instant;

pub(super) fn stopped(title: &str) -> Error {
    Error::new(
        PJSUA2RS_ERR_SIP_SHUTDOWN,
        title,
        "the endpoint is shutting down",
    )
}

impl Endpoint {
    /// `Account::create`: adds an account with `cfg`; `handler` gets its callbacks (from
    /// the first one: the registration starts at once when `registerOnAdd`). The first
    /// account, or one with `make_default`, becomes the default. Errors name the field of
    /// `cfg` that is wrong.
    pub fn account_create(
        &self,
        cfg: &AccountConfig,
        make_default: bool,
        handler: Arc<dyn AccountHandler>,
    ) -> Result<AccountId> {
        let title = "Account::create()";
        let settings = AccountSettings::from_config(cfg).map_err(|e| e.with_title(title))?;
        let live = self.live(title)?;
        let handlers = live.handlers.clone();
        live.driver
            .call(move |core, _| {
                // Registered before the account exists, so its first events find it.
                let next = core.peek_next_account();
                handlers.add_account(next, handler);
                let added = core.account_add(Instant::now(), settings, make_default);
                if added.as_ref().ok() != Some(&next) {
                    handlers.remove_account(next);
                }
                added
            })
            .map_err(|_| stopped(title))?
            .map_err(|e: Error| e.with_title(title))
    }

    /// `Account::modify`: replaces the account's config; a new registrar, identity or
    /// proxy list re-registers (removing the old binding first).
    pub fn account_modify(&self, acc: AccountId, cfg: &AccountConfig) -> Result<()> {
        let title = "Account::modify()";
        let settings = AccountSettings::from_config(cfg).map_err(|e| e.with_title(title))?;
        self.with_core(title, move |core| {
            core.account_modify(Instant::now(), acc, settings)
        })
    }

    /// `Account::shutdown`: removes the account. No callback of it starts afterwards, and
    /// when this returns none is running (unless called from one of them); a binding in
    /// place is removed in the background.
    pub fn account_shutdown(&self, acc: AccountId) -> Result<()> {
        let title = "Account::shutdown()";
        let live = self.live(title)?;
        live.handlers.remove_account(acc);
        let result = self.with_core(title, move |core| core.account_delete(Instant::now(), acc));
        live.callback_barrier();
        result
    }

    /// `Account::isValid`.
    pub fn account_is_valid(&self, acc: AccountId) -> bool {
        self.with_core("Account::isValid()", move |core| {
            Ok(core.account_exists(acc))
        })
        .unwrap_or(false)
    }

    /// `Account::setRegistration`: registers now (`renew`) or removes the binding.
    pub fn account_set_registration(&self, acc: AccountId, renew: bool) -> Result<()> {
        self.with_core("Account::setRegistration()", move |core| {
            core.account_set_registration(Instant::now(), acc, renew)
        })
    }

    /// `Account::setDefault`.
    pub fn account_set_default(&self, acc: AccountId) -> Result<()> {
        self.with_core("Account::setDefault()", move |core| {
            core.account_set_default(acc)
        })
    }

    /// The default account, if any.
    pub fn account_get_default(&self) -> Result<Option<AccountId>> {
        self.with_core("Endpoint::accountGetDefault()", |core| {
            Ok(core.account_default())
        })
    }

    /// `Account::setTransport`: pins the account to a transport (-1: any).
    pub fn account_set_transport(&self, acc: AccountId, transport_id: i32) -> Result<()> {
        self.with_core("Account::setTransport()", move |core| {
            core.account_set_transport(acc, transport_id)
        })
    }

    /// `Account::getInfo`.
    pub fn account_get_info(&self, acc: AccountId) -> Result<AccountInfo> {
        self.with_core("Account::getInfo()", move |core| {
            core.account_info(Instant::now(), acc)
        })
    }

    /// The live accounts' ids (PJSUA's `pjsua_enum_accs`).
    pub fn account_enum(&self) -> Result<Vec<AccountId>> {
        self.with_core("Endpoint::accountEnum()", |core| Ok(core.account_ids()))
    }

    /// Runs `f` on the core and returns its result, titled.
    pub(super) fn with_core<R: Send + 'static>(
        &self,
        title: &str,
        f: impl FnOnce(&mut crate::ua::core::UaCore) -> Result<R> + Send + 'static,
    ) -> Result<R> {
        self.live(title)?
            .driver
            .call(move |core, _| f(core))
            .map_err(|_| stopped(title))?
            .map_err(|e| e.with_title(title))
    }
}
