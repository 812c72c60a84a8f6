"""Config objects as thin live views of ctypes structs.

A config object owns a ctypes struct filled by the library's `_default()`; a nested
member (`ep_cfg.uaConfig`) is a view of the same memory, so `ep_cfg.uaConfig.threadCnt = 0`
changes `ep_cfg`. Fields are descriptors that convert between PJSUA2's Python types and
the C fields: int/bool scalars (range-checked), str (UTF-8, length-checked), nested
structs (live views; assigning copies), and vectors (LiveVector).
"""
import ctypes

from . import _ffi
from ._cstr import from_c, to_c
from ._errors import Error, check
from ._json import PersistentObject
from ._vectors import LiveVector

_INT_RANGES = {
    ctypes.c_int8: (-(1 << 7), (1 << 7) - 1),
    ctypes.c_uint8: (0, (1 << 8) - 1),
    ctypes.c_int16: (-(1 << 15), (1 << 15) - 1),
    ctypes.c_uint16: (0, (1 << 16) - 1),
    ctypes.c_int32: (-(1 << 31), (1 << 31) - 1),
    ctypes.c_uint32: (0, (1 << 32) - 1),
    ctypes.c_int64: (-(1 << 63), (1 << 63) - 1),
    ctypes.c_uint64: (0, (1 << 64) - 1),
}


def check_int(value, label, ctype):
    """`value` as an int in the range of `ctype`; TypeError or OverflowError otherwise
    (as SWIG raises for PJSUA2's members)."""
    if not isinstance(value, int):
        raise TypeError(f"{label} must be an int, not {type(value).__name__}")
    lo, hi = _INT_RANGES[ctype]
    if not lo <= value <= hi:
        raise OverflowError(f"{label} must be in [{lo}, {hi}], got {value}")
    return value


def check_bool(value, label):
    """`value` as a bool; ints are accepted as truth values."""
    if not isinstance(value, int):
        raise TypeError(f"{label} must be a bool, not {type(value).__name__}")
    return bool(value)


class StructView(PersistentObject):
    """Base of the PJSUA2 config classes: a live view of a ctypes struct. A new object
    holds the library's defaults (PJSUA2's values)."""

    _ctype = None  # the ctypes Structure
    _default = None  # the library's `_default(out, size)` function
    _json_write = None  # pjsua2rs_json_doc_write_<x>, for the configs that have one
    _json_read = None
    _field_names = ()  # PJSUA2 member names, in C order

    def __init__(self):
        c = self._ctype()
        check(type(self)._default(ctypes.byref(c), ctypes.sizeof(c)))
        self._c = c
        # Python-side members (the log writer), keyed by (struct address, name), kept on
        # the object that owns the memory.
        self._extras = {}
        self._root = self

    @classmethod
    def _view(cls, c, root):
        """A view of struct `c`, part of the memory owned by `root`."""
        view = cls.__new__(cls)
        view._c = c
        view._root = root
        return view

    def _ready_for_c(self):
        """The struct, with `struct_size` stamped (it is 0 in an array or nested copy)."""
        if "struct_size" in dict(self._ctype._fields_) and self._c.struct_size == 0:
            self._c.struct_size = ctypes.sizeof(self._c)
        return self._c

    def writeObject(self, node):
        """Writes this config into ContainerNode `node` (PJSUA2's JSON schema)."""
        self._json(type(self)._json_write, node, "writeObject")

    def readObject(self, node):
        """Reads this config from ContainerNode `node`; members missing from the document
        keep their values."""
        self._json(type(self)._json_read, node, "readObject")

    def _json(self, fn, node, what):
        if fn is None:
            raise Error(_ffi.PJSUA2RS_ERR_NOT_SUPPORTED, f"{type(self).__name__}.{what}()",
                        "the C ABI saves and loads only EpConfig, TransportConfig, "
                        "AccountConfig and BuddyConfig")
        check(fn(node._doc._handle, node._id, ctypes.byref(self._ready_for_c())))

    def __repr__(self):
        fields = ", ".join(f"{n}={getattr(self, n)!r}" for n in self._field_names)
        return f"{type(self).__name__}({fields})"


def _label(view, name):
    return f"{type(view).__name__}.{name}"


class ScalarField:
    """An integer or bool member."""

    def __init__(self, cname, ctype, doc):
        self.cname, self.ctype, self.__doc__ = cname, ctype, doc

    def __set_name__(self, owner, name):
        self.name = name

    def __get__(self, view, owner=None):
        if view is None:
            return self
        return getattr(view._c, self.cname)

    def __set__(self, view, value):
        if self.ctype is ctypes.c_bool:
            value = check_bool(value, _label(view, self.name))
        else:
            value = check_int(value, _label(view, self.name), self.ctype)
        setattr(view._c, self.cname, value)


