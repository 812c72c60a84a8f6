//! Unit tests of the client state: nonce counts, the loop guard, pre-emptive answers,
//! `apply`, and the choice among challenges. The digests themselves are checked by the
//! RFC vectors in the other modules and by the verifier of tests/sip_auth.rs.

use super::client::{apply, ClientAuth};
use super::credentials::Credential;
use super::error::AuthError;
use super::syntax::parse_auth_values;
use super::test_support::response_with;
use crate::rng::Rng;
use crate::sip::header_name::HeaderName;
use crate::sip::message::{Request, Response};
use crate::sip::method::Method;
use crate::sip::text::Text;

fn register() -> Request {
    let mut r = Request::new(Method::Register, "sip:biloxi.com".parse().unwrap());
    r.headers.push(HeaderName::CSeq, "1 REGISTER");
    r
}

fn www(value: &str) -> Response {
    response_with(401, &[("WWW-Authenticate", value)])
}

fn challenge(realm: &str, nonce: &str, extra: &str) -> Response {
    www(&format!(
        "Digest realm=\"{realm}\", nonce=\"{nonce}\", qop=\"auth\"{extra}"
    ))
}

/// The value of `name` in a Digest answer.
fn param(value: &Text, name: &str) -> String {
    parse_auth_values(value).unwrap()[0]
        .param(name)
        .unwrap_or_else(|| panic!("no {name} in {value}"))
        .to_string()
}

fn answered(request: &Request, headers: &[(HeaderName, Text)]) -> Request {
    let mut r = request.clone();
    apply(&mut r, headers);
    r
}

fn client() -> (ClientAuth, Rng) {
    (
        ClientAuth::new(vec![Credential::plain("*", "bob", "zanzibar")]),
        Rng::from_seed(7),
    )
}

#[test]
fn nonce_count_and_cnonce_follow_the_nonce() {
    let (mut auth, mut rng) = client();
    let req = register();
    let h = auth
        .respond(&req, &challenge("biloxi.com", "n1", ""), &mut rng)
        .unwrap();
    assert_eq!(h.len(), 1);
    assert_eq!(h[0].0, HeaderName::Authorization);
    assert_eq!(param(&h[0].1, "nc"), "00000001");
    assert_eq!(param(&h[0].1, "uri"), "sip:biloxi.com");
    let cnonce = param(&h[0].1, "cnonce");
    auth.on_success();

    let mut next = register();
    auth.authorize(&mut next).unwrap();
    let sent = next.headers.get(&HeaderName::Authorization).unwrap();
    assert_eq!(param(sent, "nc"), "00000002");
    assert_eq!(param(sent, "nonce"), "n1");
    assert_eq!(param(sent, "cnonce"), cnonce);

    // stale=true: same credential, new nonce, count restarts with a new cnonce.
    let h = auth
        .respond(
            &next,
            &challenge("biloxi.com", "n2", ", stale=true"),
            &mut rng,
        )
        .unwrap();
    assert_eq!(param(&h[0].1, "nonce"), "n2");
    assert_eq!(param(&h[0].1, "nc"), "00000001");
    assert_ne!(param(&h[0].1, "cnonce"), cnonce);
}

#[test]
fn a_second_challenge_for_an_answered_realm_is_rejected() {
    let (mut auth, mut rng) = client();
    let req = register();
    let h = auth
        .respond(&req, &challenge("biloxi.com", "n1", ""), &mut rng)
        .unwrap();
    let retry = answered(&req, &h);
    // Same nonce or a new one: without stale=true the password is wrong.
    for nonce in ["n1", "n2"] {
        let err = auth
            .respond(&retry, &challenge("biloxi.com", nonce, ""), &mut rng)
            .unwrap_err();
        assert_eq!(
            err,
            AuthError::Rejected {
                realm: "biloxi.com".into()
            }
        );
        assert_eq!(err.status(), 171100);
    }
    // A challenge for another realm is still answered.
    let h = auth
        .respond(&retry, &challenge("atlanta.com", "a1", ""), &mut rng)
        .unwrap();
    assert_eq!(param(&h[0].1, "realm"), "atlanta.com");
}

