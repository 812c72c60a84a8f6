//! The `_default()` initialisers of every config struct: C code starts from PJSUA2's
//! defaults as a PJSUA2 program does (`pjsua2rs_account_config_default(&cfg)`), then sets
//! fields. The top-level configs also get their `struct_size` stamped.

use super::boundary::ffi_call;
use crate::ua::config::*;
use crate::ua::status::{pjsua2rs_status, PJSUA2RS_ERR_INVALID_ARG};
use crate::ua::Error;

/// Writes `T::default()` to `out` (NULL is `INVALID_ARG`) inside the panic boundary.
fn write_default<T: Default>(out: *mut T, title: &str) -> pjsua2rs_status {
    ffi_call(title, || {
        if out.is_null() {
            return Err(Error::new(PJSUA2RS_ERR_INVALID_ARG, "", "out is NULL"));
        }
        // SAFETY: `out` is non-null and the caller promises it points to a writable `T`.
        unsafe { out.write(T::default()) };
        Ok(())
    })
}

/// Fills `*out` with PJSUA2's defaults for the endpoint config (maxCalls 4, threadCnt 1,
/// clockRate 16000...) and stamps `struct_size`. Returns PJSUA2RS_ERR_INVALID_ARG if `out`
/// is NULL. The caller owns `*out`; nothing is allocated. Thread-safe.
#[no_mangle]
pub extern "C" fn pjsua2rs_ep_config_default(out: *mut EpConfig) -> pjsua2rs_status {
    write_default(out, "pjsua2rs_ep_config_default()")
}

/// Fills `*out` with PJSUA2's defaults for the user-agent part of an endpoint config.
/// Returns PJSUA2RS_ERR_INVALID_ARG if `out` is NULL. The caller owns `*out`; nothing is
/// allocated. Thread-safe.
#[no_mangle]
pub extern "C" fn pjsua2rs_ua_config_default(out: *mut UaConfig) -> pjsua2rs_status {
    write_default(out, "pjsua2rs_ua_config_default()")
}

/// Fills `*out` with PJSUA2's defaults for logging settings (level 5, console level 4,
/// decor 25328, no writer). Returns PJSUA2RS_ERR_INVALID_ARG if `out` is NULL. The caller
/// owns `*out`; nothing is allocated. Thread-safe.
#[no_mangle]
pub extern "C" fn pjsua2rs_log_config_default(out: *mut LogConfig) -> pjsua2rs_status {
    write_default(out, "pjsua2rs_log_config_default()")
}

/// Fills `*out` with PJSUA2's defaults for media settings (clock rate 16000, 20 ms frames,
/// jitter buffer automatic). Returns PJSUA2RS_ERR_INVALID_ARG if `out` is NULL. The caller
/// owns `*out`; nothing is allocated. Thread-safe.
#[no_mangle]
pub extern "C" fn pjsua2rs_media_config_default(out: *mut MediaConfig) -> pjsua2rs_status {
    write_default(out, "pjsua2rs_media_config_default()")
}

/// Fills `*out` with PJSUA2's defaults for a transport config (port 0 = any) and stamps
/// `struct_size`. Returns PJSUA2RS_ERR_INVALID_ARG if `out` is NULL. The caller owns
/// `*out`; nothing is allocated. Thread-safe.
#[no_mangle]
pub extern "C" fn pjsua2rs_transport_config_default(out: *mut TransportConfig) -> pjsua2rs_status {
    write_default(out, "pjsua2rs_transport_config_default()")
}

/// Fills `*out` with PJSUA2's defaults for TLS settings (backend default method, TLS
/// 1.0-1.2 allowed). Returns PJSUA2RS_ERR_INVALID_ARG if `out` is NULL. The caller owns
/// `*out`; nothing is allocated. Thread-safe.
#[no_mangle]
pub extern "C" fn pjsua2rs_tls_config_default(out: *mut TlsConfig) -> pjsua2rs_status {
    write_default(out, "pjsua2rs_tls_config_default()")
}

/// Fills `*out` with PJSUA2's defaults for QoS parameters (all zero). Returns
/// PJSUA2RS_ERR_INVALID_ARG if `out` is NULL. The caller owns `*out`; nothing is allocated.
/// Thread-safe.
#[no_mangle]
pub extern "C" fn pjsua2rs_qos_params_default(out: *mut QosParams) -> pjsua2rs_status {
    write_default(out, "pjsua2rs_qos_params_default()")
}

