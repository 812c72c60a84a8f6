//! The C ABI of PJSUA2's `ToneGenerator`: a conference port playing queued tones (one or
//! two frequencies) and DTMF digits through its digit map.

use super::boundary::ffi_call;
use super::endpoint::{endpoint, null_arg, pjsua2rs_endpoint, write_out};
use super::handle::HandleKind;
use super::media::write_list;
use super::media_object::MediaObjects;
use crate::media::tone::{ToneDesc, ToneDigit, ToneDigitMapDigit};
use crate::ua::status::{pjsua2rs_status, PJSUA2RS_ERR_INVALID_ARG};
use crate::ua::{Error, Result};
use std::os::raw::{c_char, c_int};
use std::sync::OnceLock;

/// A handle to a tone generator. 0 is never a valid handle.
#[allow(non_camel_case_types)]
pub type pjsua2rs_tone_generator = u64;

/// PJSUA2's `ToneDesc`: one tone.
#[repr(C)]
#[derive(Clone, Copy)]
pub struct ToneDescC {
    /// First frequency in Hz.
    pub freq1: u16,
    /// Second frequency in Hz (0: a single-frequency tone).
    pub freq2: u16,
    /// Milliseconds on.
    pub on_msec: u16,
    /// Milliseconds of silence after.
    pub off_msec: u16,
    /// Peak amplitude (0: 12288, pjmedia's default).
    pub volume: i16,
}

/// PJSUA2's `ToneDigit`: one DTMF digit to play.
#[repr(C)]
#[derive(Clone, Copy)]
pub struct ToneDigitC {
    /// The digit ('0'-'9', '*', '#', 'A'-'D', or any the digit map has; any case).
    pub digit: c_char,
    /// Milliseconds on.
    pub on_msec: u16,
    /// Milliseconds of silence after.
    pub off_msec: u16,
    /// Peak amplitude (0: 12288, pjmedia's default).
    pub volume: i16,
}

/// PJSUA2's `ToneDigitMapDigit`: the two frequencies of a digit.
#[repr(C)]
#[derive(Clone, Copy)]
pub struct ToneDigitMapDigitC {
    /// The digit.
    pub digit: c_char,
    /// Low-group frequency in Hz.
    pub freq1: u16,
    /// High-group frequency in Hz.
    pub freq2: u16,
}

fn generators() -> &'static MediaObjects {
    static REGISTRY: OnceLock<MediaObjects> = OnceLock::new();
    REGISTRY.get_or_init(|| MediaObjects::new(HandleKind::ToneGenerator))
}

/// `count` items at `ptr` (NULL is fine when `count` is 0).
///
/// # Safety
/// `ptr` must be NULL or point to `count` readable `T`s.
unsafe fn items<'a, T>(ptr: *const T, count: usize, what: &str) -> Result<&'a [T]> {
    match (ptr.is_null(), count) {
        (_, 0) => Ok(&[]),
        (true, _) => Err(null_arg(what)),
        (false, n) => Ok(std::slice::from_raw_parts(ptr, n)),
    }
}

/// A digit from C: an ASCII character.
fn digit(c: c_char) -> Result<char> {
    u8::try_from(c)
        .ok()
        .filter(u8::is_ascii)
        .map(char::from)
        .ok_or_else(|| {
            Error::new(
                PJSUA2RS_ERR_INVALID_ARG,
                "",
                format!("digit {c} is not an ASCII character"),
            )
        })
}

/// PJSUA2's `ToneGenerator::createToneGenerator`: a new, silent conference port (tones
/// are made at the bridge's rate and channel count); writes its handle to `*out`.
#[no_mangle]
pub extern "C" fn pjsua2rs_tone_generator_create(
    ep: pjsua2rs_endpoint,
    out: *mut pjsua2rs_tone_generator,
) -> pjsua2rs_status {
    ffi_call("pjsua2rs_tone_generator_create()", || {
        let ep = endpoint(ep)?;
        if out.is_null() {
            return Err(null_arg("out"));
        }
        let obj = ep.tone_generator_create()?;
        write_out(out, generators().insert(&ep, obj), "out")
    })
}

/// PJSUA2's `AudioMedia::getPortId` of a tone generator: its conference slot.
#[no_mangle]
pub extern "C" fn pjsua2rs_tone_generator_get_port_id(
    tg: pjsua2rs_tone_generator,
    out: *mut c_int,
) -> pjsua2rs_status {
    ffi_call("pjsua2rs_tone_generator_get_port_id()", || {
        write_out(out, generators().get(tg)?.port_id(), "out")
    })
}

/// PJSUA2's `ToneGenerator::play`: queues the `count` tones of `tones` after those
/// queued (at most 32 in all: more is PJSUA2RS_ERR_TOO_MANY and queues nothing); with
/// `looped`, the queue plays over and over until `stop`.
#[no_mangle]
pub extern "C" fn pjsua2rs_tone_generator_play(
    tg: pjsua2rs_tone_generator,
    tones: *const ToneDescC,
    count: usize,
    looped: bool,
) -> pjsua2rs_status {
    ffi_call("pjsua2rs_tone_generator_play()", || {
        // SAFETY: the caller promises `count` tones at `tones`.
        let list: Vec<ToneDesc> = unsafe { items(tones, count, "tones")? }
            .iter()
            .map(|t| ToneDesc {
                freq1: t.freq1,
                freq2: t.freq2,
                on_msec: t.on_msec,
                off_msec: t.off_msec,
                volume: t.volume,
            })
            .collect();
        let (ep, obj) = generators().target(tg)?;
        ep.tone_play(obj, &list, looped)
    })
}

