//! Registration tests in simulated time against a scripted registrar: refresh schedule,
//! digest challenges (stale nonce, wrong password), 423, retry schedule, unregistration.

use super::*;
use crate::sip::auth::{ClientAuth, Credential};
use crate::sip::build::response_to;
use crate::sip::message::SipHeaders;
use crate::sip::text::Text;
use crate::ua::status::PJSUA2RS_ERR_SIP_FAILED_CREDENTIAL;

fn params() -> RegParams {
    RegParams {
        registrar: "sip:example.com".parse().unwrap(),
        aor: "\"Alice\" <sip:alice@example.com>".parse().unwrap(),
        contact: "<sip:alice@192.0.2.1:5060>".parse().unwrap(),
        removed: vec![],
        expires: 300,
        routes: vec![],
        headers: vec![(HeaderName::parse("X-Test"), Text::from("1"))],
        initial_auth: None,
        call_id: "reg-call-id".into(),
        from_tag: "ftag".into(),
        timing: RegTiming {
            retry_interval: Duration::from_secs(300),
            first_retry_interval: None,
            random_retry_interval: Duration::ZERO,
            delay_before_refresh: Duration::from_secs(5),
        },
    }
}

fn auth(password: &str) -> ClientAuth {
    ClientAuth::new(vec![Credential::plain("*", "alice", password)])
}

struct Client {
    reg: Registration,
    auth: ClientAuth,
    now: Instant,
}

impl Client {
    fn new(p: RegParams, password: &str) -> Self {
        Client {
            reg: Registration::new(p, Rng::from_seed(3)),
            auth: auth(password),
            now: Instant::now(),
        }
    }

    fn sent(&mut self) -> Request {
        self.reg.poll_request().expect("a REGISTER to send")
    }

    fn answer(&mut self, r: Response) {
        self.reg.on_response(self.now, &r, &mut self.auth);
    }

    fn events(&mut self) -> Vec<RegEvent> {
        std::iter::from_fn(|| self.reg.poll_event()).collect()
    }

    fn advance(&mut self, secs: u64) {
        self.now += Duration::from_secs(secs);
        self.reg.handle_timeout(self.now, &mut self.auth);
    }
}

fn ok(req: &Request, contact_expires: Option<u32>, expires_header: Option<u32>) -> Response {
    let mut r = response_to(req, 200, "", Some("rtag"));
    if let Some(e) = contact_expires {
        let contact = req.headers.get(&HeaderName::Contact).unwrap();
        r.headers
            .push(HeaderName::Contact, format!("{contact};expires={e}"));
    }
    if let Some(e) = expires_header {
        r.headers.push(HeaderName::Expires, e.to_string());
    }
    r
}

fn challenge(req: &Request, nonce: &str, stale: bool) -> Response {
    let mut r = response_to(req, 401, "", Some("rtag"));
    let stale = if stale { ", stale=true" } else { "" };
    r.headers.push(
        HeaderName::WwwAuthenticate,
        format!(
            "Digest realm=\"example.com\", nonce=\"{nonce}\", qop=\"auth\", algorithm=MD5{stale}"
        ),
    );
    r
}

fn expires_of(req: &Request) -> u32 {
    req.number(&HeaderName::Expires).unwrap()
}

#[test]
fn register_builds_rfc3261_request_and_refreshes_before_expiry() {
    let mut c = Client::new(params(), "pw");
    c.reg.start(true, &mut c.auth);
    let req = c.sent();
    assert_eq!(req.method, crate::sip::Method::Register);
    assert_eq!(req.uri.to_string(), "sip:example.com");
    assert_eq!(
        req.to_addr().unwrap().uri.to_string(),
        "sip:alice@example.com"
    );
    assert!(req.to_addr().unwrap().tag().is_none());
    assert_eq!(req.from_addr().unwrap().tag().unwrap(), "ftag");
    assert_eq!(req.call_id().unwrap(), "reg-call-id");
    assert_eq!(req.cseq().unwrap().seq, 1);
    assert_eq!(expires_of(&req), 300);
    assert_eq!(req.headers.get(&HeaderName::parse("x-test")).unwrap(), "1");
    assert_eq!(c.events(), vec![RegEvent::Started { renew: true }]);

    c.answer(ok(&req, Some(120), Some(300)));
    assert_eq!(
        c.events(),
        vec![RegEvent::State {
            code: 200,
            reason: "OK".into(),
            expiration: 120,
            status: 0,
            renew: true
        }],
        "the Contact's expires wins over the Expires header"
    );
    assert!(c.reg.is_active(c.now));
    assert_eq!(c.reg.expires_in(c.now), Some(120));
    assert_eq!(
        c.reg.poll_timeout(),
        Some(c.now + Duration::from_secs(115)),
        "refresh 5 s early"
    );
    c.advance(114);
    assert!(c.reg.poll_request().is_none());
    c.advance(1);
    let refresh = c.sent();
    assert_eq!(refresh.call_id().unwrap(), "reg-call-id");
    assert_eq!(refresh.cseq().unwrap().seq, 2);
    assert_eq!(refresh.from_addr().unwrap().tag().unwrap(), "ftag");
}

