//! A real softphone, baresip 1.0.0, as the far phone of call tests.
//!
//! [`Baresip::start`] writes a config folder (config, accounts, contacts) into a temp
//! folder and runs `baresip -f <folder>` headless as a child: SIP on a free port of
//! 127.0.0.1 (UDP and TCP; baresip also listens for TLS on the next port), audio from a
//! 440 Hz sine (`ausine`) into a null player (`aubridge`), and with
//! [`BaresipOptions::record`] the `sndfile` filter writing what it hears (and what it
//! sends) to WAV files. It is driven through `ctrl_tcp` on another free port: commands
//! are netstring-framed JSON (`{"command":"dial","params":"sip:...","token":"1"}`),
//! answered on the same socket (`{"response":true,"ok":true,"data":"...","token":"1"}`)
//! between the events (`{"event":true,"type":"CALL_ESTABLISHED","class":"call",...}`).
//!
//! What baresip 1.0.0 offers there (`/help`): dial, accept, hangup, hold, resume,
//! sndcode (DTMF as RFC 4733 telephone-events), transfer (REFER), reinvite, mute,
//! listcalls, callstat, reginfo, answermode, uanew/uadel, quit... and these events:
//! CALL_INCOMING, CALL_RINGING, CALL_PROGRESS, CALL_ESTABLISHED, CALL_CLOSED (param: the
//! reason, e.g. "Connection reset by peer" or "486 Busy Here"), CALL_DTMF_START/END,
//! CALL_LOCAL_SDP/CALL_REMOTE_SDP (param offer/answer), CALL_RTPESTAB, CALL_RTCP,
//! TRANSFER, TRANSFER_FAILED, REGISTER_OK, REGISTER_FAIL, UNREGISTERING, SHUTDOWN.
//!
//! Dropping the value stops baresip (SIGTERM, which also un-registers; SIGKILL after
//! 5 s) and removes the folder.

use super::TempDir;
use serde_json::Value;
use std::collections::VecDeque;
use std::fs;
use std::io::{ErrorKind, Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream, UdpSocket};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::thread::sleep;
use std::time::{Duration, Instant};

/// Where Debian's baresip package puts its modules (`module_path`).
const MODULE_DIRS: &[&str] = &[
    "/usr/lib/baresip/modules",
    "/usr/lib/x86_64-linux-gnu/baresip/modules",
    "/usr/local/lib/baresip/modules",
];
/// How long baresip may take to start, or to register.
const START_TIMEOUT: Duration = Duration::from_secs(10);
/// How long a command may take to be answered.
const COMMAND_TIMEOUT: Duration = Duration::from_secs(5);
/// How long it may take to stop (and un-register) on SIGTERM before it is killed.
const STOP_TIMEOUT: Duration = Duration::from_secs(5);

/// How the account answers incoming calls.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum AnswerMode {
    /// 180 Ringing, then 200 OK right away (`;answermode=auto`).
    #[default]
    Auto,
    /// 180 Ringing; 200 OK on [`Baresip::accept`] (`;answermode=manual`).
    Manual,
}

/// A registrar (and outbound proxy) the account registers at with digest credentials.
#[derive(Clone, Debug)]
pub struct Registrar {
    /// Where REGISTER and every other request go (`;outbound=` of the account).
    pub proxy: SocketAddr,
    /// The domain of the address of record (sip:user@domain).
    pub domain: String,
    /// The digest password of the user.
    pub password: String,
}

/// What [`Baresip::start`] sets up.
#[derive(Clone, Debug, Default)]
pub struct BaresipOptions {
    /// The user part of the account's address.
    pub user: String,
    pub answer: AnswerMode,
    /// Register at a registrar as sip:user@domain; without one the account is local
    /// (sip:user@127.0.0.1:port, no REGISTER), reached at [`Baresip::uri`].
    pub registrar: Option<Registrar>,
    /// Record every call's audio to WAV files in the temp folder ([`Baresip::recording_path`]).
    pub record: bool,
    /// The audio codecs of the account, in order of preference, as baresip names them
    /// ("PCMU", "PCMA", "G722", "opus/48000/2"); empty: every codec module loaded.
    pub codecs: Vec<String>,
}

impl BaresipOptions {
    /// A local, auto-answering account for `user`, not recording.
    pub fn new(user: &str) -> BaresipOptions {
        BaresipOptions {
            user: user.to_string(),
            ..BaresipOptions::default()
        }
    }
}

