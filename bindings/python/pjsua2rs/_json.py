"""PJSUA2's persistence: PersistentObject, JsonDocument and ContainerNode."""
import ctypes

from . import _ffi
from ._cstr import read_text, to_c
from ._errors import check
from ._vectors import StringVector

_lib = _ffi.lib
# Handles of documents that were garbage-collected: __del__ must not call the library,
# so it queues them here and the next JsonDocument() destroys them.
_ORPHANS = []


class PersistentObject:
    """An object that can be saved to and loaded from a document (PJSUA2's
    `PersistentObject`). Subclasses override readObject and writeObject."""

    def readObject(self, node):
        """Reads this object from ContainerNode `node`."""
        raise NotImplementedError(f"{type(self).__name__}.readObject")

    def writeObject(self, node):
        """Writes this object to ContainerNode `node`."""
        raise NotImplementedError(f"{type(self).__name__}.writeObject")


def _free_orphans():
    while _ORPHANS:
        _lib.pjsua2rs_json_doc_destroy(_ORPHANS.pop())


def _name(name):
    return to_c(name, "name")


class ContainerNode:
    """An object or array in a JsonDocument (PJSUA2's `ContainerNode`). Reads take the
    next unread member (by name in objects; in order in arrays); writes append."""

    def __init__(self, doc, node_id):
        self._doc = doc  # keeps the document alive as long as its nodes
        self._id = node_id

    def _call(self, fn, *args):
        check(fn(self._doc._handle, self._id, *args))

    def hasUnread(self):
        """Whether members remain unread."""
        out = ctypes.c_bool()
        self._call(_lib.pjsua2rs_json_doc_has_unread, ctypes.byref(out))
        return out.value

    def unreadName(self):
        """The name of the next unread member ("" for array elements)."""
        return read_text(lambda buf, n, length: _lib.pjsua2rs_json_doc_unread_name(
            self._doc._handle, self._id, buf, n, length))

    def readInt(self, name=""):
        """Reads an integer member."""
        out = ctypes.c_int32()
        self._call(_lib.pjsua2rs_json_doc_read_int, _name(name), ctypes.byref(out))
        return out.value

    def readNumber(self, name=""):
        """Reads a number member (a 32-bit float, as PJSUA2)."""
        out = ctypes.c_float()
        self._call(_lib.pjsua2rs_json_doc_read_number, _name(name), ctypes.byref(out))
        return out.value

    def readBool(self, name=""):
        """Reads a bool member."""
        out = ctypes.c_bool()
        self._call(_lib.pjsua2rs_json_doc_read_bool, _name(name), ctypes.byref(out))
        return out.value

    def readString(self, name=""):
        """Reads a string member."""
        encoded = _name(name)
        return read_text(lambda buf, n, length: _lib.pjsua2rs_json_doc_read_string(
            self._doc._handle, self._id, encoded, buf, n, length))

    def readStringVector(self, name=""):
        """Reads an array of strings as a StringVector."""
        vec, count = ctypes.c_uint32(), ctypes.c_uint32()
        self._call(_lib.pjsua2rs_json_doc_read_string_vector, _name(name),
                   ctypes.byref(vec), ctypes.byref(count))
        return StringVector(
            read_text(lambda buf, n, length, i=i: _lib.pjsua2rs_json_doc_string_at(
                self._doc._handle, vec.value, i, buf, n, length))
            for i in range(count.value))

    def readObject(self, obj):
        """Reads PersistentObject `obj` from this container (`obj.readObject(self)`)."""
        obj.readObject(self)

    def readContainer(self, name=""):
        """Reads an object member, returned as a ContainerNode."""
        return self._child(_lib.pjsua2rs_json_doc_read_container, name)

    def readArray(self, name=""):
        """Reads an array member, returned as a ContainerNode."""
        return self._child(_lib.pjsua2rs_json_doc_read_array, name)

    def writeNumber(self, name, num):
        """Appends a number member (stored as a 32-bit float, as PJSUA2)."""
        self._call(_lib.pjsua2rs_json_doc_write_number, _name(name), float(num))

    def writeInt(self, name, num):
        """Appends an integer member."""
        self._call(_lib.pjsua2rs_json_doc_write_int, _name(name), int(num))

    def writeBool(self, name, value):
        """Appends a bool member."""
        self._call(_lib.pjsua2rs_json_doc_write_bool, _name(name), bool(value))

    def writeString(self, name, value):
        """Appends a string member."""
        self._call(_lib.pjsua2rs_json_doc_write_string, _name(name), to_c(value, name))

    def writeStringVector(self, name, values):
        """Appends an array of strings."""
        items = [to_c(v, name) for v in values]
        array = (ctypes.c_char_p * len(items))(*items)
        self._call(_lib.pjsua2rs_json_doc_write_string_vector, _name(name), array, len(items))

    def writeObject(self, obj):
        """Writes PersistentObject `obj` into this container (`obj.writeObject(self)`)."""
        obj.writeObject(self)

    def writeNewContainer(self, name):
        """Appends an empty object member and returns it."""
        return self._child(_lib.pjsua2rs_json_doc_write_new_container, name)

    def writeNewArray(self, name):
        """Appends an empty array member and returns it."""
        return self._child(_lib.pjsua2rs_json_doc_write_new_array, name)

    def _child(self, fn, name):
        out = ctypes.c_uint32()
        self._call(fn, _name(name), ctypes.byref(out))
        return ContainerNode(self._doc, out.value)


