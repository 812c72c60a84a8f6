//! Digest challenges: WWW-Authenticate and Proxy-Authenticate (RFC 3261 §22, §25;
//! RFC 7616 §3.3 with `userhash` from §3.4.4; RFC 8760 for SIP), and Authentication-Info
//! (RFC 7616 §3.5).

use super::digest::{Algorithm, Qop};
use super::error::AuthError;
use super::syntax::{find, parse_auth_values, parse_param_list, AuthParam, AuthValue};
use crate::sip::header_name::HeaderName;
use crate::sip::message::Response;

/// Who challenged: the registrar or user agent (401, WWW-Authenticate, answered with
/// Authorization) or a proxy (407, Proxy-Authenticate, answered with Proxy-Authorization).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum AuthKind {
    /// WWW-Authenticate / Authorization.
    Www,
    /// Proxy-Authenticate / Proxy-Authorization.
    Proxy,
}

impl AuthKind {
    /// The header that carries the challenge.
    pub fn challenge_header(self) -> HeaderName {
        match self {
            AuthKind::Www => HeaderName::WwwAuthenticate,
            AuthKind::Proxy => HeaderName::ProxyAuthenticate,
        }
    }

    /// The header that carries the answer.
    pub fn authorization_header(self) -> HeaderName {
        match self {
            AuthKind::Www => HeaderName::Authorization,
            AuthKind::Proxy => HeaderName::ProxyAuthorization,
        }
    }
}

/// One Digest challenge.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DigestChallenge {
    /// Which header it came in.
    pub kind: AuthKind,
    /// The protection space (`realm`).
    pub realm: String,
    /// The server nonce.
    pub nonce: String,
    /// The `opaque` value to echo, if any.
    pub opaque: Option<String>,
    /// The `algorithm` token as written; `None` means MD5.
    pub algorithm: Option<String>,
    /// The offered qop tokens as written; empty means the RFC 2069 form (no qop).
    pub qop: Vec<String>,
    /// `stale=true`: the previous answer was right but its nonce had expired.
    pub stale: bool,
    /// The `domain` URIs (the protection space), if given.
    pub domain: Vec<String>,
    /// `userhash=true`: send the user name hashed (RFC 7616 §3.4.4).
    pub userhash: bool,
    /// Every parameter as received, including ones not understood (`charset`...).
    pub params: Vec<AuthParam>,
}

impl DigestChallenge {
    /// The challenge from a parsed Digest item; a `BadChallenge` when the item is not
    /// Digest or lacks `realm` or `nonce`.
    pub(crate) fn from_value(
        kind: AuthKind,
        value: &AuthValue,
    ) -> Result<DigestChallenge, AuthError> {
        if !value.is_digest() {
            return Err(AuthError::UnsupportedScheme(value.scheme.clone()));
        }
        let required = |name: &str| {
            value.param(name).map(str::to_string).ok_or_else(|| {
                AuthError::BadChallenge(format!("the Digest challenge has no {name}"))
            })
        };
        let flag = |name: &str| {
            value
                .param(name)
                .is_some_and(|v| v.eq_ignore_ascii_case("true"))
        };
        Ok(DigestChallenge {
            kind,
            realm: required("realm")?,
            nonce: required("nonce")?,
            opaque: value.param("opaque").map(str::to_string),
            algorithm: value.param("algorithm").map(str::to_string),
            qop: value
                .param("qop")
                .map(|q| {
                    q.split(',')
                        .map(|t| t.trim().to_string())
                        .filter(|t| !t.is_empty())
                        .collect()
                })
                .unwrap_or_default(),
            stale: flag("stale"),
            domain: value
                .param("domain")
                .map(|d| d.split_whitespace().map(str::to_string).collect())
                .unwrap_or_default(),
            userhash: flag("userhash"),
            params: value.params.clone(),
        })
    }

    /// The algorithm, MD5 when absent; `UnsupportedAlgorithm` for one we cannot compute.
    pub fn algorithm(&self) -> Result<Algorithm, AuthError> {
        match &self.algorithm {
            None => Ok(Algorithm::default()),
            Some(token) => Algorithm::parse(token)
                .ok_or_else(|| AuthError::UnsupportedAlgorithm(token.clone())),
        }
    }

