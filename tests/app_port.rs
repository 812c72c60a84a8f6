//! Application ports (PJSUA2's `AudioMediaPort`) in a running endpoint: a port supplying
//! a sine recorded without gaps, a tone generator heard through onFrameReceived, a port
//! at 8 kHz with 10 ms frames on the 16 kHz bridge, poll mode, destruction while
//! connected and from inside the port's own callback, stale objects and rejected
//! formats.

mod common;

use common::wav::{read_wav, wav_dir};
use pjsua2rs::media::analysis::{dominant_frequency, find_gaps, rms_dbfs};
use pjsua2rs::media::tone::ToneDesc;
use pjsua2rs::ua::config::EpConfig;
use pjsua2rs::ua::endpoint::{
    AudioMediaPortHandler, MediaFormatAudio, MediaFrame, MediaObj, PJSUA2RS_STATE_RUNNING,
};
use pjsua2rs::ua::media::recorder::PJSUA2RS_FILE_WRITE_PCM;
use pjsua2rs::ua::status::{PJSUA2RS_ERR_INVALID_ARG, PJSUA2RS_ERR_NOT_FOUND};
use pjsua2rs::ua::Endpoint;
use std::collections::BTreeSet;
use std::f64::consts::PI;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, OnceLock, Weak};
use std::time::Duration;

fn endpoint_with(thread_cnt: u32) -> Arc<Endpoint> {
    let mut cfg = EpConfig::default();
    cfg.log_config.level = 1;
    cfg.log_config.console_level = 1;
    cfg.ua_config.thread_cnt = thread_cnt;
    let ep = Endpoint::new();
    ep.lib_init(&cfg).unwrap();
    ep.lib_start().unwrap();
    assert_eq!(ep.state(), PJSUA2RS_STATE_RUNNING);
    Arc::new(ep)
}

fn endpoint() -> Arc<Endpoint> {
    endpoint_with(1)
}

/// Asserts `samples` at `rate` hold a steady 1 kHz tone without gaps.
fn assert_tone(samples: &[i16], rate: u32, min_secs: f64) {
    assert!(
        samples.len() as f64 >= rate as f64 * min_secs,
        "{} samples at {rate} Hz",
        samples.len()
    );
    let f = dominant_frequency(samples, rate).unwrap();
    assert!((f - 1000.0).abs() < 10.0, "frequency {f}");
    assert!(rms_dbfs(samples) > -15.0, "level {}", rms_dbfs(samples));
    let gaps = find_gaps(samples, rate, -40.0, 5.0);
    assert!(gaps.is_empty(), "gaps: {gaps:?}");
}

/// Supplies a continuous 1 kHz sine at `rate` (when set) and keeps what it receives.
#[derive(Default)]
struct Probe {
    sine_rate: Option<f64>,
    phase: Mutex<f64>,
    requested: AtomicUsize,
    received: Mutex<Vec<i16>>,
    received_frames: AtomicUsize,
    lengths: Mutex<BTreeSet<usize>>,
    /// Destroys its own port at this request (when set).
    destroy_at: Option<usize>,
    me: OnceLock<(Weak<Endpoint>, MediaObj)>,
}

impl Probe {
    fn sine(rate: u32) -> Self {
        Probe {
            sine_rate: Some(rate as f64),
            ..Probe::default()
        }
    }
}

impl AudioMediaPortHandler for Probe {
    fn on_frame_requested(&self, frame: &mut MediaFrame) {
        let n = self.requested.fetch_add(1, Ordering::SeqCst) + 1;
        self.lengths.lock().unwrap().insert(frame.samples.len());
        if let Some(rate) = self.sine_rate {
            let mut ph = self.phase.lock().unwrap();
            for s in frame.samples.iter_mut() {
                *s = (12000.0 * ph.sin()) as i16;
                *ph = (*ph + 2.0 * PI * 1000.0 / rate) % (2.0 * PI);
            }
        }
        if self.destroy_at == Some(n) {
            let (ep, obj) = self.me.get().unwrap();
            ep.upgrade().unwrap().media_obj_destroy(*obj).unwrap();
        }
    }

    fn on_frame_received(&self, frame: &MediaFrame) {
        self.received_frames.fetch_add(1, Ordering::SeqCst);
        self.lengths.lock().unwrap().insert(frame.samples.len());
        self.received
            .lock()
            .unwrap()
            .extend_from_slice(&frame.samples);
    }
}

fn tone_1k(ep: &Endpoint) -> MediaObj {
    let tone = ep.tone_generator_create().unwrap();
    let desc = ToneDesc {
        freq1: 1000,
        freq2: 0,
        on_msec: 1000,
        off_msec: 0,
        volume: 0,
    };
    ep.tone_play(tone, &[desc], true).unwrap();
    tone
}

