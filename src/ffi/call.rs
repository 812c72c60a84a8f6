//! The C ABI of calls (PJSUA2's `Call`): call objects with a callback table, making,
//! answering and ending calls, hold, re-INVITE and UPDATE, transfer, redirection, DTMF,
//! messages and other requests, info.

use super::account::{account_ref, pjsua2rs_account};
use super::boundary::ffi_call;
use super::call_events::{pjsua2rs_call, CCallHandler, CallCallbacks};
use super::call_types::{
    call_info, call_op_param, tx_option, CallInfoC, CallOpParamC, SipTxOptionC,
};
use super::endpoint::{endpoint, null_arg, pjsua2rs_endpoint, write_out};
use super::handle::{HandleKind, Registry};
use super::strings::arg_str;
use super::versioned::read_versioned;
use crate::ua::account::AccountId;
use crate::ua::call::{CallHandler, CallKey, CallOpParam, PendingCall, TxOption};
use crate::ua::endpoint::CallSendDtmfParam;
use crate::ua::status::{pjsua2rs_status, PJSUA2RS_ERR_INVALID_OP, PJSUA2RS_ERR_SIP_SHUTDOWN};
use crate::ua::{Endpoint, Error, Result};
use std::os::raw::{c_char, c_int, c_void};
use std::sync::{Arc, Mutex, OnceLock, Weak};

/// What a call handle names: a call object of an account, bound to a call once it makes
/// one or takes an incoming one.
struct CallRef {
    ep: Weak<Endpoint>,
    acc: AccountId,
    handler: Arc<dyn CallHandler>,
    key: Arc<OnceLock<CallKey>>,
    /// Held while `pjsua2rs_call_make` runs. The new call's first callbacks may run on
    /// the callback thread before the make returns; an operation they start on this
    /// object (`get_id`, `get_info`...) waits here for the key instead of failing.
    making: Mutex<()>,
}

impl CallRef {
    fn endpoint(&self) -> Result<Arc<Endpoint>> {
        self.ep.upgrade().ok_or_else(|| {
            Error::new(
                PJSUA2RS_ERR_SIP_SHUTDOWN,
                "",
                "the call's endpoint was destroyed",
            )
        })
    }

    /// The key of the object's call, if it has one (waiting for a make in progress).
    fn bound_key(&self) -> Option<CallKey> {
        if let Some(k) = self.key.get() {
            return Some(*k);
        }
        // A make in progress holds the lock until the key is set. The lock guards no
        // data, so a poisoned one is as good as a clean one.
        let _made = self.making.lock().unwrap_or_else(|e| e.into_inner());
        self.key.get().copied()
    }

    fn key(&self) -> Result<CallKey> {
        self.bound_key().ok_or_else(|| {
            Error::new(
                PJSUA2RS_ERR_INVALID_OP,
                "",
                "the call object has no call yet (makeCall first)",
            )
        })
    }

    /// The endpoint and the call, for an operation.
    fn target(&self) -> Result<(Arc<Endpoint>, CallKey)> {
        Ok((self.endpoint()?, self.key()?))
    }
}

fn calls() -> &'static Registry<CallRef> {
    static REGISTRY: OnceLock<Registry<CallRef>> = OnceLock::new();
    REGISTRY.get_or_init(|| Registry::new(HandleKind::Call))
}

fn call(c: pjsua2rs_call) -> Result<Arc<CallRef>> {
    calls().get(c)
}

/// The endpoint and call key a call handle names, for an operation on the call.
pub(super) fn call_target(c: pjsua2rs_call) -> Result<(Arc<Endpoint>, CallKey)> {
    call(c)?.target()
}

/// The unbound call object a callback handed over as `new_call`.
fn pending(handle: pjsua2rs_call) -> Option<PendingCall> {
    let c = calls().get(handle).ok()?;
    if c.key.get().is_some() {
        return None;
    }
    Some(PendingCall {
        handler: c.handler.clone(),
        key: c.key.clone(),
    })
}

