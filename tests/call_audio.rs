//! Audio in calls between two pjsua2rs endpoints over real UDP sockets on loopback: a
//! tone played into the call at one end is recorded at the other and checked by analysis
//! (frequency within 1%, level, no gaps) for PCMU, PCMA, G.722 and Opus, both ways;
//! RFC 4733 digits arrive in order; hold stops the sending; stream info and statistics.

mod common;

use common::wav::{read_wav, wav_dir};
use pjsua2rs::media::analysis::{dominant_frequency, find_gaps, rms_dbfs};
use pjsua2rs::media::tone::ToneDesc;
use pjsua2rs::media::Slot;
use pjsua2rs::ua::account::{AccountHandler, AccountId};
use pjsua2rs::ua::call::*;
use pjsua2rs::ua::config::{AccountConfig, EpConfig, TransportConfig, PJSUA2RS_TRANSPORT_UDP};
use pjsua2rs::ua::endpoint::MediaObj;
use pjsua2rs::ua::fixed_str::FixedStr;
use pjsua2rs::ua::media::recorder::PJSUA2RS_FILE_WRITE_PCM;
use pjsua2rs::ua::Endpoint;
use std::path::Path;
use std::sync::mpsc::{channel, Receiver, Sender};
use std::sync::{Arc, Mutex, Weak};
use std::time::{Duration, Instant};

const WAIT: Duration = Duration::from_secs(10);

/// The tests run one at a time: each has two or three endpoints with their own media
/// clocks, and real-time audio checks need the 2 cores to keep up.
static SERIAL: Mutex<()> = Mutex::new(());

fn serial() -> std::sync::MutexGuard<'static, ()> {
    SERIAL.lock().unwrap_or_else(|e| e.into_inner())
}
const CONFIRMED: i32 = 5;
const DISCONNECTED: i32 = 6;

/// What a call's callbacks saw.
#[derive(Debug)]
enum Ev {
    State(i32),
    Media(Box<CallInfo>),
    Dtmf(String, i32),
}

struct CallRec(Mutex<Sender<Ev>>);

impl CallHandler for CallRec {
    fn on_call_state(&self, prm: &OnCallStateParam) {
        let _ = self.0.lock().unwrap().send(Ev::State(prm.info.state));
    }
    fn on_call_media_state(&self, prm: &OnCallStateParam) {
        let _ = self
            .0
            .lock()
            .unwrap()
            .send(Ev::Media(Box::new(prm.info.clone())));
    }
    fn on_dtmf_digit(&self, prm: &OnDtmfDigitParam) {
        let _ = self
            .0
            .lock()
            .unwrap()
            .send(Ev::Dtmf(prm.digit.clone(), prm.method));
    }
}

/// Binds every incoming call and hands it to the test.
struct Answerer {
    ep: Mutex<Weak<Endpoint>>,
    calls: Mutex<Sender<(CallKey, Receiver<Ev>)>>,
}

impl AccountHandler for Answerer {
    fn on_incoming_call(&self, prm: &OnIncomingCallParam) {
        let Some(ep) = self.ep.lock().unwrap().upgrade() else {
            return;
        };
        let (tx, rx) = channel();
        let key = ep
            .call_bind(prm.call.id, Arc::new(CallRec(Mutex::new(tx))))
            .unwrap();
        let _ = self.calls.lock().unwrap().send((key, rx));
    }
}

struct Phone {
    ep: Arc<Endpoint>,
    acc: AccountId,
    uri: String,
    incoming: Receiver<(CallKey, Receiver<Ev>)>,
}

/// An endpoint on 127.0.0.1 whose only enabled codec is `codec`.
fn phone(user: &str, codec: &str) -> Phone {
    phone_with(user, codec, false)
}

