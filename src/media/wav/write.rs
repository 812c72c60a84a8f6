//! The WAV writer. The header goes out first with sizes of zero, so the file is valid at
//! once; [`WavWriter::sync`] patches the RIFF, `fact` and `data` sizes and flushes, so the
//! file is valid again after every sync; [`WavWriter::finalize`] adds the pad byte an odd
//! data chunk needs and syncs a last time.

use super::{WavEncoding, WavError};
use crate::media::codec::g711::{linear_to_alaw, linear_to_ulaw};
use std::io::{Seek, SeekFrom, Write};

/// The largest data chunk a RIFF file can describe, leaving room for the header.
const MAX_DATA: u64 = u32::MAX as u64 - 64;

/// Writes a WAV stream.
#[derive(Debug)]
pub struct WavWriter<W: Write + Seek> {
    inner: W,
    encoding: WavEncoding,
    channels: u16,
    /// Header length: where the data starts.
    header_len: u64,
    /// Offset of the `fact` chunk's sample count (A-law/µ-law files), if any.
    fact_at: Option<u64>,
    data_bytes: u64,
    max_bytes: u64,
    /// Encoded bytes of the last write, reused.
    buf: Vec<u8>,
}

impl<W: Write + Seek> WavWriter<W> {
    /// Starts a file of `encoding` (16-bit PCM, A-law, µ-law; 8-bit PCM too) at `sample_rate` with
    /// `channels` interleaved channels, and writes its header.
    pub fn new(
        mut inner: W,
        sample_rate: u32,
        channels: u16,
        encoding: WavEncoding,
    ) -> Result<Self, WavError> {
        if channels == 0 || sample_rate == 0 {
            return Err(WavError::BadHeader(format!(
                "{channels} channels at {sample_rate} Hz"
            )));
        }
        let bps = encoding.bytes_per_sample();
        let pcm = encoding == WavEncoding::Pcm16;
        let mut h = Vec::with_capacity(58);
        h.extend_from_slice(b"RIFF\0\0\0\0WAVEfmt ");
        h.extend_from_slice(&(if pcm { 16u32 } else { 18 }).to_le_bytes());
        h.extend_from_slice(&encoding.tag().to_le_bytes());
        h.extend_from_slice(&channels.to_le_bytes());
        h.extend_from_slice(&sample_rate.to_le_bytes());
        h.extend_from_slice(&(sample_rate * channels as u32 * bps as u32).to_le_bytes());
        h.extend_from_slice(&(channels * bps).to_le_bytes());
        h.extend_from_slice(&(bps * 8).to_le_bytes());
        let mut fact_at = None;
        if !pcm {
            // cbSize, then the fact chunk non-PCM formats carry.
            h.extend_from_slice(&0u16.to_le_bytes());
            h.extend_from_slice(b"fact\x04\0\0\0");
            fact_at = Some(h.len() as u64);
            h.extend_from_slice(&0u32.to_le_bytes());
        }
        h.extend_from_slice(b"data\0\0\0\0");
        inner.seek(SeekFrom::Start(0))?;
        inner.write_all(&h)?;
        let header_len = h.len() as u64;
        let mut w = WavWriter {
            inner,
            encoding,
            channels,
            header_len,
            fact_at,
            data_bytes: 0,
            max_bytes: MAX_DATA,
            buf: Vec::new(),
        };
        w.sync()?;
        Ok(w)
    }

    /// Limits the data to `max` bytes (PJSUA2's recorder `max_size`); `None` removes the
    /// limit (the RIFF format's own limit of 4 GiB stays).
    pub fn set_max_data_bytes(&mut self, max: Option<u64>) {
        self.max_bytes = max.unwrap_or(MAX_DATA).min(MAX_DATA);
    }

    /// The stream being written.
    pub fn inner_ref(&self) -> &W {
        &self.inner
    }

    /// Bytes of audio written so far.
    pub fn data_bytes(&self) -> u64 {
        self.data_bytes
    }

    /// Samples written so far, all channels counted.
    pub fn samples_written(&self) -> u64 {
        self.data_bytes / self.encoding.bytes_per_sample() as u64
    }

    /// Encodes and writes `pcm` (interleaved whole frames). Returns the samples taken:
    /// fewer than given once the size limit is reached (then whole frames only).
    pub fn write(&mut self, pcm: &[i16]) -> Result<usize, WavError> {
        let bps = self.encoding.bytes_per_sample() as u64;
        let frame = self.channels as u64 * bps;
        let room = (self.max_bytes.saturating_sub(self.data_bytes) / frame * frame / bps) as usize;
        let n = pcm.len().min(room);
        let pcm = &pcm[..n];
        self.buf.clear();
        match self.encoding {
            WavEncoding::Pcm16 => pcm
                .iter()
                .for_each(|s| self.buf.extend_from_slice(&s.to_le_bytes())),
            WavEncoding::Alaw => self.buf.extend(pcm.iter().map(|&s| linear_to_alaw(s))),
            WavEncoding::Ulaw => self.buf.extend(pcm.iter().map(|&s| linear_to_ulaw(s))),
            WavEncoding::Pcm8 => self.buf.extend(pcm.iter().map(|&s| ((s >> 8) + 128) as u8)),
        }
        self.inner.write_all(&self.buf)?;
        self.data_bytes += self.buf.len() as u64;
        Ok(n)
    }

    /// Patches the sizes in the header for the data written so far and flushes, so the
    /// stream is a complete WAV file as it stands.
    pub fn sync(&mut self) -> Result<(), WavError> {
        self.patch(0)?;
        self.inner.flush()?;
        Ok(())
    }

    /// Writes the sizes; `pad` is the pad byte already written after the data (0 or 1).
    fn patch(&mut self, pad: u64) -> Result<(), WavError> {
        let riff = (self.header_len - 8 + self.data_bytes + pad) as u32;
        self.inner.seek(SeekFrom::Start(4))?;
        self.inner.write_all(&riff.to_le_bytes())?;
        if let Some(at) = self.fact_at {
            let frames = (self.samples_written() / self.channels as u64) as u32;
            self.inner.seek(SeekFrom::Start(at))?;
            self.inner.write_all(&frames.to_le_bytes())?;
        }
        self.inner.seek(SeekFrom::Start(self.header_len - 4))?;
        self.inner
            .write_all(&(self.data_bytes as u32).to_le_bytes())?;
        self.inner
            .seek(SeekFrom::Start(self.header_len + self.data_bytes))?;
        Ok(())
    }

    /// Ends the file: the pad byte if the data length is odd, the final sizes, a flush;
    /// gives the stream back.
    pub fn finalize(mut self) -> Result<W, WavError> {
        let pad = self.data_bytes & 1;
        if pad == 1 {
            self.inner.write_all(&[0])?;
        }
        self.patch(pad)?;
        self.inner.flush()?;
        Ok(self.inner)
    }
}
