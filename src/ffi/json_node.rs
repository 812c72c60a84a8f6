//! The C ABI of PJSUA2's `ContainerNode` for application data: write and read numbers,
//! bools, strings, string vectors, objects and arrays in a document node. A node is
//! `(doc, node id)`; the root is PJSUA2RS_JSON_ROOT (0), and `write_new_container`,
//! `write_new_array`, `read_container` and `read_array` return the ids of others.
//!
//! Reading is sequential as in PJSUA2: each read takes the next unread member with the
//! given name (in arrays, or with an empty name, the next unread member whatever its
//! name) and marks it read; a failed read leaves it unread. Every function locks the
//! document, so calls on one document from several threads are serialised.

use super::boundary::ffi_call;
use super::json::{check_out, pjsua2rs_json_doc, with_doc};
use super::strings::{arg_str, copy_out_str};
use crate::ua::json::JsonDocument;
use crate::ua::status::{pjsua2rs_status, PJSUA2RS_ERR_INVALID_ARG};
use crate::ua::{Error, Result};
use std::os::raw::c_char;

/// Runs a write `f(doc, name)` with `name` checked (NULL or bad UTF-8 is INVALID_ARG).
fn write(
    title: &str,
    doc: pjsua2rs_json_doc,
    name: *const c_char,
    f: impl FnOnce(&mut JsonDocument, &str) -> Result<()>,
) -> pjsua2rs_status {
    ffi_call(title, || {
        // SAFETY: the caller passes NULL or a NUL-terminated string.
        let name = unsafe { arg_str(name, "name") }?;
        with_doc(doc, |d| f(d, name))
    })
}

/// Runs `f(doc, name)` (name checked) and stores its value in `*out` on success.
fn call_out<T>(
    title: &str,
    doc: pjsua2rs_json_doc,
    name: *const c_char,
    out: *mut T,
    f: impl FnOnce(&mut JsonDocument, &str) -> Result<T>,
) -> pjsua2rs_status {
    ffi_call(title, || {
        // SAFETY: the caller passes NULL or a NUL-terminated string.
        let name = unsafe { arg_str(name, "name") }?;
        check_out(out, "out")?;
        let value = with_doc(doc, |d| f(d, name))?;
        // SAFETY: checked non-null; the caller promises it is writable.
        unsafe { out.write(value) };
        Ok(())
    })
}

/// Appends a number member `name` (a 32-bit float, as PJSUA2; written `%d` when whole,
/// else `%f`) to container `node`. `name` is NUL-terminated UTF-8, copied; it may be ""
/// only in an array (array names are kept in memory but never saved). A non-finite
/// value, NULL or bad UTF-8, or an unknown node gives PJSUA2RS_ERR_INVALID_ARG; a stale
/// document PJSUA2RS_ERR_INVALID_HANDLE.
#[no_mangle]
pub extern "C" fn pjsua2rs_json_doc_write_number(
    doc: pjsua2rs_json_doc,
    node: u32,
    name: *const c_char,
    value: f32,
) -> pjsua2rs_status {
    write("pjsua2rs_json_doc_write_number()", doc, name, |d, n| {
        d.write_number(node, n, value)
    })
}

/// Appends an integer member (written exactly); as `pjsua2rs_json_doc_write_number`.
#[no_mangle]
pub extern "C" fn pjsua2rs_json_doc_write_int(
    doc: pjsua2rs_json_doc,
    node: u32,
    name: *const c_char,
    value: i32,
) -> pjsua2rs_status {
    write("pjsua2rs_json_doc_write_int()", doc, name, |d, n| {
        d.write_int(node, n, value)
    })
}

/// Appends a bool member; as `pjsua2rs_json_doc_write_number`.
#[no_mangle]
pub extern "C" fn pjsua2rs_json_doc_write_bool(
    doc: pjsua2rs_json_doc,
    node: u32,
    name: *const c_char,
    value: bool,
) -> pjsua2rs_status {
    write("pjsua2rs_json_doc_write_bool()", doc, name, |d, n| {
        d.write_bool(node, n, value)
    })
}