/// Like [`phone`], with the account's `mediaConfig.rtcpMuxEnabled` set to `rtcp_mux`.
fn phone_with(user: &str, codec: &str, rtcp_mux: bool) -> Phone {
    let mut cfg = EpConfig::default();
    let level = std::env::var("CALLS_LOG")
        .ok()
        .and_then(|l| l.parse().ok())
        .unwrap_or(1);
    cfg.log_config.level = level;
    cfg.log_config.console_level = level;
    // The media threads of these endpoints share 2 cores with the rest of the suite and
    // can be late by tens of ms; a 60 ms jitter buffer floor absorbs that, as jbMinPre
    // would on any loaded host. The checks are about the audio, not the scheduler.
    cfg.med_config.jb_min_pre = 60;
    let ep = Arc::new(Endpoint::new());
    ep.lib_init(&cfg).unwrap();
    let mut t = TransportConfig::default();
    t.bound_address
        .set_str("127.0.0.1", "boundAddress")
        .unwrap();
    let udp = ep.transport_create(PJSUA2RS_TRANSPORT_UDP, &t).unwrap();
    ep.lib_start().unwrap();
    ep.codec_set_priority("", 0).unwrap();
    ep.codec_set_priority(codec, 200).unwrap();
    let port = ep.transport_get_info(udp).unwrap().local.port();
    let mut acfg = AccountConfig::default();
    acfg.id_uri
        .set_str(&format!("sip:{user}@127.0.0.1"), "idUri")
        .unwrap();
    acfg.media_config.rtcp_mux_enabled = rtcp_mux;
    let (tx, rx) = channel();
    let handler = Arc::new(Answerer {
        ep: Mutex::new(Arc::downgrade(&ep)),
        calls: Mutex::new(tx),
    });
    let acc = ep.account_create(&acfg, true, handler).unwrap();
    Phone {
        ep,
        acc,
        uri: format!("sip:{user}@127.0.0.1:{port}"),
        incoming: rx,
    }
}

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

fn wait_media(rx: &Receiver<Ev>, status: i32) -> CallInfo {
    wait_for(rx, &format!("media status {status}"), |e| match e {
        Ev::Media(i) if i.media.first().map(|m| m.status) == Some(status) => Some((**i).clone()),
        _ => None,
    })
}

fn wait_state(rx: &Receiver<Ev>, state: i32) {
    wait_for(rx, &format!("state {state}"), |e| match e {
        Ev::State(s) if *s == state => Some(()),
        _ => None,
    })
}

/// A call from `a` to `b`, answered and with audio on both sides.
struct Connected {
    a_key: CallKey,
    a_rx: Receiver<Ev>,
    b_key: CallKey,
    b_rx: Receiver<Ev>,
}

fn connect(a: &Phone, b: &Phone) -> Connected {
    let (tx, a_rx) = channel();
    let a_key =
        a.ep.call_make(
            a.acc,
            &b.uri,
            &CallOpParam::default(),
            Arc::new(CallRec(Mutex::new(tx))),
        )
        .unwrap();
    let (b_key, b_rx) = b.incoming.recv_timeout(WAIT).expect("no incoming call");
    b.ep.call_answer(
        b_key,
        &CallOpParam {
            status_code: 200,
            ..CallOpParam::default()
        },
    )
    .unwrap();
    for rx in [&a_rx, &b_rx] {
        let (mut confirmed, mut active) = (false, false);
        wait_for(rx, "CONFIRMED with active media", |e| {
            match e {
                Ev::State(CONFIRMED) => confirmed = true,
                Ev::Media(i) => {
                    active = i.media.first().map(|m| m.status) == Some(PJSUA2RS_CALL_MEDIA_ACTIVE)
                }
                _ => {}
            }
            (confirmed && active).then_some(())
        });
    }
    Connected {
        a_key,
        a_rx,
        b_key,
        b_rx,
    }
}

fn tone(ep: &Endpoint, freq: u16) -> MediaObj {
    let t = ep.tone_generator_create().unwrap();
    ep.tone_play(
        t,
        &[ToneDesc {
            freq1: freq,
            freq2: 0,
            on_msec: 1000,
            off_msec: 0,
            volume: 0,
        }],
        true,
    )
    .unwrap();
    t
}

