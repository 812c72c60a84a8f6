//! Media settings of an account (PJSUA2 account.hpp): `AccountMediaConfig` with SRTP
//! options and RTCP feedback, and the video, real-time text and IP-change settings.

use super::limits::*;
use super::transport::TransportConfig;
use std::os::raw::c_char;

/// `AccountMediaConfig.srtp_use`: no SRTP (the default).
pub const PJSUA2RS_SRTP_DISABLED: i32 = 0;
/// `srtp_use`: offer SRTP, accept RTP.
pub const PJSUA2RS_SRTP_OPTIONAL: i32 = 1;
/// `srtp_use`: require SRTP.
pub const PJSUA2RS_SRTP_MANDATORY: i32 = 2;
/// `SrtpCrypto.flags` bit: no encryption (authentication only).
pub const PJSUA2RS_SRTP_NO_ENCRYPTION: u32 = 1;
/// `SrtpCrypto.flags` bit: no authentication.
pub const PJSUA2RS_SRTP_NO_AUTHENTICATION: u32 = 2;
/// `SrtpOpt.keyings` entry: SDES (keys in SDP).
pub const PJSUA2RS_SRTP_KEYING_SDES: i32 = 0;
/// `SrtpOpt.keyings` entry: DTLS-SRTP.
pub const PJSUA2RS_SRTP_KEYING_DTLS_SRTP: i32 = 1;
/// `RtcpFbCap.type`: acknowledgement feedback, `ack` (RFC 4585 §4.2).
pub const PJSUA2RS_RTCP_FB_ACK: i32 = 0;
/// `RtcpFbCap.type`: negative acknowledgement, `nack`.
pub const PJSUA2RS_RTCP_FB_NACK: i32 = 1;
/// `RtcpFbCap.type`: minimal interval between regular reports, `trr-int`.
pub const PJSUA2RS_RTCP_FB_TRR_INT: i32 = 2;
/// `RtcpFbCap.type`: another type, named by `type_name` (the default).
pub const PJSUA2RS_RTCP_FB_OTHER: i32 = 3;
/// Call flag (pjsua_call_flag): take the call off hold.
pub const PJSUA2RS_CALL_UNHOLD: u32 = 1;
/// Call flag: update the Contact of the dialog.
pub const PJSUA2RS_CALL_UPDATE_CONTACT: u32 = 2;
/// Call flag: include disabled media in the offer.
pub const PJSUA2RS_CALL_INCLUDE_DISABLED_MEDIA: u32 = 4;
/// Call flag: send the request without an SDP offer.
pub const PJSUA2RS_CALL_NO_SDP_OFFER: u32 = 8;
/// Call flag: re-create the media transports.
pub const PJSUA2RS_CALL_REINIT_MEDIA: u32 = 16;
/// Call flag: update the Via of the dialog.
pub const PJSUA2RS_CALL_UPDATE_VIA: u32 = 32;
/// Call flag: update the target URI of the dialog.
pub const PJSUA2RS_CALL_UPDATE_TARGET: u32 = 64;
/// Call flag: set the media directions given in the call setting.
pub const PJSUA2RS_CALL_SET_MEDIA_DIR: u32 = 128;
/// Call flag: do not synchronise media with the new offer.
pub const PJSUA2RS_CALL_NO_MEDIA_SYNC: u32 = 256;

/// One SRTP crypto suite (PJSUA2 `SrtpCrypto`).
#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct SrtpCrypto {
    /// The master key (base64 in SDES); empty means a random one.
    pub key: [c_char; PJSUA2RS_NAME_LEN],
    /// The suite name, e.g. "AES_CM_128_HMAC_SHA1_80".
    pub name: [c_char; PJSUA2RS_NAME_LEN],
    /// PJSUA2RS_SRTP_NO_* bits.
    pub flags: u32,
}

impl Default for SrtpCrypto {
    fn default() -> Self {
        SrtpCrypto {
            key: [0; PJSUA2RS_NAME_LEN],
            name: [0; PJSUA2RS_NAME_LEN],
            flags: 0,
        }
    }
}

