//! An AccountConfig checked and turned into what the core uses: parsed URIs, credentials,
//! headers and timing. Every string is validated here, so errors name the config field.

use super::rtcp_feedback::{rtcp_feedback, RtcpFeedback};
use crate::sip::auth::Credential;
use crate::sip::parse::{parse_name_addr, parse_uri};
use crate::sip::registration::RegTiming;
use crate::sip::{HeaderName, NameAddr, Text, Uri};
use crate::ua::config::{
    AccountConfig, SipHeader, PJSUA2RS_REG_USE_ACC_PROXY, PJSUA2RS_REG_USE_OUTBOUND_PROXY,
};
use crate::ua::fixed_str::FixedStr;
use crate::ua::status::{PJSUA2RS_ERR_INVALID_ARG, PJSUA2RS_ERR_SIP_INVALID_URI};
use crate::ua::{Error, Result};
use std::time::Duration;

/// How the Contact follows the address the registrar sees (natConfig).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NatSettings {
    /// `contactRewriteUse` (PJSUA's `allow_contact_rewrite`), on every transport: 0 never;
    /// 1 when the registrar saw another address, except when our Contact and the
    /// registrar are public and the address seen is private, or only the port differs
    /// and the address seen is private; 2 on any difference.
    pub contact_rewrite_use: i32,
    /// `contactRewriteMethod` bits (PJSUA2RS_CONTACT_REWRITE_*).
    pub contact_rewrite_method: i32,
    /// `viaRewriteUse`: put the discovered address in our Via sent-by.
    pub via_rewrite: bool,
    /// `udpKaIntervalSec`: keep-alive period to the registrar on UDP; 0 disables.
    pub udp_ka_interval: Duration,
    /// `udpKaData`: what the keep-alive sends.
    pub udp_ka_data: String,
}

/// The call settings of an account (callConfig and mediaConfig).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CallSettings {
    /// `callConfig.prackUse` (PJSUA2RS_100REL_*).
    pub prack_use: i32,
    /// `callConfig.timerUse` (PJSUA2RS_SIP_TIMER_*).
    pub timer_use: i32,
    /// `callConfig.timerMinSESec`.
    pub timer_min_se: u32,
    /// `callConfig.timerSessExpiresSec`.
    pub timer_sess_expires: u32,
    /// `callConfig.holdType` (PJSUA2RS_CALL_HOLD_TYPE_*).
    pub hold_type: i32,
    /// `mediaConfig.transportConfig.port`: the first RTP port.
    pub rtp_port: u16,
    /// `mediaConfig.transportConfig.portRange`: how many ports above it may be used (0:
    /// up to 65535).
    pub rtp_port_range: u16,
    /// `mediaConfig.transportConfig.publicAddress`: the address put in SDP, if set.
    pub media_public_address: String,
    /// `mediaConfig.rtcpMuxEnabled`.
    pub rtcp_mux: bool,
    /// `mediaConfig.rtcpFbConfig`: the RTCP feedback capabilities when AVPF is used
    /// (`dontUseAvpf` false), else `None`.
    pub rtcp_feedback: Option<Vec<RtcpFeedback>>,
}

impl Default for CallSettings {
    /// PJSUA2's defaults: no 100rel, optional session timers (90/1800 s), RFC 3264 hold,
    /// RTP from port 4000.
    fn default() -> Self {
        CallSettings {
            prack_use: 0,
            timer_use: 1,
            timer_min_se: 90,
            timer_sess_expires: 1800,
            hold_type: 0,
            rtp_port: 4000,
            rtp_port_range: 0,
            media_public_address: String::new(),
            rtcp_mux: false,
            rtcp_feedback: None,
        }
    }
}

/// An account's settings, validated.
#[derive(Clone, Debug)]
pub struct AccountSettings {
    /// `priority`: higher is preferred when matching incoming requests.
    pub priority: i32,
    /// `idUri`: the account's address (From of its requests, the AoR it registers).
    pub id: NameAddr,
    /// `idUri` as configured (AccountInfo.uri).
    pub id_text: String,
    /// `regConfig.registrarUri`, if the account registers.
    pub registrar: Option<Uri>,
    /// `regConfig.registerOnAdd`.
    pub register_on_add: bool,
    /// `regConfig.timeoutSec`.
    pub reg_timeout: u32,
    /// Retry and refresh timing.
    pub reg_timing: RegTiming,
    /// `regConfig.unregWaitMsec`.
    pub unreg_wait: Duration,
    /// `regConfig.disableRegOnModify`: `Account::modify` sends no REGISTER.
    pub disable_reg_on_modify: bool,
    /// `regConfig.dropCallsOnFail`: hang up the account's calls once a retry of a failed
    /// registration fails too.
    pub drop_calls_on_fail: bool,
    /// `regConfig.headers`.
    pub reg_headers: Vec<(HeaderName, Text)>,
    /// `regConfig.proxyUse` bits (PJSUA2RS_REG_USE_*).
    pub reg_proxy_use: u32,
    /// Contact header parameters for REGISTER (`regConfig.contactParams`).
    pub reg_contact_params: String,
    /// Contact URI parameters for REGISTER (`regConfig.contactUriParams`).
    pub reg_contact_uri_params: String,
    /// `sipConfig.proxies`: the account's route set.
    pub proxies: Vec<NameAddr>,
    /// `sipConfig.authCreds`.
    pub credentials: Vec<Credential>,
    /// `sipConfig.authInitialEmpty`: requests carry an empty Authorization header for
    /// each credential not yet challenged, with this algorithm
    /// (`sipConfig.authInitialAlgorithm`, may be empty); `None` when off.
    pub auth_initial: Option<String>,
    /// `sipConfig.useSharedAuth`: the account's calls share its digest client.
    pub use_shared_auth: bool,
    /// `sipConfig.contactForced`.
    pub contact_forced: Option<NameAddr>,
    /// `sipConfig.contactParams`.
    pub contact_params: String,
    /// `sipConfig.contactUriParams`.
    pub contact_uri_params: String,
    /// `sipConfig.transportId`: -1 means any.
    pub transport_id: i32,
    /// NAT behaviour.
    pub nat: NatSettings,
    /// Calls and media.
    pub call: CallSettings,
}

