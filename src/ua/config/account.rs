//! Account config (PJSUA2 account.hpp): `AccountConfig` and its registration, SIP, call,
//! presence and MWI parts, and `SipHeader`. NAT and media parts are in `account_nat` and
//! `account_media`.

use super::account_media::{
    AccountIpChangeConfig, AccountMediaConfig, AccountTextConfig, AccountVideoConfig,
};
use super::account_nat::AccountNatConfig;
use super::auth::AuthCredInfo;
use super::limits::*;
use std::os::raw::c_char;

/// `AccountRegConfig.proxy_use` bit: route REGISTER via the global outbound proxies.
pub const PJSUA2RS_REG_USE_OUTBOUND_PROXY: u32 = 1;
/// `AccountRegConfig.proxy_use` bit: route REGISTER via the account's proxies.
pub const PJSUA2RS_REG_USE_ACC_PROXY: u32 = 2;
/// `AccountSipConfig.ipv6_use` and `AccountMediaConfig.ipv6_use`: IPv4 only.
pub const PJSUA2RS_IPV6_DISABLED: i32 = 0;
/// `ipv6_use`: IPv6 enabled, no preference.
pub const PJSUA2RS_IPV6_ENABLED: i32 = 1;
/// `ipv6_use`: IPv6 enabled, IPv4 preferred.
pub const PJSUA2RS_IPV6_ENABLED_PREFER_IPV4: i32 = 2;
/// `ipv6_use`: IPv6 enabled and preferred.
pub const PJSUA2RS_IPV6_ENABLED_PREFER_IPV6: i32 = 3;
/// `ipv6_use`: IPv6 only.
pub const PJSUA2RS_IPV6_ENABLED_USE_IPV6_ONLY: i32 = 4;
/// `AccountSipConfig.server_affinity`: follow `UaConfig.acc_server_affinity_default`.
pub const PJSUA2RS_SERVER_AFFINITY_UNSPECIFIED: i32 = 0;
/// `server_affinity`: disabled.
pub const PJSUA2RS_SERVER_AFFINITY_DISABLED: i32 = 1;
/// `server_affinity`: keep using the TCP/TLS server address the account registered to.
pub const PJSUA2RS_SERVER_AFFINITY_ENABLED: i32 = 2;
/// `AccountCallConfig.hold_type`: hold as RFC 3264 (a=sendonly), the default.
pub const PJSUA2RS_CALL_HOLD_TYPE_RFC3264: i32 = 0;
/// `hold_type`: hold as RFC 2543 (c=0.0.0.0).
pub const PJSUA2RS_CALL_HOLD_TYPE_RFC2543: i32 = 1;
/// `AccountCallConfig.prack_use`: no reliable provisional responses (the default).
pub const PJSUA2RS_100REL_NOT_USED: i32 = 0;
/// `prack_use`: require 100rel.
pub const PJSUA2RS_100REL_MANDATORY: i32 = 1;
/// `prack_use`: use 100rel when the peer supports it.
pub const PJSUA2RS_100REL_OPTIONAL: i32 = 2;
/// `AccountCallConfig.timer_use`: no session timers.
pub const PJSUA2RS_SIP_TIMER_INACTIVE: i32 = 0;
/// `timer_use`: session timers when the peer supports them (the default).
pub const PJSUA2RS_SIP_TIMER_OPTIONAL: i32 = 1;
/// `timer_use`: require session timers.
pub const PJSUA2RS_SIP_TIMER_REQUIRED: i32 = 2;
/// `timer_use`: always use session timers, even when the peer does not support them.
pub const PJSUA2RS_SIP_TIMER_ALWAYS: i32 = 3;
/// `AccountCallConfig.siprec_use`: no SIPREC (the default).
pub const PJSUA2RS_SIP_SIPREC_INACTIVE: i32 = 0;
/// `siprec_use`: accept SIPREC sessions.
pub const PJSUA2RS_SIP_SIPREC_OPTIONAL: i32 = 1;
/// `siprec_use`: only accept SIPREC sessions.
pub const PJSUA2RS_SIP_SIPREC_MANDATORY: i32 = 2;

