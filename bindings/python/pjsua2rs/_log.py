"""Logging: PJSUA2's LogEntry and LogWriter, and the bridge from the library's C log
callback to a LogWriter object."""
import itertools
import sys
import threading
import traceback

from . import _ffi
from ._cstr import from_c


class LogEntry:
    """One log message (PJSUA2's `LogEntry`): level, msg, threadId, threadName."""

    def __init__(self, level=0, msg="", threadId=0, threadName=""):
        self.level = level
        self.msg = msg
        self.threadId = threadId
        self.threadName = threadName

    def __repr__(self):
        return (f"LogEntry(level={self.level}, msg={self.msg!r}, threadId={self.threadId}, "
                f"threadName={self.threadName!r})")


class LogWriter:
    """Receives log messages: subclass it, override write(entry), and set an instance as
    `EpConfig.logConfig.writer` (PJSUA2's `LogWriter`). write runs on the library's
    callback thread, or inside libHandleEvents in poll mode; an exception it raises is
    printed to stderr."""

    def write(self, entry):
        """Called with a LogEntry for each message up to LogConfig.consoleLevel."""
        raise NotImplementedError("override LogWriter.write(entry)")


# The writers the library may call, by the user-data key handed to it. A writer stays here
# from libInit until libDestroy returns, so the library never calls a collected object.
_writers = {}
_keys = itertools.count(1)
_lock = threading.Lock()


def register(writer):
    """Registers `writer` and returns the key to pass as the C writer's user data."""
    with _lock:
        key = next(_keys)
        _writers[key] = writer
    return key


def unregister(key):
    """Forgets the writer registered under `key` (after the library stopped calling it)."""
    with _lock:
        _writers.pop(key, None)


def lookup(key):
    """The writer registered under `key`, or None."""
    with _lock:
        return _writers.get(key)


def _deliver(user_data, entry_ptr):
    try:
        writer = lookup(user_data)
        if writer is None:
            return
        e = entry_ptr.contents
        writer.write(LogEntry(e.level, from_c(e.msg or b""), e.thread_id,
                              from_c(e.thread_name or b"")))
    except BaseException:  # noqa: BLE001 (nothing may propagate into C)
        traceback.print_exc(file=sys.stderr)


# The one C callback for every writer; module-level, so it lives as long as the process.
TRAMPOLINE = _ffi.pjsua2rs_log_writer_fn(_deliver)
