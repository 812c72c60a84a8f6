"""Log writers: in poll mode they run only inside libHandleEvents on the calling thread;
in thread mode on the library's callback thread; never after libDestroy returns. The
bindings keep the writer alive while the library may call it."""
import gc
import threading
import time
import weakref

from conftest import quiet_config

import pjsua2rs as pj


class Recorder(pj.LogWriter):
    """Records (level, msg, thread ident) of every entry."""

    def __init__(self):
        super().__init__()
        self.entries = []

    def write(self, entry):
        self.entries.append((entry.level, entry.msg, threading.get_ident()))


def start(poll, writer, console_level=3):
    cfg = quiet_config(poll)
    cfg.logConfig.writer = writer
    cfg.logConfig.level = 5
    cfg.logConfig.consoleLevel = console_level
    cfg.logConfig.decor = 0  # the message alone
    ep = pj.Endpoint()
    ep.libCreate()
    ep.libInit(cfg)
    ep.libStart()
    return ep


def app_entries(rec):
    return [e for e in rec.entries if e[1].startswith("app:")]


def test_poll_mode_runs_the_writer_inside_handle_events_on_the_calling_thread():
    rec = Recorder()
    ep = start(True, rec)
    try:
        ep.utilLogWrite(3, "test", "app: hello")
        ep.utilLogWrite(4, "test", "app: above consoleLevel")
        time.sleep(0.05)
        assert app_entries(rec) == []  # queued until the application polls
        assert ep.libHandleEvents(100) >= 1
        assert app_entries(rec) == [(3, "app: hello", threading.get_ident())]
    finally:
        ep.libDestroy()


def test_thread_mode_runs_the_writer_on_the_library_thread():
    rec = Recorder()
    ep = start(False, rec)
    try:
        ep.utilLogWrite(2, "test", "app: from the library thread")
        deadline = time.monotonic() + 5
        while not app_entries(rec) and time.monotonic() < deadline:
            time.sleep(0.01)
        (level, msg, thread), = app_entries(rec)
        assert (level, msg) == (2, "app: from the library thread")
        assert thread != threading.get_ident()
        assert ep.libHandleEvents(10) == 0  # nothing is queued for the application
    finally:
        ep.libDestroy()


def test_no_writer_call_after_lib_destroy():
    rec = Recorder()
    ep = start(False, rec)
    for i in range(200):
        ep.utilLogWrite(3, "test", f"app: {i}")
    ep.libDestroy()
    seen = len(rec.entries)
    time.sleep(0.2)
    assert len(rec.entries) == seen


def test_the_writer_is_kept_alive_until_lib_destroy():
    cfg_writer = Recorder()
    gone = weakref.ref(cfg_writer)
    ep = start(True, cfg_writer)
    entries = cfg_writer.entries
    del cfg_writer  # the application drops its references (EpConfig included)
    gc.collect()
    assert gone() is not None
    ep.utilLogWrite(3, "test", "app: still delivered")
    ep.libHandleEvents(100)
    assert [e[1] for e in entries if e[1].startswith("app:")] == ["app: still delivered"]
    ep.libDestroy()
    gc.collect()
    assert gone() is None  # released once the library cannot call it any more


def test_a_failing_writer_does_not_stop_logging(capfd):
    class Failing(Recorder):
        def write(self, entry):
            super().write(entry)
            raise RuntimeError("writer failed")

    rec = Failing()
    ep = start(True, rec)
    try:
        ep.utilLogWrite(3, "test", "app: one")
        ep.utilLogWrite(3, "test", "app: two")
        ep.libHandleEvents(100)
        assert [e[1] for e in app_entries(rec)] == ["app: one", "app: two"]
        assert "RuntimeError: writer failed" in capfd.readouterr().err
    finally:
        ep.libDestroy()


def test_the_writer_follows_a_copied_log_config():
    rec = Recorder()
    log = pj.LogConfig()
    log.writer = rec
    cfg = pj.EpConfig()
    assert cfg.logConfig.writer is None
    cfg.logConfig = log
    assert cfg.logConfig.writer is rec
    log.writer = None  # the copy keeps its own
    assert cfg.logConfig.writer is rec


def test_log_entry_goes_straight_to_the_writer():
    rec = Recorder()
    ep = start(True, rec)
    try:
        ep.utilLogWrite(pj.LogEntry(2, "app: entry", 0, "x"))
        assert app_entries(rec) == [(2, "app: entry", threading.get_ident())]
    finally:
        ep.libDestroy()


def test_writer_receives_thread_details():
    seen = []

    class Keep(pj.LogWriter):
        def write(self, entry):
            seen.append(entry)

    ep = start(True, Keep())
    try:
        ep.utilLogWrite(1, "test", "app: details")
        ep.libHandleEvents(100)
        entry = [e for e in seen if e.msg == "app: details"][0]
        assert entry.level == 1 and entry.threadId != 0
        assert isinstance(entry.threadName, str)
    finally:
        ep.libDestroy()
