//! The C ABI of accounts (PJSUA2's `Account`): create with a callback table, modify,
//! shut down, registration, default account, transport, info.

use super::boundary::ffi_call;
use super::call_events::RxStrings;
use super::config::write_default_versioned;
use super::endpoint::{endpoint, null_arg, pjsua2rs_endpoint, write_out};
use super::handle::{HandleKind, Registry};
use super::versioned::{read_versioned, Versioned};
use crate::ua::account::{AccountHandler, AccountId, OnRegStartedParam, OnRegStateParam};
use crate::ua::call::OnIncomingCallParam;
use crate::ua::config::AccountConfig;
use crate::ua::fixed_str::FixedStr;
use crate::ua::status::{pjsua2rs_status, PJSUA2RS_ERR_SIP_SHUTDOWN};
use crate::ua::{Endpoint, Error, Result};
use std::ffi::CString;
use std::os::raw::{c_char, c_int, c_uint, c_void};
use std::sync::{Arc, OnceLock, Weak};

/// A handle to an account. 0 is never a valid handle.
#[allow(non_camel_case_types)]
pub type pjsua2rs_account = u64;

/// The received message a callback is about (PJSUA2's `SipRxData`); the strings are
/// NUL-terminated UTF-8, valid during the callback only.
#[repr(C)]
pub struct SipRxDataC {
    /// A one-line description ("Response msg 200/REGISTER/cseq=2"); "" when none.
    pub info: *const c_char,
    /// The whole message as received; "" when no message arrived (timeout).
    pub whole_msg: *const c_char,
    /// Where it came from, "ip:port"; "" when none.
    pub src_address: *const c_char,
}

/// PJSUA2's `OnRegStartedParam`.
#[repr(C)]
pub struct OnRegStartedParamC {
    /// True when registering or refreshing, false when unregistering.
    pub renew: bool,
}

/// PJSUA2's `OnRegStateParam`. Valid during the callback only.
#[repr(C)]
pub struct OnRegStateParamC {
    /// 0 whenever the round ended with a code (a 408 timeout and a 503 transport error
    /// too, as PJSUA2); else why it was given up (e.g. PJSUA2RS_ERR_SIP_FAILED_CREDENTIAL).
    pub status: pjsua2rs_status,
    /// The SIP status (408 for no answer, 503 for a transport error, 502 when the
    /// registrar's name did not resolve).
    pub code: c_int,
    /// The reason phrase.
    pub reason: *const c_char,
    /// The response, when one arrived.
    pub rdata: SipRxDataC,
    /// The granted binding time in seconds (0 when unregistered or failed).
    pub expiration: c_uint,
}

/// `on_reg_started`: a REGISTER round starts (PJSUA2 `onRegStarted`); NULL for none.
pub type OnRegStartedFn =
    Option<unsafe extern "C" fn(user_data: *mut c_void, prm: *const OnRegStartedParamC)>;

/// PJSUA2's `OnIncomingCallParam`. Valid during the callback only.
#[repr(C)]
pub struct OnIncomingCallParamC {
    /// The new call's id: pass it to `pjsua2rs_call_create` now to take the call.
    pub call_id: c_int,
    /// The INVITE.
    pub rdata: SipRxDataC,
}

/// `on_incoming_call`: a call arrived (PJSUA2 `onIncomingCall`). Take it with
/// `pjsua2rs_call_create(acc, prm->call_id, ...)` during the callback, or it is refused
/// with 500, as PJSUA2 does; NULL for none.
pub type OnIncomingCallFn =
    Option<unsafe extern "C" fn(user_data: *mut c_void, prm: *const OnIncomingCallParamC)>;

/// `on_reg_state`: a REGISTER round ended (PJSUA2 `onRegState`); NULL for none.
pub type OnRegStateFn =
    Option<unsafe extern "C" fn(user_data: *mut c_void, prm: *const OnRegStateParamC)>;

