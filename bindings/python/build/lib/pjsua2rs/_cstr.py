"""Strings across the C ABI: UTF-8 in, caller buffers out."""
import ctypes

from . import _ffi
from ._errors import Error, check


def to_c(text, label, size=None):
    """`text` as NUL-free UTF-8 bytes for a C string; with `size` (the field's bytes,
    NUL included) a longer text raises Error naming `label`."""
    if not isinstance(text, str):
        raise TypeError(f"{label} must be a str, not {type(text).__name__}")
    data = text.encode("utf-8")
    if b"\0" in data:
        raise Error(_ffi.PJSUA2RS_ERR_INVALID_ARG, label, "the text contains a NUL character")
    if size is not None and len(data) >= size:
        raise Error(_ffi.PJSUA2RS_ERR_NAME_TOO_LONG, label,
                    f"{len(data)} bytes of UTF-8, but the field holds at most {size - 1}")
    return data


def from_c(data):
    """Bytes from C as str (invalid UTF-8 replaced)."""
    return data.decode("utf-8", "replace")


def read_text(call, size=256):
    """Text from a C function that copies into a caller buffer: `call(buf, buf_len,
    len_out)` returns PJSUA2RS_ERR_NAME_TOO_LONG with the needed length when the buffer is
    too small; then it is called again with a buffer that fits."""
    while True:
        buf = ctypes.create_string_buffer(size)
        length = ctypes.c_size_t(0)
        status = call(buf, size, ctypes.byref(length))
        if status == _ffi.PJSUA2RS_ERR_NAME_TOO_LONG and length.value >= size:
            size = length.value + 1
            continue
        check(status)
        return from_c(buf.raw[:length.value])
