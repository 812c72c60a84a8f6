//! Tests of the RTCP parser and writer, with hand-assembled packets.

use super::*;

/// An SR with one report block followed by an SDES CNAME, as a phone sends it.
fn sr_sdes() -> Vec<u8> {
    let mut b = vec![
        0x81, 200, 0, 12, // V=2, RC=1, SR, length 12 words (52 bytes)
        0x11, 0x22, 0x33, 0x44, // sender SSRC
        0xe7, 0x4a, 0x3b, 0x2c, 0x80, 0, 0, 0, // NTP
        0, 0, 0x1f, 0x40, // RTP timestamp 8000
        0, 0, 0, 50, // packets
        0, 0, 0x1f, 0x40, // octets 8000
        0xaa, 0xbb, 0xcc, 0xdd, // report block: source
        0x40, 0xff, 0xff, 0xfe, // fraction 64/256, cumulative lost -2
        0, 1, 0x00, 0x10, // extended highest seq (one cycle, seq 16)
        0, 0, 0, 80, // jitter
        0x12, 0x34, 0x56, 0x78, // LSR
        0, 1, 0, 0, // DLSR: one second
    ];
    b.extend_from_slice(&[0x81, 202, 0, 4, 0x11, 0x22, 0x33, 0x44]);
    b.extend_from_slice(&[1, 8]);
    b.extend_from_slice(b"user@pc1");
    b.extend_from_slice(&[0, 0]); // terminator + padding to the word boundary
    b
}

#[test]
fn parses_sr_with_report_and_sdes() {
    let buf = sr_sdes();
    let compound = RtcpCompound::parse(&buf).unwrap();
    let packets: Vec<_> = compound.packets().collect();
    assert_eq!(packets.len(), 2);
    let RtcpPacket::SenderReport {
        ssrc,
        info,
        reports,
    } = packets[0]
    else {
        panic!("not an SR: {:?}", packets[0]);
    };
    assert_eq!(ssrc, 0x1122_3344);
    assert_eq!(info.ntp, NtpTime(0xe74a_3b2c_8000_0000));
    assert_eq!(info.rtp_timestamp, 8000);
    assert_eq!(info.packet_count, 50);
    assert_eq!(info.octet_count, 8000);
    let blocks: Vec<_> = reports.collect();
    assert_eq!(
        blocks,
        vec![ReportBlock {
            ssrc: 0xaabb_ccdd,
            fraction_lost: 64,
            cumulative_lost: -2,
            highest_seq: 0x0001_0010,
            jitter: 80,
            lsr: 0x1234_5678,
            dlsr: 0x0001_0000,
        }]
    );
    let RtcpPacket::SourceDescription(chunks) = packets[1] else {
        panic!("not SDES");
    };
    let chunks: Vec<_> = chunks.collect();
    assert_eq!(chunks.len(), 1);
    assert_eq!(chunks[0].ssrc, 0x1122_3344);
    let items: Vec<_> = chunks[0].items.collect();
    assert_eq!(
        items,
        vec![SdesItem {
            kind: SDES_CNAME,
            value: b"user@pc1"
        }]
    );
}

#[test]
fn writes_what_it_parses_byte_for_byte() {
    let buf = sr_sdes();
    let mut out = Vec::new();
    for p in RtcpCompound::parse(&buf).unwrap().packets() {
        p.write(&mut out).unwrap();
    }
    assert_eq!(out, buf);
}

#[test]
fn skips_app_rtpfb_and_xr_and_reads_bye() {
    let mut b = vec![0x80, 201, 0, 1, 0, 0, 0, 9]; // RR with no blocks
    b.extend_from_slice(&[0x81, 204, 0, 3, 0, 0, 0, 9]); // APP subtype 1
    b.extend_from_slice(b"NAME");
    b.extend_from_slice(&[1, 2, 3, 4]);
    b.extend_from_slice(&[0x81, 205, 0, 3, 0, 0, 0, 9, 0, 0, 0, 7, 0, 5, 0, 0]); // NACK
    b.extend_from_slice(&[0x80, 207, 0, 2, 0, 0, 0, 9, 0x04, 0, 0, 0]); // XR, empty block
    b.extend_from_slice(&[0x81, 203, 0, 3, 0, 0, 0, 9, 4]); // BYE with reason "done"
    b.extend_from_slice(b"don");
    b.extend_from_slice(&[b'e', 0, 0, 0]);
    // The reason above is "done": length 4, then "don" + "e" spans the word boundary.
    let compound = RtcpCompound::parse(&b).unwrap();
    let kinds: Vec<u8> = compound
        .packets()
        .map(|p| match p {
            RtcpPacket::ReceiverReport { .. } => PT_RR,
            RtcpPacket::Bye { .. } => PT_BYE,
            RtcpPacket::Other { packet_type, .. } => packet_type,
            _ => 0,
        })
        .collect();
    assert_eq!(kinds, vec![PT_RR, 204, 205, 207, PT_BYE]);
    let bye = compound.packets().last().unwrap();
    let RtcpPacket::Bye { sources, reason } = bye else {
        panic!("not a BYE");
    };
    assert_eq!(sources.collect::<Vec<_>>(), vec![9]);
    assert_eq!(reason, Some(&b"done"[..]));
    let mut out = Vec::new();
    for p in compound.packets() {
        p.write(&mut out).unwrap();
    }
    assert_eq!(out, b);
}

