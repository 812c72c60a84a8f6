//! The C ABI of `JsonDocument` (`pjsua2rs_json_doc_*`): create and destroy documents,
//! load and save them, and write and read the configs in PJSUA2's JSON format. The
//! generic node operations are in `json_node.rs`.

use super::boundary::ffi_call;
use super::handle::{HandleKind, Registry};
use super::strings::{arg_str, copy_out_str};
use super::versioned::{read_versioned, write_versioned, Versioned};
use crate::ua::config::{AccountConfig, BuddyConfig, EpConfig, TransportConfig};
use crate::ua::json::{JsonDocument, JsonLayout, Persistent};
use crate::ua::status::{pjsua2rs_status, PJSUA2RS_ERR_INVALID_ARG};
use crate::ua::{Error, Result};
use std::os::raw::c_char;
use std::sync::{Arc, LazyLock, Mutex};

/// A JSON document handle (PJSUA2 `JsonDocument`). 0 is never a valid handle.
#[allow(non_camel_case_types)]
pub type pjsua2rs_json_doc = u64;

static DOCS: LazyLock<Registry<Mutex<JsonDocument>>> =
    LazyLock::new(|| Registry::new(HandleKind::JsonDocument));

/// Runs `f` on the document `doc` (locked), or fails with `INVALID_HANDLE`.
pub(crate) fn with_doc<T>(
    doc: pjsua2rs_json_doc,
    f: impl FnOnce(&mut JsonDocument) -> Result<T>,
) -> Result<T> {
    let d = DOCS.get(doc)?;
    // A panic while the lock was held cannot leave the tree half-built in a way that
    // breaks later calls (every operation appends or flags whole members).
    let mut guard = d.lock().unwrap_or_else(|e| e.into_inner());
    f(&mut guard)
}

/// `INVALID_ARG` naming `what` when an out-parameter is NULL.
pub(crate) fn check_out<T>(ptr: *mut T, what: &str) -> Result<()> {
    if ptr.is_null() {
        return Err(Error::new(
            PJSUA2RS_ERR_INVALID_ARG,
            "",
            format!("{what} is NULL"),
        ));
    }
    Ok(())
}

/// Creates an empty document (a root object with no members, latest layout) and writes
/// its handle to `*doc_out`. The caller owns the handle and must destroy it with
/// `pjsua2rs_json_doc_destroy`. Returns PJSUA2RS_ERR_INVALID_ARG if `doc_out` is NULL.
/// Thread-safe.
#[no_mangle]
pub extern "C" fn pjsua2rs_json_doc_create(doc_out: *mut pjsua2rs_json_doc) -> pjsua2rs_status {
    ffi_call("pjsua2rs_json_doc_create()", || {
        check_out(doc_out, "doc_out")?;
        let handle = DOCS.insert(Arc::new(Mutex::new(JsonDocument::new())));
        // SAFETY: checked non-null; the caller promises it is writable.
        unsafe { doc_out.write(handle) };
        Ok(())
    })
}

/// Destroys a document and frees its memory; the handle and its node ids are never
/// valid again. A stale or unknown handle gives PJSUA2RS_ERR_INVALID_HANDLE. Thread-safe;
/// a call running on the document in another thread completes first.
#[no_mangle]
pub extern "C" fn pjsua2rs_json_doc_destroy(doc: pjsua2rs_json_doc) -> pjsua2rs_status {
    ffi_call("pjsua2rs_json_doc_destroy()", || {
        DOCS.remove(doc).map(|_| ())
    })
}

/// Chooses the PJSUA2 release whose member layout later config writes use:
/// PJSUA2RS_JSON_LAYOUT_LATEST (default), _2_15, _2_16 or _2_17. An older PJSUA2 reads
/// members in order, so it can only read its own release's layout; pjsua2rs reads all.
/// An unknown value gives PJSUA2RS_ERR_INVALID_ARG. Thread-safe.
#[no_mangle]
pub extern "C" fn pjsua2rs_json_doc_set_layout(
    doc: pjsua2rs_json_doc,
    layout: u32,
) -> pjsua2rs_status {
    ffi_call("pjsua2rs_json_doc_set_layout()", || {
        let layout = JsonLayout::from_c(layout)?;
        with_doc(doc, |d| {
            d.set_layout(layout);
            Ok(())
        })
    })
}

