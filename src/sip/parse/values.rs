//! Parsers of the structured header values the stack relies on: name-addr / addr-spec
//! (From, To, Contact, Route...), Via and CSeq (RFC 3261 §20, §25.1).

use super::lex::{
    check_params, first_char, is_lws, is_token, is_token_byte, parse_params, quoted_len, trim_lws,
    trim_lws_start, unquote, ParamSyntax,
};
use super::uri::{host_port, raw_uri, RawHost, RawUri};
use super::ParseError;
use crate::sip::message::CSeq;
use crate::sip::method::Method;
use crate::sip::name_addr::NameAddr;
use crate::sip::text::Text;
use crate::sip::via::Via;

/// Parses a name-addr (`"Name" <uri>;params`, `Name <uri>`, `<uri>`) or an addr-spec
/// (`uri;params`). After an addr-spec, `;params` are header parameters (RFC 3261 §20.10),
/// so an addr-spec URI carries no parameters and must not carry `?headers`.
pub fn parse_name_addr(v: &Text) -> Result<NameAddr, ParseError> {
    let raw = raw_name_addr(v).map_err(ParseError::bad)?;
    Ok(NameAddr {
        display: raw.display.map(|d| match d {
            Display::Quoted(inner) => unquote(v, inner),
            Display::Tokens(t) => v.slice_ref(t),
        }),
        uri: raw.uri.build(v),
        // Checked by raw_name_addr, so this cannot fail.
        params: parse_params(v, raw.params, ParamSyntax::Header).unwrap_or_default(),
    })
}

/// Checks a name-addr or addr-spec without building it.
pub(crate) fn check_name_addr(s: &str) -> Result<(), String> {
    raw_name_addr(s).map(|_| ())
}

/// A display name as written.
enum Display<'a> {
    /// The inside of a quoted string, quoted-pairs not yet resolved.
    Quoted(&'a str),
    /// One or more tokens separated by whitespace.
    Tokens(&'a str),
}

/// A checked name-addr or addr-spec borrowing the input.
struct RawNameAddr<'a> {
    display: Option<Display<'a>>,
    uri: RawUri<'a>,
    /// The checked header parameters text.
    params: &'a str,
}

fn raw_name_addr(s: &str) -> Result<RawNameAddr<'_>, String> {
    let s = trim_lws(s);
    let (display, rest) = if s.starts_with('"') {
        let len = quoted_len(s).ok_or("unterminated quoted display name")?;
        let rest = trim_lws_start(&s[len..]);
        if !rest.starts_with('<') {
            return Err("quoted display name without <URI>".into());
        }
        (Some(Display::Quoted(&s[1..len - 1])), rest)
    } else if let Some(lt) = s.find('<') {
        let name = trim_lws(&s[..lt]);
        let ok = name
            .split(|c: char| c.is_ascii() && is_lws(c as u8))
            .all(|w| w.is_empty() || is_token(w));
        if !ok {
            return Err(format!("bad display name {name:?}"));
        }
        (
            (!name.is_empty()).then_some(Display::Tokens(name)),
            &s[lt..],
        )
    } else {
        // addr-spec: the URI runs to the first ';'; what follows are header parameters.
        let end = s.find(';').unwrap_or(s.len());
        let uri = trim_lws(&s[..end]);
        if uri.bytes().any(|b| is_lws(b) || b == b',' || b == b'?') {
            return Err("URI with ',', '?' or spaces must be in <>".into());
        }
        let params = &s[end..];
        check_params(params, ParamSyntax::Header)?;
        return Ok(RawNameAddr {
            display: None,
            uri: raw_uri(uri)?,
            params,
        });
    };
    let inner = rest.strip_prefix('<').ok_or("expected <")?;
    let gt = inner.find('>').ok_or("unterminated <URI>")?;
    let uri = raw_uri(&inner[..gt])?;
    let params = &inner[gt + 1..];
    check_params(params, ParamSyntax::Header)?;
    Ok(RawNameAddr {
        display,
        uri,
        params,
    })
}

