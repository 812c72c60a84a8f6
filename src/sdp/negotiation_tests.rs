//! Tests of the offer/answer negotiator: offers and re-offers, the answer's codec
//! choice, rejections and directions, `apply_answer`'s checks, and hold/unhold.

use super::*;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

fn sdp(s: &str) -> SessionDescription {
    match SessionDescription::parse(s.as_bytes()) {
        Ok(sdp) => sdp,
        Err(e) => panic!("{e}\n{s}"),
    }
}

fn local() -> LocalMedia {
    let mut l = LocalMedia::new(IpAddr::V4(Ipv4Addr::new(192, 0, 2, 1)), 4000);
    l.session_id = 111;
    l.session_version = 111;
    l
}

/// An offer from 198.51.100.2 with this media section (after `m=`).
fn offer(media: &str) -> SessionDescription {
    sdp(&format!("v=0\r\no=remote 9 9 IN IP4 198.51.100.2\r\ns=-\r\nc=IN IP4 198.51.100.2\r\nt=0 0\r\nm={media}\r\n"))
}

fn ok<T, E: std::fmt::Debug>(r: Result<T, E>) -> T {
    match r {
        Ok(v) => v,
        Err(e) => panic!("{e:?}"),
    }
}

fn names(n: &NegotiatedMedia) -> Vec<String> {
    n.codecs.iter().map(|c| c.encoding.clone()).collect()
}

#[test]
fn initial_offer() {
    let o = ok(create_offer(&local(), None));
    let text = o.to_string();
    assert_eq!(
        text,
        "v=0\r\no=- 111 111 IN IP4 192.0.2.1\r\ns=-\r\nc=IN IP4 192.0.2.1\r\nt=0 0\r\n\
         m=audio 4000 RTP/AVP 0 8 96\r\na=rtpmap:0 PCMU/8000\r\na=rtpmap:8 PCMA/8000\r\n\
         a=rtpmap:96 telephone-event/8000\r\na=fmtp:96 0-16\r\na=rtcp-mux\r\na=sendrecv\r\n"
    );
    let mut v6 = local();
    v6.address = IpAddr::V6(Ipv6Addr::new(0x2001, 0xdb8, 0, 0, 0, 0, 0, 5));
    v6.ptime = Some(20);
    v6.rtcp_mux = false;
    let text = ok(create_offer(&v6, None)).to_string();
    assert!(
        text.contains("o=- 111 111 IN IP6 2001:db8::5\r\n")
            && text.contains("c=IN IP6 2001:db8::5\r\n")
    );
    assert!(text.contains("a=ptime:20\r\na=sendrecv\r\n") && !text.contains("rtcp-mux"));
}

#[test]
fn offers_need_codecs_but_not_ports() {
    let mut l = local();
    l.codecs.iter_mut().for_each(|c| c.priority = 0);
    assert_eq!(create_offer(&l, None), Err(NegotiationError::NoLocalCodecs));
    l.audio_ports.clear();
    assert!(
        ok(create_offer(&l, None)).media.is_empty(),
        "a 3pcc offer without media"
    );
    let mut two = local();
    two.audio_ports = vec![4000, 4002];
    let ports: Vec<u16> = ok(create_offer(&two, None))
        .media
        .iter()
        .map(|m| m.port)
        .collect();
    assert_eq!(ports, vec![4000, 4002]);
}

