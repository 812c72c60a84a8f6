//! RTCP compound packets (RFC 3550 §6): sender and receiver reports with their report
//! blocks, source descriptions (CNAME and the other SDES items), BYE, and every other
//! packet type (APP, RTPFB, PSFB, XR, unknown ones) kept as an opaque body so it can be
//! skipped safely. Parsing borrows the datagram; writing appends to a caller's buffer.
//!
//! [`is_rtcp`] is the RFC 5761 §4 rule that separates RTCP from RTP on a muxed port.

use super::ntp::NtpTime;
use super::packet::be32;
use std::fmt;

/// Sender report (RFC 3550 §6.4.1).
pub const PT_SR: u8 = 200;
/// Receiver report (RFC 3550 §6.4.2).
pub const PT_RR: u8 = 201;
/// Source description (RFC 3550 §6.5).
pub const PT_SDES: u8 = 202;
/// Goodbye (RFC 3550 §6.6).
pub const PT_BYE: u8 = 203;
/// SDES item: canonical end-point identifier.
pub const SDES_CNAME: u8 = 1;

const HEADER_LEN: usize = 4;
const REPORT_BLOCK_LEN: usize = 24;
const SENDER_INFO_LEN: usize = 20;
const MAX_COUNT: usize = 31;

/// RFC 5761 §4: on a port that carries both, a datagram is RTCP when its second octet,
/// read as an RTCP packet type, is 192 to 223 (what RTP payload types 64 to 95 would
/// give with the marker bit set, which is why RTP must avoid them).
pub fn is_rtcp(datagram: &[u8]) -> bool {
    datagram.get(1).is_some_and(|b| (192..=223).contains(b))
}

/// Why bytes are not a valid RTCP compound packet, or a packet cannot be written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RtcpError {
    /// Shorter than a packet header (or empty).
    TooShort,
    /// A packet's version is not 2.
    BadVersion(u8),
    /// A packet's length field runs past the end of the datagram.
    LengthOverrun,
    /// A packet other than the last one has the padding bit set (RFC 3550 A.2).
    PaddingNotLast,
    /// The padding count is zero or longer than the packet body.
    BadPadding,
    /// A packet's body is too short for what its header counts (packet type given).
    Truncated(u8),
    /// Writing: more than 31 report blocks, chunks or sources in one packet.
    TooMany,
    /// Writing: an SDES item or BYE reason longer than 255 bytes, or an SDES item of
    /// type 0 (the end marker).
    BadItem,
}

impl fmt::Display for RtcpError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RtcpError::TooShort => write!(f, "RTCP packet shorter than its header"),
            RtcpError::BadVersion(v) => write!(f, "RTCP version {v}, expected 2"),
            RtcpError::LengthOverrun => write!(f, "RTCP length runs past the end of the datagram"),
            RtcpError::PaddingNotLast => {
                write!(
                    f,
                    "RTCP padding on a packet that is not the last of the compound"
                )
            }
            RtcpError::BadPadding => write!(f, "RTCP padding count is zero or too long"),
            RtcpError::Truncated(pt) => write!(f, "RTCP packet type {pt} truncated"),
            RtcpError::TooMany => write!(f, "more than 31 items in one RTCP packet"),
            RtcpError::BadItem => write!(f, "RTCP SDES item or BYE reason cannot be encoded"),
        }
    }
}

impl std::error::Error for RtcpError {}

/// The sender information of an SR (RFC 3550 §6.4.1).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct SenderInfo {
    /// Wall-clock time when the report was sent.
    pub ntp: NtpTime,
    /// The same instant in the sender's RTP timestamp units.
    pub rtp_timestamp: u32,
    /// RTP packets sent since the sender started.
    pub packet_count: u32,
    /// RTP payload octets sent since the sender started.
    pub octet_count: u32,
}

