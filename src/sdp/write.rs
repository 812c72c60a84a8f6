//! The SDP writer: CRLF line ends and the line order of RFC 8866 §5 (v o s i u e p c b
//! t r z k a, then per medium m i c b k a). Lines of unknown types go just before the
//! attributes of their section.
//!
//! Values are written as they are in the model; a value set by hand must not contain CR
//! or LF. A parsed description writes and re-parses to an equal one.

use super::attributes::Attribute;
use super::model::{Bandwidth, Connection, ExtraLine, MediaDescription, SessionDescription};
use std::fmt::{self, Write};

impl SessionDescription {
    /// The description as bytes, ready to be a SIP body.
    pub fn to_bytes(&self) -> Vec<u8> {
        self.to_string().into_bytes()
    }
}

impl fmt::Display for SessionDescription {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "v={}\r\n", self.version)?;
        let o = &self.origin;
        write!(
            f,
            "o={} {} {} {} {} {}\r\n",
            o.username, o.session_id, o.session_version, o.net_type, o.addr_type, o.address
        )?;
        if self.session_name.is_empty() {
            // RFC 8866 §5.3: a session without a name has a single space.
            f.write_str("s= \r\n")?;
        } else {
            write!(f, "s={}\r\n", self.session_name)?;
        }
        line(f, 'i', self.information.as_deref())?;
        line(f, 'u', self.uri.as_deref())?;
        for e in &self.emails {
            write!(f, "e={e}\r\n")?;
        }
        for p in &self.phones {
            write!(f, "p={p}\r\n")?;
        }
        if let Some(c) = &self.connection {
            connection(f, c)?;
        }
        bandwidths(f, &self.bandwidths)?;
        if self.times.is_empty() {
            f.write_str("t=0 0\r\n")?;
        }
        for t in &self.times {
            write!(f, "t={} {}\r\n", t.start, t.stop)?;
            for r in &t.repeats {
                write!(f, "r={r}\r\n")?;
            }
        }
        line(f, 'z', self.time_zones.as_deref())?;
        line(f, 'k', self.key.as_deref())?;
        extra(f, &self.extra_lines)?;
        attributes(f, &self.attributes)?;
        for m in &self.media {
            write!(f, "{m}")?;
        }
        Ok(())
    }
}

impl fmt::Display for MediaDescription {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "m={} {}", self.media, self.port)?;
        if let Some(count) = self.port_count {
            write!(f, "/{count}")?;
        }
        write!(f, " {}", self.proto)?;
        for fmt in &self.formats {
            write!(f, " {fmt}")?;
        }
        f.write_str("\r\n")?;
        line(f, 'i', self.information.as_deref())?;
        for c in &self.connections {
            connection(f, c)?;
        }
        bandwidths(f, &self.bandwidths)?;
        line(f, 'k', self.key.as_deref())?;
        extra(f, &self.extra_lines)?;
        attributes(f, &self.attributes)
    }
}

fn line(f: &mut fmt::Formatter<'_>, kind: char, value: Option<&str>) -> fmt::Result {
    match value {
        Some(v) => write!(f, "{kind}={v}\r\n"),
        None => Ok(()),
    }
}

fn connection(f: &mut fmt::Formatter<'_>, c: &Connection) -> fmt::Result {
    write!(f, "c={} {} {}", c.net_type, c.addr_type, c.address)?;
    if let Some(ttl) = c.ttl {
        write!(f, "/{ttl}")?;
    }
    if let Some(count) = c.count {
        write!(f, "/{count}")?;
    }
    f.write_str("\r\n")
}

fn bandwidths(f: &mut fmt::Formatter<'_>, list: &[Bandwidth]) -> fmt::Result {
    list.iter()
        .try_for_each(|b| write!(f, "b={}:{}\r\n", b.kind, b.value))
}

fn extra(f: &mut fmt::Formatter<'_>, list: &[ExtraLine]) -> fmt::Result {
    list.iter()
        .try_for_each(|l| write!(f, "{}={}\r\n", l.kind, l.value))
}

fn attributes(f: &mut fmt::Formatter<'_>, list: &[Attribute]) -> fmt::Result {
    for a in list {
        f.write_str("a=")?;
        f.write_str(&a.name)?;
        if let Some(v) = &a.value {
            f.write_char(':')?;
            f.write_str(v)?;
        }
        f.write_str("\r\n")?;
    }
    Ok(())
}
