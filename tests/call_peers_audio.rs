//! Audio between a pjsua2rs Endpoint (the Rust API) and baresip 1.0.0 on loopback,
//! checked by analysis, for PCMU, PCMA, G.722 and Opus, with each side calling the other.
//! Run by scripts/test.sh (they need baresip; `cargo test --release --test
//! call_peers_audio -- --ignored --test-threads=1`).
//!
//! Both sides are restricted to one codec: ours with `codec_set_priority`, baresip's with
//! its account's `audio_codecs`. In each call baresip sends its `ausine` source (a 440 Hz
//! sine, 48 kHz stereo, converted to the codec's rate and channels) and records what it
//! decodes with the `sndfile` module; we play a 1000 Hz [`ToneDesc`] into the call and
//! record what we hear with an `AudioMediaRecorder`. After [`TALK`] the call ends (we hang
//! up the calls we made, baresip those it made) and both recordings are checked: the
//! dominant frequency within 1 %, a sane level and no gap once the first few hundred ms
//! (call setup, the jitter buffers filling) are over. The four tests take about 17 s.
//! CALLS_LOG=5 prints the endpoint's SIP traffic.

mod common;

use common::baresip::{Baresip, BaresipOptions};
use common::wav::read_wav_channels;
use pjsua2rs::media::analysis::{dominant_frequency, find_gaps, rms_dbfs};
use pjsua2rs::media::tone::ToneDesc;
use pjsua2rs::ua::account::{AccountHandler, AccountId};
use pjsua2rs::ua::call::*;
use pjsua2rs::ua::config::{AccountConfig, EpConfig, TransportConfig, PJSUA2RS_TRANSPORT_UDP};
use pjsua2rs::ua::fixed_str::FixedStr;
use pjsua2rs::ua::media::recorder::PJSUA2RS_FILE_WRITE_PCM;
use pjsua2rs::ua::Endpoint;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{channel, Receiver, Sender};
use std::sync::{Arc, Mutex, Weak};
use std::thread::sleep;
use std::time::{Duration, Instant};

/// How long an event of the endpoint or of baresip may take.
const WAIT: Duration = Duration::from_secs(10);
/// How long each call carries audio before it ends.
const TALK: Duration = Duration::from_millis(2000);
/// The tone we send.
const OUR_TONE: f64 = 1000.0;
/// The tone baresip sends (`ausine,440`, tests/common/baresip.rs).
const BARESIP_TONE: f64 = 440.0;
/// What a recording may start with before the tone is steady: the call's setup on the
/// other side, the first packets, the jitter buffer's prefetch.
const SETTLE: Duration = Duration::from_millis(300);

const CONFIRMED: i32 = 5;
const DISCONNECTED: i32 = 6;

/// What a call's callbacks saw.
#[derive(Debug)]
enum Ev {
    State(i32),
    Media(Option<i32>),
}

struct CallRec(Mutex<Sender<Ev>>);

impl CallHandler for CallRec {
    fn on_call_state(&self, prm: &OnCallStateParam) {
        let _ = self.0.lock().unwrap().send(Ev::State(prm.info.state));
    }
    fn on_call_media_state(&self, prm: &OnCallStateParam) {
        let status = prm.info.media.first().map(|m| m.status);
        let _ = self.0.lock().unwrap().send(Ev::Media(status));
    }
}

/// Binds every incoming call and hands it to the test.
struct Answerer {
    ep: Mutex<Weak<Endpoint>>,
    calls: Mutex<Sender<(CallKey, Receiver<Ev>)>>,
}

impl AccountHandler for Answerer {
    fn on_incoming_call(&self, prm: &OnIncomingCallParam) {
        let Some(ep) = self.ep.lock().unwrap().upgrade() else {
            return;
        };
        let (tx, rx) = channel();
        let key = ep
            .call_bind(prm.call.id, Arc::new(CallRec(Mutex::new(tx))))
            .unwrap();
        let _ = self.calls.lock().unwrap().send((key, rx));
    }
}

/// Our endpoint: UDP on 127.0.0.1, one local account, one codec enabled.
struct Phone {
    ep: Arc<Endpoint>,
    acc: AccountId,
    uri: String,
    incoming: Receiver<(CallKey, Receiver<Ev>)>,
}

