//! Account settings that reach calls and incoming requests, in simulated time with the
//! test as registrar and far phone: dropCallsOnFail, useSharedAuth, authInitialEmpty
//! (REGISTER and INVITE), and the account chosen for an incoming INVITE (PJSUA's
//! `pjsua_acc_find_for_incoming`), a userless local account included.

mod common;

use bytes::Bytes;
use common::account_sim::{config, ok, Sim, REGISTRAR};
use pjsua2rs::runtime::Core;
use pjsua2rs::sip::build::response_to;
use pjsua2rs::sip::{HeaderName, Request, Response};
use pjsua2rs::ua::account::AccountId;
use pjsua2rs::ua::call::CallOpParam;
use pjsua2rs::ua::config::{AccountConfig, AuthCredInfo};
use pjsua2rs::ua::core::calls::CallsConfig;
use pjsua2rs::ua::core::AppEvent;
use pjsua2rs::ua::fixed_str::FixedStr;
use std::time::Duration;

const PHONE: &str = "192.0.2.30:5060";

const ANSWER: &str = "v=0\r\no=b 1 1 IN IP4 192.0.2.30\r\ns=-\r\nc=IN IP4 192.0.2.30\r\nt=0 0\r\n\
                      m=audio 5000 RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\n";

fn with_password(mut cfg: AccountConfig) -> AccountConfig {
    let mut cred = AuthCredInfo::default();
    cred.username.set_str("alice", "username").unwrap();
    cred.data.set_str("pw", "data").unwrap();
    cfg.sip_config.auth_creds[0] = cred;
    cfg.sip_config.auth_creds_count = 1;
    cfg
}

fn challenge(req: &Request, code: u16) -> Response {
    let mut c = response_to(req, code, "", Some("x"));
    let name = if code == 401 {
        HeaderName::WwwAuthenticate
    } else {
        HeaderName::ProxyAuthenticate
    };
    c.headers.push(
        name,
        "Digest realm=\"example.com\", nonce=\"n1\", qop=\"auth\"",
    );
    c
}

fn authorizations(req: &Request) -> Vec<String> {
    [HeaderName::Authorization, HeaderName::ProxyAuthorization]
        .iter()
        .flat_map(|n| req.headers.get_all(n).map(|v| v.to_string()))
        .collect()
}

/// Registers `cfg` through a digest challenge of realm example.com.
fn register_with_challenge(sim: &mut Sim, cfg: &AccountConfig) -> AccountId {
    let acc = sim.add(cfg);
    let r = sim.one_request();
    sim.deliver(challenge(&r, 401), REGISTRAR);
    let r = sim.one_request();
    sim.deliver(ok(&r, "10.0.0.2:5060"), REGISTRAR);
    acc
}

/// The INVITE of a new call of `acc` to the phone.
fn call(sim: &mut Sim, acc: AccountId) -> Request {
    let now = sim.now;
    sim.core
        .call_make(
            now,
            acc,
            &format!("sip:bob@{PHONE}"),
            &CallOpParam::default(),
        )
        .unwrap();
    let invite = sim.one_request();
    assert_eq!(invite.method.as_str(), "INVITE");
    invite
}

#[test]
fn shared_auth_answers_the_invite_with_the_registration_challenge() {
    for shared in [true, false] {
        let mut sim = Sim::new("10.0.0.2:5060");
        let mut cfg = with_password(config(&format!("sip:{REGISTRAR}")));
        cfg.sip_config.use_shared_auth = shared;
        let acc = register_with_challenge(&mut sim, &cfg);
        let invite = call(&mut sim, acc);
        let auth = authorizations(&invite);
        if shared {
            assert_eq!(auth.len(), 1, "{auth:?}");
            assert!(auth[0].contains("realm=\"example.com\""), "{auth:?}");
            assert!(
                auth[0].contains("uri=\"sip:bob@192.0.2.30:5060\""),
                "{auth:?}"
            );
        } else {
            assert!(auth.is_empty(), "{auth:?}");
            // The call answers its own challenge.
            sim.deliver(challenge(&invite, 407), PHONE);
            let again: Vec<Request> = sim
                .requests()
                .into_iter()
                .filter(|r| r.method.as_str() == "INVITE")
                .collect();
            assert_eq!(again.len(), 1);
            assert!(authorizations(&again[0])[0].starts_with("Digest username=\"alice\""));
        }
    }
}

