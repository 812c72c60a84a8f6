//! Load benchmark (not a timed test): how many concurrent G.711 calls two pjsua2rs
//! endpoints in one process carry with real RTP over loopback, and how many of their
//! media clock ticks are late (started more than half a frame after their deadline).
//!
//! `cargo bench --bench concurrent_calls` with, in the environment, CALLS (default 500),
//! SECS of steady state to measure (default 20) and CLOCK_RATE of the bridges (default
//! 8000; PJSUA2's default 16000 adds resampling to every stream). Every call has two
//! streams (one per endpoint): each encodes, sends, receives, buffers and decodes a
//! packet every 20 ms; the caller side plays one tone into every call. Prints one
//! markdown row for BENCHMARKS.md.

use pjsua2rs::media::tone::ToneDesc;
use pjsua2rs::ua::account::{AccountHandler, AccountId};
use pjsua2rs::ua::call::*;
use pjsua2rs::ua::config::{AccountConfig, EpConfig, TransportConfig, PJSUA2RS_TRANSPORT_UDP};
use pjsua2rs::ua::fixed_str::FixedStr;
use pjsua2rs::ua::Endpoint;
use std::sync::mpsc::{channel, Receiver, Sender};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

fn env_u32(name: &str, default: u32) -> u32 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// Counts confirmed and disconnected calls.
struct Counter(Mutex<Sender<i32>>);

impl AccountHandler for Counter {}

impl CallHandler for Counter {
    fn on_call_state(&self, prm: &OnCallStateParam) {
        let _ = self.0.lock().unwrap().send(prm.info.state);
    }
}

/// Binds incoming calls (to a [`Counter`] of `states`) and hands them to the main
/// thread, which answers them.
struct Incoming {
    ep: Mutex<std::sync::Weak<Endpoint>>,
    states: Mutex<Sender<i32>>,
    calls: Mutex<Sender<CallKey>>,
}

impl AccountHandler for Incoming {
    fn on_incoming_call(&self, prm: &OnIncomingCallParam) {
        let Some(ep) = self.ep.lock().unwrap().upgrade() else {
            return;
        };
        let counter = Arc::new(Counter(Mutex::new(self.states.lock().unwrap().clone())));
        if let Ok(key) = ep.call_bind(prm.call.id, counter) {
            let _ = self.calls.lock().unwrap().send(key);
        }
    }
}

fn endpoint(calls: u32, clock_rate: u32) -> (Arc<Endpoint>, u16) {
    let mut cfg = EpConfig::default();
    cfg.log_config.level = 1;
    cfg.log_config.console_level = 1;
    cfg.ua_config.max_calls = calls + 8;
    cfg.med_config.clock_rate = clock_rate;
    cfg.med_config.max_media_ports = calls + 16;
    let ep = Arc::new(Endpoint::new());
    ep.lib_init(&cfg).unwrap();
    let mut t = TransportConfig::default();
    t.bound_address
        .set_str("127.0.0.1", "boundAddress")
        .unwrap();
    let udp = ep.transport_create(PJSUA2RS_TRANSPORT_UDP, &t).unwrap();
    ep.lib_start().unwrap();
    ep.codec_set_priority("", 0).unwrap();
    ep.codec_set_priority("PCMU", 200).unwrap();
    let port = ep.transport_get_info(udp).unwrap().local.port();
    (ep, port)
}

fn account(ep: &Endpoint, user: &str, handler: Arc<dyn AccountHandler>) -> AccountId {
    let mut acfg = AccountConfig::default();
    acfg.id_uri
        .set_str(&format!("sip:{user}@127.0.0.1"), "idUri")
        .unwrap();
    // Room for every call's RTP/RTCP pair.
    acfg.media_config.transport_config.port = 20000;
    ep.account_create(&acfg, true, handler).unwrap()
}

fn wait_states(rx: &Receiver<i32>, state: i32, count: u32, what: &str) {
    let deadline = Instant::now() + Duration::from_secs(120);
    let mut seen = 0;
    while seen < count {
        match rx.recv_timeout(deadline.saturating_duration_since(Instant::now())) {
            Ok(s) if s == state => seen += 1,
            Ok(_) => {}
            Err(_) => panic!("{what}: {seen} of {count}"),
        }
    }
}

/// CPU time (user + system) of the process so far.
fn cpu_time() -> Duration {
    // SAFETY: getrusage writes the struct it is given.
    let usage = unsafe {
        let mut u = std::mem::zeroed::<libc::rusage>();
        libc::getrusage(libc::RUSAGE_SELF, &mut u);
        u
    };
    let tv = |t: libc::timeval| Duration::new(t.tv_sec as u64, t.tv_usec as u32 * 1000);
    tv(usage.ru_utime) + tv(usage.ru_stime)
}

