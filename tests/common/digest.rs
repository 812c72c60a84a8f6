//! A digest verifier for the call tests, written from RFC 2617 / RFC 7616 with the md-5
//! crate directly (no code shared with the client it checks): MD5 with qop=auth, the
//! answers our calls send.

use md5::Digest;
use pjsua2rs::sip::{HeaderName, Request};
use std::collections::HashMap;

/// The parameters of a Digest answer (names lower-cased, quotes removed; enough for the
/// values our client and these tests use, which hold no commas).
pub fn params(value: &str) -> HashMap<String, String> {
    let rest = value
        .trim()
        .strip_prefix("Digest ")
        .expect("a Digest answer");
    rest.split(',')
        .filter_map(|p| p.split_once('='))
        .map(|(n, v)| {
            let v = v.trim().trim_matches('"').to_string();
            (n.trim().to_ascii_lowercase(), v)
        })
        .collect()
}

fn md5_hex(data: &str) -> String {
    md5::Md5::digest(data.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Checks `request`'s answer in header `name` (MD5, qop=auth): user, realm and nonce as
/// given, the Request-URI as `uri`, and the digest of `password`. Returns its nonce count.
pub fn verify(
    request: &Request,
    name: &HeaderName,
    (user, password): (&str, &str),
    realm: &str,
    nonce: &str,
) -> String {
    let value = request
        .headers
        .get(name)
        .unwrap_or_else(|| panic!("no {name:?} in the {}", request.method));
    let p = params(value);
    let field = |n: &str| {
        p.get(n)
            .cloned()
            .unwrap_or_else(|| panic!("no {n} in {value}"))
    };
    assert_eq!(
        (field("username"), field("realm"), field("nonce")),
        (user.to_string(), realm.to_string(), nonce.to_string()),
        "{value}"
    );
    assert_eq!(field("uri"), request.uri.to_string(), "{value}");
    assert_eq!(field("qop"), "auth", "{value}");
    let ha1 = md5_hex(&format!("{user}:{realm}:{password}"));
    let ha2 = md5_hex(&format!("{}:{}", request.method, field("uri")));
    let expected = md5_hex(&format!(
        "{ha1}:{nonce}:{}:{}:auth:{ha2}",
        field("nc"),
        field("cnonce")
    ));
    assert_eq!(
        field("response"),
        expected,
        "the digest of the {}: {value}",
        request.method
    );
    field("nc")
}