#[test]
fn padding_only_on_the_last_packet() {
    // An RR with one word of padding (count 4 in the last octet).
    let padded = [0xa0, 201, 0, 2, 0, 0, 0, 9, 0, 0, 0, 4];
    let c = RtcpCompound::parse(&padded).unwrap();
    assert!(matches!(
        c.packets().next(),
        Some(RtcpPacket::ReceiverReport { ssrc: 9, .. })
    ));
    let mut two = padded.to_vec();
    two.extend_from_slice(&[0x80, 201, 0, 1, 0, 0, 0, 9]);
    assert_eq!(RtcpCompound::parse(&two), Err(RtcpError::PaddingNotLast));
    let mut zero = padded;
    zero[11] = 0;
    assert_eq!(RtcpCompound::parse(&zero), Err(RtcpError::BadPadding));
    let mut long = padded;
    long[11] = 9;
    assert_eq!(RtcpCompound::parse(&long), Err(RtcpError::BadPadding));
}

#[test]
fn opaque_bodies_that_are_not_whole_words_get_padding() {
    let p = RtcpPacket::Other {
        packet_type: 204,
        count: 3,
        body: &[1, 2, 3, 4, 5],
    };
    let mut out = Vec::new();
    p.write(&mut out).unwrap();
    assert_eq!(out, vec![0xa3, 204, 0, 2, 1, 2, 3, 4, 5, 0, 0, 3]);
    let back = RtcpCompound::parse(&out).unwrap().packets().next().unwrap();
    assert_eq!(back, p);
}

#[test]
fn rejects_malformed_compounds() {
    assert_eq!(RtcpCompound::parse(&[]), Err(RtcpError::TooShort));
    assert_eq!(
        RtcpCompound::parse(&[0x80, 201, 0]),
        Err(RtcpError::TooShort)
    );
    assert_eq!(
        RtcpCompound::parse(&[0x40, 201, 0, 0]),
        Err(RtcpError::BadVersion(1))
    );
    assert_eq!(
        RtcpCompound::parse(&[0x80, 201, 0, 1, 0, 0]),
        Err(RtcpError::LengthOverrun)
    );
    // RR claiming one block with none present.
    assert_eq!(
        RtcpCompound::parse(&[0x81, 201, 0, 1, 0, 0, 0, 9]),
        Err(RtcpError::Truncated(PT_RR))
    );
    // SR without sender info.
    assert_eq!(
        RtcpCompound::parse(&[0x80, 200, 0, 1, 0, 0, 0, 9]),
        Err(RtcpError::Truncated(PT_SR))
    );
    // SDES item running past the packet, and a chunk with no terminator.
    let item_overrun = [0x81, 202, 0, 2, 0, 0, 0, 9, 1, 9, b'a', b'b'];
    assert_eq!(
        RtcpCompound::parse(&item_overrun),
        Err(RtcpError::Truncated(PT_SDES))
    );
    let no_end = [0x81, 202, 0, 2, 0, 0, 0, 9, 1, 2, b'a', b'b'];
    assert_eq!(
        RtcpCompound::parse(&no_end),
        Err(RtcpError::Truncated(PT_SDES))
    );
    // BYE naming two sources with room for one, and a reason longer than the packet.
    assert_eq!(
        RtcpCompound::parse(&[0x82, 203, 0, 1, 0, 0, 0, 9]),
        Err(RtcpError::Truncated(PT_BYE))
    );
    assert_eq!(
        RtcpCompound::parse(&[0x81, 203, 0, 2, 0, 0, 0, 9, 8, b'x', 0, 0]),
        Err(RtcpError::Truncated(PT_BYE))
    );
    // A good packet followed by a bad one spoils the compound.
    let mut tail = sr_sdes();
    tail.extend_from_slice(&[0x80, 201]);
    assert_eq!(RtcpCompound::parse(&tail), Err(RtcpError::TooShort));
}

#[test]
fn writer_limits() {
    let mut out = vec![0xee];
    let many = std::iter::repeat_n(ReportBlock::default(), 32);
    assert_eq!(write_rr(&mut out, 1, many), Err(RtcpError::TooMany));
    assert_eq!(
        out,
        vec![0xee],
        "a failed write leaves the buffer as it was"
    );
    let long = [b'x'; 256];
    let item = SdesItem {
        kind: SDES_CNAME,
        value: &long,
    };
    assert_eq!(write_sdes(&mut out, [(1, [item])]), Err(RtcpError::BadItem));
    let end = SdesItem {
        kind: 0,
        value: b"",
    };
    assert_eq!(write_sdes(&mut out, [(1, [end])]), Err(RtcpError::BadItem));
    assert_eq!(
        write_bye(&mut out, [1], Some(&long)),
        Err(RtcpError::BadItem)
    );
    assert_eq!(out, vec![0xee]);
    // Cumulative loss saturates at the 24-bit limits.
    let block = ReportBlock {
        cumulative_lost: 0x0100_0000,
        ..Default::default()
    };
    write_rr(&mut out, 1, [block]).unwrap();
    let c = RtcpCompound::parse(&out[1..]).unwrap();
    let Some(RtcpPacket::ReceiverReport { mut reports, .. }) = c.packets().next() else {
        panic!("not an RR");
    };
    assert_eq!(reports.next().unwrap().cumulative_lost, 0x7f_ffff);
}

