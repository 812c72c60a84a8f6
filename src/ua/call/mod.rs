//! PJSUA2's Call: the calls of an account, their info, the operations the application
//! starts (make, answer, hang up, hold, re-INVITE, transfer, DTMF, requests) and the
//! callbacks it gets. The core keeps each call's INVITE session and media negotiation.

pub mod info;
pub mod media;

pub use info::{CallInfo, CallMediaInfo, TimeVal};

use crate::ua::account::SipRxData;
use std::sync::{Arc, OnceLock};

/// A call's number, as PJSUA2's `Call::getId()`: the lowest free one in 0..maxCalls.
pub type CallId = i32;

/// A call as the API names it: its PJSUA2 id (reused after the call ends) and a serial
/// that is never reused, so a late operation or event of an ended call never reaches the
/// next call with the same id.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct CallKey {
    /// The PJSUA2 call id.
    pub id: CallId,
    /// The serial (unique in the endpoint's life).
    pub serial: u64,
}

/// PJSIP_ROLE_UAC: we made the call.
pub const PJSUA2RS_ROLE_UAC: i32 = 0;
/// PJSIP_ROLE_UAS: we received the call.
pub const PJSUA2RS_ROLE_UAS: i32 = 1;

/// PJSUA_CALL_MEDIA_NONE.
pub const PJSUA2RS_CALL_MEDIA_NONE: i32 = 0;
/// PJSUA_CALL_MEDIA_ACTIVE.
pub const PJSUA2RS_CALL_MEDIA_ACTIVE: i32 = 1;
/// PJSUA_CALL_MEDIA_LOCAL_HOLD.
pub const PJSUA2RS_CALL_MEDIA_LOCAL_HOLD: i32 = 2;
/// PJSUA_CALL_MEDIA_REMOTE_HOLD.
pub const PJSUA2RS_CALL_MEDIA_REMOTE_HOLD: i32 = 3;
/// PJSUA_CALL_MEDIA_ERROR.
pub const PJSUA2RS_CALL_MEDIA_ERROR: i32 = 4;

pub use crate::ua::config::{
    PJSUA2RS_CALL_INCLUDE_DISABLED_MEDIA, PJSUA2RS_CALL_NO_SDP_OFFER, PJSUA2RS_CALL_UNHOLD,
};

/// PJSUA_XFER_NO_REQUIRE_REPLACES: `xferReplaces` without Require: replaces.
pub const PJSUA2RS_XFER_NO_REQUIRE_REPLACES: u32 = 1;

/// PJSUA_DTMF_METHOD_RFC2833: DTMF as RTP events (RFC 4733).
pub const PJSUA2RS_DTMF_METHOD_RFC2833: i32 = 0;
/// PJSUA_DTMF_METHOD_SIP_INFO: DTMF in INFO requests (application/dtmf-relay).
pub const PJSUA2RS_DTMF_METHOD_SIP_INFO: i32 = 1;

/// PJSIP_REDIRECT_REJECT: refuse the redirection.
pub const PJSUA2RS_REDIRECT_REJECT: i32 = 0;
/// PJSIP_REDIRECT_ACCEPT: call the target.
pub const PJSUA2RS_REDIRECT_ACCEPT: i32 = 1;
/// PJSIP_REDIRECT_ACCEPT_REPLACE: call the target, replacing the To URI.
pub const PJSUA2RS_REDIRECT_ACCEPT_REPLACE: i32 = 2;
/// PJSIP_REDIRECT_PENDING: decide later with `processRedirect`.
pub const PJSUA2RS_REDIRECT_PENDING: i32 = 3;
/// PJSIP_REDIRECT_STOP: stop (the default).
pub const PJSUA2RS_REDIRECT_STOP: i32 = 4;

/// A SIP header the application adds (PJSUA2's SipHeader in `SipTxOption`).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TxHeader {
    /// The name.
    pub name: String,
    /// The value.
    pub value: String,
}

/// What the application adds to a request or response (PJSUA2's `SipTxOption`).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TxOption {
    /// Extra headers.
    pub headers: Vec<TxHeader>,
    /// A body's content type ("" for none).
    pub content_type: String,
    /// The body.
    pub msg_body: String,
}