/// One extra SIP header (PJSUA2 `SipHeader`); JSON keys "hname" and "hvalue".
#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct SipHeader {
    /// The header name, e.g. "X-Custom".
    pub hname: [c_char; PJSUA2RS_HEADER_NAME_LEN],
    /// The header value.
    pub hvalue: [c_char; PJSUA2RS_HEADER_VALUE_LEN],
}

impl Default for SipHeader {
    fn default() -> Self {
        SipHeader {
            hname: [0; PJSUA2RS_HEADER_NAME_LEN],
            hvalue: [0; PJSUA2RS_HEADER_VALUE_LEN],
        }
    }
}

/// Registration settings of an account (PJSUA2 `AccountRegConfig`).
#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct AccountRegConfig {
    /// The registrar URI; empty means the account does not register. Default "".
    pub registrar_uri: [c_char; PJSUA2RS_URI_LEN],
    /// Register when the account is added. Default true.
    pub register_on_add: bool,
    /// `Account::modify` sends no REGISTER: neither the un-REGISTER of the old binding
    /// nor the new registration (the application calls `setRegistration`). Not saved in
    /// JSON. Default false.
    pub disable_reg_on_modify: bool,
    /// Extra headers for REGISTER requests.
    pub headers: [SipHeader; PJSUA2RS_MAX_HEADERS],
    /// How many entries of `headers` are used.
    pub headers_count: u32,
    /// Parameters appended to the Contact header of REGISTER. Default "".
    pub contact_params: [c_char; PJSUA2RS_URI_LEN],
    /// Parameters appended to the Contact URI of REGISTER. Not saved in JSON. Default "".
    pub contact_uri_params: [c_char; PJSUA2RS_URI_LEN],
    /// The registration expiry asked for, in seconds. Default 300.
    pub timeout_sec: u32,
    /// Seconds before retrying a failed registration; 0 disables retries. Default 300.
    pub retry_interval_sec: u32,
    /// Seconds before the first retry; 0 means `retry_interval_sec`. Default 0.
    pub first_retry_interval_sec: u32,
    /// Up to this many seconds are randomly added to or taken from retry intervals.
    /// Default 10.
    pub random_retry_interval_sec: u32,
    /// Refresh the registration this many seconds before it expires. Default 5.
    pub delay_before_refresh_sec: u32,
    /// Hang up the account's calls when the registration failed and a retry failed too
    /// (needs `retry_interval_sec`; a failure that is not retried drops nothing).
    /// Default false.
    pub drop_calls_on_fail: bool,
    /// Milliseconds to wait for the un-REGISTER response at shutdown. Default 4000.
    pub unreg_wait_msec: u32,
    /// Which proxies REGISTER goes through (PJSUA2RS_REG_USE_* bits). Default 3 (both).
    pub proxy_use: u32,
}

impl Default for AccountRegConfig {
    fn default() -> Self {
        AccountRegConfig {
            registrar_uri: [0; PJSUA2RS_URI_LEN],
            register_on_add: true,
            disable_reg_on_modify: false,
            headers: [SipHeader::default(); PJSUA2RS_MAX_HEADERS],
            headers_count: 0,
            contact_params: [0; PJSUA2RS_URI_LEN],
            contact_uri_params: [0; PJSUA2RS_URI_LEN],
            timeout_sec: 300,
            retry_interval_sec: 300,
            first_retry_interval_sec: 0,
            random_retry_interval_sec: 10,
            delay_before_refresh_sec: 5,
            drop_calls_on_fail: false,
            unreg_wait_msec: 4000,
            proxy_use: PJSUA2RS_REG_USE_OUTBOUND_PROXY | PJSUA2RS_REG_USE_ACC_PROXY,
        }
    }
}

