//! RTCP feedback attributes (RFC 4585 §4.2): `a=rtcp-fb:<pt or *> <type> [<param>]` on
//! m-lines of the AVPF profiles.

use super::model::MediaDescription;

/// Whether `proto` is an AVPF profile (`RTP/AVPF`, `RTP/SAVPF`, `UDP/TLS/RTP/SAVPF`),
/// the only ones whose m-lines carry `a=rtcp-fb` (RFC 4585 §4.2).
pub(crate) fn is_avpf(proto: &str) -> bool {
    proto.len() >= 4 && proto[proto.len() - 4..].eq_ignore_ascii_case("AVPF")
}

/// Appends the `a=rtcp-fb` lines of `m` when its protocol is AVPF: first `for_all` with
/// `*`, then each format's own values with its payload type.
pub(crate) fn push_feedback<'a>(
    m: &mut MediaDescription,
    for_all: &[String],
    per_format: impl IntoIterator<Item = (u8, &'a [String])>,
) {
    if !is_avpf(&m.proto) {
        return;
    }
    for value in for_all {
        m.push_attribute("rtcp-fb", Some(format!("* {value}")));
    }
    for (pt, values) in per_format {
        for value in values {
            m.push_attribute("rtcp-fb", Some(format!("{pt} {value}")));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn avpf_profiles() {
        for p in ["RTP/AVPF", "RTP/SAVPF", "UDP/TLS/RTP/SAVPF", "rtp/avpf"] {
            assert!(is_avpf(p), "{p}");
        }
        for p in ["RTP/AVP", "RTP/SAVP", "", "AVP"] {
            assert!(!is_avpf(p), "{p}");
        }
    }

    #[test]
    fn lines_only_on_avpf() {
        let all = vec!["nack".to_string()];
        let pcmu = ["nack pli".to_string(), "trr-int 100".to_string()];
        let mut m = MediaDescription::new("audio", 4000, "RTP/AVPF", vec!["0".into()]);
        push_feedback(&mut m, &all, [(0u8, &pcmu[..])]);
        let lines: Vec<String> = m
            .attributes
            .iter()
            .map(|a| a.value.clone().unwrap_or_default())
            .collect();
        assert_eq!(lines, ["* nack", "0 nack pli", "0 trr-int 100"]);
        let mut plain = MediaDescription::new("audio", 4000, "RTP/AVP", vec!["0".into()]);
        push_feedback(&mut plain, &all, [(0u8, &pcmu[..])]);
        assert!(plain.attributes.is_empty());
    }
}
