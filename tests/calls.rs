//! Calls between pjsua2rs endpoints in one process over real UDP and TCP sockets on
//! loopback: answer, reject, cancel, hold and resume, re-INVITE and UPDATE, DTMF over
//! INFO, MESSAGE and typing, blind and attended transfer, maxCalls, unbound calls.

use pjsua2rs::ua::account::{AccountHandler, AccountId};
use pjsua2rs::ua::call::*;
use pjsua2rs::ua::config::{
    AccountConfig, EpConfig, TransportConfig, PJSUA2RS_TRANSPORT_TCP, PJSUA2RS_TRANSPORT_UDP,
};
use pjsua2rs::ua::fixed_str::FixedStr;
use pjsua2rs::ua::Endpoint;
use std::sync::mpsc::{channel, Receiver, Sender};
use std::sync::{Arc, Mutex, Weak};
use std::time::{Duration, Instant};

const WAIT: Duration = Duration::from_secs(10);

/// A call in a test: its key, its events, its recorder.
type TestCall = (CallKey, Receiver<Ev>, Arc<CallRec>);

/// What a call's callbacks saw.
#[derive(Debug, Clone)]
enum Ev {
    State(CallInfo),
    Media(CallInfo),
    Dtmf(String),
    Im(String, String),
    ImStatus(u16),
    Typing(bool),
    XferRequest(String),
    XferStatus(u16, bool),
    ReplaceRequest,
    Replaced(CallKey),
    Tsx(String, i32, u16),
}

/// Records a call's events; what to answer to decisions is set per test.
struct CallRec {
    tx: Mutex<Sender<Ev>>,
    /// For a REFER: the status to answer and the new call's recorder.
    xfer_answer: Mutex<Option<(u16, Arc<CallRec>)>>,
    /// For a Replaces INVITE: the new call's recorder.
    replace_with: Mutex<Option<Arc<CallRec>>>,
    /// Stop following a transfer: the first status report waits for a signal here, then
    /// answers `cont = false`.
    stop_following: Mutex<Option<Receiver<()>>>,
}

impl CallRec {
    fn new() -> (Arc<CallRec>, Receiver<Ev>) {
        let (tx, rx) = channel();
        (
            Arc::new(CallRec {
                tx: Mutex::new(tx),
                xfer_answer: Mutex::new(None),
                replace_with: Mutex::new(None),
                stop_following: Mutex::new(None),
            }),
            rx,
        )
    }
    fn send(&self, e: Ev) {
        let _ = self.tx.lock().unwrap().send(e);
    }
}

impl CallHandler for CallRec {
    fn on_call_state(&self, prm: &OnCallStateParam) {
        self.send(Ev::State(prm.info.clone()));
    }
    fn on_call_media_state(&self, prm: &OnCallStateParam) {
        self.send(Ev::Media(prm.info.clone()));
    }
    fn on_dtmf_digit(&self, prm: &OnDtmfDigitParam) {
        self.send(Ev::Dtmf(prm.digit.clone()));
    }
    fn on_instant_message(&self, prm: &OnInstantMessageParam) {
        self.send(Ev::Im(prm.content_type.clone(), prm.msg_body.clone()));
    }
    fn on_instant_message_status(&self, prm: &OnInstantMessageStatusParam) {
        self.send(Ev::ImStatus(prm.code));
    }
    fn on_typing_indication(&self, prm: &OnTypingIndicationParam) {
        self.send(Ev::Typing(prm.is_typing));
    }
    fn on_call_transfer_request(&self, prm: &mut OnCallTransferRequestParam) {
        self.send(Ev::XferRequest(prm.dst_uri.clone()));
        if let Some((code, rec)) = self.xfer_answer.lock().unwrap().take() {
            prm.status_code = code;
            prm.new_call = Some(PendingCall::new(rec));
        }
    }
    fn on_call_transfer_status(&self, prm: &mut OnCallTransferStatusParam) {
        self.send(Ev::XferStatus(prm.status_code, prm.final_notify));
        if let Some(go) = self.stop_following.lock().unwrap().take() {
            go.recv_timeout(WAIT).expect("no signal to stop following");
            prm.cont = false;
        }
    }
    fn on_call_replace_request(&self, prm: &mut OnCallReplaceRequestParam) {
        self.send(Ev::ReplaceRequest);
        if let Some(rec) = self.replace_with.lock().unwrap().take() {
            prm.new_call = Some(PendingCall::new(rec));
        }
    }
    fn on_call_replaced(&self, prm: &OnCallReplacedParam) {
        self.send(Ev::Replaced(prm.new_call));
    }
    fn on_call_tsx_state(&self, prm: &OnCallTsxStateParam) {
        self.send(Ev::Tsx(prm.method.clone(), prm.role, prm.status_code));
    }
}