/// An event from ctrl_tcp.
#[derive(Clone, Debug)]
pub struct Event {
    /// Its "type": CALL_ESTABLISHED, CALL_CLOSED...
    pub kind: String,
    /// "param": the reason of CALL_CLOSED, the digit of CALL_DTMF_START, the peer of
    /// CALL_INCOMING...
    pub param: String,
    /// "peeruri": the other side of the call, if any.
    pub peer_uri: String,
    /// The whole event as baresip sent it.
    pub json: Value,
}

/// A running baresip; stopped and cleaned up on drop.
pub struct Baresip {
    /// Its SIP listener (UDP and TCP).
    pub sip: SocketAddr,
    /// The account's address of record.
    pub aor: String,
    ctrl: TcpStream,
    /// Bytes read from ctrl_tcp, not yet a whole netstring.
    inbox: Vec<u8>,
    /// Events read and not yet waited for, oldest first.
    pending: VecDeque<Event>,
    /// Every event type seen, for the messages of failures.
    seen: Vec<String>,
    tokens: u32,
    child: Child,
    dir: TempDir,
}

/// Whether `port` is free for UDP and TCP on 127.0.0.1, and `port + 1` for TCP (baresip's
/// SIP TLS listener).
fn sip_port_free(port: u16) -> bool {
    port < u16::MAX
        && UdpSocket::bind(("127.0.0.1", port)).is_ok()
        && TcpListener::bind(("127.0.0.1", port)).is_ok()
        && TcpListener::bind(("127.0.0.1", port + 1)).is_ok()
}

/// A free SIP port for [`sip_port_free`], and a free TCP port for ctrl_tcp.
fn free_ports() -> (u16, u16) {
    for _ in 0..100 {
        let sip = UdpSocket::bind("127.0.0.1:0")
            .and_then(|s| s.local_addr())
            .expect("bind a UDP port on 127.0.0.1")
            .port();
        if !sip_port_free(sip) {
            continue;
        }
        let ctrl = TcpListener::bind("127.0.0.1:0")
            .and_then(|s| s.local_addr())
            .expect("bind a TCP port on 127.0.0.1")
            .port();
        if ctrl != sip && ctrl != sip + 1 {
            return (sip, ctrl);
        }
    }
    panic!("no free ports for baresip");
}

fn module_dir() -> &'static Path {
    MODULE_DIRS
        .iter()
        .map(Path::new)
        .find(|d| d.join("ctrl_tcp.so").exists())
        .expect(
            "baresip's modules are not installed: run scripts/install-deps.sh (package baresip)",
        )
}

/// The config file: headless audio, SIP on `sip`, ctrl_tcp on `ctrl`.
fn config(sip: u16, ctrl: u16, dir: &Path, record: bool) -> String {
    let modules = module_dir();
    let mut cfg = format!(
        "# baresip config written by tests/common/baresip.rs for one test run\n\
         poll_method\t\tepoll\n\
         sip_listen\t\t127.0.0.1:{sip}\n\
         # loopback only (`net_interface lo` fails in 1.0.0)\n\
         net_interface\t\t127.0.0.1\n\
         call_local_timeout\t120\n\
         call_max_calls\t\t4\n\
         # No sound card: a 440 Hz sine as the microphone (ausine takes only 48 kHz\n\
         # stereo: anything else stalls the call after 180), and a null speaker.\n\
         audio_source\t\tausine,440\n\
         ausrc_srate\t\t48000\n\
         ausrc_channels\t\t2\n\
         audio_player\t\taubridge,null\n\
         audio_alert\t\taubridge,null\n\
         module_path\t\t{}\n",
        modules.display()
    );
    // Codecs first (their order is the default preference), then the audio devices.
    let mut wanted = vec!["g711.so", "g722.so", "opus.so", "ausine.so", "aubridge.so"];
    if record {
        wanted.push("sndfile.so");
    }
    for module in wanted {
        if modules.join(module).exists() {
            cfg.push_str(&format!("module\t\t\t{module}\n"));
        }
    }
    cfg.push_str(&format!(
        "module_tmp\t\taccount.so\n\
         # menu: the commands (dial, accept, hangup...); ctrl_tcp: their socket\n\
         module_app\t\tmenu.so\n\
         module_app\t\tctrl_tcp.so\n\
         ctrl_tcp_listen\t\t127.0.0.1:{ctrl}\n\
         ringback_disabled\tyes\n\
         # sndfile: dump-<date>-dec.wav (heard) and dump-<date>-enc.wav (sent), per call\n\
         snd_path\t\t{}\n",
        dir.join("rec").display()
    ));
    cfg
}

