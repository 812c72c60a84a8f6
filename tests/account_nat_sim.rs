//! Accounts behind NAT in simulated time, the test playing the registrar: the Contact
//! rewrite after the registrar reports another address in our Via (contactRewriteUse 0,
//! 1 and 2, contactRewriteMethod UNREGISTER, NO_UNREG and ALWAYS_UPDATE, UDP and TCP, an
//! `rport` without `received`), and the keep-alives to the registrar (udpKaIntervalSec
//! and udpKaData on UDP, CRLFCRLF every 90 s on TCP, the registrar's Flow-Timer).

mod common;

use bytes::Bytes;
use common::account_sim::{config, contacts, ok, via_ok, Sim, REGISTRAR};
use pjsua2rs::sip::build::response_to;
use pjsua2rs::sip::{HeaderName, Message, SipHeaders};
use pjsua2rs::ua::config::{
    AccountConfig, AuthCredInfo, PJSUA2RS_CONTACT_REWRITE_ALWAYS_UPDATE,
    PJSUA2RS_CONTACT_REWRITE_NO_UNREG, PJSUA2RS_CONTACT_REWRITE_UNREGISTER,
};
use pjsua2rs::ua::core::AppEvent;
use pjsua2rs::ua::fixed_str::FixedStr;
use std::time::Duration;

/// The callbacks so far: "started:true", "started:false", "state:200".
fn callbacks(sim: &mut Sim) -> Vec<String> {
    sim.take_events()
        .into_iter()
        .filter_map(|e| match e {
            AppEvent::RegStarted { prm, .. } => Some(format!("started:{}", prm.renew)),
            AppEvent::RegState { prm, .. } => Some(format!("state:{}", prm.code)),
            _ => None,
        })
        .collect()
}

fn nat_config(rewrite_use: i32, method: i32) -> AccountConfig {
    let mut cfg = config(&format!("sip:{REGISTRAR}"));
    cfg.nat_config.contact_rewrite_use = rewrite_use;
    cfg.nat_config.contact_rewrite_method = method;
    cfg
}

#[test]
fn no_unreg_rebinds_the_public_contact_in_one_register() {
    let mut sim = Sim::new("10.0.0.2:5060");
    sim.add(&nat_config(1, PJSUA2RS_CONTACT_REWRITE_NO_UNREG));
    let first = sim.one_request();
    assert_eq!(contacts(&first), ["<sip:alice@10.0.0.2:5060>"]);
    sim.deliver(ok(&first, "203.0.113.7:40000"), REGISTRAR);
    let again = sim.one_request();
    assert_eq!(
        contacts(&again),
        [
            "<sip:alice@203.0.113.7:40000>",
            "<sip:alice@10.0.0.2:5060>;expires=0"
        ],
        "the old binding goes in the same REGISTER"
    );
    assert_eq!(again.call_id(), first.call_id(), "same registration");
    assert!(again.cseq().unwrap().seq > first.cseq().unwrap().seq);
    assert!(again
        .headers
        .get(&HeaderName::Via)
        .unwrap()
        .contains("203.0.113.7:40000"));
    sim.deliver(ok(&again, "203.0.113.7:40000"), REGISTRAR);
    assert!(
        sim.requests().is_empty(),
        "no loop once the Contact matches"
    );
    // As PJSUA: the first 2xx is not reported, the rewritten REGISTER is.
    assert_eq!(
        callbacks(&mut sim),
        ["started:true", "started:true", "state:200"]
    );
}

#[test]
fn unregister_method_removes_the_old_contact_first_under_its_own_call_id() {
    let mut sim = Sim::new("10.0.0.2:5060");
    let acc = sim.add(&nat_config(1, PJSUA2RS_CONTACT_REWRITE_UNREGISTER));
    let first = sim.one_request();
    sim.deliver(ok(&first, "203.0.113.7:40000"), REGISTRAR);
    let sent = sim.requests();
    assert_eq!(sent.len(), 2, "{sent:?}");
    let (un, reg) = (&sent[0], &sent[1]);
    assert_eq!(
        un.number(&HeaderName::Expires),
        Some(0),
        "the un-REGISTER first"
    );
    assert_eq!(contacts(un), ["<sip:alice@10.0.0.2:5060>"]);
    assert_eq!(un.call_id(), first.call_id());
    assert_eq!(reg.number(&HeaderName::Expires), Some(600));
    assert_eq!(contacts(reg), ["<sip:alice@203.0.113.7:40000>"]);
    assert_ne!(reg.call_id(), first.call_id(), "a new registration");
    sim.deliver(response_to(un, 200, "", Some("x")), REGISTRAR);
    sim.deliver(ok(reg, "203.0.113.7:40000"), REGISTRAR);
    assert!(sim.requests().is_empty());
    assert_eq!(
        callbacks(&mut sim),
        ["started:true", "started:false", "started:true", "state:200"]
    );
    let info = sim.core.account_info(sim.now, acc).unwrap();
    assert!(info.reg_is_active);
    assert_eq!(sim.core.pending_unregistrations(), 0);
}