/// The callbacks of an account; NULL members are not called. Each gets the `user_data`
/// given to `pjsua2rs_account_create` and a param struct valid during the call. They run
/// on the library's callback thread, or inside `pjsua2rs_endpoint_handle_events` in poll
/// mode, one at a time, never while the library holds a lock; calling the API from them
/// is safe. Set `struct_size` to `sizeof` the struct (members are only ever appended).
#[repr(C)]
#[derive(Clone, Copy, Default)]
pub struct AccountCallbacks {
    /// `sizeof(pjsua2rs_account_callbacks)` as the program was compiled.
    pub struct_size: u32,
    /// A REGISTER round starts (PJSUA2 `onRegStarted`).
    pub on_reg_started: OnRegStartedFn,
    /// A REGISTER round ended (PJSUA2 `onRegState`).
    pub on_reg_state: OnRegStateFn,
    /// A call arrived (PJSUA2 `onIncomingCall`).
    pub on_incoming_call: OnIncomingCallFn,
}

// SAFETY: repr(C), starts with `struct_size: u32`, plain data (function pointers).
unsafe impl Versioned for AccountCallbacks {
    const C_NAME: &'static str = "account_callbacks";
}

/// Fills `*out` with an empty callback table (every member NULL) and stamps
/// `struct_size` with `size`, which must be `sizeof *out` as the program was compiled.
/// Returns PJSUA2RS_ERR_INVALID_ARG if `out` is NULL or `size` is wrong. Thread-safe.
#[no_mangle]
pub extern "C" fn pjsua2rs_account_callbacks_default(
    out: *mut AccountCallbacks,
    size: usize,
) -> pjsua2rs_status {
    write_default_versioned(out, size, "pjsua2rs_account_callbacks_default()")
}

/// PJSUA2's `AccountInfo`.
#[repr(C)]
pub struct AccountInfoC {
    /// The account id (PJSUA2's `Account::getId`).
    pub id: c_int,
    /// Whether it is the default account.
    pub is_default: bool,
    /// The account's URI.
    pub uri: [c_char; 512],
    /// Whether it has a registrar.
    pub reg_is_configured: bool,
    /// Whether a binding is in place now.
    pub reg_is_active: bool,
    /// Seconds until the binding expires; 0xFFFFFFFF without a registrar, once
    /// unregistered and after a failure; 0 otherwise when not bound.
    pub reg_expires_sec: u32,
    /// The last REGISTER status: 0 never sent, 100 in progress, else the final code.
    pub reg_status: c_int,
    /// Its text: the standard reason phrase of the code ("OK", "Request Timeout"...).
    pub reg_status_text: [c_char; 256],
    /// The status of the last round (`OnRegStateParam.status`): 0 after a failure with a
    /// code (403, 408, 503...) too, as PJSUA2.
    pub reg_last_err: pjsua2rs_status,
    /// Presence: online.
    pub online_status: bool,
    /// Presence text.
    pub online_status_text: [c_char; 128],
}

struct CHandler {
    cb: AccountCallbacks,
    user_data: usize,
}

// SAFETY: the application promises its callbacks may be called from the library's
// callback thread with its user_data (documented on pjsua2rs_account_create).
unsafe impl Send for CHandler {}
// SAFETY: as above; the library never calls two callbacks at once.
unsafe impl Sync for CHandler {}

fn cstr(s: &str) -> CString {
    CString::new(s.replace('\0', " ")).unwrap_or_default()
}

impl AccountHandler for CHandler {
    fn on_reg_started(&self, prm: &OnRegStartedParam) {
        if let Some(f) = self.cb.on_reg_started {
            let p = OnRegStartedParamC { renew: prm.renew };
            // SAFETY: a callback of the application's, with its user data.
            unsafe { f(self.user_data as *mut c_void, &p) };
        }
    }

    fn on_reg_state(&self, prm: &OnRegStateParam) {
        if let Some(f) = self.cb.on_reg_state {
            let (reason, info, msg, src) = (
                cstr(&prm.reason),
                cstr(&prm.rdata.info),
                cstr(&prm.rdata.whole_msg),
                cstr(&prm.rdata.src_address),
            );
            let p = OnRegStateParamC {
                status: prm.status,
                code: prm.code as c_int,
                reason: reason.as_ptr(),
                rdata: SipRxDataC {
                    info: info.as_ptr(),
                    whole_msg: msg.as_ptr(),
                    src_address: src.as_ptr(),
                },
                expiration: prm.expiration,
            };
            // SAFETY: a callback of the application's; the strings outlive the call.
            unsafe { f(self.user_data as *mut c_void, &p) };
        }
    }