/// The account line (see baresip's accounts file format).
fn account(opts: &BaresipOptions, sip: u16) -> (String, String) {
    let answer = match opts.answer {
        AnswerMode::Auto => "auto",
        AnswerMode::Manual => "manual",
    };
    let mut params = format!(";answermode={answer}");
    if !opts.codecs.is_empty() {
        params.push_str(&format!(";audio_codecs={}", opts.codecs.join(",")));
    }
    match &opts.registrar {
        Some(r) => {
            let aor = format!("sip:{}@{}", opts.user, r.domain);
            let line = format!(
                "<{aor}>{params};auth_pass={};outbound=\"sip:{};transport=udp\";regint=600\n",
                r.password, r.proxy
            );
            (aor, line)
        }
        None => {
            // regint=0: a local account does not register.
            let aor = format!("sip:{}@127.0.0.1:{sip}", opts.user);
            let line = format!("<{aor}>{params};regint=0\n");
            (aor, line)
        }
    }
}

/// Splits the whole netstrings ("len:payload,") off the front of `buf`.
fn take_netstrings(buf: &mut Vec<u8>) -> Vec<Vec<u8>> {
    let mut out = Vec::new();
    while let Some(colon) = buf.iter().position(|&b| b == b':') {
        let len: usize = std::str::from_utf8(&buf[..colon])
            .ok()
            .and_then(|s| s.parse().ok())
            .unwrap_or_else(|| {
                panic!(
                    "ctrl_tcp: not a netstring: {:?}",
                    String::from_utf8_lossy(buf)
                )
            });
        let end = colon + 1 + len;
        if buf.len() <= end {
            break;
        }
        assert_eq!(buf[end], b',', "ctrl_tcp: netstring without its comma");
        out.push(buf[colon + 1..end].to_vec());
        buf.drain(..=end);
    }
    out
}

impl Baresip {
    /// Starts baresip and connects to its ctrl_tcp; with a registrar, returns once it is
    /// registered. Panics, with baresip's log, if it does not start within 10 s.
    pub fn start(opts: BaresipOptions) -> Baresip {
        let mut last_log = String::new();
        // A port picked free can be taken before baresip binds it: then try other ports.
        for _ in 0..3 {
            match Baresip::spawn(&opts) {
                Ok(mut b) => {
                    if opts.registrar.is_some() {
                        b.wait_registered(Instant::now() + START_TIMEOUT);
                    }
                    return b;
                }
                Err(log) => last_log = log,
            }
        }
        panic!("baresip did not start:\n{last_log}");
    }

    /// Runs baresip on free ports and connects to its ctrl_tcp (which baresip opens once
    /// its SIP listener and account are set up); its log if it fails to.
    fn spawn(opts: &BaresipOptions) -> Result<Baresip, String> {
        use std::os::unix::process::CommandExt;
        let dir = TempDir::new("baresip");
        let (sip, ctrl_port) = free_ports();
        fs::create_dir_all(dir.0.join("rec")).unwrap();
        let cfg = config(sip, ctrl_port, &dir.0, opts.record);
        fs::write(dir.0.join("config"), cfg).unwrap();
        let (aor, line) = account(opts, sip);
        fs::write(dir.0.join("accounts"), line).unwrap();
        fs::write(dir.0.join("contacts"), "").unwrap();
        let log = fs::File::create(dir.0.join("baresip.log")).unwrap();
        // -4: IPv4 only; -s: the SIP messages go to the log too.
        let mut child = Command::new("baresip")
            .args(["-4", "-s", "-f"])
            .arg(&dir.0)
            .current_dir(&dir.0)
            .stdin(Stdio::null())
            .stdout(log.try_clone().unwrap())
            .stderr(log)
            // Its own process group: a terminal's signals do not reach it.
            .process_group(0)
            .spawn()
            .expect("baresip is not installed: run scripts/install-deps.sh");
        let deadline = Instant::now() + START_TIMEOUT;
        let ctrl = loop {
            if let Ok(s) = TcpStream::connect(("127.0.0.1", ctrl_port)) {
                break s;
            }
            if !matches!(child.try_wait(), Ok(None)) || Instant::now() >= deadline {
                let _ = child.kill();
                let _ = child.wait();
                let log = fs::read_to_string(dir.0.join("baresip.log")).unwrap_or_default();
                return Err(format!("no ctrl_tcp on port {ctrl_port}:\n{log}"));
            }
            sleep(Duration::from_millis(20));
        };
        Ok(Baresip {
            sip: SocketAddr::from(([127, 0, 0, 1], sip)),
            aor,
            ctrl,
            inbox: Vec::new(),
            pending: VecDeque::new(),
            seen: Vec::new(),
            tokens: 0,
            child,
            dir,
        })
    }