    /// The qop to answer with: `auth` when offered, else `auth-int` when offered, `None`
    /// when the challenge offers no qop (RFC 2069); `UnsupportedQop` when it offers only
    /// others.
    pub fn choose_qop(&self) -> Result<Option<Qop>, AuthError> {
        if self.qop.is_empty() {
            return Ok(None);
        }
        let offered: Vec<Qop> = self.qop.iter().filter_map(|t| Qop::parse(t)).collect();
        [Qop::Auth, Qop::AuthInt]
            .into_iter()
            .find(|q| offered.contains(q))
            .map(Some)
            .ok_or_else(|| AuthError::UnsupportedQop(self.qop.join(", ")))
    }
}

/// Every Digest challenge of a 401 or 407 response, WWW-Authenticate and
/// Proxy-Authenticate alike (a forking proxy may gather both into one response, RFC 3261
/// §16.7), in header order. Malformed headers and other schemes are skipped; the error
/// says why when nothing usable is left.
pub fn digest_challenges(response: &Response) -> Result<Vec<DigestChallenge>, AuthError> {
    if response.status != 401 && response.status != 407 {
        return Err(AuthError::NotAChallenge {
            status: response.status,
        });
    }
    let (mut found, mut bad, mut schemes) = (Vec::new(), None, Vec::new());
    let mut any_header = false;
    for header in &response.headers {
        let kind = match header.name {
            HeaderName::WwwAuthenticate => AuthKind::Www,
            HeaderName::ProxyAuthenticate => AuthKind::Proxy,
            _ => continue,
        };
        any_header = true;
        let items = match parse_auth_values(&header.value) {
            Ok(items) => items,
            Err(why) => {
                bad.get_or_insert(AuthError::BadChallenge(format!("{}: {why}", header.name)));
                continue;
            }
        };
        for item in items {
            if !item.is_digest() {
                schemes.push(item.scheme);
                continue;
            }
            match DigestChallenge::from_value(kind, &item) {
                Ok(c) => found.push(c),
                Err(e) => {
                    bad.get_or_insert(e);
                }
            }
        }
    }
    if !found.is_empty() {
        Ok(found)
    } else if let Some(e) = bad {
        Err(e)
    } else if any_header {
        Err(AuthError::UnsupportedScheme(schemes.join(", ")))
    } else {
        Err(AuthError::NoChallenge)
    }
}

/// The Authentication-Info header of a final response (RFC 7616 §3.5): the next nonce to
/// use and the server's proof that it knows the secret.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AuthenticationInfo {
    /// The nonce the server wants for the next request.
    pub nextnonce: Option<String>,
    /// The qop the server applied.
    pub qop: Option<String>,
    /// The server's response digest (mutual authentication).
    pub rspauth: Option<String>,
    /// The client nonce echoed.
    pub cnonce: Option<String>,
    /// The nonce count echoed.
    pub nc: Option<String>,
    /// Every parameter as received.
    pub params: Vec<AuthParam>,
}

