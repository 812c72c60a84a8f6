//! The SIP message parser (RFC 3261 §7, §25), tolerant as RFC 4475 asks: leading CRLFs,
//! folded lines, compact and any-case header names, whitespace around colons, unknown
//! methods and headers, IPv6 references (RFC 5118), bodies of any bytes.
//!
//! Header values are zero-copy slices of the received buffer (a folded value is the one
//! exception: unfolding needs a copy). The Content-Length header is consumed: it cuts the
//! body, then the body's length is the truth and the writer writes it again, so a parsed
//! message writes and re-parses to an equal message.

mod check;
pub(crate) mod lex;
mod uri;
mod values;

pub use uri::parse_uri;
pub use values::{parse_cseq, parse_name_addr, parse_via};

use super::header_name::HeaderName;
use super::headers::Headers;
use super::message::{Message, Request, Response};
use super::method::Method;
use super::text::Text;
use super::uri::Uri;
use bytes::Bytes;
use lex::{is_lws, is_token, is_token_byte, trim_lws};
use std::fmt;

/// Why a message or header could not be parsed, with the status a UAS answers it with.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParseError {
    /// The status to answer a malformed request with (400, 505 ...).
    pub status: u16,
    /// A short human-readable reason, used as the response's reason phrase detail.
    pub reason: String,
    /// For a request whose method and header lines could still be split out: those, so the
    /// endpoint can answer it (copying Via, From, To, Call-ID and CSeq, RFC 3261 §8.2.6).
    pub request_head: Option<Box<RequestHead>>,
}

/// The method and header fields of a request that failed to parse.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RequestHead {
    /// The request method.
    pub method: Method,
    /// Every header line that could be split out, values as received (unfolded).
    pub headers: Headers,
}

impl ParseError {
    /// A 400 Bad Request error with this reason.
    pub(crate) fn bad(reason: impl Into<String>) -> Self {
        ParseError {
            status: 400,
            reason: reason.into(),
            request_head: None,
        }
    }
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.status, self.reason)
    }
}

impl std::error::Error for ParseError {}

/// What the start line says. A short-lived stack value, so the size difference between
/// the variants costs nothing that boxing would save.
#[allow(clippy::large_enum_variant)]
enum StartLine {
    /// A request line: the method, and the Request-URI or why the rest of the line is bad.
    Request {
        method: Method,
        uri: Result<Uri, ParseError>,
    },
    /// A status line.
    Response { status: u16, reason: Text },
}

/// Parses one complete message: a UDP datagram, or a frame cut from a stream. Bytes after
/// the body that Content-Length announces are discarded (RFC 3261 §18.3); without
/// Content-Length the rest of the data is the body.
pub fn parse_message(data: Bytes) -> Result<Message, ParseError> {
    let start = data
        .iter()
        .position(|b| *b != b'\r' && *b != b'\n')
        .ok_or_else(|| ParseError::bad("empty message"))?;
    let (line, pos) = read_line(&data, start);
    let start_line = start_line(&data, line)?;
    let mut headers = Headers::with_capacity(16);
    let mut problem = None;
    let (mut line, mut next) = read_line(&data, pos);
    while line.0 != line.1 {
        (line, next) = header_line(&data, line, next, &mut headers, &mut problem);
    }
    let body = data.slice(next.min(data.len())..);
    match start_line {
        StartLine::Request { method, uri } => {
            let checked = uri.and_then(|uri| {
                problem.map_or(Ok(()), Err)?;
                check::request(&method, &headers)?;
                Ok((uri, cut_body(&mut headers, body)?))
            });
            match checked {
                Ok((uri, body)) => Ok(Message::Request(Request {
                    method,
                    uri,
                    headers,
                    body,
                })),
                Err(mut e) => {
                    e.request_head = Some(Box::new(RequestHead { method, headers }));
                    Err(e)
                }
            }
        }
        StartLine::Response { status, reason } => {
            if let Some(e) = problem {
                return Err(e);
            }
            check::response(&headers)?;
            let body = cut_body(&mut headers, body)?;
            Ok(Message::Response(Response {
                status,
                reason,
                headers,
                body,
            }))
        }
    }
}

