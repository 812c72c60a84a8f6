//! Endpoint benchmarks over real loopback sockets: start-up (libCreate + libInit +
//! transportCreate + libStart, DESIGN.md's < 20 ms target) and the round trip of an
//! OPTIONS between two endpoints (request, transaction, answer, response).

use criterion::{criterion_group, criterion_main, Criterion};
use pjsua2rs::ua::config::{EpConfig, TransportConfig, PJSUA2RS_TRANSPORT_UDP};
use pjsua2rs::ua::fixed_str::FixedStr;
use pjsua2rs::ua::Endpoint;
use std::time::{Duration, Instant};

fn quiet() -> EpConfig {
    let mut cfg = EpConfig::default();
    cfg.log_config.level = 0;
    cfg.log_config.console_level = 0;
    cfg
}

fn loopback() -> TransportConfig {
    let mut t = TransportConfig::default();
    t.bound_address
        .set_str("127.0.0.1", "boundAddress")
        .unwrap();
    t
}

fn started() -> (Endpoint, String) {
    let ep = Endpoint::new();
    ep.lib_init(&quiet()).unwrap();
    let id = ep
        .transport_create(PJSUA2RS_TRANSPORT_UDP, &loopback())
        .unwrap();
    ep.lib_start().unwrap();
    let addr = ep.transport_get_info(id).unwrap().local.to_string();
    (ep, addr)
}

fn startup(c: &mut Criterion) {
    c.bench_function(
        "startup: libCreate+libInit+transportCreate(UDP)+libStart",
        |b| {
            b.iter_custom(|iters| {
                let mut total = Duration::ZERO;
                for _ in 0..iters {
                    let start = Instant::now();
                    let (ep, _) = started();
                    total += start.elapsed();
                    ep.lib_destroy().unwrap();
                }
                total
            })
        },
    );
    c.bench_function("shutdown: libDestroy", |b| {
        b.iter_custom(|iters| {
            let mut total = Duration::ZERO;
            for _ in 0..iters {
                let (ep, _) = started();
                let start = Instant::now();
                ep.lib_destroy().unwrap();
                total += start.elapsed();
            }
            total
        })
    });
}

fn options_round_trip(c: &mut Criterion) {
    let (a, _) = started();
    let (_b, b_addr) = started();
    let target = format!("sip:{b_addr}");
    c.bench_function("OPTIONS round trip A -> B over loopback UDP", |bench| {
        bench.iter(|| {
            let r = a.send_options(&target, Duration::from_secs(5)).unwrap();
            assert_eq!(r.status_code, 200);
        })
    });
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(30).measurement_time(Duration::from_secs(5));
    targets = startup, options_round_trip
}
criterion_main!(benches);