#[test]
fn answer_keeps_the_offerers_order_and_payload_types() {
    let mut l = local();
    l.codecs = vec![
        Codec::new("PCMA", 8000, 1).with_priority(200),
        Codec::new("opus", 48000, 2).with_fmtp("useinbandfec=1"),
        Codec::new("PCMU", 8000, 1),
    ];
    let o = offer("audio 5000 RTP/AVP 111 0 8 101\r\na=rtpmap:111 OPUS/48000/2\r\na=rtpmap:101 telephone-event/8000");
    let (a, n) = ok(answer(&o, &l));
    let m = &a.media[0];
    assert_eq!(
        m.formats,
        vec!["111", "101"],
        "one codec (PJMEDIA's default) and telephone-event"
    );
    assert_eq!(m.attributes.value_of("rtpmap"), Some("111 OPUS/48000/2"));
    assert_eq!(m.fmtp_for("111").as_deref(), Some("useinbandfec=1"));
    assert_eq!(m.fmtp_for("101").as_deref(), Some("0-16"));
    let audio = n.audio().cloned();
    let audio = audio.as_ref();
    assert_eq!(audio.map(names), Some(vec!["OPUS".to_string()]));
    let codec = audio.and_then(|a| a.codec());
    assert_eq!(
        codec.map(|c| (
            c.local_payload_type,
            c.remote_payload_type,
            c.clock_rate,
            c.channels
        )),
        Some((111, 111, 48000, 2))
    );
    assert_eq!(
        codec.and_then(|c| c.local_fmtp.clone()).as_deref(),
        Some("useinbandfec=1")
    );
    assert_eq!(
        audio
            .and_then(|a| a.telephone_event.as_ref())
            .map(|t| (t.remote_payload_type, t.clock_rate)),
        Some((101, 8000))
    );

    l.answer_multiple_codecs = true;
    let (a, _) = ok(answer(&o, &l));
    assert_eq!(a.media[0].formats, vec!["111", "0", "8", "101"]);
    l.codec_order = CodecOrder::Local;
    let (a, n) = ok(answer(&o, &l));
    assert_eq!(a.media[0].formats, vec!["8", "111", "0", "101"]);
    assert_eq!(
        n.audio().map(names),
        Some(vec!["PCMA".to_string(), "OPUS".into(), "PCMU".into()])
    );
}

#[test]
fn rejected_lines_keep_their_formats() {
    let o = sdp("v=0\r\no=r 1 1 IN IP4 198.51.100.2\r\ns=-\r\nc=IN IP4 198.51.100.2\r\nt=0 0\r\n\
         m=video 6000 RTP/AVP 31 96\r\na=rtpmap:96 H264/90000\r\n\
         m=audio 5000 RTP/SAVP 0\r\na=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:PS1uQCVeeCFCanVmcjkpPywjNWhcYD0mXXtxaVBR\r\n\
         m=audio 5002 RTP/AVP 18\r\n\
         m=audio 5004 RTP/AVP 0\r\nc=IN IP6 2001:db8::9\r\n\
         m=text 7000 RTP/AVP 98\r\n\
         m=audio 0 RTP/AVP 0\r\n\
         m=audio 5006 RTP/AVPF 8\r\n");
    let (a, n) = ok(answer(&o, &local()));
    let ports: Vec<u16> = a.media.iter().map(|m| m.port).collect();
    assert_eq!(
        ports,
        vec![0, 0, 0, 0, 0, 0, 4000],
        "video, SRTP, no common codec, IPv6, text, disabled; AVPF taken"
    );
    assert_eq!(a.media[0].formats, vec!["31", "96"]);
    assert_eq!(a.media[0].media, "video");
    assert!(a.media[0].attributes.is_empty());
    assert_eq!(
        a.media[6].proto, "RTP/AVPF",
        "the answer keeps the offer's protocol"
    );
    let status: Vec<MediaStatus> = n.media.iter().map(|m| m.status()).collect();
    assert_eq!(status[..6], [MediaStatus::Disabled; 6]);
    assert_eq!(status[6], MediaStatus::Active);
}

#[test]
fn not_acceptable_only_when_an_enabled_line_is_left() {
    let mut l = local();
    l.telephone_events.clear();
    let e = answer(
        &offer("audio 5000 RTP/AVP 18 101\r\na=rtpmap:101 telephone-event/8000"),
        &l,
    );
    assert_eq!(e.err(), Some(NegotiationError::NotAcceptable));
    assert_eq!(
        answer(&offer("video 5000 RTP/AVP 31"), &l).err(),
        Some(NegotiationError::NotAcceptable)
    );
    let no_c = sdp("v=0\r\no=r 1 1 IN IP4 h\r\ns=-\r\nt=0 0\r\nm=audio 5000 RTP/AVP 0\r\n");
    assert_eq!(
        answer(&no_c, &l).err(),
        Some(NegotiationError::NotAcceptable)
    );
    let (a, n) = ok(answer(&offer("audio 0 RTP/AVP 0"), &l));
    assert_eq!((a.media[0].port, n.media[0].enabled), (0, false));
    let none = sdp("v=0\r\no=r 1 1 IN IP4 h\r\ns=-\r\nc=IN IP4 h\r\nt=1 2\r\n");
    let (a, n) = ok(answer(&none, &l));
    assert!(a.media.is_empty() && n.media.is_empty());
    assert_eq!(
        (a.times[0].start, a.times[0].stop),
        (1, 2),
        "t= copied from the offer"
    );
}

