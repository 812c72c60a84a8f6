//! WAV tests: round trips through the writer and reader for every encoding, files written
//! by SoX 14.4.2 (`testdata/`, made with `sox -n ... synth 0.1 sine 1000 vol 0.5`), unknown
//! chunks, unfinished recordings and the errors for formats we do not read.

use super::*;
use crate::media::analysis::{dominant_frequency, rms_dbfs};
use std::io::Cursor;

fn tone(freq: f64, rate: u32, n: usize, amp: f64) -> Vec<i16> {
    (0..n)
        .map(|i| (amp * (2.0 * std::f64::consts::PI * freq * i as f64 / rate as f64).sin()) as i16)
        .collect()
}

fn read_all(bytes: &[u8]) -> (WavInfo, Vec<i16>) {
    let mut r = WavReader::new(Cursor::new(bytes)).unwrap();
    let info = *r.info();
    let mut out = vec![0i16; info.total_samples() as usize];
    let mut got = 0;
    loop {
        let end = (got + 320).min(out.len());
        let n = r.read(&mut out[got..end]).unwrap();
        if n == 0 {
            break;
        }
        got += n;
    }
    assert_eq!(got as u64, info.total_samples());
    (info, out)
}

#[test]
fn round_trip_every_encoding() {
    let pcm = tone(1000.0, 8000, 801, 12000.0); // odd length: pad byte for 8-bit formats
    for enc in [
        WavEncoding::Pcm16,
        WavEncoding::Alaw,
        WavEncoding::Ulaw,
        WavEncoding::Pcm8,
    ] {
        let mut w = WavWriter::new(Cursor::new(Vec::new()), 8000, 1, enc).unwrap();
        for f in pcm.chunks(160) {
            assert_eq!(w.write(f).unwrap(), f.len());
        }
        let bytes = w.finalize().unwrap().into_inner();
        assert_eq!(bytes.len() % 2, 0, "{enc:?}: RIFF chunks are even");
        assert_eq!(
            u32::from_le_bytes(bytes[4..8].try_into().unwrap()) as usize,
            bytes.len() - 8
        );
        let (info, out) = read_all(&bytes);
        assert_eq!(
            (
                info.encoding,
                info.channels,
                info.sample_rate,
                info.total_samples()
            ),
            (enc, 1, 8000, 801)
        );
        let err = pcm
            .iter()
            .zip(&out)
            .map(|(&a, &b)| (a as i32 - b as i32).abs())
            .max()
            .unwrap();
        let bound = match enc {
            WavEncoding::Pcm16 => 0,
            WavEncoding::Pcm8 => 256,
            _ => 12000 / 30 + 36,
        };
        assert!(err <= bound, "{enc:?}: max error {err}");
    }
}

#[test]
fn header_is_valid_after_each_sync() {
    let mut w = WavWriter::new(Cursor::new(Vec::new()), 16000, 2, WavEncoding::Ulaw).unwrap();
    // Valid and empty at once.
    let (info, _) = read_all(w.inner_ref().get_ref());
    assert_eq!(info.total_samples(), 0);
    let stereo: Vec<i16> = tone(440.0, 16000, 640, 8000.0)
        .iter()
        .flat_map(|&s| [s, -s])
        .collect();
    for k in 1..=3 {
        w.write(&stereo).unwrap();
        w.sync().unwrap();
        let (info, out) = read_all(w.inner_ref().get_ref());
        assert_eq!(info.total_samples(), 1280 * k);
        assert_eq!(out.len(), 1280 * k as usize);
    }
    assert_eq!(w.samples_written(), 3840);
}

#[test]
fn size_limit_stops_the_recording() {
    let mut w = WavWriter::new(Cursor::new(Vec::new()), 8000, 1, WavEncoding::Pcm16).unwrap();
    w.set_max_data_bytes(Some(1000));
    assert_eq!(w.write(&[1; 400]).unwrap(), 400);
    assert_eq!(w.write(&[1; 400]).unwrap(), 100);
    assert_eq!(w.write(&[1; 400]).unwrap(), 0);
    assert_eq!(w.data_bytes(), 1000);
}

#[test]
fn positions() {
    let pcm: Vec<i16> = (0..1000).collect();
    let mut w = WavWriter::new(Cursor::new(Vec::new()), 8000, 2, WavEncoding::Pcm16).unwrap();
    w.write(&pcm).unwrap();
    let bytes = w.finalize().unwrap().into_inner();
    let mut r = WavReader::new(Cursor::new(bytes)).unwrap();
    let mut buf = [0i16; 11];
    assert_eq!(r.read(&mut buf).unwrap(), 10); // whole stereo frames
    assert_eq!(r.position(), 10);
    r.set_position(501).unwrap(); // rounded down to a frame
    assert_eq!(r.position(), 500);
    assert_eq!(r.read(&mut buf[..2]).unwrap(), 2);
    assert_eq!(buf[..2], [500, 501]);
    r.set_position(5000).unwrap();
    assert_eq!(r.position(), 1000);
    assert_eq!(r.read(&mut buf).unwrap(), 0);
}