#[test]
fn auth_initial_empty_puts_an_empty_authorization_on_register_and_invite() {
    let mut sim = Sim::new("10.0.0.2:5060");
    let mut cfg = with_password(config(&format!("sip:{REGISTRAR}")));
    cfg.sip_config.auth_initial_empty = true;
    cfg.sip_config
        .auth_initial_algorithm
        .set_str("MD5", "authInitialAlgorithm")
        .unwrap();
    let acc = sim.add(&cfg);
    let r = sim.one_request();
    let uri = format!("sip:{REGISTRAR}");
    assert_eq!(
        authorizations(&r),
        [format!(
            "Digest username=\"alice\", realm=\"*\", nonce=\"\", uri=\"{uri}\", response=\"\", algorithm=MD5"
        )]
    );
    // The answer to the challenge replaces it.
    sim.deliver(challenge(&r, 401), REGISTRAR);
    let r = sim.one_request();
    let auth = authorizations(&r);
    assert_eq!(auth.len(), 1, "{auth:?}");
    assert!(auth[0].contains("nonce=\"n1\""), "{auth:?}");
    sim.deliver(ok(&r, "10.0.0.2:5060"), REGISTRAR);
    // A refresh carries the cached answer (it covers the `*` credential): no empty one.
    sim.core
        .account_set_registration(sim.now, acc, true)
        .unwrap();
    let auth = authorizations(&sim.one_request());
    assert!(
        auth.len() == 1 && auth[0].contains("nonce=\"n1\""),
        "{auth:?}"
    );

    let invite = call(&mut sim, acc);
    assert_eq!(
        authorizations(&invite),
        [
            "Digest username=\"alice\", realm=\"*\", nonce=\"\", uri=\"sip:bob@192.0.2.30:5060\", response=\"\", algorithm=MD5"
        ]
    );
}

#[test]
fn drop_calls_on_fail_hangs_up_once_a_retry_failed() {
    for drop in [true, false] {
        let mut sim = Sim::new("10.0.0.2:5060");
        let mut cfg = config(&format!("sip:{REGISTRAR}"));
        cfg.reg_config.drop_calls_on_fail = drop;
        cfg.reg_config.retry_interval_sec = 30;
        cfg.reg_config.random_retry_interval_sec = 0;
        let acc = sim.add(&cfg);
        let r = sim.one_request();
        sim.deliver(ok(&r, "10.0.0.2:5060"), REGISTRAR);
        let invite = call(&mut sim, acc);
        let mut answer = response_to(&invite, 200, "", Some("b"));
        answer
            .headers
            .push(HeaderName::Contact, format!("<sip:bob@{PHONE}>"));
        answer
            .headers
            .push(HeaderName::ContentType, "application/sdp");
        answer.body = Bytes::from(ANSWER);
        sim.deliver(answer, PHONE);
        assert_eq!(sim.one_request().method.as_str(), "ACK");
        sim.take_events();

        // The refresh (5 s before the 600 s granted) fails: a retry is scheduled, the
        // call stays.
        sim.advance(Duration::from_secs(595));
        let refresh = sim
            .requests()
            .into_iter()
            .find(|r| r.method.as_str() == "REGISTER")
            .expect("the refresh");
        sim.deliver(response_to(&refresh, 503, "", Some("x")), REGISTRAR);
        assert!(sim.requests().is_empty(), "one failure does not drop calls");
        // The retry fails too: with dropCallsOnFail the call is hung up.
        sim.advance(Duration::from_secs(30));
        let retry = sim
            .requests()
            .into_iter()
            .find(|r| r.method.as_str() == "REGISTER")
            .expect("the retry");
        sim.deliver(response_to(&retry, 503, "", Some("x")), REGISTRAR);
        let sent: Vec<String> = sim
            .requests()
            .iter()
            .map(|r| r.method.to_string())
            .collect();
        if drop {
            assert_eq!(sent, ["BYE"]);
        } else {
            assert!(sent.is_empty(), "{sent:?}");
        }
    }
}

