//! The call layer (UaCore) in simulated time, with the test playing the far phone: what
//! reaches the application and what goes on the wire for the 2xx responses the INVITE
//! transaction passes up after the first (RFC 6026: retransmissions and other forks), for
//! a new incoming call, and for digest challenges to the requests of a call (RFC 3261
//! §22), checked with the verifier of tests/common/digest.rs.

mod common;

use bytes::Bytes;
use common::sim::quiet_core;
use pjsua2rs::runtime::Core;
use pjsua2rs::sip::build::response_to;
use pjsua2rs::sip::transport::TransportKind;
use pjsua2rs::sip::{HeaderName, Host, Message, Request, Response, SipHeaders};
use pjsua2rs::ua::account::AccountSettings;
use pjsua2rs::ua::call::{CallOpParam, TxOption};
use pjsua2rs::ua::config::{AccountConfig, AuthCredInfo};
use pjsua2rs::ua::core::{AppEvent, UaCore};
use pjsua2rs::ua::fixed_str::FixedStr;
use pjsua2rs::ua::transport::TransportRecord;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// Where the far phones are.
const FORK1: &str = "192.0.2.21:5060";
const FORK2: &str = "192.0.2.22:5060";

const ANSWER: &str = "v=0\r\no=b 1 1 IN IP4 192.0.2.21\r\ns=-\r\nc=IN IP4 192.0.2.21\r\nt=0 0\r\n\
                      m=audio 5000 RTP/AVP 0 101\r\na=rtpmap:0 PCMU/8000\r\n\
                      a=rtpmap:101 telephone-event/8000\r\n";

struct Sim {
    core: UaCore,
    events: Arc<Mutex<Vec<AppEvent>>>,
    now: Instant,
}

impl Sim {
    /// A core with one UDP transport published as 10.0.0.2:5060 and a local account alice.
    fn new() -> Sim {
        Sim::with_account(|_| {})
    }

    /// Like `new`, with alice's account config adjusted by `tune`.
    fn with_account(tune: impl FnOnce(&mut AccountConfig)) -> Sim {
        let (mut core, events) = quiet_core();
        core.add_transport(TransportRecord {
            id: 0,
            transport_type: 1,
            kind: TransportKind::Udp,
            type_name: "UDP".into(),
            // Bound on loopback: the calls bind their RTP sockets there for real.
            local: "127.0.0.1:5060".parse().unwrap(),
            published_host: Host::from("10.0.0.2".parse::<std::net::IpAddr>().unwrap()),
            published_port: 5060,
        });
        let mut cfg = AccountConfig::default();
        cfg.id_uri.set_str("sip:alice@10.0.0.2", "idUri").unwrap();
        tune(&mut cfg);
        let settings = AccountSettings::from_config(&cfg).unwrap();
        let now = Instant::now();
        core.account_add(now, settings, true).unwrap();
        Sim { core, events, now }
    }

    /// Every message the core sends now: (to, message).
    fn sent(&mut self) -> Vec<(SocketAddr, Message)> {
        self.core.process(self.now);
        std::iter::from_fn(|| self.core.poll_transmit())
            .filter_map(|t| Some((t.flow.remote, Message::parse(t.data).ok()?)))
            .collect()
    }

    /// The requests the core sends now, as (to, method).
    fn requests(&mut self) -> Vec<(SocketAddr, Request)> {
        self.sent()
            .into_iter()
            .filter_map(|(to, m)| match m {
                Message::Request(r) => Some((to, r)),
                _ => None,
            })
            .collect()
    }

    fn deliver(&mut self, message: Message, from: &str) {
        self.core
            .handle_datagram(self.now, 0, from.parse().unwrap(), message.to_bytes());
        self.core.process(self.now);
    }

    fn advance(&mut self, d: Duration) {
        self.now += d;
        self.core.handle_timeout(self.now);
    }

    /// The call states reported so far (and forgets them).
    fn states(&mut self) -> Vec<i32> {
        std::mem::take(&mut *self.events.lock().unwrap())
            .into_iter()
            .filter_map(|e| match e {
                AppEvent::CallState { prm, .. } => Some(prm.info.state),
                _ => None,
            })
            .collect()
    }
}