fn field<'a>(buf: &'a [std::os::raw::c_char], name: &str) -> Result<&'a str> {
    buf.get_str(name)
}

fn name_addr(value: &str, name: &str) -> Result<NameAddr> {
    let parsed = parse_name_addr(&Text::from(value.trim())).map_err(|e| {
        Error::new(
            PJSUA2RS_ERR_SIP_INVALID_URI,
            "",
            format!("{name} '{value}' is not a valid URI: {}", e.reason),
        )
    })?;
    if !matches!(parsed.uri, Uri::Sip(_)) {
        return Err(Error::new(
            PJSUA2RS_ERR_SIP_INVALID_URI,
            "",
            format!("{name} '{value}' is not a sip: or sips: URI"),
        ));
    }
    Ok(parsed)
}

fn headers(list: &[SipHeader], count: u32, name: &str) -> Result<Vec<(HeaderName, Text)>> {
    let count = (count as usize).min(list.len());
    list[..count]
        .iter()
        .enumerate()
        .map(|(i, h)| {
            let n = field(&h.hname, &format!("{name}[{i}].hName"))?;
            let v = field(&h.hvalue, &format!("{name}[{i}].hValue"))?;
            if n.is_empty() || n.contains([':', ' ', '\r', '\n']) || v.contains(['\r', '\n']) {
                return Err(Error::new(
                    PJSUA2RS_ERR_INVALID_ARG,
                    "",
                    format!("{name}[{i}] '{n}: {v}' is not a valid header"),
                ));
            }
            Ok((HeaderName::parse(n), Text::from(v)))
        })
        .collect()
}

/// `sipConfig.authInitialAlgorithm`: empty or a token (it goes into a header as is).
fn initial_algorithm(buf: &[std::os::raw::c_char]) -> Result<String> {
    let name = "AccountConfig.sipConfig.authInitialAlgorithm";
    let value = field(buf, name)?;
    if !value.bytes().all(crate::sip::parse::lex::is_token_byte) {
        return Err(Error::new(
            PJSUA2RS_ERR_INVALID_ARG,
            "",
            format!("{name} '{value}' is not an algorithm name (a token such as MD5)"),
        ));
    }
    Ok(value.to_string())
}

