//! The C ABI of the Endpoint (PJSUA2's `Endpoint`): life cycle, transports, events and
//! utilities.

use super::boundary::ffi_call;
use super::handle::{HandleKind, Registry};
use super::strings::{arg_str, copy_out_str};
use super::versioned::read_versioned;
use crate::ua::config::{EpConfig, TransportConfig};
use crate::ua::endpoint::{verify_sip_uri, verify_uri, Endpoint};
use crate::ua::fixed_str::FixedStr;
use crate::ua::status::{pjsua2rs_status, PJSUA2RS_ERR_INVALID_ARG, PJSUA2RS_ERR_TOO_SMALL};
use crate::ua::{Error, Result};
use std::os::raw::{c_char, c_int, c_uint};
use std::sync::{Arc, OnceLock};
use std::time::Duration;

/// A handle to an endpoint. 0 is never a valid handle.
#[allow(non_camel_case_types)]
pub type pjsua2rs_endpoint = u64;

fn endpoints() -> &'static Registry<Endpoint> {
    static REGISTRY: OnceLock<Registry<Endpoint>> = OnceLock::new();
    REGISTRY.get_or_init(|| Registry::new(HandleKind::Endpoint))
}

pub(super) fn endpoint(ep: pjsua2rs_endpoint) -> Result<Arc<Endpoint>> {
    endpoints().get(ep)
}

pub(super) fn null_arg(what: &str) -> Error {
    Error::new(PJSUA2RS_ERR_INVALID_ARG, "", format!("{what} is NULL"))
}

/// Writes `value` to `out` (checked non-NULL).
pub(super) fn write_out<T>(out: *mut T, value: T, what: &str) -> Result<()> {
    if out.is_null() {
        return Err(null_arg(what));
    }
    // SAFETY: non-NULL, and the caller promises it points to a writable T.
    unsafe { out.write(value) };
    Ok(())
}

/// Creates an endpoint (PJSUA2's `libCreate`) and writes its handle to `*out`. Several
/// endpoints may exist at once. Destroy it with `pjsua2rs_endpoint_destroy`.
#[no_mangle]
pub extern "C" fn pjsua2rs_endpoint_create(out: *mut pjsua2rs_endpoint) -> pjsua2rs_status {
    ffi_call("pjsua2rs_endpoint_create()", || {
        if out.is_null() {
            return Err(null_arg("out"));
        }
        let handle = endpoints().insert(Arc::new(Endpoint::new()));
        write_out(out, handle, "out")
    })
}

/// Shuts the endpoint down (PJSUA2's `libDestroy`: sockets closed, the library's threads
/// joined, no callback runs after this returns) and invalidates the handle. May be called
/// from a callback; then the callback thread ends when that callback returns.
#[no_mangle]
pub extern "C" fn pjsua2rs_endpoint_destroy(ep: pjsua2rs_endpoint) -> pjsua2rs_status {
    ffi_call("pjsua2rs_endpoint_destroy()", || {
        endpoints().remove(ep)?.lib_destroy()
    })
}

/// PJSUA2's `libInit`: applies `*cfg` (initialise it with `pjsua2rs_ep_config_default`)
/// and starts the library's threads. `cfg` is read during the call only. With
/// `ua_config.thread_cnt` 0 or `ua_config.main_thread_only`, callbacks run only inside
/// `pjsua2rs_endpoint_handle_events`.
#[no_mangle]
pub extern "C" fn pjsua2rs_endpoint_lib_init(
    ep: pjsua2rs_endpoint,
    cfg: *const EpConfig,
) -> pjsua2rs_status {
    ffi_call("pjsua2rs_endpoint_lib_init()", || {
        let ep = endpoint(ep)?;
        // SAFETY: the caller promises cfg is NULL or points to a config struct.
        let cfg: EpConfig = unsafe { read_versioned(cfg, "cfg")? };
        ep.lib_init(&cfg)
    })
}

/// PJSUA2's `libStart`.
#[no_mangle]
pub extern "C" fn pjsua2rs_endpoint_lib_start(ep: pjsua2rs_endpoint) -> pjsua2rs_status {
    ffi_call("pjsua2rs_endpoint_lib_start()", || {
        endpoint(ep)?.lib_start()
    })
}

/// PJSUA2's `libGetState`: writes one of `PJSUA2RS_STATE_*` to `*out`.
#[no_mangle]
pub extern "C" fn pjsua2rs_endpoint_lib_get_state(
    ep: pjsua2rs_endpoint,
    out: *mut c_int,
) -> pjsua2rs_status {
    ffi_call("pjsua2rs_endpoint_lib_get_state()", || {
        let state = endpoint(ep)?.state();
        write_out(out, state, "out")
    })
}

