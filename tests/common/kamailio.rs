//! A real kamailio (registrar, authenticating proxy, presence server) for interop tests.
//!
//! [`Kamailio::start`] fills the template tests/kamailio/kamailio.cfg and the db_text
//! tables of tests/kamailio/db/ into a temp folder, starts `kamailio` in the foreground as
//! a child on a free port (UDP and TCP on 127.0.0.1, and on [::1] when the machine has
//! it) and waits until it answers OPTIONS. Dropping the value stops it (by its PID, then
//! its process group) and removes the folder. What the server does with each request is
//! described at the top of kamailio.cfg.
//!
//! A client should use `sip:user@DOMAIN` ([`Kamailio::aor`]) as its identity, the realm
//! [`DOMAIN`] for its credentials, and `sip:127.0.0.1:port` as registrar and proxy.

use super::TempDir;
use std::fs;
use std::net::{SocketAddr, TcpListener, UdpSocket};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::thread::sleep;
use std::time::{Duration, Instant};

/// The SIP domain of the users, and the digest realm of the 401/407 challenges.
pub const DOMAIN: &str = "pjsua2rs.test";
/// REGISTERs asking for less get 423 Interval Too Brief with this Min-Expires.
pub const MIN_EXPIRES: u32 = 60;
/// Longer registrations are granted this long; so is one that asks for no expiry.
pub const MAX_EXPIRES: u32 = 3600;

/// How long kamailio may take to answer its first OPTIONS.
const START_TIMEOUT: Duration = Duration::from_secs(10);
/// How long it may take to stop on SIGTERM before its process group is killed.
const STOP_TIMEOUT: Duration = Duration::from_secs(5);

/// A running kamailio; stopped and cleaned up on drop.
pub struct Kamailio {
    /// The UDP listener on 127.0.0.1.
    pub udp: SocketAddr,
    /// The TCP listener on 127.0.0.1 (same port as `udp`).
    pub tcp: SocketAddr,
    /// The UDP listener on [::1], when the machine has IPv6 loopback.
    pub udp6: Option<SocketAddr>,
    /// The TCP listener on [::1], when the machine has IPv6 loopback.
    pub tcp6: Option<SocketAddr>,
    /// The users' domain and digest realm ([`DOMAIN`]).
    pub domain: String,
    child: Child,
    dir: TempDir,
}

fn template_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/kamailio")
}

/// A port free for UDP and TCP on 127.0.0.1 (and on [::1] with `ipv6`) at the time of
/// the call. Another process may take it before kamailio binds it: [`Kamailio::start`]
/// then tries another.
fn free_port(ipv6: bool) -> u16 {
    for _ in 0..100 {
        let port = UdpSocket::bind("127.0.0.1:0")
            .and_then(|s| s.local_addr())
            .expect("bind a UDP port on 127.0.0.1")
            .port();
        let free = TcpListener::bind(("127.0.0.1", port)).is_ok()
            && (!ipv6
                || (UdpSocket::bind(("::1", port)).is_ok()
                    && TcpListener::bind(("::1", port)).is_ok()));
        if free {
            return port;
        }
    }
    panic!("no port free for both UDP and TCP");
}

/// A db_text field: `\`, `:` and line breaks are escaped (db_text's separator is `:`).
fn db_text_field(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ':' => out.push_str("\\:"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c => out.push(c),
        }
    }
    out
}

/// Writes the db_text tables: the versions, and the subscriber table with `users`.
fn write_db(db: &Path, users: &[(&str, &str)]) {
    fs::create_dir_all(db).unwrap();
    let templates = template_dir().join("db");
    fs::copy(templates.join("version"), db.join("version")).expect("db/version template");
    let mut subscriber =
        fs::read_to_string(templates.join("subscriber")).expect("db/subscriber template");
    for (id, (user, password)) in users.iter().enumerate() {
        // ha1 and ha1b are unused (calculate_ha1) but must not be empty.
        subscriber.push_str(&format!(
            "{}:{}:{}:{}:x:x\n",
            id + 1,
            db_text_field(user),
            DOMAIN,
            db_text_field(password)
        ));
    }
    fs::write(db.join("subscriber"), subscriber).unwrap();
}

/// The template with its placeholders filled.
fn config(port: u16, db: &Path, ctl: &Path) -> String {
    let template = fs::read_to_string(template_dir().join("kamailio.cfg"))
        .expect("tests/kamailio/kamailio.cfg");
    let cfg = template
        .replace("{{DOMAIN}}", DOMAIN)
        .replace("{{PORT}}", &port.to_string())
        .replace("{{MIN_EXPIRES}}", &MIN_EXPIRES.to_string())
        .replace("{{MAX_EXPIRES}}", &MAX_EXPIRES.to_string())
        .replace("{{DB_DIR}}", db.to_str().expect("UTF-8 temp path"))
        .replace("{{CTL_SOCKET}}", ctl.to_str().expect("UTF-8 temp path"));
    if let Some(at) = cfg.find("{{") {
        let left = cfg[at..].split("}}").next().unwrap_or_default();
        panic!("kamailio.cfg: no value for the placeholder {left}}}}}");
    }
    cfg
}

/// Sends OPTIONS sip:addr over UDP and says whether a 200 came back within `wait`.
fn answers_options(addr: SocketAddr, wait: Duration) -> bool {
    let Ok(sock) = UdpSocket::bind("127.0.0.1:0") else {
        return false;
    };
    let me = sock.local_addr().unwrap();
    let probe = format!(
        "OPTIONS sip:{addr} SIP/2.0\r\nVia: SIP/2.0/UDP {me};branch=z9hG4bKprobe{port};rport\r\n\
         From: <sip:probe@{me}>;tag=probe\r\nTo: <sip:{addr}>\r\nCall-ID: probe-{port}@{me}\r\n\
         CSeq: 1 OPTIONS\r\nMax-Forwards: 70\r\nContent-Length: 0\r\n\r\n",
        port = me.port()
    );
    sock.set_read_timeout(Some(wait)).unwrap();
    if sock.send_to(probe.as_bytes(), addr).is_err() {
        return false;
    }
    let mut buf = [0u8; 4096];
    matches!(sock.recv(&mut buf), Ok(n) if buf[..n].starts_with(b"SIP/2.0 200 "))
}

