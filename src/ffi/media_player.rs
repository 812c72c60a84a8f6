//! The C ABI of PJSUA2's `AudioMediaPlayer` (a WAV file or a playlist as a conference
//! port, with its `onEof2` callback) and `AudioMediaRecorder` (a conference port writing a
//! WAV file).

use super::boundary::ffi_call;
use super::config::write_default_versioned;
use super::endpoint::{endpoint, null_arg, pjsua2rs_endpoint, write_out};
use super::handle::HandleKind;
use super::media_object::MediaObjects;
use super::strings::arg_str;
use super::versioned::{read_versioned, Versioned};
use crate::ua::endpoint::PlayerHandler;
use crate::ua::status::pjsua2rs_status;
use crate::ua::Result;
use std::os::raw::{c_char, c_int, c_uint, c_void};
use std::sync::{Arc, OnceLock};

/// A handle to an audio file player. 0 is never a valid handle.
#[allow(non_camel_case_types)]
pub type pjsua2rs_audio_media_player = u64;

/// A handle to an audio file recorder. 0 is never a valid handle.
#[allow(non_camel_case_types)]
pub type pjsua2rs_audio_media_recorder = u64;

/// `on_eof2`: the player reached the end of its file (of the last file of a playlist);
/// it starts over unless created with PJSUA2RS_FILE_NO_LOOP (PJSUA2 `onEof2`).
pub type OnEof2Fn = Option<unsafe extern "C" fn(user_data: *mut c_void)>;

/// The callbacks of a player; NULL members are not called. They get the `user_data`
/// given at creation and run on the library's callback thread, or inside
/// `pjsua2rs_endpoint_handle_events` in poll mode, never while the library holds a lock;
/// calling the API from them is safe, destroying the player too. Set `struct_size` with
/// `pjsua2rs_audio_media_player_callbacks_default` (members are only ever appended).
#[repr(C)]
#[derive(Clone, Copy, Default)]
pub struct PlayerCallbacks {
    /// `sizeof(pjsua2rs_audio_media_player_callbacks)` as the program was compiled.
    pub struct_size: u32,
    /// The end of the file was reached (PJSUA2 `onEof2`).
    pub on_eof2: OnEof2Fn,
}

// SAFETY: repr(C), starts with `struct_size: u32`, plain data (function pointers).
unsafe impl Versioned for PlayerCallbacks {
    const C_NAME: &'static str = "audio_media_player_callbacks";
}

/// Fills `*out` with an empty callback table (every member NULL) and stamps
/// `struct_size` with `size`, which must be `sizeof *out` as the program was compiled.
#[no_mangle]
pub extern "C" fn pjsua2rs_audio_media_player_callbacks_default(
    out: *mut PlayerCallbacks,
    size: usize,
) -> pjsua2rs_status {
    write_default_versioned(out, size, "pjsua2rs_audio_media_player_callbacks_default()")
}

struct CPlayerHandler {
    cb: PlayerCallbacks,
    user_data: usize,
}

// SAFETY: the application promises its callbacks may be called from the library's
// callback thread with its user_data (documented on pjsua2rs_audio_media_player_create).
unsafe impl Send for CPlayerHandler {}
// SAFETY: as above; the library never calls two callbacks at once.
unsafe impl Sync for CPlayerHandler {}

impl PlayerHandler for CPlayerHandler {
    fn on_eof2(&self) {
        if let Some(f) = self.cb.on_eof2 {
            // SAFETY: a callback of the application's, with its user data.
            unsafe { f(self.user_data as *mut c_void) };
        }
    }
}

/// PJSUA2's `AudioMediaPlayerInfo`.
#[repr(C)]
#[derive(Clone, Copy)]
pub struct PlayerInfoC {
    /// PJSUA2RS_FORMAT_PCM, PJSUA2RS_FORMAT_ALAW or PJSUA2RS_FORMAT_ULAW.
    pub format_id: c_uint,
    /// Bits per stored sample (16 for PCM, 8 for A-law and u-law).
    pub payload_bits_per_sample: c_uint,
    /// Bytes of audio in the file.
    pub size_bytes: u64,
    /// Samples in the file (all channels).
    pub size_samples: u64,
}

fn players() -> &'static MediaObjects {
    static REGISTRY: OnceLock<MediaObjects> = OnceLock::new();
    REGISTRY.get_or_init(|| MediaObjects::new(HandleKind::AudioMediaPlayer))
}