/// SIP settings of an account (PJSUA2 `AccountSipConfig`).
#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct AccountSipConfig {
    /// Credentials for authentication challenges.
    pub auth_creds: [AuthCredInfo; PJSUA2RS_MAX_AUTH_CREDS],
    /// How many entries of `auth_creds` are used.
    pub auth_creds_count: u32,
    /// Proxies (URIs) requests of this account go through, in order.
    pub proxies: [[c_char; PJSUA2RS_URI_LEN]; PJSUA2RS_MAX_PROXIES],
    /// How many entries of `proxies` are used.
    pub proxies_count: u32,
    /// A Contact URI used instead of the one the library builds. Default "".
    pub contact_forced: [c_char; PJSUA2RS_URI_LEN],
    /// Parameters appended to the Contact header. Default "".
    pub contact_params: [c_char; PJSUA2RS_URI_LEN],
    /// Parameters appended to the Contact URI. Default "".
    pub contact_uri_params: [c_char; PJSUA2RS_URI_LEN],
    /// Put an empty Authorization header (`nonce=""`, `response=""`) on REGISTER and
    /// call requests for each credential not yet answering a challenge. Default false.
    pub auth_initial_empty: bool,
    /// The `algorithm` of that empty Authorization header (a token such as "MD5"); empty
    /// leaves it out. Default "".
    pub auth_initial_algorithm: [c_char; PJSUA2RS_NAME_LEN],
    /// Bind the account to this transport id; -1 means any transport. Default -1.
    pub transport_id: i32,
    /// IPv6 use for SIP (PJSUA2RS_IPV6_*). Not saved in JSON. Default 0.
    pub ipv6_use: i32,
    /// TCP/TLS server affinity (PJSUA2RS_SERVER_AFFINITY_*). Not saved in JSON.
    /// Default 0.
    pub server_affinity: i32,
    /// The account's calls share its authentication state: their requests carry
    /// answers to the challenges the account already met (its REGISTER's too), so fewer
    /// 401/407 come back. Otherwise each call answers its own challenges. Default false.
    pub use_shared_auth: bool,
    /// Answer incoming MESSAGE requests with 200 automatically. Default true.
    pub auto_respond_sip_message: bool,
}

impl Default for AccountSipConfig {
    fn default() -> Self {
        AccountSipConfig {
            auth_creds: [AuthCredInfo::default(); PJSUA2RS_MAX_AUTH_CREDS],
            auth_creds_count: 0,
            proxies: [[0; PJSUA2RS_URI_LEN]; PJSUA2RS_MAX_PROXIES],
            proxies_count: 0,
            contact_forced: [0; PJSUA2RS_URI_LEN],
            contact_params: [0; PJSUA2RS_URI_LEN],
            contact_uri_params: [0; PJSUA2RS_URI_LEN],
            auth_initial_empty: false,
            auth_initial_algorithm: [0; PJSUA2RS_NAME_LEN],
            transport_id: -1,
            ipv6_use: PJSUA2RS_IPV6_DISABLED,
            server_affinity: PJSUA2RS_SERVER_AFFINITY_UNSPECIFIED,
            use_shared_auth: false,
            auto_respond_sip_message: true,
        }
    }
}

/// Call settings of an account (PJSUA2 `AccountCallConfig`).
#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct AccountCallConfig {
    /// How calls are put on hold (PJSUA2RS_CALL_HOLD_TYPE_*). Default 0 (RFC 3264).
    pub hold_type: i32,
    /// Reliable provisional responses (PJSUA2RS_100REL_*). Default 0 (not used).
    pub prack_use: i32,
    /// Session timers (PJSUA2RS_SIP_TIMER_*). Default 1 (optional).
    pub timer_use: i32,
    /// SIPREC (PJSUA2RS_SIP_SIPREC_*). Default 0 (inactive).
    pub siprec_use: i32,
    /// Require a label attribute on SIPREC media. Default false.
    pub siprec_require_label: bool,
    /// Require rs-metadata in SIPREC offers. Default false.
    pub siprec_require_metadata: bool,
    /// The minimum session interval (Min-SE), in seconds. Default 90.
    pub timer_min_se_sec: u32,
    /// The session expiry asked for, in seconds. Default 1800.
    pub timer_sess_expires_sec: u32,
}

impl Default for AccountCallConfig {
    fn default() -> Self {
        AccountCallConfig {
            hold_type: PJSUA2RS_CALL_HOLD_TYPE_RFC3264,
            prack_use: PJSUA2RS_100REL_NOT_USED,
            timer_use: PJSUA2RS_SIP_TIMER_OPTIONAL,
            siprec_use: PJSUA2RS_SIP_SIPREC_INACTIVE,
            siprec_require_label: false,
            siprec_require_metadata: false,
            timer_min_se_sec: 90,
            timer_sess_expires_sec: 1800,
        }
    }
}

