"""The Account objects the library may call back, and the handles of Accounts that were
garbage-collected before their shutdown().

Each created Account is registered under a key, the user data the library hands back to
the callbacks. The registry holds it weakly: as in PJSUA2, the application keeps its
Account alive, and one it drops is shut down. Its __del__ must not call the library (nor
take a lock: it may run anywhere, even while this thread holds one), so it queues the
handle with `orphan` and `free_orphans` (run by Account.create and
Endpoint.libHandleEvents) shuts it down.
"""
import itertools
import threading
import weakref

from . import _ffi

_lib = _ffi.lib
_accounts = {}  # key -> (weak reference to the Account, its endpoint's handle)
_keys = itertools.count(1)
_lock = threading.Lock()
_orphans = []  # (key, account handle) of collected Accounts; list.append is atomic


def register(account, ep_handle):
    """Registers `account` of endpoint `ep_handle`; returns its callback key."""
    with _lock:
        key = next(_keys)
        _accounts[key] = (weakref.ref(account), ep_handle)
    return key


def unregister(key):
    """Forgets the account registered under `key` (the library no longer calls it)."""
    with _lock:
        _accounts.pop(key, None)


def lookup(key):
    """The live Account registered under `key`, or None."""
    with _lock:
        entry = _accounts.get(key)
    return entry[0]() if entry is not None else None


def of_endpoint(ep_handle):
    """The live Accounts of endpoint `ep_handle`."""
    with _lock:
        refs = [ref for ref, ep in _accounts.values() if ep == ep_handle]
    return [a for a in (ref() for ref in refs) if a is not None]


def orphan(key, handle):
    """Queues the account handle of a collected Account for shutdown (safe in __del__)."""
    _orphans.append((key, handle))


def free_orphans():
    """Shuts down the accounts whose Account objects were collected."""
    while _orphans:
        key, handle = _orphans.pop()
        unregister(key)
        # Fails harmlessly when the endpoint is already destroyed; the handle is freed.
        _lib.pjsua2rs_account_shutdown(handle)