fn phone(codec: &str) -> Phone {
    let mut cfg = EpConfig::default();
    let level = std::env::var("CALLS_LOG")
        .ok()
        .and_then(|l| l.parse().ok())
        .unwrap_or(1);
    cfg.log_config.level = level;
    cfg.log_config.console_level = level;
    // As in tests/call_audio.rs: a 60 ms jitter buffer floor absorbs the lateness of a
    // media thread sharing 2 cores with baresip and the rest of the suite.
    cfg.med_config.jb_min_pre = 60;
    let ep = Arc::new(Endpoint::new());
    ep.lib_init(&cfg).unwrap();
    let mut t = TransportConfig::default();
    t.bound_address
        .set_str("127.0.0.1", "boundAddress")
        .unwrap();
    let udp = ep.transport_create(PJSUA2RS_TRANSPORT_UDP, &t).unwrap();
    ep.lib_start().unwrap();
    ep.codec_set_priority("", 0).unwrap();
    ep.codec_set_priority(codec, 200).unwrap();
    let port = ep.transport_get_info(udp).unwrap().local.port();
    let mut acfg = AccountConfig::default();
    acfg.id_uri.set_str("sip:alice@127.0.0.1", "idUri").unwrap();
    let (tx, rx) = channel();
    let handler = Arc::new(Answerer {
        ep: Mutex::new(Arc::downgrade(&ep)),
        calls: Mutex::new(tx),
    });
    let acc = ep.account_create(&acfg, true, handler).unwrap();
    Phone {
        ep,
        acc,
        uri: format!("sip:alice@127.0.0.1:{port}"),
        incoming: rx,
    }
}

/// Waits for the first event `pick` accepts, skipping others.
fn wait_for(rx: &Receiver<Ev>, what: &str, mut pick: impl FnMut(&Ev) -> bool) {
    let deadline = Instant::now() + WAIT;
    loop {
        match rx.recv_timeout(deadline.saturating_duration_since(Instant::now())) {
            Ok(e) if pick(&e) => return,
            Ok(_) => {}
            Err(_) => panic!("no {what} within {WAIT:?}"),
        }
    }
}

/// Waits until the call is confirmed with its audio active.
fn wait_up(rx: &Receiver<Ev>) {
    let (mut confirmed, mut active) = (false, false);
    wait_for(rx, "CONFIRMED with active media", |e| {
        match e {
            Ev::State(s) => confirmed |= *s == CONFIRMED,
            Ev::Media(s) => active = *s == Some(PJSUA2RS_CALL_MEDIA_ACTIVE),
        }
        confirmed && active
    });
}

/// Who calls whom.
#[derive(Clone, Copy, Debug)]
enum Direction {
    /// baresip dials us, we answer; baresip hangs up.
    BaresipCallsUs,
    /// We dial baresip, which answers by itself; we hang up.
    WeCallBaresip,
}

/// A codec of the test: its names on both sides and what it decodes to.
struct Codec {
    /// Our codec id for `codec_set_priority`.
    ours: &'static str,
    /// baresip's name in `audio_codecs`.
    baresip: &'static str,
    /// The codec name our stream reports.
    name: &'static str,
    /// The codec's clock rate: what our stream reports (PJSUA2's `codecClockRate`, the
    /// sampling rate) and the rate baresip decodes to (its recording's rate).
    rate: u32,
    /// The static payload type both sides use, if any.
    static_pt: Option<u32>,
}

/// A mono recording.
struct Recording {
    rate: u32,
    channels: u16,
    /// One sample a frame: the mean of the channels.
    mono: Vec<i16>,
}

