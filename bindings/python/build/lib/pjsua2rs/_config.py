"""PJSUA2's config classes (EpConfig, AccountConfig, ...), built from the ctypes structs
of _ffi and the names in _names: one class per C config struct, one descriptor per C
field. Nothing here is specific to a field except the few methods PJSUA2 adds
(AuthCredInfo's constructor, SockOpt.setOptValInt)."""
import ctypes

from . import _ffi, _names
from ._log import LogWriter
from ._struct_view import (IntElement, LogWriterField, NestedField, ScalarField,
                           StringElement, StringField, StructElement, StructView,
                           VectorField)

_FUNCTIONS = {name for name, _, _ in _ffi.PROTOTYPES}


class _AuthCredInfoMethods:
    def __init__(self, *args):
        """AuthCredInfo() with the defaults, or AuthCredInfo(scheme, realm, user_name,
        data_type, data) as in PJSUA2."""
        super().__init__()
        if args:
            if len(args) != 5:
                raise TypeError("AuthCredInfo() takes 0 or 5 arguments "
                                "(scheme, realm, user_name, data_type, data)")
            self.scheme, self.realm, self.username, self.dataType, self.data = args


class _SockOptMethods:
    def setOptValInt(self, value):
        """Sets an int option value (PJSUA2's `SockOpt::setOptValInt`)."""
        self.optVal = value
        self.optLen = ctypes.sizeof(ctypes.c_int)


_METHODS = {"AuthCredInfo": _AuthCredInfoMethods, "SockOpt": _SockOptMethods}


def _field(struct_name, cname, ctype, doc, classes):
    """The descriptor for C field `cname` of type `ctype`."""
    if (struct_name, cname) == _names.LOG_WRITER_FIELD:
        return LogWriterField(LogWriter)
    if issubclass(ctype, ctypes.Structure):
        return NestedField(cname, classes[ctype], doc)
    if issubclass(ctype, ctypes.Array):
        elem = ctype._type_
        if elem is ctypes.c_char:
            return StringField(cname, ctype._length_, doc)
        if issubclass(elem, ctypes.Array) and elem._type_ is ctypes.c_char:
            element = StringElement(elem._length_)
        elif issubclass(elem, ctypes.Structure):
            element = StructElement(classes[elem])
        elif elem in (ctypes.c_int32, ctypes.c_uint32):
            element = IntElement(elem)
        else:
            raise TypeError(f"{struct_name}.{cname}: unsupported array element {elem}")
        return VectorField(cname, element, doc)
    return ScalarField(cname, ctype, doc)


def _build(struct_name, class_name, classes):
    """The PJSUA2 class viewing C struct `struct_name`."""
    ctype = getattr(_ffi, struct_name)
    suffix = struct_name[len("pjsua2rs_"):]
    fields = dict(ctype._fields_)
    ns = {
        "__doc__": ctype.__doc__,
        "__module__": "pjsua2rs",
        "__qualname__": class_name,
        "_ctype": ctype,
        "_default": staticmethod(getattr(_ffi.lib, f"pjsua2rs_{suffix}_default")),
    }
    for direction in ("write", "read"):
        fn = f"pjsua2rs_json_doc_{direction}_{suffix}"
        if fn in _FUNCTIONS:
            ns[f"_json_{direction}"] = staticmethod(getattr(_ffi.lib, fn))
    names = []
    for cname, ftype in ctype._fields_:
        counted = cname.endswith("_count") and cname[:-len("_count")] in fields
        if cname in _names.HIDDEN_FIELDS or counted:
            continue
        name = _names.pjsua2_field_name(struct_name, cname)
        ns[name] = _field(struct_name, cname, ftype, ctype._field_docs_[cname], classes)
        names.append(name)
    ns["_field_names"] = tuple(names)
    bases = (StructView,)
    if class_name in _METHODS:
        bases = (_METHODS[class_name],) + bases
    return type(class_name, bases, ns)


def _build_all():
    classes = {}  # ctypes struct -> class, for nested members and vector elements
    by_name = {}
    for struct_name, class_name in _names.CLASSES:
        cls = _build(struct_name, class_name, classes)
        classes[cls._ctype] = cls
        by_name[class_name] = cls
    return by_name


CLASSES = _build_all()
globals().update(CLASSES)
__all__ = sorted(CLASSES)