/// Fills `*out` with PJSUA2's defaults for a socket option (an int option: `opt_len` 4).
/// Returns PJSUA2RS_ERR_INVALID_ARG if `out` is NULL. The caller owns `*out`; nothing is
/// allocated. Thread-safe.
#[no_mangle]
pub extern "C" fn pjsua2rs_sock_opt_default(out: *mut SockOpt) -> pjsua2rs_status {
    write_default(out, "pjsua2rs_sock_opt_default()")
}

/// Fills `*out` with PJSUA2's defaults for an empty socket option list. Returns
/// PJSUA2RS_ERR_INVALID_ARG if `out` is NULL. The caller owns `*out`; nothing is allocated.
/// Thread-safe.
#[no_mangle]
pub extern "C" fn pjsua2rs_sock_opt_params_default(out: *mut SockOptParams) -> pjsua2rs_status {
    write_default(out, "pjsua2rs_sock_opt_params_default()")
}

/// Fills `*out` with PJSUA2's defaults for an account config (registration every 300 s,
/// media port 4000...) and stamps `struct_size`. Returns PJSUA2RS_ERR_INVALID_ARG if `out`
/// is NULL. The caller owns `*out`; nothing is allocated. Thread-safe.
#[no_mangle]
pub extern "C" fn pjsua2rs_account_config_default(out: *mut AccountConfig) -> pjsua2rs_status {
    write_default(out, "pjsua2rs_account_config_default()")
}

/// Fills `*out` with PJSUA2's defaults for registration settings (timeout 300 s, retry 300
/// s, proxy use 3). Returns PJSUA2RS_ERR_INVALID_ARG if `out` is NULL. The caller owns
/// `*out`; nothing is allocated. Thread-safe.
#[no_mangle]
pub extern "C" fn pjsua2rs_account_reg_config_default(
    out: *mut AccountRegConfig,
) -> pjsua2rs_status {
    write_default(out, "pjsua2rs_account_reg_config_default()")
}

/// Fills `*out` with PJSUA2's defaults for SIP settings (any transport, no credentials or
/// proxies). Returns PJSUA2RS_ERR_INVALID_ARG if `out` is NULL. The caller owns `*out`;
/// nothing is allocated. Thread-safe.
#[no_mangle]
pub extern "C" fn pjsua2rs_account_sip_config_default(
    out: *mut AccountSipConfig,
) -> pjsua2rs_status {
    write_default(out, "pjsua2rs_account_sip_config_default()")
}

/// Fills `*out` with PJSUA2's defaults for call settings (session timers optional, Min-SE
/// 90 s, expiry 1800 s). Returns PJSUA2RS_ERR_INVALID_ARG if `out` is NULL. The caller owns
/// `*out`; nothing is allocated. Thread-safe.
#[no_mangle]
pub extern "C" fn pjsua2rs_account_call_config_default(
    out: *mut AccountCallConfig,
) -> pjsua2rs_status {
    write_default(out, "pjsua2rs_account_call_config_default()")
}

/// Fills `*out` with PJSUA2's defaults for presence settings (no PUBLISH). Returns
/// PJSUA2RS_ERR_INVALID_ARG if `out` is NULL. The caller owns `*out`; nothing is allocated.
/// Thread-safe.
#[no_mangle]
pub extern "C" fn pjsua2rs_account_pres_config_default(
    out: *mut AccountPresConfig,
) -> pjsua2rs_status {
    write_default(out, "pjsua2rs_account_pres_config_default()")
}

/// Fills `*out` with PJSUA2's defaults for MWI settings (disabled, expiry 3600 s). Returns
/// PJSUA2RS_ERR_INVALID_ARG if `out` is NULL. The caller owns `*out`; nothing is allocated.
/// Thread-safe.
#[no_mangle]
pub extern "C" fn pjsua2rs_account_mwi_config_default(
    out: *mut AccountMwiConfig,
) -> pjsua2rs_status {
    write_default(out, "pjsua2rs_account_mwi_config_default()")
}

/// Fills `*out` with PJSUA2's defaults for NAT settings (media STUN with retry, Contact
/// rewrite, UDP keep-alive every 15 s). Returns PJSUA2RS_ERR_INVALID_ARG if `out` is NULL.
/// The caller owns `*out`; nothing is allocated. Thread-safe.
#[no_mangle]
pub extern "C" fn pjsua2rs_account_nat_config_default(
    out: *mut AccountNatConfig,
) -> pjsua2rs_status {
    write_default(out, "pjsua2rs_account_nat_config_default()")
}

/// Fills `*out` with PJSUA2's defaults for media settings (RTP port 4000, SRTP disabled).
/// Returns PJSUA2RS_ERR_INVALID_ARG if `out` is NULL. The caller owns `*out`; nothing is
/// allocated. Thread-safe.
#[no_mangle]
pub extern "C" fn pjsua2rs_account_media_config_default(
    out: *mut AccountMediaConfig,
) -> pjsua2rs_status {
    write_default(out, "pjsua2rs_account_media_config_default()")
}