/// PJSUA2's `Call(acc, call_id)`: a call object of account `acc` whose callbacks `cb` (may
/// be NULL; copied) are called with `user_data` (valid until the object is destroyed or
/// its call disconnected). `call_id` -1 makes an object for `pjsua2rs_call_make` (or for
/// a callback's `new_call`); a call id (inside `on_incoming_call`) takes that incoming
/// call. Writes the handle to `*out`.
#[no_mangle]
pub extern "C" fn pjsua2rs_call_create(
    acc: pjsua2rs_account,
    call_id: c_int,
    cb: *const CallCallbacks,
    user_data: *mut c_void,
    out: *mut pjsua2rs_call,
) -> pjsua2rs_status {
    ffi_call("pjsua2rs_call_create()", || {
        let a = account_ref(acc)?;
        if out.is_null() {
            return Err(null_arg("out"));
        }
        let callbacks = if cb.is_null() {
            CallCallbacks::default()
        } else {
            // SAFETY: the caller promises a callback table.
            unsafe { read_versioned(cb, "cb")? }
        };
        let handler: Arc<dyn CallHandler> = Arc::new(CCallHandler {
            cb: callbacks,
            user_data: user_data as usize,
            new_call: pending,
        });
        let ep = a.endpoint()?;
        let key = Arc::new(OnceLock::new());
        if call_id >= 0 {
            let k = ep.call_bind(call_id, handler.clone())?;
            let _ = key.set(k);
        }
        let handle = calls().insert(Arc::new(CallRef {
            ep: Arc::downgrade(&ep),
            acc: a.id,
            handler,
            key,
            making: Mutex::new(()),
        }));
        write_out(out, handle, "out")
    })
}

/// PJSUA2's `delete call`: invalidates the handle; no callback of it starts afterwards
/// (none runs when this returns, unless called from one), and a call in progress is hung
/// up, as PJSUA2's destructor does. Safe inside the call's own callbacks.
#[no_mangle]
pub extern "C" fn pjsua2rs_call_destroy(c: pjsua2rs_call) -> pjsua2rs_status {
    ffi_call("pjsua2rs_call_destroy()", || {
        let c = calls().remove(c)?;
        match (c.ep.upgrade(), c.bound_key()) {
            (Some(ep), Some(key)) => ep.call_release(key),
            _ => Ok(()),
        }
    })
}

/// PJSUA2's `Call::makeCall`: calls `dst_uri` (a SIP URI; `?headers` become headers of
/// the INVITE) from the object's account with `*prm` (NULL: defaults). The object must not
/// have a call yet. With a callback thread, the call's first callbacks may start before
/// this returns; the object's functions called from them (`get_id`, `get_info`...) wait
/// until it has returned, so they see the new call.
#[no_mangle]
pub extern "C" fn pjsua2rs_call_make(
    c: pjsua2rs_call,
    dst_uri: *const c_char,
    prm: *const CallOpParamC,
) -> pjsua2rs_status {
    ffi_call("pjsua2rs_call_make()", || {
        let c = call(c)?;
        // SAFETY: the caller promises NUL-terminated strings and structs.
        let (dst, prm) = unsafe { (arg_str(dst_uri, "dst_uri")?, op_param(prm)?) };
        let _making = c.making.lock().unwrap_or_else(|e| e.into_inner());
        if c.key.get().is_some() {
            return Err(Error::new(
                PJSUA2RS_ERR_INVALID_OP,
                "",
                "the call object already has a call",
            ));
        }
        let key = c
            .endpoint()?
            .call_make(c.acc, dst, &prm, c.handler.clone())?;
        let _ = c.key.set(key);
        Ok(())
    })
}

