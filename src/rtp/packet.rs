//! RTP data packets (RFC 3550 §5.1): parse a datagram into a borrowed [`RtpPacket`] and
//! write one into a reused buffer.
//!
//! The parser checks what RFC 3550 Appendix A.1 asks of a header (version 2, and that the
//! CSRC list, the header extension and the padding fit inside the datagram); what the
//! payload type means and whether the source is valid is the session's business.

use std::fmt;

/// The RTP version this crate speaks (RFC 3550 §5.1).
pub const RTP_VERSION: u8 = 2;

/// The length of the fixed RTP header, without CSRCs or extension.
pub const RTP_HEADER_LEN: usize = 12;

/// The largest CSRC list a header can carry (the CC field has four bits).
pub const MAX_CSRCS: usize = 15;

/// Why a datagram is not a well-formed RTP packet, or a packet cannot be written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RtpError {
    /// Shorter than the 12-byte fixed header.
    TooShort,
    /// The version field is not 2.
    BadVersion(u8),
    /// The CSRC list runs past the end of the datagram.
    CsrcOverrun,
    /// The header extension runs past the end of the datagram.
    ExtensionOverrun,
    /// The padding count is zero or longer than the payload it pads.
    BadPadding,
    /// Writing: the payload type does not fit in seven bits.
    BadPayloadType(u8),
    /// Writing: the header extension is not a whole number of 32-bit words, or is too long.
    BadExtension,
}

impl fmt::Display for RtpError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RtpError::TooShort => write!(f, "RTP packet shorter than the 12-byte header"),
            RtpError::BadVersion(v) => write!(f, "RTP version {v}, expected 2"),
            RtpError::CsrcOverrun => write!(f, "RTP CSRC list runs past the end of the packet"),
            RtpError::ExtensionOverrun => {
                write!(f, "RTP header extension runs past the end of the packet")
            }
            RtpError::BadPadding => write!(f, "RTP padding count is zero or too long"),
            RtpError::BadPayloadType(pt) => write!(f, "RTP payload type {pt} is above 127"),
            RtpError::BadExtension => {
                write!(
                    f,
                    "RTP header extension is not a whole number of 32-bit words"
                )
            }
        }
    }
}

impl std::error::Error for RtpError {}

/// A CSRC list (RFC 3550 §5.1): up to 15 contributing sources, held inline.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Csrcs {
    len: u8,
    ids: [u32; MAX_CSRCS],
}

impl Csrcs {
    /// A list of the given sources; `None` when there are more than 15.
    pub fn new(ids: &[u32]) -> Option<Self> {
        if ids.len() > MAX_CSRCS {
            return None;
        }
        let mut list = Csrcs {
            len: ids.len() as u8,
            ids: [0; MAX_CSRCS],
        };
        list.ids[..ids.len()].copy_from_slice(ids);
        Some(list)
    }

    /// The sources, in header order.
    pub fn as_slice(&self) -> &[u32] {
        &self.ids[..self.len as usize]
    }
}

/// A header extension (RFC 3550 §5.3.1): a profile-defined 16-bit value and a body that
/// is a whole number of 32-bit words. The one- and two-byte forms of RFC 8285 live in
/// the body.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct HeaderExtension<'a> {
    /// The profile-defined first 16 bits (0xBEDE for RFC 8285 one-byte headers).
    pub profile: u16,
    /// The extension body (length a multiple of 4).
    pub data: &'a [u8],
}

/// An RTP packet whose extension and payload borrow the datagram it was parsed from (or
/// the caller's buffers when writing).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RtpPacket<'a> {
    /// The marker bit (for audio: the first packet of a talkspurt).
    pub marker: bool,
    /// The payload type, 0 to 127.
    pub payload_type: u8,
    /// The sequence number.
    pub sequence: u16,
    /// The RTP timestamp, in the payload's clock rate.
    pub timestamp: u32,
    /// The synchronization source.
    pub ssrc: u32,
    /// The contributing sources.
    pub csrcs: Csrcs,
    /// The header extension, when the X bit is set.
    pub extension: Option<HeaderExtension<'a>>,
    /// The payload, without padding.
    pub payload: &'a [u8],
    /// How many padding octets follow the payload (0 when the P bit is clear); writing
    /// pads with zeros and the count in the last octet.
    pub padding: u8,
}

impl<'a> RtpPacket<'a> {
    /// A packet with no CSRCs, extension or padding.
    pub fn new(
        payload_type: u8,
        sequence: u16,
        timestamp: u32,
        ssrc: u32,
        payload: &'a [u8],
    ) -> Self {
        RtpPacket {
            marker: false,
            payload_type,
            sequence,
            timestamp,
            ssrc,
            csrcs: Csrcs::default(),
            extension: None,
            payload,
            padding: 0,
        }
    }

