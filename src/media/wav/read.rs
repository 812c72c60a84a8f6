//! The WAV reader: walks the RIFF chunks to `fmt ` and `data`, then decodes samples to
//! 16-bit PCM on demand, with a seekable sample position.

use super::{WavEncoding, WavError, TAG_ALAW, TAG_EXTENSIBLE, TAG_MULAW, TAG_PCM};
use crate::media::codec::g711::{alaw_to_linear, ulaw_to_linear};
use std::io::{Read, Seek, SeekFrom};

/// What the header says about the audio.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct WavInfo {
    /// Sample encoding.
    pub encoding: WavEncoding,
    /// Interleaved channels.
    pub channels: u16,
    /// Samples per second per channel.
    pub sample_rate: u32,
    /// Bytes of audio in the data chunk.
    pub data_bytes: u64,
}

impl WavInfo {
    /// Samples in the file, all channels counted (PJSUA2's `sizeSamples`).
    pub fn total_samples(&self) -> u64 {
        self.data_bytes / self.encoding.bytes_per_sample() as u64
    }

    /// Bits per stored sample (PJSUA2's `payloadBitsPerSample`).
    pub fn bits_per_sample(&self) -> u16 {
        self.encoding.bytes_per_sample() * 8
    }
}

/// Reads a WAV stream.
#[derive(Debug)]
pub struct WavReader<R> {
    inner: R,
    info: WavInfo,
    /// Offset of the first data byte.
    data_start: u64,
    /// The next sample to read (all channels counted).
    pos: u64,
    /// Raw bytes of the last read, reused.
    buf: Vec<u8>,
}

/// Little-endian u16 at `i`.
fn le16(b: &[u8], i: usize) -> u16 {
    u16::from_le_bytes([b[i], b[i + 1]])
}

/// Little-endian u32 at `i`.
fn le32(b: &[u8], i: usize) -> u32 {
    u32::from_le_bytes([b[i], b[i + 1], b[i + 2], b[i + 3]])
}

/// Reads the fields of a fmt chunk body.
fn parse_fmt(body: &[u8]) -> Result<(WavEncoding, u16, u32), WavError> {
    if body.len() < 16 {
        return Err(WavError::NoFormat);
    }
    let mut tag = le16(body, 0);
    let channels = le16(body, 2);
    let rate = le32(body, 4);
    let align = le16(body, 12);
    let bits = le16(body, 14);
    if tag == TAG_EXTENSIBLE {
        // cbSize(2) validBits(2) channelMask(4) then the GUID, whose first two bytes
        // are the format tag.
        if body.len() < 26 {
            return Err(WavError::NoFormat);
        }
        tag = le16(body, 24);
    }
    let encoding = match (tag, bits) {
        (TAG_PCM, 16) => WavEncoding::Pcm16,
        (TAG_PCM, 8) => WavEncoding::Pcm8,
        (TAG_ALAW, 8) => WavEncoding::Alaw,
        (TAG_MULAW, 8) => WavEncoding::Ulaw,
        _ => {
            return Err(WavError::Unsupported {
                format_tag: tag,
                bits_per_sample: bits,
            })
        }
    };
    if channels == 0 || rate == 0 {
        return Err(WavError::BadHeader(format!(
            "{channels} channels at {rate} Hz"
        )));
    }
    if align != 0 && align != channels * encoding.bytes_per_sample() {
        return Err(WavError::BadHeader(format!(
            "block align {align} for {channels} channels of {bits} bits"
        )));
    }
    Ok((encoding, channels, rate))
}

