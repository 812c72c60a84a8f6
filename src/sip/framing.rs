//! Cuts SIP messages out of a byte stream (TCP, TLS) by Content-Length (RFC 3261 §18.3),
//! and recognises RFC 5626 §3.5.1 keep-alives: a CRLFCRLF ping and a CRLF pong.

use bytes::{Buf, Bytes, BytesMut};
use std::fmt;

/// One unit read from a stream.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Frame {
    /// A complete message (head and body), ready for [`super::parse::parse_message`].
    Message(Bytes),
    /// A keep-alive ping (CRLFCRLF between messages): answer it with a CRLF.
    Ping,
    /// A keep-alive pong (a lone CRLF between messages).
    Pong,
}

/// Why the stream cannot be framed; the connection should be closed, after answering the
/// request whose head [`StreamFramer::failed_head`] gives, if any.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FramingError {
    /// The header section is longer than the size limit.
    HeadTooLarge,
    /// The message announces a body that would pass the size limit.
    MessageTooLarge,
    /// A message on a stream has no Content-Length (RFC 3261 §18.3 requires it).
    MissingContentLength,
    /// Content-Length is not a number, or several values disagree.
    BadContentLength,
}

impl fmt::Display for FramingError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            FramingError::HeadTooLarge => "message head larger than the limit",
            FramingError::MessageTooLarge => "message larger than the limit",
            FramingError::MissingContentLength => "no Content-Length on a stream",
            FramingError::BadContentLength => "bad Content-Length",
        })
    }
}

impl std::error::Error for FramingError {}

/// A stream framer: [`StreamFramer::push`] received bytes, then take frames with
/// [`StreamFramer::next_frame`] until it returns `Ok(None)`.
///
/// A lone CRLF is only known to be a pong once the next byte shows it does not start a
/// CRLFCRLF ping, so a pong is reported when that byte arrives: splitting a stream at any
/// point gives the same frames.
#[derive(Debug)]
pub struct StreamFramer {
    buf: BytesMut,
    max_message_size: usize,
    /// How far the search for the end of the head has looked, so a head arriving in many
    /// pieces is scanned once.
    scanned: usize,
    /// After an error: the length of the head of the message that could not be framed,
    /// when it arrived whole.
    failed_head: Option<usize>,
}

impl StreamFramer {
    /// A framer refusing messages (head and body) larger than `max_message_size` bytes.
    pub fn new(max_message_size: usize) -> Self {
        StreamFramer {
            buf: BytesMut::new(),
            max_message_size,
            scanned: 0,
            failed_head: None,
        }
    }

    /// Appends received bytes.
    pub fn push(&mut self, data: &[u8]) {
        self.buf.extend_from_slice(data);
    }

    /// The next complete frame, `Ok(None)` when more bytes are needed, or an error after
    /// which the stream cannot be framed any more.
    pub fn next_frame(&mut self) -> Result<Option<Frame>, FramingError> {
        loop {
            match self.buf.first() {
                None => return Ok(None),
                Some(b'\r') => match (self.buf.get(1), self.buf.get(2), self.buf.get(3)) {
                    (None, _, _) => return Ok(None),
                    (Some(b'\n'), None, _) => return Ok(None),
                    (Some(b'\n'), Some(b'\r'), None) => return Ok(None),
                    (Some(b'\n'), Some(b'\r'), Some(b'\n')) => {
                        self.buf.advance(4);
                        return Ok(Some(Frame::Ping));
                    }
                    (Some(b'\n'), _, _) => {
                        self.buf.advance(2);
                        return Ok(Some(Frame::Pong));
                    }
                    // A stray CR before a start line: skip it.
                    _ => self.buf.advance(1),
                },
                // A stray LF before a start line: skip it.
                Some(b'\n') => self.buf.advance(1),
                Some(_) => return self.message(),
            }
            self.scanned = 0;
        }
    }

    /// After [`Self::next_frame`] failed: the whole head (start line and header fields) of
    /// the message it could not frame, so a request can be answered (RFC 3261 §18.3:
    /// 400 for a missing or bad Content-Length, §21.5.14: 513 when too large). `None` when
    /// no head ended before the size limit, or before an error.
    pub fn failed_head(&self) -> Option<Bytes> {
        self.failed_head
            .map(|len| Bytes::copy_from_slice(&self.buf[..len]))
    }