/// What an account does with incoming calls.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Incoming {
    /// Bind the call and leave it ringing.
    Bind,
    /// Do not bind it (PJSUA2 refuses it with 500).
    Ignore,
}

/// Binds incoming calls to new recorders and hands them to the test.
struct AccRec {
    ep: Mutex<Weak<Endpoint>>,
    mode: Incoming,
    calls: Mutex<Sender<TestCall>>,
}

impl AccountHandler for AccRec {
    fn on_incoming_call(&self, prm: &OnIncomingCallParam) {
        if self.mode == Incoming::Ignore {
            return;
        }
        let Some(ep) = self.ep.lock().unwrap().upgrade() else {
            return;
        };
        let (rec, rx) = CallRec::new();
        let key = ep.call_bind(prm.call.id, rec.clone()).unwrap();
        assert_eq!(key, prm.call);
        let _ = self.calls.lock().unwrap().send((key, rx, rec));
    }
}

/// An endpoint with a UDP and a TCP transport on 127.0.0.1 and one local account.
struct Phone {
    ep: Arc<Endpoint>,
    acc: AccountId,
    uri: String,
    tcp_uri: String,
    incoming: Receiver<TestCall>,
}

fn phone(user: &str, mode: Incoming, max_calls: u32) -> Phone {
    let mut cfg = EpConfig::default();
    // CALLS_LOG=5 shows the SIP traffic.
    let level = std::env::var("CALLS_LOG")
        .ok()
        .and_then(|l| l.parse().ok())
        .unwrap_or(1);
    cfg.log_config.level = level;
    cfg.log_config.console_level = level;
    cfg.ua_config.max_calls = max_calls;
    let ep = Arc::new(Endpoint::new());
    ep.lib_init(&cfg).unwrap();
    let mut t = TransportConfig::default();
    t.bound_address
        .set_str("127.0.0.1", "boundAddress")
        .unwrap();
    let udp = ep.transport_create(PJSUA2RS_TRANSPORT_UDP, &t).unwrap();
    let tcp = ep.transport_create(PJSUA2RS_TRANSPORT_TCP, &t).unwrap();
    ep.lib_start().unwrap();
    let port = |id| ep.transport_get_info(id).unwrap().local.port();
    let (udp_port, tcp_port) = (port(udp), port(tcp));
    let mut acfg = AccountConfig::default();
    acfg.id_uri
        .set_str(&format!("sip:{user}@127.0.0.1"), "idUri")
        .unwrap();
    let (tx, rx) = channel();
    let handler = Arc::new(AccRec {
        ep: Mutex::new(Arc::downgrade(&ep)),
        mode,
        calls: Mutex::new(tx),
    });
    let acc = ep.account_create(&acfg, true, handler).unwrap();
    Phone {
        ep,
        acc,
        uri: format!("sip:{user}@127.0.0.1:{udp_port}"),
        tcp_uri: format!("sip:{user}@127.0.0.1:{tcp_port};transport=tcp"),
        incoming: rx,
    }
}

impl Phone {
    fn call(&self, uri: &str) -> TestCall {
        let (rec, rx) = CallRec::new();
        let key = self
            .ep
            .call_make(self.acc, uri, &CallOpParam::default(), rec.clone())
            .unwrap();
        (key, rx, rec)
    }
    fn next_incoming(&self) -> TestCall {
        self.incoming.recv_timeout(WAIT).expect("no incoming call")
    }
}