#[test]
fn digest_challenge_is_answered_and_refresh_is_authorized_preemptively() {
    let mut c = Client::new(params(), "pw");
    c.reg.start(true, &mut c.auth);
    let first = c.sent();
    assert!(!first.headers.contains(&HeaderName::Authorization));
    c.answer(challenge(&first, "n1", false));
    let second = c.sent();
    assert_eq!(second.cseq().unwrap().seq, 2);
    let authz = second
        .headers
        .get(&HeaderName::Authorization)
        .expect("Authorization")
        .to_string();
    assert!(
        authz.contains("username=\"alice\"")
            && authz.contains("nonce=\"n1\"")
            && authz.contains("nc=00000001"),
        "{authz}"
    );
    c.answer(ok(&second, None, Some(60)));
    assert!(matches!(
        c.events().last(),
        Some(RegEvent::State {
            code: 200,
            expiration: 60,
            ..
        })
    ));
    c.advance(55);
    let refresh = c.sent();
    let authz = refresh
        .headers
        .get(&HeaderName::Authorization)
        .expect("pre-emptive")
        .to_string();
    assert!(authz.contains("nc=00000002"), "{authz}");
}

#[test]
fn stale_nonce_is_retried_without_the_application() {
    let mut c = Client::new(params(), "pw");
    c.reg.start(true, &mut c.auth);
    let r1 = c.sent();
    c.answer(challenge(&r1, "n1", false));
    let r2 = c.sent();
    c.answer(challenge(&r2, "n2", true));
    let r3 = c.sent();
    assert!(r3
        .headers
        .get(&HeaderName::Authorization)
        .unwrap()
        .contains("nonce=\"n2\""));
    c.answer(ok(&r3, None, None));
    let events = c.events();
    assert_eq!(events.len(), 2, "Started and one State only: {events:?}");
    assert!(matches!(
        events[1],
        RegEvent::State {
            code: 200,
            expiration: 300,
            ..
        }
    ));
}

#[test]
fn wrong_password_fails_once_without_a_retry_loop() {
    let mut c = Client::new(params(), "wrong");
    c.reg.start(true, &mut c.auth);
    let r1 = c.sent();
    c.answer(challenge(&r1, "n1", false));
    let r2 = c.sent();
    c.answer(challenge(&r2, "n3", false));
    assert!(c.reg.poll_request().is_none(), "no third REGISTER");
    match c.events().last() {
        Some(RegEvent::State {
            code: 401,
            status,
            expiration: 0,
            ..
        }) => assert_eq!(*status, PJSUA2RS_ERR_SIP_FAILED_CREDENTIAL),
        other => panic!("{other:?}"),
    }
    assert_eq!(c.reg.phase(), RegPhase::Failed);
    assert_eq!(c.reg.poll_timeout(), None, "PJSUA does not retry after 401");
}

#[test]
fn interval_too_brief_is_retried_with_min_expires() {
    let mut p = params();
    p.expires = 30;
    let mut c = Client::new(p, "pw");
    c.reg.start(true, &mut c.auth);
    let r1 = c.sent();
    let mut too_brief = response_to(&r1, 423, "", Some("t"));
    too_brief.headers.push(HeaderName::MinExpires, "600");
    c.answer(too_brief);
    let r2 = c.sent();
    assert_eq!(expires_of(&r2), 600);
    assert_eq!(r2.cseq().unwrap().seq, 2);
    c.answer(ok(&r2, Some(600), None));
    assert!(matches!(
        c.events().last(),
        Some(RegEvent::State {
            code: 200,
            expiration: 600,
            ..
        })
    ));
    c.advance(595);
    assert_eq!(
        expires_of(&c.sent()),
        600,
        "the refresh keeps the longer interval"
    );
}

