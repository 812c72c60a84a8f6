//! NAT traversal settings of an account (PJSUA2 `AccountNatConfig`): STUN, UPnP, ICE,
//! TURN, Contact/Via rewriting, SIP outbound and keep-alives.

use super::limits::*;
use crate::ua::fixed_str::fixed;
use std::os::raw::c_char;

/// `sip_stun_use`/`media_stun_use`: follow the global STUN setting.
pub const PJSUA2RS_STUN_USE_DEFAULT: i32 = 0;
/// `sip_stun_use`/`media_stun_use`: no STUN.
pub const PJSUA2RS_STUN_USE_DISABLED: i32 = 1;
/// `sip_stun_use`/`media_stun_use`: use STUN, retrying when it fails.
pub const PJSUA2RS_STUN_RETRY_ON_FAILURE: i32 = 2;
/// `sip_upnp_use`/`media_upnp_use`: follow the global UPnP setting.
pub const PJSUA2RS_UPNP_USE_DEFAULT: i32 = 0;
/// `sip_upnp_use`/`media_upnp_use`: no UPnP.
pub const PJSUA2RS_UPNP_USE_DISABLED: i32 = 1;
/// `nat64_opt`: no NAT64 handling.
pub const PJSUA2RS_NAT64_DISABLED: i32 = 0;
/// `nat64_opt`: rewrite addresses for NAT64.
pub const PJSUA2RS_NAT64_ENABLED: i32 = 1;
/// `ice_trickle`: no trickle ICE.
pub const PJSUA2RS_ICE_TRICKLE_DISABLED: i32 = 0;
/// `ice_trickle`: half trickle.
pub const PJSUA2RS_ICE_TRICKLE_HALF: i32 = 1;
/// `ice_trickle`: full trickle.
pub const PJSUA2RS_ICE_TRICKLE_FULL: i32 = 2;
/// `turn_conn_type`: TURN over UDP (the protocol number 17).
pub const PJSUA2RS_TURN_TP_UDP: i32 = 17;
/// `turn_conn_type`: TURN over TCP (6).
pub const PJSUA2RS_TURN_TP_TCP: i32 = 6;
/// `turn_conn_type`: TURN over TLS.
pub const PJSUA2RS_TURN_TP_TLS: i32 = 56;
/// `contact_rewrite_method` bit: un-register the old Contact, then register the new one.
pub const PJSUA2RS_CONTACT_REWRITE_UNREGISTER: i32 = 1;
/// `contact_rewrite_method` bit: register the new Contact without un-registering.
pub const PJSUA2RS_CONTACT_REWRITE_NO_UNREG: i32 = 2;
/// `contact_rewrite_method` bit: update the Contact on every registration response.
pub const PJSUA2RS_CONTACT_REWRITE_ALWAYS_UPDATE: i32 = 4;