/// Reads a 16-bit WAV file (also one whose header was never finalised) and mixes its
/// channels down to mono.
fn read_recording(path: &Path) -> Recording {
    let (rate, channels, all) = read_wav_channels(path);
    let ch = channels.max(1) as usize;
    // Stereo (Opus at baresip): the same tone in both channels, not one silent.
    let levels: Vec<f64> = (0..ch)
        .map(|c| {
            let one: Vec<i16> = all.iter().skip(c).step_by(ch).copied().collect();
            rms_dbfs(&one)
        })
        .collect();
    let (lo, hi) = levels
        .iter()
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), &l| {
            (lo.min(l), hi.max(l))
        });
    assert!(
        !hi.is_finite() || hi - lo < 3.0,
        "{}: channel levels {levels:?} dBFS",
        path.display()
    );
    let mono = all
        .chunks_exact(ch)
        .map(|f| (f.iter().map(|&s| i32::from(s)).sum::<i32>() / ch as i32) as i16)
        .collect();
    Recording {
        rate,
        channels,
        mono,
    }
}

/// Checks a recording of a `freq` Hz tone: from [`SETTLE`] after the tone is first heard
/// to the end, the frequency within 1 %, a level between -30 and -1 dBFS, and no gap of
/// 10 ms or more under -40 dBFS.
fn check_tone(rec: &Recording, freq: f64, what: &str) {
    let rate = rec.rate as usize;
    let peak = 32768.0 * 10f64.powf(-40.0 / 20.0);
    let first = rec
        .mono
        .iter()
        .position(|&s| f64::from(s).abs() >= peak)
        .unwrap_or_else(|| panic!("{what}: silence ({} samples)", rec.mono.len()));
    let skip = first + rate * SETTLE.as_millis() as usize / 1000;
    assert!(
        rec.mono.len() > skip + rate,
        "{what}: {} ms of tone after the first {} ms",
        (rec.mono.len().saturating_sub(skip)) * 1000 / rate,
        skip * 1000 / rate
    );
    let body = &rec.mono[skip..];
    let f = dominant_frequency(body, rec.rate).unwrap();
    assert!(
        (f - freq).abs() < freq * 0.01,
        "{what}: frequency {f:.1} Hz instead of {freq}"
    );
    let level = rms_dbfs(body);
    assert!(
        (-30.0..-1.0).contains(&level),
        "{what}: level {level:.1} dBFS"
    );
    let gaps = find_gaps(body, rec.rate, -40.0, 10.0);
    assert!(gaps.is_empty(), "{what}: gaps {gaps:?}");
    eprintln!(
        "{what}: {} Hz x{}, {:.1} Hz, {level:.1} dBFS, {} ms checked",
        rec.rate,
        rec.channels,
        f,
        body.len() * 1000 / rate
    );
}

/// Where our recordings go.
fn our_recording(codec: &Codec, dir: Direction) -> PathBuf {
    let d = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("call_peers_audio");
    std::fs::create_dir_all(&d).unwrap();
    d.join(format!("{}_{dir:?}.wav", codec.ours))
}

/// Waits until baresip has a recording of the current call and returns its path.
fn baresip_recording(b: &Baresip) -> PathBuf {
    let deadline = Instant::now() + WAIT;
    loop {
        if let Some(p) = b.recording_path() {
            return p;
        }
        assert!(Instant::now() < deadline, "baresip recorded nothing");
        sleep(Duration::from_millis(20));
    }
}

