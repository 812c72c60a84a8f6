"""The Call objects the library may call back, the ones it holds for the application, and
the handles of Calls that were garbage-collected.

Each Call is registered under a key, the user data the library hands back to its
callbacks. The registry holds it weakly: as in PJSUA2, the application keeps its Call
alive, and one it drops is deleted, which hangs its call up. The exception is a Call the
application hands to the library as `prm.newCall` (transfer, replacement): like PJSUA2's
C++ `new MyCall(acc)`, nobody else may hold it, so the registry pins it (a strong
reference) until its call has disconnected or its endpoint is destroyed.

A collected Call must not call the library from the collector (it may run anywhere, even
while this thread holds a lock, DESIGN.md §4): its weakref finalizer only queues the
handle with `orphan`, and `free_orphans` (run by Call(), Account.create,
Endpoint.libHandleEvents, hangupAllCalls and libDestroy) destroys it, which hangs up a
call still in progress.
"""
import itertools
import threading
import weakref

from . import _ffi

_lib = _ffi.lib
_calls = {}  # key -> (weak reference to the Call, its endpoint's handle)
_pinned = {}  # key -> Call held for the library (a callback's newCall)
_keys = itertools.count(1)
_lock = threading.Lock()
_orphans = []  # (key, [handle]) of collected Calls; list.append is atomic


def register(call, ep_handle):
    """Registers `call` of endpoint `ep_handle`; returns its callback key."""
    with _lock:
        key = next(_keys)
        _calls[key] = (weakref.ref(call), ep_handle)
    return key


def unregister(key):
    """Forgets the Call registered under `key` (the library no longer reaches it)."""
    with _lock:
        _calls.pop(key, None)
        _pinned.pop(key, None)


def lookup(key):
    """The live Call registered under `key`, or None."""
    with _lock:
        entry = _calls.get(key)
    return entry[0]() if entry is not None else None


def of_endpoint(ep_handle):
    """The live Calls of endpoint `ep_handle`."""
    with _lock:
        refs = [ref for ref, ep in _calls.values() if ep == ep_handle]
    return [c for c in (ref() for ref in refs) if c is not None]


def pin(key, call):
    """Keeps `call` alive for the library until `unpin(key)`."""
    with _lock:
        if key in _calls:
            _pinned[key] = call


def unpin(key):
    """Lets the library's reference to the Call under `key` go."""
    with _lock:
        _pinned.pop(key, None)


def orphan(key, cell):
    """Queues the handle (in the one-element list `cell`) of a collected Call for
    destruction. Safe in a finalizer: it takes no lock and calls nothing."""
    _orphans.append((key, cell))


def free_orphans():
    """Destroys the handles of the Calls that were collected (hanging up their calls)."""
    while _orphans:
        try:
            key, cell = _orphans.pop()
        except IndexError:  # another thread took the last one
            return
        unregister(key)
        handle, cell[0] = cell[0], 0
        if handle:
            # Fails harmlessly when the endpoint is already destroyed; the handle is freed.
            _lib.pjsua2rs_call_destroy(handle)
