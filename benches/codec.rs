//! Codec benchmarks: encode + decode of one 20 ms frame per codec (G.711 µ-law/A-law,
//! G.722, Opus mono at 48 kHz), Opus also called directly through libopus's raw API
//! (opusic-sys) on the same frame to show the wrapper's cost, and the resampler.

use criterion::{black_box, criterion_group, criterion_main, Criterion};
use pjsua2rs::media::codec::CodecRegistry;
use pjsua2rs::media::resample::Resampler;

/// A 20 ms frame of a 1 kHz tone plus a little of 3.1 kHz, at `rate`.
fn frame(rate: u32) -> Vec<i16> {
    let n = rate as usize / 50;
    (0..n)
        .map(|i| {
            let t = i as f64 / rate as f64;
            (8000.0 * (2.0 * std::f64::consts::PI * 1000.0 * t).sin()
                + 2000.0 * (2.0 * std::f64::consts::PI * 3100.0 * t).sin()) as i16
        })
        .collect()
}

fn codecs(c: &mut Criterion) {
    let reg = CodecRegistry::new();
    for id in ["PCMU/8000/1", "PCMA/8000/1", "G722/16000/1", "opus/48000/2"] {
        let p = reg.param(id).unwrap();
        let pcm = frame(p.info.clock_rate);
        let mut enc = reg.create_encoder(id, None).unwrap();
        let mut dec = reg.create_decoder(id, None).unwrap();
        let mut bytes = Vec::with_capacity(4000);
        let mut out = Vec::with_capacity(pcm.len() * 2);
        c.bench_function(&format!("encode+decode 20 ms {id}"), |b| {
            b.iter(|| {
                bytes.clear();
                out.clear();
                enc.encode(black_box(&pcm), &mut bytes).unwrap();
                dec.decode(&bytes, &mut out).unwrap();
                black_box(out.len())
            })
        });
    }
}

/// libopus directly, configured as our default Opus encoder (VoIP, voice, mono 48 kHz,
/// automatic bit rate, FEC on, 5 % loss, complexity 5).
fn raw_opus(c: &mut Criterion) {
    use opusic_sys::*;
    let pcm = frame(48000);
    unsafe {
        let mut err = 0;
        let enc = opus_encoder_create(48000, 1, OPUS_APPLICATION_VOIP, &mut err);
        assert_eq!(err, OPUS_OK);
        opus_encoder_ctl(enc, OPUS_SET_SIGNAL_REQUEST, OPUS_SIGNAL_VOICE);
        opus_encoder_ctl(enc, OPUS_SET_BITRATE_REQUEST, OPUS_AUTO);
        opus_encoder_ctl(enc, OPUS_SET_INBAND_FEC_REQUEST, 1);
        opus_encoder_ctl(enc, OPUS_SET_DTX_REQUEST, 0);
        opus_encoder_ctl(enc, OPUS_SET_VBR_REQUEST, 1);
        opus_encoder_ctl(enc, OPUS_SET_MAX_BANDWIDTH_REQUEST, OPUS_BANDWIDTH_FULLBAND);
        opus_encoder_ctl(enc, OPUS_SET_COMPLEXITY_REQUEST, 5);
        opus_encoder_ctl(enc, OPUS_SET_PACKET_LOSS_PERC_REQUEST, 5);
        let dec = opus_decoder_create(48000, 1, &mut err);
        assert_eq!(err, OPUS_OK);
        let mut bytes = [0u8; 4000];
        let mut out = [0i16; 5760];
        c.bench_function("encode+decode 20 ms opus, libopus directly", |b| {
            b.iter(|| {
                let n = opus_encode(
                    enc,
                    black_box(pcm.as_ptr()),
                    960,
                    bytes.as_mut_ptr(),
                    bytes.len() as i32,
                );
                assert!(n > 0);
                let m = opus_decode(dec, bytes.as_ptr(), n, out.as_mut_ptr(), 5760, 0);
                black_box(m)
            })
        });
        opus_encoder_destroy(enc);
        opus_decoder_destroy(dec);
    }
}

fn resampler(c: &mut Criterion) {
    for (from, to) in [(8000, 16000), (48000, 16000), (44100, 48000)] {
        let pcm = frame(from);
        let mut r = Resampler::new(from, to, 1).unwrap();
        let mut out = Vec::with_capacity(2000);
        c.bench_function(&format!("resample 20 ms {from}->{to}"), |b| {
            b.iter(|| {
                out.clear();
                r.process(black_box(&pcm), &mut out);
                black_box(out.len())
            })
        });
    }
}

criterion_group!(benches, codecs, raw_opus, resampler);
criterion_main!(benches);
