//! The account layer (UaCore) in simulated time, with the test playing the registrar:
//! `Account::modify` with a REGISTER in flight and with `disableRegOnModify`, removal
//! sending an un-REGISTER without callbacks, failures reported with PJSUA's status and
//! `regLastErr`, and the REGISTER's Route set for each `proxyUse` (NAT handling and
//! keep-alives are in account_nat_sim.rs, what touches calls in account_calls_sim.rs).

mod common;

use common::account_sim::{config, contacts, ok, Sim, REGISTRAR};
use pjsua2rs::runtime::Core;
use pjsua2rs::sip::build::response_to;
use pjsua2rs::sip::resolve::ResolveError;
use pjsua2rs::sip::{HeaderName, SipHeaders};
use pjsua2rs::ua::account::{AccountSettings, PJSUA2RS_EXPIRES_NOT_SPECIFIED};
use pjsua2rs::ua::config::AuthCredInfo;
use pjsua2rs::ua::fixed_str::FixedStr;
use pjsua2rs::ua::status::PJSUA2RS_ERR_SIP_FAILED_CREDENTIAL;
use std::net::SocketAddr;
use std::time::Duration;

const OTHER_REGISTRAR: &str = "192.0.2.11:5060";

fn settings(cfg: &pjsua2rs::ua::config::AccountConfig) -> AccountSettings {
    AccountSettings::from_config(cfg).unwrap()
}

#[test]
fn modify_during_a_register_unregisters_the_binding_it_creates_late() {
    let mut sim = Sim::new("10.0.0.2:5060");
    let acc = sim.add(&config(&format!("sip:{REGISTRAR}")));
    let old = sim.one_request();
    let old_contact = contacts(&old);

    // A new registrar while the first REGISTER is unanswered: a new registration.
    let cfg = config(&format!("sip:{OTHER_REGISTRAR}"));
    sim.core
        .account_modify(sim.now, acc, settings(&cfg))
        .unwrap();
    let new = sim.one_request();
    assert_eq!(new.uri.to_string(), format!("sip:{OTHER_REGISTRAR}"));
    assert_ne!(new.call_id(), old.call_id(), "a new Call-ID");
    assert_eq!(
        new.cseq().unwrap().seq,
        old.cseq().unwrap().seq,
        "both at the first CSeq of their Call-ID"
    );

    // The old REGISTER succeeds late: its 200 is not the new REGISTER's (same CSeq), and
    // the binding it made is removed at once, in its own Call-ID with a higher CSeq.
    sim.deliver(ok(&old, "10.0.0.2:5060"), REGISTRAR);
    assert!(
        sim.reg_states(acc).is_empty(),
        "nothing for the old binding"
    );
    assert_eq!(sim.core.account_info(sim.now, acc).unwrap().reg_status, 100);
    let un = sim.one_request();
    assert_eq!(un.uri.to_string(), format!("sip:{REGISTRAR}"));
    assert_eq!(un.number(&HeaderName::Expires), Some(0));
    assert_eq!(un.call_id(), old.call_id());
    assert_eq!(un.cseq().unwrap().seq, old.cseq().unwrap().seq + 1);
    assert_eq!(contacts(&un), old_contact);
    sim.deliver(response_to(&un, 200, "", Some("x")), REGISTRAR);
    assert_eq!(sim.core.pending_unregistrations(), 0);

    sim.deliver(ok(&new, "10.0.0.2:5060"), OTHER_REGISTRAR);
    assert_eq!(sim.reg_states(acc), vec![(200, 0, 600)]);
    assert!(sim.requests().is_empty());
}

