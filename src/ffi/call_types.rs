//! The C structs of calls: what the application passes (PJSUA2's `CallOpParam`,
//! `CallSetting`, `SipTxOption`) and what it reads (`CallInfo`, `CallMediaInfo`), with
//! their conversions.

use super::config::write_default_versioned;
use super::strings::arg_str;
use super::versioned::Versioned;
use crate::ua::call::{
    CallInfo, CallOpParam, TxHeader, TxOption, PJSUA2RS_CALL_INCLUDE_DISABLED_MEDIA,
};
use crate::ua::config::{SipHeader, PJSUA2RS_MAX_HEADERS};
use crate::ua::fixed_str::FixedStr;
use crate::ua::status::{pjsua2rs_status, PJSUA2RS_ERR_INVALID_ARG};
use crate::ua::{Error, Result};
use std::os::raw::{c_char, c_int, c_uint};

/// The longest content type in a `pjsua2rs_sip_tx_option`.
pub const PJSUA2RS_CONTENT_TYPE_LEN: usize = 128;
/// The most media lines a `pjsua2rs_call_info` reports.
pub const PJSUA2RS_MAX_CALL_MEDIA: usize = 16;

/// PJSUA2's `SipTxOption`: headers and a body the application adds to a request or
/// response.
#[repr(C)]
#[derive(Clone, Copy)]
pub struct SipTxOptionC {
    /// `sizeof(pjsua2rs_sip_tx_option)` (stamped by `pjsua2rs_sip_tx_option_default`).
    pub struct_size: u32,
    /// Extra headers (the first `headers_count`).
    pub headers: [SipHeader; PJSUA2RS_MAX_HEADERS],
    /// How many of `headers` are used.
    pub headers_count: c_uint,
    /// The body's content type ("" for no body).
    pub content_type: [c_char; PJSUA2RS_CONTENT_TYPE_LEN],
    /// The body, NUL-terminated UTF-8 (NULL for none); read during the call only.
    pub msg_body: *const c_char,
}

impl Default for SipTxOptionC {
    fn default() -> Self {
        SipTxOptionC {
            struct_size: std::mem::size_of::<SipTxOptionC>() as u32,
            headers: [SipHeader::default(); PJSUA2RS_MAX_HEADERS],
            headers_count: 0,
            content_type: [0; PJSUA2RS_CONTENT_TYPE_LEN],
            msg_body: std::ptr::null(),
        }
    }
}

// SAFETY: repr(C), starts with `struct_size: u32`, plain data (the body pointer is only
// read during the call it is passed to).
unsafe impl Versioned for SipTxOptionC {
    const C_NAME: &'static str = "sip_tx_option";
}

/// PJSUA2's `CallSetting`. All zero means "the defaults" (one audio stream), as in PJSUA2.
#[repr(C)]
#[derive(Clone, Copy, Default)]
pub struct CallSettingC {
    /// PJSUA2RS_CALL_* flags (UNHOLD, NO_SDP_OFFER, INCLUDE_DISABLED_MEDIA...).
    pub flag: c_uint,
    /// PJSUA2's `reqKeyframeMethod` (video; kept for compatibility).
    pub req_keyframe_method: c_uint,
    /// Audio streams (0 or 1).
    pub audio_count: c_uint,
    /// Video streams (must be 0: no video).
    pub video_count: c_uint,
}

/// PJSUA2's `CallOpParam`.
#[repr(C)]
#[derive(Clone, Copy)]
pub struct CallOpParamC {
    /// `sizeof(pjsua2rs_call_op_param)` (stamped by `pjsua2rs_call_op_param_default`).
    pub struct_size: u32,
    /// The call setting (all zero: the defaults).
    pub opt: CallSettingC,
    /// A status code (answer, hangup; 0 for the default).
    pub status_code: c_uint,
    /// A reason phrase ("" for the standard one).
    pub reason: [c_char; 256],
    /// PJSUA2's `options` (PJSUA2RS_XFER_NO_REQUIRE_REPLACES for xferReplaces).
    pub options: c_uint,
    /// Extra headers and body.
    pub tx_option: SipTxOptionC,
}

impl Default for CallOpParamC {
    fn default() -> Self {
        CallOpParamC {
            struct_size: std::mem::size_of::<CallOpParamC>() as u32,
            opt: CallSettingC::default(),
            status_code: 0,
            reason: [0; 256],
            options: 0,
            tx_option: SipTxOptionC::default(),
        }
    }
}