fn answer(ep: &Endpoint, key: CallKey, code: u16) {
    ep.call_answer(
        key,
        &CallOpParam {
            status_code: code,
            ..CallOpParam::default()
        },
    )
    .unwrap();
}

/// Waits for the first event `pick` accepts, skipping others.
fn wait_for<T>(rx: &Receiver<Ev>, what: &str, mut pick: impl FnMut(&Ev) -> Option<T>) -> T {
    let deadline = Instant::now() + WAIT;
    loop {
        match rx.recv_timeout(deadline.saturating_duration_since(Instant::now())) {
            Ok(e) => {
                if let Some(t) = pick(&e) {
                    return t;
                }
            }
            Err(_) => panic!("timed out waiting for {what}"),
        }
    }
}

fn wait_state(rx: &Receiver<Ev>, state: i32) -> CallInfo {
    wait_for(rx, &format!("state {state}"), |e| match e {
        Ev::State(i) if i.state == state => Some(i.clone()),
        _ => None,
    })
}

fn wait_media(rx: &Receiver<Ev>, status: i32) -> CallInfo {
    wait_for(rx, &format!("media status {status}"), |e| match e {
        Ev::Media(i) if i.media.first().map(|m| m.status) == Some(status) => Some(i.clone()),
        _ => None,
    })
}

/// The states in order until DISCONNECTED (or the timeout).
fn states_until_disconnected(rx: &Receiver<Ev>) -> Vec<i32> {
    let mut out = Vec::new();
    wait_for(rx, "DISCONNECTED", |e| match e {
        Ev::State(i) => {
            out.push(i.state);
            (i.state == DISCONNECTED).then_some(())
        }
        _ => None,
    });
    out
}

const CALLING: i32 = 1;
const INCOMING: i32 = 2;
const EARLY: i32 = 3;
const CONNECTING: i32 = 4;
const CONFIRMED: i32 = 5;
const DISCONNECTED: i32 = 6;

/// Sets up a confirmed call from `a` to `b` (at `uri`).
fn connect(a: &Phone, b: &Phone, uri: &str) -> (TestCall, TestCall) {
    let out = a.call(uri);
    let inc = b.next_incoming();
    answer(&b.ep, inc.0, 200);
    wait_state(&out.1, CONFIRMED);
    wait_state(&inc.1, CONFIRMED);
    (out, inc)
}

#[test]
fn call_answered_then_hung_up_over_udp_and_tcp() {
    let a = phone("alice", Incoming::Bind, 4);
    let b = phone("bob", Incoming::Bind, 4);
    for uri in [b.uri.clone(), b.tcp_uri.clone()] {
        let (ka, ra, _) = a.call(&uri);
        let (kb, rb, _) = b.next_incoming();
        let info = b.ep.call_get_info(kb).unwrap();
        assert_eq!(
            (info.state, info.state_text.as_str(), info.role),
            (INCOMING, "INCOMING", PJSUA2RS_ROLE_UAS)
        );
        assert!(
            info.remote_uri.contains("sip:alice@127.0.0.1"),
            "{}",
            info.remote_uri
        );
        answer(&b.ep, kb, 180);
        let early = wait_state(&ra, EARLY);
        assert_eq!(
            (early.last_status_code, early.last_reason.as_str()),
            (180, "Ringing")
        );
        answer(&b.ep, kb, 200);
        let ia = wait_state(&ra, CONFIRMED);
        let ib = wait_state(&rb, CONFIRMED);
        assert_eq!(ia.call_id_string, ib.call_id_string);
        assert_eq!((ia.role, ia.last_status_code), (PJSUA2RS_ROLE_UAC, 200));
        assert_eq!(ia.state_text, "CONFIRMED");
        assert!(
            ia.remote_contact.contains("bob@127.0.0.1"),
            "{}",
            ia.remote_contact
        );
        // The media was negotiated on both sides.
        let ma = a.ep.call_get_info(ka).unwrap();
        let mb = b.ep.call_get_info(kb).unwrap();
        assert_eq!(ma.media.len(), 1);
        assert_eq!(
            (ma.media[0].status, ma.media[0].dir),
            (PJSUA2RS_CALL_MEDIA_ACTIVE, 3)
        );
        assert_eq!(mb.media[0].status, PJSUA2RS_CALL_MEDIA_ACTIVE);
        assert!(mb.rem_offerer);
        assert_eq!(mb.rem_audio_count, 1);
        a.ep.call_hangup(ka, &CallOpParam::default()).unwrap();
        let end_a = wait_state(&ra, DISCONNECTED);
        let end_b = wait_state(&rb, DISCONNECTED);
        assert_eq!(end_a.state_text, "DISCONNECTED");
        assert!(end_b.connect_duration.sec >= 0);
        // The call is gone: operations on it fail, and isActive says so.
        assert!(!a.ep.call_is_active(ka));
        assert!(a.ep.call_get_info(ka).is_err());
    }
    assert!(a.ep.call_enum().unwrap().is_empty());
    assert!(b.ep.call_enum().unwrap().is_empty());
}