/// Appends a string member; `value` is NUL-terminated UTF-8, copied. NULL or bad UTF-8
/// gives PJSUA2RS_ERR_INVALID_ARG; otherwise as `pjsua2rs_json_doc_write_number`.
#[no_mangle]
pub extern "C" fn pjsua2rs_json_doc_write_string(
    doc: pjsua2rs_json_doc,
    node: u32,
    name: *const c_char,
    value: *const c_char,
) -> pjsua2rs_status {
    write("pjsua2rs_json_doc_write_string()", doc, name, |d, n| {
        // SAFETY: the caller passes NULL or a NUL-terminated string.
        let value = unsafe { arg_str(value, "value") }?;
        d.write_string(node, n, value)
    })
}

/// Appends an array of `count` strings (PJSUA2 `writeStringVector`), written inline.
/// `values` points to `count` NUL-terminated UTF-8 strings, copied; it may be NULL when
/// `count` is 0. A NULL element or bad UTF-8 gives PJSUA2RS_ERR_INVALID_ARG and appends
/// nothing.
#[no_mangle]
pub extern "C" fn pjsua2rs_json_doc_write_string_vector(
    doc: pjsua2rs_json_doc,
    node: u32,
    name: *const c_char,
    values: *const *const c_char,
    count: usize,
) -> pjsua2rs_status {
    write(
        "pjsua2rs_json_doc_write_string_vector()",
        doc,
        name,
        |d, n| {
            if values.is_null() && count > 0 {
                return Err(Error::new(PJSUA2RS_ERR_INVALID_ARG, "", "values is NULL"));
            }
            let strings = (0..count)
                .map(|i| {
                    // SAFETY: the caller promises `values` has `count` entries, each NULL or
                    // a NUL-terminated string.
                    unsafe { arg_str(*values.add(i), &format!("values[{i}]")) }
                })
                .collect::<Result<Vec<_>>>()?;
            d.write_string_vector(node, n, &strings)
        },
    )
}

/// Appends an empty object member and writes its node id to `*node_out` (PJSUA2
/// `writeNewContainer`). Errors as `pjsua2rs_json_doc_write_number`, and
/// PJSUA2RS_ERR_INVALID_ARG for a NULL `node_out`.
#[no_mangle]
pub extern "C" fn pjsua2rs_json_doc_write_new_container(
    doc: pjsua2rs_json_doc,
    node: u32,
    name: *const c_char,
    node_out: *mut u32,
) -> pjsua2rs_status {
    call_out(
        "pjsua2rs_json_doc_write_new_container()",
        doc,
        name,
        node_out,
        |d, n| d.write_new_container(node, n),
    )
}

/// Appends an empty array member and writes its node id to `*node_out` (PJSUA2
/// `writeNewArray`). An array whose first element has an empty name is saved inline,
/// otherwise one element per line. Errors as `pjsua2rs_json_doc_write_new_container`.
#[no_mangle]
pub extern "C" fn pjsua2rs_json_doc_write_new_array(
    doc: pjsua2rs_json_doc,
    node: u32,
    name: *const c_char,
    node_out: *mut u32,
) -> pjsua2rs_status {
    call_out(
        "pjsua2rs_json_doc_write_new_array()",
        doc,
        name,
        node_out,
        |d, n| d.write_new_array(node, n),
    )
}

/// Reads the next unread member `name` of container `node` (any name when `name` is ""
/// or `node` is an array) as a number into `*out`. Errors: PJSUA2RS_ERR_EOF (nothing
/// unread), PJSUA2RS_ERR_JSON (no unread member with that name, or not a number; the
/// reason names the path), PJSUA2RS_ERR_INVALID_ARG (NULL, bad UTF-8, unknown node),
/// PJSUA2RS_ERR_INVALID_HANDLE.
#[no_mangle]
pub extern "C" fn pjsua2rs_json_doc_read_number(
    doc: pjsua2rs_json_doc,
    node: u32,
    name: *const c_char,
    out: *mut f32,
) -> pjsua2rs_status {
    call_out("pjsua2rs_json_doc_read_number()", doc, name, out, |d, n| {
        d.read_number(node, n)
    })
}

