//! A pjsua2rs Endpoint (the Rust API) against real SIP phones on loopback, run by
//! scripts/test.sh (they need sipp and baresip; `cargo test --release --test call_peers --
//! --ignored --test-threads=1`):
//! - sipp as the called phone (tests/sipp/uas_*.xml): basic call, answer in the ACK, busy,
//!   CANCEL while ringing, early media, 100rel, two 2xx from a fork, hold and unhold by
//!   re-INVITE, an offerless re-INVITE, the peer hangs up, 302 (followed, stopped,
//!   decided later), session timer; digest challenges (407 to the INVITE, then credentials
//!   in the dialog's INFO and BYE; 401 to the BYE; a wrong password);
//! - sipp as the caller (tests/sipp/uac_*.xml): basic call, no offer in the INVITE, 180 and
//!   several codecs, 100rel, offerless re-INVITE, OPTIONS in the call, CANCEL or BYE while
//!   we ring, stray ACKs, an unknown Require (420), DTMF by INFO, REFER (we call the
//!   target and NOTIFY);
//! - baresip both ways: answer, auto-answer, audio and RFC 4733 DTMF both ways, hold and
//!   resume from each side, hang-up from each side, blind transfers in both directions,
//!   an attended transfer (baresip 1.0.0 has no Replaces: the target gets a new call).
//!
//! Each test checks what the endpoint reported (states in order, status codes, media
//! status) and what the peer saw (sipp's exit code and its checks, baresip's events).
//! Every wait is bounded; sipp and baresip are stopped when their value is dropped.
//! CALLS_LOG=5 prints the endpoint's SIP traffic.

mod common;

use common::baresip::{AnswerMode, Baresip, BaresipOptions};
use common::digest;
use common::sipp::{free_port, Sipp, SippExit};
use pjsua2rs::sip::{HeaderName, Message, Request, SipHeaders};
use pjsua2rs::ua::account::{AccountHandler, AccountId};
use pjsua2rs::ua::call::*;
use pjsua2rs::ua::config::{
    AccountConfig, AuthCredInfo, EpConfig, TransportConfig, PJSUA2RS_100REL_MANDATORY,
    PJSUA2RS_100REL_OPTIONAL, PJSUA2RS_TRANSPORT_TCP, PJSUA2RS_TRANSPORT_UDP,
};
use pjsua2rs::ua::endpoint::CallSendDtmfParam;
use pjsua2rs::ua::fixed_str::FixedStr;
use pjsua2rs::ua::Endpoint;
use std::sync::mpsc::{channel, Receiver, Sender};
use std::sync::{Arc, Mutex, Weak};
use std::thread::sleep;
use std::time::{Duration, Instant};

const IP: &str = "127.0.0.1";
/// How long an event of the endpoint may take.
const WAIT: Duration = Duration::from_secs(10);
/// How long a sipp run may take (its own -timeout is 20 s).
const SIPP_LIMIT: Duration = Duration::from_secs(30);

const CALLING: i32 = 1;
const INCOMING: i32 = 2;
const EARLY: i32 = 3;
const CONNECTING: i32 = 4;
const CONFIRMED: i32 = 5;
const DISCONNECTED: i32 = 6;

const ACTIVE: i32 = PJSUA2RS_CALL_MEDIA_ACTIVE;
const LOCAL_HOLD: i32 = PJSUA2RS_CALL_MEDIA_LOCAL_HOLD;
const REMOTE_HOLD: i32 = PJSUA2RS_CALL_MEDIA_REMOTE_HOLD;

// ---------------------------------------------------------------------------------------
// The endpoint side

/// What a call's callbacks saw.
#[derive(Debug, Clone)]
enum Ev {
    State(CallInfo),
    Media(CallInfo),
    Dtmf(OnDtmfDigitParam),
    XferRequest(String),
    XferStatus(u16, bool),
    Redirected(String),
    RxOffer(String, bool),
    Tsx(String, i32, u16),
}

/// Records a call's events; answers its decisions as the test set them.
struct CallRec {
    tx: Mutex<Sender<Ev>>,
    /// Every state reported, in order.
    states: Mutex<Vec<i32>>,
    /// What onCallRedirected returns.
    redirect: Mutex<i32>,
    /// For a REFER: the status to answer and the new call's recorder.
    xfer_answer: Mutex<Option<(u16, Arc<CallRec>)>>,
    /// The new call handed to the library for an accepted REFER (its key once it starts).
    xfer_call: Mutex<Option<PendingCall>>,
}

impl CallRec {
    fn new() -> (Arc<CallRec>, Receiver<Ev>) {
        let (tx, rx) = channel();
        let rec = CallRec {
            tx: Mutex::new(tx),
            states: Mutex::new(Vec::new()),
            redirect: Mutex::new(PJSUA2RS_REDIRECT_STOP),
            xfer_answer: Mutex::new(None),
            xfer_call: Mutex::new(None),
        };
        (Arc::new(rec), rx)
    }
    fn send(&self, e: Ev) {
        let _ = self.tx.lock().unwrap().send(e);
    }
    fn states(&self) -> Vec<i32> {
        self.states.lock().unwrap().clone()
    }
}

impl CallHandler for CallRec {
    fn on_call_state(&self, prm: &OnCallStateParam) {
        self.states.lock().unwrap().push(prm.info.state);
        self.send(Ev::State(prm.info.clone()));
    }
    fn on_call_media_state(&self, prm: &OnCallStateParam) {
        self.send(Ev::Media(prm.info.clone()));
    }
    fn on_dtmf_digit(&self, prm: &OnDtmfDigitParam) {
        self.send(Ev::Dtmf(prm.clone()));
    }
    fn on_call_transfer_request(&self, prm: &mut OnCallTransferRequestParam) {
        if let Some((code, rec)) = self.xfer_answer.lock().unwrap().take() {
            let pending = PendingCall::new(rec);
            *self.xfer_call.lock().unwrap() = Some(pending.clone());
            prm.status_code = code;
            prm.new_call = Some(pending);
        }
        // (Last: the test reads xfer_call once it has this event.)
        self.send(Ev::XferRequest(prm.dst_uri.clone()));
    }
    fn on_call_transfer_status(&self, prm: &mut OnCallTransferStatusParam) {
        self.send(Ev::XferStatus(prm.status_code, prm.final_notify));
    }
    fn on_call_redirected(&self, prm: &OnCallRedirectedParam) -> i32 {
        self.send(Ev::Redirected(prm.target_uri.clone()));
        *self.redirect.lock().unwrap()
    }
    fn on_call_rx_offer(&self, prm: &OnCallRxOfferParam) {
        self.send(Ev::RxOffer(prm.offer.clone(), prm.reinvite));
    }
    fn on_call_tsx_state(&self, prm: &OnCallTsxStateParam) {
        self.send(Ev::Tsx(prm.method.clone(), prm.role, prm.status_code));
    }
}

/// A call in a test: its key, its events, its recorder.
struct TestCall {
    key: CallKey,
    rx: Receiver<Ev>,
    rec: Arc<CallRec>,
}

impl TestCall {
    /// Waits for the first event `pick` accepts, skipping others.
    fn wait_for<T>(&self, what: &str, mut pick: impl FnMut(&Ev) -> Option<T>) -> T {
        let deadline = Instant::now() + WAIT;
        let mut seen = Vec::new();
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.rx.recv_timeout(left) {
                Ok(e) => {
                    if let Some(t) = pick(&e) {
                        return t;
                    }
                    seen.push(e);
                }
                Err(_) => panic!(
                    "call {}: no {what} within {WAIT:?}; states {:?}; events since: {seen:#?}",
                    self.key.id,
                    self.rec.states()
                ),
            }
        }
    }

    fn wait_state(&self, state: i32) -> CallInfo {
        self.wait_for(&format!("state {state}"), |e| match e {
            Ev::State(i) if i.state == state => Some(i.clone()),
            _ => None,
        })
    }

    fn wait_media(&self, status: i32) -> CallInfo {
        self.wait_for(&format!("media status {status}"), |e| match e {
            Ev::Media(i) if i.media.first().map(|m| m.status) == Some(status) => Some(i.clone()),
            _ => None,
        })
    }

    /// Every status our REFER's NOTIFYs reported, up to the final one.
    fn transfer_statuses(&self) -> Vec<u16> {
        let mut out = Vec::new();
        self.wait_for("the final transfer status", |e| match e {
            Ev::XferStatus(code, last) => {
                out.push(*code);
                last.then_some(())
            }
            _ => None,
        });
        out
    }
}

