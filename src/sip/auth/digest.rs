//! The digest computation (RFC 7616 §3.4.1-§3.4.4, RFC 2617 §3.2.2, RFC 8760 for SIP): the
//! algorithms, HA1 (with `-sess`), HA2 for `auth` and `auth-int`, the `response` with and
//! without qop (RFC 2069 compatibility), and the user-name hash.

use md5::Md5;
use sha2::{Digest, Sha256, Sha512_256};
use std::fmt;

/// The hash function of a digest algorithm.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum HashAlgorithm {
    /// MD5 (RFC 2617; still the most common in SIP).
    Md5,
    /// SHA-256 (RFC 7616, RFC 8760).
    Sha256,
    /// SHA-512/256 (RFC 7616, RFC 8760), written `SHA-512-256`.
    Sha512_256,
}

impl HashAlgorithm {
    /// The algorithm token without `-sess`.
    pub fn as_str(self) -> &'static str {
        match self {
            HashAlgorithm::Md5 => "MD5",
            HashAlgorithm::Sha256 => "SHA-256",
            HashAlgorithm::Sha512_256 => "SHA-512-256",
        }
    }

    /// The length of a hash in lower-case hex (32 for MD5, 64 for the others).
    pub fn hex_len(self) -> usize {
        match self {
            HashAlgorithm::Md5 => 32,
            HashAlgorithm::Sha256 | HashAlgorithm::Sha512_256 => 64,
        }
    }

    /// How strong the hash is, for choosing among offered challenges: higher is stronger
    /// (SHA-512-256 > SHA-256 > MD5, RFC 7616 §3.7).
    pub fn strength(self) -> u8 {
        match self {
            HashAlgorithm::Md5 => 0,
            HashAlgorithm::Sha256 => 1,
            HashAlgorithm::Sha512_256 => 2,
        }
    }

    /// The hash of `data` in lower-case hex.
    pub(crate) fn hex(self, data: &[u8]) -> String {
        match self {
            HashAlgorithm::Md5 => to_hex(&Md5::digest(data)),
            HashAlgorithm::Sha256 => to_hex(&Sha256::digest(data)),
            HashAlgorithm::Sha512_256 => to_hex(&Sha512_256::digest(data)),
        }
    }

    /// The hash of the parts joined with `:` (the `H(a ":" b ...)` of the RFCs), in hex.
    pub(crate) fn hex_joined(self, parts: &[&[u8]]) -> String {
        let mut data = Vec::with_capacity(parts.iter().map(|p| p.len() + 1).sum());
        for (i, part) in parts.iter().enumerate() {
            if i > 0 {
                data.push(b':');
            }
            data.extend_from_slice(part);
        }
        self.hex(&data)
    }
}

fn to_hex(bytes: &[u8]) -> String {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let mut s = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        s.push(HEX[(b >> 4) as usize] as char);
        s.push(HEX[(b & 15) as usize] as char);
    }
    s
}

/// A digest algorithm as named in the `algorithm` parameter: a hash and whether it is the
/// session variant (`MD5-sess`...), whose HA1 also covers the nonce and cnonce.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Algorithm {
    /// The hash function.
    pub hash: HashAlgorithm,
    /// Whether this is the `-sess` variant.
    pub sess: bool,
}

impl Default for Algorithm {
    /// MD5, the default when a challenge names no algorithm (RFC 7616 §3.3).
    fn default() -> Self {
        Algorithm {
            hash: HashAlgorithm::Md5,
            sess: false,
        }
    }
}

impl Algorithm {
    /// The algorithm for a token, ignoring case (`MD5`, `md5-sess`, `SHA-256`,
    /// `SHA-512-256-sess`...); `None` for one we do not support (`AKAv1-MD5`...).
    pub fn parse(token: &str) -> Option<Algorithm> {
        let (base, sess) = match token.len().checked_sub(5) {
            Some(i) if token.is_char_boundary(i) && token[i..].eq_ignore_ascii_case("-sess") => {
                (&token[..i], true)
            }
            _ => (token, false),
        };
        let hash = [
            HashAlgorithm::Md5,
            HashAlgorithm::Sha256,
            HashAlgorithm::Sha512_256,
        ]
        .into_iter()
        .find(|h| h.as_str().eq_ignore_ascii_case(base))?;
        Some(Algorithm { hash, sess })
    }
}

impl fmt::Display for Algorithm {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.hash.as_str())?;
        if self.sess {
            f.write_str("-sess")?;
        }
        Ok(())
    }
}