#[test]
fn answered_directions_and_hold_states() {
    use Direction::*;
    // (offered, our wish) → (answer attribute, what we may do, status)
    let cases = [
        (SendRecv, SendRecv, SendRecv, SendRecv, MediaStatus::Active),
        (
            SendOnly,
            SendRecv,
            RecvOnly,
            RecvOnly,
            MediaStatus::RemoteHold,
        ),
        (
            Inactive,
            SendRecv,
            Inactive,
            Inactive,
            MediaStatus::RemoteHold,
        ),
        (RecvOnly, SendRecv, SendOnly, SendOnly, MediaStatus::Active),
        (
            SendRecv,
            SendOnly,
            SendOnly,
            SendOnly,
            MediaStatus::LocalHold,
        ),
        (
            SendOnly,
            SendOnly,
            Inactive,
            Inactive,
            MediaStatus::LocalHold,
        ),
        (
            SendRecv,
            Inactive,
            Inactive,
            Inactive,
            MediaStatus::LocalHold,
        ),
    ];
    for (offered, wish, attr, dir, status) in cases {
        let mut l = local();
        l.direction = wish;
        let (a, n) = ok(answer(
            &offer(&format!("audio 5000 RTP/AVP 0\r\na={}", offered.name())),
            &l,
        ));
        assert_eq!(
            a.media[0].attributes.direction(),
            Some(attr),
            "{offered:?} {wish:?}"
        );
        assert_eq!(n.media[0].direction, dir, "{offered:?} {wish:?}");
        assert_eq!(n.media[0].status(), status, "{offered:?} {wish:?}");
    }
}

#[test]
fn rfc2543_hold_offer_is_answered_sendrecv_but_not_sent_to() {
    let o = sdp("v=0\r\no=r 1 2 IN IP4 198.51.100.2\r\ns=-\r\nc=IN IP4 0.0.0.0\r\nt=0 0\r\nm=audio 5000 RTP/AVP 0\r\n");
    let (a, n) = ok(answer(&o, &local()));
    assert_eq!(a.media[0].attributes.direction(), Some(Direction::SendRecv));
    let m = &n.media[0];
    assert_eq!(
        (m.direction, m.remote_hold, m.status()),
        (Direction::RecvOnly, true, MediaStatus::RemoteHold)
    );
}

#[test]
fn rtcp_addresses() {
    let (a, n) = ok(answer(
        &offer("audio 5000 RTP/AVP 0\r\na=rtcp-mux\r\na=rtcp:5001"),
        &local(),
    ));
    assert!(a.media[0].rtcp_mux() && n.media[0].rtcp_mux);
    assert_eq!(
        n.media[0].remote_rtcp.as_ref().map(|r| r.port),
        Some(5000),
        "muxed"
    );
    let mut no_mux = local();
    no_mux.rtcp_mux = false;
    let (a, n) = ok(answer(
        &offer("audio 5000 RTP/AVP 0\r\na=rtcp-mux\r\na=rtcp:6001 IN IP4 198.51.100.3"),
        &no_mux,
    ));
    assert!(!a.media[0].rtcp_mux() && !n.media[0].rtcp_mux);
    let rtcp = n.media[0].remote_rtcp.clone();
    assert_eq!(
        rtcp.and_then(|r| r.socket_addr()),
        Some(
            "198.51.100.3:6001"
                .parse()
                .unwrap_or_else(|e| panic!("{e}"))
        )
    );
    let (a, n) = ok(answer(&offer("audio 5000 RTP/AVP 0"), &local()));
    assert!(!a.media[0].rtcp_mux(), "not offered, not answered");
    let m = &n.media[0];
    assert_eq!(
        m.remote_rtp.as_ref().map(|r| (r.address.as_str(), r.port)),
        Some(("198.51.100.2", 5000))
    );
    assert_eq!(m.remote_rtcp.as_ref().map(|r| r.port), Some(5001));
    assert_eq!(m.local_port, 4000);
    let (_, n) = ok(answer(&offer("audio 65535 RTP/AVP 0"), &local()));
    assert_eq!(n.media[0].remote_rtcp, None, "no port above 65535");
}