    /// Parses one datagram.
    pub fn parse(buf: &'a [u8]) -> Result<Self, RtpError> {
        if buf.len() < RTP_HEADER_LEN {
            return Err(RtpError::TooShort);
        }
        let version = buf[0] >> 6;
        if version != RTP_VERSION {
            return Err(RtpError::BadVersion(version));
        }
        let has_padding = buf[0] & 0x20 != 0;
        let has_extension = buf[0] & 0x10 != 0;
        let cc = (buf[0] & 0x0f) as usize;
        let mut pos = RTP_HEADER_LEN;
        let csrc_end = pos + 4 * cc;
        if buf.len() < csrc_end {
            return Err(RtpError::CsrcOverrun);
        }
        let mut csrcs = Csrcs {
            len: cc as u8,
            ids: [0; MAX_CSRCS],
        };
        for (i, id) in csrcs.ids[..cc].iter_mut().enumerate() {
            *id = be32(&buf[pos + 4 * i..]);
        }
        pos = csrc_end;
        let extension = if has_extension {
            if buf.len() < pos + 4 {
                return Err(RtpError::ExtensionOverrun);
            }
            let profile = u16::from_be_bytes([buf[pos], buf[pos + 1]]);
            let words = u16::from_be_bytes([buf[pos + 2], buf[pos + 3]]) as usize;
            let end = pos + 4 + 4 * words;
            if buf.len() < end {
                return Err(RtpError::ExtensionOverrun);
            }
            let data = &buf[pos + 4..end];
            pos = end;
            Some(HeaderExtension { profile, data })
        } else {
            None
        };
        let mut end = buf.len();
        let mut padding = 0;
        if has_padding {
            padding = buf[end - 1];
            if padding == 0 || padding as usize > end - pos {
                return Err(RtpError::BadPadding);
            }
            end -= padding as usize;
        }
        Ok(RtpPacket {
            marker: buf[1] & 0x80 != 0,
            payload_type: buf[1] & 0x7f,
            sequence: u16::from_be_bytes([buf[2], buf[3]]),
            timestamp: be32(&buf[4..]),
            ssrc: be32(&buf[8..]),
            csrcs,
            extension,
            payload: &buf[pos..end],
            padding,
        })
    }

    /// The length of the packet on the wire.
    pub fn wire_len(&self) -> usize {
        RTP_HEADER_LEN
            + 4 * self.csrcs.as_slice().len()
            + self.extension.map_or(0, |e| 4 + e.data.len())
            + self.payload.len()
            + self.padding as usize
    }

    /// Writes the packet into `out`, replacing its contents. `out` keeps its capacity, so
    /// a buffer reused packet after packet stops allocating once it has grown to the
    /// largest packet.
    pub fn write(&self, out: &mut Vec<u8>) -> Result<(), RtpError> {
        if self.payload_type > 0x7f {
            return Err(RtpError::BadPayloadType(self.payload_type));
        }
        if let Some(ext) = self.extension {
            if ext.data.len() % 4 != 0 || ext.data.len() / 4 > u16::MAX as usize {
                return Err(RtpError::BadExtension);
            }
        }
        out.clear();
        out.reserve(self.wire_len());
        let csrcs = self.csrcs.as_slice();
        let mut b0 = (RTP_VERSION << 6) | csrcs.len() as u8;
        if self.padding > 0 {
            b0 |= 0x20;
        }
        if self.extension.is_some() {
            b0 |= 0x10;
        }
        out.push(b0);
        out.push(((self.marker as u8) << 7) | self.payload_type);
        out.extend_from_slice(&self.sequence.to_be_bytes());
        out.extend_from_slice(&self.timestamp.to_be_bytes());
        out.extend_from_slice(&self.ssrc.to_be_bytes());
        for id in csrcs {
            out.extend_from_slice(&id.to_be_bytes());
        }
        if let Some(ext) = self.extension {
            out.extend_from_slice(&ext.profile.to_be_bytes());
            out.extend_from_slice(&((ext.data.len() / 4) as u16).to_be_bytes());
            out.extend_from_slice(ext.data);
        }
        out.extend_from_slice(self.payload);
        if self.padding > 0 {
            out.resize(out.len() + self.padding as usize - 1, 0);
            out.push(self.padding);
        }
        Ok(())
    }
}

/// A big-endian 32-bit value at the start of `b` (which holds at least four bytes).
pub(crate) fn be32(b: &[u8]) -> u32 {
    u32::from_be_bytes([b[0], b[1], b[2], b[3]])
}

#[cfg(test)]
mod tests {
    use super::*;

    /// RFC 3550 §5.1 header: V=2, PT=0 (PCMU), seq 0x1234, ts 0x01020304, SSRC 0xdeadbeef.
    const SIMPLE: [u8; 16] = [
        0x80, 0x00, 0x12, 0x34, 0x01, 0x02, 0x03, 0x04, 0xde, 0xad, 0xbe, 0xef, 1, 2, 3, 4,
    ];

