//! The grammar of the authentication headers (RFC 3261 §25.1, RFC 7235 §2.1): a header
//! value is a comma list of `scheme param=value, param="quoted", ...` items (challenges or
//! credentials), several per header possible; Authentication-Info is a bare param list.

use crate::sip::parse::lex::{is_token_byte, quoted_len};

/// One `name=value` parameter. Names compare case-insensitively; the value is unquoted
/// (quoted-pairs resolved) and remembers whether it was quoted.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AuthParam {
    /// The name as written.
    pub name: String,
    /// The value, without quotes and escapes.
    pub value: String,
    /// Whether the value was a quoted string.
    pub quoted: bool,
}

/// One challenge or credentials value: a scheme and its parameters (a token68 that some
/// other schemes carry instead, `Negotiate abc==`, is skipped).
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct AuthValue {
    /// The scheme as written (`Digest`, `Basic`...).
    pub scheme: String,
    /// The parameters in order.
    pub params: Vec<AuthParam>,
}

impl AuthValue {
    /// The value of the first parameter named `name` (any case).
    pub fn param(&self, name: &str) -> Option<&str> {
        find(&self.params, name)
    }

    /// Whether the scheme is Digest (any case).
    pub fn is_digest(&self) -> bool {
        self.scheme.eq_ignore_ascii_case("digest")
    }
}

/// The value of the first parameter named `name` (any case) in a list.
pub(crate) fn find<'a>(params: &'a [AuthParam], name: &str) -> Option<&'a str> {
    params
        .iter()
        .find(|p| p.name.eq_ignore_ascii_case(name))
        .map(|p| p.value.as_str())
}

/// Parses a WWW-Authenticate, Proxy-Authenticate, Authorization or Proxy-Authorization
/// value into its items (a header may hold several challenges).
pub(crate) fn parse_auth_values(value: &str) -> Result<Vec<AuthValue>, String> {
    let mut lx = Lexer { s: value, pos: 0 };
    let mut values = Vec::new();
    lx.skip_separators();
    while !lx.at_end() {
        let scheme = lx.token().ok_or_else(|| lx.unexpected("an auth scheme"))?;
        let mut item = AuthValue {
            scheme: scheme.to_string(),
            params: Vec::new(),
        };
        let mut first = true;
        loop {
            lx.skip_ws();
            if lx.at_end() {
                break;
            }
            if !first || lx.peek() == Some(b',') {
                if lx.peek() != Some(b',') {
                    return Err(lx.unexpected("','"));
                }
                lx.skip_separators();
                if lx.at_end() || !lx.at_param() {
                    break; // the end, or the next challenge's scheme
                }
            } else if !lx.at_param() {
                lx.token68().ok_or_else(|| lx.unexpected("a parameter"))?;
                first = false;
                continue;
            }
            item.params.push(lx.param()?);
            first = false;
        }
        values.push(item);
    }
    Ok(values)
}

/// Parses a bare comma list of parameters (Authentication-Info, RFC 7616 §3.5).
pub(crate) fn parse_param_list(value: &str) -> Result<Vec<AuthParam>, String> {
    let mut lx = Lexer { s: value, pos: 0 };
    let mut params = Vec::new();
    loop {
        lx.skip_separators();
        if lx.at_end() {
            return Ok(params);
        }
        params.push(lx.param()?);
        lx.skip_ws();
        if !lx.at_end() && lx.peek() != Some(b',') {
            return Err(lx.unexpected("','"));
        }
    }
}