/// A reception report block (RFC 3550 §6.4.1) about one source.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ReportBlock {
    /// The source reported on.
    pub ssrc: u32,
    /// Fraction of packets lost since the previous report, in 1/256ths.
    pub fraction_lost: u8,
    /// Cumulative packets lost (24-bit signed on the wire; duplicates can make it negative).
    pub cumulative_lost: i32,
    /// Extended highest sequence number received.
    pub highest_seq: u32,
    /// Interarrival jitter, in timestamp units.
    pub jitter: u32,
    /// Middle 32 bits of the NTP time of the last SR received from the source (0: none).
    pub lsr: u32,
    /// Delay since that SR, in 1/65536 s.
    pub dlsr: u32,
}

impl ReportBlock {
    fn parse(b: &[u8]) -> Self {
        let raw = be32(&b[4..]) & 0x00ff_ffff;
        // Sign-extend the 24-bit field.
        let cumulative_lost = ((raw << 8) as i32) >> 8;
        ReportBlock {
            ssrc: be32(b),
            fraction_lost: b[4],
            cumulative_lost,
            highest_seq: be32(&b[8..]),
            jitter: be32(&b[12..]),
            lsr: be32(&b[16..]),
            dlsr: be32(&b[20..]),
        }
    }

    fn write(&self, out: &mut Vec<u8>) {
        let lost = self.cumulative_lost.clamp(-0x80_0000, 0x7f_ffff) as u32 & 0x00ff_ffff;
        out.extend_from_slice(&self.ssrc.to_be_bytes());
        out.extend_from_slice(&(((self.fraction_lost as u32) << 24) | lost).to_be_bytes());
        out.extend_from_slice(&self.highest_seq.to_be_bytes());
        out.extend_from_slice(&self.jitter.to_be_bytes());
        out.extend_from_slice(&self.lsr.to_be_bytes());
        out.extend_from_slice(&self.dlsr.to_be_bytes());
    }
}

/// The report blocks of an SR or RR, read from the datagram on demand.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ReportBlocks<'a> {
    data: &'a [u8],
}

impl Iterator for ReportBlocks<'_> {
    type Item = ReportBlock;

    fn next(&mut self) -> Option<ReportBlock> {
        if self.data.len() < REPORT_BLOCK_LEN {
            return None;
        }
        let (block, rest) = self.data.split_at(REPORT_BLOCK_LEN);
        self.data = rest;
        Some(ReportBlock::parse(block))
    }
}

/// One SDES item (RFC 3550 §6.5): a type (1 CNAME, 2 NAME, 3 EMAIL, 4 PHONE, 5 LOC,
/// 6 TOOL, 7 NOTE, 8 PRIV) and a UTF-8 value of up to 255 bytes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SdesItem<'a> {
    /// The item type.
    pub kind: u8,
    /// The value (not checked for UTF-8).
    pub value: &'a [u8],
}

/// The items of one SDES chunk (already checked to be well formed).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SdesItems<'a> {
    data: &'a [u8],
}

impl<'a> Iterator for SdesItems<'a> {
    type Item = SdesItem<'a>;

    fn next(&mut self) -> Option<SdesItem<'a>> {
        let (&kind, rest) = self.data.split_first()?;
        let (&len, rest) = rest.split_first()?;
        if kind == 0 || rest.len() < len as usize {
            return None;
        }
        let (value, rest) = rest.split_at(len as usize);
        self.data = rest;
        Some(SdesItem { kind, value })
    }
}

/// One SDES chunk: a source and its items.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SdesChunk<'a> {
    /// The source described.
    pub ssrc: u32,
    /// Its items.
    pub items: SdesItems<'a>,
}

/// The chunks of an SDES packet (already checked to be well formed).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SdesChunks<'a> {
    data: &'a [u8],
    left: u8,
}

impl<'a> Iterator for SdesChunks<'a> {
    type Item = SdesChunk<'a>;

    fn next(&mut self) -> Option<SdesChunk<'a>> {
        if self.left == 0 {
            return None;
        }
        let (chunk, len) = sdes_chunk(self.data).ok()?;
        self.data = &self.data[len..];
        self.left -= 1;
        Some(chunk)
    }
}

