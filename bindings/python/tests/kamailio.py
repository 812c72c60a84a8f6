"""A real kamailio registrar for the tests, started as tests/common/kamailio.rs does.

The template tests/kamailio/kamailio.cfg and the db_text tables of tests/kamailio/db/
are filled into a temp folder (the subscriber table gets the users), and
`kamailio -DD -E -f <cfg>` runs in the foreground, in its own process group, on a free
port of 127.0.0.1 (UDP and TCP) until it answers OPTIONS. Leaving the context stops it
(SIGTERM, then SIGKILL to its group) and removes the folder. What the server does with
each request is described at the top of kamailio.cfg.

    with Kamailio([("alice", "secret")]) as k:
        cfg.idUri = k.aor("alice"); cfg.regConfig.registrarUri = k.uri
        ... k.registered_contacts("alice") ...
"""
import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time

from conftest import REPO
from sipp import free_port

TEMPLATES = os.path.join(REPO, "tests", "kamailio")
# With PJSUA2RS_REQUIRE_PEERS (scripts/test.sh) a missing kamailio fails instead of skipping.
HAVE_KAMAILIO = (shutil.which("kamailio") is not None and shutil.which("kamcmd") is not None) \
    or bool(os.environ.get("PJSUA2RS_REQUIRE_PEERS"))
# The users' SIP domain and digest realm; the shortest and longest expiry granted.
DOMAIN = "pjsua2rs.test"
MIN_EXPIRES = 60
MAX_EXPIRES = 3600
START_TIMEOUT = 10
STOP_TIMEOUT = 5


def _db_text_field(text):
    """`text` escaped for a db_text column (its separator is ':')."""
    for plain, escaped in (("\\", "\\\\"), (":", "\\:"), ("\n", "\\n"), ("\r", "\\r"),
                           ("\t", "\\t")):
        text = text.replace(plain, escaped)
    return text


def _answers_options(port, wait):
    """Whether kamailio answers an OPTIONS to 127.0.0.1:port with 200 within `wait` s."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
        s.bind(("127.0.0.1", 0))
        me = "127.0.0.1:%d" % s.getsockname()[1]
        probe = (f"OPTIONS sip:127.0.0.1:{port} SIP/2.0\r\n"
                 f"Via: SIP/2.0/UDP {me};branch=z9hG4bKprobe{port};rport\r\n"
                 f"From: <sip:probe@{me}>;tag=probe\r\nTo: <sip:127.0.0.1:{port}>\r\n"
                 f"Call-ID: probe-{port}@{me}\r\nCSeq: 1 OPTIONS\r\nMax-Forwards: 70\r\n"
                 "Content-Length: 0\r\n\r\n")
        s.settimeout(wait)
        try:
            s.sendto(probe.encode(), ("127.0.0.1", port))
            return s.recv(4096).startswith(b"SIP/2.0 200 ")
        except OSError:
            return False


class Kamailio:
    """A running kamailio with `users` [(name, password)] in DOMAIN; `uri` is its
    registrar URI over UDP, `tcp_uri` over TCP."""

    def __init__(self, users):
        log = ""
        for _ in range(3):  # a port picked free may be taken before kamailio binds it
            self._dir = tempfile.TemporaryDirectory(prefix="kamailio-")
            self.port = free_port()
            self._proc = None
            try:
                self._start(users)
            except BaseException:
                self.close()
                raise
            if self._wait_ready():
                self.uri = f"sip:127.0.0.1:{self.port}"
                self.tcp_uri = self.uri + ";transport=tcp"
                return
            log = self.log()
            self.close()
        raise RuntimeError(f"kamailio did not start:\n{log}")

    def _start(self, users):
        db = os.path.join(self._dir.name, "db")
        os.mkdir(db)
        shutil.copy(os.path.join(TEMPLATES, "db", "version"), db)
        with open(os.path.join(TEMPLATES, "db", "subscriber"), encoding="utf-8") as f:
            subscriber = f.read()
        for n, (user, password) in enumerate(users, 1):
            # ha1 and ha1b are unused (calculate_ha1) but must not be empty.
            subscriber += (f"{n}:{_db_text_field(user)}:{DOMAIN}:"
                           f"{_db_text_field(password)}:x:x\n")
        with open(os.path.join(db, "subscriber"), "w", encoding="utf-8") as f:
            f.write(subscriber)
        with open(os.path.join(TEMPLATES, "kamailio.cfg"), encoding="utf-8") as f:
            cfg = f.read()
        for name, value in (("DOMAIN", DOMAIN), ("PORT", self.port),
                            ("MIN_EXPIRES", MIN_EXPIRES), ("MAX_EXPIRES", MAX_EXPIRES),
                            ("DB_DIR", db), ("CTL_SOCKET", self._ctl())):
            cfg = cfg.replace("{{%s}}" % name, str(value))
        if "{{" in cfg:
            raise RuntimeError("kamailio.cfg has a placeholder without a value: "
                               + cfg[cfg.index("{{"):].split("}}")[0] + "}}")
        cfg_path = os.path.join(self._dir.name, "kamailio.cfg")
        with open(cfg_path, "w", encoding="utf-8") as f:
            f.write(cfg)
        with open(self._log_path(), "wb") as log:
            # -DD: foreground (our child); -E: log to stderr (the log file); -m/-M: small
            # memory. Its own process group: its workers go with it, and its shutdown
            # signal to its group cannot reach the test process.
            self._proc = subprocess.Popen(
                ["kamailio", "-DD", "-E", "-m", "64", "-M", "8", "-f", cfg_path],
                cwd=self._dir.name, stdin=subprocess.DEVNULL, stdout=log, stderr=log,
                start_new_session=True)

    def _ctl(self):
        return os.path.join(self._dir.name, "ctl.sock")

    def _log_path(self):
        return os.path.join(self._dir.name, "kamailio.log")

    def _wait_ready(self):
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            if self._proc.poll() is not None:
                return False
            if _answers_options(self.port, 0.2):
                return True
        return False

    def aor(self, user):
        """The address of record of `user`: sip:user@DOMAIN."""
        return f"sip:{user}@{DOMAIN}"

    def log(self):
        """Everything kamailio logged so far."""
        with open(self._log_path(), encoding="utf-8", errors="replace") as f:
            return f.read()

    def registered_contacts(self, user):
        """The unexpired contact URIs registered for `user` (usrloc's ul.lookup)."""
        out = subprocess.run(["kamcmd", "-s", "unix:" + self._ctl(), "ul.lookup", "location",
                              user], capture_output=True, text=True, timeout=10,
                             stdin=subprocess.DEVNULL)
        text = out.stdout + out.stderr
        if "AOR not found" in text or "AOR has no contacts" in text:
            return []
        assert "AoR:" in text, f"ul.lookup location {user}:\n{text}"
        return [line.strip()[len("Address: "):] for line in text.splitlines()
                if line.strip().startswith("Address: ")]

    def close(self):
        """Stops kamailio and removes its folder."""
        if self._proc is None:
            self._dir.cleanup()
            return
        if self._proc.poll() is None:
            self._proc.terminate()
            try:
                self._proc.wait(STOP_TIMEOUT)
            except subprocess.TimeoutExpired:
                pass
        try:
            os.killpg(self._proc.pid, signal.SIGKILL)  # any worker left over
        except ProcessLookupError:
            pass
        self._proc.wait()
        self._dir.cleanup()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()