    /// Polls `reginfo` until the account shows as registered ("OK" after its AOR):
    /// REGISTER_OK may come before ctrl_tcp is connected, so it cannot be waited for.
    fn wait_registered(&mut self, deadline: Instant) {
        loop {
            let info = self.command("reginfo", None);
            if info.contains("OK") {
                return;
            }
            assert!(
                Instant::now() < deadline,
                "baresip did not register:\n{info}\n{}",
                self.log()
            );
            sleep(Duration::from_millis(100));
        }
    }

    /// Where to call it directly: sip:user@127.0.0.1:port.
    pub fn uri(&self) -> String {
        let user = self.aor["sip:".len()..]
            .split('@')
            .next()
            .unwrap_or_default();
        format!("sip:{user}@{}", self.sip)
    }

    /// Everything baresip printed so far (its startup, the SIP messages, call states).
    pub fn log(&self) -> String {
        fs::read_to_string(self.dir.0.join("baresip.log")).unwrap_or_default()
    }

    /// Reads what ctrl_tcp sent, until `deadline`, and returns the messages of the
    /// first read that completed any (empty at the deadline).
    fn read_messages(&mut self, deadline: Instant) -> Vec<Value> {
        let mut buf = [0u8; 8192];
        loop {
            let parts = take_netstrings(&mut self.inbox);
            if !parts.is_empty() {
                return parts
                    .iter()
                    .map(|p| {
                        serde_json::from_slice(p).unwrap_or_else(|e| {
                            panic!("ctrl_tcp: {e}: {}", String::from_utf8_lossy(p))
                        })
                    })
                    .collect();
            }
            let now = Instant::now();
            if now >= deadline {
                return Vec::new();
            }
            self.ctrl.set_read_timeout(Some(deadline - now)).unwrap();
            match self.ctrl.read(&mut buf) {
                Ok(0) => panic!("baresip closed ctrl_tcp:\n{}", self.log()),
                Ok(n) => self.inbox.extend_from_slice(&buf[..n]),
                Err(e) if matches!(e.kind(), ErrorKind::WouldBlock | ErrorKind::TimedOut) => {}
                Err(e) => panic!("ctrl_tcp: {e}"),
            }
        }
    }

    /// Queues an event message.
    fn queue(&mut self, msg: Value) {
        let text = |key: &str| msg[key].as_str().unwrap_or_default().to_string();
        let event = Event {
            kind: text("type"),
            param: text("param"),
            peer_uri: text("peeruri"),
            json: msg.clone(),
        };
        self.seen.push(event.kind.clone());
        self.pending.push_back(event);
    }

    /// Runs a command (`params` is its argument text) and returns its output; panics if
    /// baresip answers with an error or not within 5 s. Events read meanwhile are kept.
    pub fn command(&mut self, command: &str, params: Option<&str>) -> String {
        self.tokens += 1;
        let token = self.tokens.to_string();
        let mut msg = serde_json::json!({ "command": command, "token": token });
        if let Some(p) = params {
            msg["params"] = Value::from(p);
        }
        let body = msg.to_string();
        let framed = format!("{}:{body},", body.len());
        self.ctrl.write_all(framed.as_bytes()).unwrap();
        let deadline = Instant::now() + COMMAND_TIMEOUT;
        let mut response = None;
        while response.is_none() {
            let msgs = self.read_messages(deadline);
            assert!(
                !msgs.is_empty(),
                "baresip did not answer {body} within {COMMAND_TIMEOUT:?}:\n{}",
                self.log()
            );
            // Events may follow the response in the same read: keep them all.
            for m in msgs {
                if m["event"].as_bool() == Some(true) {
                    self.queue(m);
                } else if m["token"].as_str() == Some(&token) {
                    response = Some(m);
                }
            }
        }
        let response = response.unwrap_or_default();
        let data = response["data"].as_str().unwrap_or_default().to_string();
        assert_eq!(
            response["ok"].as_bool(),
            Some(true),
            "baresip: {body} failed: {data}\n{}",
            self.log()
        );
        data
    }

    /// Calls `uri` (a SIP URI).
    pub fn dial(&mut self, uri: &str) {
        self.command("dial", Some(uri));
    }

    /// Answers the ringing incoming call (manual answer mode).
    pub fn accept(&mut self) {
        self.command("accept", None);
    }