/// Reads a member as an integer; a number that is not whole or not in `int32_t` range
/// is PJSUA2RS_ERR_JSON. Otherwise as `pjsua2rs_json_doc_read_number`.
#[no_mangle]
pub extern "C" fn pjsua2rs_json_doc_read_int(
    doc: pjsua2rs_json_doc,
    node: u32,
    name: *const c_char,
    out: *mut i32,
) -> pjsua2rs_status {
    call_out("pjsua2rs_json_doc_read_int()", doc, name, out, |d, n| {
        d.read_int(node, n)
    })
}

/// Reads a member as a bool; as `pjsua2rs_json_doc_read_number`.
#[no_mangle]
pub extern "C" fn pjsua2rs_json_doc_read_bool(
    doc: pjsua2rs_json_doc,
    node: u32,
    name: *const c_char,
    out: *mut bool,
) -> pjsua2rs_status {
    call_out("pjsua2rs_json_doc_read_bool()", doc, name, out, |d, n| {
        d.read_bool(node, n)
    })
}

/// Reads a member as a string, copied NUL-terminated into `buf` of `buf_len` bytes, with
/// its length (without the NUL) in `*len_out` when `len_out` is not NULL. When `buf` is
/// too small nothing is copied, `*len_out` gets the length, the result is
/// PJSUA2RS_ERR_NAME_TOO_LONG and the member stays unread, so the call can be repeated
/// with a larger buffer; a NULL `buf` with a non-NULL `len_out` only reports the length
/// (and leaves the member unread). Otherwise as `pjsua2rs_json_doc_read_number`.
#[no_mangle]
pub extern "C" fn pjsua2rs_json_doc_read_string(
    doc: pjsua2rs_json_doc,
    node: u32,
    name: *const c_char,
    buf: *mut c_char,
    buf_len: usize,
    len_out: *mut usize,
) -> pjsua2rs_status {
    ffi_call("pjsua2rs_json_doc_read_string()", || {
        // SAFETY: the caller passes NULL or a NUL-terminated string.
        let name = unsafe { arg_str(name, "name") }?;
        with_doc(doc, |d| {
            // SAFETY: the caller promises `buf` has `buf_len` bytes and `len_out` is NULL
            // or writable.
            let copy = |s: &str| unsafe { copy_out_str(s, buf, buf_len, len_out) };
            if buf.is_null() {
                // A size query: the member stays unread.
                d.peek_string(node, name, copy)
            } else {
                d.take_string(node, name, copy)
            }
        })
    })
}

/// Reads a member that is an array of strings (PJSUA2 `readStringVector`): writes the
/// array's node id to `*vector_out` and its length to `*count_out`; get the strings with
/// `pjsua2rs_json_doc_string_at`. An element that is not a string is PJSUA2RS_ERR_JSON.
/// Otherwise as `pjsua2rs_json_doc_read_number`.
#[no_mangle]
pub extern "C" fn pjsua2rs_json_doc_read_string_vector(
    doc: pjsua2rs_json_doc,
    node: u32,
    name: *const c_char,
    vector_out: *mut u32,
    count_out: *mut u32,
) -> pjsua2rs_status {
    ffi_call("pjsua2rs_json_doc_read_string_vector()", || {
        // SAFETY: the caller passes NULL or a NUL-terminated string.
        let name = unsafe { arg_str(name, "name") }?;
        check_out(vector_out, "vector_out")?;
        check_out(count_out, "count_out")?;
        let (id, count) = with_doc(doc, |d| d.read_string_vector_node(node, name))?;
        // SAFETY: both checked non-null; the caller promises they are writable.
        unsafe {
            vector_out.write(id);
            count_out.write(count);
        }
        Ok(())
    })
}