#[test]
fn rewrite_use_0_keeps_the_contact() {
    let mut sim = Sim::new("10.0.0.2:5060");
    sim.add(&nat_config(0, PJSUA2RS_CONTACT_REWRITE_NO_UNREG));
    let first = sim.one_request();
    sim.deliver(ok(&first, "203.0.113.7:40000"), REGISTRAR);
    assert!(sim.requests().is_empty());
    assert_eq!(callbacks(&mut sim), ["started:true", "state:200"]);
}

#[test]
fn an_rport_alone_rewrites_a_public_contact_and_a_private_one_only_with_2() {
    // Published public: rport 40000 without received moves the Contact's port.
    let mut sim = Sim::new("198.51.100.2:5060");
    sim.add(&nat_config(1, PJSUA2RS_CONTACT_REWRITE_NO_UNREG));
    let first = sim.one_request();
    sim.deliver(via_ok(&first, ";rport=40000"), REGISTRAR);
    let again = sim.one_request();
    assert_eq!(contacts(&again)[0], "<sip:alice@198.51.100.2:40000>");

    // Published private: only the port differs on a private address, so 1 keeps it...
    let mut sim = Sim::new("10.0.0.2:5060");
    sim.add(&nat_config(1, PJSUA2RS_CONTACT_REWRITE_NO_UNREG));
    let first = sim.one_request();
    sim.deliver(via_ok(&first, ";rport=40000"), REGISTRAR);
    assert!(sim.requests().is_empty());

    // ...and 2 rewrites on any difference.
    let mut sim = Sim::new("10.0.0.2:5060");
    sim.add(&nat_config(2, PJSUA2RS_CONTACT_REWRITE_NO_UNREG));
    let first = sim.one_request();
    sim.deliver(via_ok(&first, ";rport=40000"), REGISTRAR);
    let again = sim.one_request();
    assert_eq!(contacts(&again)[0], "<sip:alice@10.0.0.2:40000>");
}

#[test]
fn rewrite_use_1_distrusts_a_private_address_between_public_ends() {
    let mut sim = Sim::new("198.51.100.2:5060");
    sim.add(&nat_config(1, PJSUA2RS_CONTACT_REWRITE_NO_UNREG));
    let first = sim.one_request();
    sim.deliver(ok(&first, "192.168.1.20:5060"), REGISTRAR);
    assert!(sim.requests().is_empty(), "kept");

    let mut sim = Sim::new("198.51.100.2:5060");
    sim.add(&nat_config(2, PJSUA2RS_CONTACT_REWRITE_NO_UNREG));
    let first = sim.one_request();
    sim.deliver(ok(&first, "192.168.1.20:5060"), REGISTRAR);
    assert_eq!(
        contacts(&sim.one_request())[0],
        "<sip:alice@192.168.1.20:5060>"
    );
}

/// A 401 to `req` with the registrar seeing us at 203.0.113.7:40000.
fn challenge_from_nat(req: &pjsua2rs::sip::Request) -> pjsua2rs::sip::Response {
    let mut r = req.clone();
    let via = r.headers.get(&HeaderName::Via).unwrap().to_string();
    r.headers.set(
        HeaderName::Via,
        via.replace(";rport", ";rport=40000;received=203.0.113.7"),
    );
    let mut challenge = response_to(&r, 401, "", Some("x"));
    challenge.headers.push(
        HeaderName::WwwAuthenticate,
        "Digest realm=\"example.com\", nonce=\"n1\", qop=\"auth\"",
    );
    challenge
}