/// Parses one Via value: `SIP/2.0/transport sent-by *(;param)`, whitespace allowed around
/// `/`, `:` and `;`. The transport is upper-cased; an IPv6 sent-by is in brackets.
pub fn parse_via(v: &Text) -> Result<Via, ParseError> {
    let raw = raw_via(v).map_err(|e| ParseError::bad(format!("bad Via: {e}")))?;
    let transport = if raw.transport.bytes().any(|b| b.is_ascii_lowercase()) {
        Text::from(raw.transport.to_ascii_uppercase())
    } else {
        v.slice_ref(raw.transport)
    };
    Ok(Via {
        transport,
        host: raw.host.build(v),
        port: raw.port,
        // Checked by raw_via, so this cannot fail.
        params: parse_params(v, raw.params, ParamSyntax::Header).unwrap_or_default(),
    })
}

/// Checks one Via value without building it.
pub(crate) fn check_via(s: &str) -> Result<(), String> {
    raw_via(s).map(|_| ())
}

/// A checked Via value borrowing the input.
struct RawVia<'a> {
    transport: &'a str,
    host: RawHost<'a>,
    port: Option<u16>,
    /// The checked parameters text.
    params: &'a str,
}

fn raw_via(s: &str) -> Result<RawVia<'_>, String> {
    let (name, rest) = token_at(trim_lws(s));
    if !name.eq_ignore_ascii_case("SIP") {
        return Err("protocol is not SIP".into());
    }
    let rest = slash(rest)?;
    let (version, rest) = token_at(rest);
    if version != "2.0" {
        return Err(format!("version {version:?}"));
    }
    let rest = slash(rest)?;
    let (transport, rest) = token_at(rest);
    if transport.is_empty() {
        return Err("no transport".into());
    }
    let after = trim_lws_start(rest);
    if after.len() == rest.len() {
        return Err("no space before sent-by".into());
    }
    // sent-by: host [ SWS ":" SWS port ]
    let host_len = if after.starts_with('[') {
        after
            .find(']')
            .map(|i| i + 1)
            .ok_or("unterminated IPv6 reference")?
    } else {
        after
            .bytes()
            .position(|b| !(b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_')))
            .unwrap_or(after.len())
    };
    let (host, rest) = after.split_at(host_len);
    let rest = trim_lws_start(rest);
    let (port, params) = match rest.strip_prefix(':') {
        Some(p) => {
            let p = trim_lws_start(p);
            let n = p.bytes().take_while(u8::is_ascii_digit).count();
            let (port, rest) = p.split_at(n);
            let port = port
                .parse::<u16>()
                .ok()
                .filter(|_| port.len() <= 5)
                .ok_or("bad port")?;
            (Some(port), rest)
        }
        None => (None, rest),
    };
    let (host, _) = host_port(host)?;
    check_params(params, ParamSyntax::Header)?;
    Ok(RawVia {
        transport,
        host,
        port,
        params,
    })
}

/// The token at the start of `s` and what follows it.
fn token_at(s: &str) -> (&str, &str) {
    let n = s.bytes().take_while(|b| is_token_byte(*b)).count();
    s.split_at(n)
}

/// Skips `SWS "/" SWS`.
fn slash(s: &str) -> Result<&str, String> {
    let s = trim_lws_start(s);
    s.strip_prefix('/')
        .map(trim_lws_start)
        .ok_or_else(|| format!("expected '/', found {:?}", first_char(s)))
}

/// Parses a CSeq value: a decimal sequence number below 2**31, whitespace, a method.
pub fn parse_cseq(v: &Text) -> Result<CSeq, ParseError> {
    let (seq, method) = raw_cseq(v)?;
    Ok(CSeq {
        seq,
        method: Method::from_token(v.slice_ref(method)),
    })
}

/// Checks a CSeq value; the sequence number and the method token.
pub(crate) fn raw_cseq(s: &str) -> Result<(u32, &str), ParseError> {
    let bad = |e: &str| ParseError::bad(format!("bad CSeq: {e}"));
    let s = trim_lws(s);
    let digits = s.bytes().take_while(u8::is_ascii_digit).count();
    let (num, rest) = s.split_at(digits);
    let method = trim_lws_start(rest);
    if num.is_empty() || method.len() == rest.len() {
        return Err(bad("expected number and method"));
    }
    let seq = num
        .parse::<u32>()
        .ok()
        .filter(|n| *n < 1 << 31)
        .ok_or_else(|| bad("sequence number too large"))?;
    if !is_token(method) {
        return Err(bad("bad method"));
    }
    Ok((seq, method))
}

impl std::str::FromStr for NameAddr {
    type Err = ParseError;
    /// Parses a name-addr or addr-spec from a string (copying it).
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        parse_name_addr(&Text::from(s))
    }
}

