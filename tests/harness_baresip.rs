//! baresip as the far phone (tests/common/baresip.rs) proven without pjsua2rs, run by
//! scripts/test.sh (they need baresip, sipp and kamailio; run them with
//! `cargo test --test harness_baresip -- --ignored`):
//! - baresip calls baresip on loopback: auto-answer, both sides established, hang-up seen
//!   by both, and the callee's recording of the caller's 440 Hz sine;
//! - manual answer (accept), a codec chosen by the account, DTMF (RFC 4733) from one to
//!   the other, hold and resume, and a rejected call;
//! - sipp's uac_basic.xml calls baresip, which answers;
//! - two baresips registered at kamailio call each other through it.

mod common;

use common::baresip::{AnswerMode, Baresip, BaresipOptions, Registrar, Wav};
use common::kamailio::Kamailio;
use common::sipp::{free_port, Sipp};
use std::thread::sleep;
use std::time::Duration;

/// How long a call event may take to come.
const EVENT: Duration = Duration::from_secs(10);

/// The 440 Hz sine baresip sends, as heard by `wav` after G.711: loud, and crossing zero
/// about 880 times a second.
fn assert_sine_440(wav: &Wav, what: &str) {
    let loud = wav.loud_samples(1000) as f64 / wav.samples.len().max(1) as f64;
    assert!(loud > 0.8, "{what}: only {:.0}% loud samples", loud * 100.0);
    let crossings = wav
        .samples
        .windows(2)
        .filter(|w| (w[0] < 0) != (w[1] < 0))
        .count() as f64;
    let hz = crossings / 2.0 / wav.duration().as_secs_f64();
    assert!((430.0..450.0).contains(&hz), "{what}: a tone of {hz:.0} Hz");
}

#[test]
#[ignore = "needs baresip; run by scripts/test.sh"]
fn baresip_calls_baresip_which_answers_and_records_the_sine() {
    let mut alice = Baresip::start(BaresipOptions::new("alice"));
    let mut bob = Baresip::start(BaresipOptions {
        record: true,
        ..BaresipOptions::new("bob")
    });
    alice.dial(&bob.uri());
    let incoming = bob.wait_event("CALL_ESTABLISHED", EVENT);
    assert_eq!(incoming.peer_uri, alice.aor);
    assert_eq!(incoming.json["direction"], "incoming");
    let outgoing = alice.wait_event("CALL_ESTABLISHED", EVENT);
    assert_eq!(outgoing.peer_uri, bob.uri());

    // While the call is up, the recording grows (its WAV header is not final yet).
    sleep(Duration::from_secs(3));
    let path = bob.recording_path().expect("bob records the call");
    let heard = Wav::read(&path);
    assert_eq!((heard.rate, heard.channels), (8000, 1), "PCMU decoded");
    assert!(
        heard.duration() >= Duration::from_secs(2),
        "{:?} recorded",
        heard.duration()
    );
    assert_sine_440(&heard, "bob's recording during the call");

    alice.hangup();
    let closed = alice.wait_event("CALL_CLOSED", EVENT);
    assert_eq!(closed.param, "Connection reset by user");
    let closed = bob.wait_event("CALL_CLOSED", EVENT);
    assert_eq!(closed.param, "Connection reset by peer");
    // Once the call is over, the file is complete.
    assert_sine_440(&Wav::read(&path), "bob's recording after the call");
}