#[test]
fn telephone_event_follows_the_codec_clock_rate() {
    let mut l = local();
    l.codecs = vec![Codec::new("opus", 48000, 2)];
    l.telephone_events = vec![TelephoneEvent::new(8000), TelephoneEvent::new(48000)];
    let o = offer(
        "audio 5000 RTP/AVP 111 101 110 102\r\na=rtpmap:111 opus/48000/2\r\na=rtpmap:101 telephone-event/8000\r\n\
         a=rtpmap:110 telephone-event/48000\r\na=rtpmap:102 telephone-event/16000",
    );
    let (a, n) = ok(answer(&o, &l));
    assert_eq!(a.media[0].formats, vec!["111", "110"]);
    let te = n.media[0]
        .telephone_event
        .as_ref()
        .map(|t| (t.remote_payload_type, t.clock_rate));
    assert_eq!(te, Some((110, 48000)));
    // No event at the codec's rate: the first one we have.
    l.telephone_events = vec![TelephoneEvent::new(8000)];
    let (a, _) = ok(answer(&o, &l));
    assert_eq!(a.media[0].formats, vec!["111", "101"]);
    // A stream of events only is accepted.
    let (a, n) = ok(answer(
        &offer("audio 5000 RTP/AVP 101\r\na=rtpmap:101 telephone-event/8000"),
        &l,
    ));
    assert_eq!(a.media[0].formats, vec!["101"]);
    assert!(n.media[0].codecs.is_empty() && n.media[0].telephone_event.is_some());
    // An answer to our offer listing events at two rates: the codec's rate is used.
    l.telephone_events = vec![TelephoneEvent::new(8000), TelephoneEvent::new(48000)];
    let ours = ok(create_offer(&l, None));
    assert_eq!(ours.media[0].formats, vec!["96", "97", "98"]);
    let reply = "audio 6000 RTP/AVP 96 97 98\r\na=rtpmap:96 opus/48000/2\r\n\
                 a=rtpmap:97 telephone-event/8000\r\na=rtpmap:98 telephone-event/48000";
    let n = ok(apply_answer(&ours, &offer(reply)));
    let te = n.media[0]
        .telephone_event
        .as_ref()
        .map(|t| (t.remote_payload_type, t.clock_rate));
    assert_eq!(te, Some((98, 48000)));
}

#[test]
fn audio_lines_take_ports_in_order() {
    let two = "audio 5000 RTP/AVP 0\r\nm=audio 5002 RTP/AVP 8\r\na=mid:b";
    let (a, _) = ok(answer(&offer(two), &local()));
    assert_eq!(
        a.media.iter().map(|m| m.port).collect::<Vec<_>>(),
        vec![4000, 0]
    );
    let mut l = local();
    l.audio_ports = vec![4000, 4002];
    let (a, n) = ok(answer(&offer(two), &l));
    assert_eq!(
        a.media.iter().map(|m| m.port).collect::<Vec<_>>(),
        vec![4000, 4002]
    );
    assert_eq!(a.media[1].mid(), Some("b"), "mid echoed");
    assert_eq!(
        n.media[1].codec().map(|c| c.encoding.as_str()),
        Some("PCMA")
    );
    // A line we cannot take does not use up a port.
    let (a, _) = ok(answer(
        &offer("audio 5000 RTP/AVP 18\r\nm=audio 5002 RTP/AVP 8"),
        &local(),
    ));
    assert_eq!(
        a.media.iter().map(|m| m.port).collect::<Vec<_>>(),
        vec![0, 4000]
    );
}