#[test]
fn server_errors_are_retried_on_pjsua_schedule_and_client_errors_are_not() {
    let mut p = params();
    p.timing.first_retry_interval = Some(Duration::from_secs(10));
    p.timing.retry_interval = Duration::from_secs(60);
    let mut c = Client::new(p, "pw");
    c.reg.start(true, &mut c.auth);
    let r1 = c.sent();
    c.answer(response_to(&r1, 500, "", Some("t")));
    assert_eq!(
        c.reg.poll_timeout(),
        Some(c.now + Duration::from_secs(10)),
        "first retry"
    );
    c.advance(10);
    let r2 = c.sent();
    c.reg.on_failure(c.now, 408, "Request Timeout", &mut c.auth);
    assert_eq!(
        c.reg.poll_timeout(),
        Some(c.now + Duration::from_secs(60)),
        "later retries"
    );
    let _ = r2;
    c.advance(60);
    let r3 = c.sent();
    let mut busy = response_to(&r3, 503, "", Some("t"));
    busy.headers.push(HeaderName::RetryAfter, "30");
    c.answer(busy);
    assert_eq!(
        c.reg.poll_timeout(),
        Some(c.now + Duration::from_secs(30)),
        "Retry-After wins"
    );
    c.advance(30);
    let r4 = c.sent();
    c.answer(response_to(&r4, 403, "", Some("t")));
    assert_eq!(c.reg.poll_timeout(), None, "403 is final");
    let states: Vec<(u16, i32)> = c
        .events()
        .iter()
        .filter_map(|e| match e {
            RegEvent::State { code, status, .. } => Some((*code, *status)),
            _ => None,
        })
        .collect();
    // As PJSIP: every round that ends with a code reports status 0, a timeout too.
    assert_eq!(states, vec![(500, 0), (408, 0), (503, 0), (403, 0)]);
}

#[test]
fn retry_jitter_stays_within_the_random_interval() {
    let mut p = params();
    p.timing.retry_interval = Duration::from_secs(100);
    p.timing.random_retry_interval = Duration::from_secs(10);
    let mut c = Client::new(p, "pw");
    let mut waits = Vec::new();
    for _ in 0..50 {
        c.reg.start(true, &mut c.auth);
        let r = c.sent();
        c.answer(response_to(&r, 503, "", Some("t")));
        waits.push((c.reg.poll_timeout().unwrap() - c.now).as_millis());
    }
    assert!(
        waits.iter().all(|w| (95_000..=105_000).contains(w)),
        "{waits:?}"
    );
    assert!(waits.iter().any(|w| *w != waits[0]), "jittered");
}

#[test]
fn unregister_sends_expires_zero_and_stops_refreshing() {
    let mut c = Client::new(params(), "pw");
    c.reg.start(true, &mut c.auth);
    let r1 = c.sent();
    // Unregistering while the REGISTER is in flight waits for it (one at a time).
    c.reg.start(false, &mut c.auth);
    assert!(c.reg.poll_request().is_none());
    c.answer(ok(&r1, Some(300), None));
    let un = c.sent();
    assert_eq!(expires_of(&un), 0);
    assert_eq!(un.call_id().unwrap(), "reg-call-id");
    c.answer(ok(&un, None, None));
    let events = c.events();
    assert_eq!(
        events,
        vec![
            RegEvent::Started { renew: true },
            RegEvent::State {
                code: 200,
                reason: "OK".into(),
                expiration: 300,
                status: 0,
                renew: true
            },
            RegEvent::Started { renew: false },
            RegEvent::State {
                code: 200,
                reason: "OK".into(),
                expiration: 0,
                status: 0,
                renew: false
            },
        ]
    );
    assert_eq!(c.reg.phase(), RegPhase::Idle);
    assert_eq!(c.reg.poll_timeout(), None);
    assert!(!c.reg.is_active(c.now));
}

#[test]
fn binding_missing_from_the_2xx_is_not_active() {
    let mut c = Client::new(params(), "pw");
    c.reg.start(true, &mut c.auth);
    let r = c.sent();
    let mut resp = response_to(&r, 200, "", Some("t"));
    resp.headers
        .push(HeaderName::Contact, "<sip:other@198.51.100.1>;expires=300");
    c.answer(resp);
    assert!(matches!(
        c.events().last(),
        Some(RegEvent::State {
            code: 200,
            expiration: 0,
            renew: false,
            ..
        })
    ));
    assert!(!c.reg.is_active(c.now));
}

