//! The `_default()` initialisers of every config struct: C code starts from PJSUA2's
//! defaults as a PJSUA2 program does (`pjsua2rs_account_config_default(&cfg, sizeof cfg)`),
//! then sets fields. Each takes the size of the struct as the program was compiled, so a
//! program built against an older header is never written past its struct; the top-level
//! configs also get that size stamped in `struct_size`.

use super::boundary::ffi_call;
use super::versioned::Versioned;
use crate::ua::config::*;
use crate::ua::status::{pjsua2rs_status, PJSUA2RS_ERR_INVALID_ARG};
use crate::ua::Error;

fn invalid(reason: String) -> Error {
    Error::new(PJSUA2RS_ERR_INVALID_ARG, "", reason)
}

/// Writes `T::default()` to `out` for a struct that never grows: `size` must be its size.
fn write_default<T: Default>(out: *mut T, size: usize, title: &str) -> pjsua2rs_status {
    ffi_call(title, || {
        if out.is_null() {
            return Err(invalid("out is NULL".into()));
        }
        let ours = std::mem::size_of::<T>();
        if size != ours {
            return Err(invalid(format!(
                "size is {size}, but this struct has {ours} bytes (pass sizeof the struct)"
            )));
        }
        // SAFETY: `out` is non-null and the caller promises it points to a writable `T`.
        unsafe { out.write(T::default()) };
        Ok(())
    })
}

/// Writes the first `size` bytes of `T::default()` to `out`, with `struct_size` = `size`:
/// `size` may be smaller than this library's struct (a program built against an older
/// header), never larger.
pub(super) fn write_default_versioned<T: Versioned>(
    out: *mut T,
    size: usize,
    title: &str,
) -> pjsua2rs_status {
    ffi_call(title, || {
        if out.is_null() {
            return Err(invalid("out is NULL".into()));
        }
        let ours = std::mem::size_of::<T>();
        if size < std::mem::size_of::<u32>() || size > ours {
            return Err(invalid(format!(
                "size is {size}, but this library's pjsua2rs_{} has {ours} bytes (pass sizeof \
                 the struct; was the program built against a newer header?)",
                T::C_NAME
            )));
        }
        let mut value = T::default();
        // SAFETY: every Versioned struct starts with `struct_size: u32`.
        unsafe { (&mut value as *mut T as *mut u32).write(size as u32) };
        // SAFETY: `out` points to at least `size` writable bytes (the caller's struct), and
        // `value` has at least `size` bytes.
        unsafe {
            std::ptr::copy_nonoverlapping(&value as *const T as *const u8, out as *mut u8, size)
        };
        Ok(())
    })
}

/// Fills `*out` with PJSUA2's defaults for the endpoint config (maxCalls 4, threadCnt 1,
/// clockRate 16000...) and stamps `struct_size`. Returns PJSUA2RS_ERR_INVALID_ARG if `out`
/// is NULL or `size` is not the struct's `sizeof`. The caller owns `*out`; nothing is allocated. Thread-safe.
#[no_mangle]
pub extern "C" fn pjsua2rs_ep_config_default(out: *mut EpConfig, size: usize) -> pjsua2rs_status {
    write_default_versioned(out, size, "pjsua2rs_ep_config_default()")
}

/// Fills `*out` with PJSUA2's defaults for the user-agent part of an endpoint config.
/// Returns PJSUA2RS_ERR_INVALID_ARG if `out` is NULL or `size` is not the struct's `sizeof` (a versioned
/// struct may be smaller: an older program). The caller owns `*out`; nothing is
/// allocated. Thread-safe.
#[no_mangle]
pub extern "C" fn pjsua2rs_ua_config_default(out: *mut UaConfig, size: usize) -> pjsua2rs_status {
    write_default(out, size, "pjsua2rs_ua_config_default()")
}

/// Fills `*out` with PJSUA2's defaults for logging settings (level 5, console level 4,
/// decor 25328, no writer). Returns PJSUA2RS_ERR_INVALID_ARG if `out` is NULL or `size` is not the struct's `sizeof` (a versioned
/// struct may be smaller: an older program). The caller
/// owns `*out`; nothing is allocated. Thread-safe.
#[no_mangle]
pub extern "C" fn pjsua2rs_log_config_default(out: *mut LogConfig, size: usize) -> pjsua2rs_status {
    write_default(out, size, "pjsua2rs_log_config_default()")
}