impl TestCall {
    /// The call an accepted REFER of this call started (with `rec`, `rx`), once it has
    /// reported its first state.
    fn transfer_call(&self, rec: Arc<CallRec>, rx: Receiver<Ev>) -> TestCall {
        let pending = self
            .rec
            .xfer_call
            .lock()
            .unwrap()
            .clone()
            .expect("a REFER accepted with a new call");
        let new = TestCall {
            key: CallKey { id: -1, serial: 0 },
            rx,
            rec,
        };
        let first = new.wait_for("the new call's first state", |e| match e {
            Ev::State(i) => Some(i.state),
            _ => None,
        });
        assert_eq!(first, CALLING);
        // (The key is set once the library's call_make returns, just after that state.)
        let deadline = Instant::now() + WAIT;
        let key = loop {
            if let Some(k) = pending.key.get() {
                break *k;
            }
            assert!(
                Instant::now() < deadline,
                "the new call's key was never set"
            );
            sleep(Duration::from_millis(10));
        };
        TestCall { key, ..new }
    }
}

/// What an account does with its incoming calls: binds each to a new recorder and hands
/// it to the test.
struct AccRec {
    ep: Mutex<Weak<Endpoint>>,
    calls: Mutex<Sender<TestCall>>,
}

impl AccountHandler for AccRec {
    fn on_incoming_call(&self, prm: &OnIncomingCallParam) {
        let Some(ep) = self.ep.lock().unwrap().upgrade() else {
            return;
        };
        let (rec, rx) = CallRec::new();
        let key = ep.call_bind(prm.call.id, rec.clone()).unwrap();
        let _ = self.calls.lock().unwrap().send(TestCall { key, rx, rec });
    }
}

/// An endpoint with a UDP and a TCP transport on 127.0.0.1 and one local account.
struct Phone {
    ep: Arc<Endpoint>,
    acc: AccountId,
    udp_port: u16,
    tcp_port: u16,
    user: String,
    incoming: Receiver<TestCall>,
}

/// A phone whose account config `tune` adjusts.
fn phone(user: &str, tune: impl FnOnce(&mut AccountConfig)) -> Phone {
    let mut cfg = EpConfig::default();
    let level = std::env::var("CALLS_LOG")
        .ok()
        .and_then(|l| l.parse().ok())
        .unwrap_or(1);
    cfg.log_config.level = level;
    cfg.log_config.console_level = level;
    cfg.ua_config.max_calls = 8;
    let ep = Arc::new(Endpoint::new());
    ep.lib_init(&cfg).unwrap();
    let mut t = TransportConfig::default();
    t.bound_address.set_str(IP, "boundAddress").unwrap();
    let udp = ep.transport_create(PJSUA2RS_TRANSPORT_UDP, &t).unwrap();
    let tcp = ep.transport_create(PJSUA2RS_TRANSPORT_TCP, &t).unwrap();
    ep.lib_start().unwrap();
    let port = |id| ep.transport_get_info(id).unwrap().local.port();
    let (udp_port, tcp_port) = (port(udp), port(tcp));
    let mut acfg = AccountConfig::default();
    acfg.id_uri
        .set_str(&format!("sip:{user}@{IP}"), "idUri")
        .unwrap();
    tune(&mut acfg);
    let (tx, rx) = channel();
    let handler = Arc::new(AccRec {
        ep: Mutex::new(Arc::downgrade(&ep)),
        calls: Mutex::new(tx),
    });
    let acc = ep.account_create(&acfg, true, handler).unwrap();
    Phone {
        ep,
        acc,
        udp_port,
        tcp_port,
        user: user.to_string(),
        incoming: rx,
    }
}

impl Phone {
    /// Calls `uri` with `prm`.
    fn call_with(&self, uri: &str, prm: &CallOpParam) -> TestCall {
        let (rec, rx) = CallRec::new();
        let key = self.ep.call_make(self.acc, uri, prm, rec.clone()).unwrap();
        TestCall { key, rx, rec }
    }

    fn call(&self, uri: &str) -> TestCall {
        self.call_with(uri, &CallOpParam::default())
    }

    /// Like `call`, with a recorder whose decisions the test set first.
    fn call_rec(&self, uri: &str, rec: Arc<CallRec>, rx: Receiver<Ev>) -> TestCall {
        let key = self
            .ep
            .call_make(self.acc, uri, &CallOpParam::default(), rec.clone())
            .unwrap();
        TestCall { key, rx, rec }
    }

    fn next_incoming(&self) -> TestCall {
        self.incoming
            .recv_timeout(WAIT)
            .expect("no incoming call within 10 s")
    }

    /// Where sipp or baresip reach this phone over `t`.
    fn port(&self, t: Transport) -> u16 {
        match t {
            Transport::Udp => self.udp_port,
            Transport::Tcp => self.tcp_port,
        }
    }

    /// Its URI over `t`.
    fn uri(&self, t: Transport) -> String {
        format!("sip:{}@{IP}:{}{}", self.user, self.port(t), t.uri_param())
    }

    fn answer(&self, call: &TestCall, code: u16) {
        let prm = CallOpParam {
            status_code: code,
            ..CallOpParam::default()
        };
        self.ep.call_answer(call.key, &prm).unwrap();
    }

    fn hangup(&self, call: &TestCall) {
        self.ep
            .call_hangup(call.key, &CallOpParam::default())
            .unwrap();
    }
}

// ---------------------------------------------------------------------------------------
// sipp

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Transport {
    Udp,
    Tcp,
}

impl Transport {
    fn sipp_arg(self) -> &'static str {
        match self {
            Transport::Udp => "u1",
            Transport::Tcp => "t1",
        }
    }
    fn uri_param(self) -> &'static str {
        match self {
            Transport::Udp => "",
            Transport::Tcp => ";transport=tcp",
        }
    }
}

const BOTH: [Transport; 2] = [Transport::Udp, Transport::Tcp];

/// sipp as a called phone running `scenario` on a free port, for one call.
fn sipp_server(scenario: &str, t: Transport, extra: &[&str]) -> (Sipp, u16) {
    let port = free_port(IP);
    let mut args = vec!["-t", t.sipp_arg(), "-m", "1", "-timeout", "20s"];
    args.extend(["-timeout_error", "-trace_err", "-trace_msg"]);
    args.extend_from_slice(extra);
    (Sipp::spawn_server(scenario, IP, port, &args), port)
}

/// The URI that reaches a sipp server on `port` over `t` (as `user`).
fn sipp_uri(user: &str, port: u16, t: Transport) -> String {
    format!("sip:{user}@{IP}:{port}{}", t.uri_param())
}

/// sipp as the caller running `scenario` (one call) to `phone` over `t`.
fn sipp_client(scenario: &str, phone: &Phone, t: Transport, extra: &[&str]) -> Sipp {
    let local = free_port(IP).to_string();
    let target = format!("{IP}:{}", phone.port(t));
    let mut args = vec![
        "-s",
        &phone.user,
        "-i",
        IP,
        "-p",
        &local,
        "-t",
        t.sipp_arg(),
    ];
    args.extend(["-m", "1", "-timeout", "20s", "-timeout_error"]);
    args.extend(["-trace_err", "-trace_msg"]);
    args.extend_from_slice(extra);
    args.push(&target);
    Sipp::spawn(scenario, &args)
}

/// Waits for a sipp run and checks it passed (exit 0: every message as the scenario
/// says, every check in it true).
fn sipp_passed(sipp: Sipp, what: &str) -> SippExit {
    let exit = sipp.wait(SIPP_LIMIT);
    assert_eq!(
        exit.code, 0,
        "sipp {what} failed (exit {}):\n{}",
        exit.code, exit.output
    );
    exit
}

/// Waits until sipp's message log (`-trace_msg`) holds `needle`: sipp sent or received it.
fn wait_sipp_log(sipp: &Sipp, needle: &str) {
    let deadline = Instant::now() + WAIT;
    while !sipp.current_output().contains(needle) {
        assert!(
            Instant::now() < deadline,
            "no {needle:?} in sipp's log within {WAIT:?}:\n{}",
            sipp.current_output()
        );
        sleep(Duration::from_millis(20));
    }
}

/// The first m=audio line after the first `marker` in `text` (a sipp message log).
fn m_line_after<'a>(text: &'a str, marker: &str) -> Option<&'a str> {
    let at = text.find(marker)?;
    text[at..]
        .lines()
        .map(str::trim)
        .find(|l| l.starts_with("m=audio"))
}

// ---------------------------------------------------------------------------------------
// We call sipp (uas_*.xml)

#[test]
#[ignore = "needs sipp; run by scripts/test.sh"]
fn we_call_sipp_basic_over_udp_and_tcp() {
    let alice = phone("alice", |_| {});
    for t in BOTH {
        let (sipp, port) = sipp_server("uas_basic.xml", t, &[]);
        let call = alice.call(&sipp_uri("anyone", port, t));
        let early = call.wait_state(EARLY);
        assert_eq!(
            (early.last_status_code, early.last_reason.as_str()),
            (180, "Ringing")
        );
        let up = call.wait_state(CONFIRMED);
        assert_eq!(up.last_status_code, 200);
        assert!(
            up.remote_contact.contains(&format!("sip:sipp@{IP}:{port}")),
            "{}",
            up.remote_contact
        );
        assert_eq!(up.media.len(), 1);
        assert_eq!((up.media[0].status, up.media[0].dir), (ACTIVE, 3));
        assert!(!up.rem_offerer);
        alice.hangup(&call);
        let end = call.wait_state(DISCONNECTED);
        assert_eq!(end.last_status_code, 200, "{t:?}");
        assert_eq!(
            call.rec.states(),
            [CALLING, EARLY, CONNECTING, CONFIRMED, DISCONNECTED],
            "{t:?}"
        );
        sipp_passed(sipp, &format!("uas_basic over {t:?}"));
    }
}