#[test]
fn contact_is_matched_by_uri_equivalence() {
    let mut c = Client::new(params(), "pw");
    c.reg.start(true, &mut c.auth);
    let r = c.sent();
    let mut resp = response_to(&r, 200, "", Some("t"));
    // Without the port, sip:alice@192.0.2.1 is not our sip:alice@192.0.2.1:5060
    // (RFC 3261 §19.1.4), so its 3600 does not apply; the host compares case-insensitively.
    resp.headers.push(
        HeaderName::Contact,
        "<sip:other@198.51.100.1>;expires=50, <sip:alice@192.0.2.1>;expires=3600",
    );
    resp.headers.push(
        HeaderName::Contact,
        "\"A\" <sip:alice@192.0.2.1:5060>;expires=70",
    );
    resp.headers.push(HeaderName::Expires, "999");
    c.answer(resp);
    assert!(matches!(
        c.events().last(),
        Some(RegEvent::State { expiration: 70, .. })
    ));
}

#[test]
fn redirect_fails_without_retry() {
    let mut c = Client::new(params(), "pw");
    c.reg.start(true, &mut c.auth);
    let r = c.sent();
    let mut moved = response_to(&r, 302, "", Some("t"));
    moved
        .headers
        .push(HeaderName::Contact, "<sip:elsewhere.example.com>");
    c.answer(moved);
    assert!(matches!(
        c.events().last(),
        Some(RegEvent::State {
            code: 302,
            expiration: 0,
            ..
        })
    ));
    assert_eq!(c.reg.phase(), RegPhase::Failed);
    assert_eq!(c.reg.poll_timeout(), None, "PJSUA does not retry a 3xx");
}

#[test]
fn a_response_to_another_call_id_or_an_older_cseq_is_ignored() {
    let mut c = Client::new(params(), "pw");
    c.reg.start(true, &mut c.auth);
    let r = c.sent();
    let mut other = ok(&r, Some(300), None);
    other
        .headers
        .set(HeaderName::CallId, "another-registration");
    assert!(!c.reg.answers_pending(&other));
    c.answer(other);
    let mut older = ok(&r, Some(300), None);
    older.headers.set(HeaderName::CSeq, "0 REGISTER");
    c.answer(older);
    assert!(c.reg.is_pending(), "still waiting for its own response");
    c.answer(ok(&r, Some(300), None));
    assert_eq!(c.reg.phase(), RegPhase::Registered);
}

#[test]
fn a_replaced_contact_is_removed_in_the_next_register_only() {
    let mut c = Client::new(params(), "pw");
    c.reg.start(true, &mut c.auth);
    let r = c.sent();
    c.answer(ok(&r, Some(300), None));
    c.reg
        .replace_contact("<sip:alice@203.0.113.9:40000>".parse().unwrap());
    c.reg.start(true, &mut c.auth);
    let r = c.sent();
    let contacts: Vec<String> = r
        .headers
        .get_all(&HeaderName::Contact)
        .map(|v| v.to_string())
        .collect();
    assert_eq!(
        contacts,
        [
            "<sip:alice@203.0.113.9:40000>",
            "<sip:alice@192.0.2.1:5060>;expires=0"
        ]
    );
    c.answer(ok(&r, Some(300), None));
    c.reg.start(true, &mut c.auth);
    let r = c.sent();
    assert_eq!(r.headers.get_all(&HeaderName::Contact).count(), 1);
}

#[test]
fn unregistering_after_a_failure_sends_nothing_and_cancels_the_retry() {
    let mut c = Client::new(params(), "pw");
    c.reg.start(true, &mut c.auth);
    let r = c.sent();
    c.answer(response_to(&r, 503, "", Some("t")));
    assert!(c.reg.poll_timeout().is_some(), "a retry is scheduled");
    c.reg.start(false, &mut c.auth);
    assert!(c.reg.poll_request().is_none());
    assert_eq!(c.reg.poll_timeout(), None);
}

#[test]
fn retry_failed_once_a_retry_fails_too() {
    let mut c = Client::new(params(), "pw");
    c.reg.start(true, &mut c.auth);
    let r = c.sent();
    c.answer(response_to(&r, 503, "", Some("t")));
    assert!(
        !c.reg.retry_failed(),
        "the first failure is not a failed retry"
    );
    c.advance(300);
    let r = c.sent();
    c.answer(response_to(&r, 503, "", Some("t")));
    assert!(c.reg.retry_failed());
    c.advance(300);
    let r = c.sent();
    c.answer(ok(&r, Some(300), None));
    assert!(!c.reg.retry_failed());
}