/// Fills `*out` with PJSUA2's defaults for video settings (capture device -1, render device
/// -2). Returns PJSUA2RS_ERR_INVALID_ARG if `out` is NULL. The caller owns `*out`; nothing
/// is allocated. Thread-safe.
#[no_mangle]
pub extern "C" fn pjsua2rs_account_video_config_default(
    out: *mut AccountVideoConfig,
) -> pjsua2rs_status {
    write_default(out, "pjsua2rs_account_video_config_default()")
}

/// Fills `*out` with PJSUA2's defaults for real-time text settings (redundancy 2). Returns
/// PJSUA2RS_ERR_INVALID_ARG if `out` is NULL. The caller owns `*out`; nothing is allocated.
/// Thread-safe.
#[no_mangle]
pub extern "C" fn pjsua2rs_account_text_config_default(
    out: *mut AccountTextConfig,
) -> pjsua2rs_status {
    write_default(out, "pjsua2rs_account_text_config_default()")
}

/// Fills `*out` with PJSUA2's defaults for IP-change settings (shut the transport down, re-
/// INVITE with flags 50). Returns PJSUA2RS_ERR_INVALID_ARG if `out` is NULL. The caller
/// owns `*out`; nothing is allocated. Thread-safe.
#[no_mangle]
pub extern "C" fn pjsua2rs_account_ip_change_config_default(
    out: *mut AccountIpChangeConfig,
) -> pjsua2rs_status {
    write_default(out, "pjsua2rs_account_ip_change_config_default()")
}

/// Fills `*out` with PJSUA2's defaults for SRTP options (empty lists: every crypto and
/// keying). Returns PJSUA2RS_ERR_INVALID_ARG if `out` is NULL. The caller owns `*out`;
/// nothing is allocated. Thread-safe.
#[no_mangle]
pub extern "C" fn pjsua2rs_srtp_opt_default(out: *mut SrtpOpt) -> pjsua2rs_status {
    write_default(out, "pjsua2rs_srtp_opt_default()")
}

/// Fills `*out` with PJSUA2's defaults for an SRTP crypto entry (all empty). Returns
/// PJSUA2RS_ERR_INVALID_ARG if `out` is NULL. The caller owns `*out`; nothing is allocated.
/// Thread-safe.
#[no_mangle]
pub extern "C" fn pjsua2rs_srtp_crypto_default(out: *mut SrtpCrypto) -> pjsua2rs_status {
    write_default(out, "pjsua2rs_srtp_crypto_default()")
}

/// Fills `*out` with PJSUA2's defaults for a buddy config (no subscription) and stamps
/// `struct_size`. Returns PJSUA2RS_ERR_INVALID_ARG if `out` is NULL. The caller owns
/// `*out`; nothing is allocated. Thread-safe.
#[no_mangle]
pub extern "C" fn pjsua2rs_buddy_config_default(out: *mut BuddyConfig) -> pjsua2rs_status {
    write_default(out, "pjsua2rs_buddy_config_default()")
}

/// Fills `*out` with PJSUA2's defaults for a credential (scheme "digest", realm "*", plain
/// password). Returns PJSUA2RS_ERR_INVALID_ARG if `out` is NULL. The caller owns `*out`;
/// nothing is allocated. Thread-safe.
#[no_mangle]
pub extern "C" fn pjsua2rs_auth_cred_info_default(out: *mut AuthCredInfo) -> pjsua2rs_status {
    write_default(out, "pjsua2rs_auth_cred_info_default()")
}

/// Fills `*out` with PJSUA2's defaults for a SIP header (empty name and value). Returns
/// PJSUA2RS_ERR_INVALID_ARG if `out` is NULL. The caller owns `*out`; nothing is allocated.
/// Thread-safe.
#[no_mangle]
pub extern "C" fn pjsua2rs_sip_header_default(out: *mut SipHeader) -> pjsua2rs_status {
    write_default(out, "pjsua2rs_sip_header_default()")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_are_written_and_null_is_refused() {
        let mut cfg = std::mem::MaybeUninit::<AccountConfig>::uninit();
        assert_eq!(pjsua2rs_account_config_default(cfg.as_mut_ptr()), 0);
        // SAFETY: the call above initialised it.
        let cfg = unsafe { cfg.assume_init() };
        assert_eq!(cfg, AccountConfig::default());
        assert_eq!(
            pjsua2rs_ep_config_default(std::ptr::null_mut()),
            PJSUA2RS_ERR_INVALID_ARG
        );
    }
}
