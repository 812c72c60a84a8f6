//! PJSUA2's Account: identity, registration and (later) the calls, subscriptions and
//! messages of one SIP address. The core keeps each account's state; the application
//! sees an id and callbacks.

pub mod contact;
pub mod rtcp_feedback;
pub mod settings;

pub use settings::{AccountSettings, CallSettings, NatSettings};

/// An account's number, as PJSUA2's `Account::getId()` (small, starting at 0).
pub type AccountId = i32;

/// PJSUA2's `regExpiresSec` when the account does not register
/// (PJSIP_EXPIRES_NOT_SPECIFIED).
pub const PJSUA2RS_EXPIRES_NOT_SPECIFIED: u32 = 0xFFFF_FFFF;

/// PJSUA2's `OnRegStartedParam`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OnRegStartedParam {
    /// True when registering or refreshing, false when unregistering.
    pub renew: bool,
}

/// The received message a callback is about (PJSUA2's `SipRxData`).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SipRxData {
    /// A one-line description ("Response msg 200/REGISTER/cseq=2").
    pub info: String,
    /// The whole message as received.
    pub whole_msg: String,
    /// Where it came from, "ip:port".
    pub src_address: String,
}

/// PJSUA2's `OnRegStateParam`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OnRegStateParam {
    /// 0 whenever the round ended with a code (a 408 timeout and a 503 transport error
    /// too, as PJSUA2); else why it was given up (e.g. PJSIP_EFAILEDCREDENTIAL).
    pub status: crate::ua::status::pjsua2rs_status,
    /// The SIP status (408 for no answer, 503 for a transport error, 502 when the
    /// registrar's name did not resolve).
    pub code: u16,
    /// The reason phrase.
    pub reason: String,
    /// The response, when one arrived.
    pub rdata: SipRxData,
    /// The granted binding time in seconds (0 when unregistered or failed).
    pub expiration: u32,
}

/// The callbacks of an account (PJSUA2's `Account` virtual methods). They run on the
/// callback thread (or in `libHandleEvents` in poll mode), never while the library holds
/// a lock; calling the API from them is safe.
pub trait AccountHandler: Send + Sync {
    /// A REGISTER round starts.
    fn on_reg_started(&self, _prm: &OnRegStartedParam) {}
    /// A REGISTER round ended.
    fn on_reg_state(&self, _prm: &OnRegStateParam) {}
    /// A call arrived. Bind it to a call object now (`Endpoint::call_bind`), or it is
    /// refused with 500, as PJSUA2 does.
    fn on_incoming_call(&self, _prm: &crate::ua::call::OnIncomingCallParam) {}
}

/// PJSUA2's `AccountInfo`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AccountInfo {
    /// The account id.
    pub id: AccountId,
    /// Whether it is the default account.
    pub is_default: bool,
    /// The account's URI (`idUri`).
    pub uri: String,
    /// Whether it has a registrar.
    pub reg_is_configured: bool,
    /// Whether a binding is in place now.
    pub reg_is_active: bool,
    /// Seconds until the binding expires; PJSUA2RS_EXPIRES_NOT_SPECIFIED without a
    /// registrar, once unregistered and after a failure; 0 otherwise when not bound.
    pub reg_expires_sec: u32,
    /// The last REGISTER status: 0 never sent, 100 in progress, else the final code.
    pub reg_status: u16,
    /// Its text: "does not register", "In Progress", or the code's standard reason
    /// phrase ("OK", "Request Timeout"...).
    pub reg_status_text: String,
    /// The status of the last round (`OnRegStateParam::status`): 0 after a failure with
    /// a code (403, 408, 503...) too, as PJSUA2.
    pub reg_last_err: crate::ua::status::pjsua2rs_status,
    /// Presence: online (set with `setOnlineStatus`, presence comes later).
    pub online_status: bool,
    /// Presence text ("Online"/"Offline").
    pub online_status_text: String,
}