/// Fills `*out` with PJSUA2's defaults for media settings (clock rate 16000, 20 ms frames,
/// jitter buffer automatic). Returns PJSUA2RS_ERR_INVALID_ARG if `out` is NULL or `size` is not the struct's `sizeof` (a versioned
/// struct may be smaller: an older program). The caller
/// owns `*out`; nothing is allocated. Thread-safe.
#[no_mangle]
pub extern "C" fn pjsua2rs_media_config_default(
    out: *mut MediaConfig,
    size: usize,
) -> pjsua2rs_status {
    write_default(out, size, "pjsua2rs_media_config_default()")
}

/// Fills `*out` with PJSUA2's defaults for a transport config (port 0 = any) and stamps
/// `struct_size`. Returns PJSUA2RS_ERR_INVALID_ARG if `out` is NULL or `size` is not the struct's `sizeof` (a versioned
/// struct may be smaller: an older program). The caller owns
/// `*out`; nothing is allocated. Thread-safe.
#[no_mangle]
pub extern "C" fn pjsua2rs_transport_config_default(
    out: *mut TransportConfig,
    size: usize,
) -> pjsua2rs_status {
    write_default_versioned(out, size, "pjsua2rs_transport_config_default()")
}

/// Fills `*out` with PJSUA2's defaults for TLS settings (backend default method, TLS
/// 1.0-1.2 allowed). Returns PJSUA2RS_ERR_INVALID_ARG if `out` is NULL or `size` is not the struct's `sizeof` (a versioned
/// struct may be smaller: an older program). The caller owns
/// `*out`; nothing is allocated. Thread-safe.
#[no_mangle]
pub extern "C" fn pjsua2rs_tls_config_default(out: *mut TlsConfig, size: usize) -> pjsua2rs_status {
    write_default(out, size, "pjsua2rs_tls_config_default()")
}

/// Fills `*out` with PJSUA2's defaults for QoS parameters (all zero). Returns
/// PJSUA2RS_ERR_INVALID_ARG if `out` is NULL or `size` is not the struct's `sizeof` (a versioned
/// struct may be smaller: an older program). The caller owns `*out`; nothing is allocated.
/// Thread-safe.
#[no_mangle]
pub extern "C" fn pjsua2rs_qos_params_default(out: *mut QosParams, size: usize) -> pjsua2rs_status {
    write_default(out, size, "pjsua2rs_qos_params_default()")
}

/// Fills `*out` with PJSUA2's defaults for a socket option (an int option: `opt_len` 4).
/// Returns PJSUA2RS_ERR_INVALID_ARG if `out` is NULL or `size` is not the struct's `sizeof` (a versioned
/// struct may be smaller: an older program). The caller owns `*out`; nothing is
/// allocated. Thread-safe.
#[no_mangle]
pub extern "C" fn pjsua2rs_sock_opt_default(out: *mut SockOpt, size: usize) -> pjsua2rs_status {
    write_default(out, size, "pjsua2rs_sock_opt_default()")
}

/// Fills `*out` with PJSUA2's defaults for an empty socket option list. Returns
/// PJSUA2RS_ERR_INVALID_ARG if `out` is NULL or `size` is not the struct's `sizeof` (a versioned
/// struct may be smaller: an older program). The caller owns `*out`; nothing is allocated.
/// Thread-safe.
#[no_mangle]
pub extern "C" fn pjsua2rs_sock_opt_params_default(
    out: *mut SockOptParams,
    size: usize,
) -> pjsua2rs_status {
    write_default(out, size, "pjsua2rs_sock_opt_params_default()")
}

/// Fills `*out` with PJSUA2's defaults for an account config (registration every 300 s,
/// media port 4000...) and stamps `struct_size`. Returns PJSUA2RS_ERR_INVALID_ARG if `out`
/// is NULL or `size` is not the struct's `sizeof`. The caller owns `*out`; nothing is allocated. Thread-safe.
#[no_mangle]
pub extern "C" fn pjsua2rs_account_config_default(
    out: *mut AccountConfig,
    size: usize,
) -> pjsua2rs_status {
    write_default_versioned(out, size, "pjsua2rs_account_config_default()")
}