#[test]
fn a_sine_supplied_by_the_port_is_recorded_without_gaps() {
    let ep = endpoint();
    let probe = Arc::new(Probe::sine(16000));
    let fmt = MediaFormatAudio::default();
    let port = ep
        .audio_media_port_create("sine", &fmt, probe.clone())
        .unwrap();
    assert_eq!(
        ep.audio_media_get_port_info(port.slot).unwrap().name,
        "sine"
    );
    std::thread::sleep(Duration::from_millis(200));
    assert_eq!(
        probe.requested.load(Ordering::SeqCst),
        3,
        "three frames requested at creation, none taken while unconnected"
    );
    let path = wav_dir("app_port").join("sine.wav");
    let rec = ep
        .recorder_create(path.to_str().unwrap(), 0, PJSUA2RS_FILE_WRITE_PCM)
        .unwrap();
    ep.audio_media_start_transmit(port.slot, rec.slot, 1.0)
        .unwrap();
    std::thread::sleep(Duration::from_millis(1200));
    let stats = ep.audio_media_port_stats(port).unwrap();
    assert_eq!(stats.underruns, 0);
    // PJSUA2 names levels from the port's side: tx is what the port sends the bridge.
    assert!(ep.audio_media_get_tx_level(port.slot).unwrap() > 0);
    ep.media_obj_destroy(rec).unwrap();
    ep.media_obj_destroy(port).unwrap();
    assert_eq!(*probe.lengths.lock().unwrap(), BTreeSet::from([320]));
    let (rate, samples) = read_wav(&path);
    assert_eq!(rate, 16000);
    assert_tone(&samples, rate, 1.0);
}

#[test]
fn a_tone_generator_is_heard_through_on_frame_received() {
    let ep = endpoint();
    let probe = Arc::new(Probe::default());
    let port = ep
        .audio_media_port_create("ear", &MediaFormatAudio::default(), probe.clone())
        .unwrap();
    let tone = tone_1k(&ep);
    std::thread::sleep(Duration::from_millis(100));
    assert_eq!(
        probe.received_frames.load(Ordering::SeqCst),
        0,
        "nothing transmits to the port yet"
    );
    ep.audio_media_start_transmit(tone.slot, port.slot, 1.0)
        .unwrap();
    std::thread::sleep(Duration::from_millis(1100));
    assert_eq!(ep.audio_media_port_stats(port).unwrap().dropped, 0);
    ep.media_obj_destroy(tone).unwrap();
    ep.media_obj_destroy(port).unwrap();
    assert_eq!(*probe.lengths.lock().unwrap(), BTreeSet::from([320]));
    let got = probe.received.lock().unwrap();
    assert_tone(&got, 16000, 1.0);
}

#[test]
fn a_port_at_8_khz_with_10_ms_frames_works_on_the_16_khz_bridge() {
    let ep = endpoint();
    let probe = Arc::new(Probe::sine(8000));
    let fmt = MediaFormatAudio {
        clock_rate: 8000,
        channel_count: 1,
        frame_time_usec: 10_000,
        bits_per_sample: 16,
    };
    let port = ep
        .audio_media_port_create("narrow", &fmt, probe.clone())
        .unwrap();
    let path = wav_dir("app_port").join("narrow.wav");
    let rec = ep
        .recorder_create(path.to_str().unwrap(), 0, PJSUA2RS_FILE_WRITE_PCM)
        .unwrap();
    let tone = tone_1k(&ep);
    ep.audio_media_start_transmit(port.slot, rec.slot, 1.0)
        .unwrap();
    ep.audio_media_start_transmit(tone.slot, port.slot, 1.0)
        .unwrap();
    std::thread::sleep(Duration::from_millis(1200));
    assert_eq!(ep.audio_media_port_stats(port).unwrap(), Default::default());
    for obj in [rec, tone, port] {
        ep.media_obj_destroy(obj).unwrap();
    }
    assert_eq!(
        *probe.lengths.lock().unwrap(),
        BTreeSet::from([80]),
        "10 ms at 8 kHz both ways"
    );
    let (rate, samples) = read_wav(&path);
    assert_eq!(rate, 16000, "converted to the bridge's rate");
    assert_tone(&samples, rate, 1.0);
    assert_tone(&probe.received.lock().unwrap(), 8000, 1.0);
}

#[test]
fn poll_mode_runs_the_callbacks_in_handle_events() {
    let ep = endpoint_with(0);
    let probe = Arc::new(Probe::sine(16000));
    let port = ep
        .audio_media_port_create("polled", &MediaFormatAudio::default(), probe.clone())
        .unwrap();
    std::thread::sleep(Duration::from_millis(50));
    assert_eq!(
        probe.requested.load(Ordering::SeqCst),
        0,
        "not before polling"
    );
    ep.lib_handle_events(10).unwrap();
    assert_eq!(probe.requested.load(Ordering::SeqCst), 3);
    let path = wav_dir("app_port").join("polled.wav");
    let rec = ep
        .recorder_create(path.to_str().unwrap(), 0, PJSUA2RS_FILE_WRITE_PCM)
        .unwrap();
    ep.audio_media_start_transmit(port.slot, rec.slot, 1.0)
        .unwrap();
    let end = std::time::Instant::now() + Duration::from_millis(1200);
    while std::time::Instant::now() < end {
        ep.lib_handle_events(5).unwrap();
    }
    assert_eq!(ep.audio_media_port_stats(port).unwrap().underruns, 0);
    ep.media_obj_destroy(rec).unwrap();
    ep.media_obj_destroy(port).unwrap();
    let (rate, samples) = read_wav(&path);
    assert_tone(&samples, rate, 1.0);
}

