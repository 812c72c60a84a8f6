//! A real DNS server for tests: dnsmasq on 127.0.0.1 at a free port, serving the records a
//! test gives, killed by PID when dropped (and by a watchdog if the test process dies).

use pjsua2rs::runtime::dns::{DnsClient, DnsOptions};
use std::net::{SocketAddr, TcpListener, TcpStream, UdpSocket};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::{Duration, Instant};

/// A running dnsmasq, killed by PID and its directory removed on drop; a watchdog shell
/// kills it if the test process is killed before that.
pub struct Dnsmasq {
    child: Child,
    watchdog: Child,
    /// The port it answers on (UDP and TCP) at 127.0.0.1.
    pub port: u16,
    dir: PathBuf,
}

fn dnsmasq_binary() -> PathBuf {
    let path = std::env::var_os("PATH").unwrap_or_default();
    std::env::split_paths(&path)
        .chain(["/usr/sbin".into(), "/sbin".into()])
        .map(|d| d.join("dnsmasq"))
        .find(|p| p.is_file())
        .unwrap_or_else(|| {
            panic!(
                "dnsmasq not found: install the Debian package dnsmasq-base \
                 (scripts/install-deps.sh does; scripts/test.sh runs it)"
            )
        })
}

/// A port free for both UDP and TCP on 127.0.0.1.
fn free_port() -> u16 {
    loop {
        let udp = UdpSocket::bind("127.0.0.1:0").expect("bind UDP");
        let port = udp.local_addr().unwrap().port();
        if TcpListener::bind(("127.0.0.1", port)).is_ok() {
            return port;
        }
    }
}

impl Dnsmasq {
    /// Starts dnsmasq serving `records` (dnsmasq.conf lines) for `example.test`, which
    /// it answers alone (unknown names there are NXDOMAIN). Local records get TTL 300.
    pub fn start(records: &[&str]) -> Dnsmasq {
        Dnsmasq::start_for("example.test", records)
    }

    /// Like [`Dnsmasq::start`] for `domain`.
    pub fn start_for(domain: &str, records: &[&str]) -> Dnsmasq {
        static SEQ: AtomicU32 = AtomicU32::new(0);
        let mut conf_text = format!("local=/{domain}/\nlocal-ttl=300\nlog-queries\n");
        for r in records {
            conf_text.push_str(r);
            conf_text.push('\n');
        }
        let mut last_error = String::new();
        for _ in 0..3 {
            let dir = std::env::temp_dir().join(format!(
                "pjsua2rs-dnsmasq-{}-{}",
                std::process::id(),
                SEQ.fetch_add(1, Ordering::Relaxed)
            ));
            std::fs::create_dir_all(&dir).expect("temp dir");
            let conf = dir.join("dnsmasq.conf");
            std::fs::write(&conf, &conf_text).expect("write conf");
            let port = free_port();
            let log = dir.join("log");
            let child = Command::new(dnsmasq_binary())
                .arg(format!("--conf-file={}", conf.display()))
                .args(["--no-resolv", "--no-hosts", "--listen-address=127.0.0.1"])
                .args(["--bind-interfaces", "--keep-in-foreground", "--user=root"])
                .arg("--pid-file=")
                .arg(format!("--port={port}"))
                .arg(format!("--log-facility={}", log.display()))
                .stdin(Stdio::null())
                .stdout(Stdio::null())
                .stderr(Stdio::piped())
                .spawn()
                .unwrap_or_else(|e| panic!("cannot start dnsmasq: {e}"));
            // Kills dnsmasq by PID when the test process dies without running Drop
            // (killed): its stdin pipe then closes and `read` returns.
            let watchdog = Command::new("sh")
                .arg("-c")
                .arg(format!("read _; kill -9 {}", child.id()))
                .stdin(Stdio::piped())
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .spawn()
                .unwrap_or_else(|e| panic!("cannot start sh: {e}"));
            let mut server = Dnsmasq {
                child,
                watchdog,
                port,
                dir,
            };
            match server.wait_ready() {
                Ok(()) => return server,
                Err(e) => last_error = e,
            }
        }
        panic!("dnsmasq did not start: {last_error}");
    }

    /// Waits (at most 5 s) until the server accepts TCP on its port.
    fn wait_ready(&mut self) -> Result<(), String> {
        let deadline = Instant::now() + Duration::from_secs(5);
        while Instant::now() < deadline {
            if let Some(status) = self.child.try_wait().map_err(|e| e.to_string())? {
                let mut err = String::new();
                if let Some(mut s) = self.child.stderr.take() {
                    use std::io::Read;
                    let _ = s.read_to_string(&mut err);
                }
                return Err(format!("dnsmasq exited ({status}): {err}"));
            }
            let addr = SocketAddr::from(([127, 0, 0, 1], self.port));
            if TcpStream::connect_timeout(&addr, Duration::from_millis(100)).is_ok() {
                return Ok(());
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        Err("dnsmasq did not listen within 5 s".into())
    }

    /// A client of this server whose queries time out after 2 s.
    pub fn client(&self) -> DnsClient {
        self.client_with_timeout(Duration::from_secs(2))
    }

    /// A client whose queries time out after `timeout`, without retries.
    pub fn client_with_timeout(&self, timeout: Duration) -> DnsClient {
        let options = DnsOptions {
            timeout: Some(timeout),
            retries: Some(0),
            ..DnsOptions::default()
        };
        DnsClient::with_options(&[format!("127.0.0.1:{}", self.port)], &options).expect("client")
    }

    /// The queries the server logged, once it has logged a query for `marker` (a name
    /// the test asks last, so the lines before it are complete). Waits at most 5 s.
    pub fn log_until(&self, marker: &str) -> String {
        let deadline = Instant::now() + Duration::from_secs(5);
        loop {
            let log = std::fs::read_to_string(self.dir.join("log")).unwrap_or_default();
            if log.contains(marker) || Instant::now() > deadline {
                return log;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

impl Drop for Dnsmasq {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        // Only now, so the watchdog can never kill a reused PID.
        let _ = self.watchdog.kill();
        let _ = self.watchdog.wait();
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}
