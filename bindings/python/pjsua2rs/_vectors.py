"""PJSUA2's vector classes: standalone ones (lists with the C++ vector methods) and live
views of the fixed arrays inside config structs."""
import ctypes
from collections.abc import MutableSequence

from . import _ffi
from ._errors import Error


class _CxxVectorMethods:
    """The std::vector methods SWIG gives PJSUA2's vectors, on top of list behaviour."""

    def push_back(self, value):
        """Appends `value` (std::vector::push_back)."""
        self.append(value)

    def pop_back(self):
        """Removes the last element."""
        del self[len(self) - 1]

    def size(self):
        """The number of elements."""
        return len(self)

    def empty(self):
        """Whether there are no elements."""
        return len(self) == 0

    def front(self):
        """The first element."""
        return self[0]

    def back(self):
        """The last element."""
        return self[len(self) - 1]


class StringVector(_CxxVectorMethods, list):
    """A list of str (PJSUA2's `StringVector`)."""


class IntVector(_CxxVectorMethods, list):
    """A list of int (PJSUA2's `IntVector`)."""


class SipHeaderVector(_CxxVectorMethods, list):
    """A list of SipHeader (PJSUA2's `SipHeaderVector`)."""


class AuthCredInfoVector(_CxxVectorMethods, list):
    """A list of AuthCredInfo (PJSUA2's `AuthCredInfoVector`)."""


class SrtpCryptoVector(_CxxVectorMethods, list):
    """A list of SrtpCrypto (PJSUA2's `SrtpCryptoVector`)."""


class SockOptVector(_CxxVectorMethods, list):
    """A list of SockOpt (PJSUA2's `SockOptVector`)."""


class CallMediaInfoVector(_CxxVectorMethods, list):
    """A list of CallMediaInfo (PJSUA2's `CallMediaInfoVector`)."""


class AudioMediaVector2(_CxxVectorMethods, list):
    """A list of AudioMedia (PJSUA2's `AudioMediaVector2`)."""


class AudioDevInfoVector2(_CxxVectorMethods, list):
    """A list of AudioDevInfo (PJSUA2's `AudioDevInfoVector2`)."""


class MediaFormatAudioVector(_CxxVectorMethods, list):
    """A list of MediaFormatAudio (PJSUA2's `MediaFormatAudioVector`)."""


class ToneDescVector(_CxxVectorMethods, list):
    """A list of ToneDesc (PJSUA2's `ToneDescVector`)."""


class ToneDigitVector(_CxxVectorMethods, list):
    """A list of ToneDigit (PJSUA2's `ToneDigitVector`)."""


class ToneDigitMapVector(_CxxVectorMethods, list):
    """A list of ToneDigitMapDigit (PJSUA2's `ToneDigitMapVector`)."""


class ByteVector(_CxxVectorMethods, bytearray):
    """Bytes (PJSUA2's `ByteVector`, a vector of unsigned char): a bytearray, so it is
    built from bytes or from ints 0-255 (`ByteVector(b"...")`, `ByteVector([1, 2])`),
    indexing gives ints, and `bytes(v)` or `memoryview(v)` read it without a loop."""


class CodecInfoVector2(_CxxVectorMethods, list):
    """A list of CodecInfo (PJSUA2's `CodecInfoVector2`)."""


class CodecFmtpVector(_CxxVectorMethods, list):
    """A list of CodecFmtp (PJSUA2's `CodecFmtpVector`)."""


class LiveVector(_CxxVectorMethods, MutableSequence):
    """A live view of a fixed C array and its `<name>_count` inside a config struct:
    changes go straight into the struct. Adding beyond the array's capacity raises
    Error (PJ_ETOOMANY) naming the field."""

    def __init__(self, struct, array_field, count_field, element, label):
        self._struct = struct
        self._array = getattr(struct, array_field)
        self._count_field = count_field
        self._element = element  # an element adapter from _struct_view
        self._label = label

    def __len__(self):
        return getattr(self._struct, self._count_field)

    def _index(self, i):
        n = len(self)
        if not isinstance(i, int):
            raise TypeError(f"{self._label} indices must be integers")
        if i < 0:
            i += n
        if not 0 <= i < n:
            raise IndexError(f"{self._label} index out of range")
        return i

    def __getitem__(self, i):
        if isinstance(i, slice):
            return [self[j] for j in range(*i.indices(len(self)))]
        return self._element.get(self._array, self._index(i))

    def __setitem__(self, i, value):
        if isinstance(i, slice):
            items = list(self)
            items[i] = value
            self.assign(items)
            return
        i = self._index(i)
        self._element.check(value, self._label)
        self._element.set(self._array, i, value)

    def _move(self, dst, src, count):
        size = ctypes.sizeof(self._array._type_)
        base = ctypes.addressof(self._array)
        ctypes.memmove(base + dst * size, base + src * size, count * size)

    def _clear_slot(self, i):
        size = ctypes.sizeof(self._array._type_)
        ctypes.memset(ctypes.addressof(self._array) + i * size, 0, size)

    def __delitem__(self, i):
        if isinstance(i, slice):
            items = list(self)
            del items[i]
            self.assign(items)
            return
        i, n = self._index(i), len(self)
        self._move(i, i + 1, n - i - 1)
        self._clear_slot(n - 1)
        setattr(self._struct, self._count_field, n - 1)

    def insert(self, i, value):
        """Inserts `value` before index `i`."""
        n = len(self)
        self._element.check(value, self._label)
        self._check_room(n + 1)
        i = max(0, min(n, i + n if i < 0 else i))
        self._move(i + 1, i, n - i)
        self._element.set(self._array, i, value)
        setattr(self._struct, self._count_field, n + 1)

    def assign(self, values):
        """Replaces the contents with `values` (any iterable); nothing changes when a value
        is invalid or there are too many."""
        values = [self._element.copy(v) for v in values]
        for v in values:
            self._element.check(v, self._label)
        self._check_room(len(values))
        ctypes.memset(ctypes.addressof(self._array), 0, ctypes.sizeof(self._array))
        for i, v in enumerate(values):
            self._element.set(self._array, i, v)
        setattr(self._struct, self._count_field, len(values))

    def clear(self):
        """Removes every element."""
        self.assign([])

    def _check_room(self, n):
        if n > len(self._array):
            raise Error(_ffi.PJSUA2RS_ERR_TOO_MANY, self._label,
                        f"{n} elements, but the field holds at most {len(self._array)}")

    def __eq__(self, other):
        if isinstance(other, (list, tuple, LiveVector)):
            return list(self) == list(other)
        return NotImplemented

    def __repr__(self):
        return f"{self._label}{list(self)!r}"