/// Reads one chunk at the start of `b`: the chunk and its length including the null
/// terminator and the padding to a 32-bit boundary.
fn sdes_chunk(b: &[u8]) -> Result<(SdesChunk<'_>, usize), RtcpError> {
    let truncated = RtcpError::Truncated(PT_SDES);
    if b.len() < 4 {
        return Err(truncated);
    }
    let mut pos = 4;
    loop {
        match b.get(pos) {
            None => return Err(truncated),
            Some(0) => break,
            Some(_) => {
                let len = *b.get(pos + 1).ok_or(truncated)? as usize;
                pos += 2 + len;
            }
        }
    }
    let items = SdesItems { data: &b[4..pos] };
    // The terminator, then padding up to the next 32-bit boundary.
    let end = (pos + 4) & !3;
    if end > b.len() {
        return Err(truncated);
    }
    Ok((
        SdesChunk {
            ssrc: be32(b),
            items,
        },
        end,
    ))
}

/// The sources a BYE names.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Ssrcs<'a> {
    data: &'a [u8],
}

impl Iterator for Ssrcs<'_> {
    type Item = u32;

    fn next(&mut self) -> Option<u32> {
        if self.data.len() < 4 {
            return None;
        }
        let (id, rest) = self.data.split_at(4);
        self.data = rest;
        Some(be32(id))
    }
}

/// One packet of a compound.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RtcpPacket<'a> {
    /// SR: a sender's report, with reception reports on the sources it hears.
    SenderReport {
        /// The sender.
        ssrc: u32,
        /// Its sender information.
        info: SenderInfo,
        /// Its reception reports.
        reports: ReportBlocks<'a>,
    },
    /// RR: reception reports from a participant that is not sending.
    ReceiverReport {
        /// The reporter.
        ssrc: u32,
        /// Its reception reports.
        reports: ReportBlocks<'a>,
    },
    /// SDES: source descriptions.
    SourceDescription(SdesChunks<'a>),
    /// BYE: sources leaving, with an optional reason.
    Bye {
        /// The sources.
        sources: Ssrcs<'a>,
        /// The reason text, if any.
        reason: Option<&'a [u8]>,
    },
    /// Any other packet type (APP, RTPFB, PSFB, XR...), kept opaque.
    Other {
        /// The packet type.
        packet_type: u8,
        /// The five-bit count/subtype field.
        count: u8,
        /// The body after the 4-byte header, without padding.
        body: &'a [u8],
    },
}