/// PJSUA2's `CallOpParam` (with its `CallSetting` fields flattened).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CallOpParam {
    /// A status code (answer, hangup).
    pub status_code: u16,
    /// A reason phrase ("" for the standard one).
    pub reason: String,
    /// `opt.flag` bits (PJSUA2RS_CALL_*).
    pub flag: u32,
    /// `opt.audioCount`: audio streams (0 or 1).
    pub audio_count: u32,
    /// PJSUA2's `options` (PJSUA2RS_XFER_NO_REQUIRE_REPLACES for `xferReplaces`).
    pub options: u32,
    /// Extra headers and body.
    pub tx_option: TxOption,
}

impl Default for CallOpParam {
    fn default() -> Self {
        CallOpParam {
            status_code: 0,
            reason: String::new(),
            flag: PJSUA2RS_CALL_INCLUDE_DISABLED_MEDIA,
            audio_count: 1,
            options: 0,
            tx_option: TxOption::default(),
        }
    }
}

/// PJSUA2's `OnIncomingCallParam`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OnIncomingCallParam {
    /// The new call.
    pub call: CallKey,
    /// The INVITE.
    pub rdata: SipRxData,
}

/// PJSUA2's `OnCallStateParam`, with the call's info at the time of the change (what
/// `getInfo()` returns inside the callback).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OnCallStateParam {
    /// The info as of this event.
    pub info: CallInfo,
}

/// PJSUA2's `OnDtmfDigitParam`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OnDtmfDigitParam {
    /// PJSUA2RS_DTMF_METHOD_*.
    pub method: i32,
    /// The digit ("0"-"9", "*", "#", "A"-"D").
    pub digit: String,
    /// Its duration in milliseconds.
    pub duration: u32,
}

/// A call object the application made before its call exists (PJSUA2's `new Call(acc)`
/// handed over as `newCall`): it gets the callbacks of a call the library starts for a
/// transfer or a replacement, and learns the call's key when it starts.
#[derive(Clone)]
pub struct PendingCall {
    /// The new call's callbacks.
    pub handler: Arc<dyn CallHandler>,
    /// Set to the new call's key when the call starts.
    pub key: Arc<OnceLock<CallKey>>,
}

impl PendingCall {
    /// A pending call with these callbacks.
    pub fn new(handler: Arc<dyn CallHandler>) -> Self {
        PendingCall {
            handler,
            key: Arc::new(OnceLock::new()),
        }
    }
}

impl std::fmt::Debug for PendingCall {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PendingCall")
            .field("key", &self.key.get())
            .finish()
    }
}

/// PJSUA2's `OnCallTransferRequestParam` (the peer's REFER).
#[derive(Clone, Debug)]
pub struct OnCallTransferRequestParam {
    /// The Refer-To target (the application may change it).
    pub dst_uri: String,
    /// 202 to accept (the default); the application may set a 4xx-6xx to refuse.
    pub status_code: u16,
    /// The call object for the new call (None: the new call runs without callbacks).
    pub new_call: Option<PendingCall>,
}

/// PJSUA2's `OnCallTransferStatusParam` (NOTIFYs about our REFER).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OnCallTransferStatusParam {
    /// The status of the transferred call (from the sipfrag).
    pub status_code: u16,
    /// Its reason.
    pub reason: String,
    /// Whether this is the last NOTIFY.
    pub final_notify: bool,
    /// Whether to keep receiving NOTIFYs (true by default); false stops the reports at
    /// once, even ones already queued.
    pub cont: bool,
}

/// PJSUA2's `OnCallReplaceRequestParam`: an INVITE with Replaces wants to take this
/// call's place.
#[derive(Clone, Debug)]
pub struct OnCallReplaceRequestParam {
    /// The INVITE.
    pub rdata: SipRxData,
    /// 200 to accept (the default); the application may set a 4xx-6xx to refuse.
    pub status_code: u16,
    /// The reason for a refusal.
    pub reason: String,
    /// The call object for the new call.
    pub new_call: Option<PendingCall>,
}

/// PJSUA2's `OnCallReplacedParam` (an INVITE with Replaces took this call's place).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OnCallReplacedParam {
    /// The new call.
    pub new_call: CallKey,
}

/// PJSUA2's `OnCallRedirectedParam`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OnCallRedirectedParam {
    /// The redirection target.
    pub target_uri: String,
    /// The redirecting response.
    pub rdata: SipRxData,
}

/// PJSUA2's `OnCallRxOfferParam` / `OnCallRxReinviteParam` (an offer in a re-INVITE,
/// UPDATE or a response).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OnCallRxOfferParam {
    /// The offered SDP.
    pub offer: String,
    /// Whether it came in a re-INVITE (onCallRxReinvite) rather than another message.
    pub reinvite: bool,
}