#[test]
fn apply_answer_maps_payload_types_and_hold() {
    let mut l = local();
    l.codecs = vec![
        Codec::new("iLBC", 8000, 1).with_fmtp("mode=30"),
        Codec::new("PCMU", 8000, 1),
    ];
    let o = ok(create_offer(&l, None));
    assert_eq!(o.media[0].formats, vec!["96", "0", "97"]);
    let reply = |media: &str| {
        sdp(&format!("v=0\r\no=b 5 5 IN IP4 198.51.100.2\r\ns=-\r\nc=IN IP4 198.51.100.2\r\nt=0 0\r\nm={media}\r\n"))
    };
    let n = ok(apply_answer(&o, &reply("audio 6000 RTP/AVP 99 0 101\r\na=rtpmap:99 ILBC/8000\r\na=rtpmap:101 telephone-event/8000\r\na=ptime:30\r\na=sendonly")));
    let m = &n.media[0];
    let c = m.codec().cloned();
    assert_eq!(
        c.as_ref().map(|c| (
            c.encoding.as_str(),
            c.local_payload_type,
            c.remote_payload_type
        )),
        Some(("ILBC", 96, 99))
    );
    assert_eq!(c.and_then(|c| c.local_fmtp).as_deref(), Some("mode=30"));
    assert_eq!(names(m), vec!["ILBC", "PCMU"]);
    assert_eq!(
        m.telephone_event
            .as_ref()
            .map(|t| (t.local_payload_type, t.remote_payload_type)),
        Some((97, 101))
    );
    assert_eq!(
        (m.ptime, m.direction, m.status()),
        (Some(30), Direction::RecvOnly, MediaStatus::RemoteHold)
    );
    assert!(!m.rtcp_mux, "offered, not answered");

    let held = ok(create_hold_offer(&l, &o, HoldType::Rfc3264));
    let n = ok(apply_answer(
        &held,
        &reply("audio 6000 RTP/AVP 0\r\na=recvonly"),
    ));
    assert_eq!(
        (n.media[0].direction, n.media[0].status()),
        (Direction::SendOnly, MediaStatus::LocalHold)
    );
    let n = ok(apply_answer(
        &held,
        &reply("audio 6000 RTP/AVP 0\r\na=inactive"),
    ));
    assert_eq!(
        (n.media[0].local_hold, n.media[0].remote_hold),
        (true, true)
    );
}

#[test]
fn apply_answer_rejects_answers_that_do_not_fit() {
    let o = ok(create_offer(&local(), None));
    let bad = |body: &str| {
        let a = sdp(&format!(
            "v=0\r\no=b 5 5 IN IP4 h\r\ns=-\r\nc=IN IP4 h\r\nt=0 0\r\n{body}"
        ));
        apply_answer(&o, &a).err()
    };
    let invalid = |e: Option<NegotiationError>, what: &str| {
        assert!(
            matches!(&e, Some(NegotiationError::InvalidAnswer(why)) if why.contains(what)),
            "{what}: {e:?}"
        );
    };
    invalid(bad(""), "0 m-lines answer 1");
    invalid(bad("m=video 6000 RTP/AVP 31\r\n"), "video instead of audio");
    invalid(bad("m=audio 6000 RTP/SAVP 0\r\n"), "protocol");
    invalid(
        bad("m=audio 6000 RTP/AVP 18\r\n"),
        "none of the offered formats",
    );
    invalid(
        bad("m=audio 6000 RTP/AVP 100\r\na=rtpmap:100 opus/48000/2\r\n"),
        "none of the offered formats",
    );
    // RFC 3264 §6.1: an answer may add formats; only the offered ones are used.
    let extra = "m=audio 6000 RTP/AVP 18 8 100\r\na=rtpmap:100 opus/48000/2\r\n";
    let extra = sdp(&format!(
        "v=0\r\no=b 5 5 IN IP4 h\r\ns=-\r\nc=IN IP4 h\r\nt=0 0\r\n{extra}"
    ));
    assert_eq!(names(&ok(apply_answer(&o, &extra)).media[0]), vec!["PCMA"]);
    invalid(bad("m=audio 6000 RTP/AVP\r\n"), "without formats");
    let no_c = sdp("v=0\r\no=b 5 5 IN IP4 h\r\ns=-\r\nt=0 0\r\nm=audio 6000 RTP/AVP 0\r\n");
    invalid(apply_answer(&o, &no_c).err(), "no c= line");
    assert_eq!(
        bad("m=audio 0 RTP/AVP 0\r\n"),
        Some(NegotiationError::NotAcceptable)
    );
    // Dynamic type 96 answered without rtpmap: the number stands for what we offered.
    let n = ok(apply_answer(&o, &sdp("v=0\r\no=b 5 5 IN IP4 h\r\ns=-\r\nc=IN IP4 h\r\nt=0 0\r\nm=audio 6000 RTP/AVP 8 96\r\n")));
    assert_eq!(
        n.media[0]
            .telephone_event
            .as_ref()
            .map(|t| t.remote_payload_type),
        Some(96)
    );
    let disabled = ok(create_offer(&local(), Some(&sdp("v=0\r\no=- 1 1 IN IP4 h\r\ns=-\r\nt=0 0\r\nm=video 0 RTP/AVP 31\r\nm=audio 2 RTP/AVP 0\r\n"))));
    let a = sdp("v=0\r\no=b 5 5 IN IP4 h\r\ns=-\r\nc=IN IP4 h\r\nt=0 0\r\nm=video 7 RTP/AVP 31\r\nm=audio 6 RTP/AVP 0\r\n");
    invalid(apply_answer(&disabled, &a).err(), "offered with port 0");
}