impl<'a> RtcpPacket<'a> {
    /// Parses the packet at the start of `buf`; gives it and the rest of the datagram.
    fn parse_one(buf: &'a [u8]) -> Result<(Self, &'a [u8]), RtcpError> {
        if buf.len() < HEADER_LEN {
            return Err(RtcpError::TooShort);
        }
        let version = buf[0] >> 6;
        if version != 2 {
            return Err(RtcpError::BadVersion(version));
        }
        let count = buf[0] & 0x1f;
        let packet_type = buf[1];
        let len = (u16::from_be_bytes([buf[2], buf[3]]) as usize + 1) * 4;
        if buf.len() < len {
            return Err(RtcpError::LengthOverrun);
        }
        let (packet, rest) = buf.split_at(len);
        let mut body = &packet[HEADER_LEN..];
        if buf[0] & 0x20 != 0 {
            if !rest.is_empty() {
                return Err(RtcpError::PaddingNotLast);
            }
            let pad = *body.last().ok_or(RtcpError::BadPadding)? as usize;
            if pad == 0 || pad > body.len() {
                return Err(RtcpError::BadPadding);
            }
            body = &body[..body.len() - pad];
        }
        let n = count as usize;
        let truncated = RtcpError::Truncated(packet_type);
        let parsed = match packet_type {
            PT_SR => {
                let blocks = 4 + SENDER_INFO_LEN;
                if body.len() < blocks + n * REPORT_BLOCK_LEN {
                    return Err(truncated);
                }
                let info = SenderInfo {
                    ntp: NtpTime(((be32(&body[4..]) as u64) << 32) | be32(&body[8..]) as u64),
                    rtp_timestamp: be32(&body[12..]),
                    packet_count: be32(&body[16..]),
                    octet_count: be32(&body[20..]),
                };
                let data = &body[blocks..blocks + n * REPORT_BLOCK_LEN];
                RtcpPacket::SenderReport {
                    ssrc: be32(body),
                    info,
                    reports: ReportBlocks { data },
                }
            }
            PT_RR => {
                if body.len() < 4 + n * REPORT_BLOCK_LEN {
                    return Err(truncated);
                }
                let data = &body[4..4 + n * REPORT_BLOCK_LEN];
                RtcpPacket::ReceiverReport {
                    ssrc: be32(body),
                    reports: ReportBlocks { data },
                }
            }
            PT_SDES => {
                let mut pos = 0;
                for _ in 0..n {
                    pos += sdes_chunk(&body[pos..])?.1;
                }
                RtcpPacket::SourceDescription(SdesChunks {
                    data: &body[..pos],
                    left: count,
                })
            }
            PT_BYE => {
                if body.len() < 4 * n {
                    return Err(truncated);
                }
                let (ids, after) = body.split_at(4 * n);
                let reason = match after.split_first() {
                    None => None,
                    Some((&len, text)) if text.len() >= len as usize => Some(&text[..len as usize]),
                    Some(_) => return Err(truncated),
                };
                RtcpPacket::Bye {
                    sources: Ssrcs { data: ids },
                    reason,
                }
            }
            _ => RtcpPacket::Other {
                packet_type,
                count,
                body,
            },
        };
        Ok((parsed, rest))
    }

    /// Appends the packet to `out` (SDES and BYE in their canonical, minimally padded
    /// form; an opaque body that is not a whole number of words gets RTCP padding).
    pub fn write(&self, out: &mut Vec<u8>) -> Result<(), RtcpError> {
        match *self {
            RtcpPacket::SenderReport {
                ssrc,
                info,
                reports,
            } => write_sr(out, ssrc, &info, reports),
            RtcpPacket::ReceiverReport { ssrc, reports } => write_rr(out, ssrc, reports),
            RtcpPacket::SourceDescription(chunks) => {
                write_sdes(out, chunks.map(|c| (c.ssrc, c.items)))
            }
            RtcpPacket::Bye { sources, reason } => write_bye(out, sources, reason),
            RtcpPacket::Other {
                packet_type,
                count,
                body,
            } => {
                let start = begin(out, packet_type);
                out.extend_from_slice(body);
                let pad = (4 - body.len() % 4) % 4;
                if pad > 0 {
                    out.resize(out.len() + pad - 1, 0);
                    out.push(pad as u8);
                    out[start] |= 0x20;
                }
                finish(out, start, count as usize)
            }
        }
    }
}

/// A validated compound packet: every packet's header, length and body structure were
/// checked when it was parsed, so iterating cannot fail.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RtcpCompound<'a> {
    data: &'a [u8],
}

impl<'a> RtcpCompound<'a> {
    /// Checks a whole datagram (RFC 3550 A.2, without insisting that the first packet is
    /// an SR or RR, which reduced-size RTCP (RFC 5506) allows).
    pub fn parse(data: &'a [u8]) -> Result<Self, RtcpError> {
        if data.is_empty() {
            return Err(RtcpError::TooShort);
        }
        let mut rest = data;
        while !rest.is_empty() {
            rest = RtcpPacket::parse_one(rest)?.1;
        }
        Ok(RtcpCompound { data })
    }

    /// The packets, in order.
    pub fn packets(&self) -> impl Iterator<Item = RtcpPacket<'a>> + 'a {
        let mut rest = self.data;
        std::iter::from_fn(move || {
            let (packet, next) = RtcpPacket::parse_one(rest).ok()?;
            rest = next;
            Some(packet)
        })
    }
}

