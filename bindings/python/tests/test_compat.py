"""Side-by-side compatibility: each PJSUA2 program in compat/ runs under the real PJSUA2
(`pjsua2`) and under `pjsua2rs`, and their results must be equal.

The programs print their results as "| key: value" lines; only those are compared (each
library's own console logging differs by nature). Normalised before comparing: local port
numbers (each run binds new ones). Values that differ on purpose or by nature are listed
in KNOWN_DIFFERENCES with the reason; their lines must still be present in both outputs,
and the test prints them (pytest -s).
"""
import os
import re
import subprocess
import sys

import pytest
from conftest import BINDINGS, HERE, needs_pjsua2

PROGRAMS = ["endpoint_basics.py", "json_persistence.py", "config_objects.py"]

KNOWN_DIFFERENCES = {
    # Must differ: each library's own version and operation names.
    r"libVersion": "each library reports its own version",
    r"Error\.title": "the failing operation in each library's words: PJSUA2 "
                     "'pjsua_transport_create(type, &tcfg, &tid)', pjsua2rs "
                     "'Endpoint::transportCreate()'",
    # Library differences (reported to the library owner; the bindings pass them through).
    r"Error\.reason": "pjsua2rs adds the address and the OS error number to 'Address "
                      "already in use' (the 'Error.reason says' line checks the common text)",
    # Deliberate: pjsua2rs writes the newest PJSUA2 JSON layout unless told otherwise.
    r"saved subscribe": "pjsua2rs writes the newest PJSUA2 layout by default, where "
                        "BuddyConfig.subscribe_dlg_event follows subscribe, so the line ends "
                        "with a comma; JsonDocument.setLayout(PJSUA2RS_JSON_LAYOUT_2_15) "
                        "writes 2.15.1's bytes exactly (test_json.py)",
}


def run(program, module):
    """The (key, value) result lines of `program` run with `module`, ports normalised."""
    env = dict(os.environ)
    env["PYTHONPATH"] = BINDINGS + os.pathsep + env.get("PYTHONPATH", "")
    proc = subprocess.run([sys.executable, os.path.join(HERE, "compat", program), module],
                          capture_output=True, text=True, timeout=120, env=env)
    assert proc.returncode == 0, f"{program} under {module} failed:\n{proc.stderr}"
    lines = []
    for line in proc.stdout.splitlines():
        if line.startswith("| "):
            key, _, value = line[2:].partition(": ")
            lines.append((key, re.sub(r"(127\.0\.0\.1):\d+", r"\1:<port>", value)))
    return lines


def known_difference(key):
    return next((why for pattern, why in KNOWN_DIFFERENCES.items()
                 if re.fullmatch(pattern, key)), None)


@pytest.mark.parametrize("program", PROGRAMS)
def test_program_runs_on_pjsua2rs(program):
    lines = run(program, "pjsua2rs")
    assert len(lines) >= 20
    assert all(value != "no error" for _, value in lines)


@needs_pjsua2
@pytest.mark.parametrize("program", PROGRAMS)
def test_program_gives_the_same_results_as_pjsua2(program):
    theirs = run(program, "pjsua2")
    ours = run(program, "pjsua2rs")
    assert [k for k, _ in ours] == [k for k, _ in theirs], "the programs took other paths"
    differences = []
    for (key, mine), (_, value) in zip(ours, theirs):
        why = known_difference(key)
        if why is not None and mine != value:
            differences.append(f"{key}: PJSUA2 {value!r} / pjsua2rs {mine!r} ({why})")
            continue
        assert mine == value, f"{key}: pjsua2rs {mine!r}, PJSUA2 {value!r}"
    print(f"\n{program}: {len(ours) - len(differences)} of {len(ours)} lines equal; "
          "known differences:\n  "
          + "\n  ".join(differences or ["none"]))