/// An INVITE from the phone to `ruri` with To `to`, and the account its
/// `onIncomingCall` went to.
fn incoming(sim: &mut Sim, ruri: &str, to: &str, n: u32) -> Option<AccountId> {
    let invite = format!(
        "INVITE {ruri} SIP/2.0\r\nVia: SIP/2.0/UDP {PHONE};branch=z9hG4bK-in-{n}\r\n\
         Max-Forwards: 70\r\nFrom: <sip:carol@{PHONE}>;tag=c{n}\r\nTo: <{to}>\r\n\
         Call-ID: in-{n}@192.0.2.30\r\nCSeq: 1 INVITE\r\nContact: <sip:carol@{PHONE}>\r\n\
         Content-Length: 0\r\n\r\n"
    );
    sim.core
        .handle_datagram(sim.now, 0, PHONE.parse().unwrap(), Bytes::from(invite));
    sim.core.process(sim.now);
    let _ = sim.sent();
    sim.take_events().into_iter().find_map(|e| match e {
        AppEvent::IncomingCall { acc, .. } => Some(acc),
        _ => None,
    })
}

fn local(id: &str, priority: i32) -> AccountConfig {
    let mut cfg = AccountConfig::default();
    cfg.id_uri.set_str(id, "idUri").unwrap();
    cfg.priority = priority;
    cfg
}

#[test]
fn incoming_calls_go_to_the_best_scoring_account_as_in_pjsua() {
    let mut sim = Sim::new("10.0.0.2:5060");
    sim.core.configure_calls(CallsConfig {
        max_calls: 16,
        ..CallsConfig::default()
    });
    let alice = sim.add(&local("sip:alice@example.com", 0));
    let userless = sim.add(&local("<sip:10.0.0.2>", 0));
    assert!(
        sim.core.account_exists(userless),
        "a userless account is made"
    );
    assert_eq!(sim.core.account_default(), Some(alice));

    // An unknown user at our address: the userless account (host match).
    let to = "sip:nobody@10.0.0.2";
    assert_eq!(incoming(&mut sim, to, to, 1), Some(userless));
    // Our address without a user: the userless account (host and user match).
    assert_eq!(
        incoming(&mut sim, "sip:10.0.0.2", "sip:10.0.0.2", 2),
        Some(userless)
    );
    // alice at her domain: alice (host, user and Request-URI user).
    let to = "sip:alice@example.com";
    assert_eq!(incoming(&mut sim, to, to, 3), Some(alice));
    // alice at our address: the host outweighs the user (4 against 2 + 1).
    let to = "sip:alice@10.0.0.2";
    assert_eq!(incoming(&mut sim, to, to, 4), Some(userless));
    // The To decides the host and user, the Request-URI only its user.
    assert_eq!(
        incoming(&mut sim, "sip:nobody@10.0.0.2", "sip:alice@example.com", 5),
        Some(alice)
    );
    // Nobody anywhere: a tie, won by the older account at equal priority...
    let to = "sip:nobody@198.51.100.9";
    assert_eq!(incoming(&mut sim, to, to, 6), Some(alice));
    // ...and by the higher priority otherwise.
    let high = sim.add(&local("sip:carol@example.org", 5));
    assert_eq!(incoming(&mut sim, to, to, 7), Some(high));
}

#[test]
fn a_userless_account_of_another_transport_kind_loses_its_transport_point() {
    let mut sim = Sim::new("10.0.0.2:5060");
    sim.add_tcp();
    let alice = sim.add(&local("sip:alice@example.com", 0));
    let mut cfg = local("sip:10.0.0.2", 0);
    cfg.sip_config.transport_id = 1; // TCP; the INVITE comes over UDP
    let tcp_only = sim.add(&cfg);
    // Its host match (4) is worth less than alice's transport match (8).
    let to = "sip:nobody@10.0.0.2";
    assert_eq!(incoming(&mut sim, to, to, 1), Some(alice));
    assert!(sim.core.account_exists(tcp_only));
}