/// Checks a recording of a `freq` Hz tone: after the first `skip_ms` (call setup and
/// the jitter buffer's prefetch), the frequency within 1%, a level near the tone's, and
/// no gap.
fn check_tone(path: &Path, freq: f64, what: &str) {
    let (rate, samples) = read_wav(path);
    let skip = rate as usize * 400 / 1000;
    assert!(
        samples.len() > skip + rate as usize / 2,
        "{what}: only {} samples recorded",
        samples.len()
    );
    let body = &samples[skip..];
    let f = dominant_frequency(body, rate).unwrap();
    assert!(
        (f - freq).abs() < freq * 0.01,
        "{what}: frequency {f} instead of {freq}"
    );
    let level = rms_dbfs(body);
    assert!(level > -20.0, "{what}: level {level} dBFS");
    let gaps = find_gaps(body, rate, -40.0, 10.0);
    assert!(gaps.is_empty(), "{what}: gaps {gaps:?}");
}

/// Both ways: a plays `fa` Hz to b, b plays `fb` Hz to a; each side records.
fn tone_both_ways(codec: &str, fa: u16, fb: u16) {
    let _serial = serial();
    let a = phone("alice", codec);
    let b = phone("bob", codec);
    let c = connect(&a, &b);
    let a_slot: Slot = a.ep.call_get_audio_media(c.a_key, -1).unwrap();
    let b_slot: Slot = b.ep.call_get_audio_media(c.b_key, -1).unwrap();
    let info = a.ep.call_get_stream_info(c.a_key, -1).unwrap();
    assert!(
        codec.starts_with(&info.codec_name) || codec.eq_ignore_ascii_case(&info.codec_name),
        "{codec}: stream uses {}",
        info.codec_name
    );
    let (ta, tb) = (tone(&a.ep, fa), tone(&b.ep, fb));
    let at_b = wav_dir("call_audio").join(format!("{}_at_b.wav", codec.replace('/', "_")));
    let at_a = wav_dir("call_audio").join(format!("{}_at_a.wav", codec.replace('/', "_")));
    let rb =
        b.ep.recorder_create(at_b.to_str().unwrap(), 0, PJSUA2RS_FILE_WRITE_PCM)
            .unwrap();
    let ra =
        a.ep.recorder_create(at_a.to_str().unwrap(), 0, PJSUA2RS_FILE_WRITE_PCM)
            .unwrap();
    a.ep.audio_media_start_transmit(ta.slot, a_slot, 1.0)
        .unwrap();
    b.ep.audio_media_start_transmit(tb.slot, b_slot, 1.0)
        .unwrap();
    a.ep.audio_media_start_transmit(a_slot, ra.slot, 1.0)
        .unwrap();
    b.ep.audio_media_start_transmit(b_slot, rb.slot, 1.0)
        .unwrap();
    std::thread::sleep(Duration::from_millis(1500));
    let stat = b.ep.call_get_stream_stat(c.b_key, -1).unwrap();
    assert!(
        stat.rtcp.rx_stat.pkt >= 50,
        "{codec}: b received {} packets in 1.5 s",
        stat.rtcp.rx_stat.pkt
    );
    assert_eq!(stat.rtcp.rx_stat.loss, 0, "{codec}: loss on loopback");
    a.ep.media_obj_destroy(ra).unwrap();
    b.ep.media_obj_destroy(rb).unwrap();
    a.ep.call_hangup(c.a_key, &CallOpParam::default()).unwrap();
    wait_state(&c.b_rx, DISCONNECTED);
    wait_state(&c.a_rx, DISCONNECTED);
    assert!(
        a.ep.call_get_audio_media(c.a_key, -1).is_err(),
        "no audio after the call"
    );
    check_tone(&at_b, fa as f64, &format!("{codec} a->b"));
    check_tone(&at_a, fb as f64, &format!("{codec} b->a"));
}

#[test]
fn pcmu_carries_a_tone_both_ways() {
    tone_both_ways("PCMU", 1000, 600);
}

#[test]
fn pcma_carries_a_tone_both_ways() {
    tone_both_ways("PCMA", 800, 1200);
}

#[test]
fn g722_carries_a_tone_both_ways() {
    tone_both_ways("G722", 3000, 440);
}

#[test]
fn opus_carries_a_tone_both_ways() {
    tone_both_ways("opus", 1000, 2500);
}