/// PJSUA2's `ToneGenerator::playDigits`: queues the `count` digits of `digits` (each
/// through the digit map; a digit it lacks is PJSUA2RS_ERR_MEDIA_INVALID_DTMF and queues
/// nothing), as `pjsua2rs_tone_generator_play`.
#[no_mangle]
pub extern "C" fn pjsua2rs_tone_generator_play_digits(
    tg: pjsua2rs_tone_generator,
    digits: *const ToneDigitC,
    count: usize,
    looped: bool,
) -> pjsua2rs_status {
    ffi_call("pjsua2rs_tone_generator_play_digits()", || {
        // SAFETY: the caller promises `count` digits at `digits`.
        let list = unsafe { items(digits, count, "digits")? }
            .iter()
            .map(|d| {
                Ok(ToneDigit {
                    digit: digit(d.digit)?,
                    on_msec: d.on_msec,
                    off_msec: d.off_msec,
                    volume: d.volume,
                })
            })
            .collect::<Result<Vec<_>>>()?;
        let (ep, obj) = generators().target(tg)?;
        ep.tone_play_digits(obj, &list, looped)
    })
}

/// PJSUA2's `ToneGenerator::stop`: silences the generator and empties its queue.
#[no_mangle]
pub extern "C" fn pjsua2rs_tone_generator_stop(tg: pjsua2rs_tone_generator) -> pjsua2rs_status {
    ffi_call("pjsua2rs_tone_generator_stop()", || {
        let (ep, obj) = generators().target(tg)?;
        ep.tone_stop(obj)
    })
}

/// PJSUA2's `ToneGenerator::rewind`: plays the queue again from its first tone.
#[no_mangle]
pub extern "C" fn pjsua2rs_tone_generator_rewind(tg: pjsua2rs_tone_generator) -> pjsua2rs_status {
    ffi_call("pjsua2rs_tone_generator_rewind()", || {
        let (ep, obj) = generators().target(tg)?;
        ep.tone_rewind(obj)
    })
}

/// PJSUA2's `ToneGenerator::isBusy`: writes whether tones are queued.
#[no_mangle]
pub extern "C" fn pjsua2rs_tone_generator_is_busy(
    tg: pjsua2rs_tone_generator,
    out: *mut bool,
) -> pjsua2rs_status {
    ffi_call("pjsua2rs_tone_generator_is_busy()", || {
        let (ep, obj) = generators().target(tg)?;
        write_out(out, ep.tone_is_busy(obj)?, "out")
    })
}

/// PJSUA2's `ToneGenerator::getDigitMap`: writes up to `capacity` entries to `out` and
/// their number to `*count` (call with `capacity` 0 to size the array). The default map
/// is ITU-T Q.23's 16 digits.
#[no_mangle]
pub extern "C" fn pjsua2rs_tone_generator_get_digit_map(
    tg: pjsua2rs_tone_generator,
    out: *mut ToneDigitMapDigitC,
    capacity: usize,
    count: *mut usize,
) -> pjsua2rs_status {
    ffi_call("pjsua2rs_tone_generator_get_digit_map()", || {
        let (ep, obj) = generators().target(tg)?;
        let map = ep.tone_get_digit_map(obj)?;
        let entries = map.iter().map(|d| ToneDigitMapDigitC {
            digit: d.digit as u32 as c_char,
            freq1: d.freq1,
            freq2: d.freq2,
        });
        // SAFETY: the caller promises room for `capacity` entries at `out`.
        unsafe { write_list(entries, out, capacity, count) }
    })
}

/// PJSUA2's `ToneGenerator::setDigitMap`: replaces the digit map with the `count`
/// entries of `map` (read during the call only).
#[no_mangle]
pub extern "C" fn pjsua2rs_tone_generator_set_digit_map(
    tg: pjsua2rs_tone_generator,
    map: *const ToneDigitMapDigitC,
    count: usize,
) -> pjsua2rs_status {
    ffi_call("pjsua2rs_tone_generator_set_digit_map()", || {
        // SAFETY: the caller promises `count` entries at `map`.
        let list = unsafe { items(map, count, "map")? }
            .iter()
            .map(|d| {
                Ok(ToneDigitMapDigit {
                    digit: digit(d.digit)?,
                    freq1: d.freq1,
                    freq2: d.freq2,
                })
            })
            .collect::<Result<Vec<_>>>()?;
        let (ep, obj) = generators().target(tg)?;
        ep.tone_set_digit_map(obj, list)
    })
}

/// Deletes the tone generator (its port leaves the bridge) and invalidates the handle
/// (also after the endpoint was destroyed: it frees the handle).
#[no_mangle]
pub extern "C" fn pjsua2rs_tone_generator_destroy(tg: pjsua2rs_tone_generator) -> pjsua2rs_status {
    ffi_call("pjsua2rs_tone_generator_destroy()", || {
        generators().destroy(tg)
    })
}