/// PJSUA2's `libHandleEvents`: in poll mode, waits up to `msec` milliseconds for
/// callbacks and runs every queued one on the calling thread, writing how many ran to
/// `*out_count` (which may be NULL). With a callback thread, it waits `msec` and reports 0.
#[no_mangle]
pub extern "C" fn pjsua2rs_endpoint_handle_events(
    ep: pjsua2rs_endpoint,
    msec: c_uint,
    out_count: *mut c_uint,
) -> pjsua2rs_status {
    ffi_call("pjsua2rs_endpoint_handle_events()", || {
        let n = endpoint(ep)?.lib_handle_events(msec)?;
        if !out_count.is_null() {
            // SAFETY: non-NULL and writable per the contract.
            unsafe { out_count.write(n) };
        }
        Ok(())
    })
}

/// PJSUA2's `transportCreate`: creates a transport of `type` (`PJSUA2RS_TRANSPORT_UDP`,
/// `_TCP`, `_UDP6`, `_TCP6`) per `*cfg` (initialise it with
/// `pjsua2rs_transport_config_default`; port 0 means any port) and writes its id to
/// `*out_id`.
#[no_mangle]
pub extern "C" fn pjsua2rs_endpoint_transport_create(
    ep: pjsua2rs_endpoint,
    transport_type: c_int,
    cfg: *const TransportConfig,
    out_id: *mut c_int,
) -> pjsua2rs_status {
    ffi_call("pjsua2rs_endpoint_transport_create()", || {
        let ep = endpoint(ep)?;
        if out_id.is_null() {
            return Err(null_arg("out_id"));
        }
        // SAFETY: the caller promises cfg is NULL or points to a config struct.
        let cfg: TransportConfig = unsafe { read_versioned(cfg, "cfg")? };
        let id = ep.transport_create(transport_type, &cfg)?;
        write_out(out_id, id, "out_id")
    })
}

/// PJSUA2's `transportEnum`: writes up to `cap` transport ids to `ids` and the number of
/// transports to `*out_count`. If `cap` is too small, nothing is written to `ids`,
/// `*out_count` gets the number needed and the result is `PJSUA2RS_ERR_TOO_SMALL`.
#[no_mangle]
pub extern "C" fn pjsua2rs_endpoint_transport_enum(
    ep: pjsua2rs_endpoint,
    ids: *mut c_int,
    cap: usize,
    out_count: *mut usize,
) -> pjsua2rs_status {
    ffi_call("pjsua2rs_endpoint_transport_enum()", || {
        let list = endpoint(ep)?.transport_enum()?;
        if out_count.is_null() {
            return Err(null_arg("out_count"));
        }
        // SAFETY: checked non-NULL.
        unsafe { out_count.write(list.len()) };
        if list.len() > cap {
            return Err(Error::new(
                PJSUA2RS_ERR_TOO_SMALL,
                "",
                format!("{} transports, room for {cap}", list.len()),
            ));
        }
        if !list.is_empty() {
            if ids.is_null() {
                return Err(null_arg("ids"));
            }
            // SAFETY: the caller promises `ids` has room for `cap` >= len ints.
            unsafe { std::ptr::copy_nonoverlapping(list.as_ptr(), ids, list.len()) };
        }
        Ok(())
    })
}

/// PJSUA2's `TransportInfo`.
#[repr(C)]
pub struct TransportInfo {
    /// The transport id.
    pub id: c_int,
    /// The `PJSUA2RS_TRANSPORT_*` type.
    pub r#type: c_int,
    /// "UDP", "TCP", "UDP6" or "TCP6".
    pub type_name: [c_char; 16],
    /// A description as PJSIP writes it: "udp 127.0.0.1:5060 [published as 127.0.0.1:5060]".
    pub info: [c_char; 384],
    /// `PJSUA2RS_TRANSPORT_FLAG_*` bits.
    pub flags: c_uint,
    /// The bound address, "ip:port" ("[ip]:port" for IPv6).
    pub local_address: [c_char; 64],
    /// The published address, "host:port".
    pub local_name: [c_char; 256],
    /// PJSIP's reference count: 1 for a UDP transport (held by the endpoint), 0 for a TCP
    /// listener (its connections are counted apart).
    pub usage_count: c_uint,
}