    fn message(&mut self) -> Result<Option<Frame>, FramingError> {
        let Some(head_len) = self.head_end() else {
            if self.buf.len() > self.max_message_size {
                return Err(FramingError::HeadTooLarge);
            }
            return Ok(None);
        };
        let framed = self.frame_length(head_len);
        if framed.is_err() {
            self.failed_head = Some(head_len);
        }
        let total = framed?;
        if self.buf.len() < total {
            return Ok(None);
        }
        self.scanned = 0;
        Ok(Some(Frame::Message(self.buf.split_to(total).freeze())))
    }

    /// The length of the message whose head is `head_len` bytes long, within the limit.
    fn frame_length(&self, head_len: usize) -> Result<usize, FramingError> {
        if head_len > self.max_message_size {
            return Err(FramingError::HeadTooLarge);
        }
        let body_len = content_length(&self.buf[..head_len])?;
        head_len
            .checked_add(body_len)
            .filter(|t| *t <= self.max_message_size)
            .ok_or(FramingError::MessageTooLarge)
    }

    /// The length of the head including the empty line that ends it, once complete.
    fn head_end(&mut self) -> Option<usize> {
        let buf = &self.buf[..];
        let mut i = self.scanned.saturating_sub(2);
        while let Some(nl) = buf
            .get(i..)
            .and_then(|r| r.iter().position(|b| *b == b'\n'))
        {
            let at = i + nl + 1;
            match (buf.get(at), buf.get(at + 1)) {
                (Some(b'\n'), _) => return Some(at + 1),
                (Some(b'\r'), Some(b'\n')) => return Some(at + 2),
                _ => i = at,
            }
        }
        self.scanned = buf.len();
        None
    }
}

/// The Content-Length of a message head: full or compact name, any case, whitespace
/// before the colon, folded values. Several values must agree.
fn content_length(head: &[u8]) -> Result<usize, FramingError> {
    let mut found: Option<usize> = None;
    let mut lines = head.split(|b| *b == b'\n').skip(1).peekable();
    while let Some(line) = lines.next() {
        let Some(colon) = line.iter().position(|b| *b == b':') else {
            continue;
        };
        let name = line[..colon].trim_ascii();
        if !(name.eq_ignore_ascii_case(b"content-length") || name.eq_ignore_ascii_case(b"l")) {
            continue;
        }
        let mut value = line[colon + 1..].to_vec();
        while let Some(cont) = lines.next_if(|l| matches!(l.first(), Some(b' ' | b'\t'))) {
            value.extend_from_slice(cont);
        }
        let digits = value.trim_ascii();
        if digits.is_empty() || !digits.iter().all(u8::is_ascii_digit) {
            return Err(FramingError::BadContentLength);
        }
        let n = std::str::from_utf8(digits)
            .ok()
            .and_then(|s| s.parse::<usize>().ok())
            .ok_or(FramingError::BadContentLength)?;
        if found.is_some_and(|f| f != n) {
            return Err(FramingError::BadContentLength);
        }
        found = Some(n);
    }
    found.ok_or(FramingError::MissingContentLength)
}

#[cfg(test)]
mod tests {
    use super::*;

    const MSG1: &[u8] = b"OPTIONS sip:a@b SIP/2.0\r\nVia: SIP/2.0/TCP h;branch=z9hG4bK1\r\nContent-Length: 5\r\n\r\nhello";
    const MSG2: &[u8] = b"SIP/2.0 200 OK\r\nl :\r\n 3\r\nX: y\r\n\r\nabc";

    fn stream() -> Vec<u8> {
        [
            b"\r\n\r\n".as_slice(),
            MSG1,
            b"\r\n",
            MSG2,
            b"\r\n\r\n",
            MSG1,
        ]
        .concat()
    }

    fn expected() -> Vec<Frame> {
        vec![
            Frame::Ping,
            Frame::Message(Bytes::from_static(MSG1)),
            Frame::Pong,
            Frame::Message(Bytes::from_static(MSG2)),
            Frame::Ping,
            Frame::Message(Bytes::from_static(MSG1)),
        ]
    }