#[test]
#[ignore = "needs sipp; run by scripts/test.sh"]
fn we_call_sipp_without_offer_and_get_the_answer_in_the_ack_over_udp_and_tcp() {
    let alice = phone("alice", |_| {});
    for t in BOTH {
        let (sipp, port) = sipp_server("uas_answer_in_ack.xml", t, &[]);
        let prm = CallOpParam {
            flag: PJSUA2RS_CALL_NO_SDP_OFFER,
            ..CallOpParam::default()
        };
        let call = alice.call_with(&sipp_uri("anyone", port, t), &prm);
        let (offer, reinvite) = call.wait_for("the offer of the 200", |e| match e {
            Ev::RxOffer(o, r) => Some((o.clone(), *r)),
            _ => None,
        });
        assert!(!reinvite);
        assert!(offer.contains("m=audio"), "{offer}");
        let media = call.wait_media(ACTIVE);
        assert!(media.rem_offerer, "sipp made the offer");
        call.wait_state(CONFIRMED);
        alice.hangup(&call);
        call.wait_state(DISCONNECTED);
        assert_eq!(
            call.rec.states(),
            [CALLING, EARLY, CONNECTING, CONFIRMED, DISCONNECTED]
        );
        sipp_passed(sipp, &format!("uas_answer_in_ack over {t:?}"));
    }
}

#[test]
#[ignore = "needs sipp; run by scripts/test.sh"]
fn we_call_a_busy_sipp_over_udp_and_tcp() {
    let alice = phone("alice", |_| {});
    for t in BOTH {
        let (sipp, port) = sipp_server("uas_busy.xml", t, &[]);
        let call = alice.call(&sipp_uri("anyone", port, t));
        let end = call.wait_state(DISCONNECTED);
        assert_eq!(
            (end.last_status_code, end.last_reason.as_str()),
            (486, "Busy Here")
        );
        assert_eq!(call.rec.states(), [CALLING, DISCONNECTED]);
        assert!(!alice.ep.call_is_active(call.key));
        sipp_passed(sipp, &format!("uas_busy over {t:?}"));
    }
}

#[test]
#[ignore = "needs sipp; run by scripts/test.sh"]
fn we_cancel_a_ringing_sipp_over_udp_and_tcp() {
    let alice = phone("alice", |_| {});
    for t in BOTH {
        let (sipp, port) = sipp_server("uas_ringing_then_cancel.xml", t, &[]);
        let call = alice.call(&sipp_uri("anyone", port, t));
        call.wait_state(EARLY);
        alice.hangup(&call);
        let end = call.wait_state(DISCONNECTED);
        assert_eq!(end.last_status_code, 487, "{t:?}");
        assert_eq!(call.rec.states(), [CALLING, EARLY, DISCONNECTED], "{t:?}");
        sipp_passed(sipp, &format!("uas_ringing_then_cancel over {t:?}"));
    }
}

#[test]
#[ignore = "needs sipp; run by scripts/test.sh"]
fn we_get_early_media_then_the_answer_over_udp_and_tcp() {
    let alice = phone("alice", |_| {});
    for t in BOTH {
        let (sipp, port) = sipp_server("uas_early_media.xml", t, &["-d", "1000"]);
        let call = alice.call(&sipp_uri("anyone", port, t));
        // The 183's answer gives media while the call is still early.
        let early = call.wait_media(ACTIVE);
        assert_eq!(early.state, EARLY, "media before the answer");
        assert_eq!(early.last_status_code, 183);
        let up = call.wait_state(CONFIRMED);
        assert_eq!(up.media[0].status, ACTIVE);
        alice.hangup(&call);
        call.wait_state(DISCONNECTED);
        assert_eq!(
            call.rec.states(),
            [CALLING, EARLY, CONNECTING, CONFIRMED, DISCONNECTED]
        );
        sipp_passed(sipp, &format!("uas_early_media over {t:?}"));
    }
}

#[test]
#[ignore = "needs sipp; run by scripts/test.sh"]
fn we_prack_a_reliable_180_over_udp_and_tcp() {
    for prack in [PJSUA2RS_100REL_OPTIONAL, PJSUA2RS_100REL_MANDATORY] {
        let alice = phone("alice", |a| a.call_config.prack_use = prack);
        for t in BOTH {
            let (sipp, port) = sipp_server("uas_100rel.xml", t, &[]);
            let call = alice.call(&sipp_uri("anyone", port, t));
            let early = call.wait_state(EARLY);
            assert_eq!(early.last_status_code, 180);
            call.wait_state(CONFIRMED);
            alice.hangup(&call);
            call.wait_state(DISCONNECTED);
            assert_eq!(
                call.rec.states(),
                [CALLING, EARLY, CONNECTING, CONFIRMED, DISCONNECTED],
                "prackUse {prack} over {t:?}"
            );
            sipp_passed(sipp, &format!("uas_100rel (prackUse {prack}) over {t:?}"));
        }
    }
}

#[test]
#[ignore = "needs sipp; run by scripts/test.sh"]
fn we_keep_the_first_of_two_2xx_over_udp_and_tcp() {
    let alice = phone("alice", |_| {});
    for t in BOTH {
        let (sipp, port) = sipp_server("uas_two_200s.xml", t, &[]);
        let call = alice.call(&sipp_uri("anyone", port, t));
        let up = call.wait_state(CONFIRMED);
        assert!(
            up.remote_contact.contains("sip:fork1@"),
            "{}",
            up.remote_contact
        );
        // The second 200 comes after our ACK; we acknowledge it and hang up its dialog with
        // no event for the application (sipp checks both). Then the first call goes on.
        wait_sipp_log(&sipp, "BYE sip:fork2@");
        let info = alice.ep.call_get_info(call.key).unwrap();
        assert_eq!(info.state, CONFIRMED);
        assert!(
            info.remote_contact.contains("sip:fork1@"),
            "{}",
            info.remote_contact
        );
        assert_eq!(alice.ep.call_enum().unwrap(), vec![call.key]);
        alice.hangup(&call);
        call.wait_state(DISCONNECTED);
        assert_eq!(
            call.rec.states(),
            [CALLING, CONNECTING, CONFIRMED, DISCONNECTED]
        );
        sipp_passed(sipp, &format!("uas_two_200s over {t:?}"));
    }
}

#[test]
#[ignore = "needs sipp; run by scripts/test.sh"]
fn we_hold_and_unhold_sipp_by_reinvite_over_udp_and_tcp() {
    let alice = phone("alice", |_| {});
    for t in BOTH {
        let (sipp, port) = sipp_server("uas_reinvite_hold.xml", t, &[]);
        let call = alice.call(&sipp_uri("anyone", port, t));
        call.wait_media(ACTIVE);
        call.wait_state(CONFIRMED);
        alice
            .ep
            .call_set_hold(call.key, &CallOpParam::default())
            .unwrap();
        let held = call.wait_media(LOCAL_HOLD);
        assert_eq!(held.media[0].dir, 1, "on hold we only send");
        let unhold = CallOpParam {
            flag: PJSUA2RS_CALL_UNHOLD,
            ..CallOpParam::default()
        };
        alice.ep.call_reinvite(call.key, &unhold).unwrap();
        let resumed = call.wait_media(ACTIVE);
        assert_eq!(resumed.media[0].dir, 3);
        assert_eq!(resumed.state, CONFIRMED);
        alice.hangup(&call);
        call.wait_state(DISCONNECTED);
        assert_eq!(
            call.rec.states(),
            [CALLING, CONNECTING, CONFIRMED, DISCONNECTED]
        );
        sipp_passed(sipp, &format!("uas_reinvite_hold over {t:?}"));
    }
}

