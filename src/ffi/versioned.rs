//! Versioned config structs across the ABI: the top-level configs start with
//! `struct_size`, which `_default()` stamps with the size the program was compiled with.
//! The library reads as many bytes as the program's struct has over its own defaults, so
//! a program built against an older header keeps working when fields are appended.

use crate::ua::config::{AccountConfig, BuddyConfig, EpConfig, TransportConfig};
use crate::ua::status::PJSUA2RS_ERR_INVALID_ARG;
use crate::ua::{Error, Result};

/// A config C passes by pointer, whose first field is `struct_size: u32`.
///
/// # Safety
/// Implementors are `#[repr(C)]` plain data starting with `struct_size: u32`, and new
/// fields are only ever appended after the previous version's size (padding included),
/// so any older version's bytes are a valid prefix of the current struct.
pub unsafe trait Versioned: Default + Copy {
    /// The C name without the prefix, for messages: "ep_config".
    const C_NAME: &'static str;
}

// SAFETY: all four are repr(C), start with `struct_size: u32`, and hold only plain data.
unsafe impl Versioned for EpConfig {
    const C_NAME: &'static str = "ep_config";
}
// SAFETY: as above.
unsafe impl Versioned for TransportConfig {
    const C_NAME: &'static str = "transport_config";
}
// SAFETY: as above.
unsafe impl Versioned for AccountConfig {
    const C_NAME: &'static str = "account_config";
}
// SAFETY: as above.
unsafe impl Versioned for BuddyConfig {
    const C_NAME: &'static str = "buddy_config";
}

fn invalid(reason: String) -> Error {
    Error::new(PJSUA2RS_ERR_INVALID_ARG, "", reason)
}

/// Reads a versioned struct from C: NULL, a `struct_size` of 0 (never initialised), one
/// smaller than the size field or one larger than this library's struct are
/// `INVALID_ARG`; a smaller size (an older program) is copied over the defaults. The
/// result keeps the caller's `struct_size`.
///
/// # Safety
/// `ptr` must be NULL or point to at least `struct_size` readable bytes of a `T` as the
/// program was compiled.
pub unsafe fn read_versioned<T: Versioned>(ptr: *const T, what: &str) -> Result<T> {
    if ptr.is_null() {
        return Err(invalid(format!("{what} is NULL")));
    }
    let size = (ptr as *const u32).read() as usize;
    let ours = std::mem::size_of::<T>();
    if size == 0 {
        return Err(invalid(format!(
            "{what}.struct_size is 0: call pjsua2rs_{}_default() first",
            T::C_NAME
        )));
    }
    if size < std::mem::size_of::<u32>() || size > ours {
        return Err(invalid(format!(
            "{what}.struct_size is {size}, but this library's pjsua2rs_{} has {ours} bytes \
             (was the program built against a newer header?)",
            T::C_NAME
        )));
    }
    let mut out = T::default();
    std::ptr::copy_nonoverlapping(ptr as *const u8, &mut out as *mut T as *mut u8, size);
    Ok(out)
}

/// Writes `value` back to the caller's struct, only the caller's `struct_size` bytes.
///
/// # Safety
/// `ptr` must point to the struct `read_versioned` read (`struct_size` writable bytes),
/// and `value` must keep that `struct_size`.
pub unsafe fn write_versioned<T: Versioned>(ptr: *mut T, value: &T) {
    let size = (value as *const T as *const u32).read() as usize;
    let size = size.min(std::mem::size_of::<T>());
    std::ptr::copy_nonoverlapping(value as *const T as *const u8, ptr as *mut u8, size);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ua::fixed_str::FixedStr;

    #[test]
    fn sizes_are_checked_and_older_structs_read_over_defaults() {
        let mut cfg = BuddyConfig::default();
        cfg.uri.set_str("sip:a@b", "uri").unwrap();
        cfg.subscribe = true;
        cfg.subscribe_dlg_event = true;
        // SAFETY: a valid BuddyConfig.
        let back = unsafe { read_versioned(&cfg, "cfg") }.unwrap();
        assert_eq!(back, cfg);

        // An "older program" whose struct ended after `subscribe`.
        let older = std::mem::offset_of!(BuddyConfig, subscribe_dlg_event);
        cfg.struct_size = older as u32;
        // SAFETY: as above.
        let back = unsafe { read_versioned(&cfg, "cfg") }.unwrap();
        assert!(back.subscribe);
        assert!(
            !back.subscribe_dlg_event,
            "beyond the old size: the default"
        );
        let mut target = BuddyConfig {
            subscribe_dlg_event: true,
            ..BuddyConfig::default()
        };
        // SAFETY: target is a full BuddyConfig.
        unsafe { write_versioned(&mut target, &back) };
        assert!(
            target.subscribe_dlg_event,
            "bytes past struct_size untouched"
        );
        assert_eq!(target.uri.get_str("uri").unwrap(), "sip:a@b");

        for bad in [0, 2, std::mem::size_of::<BuddyConfig>() as u32 + 1] {
            cfg.struct_size = bad;
            // SAFETY: as above.
            let e = unsafe { read_versioned(&cfg, "cfg") }.unwrap_err();
            assert_eq!(e.status, PJSUA2RS_ERR_INVALID_ARG);
        }
        cfg.struct_size = 0;
        // SAFETY: as above.
        let e = unsafe { read_versioned(&cfg, "cfg") }.unwrap_err();
        assert!(e
            .reason
            .contains("call pjsua2rs_buddy_config_default() first"));
        // SAFETY: NULL is allowed.
        let e = unsafe { read_versioned::<BuddyConfig>(std::ptr::null(), "cfg") }.unwrap_err();
        assert_eq!(e.reason, "cfg is NULL");
    }
}