#[test]
fn always_update_puts_the_address_of_a_401_in_the_answering_register() {
    let mut cfg = nat_config(
        1,
        PJSUA2RS_CONTACT_REWRITE_NO_UNREG | PJSUA2RS_CONTACT_REWRITE_ALWAYS_UPDATE,
    );
    let mut cred = AuthCredInfo::default();
    cred.username.set_str("alice", "username").unwrap();
    cred.data.set_str("pw", "data").unwrap();
    cfg.sip_config.auth_creds[0] = cred;
    cfg.sip_config.auth_creds_count = 1;
    let mut sim = Sim::new("10.0.0.2:5060");
    sim.add(&cfg);
    let first = sim.one_request();
    sim.deliver(challenge_from_nat(&first), REGISTRAR);
    let answer = sim.one_request();
    assert!(answer.headers.get(&HeaderName::Authorization).is_some());
    assert_eq!(
        contacts(&answer),
        [
            "<sip:alice@203.0.113.7:40000>",
            "<sip:alice@10.0.0.2:5060>;expires=0"
        ]
    );
    sim.deliver(ok(&answer, "203.0.113.7:40000"), REGISTRAR);
    assert!(sim.requests().is_empty(), "the 2xx matches the Contact");
    assert_eq!(callbacks(&mut sim), ["started:true", "state:200"]);

    // Without ALWAYS_UPDATE the 401 is not looked at: the 2xx brings the rewrite.
    cfg.nat_config.contact_rewrite_method = PJSUA2RS_CONTACT_REWRITE_NO_UNREG;
    let mut sim = Sim::new("10.0.0.2:5060");
    sim.add(&cfg);
    let first = sim.one_request();
    sim.deliver(challenge_from_nat(&first), REGISTRAR);
    assert_eq!(contacts(&sim.one_request()), ["<sip:alice@10.0.0.2:5060>"]);
}

#[test]
fn the_contact_of_a_tcp_registration_is_rewritten_too() {
    let mut cfg = nat_config(1, PJSUA2RS_CONTACT_REWRITE_NO_UNREG);
    cfg.reg_config
        .registrar_uri
        .set_str(&format!("sip:{REGISTRAR};transport=tcp"), "registrarUri")
        .unwrap();
    let mut sim = Sim::new("10.0.0.2:5060");
    sim.add_tcp();
    sim.add(&cfg);
    let first = sim.one_request();
    assert_eq!(
        contacts(&first),
        ["<sip:alice@10.0.0.2:5060;transport=tcp>"]
    );
    sim.deliver_tcp(
        Message::Response(ok(&first, "203.0.113.7:40001")),
        REGISTRAR,
    );
    let again = sim.one_request();
    assert_eq!(
        contacts(&again)[0],
        "<sip:alice@203.0.113.7:40001;transport=tcp>"
    );
}

#[test]
fn udp_keepalives_follow_a_successful_registration() {
    let mut sim = Sim::new("10.0.0.2:5060");
    let mut cfg = config(&format!("sip:{REGISTRAR}"));
    cfg.nat_config.udp_ka_interval_sec = 15;
    sim.add(&cfg);
    let reg = sim.one_request();
    sim.deliver(ok(&reg, "10.0.0.2:5060"), REGISTRAR);
    sim.advance(Duration::from_secs(14));
    assert!(sim.sent().is_empty());
    sim.advance(Duration::from_secs(1));
    assert_eq!(
        sim.sent(),
        vec![(REGISTRAR.parse().unwrap(), Bytes::from_static(b"\r\n"))]
    );
    sim.advance(Duration::from_secs(15));
    assert_eq!(sim.sent().len(), 1, "every 15 s");
}

#[test]
fn tcp_registration_gets_crlfcrlf_every_90_s_or_at_the_flow_timer() {
    let mut sim = Sim::new("10.0.0.2:5060");
    sim.add_tcp();
    let cfg = config(&format!("sip:{REGISTRAR};transport=tcp"));
    let acc = sim.add(&cfg);
    let reg = sim.one_request();
    sim.deliver_tcp(Message::Response(ok(&reg, "10.0.0.2:5060")), REGISTRAR);
    sim.advance(Duration::from_secs(89));
    assert!(sim.sent().is_empty());
    sim.advance(Duration::from_secs(1));
    assert_eq!(
        sim.sent(),
        vec![(REGISTRAR.parse().unwrap(), Bytes::from_static(b"\r\n\r\n"))]
    );

    // A refresh answered with Flow-Timer: 20 (RFC 5626 §4.4.1): every 16 to 20 s.
    sim.core
        .account_set_registration(sim.now, acc, true)
        .unwrap();
    let refresh = sim.one_request();
    let mut resp = ok(&refresh, "10.0.0.2:5060");
    resp.headers.push(HeaderName::parse("Flow-Timer"), "20");
    sim.deliver_tcp(Message::Response(resp), REGISTRAR);
    let mut at = Vec::new();
    for s in 1..=60 {
        sim.advance(Duration::from_secs(1));
        if !sim.sent().is_empty() {
            at.push(s);
        }
    }
    assert!(at.len() >= 3, "{at:?}");
    let gaps: Vec<u64> = std::iter::once(at[0])
        .chain(at.windows(2).map(|w| w[1] - w[0]))
        .collect();
    assert!(gaps.iter().all(|g| (16..=20).contains(g)), "{gaps:?}");
}
