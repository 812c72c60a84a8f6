//! The SDP parser (RFC 8866 §5, §9): strict on structure, tolerant like real phones.
//!
//! Tolerated: LF-only line ends, trailing spaces and tabs (cut), blank lines (skipped),
//! the session-level lines in any order after `o=`, a missing `s=` (an empty name, which
//! the writer writes as the RFC's `s= `), a missing `t=` (taken as `t=0 0`), an `o=`
//! username with spaces (some gateways send one), an `m=` line without formats, lines of
//! unknown types and unknown attributes (kept). Rejected, with the line number: a first
//! line that is not `v=`, a line that is not `<letter>=<value>`, control characters,
//! invalid UTF-8, numbers that do not read, a malformed `o=`, `c=`, `b=`, `t=` or `m=`
//! line, `r=` before any `t=`, a repeated single-valued line, a session-only line inside
//! a media description, an attribute without a name, a missing `o=`.

use super::attributes::{parse_digits, Attribute};
use super::model::{
    Bandwidth, Connection, ExtraLine, MediaDescription, Origin, SessionDescription, Timing,
};
use std::fmt;
use std::str::FromStr;

/// Why a description could not be parsed, naming the line (1-based; 0 for the
/// description as a whole, such as a missing `o=`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SdpError {
    /// The line number, counting from 1, or 0 for the whole description.
    pub line: usize,
    /// What is wrong.
    pub reason: String,
}

impl SdpError {
    fn new(line: usize, reason: impl Into<String>) -> Self {
        SdpError {
            line,
            reason: reason.into(),
        }
    }
}

impl fmt::Display for SdpError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.line == 0 {
            write!(f, "invalid SDP: {}", self.reason)
        } else {
            write!(f, "invalid SDP at line {}: {}", self.line, self.reason)
        }
    }
}

impl std::error::Error for SdpError {}

impl SessionDescription {
    /// Parses a session description (a SIP body).
    pub fn parse(input: &[u8]) -> Result<Self, SdpError> {
        Parser::default().run(input)
    }
}

impl FromStr for SessionDescription {
    type Err = SdpError;
    fn from_str(s: &str) -> Result<Self, SdpError> {
        SessionDescription::parse(s.as_bytes())
    }
}

/// What has been read so far of the session-level part.
#[derive(Default)]
struct Parser {
    version: Option<u32>,
    session_name: Option<String>,
    session: Option<SessionDescription>,
}

impl Parser {
    fn run(mut self, input: &[u8]) -> Result<SessionDescription, SdpError> {
        let mut seen_line = false;
        for (index, raw) in input.split(|&b| b == b'\n').enumerate() {
            let n = index + 1;
            let text = std::str::from_utf8(raw).map_err(|_| SdpError::new(n, "not UTF-8"))?;
            let text = text.trim_end_matches([' ', '\t', '\r']);
            if text.is_empty() {
                continue;
            }
            if let Some(c) = text.chars().find(|&c| c.is_control() && c != '\t') {
                return Err(SdpError::new(n, format!("control character {c:?}")));
            }
            let kind = match text.as_bytes() {
                [k, b'=', ..] if k.is_ascii_alphabetic() => char::from(*k),
                _ => {
                    return Err(SdpError::new(
                        n,
                        format!("expected <type>=<value>, got {:?}", clip(text)),
                    ))
                }
            };
            let value = text.get(2..).unwrap_or("");
            if !seen_line && kind != 'v' {
                return Err(SdpError::new(n, "the first line must be v="));
            }
            seen_line = true;
            self.line(n, kind, value)?;
        }
        if !seen_line {
            return Err(SdpError::new(0, "empty description"));
        }
        let mut sdp = self.session(0)?;
        if sdp.times.is_empty() {
            sdp.times.push(Timing {
                start: 0,
                stop: 0,
                repeats: Vec::new(),
            });
        }
        Ok(sdp)
    }

    /// The description, once `o=` has been read.
    fn session(self, n: usize) -> Result<SessionDescription, SdpError> {
        self.session.ok_or_else(|| SdpError::new(n, "no o= line"))
    }