#[test]
fn rfc4733_digits_arrive_in_order() {
    let _serial = serial();
    let a = phone("alice", "PCMU");
    let b = phone("bob", "PCMU");
    let c = connect(&a, &b);
    a.ep.call_dial_dtmf(c.a_key, "1234*#90").unwrap();
    let mut got = String::new();
    while got.len() < 8 {
        let (d, method) = wait_for(&c.b_rx, "a digit", |e| match e {
            Ev::Dtmf(d, m) => Some((d.clone(), *m)),
            _ => None,
        });
        assert_eq!(method, PJSUA2RS_DTMF_METHOD_RFC2833);
        got.push_str(&d);
    }
    assert_eq!(got, "1234*#90");
    // Bad digits are refused before anything is sent.
    assert_eq!(
        a.ep.call_dial_dtmf(c.a_key, "12x").unwrap_err().status,
        pjsua2rs::ua::status::PJSUA2RS_ERR_MEDIA_INVALID_DTMF
    );
    a.ep.call_hangup(c.a_key, &CallOpParam::default()).unwrap();
    wait_state(&c.b_rx, DISCONNECTED);
}

#[test]
fn hold_stops_sending_and_unhold_resumes() {
    let _serial = serial();
    let a = phone("alice", "PCMA");
    let b = phone("bob", "PCMA");
    let c = connect(&a, &b);
    // What each side received so far.
    let at_a = || {
        a.ep.call_get_stream_stat(c.a_key, -1)
            .unwrap()
            .rtcp
            .rx_stat
            .pkt
    };
    let at_b = || {
        b.ep.call_get_stream_stat(c.b_key, -1)
            .unwrap()
            .rtcp
            .rx_stat
            .pkt
    };
    std::thread::sleep(Duration::from_millis(300));
    assert!(
        at_a() > 5 && at_b() > 5,
        "audio flows both ways before hold"
    );
    // a holds b: a's SDP is sendonly (it may play music on hold), b's answer recvonly,
    // so b stops sending.
    a.ep.call_set_hold(c.a_key, &CallOpParam::default())
        .unwrap();
    wait_media(&c.a_rx, PJSUA2RS_CALL_MEDIA_LOCAL_HOLD);
    wait_media(&c.b_rx, PJSUA2RS_CALL_MEDIA_REMOTE_HOLD);
    std::thread::sleep(Duration::from_millis(100));
    let (held_a, held_b) = (at_a(), at_b());
    std::thread::sleep(Duration::from_millis(500));
    assert_eq!(at_a(), held_a, "b sends nothing while held");
    assert!(at_b() > held_b + 10, "a, holding, still sends");
    let unhold = CallOpParam {
        flag: PJSUA2RS_CALL_UNHOLD,
        ..CallOpParam::default()
    };
    a.ep.call_reinvite(c.a_key, &unhold).unwrap();
    wait_media(&c.a_rx, PJSUA2RS_CALL_MEDIA_ACTIVE);
    std::thread::sleep(Duration::from_millis(500));
    assert!(at_a() > held_a + 10, "b sends again after unhold");
    a.ep.call_hangup(c.a_key, &CallOpParam::default()).unwrap();
    wait_state(&c.b_rx, DISCONNECTED);
}

