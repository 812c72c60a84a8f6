//! The conference bridge with real files and a real clock: a tone generator and a WAV
//! player recorded to WAV files, checked by analysis (frequency, level, no gaps), the
//! end-of-file callback, positions, levels, mixing two sources, and clean errors.

mod common;

use common::wav::{read_wav, wav_dir};
use pjsua2rs::media::analysis::{dominant_frequency, find_gaps, rms_dbfs};
use pjsua2rs::media::tone::ToneDesc;
use pjsua2rs::media::wav::{WavEncoding, WavWriter};
use pjsua2rs::ua::config::EpConfig;
use pjsua2rs::ua::endpoint::{MediaObj, PlayerHandler};
use pjsua2rs::ua::media::player::PJSUA2RS_FILE_NO_LOOP;
use pjsua2rs::ua::media::recorder::{PJSUA2RS_FILE_WRITE_PCM, PJSUA2RS_FILE_WRITE_ULAW};
use pjsua2rs::ua::Endpoint;
use std::path::PathBuf;
use std::sync::mpsc::{channel, Sender};
use std::sync::Mutex;
use std::time::Duration;

fn endpoint() -> Endpoint {
    let mut cfg = EpConfig::default();
    cfg.log_config.level = 1;
    cfg.log_config.console_level = 1;
    let ep = Endpoint::new();
    ep.lib_init(&cfg).unwrap();
    ep.lib_start().unwrap();
    ep
}

/// A mono 16-bit WAV of a `freq` Hz sine, `secs` long, at `rate`.
fn write_sine(path: &PathBuf, rate: u32, freq: f64, secs: f64, amp: f64) {
    let f = std::fs::File::create(path).unwrap();
    let mut w = WavWriter::new(std::io::BufWriter::new(f), rate, 1, WavEncoding::Pcm16).unwrap();
    let n = (rate as f64 * secs) as usize;
    let samples: Vec<i16> = (0..n)
        .map(|i| (amp * (2.0 * std::f64::consts::PI * freq * i as f64 / rate as f64).sin()) as i16)
        .collect();
    w.write(&samples).unwrap();
    w.finalize().unwrap();
}

struct Eof(Mutex<Sender<()>>);

impl PlayerHandler for Eof {
    fn on_eof2(&self) {
        let _ = self.0.lock().unwrap().send(());
    }
}

#[test]
fn tone_generator_recorded_to_wav_has_the_tone_without_gaps() {
    let ep = endpoint();
    let path = wav_dir("media_objects").join("tone.wav");
    let tone = ep.tone_generator_create().unwrap();
    let rec = ep
        .recorder_create(path.to_str().unwrap(), 0, PJSUA2RS_FILE_WRITE_PCM)
        .unwrap();
    ep.tone_play(
        tone,
        &[ToneDesc {
            freq1: 1000,
            freq2: 0,
            on_msec: 1000,
            off_msec: 0,
            volume: 0,
        }],
        true,
    )
    .unwrap();
    assert!(ep.tone_is_busy(tone).unwrap());
    ep.audio_media_start_transmit(tone.slot, rec.slot, 1.0)
        .unwrap();
    std::thread::sleep(Duration::from_millis(1200));
    // Levels as PJSUA2 names them, from the port's side.
    assert!(ep.audio_media_get_tx_level(tone.slot).unwrap() > 0);
    assert!(ep.audio_media_get_rx_level(rec.slot).unwrap() > 0);
    assert_eq!(ep.audio_media_get_rx_level(tone.slot).unwrap(), 0);
    let info = ep.audio_media_get_port_info(tone.slot).unwrap();
    assert_eq!(info.listeners, vec![rec.slot]);
    assert_eq!(info.name, "tonegen");
    ep.media_obj_destroy(rec).unwrap();
    ep.media_obj_destroy(tone).unwrap();
    let (rate, samples) = read_wav(&path);
    assert_eq!(rate, 16000, "the bridge's rate");
    assert!(
        samples.len() >= 16000,
        "about a second recorded: {}",
        samples.len()
    );
    let f = dominant_frequency(&samples, rate).unwrap();
    assert!((f - 1000.0).abs() < 10.0, "frequency {f}");
    assert!(rms_dbfs(&samples) > -15.0, "level {}", rms_dbfs(&samples));
    // The looping tone has no silence longer than its 2 ms fades.
    assert!(find_gaps(&samples, rate, -40.0, 10.0).is_empty());
}

