//! Status codes. The numbers are PJSIP's (`pj_status_t`), so a program ported from PJSUA2
//! sees the same `Error.status`; numbers are never reused. These constants are the C ABI's
//! `pjsua2rs_status` values and appear in the generated header under the same names.

/// A status code: 0 is success, anything else an error (PJSIP's numbering).
#[allow(non_camel_case_types)]
pub type pjsua2rs_status = i32;

/// Success.
pub const PJSUA2RS_SUCCESS: pjsua2rs_status = 0;
/// Unknown error (PJ_EUNKNOWN).
pub const PJSUA2RS_ERR_UNKNOWN: pjsua2rs_status = 70001;
/// The operation is pending and will complete later (PJ_EPENDING).
pub const PJSUA2RS_ERR_PENDING: pjsua2rs_status = 70002;
/// An argument is invalid: NULL, out of range, bad UTF-8 (PJ_EINVAL).
pub const PJSUA2RS_ERR_INVALID_ARG: pjsua2rs_status = 70004;
/// A string is longer than its field allows (PJ_ENAMETOOLONG).
pub const PJSUA2RS_ERR_NAME_TOO_LONG: pjsua2rs_status = 70005;
/// Not found (PJ_ENOTFOUND).
pub const PJSUA2RS_ERR_NOT_FOUND: pjsua2rs_status = 70006;
/// Out of memory (PJ_ENOMEM).
pub const PJSUA2RS_ERR_NO_MEMORY: pjsua2rs_status = 70007;
/// Timed out (PJ_ETIMEDOUT).
pub const PJSUA2RS_ERR_TIMEOUT: pjsua2rs_status = 70009;
/// Too many objects of this kind (PJ_ETOOMANY).
pub const PJSUA2RS_ERR_TOO_MANY: pjsua2rs_status = 70010;
/// Busy (PJ_EBUSY).
pub const PJSUA2RS_ERR_BUSY: pjsua2rs_status = 70011;
/// Not supported (PJ_ENOTSUP).
pub const PJSUA2RS_ERR_NOT_SUPPORTED: pjsua2rs_status = 70012;
/// The operation is not valid in the object's current state (PJ_EINVALIDOP).
pub const PJSUA2RS_ERR_INVALID_OP: pjsua2rs_status = 70013;
/// Cancelled (PJ_ECANCELLED).
pub const PJSUA2RS_ERR_CANCELLED: pjsua2rs_status = 70014;
/// Already exists (PJ_EEXISTS).
pub const PJSUA2RS_ERR_EXISTS: pjsua2rs_status = 70015;
/// End of data (PJ_EEOF); also a JSON document with a member missing.
pub const PJSUA2RS_ERR_EOF: pjsua2rs_status = 70016;
/// Too big (PJ_ETOOBIG).
pub const PJSUA2RS_ERR_TOO_BIG: pjsua2rs_status = 70017;
/// A host name could not be resolved (PJ_ERESOLVE).
pub const PJSUA2RS_ERR_RESOLVE: pjsua2rs_status = 70018;
/// A caller's buffer or array is too small (PJ_ETOOSMALL).
pub const PJSUA2RS_ERR_TOO_SMALL: pjsua2rs_status = 70019;
/// Address family not supported (PJ_EAFNOTSUP).
pub const PJSUA2RS_ERR_AF_NOT_SUPPORTED: pjsua2rs_status = 70022;
/// Operating-system errors are this base plus `errno` (PJ_ERRNO_START_SYS).
pub const PJSUA2RS_ERR_OS_BASE: pjsua2rs_status = 120000;
/// A SIP final status is reported as this base plus the status code, e.g. 170408 for 408.
pub const PJSUA2RS_ERR_SIP_STATUS_BASE: pjsua2rs_status = 170000;
/// The SIP stack is shutting down (PJSIP_ESHUTDOWN).
pub const PJSUA2RS_ERR_SIP_SHUTDOWN: pjsua2rs_status = 171003;
/// A SIP message is malformed (PJSIP_EINVALIDMSG).
pub const PJSUA2RS_ERR_SIP_INVALID_MSG: pjsua2rs_status = 171020;
/// A SIP message is too long (PJSIP_EMSGTOOLONG).
pub const PJSUA2RS_ERR_SIP_MSG_TOO_LONG: pjsua2rs_status = 171023;
/// A status code is invalid or unexpected here (PJSIP_EINVALIDSTATUS).
pub const PJSUA2RS_ERR_SIP_INVALID_STATUS: pjsua2rs_status = 171030;
/// A URI is malformed (PJSIP_EINVALIDURI).
pub const PJSUA2RS_ERR_SIP_INVALID_URI: pjsua2rs_status = 171039;
/// A URI has an unsupported scheme (PJSIP_EINVALIDSCHEME).
pub const PJSUA2RS_ERR_SIP_INVALID_SCHEME: pjsua2rs_status = 171040;
/// A header field is malformed (PJSIP_EINVALIDHDR).
pub const PJSUA2RS_ERR_SIP_INVALID_HDR: pjsua2rs_status = 171051;
/// The transport type is not supported (PJSIP_EUNSUPTRANSPORT).
pub const PJSUA2RS_ERR_SIP_UNSUPPORTED_TRANSPORT: pjsua2rs_status = 171060;
/// No transaction (PJSIP_ENOTSX).
pub const PJSUA2RS_ERR_SIP_NO_TRANSACTION: pjsua2rs_status = 171071;
/// The server rejected our credential: it challenged again, without `stale=true`, a
/// request we had answered (PJSIP_EFAILEDCREDENTIAL). Usually a wrong user or password.
pub const PJSUA2RS_ERR_SIP_FAILED_CREDENTIAL: pjsua2rs_status = 171100;
/// No credential fits the challenge's realm and algorithm (PJSIP_ENOCREDENTIAL).
pub const PJSUA2RS_ERR_SIP_NO_CREDENTIAL: pjsua2rs_status = 171101;
/// The challenge offers only unsupported digest algorithms (PJSIP_EINVALIDALGORITHM).
pub const PJSUA2RS_ERR_SIP_INVALID_ALGORITHM: pjsua2rs_status = 171102;
/// The challenge offers only unsupported qop values (PJSIP_EINVALIDQOP).
pub const PJSUA2RS_ERR_SIP_INVALID_QOP: pjsua2rs_status = 171103;
/// The challenge offers only unsupported authentication schemes (PJSIP_EINVALIDAUTHSCHEME).
pub const PJSUA2RS_ERR_SIP_INVALID_AUTH_SCHEME: pjsua2rs_status = 171104;
/// The server kept answering with a stale nonce (PJSIP_EAUTHSTALECOUNT).
pub const PJSUA2RS_ERR_SIP_AUTH_STALE_COUNT: pjsua2rs_status = 171111;
/// An AKA credential is invalid or AKA is not supported (PJSIP_EAUTHINAKACRED).
pub const PJSUA2RS_ERR_SIP_AUTH_INVALID_AKA_CRED: pjsua2rs_status = 171113;
/// A 401/407 response carries no challenge (PJSIP_EAUTHNOCHAL).
pub const PJSUA2RS_ERR_SIP_AUTH_NO_CHALLENGE: pjsua2rs_status = 171114;
/// A DTMF digit the tone generator's digit map lacks (PJMEDIA_RTP_EINDTMF).
pub const PJSUA2RS_ERR_MEDIA_INVALID_DTMF: pjsua2rs_status = 220106;
/// A JSON document is malformed or a member has the wrong name or type
/// (PJLIB_UTIL_EINJSON).
pub const PJSUA2RS_ERR_JSON: pjsua2rs_status = 320030;
/// A handle is stale (its object was destroyed) or was never valid. pjsua2rs's own code.
pub const PJSUA2RS_ERR_INVALID_HANDLE: pjsua2rs_status = 900001;
/// The library caught an internal panic; the operation did not complete. pjsua2rs's own
/// code; please report it as a bug.
pub const PJSUA2RS_ERR_INTERNAL: pjsua2rs_status = 900002;