#[test]
fn states_follow_pjsip_inv_state_on_both_sides() {
    let a = phone("alice", Incoming::Bind, 4);
    let b = phone("bob", Incoming::Bind, 4);
    let (_, ra, _) = a.call(&b.uri);
    let (kb, rb, _) = b.next_incoming();
    answer(&b.ep, kb, 180);
    answer(&b.ep, kb, 200);
    let ib = wait_state(&rb, CONFIRMED);
    assert_eq!((ib.last_status_code, ib.last_reason.as_str()), (200, "OK"));
    b.ep.call_hangup(kb, &CallOpParam::default()).unwrap();
    // PJSIP's order: the caller sees CONNECTING when the 2xx arrives and CONFIRMED once it
    // sent the ACK; the callee's INCOMING is reported in onIncomingCall, not onCallState.
    assert_eq!(
        states_until_disconnected(&ra),
        vec![CALLING, EARLY, CONNECTING, CONFIRMED, DISCONNECTED]
    );
    assert_eq!(states_until_disconnected(&rb), vec![DISCONNECTED]);
}

#[test]
fn rejected_cancelled_unbound_and_over_max_calls() {
    let a = phone("alice", Incoming::Bind, 4);
    let b = phone("bob", Incoming::Bind, 1);
    // Rejected with 486.
    let (_, ra, _) = a.call(&b.uri);
    let (kb, rb, _) = b.next_incoming();
    answer(&b.ep, kb, 486);
    let end = wait_state(&ra, DISCONNECTED);
    assert_eq!(end.last_status_code, 486);
    wait_state(&rb, DISCONNECTED);
    // Cancelled while ringing: both ends see 487.
    let (ka, ra, _) = a.call(&b.uri);
    let (kb, rb, _) = b.next_incoming();
    answer(&b.ep, kb, 180);
    wait_state(&ra, EARLY);
    a.ep.call_hangup(ka, &CallOpParam::default()).unwrap();
    assert_eq!(wait_state(&ra, DISCONNECTED).last_status_code, 487);
    assert_eq!(wait_state(&rb, DISCONNECTED).last_status_code, 487);
    // maxCalls = 1 on bob: a second call gets 486 while the first rings.
    let (_, ra1, _) = a.call(&b.uri);
    let (kb1, rb1, _) = b.next_incoming();
    let (_, ra2, _) = a.call(&b.uri);
    assert_eq!(wait_state(&ra2, DISCONNECTED).last_status_code, 486);
    b.ep.call_hangup(kb1, &CallOpParam::default()).unwrap();
    assert_eq!(wait_state(&ra1, DISCONNECTED).last_status_code, 603);
    wait_state(&rb1, DISCONNECTED);
    // An account that does not take its calls: 500, as PJSUA2 does.
    let c = phone("carol", Incoming::Ignore, 4);
    let (_, rc, _) = a.call(&c.uri);
    assert_eq!(wait_state(&rc, DISCONNECTED).last_status_code, 500);
}