class JsonDocument:
    """A JSON document in PJSUA2's format (PJSUA2's `JsonDocument`). The container
    methods (readInt, writeObject...) act on the root container."""

    def __init__(self):
        _free_orphans()
        handle = ctypes.c_uint64()
        check(_lib.pjsua2rs_json_doc_create(ctypes.byref(handle)))
        self._handle = handle.value

    def __del__(self):
        handle = getattr(self, "_handle", None)
        if handle is not None:
            _ORPHANS.append(handle)

    def setLayout(self, layout):
        """pjsua2rs extension: the PJSUA2 release whose member layout later config writes
        use (PJSUA2RS_JSON_LAYOUT_LATEST, _2_15, _2_16, _2_17)."""
        check(_lib.pjsua2rs_json_doc_set_layout(self._handle, layout))

    def loadFile(self, filename):
        """Parses the file `filename` into the document."""
        check(_lib.pjsua2rs_json_doc_load_file(self._handle, to_c(filename, "filename")))

    def loadString(self, input):  # noqa: A002 (PJSUA2's parameter name)
        """Parses the JSON text `input` into the document."""
        check(_lib.pjsua2rs_json_doc_load_string(self._handle, to_c(input, "input")))

    def saveFile(self, filename):
        """Writes the document to the file `filename`."""
        check(_lib.pjsua2rs_json_doc_save_file(self._handle, to_c(filename, "filename")))

    def saveString(self):
        """The document as text, in PJSUA2's layout."""
        return read_text(lambda buf, n, length: _lib.pjsua2rs_json_doc_save_string(
            self._handle, buf, n, length), size=16384)

    def getRootContainer(self):
        """The root container."""
        # Made on demand: a stored node would be a cycle that delays freeing the document.
        return ContainerNode(self, _ffi.PJSUA2RS_JSON_ROOT)


def _root_shortcut(name):
    def method(self, *args):
        return getattr(self.getRootContainer(), name)(*args)
    method.__name__ = name
    method.__doc__ = f"`{name}` on the root container (PJSUA2's PersistentDocument)."
    return method


for _method in ("hasUnread", "unreadName", "readInt", "readNumber", "readBool", "readString",
                "readStringVector", "readObject", "readContainer", "readArray",
                "writeNumber", "writeInt", "writeBool", "writeString", "writeStringVector",
                "writeObject", "writeNewContainer", "writeNewArray"):
    setattr(JsonDocument, _method, _root_shortcut(_method))