class StringField:
    """A `char[N]` member, seen as str."""

    def __init__(self, cname, size, doc):
        self.cname, self.size, self.__doc__ = cname, size, doc

    def __set_name__(self, owner, name):
        self.name = name

    def __get__(self, view, owner=None):
        if view is None:
            return self
        return from_c(getattr(view._c, self.cname))

    def __set__(self, view, value):
        data = to_c(value, _label(view, self.name), self.size)
        offset = getattr(type(view._c), self.cname).offset
        ctypes.memset(ctypes.addressof(view._c) + offset, 0, self.size)
        setattr(view._c, self.cname, data)


class NestedField:
    """A nested struct member: reading gives a live view, assigning copies."""

    def __init__(self, cname, cls, doc):
        self.cname, self.cls, self.__doc__ = cname, cls, doc

    def __set_name__(self, owner, name):
        self.name = name

    def __get__(self, view, owner=None):
        if view is None:
            return self
        return self.cls._view(getattr(view._c, self.cname), view._root)

    def __set__(self, view, value):
        if not isinstance(value, self.cls):
            raise TypeError(f"{_label(view, self.name)} must be a {self.cls.__name__}")
        dst = getattr(view._c, self.cname)
        copy_extras(value, dst, view._root)
        setattr(view._c, self.cname, value._c)


def copy_extras(src_view, dst_struct, dst_root):
    """Copies the Python-side members (log writers) inside `src_view`'s struct to the same
    offsets in `dst_struct`, owned by `dst_root`."""
    src_base = ctypes.addressof(src_view._c)
    dst_base = ctypes.addressof(dst_struct)
    size = ctypes.sizeof(src_view._c)
    for (addr, name), value in list(src_view._root._extras.items()):
        if src_base <= addr < src_base + size:
            dst_root._extras[(dst_base + addr - src_base, name)] = value


class VectorField:
    """An array member with its `<name>_count`: a LiveVector; assigning replaces it."""

    def __init__(self, cname, element, doc):
        self.cname, self.element, self.__doc__ = cname, element, doc

    def __set_name__(self, owner, name):
        self.name = name

    def vector(self, view):
        """The LiveVector of this field in `view`."""
        return LiveVector(view._c, self.cname, self.cname + "_count",
                          self.element.bound(view._root), _label(view, self.name))

    def __get__(self, view, owner=None):
        if view is None:
            return self
        return self.vector(view)

    def __set__(self, view, values):
        self.vector(view).assign(values)


class Element:
    """How a LiveVector reads and writes one kind of array element."""

    def bound(self, root):
        """This adapter for vectors inside the memory owned by `root`."""
        return self

    def check(self, value, label):
        """Raises when `value` cannot be stored (the message names `label`)."""
        raise NotImplementedError

    def copy(self, value):
        """`value` detached from any array, so storing it cannot alias its source."""
        return value

    def get(self, array, i):
        """Element `i` of `array` as a Python value."""
        raise NotImplementedError

    def set(self, array, i, value):
        """Stores `value` (already checked) as element `i` of `array`."""
        raise NotImplementedError


class StringElement(Element):
    """Vector elements that are `char[N]` strings."""

    def __init__(self, size):
        self.size = size

    def check(self, value, label):
        to_c(value, label, self.size)

    def get(self, array, i):
        return from_c(array[i].value)

    def set(self, array, i, value):
        array[i].raw = to_c(value, "", self.size).ljust(self.size, b"\0")


class IntElement(Element):
    """Vector elements that are integers."""

    def __init__(self, ctype):
        self.ctype = ctype

    def check(self, value, label):
        check_int(value, label, self.ctype)

    def get(self, array, i):
        return array[i]

    def set(self, array, i, value):
        array[i] = value


class StructElement(Element):
    """Vector elements that are structs: reading gives a live view, storing copies."""

    def __init__(self, cls, root=None):
        self.cls, self.root = cls, root

    def bound(self, root):
        return StructElement(self.cls, root)

    def check(self, value, label):
        if not isinstance(value, self.cls):
            raise TypeError(f"{label} elements must be {self.cls.__name__}, "
                            f"not {type(value).__name__}")

    def copy(self, value):
        # A detached copy, so reassigning a vector from its own views is safe.
        if not isinstance(value, self.cls):
            return value
        dup = self.cls._view(type(value._c).from_buffer_copy(value._c), None)
        dup._root = dup
        dup._extras = {}
        return dup

    def get(self, array, i):
        return self.cls._view(array[i], self.root)

    def set(self, array, i, value):
        array[i] = value._c


class LogWriterField:
    """`LogConfig.writer`: a LogWriter object (or None), kept on the Python side and
    handed to the library by Endpoint.libInit."""

    __doc__ = "The LogWriter receiving log entries, or None. Not saved in JSON."

    def __init__(self, writer_class):
        self.writer_class = writer_class

    def __set_name__(self, owner, name):
        self.name = name

    def __get__(self, view, owner=None):
        if view is None:
            return self
        return view._root._extras.get((ctypes.addressof(view._c), self.name))

    def __set__(self, view, writer):
        if writer is not None and not isinstance(writer, self.writer_class):
            raise TypeError(f"{_label(view, self.name)} must be a LogWriter or None")
        key = (ctypes.addressof(view._c), self.name)
        if writer is None:
            view._root._extras.pop(key, None)
        else:
            view._root._extras[key] = writer