/// Reads a CallOpParam (NULL: the defaults).
///
/// # Safety
/// `prm` is NULL or a struct initialised by `pjsua2rs_call_op_param_default`.
unsafe fn op_param(prm: *const CallOpParamC) -> Result<CallOpParam> {
    if prm.is_null() {
        return Ok(CallOpParam::default());
    }
    let p: CallOpParamC = read_versioned(prm, "prm")?;
    call_op_param(&p)
}

/// Reads a tx option (NULL: none).
///
/// # Safety
/// `tx` is NULL or a struct initialised by `pjsua2rs_sip_tx_option_default`.
unsafe fn tx_param(tx: *const SipTxOptionC) -> Result<TxOption> {
    if tx.is_null() {
        return Ok(TxOption::default());
    }
    let t: SipTxOptionC = read_versioned(tx, "tx_option")?;
    tx_option(&t, "tx_option")
}

/// Runs `op` on a call with a CallOpParam.
fn with_prm(
    title: &str,
    c: pjsua2rs_call,
    prm: *const CallOpParamC,
    op: impl FnOnce(&Endpoint, CallKey, &CallOpParam) -> Result<()>,
) -> pjsua2rs_status {
    ffi_call(title, || {
        let (ep, key) = call(c)?.target()?;
        // SAFETY: the caller promises NULL or an initialised struct.
        let prm = unsafe { op_param(prm)? };
        op(&ep, key, &prm)
    })
}

/// PJSUA2's `Call::answer`: `prm->status_code` 180 or 183 (with early media) or 200 (the
/// default), or 3xx-6xx to refuse the incoming call.
#[no_mangle]
pub extern "C" fn pjsua2rs_call_answer(
    c: pjsua2rs_call,
    prm: *const CallOpParamC,
) -> pjsua2rs_status {
    with_prm("pjsua2rs_call_answer()", c, prm, |ep, k, p| {
        ep.call_answer(k, p)
    })
}

/// PJSUA2's `Call::hangup`: CANCEL before an answer, BYE after, `prm->status_code` (603
/// by default) for an unanswered incoming call.
#[no_mangle]
pub extern "C" fn pjsua2rs_call_hangup(
    c: pjsua2rs_call,
    prm: *const CallOpParamC,
) -> pjsua2rs_status {
    with_prm("pjsua2rs_call_hangup()", c, prm, |ep, k, p| {
        ep.call_hangup(k, p)
    })
}

/// PJSUA2's `Call::setHold`: a re-INVITE with the media on hold (sendonly, or inactive if
/// the peer holds too).
#[no_mangle]
pub extern "C" fn pjsua2rs_call_set_hold(
    c: pjsua2rs_call,
    prm: *const CallOpParamC,
) -> pjsua2rs_status {
    with_prm("pjsua2rs_call_set_hold()", c, prm, |ep, k, p| {
        ep.call_set_hold(k, p)
    })
}

/// PJSUA2's `Call::reinvite`: a re-INVITE with a new offer (`opt.flag` PJSUA2RS_CALL_UNHOLD
/// resumes a held call; PJSUA2RS_CALL_NO_SDP_OFFER sends none).
#[no_mangle]
pub extern "C" fn pjsua2rs_call_reinvite(
    c: pjsua2rs_call,
    prm: *const CallOpParamC,
) -> pjsua2rs_status {
    with_prm("pjsua2rs_call_reinvite()", c, prm, |ep, k, p| {
        ep.call_reinvite(k, p)
    })
}

/// PJSUA2's `Call::update`: an UPDATE with a new offer (RFC 3311).
#[no_mangle]
pub extern "C" fn pjsua2rs_call_update(
    c: pjsua2rs_call,
    prm: *const CallOpParamC,
) -> pjsua2rs_status {
    with_prm("pjsua2rs_call_update()", c, prm, |ep, k, p| {
        ep.call_update(k, p)
    })
}