// SAFETY: repr(C), starts with `struct_size: u32`, plain data.
unsafe impl Versioned for CallOpParamC {
    const C_NAME: &'static str = "call_op_param";
}

/// Fills `*out` with an empty tx option and stamps `struct_size` with `size` (`sizeof
/// *out`). PJSUA2RS_ERR_INVALID_ARG for NULL or a wrong size.
#[no_mangle]
pub extern "C" fn pjsua2rs_sip_tx_option_default(
    out: *mut SipTxOptionC,
    size: usize,
) -> pjsua2rs_status {
    write_default_versioned(out, size, "pjsua2rs_sip_tx_option_default()")
}

/// Fills `*out` with PJSUA2's `CallOpParam()` defaults (status 0, no reason, the default
/// call setting, no headers) and stamps `struct_size` with `size` (`sizeof *out`).
#[no_mangle]
pub extern "C" fn pjsua2rs_call_op_param_default(
    out: *mut CallOpParamC,
    size: usize,
) -> pjsua2rs_status {
    write_default_versioned(out, size, "pjsua2rs_call_op_param_default()")
}

fn invalid(reason: String) -> Error {
    Error::new(PJSUA2RS_ERR_INVALID_ARG, "", reason)
}

/// The Rust tx option of a C one (`what` names it in errors).
///
/// # Safety
/// `tx.msg_body` is NULL or a NUL-terminated string.
pub unsafe fn tx_option(tx: &SipTxOptionC, what: &str) -> Result<TxOption> {
    let n = tx.headers_count as usize;
    if n > PJSUA2RS_MAX_HEADERS {
        return Err(invalid(format!(
            "{what}.headers_count {n} is over {PJSUA2RS_MAX_HEADERS}"
        )));
    }
    let mut headers = Vec::with_capacity(n);
    for (i, h) in tx.headers[..n].iter().enumerate() {
        let name = h
            .hname
            .get_str(&format!("{what}.headers[{i}].hname"))?
            .trim()
            .to_string();
        let value = h
            .hvalue
            .get_str(&format!("{what}.headers[{i}].hvalue"))?
            .to_string();
        if name.is_empty() || !name.bytes().all(|b| b.is_ascii_graphic() && b != b':') {
            return Err(invalid(format!(
                "{what}.headers[{i}].hname '{name}' is not a header name"
            )));
        }
        if value.contains(['\r', '\n']) {
            return Err(invalid(format!(
                "{what}.headers[{i}].hvalue holds a line break"
            )));
        }
        headers.push(TxHeader { name, value });
    }
    let content_type = tx
        .content_type
        .get_str(&format!("{what}.content_type"))?
        .trim()
        .to_string();
    let msg_body = if tx.msg_body.is_null() {
        String::new()
    } else {
        arg_str(tx.msg_body, &format!("{what}.msg_body"))?.to_string()
    };
    if content_type.is_empty() && !msg_body.is_empty() {
        return Err(invalid(format!(
            "{what}.msg_body is set without a content_type"
        )));
    }
    Ok(TxOption {
        headers,
        content_type,
        msg_body,
    })
}

/// The Rust call parameters of C ones.
///
/// # Safety
/// As [`tx_option`].
pub unsafe fn call_op_param(p: &CallOpParamC) -> Result<CallOpParam> {
    let defaults = CallOpParam::default();
    let opt = p.opt;
    let empty = opt.flag == 0
        && opt.req_keyframe_method == 0
        && opt.audio_count == 0
        && opt.video_count == 0;
    if opt.video_count != 0 {
        return Err(invalid(
            "prm.opt.video_count: video is not supported".into(),
        ));
    }
    if opt.audio_count > 1 {
        return Err(invalid(format!(
            "prm.opt.audio_count {} is over 1",
            opt.audio_count
        )));
    }
    let status_code = p.status_code;
    if status_code != 0 && !(100..700).contains(&status_code) {
        return Err(invalid(format!(
            "prm.status_code {status_code} is not a SIP status"
        )));
    }
    Ok(CallOpParam {
        status_code: status_code as u16,
        reason: p.reason.get_str("prm.reason")?.to_string(),
        flag: if empty {
            PJSUA2RS_CALL_INCLUDE_DISABLED_MEDIA
        } else {
            opt.flag
        },
        audio_count: if empty {
            defaults.audio_count
        } else {
            opt.audio_count
        },
        tx_option: tx_option(&p.tx_option, "prm.tx_option")?,
        options: p.options,
    })
}