/// SRTP options (PJSUA2 `SrtpOpt`). Empty lists mean every supported crypto suite and
/// keying method.
#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct SrtpOpt {
    /// Crypto suites to offer or accept, in order of preference.
    pub cryptos: [SrtpCrypto; PJSUA2RS_MAX_SRTP_CRYPTOS],
    /// How many entries of `cryptos` are used.
    pub cryptos_count: u32,
    /// Keying methods (PJSUA2RS_SRTP_KEYING_*), in order of preference.
    pub keyings: [i32; PJSUA2RS_MAX_SRTP_KEYINGS],
    /// How many entries of `keyings` are used.
    pub keyings_count: u32,
}

impl Default for SrtpOpt {
    fn default() -> Self {
        SrtpOpt {
            cryptos: [SrtpCrypto::default(); PJSUA2RS_MAX_SRTP_CRYPTOS],
            cryptos_count: 0,
            keyings: [0; PJSUA2RS_MAX_SRTP_KEYINGS],
            keyings_count: 0,
        }
    }
}

/// One RTCP feedback capability (PJSUA2 `RtcpFbCap`): an `a=rtcp-fb` line (RFC 4585
/// §4.2) of our SDP.
#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct RtcpFbCap {
    /// The codec it is for, as a codec id or its start (`PCMU/8000`, `opus`), or `*`
    /// for every payload type. Default "".
    pub codec_id: [c_char; PJSUA2RS_NAME_LEN],
    /// The feedback type (PJSUA2RS_RTCP_FB_*). Default PJSUA2RS_RTCP_FB_OTHER.
    pub r#type: i32,
    /// The type's name when `type` is PJSUA2RS_RTCP_FB_OTHER (`ccm`, `goog-remb`...).
    /// Default "".
    pub type_name: [c_char; PJSUA2RS_NAME_LEN],
    /// The type's parameter (`pli` for `nack pli`, the interval of `trr-int`). Default "".
    pub param: [c_char; PJSUA2RS_NAME_LEN],
}

impl Default for RtcpFbCap {
    fn default() -> Self {
        RtcpFbCap {
            codec_id: [0; PJSUA2RS_NAME_LEN],
            r#type: PJSUA2RS_RTCP_FB_OTHER,
            type_name: [0; PJSUA2RS_NAME_LEN],
            param: [0; PJSUA2RS_NAME_LEN],
        }
    }
}

/// RTCP feedback settings (PJSUA2 `RtcpFbConfig`, RFC 4585). With `dont_use_avpf` false
/// our offers use the `RTP/AVPF` profile and offers and answers on AVPF lines carry an
/// `a=rtcp-fb` line for each capability. Not saved in JSON.
#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct RtcpFbConfig {
    /// Offer plain `RTP/AVP` and no feedback. Default true.
    pub dont_use_avpf: bool,
    /// The feedback capabilities.
    pub caps: [RtcpFbCap; PJSUA2RS_MAX_RTCP_FB_CAPS],
    /// How many entries of `caps` are used.
    pub caps_count: u32,
}

impl Default for RtcpFbConfig {
    fn default() -> Self {
        RtcpFbConfig {
            dont_use_avpf: true,
            caps: [RtcpFbCap::default(); PJSUA2RS_MAX_RTCP_FB_CAPS],
            caps_count: 0,
        }
    }
}

/// Media settings of an account (PJSUA2 `AccountMediaConfig`).
#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct AccountMediaConfig {
    /// The RTP transports' settings; `port` is the base RTP port. Default port 4000.
    pub transport_config: TransportConfig,
    /// Keep only the first codec of a multi-codec answer (re-offering it). Default true.
    pub lock_codec_enabled: bool,
    /// Send keep-alive packets on media streams. Default false.
    pub stream_ka_enabled: bool,
    /// SRTP use (PJSUA2RS_SRTP_DISABLED/OPTIONAL/MANDATORY). Default 0.
    pub srtp_use: i32,
    /// Signalling security SRTP needs: 0 none, 1 TLS, 2 end-to-end SIPS. Default 1.
    pub srtp_secure_signaling: i32,
    /// SRTP crypto suites and keying methods.
    pub srtp_opt: SrtpOpt,
    /// IPv6 use for media (PJSUA2RS_IPV6_*). Default 0.
    pub ipv6_use: i32,
    /// Offer and accept RTCP multiplexed on the RTP port. Default false.
    pub rtcp_mux_enabled: bool,
    /// Send RTCP extended reports. Default false.
    pub rtcp_xr_enabled: bool,
    /// Use a loopback media transport (no network). Default false.
    pub use_loop_med_tp: bool,
    /// With the loopback transport, loop sent media back. Default false.
    pub enable_loopback: bool,
    /// RTCP feedback (AVPF) settings. Not saved in JSON.
    pub rtcp_fb_config: RtcpFbConfig,
}