#[test]
#[ignore = "needs sipp; run by scripts/test.sh"]
fn we_reinvite_sipp_without_offer_over_udp_and_tcp() {
    let alice = phone("alice", |_| {});
    for t in BOTH {
        let (sipp, port) = sipp_server("uas_reinvite_no_sdp.xml", t, &[]);
        let call = alice.call(&sipp_uri("anyone", port, t));
        call.wait_media(ACTIVE);
        call.wait_state(CONFIRMED);
        let prm = CallOpParam {
            flag: PJSUA2RS_CALL_NO_SDP_OFFER,
            ..CallOpParam::default()
        };
        alice.ep.call_reinvite(call.key, &prm).unwrap();
        // sipp's offer comes in its 200; our answer goes in the ACK.
        let (offer, reinvite) = call.wait_for("the offer of the 200", |e| match e {
            Ev::RxOffer(o, r) => Some((o.clone(), *r)),
            _ => None,
        });
        assert!(reinvite, "{t:?}");
        assert!(offer.contains("m=audio"), "{offer}");
        let media = call.wait_media(ACTIVE);
        assert!(media.rem_offerer, "sipp made the last offer");
        assert_eq!((media.state, media.media[0].dir), (CONFIRMED, 3));
        alice.hangup(&call);
        call.wait_state(DISCONNECTED);
        assert_eq!(
            call.rec.states(),
            [CALLING, CONNECTING, CONFIRMED, DISCONNECTED]
        );
        sipp_passed(sipp, &format!("uas_reinvite_no_sdp over {t:?}"));
    }
}

#[test]
#[ignore = "needs sipp; run by scripts/test.sh"]
fn sipp_hangs_up_on_us_over_udp_and_tcp() {
    let alice = phone("alice", |_| {});
    for t in BOTH {
        let (sipp, port) = sipp_server("uas_sends_bye.xml", t, &["-d", "500"]);
        let call = alice.call(&sipp_uri("anyone", port, t));
        call.wait_state(CONFIRMED);
        let end = call.wait_state(DISCONNECTED);
        assert_eq!(end.last_status_code, 200);
        assert_eq!(
            call.rec.states(),
            [CALLING, EARLY, CONNECTING, CONFIRMED, DISCONNECTED]
        );
        assert!(!alice.ep.call_is_active(call.key));
        sipp_passed(sipp, &format!("uas_sends_bye over {t:?}"));
    }
}

/// A redirect server sending callers to a uas_basic.xml (`None`: to a URI nobody
/// answers): (redirect server, its port, target, target URI).
fn redirect_pair(with_target: bool, t: Transport) -> (Sipp, u16, Option<Sipp>, String) {
    let (target, target_uri) = if with_target {
        let (s, p) = sipp_server("uas_basic.xml", t, &[]);
        (Some(s), sipp_uri("moved", p, t))
    } else {
        (None, format!("sip:moved@{IP}:9"))
    };
    let (redirect, port) = sipp_server("uas_redirect.xml", t, &["-key", "target", &target_uri]);
    (redirect, port, target, target_uri)
}

#[test]
#[ignore = "needs sipp; run by scripts/test.sh"]
fn we_follow_a_302_when_the_application_accepts_over_udp_and_tcp() {
    let alice = phone("alice", |_| {});
    for t in BOTH {
        let (redirect, port, target, target_uri) = redirect_pair(true, t);
        let (rec, rx) = CallRec::new();
        *rec.redirect.lock().unwrap() = PJSUA2RS_REDIRECT_ACCEPT;
        let call = alice.call_rec(&sipp_uri("anyone", port, t), rec, rx);
        let to = call.wait_for("onCallRedirected", |e| match e {
            Ev::Redirected(t) => Some(t.clone()),
            _ => None,
        });
        assert_eq!(to, target_uri);
        let up = call.wait_state(CONFIRMED);
        let target_port = target_uri
            .rsplit(':')
            .next()
            .unwrap()
            .split(';')
            .next()
            .unwrap();
        assert!(
            up.remote_contact
                .contains(&format!("sip:sipp@{IP}:{target_port}")),
            "{}",
            up.remote_contact
        );
        alice.hangup(&call);
        call.wait_state(DISCONNECTED);
        assert_eq!(
            call.rec.states(),
            [CALLING, EARLY, CONNECTING, CONFIRMED, DISCONNECTED]
        );
        sipp_passed(redirect, &format!("uas_redirect over {t:?}"));
        sipp_passed(
            target.unwrap(),
            &format!("uas_basic at the redirection target over {t:?}"),
        );
    }
}

#[test]
#[ignore = "needs sipp; run by scripts/test.sh"]
fn a_302_ends_the_call_when_the_application_stops() {
    let alice = phone("alice", |_| {});
    let (redirect, port, _, target_uri) = redirect_pair(false, Transport::Udp);
    let (rec, rx) = CallRec::new();
    *rec.redirect.lock().unwrap() = PJSUA2RS_REDIRECT_STOP;
    let call = alice.call_rec(&sipp_uri("anyone", port, Transport::Udp), rec, rx);
    let to = call.wait_for("onCallRedirected", |e| match e {
        Ev::Redirected(t) => Some(t.clone()),
        _ => None,
    });
    assert_eq!(to, target_uri);
    let end = call.wait_state(DISCONNECTED);
    assert_eq!(end.last_status_code, 302);
    assert_eq!(call.rec.states(), [CALLING, DISCONNECTED]);
    sipp_passed(redirect, "uas_redirect");
}

#[test]
#[ignore = "needs sipp; run by scripts/test.sh"]
fn a_pending_302_is_followed_by_process_redirect() {
    let alice = phone("alice", |_| {});
    let (redirect, port, target, target_uri) = redirect_pair(true, Transport::Udp);
    let (rec, rx) = CallRec::new();
    *rec.redirect.lock().unwrap() = PJSUA2RS_REDIRECT_PENDING;
    let call = alice.call_rec(&sipp_uri("anyone", port, Transport::Udp), rec, rx);
    let to = call.wait_for("onCallRedirected", |e| match e {
        Ev::Redirected(t) => Some(t.clone()),
        _ => None,
    });
    assert_eq!(to, target_uri);
    // The call waits for the decision (the 302 itself was acknowledged).
    sipp_passed(redirect, "uas_redirect");
    sleep(Duration::from_millis(300));
    let waiting = alice.ep.call_get_info(call.key).unwrap();
    assert_eq!(waiting.state, CALLING);
    alice
        .ep
        .call_process_redirect(call.key, PJSUA2RS_REDIRECT_ACCEPT)
        .unwrap();
    call.wait_state(CONFIRMED);
    alice.hangup(&call);
    call.wait_state(DISCONNECTED);
    assert_eq!(
        call.rec.states(),
        [CALLING, EARLY, CONNECTING, CONFIRMED, DISCONNECTED]
    );
    sipp_passed(target.unwrap(), "uas_basic at the redirection target");
}

#[test]
#[ignore = "needs sipp; slow (RFC 4028's 90 s floor: ~46 s); run by scripts/test.sh"]
fn we_refresh_the_session_before_it_expires() {
    // Session-Expires and Min-SE at RFC 4028's floor of 90 s: sipp makes us the refresher,
    // and we refresh at half the interval (45 s), as PJSIP does.
    let alice = phone("alice", |a| {
        a.call_config.timer_sess_expires_sec = 90;
        a.call_config.timer_min_se_sec = 90;
    });
    let port = free_port(IP);
    let args = [
        "-t",
        "u1",
        "-m",
        "1",
        "-timeout",
        "120s",
        "-timeout_error",
        "-trace_err",
        "-trace_msg",
        "-key",
        "expires",
        "90",
    ];
    let sipp = Sipp::spawn_server("uas_session_timer.xml", IP, port, &args);
    let call = alice.call(&sipp_uri("anyone", port, Transport::Udp));
    call.wait_state(CONFIRMED);
    let up = Instant::now();
    // The refresh (an UPDATE: sipp allows it) shows in sipp's message log.
    let refreshed = loop {
        let log = sipp.current_output();
        if log.contains("UPDATE sip:") && log.matches("SIP/2.0 200 OK").count() >= 2 {
            break up.elapsed();
        }
        assert!(
            up.elapsed() < Duration::from_secs(80),
            "no refresh after {:?}:\n{log}",
            up.elapsed()
        );
        sleep(Duration::from_millis(200));
    };
    assert!(
        (Duration::from_secs(40)..Duration::from_secs(50)).contains(&refreshed),
        "refreshed after {refreshed:?}"
    );
    // Give sipp's 200 to the UPDATE time to reach us before the BYE.
    sleep(Duration::from_millis(300));
    let info = alice.ep.call_get_info(call.key).unwrap();
    assert_eq!(info.state, CONFIRMED);
    alice.hangup(&call);
    call.wait_state(DISCONNECTED);
    sipp_passed(sipp, "uas_session_timer with expires 90");
}

// ---------------------------------------------------------------------------------------
// sipp challenges our requests (uas_auth_*.xml): digest authentication in a call

/// A phone whose account answers challenges as alice with `password` (any realm).
fn phone_with_password(password: &str) -> Phone {
    phone("alice", |acfg| {
        let mut cred = AuthCredInfo::default();
        cred.username.set_str("alice", "username").unwrap();
        cred.data.set_str(password, "data").unwrap();
        acfg.sip_config.auth_creds[0] = cred;
        acfg.sip_config.auth_creds_count = 1;
    })
}