#[test]
fn player_plays_once_reports_eof_and_positions_work() {
    let ep = endpoint();
    let wav = wav_dir("media_objects").join("sine440_8k.wav");
    write_sine(&wav, 8000, 440.0, 0.5, 12000.0);
    let out = wav_dir("media_objects").join("played_ulaw.wav");
    let (tx, rx) = channel();
    let player = ep
        .player_create(
            &[wav.to_str().unwrap().to_string()],
            "",
            PJSUA2RS_FILE_NO_LOOP,
            Some(std::sync::Arc::new(Eof(Mutex::new(tx)))),
        )
        .unwrap();
    let info = ep.player_get_info(player).unwrap();
    assert_eq!(
        (info.size_samples, info.payload_bits_per_sample),
        (4000, 16)
    );
    let rec = ep
        .recorder_create(out.to_str().unwrap(), 0, PJSUA2RS_FILE_WRITE_ULAW)
        .unwrap();
    ep.audio_media_start_transmit(player.slot, rec.slot, 1.0)
        .unwrap();
    rx.recv_timeout(Duration::from_secs(3)).expect("onEof2");
    std::thread::sleep(Duration::from_millis(200));
    assert!(
        rx.try_recv().is_err(),
        "onEof2 once for a player that does not loop"
    );
    assert_eq!(ep.player_get_pos(player).unwrap(), 4000);
    ep.media_obj_destroy(rec).unwrap();
    let (rate, samples) = read_wav(&out);
    // 0.5 s of 440 Hz resampled from 8 kHz to the bridge's 16 kHz, then silence (the
    // player stays connected but sends nothing).
    let loud: Vec<i16> = samples
        .iter()
        .copied()
        .skip_while(|s| s.abs() < 1000)
        .take(6000)
        .collect();
    let f = dominant_frequency(&loud, rate).unwrap();
    assert!((f - 440.0).abs() < 4.4, "frequency {f}");
    let played = samples.iter().filter(|s| s.abs() > 1000).count();
    assert!(
        played > 6000 && played <= 8000,
        "{played} loud samples for 0.5 s at 16 kHz"
    );
    // setPos plays again from there.
    ep.player_set_pos(player, 2000).unwrap();
    rx.recv_timeout(Duration::from_secs(3))
        .expect("onEof2 again after setPos");
    ep.media_obj_destroy(player).unwrap();
    assert!(ep.player_get_pos(player).is_err(), "a destroyed player");
}

#[test]
fn two_sources_mix_into_one_sink_and_levels_scale() {
    let ep = endpoint();
    let path = wav_dir("media_objects").join("mix.wav");
    let low = ep.tone_generator_create().unwrap();
    let high = ep.tone_generator_create().unwrap();
    let rec = ep.recorder_create(path.to_str().unwrap(), 0, 0).unwrap();
    let tone = |f| {
        [ToneDesc {
            freq1: f,
            freq2: 0,
            on_msec: 2000,
            off_msec: 0,
            volume: 8000,
        }]
    };
    ep.tone_play(low, &tone(500), false).unwrap();
    ep.tone_play(high, &tone(1500), false).unwrap();
    ep.audio_media_start_transmit(low.slot, rec.slot, 1.0)
        .unwrap();
    ep.audio_media_start_transmit(high.slot, rec.slot, 0.5)
        .unwrap();
    std::thread::sleep(Duration::from_millis(600));
    ep.media_obj_destroy(rec).unwrap();
    let (rate, samples) = read_wav(&path);
    let a500 = pjsua2rs::media::analysis::tone_amplitude(&samples[1600..], rate, 500.0);
    let a1500 = pjsua2rs::media::analysis::tone_amplitude(&samples[1600..], rate, 1500.0);
    assert!(a500 > 0.0 && a1500 > 0.0, "both tones are in the mix");
    let ratio = a1500 / a500;
    assert!(
        (ratio - 0.5).abs() < 0.05,
        "the 1500 Hz link at level 0.5: ratio {ratio}"
    );
}

#[test]
fn media_errors_are_clear() {
    let ep = endpoint();
    let missing = ep
        .player_create(&["/nonexistent/x.wav".to_string()], "", 0, None)
        .unwrap_err();
    assert!(
        missing.reason.contains("/nonexistent/x.wav"),
        "{}",
        missing.reason
    );
    let not_wav = wav_dir("media_objects").join("not.wav");
    std::fs::write(&not_wav, b"hello").unwrap();
    assert!(ep
        .player_create(&[not_wav.to_str().unwrap().to_string()], "", 0, None)
        .is_err());
    assert!(ep.recorder_create("/tmp/x.mp3", 0, 0).is_err());
    assert!(
        ep.player_create(&[], "", 0, None).is_err(),
        "an empty playlist"
    );
    assert!(ep.audio_media_start_transmit(0, 999, 1.0).is_err());
    assert!(ep.audio_media_adjust_rx_level(0, -1.0).is_err());
    let t = ep.tone_generator_create().unwrap();
    ep.media_obj_destroy(t).unwrap();
    assert!(ep.media_obj_destroy(t).is_err(), "twice");
    let stale = MediaObj {
        slot: t.slot,
        id: t.id,
    };
    let t2 = ep.tone_generator_create().unwrap();
    assert_eq!(t2.slot, stale.slot, "the slot is reused");
    assert!(
        ep.tone_stop(stale).is_err(),
        "the old object does not reach the new port"
    );
    assert!(ep.tone_stop(t2).is_ok());
    // Slot 0 is the sound device (the null device here) and cannot be destroyed.
    assert_eq!(
        ep.audio_media_get_port_info(0).unwrap().name,
        "Master/sound"
    );
    assert_eq!(ep.media_enum_ports().unwrap(), vec![0, t2.slot]);
}
