//! The C callbacks of calls (PJSUA2's `Call` virtual methods): the table the application
//! fills, the param structs each callback gets, and the handler that calls them.

use super::account::SipRxDataC;
use super::call_types::{call_info, CallInfoC};
use super::config::write_default_versioned;
use super::versioned::Versioned;
use crate::ua::account::SipRxData;
use crate::ua::call::*;
use crate::ua::fixed_str::FixedStr;
use crate::ua::status::pjsua2rs_status;
use std::ffi::CString;
use std::os::raw::{c_char, c_int, c_void};

/// A handle to a call object. 0 is never a valid handle.
#[allow(non_camel_case_types)]
pub type pjsua2rs_call = u64;

pub(super) fn cstr(s: &str) -> CString {
    CString::new(s.replace('\0', " ")).unwrap_or_default()
}

/// The C strings of a SipRxData, kept alive while a callback runs.
pub(super) struct RxStrings(CString, CString, CString);

impl RxStrings {
    pub fn new(r: &SipRxData) -> Self {
        RxStrings(cstr(&r.info), cstr(&r.whole_msg), cstr(&r.src_address))
    }
    pub fn c(&self) -> SipRxDataC {
        SipRxDataC {
            info: self.0.as_ptr(),
            whole_msg: self.1.as_ptr(),
            src_address: self.2.as_ptr(),
        }
    }
}

/// PJSUA2's `OnCallStateParam` (also given to `on_call_media_state`): the call's info
/// as of the event. Valid during the callback only.
#[repr(C)]
pub struct OnCallStateParamC {
    /// The call's info at the time of the change.
    pub info: *const CallInfoC,
}

/// PJSUA2's `OnCallTsxStateParam`, flattened: a transaction of the call changed state.
#[repr(C)]
pub struct OnCallTsxStateParamC {
    /// The request method.
    pub method: *const c_char,
    /// PJSUA2RS_ROLE_UAC: our request; PJSUA2RS_ROLE_UAS: the peer's.
    pub role: c_int,
    /// PJSUA2RS_TSX_STATE_TRYING (a request arrived) or _COMPLETED (a final response).
    pub state: c_int,
    /// The status (0 for a request).
    pub status_code: c_int,
    /// Its reason.
    pub status_text: *const c_char,
    /// The message received.
    pub rdata: SipRxDataC,
}

/// PJSUA2's `OnDtmfDigitParam`.
#[repr(C)]
pub struct OnDtmfDigitParamC {
    /// PJSUA2RS_DTMF_METHOD_*.
    pub method: c_int,
    /// The digit ("0"-"9", "*", "#", "A"-"D").
    pub digit: *const c_char,
    /// Its duration in milliseconds.
    pub duration: u32,
}

/// PJSUA2's `OnCallTransferRequestParam`: the peer asks to transfer the call. The
/// callback may change `dst_uri` and `status_code` (202 accepts; 4xx-6xx refuses) and set
/// `new_call` to a call object made with `pjsua2rs_call_create(acc, -1, ...)`, which then
/// gets the new call's callbacks.
#[repr(C)]
pub struct OnCallTransferRequestParamC {
    /// The Refer-To target (in/out).
    pub dst_uri: [c_char; 512],
    /// The answer (in: 202).
    pub status_code: c_int,
    /// The call object for the new call (out; 0 for none).
    pub new_call: pjsua2rs_call,
}

/// PJSUA2's `OnCallTransferStatusParam`: progress of our transfer.
#[repr(C)]
pub struct OnCallTransferStatusParamC {
    /// The status of the transferred call.
    pub status_code: c_int,
    /// Its reason.
    pub reason: *const c_char,
    /// Whether this is the last report.
    pub final_notify: bool,
    /// Whether to keep receiving reports (in/out); false stops them at once, even ones
    /// already queued.
    pub cont: bool,
}