#[test]
#[ignore = "needs baresip; run by scripts/test.sh"]
fn baresip_answers_by_hand_hears_dtmf_and_rejects() {
    let mut alice = Baresip::start(BaresipOptions::new("alice"));
    let mut bob = Baresip::start(BaresipOptions {
        answer: AnswerMode::Manual,
        codecs: vec!["PCMA".into()],
        ..BaresipOptions::new("bob")
    });
    alice.dial(&bob.uri());
    let ringing = bob.wait_event("CALL_INCOMING", EVENT);
    assert_eq!(ringing.peer_uri, alice.aor);
    alice.wait_event("CALL_RINGING", EVENT);
    bob.accept();
    bob.wait_event("CALL_ESTABLISHED", EVENT);
    alice.wait_event("CALL_ESTABLISHED", EVENT);
    let call = alice.command("callstat", None);
    assert!(call.contains("PCMA"), "bob answers with PCMA only:\n{call}");

    // DTMF as RFC 4733 telephone-events.
    for digit in ["5", "#"] {
        alice.command("sndcode", Some(digit));
        let dtmf = bob.wait_event("CALL_DTMF_START", EVENT);
        assert_eq!(dtmf.param, digit);
    }
    // Hold and resume: re-INVITEs offering sendonly, then sendrecv.
    alice.command("hold", None);
    assert_eq!(bob.wait_event("CALL_REMOTE_SDP", EVENT).param, "offer");
    alice.command("resume", None);
    assert_eq!(bob.wait_event("CALL_REMOTE_SDP", EVENT).param, "offer");
    let log = bob.log();
    let held = log.find("a=sendonly").expect("a hold offer in bob's log");
    assert!(
        log[held..].contains("a=sendrecv"),
        "no resume offer:\n{log}"
    );

    bob.hangup();
    assert_eq!(
        alice.wait_event("CALL_CLOSED", EVENT).param,
        "Connection reset by peer"
    );
    bob.wait_event("CALL_CLOSED", EVENT);

    // Hanging up a call that rings rejects it.
    alice.dial(&bob.uri());
    bob.wait_event("CALL_INCOMING", EVENT);
    bob.hangup();
    let rejected = alice.wait_event("CALL_CLOSED", EVENT);
    assert!(rejected.param.starts_with("486"), "{}", rejected.param);
}

#[test]
#[ignore = "needs baresip; run by scripts/test.sh"]
fn sipp_uac_basic_calls_baresip() {
    let mut bob = Baresip::start(BaresipOptions::new("bob"));
    let local = free_port("127.0.0.1").to_string();
    let target = bob.sip.to_string();
    let args = [
        "-s",
        "bob",
        "-i",
        "127.0.0.1",
        "-p",
        &local,
        "-m",
        "1",
        "-d",
        "1000",
        "-timeout",
        "20s",
        "-timeout_error",
        "-trace_err",
        &target,
    ];
    let exit = Sipp::run("uac_basic.xml", &args, Duration::from_secs(30));
    assert_eq!(
        exit.code,
        0,
        "sipp:\n{}\nbaresip:\n{}",
        exit.output,
        bob.log()
    );
    bob.wait_event("CALL_ESTABLISHED", EVENT);
    bob.wait_event("CALL_CLOSED", EVENT);
}

#[test]
#[ignore = "needs baresip and kamailio; run by scripts/test.sh"]
fn registered_baresips_call_each_other_through_kamailio() {
    let users = [("alice", "alice-secret"), ("bob", "bob-secret")];
    let k = Kamailio::start(&users);
    let phone = |user: &str, password: &str| {
        Baresip::start(BaresipOptions {
            registrar: Some(Registrar {
                proxy: k.udp,
                domain: k.domain.clone(),
                password: password.to_string(),
            }),
            ..BaresipOptions::new(user)
        })
    };
    let mut alice = phone("alice", "alice-secret");
    let mut bob = phone("bob", "bob-secret");
    let contacts = k.registered_contacts("bob");
    assert!(
        contacts.iter().any(|c| c.contains(&bob.sip.to_string())),
        "bob's contacts: {contacts:?}"
    );

    // alice is challenged (407) by the proxy, which relays to bob's registered contact.
    alice.dial(&k.aor("bob"));
    bob.wait_event("CALL_ESTABLISHED", EVENT);
    alice.wait_event("CALL_ESTABLISHED", EVENT);
    alice.hangup();
    alice.wait_event("CALL_CLOSED", EVENT);
    bob.wait_event("CALL_CLOSED", EVENT);
    // (-s: baresip's log has the SIP messages.)
    let alice_log = alice.log();
    assert!(
        alice_log.contains("SIP/2.0 407 Proxy Authentication Required"),
        "alice was not challenged:\n{alice_log}"
    );
    let bob_log = bob.log();
    let via_proxy = format!("Record-Route: <sip:{};lr", k.udp);
    assert!(
        bob_log.contains(&via_proxy),
        "not via the proxy:\n{bob_log}"
    );
}