/// The method and header fields of a request head whose body is missing or was refused
/// (a stream message too large to take, or without Content-Length), to answer it with an
/// error; `None` for a response or a head whose start line is not a request line.
pub fn parse_request_head(head: Bytes) -> Option<RequestHead> {
    match parse_message(head) {
        Ok(Message::Request(r)) => Some(RequestHead {
            method: r.method,
            headers: r.headers,
        }),
        Ok(Message::Response(_)) => None,
        Err(e) => e.request_head.map(|h| *h),
    }
}

/// The line starting at `pos` (without its LF or CRLF) and where the next line starts.
fn read_line(data: &[u8], pos: usize) -> ((usize, usize), usize) {
    let rest = data.get(pos..).unwrap_or_default();
    match rest.iter().position(|b| *b == b'\n') {
        Some(nl) => {
            let end = if nl > 0 && rest[nl - 1] == b'\r' {
                nl - 1
            } else {
                nl
            };
            ((pos, pos + end), pos + nl + 1)
        }
        None => ((pos, data.len().max(pos)), data.len().max(pos)),
    }
}

fn start_line(data: &Bytes, (s, e): (usize, usize)) -> Result<StartLine, ParseError> {
    let text = Text::from_utf8(data.slice(s..e))
        .ok_or_else(|| ParseError::bad("start line is not UTF-8"))?;
    let line = text.trim_end_matches([' ', '\t']);
    if line
        .get(..4)
        .is_some_and(|v| v.eq_ignore_ascii_case("SIP/"))
    {
        return status_line(&text, line);
    }
    let mut parts = line.split(' ').filter(|p| !p.is_empty());
    let method = parts.next().unwrap_or_default();
    if !is_token(method) {
        return Err(ParseError::bad("bad request line"));
    }
    let method = Method::from_token(text.slice_ref(method));
    let (uri, version) = match (parts.next(), parts.next(), parts.next()) {
        (Some(uri), Some(version), None) => (uri, version),
        _ => {
            return Ok(StartLine::Request {
                method,
                uri: Err(ParseError::bad("bad request line")),
            })
        }
    };
    let uri = if !version.eq_ignore_ascii_case("SIP/2.0") {
        Err(ParseError {
            status: 505,
            reason: format!("SIP version {version} not supported"),
            request_head: None,
        })
    } else {
        match uri::raw_uri(uri) {
            // RFC 3261 Table 1 allows no URI headers in a Request-URI; like PJSIP we ignore
            // them (RFC 4475 §3.1.2.11 permits it), so that a request from a peer that copied
            // a Refer-To URI, and the ACK of its answer, still reach their transaction.
            Ok(u) => Ok(u.build(&text).without_headers()),
            Err(e) => Err(ParseError::bad(format!("bad Request-URI: {e}"))),
        }
    };
    Ok(StartLine::Request { method, uri })
}

fn status_line(text: &Text, line: &str) -> Result<StartLine, ParseError> {
    let (version, rest) = line.split_once(' ').unwrap_or((line, ""));
    if !version.eq_ignore_ascii_case("SIP/2.0") {
        return Err(ParseError {
            status: 505,
            reason: format!("SIP version {version} not supported"),
            request_head: None,
        });
    }
    let rest = rest.trim_start_matches(' ');
    let (code, reason) = rest.split_once(' ').unwrap_or((rest, ""));
    let status = Some(code)
        .filter(|c| c.len() == 3 && c.bytes().all(|b| b.is_ascii_digit()))
        .and_then(|c| c.parse::<u16>().ok())
        .filter(|c| (100..=699).contains(c))
        .ok_or_else(|| ParseError::bad("bad status code"))?;
    Ok(StartLine::Response {
        status,
        reason: text.slice_ref(reason),
    })
}