/// PJSUA2's `OnCallReplaceRequestParam`: an INVITE wants to replace this call. The
/// callback may set `status_code` (200 accepts) and `reason`, and `new_call` to a call
/// object made with `pjsua2rs_call_create(acc, -1, ...)` for the new call.
#[repr(C)]
pub struct OnCallReplaceRequestParamC {
    /// The INVITE.
    pub rdata: SipRxDataC,
    /// The answer (in: 200).
    pub status_code: c_int,
    /// The reason for a refusal (in/out).
    pub reason: [c_char; 256],
    /// The call object for the new call (out; 0 for none).
    pub new_call: pjsua2rs_call,
}

/// PJSUA2's `OnCallReplacedParam`.
#[repr(C)]
pub struct OnCallReplacedParamC {
    /// The new call's id.
    pub new_call_id: c_int,
}

/// PJSUA2's `OnCallRedirectedParam`.
#[repr(C)]
pub struct OnCallRedirectedParamC {
    /// The target to decide on.
    pub target_uri: *const c_char,
    /// The 3xx.
    pub rdata: SipRxDataC,
}

/// PJSUA2's `OnCallRxOfferParam` / `OnCallRxReinviteParam`.
#[repr(C)]
pub struct OnCallRxOfferParamC {
    /// The offered SDP.
    pub offer: *const c_char,
    /// Whether it came in a re-INVITE.
    pub reinvite: bool,
}

/// PJSUA2's `OnInstantMessageParam`.
#[repr(C)]
pub struct OnInstantMessageParamC {
    /// From.
    pub from_uri: *const c_char,
    /// To.
    pub to_uri: *const c_char,
    /// The sender's Contact.
    pub contact_uri: *const c_char,
    /// The body's content type.
    pub content_type: *const c_char,
    /// The body.
    pub msg_body: *const c_char,
    /// The request.
    pub rdata: SipRxDataC,
}

/// PJSUA2's `OnInstantMessageStatusParam`.
#[repr(C)]
pub struct OnInstantMessageStatusParamC {
    /// The To URI.
    pub to_uri: *const c_char,
    /// The body sent.
    pub msg_body: *const c_char,
    /// The final status.
    pub code: c_int,
    /// Its reason.
    pub reason: *const c_char,
    /// The response, if one came.
    pub rdata: SipRxDataC,
}

/// PJSUA2's `OnTypingIndicationParam`.
#[repr(C)]
pub struct OnTypingIndicationParamC {
    /// From.
    pub from_uri: *const c_char,
    /// To.
    pub to_uri: *const c_char,
    /// The sender's Contact.
    pub contact_uri: *const c_char,
    /// Whether the peer is typing.
    pub is_typing: bool,
    /// The request.
    pub rdata: SipRxDataC,
}

/// A call callback taking a const param.
pub type OnCallStateFn =
    Option<unsafe extern "C" fn(user_data: *mut c_void, prm: *const OnCallStateParamC)>;
/// `on_call_tsx_state`.
pub type OnCallTsxStateFn =
    Option<unsafe extern "C" fn(user_data: *mut c_void, prm: *const OnCallTsxStateParamC)>;
/// `on_dtmf_digit`.
pub type OnDtmfDigitFn =
    Option<unsafe extern "C" fn(user_data: *mut c_void, prm: *const OnDtmfDigitParamC)>;
/// `on_call_transfer_request` (the param is in/out).
pub type OnCallTransferRequestFn =
    Option<unsafe extern "C" fn(user_data: *mut c_void, prm: *mut OnCallTransferRequestParamC)>;
/// `on_call_transfer_status` (the param is in/out).
pub type OnCallTransferStatusFn =
    Option<unsafe extern "C" fn(user_data: *mut c_void, prm: *mut OnCallTransferStatusParamC)>;
/// `on_call_replace_request` (the param is in/out).
pub type OnCallReplaceRequestFn =
    Option<unsafe extern "C" fn(user_data: *mut c_void, prm: *mut OnCallReplaceRequestParamC)>;
/// `on_call_replaced`.
pub type OnCallReplacedFn =
    Option<unsafe extern "C" fn(user_data: *mut c_void, prm: *const OnCallReplacedParamC)>;
