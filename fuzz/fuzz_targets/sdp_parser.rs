//! Fuzz target: any bytes through the SDP parser; a description that parses must write
//! and re-parse to an equal one. The negotiator then answers it and applies it as an
//! answer to our offer, which must not panic whatever it holds.
#![no_main]

use libfuzzer_sys::fuzz_target;
use pjsua2rs::sdp::{answer, apply_answer, create_offer, LocalMedia, SessionDescription};
use std::net::{IpAddr, Ipv4Addr};

fuzz_target!(|data: &[u8]| {
    let Ok(sdp) = SessionDescription::parse(data) else {
        return;
    };
    let again = SessionDescription::parse(&sdp.to_bytes()).expect("written description must parse");
    assert_eq!(again, sdp, "round trip changed the description");

    let local = LocalMedia::new(IpAddr::V4(Ipv4Addr::new(192, 0, 2, 1)), 4000);
    if let Ok((ours, _)) = answer(&sdp, &local) {
        let parsed = SessionDescription::parse(&ours.to_bytes()).expect("our answer must parse");
        assert_eq!(parsed, ours, "our answer must round-trip");
    }
    if let Ok(offer) = create_offer(&local, Some(&sdp)) {
        let _ = apply_answer(&offer, &sdp);
    }
});