#[test]
fn re_offers_keep_origin_and_lines() {
    let l = local();
    let first = ok(create_offer(&l, None));
    let same = ok(create_offer(&l, Some(&first)));
    assert_eq!(same, first, "nothing changed: same version (RFC 6337 §5.3)");
    let mut changed = l.clone();
    changed.audio_ports = vec![4100];
    changed.session_id = 999;
    let second = ok(create_offer(&changed, Some(&first)));
    assert_eq!(
        (second.origin.session_id, second.origin.session_version),
        (111, 112)
    );
    assert_eq!(second.media[0].port, 4100);

    // Our earlier answer rejected video: the re-offer keeps it, disabled, in its place.
    let (our_answer, _) = ok(answer(
        &offer("video 6000 RTP/AVP 31\r\nm=audio 5000 RTP/AVP 0"),
        &l,
    ));
    let re = ok(create_offer(&l, Some(&our_answer)));
    assert_eq!(
        re.media
            .iter()
            .map(|m| (m.media.as_str(), m.port))
            .collect::<Vec<_>>(),
        vec![("video", 0), ("audio", 4000)]
    );
    assert_eq!(re.media[0].formats, vec!["31"]);
    assert_eq!(
        re.origin.session_version,
        our_answer.origin.session_version + 1
    );

    // No media before (3pcc): audio is added; a disabled audio line is reused.
    let empty = sdp("v=0\r\no=- 5 5 IN IP4 192.0.2.1\r\ns=-\r\nc=IN IP4 192.0.2.1\r\nt=0 0\r\n");
    let added = ok(create_offer(&l, Some(&empty)));
    assert_eq!((added.media.len(), added.origin.session_version), (1, 6));
    let rejected = sdp("v=0\r\no=- 5 5 IN IP4 h\r\ns=-\r\nt=0 0\r\nm=video 0 RTP/AVP 31\r\nm=audio 0 RTP/AVP 0\r\n");
    let reused = ok(create_offer(&l, Some(&rejected)));
    assert_eq!(
        reused.media.iter().map(|m| m.port).collect::<Vec<_>>(),
        vec![0, 4000]
    );
}