    fn on_incoming_call(&self, prm: &OnIncomingCallParam) {
        if let Some(f) = self.cb.on_incoming_call {
            let rx = RxStrings::new(&prm.rdata);
            let p = OnIncomingCallParamC {
                call_id: prm.call.id,
                rdata: rx.c(),
            };
            // SAFETY: a callback of the application's; the strings outlive the call.
            unsafe { f(self.user_data as *mut c_void, &p) };
        }
    }
}

/// What an account handle names. The endpoint is held weakly: destroying the endpoint
/// frees it, and the account handles left then report PJSUA2RS_ERR_SIP_SHUTDOWN.
pub(super) struct AccountRef {
    ep: Weak<Endpoint>,
    /// The account id.
    pub id: AccountId,
}

impl AccountRef {
    /// The account's endpoint, unless it was destroyed.
    pub fn endpoint(&self) -> Result<Arc<Endpoint>> {
        self.ep.upgrade().ok_or_else(|| {
            Error::new(
                PJSUA2RS_ERR_SIP_SHUTDOWN,
                "",
                "the account's endpoint was destroyed",
            )
        })
    }
}

fn accounts() -> &'static Registry<AccountRef> {
    static REGISTRY: OnceLock<Registry<AccountRef>> = OnceLock::new();
    REGISTRY.get_or_init(|| Registry::new(HandleKind::Account))
}

fn account(acc: pjsua2rs_account) -> Result<Arc<AccountRef>> {
    accounts().get(acc)
}

/// The account a handle names (for the call objects made from it).
pub(super) fn account_ref(acc: pjsua2rs_account) -> Result<Arc<AccountRef>> {
    account(acc)
}

/// Reads the application's callback table (NULL: no callbacks; an older, smaller table
/// is fine).
///
/// # Safety
/// `cb` is NULL or points to `struct_size` readable bytes of the table.
unsafe fn read_callbacks(cb: *const AccountCallbacks) -> Result<AccountCallbacks> {
    if cb.is_null() {
        return Ok(AccountCallbacks::default());
    }
    read_versioned(cb, "cb")
}

/// PJSUA2's `Account::create`: adds an account to endpoint `ep` with `*cfg` (initialise
/// it with `pjsua2rs_account_config_default`; read during the call only) and writes its
/// handle to `*out`. `cb` (may be NULL: no callbacks) is copied; its functions are called
/// with `user_data`, which must stay valid until the account is shut down or the endpoint
/// destroyed. With a registrar and `reg_config.register_on_add`, registration starts at
/// once. The first account, or one with `make_default`, becomes the default. A wrong
/// field is an error naming it (see `pjsua2rs_last_error`).
#[no_mangle]
pub extern "C" fn pjsua2rs_account_create(
    ep: pjsua2rs_endpoint,
    cfg: *const AccountConfig,
    make_default: bool,
    cb: *const AccountCallbacks,
    user_data: *mut c_void,
    out: *mut pjsua2rs_account,
) -> pjsua2rs_status {
    ffi_call("pjsua2rs_account_create()", || {
        let ep = endpoint(ep)?;
        if out.is_null() {
            return Err(null_arg("out"));
        }
        // SAFETY: the caller promises NULL or a config struct.
        let cfg: AccountConfig = unsafe { read_versioned(cfg, "cfg")? };
        // SAFETY: the caller promises NULL or a callback table.
        let callbacks = unsafe { read_callbacks(cb)? };
        let handler = Arc::new(CHandler {
            cb: callbacks,
            user_data: user_data as usize,
        });
        let id = ep.account_create(&cfg, make_default, handler)?;
        let handle = accounts().insert(Arc::new(AccountRef {
            ep: Arc::downgrade(&ep),
            id,
        }));
        write_out(out, handle, "out")
    })
}

/// PJSUA2's `Account::getId`: the account's number (small, as PJSUA2's).
#[no_mangle]
pub extern "C" fn pjsua2rs_account_get_id(
    acc: pjsua2rs_account,
    out: *mut c_int,
) -> pjsua2rs_status {
    ffi_call("pjsua2rs_account_get_id()", || {
        write_out(out, account(acc)?.id, "out")
    })
}