impl Default for AccountMediaConfig {
    fn default() -> Self {
        AccountMediaConfig {
            transport_config: TransportConfig {
                port: 4000,
                ..TransportConfig::default()
            },
            lock_codec_enabled: true,
            stream_ka_enabled: false,
            srtp_use: PJSUA2RS_SRTP_DISABLED,
            srtp_secure_signaling: 1,
            srtp_opt: SrtpOpt::default(),
            ipv6_use: 0,
            rtcp_mux_enabled: false,
            rtcp_xr_enabled: false,
            use_loop_med_tp: false,
            enable_loopback: false,
            rtcp_fb_config: RtcpFbConfig::default(),
        }
    }
}

/// Video settings of an account (PJSUA2 `AccountVideoConfig`); video is not supported
/// yet, the settings are kept and saved.
#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct AccountVideoConfig {
    /// Show incoming video automatically. Default false.
    pub auto_show_incoming: bool,
    /// Transmit video automatically on outgoing calls. Default false.
    pub auto_transmit_outgoing: bool,
    /// Flags of the video windows. Default 0.
    pub window_flags: u32,
    /// The capture device index; -1 means the default. Default -1.
    pub default_capture_device: i32,
    /// The render device index; -2 means the default. Default -2.
    pub default_render_device: i32,
    /// The rate control method (0 none, 1 simple blocking). Default 0.
    pub rate_control_method: i32,
    /// The rate control bandwidth in bps; 0 means the codec's. Default 0.
    pub rate_control_bandwidth: u32,
    /// Keyframes sent at the start of a stream. Default 0.
    pub start_keyframe_count: u32,
    /// Milliseconds between those keyframes. Default 0.
    pub start_keyframe_interval: u32,
}

impl Default for AccountVideoConfig {
    fn default() -> Self {
        AccountVideoConfig {
            auto_show_incoming: false,
            auto_transmit_outgoing: false,
            window_flags: 0,
            default_capture_device: -1,
            default_render_device: -2,
            rate_control_method: 0,
            rate_control_bandwidth: 0,
            start_keyframe_count: 0,
            start_keyframe_interval: 0,
        }
    }
}

/// Real-time text settings of an account (PJSUA2 `AccountTextConfig`). Not saved in JSON.
#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct AccountTextConfig {
    /// Redundant generations sent with each text packet (RFC 4103). Default 2.
    pub redundancy_level: i32,
}

impl Default for AccountTextConfig {
    fn default() -> Self {
        AccountTextConfig {
            redundancy_level: 2,
        }
    }
}

/// What the account does when the IP address changes (PJSUA2 `AccountIpChangeConfig`).
/// Not saved in JSON.
#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct AccountIpChangeConfig {
    /// Shut the registration's transport down. Default true.
    pub shutdown_tp: bool,
    /// Hang up the account's calls. Default false.
    pub hangup_calls: bool,
    /// Flags of the re-INVITE sent to calls (PJSUA2RS_CALL_* bits). Default 50
    /// (REINIT_MEDIA | UPDATE_CONTACT | UPDATE_VIA).
    pub reinvite_flags: u32,
    /// Send UPDATE instead of re-INVITE (non-zero = yes). Default 0.
    pub reinv_use_update: u32,
}

impl Default for AccountIpChangeConfig {
    fn default() -> Self {
        AccountIpChangeConfig {
            shutdown_tp: true,
            hangup_calls: false,
            reinvite_flags: PJSUA2RS_CALL_REINIT_MEDIA
                | PJSUA2RS_CALL_UPDATE_CONTACT
                | PJSUA2RS_CALL_UPDATE_VIA,
            reinv_use_update: 0,
        }
    }
}
