//! The C ABI of PJSUA2's `AudioMedia` links: a conference port, named by its slot (from
//! `pjsua2rs_call_get_audio_media`, a media object's `_get_port_id`, or 0 for the sound
//! device), transmits to another.

use super::boundary::ffi_call;
use super::endpoint::{endpoint, pjsua2rs_endpoint};
use crate::media::Slot;
use crate::ua::status::{pjsua2rs_status, PJSUA2RS_ERR_INVALID_ARG};
use crate::ua::{Error, Result};
use std::os::raw::c_int;

/// A slot from C; a negative one is INVALID_ARG naming `what`.
fn slot(s: c_int, what: &str) -> Result<Slot> {
    Slot::try_from(s).map_err(|_| {
        Error::new(
            PJSUA2RS_ERR_INVALID_ARG,
            "",
            format!("{what} {s} is not a conference slot"),
        )
    })
}

/// PJSUA2's `AudioMedia::startTransmit2`: port `src` of endpoint `ep` transmits to port
/// `sink` at `level` (1.0: unchanged, PJSUA2's `startTransmit`; 0: muted). Again with the
/// same pair changes the level. A link to or from slot 0 opens the sound device unless
/// the application chose the null device.
#[no_mangle]
pub extern "C" fn pjsua2rs_audio_media_start_transmit(
    ep: pjsua2rs_endpoint,
    src: c_int,
    sink: c_int,
    level: f32,
) -> pjsua2rs_status {
    ffi_call("pjsua2rs_audio_media_start_transmit()", || {
        let (src, sink) = (slot(src, "src")?, slot(sink, "sink")?);
        endpoint(ep)?.audio_media_start_transmit(src, sink, level)
    })
}

/// PJSUA2's `AudioMedia::stopTransmit`: port `src` no longer transmits to port `sink`
/// (no error if it did not).
#[no_mangle]
pub extern "C" fn pjsua2rs_audio_media_stop_transmit(
    ep: pjsua2rs_endpoint,
    src: c_int,
    sink: c_int,
) -> pjsua2rs_status {
    ffi_call("pjsua2rs_audio_media_stop_transmit()", || {
        let (src, sink) = (slot(src, "src")?, slot(sink, "sink")?);
        endpoint(ep)?.audio_media_stop_transmit(src, sink)
    })
}