fn recorders() -> &'static MediaObjects {
    static REGISTRY: OnceLock<MediaObjects> = OnceLock::new();
    REGISTRY.get_or_init(|| MediaObjects::new(HandleKind::AudioMediaRecorder))
}

/// Creates a player of `files` on `ep` and writes its handle to `*out`.
///
/// # Safety
/// `cb` is NULL or a callback table of `struct_size` readable bytes.
unsafe fn create_player(
    ep: pjsua2rs_endpoint,
    files: &[String],
    label: &str,
    options: c_uint,
    cb: *const PlayerCallbacks,
    user_data: *mut c_void,
    out: *mut pjsua2rs_audio_media_player,
) -> Result<()> {
    let ep = endpoint(ep)?;
    if out.is_null() {
        return Err(null_arg("out"));
    }
    let handler: Option<Arc<dyn PlayerHandler>> = if cb.is_null() {
        None
    } else {
        Some(Arc::new(CPlayerHandler {
            cb: read_versioned(cb, "cb")?,
            user_data: user_data as usize,
        }))
    };
    let obj = ep.player_create(files, label, options, handler)?;
    write_out(out, players().insert(&ep, obj), "out")
}

/// PJSUA2's `AudioMediaPlayer::createPlayer`: plays WAV file `file` (PCM 8 or 16 bits,
/// A-law or u-law, any rate and channel count: converted to the bridge's format) into a
/// new conference port, over and over unless `options` has PJSUA2RS_FILE_NO_LOOP. `cb`
/// (NULL: no callbacks) is copied; its functions get `user_data`, which must stay valid
/// until the player is destroyed. A file that cannot be opened or read is
/// PJSUA2RS_ERR_NOT_FOUND.
#[no_mangle]
pub extern "C" fn pjsua2rs_audio_media_player_create(
    ep: pjsua2rs_endpoint,
    file: *const c_char,
    options: c_uint,
    cb: *const PlayerCallbacks,
    user_data: *mut c_void,
    out: *mut pjsua2rs_audio_media_player,
) -> pjsua2rs_status {
    ffi_call("pjsua2rs_audio_media_player_create()", || {
        // SAFETY: the caller promises a NUL-terminated string.
        let file = unsafe { arg_str(file, "file")? }.to_string();
        // SAFETY: the caller promises NULL or a callback table.
        unsafe { create_player(ep, &[file], "", options, cb, user_data, out) }
    })
}

/// PJSUA2's `AudioMediaPlayer::createPlaylist`: plays the `file_count` WAV files of
/// `files` one after the other (then over again unless PJSUA2RS_FILE_NO_LOOP); the port
/// is named `label` (NULL or "": "WAV playlist", as pjmedia). `on_eof2` comes at the
/// end of the last file. Otherwise as `pjsua2rs_audio_media_player_create`.
#[no_mangle]
pub extern "C" fn pjsua2rs_audio_media_player_create_playlist(
    ep: pjsua2rs_endpoint,
    files: *const *const c_char,
    file_count: usize,
    label: *const c_char,
    options: c_uint,
    cb: *const PlayerCallbacks,
    user_data: *mut c_void,
    out: *mut pjsua2rs_audio_media_player,
) -> pjsua2rs_status {
    ffi_call("pjsua2rs_audio_media_player_create_playlist()", || {
        if files.is_null() && file_count > 0 {
            return Err(null_arg("files"));
        }
        let list = (0..file_count)
            // SAFETY: the caller promises `file_count` NUL-terminated strings at `files`.
            .map(|i| unsafe { arg_str(*files.add(i), "files[i]").map(str::to_string) })
            .collect::<Result<Vec<_>>>()?;
        let label = if label.is_null() {
            ""
        } else {
            // SAFETY: the caller promises a NUL-terminated string.
            unsafe { arg_str(label, "label")? }
        };
        // SAFETY: the caller promises NULL or a callback table.
        unsafe { create_player(ep, &list, label, options, cb, user_data, out) }
    })
}

/// PJSUA2's `AudioMedia::getPortId` of a player: its conference slot.
#[no_mangle]
pub extern "C" fn pjsua2rs_audio_media_player_get_port_id(
    p: pjsua2rs_audio_media_player,
    out: *mut c_int,
) -> pjsua2rs_status {
    ffi_call("pjsua2rs_audio_media_player_get_port_id()", || {
        write_out(out, players().get(p)?.port_id(), "out")
    })
}

