#!/usr/bin/env python3
"""Checks that the real PJSUA2 (the `pjsua2` Python module) reads the JSON files pjsua2rs
writes: every config file in the directory argv[1] (written by tests/json_interop_pjsua2.rs
in the PJSUA2 2.15 layout) is loaded with PJSUA2's JsonDocument.readObject, compared
field by field with the same config built with PJSUA2 (the builders of
pjsua2_json_fixtures.py), and saved again by PJSUA2, which must give the same bytes. The
generic-node document app_document.json is read back with PJSUA2's ContainerNode calls.

Exit status: 0 when everything matches, 1 on any mismatch, 2 on bad usage.
"""
import math
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import pjsua2 as pj  # noqa: E402
import pjsua2_json_fixtures as fx  # noqa: E402  (creates the library: needed for defaults)

FAILURES = []


def fail(msg):
    FAILURES.append(msg)
    print("MISMATCH:", msg)


def is_vector(v):
    return hasattr(v, "__len__") and hasattr(v, "__getitem__") and not isinstance(v, str)


def fields(obj):
    for name in dir(obj):
        if name.startswith("_") or name in ("this", "thisown"):
            continue
        value = getattr(obj, name)
        if callable(value):
            continue
        yield name, value


def compare(got, want, path):
    if is_vector(want):
        if len(got) != len(want):
            fail(f"{path}: {len(got)} elements, expected {len(want)}")
            return
        for i in range(len(want)):
            compare(got[i], want[i], f"{path}[{i}]")
    elif isinstance(want, (bool, int, float, str)) or want is None:
        if got != want:
            fail(f"{path}: {got!r}, expected {want!r}")
    elif hasattr(want, "this"):
        for name, value in fields(want):
            compare(getattr(got, name), value, f"{path}.{name}")
    # Other SWIG pointers (LogWriter*, Token) are not persisted: nothing to compare.


def ours_default_ep(cfg):
    # pjsua2rs follows PJSUA2 2.16+, where MediaConfig.sndUseSwClock defaults to true;
    # PJSUA2 2.15 defaulted to false.
    cfg.medConfig.sndUseSwClock = True
    return cfg


CONFIGS = {
    "ep_config_default.json": (pj.EpConfig, lambda: ours_default_ep(pj.EpConfig())),
    "ep_config_demo.json": (pj.EpConfig, lambda: ours_default_ep(fx.ep_demo())),
    "ep_config_full.json": (pj.EpConfig, fx.ep_full),
    "account_config_default.json": (pj.AccountConfig, pj.AccountConfig),
    "account_config_demo.json": (pj.AccountConfig, fx.account_demo),
    "account_config_full.json": (pj.AccountConfig, fx.account_full),
    "transport_config_default.json": (pj.TransportConfig, pj.TransportConfig),
    "transport_config_full.json": (pj.TransportConfig, fx.transport_full),
    "buddy_config_default.json": (pj.BuddyConfig, pj.BuddyConfig),
    "buddy_config_full.json": (pj.BuddyConfig, fx.buddy_full),
}


def check_config(directory, name, cls, build):
    path = os.path.join(directory, name)
    doc = pj.JsonDocument()
    try:
        doc.loadFile(path)
        got = cls()
        doc.readObject(got)
    except pj.Error as e:
        fail(f"{name}: PJSUA2 could not read it: {e.info()}")
        return
    compare(got, build(), name)
    again = pj.JsonDocument()
    again.writeObject(got)
    with open(path, encoding="utf-8") as f:
        ours = f.read()
    if again.saveString() != ours:
        fail(f"{name}: PJSUA2 saves what it read differently")


def expect(got, want, what):
    # Numbers are saved with "%f": 6 decimals.
    ok = math.isclose(got, want, abs_tol=1e-6) if isinstance(want, float) else got == want
    if not ok:
        fail(f"app_document.json: {what} = {got!r}, expected {want!r}")


def check_app_document(directory):
    doc = pj.JsonDocument()
    try:
        doc.loadFile(os.path.join(directory, "app_document.json"))
        root = doc.getRootContainer()
        ep = pj.EpConfig()
        root.readObject(ep)
        compare(ep, ours_default_ep(fx.ep_demo()), "app_document.EpConfig")
        tps = root.readArray("transports")
        seen = []
        while tps.hasUnread():
            t = tps.readContainer("transport")
            tc = pj.TransportConfig()
            ttype = t.readNumber("type")
            enabled = t.readBool("enabled")
            t.readObject(tc)
            seen.append((ttype, enabled, tc.port))
        expect(seen, [(1.0, True, 5060), (2.0, False, 5060)], "transports")
        accs = root.readArray("accounts")
        a = accs.readContainer("account")
        expect(a.readBool("enabled"), True, "accounts[0].enabled")
        acc = pj.AccountConfig()
        a.readObject(acc)
        compare(acc, fx.account_demo(), "app_document.accounts[0]")
        buddies = a.readArray("buddies")
        b = pj.BuddyConfig()
        buddies.readObject(b)
        compare(b, fx.buddy_full(), "app_document.buddies[0]")
        b = pj.BuddyConfig()
        buddies.readObject(b)
        compare(b, pj.BuddyConfig(), "app_document.buddies[1]")
        expect(root.readNumber("volume"), 0.75, "volume")
        expect(root.readNumber("ratio"), 1.0 / 3.0, "ratio")
        expect(root.readNumber("big"), 1e10, "big")
        expect(root.readNumber("negative"), -2.5, "negative")
        expect(root.readNumber("tiny"), 0.0, "tiny")
        expect(root.readInt("count"), -42, "count")
        expect(root.readString("note"), fx.TRICKY, "note")
        expect(list(root.readStringVector("recent")),
               ["sip:a@example.org", "sip:b@example.org"], "recent")
        expect(list(root.readStringVector("empty")), [], "empty")
        nums = root.readArray("numbers")
        expect(nums.readNumber(""), 1.5, "numbers[0]")
        expect(nums.readNumber(""), 2.0, "numbers[1]")
        expect(nums.readBool(""), True, "numbers[2]")
        named = root.readArray("named")
        expect(named.readString(""), "x", "named[0]")
        expect(named.readBool(""), False, "named[1]")
        root.readContainer("emptyObject")
        root.readArray("emptyArray")
        expect(root.hasUnread(), False, "unread members left")
    except pj.Error as e:
        fail(f"app_document.json: PJSUA2 could not read it: {e.info()}")


def main():
    if len(sys.argv) != 2:
        print(__doc__)
        return 2
    directory = sys.argv[1]
    for name, (cls, build) in CONFIGS.items():
        check_config(directory, name, cls, build)
    check_app_document(directory)
    checked = len(CONFIGS) + 1
    if FAILURES:
        print(f"pjsua2_loads_ours: {len(FAILURES)} mismatch(es) in {checked} files")
        return 1
    print(f"pjsua2_loads_ours: PJSUA2 {fx.VERSION} read all {checked} files correctly")
    return 0


if __name__ == "__main__":
    code = main()
    sys.stdout.flush()
    # libDestroy() from Python aborts in this wheel (see pjsua2_json_fixtures.py).
    os._exit(code)
