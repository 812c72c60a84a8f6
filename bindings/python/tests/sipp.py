"""sipp as a scripted server for the tests: a scenario of tests/sipp/ started in the
background on a free loopback port, waited for (its exit code is its verdict: 0 = the
client did everything the scenario expects) and killed if still running.

    with Sipp("registrar_auth.xml", "-key", "user", "alice", "-key", "password", "secret",
              transport="u1") as sipp:
        ... register to sipp.uri ...
        assert sipp.wait() == 0, sipp.output()
"""
import os
import shutil
import socket
import subprocess
import tempfile
import time

from conftest import REPO

SCENARIOS = os.path.join(REPO, "tests", "sipp")
# scripts/test.sh sets PJSUA2RS_REQUIRE_PEERS: there a missing sipp fails the tests that
# need it instead of skipping them.
HAVE_SIPP = shutil.which("sipp") is not None or bool(os.environ.get("PJSUA2RS_REQUIRE_PEERS"))
# How long sipp may take to bind its port, and how long a run may last once waited for.
START_TIMEOUT = 10
RUN_TIMEOUT = 20


def free_port():
    """A port free for UDP and TCP on 127.0.0.1 at the time of the call."""
    for _ in range(100):
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as u:
            u.bind(("127.0.0.1", 0))
            port = u.getsockname()[1]
            with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as t:
                try:
                    t.bind(("127.0.0.1", port))
                except OSError:
                    continue
            return port
    raise RuntimeError("no port free for both UDP and TCP on 127.0.0.1")


def _port_is_free(port, tcp):
    kind = socket.SOCK_STREAM if tcp else socket.SOCK_DGRAM
    with socket.socket(socket.AF_INET, kind) as s:
        try:
            s.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


class Sipp:
    """`sipp -sf tests/sipp/<scenario> -i 127.0.0.1 -p <port> -t <transport> -m 1 <args>`
    running in its own temp folder; `uri` is "sip:127.0.0.1:<port>" (with
    ";transport=tcp" for TCP). A context manager: leaving it kills a run still going."""

    def __init__(self, scenario, *args, transport="u1"):
        self.port = free_port()
        tcp = transport.startswith("t")
        self.uri = f"sip:127.0.0.1:{self.port}" + (";transport=tcp" if tcp else "")
        self._dir = tempfile.TemporaryDirectory(prefix="sipp-")
        self._out = os.path.join(self._dir.name, "output.txt")
        with open(self._out, "wb") as out:
            self._proc = subprocess.Popen(
                ["sipp", "-sf", os.path.join(SCENARIOS, scenario), "-i", "127.0.0.1",
                 "-p", str(self.port), "-t", transport, "-m", "1", *args,
                 "-timeout", "30s", "-timeout_error", "-nostdin"],
                cwd=self._dir.name, stdin=subprocess.DEVNULL, stdout=out, stderr=out)
        # sipp holds the port once binding it fails for us.
        deadline = time.monotonic() + START_TIMEOUT
        while _port_is_free(self.port, tcp):
            if self._proc.poll() is not None or time.monotonic() > deadline:
                self._kill()
                output = self.output()
                self.close()
                raise RuntimeError(f"sipp {scenario} did not start:\n{output}")
            time.sleep(0.02)

    def output(self):
        """sipp's screen and error output so far."""
        with open(self._out, encoding="utf-8", errors="replace") as f:
            return f.read()

    def poll(self):
        """sipp's exit code, or None while it runs."""
        return self._proc.poll()

    def wait(self, timeout=RUN_TIMEOUT):
        """sipp's exit code once the run ends (it is killed, and -9 returned, after
        `timeout` seconds)."""
        try:
            return self._proc.wait(timeout)
        except subprocess.TimeoutExpired:
            self._kill()
            return -9

    def _kill(self):
        if self._proc.poll() is None:
            self._proc.kill()
            self._proc.wait()

    def close(self):
        """Kills sipp if it still runs and removes its folder."""
        self._kill()
        self._dir.cleanup()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()