impl AuthenticationInfo {
    /// Parses an Authentication-Info value.
    pub fn parse(value: &str) -> Result<AuthenticationInfo, AuthError> {
        let params = parse_param_list(value)
            .map_err(|why| AuthError::BadChallenge(format!("Authentication-Info: {why}")))?;
        let get = |name: &str| find(&params, name).map(str::to_string);
        Ok(AuthenticationInfo {
            nextnonce: get("nextnonce"),
            qop: get("qop"),
            rspauth: get("rspauth"),
            cnonce: get("cnonce"),
            nc: get("nc"),
            params,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sip::auth::test_support::response_with;

    #[test]
    fn rfc7616_two_challenges_and_unknown_params() {
        let r = response_with(
            401,
            &[
                (
                    "WWW-Authenticate",
                    r#"Digest realm="http-auth@example.org", qop="auth, auth-int", algorithm=SHA-256, nonce="7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v", opaque="FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS""#,
                ),
                (
                    "www-authenticate",
                    r#"DIGEST REALM="http-auth@example.org", qop="auth, auth-int", algorithm=MD5, nonce="7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v", opaque="FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS", charset=UTF-8, userhash=TRUE, stale=true, domain="sip:a.example sip:b.example""#,
                ),
            ],
        );
        let c = digest_challenges(&r).unwrap();
        assert_eq!(c.len(), 2);
        assert_eq!(c[0].kind, AuthKind::Www);
        assert_eq!(c[0].realm, "http-auth@example.org");
        assert_eq!(c[0].qop, vec!["auth", "auth-int"]);
        assert_eq!(c[0].algorithm().unwrap().to_string(), "SHA-256");
        assert_eq!(c[0].choose_qop().unwrap(), Some(Qop::Auth));
        assert!(!c[0].stale && !c[0].userhash);
        assert_eq!(c[1].algorithm().unwrap(), Algorithm::default());
        assert_eq!(find(&c[1].params, "charset"), Some("UTF-8"));
        assert!(c[1].stale && c[1].userhash);
        assert_eq!(c[1].domain, vec!["sip:a.example", "sip:b.example"]);
    }

    #[test]
    fn algorithm_and_qop_choices() {
        let one = |v: &str| {
            digest_challenges(&response_with(407, &[("Proxy-Authenticate", v)])).unwrap()[0].clone()
        };
        let c = one("Digest realm=r, nonce=n");
        assert_eq!(c.kind, AuthKind::Proxy);
        assert_eq!(
            (c.algorithm().unwrap(), c.choose_qop().unwrap()),
            (Algorithm::default(), None)
        );
        assert_eq!(
            one("Digest realm=r, nonce=n, qop=\"auth-int\"")
                .choose_qop()
                .unwrap(),
            Some(Qop::AuthInt)
        );
        assert_eq!(
            one("Digest realm=r, nonce=n, qop=\"auth-conf\"").choose_qop(),
            Err(AuthError::UnsupportedQop("auth-conf".into()))
        );
        assert_eq!(
            one("Digest realm=r, nonce=n, algorithm=AKAv1-MD5").algorithm(),
            Err(AuthError::UnsupportedAlgorithm("AKAv1-MD5".into()))
        );
        assert_eq!(one(r#"Digest realm="a\"b", nonce=n"#).realm, "a\"b");
    }

    #[test]
    fn errors_say_why() {
        let challenges =
            |status, headers: &[(&str, &str)]| digest_challenges(&response_with(status, headers));
        assert_eq!(
            challenges(200, &[]),
            Err(AuthError::NotAChallenge { status: 200 })
        );
        assert_eq!(challenges(401, &[]), Err(AuthError::NoChallenge));
        assert_eq!(
            challenges(401, &[("WWW-Authenticate", "Basic realm=x, Bearer")]),
            Err(AuthError::UnsupportedScheme("Basic, Bearer".into()))
        );
        assert!(matches!(
            challenges(401, &[("WWW-Authenticate", "Digest realm=x")]),
            Err(AuthError::BadChallenge(why)) if why.contains("nonce")
        ));
        assert!(matches!(
            challenges(401, &[("WWW-Authenticate", "Digest realm=\"x")]),
            Err(AuthError::BadChallenge(_))
        ));
        // A good challenge survives a bad header beside it.
        let ok = challenges(
            401,
            &[
                ("WWW-Authenticate", "Digest realm=\"x"),
                ("WWW-Authenticate", "Basic realm=b, Digest realm=d, nonce=n"),
            ],
        )
        .unwrap();
        assert_eq!((ok.len(), ok[0].realm.as_str()), (1, "d"));
    }

    #[test]
    fn authentication_info() {
        let info = AuthenticationInfo::parse(
            r#"nextnonce="47364c23432d2e131a5fb210812c", qop=auth, rspauth="6629fae4", cnonce="0a4f113b", nc=00000001"#,
        )
        .unwrap();
        assert_eq!(
            info.nextnonce.as_deref(),
            Some("47364c23432d2e131a5fb210812c")
        );
        assert_eq!(info.qop.as_deref(), Some("auth"));
        assert_eq!(info.rspauth.as_deref(), Some("6629fae4"));
        assert_eq!(info.nc.as_deref(), Some("00000001"));
        assert_eq!(info.params.len(), 5);
        assert!(AuthenticationInfo::parse("nextnonce=\"x").is_err());
    }
}