/// PJSUA2's `Call::xfer`: asks the peer to call `dest` (REFER); progress comes to
/// `on_call_transfer_status`. A `Refer-Sub: false` header in `prm->tx_option` asks for no
/// NOTIFYs (RFC 4488).
#[no_mangle]
pub extern "C" fn pjsua2rs_call_xfer(
    c: pjsua2rs_call,
    dest: *const c_char,
    prm: *const CallOpParamC,
) -> pjsua2rs_status {
    ffi_call("pjsua2rs_call_xfer()", || {
        let (ep, key) = call(c)?.target()?;
        // SAFETY: the caller promises a NUL-terminated string and NULL or a struct.
        let (dest, prm) = unsafe { (arg_str(dest, "dest")?, op_param(prm)?) };
        ep.call_xfer(key, dest, &prm)
    })
}

/// PJSUA2's `Call::xferReplaces`: attended transfer: asks this call's peer to call
/// `dest_call`'s peer, replacing `dest_call` (`prm->options`
/// PJSUA2RS_XFER_NO_REQUIRE_REPLACES leaves out Require: replaces).
#[no_mangle]
pub extern "C" fn pjsua2rs_call_xfer_replaces(
    c: pjsua2rs_call,
    dest_call: pjsua2rs_call,
    prm: *const CallOpParamC,
) -> pjsua2rs_status {
    ffi_call("pjsua2rs_call_xfer_replaces()", || {
        let (ep, key) = call(c)?.target()?;
        let other = call(dest_call)?.key()?;
        // SAFETY: the caller promises NULL or an initialised struct.
        let prm = unsafe { op_param(prm)? };
        ep.call_xfer_replaces(key, other, &prm)
    })
}

/// PJSUA2's `Call::processRedirect`: the decision (PJSUA2RS_REDIRECT_*) on a redirection
/// `on_call_redirected` left PENDING.
#[no_mangle]
pub extern "C" fn pjsua2rs_call_process_redirect(c: pjsua2rs_call, cmd: c_int) -> pjsua2rs_status {
    ffi_call("pjsua2rs_call_process_redirect()", || {
        let (ep, key) = call(c)?.target()?;
        ep.call_process_redirect(key, cmd)
    })
}

/// PJSUA2's `Call::sendDtmf`: `digits` (0-9, *, #, A-D) with `method`
/// (PJSUA2RS_DTMF_METHOD_SIP_INFO: one INFO each; RFC2833 needs the call's audio stream)
/// and `duration_ms` per digit (0: 160).
#[no_mangle]
pub extern "C" fn pjsua2rs_call_send_dtmf(
    c: pjsua2rs_call,
    method: c_int,
    digits: *const c_char,
    duration_ms: u32,
) -> pjsua2rs_status {
    ffi_call("pjsua2rs_call_send_dtmf()", || {
        let (ep, key) = call(c)?.target()?;
        // SAFETY: the caller promises a NUL-terminated string.
        let digits = unsafe { arg_str(digits, "digits")? }.to_string();
        let duration = if duration_ms == 0 { 160 } else { duration_ms };
        ep.call_send_dtmf(
            key,
            &CallSendDtmfParam {
                method,
                duration,
                digits,
            },
        )
    })
}

/// PJSUA2's `Call::sendRequest`: a request of `method` (not INVITE, ACK, CANCEL, BYE or
/// PRACK, which the call sends itself) in the call's dialog, with `tx` (NULL: none).
#[no_mangle]
pub extern "C" fn pjsua2rs_call_send_request(
    c: pjsua2rs_call,
    method: *const c_char,
    tx: *const SipTxOptionC,
) -> pjsua2rs_status {
    ffi_call("pjsua2rs_call_send_request()", || {
        let (ep, key) = call(c)?.target()?;
        // SAFETY: the caller promises a NUL-terminated string and NULL or a struct.
        let (method, tx) = unsafe { (arg_str(method, "method")?, tx_param(tx)?) };
        if method.is_empty()
            || !method
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"-.!%*_+`'~".contains(&b))
        {
            return Err(Error::new(
                crate::ua::status::PJSUA2RS_ERR_INVALID_ARG,
                "",
                format!("'{method}' is not a SIP method"),
            ));
        }
        ep.call_send_request(key, method, &tx)
    })
}

