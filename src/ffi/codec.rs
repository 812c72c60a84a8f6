//! The C ABI of codec management (PJSUA2's `Endpoint::codecEnum2`, `codecSetPriority`,
//! `codecGetParam`, `codecSetParam`).

use super::boundary::ffi_call;
use super::endpoint::{endpoint, null_arg, pjsua2rs_endpoint, write_out};
use super::strings::arg_str;
use crate::media::codec::{CodecFmtp, CodecParam, CodecParamInfo, CodecParamSetting};
use crate::ua::fixed_str::FixedStr;
use crate::ua::status::{pjsua2rs_status, PJSUA2RS_ERR_INVALID_ARG};
use crate::ua::Error;
use std::os::raw::c_char;

/// The most fmtp parameters a `pjsua2rs_codec_param` carries each way.
pub const PJSUA2RS_MAX_CODEC_FMTP: usize = 8;

/// PJSUA2's `CodecInfo`: one entry of `codecEnum2`.
#[repr(C)]
#[derive(Clone, Copy)]
pub struct CodecInfoC {
    /// `name/clock_rate/channels`, e.g. "PCMU/8000/1".
    pub codec_id: [c_char; 64],
    /// 0 disables; higher is offered first.
    pub priority: u8,
}

/// PJSUA2's `codecEnum2`: writes up to `capacity` codecs, highest priority first, to
/// `out` and their total number to `*count` (call with `capacity` 0 to size the array).
#[no_mangle]
pub extern "C" fn pjsua2rs_endpoint_codec_enum2(
    ep: pjsua2rs_endpoint,
    out: *mut CodecInfoC,
    capacity: usize,
    count: *mut usize,
) -> pjsua2rs_status {
    ffi_call("pjsua2rs_endpoint_codec_enum2()", || {
        let list = endpoint(ep)?.codec_enum2()?;
        if capacity > 0 && out.is_null() {
            return Err(null_arg("out"));
        }
        for (i, c) in list.iter().take(capacity).enumerate() {
            let mut item = CodecInfoC {
                codec_id: [0; 64],
                priority: c.priority,
            };
            item.codec_id.set_truncated(&c.codec_id);
            // SAFETY: the caller promises room for `capacity` entries at `out`.
            unsafe { out.add(i).write(item) };
        }
        write_out(count, list.len(), "count")
    })
}

/// PJSUA2's `codecSetPriority`: `codec_id` may be a prefix ("PCMU", or "" for every
/// codec); priority 0 disables. New calls use the new order.
#[no_mangle]
pub extern "C" fn pjsua2rs_endpoint_codec_set_priority(
    ep: pjsua2rs_endpoint,
    codec_id: *const c_char,
    priority: u8,
) -> pjsua2rs_status {
    ffi_call("pjsua2rs_endpoint_codec_set_priority()", || {
        // SAFETY: the caller promises a NUL-terminated string.
        let id = unsafe { arg_str(codec_id, "codec_id")? };
        endpoint(ep)?.codec_set_priority(id, priority)
    })
}

/// One fmtp parameter.
#[repr(C)]
#[derive(Clone, Copy)]
pub struct CodecFmtpC {
    /// Its name.
    pub name: [c_char; 32],
    /// Its value.
    pub val: [c_char; 64],
}

/// PJSUA2's `CodecParam` (`info` and `setting` flattened).
#[repr(C)]
#[derive(Clone, Copy)]
pub struct CodecParamC {
    /// PCM sampling rate.
    pub clock_rate: u32,
    /// PCM channels.
    pub channel_cnt: u32,
    /// Average bit rate.
    pub avg_bps: u32,
    /// Highest bit rate.
    pub max_bps: u32,
    /// Largest payload the decoder takes (0: any).
    pub max_rx_frame_size: u32,
    /// Milliseconds per codec frame.
    pub frame_len: u32,
    /// Bits per PCM sample.
    pub pcm_bits_per_sample: u32,
    /// Payload type.
    pub pt: u32,
    /// Codec frames per packet.
    pub frm_per_pkt: u32,
    /// Voice activity detection.
    pub vad: bool,
    /// Comfort noise.
    pub cng: bool,
    /// Perceptual enhancement.
    pub penh: bool,
    /// Packet loss concealment.
    pub plc: bool,
    /// Expected loss, percent (Opus).
    pub packet_loss: u32,
    /// Complexity 0-10 (Opus).
    pub complexity: u32,
    /// Constant bit rate (Opus).
    pub cbr: bool,
    /// Used entries of `enc_fmtp`.
    pub enc_fmtp_count: u32,
    /// The remote's fmtp for our encoder.
    pub enc_fmtp: [CodecFmtpC; PJSUA2RS_MAX_CODEC_FMTP],
    /// Used entries of `dec_fmtp`.
    pub dec_fmtp_count: u32,
    /// Our fmtp for our decoder.
    pub dec_fmtp: [CodecFmtpC; PJSUA2RS_MAX_CODEC_FMTP],
}

