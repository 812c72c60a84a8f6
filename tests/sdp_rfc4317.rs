//! The offer/answer examples of RFC 4317 through the SDP negotiator.
//!
//! Every SDP of the RFC (tests/data/rfc4317) parses and writes back byte for byte. For
//! each exchange, our `answer` to the RFC's offer, with our capabilities set to the
//! RFC answerer's, accepts and rejects the same streams with the same codecs and
//! directions as the RFC's answer (except video, which we do not carry: we reject it
//! where the RFC accepts it). `apply_answer` of the RFC's offer and answer gives the
//! codecs, payload types, addresses, directions and hold states the RFC describes.

use pjsua2rs::sdp::{
    answer, apply_answer, create_offer, create_unhold_offer, Codec, Direction, LocalMedia,
    MediaStatus, Negotiated, NegotiatedMedia, SessionDescription, TelephoneEvent,
};
use std::net::{IpAddr, Ipv4Addr};

fn raw(name: &str) -> String {
    let path = format!(
        "{}/tests/data/rfc4317/{name}.sdp",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn load(name: &str) -> SessionDescription {
    SessionDescription::parse(raw(name).as_bytes()).unwrap_or_else(|e| panic!("{name}: {e}"))
}

/// A UA with these codecs, one RTP port per audio stream, no rtcp-mux, no
/// telephone-event (see `with_tones`).
fn ua(codecs: &[(&str, u32)], ports: &[u16]) -> LocalMedia {
    let mut l = LocalMedia::new(IpAddr::V4(Ipv4Addr::new(192, 0, 2, 7)), 0);
    l.codecs = codecs
        .iter()
        .map(|&(name, rate)| Codec::new(name, rate, 1))
        .collect();
    l.audio_ports = ports.to_vec();
    l.rtcp_mux = false;
    l.telephone_events.clear();
    l
}

/// The same UA with telephone-event/8000.
fn with_tones(mut l: LocalMedia) -> LocalMedia {
    l.telephone_events = vec![TelephoneEvent::new(8000)];
    l
}

/// What a comparison looks at in one m-line.
#[derive(Debug, PartialEq)]
struct Stream {
    media: String,
    accepted: bool,
    codecs: Vec<(String, u32, u16)>,
    direction: Option<Direction>,
}

fn streams(sdp: &SessionDescription) -> Vec<Stream> {
    sdp.media
        .iter()
        .map(|m| {
            let accepted = !m.is_disabled();
            let codecs = m
                .formats
                .iter()
                .filter(|_| accepted)
                .map(|f| {
                    let map = m
                        .rtpmap_for(f)
                        .unwrap_or_else(|| panic!("format {f} unknown"));
                    (
                        map.encoding.to_ascii_lowercase(),
                        map.clock_rate,
                        map.channel_count(),
                    )
                })
                .collect();
            Stream {
                media: m.media.clone(),
                accepted,
                codecs,
                direction: accepted.then(|| sdp.direction_for(m)),
            }
        })
        .collect()
}

/// Our answer to the RFC's offer compared with the RFC's answer; `video` lists the
/// m-lines the RFC accepts and we reject because we carry no video.
fn answer_like(
    offer: &str,
    rfc_answer: &str,
    ours: &LocalMedia,
    video: &[usize],
) -> (SessionDescription, Negotiated) {
    let (sdp, negotiated) = answer(&load(offer), ours).unwrap_or_else(|e| panic!("{offer}: {e}"));
    let (mine, theirs) = (streams(&sdp), streams(&load(rfc_answer)));
    assert_eq!(mine.len(), theirs.len(), "{offer}");
    for (i, (m, t)) in mine.iter().zip(&theirs).enumerate() {
        if video.contains(&i) {
            assert_eq!(
                (m.media.as_str(), m.accepted, t.accepted),
                ("video", false, true),
                "{offer} m-line {i}"
            );
        } else {
            assert_eq!(m, t, "{offer} m-line {i}");
        }
    }
    // What we send must itself parse and write back unchanged.
    let again = SessionDescription::parse(&sdp.to_bytes()).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(again, sdp);
    (sdp, negotiated)
}

fn applied(offer: &str, answer: &str) -> Negotiated {
    apply_answer(&load(offer), &load(answer)).unwrap_or_else(|e| panic!("{offer} + {answer}: {e}"))
}

/// (encoding, local payload type, remote payload type) of each common codec.
fn codecs(m: &NegotiatedMedia) -> Vec<(String, u8, u8)> {
    m.codecs
        .iter()
        .map(|c| {
            (
                c.encoding.clone(),
                c.local_payload_type,
                c.remote_payload_type,
            )
        })
        .collect()
}

fn rtp(m: &NegotiatedMedia) -> Option<(String, u16)> {
    m.remote_rtp.as_ref().map(|a| (a.address.clone(), a.port))
}

fn c(name: &str, local: u8, remote: u8) -> (String, u8, u8) {
    (name.to_string(), local, remote)
}

#[test]
fn every_sdp_parses_and_writes_back_byte_for_byte() {
    let dir = format!("{}/tests/data/rfc4317", env!("CARGO_MANIFEST_DIR"));
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{dir}: {e}"))
        .filter_map(|e| {
            e.ok()?
                .file_name()
                .into_string()
                .ok()?
                .strip_suffix(".sdp")
                .map(str::to_string)
        })
        .collect();
    names.sort();
    assert_eq!(names.len(), 54, "16 exchanges");
    for name in &names {
        let sdp = load(name);
        assert_eq!(sdp.to_string(), raw(name), "{name}");
        assert_eq!(
            SessionDescription::parse(&sdp.to_bytes()).as_ref(),
            Ok(&sdp),
            "{name}"
        );
        assert_eq!(
            sdp.session_name, "",
            "{name}: the RFC's s= is a single space"
        );
    }
}

#[test]
fn s2_1_audio_and_video_1() {
    answer_like(
        "2.1-offer",
        "2.1-answer",
        &ua(&[("PCMU", 8000)], &[49174]),
        &[1],
    );
    let n = applied("2.1-offer", "2.1-answer");
    let (audio, video) = (&n.media[0], &n.media[1]);
    assert_eq!(codecs(audio), vec![c("PCMU", 0, 0)]);
    assert_eq!(codecs(video), vec![c("MPV", 32, 32)]);
    assert_eq!(rtp(audio), Some(("host.biloxi.example.com".into(), 49174)));
    assert_eq!(rtp(video), Some(("host.biloxi.example.com".into(), 49170)));
    assert_eq!(audio.remote_rtcp.as_ref().map(|a| a.port), Some(49175));
    assert!(n
        .media
        .iter()
        .all(|m| m.status() == MediaStatus::Active && m.direction == Direction::SendRecv));
}

#[test]
fn s2_2_audio_and_video_2() {
    let mut bob = ua(&[("PCMU", 8000), ("PCMA", 8000)], &[49172]);
    bob.answer_multiple_codecs = true;
    answer_like("2.2-offer", "2.2-answer", &bob, &[]);
    let n = applied("2.2-offer", "2.2-answer");
    assert_eq!(codecs(&n.media[0]), vec![c("PCMU", 0, 0), c("PCMA", 8, 8)]);
    assert_eq!(n.media[1].status(), MediaStatus::Disabled);

    // Alice limits herself to PCMU: our re-offer keeps the origin, bumps the version and
    // keeps the rejected video line disabled in its place.
    let alice = ua(&[("PCMU", 8000)], &[51372]);
    let re = create_offer(&alice, Some(&load("2.2-offer"))).unwrap_or_else(|e| panic!("{e}"));
    let rfc = load("2.2-second-offer");
    assert_eq!(re.origin, rfc.origin);
    assert_eq!(streams(&re), streams(&rfc));
    answer_like("2.2-second-offer", "2.2-second-answer", &bob, &[]);
    let n = applied("2.2-second-offer", "2.2-second-answer");
    assert_eq!(codecs(&n.media[0]), vec![c("PCMU", 0, 0)]);
}

#[test]
fn s2_3_audio_and_video_3_payload_type_renumbered() {
    answer_like(
        "2.3-offer",
        "2.3-answer",
        &ua(&[("iLBC", 8000)], &[49172]),
        &[1],
    );
    let n = applied("2.3-offer", "2.3-answer");
    // Bob numbers iLBC 99 where Alice said 97: Alice receives 97 and sends 99.
    assert_eq!(codecs(&n.media[0]), vec![c("iLBC", 97, 99)]);
    assert_eq!(codecs(&n.media[1]), vec![c("H261", 31, 31)]);
}

#[test]
fn s2_4_two_audio_streams() {
    let (_, bob) = answer_like(
        "2.4-offer",
        "2.4-answer",
        &with_tones(ua(&[("iLBC", 8000)], &[49172, 49174])),
        &[],
    );
    assert_eq!(bob.media[1].direction, Direction::RecvOnly);
    assert_eq!(
        bob.media[1].status(),
        MediaStatus::RemoteHold,
        "a sendonly stream from Alice looks like hold"
    );
    let n = applied("2.4-offer", "2.4-answer");
    assert_eq!(codecs(&n.media[0]), vec![c("iLBC", 97, 97)]);
    let tones = &n.media[1];
    assert!(tones.codecs.is_empty());
    let te = tones
        .telephone_event
        .as_ref()
        .map(|t| (t.clock_rate, t.local_payload_type, t.remote_payload_type));
    assert_eq!(te, Some((8000, 98, 98)));
    assert_eq!(
        (tones.direction, tones.remote_hold),
        (Direction::SendOnly, false)
    );
    assert_eq!(rtp(tones), Some(("host.biloxi.example.com".into(), 49174)));
}

#[test]
fn s2_5_audio_and_video_4_new_address() {
    answer_like(
        "2.5-offer",
        "2.5-answer",
        &ua(&[("iLBC", 8000)], &[49174]),
        &[1],
    );
    // Bob moves to newhost; Alice (we) answers as before.
    answer_like(
        "2.5-second-offer",
        "2.5-second-answer",
        &ua(&[("iLBC", 8000)], &[49170]),
        &[1],
    );
    let n = applied("2.5-second-offer", "2.5-second-answer");
    assert_eq!(
        rtp(&n.media[0]),
        Some(("host.atlanta.example.com".into(), 49170))
    );
    assert_eq!(
        rtp(&n.media[1]),
        Some(("host.atlanta.example.com".into(), 51372))
    );
    let bob = applied("2.5-offer", "2.5-answer");
    assert_eq!(
        rtp(&bob.media[0]),
        Some(("host.biloxi.example.com".into(), 49174))
    );
}

#[test]
fn s2_6_audio_only_1_first_stream_declined() {
    let bob = with_tones(ua(&[("iLBC", 8000)], &[49170]));
    let (_, n) = answer_like("2.6-offer", "2.6-answer", &bob, &[]);
    assert_eq!((n.media[0].enabled, n.media[1].local_port), (false, 49170));
    let n = applied("2.6-offer", "2.6-answer");
    assert_eq!(n.media[0].status(), MediaStatus::Disabled);
    assert_eq!(codecs(&n.media[1]), vec![c("iLBC", 97, 97)]);
    assert_eq!(
        n.media[1]
            .telephone_event
            .as_ref()
            .map(|t| t.remote_payload_type),
        Some(101)
    );
    assert_eq!(n.audio().map(|m| m.index), Some(1));
}

#[test]
fn s2_7_audio_and_video_5_second_video_codec() {
    let bob = ua(&[("iLBC", 8000)], &[49172]);
    answer_like("2.7-offer", "2.7-answer", &bob, &[1]);
    answer_like("2.7-second-offer", "2.7-second-answer", &bob, &[1]);
    let n = applied("2.7-second-offer", "2.7-second-answer");
    assert_eq!(codecs(&n.media[0]), vec![c("iLBC", 99, 99)]);
    assert_eq!(
        codecs(&n.media[1]),
        vec![c("H261", 31, 31), c("MPV", 32, 32)]
    );
}

#[test]
fn s2_8_audio_and_video_6_video_elsewhere() {
    answer_like(
        "2.8-offer",
        "2.8-answer",
        &ua(&[("PCMU", 8000)], &[49174]),
        &[1],
    );
    let n = applied("2.8-offer", "2.8-answer");
    assert_eq!(
        rtp(&n.media[0]),
        Some(("host.biloxi.example.com".into(), 49174))
    );
    assert_eq!(
        rtp(&n.media[1]),
        Some(("otherhost.biloxi.example.com".into(), 49172))
    );
    assert_eq!(
        n.media[1]
            .remote_rtcp
            .as_ref()
            .map(|a| (a.address.as_str(), a.port)),
        Some(("otherhost.biloxi.example.com", 49173))
    );
}

#[test]
fn s3_1_hold_and_unhold_1() {
    // Bob answers and holds Alice at once.
    let mut bob = ua(&[("iLBC", 8000)], &[49172]);
    bob.direction = Direction::SendOnly;
    let (bob_answer, bob_view) = answer_like("3.1-offer", "3.1-answer", &bob, &[]);
    assert_eq!(bob_view.media[0].status(), MediaStatus::LocalHold);
    let alice_view = applied("3.1-offer", "3.1-answer");
    let m = &alice_view.media[0];
    assert_eq!(
        (m.direction, m.remote_hold, m.status()),
        (Direction::RecvOnly, true, MediaStatus::RemoteHold)
    );
    assert_eq!(
        rtp(m),
        Some(("placeholder.biloxi.example.com".into(), 49172))
    );

    // Bob's unhold re-offer: sendrecv, version + 1.
    bob.audio_ports = vec![49170];
    let unhold = create_unhold_offer(&bob, &bob_answer).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        unhold.origin.session_version,
        bob_answer.origin.session_version + 1
    );
    let rfc = load("3.1-second-offer");
    assert_eq!(streams(&unhold), streams(&rfc));
    answer_like(
        "3.1-second-offer",
        "3.1-second-answer",
        &ua(&[("PCMU", 8000), ("iLBC", 8000)], &[49178]),
        &[],
    );
    let n = applied("3.1-second-offer", "3.1-second-answer");
    assert_eq!(
        (n.media[0].status(), n.media[0].direction),
        (MediaStatus::Active, Direction::SendRecv)
    );
    assert_eq!(
        rtp(&n.media[0]),
        Some(("host.atlanta.example.com".into(), 49178))
    );
}

#[test]
fn s3_2_hold_with_two_streams() {
    answer_like(
        "3.2-offer",
        "3.2-answer",
        &with_tones(ua(&[("iLBC", 8000)], &[49172, 49174])),
        &[],
    );
    // Bob holds the audio but not the tones. The RFC's answer repeats Alice's first
    // offer (sendrecv audio), which RFC 3264 §6.1 does not allow for a sendonly offer:
    // we answer recvonly; everything else is the same.
    let alice = with_tones(ua(&[("PCMU", 8000), ("iLBC", 8000)], &[49170, 49172]));
    let (ours, n) = answer(&load("3.2-second-offer"), &alice).unwrap_or_else(|e| panic!("{e}"));
    let (mine, theirs) = (streams(&ours), streams(&load("3.2-second-answer")));
    assert_eq!(mine[0].direction, Some(Direction::RecvOnly));
    assert_eq!(theirs[0].direction, Some(Direction::SendRecv));
    assert_eq!(
        mine[0].codecs,
        vec![("ilbc".to_string(), 8000, 1)],
        "Bob's offer has only iLBC"
    );
    assert_eq!(mine[1], theirs[1]);
    assert_eq!(n.media[0].status(), MediaStatus::RemoteHold);
    assert_eq!(
        (n.media[1].direction, n.media[1].remote_hold),
        (Direction::SendOnly, false)
    );
    // Bob's view of the RFC's answer: he sends audio (on hold), receives tones. The
    // answer's PCMU was not in Bob's offer (RFC 3264 §6.1 allows adding formats): unused.
    let bob = applied("3.2-second-offer", "3.2-second-answer");
    assert_eq!(
        (bob.media[0].direction, bob.media[0].status()),
        (Direction::SendOnly, MediaStatus::LocalHold)
    );
    assert_eq!(codecs(&bob.media[0]), vec![c("iLBC", 97, 97)]);
    assert_eq!(bob.media[1].direction, Direction::RecvOnly);
}

#[test]
fn s4_1_second_audio_stream_added() {
    answer_like(
        "4.1-offer",
        "4.1-answer",
        &ua(&[("iLBC", 8000)], &[49170]),
        &[],
    );
    let alice = with_tones(ua(&[("PCMU", 8000), ("iLBC", 8000)], &[49170, 49172]));
    answer_like("4.1-second-offer", "4.1-second-answer", &alice, &[]);
    // Bob's media server receives the tones and gets Alice's RTCP on 49173.
    let n = applied("4.1-second-offer", "4.1-second-answer");
    let tones = &n.media[1];
    assert_eq!(tones.direction, Direction::RecvOnly);
    assert_eq!(
        tones
            .remote_rtcp
            .as_ref()
            .map(|a| (a.address.as_str(), a.port)),
        Some(("host.atlanta.example.com", 49173))
    );
    assert_eq!(tones.local_port, 48282);
}

#[test]
fn s4_2_audio_then_video_added() {
    let bob = ua(&[("PCMU", 8000)], &[49172]);
    answer_like("4.2-offer", "4.2-answer", &bob, &[]);
    answer_like("4.2-second-offer", "4.2-second-answer", &bob, &[1]);
    let n = applied("4.2-second-offer", "4.2-second-answer");
    assert_eq!(codecs(&n.media[1]), vec![c("H261", 31, 31)]);
    assert_eq!(
        rtp(&n.media[1]),
        Some(("host.biloxi.example.com".into(), 49168))
    );
}

#[test]
fn s4_3_audio_and_video_then_video_deleted() {
    let bob = ua(&[("iLBC", 8000)], &[49174]);
    answer_like("4.3-offer", "4.3-answer", &bob, &[1]);
    // Bob's re-offer from the RFC's answer: the video line stays, disabled.
    let re = create_offer(&bob, Some(&load("4.3-answer"))).unwrap_or_else(|e| panic!("{e}"));
    let rfc = load("4.3-second-offer");
    assert_eq!(re.origin, rfc.origin);
    assert_eq!(streams(&re), streams(&rfc));
    answer_like(
        "4.3-second-offer",
        "4.3-second-answer",
        &ua(&[("iLBC", 8000)], &[49170]),
        &[],
    );
    let n = applied("4.3-second-offer", "4.3-second-answer");
    assert_eq!(
        (n.media[0].status(), n.media[1].status()),
        (MediaStatus::Active, MediaStatus::Disabled)
    );
}

#[test]
fn s5_1_no_media_then_audio_added() {
    let (sdp, n) = answer_like(
        "5.1-offer",
        "5.1-answer",
        &ua(&[("iLBC", 8000)], &[49172]),
        &[],
    );
    assert!(sdp.media.is_empty() && n.media.is_empty());
    let alice = ua(&[("iLBC", 8000)], &[49170]);
    let re = create_offer(&alice, Some(&load("5.1-offer"))).unwrap_or_else(|e| panic!("{e}"));
    let rfc = load("5.1-second-offer");
    assert_eq!(re.origin, rfc.origin);
    assert_eq!(streams(&re), streams(&rfc));
    answer_like(
        "5.1-second-offer",
        "5.1-second-answer",
        &ua(&[("iLBC", 8000)], &[49172]),
        &[],
    );
}

#[test]
fn s5_2_hold_and_unhold_2_black_holed_offer() {
    let bob = ua(&[("iLBC", 8000)], &[49170]);
    let (_, n) = answer_like("5.2-offer", "5.2-answer", &bob, &[]);
    let m = &n.media[0];
    assert_eq!(
        (m.direction, m.remote_hold, m.status()),
        (Direction::RecvOnly, true, MediaStatus::RemoteHold)
    );
    let (_, n) = answer_like("5.2-second-offer", "5.2-second-answer", &bob, &[]);
    assert_eq!(
        (n.media[0].direction, n.media[0].status()),
        (Direction::SendRecv, MediaStatus::Active)
    );
    let alice = applied("5.2-offer", "5.2-answer");
    assert_eq!(
        (alice.media[0].direction, alice.media[0].local_hold),
        (Direction::SendOnly, true)
    );
}

#[test]
fn s5_3_hold_and_unhold_3_black_holed_answer() {
    let n = applied("5.3-offer", "5.3-answer");
    let m = &n.media[0];
    assert_eq!(
        (m.direction, m.remote_hold, m.status()),
        (Direction::RecvOnly, true, MediaStatus::RemoteHold)
    );
    answer_like(
        "5.3-second-offer",
        "5.3-second-answer",
        &ua(&[("iLBC", 8000)], &[49170]),
        &[],
    );
    let n = applied("5.3-second-offer", "5.3-second-answer");
    assert_eq!(
        (n.media[0].direction, n.media[0].status()),
        (Direction::SendRecv, MediaStatus::Active)
    );
}