    fn line(&mut self, n: usize, kind: char, value: &str) -> Result<(), SdpError> {
        match (kind, self.session.as_mut()) {
            ('v', _) => {
                if self.version.is_some() {
                    return Err(SdpError::new(n, "a second v= line"));
                }
                self.version = Some(
                    parse_digits(value).ok_or_else(|| SdpError::new(n, "v= is not a number"))?,
                );
            }
            ('o', None) => {
                let mut sdp = SessionDescription::new(parse_origin(n, value)?, String::new());
                sdp.version = self.version.unwrap_or(0);
                sdp.times.clear();
                if let Some(name) = &self.session_name {
                    sdp.session_name.clone_from(name);
                }
                self.session = Some(sdp);
            }
            ('o', Some(_)) => return Err(SdpError::new(n, "a second o= line")),
            ('s', sdp) if sdp.as_ref().is_none_or(|s| s.media.is_empty()) => {
                if self.session_name.is_some() {
                    return Err(SdpError::new(n, "a second s= line"));
                }
                self.session_name = Some(value.to_string());
                if let Some(sdp) = sdp {
                    sdp.session_name = value.to_string();
                }
            }
            (_, None) => return Err(SdpError::new(n, format!("{kind}= before o="))),
            (_, Some(sdp)) => match sdp.media.last_mut() {
                Some(media) if kind != 'm' => media_line(n, media, kind, value)?,
                _ => session_line(n, sdp, kind, value)?,
            },
        }
        Ok(())
    }
}

fn session_line(
    n: usize,
    sdp: &mut SessionDescription,
    kind: char,
    value: &str,
) -> Result<(), SdpError> {
    match kind {
        'i' => set_once(n, &mut sdp.information, value, "i=")?,
        'u' => set_once(n, &mut sdp.uri, value, "u=")?,
        'e' => sdp.emails.push(value.to_string()),
        'p' => sdp.phones.push(value.to_string()),
        'c' => {
            if sdp.connection.is_some() {
                return Err(SdpError::new(n, "a second session-level c= line"));
            }
            sdp.connection = Some(parse_connection(n, value)?);
        }
        'b' => sdp.bandwidths.push(parse_bandwidth(n, value)?),
        't' => sdp.times.push(parse_timing(n, value)?),
        'r' => match sdp.times.last_mut() {
            Some(t) => t.repeats.push(value.to_string()),
            None => return Err(SdpError::new(n, "r= before any t=")),
        },
        'z' => set_once(n, &mut sdp.time_zones, value, "z=")?,
        'k' => set_once(n, &mut sdp.key, value, "k=")?,
        'a' => sdp.attributes.push(parse_attribute(n, value)?),
        'm' => sdp.media.push(parse_media(n, value)?),
        _ => sdp.extra_lines.push(ExtraLine {
            kind,
            value: value.to_string(),
        }),
    }
    Ok(())
}

fn media_line(
    n: usize,
    media: &mut MediaDescription,
    kind: char,
    value: &str,
) -> Result<(), SdpError> {
    match kind {
        'i' => set_once(n, &mut media.information, value, "i=")?,
        'c' => media.connections.push(parse_connection(n, value)?),
        'b' => media.bandwidths.push(parse_bandwidth(n, value)?),
        'k' => set_once(n, &mut media.key, value, "k=")?,
        'a' => media.attributes.push(parse_attribute(n, value)?),
        'v' | 'o' | 's' | 'u' | 'e' | 'p' | 't' | 'r' | 'z' => {
            return Err(SdpError::new(
                n,
                format!("{kind}= is not allowed in a media description"),
            ))
        }
        _ => media.extra_lines.push(ExtraLine {
            kind,
            value: value.to_string(),
        }),
    }
    Ok(())
}

fn set_once(n: usize, slot: &mut Option<String>, value: &str, what: &str) -> Result<(), SdpError> {
    if slot.is_some() {
        return Err(SdpError::new(n, format!("a second {what} line")));
    }
    *slot = Some(value.to_string());
    Ok(())
}

fn number<T: FromStr>(n: usize, s: &str, what: &str) -> Result<T, SdpError> {
    parse_digits(s)
        .ok_or_else(|| SdpError::new(n, format!("{what} is not a number: {:?}", clip(s))))
}