/// Writes `value` as a quoted string: `"` and `\` escaped; CR and LF, which a quoted
/// string cannot carry, dropped.
pub(crate) fn quote(value: &str) -> String {
    let mut out = String::with_capacity(value.len() + 2);
    out.push('"');
    for c in value.chars() {
        match c {
            '"' | '\\' => {
                out.push('\\');
                out.push(c);
            }
            '\r' | '\n' => {}
            _ => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A cursor over a header value.
struct Lexer<'a> {
    s: &'a str,
    pos: usize,
}

impl<'a> Lexer<'a> {
    fn at_end(&self) -> bool {
        self.pos >= self.s.len()
    }

    fn peek(&self) -> Option<u8> {
        self.s.as_bytes().get(self.pos).copied()
    }

    fn rest(&self) -> &'a str {
        &self.s[self.pos..]
    }

    fn skip_ws(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\r' | b'\n')) {
            self.pos += 1;
        }
    }

    /// Skips whitespace and commas (empty list elements are allowed).
    fn skip_separators(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\r' | b'\n' | b',')) {
            self.pos += 1;
        }
    }

    fn token(&mut self) -> Option<&'a str> {
        let len = self
            .rest()
            .bytes()
            .take_while(|b| is_token_byte(*b))
            .count();
        let t = &self.rest()[..len];
        self.pos += len;
        (len > 0).then_some(t)
    }

    /// Whether the cursor is at `name = value` (and not at a scheme or a token68).
    fn at_param(&self) -> bool {
        let mut probe = Lexer {
            s: self.s,
            pos: self.pos,
        };
        if probe.token().is_none() {
            return false;
        }
        probe.skip_ws();
        if probe.peek() != Some(b'=') {
            return false;
        }
        probe.pos += 1;
        probe.skip_ws();
        !matches!(probe.peek(), None | Some(b',' | b'='))
    }

    /// Skips a token68 (RFC 7235 §2.1) ending the item; `None` if there is none.
    fn token68(&mut self) -> Option<()> {
        let rest = self.rest();
        let body = rest
            .bytes()
            .take_while(|b| b.is_ascii_alphanumeric() || b"-._~+/".contains(b))
            .count();
        let pads = rest[body..].bytes().take_while(|b| *b == b'=').count();
        let end = body + pads;
        let after = rest[end..].trim_start_matches([' ', '\t']);
        if body == 0 || !(after.is_empty() || after.starts_with(',')) {
            return None;
        }
        self.pos += end;
        Some(())
    }

    fn param(&mut self) -> Result<AuthParam, String> {
        let name = self
            .token()
            .ok_or_else(|| self.unexpected("a parameter name"))?;
        self.skip_ws();
        if self.peek() != Some(b'=') {
            return Err(self.unexpected("'='"));
        }
        self.pos += 1;
        self.skip_ws();
        let rest = self.rest();
        let (value, quoted) = if rest.starts_with('"') {
            let len =
                quoted_len(rest).ok_or_else(|| format!("unterminated quoted value of {name}"))?;
            self.pos += len;
            (unescape(&rest[1..len - 1]), true)
        } else {
            // RFC 3261 asks for a token; servers also send bare nonces with '/', '+', '='.
            let len = rest
                .bytes()
                .take_while(|b| !matches!(b, b',' | b' ' | b'\t' | b'\r' | b'\n' | b'"'))
                .count();
            if len == 0 {
                return Err(format!("empty value of {name}"));
            }
            self.pos += len;
            (rest[..len].to_string(), false)
        };
        Ok(AuthParam {
            name: name.to_string(),
            value,
            quoted,
        })
    }

    fn unexpected(&self, wanted: &str) -> String {
        match self.rest().chars().next() {
            Some(c) => format!("expected {wanted} at {c:?} (offset {})", self.pos),
            None => format!("expected {wanted} at the end"),
        }
    }
}

/// The content of a quoted string with its quoted-pairs resolved.
fn unescape(inner: &str) -> String {
    let mut out = String::with_capacity(inner.len());
    let mut chars = inner.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.extend(chars.next()),
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn several_challenges_in_one_value() {
        let v = parse_auth_values(
            r#"Newauth realm="apps", type=1, title="Login to \"apps\"", Basic realm="simple" ,Digest realm=x,nonce="a,b""#,
        )
        .unwrap();
        assert_eq!(v.len(), 3);
        assert_eq!(v[0].scheme, "Newauth");
        assert_eq!(v[0].param("TITLE"), Some(r#"Login to "apps""#));
        assert_eq!(v[0].param("type"), Some("1"));
        assert!(!v[0].params[1].quoted && v[0].params[2].quoted);
        assert_eq!(v[1].param("realm"), Some("simple"));
        assert!(v[2].is_digest());
        assert_eq!(v[2].param("nonce"), Some("a,b"));
    }

    #[test]
    fn token68_empty_items_and_whitespace() {
        let v = parse_auth_values(" , Negotiate abc+/==  ,  Digest \t realm = \"r\" ,, qop=auth,")
            .unwrap();
        assert_eq!(v.len(), 2);
        assert_eq!((v[0].scheme.as_str(), v[0].params.len()), ("Negotiate", 0));
        assert_eq!(v[1].param("realm"), Some("r"));
        assert_eq!(v[1].param("qop"), Some("auth"));
        let v = parse_auth_values("Bearer, Digest realm=r").unwrap();
        assert_eq!(v.len(), 2);
        assert!(v[0].params.is_empty());
        // An empty value is not a parameter: "realm=" reads as a token68.
        let v = parse_auth_values("Digest realm=").unwrap();
        assert_eq!(v[0].param("realm"), None);
        assert_eq!(
            parse_auth_values("Digest nonce=ab/c+d=").unwrap()[0].param("nonce"),
            Some("ab/c+d=")
        );
    }

    #[test]
    fn malformed_values() {
        for bad in [
            "Digest realm=\"open",
            "Digest realm=r nonce=n",
            "=x",
            "Digest realm=\"r\"junk",
        ] {
            assert!(parse_auth_values(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn param_lists_and_quoting() {
        let p =
            parse_param_list(r#"nextnonce="47364c23432d2e131a5fb210812c", qop=auth, rspauth="ab""#)
                .unwrap();
        assert_eq!(find(&p, "NextNonce"), Some("47364c23432d2e131a5fb210812c"));
        assert_eq!(find(&p, "rspauth"), Some("ab"));
        assert!(parse_param_list("a=1 b=2").is_err());
        assert_eq!(quote("a\"b\\c\r\n"), r#""a\"b\\c""#);
        let v = parse_auth_values(&format!("Digest username={}", quote("x\"y\\"))).unwrap();
        assert_eq!(v[0].param("username"), Some("x\"y\\"));
    }
}
