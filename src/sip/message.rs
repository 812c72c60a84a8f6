//! The SIP message model (RFC 3261 §7): requests, responses, their typed header accessors,
//! and the writer.

use super::header_name::HeaderName;
use super::headers::Headers;
use super::method::Method;
use super::name_addr::NameAddr;
use super::parse::{self, ParseError};
use super::text::Text;
use super::uri::Uri;
use super::via::Via;
use bytes::{BufMut, Bytes, BytesMut};
use std::fmt::Write as _;

/// A SIP request.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Request {
    /// The method.
    pub method: Method,
    /// The Request-URI.
    pub uri: Uri,
    /// The header fields (Content-Length is recomputed when written).
    pub headers: Headers,
    /// The body.
    pub body: Bytes,
}

/// A SIP response.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Response {
    /// The status code, 100..=699.
    pub status: u16,
    /// The reason phrase.
    pub reason: Text,
    /// The header fields (Content-Length is recomputed when written).
    pub headers: Headers,
    /// The body.
    pub body: Bytes,
}

/// A SIP request or response.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Message {
    /// A request.
    Request(Request),
    /// A response.
    Response(Response),
}

/// The CSeq header: a sequence number and the method (RFC 3261 §20.16).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CSeq {
    /// The sequence number (< 2**31).
    pub seq: u32,
    /// The method.
    pub method: Method,
}

impl std::fmt::Display for CSeq {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} {}", self.seq, self.method)
    }
}

impl Message {
    /// Parses one complete message (a datagram, or a frame cut from a stream).
    pub fn parse(data: Bytes) -> Result<Message, ParseError> {
        parse::parse_message(data)
    }

    /// The header fields.
    pub fn headers(&self) -> &Headers {
        match self {
            Message::Request(r) => &r.headers,
            Message::Response(r) => &r.headers,
        }
    }

    /// The header fields, mutable.
    pub fn headers_mut(&mut self) -> &mut Headers {
        match self {
            Message::Request(r) => &mut r.headers,
            Message::Response(r) => &mut r.headers,
        }
    }

    /// The body.
    pub fn body(&self) -> &Bytes {
        match self {
            Message::Request(r) => &r.body,
            Message::Response(r) => &r.body,
        }
    }

    /// The wire form.
    pub fn to_bytes(&self) -> Bytes {
        match self {
            Message::Request(r) => r.to_bytes(),
            Message::Response(r) => r.to_bytes(),
        }
    }
}

/// Typed accessors shared by requests and responses. Each parses the header on demand and
/// returns `None` when it is absent or malformed.
pub trait SipHeaders {
    /// The header fields.
    fn headers(&self) -> &Headers;

    /// The Call-ID.
    fn call_id(&self) -> Option<&Text> {
        self.headers().get(&HeaderName::CallId)
    }

    /// The CSeq.
    fn cseq(&self) -> Option<CSeq> {
        parse::parse_cseq(self.headers().get(&HeaderName::CSeq)?).ok()
    }

    /// The From address.
    // "from" is the header's name here, not a conversion.
    #[allow(clippy::wrong_self_convention)]
    fn from_addr(&self) -> Option<NameAddr> {
        parse::parse_name_addr(self.headers().get(&HeaderName::From)?).ok()
    }

    /// The To address.
    fn to_addr(&self) -> Option<NameAddr> {
        parse::parse_name_addr(self.headers().get(&HeaderName::To)?).ok()
    }

    /// The topmost Via value.
    fn top_via(&self) -> Option<Via> {
        let first = self.headers().values(&HeaderName::Via).next()?;
        parse::parse_via(&first).ok()
    }

    /// Every Via value, top first; `None` if any is malformed.
    fn vias(&self) -> Option<Vec<Via>> {
        self.headers()
            .values(&HeaderName::Via)
            .map(|v| parse::parse_via(&v).ok())
            .collect()
    }

    /// Every Contact value; `None` if any is malformed. `Contact: *` gives an empty list
    /// (see [`SipHeaders::is_contact_star`]).
    fn contacts(&self) -> Option<Vec<NameAddr>> {
        self.headers()
            .values(&HeaderName::Contact)
            .filter(|v| v.as_str() != "*")
            .map(|v| parse::parse_name_addr(&v).ok())
            .collect()
    }

    /// Whether the Contact is the wildcard `*` (REGISTER removing all bindings).
    fn is_contact_star(&self) -> bool {
        self.headers()
            .values(&HeaderName::Contact)
            .any(|v| v.as_str() == "*")
    }

    /// A header holding a non-negative decimal number (Expires, Max-Forwards...).
    fn number(&self, name: &HeaderName) -> Option<u32> {
        let v = self.headers().get(name)?;
        let v = v.trim();
        if v.is_empty() || !v.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        v.parse().ok()
    }

