//! Accounts registering against real registrars on loopback, run by scripts/test.sh (they
//! need sipp and kamailio): sipp as a scripted registrar (digest, 423, refresh, 503 and
//! retry) and kamailio with digest authentication over UDP and TCP.

mod common;

use pjsua2rs::ua::account::{AccountHandler, AccountId, OnRegStartedParam, OnRegStateParam};
use pjsua2rs::ua::config::{
    AccountConfig, AuthCredInfo, EpConfig, TransportConfig, PJSUA2RS_TRANSPORT_TCP,
    PJSUA2RS_TRANSPORT_UDP,
};
use pjsua2rs::ua::fixed_str::FixedStr;
use pjsua2rs::ua::Endpoint;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{channel, Receiver, Sender};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// What an account's callbacks saw.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Seen {
    Started(bool),
    State {
        code: u16,
        expiration: u32,
        status: i32,
    },
}

struct Recorder(Mutex<Sender<Seen>>);

impl AccountHandler for Recorder {
    fn on_reg_started(&self, prm: &OnRegStartedParam) {
        let _ = self.0.lock().unwrap().send(Seen::Started(prm.renew));
    }
    fn on_reg_state(&self, prm: &OnRegStateParam) {
        let _ = self.0.lock().unwrap().send(Seen::State {
            code: prm.code,
            expiration: prm.expiration,
            status: prm.status,
        });
    }
}

fn endpoint() -> (Endpoint, u16, u16) {
    let mut cfg = EpConfig::default();
    cfg.log_config.level = 1;
    cfg.log_config.console_level = 1;
    cfg.ua_config.tsx_t1_msec = 100;
    let ep = Endpoint::new();
    ep.lib_init(&cfg).unwrap();
    let mut t = TransportConfig::default();
    t.bound_address.set_str("127.0.0.1", "b").unwrap();
    let u = ep.transport_create(PJSUA2RS_TRANSPORT_UDP, &t).unwrap();
    let tc = ep.transport_create(PJSUA2RS_TRANSPORT_TCP, &t).unwrap();
    ep.lib_start().unwrap();
    let up = ep.transport_get_info(u).unwrap().local.port();
    let tp = ep.transport_get_info(tc).unwrap().local.port();
    (ep, up, tp)
}

fn account_config(user: &str, registrar: &str, password: &str, expires: u32) -> AccountConfig {
    let mut cfg = AccountConfig::default();
    cfg.id_uri
        .set_str(&format!("sip:{user}@127.0.0.1"), "idUri")
        .unwrap();
    cfg.reg_config
        .registrar_uri
        .set_str(registrar, "registrarUri")
        .unwrap();
    cfg.reg_config.timeout_sec = expires;
    let mut cred = AuthCredInfo::default();
    cred.username.set_str(user, "username").unwrap();
    cred.data.set_str(password, "data").unwrap();
    cfg.sip_config.auth_creds[0] = cred;
    cfg.sip_config.auth_creds_count = 1;
    cfg
}

fn add(ep: &Endpoint, cfg: &AccountConfig) -> (AccountId, Receiver<Seen>) {
    let (tx, rx) = channel();
    let id = ep
        .account_create(cfg, false, Arc::new(Recorder(Mutex::new(tx))))
        .unwrap();
    (id, rx)
}

/// The next State event within `wait` (Started events are checked and skipped).
fn next_state(rx: &Receiver<Seen>, wait: Duration) -> Seen {
    let deadline = Instant::now() + wait;
    loop {
        let left = deadline.saturating_duration_since(Instant::now());
        match rx.recv_timeout(left) {
            Ok(Seen::Started(_)) => continue,
            Ok(s) => return s,
            Err(_) => panic!("no onRegState within {wait:?}"),
        }
    }
}

fn free_udp_port() -> u16 {
    std::net::UdpSocket::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

struct Sipp(Child);

impl Sipp {
    fn registrar(scenario: &str, port: u16, transport: &str, extra: &[&str]) -> Sipp {
        let path = format!("{}/tests/sipp/{scenario}", env!("CARGO_MANIFEST_DIR"));
        let port = port.to_string();
        let mut args = vec![
            "-sf",
            &path,
            "-i",
            "127.0.0.1",
            "-p",
            &port,
            "-t",
            transport,
            "-m",
            "1",
            "-timeout",
            "40s",
            "-timeout_error",
            "-nostdin",
        ];
        args.extend_from_slice(extra);
        let child = Command::new("sipp")
            .args(&args)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("sipp is not installed: run scripts/test.sh");
        std::thread::sleep(Duration::from_millis(300));
        Sipp(child)
    }

    /// Waits for sipp to end and returns whether the scenario passed, with its output.
    fn finish(mut self, wait: Duration) -> (bool, String) {
        let deadline = Instant::now() + wait;
        loop {
            if let Some(status) = self.0.try_wait().unwrap() {
                let out = self.0.wait_with_output_now();
                return (status.success(), out);
            }
            if Instant::now() > deadline {
                let _ = self.0.kill();
                let out = self.0.wait_with_output_now();
                return (false, format!("sipp did not finish in {wait:?}\n{out}"));
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

trait OutputNow {
    fn wait_with_output_now(&mut self) -> String;
}

impl OutputNow for Child {
    fn wait_with_output_now(&mut self) -> String {
        use std::io::Read;
        let mut s = String::new();
        if let Some(o) = self.stdout.as_mut() {
            let _ = o.read_to_string(&mut s);
        }
        if let Some(e) = self.stderr.as_mut() {
            let _ = e.read_to_string(&mut s);
        }
        s
    }
}

impl Drop for Sipp {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

#[test]
#[ignore = "needs sipp; run by scripts/test.sh"]
fn sipp_registrar_digest_register_and_unregister_over_udp_and_tcp() {
    for (transport, suffix) in [("u1", ""), ("t1", ";transport=tcp")] {
        let (ep, _, _) = endpoint();
        let port = free_udp_port();
        let sipp = Sipp::registrar(
            "registrar_auth.xml",
            port,
            transport,
            &["-key", "user", "alice", "-key", "password", "secret"],
        );
        let (acc, rx) = add(
            &ep,
            &account_config(
                "alice",
                &format!("sip:127.0.0.1:{port}{suffix}"),
                "secret",
                300,
            ),
        );
        assert_eq!(
            next_state(&rx, Duration::from_secs(10)),
            Seen::State {
                code: 200,
                expiration: 300,
                status: 0
            },
            "{transport}"
        );
        let info = ep.account_get_info(acc).unwrap();
        assert!(
            info.reg_is_active && info.reg_status == 200 && info.reg_expires_sec > 290,
            "{info:?}"
        );
        ep.account_set_registration(acc, false).unwrap();
        assert_eq!(
            next_state(&rx, Duration::from_secs(10)),
            Seen::State {
                code: 200,
                expiration: 0,
                status: 0
            }
        );
        assert!(!ep.account_get_info(acc).unwrap().reg_is_active);
        let (ok, out) = sipp.finish(Duration::from_secs(10));
        assert!(ok, "sipp registrar ({transport}) failed:\n{out}");
    }
}