#[test]
fn hold_and_unhold_offers() {
    let l = local();
    let first = ok(create_offer(&l, None));
    let hold = ok(create_hold_offer(&l, &first, HoldType::Rfc3264));
    assert_eq!(
        hold.media[0].attributes.direction(),
        Some(Direction::SendOnly)
    );
    assert_eq!(hold.origin.session_version, 112);
    assert_eq!(
        hold.connection.as_ref().map(|c| c.address.as_str()),
        Some("192.0.2.1")
    );
    let mut listening = l.clone();
    listening.direction = Direction::RecvOnly;
    let hold = ok(create_hold_offer(&listening, &first, HoldType::Rfc3264));
    assert_eq!(
        hold.media[0].attributes.direction(),
        Some(Direction::Inactive),
        "RFC 3264 §8.4"
    );
    let old_style = ok(create_hold_offer(&l, &first, HoldType::Rfc2543));
    assert_eq!(
        old_style.connection.as_ref().map(|c| c.address.as_str()),
        Some("0.0.0.0")
    );
    assert_eq!(
        old_style.origin.address, "192.0.2.1",
        "o= keeps the real address"
    );
    assert_eq!(
        old_style.media[0].attributes.direction(),
        Some(Direction::SendOnly)
    );
    let mut v6 = l.clone();
    v6.address = IpAddr::V6(Ipv6Addr::LOCALHOST);
    let v6_hold = ok(create_hold_offer(
        &v6,
        &ok(create_offer(&v6, None)),
        HoldType::Rfc2543,
    ));
    assert_eq!(
        v6_hold.connection.as_ref().map(|c| c.address.as_str()),
        Some("::")
    );

    // The remote answers our RFC 2543 hold with recvonly: we may send (music on hold).
    let reply = sdp("v=0\r\no=b 5 5 IN IP4 198.51.100.2\r\ns=-\r\nc=IN IP4 198.51.100.2\r\nt=0 0\r\nm=audio 6000 RTP/AVP 0\r\na=recvonly\r\n");
    let n = ok(apply_answer(&old_style, &reply));
    assert_eq!(
        (n.media[0].direction, n.media[0].status()),
        (Direction::SendOnly, MediaStatus::LocalHold)
    );

    let unhold = ok(create_unhold_offer(&l, &old_style));
    assert_eq!(
        unhold.media[0].attributes.direction(),
        Some(Direction::SendRecv)
    );
    assert_eq!(
        unhold.connection.as_ref().map(|c| c.address.as_str()),
        Some("192.0.2.1")
    );
    assert_eq!(unhold.origin.session_version, 113);
}

#[test]
fn settle_version_for_re_answers() {
    let l = local();
    let o = offer("audio 5000 RTP/AVP 0");
    let (first, _) = ok(answer(&o, &l));
    let mut again = l.clone();
    again.session_version = 500;
    let (mut second, _) = ok(answer(&o, &again));
    settle_version(&mut second, &first);
    assert_eq!(second, first, "same answer, same version");
    let mut moved = again.clone();
    moved.audio_ports = vec![4400];
    let (mut third, _) = ok(answer(&o, &moved));
    settle_version(&mut third, &first);
    assert_eq!(
        (third.origin.session_id, third.origin.session_version),
        (111, 112)
    );
}

#[test]
fn rtcp_feedback_on_avpf_offers_and_answers() {
    // Offer: RTP/AVPF with `*` feedback first, then each codec's (RFC 4585 §4.2).
    let mut l = local();
    l.proto = "RTP/AVPF".into();
    l.rtcp_feedback = vec!["nack".into()];
    l.codecs[0].rtcp_feedback = vec!["nack pli".into()];
    let text = ok(create_offer(&l, None)).to_string();
    assert!(text.contains("m=audio 4000 RTP/AVPF 0 8 96\r\n"), "{text}");
    let fb = text.find("a=rtcp-fb:* nack\r\na=rtcp-fb:0 nack pli\r\n");
    assert!(
        fb.is_some_and(|at| at > text.rfind("a=rtpmap").unwrap()),
        "{text}"
    );
    // Answer to an AVPF offer: our feedback for the codec chosen, with its number.
    let (a, _) = ok(answer(
        &offer("audio 5000 RTP/AVPF 0\r\na=rtcp-fb:0 nack"),
        &l,
    ));
    let text = a.to_string();
    assert!(text.contains("m=audio 4000 RTP/AVPF 0\r\n"), "{text}");
    assert!(
        text.contains("a=rtcp-fb:* nack\r\na=rtcp-fb:0 nack pli\r\n"),
        "{text}"
    );
    // Answer to a plain RTP/AVP offer: no feedback lines.
    let (a, n) = ok(answer(&offer("audio 5000 RTP/AVP 0"), &l));
    assert!(!a.to_string().contains("rtcp-fb"), "{a}");
    assert_eq!(n.audio().map(|m| m.proto.as_str()), Some("RTP/AVP"));
    // Without feedback configured an AVPF offer is still taken (PJMEDIA: AVP and AVPF
    // are compatible), answered in its profile without lines.
    let (a, _) = ok(answer(&offer("audio 5000 RTP/AVPF 8"), &local()));
    let text = a.to_string();
    assert!(
        text.contains("RTP/AVPF 8\r\n") && !text.contains("rtcp-fb"),
        "{text}"
    );
}