/// Fills `*out` with PJSUA2's defaults for registration settings (timeout 300 s, retry 300
/// s, proxy use 3). Returns PJSUA2RS_ERR_INVALID_ARG if `out` is NULL or `size` is not the struct's `sizeof` (a versioned
/// struct may be smaller: an older program). The caller owns
/// `*out`; nothing is allocated. Thread-safe.
#[no_mangle]
pub extern "C" fn pjsua2rs_account_reg_config_default(
    out: *mut AccountRegConfig,
    size: usize,
) -> pjsua2rs_status {
    write_default(out, size, "pjsua2rs_account_reg_config_default()")
}

/// Fills `*out` with PJSUA2's defaults for SIP settings (any transport, no credentials or
/// proxies). Returns PJSUA2RS_ERR_INVALID_ARG if `out` is NULL or `size` is not the struct's `sizeof` (a versioned
/// struct may be smaller: an older program). The caller owns `*out`;
/// nothing is allocated. Thread-safe.
#[no_mangle]
pub extern "C" fn pjsua2rs_account_sip_config_default(
    out: *mut AccountSipConfig,
    size: usize,
) -> pjsua2rs_status {
    write_default(out, size, "pjsua2rs_account_sip_config_default()")
}

/// Fills `*out` with PJSUA2's defaults for call settings (session timers optional, Min-SE
/// 90 s, expiry 1800 s). Returns PJSUA2RS_ERR_INVALID_ARG if `out` is NULL or `size` is not the struct's `sizeof` (a versioned
/// struct may be smaller: an older program). The caller owns
/// `*out`; nothing is allocated. Thread-safe.
#[no_mangle]
pub extern "C" fn pjsua2rs_account_call_config_default(
    out: *mut AccountCallConfig,
    size: usize,
) -> pjsua2rs_status {
    write_default(out, size, "pjsua2rs_account_call_config_default()")
}

/// Fills `*out` with PJSUA2's defaults for presence settings (no PUBLISH). Returns
/// PJSUA2RS_ERR_INVALID_ARG if `out` is NULL or `size` is not the struct's `sizeof` (a versioned
/// struct may be smaller: an older program). The caller owns `*out`; nothing is allocated.
/// Thread-safe.
#[no_mangle]
pub extern "C" fn pjsua2rs_account_pres_config_default(
    out: *mut AccountPresConfig,
    size: usize,
) -> pjsua2rs_status {
    write_default(out, size, "pjsua2rs_account_pres_config_default()")
}

/// Fills `*out` with PJSUA2's defaults for MWI settings (disabled, expiry 3600 s). Returns
/// PJSUA2RS_ERR_INVALID_ARG if `out` is NULL or `size` is not the struct's `sizeof` (a versioned
/// struct may be smaller: an older program). The caller owns `*out`; nothing is allocated.
/// Thread-safe.
#[no_mangle]
pub extern "C" fn pjsua2rs_account_mwi_config_default(
    out: *mut AccountMwiConfig,
    size: usize,
) -> pjsua2rs_status {
    write_default(out, size, "pjsua2rs_account_mwi_config_default()")
}

/// Fills `*out` with PJSUA2's defaults for NAT settings (media STUN with retry, Contact
/// rewrite, UDP keep-alive every 15 s). Returns PJSUA2RS_ERR_INVALID_ARG if `out` is NULL or `size` is not the struct's `sizeof` (a versioned
/// struct may be smaller: an older program).
/// The caller owns `*out`; nothing is allocated. Thread-safe.
#[no_mangle]
pub extern "C" fn pjsua2rs_account_nat_config_default(
    out: *mut AccountNatConfig,
    size: usize,
) -> pjsua2rs_status {
    write_default(out, size, "pjsua2rs_account_nat_config_default()")
}