/// A 2xx to `invite` from the phone at `contact` with To tag `tag`, carrying the answer.
fn ok(invite: &Request, tag: &str, contact: &str) -> Message {
    let mut r: Response = response_to(invite, 200, "", Some(tag));
    r.headers
        .push(HeaderName::Contact, format!("<sip:{contact}>"));
    r.headers.push(HeaderName::ContentType, "application/sdp");
    r.body = Bytes::from(ANSWER);
    Message::Response(r)
}

#[test]
fn every_2xx_is_acknowledged_and_a_second_fork_hung_up() {
    let mut sim = Sim::new();
    let now = sim.now;
    sim.core
        .call_make(now, 0, &format!("sip:bob@{FORK1}"), &CallOpParam::default())
        .unwrap();
    let (_, invite) = sim.requests().pop().expect("the INVITE");
    assert_eq!(invite.method.as_str(), "INVITE");

    // Fork 1 answers: ACK, the call is up.
    sim.deliver(ok(&invite, "f1", "b1@192.0.2.21:5060"), FORK1);
    let sent = sim.requests();
    let methods: Vec<_> = sent
        .iter()
        .map(|(to, r)| (to.to_string(), r.method.to_string()))
        .collect();
    assert_eq!(methods, vec![(FORK1.to_string(), "ACK".to_string())]);
    assert_eq!(
        sim.states(),
        vec![1, 4, 5],
        "CALLING, CONNECTING, CONFIRMED"
    );

    // Its 2xx again (our ACK was lost): the same ACK again (RFC 3261 §13.2.2.4).
    sim.advance(Duration::from_millis(500));
    sim.deliver(ok(&invite, "f1", "b1@192.0.2.21:5060"), FORK1);
    let again = sim.requests();
    assert_eq!(again.len(), 1, "{again:?}");
    assert_eq!(again[0].1.method.as_str(), "ACK");
    assert_eq!(again[0].1.cseq(), sent[0].1.cseq());

    // Fork 2 answers too: ACK it and hang up its dialog; the application sees nothing.
    sim.deliver(ok(&invite, "f2", "b2@192.0.2.22:5060"), FORK2);
    let to_fork2: Vec<_> = sim
        .requests()
        .into_iter()
        .map(|(to, r)| {
            let tag = r.to_addr().and_then(|t| t.tag().map(|t| t.to_string()));
            (to.to_string(), r.method.to_string(), tag)
        })
        .collect();
    let f2 = Some("f2".to_string());
    assert_eq!(
        to_fork2,
        vec![
            (FORK2.to_string(), "ACK".to_string(), f2.clone()),
            (FORK2.to_string(), "BYE".to_string(), f2),
        ]
    );
    assert!(sim.states().is_empty());

    // After Timer M (64*T1) the transaction is gone; the call goes on.
    sim.advance(Duration::from_secs(40));
    let _ = sim.sent();
    assert!(
        sim.states().is_empty(),
        "no failure reported for the INVITE"
    );
    assert_eq!(sim.core.call_keys().len(), 1);
}

