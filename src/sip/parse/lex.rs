//! Character classes and small lexical pieces of the SIP grammar (RFC 3261 §25.1): tokens,
//! whitespace, quoted strings, %-escapes and `;name=value` parameter lists.

use crate::sip::params::{Param, Params};
use crate::sip::text::Text;

/// Whether `b` may appear in an RFC 3261 `token`.
pub(crate) fn is_token_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric()
        || matches!(
            b,
            b'-' | b'.' | b'!' | b'%' | b'*' | b'_' | b'+' | b'`' | b'\'' | b'~'
        )
}

/// Whether `s` is a non-empty RFC 3261 `token`.
pub(crate) fn is_token(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(is_token_byte)
}

/// Linear whitespace as it can remain in an unfolded header value.
pub(crate) fn is_lws(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\r' | b'\n')
}

/// `s` without leading and trailing linear whitespace.
pub(crate) fn trim_lws(s: &str) -> &str {
    s.trim_matches(|c: char| c.is_ascii() && is_lws(c as u8))
}

/// `s` without leading linear whitespace.
pub(crate) fn trim_lws_start(s: &str) -> &str {
    s.trim_start_matches(|c: char| c.is_ascii() && is_lws(c as u8))
}

/// Whether every `%` in `s` starts a `%HH` escape.
pub(crate) fn escapes_ok(s: &str) -> bool {
    let b = s.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' {
            let ok = matches!((b.get(i + 1), b.get(i + 2)), (Some(h), Some(l)) if h.is_ascii_hexdigit() && l.is_ascii_hexdigit());
            if !ok {
                return false;
            }
            i += 3;
        } else {
            i += 1;
        }
    }
    true
}

/// The bytes of `s` with `%HH` escapes decoded (a `%` not followed by two hex digits is
/// kept as written).
pub(crate) fn unescape(s: &str) -> Vec<u8> {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' {
            if let (Some(h), Some(l)) = (
                b.get(i + 1).and_then(|c| hex(*c)),
                b.get(i + 2).and_then(|c| hex(*c)),
            ) {
                out.push(h * 16 + l);
                i += 3;
                continue;
            }
        }
        out.push(b[i]);
        i += 1;
    }
    out
}

fn hex(c: u8) -> Option<u8> {
    (c as char).to_digit(16).map(|d| d as u8)
}

/// The length of the quoted string at the start of `s` (both quotes included), or `None`
/// when `s` does not start with a complete one. Backslash escapes one following byte.
pub(crate) fn quoted_len(s: &str) -> Option<usize> {
    let b = s.as_bytes();
    if b.first() != Some(&b'"') {
        return None;
    }
    let mut i = 1;
    while i < b.len() {
        match b[i] {
            b'\\' => i += 2,
            b'"' => return Some(i + 1),
            _ => i += 1,
        }
    }
    None
}

/// The content of a quoted string (without its quotes) with quoted-pairs resolved; a slice
/// of `text` when there is nothing to resolve.
pub(crate) fn unquote(text: &Text, inner: &str) -> Text {
    if !inner.contains('\\') {
        return text.slice_ref(inner);
    }
    let mut out = String::with_capacity(inner.len());
    let mut chars = inner.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            if let Some(n) = chars.next() {
                out.push(n);
            }
        } else {
            out.push(c);
        }
    }
    Text::from(out)
}

/// What a parameter value may be made of, besides a quoted string.
#[derive(Clone, Copy)]
pub(crate) enum ParamSyntax {
    /// Header parameters (`generic-param`): token / host / quoted-string, LWS allowed
    /// around `;` and `=`.
    Header,
    /// SIP URI parameters (`uri-parameter`): paramchar only, no whitespace, no quotes.
    Uri,
}

fn is_param_byte(b: u8, syntax: ParamSyntax) -> bool {
    match syntax {
        ParamSyntax::Header => is_token_byte(b) || matches!(b, b':' | b'[' | b']'),
        ParamSyntax::Uri => {
            b.is_ascii_alphanumeric()
                || matches!(
                    b,
                    b'-' | b'_'
                        | b'.'
                        | b'!'
                        | b'~'
                        | b'*'
                        | b'\''
                        | b'('
                        | b')'
                        | b'%'
                        | b'['
                        | b']'
                        | b'/'
                        | b':'
                        | b'&'
                        | b'+'
                        | b'$'
                )
        }
    }
}