#[test]
fn files_written_by_sox() {
    let (info, s) = read_all(include_bytes!("testdata/sox_pcm16_stereo_44k.wav"));
    assert_eq!(
        (
            info.encoding,
            info.channels,
            info.sample_rate,
            info.total_samples()
        ),
        (WavEncoding::Pcm16, 2, 44100, 8820)
    );
    let left: Vec<i16> = s.iter().step_by(2).copied().collect();
    let right: Vec<i16> = s.iter().skip(1).step_by(2).copied().collect();
    assert!((dominant_frequency(&left, 44100).unwrap() - 1000.0).abs() < 5.0);
    assert!((dominant_frequency(&right, 44100).unwrap() - 500.0).abs() < 2.5);
    for (name, bytes, enc, rate) in [
        (
            "A-law",
            &include_bytes!("testdata/sox_alaw_8k.wav")[..],
            WavEncoding::Alaw,
            8000,
        ),
        (
            "µ-law",
            &include_bytes!("testdata/sox_ulaw_8k.wav")[..],
            WavEncoding::Ulaw,
            8000,
        ),
        (
            "8-bit",
            &include_bytes!("testdata/sox_pcm8_16k.wav")[..],
            WavEncoding::Pcm8,
            16000,
        ),
    ] {
        let (info, s) = read_all(bytes);
        assert_eq!(
            (info.encoding, info.channels, info.sample_rate),
            (enc, 1, rate),
            "{name}"
        );
        assert_eq!(info.total_samples(), rate as u64 / 10, "{name}");
        assert!(
            (dominant_frequency(&s, rate).unwrap() - 1000.0).abs() < 5.0,
            "{name}"
        );
        // A half-scale sine: -9 dBFS.
        assert!(
            (rms_dbfs(&s) + 9.03).abs() < 0.3,
            "{name}: {}",
            rms_dbfs(&s)
        );
    }
}

#[test]
fn unsupported_formats_are_named() {
    match WavReader::new(Cursor::new(&include_bytes!("testdata/sox_float.wav")[..])) {
        Err(WavError::Unsupported {
            format_tag: 3,
            bits_per_sample: 32,
        }) => {}
        other => panic!("{other:?}"),
    }
    // WAVE_FORMAT_EXTENSIBLE with a PCM sub-format, 24 bits.
    let e = WavReader::new(Cursor::new(
        &include_bytes!("testdata/sox_24bit_3ch.wav")[..],
    ))
    .unwrap_err();
    assert!(
        matches!(
            e,
            WavError::Unsupported {
                format_tag: 1,
                bits_per_sample: 24
            }
        ),
        "{e:?}"
    );
    assert!(e.to_string().contains("24 bits"));
    assert!(matches!(
        WavReader::new(Cursor::new(b"RIFX\0\0\0\0WAVE".to_vec())),
        Err(WavError::NotRiff)
    ));
    assert!(matches!(
        WavReader::new(Cursor::new(b"RIFF\0\0\0\0AVI ".to_vec())),
        Err(WavError::NotWave)
    ));
    assert!(matches!(
        WavReader::new(Cursor::new(b"RIFF\x04\0\0\0WAVE".to_vec())),
        Err(WavError::NoFormat)
    ));
    assert!(matches!(
        WavReader::new(Cursor::new(Vec::new())),
        Err(WavError::NotRiff)
    ));
}

#[test]
fn unknown_chunks_and_unfinished_recordings() {
    let mut w = WavWriter::new(Cursor::new(Vec::new()), 8000, 1, WavEncoding::Pcm16).unwrap();
    w.write(&[7; 100]).unwrap();
    let bytes = w.finalize().unwrap().into_inner();
    // Insert an odd-sized LIST chunk (with its pad byte) between fmt and data.
    let mut with_list = bytes[..36].to_vec();
    with_list.extend_from_slice(b"LIST\x03\0\0\0abc\0");
    with_list.extend_from_slice(&bytes[36..]);
    let (info, s) = read_all(&with_list);
    assert_eq!((info.total_samples(), s[99]), (100, 7));
    // A recording whose header was never patched (data size 0) reads to the end.
    let mut raw = bytes.clone();
    raw[40..44].copy_from_slice(&[0; 4]);
    assert_eq!(read_all(&raw).0.total_samples(), 100);
    // No data chunk.
    assert!(matches!(
        WavReader::new(Cursor::new(bytes[..36].to_vec())),
        Err(WavError::NoData)
    ));
}
