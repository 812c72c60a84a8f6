//! The account layer (UaCore) in simulated time, with the test playing the registrar:
//! REGISTER over the account's transport, UDP keep-alives to the registrar, the Contact
//! rewrite after the registrar reports another address (NAT), the outbound proxy route,
//! and removal sending an un-REGISTER without callbacks.

mod common;

use bytes::Bytes;
use common::sim::quiet_core;
use pjsua2rs::runtime::Core;
use pjsua2rs::sip::build::response_to;
use pjsua2rs::sip::transport::TransportKind;
use pjsua2rs::sip::{HeaderName, Host, Message, Request, SipHeaders};
use pjsua2rs::ua::account::AccountSettings;
use pjsua2rs::ua::config::AccountConfig;
use pjsua2rs::ua::core::{AppEvent, UaCore};
use pjsua2rs::ua::fixed_str::FixedStr;
use pjsua2rs::ua::transport::TransportRecord;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

const REGISTRAR: &str = "192.0.2.10:5060";

struct Sim {
    core: UaCore,
    events: Arc<Mutex<Vec<AppEvent>>>,
    now: Instant,
}

impl Sim {
    /// A core with one UDP transport published as `published`.
    fn new(published: &str) -> Sim {
        let (mut core, events) = quiet_core();
        let published: SocketAddr = published.parse().unwrap();
        core.add_transport(TransportRecord {
            id: 0,
            transport_type: 1,
            kind: TransportKind::Udp,
            type_name: "UDP".into(),
            local: "10.0.0.2:5060".parse().unwrap(),
            published_host: Host::from(published.ip()),
            published_port: published.port(),
        });
        Sim {
            core,
            events,
            now: Instant::now(),
        }
    }

    /// Everything the core sends now: (to, bytes).
    fn sent(&mut self) -> Vec<(SocketAddr, Bytes)> {
        self.core.process(self.now);
        std::iter::from_fn(|| self.core.poll_transmit())
            .map(|t| (t.flow.remote, t.data))
            .collect()
    }

    fn requests(&mut self) -> Vec<Request> {
        self.sent()
            .into_iter()
            .filter_map(|(_, d)| match Message::parse(d) {
                Ok(Message::Request(r)) => Some(r),
                _ => None,
            })
            .collect()
    }

    fn deliver(&mut self, response: pjsua2rs::sip::Response, from: &str) {
        let data = Message::Response(response).to_bytes();
        self.core
            .handle_datagram(self.now, 0, from.parse().unwrap(), data);
        self.core.process(self.now);
    }

    fn advance(&mut self, d: Duration) {
        self.now += d;
        self.core.handle_timeout(self.now);
    }

    fn take_events(&mut self) -> Vec<AppEvent> {
        std::mem::take(&mut *self.events.lock().unwrap())
    }
}

fn config(registrar: &str) -> AccountConfig {
    let mut cfg = AccountConfig::default();
    cfg.id_uri
        .set_str("sip:alice@example.com", "idUri")
        .unwrap();
    cfg.reg_config
        .registrar_uri
        .set_str(registrar, "registrarUri")
        .unwrap();
    cfg.reg_config.timeout_sec = 600;
    cfg
}

/// A 200 for a REGISTER, with the registrar seeing us at `seen` (Via received/rport).
fn ok(req: &Request, seen: &str) -> pjsua2rs::sip::Response {
    let seen: SocketAddr = seen.parse().unwrap();
    let mut r = req.clone();
    let via = r
        .headers
        .values(&HeaderName::Via)
        .next()
        .unwrap()
        .to_string();
    let stamped = via.replace(
        ";rport",
        &format!(";rport={};received={}", seen.port(), seen.ip()),
    );
    r.headers.set(HeaderName::Via, stamped);
    let mut resp = response_to(&r, 200, "", Some("reg"));
    let contact = req.headers.get(&HeaderName::Contact).unwrap();
    resp.headers
        .push(HeaderName::Contact, format!("{contact};expires=600"));
    resp
}

#[test]
fn udp_keepalives_follow_a_successful_registration() {
    let mut sim = Sim::new("10.0.0.2:5060");
    let mut cfg = config(&format!("sip:{REGISTRAR}"));
    cfg.nat_config.udp_ka_interval_sec = 15;
    let settings = AccountSettings::from_config(&cfg).unwrap();
    sim.core.account_add(sim.now, settings, true).unwrap();
    let reg = sim.requests().pop().expect("REGISTER");
    assert_eq!(reg.method.as_str(), "REGISTER");
    sim.deliver(ok(&reg, "10.0.0.2:5060"), REGISTRAR);
    assert!(sim
        .take_events()
        .iter()
        .any(|e| matches!(e, AppEvent::RegState { prm, .. } if prm.code == 200)));
    sim.advance(Duration::from_secs(14));
    assert!(sim.sent().is_empty());
    sim.advance(Duration::from_secs(1));
    let ka = sim.sent();
    assert_eq!(
        ka,
        vec![(REGISTRAR.parse().unwrap(), Bytes::from_static(b"\r\n"))]
    );
    sim.advance(Duration::from_secs(15));
    assert_eq!(sim.sent().len(), 1, "every 15 s");
}