/// `on_call_redirected`: returns a PJSUA2RS_REDIRECT_* decision.
pub type OnCallRedirectedFn = Option<
    unsafe extern "C" fn(user_data: *mut c_void, prm: *const OnCallRedirectedParamC) -> c_int,
>;
/// `on_call_rx_offer`.
pub type OnCallRxOfferFn =
    Option<unsafe extern "C" fn(user_data: *mut c_void, prm: *const OnCallRxOfferParamC)>;
/// `on_instant_message`.
pub type OnInstantMessageFn =
    Option<unsafe extern "C" fn(user_data: *mut c_void, prm: *const OnInstantMessageParamC)>;
/// `on_instant_message_status`.
pub type OnInstantMessageStatusFn =
    Option<unsafe extern "C" fn(user_data: *mut c_void, prm: *const OnInstantMessageStatusParamC)>;
/// `on_typing_indication`.
pub type OnTypingIndicationFn =
    Option<unsafe extern "C" fn(user_data: *mut c_void, prm: *const OnTypingIndicationParamC)>;

/// The callbacks of a call; NULL members are not called. Each gets the `user_data` given
/// to `pjsua2rs_call_create` and a param struct valid during the call. They run on the
/// library's callback thread (or in `pjsua2rs_endpoint_handle_events` in poll mode), one
/// at a time, never while the library holds a lock. Set `struct_size` with
/// `pjsua2rs_call_callbacks_default` (members are only ever appended).
#[repr(C)]
#[derive(Clone, Copy, Default)]
pub struct CallCallbacks {
    /// `sizeof(pjsua2rs_call_callbacks)` as the program was compiled.
    pub struct_size: u32,
    /// The state changed (PJSUA2 `onCallState`); after DISCONNECTED no callback comes.
    pub on_call_state: OnCallStateFn,
    /// A transaction changed state (`onCallTsxState`).
    pub on_call_tsx_state: OnCallTsxStateFn,
    /// The media changed (`onCallMediaState`).
    pub on_call_media_state: OnCallStateFn,
    /// A DTMF digit arrived (`onDtmfDigit`).
    pub on_dtmf_digit: OnDtmfDigitFn,
    /// The peer asks to transfer the call (`onCallTransferRequest`).
    pub on_call_transfer_request: OnCallTransferRequestFn,
    /// Progress of our transfer (`onCallTransferStatus`).
    pub on_call_transfer_status: OnCallTransferStatusFn,
    /// An INVITE wants to replace the call (`onCallReplaceRequest`).
    pub on_call_replace_request: OnCallReplaceRequestFn,
    /// The call was replaced (`onCallReplaced`).
    pub on_call_replaced: OnCallReplacedFn,
    /// The call was redirected (`onCallRedirected`); NULL means PJSUA2RS_REDIRECT_STOP.
    pub on_call_redirected: OnCallRedirectedFn,
    /// An offer arrived (`onCallRxOffer`, `onCallRxReinvite`).
    pub on_call_rx_offer: OnCallRxOfferFn,
    /// A MESSAGE arrived in the call (`onInstantMessage`).
    pub on_instant_message: OnInstantMessageFn,
    /// The outcome of our MESSAGE (`onInstantMessageStatus`).
    pub on_instant_message_status: OnInstantMessageStatusFn,
    /// The peer is typing or stopped (`onTypingIndication`).
    pub on_typing_indication: OnTypingIndicationFn,
}

// SAFETY: repr(C), starts with `struct_size: u32`, plain data (function pointers).
unsafe impl Versioned for CallCallbacks {
    const C_NAME: &'static str = "call_callbacks";
}

/// Fills `*out` with an empty callback table (every member NULL) and stamps
/// `struct_size` with `size` (`sizeof *out`). PJSUA2RS_ERR_INVALID_ARG for NULL or a wrong
/// size. Thread-safe.
#[no_mangle]
pub extern "C" fn pjsua2rs_call_callbacks_default(
    out: *mut CallCallbacks,
    size: usize,
) -> pjsua2rs_status {
    write_default_versioned(out, size, "pjsua2rs_call_callbacks_default()")
}

