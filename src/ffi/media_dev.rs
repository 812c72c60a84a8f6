//! The C ABI of PJSUA2's `AudDevManager` (the endpoint's sound device in conference slot
//! 0): the null device or no device, choosing capture and playback devices, the ids in
//! use, and the device list.

use super::boundary::ffi_call;
use super::endpoint::{endpoint, pjsua2rs_endpoint, write_out};
use super::media::write_list;
use crate::ua::fixed_str::FixedStr;
use crate::ua::media::sound_device::AudioDevInfo;
use crate::ua::status::pjsua2rs_status;
use std::os::raw::{c_char, c_int, c_uint};

/// PJSUA2's `AudioDevInfo`: one entry of `enumDev2`.
#[repr(C)]
#[derive(Clone, Copy)]
pub struct AudioDevInfoC {
    /// The device id, for `pjsua2rs_aud_dev_manager_set_capture_dev` / `_playback_dev`.
    pub id: c_int,
    /// Its name ("default", "hw:0,0"...).
    pub name: [c_char; 128],
    /// Capture channels (0: cannot capture).
    pub input_count: c_uint,
    /// Playback channels (0: cannot play).
    pub output_count: c_uint,
    /// The default sampling rate.
    pub default_samples_per_sec: c_uint,
    /// The driver ("Alsa").
    pub driver: [c_char; 32],
}

fn dev_info(d: &AudioDevInfo) -> AudioDevInfoC {
    let mut out = AudioDevInfoC {
        id: d.id,
        name: [0; 128],
        input_count: d.input_count,
        output_count: d.output_count,
        default_samples_per_sec: d.default_samples_per_sec,
        driver: [0; 32],
    };
    out.name.set_truncated(&d.name);
    out.driver.set_truncated(&d.driver);
    out
}

/// PJSUA2's `AudDevManager::setNullDev`: no sound card; slot 0 is the null device and the
/// conference bridge runs on its own clock. The usual first call on a server.
#[no_mangle]
pub extern "C" fn pjsua2rs_aud_dev_manager_set_null_dev(ep: pjsua2rs_endpoint) -> pjsua2rs_status {
    ffi_call("pjsua2rs_aud_dev_manager_set_null_dev()", || {
        endpoint(ep)?.aud_dev_set_null_dev()
    })
}

/// PJSUA2's `AudDevManager::setNoDev`: no sound device (players, recorders and calls
/// still work on the bridge's clock).
#[no_mangle]
pub extern "C" fn pjsua2rs_aud_dev_manager_set_no_dev(ep: pjsua2rs_endpoint) -> pjsua2rs_status {
    ffi_call("pjsua2rs_aud_dev_manager_set_no_dev()", || {
        endpoint(ep)?.aud_dev_set_no_dev()
    })
}

/// PJSUA2's `AudDevManager::setCaptureDev`: opens capture device `id` (from `enum_dev2`,
/// or PJSUA2RS_DEFAULT_CAPTURE_DEV) in slot 0 with the playback device in use.
#[no_mangle]
pub extern "C" fn pjsua2rs_aud_dev_manager_set_capture_dev(
    ep: pjsua2rs_endpoint,
    id: c_int,
) -> pjsua2rs_status {
    ffi_call("pjsua2rs_aud_dev_manager_set_capture_dev()", || {
        endpoint(ep)?.aud_dev_set_capture_dev(id)
    })
}

/// PJSUA2's `AudDevManager::setPlaybackDev`: opens playback device `id` (from
/// `enum_dev2`, or PJSUA2RS_DEFAULT_PLAYBACK_DEV) in slot 0 with the capture device in
/// use.
#[no_mangle]
pub extern "C" fn pjsua2rs_aud_dev_manager_set_playback_dev(
    ep: pjsua2rs_endpoint,
    id: c_int,
) -> pjsua2rs_status {
    ffi_call("pjsua2rs_aud_dev_manager_set_playback_dev()", || {
        endpoint(ep)?.aud_dev_set_playback_dev(id)
    })
}

/// PJSUA2's `AudDevManager::getCaptureDev`: the capture device id in use
/// (PJSUA2RS_SND_NULL_DEV or PJSUA2RS_SND_NO_DEV without a device,
/// PJSUA2RS_DEFAULT_CAPTURE_DEV until one is opened).
#[no_mangle]
pub extern "C" fn pjsua2rs_aud_dev_manager_get_capture_dev(
    ep: pjsua2rs_endpoint,
    out: *mut c_int,
) -> pjsua2rs_status {
    ffi_call("pjsua2rs_aud_dev_manager_get_capture_dev()", || {
        write_out(out, endpoint(ep)?.aud_dev_current()?.0, "out")
    })
}

/// PJSUA2's `AudDevManager::getPlaybackDev`: the playback device id in use (as
/// `get_capture_dev`).
#[no_mangle]
pub extern "C" fn pjsua2rs_aud_dev_manager_get_playback_dev(
    ep: pjsua2rs_endpoint,
    out: *mut c_int,
) -> pjsua2rs_status {
    ffi_call("pjsua2rs_aud_dev_manager_get_playback_dev()", || {
        write_out(out, endpoint(ep)?.aud_dev_current()?.1, "out")
    })
}

/// PJSUA2's `AudDevManager::enumDev2`: writes up to `capacity` devices to `out` and their
/// number to `*count` (call with `capacity` 0 to size the array). A machine without a
/// sound card may list none.
#[no_mangle]
pub extern "C" fn pjsua2rs_aud_dev_manager_enum_dev2(
    ep: pjsua2rs_endpoint,
    out: *mut AudioDevInfoC,
    capacity: usize,
    count: *mut usize,
) -> pjsua2rs_status {
    ffi_call("pjsua2rs_aud_dev_manager_enum_dev2()", || {
        let devices = endpoint(ep)?.aud_dev_enum();
        // SAFETY: the caller promises room for `capacity` entries at `out`.
        unsafe { write_list(devices.iter().map(dev_info), out, capacity, count) }
    })
}