#[test]
fn hold_resume_reinvite_and_update() {
    let a = phone("alice", Incoming::Bind, 4);
    let b = phone("bob", Incoming::Bind, 4);
    let ((ka, ra, _), (kb, rb, _)) = connect(&a, &b, &b.uri);
    a.ep.call_set_hold(ka, &CallOpParam::default()).unwrap();
    wait_media(&ra, PJSUA2RS_CALL_MEDIA_LOCAL_HOLD);
    wait_media(&rb, PJSUA2RS_CALL_MEDIA_REMOTE_HOLD);
    let unhold = CallOpParam {
        flag: PJSUA2RS_CALL_UNHOLD,
        ..CallOpParam::default()
    };
    a.ep.call_reinvite(ka, &unhold).unwrap();
    wait_media(&ra, PJSUA2RS_CALL_MEDIA_ACTIVE);
    wait_media(&rb, PJSUA2RS_CALL_MEDIA_ACTIVE);
    // Bob holds with UPDATE and resumes with a re-INVITE.
    b.ep.call_set_hold(kb, &CallOpParam::default()).unwrap();
    wait_media(&rb, PJSUA2RS_CALL_MEDIA_LOCAL_HOLD);
    wait_media(&ra, PJSUA2RS_CALL_MEDIA_REMOTE_HOLD);
    b.ep.call_update(kb, &unhold).unwrap();
    wait_media(&rb, PJSUA2RS_CALL_MEDIA_ACTIVE);
    wait_media(&ra, PJSUA2RS_CALL_MEDIA_ACTIVE);
    // A second offer while one is in flight is refused with a clear error.
    a.ep.call_reinvite(ka, &CallOpParam::default()).unwrap();
    let err = a.ep.call_reinvite(ka, &CallOpParam::default());
    if let Err(e) = err {
        assert!(e.reason.contains("in progress"), "{}", e.reason);
    }
    a.ep.call_hangup(ka, &CallOpParam::default()).unwrap();
    wait_state(&rb, DISCONNECTED);
}

#[test]
fn dtmf_info_message_typing_and_other_requests() {
    let a = phone("alice", Incoming::Bind, 4);
    let b = phone("bob", Incoming::Bind, 4);
    let ((ka, ra, _), (kb, rb, _)) = connect(&a, &b, &b.tcp_uri);
    let dtmf = pjsua2rs::ua::endpoint::CallSendDtmfParam {
        method: PJSUA2RS_DTMF_METHOD_SIP_INFO,
        duration: 100,
        digits: "1*#A".into(),
    };
    a.ep.call_send_dtmf(ka, &dtmf).unwrap();
    let mut got = String::new();
    while got.len() < 4 {
        got.push_str(&wait_for(&rb, "a DTMF digit", |e| match e {
            Ev::Dtmf(d) => Some(d.clone()),
            _ => None,
        }));
    }
    assert_eq!(got, "1*#A");
    let bad = pjsua2rs::ua::endpoint::CallSendDtmfParam {
        digits: "12x".into(),
        ..dtmf
    };
    assert!(a.ep.call_send_dtmf(ka, &bad).is_err());
    let tx = TxOption::default();
    b.ep.call_send_instant_message(kb, "", "hello \u{e9}", &tx)
        .unwrap();
    assert_eq!(
        wait_for(&ra, "a MESSAGE", |e| match e {
            Ev::Im(ct, body) => Some((ct.clone(), body.clone())),
            _ => None,
        }),
        ("text/plain".to_string(), "hello \u{e9}".to_string())
    );
    assert_eq!(
        wait_for(&rb, "the MESSAGE status", |e| match e {
            Ev::ImStatus(c) => Some(*c),
            _ => None,
        }),
        200
    );
    a.ep.call_send_typing_indication(ka, true, &tx).unwrap();
    assert!(wait_for(&rb, "typing", |e| match e {
        Ev::Typing(t) => Some(*t),
        _ => None,
    }));
    a.ep.call_send_typing_indication(ka, false, &tx).unwrap();
    assert!(!wait_for(&rb, "idle", |e| match e {
        Ev::Typing(t) => Some(*t),
        _ => None,
    }));
    // OPTIONS in the dialog: 200 from the peer, seen as a transaction of the call.
    a.ep.call_send_request(ka, "OPTIONS", &tx).unwrap();
    wait_for(&ra, "the OPTIONS response", |e| match e {
        Ev::Tsx(m, role, 200) if m == "OPTIONS" && *role == PJSUA2RS_ROLE_UAC => Some(()),
        _ => None,
    });
    // An unknown method: 501 from the peer.
    a.ep.call_send_request(ka, "FOO", &tx).unwrap();
    wait_for(&ra, "the FOO response", |e| match e {
        Ev::Tsx(m, _, 501) if m == "FOO" => Some(()),
        _ => None,
    });
    assert!(a.ep.call_send_request(ka, "BYE", &tx).is_err());
    a.ep.call_hangup(ka, &CallOpParam::default()).unwrap();
    wait_state(&rb, DISCONNECTED);
}