    #[test]
    fn parses_a_plain_packet() {
        let p = RtpPacket::parse(&SIMPLE).unwrap();
        assert!(!p.marker);
        assert_eq!(p.payload_type, 0);
        assert_eq!(p.sequence, 0x1234);
        assert_eq!(p.timestamp, 0x0102_0304);
        assert_eq!(p.ssrc, 0xdead_beef);
        assert!(p.csrcs.as_slice().is_empty());
        assert_eq!(p.extension, None);
        assert_eq!(p.payload, &[1, 2, 3, 4]);
        assert_eq!(p.padding, 0);
        assert_eq!(p.wire_len(), SIMPLE.len());
    }

    #[test]
    fn parses_marker_csrcs_extension_and_padding() {
        let mut buf = vec![0xb2, 0x80 | 101, 0, 7, 0, 0, 0, 160, 0, 0, 0, 9];
        buf.extend_from_slice(&[0, 0, 0, 1, 0, 0, 0, 2]); // two CSRCs
        buf.extend_from_slice(&[0xbe, 0xde, 0, 1, 0x10, 0xaa, 0, 0]); // one-word extension
        buf.extend_from_slice(&[5, 6, 7]); // payload
        buf.extend_from_slice(&[0, 0, 3]); // three octets of padding
        let p = RtpPacket::parse(&buf).unwrap();
        assert!(p.marker);
        assert_eq!(p.payload_type, 101);
        assert_eq!(p.csrcs.as_slice(), &[1, 2]);
        let ext = p.extension.unwrap();
        assert_eq!(ext.profile, 0xbede);
        assert_eq!(ext.data, &[0x10, 0xaa, 0, 0]);
        assert_eq!(p.payload, &[5, 6, 7]);
        assert_eq!(p.padding, 3);
        let mut out = Vec::new();
        p.write(&mut out).unwrap();
        assert_eq!(out, buf);
    }

    #[test]
    fn rejects_malformed_headers() {
        assert_eq!(RtpPacket::parse(&SIMPLE[..11]), Err(RtpError::TooShort));
        let mut v1 = SIMPLE;
        v1[0] = 0x40;
        assert_eq!(RtpPacket::parse(&v1), Err(RtpError::BadVersion(1)));
        let mut cc = SIMPLE;
        cc[0] = 0x82; // two CSRCs but only four bytes follow
        assert_eq!(RtpPacket::parse(&cc), Err(RtpError::CsrcOverrun));
        let mut ext = SIMPLE;
        ext[0] = 0x90; // extension header claims words that are not there
        assert_eq!(RtpPacket::parse(&ext), Err(RtpError::ExtensionOverrun));
        let mut ext_len = SIMPLE.to_vec();
        ext_len[0] = 0x90;
        ext_len[12..16].copy_from_slice(&[0xbe, 0xde, 0, 2]);
        ext_len.extend_from_slice(&[0; 4]);
        assert_eq!(RtpPacket::parse(&ext_len), Err(RtpError::ExtensionOverrun));
        let mut zero_pad = SIMPLE;
        zero_pad[0] = 0xa0;
        zero_pad[15] = 0;
        assert_eq!(RtpPacket::parse(&zero_pad), Err(RtpError::BadPadding));
        let mut long_pad = SIMPLE;
        long_pad[0] = 0xa0;
        long_pad[15] = 5;
        assert_eq!(RtpPacket::parse(&long_pad), Err(RtpError::BadPadding));
        // Padding that eats the whole payload is fine.
        long_pad[15] = 4;
        assert_eq!(RtpPacket::parse(&long_pad).unwrap().payload, &[] as &[u8]);
    }

    #[test]
    fn writes_into_a_reused_buffer_without_growing() {
        let payload = [0x55u8; 160];
        let mut out = Vec::new();
        RtpPacket::new(0, 1, 160, 7, &payload)
            .write(&mut out)
            .unwrap();
        let cap = out.capacity();
        let ptr = out.as_ptr();
        for seq in 2..100u16 {
            let mut p = RtpPacket::new(0, seq, seq as u32 * 160, 7, &payload);
            p.marker = seq == 50;
            p.write(&mut out).unwrap();
            assert_eq!(out.len(), 172);
            let back = RtpPacket::parse(&out).unwrap();
            assert_eq!(back, p);
        }
        assert_eq!(out.capacity(), cap);
        assert_eq!(out.as_ptr(), ptr);
    }

    #[test]
    fn refuses_to_write_what_cannot_be_encoded() {
        let mut out = Vec::new();
        let bad_pt = RtpPacket::new(128, 1, 0, 0, &[]);
        assert_eq!(bad_pt.write(&mut out), Err(RtpError::BadPayloadType(128)));
        let mut bad_ext = RtpPacket::new(0, 1, 0, 0, &[]);
        bad_ext.extension = Some(HeaderExtension {
            profile: 1,
            data: &[1, 2, 3],
        });
        assert_eq!(bad_ext.write(&mut out), Err(RtpError::BadExtension));
        assert!(Csrcs::new(&[0; 16]).is_none());
        assert_eq!(Csrcs::new(&[1, 2]).unwrap().as_slice(), &[1, 2]);
    }
}