#[test]
fn modify_during_a_register_that_then_fails_sends_no_unregister() {
    let mut sim = Sim::new("10.0.0.2:5060");
    let acc = sim.add(&config(&format!("sip:{REGISTRAR}")));
    let old = sim.one_request();
    let cfg = config(&format!("sip:{OTHER_REGISTRAR}"));
    sim.core
        .account_modify(sim.now, acc, settings(&cfg))
        .unwrap();
    let _new = sim.one_request();
    sim.deliver(response_to(&old, 503, "", Some("x")), REGISTRAR);
    assert!(sim.requests().is_empty(), "no binding, no un-REGISTER");
    assert_eq!(sim.core.pending_unregistrations(), 0);
    sim.advance(Duration::from_secs(400));
    assert!(
        sim.requests()
            .iter()
            .all(|r| r.uri.to_string() != format!("sip:{REGISTRAR}")),
        "the old registration does not retry"
    );
}

#[test]
fn disable_reg_on_modify_leaves_registering_to_the_application() {
    let mut sim = Sim::new("10.0.0.2:5060");
    let mut cfg = config(&format!("sip:{REGISTRAR}"));
    let acc = sim.add(&cfg);
    let r = sim.one_request();
    sim.deliver(ok(&r, "10.0.0.2:5060"), REGISTRAR);

    // Without the flag a change of the same binding refreshes at once.
    cfg.reg_config.timeout_sec = 300;
    sim.core
        .account_modify(sim.now, acc, settings(&cfg))
        .unwrap();
    let refresh = sim.one_request();
    assert_eq!(refresh.number(&HeaderName::Expires), Some(300));
    sim.deliver(ok(&refresh, "10.0.0.2:5060"), REGISTRAR);

    // With it, neither that nor a new registrar sends anything.
    cfg.reg_config.disable_reg_on_modify = true;
    cfg.reg_config.timeout_sec = 200;
    sim.core
        .account_modify(sim.now, acc, settings(&cfg))
        .unwrap();
    assert!(sim.requests().is_empty());
    cfg.reg_config
        .registrar_uri
        .set_str(&format!("sip:{OTHER_REGISTRAR}"), "registrarUri")
        .unwrap();
    sim.core
        .account_modify(sim.now, acc, settings(&cfg))
        .unwrap();
    assert!(sim.requests().is_empty(), "no un-REGISTER, no REGISTER");
    assert_eq!(sim.core.pending_unregistrations(), 0);
    sim.core
        .account_set_registration(sim.now, acc, true)
        .unwrap();
    let r = sim.one_request();
    assert_eq!(r.uri.to_string(), format!("sip:{OTHER_REGISTRAR}"));
    assert_eq!(r.number(&HeaderName::Expires), Some(200));
}

#[test]
fn removed_account_unregisters_silently() {
    let mut sim = Sim::new("10.0.0.2:5060");
    let acc = sim.add(&config(&format!("sip:{REGISTRAR}")));
    let reg = sim.one_request();
    sim.deliver(ok(&reg, "10.0.0.2:5060"), REGISTRAR);
    sim.take_events();
    sim.core.account_delete(sim.now, acc).unwrap();
    assert!(!sim.core.account_exists(acc));
    let un = sim.one_request();
    assert_eq!(un.number(&HeaderName::Expires), Some(0));
    assert_eq!(sim.core.pending_unregistrations(), 1);
    sim.deliver(response_to(&un, 200, "", Some("x")), REGISTRAR);
    assert_eq!(sim.core.pending_unregistrations(), 0);
    assert!(sim.take_events().is_empty(), "no callbacks after removal");
}

#[test]
fn removal_waits_at_most_unreg_wait() {
    let mut sim = Sim::new("10.0.0.2:5060");
    let mut cfg = config(&format!("sip:{REGISTRAR}"));
    cfg.reg_config.unreg_wait_msec = 2000;
    let acc = sim.add(&cfg);
    let reg = sim.one_request();
    sim.deliver(ok(&reg, "10.0.0.2:5060"), REGISTRAR);
    sim.core.account_delete(sim.now, acc).unwrap();
    sim.requests();
    sim.advance(Duration::from_millis(1999));
    assert_eq!(sim.core.pending_unregistrations(), 1);
    sim.advance(Duration::from_millis(1));
    assert_eq!(
        sim.core.pending_unregistrations(),
        0,
        "given up after unregWaitMsec"
    );
}