/// Presence settings of an account (PJSUA2 `AccountPresConfig`).
#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct AccountPresConfig {
    /// Extra headers for SUBSCRIBE and PUBLISH requests.
    pub headers: [SipHeader; PJSUA2RS_MAX_HEADERS],
    /// How many entries of `headers` are used.
    pub headers_count: u32,
    /// Publish the account's presence with PUBLISH. Default false.
    pub publish_enabled: bool,
    /// Queue PUBLISH requests while one is pending. Default true.
    pub publish_queue: bool,
    /// Milliseconds to wait for the un-PUBLISH response at shutdown. Default 2000.
    pub publish_shutdown_wait_msec: u32,
    /// The PIDF tuple id; empty means a random one. Default "".
    pub pidf_tuple_id: [c_char; PJSUA2RS_NAME_LEN],
}

impl Default for AccountPresConfig {
    fn default() -> Self {
        AccountPresConfig {
            headers: [SipHeader::default(); PJSUA2RS_MAX_HEADERS],
            headers_count: 0,
            publish_enabled: false,
            publish_queue: true,
            publish_shutdown_wait_msec: 2000,
            pidf_tuple_id: [0; PJSUA2RS_NAME_LEN],
        }
    }
}

/// Message-waiting indication settings of an account (PJSUA2 `AccountMwiConfig`).
#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct AccountMwiConfig {
    /// Subscribe to message-summary events. Default false.
    pub enabled: bool,
    /// The subscription expiry asked for, in seconds. Default 3600.
    pub expiration_sec: u32,
}

impl Default for AccountMwiConfig {
    fn default() -> Self {
        AccountMwiConfig {
            enabled: false,
            expiration_sec: 3600,
        }
    }
}

/// An account's settings (PJSUA2 `AccountConfig`). Initialise it with
/// `pjsua2rs_account_config_default()`. It is about 64 KB (the TLS PEM buffers of the
/// media transport take 24 KB): mind small thread stacks.
#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct AccountConfig {
    /// `sizeof` this struct as the program was compiled; set by the `_default` function.
    pub struct_size: u32,
    /// Priority when choosing the account for an incoming request; higher wins.
    /// Default 0.
    pub priority: i32,
    /// The account's URI, e.g. "\"Alice\" <sip:alice@example.com>". Default "".
    pub id_uri: [c_char; PJSUA2RS_URI_LEN],
    /// Registration settings.
    pub reg_config: AccountRegConfig,
    /// SIP settings.
    pub sip_config: AccountSipConfig,
    /// Call settings.
    pub call_config: AccountCallConfig,
    /// Presence settings.
    pub pres_config: AccountPresConfig,
    /// Message-waiting indication settings.
    pub mwi_config: AccountMwiConfig,
    /// NAT traversal settings.
    pub nat_config: AccountNatConfig,
    /// Media settings.
    pub media_config: AccountMediaConfig,
    /// Video settings.
    pub video_config: AccountVideoConfig,
    /// Real-time text settings. Not saved in JSON.
    pub text_config: AccountTextConfig,
    /// What to do when the IP address changes. Not saved in JSON.
    pub ip_change_config: AccountIpChangeConfig,
}

impl Default for AccountConfig {
    fn default() -> Self {
        AccountConfig {
            struct_size: std::mem::size_of::<AccountConfig>() as u32,
            priority: 0,
            id_uri: [0; PJSUA2RS_URI_LEN],
            reg_config: AccountRegConfig::default(),
            sip_config: AccountSipConfig::default(),
            call_config: AccountCallConfig::default(),
            pres_config: AccountPresConfig::default(),
            mwi_config: AccountMwiConfig::default(),
            nat_config: AccountNatConfig::default(),
            media_config: AccountMediaConfig::default(),
            video_config: AccountVideoConfig::default(),
            text_config: AccountTextConfig::default(),
            ip_change_config: AccountIpChangeConfig::default(),
        }
    }
}