/// Parses the NUL-terminated UTF-8 JSON text `text` into the document. `text` is only
/// read during the call. Errors: PJSUA2RS_ERR_INVALID_ARG (NULL or bad UTF-8),
/// PJSUA2RS_ERR_INVALID_OP (the document was already loaded or written to),
/// PJSUA2RS_ERR_JSON (malformed JSON or a root that is not an object; the last error's
/// reason gives line and column). Thread-safe.
#[no_mangle]
pub extern "C" fn pjsua2rs_json_doc_load_string(
    doc: pjsua2rs_json_doc,
    text: *const c_char,
) -> pjsua2rs_status {
    ffi_call("pjsua2rs_json_doc_load_string()", || {
        // SAFETY: the caller passes NULL or a NUL-terminated string.
        let text = unsafe { arg_str(text, "text") }?;
        with_doc(doc, |d| d.load_string(text))
    })
}

/// Reads and parses the file at `path` (NUL-terminated UTF-8). Errors as
/// `pjsua2rs_json_doc_load_string`, plus PJSUA2RS_ERR_NOT_FOUND or the OS error when the
/// file cannot be read. Thread-safe.
#[no_mangle]
pub extern "C" fn pjsua2rs_json_doc_load_file(
    doc: pjsua2rs_json_doc,
    path: *const c_char,
) -> pjsua2rs_status {
    ffi_call("pjsua2rs_json_doc_load_file()", || {
        // SAFETY: the caller passes NULL or a NUL-terminated string.
        let path = unsafe { arg_str(path, "path") }?;
        with_doc(doc, |d| d.load_file(path))
    })
}

/// Writes the document to the file at `path` (created or replaced) in PJSUA2's layout.
/// Errors: PJSUA2RS_ERR_INVALID_ARG for a NULL or non-UTF-8 path, the OS error when the
/// file cannot be written. Thread-safe.
#[no_mangle]
pub extern "C" fn pjsua2rs_json_doc_save_file(
    doc: pjsua2rs_json_doc,
    path: *const c_char,
) -> pjsua2rs_status {
    ffi_call("pjsua2rs_json_doc_save_file()", || {
        // SAFETY: the caller passes NULL or a NUL-terminated string.
        let path = unsafe { arg_str(path, "path") }?;
        with_doc(doc, |d| d.save_file(path))
    })
}

/// Copies the document's text, NUL-terminated, into `buf` of `buf_len` bytes and its
/// length (without the NUL) into `*len_out` when `len_out` is not NULL. When the buffer
/// is too small nothing is copied, `*len_out` still gets the length, and the result is
/// PJSUA2RS_ERR_NAME_TOO_LONG: call again with `*len_out + 1` bytes (or call first with
/// `buf_len` 0 to learn the size). A NULL `buf` with a non-NULL `len_out` is a size query
/// and succeeds; both NULL is PJSUA2RS_ERR_INVALID_ARG. Thread-safe.
#[no_mangle]
pub extern "C" fn pjsua2rs_json_doc_save_string(
    doc: pjsua2rs_json_doc,
    buf: *mut c_char,
    buf_len: usize,
    len_out: *mut usize,
) -> pjsua2rs_status {
    ffi_call("pjsua2rs_json_doc_save_string()", || {
        let text = with_doc(doc, |d| Ok(d.save_string()))?;
        // SAFETY: the caller promises `buf` has `buf_len` bytes and `len_out` is NULL or
        // writable.
        unsafe { copy_out_str(&text, buf, buf_len, len_out) }
    })
}

fn write_config<T: Versioned + Persistent>(
    doc: pjsua2rs_json_doc,
    node: u32,
    cfg: *const T,
    title: &str,
) -> pjsua2rs_status {
    ffi_call(title, || {
        // SAFETY: the caller passes NULL or a struct initialised by its `_default()`.
        let cfg = unsafe { read_versioned(cfg, "cfg") }?;
        with_doc(doc, |d| d.write_object(node, &cfg))
    })
}

fn read_config<T: Versioned + Persistent>(
    doc: pjsua2rs_json_doc,
    node: u32,
    cfg: *mut T,
    title: &str,
) -> pjsua2rs_status {
    ffi_call(title, || {
        // SAFETY: the caller passes NULL or a struct initialised by its `_default()`.
        let mut staged = unsafe { read_versioned(cfg, "cfg") }?;
        with_doc(doc, |d| d.read_object(node, &mut staged))?;
        // SAFETY: `cfg` was read above, so it is non-null with `struct_size` bytes.
        unsafe { write_versioned(cfg, &staged) };
        Ok(())
    })
}

