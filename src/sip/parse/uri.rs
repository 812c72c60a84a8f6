//! URI parsing: SIP and SIPS URIs (RFC 3261 §19.1.1, §25.1) with IPv6 references
//! (RFC 5118), hosts, and other absolute URIs kept opaque.

use super::lex::{check_params, escapes_ok, parse_params, ParamSyntax};
use super::ParseError;
use crate::sip::text::Text;
use crate::sip::uri::{Host, SipUri, Uri};
use std::net::{Ipv4Addr, Ipv6Addr};

/// Parses a URI: `sip:`/`sips:` (any case) give [`Uri::Sip`], any other valid absolute
/// URI gives [`Uri::Other`]. Every part is a slice of `s`.
pub fn parse_uri(s: &Text) -> Result<Uri, ParseError> {
    raw_uri(s)
        .map(|u| u.build(s))
        .map_err(|e| ParseError::bad(format!("bad URI: {e}")))
}

/// A checked URI whose parts borrow the input: checking a header needs no copies and no
/// reference counts; [`RawUri::build`] makes the model.
pub(crate) enum RawUri<'a> {
    /// A SIP or SIPS URI.
    Sip(RawSipUri<'a>),
    /// Any other scheme, kept opaque.
    Other { scheme: &'a str, rest: &'a str },
}

/// The parts of a checked SIP URI.
pub(crate) struct RawSipUri<'a> {
    secure: bool,
    user: Option<&'a str>,
    password: Option<&'a str>,
    host: RawHost<'a>,
    port: Option<u16>,
    /// The checked `;params` text.
    params: &'a str,
    /// The checked text after `?`.
    headers: Option<&'a str>,
}

/// A checked host: a domain name still borrowed, or an address.
pub(crate) enum RawHost<'a> {
    Domain(&'a str),
    Ip(Host),
}

impl RawHost<'_> {
    /// The host, a domain name sliced from `text` (which the name borrows from).
    pub(crate) fn build(&self, text: &Text) -> Host {
        match self {
            RawHost::Domain(d) => Host::Domain(text.slice_ref(d)),
            RawHost::Ip(h) => h.clone(),
        }
    }
}

impl RawUri<'_> {
    /// The URI, every part sliced from `text` (which this URI borrows from).
    pub(crate) fn build(&self, text: &Text) -> Uri {
        let u = match self {
            RawUri::Other { scheme, rest } => {
                return Uri::Other {
                    scheme: text.slice_ref(scheme),
                    rest: text.slice_ref(rest),
                }
            }
            RawUri::Sip(u) => u,
        };
        let headers = u.headers.map_or_else(Vec::new, |h| {
            h.split('&')
                .map(|pair| {
                    let (name, value) = pair.split_once('=').unwrap_or((pair, ""));
                    (text.slice_ref(name), text.slice_ref(value))
                })
                .collect()
        });
        Uri::Sip(SipUri {
            secure: u.secure,
            user: u.user.map(|x| text.slice_ref(x)),
            password: u.password.map(|x| text.slice_ref(x)),
            host: u.host.build(text),
            port: u.port,
            // Checked when the raw URI was made, so this cannot fail.
            params: parse_params(text, u.params, ParamSyntax::Uri).unwrap_or_default(),
            headers,
        })
    }
}

/// Checks the URI `s` and splits it into its parts.
pub(crate) fn raw_uri(s: &str) -> Result<RawUri<'_>, String> {
    let colon = s.find(':').ok_or("no scheme")?;
    let (scheme, rest) = (&s[..colon], &s[colon + 1..]);
    let mut chars = scheme.bytes();
    let scheme_ok = chars.next().is_some_and(|b| b.is_ascii_alphabetic())
        && chars.all(|b| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'-' | b'.'));
    if !scheme_ok {
        return Err("bad scheme".into());
    }
    if scheme.eq_ignore_ascii_case("sip") || scheme.eq_ignore_ascii_case("sips") {
        let secure = scheme.len() == 4;
        return sip_uri(rest, secure).map(RawUri::Sip);
    }
    let opaque_ok = !rest.is_empty()
        && rest
            .bytes()
            .all(|b| b.is_ascii_graphic() && !matches!(b, b'<' | b'>' | b'"'));
    if !opaque_ok || !escapes_ok(rest) {
        return Err(format!("bad {scheme} URI"));
    }
    Ok(RawUri::Other { scheme, rest })
}

fn is_unreserved(b: u8) -> bool {
    b.is_ascii_alphanumeric()
        || matches!(
            b,
            b'-' | b'_' | b'.' | b'!' | b'~' | b'*' | b'\'' | b'(' | b')'
        )
}

fn sip_uri(s: &str, secure: bool) -> Result<RawSipUri<'_>, String> {
    let (user, password, rest) = match s.find('@') {
        Some(at) => {
            let userinfo = &s[..at];
            let (user, password) = match userinfo.find(':') {
                Some(c) => (&userinfo[..c], Some(&userinfo[c + 1..])),
                None => (userinfo, None),
            };
            let user_ok = !user.is_empty()
                && user
                    .bytes()
                    .all(|b| is_unreserved(b) || b"%&=+$,;?/".contains(&b));
            if !user_ok || !escapes_ok(user) {
                return Err("bad user part".into());
            }
            if let Some(pw) = password {
                let ok = pw
                    .bytes()
                    .all(|b| is_unreserved(b) || b"%&=+$,".contains(&b));
                if !ok || !escapes_ok(pw) {
                    return Err("bad password".into());
                }
            }
            (Some(user), password, &s[at + 1..])
        }
        None => (None, None, s),
    };
    let hostport_end = rest.find([';', '?']).unwrap_or(rest.len());
    let (host, port) = host_port(&rest[..hostport_end])?;
    let rest = &rest[hostport_end..];
    let (params, headers) = match rest.find('?') {
        Some(q) => (&rest[..q], Some(&rest[q + 1..])),
        None => (rest, None),
    };
    check_params(params, ParamSyntax::Uri)?;
    if let Some(h) = headers {
        for pair in h.split('&') {
            let ok = pair
                .bytes()
                .all(|b| is_unreserved(b) || b"%[]/?:+$=".contains(&b));
            if !ok || !escapes_ok(pair) || pair.starts_with('=') || pair.is_empty() {
                return Err("bad URI header".into());
            }
        }
    }
    Ok(RawSipUri {
        secure,
        user,
        password,
        host,
        port,
        params,
        headers,
    })
}