/// Turns a call handle the application wrote into a callback's `new_call` into the call
/// object the library binds (None for 0 or a handle that is not an unbound call).
pub(super) type NewCallLookup = fn(pjsua2rs_call) -> Option<PendingCall>;

/// Calls the application's C callbacks.
pub(super) struct CCallHandler {
    pub cb: CallCallbacks,
    pub user_data: usize,
    pub new_call: NewCallLookup,
}

// SAFETY: the application promises its callbacks may be called from the library's
// callback thread with its user_data (documented on pjsua2rs_call_create).
unsafe impl Send for CCallHandler {}
// SAFETY: as above; the library never calls two callbacks at once.
unsafe impl Sync for CCallHandler {}

impl CCallHandler {
    fn ud(&self) -> *mut c_void {
        self.user_data as *mut c_void
    }
}

impl CallHandler for CCallHandler {
    fn on_call_state(&self, prm: &OnCallStateParam) {
        if let Some(f) = self.cb.on_call_state {
            let info = call_info(&prm.info);
            // SAFETY: the application's callback; `info` outlives the call.
            unsafe { f(self.ud(), &OnCallStateParamC { info: &info }) };
        }
    }

    fn on_call_tsx_state(&self, prm: &OnCallTsxStateParam) {
        if let Some(f) = self.cb.on_call_tsx_state {
            let (method, text, rx) = (
                cstr(&prm.method),
                cstr(&prm.status_text),
                RxStrings::new(&prm.rdata),
            );
            let p = OnCallTsxStateParamC {
                method: method.as_ptr(),
                role: prm.role,
                state: prm.state,
                status_code: prm.status_code as c_int,
                status_text: text.as_ptr(),
                rdata: rx.c(),
            };
            // SAFETY: as above.
            unsafe { f(self.ud(), &p) };
        }
    }

    fn on_call_media_state(&self, prm: &OnCallStateParam) {
        if let Some(f) = self.cb.on_call_media_state {
            let info = call_info(&prm.info);
            // SAFETY: as above.
            unsafe { f(self.ud(), &OnCallStateParamC { info: &info }) };
        }
    }

    fn on_dtmf_digit(&self, prm: &OnDtmfDigitParam) {
        if let Some(f) = self.cb.on_dtmf_digit {
            let digit = cstr(&prm.digit);
            // SAFETY: as above.
            unsafe {
                f(
                    self.ud(),
                    &OnDtmfDigitParamC {
                        method: prm.method,
                        digit: digit.as_ptr(),
                        duration: prm.duration,
                    },
                )
            };
        }
    }

    fn on_call_transfer_request(&self, prm: &mut OnCallTransferRequestParam) {
        if let Some(f) = self.cb.on_call_transfer_request {
            let mut p = OnCallTransferRequestParamC {
                dst_uri: [0; 512],
                status_code: prm.status_code as c_int,
                new_call: 0,
            };
            p.dst_uri.set_truncated(&prm.dst_uri);
            // SAFETY: as above; `p` is ours.
            unsafe { f(self.ud(), &mut p) };
            if let Ok(uri) = p.dst_uri.get_str("dst_uri") {
                prm.dst_uri = uri.to_string();
            }
            prm.status_code = status_of(p.status_code, 202);
            prm.new_call = (self.new_call)(p.new_call);
        }
    }

    fn on_call_transfer_status(&self, prm: &mut OnCallTransferStatusParam) {
        if let Some(f) = self.cb.on_call_transfer_status {
            let reason = cstr(&prm.reason);
            let mut p = OnCallTransferStatusParamC {
                status_code: prm.status_code as c_int,
                reason: reason.as_ptr(),
                final_notify: prm.final_notify,
                cont: prm.cont,
            };
            // SAFETY: as above.
            unsafe { f(self.ud(), &mut p) };
            prm.cont = p.cont;
        }
    }