impl Kamailio {
    /// Starts kamailio with these (user, password) subscribers in [`DOMAIN`]. Panics,
    /// with kamailio's log, if it does not answer OPTIONS within 10 s.
    pub fn start(users: &[(&str, &str)]) -> Kamailio {
        let ipv6 = super::ipv6::has_ipv6_loopback();
        let mut last_log = String::new();
        // A port picked free can be taken before kamailio binds it: then try another.
        for _ in 0..3 {
            let dir = TempDir::new("kamailio");
            let db = dir.0.join("db");
            let ctl = dir.0.join("ctl.sock");
            write_db(&db, users);
            let port = free_port(ipv6);
            let cfg_path = dir.0.join("kamailio.cfg");
            fs::write(&cfg_path, config(port, &db, &ctl)).unwrap();
            let mut k = Kamailio::spawn(dir, &cfg_path, port, ipv6);
            if k.wait_ready() {
                return k;
            }
            last_log = k.log();
        }
        panic!("kamailio did not start:\n{last_log}");
    }

    fn spawn(dir: TempDir, cfg: &Path, port: u16, ipv6: bool) -> Kamailio {
        use std::os::unix::process::CommandExt;
        let log = fs::File::create(dir.0.join("kamailio.log")).unwrap();
        let mut cmd = Command::new("kamailio");
        // -DD: stay in the foreground (our child); -E: log to stderr (the log file);
        // -m/-M: shared and per-process memory in MB, small for a test.
        cmd.args(["-DD", "-E", "-m", "64", "-M", "8", "-f"])
            .arg(cfg)
            .current_dir(&dir.0)
            .stdin(Stdio::null())
            .stdout(log.try_clone().unwrap())
            .stderr(log)
            // Its own process group: its workers can be killed along with it, and its
            // shutdown signal to its group cannot reach the test process.
            .process_group(0);
        if ipv6 {
            cmd.args(["-A", "WITH_IPV6"]);
        }
        let child = cmd
            .spawn()
            .expect("kamailio is not installed: run scripts/install-deps.sh");
        Kamailio {
            udp: SocketAddr::from(([127, 0, 0, 1], port)),
            tcp: SocketAddr::from(([127, 0, 0, 1], port)),
            udp6: ipv6.then(|| SocketAddr::from((std::net::Ipv6Addr::LOCALHOST, port))),
            tcp6: ipv6.then(|| SocketAddr::from((std::net::Ipv6Addr::LOCALHOST, port))),
            domain: DOMAIN.to_string(),
            child,
            dir,
        }
    }

    /// Waits until it answers OPTIONS; false if it exits or stays silent for 10 s.
    fn wait_ready(&mut self) -> bool {
        let deadline = Instant::now() + START_TIMEOUT;
        while Instant::now() < deadline {
            if !matches!(self.child.try_wait(), Ok(None)) {
                return false;
            }
            if answers_options(self.udp, Duration::from_millis(200)) {
                return true;
            }
        }
        false
    }

    /// The address of record of `user`: `sip:user@DOMAIN`.
    pub fn aor(&self, user: &str) -> String {
        format!("sip:{user}@{}", self.domain)
    }

    /// Everything kamailio logged so far (its startup, errors, and one line per request
    /// with the decisions of kamailio.cfg).
    pub fn log(&self) -> String {
        fs::read_to_string(self.dir.0.join("kamailio.log")).unwrap_or_default()
    }

    /// Runs an RPC command through kamcmd on the control socket and returns its output
    /// (an RPC error comes back as text starting with "error:").
    pub fn rpc(&self, command: &[&str]) -> String {
        let socket = format!("unix:{}", self.dir.0.join("ctl.sock").display());
        let out = Command::new("kamcmd")
            .args(["-s", &socket])
            .args(command)
            .stdin(Stdio::null())
            .output()
            .expect("kamcmd is not installed (package kamailio)");
        format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        )
    }

    /// The contact URIs registered now for `user`: usrloc's `ul.lookup`, which lists the
    /// unexpired ones.
    pub fn registered_contacts(&self, user: &str) -> Vec<String> {
        let out = self.rpc(&["ul.lookup", "location", user]);
        if out.contains("AOR not found") || out.contains("AOR has no contacts") {
            return Vec::new();
        }
        assert!(out.contains("AoR:"), "ul.lookup location {user}:\n{out}");
        out.lines()
            .filter_map(|line| line.trim().strip_prefix("Address: "))
            .map(str::to_string)
            .collect()
    }
}

impl Drop for Kamailio {
    fn drop(&mut self) {
        let pid = self.child.id() as libc::pid_t;
        // SIGTERM lets kamailio stop its workers; the group kill catches any left over.
        unsafe { libc::kill(pid, libc::SIGTERM) };
        let deadline = Instant::now() + STOP_TIMEOUT;
        while matches!(self.child.try_wait(), Ok(None)) && Instant::now() < deadline {
            sleep(Duration::from_millis(20));
        }
        // The group id is the PID of the process we started (process_group(0)).
        unsafe { libc::kill(-pid, libc::SIGKILL) };
        let _ = self.child.wait();
        // The temp folder goes with the `dir` field.
    }
}