#[test]
fn blind_transfer_with_notifies_and_refused_transfer() {
    let a = phone("alice", Incoming::Bind, 4);
    let b = phone("bob", Incoming::Bind, 4);
    let c = phone("carol", Incoming::Bind, 4);
    let ((ka, ra, _), (kb, rb, recb)) = connect(&a, &b, &b.uri);
    // Bob refuses the first transfer.
    let (unused, _) = CallRec::new();
    *recb.xfer_answer.lock().unwrap() = Some((603, unused));
    a.ep.call_xfer(ka, &c.uri, &CallOpParam::default()).unwrap();
    assert_eq!(
        wait_for(&rb, "the REFER", |e| match e {
            Ev::XferRequest(d) => Some(d.clone()),
            _ => None,
        }),
        c.uri
    );
    assert_eq!(
        wait_for(&ra, "the refusal", |e| match e {
            Ev::XferStatus(c, f) => Some((*c, *f)),
            _ => None,
        }),
        (603, true)
    );
    // Then accepts: bob calls carol, alice hears of the progress.
    let (newrec, newrx) = CallRec::new();
    *recb.xfer_answer.lock().unwrap() = Some((202, newrec));
    a.ep.call_xfer(ka, &c.uri, &CallOpParam::default()).unwrap();
    let (kc, rc, _) = c.next_incoming();
    let info = c.ep.call_get_info(kc).unwrap();
    assert!(info.remote_uri.contains("bob"), "{}", info.remote_uri);
    answer(&c.ep, kc, 180);
    answer(&c.ep, kc, 200);
    wait_state(&newrx, CONFIRMED);
    wait_state(&rc, CONFIRMED);
    let mut statuses = Vec::new();
    wait_for(&ra, "the final NOTIFY", |e| match e {
        Ev::XferStatus(code, fin) => {
            statuses.push(*code);
            fin.then_some(())
        }
        _ => None,
    });
    assert_eq!(statuses.first(), Some(&100));
    assert_eq!(statuses.last(), Some(&200));
    // The transferor hangs up, as transferors do.
    a.ep.call_hangup(ka, &CallOpParam::default()).unwrap();
    wait_state(&rb, DISCONNECTED);
    c.ep.call_hangup(kc, &CallOpParam::default()).unwrap();
    wait_state(&newrx, DISCONNECTED);
    let _ = kb;
}

