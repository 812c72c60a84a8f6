//! Conference bridge cost per port and frame: a bridge of N ports where every port is a
//! source (a constant frame, so the port itself costs next to nothing) linked to the
//! next port, plus a "conference" where 3 ports all hear each other; one `tick` (one
//! 20 ms frame at 16 kHz) timed. Divide by N for the cost per port.

use criterion::{black_box, criterion_group, criterion_main, Criterion};
use pjsua2rs::media::{AudioFormat, ConfBridge, MediaPort};
use std::any::Any;
use std::time::Instant;

/// A port that gives a fixed frame and takes whatever it is given.
struct Constant {
    frame: Vec<i16>,
    heard: u64,
}

impl MediaPort for Constant {
    fn name(&self) -> &str {
        "constant"
    }
    fn get_frame(&mut self, _now: Instant, out: &mut [i16]) -> bool {
        out.copy_from_slice(&self.frame);
        true
    }
    fn put_frame(&mut self, _now: Instant, frame: Option<&[i16]>) {
        self.heard += frame.map_or(0, |f| f[0] as u64);
    }
    fn as_any_mut(&mut self) -> &mut dyn Any {
        self
    }
}

fn bridge_with(
    ports: usize,
    format: AudioFormat,
    link: impl Fn(usize) -> Vec<usize>,
) -> ConfBridge {
    let mut b = ConfBridge::new(format, ports + 1);
    let n = format.samples_per_frame();
    for i in 0..ports {
        let frame = (0..n)
            .map(|s| ((s * 37 + i) % 2000) as i16 - 1000)
            .collect();
        b.add_port(Box::new(Constant { frame, heard: 0 }), 0)
            .unwrap();
    }
    for src in 0..ports {
        for dst in link(src) {
            b.connect(src, dst, 1.0).unwrap();
        }
    }
    b
}

fn bridge(c: &mut Criterion) {
    let format = AudioFormat::mono(16000);
    for ports in [16, 128, 1024] {
        let mut b = bridge_with(ports, format, |src| vec![(src + 1) % ports]);
        c.bench_function(&format!("tick, {ports} ports in a ring, 16 kHz"), |bench| {
            bench.iter(|| b.tick(black_box(Instant::now())))
        });
    }
    let mut b = bridge_with(3, format, |src| (0..3).filter(|d| *d != src).collect());
    c.bench_function("tick, 3-party conference, 16 kHz", |bench| {
        bench.iter(|| b.tick(black_box(Instant::now())))
    });
}

criterion_group!(benches, bridge);
criterion_main!(benches);