/// The requests sipp received, in order, from its message log (`-trace_msg`), without
/// retransmissions (the same method and CSeq number again).
fn requests_sipp_received(log: &str) -> Vec<Request> {
    let mut out: Vec<Request> = Vec::new();
    for block in log.split("\n-----------------------------------------------") {
        let Some((head, message)) = block.split_once(" bytes :\n\n") else {
            continue;
        };
        if !head.contains("message received") {
            continue;
        }
        let text = message
            .trim_end()
            .replace("\r\n", "\n")
            .replace('\n', "\r\n")
            + "\r\n";
        let Ok(Message::Request(r)) = Message::parse(text.into()) else {
            continue;
        };
        let key = |r: &Request| (r.method.clone(), r.cseq().map(|c| c.seq));
        if !out.iter().any(|seen| key(seen) == key(&r)) {
            out.push(r);
        }
    }
    out
}

/// The value of `param` in the first `header` line of sipp's log (its challenge).
fn challenge_param(log: &str, header: &str, param: &str) -> String {
    let line = log
        .lines()
        .find(|l| l.starts_with(header))
        .unwrap_or_else(|| panic!("no {header} in sipp's log:\n{log}"));
    let at = line.find(&format!("{param}=\"")).expect(param) + param.len() + 2;
    line[at..].split('"').next().unwrap().to_string()
}

#[test]
#[ignore = "needs sipp; run by scripts/test.sh"]
fn we_answer_a_407_to_our_invite_and_authorize_the_dialog_over_udp_and_tcp() {
    let alice = phone_with_password("secret");
    for t in BOTH {
        let (sipp, port) = sipp_server("uas_auth_invite.xml", t, &["-key", "user", "alice"]);
        let call = alice.call(&sipp_uri("anyone", port, t));
        let up = call.wait_state(CONFIRMED);
        assert_eq!(up.last_status_code, 200, "{t:?}");
        alice
            .ep
            .call_send_request(call.key, "INFO", &TxOption::default())
            .unwrap();
        call.wait_for("the INFO's 200", |e| match e {
            Ev::Tsx(m, _, 200) if m == "INFO" => Some(()),
            _ => None,
        });
        alice.hangup(&call);
        let end = call.wait_state(DISCONNECTED);
        assert_eq!(end.last_status_code, 200, "{t:?}");
        assert_eq!(
            call.rec.states(),
            [CALLING, CONNECTING, CONFIRMED, DISCONNECTED],
            "{t:?}: the 407 changes no state"
        );
        let exit = sipp_passed(sipp, &format!("uas_auth_invite over {t:?}"));
        // sipp checked each Proxy-Authorization's fields; the digests are checked here
        // (sipp's verifyauth reads only Authorization).
        let nonce = challenge_param(&exit.output, "Proxy-Authenticate:", "nonce");
        let got = requests_sipp_received(&exit.output);
        let methods: Vec<String> = got.iter().map(|r| r.method.to_string()).collect();
        assert_eq!(
            methods,
            ["INVITE", "ACK", "INVITE", "ACK", "INFO", "BYE"],
            "{t:?}"
        );
        let pa = HeaderName::ProxyAuthorization;
        assert!(got[0].headers.get(&pa).is_none());
        let check =
            |r: &Request| digest::verify(r, &pa, ("alice", "secret"), "pjsua2rs.test", &nonce);
        assert_eq!(check(&got[2]), "00000001", "the INVITE again, {t:?}");
        assert_eq!(
            got[3].headers.get(&pa),
            got[2].headers.get(&pa),
            "the ACK repeats them"
        );
        assert_eq!(check(&got[4]), "00000002", "the INFO, pre-emptively, {t:?}");
        assert_eq!(check(&got[5]), "00000003", "the BYE, pre-emptively, {t:?}");
    }
}

#[test]
#[ignore = "needs sipp; run by scripts/test.sh"]
fn our_challenged_bye_is_sent_again_with_credentials_over_udp_and_tcp() {
    let alice = phone_with_password("secret");
    for t in BOTH {
        let keys = ["-key", "user", "alice", "-key", "password", "secret"];
        let (sipp, port) = sipp_server("uas_auth_bye.xml", t, &keys);
        let call = alice.call(&sipp_uri("anyone", port, t));
        call.wait_state(CONFIRMED);
        alice.hangup(&call);
        // The call ends as the BYE goes (as in PJSIP); its 401 is answered all the same.
        let end = call.wait_state(DISCONNECTED);
        assert_eq!(end.last_status_code, 200, "{t:?}");
        assert!(!alice.ep.call_is_active(call.key));
        let exit = sipp_passed(sipp, &format!("uas_auth_bye over {t:?}"));
        let byes: Vec<Request> = requests_sipp_received(&exit.output)
            .into_iter()
            .filter(|r| r.method.as_str() == "BYE")
            .collect();
        assert_eq!(byes.len(), 2, "{t:?}");
        assert_eq!(byes[1].cseq().unwrap().seq, byes[0].cseq().unwrap().seq + 1);
        assert_eq!(
            call.rec.states(),
            [CALLING, CONNECTING, CONFIRMED, DISCONNECTED],
            "{t:?}"
        );
    }
}

#[test]
#[ignore = "needs sipp; run by scripts/test.sh"]
fn a_wrong_password_ends_our_call_with_the_second_407_over_udp_and_tcp() {
    let alice = phone_with_password("wrong");
    for t in BOTH {
        let (sipp, port) = sipp_server("uas_auth_reject.xml", t, &[]);
        let call = alice.call(&sipp_uri("anyone", port, t));
        let end = call.wait_state(DISCONNECTED);
        assert_eq!(end.last_status_code, 407, "{t:?}");
        assert!(
            end.last_reason.starts_with("Proxy Authentication Required"),
            "{}",
            end.last_reason
        );
        // sipp waits 2 s for a third INVITE: none may come.
        let exit = sipp_passed(sipp, &format!("uas_auth_reject over {t:?}"));
        let invites = requests_sipp_received(&exit.output)
            .into_iter()
            .filter(|r| r.method.as_str() == "INVITE")
            .count();
        assert_eq!(invites, 2, "{t:?}");
        assert_eq!(call.rec.states(), [CALLING, DISCONNECTED], "{t:?}");
    }
}

// ---------------------------------------------------------------------------------------
// sipp calls us (uac_*.xml)

#[test]
#[ignore = "needs sipp; run by scripts/test.sh"]
fn sipp_calls_us_basic_over_udp_and_tcp() {
    let bob = phone("bob", |_| {});
    for t in BOTH {
        let sipp = sipp_client("uac_basic.xml", &bob, t, &["-d", "500"]);
        let call = bob.next_incoming();
        let info = bob.ep.call_get_info(call.key).unwrap();
        assert_eq!((info.state, info.role), (INCOMING, PJSUA2RS_ROLE_UAS));
        assert!(info.remote_uri.contains("sip:sipp@"), "{}", info.remote_uri);
        assert!(info.rem_offerer);
        bob.answer(&call, 200);
        let up = call.wait_state(CONFIRMED);
        assert_eq!(up.media[0].status, ACTIVE);
        let end = call.wait_state(DISCONNECTED);
        assert_eq!(end.last_status_code, 200);
        assert_eq!(
            call.rec.states(),
            [CONNECTING, CONFIRMED, DISCONNECTED],
            "{t:?}"
        );
        sipp_passed(sipp, &format!("uac_basic over {t:?}"));
    }
}

#[test]
#[ignore = "needs sipp; run by scripts/test.sh"]
fn sipp_calls_us_without_offer_over_udp_and_tcp() {
    let bob = phone("bob", |_| {});
    for t in BOTH {
        let sipp = sipp_client("uac_no_sdp.xml", &bob, t, &["-d", "500"]);
        let call = bob.next_incoming();
        assert!(!bob.ep.call_get_info(call.key).unwrap().rem_offerer);
        bob.answer(&call, 200);
        // Our offer went in the 200; the answer in the ACK gives the media, then the call is
        // confirmed.
        let media = call.wait_media(ACTIVE);
        call.wait_state(CONFIRMED);
        assert!(!media.rem_offerer);
        assert_eq!(media.media[0].dir, 3);
        call.wait_state(DISCONNECTED);
        assert_eq!(call.rec.states(), [CONNECTING, CONFIRMED, DISCONNECTED]);
        sipp_passed(sipp, &format!("uac_no_sdp over {t:?}"));
    }
}