/// PJSUA2's `TimeVal`.
#[repr(C)]
#[derive(Clone, Copy, Default)]
pub struct TimeValC {
    /// Seconds.
    pub sec: i64,
    /// Milliseconds.
    pub msec: i64,
}

/// PJSUA2's `CallMediaInfo`.
#[repr(C)]
#[derive(Clone, Copy, Default)]
pub struct CallMediaInfoC {
    /// The media line's index in the SDP.
    pub index: c_uint,
    /// PJMEDIA_TYPE_AUDIO (1), or NONE (0) for a line we do not use.
    pub media_type: c_int,
    /// PJMEDIA_DIR_*: ENCODING 1, DECODING 2, both 3, none 0.
    pub dir: c_int,
    /// PJSUA2RS_CALL_MEDIA_*.
    pub status: c_int,
    /// The call's port in the conference bridge, -1 until media runs.
    pub audio_conf_slot: c_int,
}

/// PJSUA2's `CallInfo`: a snapshot of a call.
#[repr(C)]
#[derive(Clone, Copy)]
pub struct CallInfoC {
    /// The call id (PJSUA2's `Call::getId`).
    pub id: c_int,
    /// PJSUA2RS_ROLE_UAC (0) or PJSUA2RS_ROLE_UAS (1).
    pub role: c_int,
    /// The account id.
    pub acc_id: c_int,
    /// Our URI.
    pub local_uri: [c_char; 512],
    /// Our Contact.
    pub local_contact: [c_char; 512],
    /// The peer's URI.
    pub remote_uri: [c_char; 512],
    /// The peer's Contact ("" until known).
    pub remote_contact: [c_char; 512],
    /// The Call-ID.
    pub call_id_string: [c_char; 256],
    /// PJSIP_INV_STATE_*: NULL 0, CALLING 1, INCOMING 2, EARLY 3, CONNECTING 4,
    /// CONFIRMED 5, DISCONNECTED 6.
    pub state: c_int,
    /// Its name ("CALLING", ..., "DISCONNECTED"), as `pjsip_inv_state_name`.
    pub state_text: [c_char; 32],
    /// The last status code.
    pub last_status_code: c_int,
    /// Its reason.
    pub last_reason: [c_char; 256],
    /// How many of `media` are used.
    pub media_count: c_uint,
    /// The media lines.
    pub media: [CallMediaInfoC; PJSUA2RS_MAX_CALL_MEDIA],
    /// Time since the call was answered.
    pub connect_duration: TimeValC,
    /// Time since the call started.
    pub total_duration: TimeValC,
    /// Whether the peer made the last offer.
    pub rem_offerer: bool,
    /// Audio streams the peer offered.
    pub rem_audio_count: c_uint,
    /// Video streams the peer offered.
    pub rem_video_count: c_uint,
}

/// The C form of a call's info (strings cut to their fields' sizes).
pub fn call_info(i: &CallInfo) -> CallInfoC {
    let mut out = CallInfoC {
        id: i.id,
        role: i.role,
        acc_id: i.acc_id,
        local_uri: [0; 512],
        local_contact: [0; 512],
        remote_uri: [0; 512],
        remote_contact: [0; 512],
        call_id_string: [0; 256],
        state: i.state,
        state_text: [0; 32],
        last_status_code: i.last_status_code,
        last_reason: [0; 256],
        media_count: i.media.len().min(PJSUA2RS_MAX_CALL_MEDIA) as c_uint,
        media: [CallMediaInfoC::default(); PJSUA2RS_MAX_CALL_MEDIA],
        connect_duration: TimeValC {
            sec: i.connect_duration.sec,
            msec: i.connect_duration.msec,
        },
        total_duration: TimeValC {
            sec: i.total_duration.sec,
            msec: i.total_duration.msec,
        },
        rem_offerer: i.rem_offerer,
        rem_audio_count: i.rem_audio_count,
        rem_video_count: i.rem_video_count,
    };
    out.local_uri.set_truncated(&i.local_uri);
    out.local_contact.set_truncated(&i.local_contact);
    out.remote_uri.set_truncated(&i.remote_uri);
    out.remote_contact.set_truncated(&i.remote_contact);
    out.call_id_string.set_truncated(&i.call_id_string);
    out.state_text.set_truncated(&i.state_text);
    out.last_reason.set_truncated(&i.last_reason);
    for (slot, m) in out.media.iter_mut().zip(&i.media) {
        *slot = CallMediaInfoC {
            index: m.index,
            media_type: m.media_type,
            dir: m.dir,
            status: m.status,
            audio_conf_slot: m.audio_conf_slot,
        };
    }
    out
}