#[test]
fn an_incoming_call_is_announced_once_with_its_offer() {
    let mut sim = Sim::new();
    let offer = "v=0\r\no=c 1 1 IN IP4 192.0.2.30\r\ns=-\r\nc=IN IP4 192.0.2.30\r\nt=0 0\r\n\
                 m=audio 6000 RTP/AVP 0 8\r\na=rtpmap:0 PCMU/8000\r\na=rtpmap:8 PCMA/8000\r\n";
    let invite = format!(
        "INVITE sip:alice@10.0.0.2 SIP/2.0\r\nVia: SIP/2.0/UDP 192.0.2.30:5060;branch=z9hG4bK-in-1\r\n\
         Max-Forwards: 70\r\nFrom: <sip:carol@192.0.2.30>;tag=c1\r\nTo: <sip:alice@10.0.0.2>\r\n\
         Call-ID: in-1@192.0.2.30\r\nCSeq: 1 INVITE\r\nContact: <sip:carol@192.0.2.30:5060>\r\n\
         Content-Type: application/sdp\r\nContent-Length: {}\r\n\r\n{offer}",
        offer.len()
    );
    sim.core.handle_datagram(
        sim.now,
        0,
        "192.0.2.30:5060".parse().unwrap(),
        Bytes::from(invite),
    );
    sim.core.process(sim.now);
    let events = std::mem::take(&mut *sim.events.lock().unwrap());
    // onIncomingCall, with remOfferer and remAudioCount already known (getInfo inside it);
    // no onCallState(INCOMING): PJSUA2 reports that state before the Call object exists.
    let mut incoming = 0;
    for e in &events {
        match e {
            AppEvent::IncomingCall { prm, .. } => {
                incoming += 1;
                let info = sim.core.call_info(sim.now, prm.call).unwrap();
                assert_eq!(info.state, 2);
                assert!(info.rem_offerer);
                assert_eq!(info.rem_audio_count, 1);
            }
            AppEvent::CallState { prm, .. } => panic!("a state reported: {}", prm.info.state),
            _ => {}
        }
    }
    assert_eq!(incoming, 1);
}

// ---------------------------------------------------------------------------------------
// Digest challenges to a call's requests

/// Checks `request`'s answer in `name` for alice (password secret); its nonce count.
fn verify(request: &Request, name: &HeaderName, realm: &str, nonce: &str) -> String {
    common::digest::verify(request, name, ("alice", "secret"), realm, nonce)
}

/// A 401 (WWW-Authenticate) or 407 (Proxy-Authenticate) to `request`.
fn challenge(request: &Request, status: u16, realm: &str, nonce: &str) -> Message {
    let mut r = response_to(request, status, "", Some("b1"));
    let name = match status {
        401 => HeaderName::WwwAuthenticate,
        _ => HeaderName::ProxyAuthenticate,
    };
    r.headers.push(
        name,
        format!("Digest realm=\"{realm}\", nonce=\"{nonce}\", qop=\"auth\", algorithm=MD5"),
    );
    Message::Response(r)
}

/// The requests of `method` among `sent`.
fn of_method(sent: Vec<(SocketAddr, Request)>, method: &str) -> Vec<Request> {
    sent.into_iter()
        .filter(|(_, r)| r.method.as_str() == method)
        .map(|(_, r)| r)
        .collect()
}

/// A simulated core whose account answers challenges as alice with `password`.
fn alice_with_password(password: &str) -> Sim {
    Sim::with_account(|cfg| {
        let mut cred = AuthCredInfo::default();
        cred.username.set_str("alice", "username").unwrap();
        cred.data.set_str(password, "data").unwrap();
        cfg.sip_config.auth_creds[0] = cred;
        cfg.sip_config.auth_creds_count = 1;
    })
}

fn branch(r: &Request) -> String {
    r.top_via().unwrap().branch().unwrap().to_string()
}