#[test]
#[ignore = "needs sipp; run by scripts/test.sh"]
fn sipp_calls_us_with_several_codecs_we_ring_and_answer_over_udp_and_tcp() {
    let bob = phone("bob", |_| {});
    for t in BOTH {
        let sipp = sipp_client("uac_180_codecs.xml", &bob, t, &["-d", "500"]);
        let call = bob.next_incoming();
        bob.answer(&call, 180);
        call.wait_state(EARLY);
        bob.answer(&call, 200);
        call.wait_state(CONFIRMED);
        call.wait_state(DISCONNECTED);
        assert_eq!(
            call.rec.states(),
            [EARLY, CONNECTING, CONFIRMED, DISCONNECTED]
        );
        let exit = sipp_passed(sipp, &format!("uac_180_codecs over {t:?}"));
        // Our answer (the SDP of the first 200 in sipp's message log): like PJSIP's, one
        // codec, the first of our preference (PCMU) among PCMU, PCMA and G.722, and the
        // offer's telephone-event.
        let m = m_line_after(&exit.output, "SIP/2.0 200 OK").expect("our 200 in sipp's log");
        let formats: Vec<&str> = m.split_whitespace().skip(3).collect();
        assert_eq!(formats, ["0", "101"], "our answer: {m}");
    }
}

#[test]
#[ignore = "needs sipp; run by scripts/test.sh"]
fn sipp_requires_100rel_over_udp_and_tcp() {
    let bob = phone("bob", |a| {
        a.call_config.prack_use = PJSUA2RS_100REL_OPTIONAL
    });
    for t in BOTH {
        let sipp = sipp_client("uac_100rel.xml", &bob, t, &["-d", "500"]);
        let call = bob.next_incoming();
        bob.answer(&call, 180);
        call.wait_state(EARLY);
        // The 200 goes after sipp's PRACK (which the API does not report): sipp takes a
        // message that comes before it sent the PRACK as unexpected. (A PRACK crossing
        // the 200 is covered by src/sip/invite/tests.rs.)
        wait_sipp_log(&sipp, "PRACK sip:");
        bob.answer(&call, 200);
        call.wait_state(CONFIRMED);
        call.wait_state(DISCONNECTED);
        assert_eq!(
            call.rec.states(),
            [EARLY, CONNECTING, CONFIRMED, DISCONNECTED],
            "{t:?}"
        );
        let exit = sipp_passed(sipp, &format!("uac_100rel over {t:?}"));
        assert!(exit.output.contains("RSeq: 1"), "{}", exit.output);
    }
}

#[test]
#[ignore = "needs sipp; run by scripts/test.sh"]
fn sipp_reinvites_us_without_offer_over_udp_and_tcp() {
    let bob = phone("bob", |_| {});
    for t in BOTH {
        let sipp = sipp_client("uac_reinvite_no_sdp.xml", &bob, t, &["-d", "500"]);
        let call = bob.next_incoming();
        bob.answer(&call, 200);
        call.wait_state(CONFIRMED);
        let (offer, reinvite) = call.wait_for("the offerless re-INVITE", |e| match e {
            Ev::RxOffer(o, r) => Some((o.clone(), *r)),
            _ => None,
        });
        assert!(reinvite && offer.is_empty(), "{reinvite} {offer:?}");
        // Our offer went in the 200, sipp's answer in the ACK.
        let media = call.wait_media(ACTIVE);
        assert!(!media.rem_offerer);
        call.wait_state(DISCONNECTED);
        assert_eq!(call.rec.states(), [CONNECTING, CONFIRMED, DISCONNECTED]);
        sipp_passed(sipp, &format!("uac_reinvite_no_sdp over {t:?}"));
    }
}

#[test]
#[ignore = "needs sipp; run by scripts/test.sh"]
fn sipp_sends_options_in_the_call_over_udp_and_tcp() {
    let bob = phone("bob", |_| {});
    for t in BOTH {
        let sipp = sipp_client("uac_options_in_dialog.xml", &bob, t, &["-d", "500"]);
        let call = bob.next_incoming();
        bob.answer(&call, 200);
        call.wait_state(CONFIRMED);
        let code = call.wait_for("the OPTIONS", |e| match e {
            Ev::Tsx(m, role, code) if m == "OPTIONS" && *role == PJSUA2RS_ROLE_UAS => Some(*code),
            _ => None,
        });
        assert_eq!(code, 0, "a request received, not answered yet");
        call.wait_state(DISCONNECTED);
        assert_eq!(call.rec.states(), [CONNECTING, CONFIRMED, DISCONNECTED]);
        sipp_passed(sipp, &format!("uac_options_in_dialog over {t:?}"));
    }
}

#[test]
#[ignore = "needs sipp; run by scripts/test.sh"]
fn sipp_cancels_while_we_ring_over_udp_and_tcp() {
    let bob = phone("bob", |_| {});
    for t in BOTH {
        let sipp = sipp_client("uac_early_bye.xml", &bob, t, &["-d", "300"]);
        let call = bob.next_incoming();
        bob.answer(&call, 180);
        let end = call.wait_state(DISCONNECTED);
        assert_eq!(end.last_status_code, 487, "{t:?}");
        assert_eq!(call.rec.states(), [EARLY, DISCONNECTED], "{t:?}");
        sipp_passed(sipp, &format!("uac_early_bye over {t:?}"));
    }
}

#[test]
#[ignore = "needs sipp; run by scripts/test.sh"]
fn sipp_hangs_up_with_bye_while_we_ring_over_udp_and_tcp() {
    let bob = phone("bob", |_| {});
    for t in BOTH {
        let sipp = sipp_client("uac_bye_while_ringing.xml", &bob, t, &["-d", "300"]);
        let call = bob.next_incoming();
        bob.answer(&call, 180);
        // The BYE ends the early dialog: 200 to it, 487 to the INVITE (sipp checks both).
        let end = call.wait_state(DISCONNECTED);
        assert_eq!(end.last_status_code, 200, "{t:?}");
        assert_eq!(call.rec.states(), [EARLY, DISCONNECTED], "{t:?}");
        assert!(!bob.ep.call_is_active(call.key));
        sipp_passed(sipp, &format!("uac_bye_while_ringing over {t:?}"));
    }
}

#[test]
#[ignore = "needs sipp; run by scripts/test.sh"]
fn stray_acks_leave_the_call_up_over_udp_and_tcp() {
    let bob = phone("bob", |_| {});
    for t in BOTH {
        let sipp = sipp_client("uac_bad_ack.xml", &bob, t, &["-d", "300"]);
        let call = bob.next_incoming();
        bob.answer(&call, 200);
        call.wait_state(CONFIRMED);
        let end = call.wait_state(DISCONNECTED);
        assert_eq!(end.last_status_code, 200);
        assert_eq!(call.rec.states(), [CONNECTING, CONFIRMED, DISCONNECTED]);
        sipp_passed(sipp, &format!("uac_bad_ack over {t:?}"));
    }
}

#[test]
#[ignore = "needs sipp; run by scripts/test.sh"]
fn an_unknown_required_extension_gets_420_over_udp_and_tcp() {
    let bob = phone("bob", |_| {});
    for t in BOTH {
        let sipp = sipp_client("uac_unknown_require.xml", &bob, t, &[]);
        let exit = sipp_passed(sipp, &format!("uac_unknown_require over {t:?}"));
        assert!(
            exit.output.contains("Unsupported: nosuchext"),
            "{}",
            exit.output
        );
        // No incoming call for the application.
        assert!(bob
            .incoming
            .recv_timeout(Duration::from_millis(300))
            .is_err());
        assert!(bob.ep.call_enum().unwrap().is_empty());
    }
}

#[test]
#[ignore = "needs sipp; run by scripts/test.sh"]
fn dtmf_by_info_over_udp_and_tcp() {
    let bob = phone("bob", |_| {});
    for (t, digit) in [(Transport::Udp, "5"), (Transport::Tcp, "#")] {
        let args = ["-d", "300", "-key", "digit", digit];
        let sipp = sipp_client("uac_info_dtmf.xml", &bob, t, &args);
        let call = bob.next_incoming();
        bob.answer(&call, 200);
        call.wait_state(CONFIRMED);
        let dtmf = call.wait_for("onDtmfDigit", |e| match e {
            Ev::Dtmf(p) => Some(p.clone()),
            _ => None,
        });
        assert_eq!(
            (dtmf.method, dtmf.digit.as_str(), dtmf.duration),
            (PJSUA2RS_DTMF_METHOD_SIP_INFO, digit, 160)
        );
        call.wait_state(DISCONNECTED);
        sipp_passed(sipp, &format!("uac_info_dtmf over {t:?}"));
    }
}