#[test]
fn stale_retries_are_bounded_and_reset_on_success() {
    let (mut auth, mut rng) = client();
    let mut req = register();
    let h = auth
        .respond(&req, &challenge("biloxi.com", "n0", ""), &mut rng)
        .unwrap();
    req = answered(&req, &h);
    for i in 1..=3 {
        let h = auth
            .respond(
                &req,
                &challenge("biloxi.com", &format!("n{i}"), ", stale=TRUE"),
                &mut rng,
            )
            .unwrap();
        req = answered(&req, &h);
    }
    let err = auth
        .respond(
            &req,
            &challenge("biloxi.com", "n4", ", stale=true"),
            &mut rng,
        )
        .unwrap_err();
    assert_eq!(
        err,
        AuthError::StaleLoop {
            realm: "biloxi.com".into()
        }
    );
    assert_eq!(err.status(), 171111);
    auth.on_success();
    assert!(auth
        .respond(
            &req,
            &challenge("biloxi.com", "n5", ", stale=true"),
            &mut rng
        )
        .is_ok());
}

#[test]
fn a_preemptive_answer_may_meet_a_new_nonce_once() {
    let (mut auth, mut rng) = client();
    let req = register();
    auth.respond(&req, &challenge("biloxi.com", "n1", ""), &mut rng)
        .unwrap();
    auth.on_success();
    let mut refresh = register();
    auth.authorize(&mut refresh).unwrap();
    // The server forgot n1 and challenges without stale=true: answer the new nonce...
    let h = auth
        .respond(&refresh, &challenge("biloxi.com", "n2", ""), &mut rng)
        .unwrap();
    assert_eq!(param(&h[0].1, "nonce"), "n2");
    // ...but a second refusal means the credential is wrong.
    let retry = answered(&refresh, &h);
    assert!(matches!(
        auth.respond(&retry, &challenge("biloxi.com", "n3", ""), &mut rng),
        Err(AuthError::Rejected { .. })
    ));
}

#[test]
fn an_answer_with_an_outdated_nonce_is_renewed() {
    let (mut auth, mut rng) = client();
    let req = register();
    let old = answered(
        &req,
        &auth
            .respond(&req, &challenge("r", "n1", ""), &mut rng)
            .unwrap(),
    );
    // Another request meanwhile learned nonce n2 (stale), so `old` carried an outdated one.
    auth.respond(&old, &challenge("r", "n2", ", stale=true"), &mut rng)
        .unwrap();
    let h = auth
        .respond(&old, &challenge("r", "n3", ""), &mut rng)
        .unwrap();
    assert_eq!(param(&h[0].1, "nonce"), "n3");
}

#[test]
fn strongest_algorithm_and_qop_preference() {
    let (mut auth, mut rng) = client();
    let r = response_with(
        401,
        &[
            (
                "WWW-Authenticate",
                "Digest realm=r, nonce=a, algorithm=MD5, qop=\"auth\"",
            ),
            (
                "WWW-Authenticate",
                "Digest realm=r, nonce=b, algorithm=AKAv1-MD5, qop=\"auth\"",
            ),
            (
                "WWW-Authenticate",
                "Digest realm=r, nonce=c, algorithm=SHA-512-256-sess, qop=\"auth-int,auth\"",
            ),
            (
                "WWW-Authenticate",
                "Digest realm=r, nonce=d, algorithm=SHA-256, qop=\"auth\"",
            ),
        ],
    );
    let h = auth.respond(&register(), &r, &mut rng).unwrap();
    assert_eq!(h.len(), 1, "one answer per realm");
    assert_eq!(param(&h[0].1, "algorithm"), "SHA-512-256-sess");
    assert_eq!(param(&h[0].1, "qop"), "auth");
    assert_eq!(param(&h[0].1, "response").len(), 64);

    let (mut auth, mut rng) = client();
    let h = auth
        .respond(
            &register(),
            &www("Digest realm=r, nonce=a, qop=\"auth-int\""),
            &mut rng,
        )
        .unwrap();
    assert_eq!(param(&h[0].1, "qop"), "auth-int");
}