/// NAT traversal settings of an account (PJSUA2 `AccountNatConfig`).
#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct AccountNatConfig {
    /// STUN for SIP (PJSUA2RS_STUN_*). Default 0 (global setting).
    pub sip_stun_use: i32,
    /// STUN for media (PJSUA2RS_STUN_*). Default 2 (retry on failure).
    pub media_stun_use: i32,
    /// UPnP for SIP (PJSUA2RS_UPNP_USE_*). Default 0.
    pub sip_upnp_use: i32,
    /// UPnP for media (PJSUA2RS_UPNP_USE_*). Default 0.
    pub media_upnp_use: i32,
    /// NAT64 handling (PJSUA2RS_NAT64_*). Default 0.
    pub nat64_opt: i32,
    /// Use ICE for media. Default false.
    pub ice_enabled: bool,
    /// Trickle ICE (PJSUA2RS_ICE_TRICKLE_*). Default 0.
    pub ice_trickle: i32,
    /// Maximum ICE host candidates; -1 means no limit. Default -1.
    pub ice_max_host_cands: i32,
    /// Extra host candidate addresses ("ip"), each on the base candidate's port.
    pub ice_manual_host: [[c_char; PJSUA2RS_HOST_LEN]; PJSUA2RS_MAX_ICE_MANUAL_HOSTS],
    /// How many entries of `ice_manual_host` are used.
    pub ice_manual_host_count: u32,
    /// Use aggressive nomination as the controlling agent. Default true.
    pub ice_aggressive_nomination: bool,
    /// Milliseconds the controlling agent waits before nominating. Default 400.
    pub ice_nominated_check_delay_msec: u32,
    /// Milliseconds the controlled agent waits for a nomination; -1 waits forever.
    /// Default 10000.
    pub ice_wait_nomination_timeout_msec: i32,
    /// Check that incoming media comes from a checked candidate (non-zero = yes).
    /// Default 1.
    pub ice_check_src_addr: u32,
    /// Do not use ICE for RTCP. Default false.
    pub ice_no_rtcp: bool,
    /// Always send a re-INVITE/UPDATE after ICE negotiation. Default true.
    pub ice_always_update: bool,
    /// Use TURN relay candidates. Default false.
    pub turn_enabled: bool,
    /// The TURN server ("host[:port]"). Default "".
    pub turn_server: [c_char; PJSUA2RS_URI_LEN],
    /// The connection to the TURN server (PJSUA2RS_TURN_TP_*). Default 17 (UDP).
    pub turn_conn_type: i32,
    /// The TURN user name. Default "".
    pub turn_user_name: [c_char; PJSUA2RS_NAME_LEN],
    /// The TURN password type (0 = plain). Default 0.
    pub turn_password_type: i32,
    /// The TURN password. Default "".
    pub turn_password: [c_char; PJSUA2RS_SECRET_LEN],
    /// Rewrite the registration's Contact when the registrar saw us at another address
    /// (the `received` and `rport` of our Via in its response, or the sent-by when it
    /// only added `rport`), on every transport: 0 never; 1 yes, except when our Contact
    /// and the registrar are public but the address seen is private, or only the port
    /// differs and the address seen is private; 2 on any difference. Default 1.
    pub contact_rewrite_use: i32,
    /// How the Contact is rewritten (PJSUA2RS_CONTACT_REWRITE_* bits): UNREGISTER removes
    /// the old Contact with an un-REGISTER and registers the new one under a new
    /// Call-ID; otherwise one REGISTER binds the new Contact and removes the old one
    /// (`expires=0`); ALWAYS_UPDATE also takes the address from final responses of 400
    /// and more (a 401 too), for the next REGISTER. Default 6 (NO_UNREG | ALWAYS_UPDATE).
    pub contact_rewrite_method: i32,
    /// PJSUA: put the TCP connection's source port in the initial Contact. Accepted and
    /// saved but without effect here: the connection's local port is chosen when it
    /// opens, after the REGISTER is built, so the Contact names the listening port
    /// (PJSUA turns the option off likewise when it cannot learn the port). A registrar
    /// that reports the source port in `rport` gets the Contact rewritten to it under
    /// `contact_rewrite_use`. Default 1.
    pub contact_use_src_port: i32,
    /// Rewrite the Via sent-by with the address the server saw. Default 1.
    pub via_rewrite_use: i32,
    /// Rewrite the SDP connection address with the address the registrar saw. Default 0.
    pub sdp_nat_rewrite_use: i32,
    /// Use SIP outbound (RFC 5626). Default 1.
    pub sip_outbound_use: i32,
    /// The SIP outbound +sip.instance; empty means generated. Default "".
    pub sip_outbound_instance_id: [c_char; PJSUA2RS_NAME_LEN],
    /// The SIP outbound reg-id; empty means 1. Default "".
    pub sip_outbound_reg_id: [c_char; PJSUA2RS_NAME_LEN],
    /// Seconds between keep-alives to the registrar after a UDP registration; 0
    /// disables them. A registrar's Flow-Timer (RFC 5626) sets the interval instead, on
    /// TCP too; without one, TCP registrations get CRLFCRLF every 90 s. Default 15.
    pub udp_ka_interval_sec: u32,
    /// The UDP keep-alive payload; empty disables UDP keep-alives. Default "\r\n".
    pub udp_ka_data: [c_char; PJSUA2RS_NAME_LEN],
}

impl Default for AccountNatConfig {
    fn default() -> Self {
        AccountNatConfig {
            sip_stun_use: PJSUA2RS_STUN_USE_DEFAULT,
            media_stun_use: PJSUA2RS_STUN_RETRY_ON_FAILURE,
            sip_upnp_use: PJSUA2RS_UPNP_USE_DEFAULT,
            media_upnp_use: PJSUA2RS_UPNP_USE_DEFAULT,
            nat64_opt: PJSUA2RS_NAT64_DISABLED,
            ice_enabled: false,
            ice_trickle: PJSUA2RS_ICE_TRICKLE_DISABLED,
            ice_max_host_cands: -1,
            ice_manual_host: [[0; PJSUA2RS_HOST_LEN]; PJSUA2RS_MAX_ICE_MANUAL_HOSTS],
            ice_manual_host_count: 0,
            ice_aggressive_nomination: true,
            ice_nominated_check_delay_msec: 400,
            ice_wait_nomination_timeout_msec: 10000,
            ice_check_src_addr: 1,
            ice_no_rtcp: false,
            ice_always_update: true,
            turn_enabled: false,
            turn_server: [0; PJSUA2RS_URI_LEN],
            turn_conn_type: PJSUA2RS_TURN_TP_UDP,
            turn_user_name: [0; PJSUA2RS_NAME_LEN],
            turn_password_type: 0,
            turn_password: [0; PJSUA2RS_SECRET_LEN],
            contact_rewrite_use: 1,
            contact_rewrite_method: PJSUA2RS_CONTACT_REWRITE_NO_UNREG
                | PJSUA2RS_CONTACT_REWRITE_ALWAYS_UPDATE,
            contact_use_src_port: 1,
            via_rewrite_use: 1,
            sdp_nat_rewrite_use: 0,
            sip_outbound_use: 1,
            sip_outbound_instance_id: [0; PJSUA2RS_NAME_LEN],
            sip_outbound_reg_id: [0; PJSUA2RS_NAME_LEN],
            udp_ka_interval_sec: 15,
            udp_ka_data: fixed("\r\n"),
        }
    }
}
