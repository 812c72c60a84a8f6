//! RTP payload types: the static assignments of RFC 3551 (tables 4 and 5), so a format
//! without `a=rtpmap` is still understood, and the dynamic range 96..=127.

use super::attributes::RtpMap;

/// The first dynamic payload type (RFC 3551 §6).
pub(super) const DYNAMIC_FIRST: u8 = 96;
/// The last dynamic payload type.
pub(super) const DYNAMIC_LAST: u8 = 127;

/// The static payload types: number, encoding name, clock rate, channels (for audio).
///
/// G.722 is listed with an 8000 Hz RTP clock although it samples at 16000 Hz: RFC 3551
/// §4.5.2 keeps the clock of the first implementations, and every phone writes
/// `G722/8000`.
const STATIC: &[(u8, &str, u32, Option<u16>)] = &[
    (0, "PCMU", 8000, Some(1)),
    (3, "GSM", 8000, Some(1)),
    (4, "G723", 8000, Some(1)),
    (5, "DVI4", 8000, Some(1)),
    (6, "DVI4", 16000, Some(1)),
    (7, "LPC", 8000, Some(1)),
    (8, "PCMA", 8000, Some(1)),
    (9, "G722", 8000, Some(1)),
    (10, "L16", 44100, Some(2)),
    (11, "L16", 44100, Some(1)),
    (12, "QCELP", 8000, Some(1)),
    (13, "CN", 8000, Some(1)),
    (14, "MPA", 90000, None),
    (15, "G728", 8000, Some(1)),
    (16, "DVI4", 11025, Some(1)),
    (17, "DVI4", 22050, Some(1)),
    (18, "G729", 8000, Some(1)),
    (25, "CelB", 90000, None),
    (26, "JPEG", 90000, None),
    (28, "nv", 90000, None),
    (31, "H261", 90000, None),
    (32, "MPV", 90000, None),
    (33, "MP2T", 90000, None),
    (34, "H263", 90000, None),
];

/// The codec a static payload type stands for, or `None` for an unassigned or dynamic one.
pub fn static_payload(payload_type: u8) -> Option<RtpMap> {
    STATIC
        .iter()
        .find(|(pt, ..)| *pt == payload_type)
        .map(|&(pt, name, clock_rate, channels)| RtpMap {
            payload_type: pt,
            encoding: name.to_string(),
            clock_rate,
            channels,
        })
}

/// The static payload type of a codec (name compared without case; channels 1 when
/// `None`), or `None` when it has no static assignment.
pub fn static_payload_type(encoding: &str, clock_rate: u32, channels: u16) -> Option<u8> {
    STATIC
        .iter()
        .find(|(_, name, rate, ch)| {
            name.eq_ignore_ascii_case(encoding)
                && *rate == clock_rate
                && ch.unwrap_or(1) == channels
        })
        .map(|(pt, ..)| *pt)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn common_static_types() {
        let pcmu = static_payload(0).map(|m| (m.encoding, m.clock_rate, m.channels));
        assert_eq!(pcmu, Some(("PCMU".to_string(), 8000, Some(1))));
        assert_eq!(
            static_payload(8).map(|m| m.encoding),
            Some("PCMA".to_string())
        );
        assert_eq!(
            static_payload(9).map(|m| m.clock_rate),
            Some(8000),
            "G.722's RTP clock"
        );
        assert_eq!(
            static_payload(18).map(|m| m.encoding),
            Some("G729".to_string())
        );
        assert_eq!(
            static_payload(3).map(|m| m.encoding),
            Some("GSM".to_string())
        );
        assert_eq!(static_payload(31).map(|m| m.clock_rate), Some(90000));
        assert_eq!(static_payload(2), None, "2 is unassigned");
        assert_eq!(static_payload(96), None);
    }

    #[test]
    fn lookup_by_codec() {
        assert_eq!(static_payload_type("pcmu", 8000, 1), Some(0));
        assert_eq!(static_payload_type("G722", 8000, 1), Some(9));
        assert_eq!(static_payload_type("G722", 16000, 1), None);
        assert_eq!(static_payload_type("L16", 44100, 2), Some(10));
        assert_eq!(static_payload_type("opus", 48000, 2), None);
    }
}