    /// The tokens of a comma-list header (Allow, Supported, Require...).
    fn tokens(&self, name: &HeaderName) -> Vec<Text> {
        self.headers().values(name).collect()
    }
}

impl SipHeaders for Request {
    fn headers(&self) -> &Headers {
        &self.headers
    }
}

impl SipHeaders for Response {
    fn headers(&self) -> &Headers {
        &self.headers
    }
}

impl SipHeaders for Message {
    fn headers(&self) -> &Headers {
        Message::headers(self)
    }
}

impl Request {
    /// A request with no header fields and an empty body.
    pub fn new(method: Method, uri: Uri) -> Self {
        Request {
            method,
            uri,
            headers: Headers::new(),
            body: Bytes::new(),
        }
    }

    /// The wire form; Content-Length is written from the body's length.
    pub fn to_bytes(&self) -> Bytes {
        let mut line = String::with_capacity(128);
        let _ = write!(line, "{} {} SIP/2.0\r\n", self.method, self.uri);
        write_message(&line, &self.headers, &self.body)
    }
}

impl Response {
    /// A response with no header fields and an empty body.
    pub fn new(status: u16, reason: impl Into<Text>) -> Self {
        Response {
            status,
            reason: reason.into(),
            headers: Headers::new(),
            body: Bytes::new(),
        }
    }

    /// The wire form; Content-Length is written from the body's length.
    pub fn to_bytes(&self) -> Bytes {
        let line = format!("SIP/2.0 {} {}\r\n", self.status, self.reason);
        write_message(&line, &self.headers, &self.body)
    }

    /// Whether this is a provisional (1xx) response.
    pub fn is_provisional(&self) -> bool {
        self.status < 200
    }
}

fn write_message(start_line: &str, headers: &Headers, body: &Bytes) -> Bytes {
    let size = start_line.len()
        + headers
            .iter()
            .map(|h| h.name.as_str().len() + h.value.len() + 4)
            .sum::<usize>()
        + 24
        + body.len();
    let mut out = BytesMut::with_capacity(size);
    out.put_slice(start_line.as_bytes());
    for h in headers {
        if h.name == HeaderName::ContentLength {
            continue;
        }
        out.put_slice(h.name.as_str().as_bytes());
        out.put_slice(b": ");
        out.put_slice(h.value.as_bytes());
        out.put_slice(b"\r\n");
    }
    out.put_slice(format!("Content-Length: {}\r\n\r\n", body.len()).as_bytes());
    out.put_slice(body);
    out.freeze()
}

/// The standard reason phrase of a status code (RFC 3261 §21 and extensions).
pub fn reason_phrase(status: u16) -> &'static str {
    match status {
        100 => "Trying",
        180 => "Ringing",
        181 => "Call Is Being Forwarded",
        182 => "Queued",
        183 => "Session Progress",
        199 => "Early Dialog Terminated",
        200 => "OK",
        202 => "Accepted",
        204 => "No Notification",
        300 => "Multiple Choices",
        301 => "Moved Permanently",
        302 => "Moved Temporarily",
        305 => "Use Proxy",
        380 => "Alternative Service",
        400 => "Bad Request",
        401 => "Unauthorized",
        402 => "Payment Required",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        406 => "Not Acceptable",
        407 => "Proxy Authentication Required",
        408 => "Request Timeout",
        410 => "Gone",
        412 => "Conditional Request Failed",
        413 => "Request Entity Too Large",
        414 => "Request-URI Too Long",
        415 => "Unsupported Media Type",
        416 => "Unsupported URI Scheme",
        420 => "Bad Extension",
        421 => "Extension Required",
        422 => "Session Interval Too Small",
        423 => "Interval Too Brief",
        480 => "Temporarily Unavailable",
        481 => "Call/Transaction Does Not Exist",
        482 => "Loop Detected",
        483 => "Too Many Hops",
        484 => "Address Incomplete",
        485 => "Ambiguous",
        486 => "Busy Here",
        487 => "Request Terminated",
        488 => "Not Acceptable Here",
        489 => "Bad Event",
        491 => "Request Pending",
        493 => "Undecipherable",
        500 => "Server Internal Error",
        501 => "Not Implemented",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        504 => "Server Time-out",
        505 => "Version Not Supported",
        513 => "Message Too Large",
        580 => "Precondition Failure",
        600 => "Busy Everywhere",
        603 => "Decline",
        604 => "Does Not Exist Anywhere",
        606 => "Not Acceptable",
        _ => match status / 100 {
            1 => "Progress",
            2 => "Success",
            3 => "Redirection",
            4 => "Client Error",
            5 => "Server Error",
            _ => "Global Failure",
        },
    }
}