#[test]
fn transfer_reports_stop_when_the_transferor_stops_following() {
    let a = phone("alice", Incoming::Bind, 4);
    let b = phone("bob", Incoming::Bind, 4);
    let c = phone("carol", Incoming::Bind, 4);
    let ((ka, ra, reca), (_kb, rb, recb)) = connect(&a, &b, &b.uri);
    let (go, wait) = channel();
    *reca.stop_following.lock().unwrap() = Some(wait);
    let (newrec, newrx) = CallRec::new();
    *recb.xfer_answer.lock().unwrap() = Some((202, newrec));
    a.ep.call_xfer(ka, &c.uri, &CallOpParam::default()).unwrap();
    // Alice's first report (the 202) is still in its callback while carol answers: the
    // later NOTIFYs are queued behind it by the time it says cont = false.
    let (kc, rc, _) = c.next_incoming();
    answer(&c.ep, kc, 200);
    wait_state(&newrx, CONFIRMED);
    wait_state(&rc, CONFIRMED);
    std::thread::sleep(Duration::from_millis(300));
    go.send(()).unwrap();
    a.ep.call_hangup(ka, &CallOpParam::default()).unwrap();
    let mut reports = Vec::new();
    wait_for(&ra, "alice's call to end", |e| match e {
        Ev::XferStatus(code, fin) => {
            reports.push((*code, *fin));
            None
        }
        Ev::State(i) if i.state == DISCONNECTED => Some(()),
        _ => None,
    });
    assert_eq!(reports, [(100, false)]);
    wait_state(&rb, DISCONNECTED);
    c.ep.call_hangup(kc, &CallOpParam::default()).unwrap();
    wait_state(&newrx, DISCONNECTED);
}

#[test]
fn attended_transfer_replaces_the_consultation_call() {
    let a = phone("alice", Incoming::Bind, 4);
    let b = phone("bob", Incoming::Bind, 4);
    let c = phone("carol", Incoming::Bind, 4);
    let ((ka_b, ra_b, _), (_kb, rb, recb)) = connect(&a, &b, &b.uri);
    let ((ka_c, ra_c, _), (kc_a, rc_a, recc)) = connect(&a, &c, &c.uri);
    let (bob_new, bob_new_rx) = CallRec::new();
    *recb.xfer_answer.lock().unwrap() = Some((202, bob_new));
    let (carol_new, carol_new_rx) = CallRec::new();
    *recc.replace_with.lock().unwrap() = Some(carol_new);
    a.ep.call_xfer_replaces(ka_b, ka_c, &CallOpParam::default())
        .unwrap();
    let refer_to = wait_for(&rb, "the REFER", |e| match e {
        Ev::XferRequest(d) => Some(d.clone()),
        _ => None,
    });
    assert!(refer_to.contains("Replaces="), "{refer_to}");
    wait_for(&rc_a, "the replace request", |e| {
        matches!(e, Ev::ReplaceRequest).then_some(())
    });
    let new_key = wait_for(&rc_a, "onCallReplaced", |e| match e {
        Ev::Replaced(k) => Some(*k),
        _ => None,
    });
    // Carol's call with alice ends; bob and carol are connected.
    wait_state(&rc_a, DISCONNECTED);
    wait_state(&ra_c, DISCONNECTED);
    wait_state(&bob_new_rx, CONFIRMED);
    let ic = wait_state(&carol_new_rx, CONFIRMED);
    assert_eq!(ic.id, new_key.id);
    assert!(ic.remote_uri.contains("bob"), "{}", ic.remote_uri);
    wait_for(&ra_b, "the transfer's end", |e| match e {
        Ev::XferStatus(200, true) => Some(()),
        _ => None,
    });
    a.ep.call_hangup(ka_b, &CallOpParam::default()).unwrap();
    c.ep.call_hangup(new_key, &CallOpParam::default()).unwrap();
    wait_state(&bob_new_rx, DISCONNECTED);
    let _ = kc_a;
}

#[test]
fn stale_keys_and_bad_arguments_fail_cleanly() {
    let a = phone("alice", Incoming::Bind, 4);
    let b = phone("bob", Incoming::Bind, 4);
    let (ka, ra, _) = a.call(&b.uri);
    let (kb, _, _) = b.next_incoming();
    answer(&b.ep, kb, 603);
    wait_state(&ra, DISCONNECTED);
    // The id is reused by the next call; the old key still names the old call.
    let (ka2, _, _) = a.call(&b.uri);
    assert_eq!(ka2.id, ka.id);
    assert!(a.ep.call_hangup(ka, &CallOpParam::default()).is_err());
    assert!(a.ep.call_is_active(ka2));
    assert!(a
        .ep
        .call_make(
            a.acc,
            "not a uri",
            &CallOpParam::default(),
            CallRec::new().0
        )
        .is_err());
    assert!(a
        .ep
        .call_make(a.acc, "tel:+123", &CallOpParam::default(), CallRec::new().0)
        .is_err());
    assert!(a
        .ep
        .call_make(99, &b.uri, &CallOpParam::default(), CallRec::new().0)
        .is_err());
    assert!(
        a.ep.call_answer(ka2, &CallOpParam::default()).is_err(),
        "answering an outgoing call"
    );
    assert!(
        a.ep.call_xfer(ka2, &b.uri, &CallOpParam::default())
            .is_err(),
        "transfer before confirmed"
    );
    assert!(a
        .ep
        .call_process_redirect(ka2, PJSUA2RS_REDIRECT_ACCEPT)
        .is_err());
    a.ep.hangup_all_calls().unwrap();
}