    /// Hangs up the current call (BYE, or CANCEL while it rings, or 486 to an incoming
    /// call not answered yet).
    pub fn hangup(&mut self) {
        self.command("hangup", None);
    }

    /// Waits for the next event of type `kind` (CALL_ESTABLISHED...) and returns it; the
    /// events before it are dropped (each wait starts after the last one it returned).
    /// Panics, with the events seen and baresip's log, after `timeout`.
    pub fn wait_event(&mut self, kind: &str, timeout: Duration) -> Event {
        let deadline = Instant::now() + timeout;
        loop {
            while let Some(event) = self.pending.pop_front() {
                if event.kind == kind {
                    return event;
                }
            }
            for m in self.read_messages(deadline) {
                if m["event"].as_bool() == Some(true) {
                    self.queue(m);
                }
            }
            if self.pending.is_empty() && Instant::now() >= deadline {
                panic!(
                    "baresip {}: no {kind} within {timeout:?}; events so far: {:?}\n{}",
                    self.aor,
                    self.seen,
                    self.log()
                );
            }
        }
    }

    /// The recording of what it heard in its latest call (sndfile's newest *-dec.wav),
    /// if it records. sndfile names files by the second the call's audio started: two
    /// calls started within the same second write the same file.
    pub fn recording_path(&self) -> Option<PathBuf> {
        fs::read_dir(self.dir.0.join("rec"))
            .ok()?
            .filter_map(|e| e.ok())
            .filter(|e| e.file_name().to_string_lossy().ends_with("-dec.wav"))
            .max_by_key(|e| e.metadata().and_then(|m| m.modified()).ok())
            .map(|e| e.path())
    }
}

impl Drop for Baresip {
    fn drop(&mut self) {
        let pid = self.child.id() as libc::pid_t;
        // SIGTERM: baresip hangs up, un-registers and exits.
        unsafe { libc::kill(pid, libc::SIGTERM) };
        let deadline = Instant::now() + STOP_TIMEOUT;
        while matches!(self.child.try_wait(), Ok(None)) && Instant::now() < deadline {
            sleep(Duration::from_millis(20));
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
        // The temp folder goes with the `dir` field.
    }
}

/// 16-bit PCM audio read from a WAV file.
pub struct Wav {
    pub rate: u32,
    pub channels: u16,
    /// Interleaved samples.
    pub samples: Vec<i16>,
}

impl Wav {
    /// Reads a 16-bit PCM WAV file, also one still being written: sndfile fills in the
    /// RIFF and data sizes only when the call ends, so the data runs to the end of the
    /// file when its size says 0.
    pub fn read(path: &Path) -> Wav {
        let bytes = fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let what = path.display();
        assert!(
            bytes.len() >= 12 && &bytes[..4] == b"RIFF" && &bytes[8..12] == b"WAVE",
            "{what}: not a WAV file"
        );
        let u16_at = |i: usize| u16::from_le_bytes([bytes[i], bytes[i + 1]]);
        let u32_at = |i: usize| u32::from_le_bytes(bytes[i..i + 4].try_into().unwrap());
        let (mut rate, mut channels, mut at) = (0, 0, 12);
        while at + 8 <= bytes.len() {
            let (id, size) = (&bytes[at..at + 4], u32_at(at + 4) as usize);
            let body = at + 8;
            if id == b"fmt " {
                assert_eq!(u16_at(body), 1, "{what}: not PCM");
                assert_eq!(u16_at(body + 14), 16, "{what}: not 16-bit");
                channels = u16_at(body + 2);
                rate = u32_at(body + 4);
            } else if id == b"data" {
                assert!(rate > 0, "{what}: data before fmt");
                let end = match size {
                    0 => bytes.len(),
                    n => (body + n).min(bytes.len()),
                };
                let samples = bytes[body..end]
                    .chunks_exact(2)
                    .map(|s| i16::from_le_bytes([s[0], s[1]]))
                    .collect();
                return Wav {
                    rate,
                    channels,
                    samples,
                };
            }
            at = body + size + (size & 1);
        }
        panic!("{what}: no data chunk");
    }

    /// The length of the audio.
    pub fn duration(&self) -> Duration {
        let frames = self.samples.len() as f64 / f64::from(self.channels.max(1));
        Duration::from_secs_f64(frames / f64::from(self.rate.max(1)))
    }

    /// How many samples are louder than `threshold` (in absolute value).
    pub fn loud_samples(&self, threshold: i16) -> usize {
        self.samples
            .iter()
            .filter(|s| s.unsigned_abs() > threshold.unsigned_abs())
            .count()
    }
}