/// sipp refers us to a sipp at `target_scenario`; the last NOTIFY must say `final_status`.
fn transferred_by_sipp(t: Transport, target_scenario: &str, final_status: u16) {
    let bob = phone("bob", |_| {});
    let (target, target_port) = sipp_server(target_scenario, t, &[]);
    let refer_to = sipp_uri("carol", target_port, t);
    let final_status = final_status.to_string();
    let args = [
        "-d",
        "300",
        "-key",
        "refer_to",
        &refer_to,
        "-key",
        "final_status",
        &final_status,
    ];
    let sipp = sipp_client("uac_refer.xml", &bob, t, &args);
    let call = bob.next_incoming();
    let (new_rec, new_rx) = CallRec::new();
    *call.rec.xfer_answer.lock().unwrap() = Some((202, new_rec.clone()));
    bob.answer(&call, 200);
    call.wait_state(CONFIRMED);
    let dst = call.wait_for("the REFER", |e| match e {
        Ev::XferRequest(d) => Some(d.clone()),
        _ => None,
    });
    assert_eq!(dst, refer_to);
    // The new call, with the recorder we gave.
    let new = call.transfer_call(new_rec, new_rx);
    if final_status == "200" {
        let up = new.wait_state(CONFIRMED);
        assert!(up.remote_uri.contains("carol"), "{}", up.remote_uri);
        // sipp hangs up the original call after the last NOTIFY.
        call.wait_state(DISCONNECTED);
        bob.hangup(&new);
        new.wait_state(DISCONNECTED);
    } else {
        let end = new.wait_state(DISCONNECTED);
        assert_eq!(end.last_status_code.to_string(), final_status);
        call.wait_state(DISCONNECTED);
    }
    sipp_passed(sipp, &format!("uac_refer ({final_status}) over {t:?}"));
    sipp_passed(
        target,
        &format!("{target_scenario} at the transfer target over {t:?}"),
    );
}

#[test]
#[ignore = "needs sipp; run by scripts/test.sh"]
fn sipp_transfers_us_over_udp_and_tcp() {
    for t in BOTH {
        transferred_by_sipp(t, "uas_basic.xml", 200);
    }
}

#[test]
#[ignore = "needs sipp; run by scripts/test.sh"]
fn sipp_transfers_us_to_a_busy_phone() {
    transferred_by_sipp(Transport::Udp, "uas_busy.xml", 486);
}

// ---------------------------------------------------------------------------------------
// baresip

/// How long a baresip event may take.
const BARESIP_EVENT: Duration = Duration::from_secs(10);

#[test]
#[ignore = "needs baresip; run by scripts/test.sh"]
fn baresip_calls_us_and_each_side_hangs_up() {
    let bob = phone("bob", |_| {});
    let mut alice = Baresip::start(BaresipOptions::new("alice"));
    // 1. baresip hangs up.
    alice.dial(&bob.uri(Transport::Udp));
    let call = bob.next_incoming();
    let info = bob.ep.call_get_info(call.key).unwrap();
    assert!(info.remote_uri.contains(&alice.aor), "{}", info.remote_uri);
    bob.answer(&call, 180);
    alice.wait_event("CALL_RINGING", BARESIP_EVENT);
    bob.answer(&call, 200);
    let up = call.wait_state(CONFIRMED);
    assert_eq!(up.media[0].status, ACTIVE);
    alice.wait_event("CALL_ESTABLISHED", BARESIP_EVENT);
    alice.hangup();
    let end = call.wait_state(DISCONNECTED);
    assert_eq!(end.last_status_code, 200);
    alice.wait_event("CALL_CLOSED", BARESIP_EVENT);
    assert_eq!(
        call.rec.states(),
        [EARLY, CONNECTING, CONFIRMED, DISCONNECTED]
    );
    // 2. We hang up.
    alice.dial(&bob.uri(Transport::Udp));
    let call = bob.next_incoming();
    bob.answer(&call, 200);
    call.wait_state(CONFIRMED);
    alice.wait_event("CALL_ESTABLISHED", BARESIP_EVENT);
    bob.hangup(&call);
    call.wait_state(DISCONNECTED);
    let closed = alice.wait_event("CALL_CLOSED", BARESIP_EVENT);
    assert_eq!(closed.param, "Connection reset by peer");
}

#[test]
#[ignore = "needs baresip; run by scripts/test.sh"]
fn we_call_baresip_and_both_hold_and_resume() {
    let alice = phone("alice", |_| {});
    let mut bob = Baresip::start(BaresipOptions::new("bob"));
    let call = alice.call(&bob.uri());
    let up = call.wait_state(CONFIRMED);
    assert_eq!(up.media[0].status, ACTIVE);
    bob.wait_event("CALL_ESTABLISHED", BARESIP_EVENT);
    // We hold and resume.
    alice
        .ep
        .call_set_hold(call.key, &CallOpParam::default())
        .unwrap();
    call.wait_media(LOCAL_HOLD);
    assert_eq!(
        bob.wait_event("CALL_REMOTE_SDP", BARESIP_EVENT).param,
        "offer"
    );
    let unhold = CallOpParam {
        flag: PJSUA2RS_CALL_UNHOLD,
        ..CallOpParam::default()
    };
    alice.ep.call_reinvite(call.key, &unhold).unwrap();
    call.wait_media(ACTIVE);
    assert_eq!(
        bob.wait_event("CALL_REMOTE_SDP", BARESIP_EVENT).param,
        "offer"
    );
    // baresip holds and resumes.
    bob.command("hold", None);
    let held = call.wait_media(REMOTE_HOLD);
    assert_eq!(held.media[0].dir, 2, "held by the peer, we only receive");
    bob.command("resume", None);
    let resumed = call.wait_media(ACTIVE);
    assert_eq!(resumed.media[0].dir, 3);
    // We hang up.
    alice.hangup(&call);
    call.wait_state(DISCONNECTED);
    let closed = bob.wait_event("CALL_CLOSED", BARESIP_EVENT);
    assert_eq!(closed.param, "Connection reset by peer");
    assert_eq!(
        call.rec.states(),
        [CALLING, EARLY, CONNECTING, CONFIRMED, DISCONNECTED]
    );
    let log = bob.log();
    let held = log
        .find("a=sendonly")
        .expect("our hold offer in baresip's log");
    assert!(log[held..].contains("a=sendrecv"), "{log}");
}

#[test]
#[ignore = "needs baresip; run by scripts/test.sh"]
fn audio_and_dtmf_flow_both_ways_with_baresip() {
    let alice = phone("alice", |_| {});
    let mut bob = Baresip::start(BaresipOptions::new("bob"));
    let call = alice.call(&bob.uri());
    call.wait_state(CONFIRMED);
    bob.wait_event("CALL_ESTABLISHED", BARESIP_EVENT);
    // baresip's sine reaches us, and our stream reaches baresip (its RTP is established
    // once it has our first packet).
    bob.wait_event("CALL_RTPESTAB", BARESIP_EVENT);
    let deadline = Instant::now() + WAIT;
    loop {
        let stat = alice.ep.call_get_stream_stat(call.key, -1).unwrap();
        if stat.rtcp.rx_stat.pkt >= 10 && stat.rtcp.tx_stat.pkt >= 10 {
            break;
        }
        assert!(Instant::now() < deadline, "no RTP both ways: {stat:?}");
        sleep(Duration::from_millis(50));
    }
    // baresip's digits as telephone-events.
    for digit in ["5", "#"] {
        bob.command("sndcode", Some(digit));
        let dtmf = call.wait_for("onDtmfDigit", |e| match e {
            Ev::Dtmf(p) => Some(p.clone()),
            _ => None,
        });
        assert_eq!(
            (dtmf.method, dtmf.digit.as_str()),
            (PJSUA2RS_DTMF_METHOD_RFC2833, digit)
        );
    }
    // Ours, as telephone-events and by SIP INFO (application/dtmf-relay).
    for digit in ["7", "*"] {
        alice.ep.call_dial_dtmf(call.key, digit).unwrap();
        assert_eq!(
            bob.wait_event("CALL_DTMF_START", BARESIP_EVENT).param,
            digit
        );
    }
    let info = CallSendDtmfParam {
        method: PJSUA2RS_DTMF_METHOD_SIP_INFO,
        digits: "9".into(),
        ..CallSendDtmfParam::default()
    };
    alice.ep.call_send_dtmf(call.key, &info).unwrap();
    assert_eq!(bob.wait_event("CALL_DTMF_START", BARESIP_EVENT).param, "9");
    alice.hangup(&call);
    call.wait_state(DISCONNECTED);
    bob.wait_event("CALL_CLOSED", BARESIP_EVENT);
}

#[test]
#[ignore = "needs baresip; run by scripts/test.sh"]
fn we_call_baresip_by_hand_and_it_hangs_up() {
    let alice = phone("alice", |_| {});
    let mut bob = Baresip::start(BaresipOptions {
        answer: AnswerMode::Manual,
        ..BaresipOptions::new("bob")
    });
    let call = alice.call(&bob.uri());
    bob.wait_event("CALL_INCOMING", BARESIP_EVENT);
    call.wait_state(EARLY);
    bob.accept();
    call.wait_state(CONFIRMED);
    bob.wait_event("CALL_ESTABLISHED", BARESIP_EVENT);
    bob.hangup();
    let end = call.wait_state(DISCONNECTED);
    assert_eq!(end.last_status_code, 200);
    bob.wait_event("CALL_CLOSED", BARESIP_EVENT);
    // Refused while ringing: 486.
    let call = alice.call(&bob.uri());
    bob.wait_event("CALL_INCOMING", BARESIP_EVENT);
    call.wait_state(EARLY);
    bob.hangup();
    let end = call.wait_state(DISCONNECTED);
    assert_eq!(end.last_status_code, 486);
}