fn parse_origin(n: usize, value: &str) -> Result<Origin, SdpError> {
    let words: Vec<&str> = value.split_ascii_whitespace().collect();
    let split = words
        .len()
        .checked_sub(5)
        .filter(|&k| k >= 1)
        .ok_or_else(|| SdpError::new(n, "o= needs six fields"))?;
    let (user, rest) = words.split_at(split);
    let [id, version, net_type, addr_type, address] = rest else {
        return Err(SdpError::new(n, "o= needs six fields"));
    };
    Ok(Origin {
        username: user.join(" "),
        session_id: number(n, id, "the o= session id")?,
        session_version: number(n, version, "the o= session version")?,
        net_type: net_type.to_string(),
        addr_type: addr_type.to_string(),
        address: address.to_string(),
    })
}

fn parse_connection(n: usize, value: &str) -> Result<Connection, SdpError> {
    let words: Vec<&str> = value.split_ascii_whitespace().collect();
    let [net_type, addr_type, address] = words.as_slice() else {
        return Err(SdpError::new(n, "c= needs <nettype> <addrtype> <address>"));
    };
    let mut c = Connection {
        net_type: net_type.to_string(),
        addr_type: addr_type.to_string(),
        address: address.to_string(),
        ttl: None,
        count: None,
    };
    let parts: Vec<&str> = address.split('/').collect();
    if addr_type.eq_ignore_ascii_case("IP4") {
        match parts.as_slice() {
            [_] => {}
            [a, ttl] => (c.address, c.ttl) = (a.to_string(), Some(number(n, ttl, "the c= TTL")?)),
            [a, ttl, count] => {
                c.address = a.to_string();
                c.ttl = Some(number(n, ttl, "the c= TTL")?);
                c.count = Some(number(n, count, "the c= address count")?);
            }
            _ => return Err(SdpError::new(n, "c= address has too many '/' parts")),
        }
    } else if addr_type.eq_ignore_ascii_case("IP6") {
        match parts.as_slice() {
            [_] => {}
            [a, count] => {
                (c.address, c.count) = (
                    a.to_string(),
                    Some(number(n, count, "the c= address count")?),
                )
            }
            _ => return Err(SdpError::new(n, "c= address has too many '/' parts")),
        }
    }
    if c.address.is_empty() {
        return Err(SdpError::new(n, "c= has an empty address"));
    }
    Ok(c)
}

fn parse_bandwidth(n: usize, value: &str) -> Result<Bandwidth, SdpError> {
    let (kind, bw) = value
        .split_once(':')
        .filter(|(k, _)| !k.is_empty() && !k.contains(char::is_whitespace))
        .ok_or_else(|| SdpError::new(n, "b= needs <bwtype>:<bandwidth>"))?;
    Ok(Bandwidth {
        kind: kind.to_string(),
        value: number(n, bw.trim_start(), "the b= bandwidth")?,
    })
}

fn parse_timing(n: usize, value: &str) -> Result<Timing, SdpError> {
    let words: Vec<&str> = value.split_ascii_whitespace().collect();
    let [start, stop] = words.as_slice() else {
        return Err(SdpError::new(n, "t= needs <start> <stop>"));
    };
    Ok(Timing {
        start: number(n, start, "the t= start time")?,
        stop: number(n, stop, "the t= stop time")?,
        repeats: Vec::new(),
    })
}

fn parse_attribute(n: usize, value: &str) -> Result<Attribute, SdpError> {
    let (name, value) = match value.split_once(':') {
        Some((name, v)) => (name, Some(v.to_string())),
        None => (value, None),
    };
    if name.is_empty() {
        return Err(SdpError::new(n, "an attribute without a name"));
    }
    Ok(Attribute::new(name, value))
}

fn parse_media(n: usize, value: &str) -> Result<MediaDescription, SdpError> {
    let mut words = value.split_ascii_whitespace();
    let (Some(media), Some(port), Some(proto)) = (words.next(), words.next(), words.next()) else {
        return Err(SdpError::new(n, "m= needs <media> <port> <proto> <fmt>..."));
    };
    let (port, port_count) = match port.split_once('/') {
        Some((p, count)) => (p, Some(number(n, count, "the m= port count")?)),
        None => (port, None),
    };
    let mut m = MediaDescription::new(
        media,
        number(n, port, "the m= port")?,
        proto,
        words.map(str::to_string).collect(),
    );
    m.port_count = port_count;
    Ok(m)
}

/// The start of a line, for error messages.
fn clip(s: &str) -> &str {
    let end = s.char_indices().nth(40).map_or(s.len(), |(i, _)| i);
    s.get(..end).unwrap_or(s)
}