#[test]
fn contact_is_rewritten_when_the_registrar_sees_another_address() {
    let mut sim = Sim::new("10.0.0.2:5060");
    let settings = AccountSettings::from_config(&config(&format!("sip:{REGISTRAR}"))).unwrap();
    sim.core.account_add(sim.now, settings, true).unwrap();
    let first = sim.requests().pop().unwrap();
    assert!(first
        .headers
        .get(&HeaderName::Contact)
        .unwrap()
        .contains("10.0.0.2:5060"));
    sim.deliver(ok(&first, "203.0.113.7:40000"), REGISTRAR);
    let again = sim
        .requests()
        .pop()
        .expect("a REGISTER with the public contact");
    let contact = again.headers.get(&HeaderName::Contact).unwrap();
    assert!(contact.contains("203.0.113.7:40000"), "{contact}");
    assert_eq!(again.call_id(), first.call_id(), "same registration");
    assert!(again.cseq().unwrap().seq > first.cseq().unwrap().seq);
    sim.deliver(ok(&again, "203.0.113.7:40000"), REGISTRAR);
    assert!(
        sim.requests().is_empty(),
        "no loop once the contact matches"
    );
}

#[test]
fn register_goes_through_the_outbound_proxy_with_a_route() {
    let mut sim = Sim::new("10.0.0.2:5060");
    let mut cfg = config("sip:example.com");
    cfg.sip_config.proxies[0]
        .set_str("<sip:192.0.2.99:5070;lr>", "p")
        .unwrap();
    cfg.sip_config.proxies_count = 1;
    let settings = AccountSettings::from_config(&cfg).unwrap();
    sim.core.account_add(sim.now, settings, true).unwrap();
    let sent = sim.sent();
    assert_eq!(sent.len(), 1);
    assert_eq!(
        sent[0].0,
        "192.0.2.99:5070".parse::<SocketAddr>().unwrap(),
        "to the proxy"
    );
    let Ok(Message::Request(reg)) = Message::parse(sent[0].1.clone()) else {
        panic!()
    };
    assert_eq!(reg.uri.to_string(), "sip:example.com");
    assert_eq!(
        reg.headers.get(&HeaderName::Route).unwrap(),
        "<sip:192.0.2.99:5070;lr>"
    );
}

#[test]
fn removed_account_unregisters_silently() {
    let mut sim = Sim::new("10.0.0.2:5060");
    let settings = AccountSettings::from_config(&config(&format!("sip:{REGISTRAR}"))).unwrap();
    let acc = sim.core.account_add(sim.now, settings, true).unwrap();
    let reg = sim.requests().pop().unwrap();
    sim.deliver(ok(&reg, "10.0.0.2:5060"), REGISTRAR);
    sim.take_events();
    sim.core.account_delete(sim.now, acc).unwrap();
    assert!(!sim.core.account_exists(acc));
    let un = sim.requests().pop().expect("un-REGISTER");
    assert_eq!(un.number(&HeaderName::Expires), Some(0));
    assert_eq!(sim.core.pending_unregistrations(), 1);
    let resp = response_to(&un, 200, "", Some("x"));
    sim.deliver(resp, REGISTRAR);
    assert_eq!(sim.core.pending_unregistrations(), 0);
    assert!(sim.take_events().is_empty(), "no callbacks after removal");
}

#[test]
fn removal_waits_at_most_unreg_wait() {
    let mut sim = Sim::new("10.0.0.2:5060");
    let mut cfg = config(&format!("sip:{REGISTRAR}"));
    cfg.reg_config.unreg_wait_msec = 2000;
    let acc = sim
        .core
        .account_add(sim.now, AccountSettings::from_config(&cfg).unwrap(), true)
        .unwrap();
    let reg = sim.requests().pop().unwrap();
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
fn tcp_registration_gets_crlf_keepalives_every_90_seconds() {
    let mut sim = Sim::new("10.0.0.2:5060");
    sim.core.add_transport(TransportRecord {
        id: 1,
        transport_type: 2,
        kind: TransportKind::Tcp,
        type_name: "TCP".into(),
        local: "10.0.0.2:5060".parse().unwrap(),
        published_host: Host::from("10.0.0.2".parse::<std::net::IpAddr>().unwrap()),
        published_port: 5060,
    });
    let cfg = config(&format!("sip:{REGISTRAR};transport=tcp"));
    sim.core
        .account_add(sim.now, AccountSettings::from_config(&cfg).unwrap(), true)
        .unwrap();
    let reg = sim.requests().pop().unwrap();
    assert!(reg
        .headers
        .get(&HeaderName::Contact)
        .unwrap()
        .contains("transport=tcp"));
    let data = Message::Response(ok(&reg, "10.0.0.2:5060")).to_bytes();
    let flow = pjsua2rs::sip::transport::Flow {
        transport: 1,
        kind: TransportKind::Tcp,
        remote: REGISTRAR.parse().unwrap(),
        conn: Some(1),
    };
    sim.core.handle_stream_message(sim.now, flow, data);
    sim.core.process(sim.now);
    sim.advance(Duration::from_secs(89));
    assert!(sim.sent().is_empty());
    sim.advance(Duration::from_secs(1));
    assert_eq!(
        sim.sent(),
        vec![(REGISTRAR.parse().unwrap(), Bytes::from_static(b"\r\n\r\n"))]
    );
}