/// A quality of protection (RFC 7616 §3.3).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Qop {
    /// `auth`: authentication of the method and URI.
    Auth,
    /// `auth-int`: also the integrity of the body.
    AuthInt,
}

impl Qop {
    /// The token.
    pub fn as_str(self) -> &'static str {
        match self {
            Qop::Auth => "auth",
            Qop::AuthInt => "auth-int",
        }
    }

    /// The qop for a token, ignoring case; `None` when unknown.
    pub fn parse(token: &str) -> Option<Qop> {
        if token.eq_ignore_ascii_case("auth") {
            Some(Qop::Auth)
        } else if token.eq_ignore_ascii_case("auth-int") {
            Some(Qop::AuthInt)
        } else {
            None
        }
    }
}

/// The per-request inputs of a digest response.
#[derive(Clone, Copy, Debug)]
pub(crate) struct DigestInput<'a> {
    /// The algorithm.
    pub algorithm: Algorithm,
    /// The nonce of the challenge.
    pub nonce: &'a str,
    /// The client nonce (used with a qop, and by `-sess` algorithms).
    pub cnonce: &'a str,
    /// The nonce count, written as 8 hex digits (used with a qop).
    pub nc: u32,
    /// The qop, or `None` for the RFC 2069 form.
    pub qop: Option<Qop>,
    /// The request method (`REGISTER`...).
    pub method: &'a str,
    /// The `uri` parameter: the Request-URI as written.
    pub uri: &'a str,
    /// The request body, hashed into HA2 by `auth-int`.
    pub body: &'a [u8],
}

/// The `nc` parameter for a count: 8 lower-case hex digits (RFC 7616 §3.4).
pub(crate) fn nc_value(nc: u32) -> String {
    format!("{nc:08x}")
}

/// HA1 of a password: `H(username ":" realm ":" password)` (RFC 7616 §3.4.2), before
/// any `-sess` step. This is also what a precomputed-HA1 credential stores.
pub(crate) fn password_ha1(
    hash: HashAlgorithm,
    username: &str,
    realm: &str,
    password: &str,
) -> String {
    hash.hex_joined(&[username.as_bytes(), realm.as_bytes(), password.as_bytes()])
}

/// The user-name hash of `userhash=true` (RFC 7616 §3.4.4): `H(username ":" realm)`.
pub(crate) fn username_hash(hash: HashAlgorithm, username: &str, realm: &str) -> String {
    hash.hex_joined(&[username.as_bytes(), realm.as_bytes()])
}

