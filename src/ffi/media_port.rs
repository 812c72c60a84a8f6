//! The C ABI of PJSUA2's `AudioMediaPort`: a conference port whose frames the
//! application supplies (`on_frame_requested`) and receives (`on_frame_received`)
//! through a callback table, with its format, its counters and its handle.

use super::boundary::ffi_call;
use super::config::write_default_versioned;
use super::endpoint::{endpoint, null_arg, pjsua2rs_endpoint, write_out};
use super::handle::HandleKind;
use super::media::MediaFormatAudioC;
use super::media_object::MediaObjects;
use super::strings::arg_str;
use super::versioned::{read_versioned, Versioned};
use crate::ua::endpoint::{
    AudioMediaPortHandler, AudioMediaPortStats, MediaFormatAudio, MediaFrame,
};
use crate::ua::status::pjsua2rs_status;
use std::os::raw::{c_char, c_int, c_uint, c_void};
use std::sync::{Arc, OnceLock};

/// A handle to an application port. 0 is never a valid handle.
#[allow(non_camel_case_types)]
pub type pjsua2rs_audio_media_port = u64;

/// PJSUA2's `MediaFrame`: 16-bit linear PCM samples in the machine's byte order.
#[repr(C)]
pub struct MediaFrameC {
    /// PJSUA2RS_FRAME_TYPE_AUDIO, or PJSUA2RS_FRAME_TYPE_NONE for no audio (silence).
    pub frame_type: c_uint,
    /// The samples. In `on_frame_requested`: the library's buffer of `size` bytes (one
    /// frame of silence) to fill; it may instead be pointed at the application's own
    /// memory, valid until the callback returns, which the library then copies. In
    /// `on_frame_received`: the frame, read-only, valid during the callback.
    pub buf: *mut u8,
    /// Bytes in `buf` (2 per sample). In `on_frame_requested` it comes as one frame; set
    /// it to the bytes supplied (fewer are padded with silence, more are cut).
    pub size: usize,
}

/// `on_frame_requested`: fill `*frame` (PJSUA2's `onFrameRequested`).
pub type OnFrameRequestedFn =
    Option<unsafe extern "C" fn(user_data: *mut c_void, frame: *mut MediaFrameC)>;
/// `on_frame_received`: read `*frame` (PJSUA2's `onFrameReceived`).
pub type OnFrameReceivedFn =
    Option<unsafe extern "C" fn(user_data: *mut c_void, frame: *const MediaFrameC)>;

/// The callbacks of an application port; NULL members are not called (a NULL
/// `on_frame_requested` sends silence). Each gets the `user_data` given to
/// `pjsua2rs_audio_media_port_create` and a frame valid during the call. They run on the
/// library's callback thread (or in `pjsua2rs_endpoint_handle_events` in poll mode, which
/// must then run at least every 40 ms), one at a time, never on the media thread and never
/// while the library holds a lock. Frames are requested ahead of time: the port keeps
/// about three of the bridge's frames queued (60 ms at 20 ms frames). Set `struct_size`
/// with `pjsua2rs_audio_media_port_callbacks_default` (members are only ever appended).
#[repr(C)]
#[derive(Clone, Copy, Default)]
pub struct AudioMediaPortCallbacks {
    /// `sizeof(pjsua2rs_audio_media_port_callbacks)` as the program was compiled.
    pub struct_size: u32,
    /// The port needs its next frame.
    pub on_frame_requested: OnFrameRequestedFn,
    /// A frame mixed for the port (what the ports transmitting to it sent).
    pub on_frame_received: OnFrameReceivedFn,
}

// SAFETY: repr(C), starts with `struct_size: u32`, plain data (function pointers).
unsafe impl Versioned for AudioMediaPortCallbacks {
    const C_NAME: &'static str = "audio_media_port_callbacks";
}

/// Fills `*out` with an empty callback table (every member NULL) and stamps
/// `struct_size` with `size` (`sizeof *out`). PJSUA2RS_ERR_INVALID_ARG for NULL or a wrong
/// size. Thread-safe.
#[no_mangle]
pub extern "C" fn pjsua2rs_audio_media_port_callbacks_default(
    out: *mut AudioMediaPortCallbacks,
    size: usize,
) -> pjsua2rs_status {
    write_default_versioned(out, size, "pjsua2rs_audio_media_port_callbacks_default()")
}

/// Calls the application's C callbacks.
struct CPortHandler {
    cb: AudioMediaPortCallbacks,
    user_data: usize,
}

// SAFETY: the application promises its callbacks may be called from the library's
// callback thread with its user_data (documented on pjsua2rs_audio_media_port_create).
unsafe impl Send for CPortHandler {}
// SAFETY: as above; the library never calls two callbacks of a port at once.
unsafe impl Sync for CPortHandler {}