fn main() {
    // `cargo bench` passes --bench; anything else (cargo test's harness flags) runs nothing.
    if !std::env::args().any(|a| a == "--bench") {
        return;
    }
    let calls = env_u32("CALLS", 500);
    let secs = env_u32("SECS", 20);
    let clock_rate = env_u32("CLOCK_RATE", 8000);
    let (caller, _) = endpoint(calls, clock_rate);
    let (callee, callee_port) = endpoint(calls, clock_rate);
    let (in_tx, in_rx) = channel();
    let (state_tx, state_rx) = channel();
    let (b_state_tx, b_state_rx) = channel();
    let a_acc = account(&caller, "load", Arc::new(Counter(Mutex::new(channel().0))));
    let incoming = Incoming {
        ep: Mutex::new(Arc::downgrade(&callee)),
        states: Mutex::new(b_state_tx),
        calls: Mutex::new(in_tx),
    };
    account(&callee, "sink", Arc::new(incoming));
    let target = format!("sip:sink@127.0.0.1:{callee_port}");

    // Set up the calls, at most 50 in progress at once.
    let setup_start = Instant::now();
    let mut keys = Vec::new();
    let answer = |key: CallKey| {
        callee
            .call_answer(
                key,
                &CallOpParam {
                    status_code: 200,
                    ..CallOpParam::default()
                },
            )
            .unwrap();
    };
    for batch in 0..calls.div_ceil(50) {
        let n = 50.min(calls - batch * 50);
        for _ in 0..n {
            let handler = Arc::new(Counter(Mutex::new(state_tx.clone())));
            keys.push(
                caller
                    .call_make(a_acc, &target, &CallOpParam::default(), handler)
                    .unwrap(),
            );
        }
        for _ in 0..n {
            answer(in_rx.recv_timeout(Duration::from_secs(30)).unwrap());
        }
        wait_states(&state_rx, 5, n, "calls confirmed");
    }
    let setup = setup_start.elapsed();

    // The caller plays a tone into every call.
    let tone = caller.tone_generator_create().unwrap();
    caller
        .tone_play(
            tone,
            &[ToneDesc {
                freq1: 440,
                freq2: 0,
                on_msec: 1000,
                off_msec: 0,
                volume: 0,
            }],
            true,
        )
        .unwrap();
    for k in &keys {
        let slot = caller.call_get_audio_media(*k, -1).unwrap();
        caller
            .audio_media_start_transmit(tone.slot, slot, 1.0)
            .unwrap();
    }
    std::thread::sleep(Duration::from_secs(2));

    let engines = [
        caller.media_engine().unwrap(),
        callee.media_engine().unwrap(),
    ];
    let counts = |i: usize| engines[i].clock_counts();
    let before = [counts(0), counts(1)];
    let rx_before: u64 = keys
        .iter()
        .map(|k| {
            caller
                .call_get_stream_stat(*k, -1)
                .unwrap()
                .rtcp
                .rx_stat
                .pkt
        })
        .sum();
    let (cpu0, wall0) = (cpu_time(), Instant::now());
    std::thread::sleep(Duration::from_secs(secs as u64));
    let (cpu, wall) = (cpu_time() - cpu0, wall0.elapsed());
    let after = [counts(0), counts(1)];
    let rx_after: u64 = keys
        .iter()
        .map(|k| {
            caller
                .call_get_stream_stat(*k, -1)
                .unwrap()
                .rtcp
                .rx_stat
                .pkt
        })
        .sum();
    let ticks: u64 = (0..2).map(|i| after[i].0 - before[i].0).sum();
    let late: u64 = (0..2).map(|i| after[i].1 - before[i].1).sum();
    let expected_rx = calls as f64 * wall.as_secs_f64() * 50.0;
    let rx = (rx_after - rx_before) as f64;

    caller.hangup_all_calls().unwrap();
    wait_states(&b_state_rx, 6, calls, "calls ended");
    println!(
        "| calls | bridge rate | setup | ticks | late ticks | CPU (of 2 cores) | RTP received |"
    );
    println!(
        "| {calls} | {clock_rate} Hz | {:.0} calls/s | {ticks} | {late} ({:.3} %) | {:.0} % | {:.1} % of {:.0} |",
        calls as f64 / setup.as_secs_f64(),
        late as f64 * 100.0 / ticks.max(1) as f64,
        cpu.as_secs_f64() * 100.0 / wall.as_secs_f64() / 2.0,
        rx * 100.0 / expected_rx,
        expected_rx
    );
}