/// Appends `*cfg` to container `node` (PJSUA2RS_JSON_ROOT for the root) as
/// `"EpConfig": {...}`, in the document's layout (PJSUA2 `writeObject`). `cfg` is only
/// read; it must have been initialised by `pjsua2rs_ep_config_default`. Errors:
/// PJSUA2RS_ERR_INVALID_ARG (NULL, bad `struct_size`, a string field that is not
/// NUL-terminated UTF-8, a count above its array, an unknown node),
/// PJSUA2RS_ERR_INVALID_HANDLE. Thread-safe.
#[no_mangle]
pub extern "C" fn pjsua2rs_json_doc_write_ep_config(
    doc: pjsua2rs_json_doc,
    node: u32,
    cfg: *const EpConfig,
) -> pjsua2rs_status {
    write_config(doc, node, cfg, "pjsua2rs_json_doc_write_ep_config()")
}

/// Reads the next unread `"EpConfig"` member of container `node` into `*cfg` (PJSUA2
/// `readObject`). Members are found by name in any order; members missing from the
/// document keep the values `*cfg` had, so start from `pjsua2rs_ep_config_default`.
/// `*cfg` is written only on success. Errors: PJSUA2RS_ERR_JSON (a wrong type, an
/// out-of-range number, a string too long for its field, no such member; the last
/// error's reason names the member's path), PJSUA2RS_ERR_EOF (nothing left to read),
/// PJSUA2RS_ERR_INVALID_ARG, PJSUA2RS_ERR_INVALID_HANDLE. Thread-safe.
#[no_mangle]
pub extern "C" fn pjsua2rs_json_doc_read_ep_config(
    doc: pjsua2rs_json_doc,
    node: u32,
    cfg: *mut EpConfig,
) -> pjsua2rs_status {
    read_config(doc, node, cfg, "pjsua2rs_json_doc_read_ep_config()")
}

/// Appends `*cfg` as `"TransportConfig": {...}`; as `pjsua2rs_json_doc_write_ep_config`.
#[no_mangle]
pub extern "C" fn pjsua2rs_json_doc_write_transport_config(
    doc: pjsua2rs_json_doc,
    node: u32,
    cfg: *const TransportConfig,
) -> pjsua2rs_status {
    write_config(doc, node, cfg, "pjsua2rs_json_doc_write_transport_config()")
}

/// Reads the next `"TransportConfig"` into `*cfg`; as `pjsua2rs_json_doc_read_ep_config`.
#[no_mangle]
pub extern "C" fn pjsua2rs_json_doc_read_transport_config(
    doc: pjsua2rs_json_doc,
    node: u32,
    cfg: *mut TransportConfig,
) -> pjsua2rs_status {
    read_config(doc, node, cfg, "pjsua2rs_json_doc_read_transport_config()")
}

/// Appends `*cfg` as `"AccountConfig": {...}`; as `pjsua2rs_json_doc_write_ep_config`.
#[no_mangle]
pub extern "C" fn pjsua2rs_json_doc_write_account_config(
    doc: pjsua2rs_json_doc,
    node: u32,
    cfg: *const AccountConfig,
) -> pjsua2rs_status {
    write_config(doc, node, cfg, "pjsua2rs_json_doc_write_account_config()")
}

/// Reads the next `"AccountConfig"` into `*cfg`; as `pjsua2rs_json_doc_read_ep_config`.
#[no_mangle]
pub extern "C" fn pjsua2rs_json_doc_read_account_config(
    doc: pjsua2rs_json_doc,
    node: u32,
    cfg: *mut AccountConfig,
) -> pjsua2rs_status {
    read_config(doc, node, cfg, "pjsua2rs_json_doc_read_account_config()")
}

/// Appends `*cfg` as `"BuddyConfig": {...}`; as `pjsua2rs_json_doc_write_ep_config`.
#[no_mangle]
pub extern "C" fn pjsua2rs_json_doc_write_buddy_config(
    doc: pjsua2rs_json_doc,
    node: u32,
    cfg: *const BuddyConfig,
) -> pjsua2rs_status {
    write_config(doc, node, cfg, "pjsua2rs_json_doc_write_buddy_config()")
}

/// Reads the next `"BuddyConfig"` into `*cfg`; as `pjsua2rs_json_doc_read_ep_config`.
#[no_mangle]
pub extern "C" fn pjsua2rs_json_doc_read_buddy_config(
    doc: pjsua2rs_json_doc,
    node: u32,
    cfg: *mut BuddyConfig,
) -> pjsua2rs_status {
    read_config(doc, node, cfg, "pjsua2rs_json_doc_read_buddy_config()")
}