/// PJSUA2's local three-party conference: alice calls bob and carol and connects each
/// call's audio to the other call and to her own "speaker" (a recorder), and her
/// "microphone" (a tone) to both calls. Everyone hears the two others.
#[test]
fn three_party_local_conference_mixes_everyone() {
    let _serial = serial();
    let alice = phone("alice", "PCMU");
    let bob = phone("bob", "PCMU");
    let carol = phone("carol", "PCMU");
    let ab = connect(&alice, &bob);
    let ac = connect(&alice, &carol);
    let ep = &alice.ep;
    let to_bob = ep.call_get_audio_media(ab.a_key, -1).unwrap();
    let to_carol = ep.call_get_audio_media(ac.a_key, -1).unwrap();
    let (fa, fb, fc) = (700.0, 1100.0, 1900.0);
    let mic = tone(ep, fa as u16);
    let speaker_path = wav_dir("call_audio").join("conf_alice.wav");
    let speaker = ep
        .recorder_create(speaker_path.to_str().unwrap(), 0, PJSUA2RS_FILE_WRITE_PCM)
        .unwrap();
    for (src, dst) in [
        (mic.slot, to_bob),
        (mic.slot, to_carol),
        (to_bob, to_carol),
        (to_carol, to_bob),
        (to_bob, speaker.slot),
        (to_carol, speaker.slot),
    ] {
        ep.audio_media_start_transmit(src, dst, 1.0).unwrap();
    }
    // Bob and carol each play their tone into the call and record what they hear.
    let mut recordings = Vec::new();
    for (p, key, f, name) in [(&bob, ab.b_key, fb, "bob"), (&carol, ac.b_key, fc, "carol")] {
        let slot = p.ep.call_get_audio_media(key, -1).unwrap();
        let t = tone(&p.ep, f as u16);
        p.ep.audio_media_start_transmit(t.slot, slot, 1.0).unwrap();
        let path = wav_dir("call_audio").join(format!("conf_{name}.wav"));
        let r =
            p.ep.recorder_create(path.to_str().unwrap(), 0, PJSUA2RS_FILE_WRITE_PCM)
                .unwrap();
        p.ep.audio_media_start_transmit(slot, r.slot, 1.0).unwrap();
        recordings.push((p, r, path));
    }
    std::thread::sleep(Duration::from_millis(1500));
    ep.media_obj_destroy(speaker).unwrap();
    for (p, r, _) in &recordings {
        p.ep.media_obj_destroy(*r).unwrap();
    }
    ep.hangup_all_calls().unwrap();
    wait_state(&ab.b_rx, DISCONNECTED);
    wait_state(&ac.b_rx, DISCONNECTED);
    // Each recording has the two other tones at similar levels, and not its own.
    let check = |path: &Path, hears: [f64; 2], not: f64, who: &str| {
        let (rate, samples) = read_wav(path);
        let body = &samples[(rate as usize * 500 / 1000).min(samples.len())..];
        assert!(body.len() > rate as usize / 2, "{who}: recording too short");
        let amp = |f| pjsua2rs::media::analysis::tone_amplitude(body, rate, f);
        let (a, b, own) = (amp(hears[0]), amp(hears[1]), amp(not));
        assert!(a > 1000.0 && b > 1000.0, "{who} hears {a:.0} and {b:.0}");
        assert!(
            a / b < 2.0 && b / a < 2.0,
            "{who}: unbalanced mix {a:.0} / {b:.0}"
        );
        assert!(own < a / 10.0, "{who} hears itself at {own:.0}");
        // Two jitter buffers in series (carol -> alice's bridge -> bob): a frame
        // concealed under a scheduling stall may fade for 10-20 ms; a real break in the
        // mix is longer.
        let gaps = find_gaps(body, rate, -40.0, 30.0);
        assert!(gaps.is_empty(), "{who}: gaps {gaps:?}");
    };
    check(&speaker_path, [fb, fc], fa, "alice");
    check(&recordings[0].2, [fa, fc], fb, "bob");
    check(&recordings[1].2, [fa, fb], fc, "carol");
}

/// RTCP (RFC 3550) between the two streams: within a few report intervals each side
/// has the other's reports: round-trip time, the peer's view of our packets, and the
/// peer's CNAME.
#[test]
fn rtcp_reports_give_round_trip_time_and_peer_figures() {
    let _serial = serial();
    let a = phone("alice", "PCMU");
    let b = phone("bob", "PCMU");
    let c = connect(&a, &b);
    let deadline = Instant::now() + Duration::from_secs(20);
    let stat = loop {
        let s = a.ep.call_get_stream_stat(c.a_key, -1).unwrap();
        if s.rtcp.rtt_usec.n > 0 && s.rtcp.tx_stat.update_count > 0 {
            break s;
        }
        assert!(Instant::now() < deadline, "no RTCP report in 20 s: {s:?}");
        std::thread::sleep(Duration::from_millis(200));
    };
    // Loopback: the network takes nothing, but each side reads its sockets once per
    // 20 ms media tick, so a report can wait up to a tick at each end (and longer when
    // the machine is busy).
    assert!(
        stat.rtcp.rtt_usec.last < 100_000,
        "rtt {:?}",
        stat.rtcp.rtt_usec
    );
    assert_eq!(
        stat.rtcp.tx_stat.loss, 0,
        "bob lost none of alice's packets"
    );
    assert!(!stat.rtcp.peer_sdes.cname.is_empty(), "bob's CNAME");
    let info = a.ep.call_get_stream_info(c.a_key, -1).unwrap();
    assert_eq!(
        (info.codec_name.as_str(), info.codec_clock_rate),
        ("PCMU", 8000)
    );
    assert_eq!(info.tx_pt, 0);
    assert!(info.tx_event_pt >= 96, "telephone-event negotiated");
    a.ep.call_hangup(c.a_key, &CallOpParam::default()).unwrap();
    wait_state(&c.b_rx, DISCONNECTED);
}