/// Fills `*out` with PJSUA2's defaults for media settings (RTP port 4000, SRTP disabled).
/// Returns PJSUA2RS_ERR_INVALID_ARG if `out` is NULL or `size` is not the struct's `sizeof` (a versioned
/// struct may be smaller: an older program). The caller owns `*out`; nothing is
/// allocated. Thread-safe.
#[no_mangle]
pub extern "C" fn pjsua2rs_account_media_config_default(
    out: *mut AccountMediaConfig,
    size: usize,
) -> pjsua2rs_status {
    write_default(out, size, "pjsua2rs_account_media_config_default()")
}

/// Fills `*out` with PJSUA2's defaults for video settings (capture device -1, render device
/// -2). Returns PJSUA2RS_ERR_INVALID_ARG if `out` is NULL or `size` is not the struct's `sizeof` (a versioned
/// struct may be smaller: an older program). The caller owns `*out`; nothing
/// is allocated. Thread-safe.
#[no_mangle]
pub extern "C" fn pjsua2rs_account_video_config_default(
    out: *mut AccountVideoConfig,
    size: usize,
) -> pjsua2rs_status {
    write_default(out, size, "pjsua2rs_account_video_config_default()")
}

/// Fills `*out` with PJSUA2's defaults for real-time text settings (redundancy 2). Returns
/// PJSUA2RS_ERR_INVALID_ARG if `out` is NULL or `size` is not the struct's `sizeof` (a versioned
/// struct may be smaller: an older program). The caller owns `*out`; nothing is allocated.
/// Thread-safe.
#[no_mangle]
pub extern "C" fn pjsua2rs_account_text_config_default(
    out: *mut AccountTextConfig,
    size: usize,
) -> pjsua2rs_status {
    write_default(out, size, "pjsua2rs_account_text_config_default()")
}

/// Fills `*out` with PJSUA2's defaults for IP-change settings (shut the transport down, re-
/// INVITE with flags 50). Returns PJSUA2RS_ERR_INVALID_ARG if `out` is NULL or `size` is not the struct's `sizeof` (a versioned
/// struct may be smaller: an older program). The caller
/// owns `*out`; nothing is allocated. Thread-safe.
#[no_mangle]
pub extern "C" fn pjsua2rs_account_ip_change_config_default(
    out: *mut AccountIpChangeConfig,
    size: usize,
) -> pjsua2rs_status {
    write_default(out, size, "pjsua2rs_account_ip_change_config_default()")
}

/// Fills `*out` with PJSUA2's defaults for SRTP options (empty lists: every crypto and
/// keying). Returns PJSUA2RS_ERR_INVALID_ARG if `out` is NULL or `size` is not the struct's `sizeof` (a versioned
/// struct may be smaller: an older program). The caller owns `*out`;
/// nothing is allocated. Thread-safe.
#[no_mangle]
pub extern "C" fn pjsua2rs_srtp_opt_default(out: *mut SrtpOpt, size: usize) -> pjsua2rs_status {
    write_default(out, size, "pjsua2rs_srtp_opt_default()")
}

/// Fills `*out` with PJSUA2's defaults for an SRTP crypto entry (all empty). Returns
/// PJSUA2RS_ERR_INVALID_ARG if `out` is NULL or `size` is not the struct's `sizeof` (a versioned
/// struct may be smaller: an older program). The caller owns `*out`; nothing is allocated.
/// Thread-safe.
#[no_mangle]
pub extern "C" fn pjsua2rs_srtp_crypto_default(
    out: *mut SrtpCrypto,
    size: usize,
) -> pjsua2rs_status {
    write_default(out, size, "pjsua2rs_srtp_crypto_default()")
}

/// Fills `*out` with PJSUA2's defaults for RTCP feedback settings (no AVPF, no
/// capabilities). Returns PJSUA2RS_ERR_INVALID_ARG if `out` is NULL or `size` is not the
/// struct's `sizeof`. The caller owns `*out`; nothing is allocated. Thread-safe.
#[no_mangle]
pub extern "C" fn pjsua2rs_rtcp_fb_config_default(
    out: *mut RtcpFbConfig,
    size: usize,
) -> pjsua2rs_status {
    write_default(out, size, "pjsua2rs_rtcp_fb_config_default()")
}