#[test]
fn destroying_a_connected_port_stops_its_callbacks_and_its_object_goes_stale() {
    let ep = endpoint();
    let probe = Arc::new(Probe::sine(16000));
    let fmt = MediaFormatAudio::default();
    let port = ep
        .audio_media_port_create("p", &fmt, probe.clone())
        .unwrap();
    let path = wav_dir("app_port").join("destroyed.wav");
    let rec = ep
        .recorder_create(path.to_str().unwrap(), 0, PJSUA2RS_FILE_WRITE_PCM)
        .unwrap();
    let tone = tone_1k(&ep);
    ep.audio_media_start_transmit(port.slot, rec.slot, 1.0)
        .unwrap();
    ep.audio_media_start_transmit(tone.slot, port.slot, 1.0)
        .unwrap();
    std::thread::sleep(Duration::from_millis(300));
    ep.media_obj_destroy(port).unwrap();
    let (req, recv) = (
        probe.requested.load(Ordering::SeqCst),
        probe.received_frames.load(Ordering::SeqCst),
    );
    assert!(req > 10 && recv > 10, "{req} requested, {recv} received");
    std::thread::sleep(Duration::from_millis(200));
    assert_eq!(
        probe.requested.load(Ordering::SeqCst),
        req,
        "no callback after"
    );
    assert_eq!(probe.received_frames.load(Ordering::SeqCst), recv);
    assert!(ep
        .audio_media_get_port_info(tone.slot)
        .unwrap()
        .listeners
        .is_empty());

    // The stale object fails cleanly, also once a new port has taken its slot.
    let again = ep.media_obj_destroy(port).unwrap_err();
    assert_eq!(again.status, PJSUA2RS_ERR_NOT_FOUND);
    let other = ep
        .audio_media_port_create("q", &fmt, Arc::new(Probe::default()))
        .unwrap();
    assert_eq!(other.slot, port.slot, "the slot is reused");
    let e = ep.audio_media_port_stats(port).unwrap_err();
    assert_eq!(e.status, PJSUA2RS_ERR_NOT_FOUND);
    assert_eq!(e.title, "AudioMediaPort::getStats()");
    assert_eq!(
        ep.media_obj_destroy(port).unwrap_err().status,
        PJSUA2RS_ERR_NOT_FOUND
    );
    assert!(ep.audio_media_port_stats(other).is_ok());
    let e = ep.audio_media_port_stats(rec).unwrap_err();
    assert_eq!(e.status, PJSUA2RS_ERR_NOT_FOUND, "a recorder is not a port");
    ep.media_obj_destroy(other).unwrap();
    ep.media_obj_destroy(rec).unwrap();
    ep.media_obj_destroy(tone).unwrap();
}

#[test]
fn a_port_destroyed_inside_its_own_callback_gets_no_more_callbacks() {
    let ep = endpoint();
    let probe = Arc::new(Probe {
        destroy_at: Some(10),
        ..Probe::sine(16000)
    });
    let port = ep
        .audio_media_port_create("self", &MediaFormatAudio::default(), probe.clone())
        .unwrap();
    probe.me.set((Arc::downgrade(&ep), port)).ok().unwrap();
    let rec = ep
        .recorder_create(
            wav_dir("app_port").join("self.wav").to_str().unwrap(),
            0,
            PJSUA2RS_FILE_WRITE_PCM,
        )
        .unwrap();
    ep.audio_media_start_transmit(port.slot, rec.slot, 1.0)
        .unwrap();
    std::thread::sleep(Duration::from_millis(500));
    assert_eq!(probe.requested.load(Ordering::SeqCst), 10);
    assert_eq!(
        ep.audio_media_port_stats(port).unwrap_err().status,
        PJSUA2RS_ERR_NOT_FOUND
    );
    ep.media_obj_destroy(rec).unwrap();
}

#[test]
fn unsupported_formats_are_rejected_naming_the_field() {
    let ep = endpoint();
    let h = Arc::new(Probe::default());
    for (fmt, field) in [
        (
            MediaFormatAudio {
                channel_count: 2,
                ..Default::default()
            },
            "channelCount 2",
        ),
        (
            MediaFormatAudio {
                bits_per_sample: 8,
                ..Default::default()
            },
            "bitsPerSample 8",
        ),
        (
            MediaFormatAudio {
                clock_rate: 12345,
                ..Default::default()
            },
            "clockRate 12345",
        ),
    ] {
        let e = ep
            .audio_media_port_create("bad", &fmt, h.clone())
            .unwrap_err();
        assert_eq!(e.status, PJSUA2RS_ERR_INVALID_ARG);
        assert_eq!(e.title, "AudioMediaPort::createPort()");
        assert!(e.reason.contains(field), "{}", e.reason);
    }
    assert_eq!(h.requested.load(Ordering::SeqCst), 0);
}
