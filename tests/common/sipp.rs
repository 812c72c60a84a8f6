//! Runs sipp with the scenarios of tests/sipp/ for interop tests: as a client run to its
//! end, or as a server started in the background and waited for later.
//!
//! Each run works in its own temp folder (sipp writes its logs to the current folder)
//! with its output in a file there; dropping a [`Sipp`] kills a run still going.

use super::TempDir;
use std::fs;
use std::net::{TcpListener, UdpSocket};
use std::process::{Child, Command, Stdio};
use std::thread::sleep;
use std::time::{Duration, Instant};

/// The path of a scenario of tests/sipp/.
pub fn scenario(name: &str) -> String {
    format!("{}/tests/sipp/{name}", env!("CARGO_MANIFEST_DIR"))
}

/// A port free for UDP and TCP on `ip` at the time of the call, for sipp's `-p`
/// (sipp 3.6 given `-p 0` takes 5060 when it is free).
pub fn free_port(ip: &str) -> u16 {
    for _ in 0..100 {
        let port = UdpSocket::bind((ip, 0))
            .and_then(|s| s.local_addr())
            .unwrap_or_else(|e| panic!("bind a UDP port on {ip}: {e}"))
            .port();
        if TcpListener::bind((ip, port)).is_ok() {
            return port;
        }
    }
    panic!("no port free for both UDP and TCP on {ip}");
}

/// A sipp process.
pub struct Sipp {
    child: Child,
    dir: TempDir,
    name: String,
}

/// How a sipp run ended.
pub struct SippExit {
    /// sipp's exit code: 0 all calls succeeded, 1 some failed, 255 a fatal error (an
    /// `<error>` action in the scenario, a bad command line).
    pub code: i32,
    /// Its screen and error output, and the logs it wrote (`-trace_err`, `-trace_msg`...).
    pub output: String,
}

impl Sipp {
    /// Starts `sipp -sf tests/sipp/<scenario> <args> -nostdin -ci 127.0.0.1` in the
    /// background (`-ci`: its UDP control socket on loopback, not on every interface).
    pub fn spawn(scenario_name: &str, args: &[&str]) -> Sipp {
        let dir = TempDir::new("sipp");
        let out = fs::File::create(dir.0.join("output.txt")).unwrap();
        let child = Command::new("sipp")
            .arg("-sf")
            .arg(scenario(scenario_name))
            .args(args)
            .args(["-nostdin", "-ci", "127.0.0.1"])
            .current_dir(&dir.0)
            .stdin(Stdio::null())
            .stdout(out.try_clone().unwrap())
            .stderr(out)
            .spawn()
            .expect("sipp is not installed: run scripts/install-deps.sh (package sip-tester)");
        Sipp {
            child,
            dir,
            name: scenario_name.to_string(),
        }
    }

    /// Starts sipp as a server on `ip:port` (`-i ip -p port` are added; `-t t1` in `args`
    /// for TCP) and returns once it holds the port, so a client can be started right after.
    pub fn spawn_server(scenario_name: &str, ip: &str, port: u16, args: &[&str]) -> Sipp {
        let port_arg = port.to_string();
        let mut all = vec!["-i", ip, "-p", &port_arg];
        all.extend_from_slice(args);
        let tcp = args
            .windows(2)
            .any(|a| a[0] == "-t" && a[1].starts_with('t'));
        let mut sipp = Sipp::spawn(scenario_name, &all);
        // sipp binds its socket at startup: once binding the port fails for us, it has it.
        let free = || match tcp {
            true => TcpListener::bind((ip, port)).is_ok(),
            false => UdpSocket::bind((ip, port)).is_ok(),
        };
        let deadline = Instant::now() + Duration::from_secs(10);
        while free() {
            if let Ok(Some(_)) = sipp.child.try_wait() {
                panic!(
                    "sipp {scenario_name} exited at startup:\n{}",
                    sipp.current_output()
                );
            }
            assert!(
                Instant::now() < deadline,
                "sipp {scenario_name} did not bind {ip}:{port}:\n{}",
                sipp.current_output()
            );
            sleep(Duration::from_millis(20));
        }
        sipp
    }

    /// Runs sipp to its end (at most `limit`) and returns how it ended.
    pub fn run(scenario_name: &str, args: &[&str], limit: Duration) -> SippExit {
        Sipp::spawn(scenario_name, args).wait(limit)
    }

    /// Its screen and error output, followed by the logs it wrote in its folder (with
    /// `-trace_err`: the unexpected messages and failed checks; with `-trace_msg`: every
    /// message sent and received): [`SippExit::output`] so far, to follow a run in progress.
    pub fn current_output(&self) -> String {
        let mut out = fs::read_to_string(self.dir.0.join("output.txt")).unwrap_or_default();
        let mut logs: Vec<_> = fs::read_dir(&self.dir.0)
            .map(|entries| entries.filter_map(|e| e.ok()).map(|e| e.path()).collect())
            .unwrap_or_default();
        logs.retain(|p| p.extension().is_some_and(|x| x == "log"));
        logs.sort();
        for log in logs {
            let name = log.file_name().unwrap_or_default().to_string_lossy();
            out.push_str(&format!("\n--- {name} ---\n"));
            out.push_str(&fs::read_to_string(&log).unwrap_or_default());
        }
        out
    }

    /// Waits for the end of the run; panics, with sipp's output, if it lasts beyond `limit`.
    pub fn wait(mut self, limit: Duration) -> SippExit {
        let deadline = Instant::now() + limit;
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                return SippExit {
                    code: status.code().unwrap_or(-1),
                    output: self.current_output(),
                };
            }
            if Instant::now() >= deadline {
                let _ = self.child.kill();
                let _ = self.child.wait();
                panic!(
                    "sipp {} still running after {limit:?}:\n{}",
                    self.name,
                    self.current_output()
                );
            }
            sleep(Duration::from_millis(20));
        }
    }
}

impl Drop for Sipp {
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}
