//! URI parsing: SIP and SIPS URIs (RFC 3261 §19.1.1, §25.1) with IPv6 references
//! (RFC 5118), hosts, and other absolute URIs kept opaque.

use super::lex::{escapes_ok, parse_params, ParamSyntax};
use super::ParseError;
use crate::sip::text::Text;
use crate::sip::uri::{Host, SipUri, Uri};
use std::net::{Ipv4Addr, Ipv6Addr};

/// Parses a URI: `sip:`/`sips:` (any case) give [`Uri::Sip`], any other valid absolute
/// URI gives [`Uri::Other`]. Every part is a slice of `s`.
pub fn parse_uri(s: &Text) -> Result<Uri, ParseError> {
    uri_in(s, s).map_err(|e| ParseError::bad(format!("bad URI: {e}")))
}

/// Parses the URI `s`, a slice of `text`.
pub(crate) fn uri_in(text: &Text, s: &str) -> Result<Uri, String> {
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
        return sip_uri(text, rest, secure).map(Uri::Sip);
    }
    let opaque_ok = !rest.is_empty()
        && rest
            .bytes()
            .all(|b| b.is_ascii_graphic() && !matches!(b, b'<' | b'>' | b'"'));
    if !opaque_ok || !escapes_ok(rest) {
        return Err(format!("bad {scheme} URI"));
    }
    Ok(Uri::Other {
        scheme: text.slice_ref(scheme),
        rest: text.slice_ref(rest),
    })
}

fn is_unreserved(b: u8) -> bool {
    b.is_ascii_alphanumeric()
        || matches!(
            b,
            b'-' | b'_' | b'.' | b'!' | b'~' | b'*' | b'\'' | b'(' | b')'
        )
}

fn sip_uri(text: &Text, s: &str, secure: bool) -> Result<SipUri, String> {
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
            (
                Some(text.slice_ref(user)),
                password.map(|p| text.slice_ref(p)),
                &s[at + 1..],
            )
        }
        None => (None, None, s),
    };
    let hostport_end = rest.find([';', '?']).unwrap_or(rest.len());
    let (host, port) = host_port(text, &rest[..hostport_end])?;
    let rest = &rest[hostport_end..];
    let (params, headers) = match rest.find('?') {
        Some(q) => (&rest[..q], Some(&rest[q + 1..])),
        None => (rest, None),
    };
    let params = parse_params(text, params, ParamSyntax::Uri)?;
    let mut hdrs = Vec::new();
    if let Some(h) = headers {
        for pair in h.split('&') {
            let ok = pair
                .bytes()
                .all(|b| is_unreserved(b) || b"%[]/?:+$=".contains(&b));
            if !ok || !escapes_ok(pair) {
                return Err("bad URI header".into());
            }
            let (name, value) = pair.split_once('=').unwrap_or((pair, ""));
            if name.is_empty() {
                return Err("empty URI header name".into());
            }
            hdrs.push((text.slice_ref(name), text.slice_ref(value)));
        }
    }
    Ok(SipUri {
        secure,
        user,
        password,
        host,
        port,
        params,
        headers: hdrs,
    })
}

/// Parses `host[:port]` where host is a domain name, an IPv4 address or an IPv6
/// reference in brackets.
pub(crate) fn host_port(text: &Text, s: &str) -> Result<(Host, Option<u16>), String> {
    let (host, port) = if let Some(inner) = s.strip_prefix('[') {
        let close = inner.find(']').ok_or("unterminated IPv6 reference")?;
        let addr: Ipv6Addr = inner[..close].parse().map_err(|_| "bad IPv6 address")?;
        let after = &inner[close + 1..];
        let port = match after {
            "" => None,
            _ => Some(after.strip_prefix(':').ok_or("junk after IPv6 reference")?),
        };
        (Host::V6(addr), port)
    } else {
        let (h, port) = match s.split_once(':') {
            Some((h, p)) => (h, Some(p)),
            None => (s, None),
        };
        (host(text, h)?, port)
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
fn host(text: &Text, h: &str) -> Result<Host, String> {
    if h.is_empty() {
        return Err("empty host".into());
    }
    if h.bytes().all(|b| b.is_ascii_digit() || b == b'.') {
        let a: Ipv4Addr = h.parse().map_err(|_| "bad IPv4 address")?;
        return Ok(Host::V4(a));
    }
    let ok = h
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_'));
    if !ok || h.starts_with(['.', '-']) || h.contains("..") {
        return Err(format!("bad host {h:?}"));
    }
    Ok(Host::Domain(text.slice_ref(h)))
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