    fn frames(chunks: &[&[u8]]) -> Vec<Frame> {
        let mut f = StreamFramer::new(1000);
        let mut out = Vec::new();
        for c in chunks {
            f.push(c);
            while let Some(frame) = f.next_frame().unwrap() {
                out.push(frame);
            }
        }
        out
    }

    #[test]
    fn whole_stream() {
        assert_eq!(frames(&[&stream()]), expected());
    }

    #[test]
    fn byte_by_byte() {
        let s = stream();
        let chunks: Vec<&[u8]> = s.chunks(1).collect();
        assert_eq!(frames(&chunks), expected());
    }

    #[test]
    fn every_single_split_point_and_random_chunks() {
        let s = stream();
        for cut in 0..=s.len() {
            assert_eq!(frames(&[&s[..cut], &s[cut..]]), expected(), "cut at {cut}");
        }
        let mut seed = 0x2545_f491_4f6c_dd1du64;
        for _ in 0..200 {
            let mut chunks = Vec::new();
            let mut rest = &s[..];
            while !rest.is_empty() {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                let n = (seed % 40 + 1).min(rest.len() as u64) as usize;
                let (c, r) = rest.split_at(n);
                chunks.push(c);
                rest = r;
            }
            assert_eq!(frames(&chunks), expected());
        }
    }

    #[test]
    fn errors() {
        let mut f = StreamFramer::new(1000);
        f.push(b"OPTIONS sip:a@b SIP/2.0\r\nVia: x\r\n\r\n");
        assert_eq!(f.next_frame(), Err(FramingError::MissingContentLength));
        assert_eq!(
            f.failed_head().as_deref(),
            Some(&b"OPTIONS sip:a@b SIP/2.0\r\nVia: x\r\n\r\n"[..])
        );
        let mut f = StreamFramer::new(1000);
        f.push(b"OPTIONS sip:a@b SIP/2.0\r\nContent-Length: 1\r\nl: 2\r\n\r\n");
        assert_eq!(f.next_frame(), Err(FramingError::BadContentLength));
        let mut f = StreamFramer::new(1000);
        f.push(b"OPTIONS sip:a@b SIP/2.0\r\nContent-Length: -1\r\n\r\n");
        assert_eq!(f.next_frame(), Err(FramingError::BadContentLength));
        let mut f = StreamFramer::new(60);
        f.push(b"OPTIONS sip:a@b SIP/2.0\r\nContent-Length: 99999999999999999999999\r\n\r\n");
        assert_eq!(f.next_frame(), Err(FramingError::HeadTooLarge));
        let head = b"OPTIONS sip:a@b SIP/2.0\r\nContent-Length: 80\r\n\r\n";
        let mut f = StreamFramer::new(100);
        f.push(head);
        f.push(b"part of the body");
        assert_eq!(f.next_frame(), Err(FramingError::MessageTooLarge));
        assert_eq!(f.failed_head().as_deref(), Some(&head[..]), "the head only");
        let mut f = StreamFramer::new(100);
        f.push(&[b'A'; 101]);
        assert_eq!(f.next_frame(), Err(FramingError::HeadTooLarge));
        assert_eq!(f.failed_head(), None, "no head ended");
        let mut f = StreamFramer::new(100);
        f.push(b"OPTIONS sip:a@b SIP/2.0\r\n");
        f.push(&b"X: y\r\n".repeat(20));
        assert_eq!(f.next_frame(), Err(FramingError::HeadTooLarge));
        assert_eq!(f.failed_head(), None, "a header section without end");
        let mut f = StreamFramer::new(1000);
        f.push(MSG1);
        assert!(matches!(f.next_frame(), Ok(Some(Frame::Message(_)))));
        assert_eq!(f.failed_head(), None, "no error");
    }

    #[test]
    fn waits_for_the_body_and_skips_stray_bytes() {
        let mut f = StreamFramer::new(1000);
        f.push(b"\n\r");
        f.push(&MSG1[..MSG1.len() - 1]);
        assert_eq!(f.next_frame(), Ok(None));
        f.push(&MSG1[MSG1.len() - 1..]);
        assert_eq!(
            f.next_frame(),
            Ok(Some(Frame::Message(Bytes::from_static(MSG1))))
        );
        assert_eq!(f.next_frame(), Ok(None));
    }
}