/// Fills `*out` with PJSUA2's defaults for an RTCP feedback capability (type
/// PJSUA2RS_RTCP_FB_OTHER, empty strings). Returns PJSUA2RS_ERR_INVALID_ARG if `out` is
/// NULL or `size` is not the struct's `sizeof`. The caller owns `*out`; nothing is
/// allocated. Thread-safe.
#[no_mangle]
pub extern "C" fn pjsua2rs_rtcp_fb_cap_default(
    out: *mut RtcpFbCap,
    size: usize,
) -> pjsua2rs_status {
    write_default(out, size, "pjsua2rs_rtcp_fb_cap_default()")
}

/// Fills `*out` with PJSUA2's defaults for a buddy config (no subscription) and stamps
/// `struct_size`. Returns PJSUA2RS_ERR_INVALID_ARG if `out` is NULL or `size` is not the struct's `sizeof` (a versioned
/// struct may be smaller: an older program). The caller owns
/// `*out`; nothing is allocated. Thread-safe.
#[no_mangle]
pub extern "C" fn pjsua2rs_buddy_config_default(
    out: *mut BuddyConfig,
    size: usize,
) -> pjsua2rs_status {
    write_default_versioned(out, size, "pjsua2rs_buddy_config_default()")
}

/// Fills `*out` with PJSUA2's defaults for a credential (scheme "digest", realm "*", plain
/// password). Returns PJSUA2RS_ERR_INVALID_ARG if `out` is NULL or `size` is not the struct's `sizeof` (a versioned
/// struct may be smaller: an older program). The caller owns `*out`;
/// nothing is allocated. Thread-safe.
#[no_mangle]
pub extern "C" fn pjsua2rs_auth_cred_info_default(
    out: *mut AuthCredInfo,
    size: usize,
) -> pjsua2rs_status {
    write_default(out, size, "pjsua2rs_auth_cred_info_default()")
}

/// Fills `*out` with PJSUA2's defaults for a SIP header (empty name and value). Returns
/// PJSUA2RS_ERR_INVALID_ARG if `out` is NULL or `size` is not the struct's `sizeof` (a versioned
/// struct may be smaller: an older program). The caller owns `*out`; nothing is allocated.
/// Thread-safe.
#[no_mangle]
pub extern "C" fn pjsua2rs_sip_header_default(out: *mut SipHeader, size: usize) -> pjsua2rs_status {
    write_default(out, size, "pjsua2rs_sip_header_default()")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_are_written_and_null_is_refused() {
        let size = std::mem::size_of::<AccountConfig>();
        let mut cfg = std::mem::MaybeUninit::<AccountConfig>::uninit();
        assert_eq!(pjsua2rs_account_config_default(cfg.as_mut_ptr(), size), 0);
        // SAFETY: the call above initialised it.
        let cfg = unsafe { cfg.assume_init() };
        assert_eq!(cfg, AccountConfig::default());
        let ep_size = std::mem::size_of::<EpConfig>();
        assert_eq!(
            pjsua2rs_ep_config_default(std::ptr::null_mut(), ep_size),
            PJSUA2RS_ERR_INVALID_ARG
        );
    }

    #[test]
    fn sizes_are_checked() {
        let mut ua = UaConfig::default();
        let size = std::mem::size_of::<UaConfig>();
        assert_eq!(
            pjsua2rs_ua_config_default(&mut ua, size - 1),
            PJSUA2RS_ERR_INVALID_ARG
        );
        assert_eq!(pjsua2rs_ua_config_default(&mut ua, size), 0);
        // A versioned struct from an older program: only its bytes are written.
        let mut buddy = BuddyConfig {
            subscribe_dlg_event: true,
            ..BuddyConfig::default()
        };
        let older = std::mem::offset_of!(BuddyConfig, subscribe_dlg_event);
        assert_eq!(pjsua2rs_buddy_config_default(&mut buddy, older), 0);
        assert_eq!(buddy.struct_size as usize, older);
        assert!(buddy.subscribe_dlg_event, "past the older size: untouched");
        let full = std::mem::size_of::<BuddyConfig>();
        assert_eq!(
            pjsua2rs_buddy_config_default(&mut buddy, full + 1),
            PJSUA2RS_ERR_INVALID_ARG
        );
        assert_eq!(
            pjsua2rs_buddy_config_default(&mut buddy, 2),
            PJSUA2RS_ERR_INVALID_ARG
        );
    }
}