/// The text PJSIP gives for a status (the `reason` of an `Error` when none is set).
pub fn status_text(status: pjsua2rs_status) -> String {
    let text = match status {
        PJSUA2RS_SUCCESS => "Success",
        PJSUA2RS_ERR_UNKNOWN => "Unknown Error (PJ_EUNKNOWN)",
        PJSUA2RS_ERR_PENDING => "Pending operation (PJ_EPENDING)",
        PJSUA2RS_ERR_INVALID_ARG => "Invalid value or argument (PJ_EINVAL)",
        PJSUA2RS_ERR_NAME_TOO_LONG => "Name too long (PJ_ENAMETOOLONG)",
        PJSUA2RS_ERR_NOT_FOUND => "Not found (PJ_ENOTFOUND)",
        PJSUA2RS_ERR_NO_MEMORY => "Not enough memory (PJ_ENOMEM)",
        PJSUA2RS_ERR_TIMEOUT => "Operation timed out (PJ_ETIMEDOUT)",
        PJSUA2RS_ERR_TOO_MANY => "Too many objects of the specified type (PJ_ETOOMANY)",
        PJSUA2RS_ERR_BUSY => "Object is busy (PJ_EBUSY)",
        PJSUA2RS_ERR_NOT_SUPPORTED => "Option/operation is not supported (PJ_ENOTSUP)",
        PJSUA2RS_ERR_INVALID_OP => "Invalid operation (PJ_EINVALIDOP)",
        PJSUA2RS_ERR_CANCELLED => "Operation cancelled (PJ_ECANCELLED)",
        PJSUA2RS_ERR_EXISTS => "Object already exists (PJ_EEXISTS)",
        PJSUA2RS_ERR_EOF => "End of file (PJ_EEOF)",
        PJSUA2RS_ERR_TOO_BIG => "Size is too big (PJ_ETOOBIG)",
        PJSUA2RS_ERR_RESOLVE => "gethostbyname() has returned error (PJ_ERESOLVE)",
        PJSUA2RS_ERR_TOO_SMALL => "Size is too short (PJ_ETOOSMALL)",
        PJSUA2RS_ERR_AF_NOT_SUPPORTED => "Unsupported address family (PJ_EAFNOTSUP)",
        PJSUA2RS_ERR_SIP_SHUTDOWN => "SIP stack shutting down (PJSIP_ESHUTDOWN)",
        PJSUA2RS_ERR_SIP_INVALID_MSG => "Invalid message/syntax error (PJSIP_EINVALIDMSG)",
        PJSUA2RS_ERR_SIP_MSG_TOO_LONG => "Message too long (PJSIP_EMSGTOOLONG)",
        PJSUA2RS_ERR_SIP_INVALID_STATUS => {
            "Invalid/unexpected SIP status code (PJSIP_EINVALIDSTATUS)"
        }
        PJSUA2RS_ERR_SIP_INVALID_URI => "Invalid URI (PJSIP_EINVALIDURI)",
        PJSUA2RS_ERR_SIP_INVALID_SCHEME => "Invalid URI scheme (PJSIP_EINVALIDSCHEME)",
        PJSUA2RS_ERR_SIP_INVALID_HDR => "Invalid header field (PJSIP_EINVALIDHDR)",
        PJSUA2RS_ERR_SIP_UNSUPPORTED_TRANSPORT => "Unsupported transport (PJSIP_EUNSUPTRANSPORT)",
        PJSUA2RS_ERR_SIP_NO_TRANSACTION => "No transaction is associated with the object (expecting stateful processing) (PJSIP_ENOTSX)",
        PJSUA2RS_ERR_SIP_FAILED_CREDENTIAL => {
            "Credential failed to authenticate (PJSIP_EFAILEDCREDENTIAL)"
        }
        PJSUA2RS_ERR_SIP_NO_CREDENTIAL => "No suitable credential (PJSIP_ENOCREDENTIAL)",
        PJSUA2RS_ERR_SIP_INVALID_ALGORITHM => {
            "Invalid/unsupported digest algorithm (PJSIP_EINVALIDALGORITHM)"
        }
        PJSUA2RS_ERR_SIP_INVALID_QOP => "Invalid/unsupported digest qop (PJSIP_EINVALIDQOP)",
        PJSUA2RS_ERR_SIP_INVALID_AUTH_SCHEME => {
            "Unsupported authentication scheme (PJSIP_EINVALIDAUTHSCHEME)"
        }
        PJSUA2RS_ERR_SIP_AUTH_STALE_COUNT => {
            "Maximum number of stale retries exceeded (PJSIP_EAUTHSTALECOUNT)"
        }
        PJSUA2RS_ERR_SIP_AUTH_INVALID_AKA_CRED => "Invalid AKA credential (PJSIP_EAUTHINAKACRED)",
        PJSUA2RS_ERR_SIP_AUTH_NO_CHALLENGE => "No challenge is found (PJSIP_EAUTHNOCHAL)",
        PJSUA2RS_ERR_MEDIA_INVALID_DTMF => "Invalid DTMF digit (PJMEDIA_RTP_EINDTMF)",
        PJSUA2RS_ERR_JSON => "Invalid JSON document (PJLIB_UTIL_EINJSON)",
        PJSUA2RS_ERR_INVALID_HANDLE => "Invalid or destroyed handle (PJSUA2RS_ERR_INVALID_HANDLE)",
        PJSUA2RS_ERR_INTERNAL => "Internal error (PJSUA2RS_ERR_INTERNAL)",
        s if (PJSUA2RS_ERR_OS_BASE..PJSUA2RS_ERR_OS_BASE + 20000).contains(&s) => {
            // The OS's text alone, as PJLIB gives it ("Address already in use").
            let text = std::io::Error::from_raw_os_error(s - PJSUA2RS_ERR_OS_BASE).to_string();
            return text.split(" (os error").next().unwrap_or_default().to_string();
        }
        s if (PJSUA2RS_ERR_SIP_STATUS_BASE + 100..PJSUA2RS_ERR_SIP_STATUS_BASE + 700)
            .contains(&s) =>
        {
            let code = (s - PJSUA2RS_ERR_SIP_STATUS_BASE) as u16;
            return crate::sip::reason_phrase(code).to_string();
        }
        _ => return format!("Unknown error {status}"),
    };
    text.to_string()
}

/// The status for an I/O error: the OS error number when there is one.
pub fn from_io_error(e: &std::io::Error) -> pjsua2rs_status {
    match e.raw_os_error() {
        Some(errno) => PJSUA2RS_ERR_OS_BASE + errno,
        None => PJSUA2RS_ERR_UNKNOWN,
    }
}
