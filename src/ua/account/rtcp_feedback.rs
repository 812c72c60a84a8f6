//! An account's RTCP feedback settings (PJSUA2 `RtcpFbConfig`) as the SDP lines they
//! ask for (RFC 4585 §4.2).

use crate::ua::config::{
    RtcpFbConfig, PJSUA2RS_RTCP_FB_ACK, PJSUA2RS_RTCP_FB_NACK, PJSUA2RS_RTCP_FB_OTHER,
    PJSUA2RS_RTCP_FB_TRR_INT,
};
use crate::ua::fixed_str::FixedStr;
use crate::ua::status::PJSUA2RS_ERR_INVALID_ARG;
use crate::ua::{Error, Result};

/// One `a=rtcp-fb` capability: the codec it is for and the line's value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RtcpFeedback {
    /// A codec id or its start (`PCMU/8000`, `opus`), compared without case, or `*`.
    pub codec_id: String,
    /// What follows the payload type: the type and its parameter (`nack pli`).
    pub value: String,
}

impl RtcpFeedback {
    /// Whether this capability is for the codec with id `id` (`PCMU/8000/1`).
    pub fn applies_to(&self, id: &str) -> bool {
        id.get(..self.codec_id.len())
            .is_some_and(|start| start.eq_ignore_ascii_case(&self.codec_id))
    }
}

/// The capabilities of `cfg` when AVPF is used (`dont_use_avpf` false), else `None`.
/// Errors name the field: an empty codec id, an unknown type, an OTHER type without a name.
pub fn rtcp_feedback(cfg: &RtcpFbConfig) -> Result<Option<Vec<RtcpFeedback>>> {
    if cfg.dont_use_avpf {
        return Ok(None);
    }
    let count = (cfg.caps_count as usize).min(cfg.caps.len());
    let mut caps = Vec::with_capacity(count);
    for (i, cap) in cfg.caps[..count].iter().enumerate() {
        let name = |f: &str| format!("AccountConfig.mediaConfig.rtcpFbConfig.caps[{i}].{f}");
        let bad = |f: &str, why: &str| {
            Error::new(PJSUA2RS_ERR_INVALID_ARG, "", format!("{} {why}", name(f)))
        };
        let codec_id = cap.codec_id.get_str(&name("codecId"))?.trim().to_string();
        if codec_id.is_empty() {
            return Err(bad("codecId", "is empty (use \"*\" for every codec)"));
        }
        let type_name = cap.type_name.get_str(&name("typeName"))?.trim();
        let kind = match cap.r#type {
            PJSUA2RS_RTCP_FB_ACK => "ack",
            PJSUA2RS_RTCP_FB_NACK => "nack",
            PJSUA2RS_RTCP_FB_TRR_INT => "trr-int",
            PJSUA2RS_RTCP_FB_OTHER if !type_name.is_empty() => type_name,
            PJSUA2RS_RTCP_FB_OTHER => return Err(bad("typeName", "is empty for type OTHER")),
            other => {
                return Err(bad(
                    "type",
                    &format!("{other} is not a PJMEDIA_RTCP_FB_* type"),
                ))
            }
        };
        let param = cap.param.get_str(&name("param"))?.trim();
        let value = if param.is_empty() {
            kind.to_string()
        } else {
            format!("{kind} {param}")
        };
        caps.push(RtcpFeedback { codec_id, value });
    }
    Ok(Some(caps))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ua::config::RtcpFbCap;

    fn cap(codec: &str, kind: i32, name: &str, param: &str) -> RtcpFbCap {
        let mut c = RtcpFbCap::default();
        c.codec_id.set_str(codec, "codecId").unwrap();
        c.r#type = kind;
        c.type_name.set_str(name, "typeName").unwrap();
        c.param.set_str(param, "param").unwrap();
        c
    }

    #[test]
    fn default_is_no_avpf() {
        assert_eq!(rtcp_feedback(&RtcpFbConfig::default()).unwrap(), None);
    }

    #[test]
    fn values_and_codec_match() {
        let mut cfg = RtcpFbConfig {
            dont_use_avpf: false,
            ..RtcpFbConfig::default()
        };
        cfg.caps[0] = cap("*", PJSUA2RS_RTCP_FB_NACK, "", "");
        cfg.caps[1] = cap("pcmu/8000", PJSUA2RS_RTCP_FB_NACK, "", "pli");
        cfg.caps[2] = cap("opus", PJSUA2RS_RTCP_FB_TRR_INT, "", "100");
        cfg.caps[3] = cap("G722", PJSUA2RS_RTCP_FB_OTHER, "ccm", "fir");
        cfg.caps_count = 4;
        let caps = rtcp_feedback(&cfg).unwrap().unwrap();
        let values: Vec<&str> = caps.iter().map(|c| c.value.as_str()).collect();
        assert_eq!(values, ["nack", "nack pli", "trr-int 100", "ccm fir"]);
        assert!(caps[1].applies_to("PCMU/8000/1") && !caps[1].applies_to("PCMA/8000/1"));
        assert!(caps[2].applies_to("opus/48000/2"));
    }

    #[test]
    fn errors_name_the_field() {
        let mut cfg = RtcpFbConfig {
            dont_use_avpf: false,
            caps_count: 1,
            ..RtcpFbConfig::default()
        };
        cfg.caps[0] = cap("PCMU", PJSUA2RS_RTCP_FB_OTHER, "", "");
        let e = rtcp_feedback(&cfg).unwrap_err();
        assert!(e.reason.contains("caps[0].typeName"), "{}", e.reason);
        cfg.caps[0] = cap("", PJSUA2RS_RTCP_FB_ACK, "", "");
        let e = rtcp_feedback(&cfg).unwrap_err();
        assert!(e.reason.contains("caps[0].codecId"), "{}", e.reason);
        cfg.caps[0] = cap("*", 9, "", "");
        let e = rtcp_feedback(&cfg).unwrap_err();
        assert!(e.reason.contains("caps[0].type 9"), "{}", e.reason);
    }
}