/// Reads one header field starting with `line` (plus its continuation lines, unfolded to
/// one SP each) into `headers`; returns the line after the field and where the one after
/// that starts. A malformed line is skipped and recorded in `problem` (the first one only).
fn header_line(
    data: &Bytes,
    (s, e): (usize, usize),
    next: usize,
    headers: &mut Headers,
    problem: &mut Option<ParseError>,
) -> ((usize, usize), usize) {
    let line = data.get(s..e).unwrap_or_default();
    let mut fail = |reason: &str| {
        problem.get_or_insert_with(|| ParseError::bad(reason));
        read_line(data, next)
    };
    if matches!(line.first(), Some(b' ' | b'\t')) {
        return fail("continuation line without a header");
    }
    let Some(colon) = line.iter().position(|b| *b == b':') else {
        return fail("header line without ':'");
    };
    let name_len = line[..colon]
        .iter()
        .rposition(|b| !matches!(b, b' ' | b'\t'))
        .map_or(0, |i| i + 1);
    // A token is ASCII, so valid UTF-8.
    let name = match std::str::from_utf8(&line[..name_len]) {
        Ok(n) if !n.is_empty() && n.bytes().all(is_token_byte) => n,
        _ => return fail("bad header name"),
    };
    let name = HeaderName::lookup(name).unwrap_or_else(|| {
        HeaderName::Other(Text::from_utf8(data.slice(s..s + name_len)).unwrap_or_default())
    });
    let (mut value_end, mut folded): (usize, Option<Vec<u8>>) = (e, None);
    let (mut after, mut after_next) = read_line(data, next);
    loop {
        let cont_line = data.get(after.0..after.1).unwrap_or_default();
        if !matches!(cont_line.first(), Some(b' ' | b'\t')) {
            break;
        }
        let buf = folded.get_or_insert_with(|| data[s + colon + 1..value_end].to_vec());
        while buf
            .last()
            .is_some_and(|b| matches!(b, b' ' | b'\t' | b'\r'))
        {
            buf.pop();
        }
        buf.push(b' ');
        let indent = cont_line
            .iter()
            .take_while(|b| matches!(b, b' ' | b'\t'))
            .count();
        buf.extend_from_slice(cont_line.get(indent..).unwrap_or_default());
        value_end = after.1;
        (after, after_next) = read_line(data, after_next);
    }
    let value = match folded {
        Some(buf) => String::from_utf8(buf)
            .ok()
            .map(|v| Text::from(trim_lws(&v))),
        None => {
            let raw = &data[s + colon + 1..value_end];
            let lead = raw.iter().take_while(|b| is_lws(**b)).count();
            let trail = raw[lead..].iter().rev().take_while(|b| is_lws(**b)).count();
            Text::from_utf8(data.slice(s + colon + 1 + lead..value_end - trail))
        }
    };
    match value {
        Some(value) => headers.push(name, value),
        None => {
            problem.get_or_insert_with(|| ParseError::bad("header is not UTF-8"));
        }
    }
    (after, after_next)
}

/// Cuts the body to Content-Length (RFC 3261 §18.3) and removes the Content-Length
/// fields: from here on the body's length is the truth.
fn cut_body(headers: &mut Headers, body: Bytes) -> Result<Bytes, ParseError> {
    let mut length: Option<usize> = None;
    for v in headers.get_all(&HeaderName::ContentLength) {
        let v = trim_lws(v);
        if v.is_empty() || !v.bytes().all(|b| b.is_ascii_digit()) {
            return Err(ParseError::bad("bad Content-Length"));
        }
        let n = v
            .parse::<usize>()
            .map_err(|_| ParseError::bad("Content-Length larger than body"))?;
        if length.is_some_and(|l| l != n) {
            return Err(ParseError::bad("conflicting Content-Length values"));
        }
        length = Some(n);
    }
    let body = match length {
        Some(n) if n > body.len() => {
            return Err(ParseError::bad("Content-Length larger than body"))
        }
        Some(n) => body.slice(..n),
        None => body,
    };
    headers.remove(&HeaderName::ContentLength);
    Ok(body)
}

#[cfg(test)]
mod tests;