impl std::str::FromStr for Via {
    type Err = ParseError;
    /// Parses one Via value from a string (copying it).
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        parse_via(&Text::from(s))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sip::uri::Host;

    #[test]
    fn name_addr_forms() {
        let a: NameAddr = r#""J Rosenberg \\\""       <sip:jdrosen@example.com>
  ;
  tag = 98asjd8"#
            .parse()
            .unwrap();
        assert_eq!(a.display.clone().unwrap(), r#"J Rosenberg \""#);
        assert_eq!(a.tag().unwrap(), "98asjd8");
        let a: NameAddr = "caller<sip:caller@example.com>;tag=323".parse().unwrap();
        assert_eq!(a.display.unwrap(), "caller");
        let a: NameAddr = "sip:+19725552222@gw1.example.net;unknownparam"
            .parse()
            .unwrap();
        assert!(a.params.contains("unknownparam"));
        assert!(a.uri.as_sip().unwrap().params.is_empty());
        let a: NameAddr = "isbn:2983792873".parse().unwrap();
        assert_eq!(a.uri.scheme(), "isbn");
        let a: NameAddr = "token1~` token2'+_ token3*%!.- <sip:mundane@example.com>"
            .parse()
            .unwrap();
        assert_eq!(a.display.unwrap(), "token1~` token2'+_ token3*%!.-");
    }

    #[test]
    fn name_addr_errors() {
        for bad in [
            r#""Mr. J. User <sip:j.user@example.com>"#,
            r#""Watson, Thomas" < sip:t.watson@example.org >"#,
            "Bell, Alexander <sip:a.g.bell@example.com>;tag=43",
            "sip:user@example.com?Route=%3Csip:sip.example.com%3E",
            "sip:caller@example.net;;tag=134161461246",
            "<sip:joe@example.org>;;;;",
            "<sip:joe@example.org",
            "<sip:joe@example.org> junk",
        ] {
            assert!(bad.parse::<NameAddr>().is_err(), "{bad} should fail");
        }
    }

    #[test]
    fn via_with_whitespace_and_ipv6() {
        let v: Via = "SIP  /   2.0 /udp    192.0.2.2;rport;branch=390skdjuw"
            .parse()
            .unwrap();
        assert_eq!(v.transport, "UDP");
        assert_eq!(v.branch().unwrap(), "390skdjuw");
        assert_eq!(v.rport(), Some(None));
        let v: Via =
            "SIP/2.0/TCP [2001:db8::9:1] : 6050 ;received=[2001:db8::9:255];branch=z9hG4bKa"
                .parse()
                .unwrap();
        assert_eq!(v.host, Host::V6("2001:db8::9:1".parse().unwrap()));
        assert_eq!(v.port, Some(6050));
        assert_eq!(v.received().unwrap(), "[2001:db8::9:255]");
        for bad in [
            "SIP/2.0/UDP",
            "SIP/3.0/UDP h",
            "SIP/2.0/UDP 192.0.2.15;;",
            ";",
            "SIP/2.0/UDP h:x",
        ] {
            assert!(bad.parse::<Via>().is_err(), "{bad} should fail");
        }
    }

    #[test]
    fn cseq_values() {
        let c = parse_cseq(&Text::from("0009 \t INVITE")).unwrap();
        assert_eq!((c.seq, c.method), (9, Method::Invite));
        assert_eq!(
            parse_cseq(&Text::from("2147483647 FOO")).unwrap().seq,
            2147483647
        );
        for bad in [
            "2147483648 INVITE",
            "36893488147419103232 REGISTER",
            "1INVITE",
            "INVITE",
            "1 ",
        ] {
            assert!(parse_cseq(&Text::from(bad)).is_err(), "{bad} should fail");
        }
    }
}