    fn on_call_replace_request(&self, prm: &mut OnCallReplaceRequestParam) {
        if let Some(f) = self.cb.on_call_replace_request {
            let rx = RxStrings::new(&prm.rdata);
            let mut p = OnCallReplaceRequestParamC {
                rdata: rx.c(),
                status_code: prm.status_code as c_int,
                reason: [0; 256],
                new_call: 0,
            };
            p.reason.set_truncated(&prm.reason);
            // SAFETY: as above.
            unsafe { f(self.ud(), &mut p) };
            prm.status_code = status_of(p.status_code, 200);
            prm.reason = p.reason.get_str("reason").unwrap_or_default().to_string();
            prm.new_call = (self.new_call)(p.new_call);
        }
    }

    fn on_call_replaced(&self, prm: &OnCallReplacedParam) {
        if let Some(f) = self.cb.on_call_replaced {
            // SAFETY: as above.
            unsafe {
                f(
                    self.ud(),
                    &OnCallReplacedParamC {
                        new_call_id: prm.new_call.id,
                    },
                )
            };
        }
    }

    fn on_call_redirected(&self, prm: &OnCallRedirectedParam) -> i32 {
        match self.cb.on_call_redirected {
            Some(f) => {
                let (target, rx) = (cstr(&prm.target_uri), RxStrings::new(&prm.rdata));
                // SAFETY: as above.
                unsafe {
                    f(
                        self.ud(),
                        &OnCallRedirectedParamC {
                            target_uri: target.as_ptr(),
                            rdata: rx.c(),
                        },
                    )
                }
            }
            None => PJSUA2RS_REDIRECT_STOP,
        }
    }

    fn on_call_rx_offer(&self, prm: &OnCallRxOfferParam) {
        if let Some(f) = self.cb.on_call_rx_offer {
            let offer = cstr(&prm.offer);
            // SAFETY: as above.
            unsafe {
                f(
                    self.ud(),
                    &OnCallRxOfferParamC {
                        offer: offer.as_ptr(),
                        reinvite: prm.reinvite,
                    },
                )
            };
        }
    }

    fn on_instant_message(&self, prm: &OnInstantMessageParam) {
        if let Some(f) = self.cb.on_instant_message {
            let s = [
                &prm.from_uri,
                &prm.to_uri,
                &prm.contact_uri,
                &prm.content_type,
                &prm.msg_body,
            ]
            .map(|v| cstr(v));
            let rx = RxStrings::new(&prm.rdata);
            let p = OnInstantMessageParamC {
                from_uri: s[0].as_ptr(),
                to_uri: s[1].as_ptr(),
                contact_uri: s[2].as_ptr(),
                content_type: s[3].as_ptr(),
                msg_body: s[4].as_ptr(),
                rdata: rx.c(),
            };
            // SAFETY: as above.
            unsafe { f(self.ud(), &p) };
        }
    }

    fn on_instant_message_status(&self, prm: &OnInstantMessageStatusParam) {
        if let Some(f) = self.cb.on_instant_message_status {
            let s = [&prm.to_uri, &prm.msg_body, &prm.reason].map(|v| cstr(v));
            let rx = RxStrings::new(&prm.rdata);
            let p = OnInstantMessageStatusParamC {
                to_uri: s[0].as_ptr(),
                msg_body: s[1].as_ptr(),
                code: prm.code as c_int,
                reason: s[2].as_ptr(),
                rdata: rx.c(),
            };
            // SAFETY: as above.
            unsafe { f(self.ud(), &p) };
        }
    }

    fn on_typing_indication(&self, prm: &OnTypingIndicationParam) {
        if let Some(f) = self.cb.on_typing_indication {
            let s = [&prm.from_uri, &prm.to_uri, &prm.contact_uri].map(|v| cstr(v));
            let rx = RxStrings::new(&prm.rdata);
            let p = OnTypingIndicationParamC {
                from_uri: s[0].as_ptr(),
                to_uri: s[1].as_ptr(),
                contact_uri: s[2].as_ptr(),
                is_typing: prm.is_typing,
                rdata: rx.c(),
            };
            // SAFETY: as above.
            unsafe { f(self.ud(), &p) };
        }
    }
}

/// A status the application wrote: a valid SIP final status, else `default`.
fn status_of(code: c_int, default: u16) -> u16 {
    if (100..700).contains(&code) {
        code as u16
    } else {
        default
    }
}