#[test]
fn failures_report_status_0_and_the_code_as_pjsua_does() {
    let mut sim = Sim::new("10.0.0.2:5060");
    let mut cfg = config(&format!("sip:{REGISTRAR}"));
    cfg.reg_config.retry_interval_sec = 0;
    let acc = sim.add(&cfg);
    let _ = sim.one_request();
    // No answer: Timer F (64 * T1 = 32 s) ends the transaction with 408.
    sim.advance(Duration::from_secs(31));
    let _ = sim.sent();
    sim.advance(Duration::from_secs(2));
    let _ = sim.sent();
    assert_eq!(sim.reg_states(acc), vec![(408, 0, 0)]);
    let info = sim.core.account_info(sim.now, acc).unwrap();
    assert_eq!(
        (
            info.reg_status,
            info.reg_status_text.as_str(),
            info.reg_last_err,
            info.reg_is_active,
            info.reg_expires_sec
        ),
        (
            408,
            "Request Timeout",
            0,
            false,
            PJSUA2RS_EXPIRES_NOT_SPECIFIED
        )
    );

    // A 503 answer: its code, the standard text, status 0.
    sim.core
        .account_set_registration(sim.now, acc, true)
        .unwrap();
    let r = sim.one_request();
    sim.deliver(response_to(&r, 503, "Busy Now", Some("x")), REGISTRAR);
    assert_eq!(sim.reg_states(acc), vec![(503, 0, 0)]);
    let info = sim.core.account_info(sim.now, acc).unwrap();
    assert_eq!(
        (
            info.reg_status,
            info.reg_status_text.as_str(),
            info.reg_last_err
        ),
        (503, "Service Unavailable", 0)
    );

    // A wrong password: 401 again, status PJSIP_EFAILEDCREDENTIAL, which is the last error.
    let mut cfg = config(&format!("sip:{REGISTRAR}"));
    let mut cred = AuthCredInfo::default();
    cred.username.set_str("alice", "username").unwrap();
    cred.data.set_str("wrong", "data").unwrap();
    cfg.sip_config.auth_creds[0] = cred;
    cfg.sip_config.auth_creds_count = 1;
    sim.core
        .account_modify(sim.now, acc, settings(&cfg))
        .unwrap();
    sim.core
        .account_set_registration(sim.now, acc, true)
        .unwrap();
    let challenge = |r: &pjsua2rs::sip::Request| {
        let mut c = response_to(r, 401, "", Some("x"));
        c.headers.push(
            HeaderName::WwwAuthenticate,
            "Digest realm=\"example.com\", nonce=\"n1\", qop=\"auth\"",
        );
        c
    };
    let r = sim.one_request();
    sim.deliver(challenge(&r), REGISTRAR);
    let r = sim.one_request();
    sim.deliver(challenge(&r), REGISTRAR);
    assert_eq!(
        sim.reg_states(acc),
        vec![(401, PJSUA2RS_ERR_SIP_FAILED_CREDENTIAL, 0)]
    );
    let info = sim.core.account_info(sim.now, acc).unwrap();
    assert_eq!(info.reg_last_err, PJSUA2RS_ERR_SIP_FAILED_CREDENTIAL);
}