/// PJSUA2's `transportGetInfo`: writes transport `id`'s details to `*out`.
#[no_mangle]
pub extern "C" fn pjsua2rs_endpoint_transport_get_info(
    ep: pjsua2rs_endpoint,
    id: c_int,
    out: *mut TransportInfo,
) -> pjsua2rs_status {
    ffi_call("pjsua2rs_endpoint_transport_get_info()", || {
        let t = endpoint(ep)?.transport_get_info(id)?;
        let mut info = TransportInfo {
            id: t.id,
            r#type: t.transport_type,
            type_name: [0; 16],
            info: [0; 384],
            flags: t.flags(),
            local_address: [0; 64],
            local_name: [0; 256],
            usage_count: 0,
        };
        info.type_name.set_truncated(&t.type_name);
        info.info.set_truncated(&t.info());
        info.usage_count = t.usage_count();
        info.local_address.set_truncated(&t.local.to_string());
        info.local_name.set_truncated(&t.published_name());
        write_out(out, info, "out")
    })
}

/// PJSUA2's `transportClose`: closes transport `id` (and a TCP transport's
/// connections).
#[no_mangle]
pub extern "C" fn pjsua2rs_endpoint_transport_close(
    ep: pjsua2rs_endpoint,
    id: c_int,
) -> pjsua2rs_status {
    ffi_call("pjsua2rs_endpoint_transport_close()", || {
        endpoint(ep)?.transport_close(id)
    })
}

/// PJSUA2's `transportShutdown` (by transport id, as the library has no transport
/// pointers): a graceful close. Transport `id` leaves `pjsua2rs_endpoint_transport_enum`
/// at once and no new request uses it, but its socket stays open for the transactions
/// already using it (a REGISTER in progress still gets its answer) and closes when the
/// last of them ends; unused, it is closed when this returns.
/// `pjsua2rs_endpoint_transport_close` closes a transport shutting down at once.
/// Returns PJSUA2RS_ERR_NOT_FOUND for an unknown or already shut-down id,
/// PJSUA2RS_ERR_INVALID_HANDLE for a stale endpoint and PJSUA2RS_ERR_SIP_SHUTDOWN once
/// it is being destroyed. Thread-safe; may be called from a callback.
#[no_mangle]
pub extern "C" fn pjsua2rs_endpoint_transport_shutdown(
    ep: pjsua2rs_endpoint,
    id: c_int,
) -> pjsua2rs_status {
    ffi_call("pjsua2rs_endpoint_transport_shutdown()", || {
        endpoint(ep)?.transport_shutdown(id)
    })
}

/// PJSUA2's `transportSetEnable` (which PJSUA2 declares but never implemented): with
/// `enabled` false, transport `id` keeps its socket but drops every message it receives,
/// sends nothing (requests in progress on it time out) and is not used for new requests
/// (which then take another transport of the same kind, or fail); with `enabled` true it
/// works again. Both are idempotent; a transport is enabled when created. Returns
/// PJSUA2RS_ERR_NOT_FOUND for an unknown or shut-down id, PJSUA2RS_ERR_INVALID_HANDLE
/// for a stale endpoint and PJSUA2RS_ERR_SIP_SHUTDOWN once it is being destroyed.
/// Thread-safe; may be called from a callback.
#[no_mangle]
pub extern "C" fn pjsua2rs_endpoint_transport_set_enable(
    ep: pjsua2rs_endpoint,
    id: c_int,
    enabled: bool,
) -> pjsua2rs_status {
    ffi_call("pjsua2rs_endpoint_transport_set_enable()", || {
        endpoint(ep)?.transport_set_enable(id, enabled)
    })
}

/// The final response to a request sent with `pjsua2rs_endpoint_send_options`.
#[repr(C)]
pub struct RequestResult {
    /// The status code (200, 404...).
    pub status_code: c_int,
    /// The reason phrase.
    pub reason: [c_char; 256],
}

