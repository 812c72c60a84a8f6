//! PJSUA2's `AudioMediaPlayer` as a bridge port: one WAV file (or a playlist of them) of
//! any rate, channels and encoding the reader takes, converted to the bridge's mono
//! format; looping unless PJSUA2RS_FILE_NO_LOOP; end of file reported once per pass.

use crate::media::resample::Resampler;
use crate::media::wav::{WavInfo, WavReader};
use crate::media::{AudioFormat, MediaPort};
use std::any::Any;
use std::fs::File;
use std::io::BufReader;
use std::time::Instant;

/// PJMEDIA_FILE_NO_LOOP: play once, then stay silent.
pub const PJSUA2RS_FILE_NO_LOOP: u32 = 1;
/// PJMEDIA_FORMAT_PCM (PJMEDIA_FORMAT_L16): 16-bit linear PCM.
pub const PJSUA2RS_FORMAT_PCM: u32 = 0;
/// PJMEDIA_FORMAT_ALAW (PJMEDIA_FORMAT_PCMA): G.711 A-law, the FourCC "ALAW".
pub const PJSUA2RS_FORMAT_ALAW: u32 = 0x5741_4C41;
/// PJMEDIA_FORMAT_ULAW (PJMEDIA_FORMAT_PCMU): G.711 u-law, the FourCC "uLAW".
pub const PJSUA2RS_FORMAT_ULAW: u32 = 0x5741_4C75;

/// PJSUA2's `AudioMediaPlayerInfo`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PlayerInfo {
    /// PJSUA2RS_FORMAT_PCM, _ALAW or _ULAW.
    pub format_id: u32,
    /// Bits per stored sample.
    pub payload_bits_per_sample: u32,
    /// Bytes of audio in the file.
    pub size_bytes: u64,
    /// Samples in the file (all channels).
    pub size_samples: u64,
}

/// A player's end-of-file report: which player, for the application's onEof2.
pub type EofSink = Box<dyn Fn() + Send>;

/// The player port.
pub struct Player {
    name: String,
    files: Vec<String>,
    current: usize,
    reader: WavReader<BufReader<File>>,
    resampler: Option<Resampler>,
    looping: bool,
    done: bool,
    on_eof: EofSink,
    /// File samples (all channels) of one frame, read then downmixed and resampled.
    raw: Vec<i16>,
    mono: Vec<i16>,
    out: Vec<i16>,
    /// Converted samples waiting for the next frame.
    pending: Vec<i16>,
    bridge: AudioFormat,
}

fn open(path: &str) -> Result<WavReader<BufReader<File>>, String> {
    let f = File::open(path).map_err(|e| format!("{path}: {e}"))?;
    WavReader::new(BufReader::new(f)).map_err(|e| format!("{path}: {e}"))
}

impl Player {
    /// Opens `files` (one for a player, several for a playlist) for a bridge of `bridge`
    /// format; every file must open and be a WAV the reader takes. `on_eof` runs (on the
    /// media thread: it must only post) at the end of each pass.
    pub fn open(
        files: &[String],
        looping: bool,
        bridge: AudioFormat,
        on_eof: EofSink,
    ) -> Result<Player, String> {
        let first = files.first().ok_or("the playlist is empty")?;
        for f in &files[1..] {
            open(f)?;
        }
        let reader = open(first)?;
        let name = if files.len() == 1 {
            first.clone()
        } else {
            // pjmedia's name of a playlist without a label.
            "WAV playlist".to_string()
        };
        let n = bridge.samples_per_frame();
        let mut p = Player {
            name,
            files: files.to_vec(),
            current: 0,
            reader,
            resampler: None,
            looping,
            done: false,
            on_eof,
            raw: Vec::with_capacity(n * 12),
            mono: Vec::with_capacity(n * 6),
            out: Vec::with_capacity(n * 2),
            pending: Vec::with_capacity(n * 2),
            bridge,
        };
        p.resampler = p.resampler_for(p.reader.info())?;
        Ok(p)
    }

    fn resampler_for(&self, info: &WavInfo) -> Result<Option<Resampler>, String> {
        if info.sample_rate == self.bridge.clock_rate {
            return Ok(None);
        }
        Resampler::new(info.sample_rate, self.bridge.clock_rate, 1)
            .map(Some)
            .map_err(|e| e.to_string())
    }

    /// Names the port (a playlist's label).
    pub fn set_name(&mut self, name: &str) {
        self.name = name.to_string();
    }

    /// `getInfo` of the file playing.
    pub fn info(&self) -> PlayerInfo {
        let i = self.reader.info();
        let format_id = match i.encoding {
            crate::media::wav::WavEncoding::Alaw => PJSUA2RS_FORMAT_ALAW,
            crate::media::wav::WavEncoding::Ulaw => PJSUA2RS_FORMAT_ULAW,
            _ => PJSUA2RS_FORMAT_PCM,
        };
        PlayerInfo {
            format_id,
            payload_bits_per_sample: i.bits_per_sample() as u32,
            size_bytes: i.data_bytes,
            size_samples: i.total_samples(),
        }
    }

