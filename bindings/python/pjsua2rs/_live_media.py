"""The media objects (players, recorders, tone generators) the library holds for the
application, and the handles of those that were garbage-collected.

Each created object is registered under a key, the user data of a player's onEof2. The
registry holds it weakly: as in PJSUA2, the application keeps its object alive, and one
it drops is destroyed (its port leaves the bridge; a recorder's file is completed). The
garbage collector must not call the library (DESIGN.md §4), so the object's weakref
finalizer only queues its handle with `orphan`; `free_orphans` destroys the queued ones.
It runs at the start of every media call, Endpoint.libHandleEvents and libDestroy: a
program that drops a recorder sees its file complete after the next of those, e.g. its
next libHandleEvents.
"""
import itertools
import threading
import weakref

_objects = {}  # key -> (weak reference to the object, its endpoint's handle)
_keys = itertools.count(1)
_lock = threading.Lock()
_orphans = []  # (key, destroy function, [handle]); list.append is atomic


def register(obj, ep_handle):
    """Registers `obj` of endpoint `ep_handle`; returns its key."""
    with _lock:
        key = next(_keys)
        _objects[key] = (weakref.ref(obj), ep_handle)
    return key


def unregister(key):
    """Forgets the object registered under `key`."""
    with _lock:
        _objects.pop(key, None)


def lookup(key):
    """The live object registered under `key`, or None."""
    with _lock:
        entry = _objects.get(key)
    return entry[0]() if entry is not None else None


def of_endpoint(ep_handle):
    """The live objects of endpoint `ep_handle`."""
    with _lock:
        refs = [ref for ref, ep in _objects.values() if ep == ep_handle]
    return [o for o in (ref() for ref in refs) if o is not None]


def orphan(key, destroy, cell):
    """Queues the handle (in the one-element list `cell`) of a collected object for
    `destroy`. Safe in a finalizer: it takes no lock and calls nothing."""
    _orphans.append((key, destroy, cell))


def free_orphans():
    """Destroys the handles of the objects that were collected."""
    while _orphans:
        try:
            key, destroy, cell = _orphans.pop()
        except IndexError:  # another thread took the last one
            return
        unregister(key)
        handle, cell[0] = cell[0], 0
        if handle:
            # Fails harmlessly when the endpoint is already destroyed; the handle is freed.
            destroy(handle)