impl<R: Read + Seek> WavReader<R> {
    /// Reads the header and stops at the first sample. A data chunk whose size is 0 or
    /// runs past the end of the stream (a recording that was never finalised) is taken to
    /// extend to the end of the stream.
    pub fn new(mut inner: R) -> Result<Self, WavError> {
        let end = inner.seek(SeekFrom::End(0))?;
        inner.seek(SeekFrom::Start(0))?;
        let mut head = [0u8; 12];
        inner.read_exact(&mut head).map_err(|_| WavError::NotRiff)?;
        if &head[0..4] != b"RIFF" {
            return Err(WavError::NotRiff);
        }
        if &head[8..12] != b"WAVE" {
            return Err(WavError::NotWave);
        }
        let mut format = None;
        let mut data = None;
        let mut at = 12u64;
        while at + 8 <= end && (format.is_none() || data.is_none()) {
            inner.seek(SeekFrom::Start(at))?;
            let mut ch = [0u8; 8];
            inner.read_exact(&mut ch)?;
            let size = le32(&ch, 4) as u64;
            let body = at + 8;
            match &ch[0..4] {
                b"fmt " => {
                    let mut b = vec![0u8; size.min(64) as usize];
                    inner.read_exact(&mut b).map_err(|_| WavError::NoFormat)?;
                    format = Some(parse_fmt(&b)?);
                }
                b"data" => {
                    let size = if size == 0 || body + size > end {
                        end - body
                    } else {
                        size
                    };
                    data = Some((body, size));
                }
                _ => {}
            }
            // Chunks are padded to an even length.
            at = body + size + (size & 1);
        }
        let (encoding, channels, sample_rate) = format.ok_or(WavError::NoFormat)?;
        let (data_start, data_bytes) = data.ok_or(WavError::NoData)?;
        // Whole frames only.
        let frame = channels as u64 * encoding.bytes_per_sample() as u64;
        let data_bytes = data_bytes - data_bytes % frame;
        inner.seek(SeekFrom::Start(data_start))?;
        Ok(WavReader {
            inner,
            info: WavInfo {
                encoding,
                channels,
                sample_rate,
                data_bytes,
            },
            data_start,
            pos: 0,
            buf: Vec::new(),
        })
    }

    /// The audio format and size.
    pub fn info(&self) -> &WavInfo {
        &self.info
    }

    /// The next sample to be read, all channels counted (PJSUA2's `getPos`).
    pub fn position(&self) -> u64 {
        self.pos
    }

    /// Moves to `sample` (all channels counted; rounded down to a whole frame, limited to
    /// the end), PJSUA2's `setPos`.
    pub fn set_position(&mut self, sample: u64) -> Result<(), WavError> {
        let total = self.info.total_samples();
        let s = sample.min(total);
        let s = s - s % self.info.channels as u64;
        self.inner.seek(SeekFrom::Start(
            self.data_start + s * self.info.encoding.bytes_per_sample() as u64,
        ))?;
        self.pos = s;
        Ok(())
    }

    /// Reads up to `out.len()` samples (interleaved; whole frames when `out` holds at
    /// least one) as 16-bit PCM; returns how many, 0 at the end of the data.
    pub fn read(&mut self, out: &mut [i16]) -> Result<usize, WavError> {
        let ch = self.info.channels as usize;
        let want = if out.len() >= ch {
            out.len() - out.len() % ch
        } else {
            out.len()
        };
        let n = want.min((self.info.total_samples() - self.pos) as usize);
        let bps = self.info.encoding.bytes_per_sample() as usize;
        self.buf.resize(n * bps, 0);
        self.inner.read_exact(&mut self.buf)?;
        let b = &self.buf;
        match self.info.encoding {
            WavEncoding::Pcm16 => {
                for (o, c) in out.iter_mut().zip(b.chunks_exact(2)) {
                    *o = i16::from_le_bytes([c[0], c[1]]);
                }
            }
            WavEncoding::Pcm8 => {
                for (o, &c) in out.iter_mut().zip(b) {
                    *o = ((c as i16) - 128) << 8;
                }
            }
            WavEncoding::Alaw => {
                for (o, &c) in out.iter_mut().zip(b) {
                    *o = alaw_to_linear(c);
                }
            }
            WavEncoding::Ulaw => {
                for (o, &c) in out.iter_mut().zip(b) {
                    *o = ulaw_to_linear(c);
                }
            }
        }
        self.pos += n as u64;
        Ok(n)
    }

    /// Gives the stream back.
    pub fn into_inner(self) -> R {
        self.inner
    }
}