/// pjsip_tsx_state_e values of `OnCallTsxStateParam`.
pub const PJSUA2RS_TSX_STATE_TRYING: i32 = 2;
/// PJSIP_TSX_STATE_COMPLETED: a final response was sent or received.
pub const PJSUA2RS_TSX_STATE_COMPLETED: i32 = 4;

/// PJSUA2's `OnCallTsxStateParam`: a transaction of the call's dialog changed state
/// (flattened from its SipEvent).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OnCallTsxStateParam {
    /// The request method.
    pub method: String,
    /// PJSUA2RS_ROLE_UAC: our request; PJSUA2RS_ROLE_UAS: the peer's.
    pub role: i32,
    /// PJSUA2RS_TSX_STATE_*.
    pub state: i32,
    /// The status (0 for a request just received).
    pub status_code: u16,
    /// Its reason phrase.
    pub status_text: String,
    /// The message received (request or response).
    pub rdata: SipRxData,
}

/// PJSUA2's `OnInstantMessageParam` for a MESSAGE inside a call.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OnInstantMessageParam {
    /// From.
    pub from_uri: String,
    /// To.
    pub to_uri: String,
    /// The sender's Contact.
    pub contact_uri: String,
    /// The body's content type.
    pub content_type: String,
    /// The body.
    pub msg_body: String,
    /// The request.
    pub rdata: SipRxData,
}

/// PJSUA2's `OnInstantMessageStatusParam`: the outcome of a MESSAGE we sent.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OnInstantMessageStatusParam {
    /// The To URI.
    pub to_uri: String,
    /// The body sent.
    pub msg_body: String,
    /// The final status (408 or 503 when no response came).
    pub code: u16,
    /// Its reason.
    pub reason: String,
    /// The response, if one came.
    pub rdata: SipRxData,
}

/// PJSUA2's `OnTypingIndicationParam` (RFC 3994 isComposing).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OnTypingIndicationParam {
    /// From.
    pub from_uri: String,
    /// To.
    pub to_uri: String,
    /// The sender's Contact.
    pub contact_uri: String,
    /// Whether the peer is typing.
    pub is_typing: bool,
    /// The request.
    pub rdata: SipRxData,
}

/// The callbacks of a call (PJSUA2's `Call` virtual methods). They run on the callback
/// thread (or in `libHandleEvents` in poll mode), never while the library holds a lock.
pub trait CallHandler: Send + Sync {
    /// The call's state changed.
    fn on_call_state(&self, _prm: &OnCallStateParam) {}
    /// A transaction of the call changed state.
    fn on_call_tsx_state(&self, _prm: &OnCallTsxStateParam) {}
    /// The call's media changed (negotiated, held, resumed).
    fn on_call_media_state(&self, _prm: &OnCallStateParam) {}
    /// A DTMF digit arrived.
    fn on_dtmf_digit(&self, _prm: &OnDtmfDigitParam) {}
    /// The peer asks to transfer the call (REFER): set `status_code` to refuse, or
    /// `new_call` to follow the new call.
    fn on_call_transfer_request(&self, _prm: &mut OnCallTransferRequestParam) {}
    /// Progress of our transfer (NOTIFY): clear `cont` to stop following it.
    fn on_call_transfer_status(&self, _prm: &mut OnCallTransferStatusParam) {}
    /// An INVITE with Replaces wants this call's place: set `status_code` to refuse, or
    /// `new_call` to follow the new call.
    fn on_call_replace_request(&self, _prm: &mut OnCallReplaceRequestParam) {}
    /// Another call replaced this one.
    fn on_call_replaced(&self, _prm: &OnCallReplacedParam) {}
    /// The call was redirected (3xx). Return a PJSUA2RS_REDIRECT_* decision (STOP by
    /// default).
    fn on_call_redirected(&self, _prm: &OnCallRedirectedParam) -> i32 {
        PJSUA2RS_REDIRECT_STOP
    }
    /// An offer arrived (informative: the offer is answered with our capabilities).
    fn on_call_rx_offer(&self, _prm: &OnCallRxOfferParam) {}
    /// A MESSAGE arrived in the call's dialog.
    fn on_instant_message(&self, _prm: &OnInstantMessageParam) {}
    /// The outcome of a MESSAGE sent with `sendInstantMessage`.
    fn on_instant_message_status(&self, _prm: &OnInstantMessageStatusParam) {}
    /// The peer started or stopped typing.
    fn on_typing_indication(&self, _prm: &OnTypingIndicationParam) {}
}