/// CallOpParam.txOption's headers go on what the operation sends: the answer's
/// responses and the hang-up's BYE, seen by a raw UDP peer.
#[test]
fn tx_option_headers_reach_the_answer_and_the_bye() {
    let b = phone("bob", Incoming::Bind, 4);
    let peer = std::net::UdpSocket::bind("127.0.0.1:0").unwrap();
    peer.set_read_timeout(Some(Duration::from_millis(200)))
        .unwrap();
    let me = peer.local_addr().unwrap();
    let target: std::net::SocketAddr = b.uri.trim_start_matches("sip:bob@").parse().unwrap();
    let sdp = "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n\
               m=audio 49170 RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\n";
    let invite = format!(
        "INVITE {} SIP/2.0\r\nVia: SIP/2.0/UDP {me};branch=z9hG4bKtx1;rport\r\n\
         From: <sip:raw@{me}>;tag=raw1\r\nTo: <{}>\r\nCall-ID: txopt-1\r\nCSeq: 1 INVITE\r\n\
         Contact: <sip:raw@{me}>\r\nMax-Forwards: 70\r\nContent-Type: application/sdp\r\n\
         Content-Length: {}\r\n\r\n{sdp}",
        b.uri,
        b.uri,
        sdp.len()
    );
    peer.send_to(invite.as_bytes(), target).unwrap();
    let (key, rx, _) = b.next_incoming();
    let tx = |name: &str, value: &str| TxOption {
        headers: vec![TxHeader {
            name: name.into(),
            value: value.into(),
        }],
        ..TxOption::default()
    };
    b.ep.call_answer(
        key,
        &CallOpParam {
            status_code: 200,
            tx_option: tx("X-Answer", "yes"),
            ..CallOpParam::default()
        },
    )
    .unwrap();
    let read_until = |start: &str| -> String {
        let deadline = Instant::now() + WAIT;
        let mut buf = [0u8; 4096];
        while Instant::now() < deadline {
            if let Ok((n, _)) = peer.recv_from(&mut buf) {
                let text = String::from_utf8_lossy(&buf[..n]).into_owned();
                if text.starts_with(start) {
                    return text;
                }
            }
        }
        panic!("no {start}");
    };
    let ok = read_until("SIP/2.0 200");
    assert!(ok.contains("X-Answer: yes"), "{ok}");
    let to = ok
        .lines()
        .find(|l| l.starts_with("To:"))
        .unwrap()
        .to_string();
    let ack = format!(
        "ACK {} SIP/2.0\r\nVia: SIP/2.0/UDP {me};branch=z9hG4bKtx2;rport\r\n\
         From: <sip:raw@{me}>;tag=raw1\r\n{to}\r\nCall-ID: txopt-1\r\nCSeq: 1 ACK\r\n\
         Max-Forwards: 70\r\nContent-Length: 0\r\n\r\n",
        b.uri
    );
    peer.send_to(ack.as_bytes(), target).unwrap();
    wait_state(&rx, CONFIRMED);
    b.ep.call_hangup(
        key,
        &CallOpParam {
            tx_option: tx("X-Bye", "because"),
            ..CallOpParam::default()
        },
    )
    .unwrap();
    let bye = read_until("BYE ");
    assert!(bye.contains("X-Bye: because"), "{bye}");
}
