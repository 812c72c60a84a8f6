"""Dumps what the real PJSUA2 (the `pjsua2` wheel) has for the configs: every member's
default value (`values`) and each default config saved as JSON (`json`). Run by the tests
in a subprocess; prints one JSON document on its last line.

AccountConfig takes some defaults from state libCreate() sets up, so the library is
created first, as a PJSUA2 program does.
"""
import json
import os
import sys

import pjsua2 as pj

CLASSES = ["EpConfig", "UaConfig", "LogConfig", "MediaConfig", "TransportConfig",
           "TlsConfig", "SockOpt", "SockOptParams", "AccountConfig", "AccountRegConfig",
           "AccountSipConfig", "AccountCallConfig", "AccountPresConfig", "AccountMwiConfig",
           "AccountNatConfig", "AccountMediaConfig", "AccountVideoConfig",
           "AccountIpChangeConfig", "SrtpOpt", "SrtpCrypto", "BuddyConfig", "AuthCredInfo",
           "SipHeader"]


def dump(obj):
    """The members of a SWIG object as plain JSON values (nested objects as dicts)."""
    if isinstance(obj, (bool, int, float, str)) or obj is None:
        return obj
    if hasattr(obj, "__len__") and hasattr(obj, "__getitem__"):
        return [dump(x) for x in obj]
    return {name: dump(getattr(obj, name)) for name in dir(obj)
            if not name.startswith("_") and name not in ("this", "thisown")
            and not callable(getattr(obj, name))}


def main():
    ep = pj.Endpoint()
    ep.libCreate()
    values = {name: dump(getattr(pj, name)()) for name in CLASSES}
    saved = {}
    for name in ("EpConfig", "AccountConfig", "TransportConfig", "BuddyConfig"):
        doc = pj.JsonDocument()
        doc.writeObject(getattr(pj, name)())
        saved[name] = doc.saveString()
    version = ep.libVersion().full
    ep.libDestroy()
    print(json.dumps({"version": version, "values": values, "json": saved}))
    sys.stdout.flush()
    # PJSUA2 2.15.1 asserts when Python finalises its objects after libDestroy; the
    # result is out, so leave without finalising.
    os._exit(0)


if __name__ == "__main__":
    main()