#[test]
fn sdes_and_bye_pad_to_word_boundaries() {
    let mut out = Vec::new();
    let name = SdesItem {
        kind: 2,
        value: b"Alice",
    };
    let cname = SdesItem {
        kind: SDES_CNAME,
        value: b"a@b",
    };
    write_sdes(&mut out, [(7, [cname, name])]).unwrap();
    // 4 header + 4 SSRC + (2+3) + (2+5) + 1 terminator = 21, padded to 24.
    assert_eq!(out.len(), 24);
    write_bye(&mut out, [7, 8], Some(b"bye")).unwrap();
    write_bye(&mut out, [7], None).unwrap();
    let c = RtcpCompound::parse(&out).unwrap();
    let packets: Vec<_> = c.packets().collect();
    assert_eq!(packets.len(), 3);
    let RtcpPacket::SourceDescription(mut chunks) = packets[0] else {
        panic!()
    };
    let items: Vec<_> = chunks.next().unwrap().items.collect();
    assert_eq!(items, vec![cname, name]);
    let RtcpPacket::Bye { sources, reason } = packets[1] else {
        panic!()
    };
    assert_eq!(sources.collect::<Vec<_>>(), vec![7, 8]);
    assert_eq!(reason, Some(&b"bye"[..]));
    assert!(matches!(packets[2], RtcpPacket::Bye { reason: None, .. }));
    // Padding counts from the packet's own start, whatever the buffer held before it.
    let mut prefixed = vec![0xee; 3];
    write_sdes(&mut prefixed, [(7, [cname, name])]).unwrap();
    write_bye(&mut prefixed, [7, 8], Some(b"bye")).unwrap();
    assert_eq!(&prefixed[3..], &out[..prefixed.len() - 3]);
}

#[test]
fn rtcp_mux_demultiplexing() {
    // RFC 5761 §4: second octet 192..=223 is RTCP.
    assert!(is_rtcp(&[0x80, 200]));
    assert!(is_rtcp(&[0x81, 201, 0, 7]));
    assert!(is_rtcp(&[0x80, 192]));
    assert!(is_rtcp(&[0x80, 223]));
    assert!(!is_rtcp(&[0x80, 191]));
    assert!(!is_rtcp(&[0x80, 224]));
    // RTP: PCMU with and without marker, telephone-event 101 with marker (0xe5).
    assert!(!is_rtcp(&[0x80, 0x00]));
    assert!(!is_rtcp(&[0x80, 0x80]));
    assert!(!is_rtcp(&[0x80, 0xe5]));
    assert!(!is_rtcp(&[0x80]));
    // Payload type 72 without the marker is (forbidden) RTP, not an RTCP SR.
    assert!(!is_rtcp(&[0x80, 72]));
}

/// The fuzz seeds in tests/data/rtp are what tests/data/README.md says they are.
#[test]
fn the_fuzz_seeds_parse() {
    use crate::rtp::{RtpPacket, TelephoneEvent};
    let plain = RtpPacket::parse(include_bytes!("../../tests/data/rtp/rtp_plain")).unwrap();
    assert_eq!((plain.payload_type, plain.payload.len()), (0, 160));
    let full = RtpPacket::parse(include_bytes!("../../tests/data/rtp/rtp_full")).unwrap();
    assert!(full.marker && full.extension.is_some() && full.padding == 4);
    assert_eq!(full.csrcs.as_slice(), &[1, 2]);
    assert!(TelephoneEvent::parse(full.payload).unwrap().end);
    let kinds = |data: &[u8]| -> Vec<u8> {
        RtcpCompound::parse(data)
            .unwrap()
            .packets()
            .map(|p| match p {
                RtcpPacket::SenderReport { .. } => PT_SR,
                RtcpPacket::ReceiverReport { .. } => PT_RR,
                RtcpPacket::SourceDescription(_) => PT_SDES,
                RtcpPacket::Bye { .. } => PT_BYE,
                RtcpPacket::Other { packet_type, .. } => packet_type,
            })
            .collect()
    };
    let sr_sdes = kinds(include_bytes!("../../tests/data/rtp/rtcp_sr_sdes"));
    assert_eq!(sr_sdes, [PT_SR, PT_SDES]);
    let rr_bye = kinds(include_bytes!("../../tests/data/rtp/rtcp_rr_bye"));
    assert_eq!(rr_bye, [PT_RR, PT_BYE]);
    assert_eq!(
        kinds(include_bytes!("../../tests/data/rtp/rtcp_app")),
        [PT_SR, 204]
    );
    assert_eq!(
        TelephoneEvent::parse(include_bytes!("../../tests/data/rtp/dtmf"))
            .unwrap()
            .event,
        5
    );
}