fn fmtp_out(list: &[CodecFmtp]) -> (u32, [CodecFmtpC; PJSUA2RS_MAX_CODEC_FMTP]) {
    let mut out = [CodecFmtpC {
        name: [0; 32],
        val: [0; 64],
    }; PJSUA2RS_MAX_CODEC_FMTP];
    for (o, f) in out.iter_mut().zip(list) {
        o.name.set_truncated(&f.name);
        o.val.set_truncated(&f.val);
    }
    (list.len().min(PJSUA2RS_MAX_CODEC_FMTP) as u32, out)
}

fn fmtp_in(count: u32, list: &[CodecFmtpC]) -> crate::ua::Result<Vec<CodecFmtp>> {
    if count as usize > PJSUA2RS_MAX_CODEC_FMTP {
        return Err(Error::new(
            PJSUA2RS_ERR_INVALID_ARG,
            "",
            format!("{count} fmtp parameters (at most {PJSUA2RS_MAX_CODEC_FMTP})"),
        ));
    }
    list[..count as usize]
        .iter()
        .map(|f| {
            Ok(CodecFmtp::new(
                f.name.get_str("name")?,
                f.val.get_str("val")?,
            ))
        })
        .collect()
}

fn param_out(p: &CodecParam) -> CodecParamC {
    let (enc_fmtp_count, enc_fmtp) = fmtp_out(&p.setting.enc_fmtp);
    let (dec_fmtp_count, dec_fmtp) = fmtp_out(&p.setting.dec_fmtp);
    CodecParamC {
        clock_rate: p.info.clock_rate,
        channel_cnt: p.info.channel_cnt,
        avg_bps: p.info.avg_bps,
        max_bps: p.info.max_bps,
        max_rx_frame_size: p.info.max_rx_frame_size,
        frame_len: p.info.frame_len,
        pcm_bits_per_sample: p.info.pcm_bits_per_sample,
        pt: p.info.pt,
        frm_per_pkt: p.setting.frm_per_pkt,
        vad: p.setting.vad,
        cng: p.setting.cng,
        penh: p.setting.penh,
        plc: p.setting.plc,
        packet_loss: p.setting.packet_loss,
        complexity: p.setting.complexity,
        cbr: p.setting.cbr,
        enc_fmtp_count,
        enc_fmtp,
        dec_fmtp_count,
        dec_fmtp,
    }
}

fn param_in(c: &CodecParamC) -> crate::ua::Result<CodecParam> {
    Ok(CodecParam {
        info: CodecParamInfo {
            clock_rate: c.clock_rate,
            channel_cnt: c.channel_cnt,
            avg_bps: c.avg_bps,
            max_bps: c.max_bps,
            max_rx_frame_size: c.max_rx_frame_size,
            frame_len: c.frame_len,
            pcm_bits_per_sample: c.pcm_bits_per_sample,
            pt: c.pt,
            fmt_id: 0,
        },
        setting: CodecParamSetting {
            frm_per_pkt: c.frm_per_pkt,
            vad: c.vad,
            cng: c.cng,
            penh: c.penh,
            plc: c.plc,
            reserved: false,
            enc_fmtp: fmtp_in(c.enc_fmtp_count, &c.enc_fmtp)?,
            dec_fmtp: fmtp_in(c.dec_fmtp_count, &c.dec_fmtp)?,
            packet_loss: c.packet_loss,
            complexity: c.complexity,
            cbr: c.cbr,
        },
    })
}

/// PJSUA2's `codecGetParam`: the codec's default parameters.
#[no_mangle]
pub extern "C" fn pjsua2rs_endpoint_codec_get_param(
    ep: pjsua2rs_endpoint,
    codec_id: *const c_char,
    out: *mut CodecParamC,
) -> pjsua2rs_status {
    ffi_call("pjsua2rs_endpoint_codec_get_param()", || {
        // SAFETY: the caller promises a NUL-terminated string.
        let id = unsafe { arg_str(codec_id, "codec_id")? };
        let p = endpoint(ep)?.codec_get_param(id)?;
        write_out(out, param_out(&p), "out")
    })
}

/// PJSUA2's `codecSetParam`: new default parameters for the codec (`param` NULL
/// restores the built-in ones).
#[no_mangle]
pub extern "C" fn pjsua2rs_endpoint_codec_set_param(
    ep: pjsua2rs_endpoint,
    codec_id: *const c_char,
    param: *const CodecParamC,
) -> pjsua2rs_status {
    ffi_call("pjsua2rs_endpoint_codec_set_param()", || {
        // SAFETY: the caller promises a NUL-terminated string.
        let id = unsafe { arg_str(codec_id, "codec_id")? };
        // SAFETY: the caller promises NULL or an initialised struct.
        let param = match unsafe { param.as_ref() } {
            Some(c) => Some(param_in(c)?),
            None => None,
        };
        endpoint(ep)?.codec_set_param(id, param)
    })
}
