//! WAV files in the audio tests: where they go, and reading what a recorder wrote.

use pjsua2rs::media::wav::WavReader;
use std::path::{Path, PathBuf};

/// A folder for one test crate's WAV files under the target's temporary folder.
pub fn wav_dir(name: &str) -> PathBuf {
    let d = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(name);
    std::fs::create_dir_all(&d).unwrap();
    d
}

/// A WAV file's sampling rate, channel count and samples (interleaved), read up to the
/// last whole sample even when its header was never finalised.
pub fn read_wav_channels(path: &Path) -> (u32, u16, Vec<i16>) {
    let file = std::fs::File::open(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let mut r = WavReader::new(std::io::BufReader::new(file))
        .unwrap_or_else(|e| panic!("{}: {e:?}", path.display()));
    let info = *r.info();
    let mut all = vec![0i16; info.total_samples() as usize];
    let n = r.read(&mut all).unwrap();
    all.truncate(n);
    (info.sample_rate, info.channels, all)
}

/// A mono WAV file's sampling rate and samples.
pub fn read_wav(path: &Path) -> (u32, Vec<i16>) {
    let (rate, _, samples) = read_wav_channels(path);
    (rate, samples)
}