/// One call with baresip in `dir`: tones both ways for [`TALK`], both recordings
/// checked.
fn call(p: &Phone, b: &mut Baresip, codec: &Codec, dir: Direction) {
    let what = format!("{} {dir:?}", codec.name);
    let (key, rx) = match dir {
        Direction::BaresipCallsUs => {
            b.dial(&p.uri);
            let (key, rx) = p.incoming.recv_timeout(WAIT).expect("no incoming call");
            let ok = CallOpParam {
                status_code: 200,
                ..CallOpParam::default()
            };
            p.ep.call_answer(key, &ok).unwrap();
            (key, rx)
        }
        Direction::WeCallBaresip => {
            let (tx, rx) = channel();
            let rec = Arc::new(CallRec(Mutex::new(tx)));
            let key =
                p.ep.call_make(p.acc, &b.uri(), &CallOpParam::default(), rec)
                    .unwrap();
            (key, rx)
        }
    };
    wait_up(&rx);
    b.wait_event("CALL_ESTABLISHED", WAIT);
    let info = p.ep.call_get_stream_info(key, -1).unwrap();
    assert!(
        info.codec_name.eq_ignore_ascii_case(codec.name),
        "{what}: our stream uses {}",
        info.codec_name
    );
    assert_eq!(info.codec_clock_rate, codec.rate, "{what}: codecClockRate");
    if let Some(pt) = codec.static_pt {
        assert_eq!((info.tx_pt, info.rx_pt), (pt, pt), "{what}: payload types");
    }
    let slot = p.ep.call_get_audio_media(key, -1).unwrap();
    let tone = p.ep.tone_generator_create().unwrap();
    let desc = ToneDesc {
        freq1: OUR_TONE as u16,
        freq2: 0,
        on_msec: 1000,
        off_msec: 0,
        volume: 0,
    };
    p.ep.tone_play(tone, &[desc], true).unwrap();
    let ours = our_recording(codec, dir);
    let recorder =
        p.ep.recorder_create(ours.to_str().unwrap(), 0, PJSUA2RS_FILE_WRITE_PCM)
            .unwrap();
    p.ep.audio_media_start_transmit(tone.slot, slot, 1.0)
        .unwrap();
    p.ep.audio_media_start_transmit(slot, recorder.slot, 1.0)
        .unwrap();
    sleep(TALK);
    p.ep.media_obj_destroy(recorder).unwrap();
    p.ep.media_obj_destroy(tone).unwrap();
    let theirs = baresip_recording(b);
    match dir {
        Direction::BaresipCallsUs => b.hangup(),
        Direction::WeCallBaresip => p.ep.call_hangup(key, &CallOpParam::default()).unwrap(),
    }
    wait_for(&rx, "DISCONNECTED", |e| {
        matches!(e, Ev::State(DISCONNECTED))
    });
    b.wait_event("CALL_CLOSED", WAIT);
    // Moved next to ours, for a look after a failure; and sndfile names its files by the
    // second, so the next call must not find this one.
    let heard = ours.with_extension("baresip.wav");
    std::fs::copy(&theirs, &heard).unwrap();
    std::fs::remove_file(&theirs).unwrap();
    let heard_by_baresip = read_recording(&heard);
    assert_eq!(
        heard_by_baresip.rate, codec.rate,
        "{what}: baresip decodes at {} Hz",
        heard_by_baresip.rate
    );
    check_tone(
        &heard_by_baresip,
        OUR_TONE,
        &format!("{what}: baresip hears"),
    );
    check_tone(
        &read_recording(&ours),
        BARESIP_TONE,
        &format!("{what}: we hear"),
    );
}

/// Both directions with `codec` on both sides.
fn both_directions(codec: Codec) {
    let p = phone(codec.ours);
    let mut b = Baresip::start(BaresipOptions {
        record: true,
        codecs: vec![codec.baresip.to_string()],
        ..BaresipOptions::new("bob")
    });
    call(&p, &mut b, &codec, Direction::BaresipCallsUs);
    call(&p, &mut b, &codec, Direction::WeCallBaresip);
}

#[test]
#[ignore = "needs baresip; run by scripts/test.sh"]
fn pcmu_audio_both_directions_with_baresip() {
    both_directions(Codec {
        ours: "PCMU",
        baresip: "PCMU",
        name: "PCMU",
        rate: 8000,
        static_pt: Some(0),
    });
}

#[test]
#[ignore = "needs baresip; run by scripts/test.sh"]
fn pcma_audio_both_directions_with_baresip() {
    both_directions(Codec {
        ours: "PCMA",
        baresip: "PCMA",
        name: "PCMA",
        rate: 8000,
        static_pt: Some(8),
    });
}

#[test]
#[ignore = "needs baresip; run by scripts/test.sh"]
fn g722_audio_both_directions_with_baresip() {
    both_directions(Codec {
        ours: "G722",
        baresip: "G722",
        name: "G722",
        rate: 16000,
        static_pt: Some(9),
    });
}

#[test]
#[ignore = "needs baresip; run by scripts/test.sh"]
fn opus_audio_both_directions_with_baresip() {
    both_directions(Codec {
        ours: "opus",
        baresip: "opus/48000/2",
        name: "opus",
        rate: 48000,
        static_pt: None,
    });
}