/// Appends a header with count and length to be filled by [`finish`]; gives its offset.
fn begin(out: &mut Vec<u8>, packet_type: u8) -> usize {
    let start = out.len();
    out.extend_from_slice(&[0x80, packet_type, 0, 0]);
    start
}

/// Appends zeros until the packet that began at `start` is a whole number of 32-bit
/// words (whatever `out` held before it).
fn pad_to_word(out: &mut Vec<u8>, start: usize) {
    let len = out.len() - start;
    out.resize(start + len.next_multiple_of(4), 0);
}

/// Fills in the count and length of the packet at `start`, or removes it on error.
fn finish(out: &mut Vec<u8>, start: usize, count: usize) -> Result<(), RtcpError> {
    if count > MAX_COUNT {
        out.truncate(start);
        return Err(RtcpError::TooMany);
    }
    let words = (out.len() - start) / 4 - 1;
    out[start] |= count as u8;
    out[start + 2..start + 4].copy_from_slice(&(words as u16).to_be_bytes());
    Ok(())
}

/// Appends an SR.
pub fn write_sr(
    out: &mut Vec<u8>,
    ssrc: u32,
    info: &SenderInfo,
    reports: impl IntoIterator<Item = ReportBlock>,
) -> Result<(), RtcpError> {
    let start = begin(out, PT_SR);
    out.extend_from_slice(&ssrc.to_be_bytes());
    out.extend_from_slice(&info.ntp.0.to_be_bytes());
    out.extend_from_slice(&info.rtp_timestamp.to_be_bytes());
    out.extend_from_slice(&info.packet_count.to_be_bytes());
    out.extend_from_slice(&info.octet_count.to_be_bytes());
    let mut count = 0;
    for report in reports {
        report.write(out);
        count += 1;
    }
    finish(out, start, count)
}

/// Appends an RR.
pub fn write_rr(
    out: &mut Vec<u8>,
    ssrc: u32,
    reports: impl IntoIterator<Item = ReportBlock>,
) -> Result<(), RtcpError> {
    let start = begin(out, PT_RR);
    out.extend_from_slice(&ssrc.to_be_bytes());
    let mut count = 0;
    for report in reports {
        report.write(out);
        count += 1;
    }
    finish(out, start, count)
}

/// Appends an SDES packet with one chunk per `(ssrc, items)`.
pub fn write_sdes<'b, I>(
    out: &mut Vec<u8>,
    chunks: impl IntoIterator<Item = (u32, I)>,
) -> Result<(), RtcpError>
where
    I: IntoIterator<Item = SdesItem<'b>>,
{
    let start = begin(out, PT_SDES);
    let mut count = 0;
    for (ssrc, items) in chunks {
        count += 1;
        out.extend_from_slice(&ssrc.to_be_bytes());
        for item in items {
            if item.kind == 0 || item.value.len() > 255 {
                out.truncate(start);
                return Err(RtcpError::BadItem);
            }
            out.push(item.kind);
            out.push(item.value.len() as u8);
            out.extend_from_slice(item.value);
        }
        // The null item, then zeros up to the next 32-bit boundary.
        out.push(0);
        pad_to_word(out, start);
    }
    finish(out, start, count)
}

/// Appends a BYE for `sources`, with an optional reason.
pub fn write_bye(
    out: &mut Vec<u8>,
    sources: impl IntoIterator<Item = u32>,
    reason: Option<&[u8]>,
) -> Result<(), RtcpError> {
    let start = begin(out, PT_BYE);
    let mut count = 0;
    for source in sources {
        out.extend_from_slice(&source.to_be_bytes());
        count += 1;
    }
    if let Some(text) = reason {
        if text.len() > 255 {
            out.truncate(start);
            return Err(RtcpError::BadItem);
        }
        out.push(text.len() as u8);
        out.extend_from_slice(text);
        pad_to_word(out, start);
    }
    finish(out, start, count)
}

#[cfg(test)]
#[path = "rtcp_tests.rs"]
mod tests;