/// The `response` parameter from the base HA1 (see [`password_ha1`]), which must be
/// lower-case hex of the algorithm's hash:
/// - HA1 = base HA1, or `H(base ":" nonce ":" cnonce)` for `-sess`;
/// - HA2 = `H(method ":" uri)`, or `H(method ":" uri ":" H(body))` for `auth-int`;
/// - response = `H(HA1 ":" nonce ":" nc ":" cnonce ":" qop ":" HA2)`, or
///   `H(HA1 ":" nonce ":" HA2)` without a qop (RFC 2069).
pub(crate) fn response(base_ha1: &str, input: &DigestInput<'_>) -> String {
    let hash = input.algorithm.hash;
    let ha1 = if input.algorithm.sess {
        hash.hex_joined(&[
            base_ha1.as_bytes(),
            input.nonce.as_bytes(),
            input.cnonce.as_bytes(),
        ])
    } else {
        base_ha1.to_string()
    };
    let ha2 = match input.qop {
        Some(Qop::AuthInt) => hash.hex_joined(&[
            input.method.as_bytes(),
            input.uri.as_bytes(),
            hash.hex(input.body).as_bytes(),
        ]),
        _ => hash.hex_joined(&[input.method.as_bytes(), input.uri.as_bytes()]),
    };
    match input.qop {
        Some(qop) => hash.hex_joined(&[
            ha1.as_bytes(),
            input.nonce.as_bytes(),
            nc_value(input.nc).as_bytes(),
            input.cnonce.as_bytes(),
            qop.as_str().as_bytes(),
            ha2.as_bytes(),
        ]),
        None => hash.hex_joined(&[ha1.as_bytes(), input.nonce.as_bytes(), ha2.as_bytes()]),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input<'a>(
        algorithm: Algorithm,
        nonce: &'a str,
        cnonce: &'a str,
        uri: &'a str,
    ) -> DigestInput<'a> {
        DigestInput {
            algorithm,
            nonce,
            cnonce,
            nc: 1,
            qop: Some(Qop::Auth),
            method: "GET",
            uri,
            body: b"",
        }
    }

    #[test]
    fn hashes_of_known_strings() {
        // FIPS 180-4 / RFC 1321 test values for "abc".
        assert_eq!(
            HashAlgorithm::Md5.hex(b"abc"),
            "900150983cd24fb0d6963f7d28e17f72"
        );
        assert_eq!(
            HashAlgorithm::Sha256.hex(b"abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
        assert_eq!(
            HashAlgorithm::Sha512_256.hex(b"abc"),
            "53048e2681941ef99b2e29b76b4c7dabe4c2d0c634fc6d46e0e2f13107e7af23"
        );
    }

    #[test]
    fn algorithm_tokens() {
        for (token, hash, sess) in [
            ("MD5", HashAlgorithm::Md5, false),
            ("md5-SESS", HashAlgorithm::Md5, true),
            ("SHA-256", HashAlgorithm::Sha256, false),
            ("sha-256-sess", HashAlgorithm::Sha256, true),
            ("SHA-512-256", HashAlgorithm::Sha512_256, false),
            ("SHA-512-256-sess", HashAlgorithm::Sha512_256, true),
        ] {
            let a = Algorithm::parse(token).unwrap();
            assert_eq!(a, Algorithm { hash, sess }, "{token}");
            assert!(a.to_string().eq_ignore_ascii_case(token));
        }
        for bad in ["AKAv1-MD5", "SHA-512", "-sess", "", "MD5-sessx", "SHA256"] {
            assert_eq!(Algorithm::parse(bad), None, "{bad}");
        }
        assert_eq!(Qop::parse("AUTH-INT"), Some(Qop::AuthInt));
        assert_eq!(Qop::parse("auth-conf"), None);
        assert_eq!(nc_value(0x1f), "0000001f");
    }

    /// RFC 2617 §3.5: Mufasa / "Circle Of Life", MD5, qop=auth.
    #[test]
    fn rfc2617_example() {
        let ha1 = password_ha1(
            HashAlgorithm::Md5,
            "Mufasa",
            "testrealm@host.com",
            "Circle Of Life",
        );
        let i = input(
            Algorithm::default(),
            "dcd98b7102dd2f0e8b11d0f600bfb0c093",
            "0a4f113b",
            "/dir/index.html",
        );
        assert_eq!(response(&ha1, &i), "6629fae49393a05397450978507c4ef1");
    }

    /// RFC 7616 §3.9.1: the MD5 and SHA-256 responses (password "Circle of Life").
    #[test]
    fn rfc7616_examples() {
        let nonce = "7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v";
        let cnonce = "f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ";
        let realm = "http-auth@example.org";
        for (hash, expected) in [
            (HashAlgorithm::Md5, "8ca523f5e9506fed4657c9700eebdbec"),
            (
                HashAlgorithm::Sha256,
                "753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1",
            ),
        ] {
            let ha1 = password_ha1(hash, "Mufasa", realm, "Circle of Life");
            let algorithm = Algorithm { hash, sess: false };
            let i = input(algorithm, nonce, cnonce, "/dir/index.html");
            assert_eq!(response(&ha1, &i), expected, "{algorithm}");
        }
    }

    /// The RFC 2069 form (no qop), `-sess` and `auth-int`, each checked against the
    /// formula written out by hand with the hash function.
    #[test]
    fn no_qop_sess_and_auth_int() {
        let h = HashAlgorithm::Sha256;
        let ha1 = password_ha1(h, "bob", "biloxi.com", "zanzibar");
        let mut i = input(
            Algorithm {
                hash: h,
                sess: false,
            },
            "n",
            "c",
            "sip:biloxi.com",
        );
        i.method = "REGISTER";
        i.qop = None;
        let ha2 = h.hex(b"REGISTER:sip:biloxi.com");
        assert_eq!(
            response(&ha1, &i),
            h.hex(format!("{ha1}:n:{ha2}").as_bytes())
        );

        i.algorithm.sess = true;
        i.qop = Some(Qop::AuthInt);
        i.body = b"v=0\r\n";
        let sess_ha1 = h.hex(format!("{ha1}:n:c").as_bytes());
        let ha2 = h.hex(format!("REGISTER:sip:biloxi.com:{}", h.hex(b"v=0\r\n")).as_bytes());
        let expected = h.hex(format!("{sess_ha1}:n:00000001:c:auth-int:{ha2}").as_bytes());
        assert_eq!(response(&ha1, &i), expected);
        i.body = b"v=1\r\n";
        assert_ne!(response(&ha1, &i), expected, "auth-int covers the body");
    }
}
