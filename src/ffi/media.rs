//! The C ABI of PJSUA2's `AudioMedia`: a conference bridge port named by its slot (from
//! `pjsua2rs_call_get_audio_media`, a media object's `_get_port_id`, or 0 for the sound
//! device): transmission links, level adjustment, levels and port info; and the bridge's
//! port list (`Endpoint::mediaEnumPorts2`, `mediaActivePorts`).

use super::boundary::ffi_call;
use super::endpoint::{endpoint, null_arg, pjsua2rs_endpoint, write_out};
use crate::media::{ConfPortInfo, Slot};
use crate::ua::fixed_str::FixedStr;
use crate::ua::status::{pjsua2rs_status, PJSUA2RS_ERR_INVALID_ARG};
use crate::ua::{Error, Result};
use std::os::raw::{c_char, c_int, c_uint};

/// A slot from C: negative is `INVALID_ARG` naming `what`.
pub(super) fn slot(s: c_int, what: &str) -> Result<Slot> {
    Slot::try_from(s).map_err(|_| {
        Error::new(
            PJSUA2RS_ERR_INVALID_ARG,
            "",
            format!("{what} is {s}, not a conference slot"),
        )
    })
}

/// Writes up to `capacity` of `items` to `out` (NULL is fine when `capacity` is 0) and
/// their total number to `*count`.
///
/// # Safety
/// `out` must be NULL or point to `capacity` writable `T`s.
pub(super) unsafe fn write_list<T>(
    items: impl ExactSizeIterator<Item = T>,
    out: *mut T,
    capacity: usize,
    count: *mut usize,
) -> Result<()> {
    if count.is_null() {
        return Err(null_arg("count"));
    }
    if capacity > 0 && out.is_null() {
        return Err(null_arg("out"));
    }
    let total = items.len();
    for (i, item) in items.take(capacity).enumerate() {
        out.add(i).write(item);
    }
    count.write(total);
    Ok(())
}

/// PJSUA2's `MediaFormatAudio` of a conference port (16-bit linear PCM).
#[repr(C)]
#[derive(Clone, Copy)]
pub struct MediaFormatAudioC {
    /// Samples per second per channel.
    pub clock_rate: c_uint,
    /// Channels.
    pub channel_count: c_uint,
    /// Frame duration in microseconds.
    pub frame_time_usec: c_uint,
    /// Bits per sample (16).
    pub bits_per_sample: c_uint,
}

/// PJSUA2's `ConfPortInfo`; the listeners are written to a separate array.
#[repr(C)]
#[derive(Clone, Copy)]
pub struct ConfPortInfoC {
    /// The slot.
    pub port_id: c_int,
    /// The port's name ("Master/sound" for slot 0, a file name, "tonegen"...).
    pub name: [c_char; 256],
    /// The format the port exchanges with the bridge.
    pub format: MediaFormatAudioC,
    /// The level adjustment of what the port transmits (1.0: unchanged, 0: muted).
    pub tx_level_adj: f32,
    /// The level adjustment of what the port receives.
    pub rx_level_adj: f32,
    /// How many slots the port transmits to (all of them, also beyond the array given).
    pub listener_count: usize,
}

fn port_info(i: &ConfPortInfo) -> ConfPortInfoC {
    let mut out = ConfPortInfoC {
        port_id: i.port_id as c_int,
        name: [0; 256],
        format: MediaFormatAudioC {
            clock_rate: i.format.clock_rate,
            channel_count: i.format.channels as c_uint,
            frame_time_usec: i.format.ptime_ms * 1000,
            bits_per_sample: 16,
        },
        tx_level_adj: i.tx_level_adj,
        rx_level_adj: i.rx_level_adj,
        listener_count: i.listeners.len(),
    };
    out.name.set_truncated(&i.name);
    out
}

/// PJSUA2's `AudioMedia::startTransmit2`: port `src` transmits to port `sink` at `level`
/// (1.0: as is, PJSUA2's `startTransmit`; 0 mutes; above 1 amplifies). Linking to or
/// from slot 0 opens the sound device unless the application chose the null device.
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

/// PJSUA2's `AudioMedia::stopTransmit`: port `src` stops transmitting to port `sink`.
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

