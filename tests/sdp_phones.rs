//! SDP as real phones send it (tests/data/sdp-phones, written by hand after the
//! format of pjsua, baresip, Cisco and Polycom phones): parsing and writing back,
//! our answers to their offers and re-offers (hold), and their answers to our offer.

use pjsua2rs::sdp::{
    answer, apply_answer, create_offer, Codec, CodecOrder, Direction, LocalMedia, MediaStatus,
    NegotiationError, SessionDescription, TelephoneEvent,
};
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

fn raw(name: &str) -> Vec<u8> {
    let path = format!(
        "{}/tests/data/sdp-phones/{name}.sdp",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn load(name: &str) -> SessionDescription {
    SessionDescription::parse(&raw(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
}

/// Our UA: PCMU, PCMA, telephone-event/8000, rtcp-mux offered.
fn us() -> LocalMedia {
    let mut l = LocalMedia::new(IpAddr::V4(Ipv4Addr::new(192, 168, 1, 10)), 40000);
    l.session_id = 77;
    l.session_version = 77;
    l
}

fn answered(offer: &str, local: &LocalMedia) -> (SessionDescription, pjsua2rs::sdp::Negotiated) {
    let (sdp, n) = answer(&load(offer), local).unwrap_or_else(|e| panic!("{offer}: {e}"));
    assert_eq!(
        SessionDescription::parse(&sdp.to_bytes()).as_ref(),
        Ok(&sdp)
    );
    (sdp, n)
}

#[test]
fn every_phone_sdp_parses_and_writes_back() {
    let dir = format!("{}/tests/data/sdp-phones", env!("CARGO_MANIFEST_DIR"));
    let mut count = 0;
    for entry in std::fs::read_dir(&dir).unwrap_or_else(|e| panic!("{dir}: {e}")) {
        let path = entry.unwrap_or_else(|e| panic!("{e}")).path();
        let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{e}"));
        let sdp =
            SessionDescription::parse(&bytes).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let written = sdp.to_bytes();
        if bytes.windows(2).any(|w| w == b"\r\n") {
            assert_eq!(
                String::from_utf8_lossy(&written),
                String::from_utf8_lossy(&bytes),
                "{}",
                path.display()
            );
        }
        assert_eq!(
            SessionDescription::parse(&written).as_ref(),
            Ok(&sdp),
            "{}",
            path.display()
        );
        count += 1;
    }
    assert_eq!(count, 14);
    assert_eq!(
        load("pjsua-offer-lf"),
        load("pjsua-offer"),
        "LF-only line ends"
    );
}

#[test]
fn pjsua_offer() {
    let offer = load("pjsua-offer");
    let m = &offer.media[0];
    assert_eq!(m.formats.len(), 11);
    assert_eq!(m.rtcp().map(|r| r.port), Some(4001));
    assert_eq!(m.ssrcs().next().map(|s| s.id), Some(1505339026));
    assert_eq!(
        offer
            .attributes
            .iter()
            .map(|a| a.name.as_str())
            .collect::<Vec<_>>(),
        vec!["X-nat"]
    );

    // PCMU comes before PCMA in pjsua's list; telephone-event at 8000 is 121.
    let (sdp, n) = answered("pjsua-offer", &us());
    assert_eq!(sdp.media[0].formats, vec!["0", "121"]);
    assert!(!sdp.media[0].rtcp_mux(), "not offered");
    let audio = n.audio().cloned().unwrap_or_else(|| panic!("no audio"));
    assert_eq!(
        audio
            .codec()
            .map(|c| (c.encoding.as_str(), c.remote_payload_type)),
        Some(("PCMU", 0))
    );
    assert_eq!(
        audio
            .telephone_event
            .as_ref()
            .map(|t| t.remote_payload_type),
        Some(121)
    );
    let rtcp = audio.remote_rtcp.as_ref().and_then(|a| a.socket_addr());
    assert_eq!(
        rtcp,
        Some(
            "192.168.1.20:4001"
                .parse()
                .unwrap_or_else(|e| panic!("{e}"))
        )
    );

    // A wideband UA preferring its own order picks G.722 (payload type 9).
    let mut wide = us();
    wide.codecs
        .insert(0, Codec::new("G722", 8000, 1).with_priority(200));
    wide.codec_order = CodecOrder::Local;
    let (sdp, _) = answered("pjsua-offer", &wide);
    assert_eq!(sdp.media[0].formats, vec!["9", "121"]);
}

#[test]
fn pjsua_ipv6_with_rtcp_mux() {
    let mut v6 = us();
    v6.address = IpAddr::V6(Ipv6Addr::new(0x2001, 0xdb8, 0, 0, 0, 0, 0, 10));
    v6.codecs.insert(0, Codec::new("opus", 48000, 2));
    v6.telephone_events.push(TelephoneEvent::new(48000));
    let (sdp, n) = answered("pjsua-ipv6-rtcp-mux-offer", &v6);
    let text = sdp.to_string();
    assert!(text.contains("c=IN IP6 2001:db8::a\r\n"), "{text}");
    assert!(text.contains("m=audio 40000 RTP/AVP 96 101\r\n"), "{text}");
    assert!(text.contains("a=rtcp-mux\r\n"), "{text}");
    let audio = n.audio().cloned().unwrap_or_else(|| panic!("no audio"));
    assert!(audio.rtcp_mux);
    let rtp = audio.remote_rtp.as_ref().and_then(|a| a.socket_addr());
    assert_eq!(
        rtp,
        Some(
            "[2001:db8::20]:4000"
                .parse()
                .unwrap_or_else(|e| panic!("{e}"))
        )
    );
    assert_eq!(
        audio.remote_rtcp, audio.remote_rtp,
        "rtcp-mux wins over a=rtcp"
    );
    assert_eq!(
        audio.telephone_event.as_ref().map(|t| t.clock_rate),
        Some(48000)
    );
    // An IPv4-only UA cannot take it.
    let e = answer(&load("pjsua-ipv6-rtcp-mux-offer"), &us()).err();
    assert_eq!(e, Some(NegotiationError::NotAcceptable));
}

#[test]
fn pjsua_puts_us_on_hold() {
    let (sdp, n) = answered("pjsua-hold", &us());
    assert_eq!(
        sdp.media[0]
            .attributes
            .iter()
            .filter_map(|a| Direction::from_name(&a.name))
            .next(),
        Some(Direction::RecvOnly)
    );
    let audio = &n.media[0];
    assert_eq!(
        (audio.direction, audio.status()),
        (Direction::RecvOnly, MediaStatus::RemoteHold)
    );
}

#[test]
fn baresip_offer_with_video() {
    let offer = load("baresip-offer");
    assert_eq!(offer.media[0].ptime(), Some(20));
    assert_eq!(
        offer.media[0].rtpmap_for("9").map(|m| m.channels),
        Some(Some(1))
    );
    let mut wide = us();
    wide.codecs.insert(0, Codec::new("G722", 8000, 1));
    let (sdp, n) = answered("baresip-offer", &wide);
    assert_eq!(
        sdp.media[0].formats,
        vec!["9", "101"],
        "G722/8000/1 matches our mono G.722"
    );
    assert_eq!(
        (sdp.media[1].media.as_str(), sdp.media[1].port),
        ("video", 0)
    );
    assert_eq!(sdp.media[1].formats, vec!["100", "96"]);
    assert_eq!(
        n.media.iter().map(|m| m.status()).collect::<Vec<_>>(),
        vec![MediaStatus::Active, MediaStatus::Disabled]
    );
    assert_eq!(n.media[0].ptime, Some(20));
}

#[test]
fn cisco_offer_and_hold() {
    let (sdp, n) = answered("cisco-offer", &us());
    assert_eq!(sdp.media[0].formats, vec!["0", "101"]);
    assert_eq!(sdp.media[1].port, 0, "video rejected");
    assert_eq!(
        n.audio()
            .and_then(|a| a.codec())
            .map(|c| c.encoding.as_str()),
        Some("PCMU")
    );
    let (sdp, n) = answered("cisco-hold", &us());
    assert_eq!(sdp.direction_for(&sdp.media[0]), Direction::RecvOnly);
    assert_eq!(
        (n.media[0].status(), n.media[1].status()),
        (MediaStatus::RemoteHold, MediaStatus::Disabled)
    );
    assert_eq!(load("cisco-hold").origin.session_version, 1);
}

#[test]
fn old_ata_holds_with_0_0_0_0() {
    let (sdp, n) = answered("cisco-ata-hold-rfc2543", &us());
    assert_eq!(sdp.direction_for(&sdp.media[0]), Direction::SendRecv);
    let audio = &n.media[0];
    assert_eq!(
        (audio.direction, audio.remote_hold, audio.status()),
        (Direction::RecvOnly, true, MediaStatus::RemoteHold)
    );
}

#[test]
fn polycom_session_level_direction() {
    let (_, n) = answered("polycom-offer", &us());
    assert_eq!(n.media[0].status(), MediaStatus::Active);
    let (sdp, n) = answered("polycom-hold", &us());
    assert_eq!(
        sdp.direction_for(&sdp.media[0]),
        Direction::RecvOnly,
        "session-level a=sendonly applies"
    );
    assert_eq!(n.media[0].status(), MediaStatus::RemoteHold);
    // Holding them ourselves while they hold us: inactive.
    let mut holding = us();
    holding.direction = Direction::SendOnly;
    let (sdp, n) = answered("polycom-hold", &holding);
    assert_eq!(sdp.direction_for(&sdp.media[0]), Direction::Inactive);
    assert_eq!(
        (n.media[0].direction, n.media[0].status()),
        (Direction::Inactive, MediaStatus::LocalHold)
    );
}

#[test]
fn srtp_only_offers_are_not_acceptable_yet() {
    let offer = load("polycom-srtp-offer");
    assert_eq!(
        offer.media[0]
            .cryptos()
            .map(|c| c.suite)
            .collect::<Vec<_>>()
            .len(),
        2
    );
    assert_eq!(
        answer(&offer, &us()).err(),
        Some(NegotiationError::NotAcceptable)
    );
}

#[test]
fn phones_answering_our_offer() {
    let offer = create_offer(&us(), None).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(offer.media[0].formats, vec!["0", "8", "96"]);

    // Polycom numbers telephone-event 101: we receive 96, send 101.
    let n = apply_answer(&offer, &load("polycom-answer")).unwrap_or_else(|e| panic!("{e}"));
    let a = &n.media[0];
    assert_eq!(
        a.codec().map(|c| (
            c.encoding.as_str(),
            c.local_payload_type,
            c.remote_payload_type
        )),
        Some(("PCMA", 8, 8))
    );
    assert_eq!(
        a.telephone_event
            .as_ref()
            .map(|t| (t.local_payload_type, t.remote_payload_type)),
        Some((96, 101))
    );
    assert!(!a.rtcp_mux);
    assert_eq!(a.remote_rtcp.as_ref().map(|r| r.port), Some(2225));

    let n = apply_answer(&offer, &load("cisco-answer")).unwrap_or_else(|e| panic!("{e}"));
    let a = &n.media[0];
    assert_eq!(
        (a.ptime, a.status(), a.direction),
        (Some(20), MediaStatus::Active, Direction::SendRecv)
    );
    assert_eq!(
        a.remote_rtp.as_ref().map(|r| (r.address.as_str(), r.port)),
        Some(("10.1.1.50", 25004))
    );

    let n = apply_answer(&offer, &load("baresip-answer")).unwrap_or_else(|e| panic!("{e}"));
    let a = &n.media[0];
    assert!(a.rtcp_mux);
    assert_eq!(a.remote_rtcp, a.remote_rtp);
    assert_eq!(a.codec().map(|c| c.channels), Some(1));
}