#[test]
#[ignore = "needs baresip and sipp; run by scripts/test.sh"]
fn baresip_calls_us_we_hold_it_and_transfer_it_to_sipp() {
    // The callee's side of the dialog sends the re-INVITEs and the REFER.
    let bob = phone("bob", |_| {});
    let mut alice = Baresip::start(BaresipOptions::new("alice"));
    let (target, target_port) = sipp_server("uas_basic.xml", Transport::Udp, &[]);
    alice.dial(&bob.uri(Transport::Tcp));
    let call = bob.next_incoming();
    bob.answer(&call, 200);
    call.wait_state(CONFIRMED);
    alice.wait_event("CALL_ESTABLISHED", BARESIP_EVENT);
    bob.ep
        .call_set_hold(call.key, &CallOpParam::default())
        .unwrap();
    let held = call.wait_media(LOCAL_HOLD);
    assert_eq!(held.media[0].dir, 1, "on hold we only send");
    assert_eq!(
        alice.wait_event("CALL_REMOTE_SDP", BARESIP_EVENT).param,
        "offer"
    );
    let unhold = CallOpParam {
        flag: PJSUA2RS_CALL_UNHOLD,
        ..CallOpParam::default()
    };
    bob.ep.call_reinvite(call.key, &unhold).unwrap();
    let resumed = call.wait_media(ACTIVE);
    assert_eq!(resumed.media[0].dir, 3);
    assert_eq!(
        alice.wait_event("CALL_REMOTE_SDP", BARESIP_EVENT).param,
        "offer"
    );
    let carol = sipp_uri("carol", target_port, Transport::Udp);
    bob.ep
        .call_xfer(call.key, &carol, &CallOpParam::default())
        .unwrap();
    let statuses = call.transfer_statuses();
    assert_eq!(statuses.last(), Some(&200), "{statuses:?}");
    let to_sipp = alice.wait_event("CALL_ESTABLISHED", BARESIP_EVENT);
    assert!(to_sipp.peer_uri.contains("carol"), "{:?}", to_sipp.json);
    bob.hangup(&call);
    let end = call.wait_state(DISCONNECTED);
    assert_eq!(end.last_status_code, 200);
    alice.wait_event("CALL_CLOSED", BARESIP_EVENT);
    alice.hangup();
    sipp_passed(target, "uas_basic called by baresip after our REFER");
    assert_eq!(call.rec.states(), [CONNECTING, CONFIRMED, DISCONNECTED]);
}

#[test]
#[ignore = "needs baresip and sipp; run by scripts/test.sh"]
fn we_transfer_baresip_to_sipp() {
    let alice = phone("alice", |_| {});
    let mut bob = Baresip::start(BaresipOptions::new("bob"));
    let (target, target_port) = sipp_server("uas_basic.xml", Transport::Udp, &[]);
    let call = alice.call(&bob.uri());
    call.wait_state(CONFIRMED);
    bob.wait_event("CALL_ESTABLISHED", BARESIP_EVENT);
    let carol = sipp_uri("carol", target_port, Transport::Udp);
    alice
        .ep
        .call_xfer(call.key, &carol, &CallOpParam::default())
        .unwrap();
    let statuses = call.transfer_statuses();
    assert_eq!(statuses.last(), Some(&200), "{statuses:?}");
    assert!(
        statuses.iter().all(|s| *s == 100 || *s == 180 || *s == 200),
        "{statuses:?}"
    );
    // baresip's call to sipp is up; the transferor hangs up, and baresip and sipp talk
    // until baresip hangs up.
    let to_sipp = bob.wait_event("CALL_ESTABLISHED", BARESIP_EVENT);
    assert!(to_sipp.peer_uri.contains("carol"), "{:?}", to_sipp.json);
    alice.hangup(&call);
    call.wait_state(DISCONNECTED);
    bob.wait_event("CALL_CLOSED", BARESIP_EVENT);
    bob.hangup();
    sipp_passed(target, "uas_basic called by baresip after our REFER");
}

#[test]
#[ignore = "needs baresip; run by scripts/test.sh"]
fn baresip_transfers_us_to_another_endpoint() {
    let bob = phone("bob", |_| {});
    let carol = phone("carol", |_| {});
    let mut alice = Baresip::start(BaresipOptions::new("alice"));
    alice.dial(&bob.uri(Transport::Udp));
    let call = bob.next_incoming();
    let (new_rec, new_rx) = CallRec::new();
    *call.rec.xfer_answer.lock().unwrap() = Some((202, new_rec.clone()));
    bob.answer(&call, 200);
    call.wait_state(CONFIRMED);
    alice.wait_event("CALL_ESTABLISHED", BARESIP_EVENT);
    alice.command("transfer", Some(&carol.uri(Transport::Udp)));
    let dst = call.wait_for("baresip's REFER", |e| match e {
        Ev::XferRequest(d) => Some(d.clone()),
        _ => None,
    });
    assert_eq!(dst, carol.uri(Transport::Udp));
    let at_carol = carol.next_incoming();
    let info = carol.ep.call_get_info(at_carol.key).unwrap();
    assert!(info.remote_uri.contains("sip:bob@"), "{}", info.remote_uri);
    carol.answer(&at_carol, 200);
    at_carol.wait_state(CONFIRMED);
    let new = call.transfer_call(new_rec, new_rx);
    new.wait_state(CONFIRMED);
    // baresip ends the transferred call once our NOTIFY says 200.
    call.wait_state(DISCONNECTED);
    alice.wait_event("CALL_CLOSED", BARESIP_EVENT);
    carol.hangup(&at_carol);
    new.wait_state(DISCONNECTED);
    at_carol.wait_state(DISCONNECTED);
}

#[test]
#[ignore = "needs baresip; run by scripts/test.sh"]
fn an_attended_transfer_through_baresip_reaches_the_target_as_a_new_call() {
    // baresip 1.0.0 has no Replaces: it follows our REFER by putting the Refer-To's
    // headers into the Request-URI of its INVITE. Carol ignores them, as PJSIP does (RFC
    // 4475 §3.1.2.11 allows it), so the INVITE is a new call there; when carol answers,
    // the NOTIFY reports 200 and alice ends her call with baresip.
    let alice = phone("alice", |_| {});
    let carol = phone("carol", |_| {});
    let mut bob = Baresip::start(BaresipOptions::new("bob"));
    let to_bob = alice.call(&bob.uri());
    to_bob.wait_state(CONFIRMED);
    bob.wait_event("CALL_ESTABLISHED", BARESIP_EVENT);
    let to_carol = alice.call(&carol.uri(Transport::Udp));
    let at_carol = carol.next_incoming();
    carol.answer(&at_carol, 200);
    to_carol.wait_state(CONFIRMED);
    at_carol.wait_state(CONFIRMED);
    alice
        .ep
        .call_xfer_replaces(to_bob.key, to_carol.key, &CallOpParam::default())
        .unwrap();
    // Our REFER named the call to replace.
    let call_id = alice.ep.call_get_info(to_carol.key).unwrap().call_id_string;
    let from_bob = carol.next_incoming();
    let info = carol.ep.call_get_info(from_bob.key).unwrap();
    assert!(info.remote_uri.contains("sip:bob@"), "{}", info.remote_uri);
    let log = bob.log();
    let refer_to = log
        .lines()
        .find(|l| l.starts_with("Refer-To:"))
        .unwrap_or_else(|| panic!("no REFER in baresip's log:\n{log}"));
    let escaped = call_id.replace('@', "%40");
    assert!(
        refer_to.contains("Replaces=") && refer_to.contains(&escaped),
        "{refer_to} (Call-ID {call_id})"
    );
    carol.answer(&from_bob, 200);
    from_bob.wait_state(CONFIRMED);
    let statuses = to_bob.transfer_statuses();
    assert_eq!(statuses.last(), Some(&200), "{statuses:?}");
    // baresip keeps its call with alice: alice, the transferor, ends it.
    alice.hangup(&to_bob);
    bob.wait_event("CALL_CLOSED", BARESIP_EVENT);
    // Carol has both calls; alice's call to carol goes on.
    let mut calls = carol.ep.call_enum().unwrap();
    calls.sort();
    let mut expected = vec![at_carol.key, from_bob.key];
    expected.sort();
    assert_eq!(calls, expected);
    assert_eq!(
        alice.ep.call_get_info(to_carol.key).unwrap().state,
        CONFIRMED
    );
    carol.hangup(&from_bob);
    bob.wait_event("CALL_CLOSED", BARESIP_EVENT);
    from_bob.wait_state(DISCONNECTED);
    alice.hangup(&to_carol);
    at_carol.wait_state(DISCONNECTED);
}