/// PJSUA2's `AudioMediaPlayer::getInfo`: the format and size of the file playing.
#[no_mangle]
pub extern "C" fn pjsua2rs_audio_media_player_get_info(
    p: pjsua2rs_audio_media_player,
    out: *mut PlayerInfoC,
) -> pjsua2rs_status {
    ffi_call("pjsua2rs_audio_media_player_get_info()", || {
        let (ep, obj) = players().target(p)?;
        let i = ep.player_get_info(obj)?;
        let info = PlayerInfoC {
            format_id: i.format_id,
            payload_bits_per_sample: i.payload_bits_per_sample,
            size_bytes: i.size_bytes,
            size_samples: i.size_samples,
        };
        write_out(out, info, "out")
    })
}

/// PJSUA2's `AudioMediaPlayer::getPos`: the position in the file playing, in samples.
#[no_mangle]
pub extern "C" fn pjsua2rs_audio_media_player_get_pos(
    p: pjsua2rs_audio_media_player,
    out: *mut u64,
) -> pjsua2rs_status {
    ffi_call("pjsua2rs_audio_media_player_get_pos()", || {
        let (ep, obj) = players().target(p)?;
        write_out(out, ep.player_get_pos(obj)?, "out")
    })
}

/// PJSUA2's `AudioMediaPlayer::setPos`: moves to sample `samples` of the file playing
/// (past its end is PJSUA2RS_ERR_INVALID_ARG).
#[no_mangle]
pub extern "C" fn pjsua2rs_audio_media_player_set_pos(
    p: pjsua2rs_audio_media_player,
    samples: u64,
) -> pjsua2rs_status {
    ffi_call("pjsua2rs_audio_media_player_set_pos()", || {
        let (ep, obj) = players().target(p)?;
        ep.player_set_pos(obj, samples)
    })
}

/// Deletes the player (its port leaves the bridge) and invalidates the handle (also
/// after the endpoint was destroyed: it frees the handle). No callback of it runs once
/// this returns, unless called from one of them, which is allowed.
#[no_mangle]
pub extern "C" fn pjsua2rs_audio_media_player_destroy(
    p: pjsua2rs_audio_media_player,
) -> pjsua2rs_status {
    ffi_call("pjsua2rs_audio_media_player_destroy()", || {
        players().destroy(p)
    })
}

/// PJSUA2's `AudioMediaRecorder::createRecorder`: a new conference port writing what it
/// receives to WAV file `file` (created or truncated), as 16-bit PCM or, with `options`
/// PJSUA2RS_FILE_WRITE_ALAW / _ULAW, G.711, at the bridge's rate; at most `max_size`
/// bytes of audio (0 or less: no limit). A name not ending in ".wav" is
/// PJSUA2RS_ERR_NOT_SUPPORTED. The file is complete once the recorder is destroyed (its
/// header is also brought up to date every second).
#[no_mangle]
pub extern "C" fn pjsua2rs_audio_media_recorder_create(
    ep: pjsua2rs_endpoint,
    file: *const c_char,
    max_size: i64,
    options: c_uint,
    out: *mut pjsua2rs_audio_media_recorder,
) -> pjsua2rs_status {
    ffi_call("pjsua2rs_audio_media_recorder_create()", || {
        let ep = endpoint(ep)?;
        // SAFETY: the caller promises a NUL-terminated string.
        let file = unsafe { arg_str(file, "file")? };
        if out.is_null() {
            return Err(null_arg("out"));
        }
        let obj = ep.recorder_create(file, max_size.max(0) as u64, options)?;
        write_out(out, recorders().insert(&ep, obj), "out")
    })
}

/// PJSUA2's `AudioMedia::getPortId` of a recorder: its conference slot.
#[no_mangle]
pub extern "C" fn pjsua2rs_audio_media_recorder_get_port_id(
    r: pjsua2rs_audio_media_recorder,
    out: *mut c_int,
) -> pjsua2rs_status {
    ffi_call("pjsua2rs_audio_media_recorder_get_port_id()", || {
        write_out(out, recorders().get(r)?.port_id(), "out")
    })
}

/// Deletes the recorder (its port leaves the bridge and its file is completed) and
/// invalidates the handle (also after the endpoint was destroyed: it frees the handle).
#[no_mangle]
pub extern "C" fn pjsua2rs_audio_media_recorder_destroy(
    r: pjsua2rs_audio_media_recorder,
) -> pjsua2rs_status {
    ffi_call("pjsua2rs_audio_media_recorder_destroy()", || {
        recorders().destroy(r)
    })
}