impl AudioMediaPortHandler for CPortHandler {
    fn on_frame_requested(&self, frame: &mut MediaFrame) {
        let Some(f) = self.cb.on_frame_requested else {
            return;
        };
        let ours = frame.samples.as_mut_ptr() as *mut u8;
        let bytes = frame.samples.len() * 2;
        let mut c = MediaFrameC {
            frame_type: frame.frame_type,
            buf: ours,
            size: bytes,
        };
        // SAFETY: the application's callback; `c.buf` points to `bytes` writable bytes.
        unsafe { f(self.user_data as *mut c_void, &mut c) };
        let size = c.size.min(bytes);
        if !c.buf.is_null() && c.buf != ours {
            // SAFETY: the application promises `size` readable bytes at its buffer, valid
            // until now; our buffer has `bytes >= size` bytes and does not overlap it.
            unsafe { std::ptr::copy_nonoverlapping(c.buf, ours, size) };
        }
        frame.samples.truncate(size / 2);
        frame.frame_type = c.frame_type;
    }

    fn on_frame_received(&self, frame: &MediaFrame) {
        if let Some(f) = self.cb.on_frame_received {
            let c = MediaFrameC {
                frame_type: frame.frame_type,
                buf: frame.samples.as_ptr() as *mut u8,
                size: frame.samples.len() * 2,
            };
            // SAFETY: the application's callback; the frame outlives the call (documented
            // read-only).
            unsafe { f(self.user_data as *mut c_void, &c) };
        }
    }
}

fn ports() -> &'static MediaObjects {
    static REGISTRY: OnceLock<MediaObjects> = OnceLock::new();
    REGISTRY.get_or_init(|| MediaObjects::new(HandleKind::AudioMediaPort))
}

/// PJSUA2's `AudioMediaPort::createPort`: a conference port of endpoint `ep` named `name`
/// whose frames, in format `*fmt` (mono 16-bit; zero fields take the bridge's clock rate
/// and frame time; other rates and frame times are converted), the callbacks `cb` (may be
/// NULL; copied) supply and receive with `user_data` (valid until the port is destroyed).
/// The first frames are requested at once, so playback starts without a gap when the
/// port is connected (`pjsua2rs_audio_media_start_transmit` with its slot); nothing is
/// requested while it transmits to no one. PJSUA2RS_ERR_INVALID_ARG names the field of
/// an unsupported format. Writes the handle to `*out`.
#[no_mangle]
pub extern "C" fn pjsua2rs_audio_media_port_create(
    ep: pjsua2rs_endpoint,
    name: *const c_char,
    fmt: *const MediaFormatAudioC,
    cb: *const AudioMediaPortCallbacks,
    user_data: *mut c_void,
    out: *mut pjsua2rs_audio_media_port,
) -> pjsua2rs_status {
    ffi_call("pjsua2rs_audio_media_port_create()", || {
        let e = endpoint(ep)?;
        // SAFETY: the caller promises a NUL-terminated string.
        let name = unsafe { arg_str(name, "name")? };
        if fmt.is_null() {
            return Err(null_arg("fmt"));
        }
        if out.is_null() {
            return Err(null_arg("out"));
        }
        // SAFETY: non-NULL; the caller promises a format struct.
        let f = unsafe { fmt.read() };
        let fmt = MediaFormatAudio {
            clock_rate: f.clock_rate,
            channel_count: f.channel_count,
            frame_time_usec: f.frame_time_usec,
            bits_per_sample: f.bits_per_sample,
        };
        let cb = if cb.is_null() {
            AudioMediaPortCallbacks::default()
        } else {
            // SAFETY: the caller promises a callback table.
            unsafe { read_versioned(cb, "cb")? }
        };
        let handler = Arc::new(CPortHandler {
            cb,
            user_data: user_data as usize,
        });
        let obj = e.audio_media_port_create(name, &fmt, handler)?;
        write_out(out, ports().insert(&e, obj), "out")
    })
}

/// PJSUA2's `AudioMedia::getPortId`: the port's conference slot, for
/// `pjsua2rs_audio_media_*`.
#[no_mangle]
pub extern "C" fn pjsua2rs_audio_media_port_get_port_id(
    port: pjsua2rs_audio_media_port,
    out_slot: *mut c_int,
) -> pjsua2rs_status {
    ffi_call("pjsua2rs_audio_media_port_get_port_id()", || {
        write_out(out_slot, ports().get(port)?.port_id(), "out_slot")
    })
}

/// The port's counters: bridge frames sent as silence because `on_frame_requested` was
/// late (`underruns`), and frames not delivered because `on_frame_received` fell behind
/// (`dropped`).
#[no_mangle]
pub extern "C" fn pjsua2rs_audio_media_port_get_stats(
    port: pjsua2rs_audio_media_port,
    out: *mut AudioMediaPortStats,
) -> pjsua2rs_status {
    ffi_call("pjsua2rs_audio_media_port_get_stats()", || {
        let (ep, obj) = ports().target(port)?;
        write_out(out, ep.audio_media_port_stats(obj)?, "out")
    })
}

/// PJSUA2's `delete port`: the port leaves the bridge (and every link with it) and the
/// handle becomes invalid. No callback of the port runs after this returns, unless it is
/// called from one (which then finishes; no other starts). Once the endpoint is
/// destroyed only the handle is left to free.
#[no_mangle]
pub extern "C" fn pjsua2rs_audio_media_port_destroy(
    port: pjsua2rs_audio_media_port,
) -> pjsua2rs_status {
    ffi_call("pjsua2rs_audio_media_port_destroy()", || {
        ports().destroy(port)
    })
}