#[test]
fn a_call_answers_challenges_in_its_dialog_and_after_its_bye() {
    let mut sim = alice_with_password("secret");
    let now = sim.now;
    let key = sim
        .core
        .call_make(now, 0, &format!("sip:bob@{FORK1}"), &CallOpParam::default())
        .unwrap();
    let invite = of_method(sim.requests(), "INVITE")
        .pop()
        .expect("the INVITE");
    assert!(invite
        .headers
        .get(&HeaderName::ProxyAuthorization)
        .is_none());

    // 407: the INVITE again, credentials on, next CSeq, new branch, same dialog ids.
    sim.deliver(challenge(&invite, 407, "proxy.test", "p1"), FORK1);
    let sent = sim.requests();
    assert_eq!(
        of_method(sent.clone(), "ACK").len(),
        1,
        "the 407 is acknowledged"
    );
    let again = of_method(sent, "INVITE").pop().expect("the INVITE again");
    assert_eq!(again.cseq().unwrap().seq, 2);
    assert_ne!(branch(&again), branch(&invite));
    assert_eq!(again.call_id(), invite.call_id());
    assert_eq!(
        again.headers.get(&HeaderName::From),
        invite.headers.get(&HeaderName::From)
    );
    let pa = HeaderName::ProxyAuthorization;
    assert_eq!(verify(&again, &pa, "proxy.test", "p1"), "00000001");
    assert_eq!(
        sim.states(),
        vec![1],
        "CALLING only: the challenge is no state change"
    );

    // 200: the ACK repeats the credentials.
    sim.deliver(ok(&again, "b1", "b1@192.0.2.21:5060"), FORK1);
    let ack = of_method(sim.requests(), "ACK").pop().expect("the ACK");
    assert_eq!(ack.headers.get(&pa), again.headers.get(&pa));
    assert_eq!(sim.states(), vec![4, 5]);

    // An INFO carries credentials pre-emptively, with the next nonce count.
    sim.core
        .call_send_request(now, key, "INFO", &TxOption::default())
        .unwrap();
    let info = of_method(sim.requests(), "INFO").pop().expect("the INFO");
    assert_eq!(verify(&info, &pa, "proxy.test", "p1"), "00000002");
    let mut info_ok = response_to(&info, 200, "", None);
    info_ok
        .headers
        .push(HeaderName::Contact, "<sip:b1@192.0.2.21:5060>");
    sim.deliver(Message::Response(info_ok), FORK1);
    let _ = sim.sent();

    // Hang up: DISCONNECTED at once; the BYE, challenged by the far end's 401, goes
    // again with both answers although the call is gone.
    sim.core
        .call_hangup(now, key, &CallOpParam::default())
        .unwrap();
    let bye = of_method(sim.requests(), "BYE").pop().expect("the BYE");
    assert_eq!(verify(&bye, &pa, "proxy.test", "p1"), "00000003");
    assert_eq!(sim.states(), vec![6]);
    assert!(sim.core.call_keys().is_empty());
    sim.deliver(challenge(&bye, 401, "bob.test", "w1"), FORK1);
    let bye2 = of_method(sim.requests(), "BYE")
        .pop()
        .expect("the BYE again");
    assert_eq!(bye2.cseq().unwrap().seq, bye.cseq().unwrap().seq + 1);
    assert_ne!(branch(&bye2), branch(&bye));
    assert_eq!(bye2.call_id(), bye.call_id());
    assert_eq!(
        verify(&bye2, &HeaderName::Authorization, "bob.test", "w1"),
        "00000001"
    );
    assert_eq!(verify(&bye2, &pa, "proxy.test", "p1"), "00000004");

    // The same nonce again: the credentials are wrong; no third BYE, no event.
    sim.deliver(challenge(&bye2, 401, "bob.test", "w1"), FORK1);
    assert!(of_method(sim.requests(), "BYE").is_empty());
    sim.advance(Duration::from_secs(40));
    assert!(of_method(sim.requests(), "BYE").is_empty());
    assert!(sim.states().is_empty());
}

#[test]
fn a_call_with_a_wrong_password_ends_with_the_second_407() {
    let mut sim = alice_with_password("wrong");
    let now = sim.now;
    let key = sim
        .core
        .call_make(now, 0, &format!("sip:bob@{FORK1}"), &CallOpParam::default())
        .unwrap();
    let invite = of_method(sim.requests(), "INVITE").pop().unwrap();
    sim.deliver(challenge(&invite, 407, "proxy.test", "p1"), FORK1);
    let again = of_method(sim.requests(), "INVITE")
        .pop()
        .expect("the INVITE again");
    sim.deliver(challenge(&again, 407, "proxy.test", "p1"), FORK1);
    assert!(
        of_method(sim.requests(), "INVITE").is_empty(),
        "no third INVITE"
    );
    let ended: Vec<_> = std::mem::take(&mut *sim.events.lock().unwrap())
        .into_iter()
        .filter_map(|e| match e {
            AppEvent::CallState { prm, .. } => Some((prm.info.state, prm.info.last_status_code)),
            _ => None,
        })
        .collect();
    assert_eq!(ended, vec![(1, 0), (6, 407)]);
    assert!(sim.core.call_info(now, key).is_err(), "the call is gone");
}