#[test]
fn realms_without_credentials() {
    let mut auth = ClientAuth::new(vec![Credential::plain("atlanta.com", "alice", "pw")]);
    let mut rng = Rng::from_seed(1);
    let both = response_with(
        401,
        &[
            ("WWW-Authenticate", "Digest realm=\"biloxi.com\", nonce=x"),
            ("WWW-Authenticate", "Digest realm=\"atlanta.com\", nonce=y"),
        ],
    );
    let h = auth.respond(&register(), &both, &mut rng).unwrap();
    assert_eq!(h.len(), 1);
    assert_eq!(param(&h[0].1, "username"), "alice");
    let err = auth
        .respond(&register(), &challenge("biloxi.com", "z", ""), &mut rng)
        .unwrap_err();
    assert_eq!(
        err,
        AuthError::NoCredential {
            realm: "biloxi.com".into(),
            algorithm: "MD5".into()
        }
    );
    assert_eq!(err.status(), 171101);
    let only_aka = www("Digest realm=\"atlanta.com\", nonce=y, algorithm=AKAv1-MD5");
    assert_eq!(
        auth.respond(&register(), &only_aka, &mut rng),
        Err(AuthError::UnsupportedAlgorithm("AKAv1-MD5".into()))
    );
    let ok = response_with(200, &[]);
    assert_eq!(
        auth.respond(&register(), &ok, &mut rng),
        Err(AuthError::NotAChallenge { status: 200 })
    );
}

#[test]
fn proxy_then_registrar_keeps_both_answers_fresh() {
    let (mut auth, mut rng) = client();
    let req = register();
    let proxy = response_with(
        407,
        &[(
            "Proxy-Authenticate",
            "Digest realm=\"proxy\", nonce=p, qop=auth",
        )],
    );
    let h = auth.respond(&req, &proxy, &mut rng).unwrap();
    assert_eq!(h[0].0, HeaderName::ProxyAuthorization);
    let second = answered(&req, &h);
    let h = auth
        .respond(&second, &challenge("registrar", "r", ""), &mut rng)
        .unwrap();
    assert_eq!(h.len(), 2);
    assert_eq!(
        (h[0].0.clone(), param(&h[0].1, "realm")),
        (HeaderName::Authorization, "registrar".into())
    );
    assert_eq!(
        (h[1].0.clone(), param(&h[1].1, "nc")),
        (HeaderName::ProxyAuthorization, "00000002".into())
    );
    let third = answered(&second, &h);
    assert_eq!(
        third
            .headers
            .get_all(&HeaderName::ProxyAuthorization)
            .count(),
        1
    );
    assert_eq!(third.headers.get_all(&HeaderName::Authorization).count(), 1);
}

#[test]
fn apply_replaces_only_the_same_realm() {
    let mut req = register();
    req.headers.push(
        HeaderName::Authorization,
        "Digest realm=\"a\", nonce=1, response=x",
    );
    req.headers.push(
        HeaderName::Authorization,
        "Digest realm=\"B\", nonce=1, response=x",
    );
    req.headers.push(
        HeaderName::ProxyAuthorization,
        "Digest realm=\"a\", nonce=1, response=x",
    );
    apply(
        &mut req,
        &[(
            HeaderName::Authorization,
            Text::from("Digest realm=\"b\", nonce=2, response=y"),
        )],
    );
    let auths: Vec<String> = req
        .headers
        .get_all(&HeaderName::Authorization)
        .map(|v| param(v, "realm") + &param(v, "nonce"))
        .collect();
    assert_eq!(auths, vec!["a1", "b2"]);
    assert_eq!(
        req.headers.get_all(&HeaderName::ProxyAuthorization).count(),
        1
    );
    assert_eq!(req.headers.get(&HeaderName::CSeq).unwrap(), "1 REGISTER");
}

#[test]
fn authorize_without_a_cached_challenge_does_nothing() {
    let (mut auth, _) = client();
    let mut req = register();
    auth.authorize(&mut req).unwrap();
    assert_eq!(req, register());
    auth.set_credentials(vec![]);
    assert!(auth.credentials().is_empty());
}

#[test]
fn set_credentials_forgets_the_cache() {
    let (mut auth, mut rng) = client();
    let req = register();
    let retry = answered(
        &req,
        &auth
            .respond(&req, &challenge("r", "n1", ""), &mut rng)
            .unwrap(),
    );
    auth.set_credentials(vec![Credential::plain("*", "bob", "new password")]);
    // The re-sent request was answered with the old password: a new try is allowed.
    assert!(auth
        .respond(&retry, &challenge("r", "n1", ""), &mut rng)
        .is_ok());
    let mut later = register();
    auth.authorize(&mut later).unwrap();
    assert!(later.headers.contains(&HeaderName::Authorization));
}