    /// `getPos`: the position in the file playing, in samples.
    pub fn position(&self) -> u64 {
        self.reader.position()
    }

    /// `setPos`: moves to sample `pos` of the file playing (and plays again if it had
    /// ended); as pjmedia, a position past the last sample is refused.
    pub fn set_position(&mut self, pos: u64) -> Result<(), String> {
        let total = self.reader.info().total_samples();
        if pos >= total {
            return Err(format!("position {pos} is past the file's {total} samples"));
        }
        self.reader.set_position(pos).map_err(|e| e.to_string())?;
        self.pending.clear();
        self.done = false;
        Ok(())
    }

    /// Goes on with the next file of the list; false at the end of the list.
    fn next_file(&mut self) -> bool {
        let next = self.current + 1;
        if next >= self.files.len() {
            return false;
        }
        match open(&self.files[next]) {
            Ok(r) => {
                self.reader = r;
                self.current = next;
                self.resampler = self.resampler_for(self.reader.info()).ok().flatten();
                true
            }
            Err(_) => false,
        }
    }

    /// Back to the first file.
    fn restart(&mut self) {
        if self.current != 0 {
            if let Ok(r) = open(&self.files[0]) {
                self.reader = r;
                self.current = 0;
                self.resampler = self.resampler_for(self.reader.info()).ok().flatten();
            }
        } else {
            let _ = self.reader.set_position(0);
        }
    }

    /// Reads and converts until a frame's worth is pending or the file ends.
    fn fill(&mut self, need: usize) -> bool {
        let channels = self.reader.info().channels.max(1) as usize;
        let rate = self.reader.info().sample_rate.max(1) as usize;
        // Enough file samples for one bridge frame (at least one sample per channel).
        let want = ((need * rate).div_ceil(self.bridge.clock_rate as usize)).max(1) * channels;
        while self.pending.len() < need {
            self.raw.resize(want, 0);
            let got = self.reader.read(&mut self.raw).unwrap_or(0);
            if got == 0 {
                return false;
            }
            self.mono.clear();
            self.mono.extend(
                self.raw[..got]
                    .chunks(channels)
                    .map(|c| (c.iter().map(|s| *s as i32).sum::<i32>() / c.len() as i32) as i16),
            );
            match &mut self.resampler {
                Some(r) => {
                    self.out.clear();
                    r.process(&self.mono, &mut self.out);
                    self.pending.extend_from_slice(&self.out);
                }
                None => self.pending.extend_from_slice(&self.mono),
            }
        }
        true
    }
}

impl MediaPort for Player {
    fn name(&self) -> &str {
        &self.name
    }

    fn get_frame(&mut self, _now: Instant, out: &mut [i16]) -> bool {
        if self.done {
            return false;
        }
        while !self.fill(out.len()) {
            // The end of this file: the next one of the list, or the end of a pass.
            if self.next_file() {
                continue;
            }
            (self.on_eof)();
            if self.looping {
                self.restart();
                if self.fill(out.len()) {
                    break;
                }
            }
            // Play out what is left, then stay silent.
            self.done = true;
            break;
        }
        let n = self.pending.len().min(out.len());
        if n == 0 {
            return false;
        }
        out[..n].copy_from_slice(&self.pending[..n]);
        out[n..].fill(0);
        self.pending.drain(..n);
        true
    }

    fn put_frame(&mut self, _now: Instant, _frame: Option<&[i16]>) {}

    fn as_any_mut(&mut self) -> &mut dyn Any {
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::media::wav::{WavEncoding, WavWriter};

    #[test]
    fn an_8khz_file_plays_once_at_16khz_with_one_eof() {
        let path = std::env::temp_dir().join(format!("pjsua2rs_player_{}.wav", std::process::id()));
        let f = File::create(&path).unwrap();
        let mut w =
            WavWriter::new(std::io::BufWriter::new(f), 8000, 1, WavEncoding::Pcm16).unwrap();
        w.write(&vec![1000i16; 4000]).unwrap();
        w.finalize().unwrap();
        let eofs = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
        let e = eofs.clone();
        let on_eof = Box::new(move || {
            e.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        });
        let mut p = Player::open(
            &[path.to_str().unwrap().into()],
            false,
            AudioFormat::mono(16000),
            on_eof,
        )
        .unwrap();
        let mut out = vec![0i16; 320];
        let mut audible = 0;
        for _ in 0..40 {
            if p.get_frame(Instant::now(), &mut out) {
                audible += out.iter().filter(|s| s.abs() > 500).count();
            }
        }
        std::fs::remove_file(&path).unwrap();
        assert_eq!(eofs.load(std::sync::atomic::Ordering::SeqCst), 1);
        assert_eq!(p.position(), 4000);
        // Half a second at 16 kHz, give or take the resampler's edges.
        assert!((7900..=8000).contains(&audible), "{audible}");
    }
}