/// PJSUA2's `Account::modify`: replaces the account's config (read during the call). A new
/// registrar, identity or proxy list re-registers, removing the old binding first.
#[no_mangle]
pub extern "C" fn pjsua2rs_account_modify(
    acc: pjsua2rs_account,
    cfg: *const AccountConfig,
) -> pjsua2rs_status {
    ffi_call("pjsua2rs_account_modify()", || {
        let a = account(acc)?;
        // SAFETY: the caller promises NULL or a config struct.
        let cfg: AccountConfig = unsafe { read_versioned(cfg, "cfg")? };
        a.endpoint()?.account_modify(a.id, &cfg)
    })
}

/// PJSUA2's `Account::shutdown`: removes the account and invalidates the handle (also
/// after the endpoint was destroyed: it frees the handle). No callback of it starts
/// afterwards, and none is running when this returns (unless called from one of them); a
/// binding in place is removed in the background (bounded by
/// `reg_config.unreg_wait_msec`).
#[no_mangle]
pub extern "C" fn pjsua2rs_account_shutdown(acc: pjsua2rs_account) -> pjsua2rs_status {
    ffi_call("pjsua2rs_account_shutdown()", || {
        let a = accounts().remove(acc)?;
        match a.ep.upgrade() {
            Some(ep) => ep.account_shutdown(a.id),
            None => Ok(()),
        }
    })
}

/// PJSUA2's `Account::isValid`: writes whether the account exists (false once its
/// endpoint was destroyed); a shut-down account's handle is PJSUA2RS_ERR_INVALID_HANDLE.
#[no_mangle]
pub extern "C" fn pjsua2rs_account_is_valid(
    acc: pjsua2rs_account,
    out: *mut bool,
) -> pjsua2rs_status {
    ffi_call("pjsua2rs_account_is_valid()", || {
        let a = account(acc)?;
        let valid = a.ep.upgrade().is_some_and(|ep| ep.account_is_valid(a.id));
        write_out(out, valid, "out")
    })
}

/// PJSUA2's `Account::setRegistration`: registers (or refreshes) now when `renew`, else
/// removes the binding. The outcome comes to `on_reg_state`.
#[no_mangle]
pub extern "C" fn pjsua2rs_account_set_registration(
    acc: pjsua2rs_account,
    renew: bool,
) -> pjsua2rs_status {
    ffi_call("pjsua2rs_account_set_registration()", || {
        let a = account(acc)?;
        a.endpoint()?.account_set_registration(a.id, renew)
    })
}

/// PJSUA2's `Account::setDefault`.
#[no_mangle]
pub extern "C" fn pjsua2rs_account_set_default(acc: pjsua2rs_account) -> pjsua2rs_status {
    ffi_call("pjsua2rs_account_set_default()", || {
        let a = account(acc)?;
        a.endpoint()?.account_set_default(a.id)
    })
}

/// PJSUA2's `Account::setTransport`: pins the account to transport `transport_id` (-1:
/// any); takes effect with its next request.
#[no_mangle]
pub extern "C" fn pjsua2rs_account_set_transport(
    acc: pjsua2rs_account,
    transport_id: c_int,
) -> pjsua2rs_status {
    ffi_call("pjsua2rs_account_set_transport()", || {
        let a = account(acc)?;
        a.endpoint()?.account_set_transport(a.id, transport_id)
    })
}

/// PJSUA2's `Account::getInfo`: writes the account's details to `*out`.
#[no_mangle]
pub extern "C" fn pjsua2rs_account_get_info(
    acc: pjsua2rs_account,
    out: *mut AccountInfoC,
) -> pjsua2rs_status {
    ffi_call("pjsua2rs_account_get_info()", || {
        let a = account(acc)?;
        let i = a.endpoint()?.account_get_info(a.id)?;
        let mut info = AccountInfoC {
            id: i.id,
            is_default: i.is_default,
            uri: [0; 512],
            reg_is_configured: i.reg_is_configured,
            reg_is_active: i.reg_is_active,
            reg_expires_sec: i.reg_expires_sec,
            reg_status: i.reg_status as c_int,
            reg_status_text: [0; 256],
            reg_last_err: i.reg_last_err,
            online_status: i.online_status,
            online_status_text: [0; 128],
        };
        info.uri.set_truncated(&i.uri);
        info.reg_status_text.set_truncated(&i.reg_status_text);
        info.online_status_text.set_truncated(&i.online_status_text);
        write_out(out, info, "out")
    })
}