#[test]
fn transport_and_dns_failures_report_503_and_502_with_status_0() {
    let mut sim = Sim::new("10.0.0.2:5060");
    // No TCP transport for a TCP registrar: 503 at once.
    let mut cfg = config(&format!("sip:{REGISTRAR};transport=tcp"));
    cfg.reg_config.retry_interval_sec = 0;
    let tcp = sim.add(&cfg);
    assert!(sim.requests().is_empty());
    let states = sim.reg_states(tcp);
    assert_eq!(states.len(), 1);
    assert_eq!((states[0].0, states[0].1), (503, 0));
    let info = sim.core.account_info(sim.now, tcp).unwrap();
    assert_eq!((info.reg_status, info.reg_last_err), (503, 0));

    // A registrar name that does not resolve: 502 (PJSIP's mapping for DNS failures).
    let mut cfg = config("sip:nowhere.invalid");
    cfg.reg_config.retry_interval_sec = 0;
    let dns = sim.add(&cfg);
    sim.core.process(sim.now);
    let job = sim.core.poll_resolve().expect("a DNS job");
    assert_eq!(job.uri.host.to_string(), "nowhere.invalid");
    sim.core.handle_resolved(
        sim.now,
        job.id,
        Err(ResolveError::NotFound {
            target: "nowhere.invalid".into(),
            tried: vec![],
        }),
    );
    sim.core.process(sim.now);
    let states = sim.reg_states(dns);
    assert_eq!(states.len(), 1);
    assert_eq!((states[0].0, states[0].1), (502, 0));
    let info = sim.core.account_info(sim.now, dns).unwrap();
    assert_eq!(
        (
            info.reg_status,
            info.reg_status_text.as_str(),
            info.reg_last_err
        ),
        (502, "Bad Gateway", 0)
    );
}

/// The Route headers and destination of the first REGISTER with `proxy_use`, the global
/// outbound proxy 192.0.2.50:5070 and the account proxy 192.0.2.60.
fn register_route(proxy_use: u32) -> (Vec<String>, SocketAddr) {
    let mut sim = Sim::with_outbound("10.0.0.2:5060", &["<sip:192.0.2.50:5070>"]);
    let mut cfg = config("sip:example.com");
    cfg.sip_config.proxies[0]
        .set_str("<sip:192.0.2.60;lr>", "proxies")
        .unwrap();
    cfg.sip_config.proxies_count = 1;
    cfg.reg_config.proxy_use = proxy_use;
    sim.add(&cfg);
    sim.core.process(sim.now);
    if let Some(job) = sim.core.poll_resolve() {
        // proxyUse 0: straight to the registrar's domain, which the test resolves.
        assert_eq!(job.uri.host.to_string(), "example.com");
        let d = pjsua2rs::sip::resolve::Destination {
            kind: pjsua2rs::sip::transport::TransportKind::Udp,
            addr: REGISTRAR.parse().unwrap(),
            target: "example.com".into(),
        };
        sim.core.handle_resolved(sim.now, job.id, Ok(vec![d]));
    }
    let sent = sim.sent();
    assert_eq!(sent.len(), 1);
    let Ok(pjsua2rs::sip::Message::Request(r)) = pjsua2rs::sip::Message::parse(sent[0].1.clone())
    else {
        panic!("a REGISTER")
    };
    assert_eq!(r.uri.to_string(), "sip:example.com", "loose routing");
    let routes = r
        .headers
        .get_all(&HeaderName::Route)
        .map(|v| v.to_string())
        .collect();
    (routes, sent[0].0)
}

#[test]
fn register_routes_follow_proxy_use_as_pjsua() {
    let outbound = "<sip:192.0.2.50:5070;lr>"; // PJSUA adds lr (force_lr)
    let account = "<sip:192.0.2.60;lr>";
    let addr = |s: &str| s.parse::<SocketAddr>().unwrap();
    assert_eq!(register_route(0), (vec![], addr(REGISTRAR)));
    assert_eq!(
        register_route(1),
        (vec![outbound.to_string()], addr("192.0.2.50:5070"))
    );
    assert_eq!(
        register_route(2),
        (vec![account.to_string()], addr("192.0.2.60:5060"))
    );
    assert_eq!(
        register_route(3),
        (
            vec![outbound.to_string(), account.to_string()],
            addr("192.0.2.50:5070")
        )
    );
}