/// PJSUA2's `AudioMedia::adjustRxLevel`: scales what port `port` receives from the
/// bridge (1.0: as is, 0: muted). Levels are named from the port's side, as in PJSUA2.
#[no_mangle]
pub extern "C" fn pjsua2rs_audio_media_adjust_rx_level(
    ep: pjsua2rs_endpoint,
    port: c_int,
    level: f32,
) -> pjsua2rs_status {
    ffi_call("pjsua2rs_audio_media_adjust_rx_level()", || {
        endpoint(ep)?.audio_media_adjust_rx_level(slot(port, "port")?, level)
    })
}

/// PJSUA2's `AudioMedia::adjustTxLevel`: scales what port `port` transmits to the bridge
/// (1.0: as is, 0: muted).
#[no_mangle]
pub extern "C" fn pjsua2rs_audio_media_adjust_tx_level(
    ep: pjsua2rs_endpoint,
    port: c_int,
    level: f32,
) -> pjsua2rs_status {
    ffi_call("pjsua2rs_audio_media_adjust_tx_level()", || {
        endpoint(ep)?.audio_media_adjust_tx_level(slot(port, "port")?, level)
    })
}

/// PJSUA2's `AudioMedia::getRxLevel`: the level of what port `port` last received from
/// the bridge, 0-255.
#[no_mangle]
pub extern "C" fn pjsua2rs_audio_media_get_rx_level(
    ep: pjsua2rs_endpoint,
    port: c_int,
    out: *mut c_uint,
) -> pjsua2rs_status {
    ffi_call("pjsua2rs_audio_media_get_rx_level()", || {
        let level = endpoint(ep)?.audio_media_get_rx_level(slot(port, "port")?)?;
        write_out(out, level, "out")
    })
}

/// PJSUA2's `AudioMedia::getTxLevel`: the level of what port `port` last transmitted to
/// the bridge, 0-255.
#[no_mangle]
pub extern "C" fn pjsua2rs_audio_media_get_tx_level(
    ep: pjsua2rs_endpoint,
    port: c_int,
    out: *mut c_uint,
) -> pjsua2rs_status {
    ffi_call("pjsua2rs_audio_media_get_tx_level()", || {
        let level = endpoint(ep)?.audio_media_get_tx_level(slot(port, "port")?)?;
        write_out(out, level, "out")
    })
}

/// PJSUA2's `AudioMedia::getPortInfo` (and `getPortInfoFromId`): writes port `port`'s
/// info to `*out` and up to `capacity` of the slots it transmits to to `listeners` (NULL
/// when `capacity` is 0); `out->listener_count` says how many there are in all.
#[no_mangle]
pub extern "C" fn pjsua2rs_audio_media_get_port_info(
    ep: pjsua2rs_endpoint,
    port: c_int,
    listeners: *mut c_int,
    capacity: usize,
    out: *mut ConfPortInfoC,
) -> pjsua2rs_status {
    ffi_call("pjsua2rs_audio_media_get_port_info()", || {
        if out.is_null() {
            return Err(null_arg("out"));
        }
        let info = endpoint(ep)?.audio_media_get_port_info(slot(port, "port")?)?;
        let mut count = 0usize;
        let slots = info.listeners.iter().map(|&s| s as c_int);
        // SAFETY: the caller promises room for `capacity` ints at `listeners`.
        unsafe { write_list(slots, listeners, capacity, &mut count)? };
        write_out(out, port_info(&info), "out")
    })
}

/// PJSUA2's `Endpoint::mediaEnumPorts2`: writes up to `capacity` slots in use (slot 0,
/// the sound device, first) to `out` and their number to `*count` (call with `capacity`
/// 0 to size the array).
#[no_mangle]
pub extern "C" fn pjsua2rs_endpoint_media_enum_ports2(
    ep: pjsua2rs_endpoint,
    out: *mut c_int,
    capacity: usize,
    count: *mut usize,
) -> pjsua2rs_status {
    ffi_call("pjsua2rs_endpoint_media_enum_ports2()", || {
        let slots = endpoint(ep)?.media_enum_ports()?;
        // SAFETY: the caller promises room for `capacity` ints at `out`.
        unsafe { write_list(slots.iter().map(|&s| s as c_int), out, capacity, count) }
    })
}

/// PJSUA2's `Endpoint::mediaActivePorts`: how many ports the bridge has (slot 0
/// included).
#[no_mangle]
pub extern "C" fn pjsua2rs_endpoint_media_active_ports(
    ep: pjsua2rs_endpoint,
    out: *mut c_uint,
) -> pjsua2rs_status {
    ffi_call("pjsua2rs_endpoint_media_active_ports()", || {
        let n = endpoint(ep)?.media_active_ports()?;
        write_out(out, n as c_uint, "out")
    })
}