/// Sends an OPTIONS request to SIP URI `uri` outside any dialog and waits at most
/// `timeout_ms` for the final response (a pjsua2rs extension to probe a peer). Writes
/// the status and reason to `*out`, and the whole response to `msg_buf` (`msg_buf_len`
/// bytes, NUL-terminated; `msg_buf` may be NULL when not wanted; the length is written
/// to `*msg_len_out` when it is not NULL; a too-small buffer gives
/// `PJSUA2RS_ERR_NAME_TOO_LONG` with `*out` still written). No response within Timer F
/// gives status 170408 (PJSIP's 408 code); a transport failure 170503. Blocks the caller;
/// do not call it from a callback in poll mode.
#[no_mangle]
pub extern "C" fn pjsua2rs_endpoint_send_options(
    ep: pjsua2rs_endpoint,
    uri: *const c_char,
    timeout_ms: c_uint,
    out: *mut RequestResult,
    msg_buf: *mut c_char,
    msg_buf_len: usize,
    msg_len_out: *mut usize,
) -> pjsua2rs_status {
    ffi_call("pjsua2rs_endpoint_send_options()", || {
        let ep = endpoint(ep)?;
        // SAFETY: the caller promises a NUL-terminated string or NULL.
        let uri = unsafe { arg_str(uri, "uri")? };
        if out.is_null() {
            return Err(null_arg("out"));
        }
        let outcome = ep.send_options(uri, Duration::from_millis(timeout_ms as u64))?;
        let mut result = RequestResult {
            status_code: outcome.status_code as c_int,
            reason: [0; 256],
        };
        result.reason.set_truncated(&outcome.reason);
        write_out(out, result, "out")?;
        if !msg_buf.is_null() || !msg_len_out.is_null() {
            // SAFETY: buffers per the contract; copy_out_str checks NULL.
            unsafe { copy_out_str(&outcome.whole_msg, msg_buf, msg_buf_len, msg_len_out)? };
        }
        Ok(())
    })
}

/// PJSUA2's `utilLogWrite`: logs `msg` from `sender` at `level` through the endpoint's
/// log configuration.
#[no_mangle]
pub extern "C" fn pjsua2rs_endpoint_log_write(
    ep: pjsua2rs_endpoint,
    level: c_int,
    sender: *const c_char,
    msg: *const c_char,
) -> pjsua2rs_status {
    ffi_call("pjsua2rs_endpoint_log_write()", || {
        let ep = endpoint(ep)?;
        // SAFETY: NUL-terminated strings or NULL per the contract.
        let (sender, msg) = unsafe { (arg_str(sender, "sender")?, arg_str(msg, "msg")?) };
        ep.log_write(level.max(0) as u32, sender, msg)
    })
}

/// PJSUA2's `utilVerifySipUri`: 0 if `uri` is a valid `sip:`/`sips:` URI (a name-addr
/// such as `"Bob" <sip:bob@host>` is accepted), else `PJSUA2RS_ERR_SIP_INVALID_URI` or
/// `PJSUA2RS_ERR_SIP_INVALID_SCHEME` with the reason in `pjsua2rs_last_error`.
#[no_mangle]
pub extern "C" fn pjsua2rs_verify_sip_uri(uri: *const c_char) -> pjsua2rs_status {
    ffi_call("pjsua2rs_verify_sip_uri()", || {
        // SAFETY: NUL-terminated string or NULL per the contract.
        verify_sip_uri(unsafe { arg_str(uri, "uri")? })
    })
}

/// PJSUA2's `utilVerifyUri`: 0 if `uri` is any valid URI (`sip:`, `sips:`, `tel:`...).
#[no_mangle]
pub extern "C" fn pjsua2rs_verify_uri(uri: *const c_char) -> pjsua2rs_status {
    ffi_call("pjsua2rs_verify_uri()", || {
        // SAFETY: NUL-terminated string or NULL per the contract.
        verify_uri(unsafe { arg_str(uri, "uri")? })
    })
}

/// PJSUA2's `Version`.
#[repr(C)]
pub struct Version {
    /// Major number.
    pub major: c_int,
    /// Minor number.
    pub minor: c_int,
    /// Patch number.
    pub rev: c_int,
    /// A suffix such as "-dev" (empty for a release).
    pub suffix: [c_char; 32],
    /// The whole version, e.g. "0.1.0".
    pub full: [c_char; 64],
    /// major << 24 | minor << 16 | rev << 8.
    pub numeric: c_uint,
}

/// PJSUA2's `libVersion`: the library's version. Needs no endpoint.
#[no_mangle]
pub extern "C" fn pjsua2rs_version(out: *mut Version) -> pjsua2rs_status {
    ffi_call("pjsua2rs_version()", || {
        let num = |s: &str| s.parse::<c_int>().unwrap_or(0);
        let (major, minor, rev) = (
            num(env!("CARGO_PKG_VERSION_MAJOR")),
            num(env!("CARGO_PKG_VERSION_MINOR")),
            num(env!("CARGO_PKG_VERSION_PATCH")),
        );
        let mut v = Version {
            major,
            minor,
            rev,
            suffix: [0; 32],
            full: [0; 64],
            numeric: ((major as c_uint) << 24) | ((minor as c_uint) << 16) | ((rev as c_uint) << 8),
        };
        let pre = env!("CARGO_PKG_VERSION_PRE");
        v.suffix
            .set_truncated(if pre.is_empty() { "" } else { pre });
        v.full.set_truncated(env!("CARGO_PKG_VERSION"));
        write_out(out, v, "out")
    })
}
