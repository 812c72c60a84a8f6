//! Unit tests of the application port and its pump, driven by hand: the work the port
//! posts, the frames it queues and takes, underruns, drops, format conversion and
//! rejected formats.

use super::app_port::*;
use super::app_port_pump::AppPortPump;
use crate::media::{AudioFormat, MediaPort};
use std::sync::atomic::{AtomicI16, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Instant;

/// Supplies frames filled with 1, 2, 3... (or NONE frames) and keeps what it receives.
#[derive(Default)]
struct Counter {
    next: AtomicI16,
    none: bool,
    requested_len: AtomicUsize,
    received: Mutex<Vec<Vec<i16>>>,
}

impl AudioMediaPortHandler for Counter {
    fn on_frame_requested(&self, frame: &mut MediaFrame) {
        self.requested_len
            .store(frame.samples.len(), Ordering::Relaxed);
        let v = self.next.fetch_add(1, Ordering::Relaxed) + 1;
        frame.samples.fill(v);
        if self.none {
            frame.frame_type = PJSUA2RS_FRAME_TYPE_NONE;
        }
    }
    fn on_frame_received(&self, frame: &MediaFrame) {
        self.received.lock().unwrap().push(frame.samples.clone());
    }
}

type Posted = Arc<Mutex<Vec<AppPortWork>>>;

fn port(
    fmt: MediaFormatAudio,
    bridge: AudioFormat,
    h: Arc<Counter>,
) -> (AppPort, AppPortPump, Posted) {
    let posted: Posted = Default::default();
    let p = posted.clone();
    let wake: Wake = Arc::new(move |w| p.lock().unwrap().push(w));
    let fmt = resolve_format(&fmt, bridge).unwrap();
    let (port, pump) = create("app", fmt, bridge, h, wake).unwrap();
    (port, pump, posted)
}

fn take(posted: &Posted) -> Vec<AppPortWork> {
    std::mem::take(&mut *posted.lock().unwrap())
}

#[test]
fn frames_are_requested_ahead_taken_in_order_and_underruns_counted() {
    let h = Arc::new(Counter::default());
    let bridge = AudioFormat::mono(16000);
    let (mut port, pump, posted) = port(MediaFormatAudio::default(), bridge, h.clone());
    assert!(port.idle_unless_transmitting());
    pump.start();
    assert_eq!(take(&posted), vec![AppPortWork::Fill]);
    pump.run(AppPortWork::Fill);
    assert_eq!(h.next.load(Ordering::Relaxed), 3, "three frames queued");
    assert_eq!(h.requested_len.load(Ordering::Relaxed), 320);
    let now = Instant::now();
    let mut out = vec![0i16; 320];
    assert!(port.get_frame(now, &mut out));
    assert!(out.iter().all(|&s| s == 1));
    assert!(port.get_frame(now, &mut out));
    assert!(out.iter().all(|&s| s == 2));
    assert_eq!(take(&posted), vec![AppPortWork::Fill], "posted once");
    pump.run(AppPortWork::Fill);
    assert_eq!(h.next.load(Ordering::Relaxed), 5, "topped up to three");
    for want in 3..=5 {
        assert!(port.get_frame(now, &mut out));
        assert_eq!(out[0], want);
    }
    assert_eq!(port.stats(), AudioMediaPortStats::default());
    assert!(!port.get_frame(now, &mut out), "the application is late");
    assert_eq!(port.stats().underruns, 1);
    pump.close();
    take(&posted);
    pump.run(AppPortWork::Fill);
    assert_eq!(h.next.load(Ordering::Relaxed), 5, "no callback once closed");
}

#[test]
fn none_frames_are_silence_without_underrun() {
    let h = Arc::new(Counter {
        none: true,
        ..Counter::default()
    });
    let (mut port, pump, _) = port(MediaFormatAudio::default(), AudioFormat::mono(8000), h);
    pump.run(AppPortWork::Fill);
    let mut out = vec![7i16; 160];
    assert!(!port.get_frame(Instant::now(), &mut out));
    assert!(out.iter().all(|&s| s == 0));
    assert_eq!(pump.stats().underruns, 0);
}

#[test]
fn rates_and_frame_times_are_converted_both_ways() {
    let h = Arc::new(Counter::default());
    let fmt = MediaFormatAudio {
        clock_rate: 8000,
        channel_count: 1,
        frame_time_usec: 10_000,
        bits_per_sample: 16,
    };
    let (mut port, pump, posted) = port(fmt, AudioFormat::mono(16000), h.clone());
    pump.run(AppPortWork::Fill);
    assert_eq!(
        h.requested_len.load(Ordering::Relaxed),
        80,
        "10 ms at 8 kHz"
    );
    assert!(
        h.next.load(Ordering::Relaxed) >= 6,
        "two 10 ms frames per 20 ms bridge frame"
    );
    let mut out = vec![0i16; 320];
    assert!(port.get_frame(Instant::now(), &mut out));
    take(&posted);
    let frame = vec![1000i16; 320];
    port.put_frame(Instant::now(), Some(&frame));
    port.put_frame(Instant::now(), None);
    port.put_frame(Instant::now(), Some(&frame));
    assert_eq!(take(&posted), vec![AppPortWork::Deliver]);
    pump.run(AppPortWork::Deliver);
    let got = h.received.lock().unwrap();
    assert_eq!(got.len(), 4, "40 ms of bridge audio in 10 ms frames");
    assert!(got.iter().all(|f| f.len() == 80));
    let last = got.last().unwrap();
    assert!((last[79] - 1000).abs() < 50, "DC level kept: {}", last[79]);
}

#[test]
fn received_frames_beyond_the_queue_are_dropped_and_counted() {
    let h = Arc::new(Counter::default());
    let (mut port, pump, posted) = port(
        MediaFormatAudio::default(),
        AudioFormat::mono(8000),
        h.clone(),
    );
    let frame = vec![5i16; 160];
    for _ in 0..40 {
        port.put_frame(Instant::now(), Some(&frame));
    }
    assert_eq!(port.stats().dropped, 8);
    assert_eq!(take(&posted), vec![AppPortWork::Deliver]);
    pump.run(AppPortWork::Deliver);
    assert_eq!(h.received.lock().unwrap().len(), 32);
    port.put_frame(Instant::now(), Some(&frame));
    assert_eq!(port.stats().dropped, 8, "room again after the delivery");
}

#[test]
fn formats_are_resolved_or_rejected_with_the_field_named() {
    let bridge = AudioFormat::mono(16000);
    let f = resolve_format(&MediaFormatAudio::default(), bridge).unwrap();
    assert_eq!(
        f,
        MediaFormatAudio {
            clock_rate: 16000,
            channel_count: 1,
            frame_time_usec: 20_000,
            bits_per_sample: 16
        }
    );
    assert_eq!(f.samples_per_frame(), 320);
    let bad = |f: MediaFormatAudio| resolve_format(&f, bridge).unwrap_err();
    let base = MediaFormatAudio {
        clock_rate: 8000,
        ..MediaFormatAudio::default()
    };
    assert!(bad(MediaFormatAudio {
        channel_count: 2,
        ..base
    })
    .contains("channelCount 2"));
    assert!(bad(MediaFormatAudio {
        bits_per_sample: 8,
        ..base
    })
    .contains("bitsPerSample 8"));
    assert!(bad(MediaFormatAudio {
        clock_rate: 12345,
        ..base
    })
    .contains("clockRate 12345"));
    assert!(bad(MediaFormatAudio {
        frame_time_usec: 10_001,
        ..base
    })
    .contains("frameTimeUsec 10001"));
    assert!(bad(MediaFormatAudio {
        frame_time_usec: 2_000_000,
        ..base
    })
    .contains("over a second"));
    assert!(resolve_format(
        &MediaFormatAudio {
            clock_rate: 44100,
            frame_time_usec: 10_000,
            ..base
        },
        bridge
    )
    .is_ok());
}