/// Parses `host[:port]` where host is a domain name, an IPv4 address or an IPv6
/// reference in brackets.
pub(crate) fn host_port(s: &str) -> Result<(RawHost<'_>, Option<u16>), String> {
    let (host, port) = if let Some(inner) = s.strip_prefix('[') {
        let close = inner.find(']').ok_or("unterminated IPv6 reference")?;
        let addr: Ipv6Addr = inner[..close].parse().map_err(|_| "bad IPv6 address")?;
        let after = &inner[close + 1..];
        let port = match after {
            "" => None,
            _ => Some(after.strip_prefix(':').ok_or("junk after IPv6 reference")?),
        };
        (RawHost::Ip(Host::V6(addr)), port)
    } else {
        let (h, port) = match s.split_once(':') {
            Some((h, p)) => (h, Some(p)),
            None => (s, None),
        };
        (host(h)?, port)
    };
    let port = match port {
        None => None,
        Some(p) => Some(parse_port(p).ok_or("bad port")?),
    };
    Ok((host, port))
}

fn parse_port(p: &str) -> Option<u16> {
    if p.is_empty() || p.len() > 5 || !p.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    p.parse().ok()
}

/// Parses a host that is not an IPv6 reference: an IPv4 address or a domain name.
fn host(h: &str) -> Result<RawHost<'_>, String> {
    if h.is_empty() {
        return Err("empty host".into());
    }
    if h.bytes().all(|b| b.is_ascii_digit() || b == b'.') {
        let a: Ipv4Addr = h.parse().map_err(|_| "bad IPv4 address")?;
        return Ok(RawHost::Ip(Host::V4(a)));
    }
    let ok = h
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_'));
    if !ok || h.starts_with(['.', '-']) || h.contains("..") {
        return Err(format!("bad host {h:?}"));
    }
    Ok(RawHost::Domain(h))
}

impl std::str::FromStr for Uri {
    type Err = ParseError;
    /// Parses a URI from a string (copying it).
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        parse_uri(&Text::from(s))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sip(s: &str) -> SipUri {
        match s.parse::<Uri>().unwrap() {
            Uri::Sip(u) => u,
            other => panic!("not a SIP URI: {other:?}"),
        }
    }

    #[test]
    fn user_with_odd_characters_and_password() {
        let u = sip("sip:1_unusual.URI~(to-be!sure)&isn't+it$/crazy?,/;;*:&it+has=1,weird!*pas$wo~d_too.(doesn't-it)@example.com");
        assert_eq!(
            u.user.unwrap(),
            "1_unusual.URI~(to-be!sure)&isn't+it$/crazy?,/;;*"
        );
        assert_eq!(
            u.password.unwrap(),
            "&it+has=1,weird!*pas$wo~d_too.(doesn't-it)"
        );
        assert_eq!(u.host, Host::Domain(Text::from("example.com")));
        let u = sip("sip:user;par=u%40example.net@example.com");
        assert_eq!(u.user.unwrap(), "user;par=u%40example.net");
    }

    #[test]
    fn hosts_ports_params_headers() {
        let u = sip("SIPS:[2001:db8::10]:5070;transport=tcp;lr?to=sip:bob%40biloxi.com&x=");
        assert!(u.secure);
        assert_eq!(u.host, Host::V6("2001:db8::10".parse().unwrap()));
        assert_eq!(u.port, Some(5070));
        assert_eq!(u.transport_param().unwrap(), "tcp");
        assert!(u.params.contains("lr"));
        assert_eq!(u.headers.len(), 2);
        assert_eq!(u.headers[0].1, "sip:bob%40biloxi.com");
        let u = sip("sip:[2001:db8::10:5070]");
        assert_eq!(u.port, None);
        assert_eq!(
            sip("sip:192.0.2.1:5060").host,
            Host::V4(Ipv4Addr::new(192, 0, 2, 1))
        );
    }

    #[test]
    fn rejects_malformed() {
        for bad in [
            "sip:2001:db8::10",
            "sip:user@[2001:db8:::192.0.2.1]",
            "<sip:user@example.com>",
            "sip:user@example.com; lr",
            "sip:@example.com",
            "sip:host:99999",
            "sip:host:",
            "sip:192.0.2.300",
            "sip:a b",
            "sip:",
            "1x:abc",
            "tel:",
            "sip:a%zz@b",
        ] {
            assert!(bad.parse::<Uri>().is_err(), "{bad} should fail");
        }
    }

    #[test]
    fn other_schemes_are_opaque() {
        let u: Uri = "soap.beep://192.0.2.103:3002".parse().unwrap();
        assert_eq!(u.scheme(), "soap.beep");
        assert_eq!(u.to_string(), "soap.beep://192.0.2.103:3002");
        let u: Uri = "nobodyKnowsThisScheme:totallyopaquecontent"
            .parse()
            .unwrap();
        assert!(u.as_sip().is_none());
    }
}
