"""Shared fixtures of the pjsua2rs Python tests.

The tests import the package from this checkout (bindings/python) unless it is installed,
and load the library from $PJSUA2RS_LIBRARY or the checkout's target/release (run
`cargo build --release` first). Comparisons with the real PJSUA2 run it in a subprocess
(the `pjsua2` wheel), so its asserts and console output cannot disturb this process.
"""
import importlib.util
import json
import os
import subprocess
import sys
import time

import pytest

HERE = os.path.dirname(os.path.abspath(__file__))
BINDINGS = os.path.dirname(HERE)
REPO = os.path.dirname(os.path.dirname(BINDINGS))
sys.path.insert(0, BINDINGS)

import pjsua2rs as pj  # noqa: E402

HAVE_PJSUA2 = importlib.util.find_spec("pjsua2") is not None
# scripts/test.sh sets PJSUA2RS_REQUIRE_PJSUA2 where PJSUA2's wheel exists: there the
# side-by-side tests run (and fail without the module) instead of being skipped.
REQUIRE_PJSUA2 = bool(os.environ.get("PJSUA2RS_REQUIRE_PJSUA2"))
needs_pjsua2 = pytest.mark.skipif(
    not HAVE_PJSUA2 and not REQUIRE_PJSUA2, reason="the real PJSUA2 Python module (pip install pjsua2) is not "
                            "installed, so there is nothing to compare with")


def quiet_config(poll=True):
    """An EpConfig that logs nothing to the console; poll mode unless `poll` is False."""
    cfg = pj.EpConfig()
    cfg.logConfig.level = 1
    cfg.logConfig.consoleLevel = 1
    if poll:
        cfg.uaConfig.threadCnt = 0
        cfg.uaConfig.mainThreadOnly = True
    return cfg


def loopback(port=0):
    """A TransportConfig bound to 127.0.0.1."""
    tc = pj.TransportConfig()
    tc.boundAddress = "127.0.0.1"
    tc.port = port
    return tc


@pytest.fixture
def make_endpoint():
    """Creates started endpoints (`make_endpoint(cfg=None)`), destroyed after the test."""
    made = []

    def make(cfg=None):
        ep = pj.Endpoint()
        ep.libCreate()
        ep.libInit(cfg if cfg is not None else quiet_config())
        ep.libStart()
        made.append(ep)
        return ep

    yield make
    for ep in made:
        ep.libDestroy()


@pytest.fixture
def phones():
    """Makes started poll-mode Phones (phones.py): `phones("alice", "bob")` returns two,
    `phones("alice")` one; their endpoints are destroyed after the test."""
    from phones import Phone  # phones.py imports this module

    made = []

    def make(*users, **kw):
        new = [Phone(u, **kw) for u in users]
        made.extend(new)
        return new if len(new) > 1 else new[0]

    yield make
    for p in made:
        p.ep.libDestroy()


@pytest.fixture
def ep():
    """A started poll-mode endpoint on the null sound device (Endpoint.instance() during
    the test)."""
    endpoint = pj.Endpoint()
    endpoint.libCreate()
    endpoint.libInit(quiet_config())
    endpoint.audDevManager().setNullDev()
    endpoint.libStart()
    yield endpoint
    endpoint.libDestroy()


def pump(ep, seconds=None, until=None, timeout=10):
    """Runs libHandleEvents of `ep` for `seconds`, or until `until()` holds (failing the
    test after `timeout` seconds)."""
    deadline = time.monotonic() + (seconds if seconds is not None else timeout)
    while time.monotonic() < deadline:
        if until is not None and until():
            return
        ep.libHandleEvents(5)
    assert until is None or until(), "timed out"


def run_pjsua2(script, *args):
    """Runs `script` (a file in this directory) under the real PJSUA2 and returns its
    stdout parsed as JSON (the script prints one JSON document on its last line)."""
    out = subprocess.run([sys.executable, os.path.join(HERE, script), *args],
                         capture_output=True, text=True, timeout=120, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])