/// Parses `;name[=value]` parameters from the whole of `s`, which must be empty or start
/// with `;` (after whitespace, for header parameters), into `params` as slices of `text`
/// (`s` must be a slice of `text`).
pub(crate) fn parse_params(text: &Text, s: &str, syntax: ParamSyntax) -> Result<Params, String> {
    let mut params = Params::new();
    scan_params(s, syntax, &mut |name, value| {
        params.0.push(Param {
            name: text.slice_ref(name),
            value: value.map(|v| text.slice_ref(v)),
        })
    })?;
    Ok(params)
}

/// Checks the syntax of a parameter list without building it.
pub(crate) fn check_params(s: &str, syntax: ParamSyntax) -> Result<(), String> {
    scan_params(s, syntax, &mut |_, _| {})
}

/// Walks a parameter list, handing each name and value to `each`.
fn scan_params<'a>(
    s: &'a str,
    syntax: ParamSyntax,
    each: &mut dyn FnMut(&'a str, Option<&'a str>),
) -> Result<(), String> {
    let header = matches!(syntax, ParamSyntax::Header);
    let mut rest = if header { trim_lws_start(s) } else { s };
    while !rest.is_empty() {
        rest = rest
            .strip_prefix(';')
            .ok_or_else(|| format!("unexpected {:?}", first_char(rest)))?;
        if header {
            rest = trim_lws_start(rest);
        }
        let name_len = rest
            .bytes()
            .position(|b| !is_param_byte(b, syntax))
            .unwrap_or(rest.len());
        let (name, after) = rest.split_at(name_len);
        if name.is_empty() || (header && !is_token(name)) {
            return Err("empty or bad parameter name".into());
        }
        if matches!(syntax, ParamSyntax::Uri) && !escapes_ok(name) {
            return Err("bad escape in parameter".into());
        }
        rest = if header { trim_lws_start(after) } else { after };
        let mut value = None;
        if let Some(v) = rest.strip_prefix('=') {
            let v = if header { trim_lws_start(v) } else { v };
            let len = if header && v.starts_with('"') {
                quoted_len(v).ok_or("unterminated quoted parameter value")?
            } else {
                let len = v
                    .bytes()
                    .position(|b| !is_param_byte(b, syntax))
                    .unwrap_or(v.len());
                if header && len == 0 {
                    return Err(format!("empty value of parameter {name}"));
                }
                len
            };
            let (val, after) = v.split_at(len);
            if matches!(syntax, ParamSyntax::Uri) && !escapes_ok(val) {
                return Err("bad escape in parameter".into());
            }
            value = Some(val);
            rest = if header { trim_lws_start(after) } else { after };
        }
        each(name, value);
    }
    Ok(())
}

/// The first character of `s`, for error messages.
pub(crate) fn first_char(s: &str) -> char {
    s.chars().next().unwrap_or(' ')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_params_with_whitespace_and_quotes() {
        let t = Text::from(" ;  tag = 98asjd8 ; lr ;q=\"a;b\"");
        let p = parse_params(&t, &t, ParamSyntax::Header).unwrap();
        assert_eq!(p.value("tag").unwrap(), "98asjd8");
        assert_eq!(p.get("lr"), Some(None));
        assert_eq!(p.value("q").unwrap(), "\"a;b\"");
        assert!(parse_params(&t, ";;tag=1", ParamSyntax::Header).is_err());
        assert!(parse_params(&t, ";tag=", ParamSyntax::Header).is_err());
        assert!(parse_params(&t, ";q=\"open", ParamSyntax::Header).is_err());
    }

    #[test]
    fn uri_params_and_escapes() {
        let t = Text::from(";%6C%72;n%61me=v%61lue%25%34%31");
        let p = parse_params(&t, &t, ParamSyntax::Uri).unwrap();
        assert_eq!(p.0.len(), 2);
        assert_eq!(p.0[1].value.as_ref().unwrap(), "v%61lue%25%34%31");
        assert!(parse_params(&t, "; lr", ParamSyntax::Uri).is_err());
        assert!(parse_params(&t, ";a=%G1", ParamSyntax::Uri).is_err());
    }

    #[test]
    fn unescape_and_unquote() {
        assert_eq!(unescape("%75se%72%2"), b"user%2".to_vec());
        assert!(!escapes_ok("a%4"));
        let t = Text::from(r#"J Rosenberg \\\""#);
        assert_eq!(unquote(&t, &t), r#"J Rosenberg \""#);
        assert_eq!(quoted_len(r#""a\"b" x"#), Some(6));
        assert_eq!(quoted_len(r#""abc"#), None);
    }
}