/// Copies string `index` of a vector returned by `pjsua2rs_json_doc_read_string_vector`
/// into `buf`, as `pjsua2rs_json_doc_read_string` copies (NAME_TOO_LONG with the needed
/// length when `buf` is too small). Does not change what is read. An index out of range,
/// a node that is not an array, or an element that is not a string gives
/// PJSUA2RS_ERR_INVALID_ARG.
#[no_mangle]
pub extern "C" fn pjsua2rs_json_doc_string_at(
    doc: pjsua2rs_json_doc,
    vector: u32,
    index: u32,
    buf: *mut c_char,
    buf_len: usize,
    len_out: *mut usize,
) -> pjsua2rs_status {
    ffi_call("pjsua2rs_json_doc_string_at()", || {
        with_doc(doc, |d| {
            let s = d.string_at(vector, index)?;
            // SAFETY: the caller promises `buf` has `buf_len` bytes and `len_out` is NULL
            // or writable.
            unsafe { copy_out_str(s, buf, buf_len, len_out) }
        })
    })
}

/// Reads a member that is an object and writes its node id to `*node_out` (PJSUA2
/// `readContainer`), for reading its members. Otherwise as
/// `pjsua2rs_json_doc_read_number`.
#[no_mangle]
pub extern "C" fn pjsua2rs_json_doc_read_container(
    doc: pjsua2rs_json_doc,
    node: u32,
    name: *const c_char,
    node_out: *mut u32,
) -> pjsua2rs_status {
    call_out(
        "pjsua2rs_json_doc_read_container()",
        doc,
        name,
        node_out,
        |d, n| d.read_container(node, n),
    )
}

/// Reads a member that is an array and writes its node id to `*node_out` (PJSUA2
/// `readArray`), for reading its elements in order. Otherwise as
/// `pjsua2rs_json_doc_read_number`.
#[no_mangle]
pub extern "C" fn pjsua2rs_json_doc_read_array(
    doc: pjsua2rs_json_doc,
    node: u32,
    name: *const c_char,
    node_out: *mut u32,
) -> pjsua2rs_status {
    call_out(
        "pjsua2rs_json_doc_read_array()",
        doc,
        name,
        node_out,
        |d, n| d.read_array(node, n),
    )
}

/// Writes to `*out` whether container `node` has members not read yet (PJSUA2
/// `hasUnread`). NULL `out` or an unknown node gives PJSUA2RS_ERR_INVALID_ARG.
#[no_mangle]
pub extern "C" fn pjsua2rs_json_doc_has_unread(
    doc: pjsua2rs_json_doc,
    node: u32,
    out: *mut bool,
) -> pjsua2rs_status {
    ffi_call("pjsua2rs_json_doc_has_unread()", || {
        check_out(out, "out")?;
        let v = with_doc(doc, |d| d.has_unread(node))?;
        // SAFETY: checked non-null; the caller promises it is writable.
        unsafe { out.write(v) };
        Ok(())
    })
}

/// Copies the name of the next unread member of `node` (PJSUA2 `unreadName`; "" for the
/// elements of a loaded array) into `buf` as `pjsua2rs_json_doc_read_string` copies.
/// PJSUA2RS_ERR_EOF when every member was read.
#[no_mangle]
pub extern "C" fn pjsua2rs_json_doc_unread_name(
    doc: pjsua2rs_json_doc,
    node: u32,
    buf: *mut c_char,
    buf_len: usize,
    len_out: *mut usize,
) -> pjsua2rs_status {
    ffi_call("pjsua2rs_json_doc_unread_name()", || {
        with_doc(doc, |d| {
            let name = d.unread_name(node)?;
            // SAFETY: the caller promises `buf` has `buf_len` bytes and `len_out` is NULL
            // or writable.
            unsafe { copy_out_str(name, buf, buf_len, len_out) }
        })
    })
}