/// PJSUA2's `Call::sendInstantMessage`: a MESSAGE with `content` of `content_type` (NULL
/// or "": text/plain) in the call's dialog; the outcome comes to
/// `on_instant_message_status`.
#[no_mangle]
pub extern "C" fn pjsua2rs_call_send_instant_message(
    c: pjsua2rs_call,
    content_type: *const c_char,
    content: *const c_char,
    tx: *const SipTxOptionC,
) -> pjsua2rs_status {
    ffi_call("pjsua2rs_call_send_instant_message()", || {
        let (ep, key) = call(c)?.target()?;
        // SAFETY: the caller promises NUL-terminated strings and NULL or a struct.
        let (ct, content, tx) = unsafe {
            (
                if content_type.is_null() {
                    ""
                } else {
                    arg_str(content_type, "content_type")?
                },
                arg_str(content, "content")?,
                tx_param(tx)?,
            )
        };
        ep.call_send_instant_message(key, ct, content, &tx)
    })
}

/// PJSUA2's `Call::sendTypingIndication` (an RFC 3994 isComposing MESSAGE).
#[no_mangle]
pub extern "C" fn pjsua2rs_call_send_typing_indication(
    c: pjsua2rs_call,
    is_typing: bool,
    tx: *const SipTxOptionC,
) -> pjsua2rs_status {
    ffi_call("pjsua2rs_call_send_typing_indication()", || {
        let (ep, key) = call(c)?.target()?;
        // SAFETY: the caller promises NULL or an initialised struct.
        let tx = unsafe { tx_param(tx)? };
        ep.call_send_typing_indication(key, is_typing, &tx)
    })
}

/// PJSUA2's `Call::getInfo`: writes the call's details to `*out`. After the call ended
/// this fails (PJSUA2RS_ERR_NOT_FOUND); `on_call_state` gets the last info.
#[no_mangle]
pub extern "C" fn pjsua2rs_call_get_info(c: pjsua2rs_call, out: *mut CallInfoC) -> pjsua2rs_status {
    ffi_call("pjsua2rs_call_get_info()", || {
        let (ep, key) = call(c)?.target()?;
        let info = ep.call_get_info(key)?;
        write_out(out, call_info(&info), "out")
    })
}

/// PJSUA2's `Call::getId`: the call id, -1 (PJSUA_INVALID_ID) before the object has a
/// call.
#[no_mangle]
pub extern "C" fn pjsua2rs_call_get_id(c: pjsua2rs_call, out: *mut c_int) -> pjsua2rs_status {
    ffi_call("pjsua2rs_call_get_id()", || {
        let c = call(c)?;
        write_out(out, c.bound_key().map(|k| k.id).unwrap_or(-1), "out")
    })
}

/// PJSUA2's `Call::isActive`: whether the object's call is in progress.
#[no_mangle]
pub extern "C" fn pjsua2rs_call_is_active(c: pjsua2rs_call, out: *mut bool) -> pjsua2rs_status {
    ffi_call("pjsua2rs_call_is_active()", || {
        let c = call(c)?;
        let active = match (c.ep.upgrade(), c.bound_key()) {
            (Some(ep), Some(k)) => ep.call_is_active(k),
            _ => false,
        };
        write_out(out, active, "out")
    })
}

/// PJSUA2's `Endpoint::hangupAllCalls`.
#[no_mangle]
pub extern "C" fn pjsua2rs_endpoint_hangup_all_calls(ep: pjsua2rs_endpoint) -> pjsua2rs_status {
    ffi_call("pjsua2rs_endpoint_hangup_all_calls()", || {
        endpoint(ep)?.hangup_all_calls()
    })
}