/// RTP and RTCP on one port (RFC 5761) when both accounts enable it: the stream says so,
/// audio flows, and RTCP reports still arrive.
#[test]
fn rtcp_mux_carries_audio_and_reports_on_one_port() {
    let _serial = serial();
    let a = phone_with("alice", "PCMU", true);
    let b = phone_with("bob", "PCMU", true);
    let c = connect(&a, &b);
    let info = a.ep.call_get_stream_info(c.a_key, -1).unwrap();
    assert!(info.rtcp_mux, "rtcp-mux negotiated");
    assert_eq!(info.remote_rtp_address, info.remote_rtcp_address);
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        let s = b.ep.call_get_stream_stat(c.b_key, -1).unwrap();
        if s.rtcp.rtt_usec.n > 0 && s.rtcp.rx_stat.pkt > 50 {
            break;
        }
        assert!(
            Instant::now() < deadline,
            "no muxed RTCP report in 20 s: {s:?}"
        );
        std::thread::sleep(Duration::from_millis(200));
    }
    a.ep.call_hangup(c.a_key, &CallOpParam::default()).unwrap();
    wait_state(&c.b_rx, DISCONNECTED);
}

/// codecSetParam's frmPerPkt sets the packet time we send (here 40 ms); the far side,
/// which assumes 20 ms, splits the packets by size and hears the tone whole.
#[test]
fn frames_per_packet_sets_the_packet_time_and_the_peer_splits_it() {
    let _serial = serial();
    let a = phone("alice", "PCMU");
    let b = phone("bob", "PCMU");
    let mut p = a.ep.codec_get_param("PCMU").unwrap();
    p.setting.frm_per_pkt = 4;
    a.ep.codec_set_param("PCMU", Some(p)).unwrap();
    let c = connect(&a, &b);
    let a_slot = a.ep.call_get_audio_media(c.a_key, -1).unwrap();
    let b_slot = b.ep.call_get_audio_media(c.b_key, -1).unwrap();
    let t = tone(&a.ep, 1000);
    a.ep.audio_media_start_transmit(t.slot, a_slot, 1.0)
        .unwrap();
    let path = wav_dir("call_audio").join("ptime40_at_b.wav");
    let rec =
        b.ep.recorder_create(path.to_str().unwrap(), 0, PJSUA2RS_FILE_WRITE_PCM)
            .unwrap();
    b.ep.audio_media_start_transmit(b_slot, rec.slot, 1.0)
        .unwrap();
    let before = b.ep.call_get_stream_stat(c.b_key, -1).unwrap().rtcp.rx_stat;
    std::thread::sleep(Duration::from_millis(1500));
    let after = b.ep.call_get_stream_stat(c.b_key, -1).unwrap().rtcp.rx_stat;
    let (packets, bytes) = (after.pkt - before.pkt, after.bytes - before.bytes);
    assert!(
        (30..=45).contains(&packets),
        "{packets} packets of 40 ms in 1.5 s"
    );
    assert_eq!(bytes, packets * 320, "320 bytes of PCMU per packet");
    b.ep.media_obj_destroy(rec).unwrap();
    a.ep.call_hangup(c.a_key, &CallOpParam::default()).unwrap();
    wait_state(&c.b_rx, DISCONNECTED);
    check_tone(&path, 1000.0, "40 ms packets a->b");
}