impl AccountSettings {
    /// Checks `cfg` and extracts the settings; errors name the offending field.
    pub fn from_config(cfg: &AccountConfig) -> Result<Self> {
        let id_uri = field(&cfg.id_uri, "AccountConfig.idUri")?;
        if id_uri.trim().is_empty() {
            return Err(Error::new(
                PJSUA2RS_ERR_INVALID_ARG,
                "",
                "AccountConfig.idUri is empty",
            ));
        }
        let id = name_addr(id_uri, "AccountConfig.idUri")?;
        let reg = &cfg.reg_config;
        let registrar_uri = field(&reg.registrar_uri, "AccountConfig.regConfig.registrarUri")?;
        let registrar = if registrar_uri.trim().is_empty() {
            None
        } else {
            let uri = parse_uri(&Text::from(registrar_uri.trim()))
                .or_else(|_| parse_name_addr(&Text::from(registrar_uri.trim())).map(|a| a.uri))
                .map_err(|e| {
                    Error::new(PJSUA2RS_ERR_SIP_INVALID_URI, "", format!("AccountConfig.regConfig.registrarUri '{registrar_uri}' is not a valid URI: {}", e.reason))
                })?;
            if !matches!(uri, Uri::Sip(_)) {
                return Err(Error::new(PJSUA2RS_ERR_SIP_INVALID_URI, "", format!("AccountConfig.regConfig.registrarUri '{registrar_uri}' is not a sip: or sips: URI")));
            }
            Some(uri)
        };
        let sip = &cfg.sip_config;
        let proxy_count = (sip.proxies_count as usize).min(sip.proxies.len());
        let proxies = sip.proxies[..proxy_count]
            .iter()
            .enumerate()
            .map(|(i, p)| {
                let name = format!("AccountConfig.sipConfig.proxies[{i}]");
                name_addr(field(p, &name)?, &name)
            })
            .collect::<Result<Vec<_>>>()?;
        let cred_count = (sip.auth_creds_count as usize).min(sip.auth_creds.len());
        let credentials = sip.auth_creds[..cred_count]
            .iter()
            .enumerate()
            .map(|(i, c)| {
                Credential::from_config(c).map_err(|e| {
                    Error::new(
                        e.status(),
                        "",
                        format!("AccountConfig.sipConfig.authCreds[{i}]: {e}"),
                    )
                })
            })
            .collect::<Result<Vec<_>>>()?;
        let forced = field(&sip.contact_forced, "AccountConfig.sipConfig.contactForced")?;
        let contact_forced = if forced.trim().is_empty() {
            None
        } else {
            Some(name_addr(forced, "AccountConfig.sipConfig.contactForced")?)
        };
        let secs = |s: u32| Duration::from_secs(s as u64);
        let nat = &cfg.nat_config;
        let media = &cfg.media_config.transport_config;
        if media.port > u16::MAX as u32 {
            return Err(Error::new(
                PJSUA2RS_ERR_INVALID_ARG,
                "",
                format!(
                    "AccountConfig.mediaConfig.transportConfig.port {} is out of range",
                    media.port
                ),
            ));
        }
        let call = CallSettings {
            prack_use: cfg.call_config.prack_use,
            timer_use: cfg.call_config.timer_use,
            timer_min_se: cfg.call_config.timer_min_se_sec.max(90),
            timer_sess_expires: cfg.call_config.timer_sess_expires_sec,
            hold_type: cfg.call_config.hold_type,
            rtp_port: media.port as u16,
            rtp_port_range: media.port_range.min(u16::MAX as u32) as u16,
            media_public_address: field(
                &media.public_address,
                "AccountConfig.mediaConfig.transportConfig.publicAddress",
            )?
            .to_string(),
            rtcp_mux: cfg.media_config.rtcp_mux_enabled,
            rtcp_feedback: rtcp_feedback(&cfg.media_config.rtcp_fb_config)?,
        };
        let settings = AccountSettings {
            priority: cfg.priority,
            id_text: id_uri.trim().to_string(),
            id,
            registrar,
            register_on_add: reg.register_on_add,
            reg_timeout: reg.timeout_sec,
            reg_timing: RegTiming {
                retry_interval: secs(reg.retry_interval_sec),
                first_retry_interval: (reg.first_retry_interval_sec > 0)
                    .then(|| secs(reg.first_retry_interval_sec)),
                random_retry_interval: secs(reg.random_retry_interval_sec),
                delay_before_refresh: secs(reg.delay_before_refresh_sec),
            },
            unreg_wait: Duration::from_millis(reg.unreg_wait_msec as u64),
            disable_reg_on_modify: reg.disable_reg_on_modify,
            drop_calls_on_fail: reg.drop_calls_on_fail,
            reg_headers: headers(
                &reg.headers,
                reg.headers_count,
                "AccountConfig.regConfig.headers",
            )?,
            reg_proxy_use: reg.proxy_use
                & (PJSUA2RS_REG_USE_OUTBOUND_PROXY | PJSUA2RS_REG_USE_ACC_PROXY),
            reg_contact_params: field(
                &reg.contact_params,
                "AccountConfig.regConfig.contactParams",
            )?
            .to_string(),
            reg_contact_uri_params: field(
                &reg.contact_uri_params,
                "AccountConfig.regConfig.contactUriParams",
            )?
            .to_string(),
            proxies,
            credentials,
            auth_initial: sip
                .auth_initial_empty
                .then(|| initial_algorithm(&sip.auth_initial_algorithm))
                .transpose()?,
            use_shared_auth: sip.use_shared_auth,
            contact_forced,
            contact_params: field(&sip.contact_params, "AccountConfig.sipConfig.contactParams")?
                .to_string(),
            contact_uri_params: field(
                &sip.contact_uri_params,
                "AccountConfig.sipConfig.contactUriParams",
            )?
            .to_string(),
            transport_id: sip.transport_id,
            nat: NatSettings {
                contact_rewrite_use: nat.contact_rewrite_use,
                contact_rewrite_method: nat.contact_rewrite_method,
                via_rewrite: nat.via_rewrite_use != 0,
                udp_ka_interval: secs(nat.udp_ka_interval_sec),
                udp_ka_data: field(&nat.udp_ka_data, "AccountConfig.natConfig.udpKaData")?
                    .to_string(),
            },
            call,
        };
        super::contact::check_params(&settings)
            .map_err(|r| Error::new(PJSUA2RS_ERR_INVALID_ARG, "", format!("AccountConfig: {r}")))?;
        Ok(settings)
    }

    /// The user part of the account's URI (for the Contact), if any.
    pub fn user(&self) -> Option<&str> {
        self.id.uri.as_sip().and_then(|u| u.user.as_deref())
    }
}
