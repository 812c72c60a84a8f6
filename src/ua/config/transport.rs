//! Transport configs (PJSUA2 siptypes.hpp): `TransportConfig` with its `TlsConfig`, QoS
//! parameters and socket options, and their defaults.

use super::limits::*;
use std::os::raw::c_char;

/// SIP transport type UDP (PJSIP_TRANSPORT_UDP).
pub const PJSUA2RS_TRANSPORT_UDP: i32 = 1;
/// SIP transport type TCP (PJSIP_TRANSPORT_TCP).
pub const PJSUA2RS_TRANSPORT_TCP: i32 = 2;
/// SIP transport type TLS (PJSIP_TRANSPORT_TLS).
pub const PJSUA2RS_TRANSPORT_TLS: i32 = 3;
/// SIP transport type UDP over IPv6 (PJSIP_TRANSPORT_UDP6).
pub const PJSUA2RS_TRANSPORT_UDP6: i32 = 129;
/// SIP transport type TCP over IPv6 (PJSIP_TRANSPORT_TCP6).
pub const PJSUA2RS_TRANSPORT_TCP6: i32 = 130;
/// SIP transport type TLS over IPv6 (PJSIP_TRANSPORT_TLS6).
pub const PJSUA2RS_TRANSPORT_TLS6: i32 = 131;

/// `qos_type`: best effort traffic (PJ_QOS_TYPE_BEST_EFFORT), the default.
pub const PJSUA2RS_QOS_TYPE_BEST_EFFORT: i32 = 0;
/// `qos_type`: background traffic.
pub const PJSUA2RS_QOS_TYPE_BACKGROUND: i32 = 1;
/// `qos_type`: video traffic.
pub const PJSUA2RS_QOS_TYPE_VIDEO: i32 = 2;
/// `qos_type`: voice traffic.
pub const PJSUA2RS_QOS_TYPE_VOICE: i32 = 3;
/// `qos_type`: control traffic.
pub const PJSUA2RS_QOS_TYPE_CONTROL: i32 = 4;
/// `qos_type`: signalling traffic.
pub const PJSUA2RS_QOS_TYPE_SIGNALLING: i32 = 5;
/// `QosParams.flags`: `dscp_val` is set.
pub const PJSUA2RS_QOS_PARAM_HAS_DSCP: u8 = 1;
/// `QosParams.flags`: `so_prio` is set.
pub const PJSUA2RS_QOS_PARAM_HAS_SO_PRIO: u8 = 2;
/// `QosParams.flags`: `wmm_prio` is set.
pub const PJSUA2RS_QOS_PARAM_HAS_WMM: u8 = 4;

/// `TlsConfig.method`: the backend's default (PJSIP_SSL_UNSPECIFIED_METHOD).
pub const PJSUA2RS_SSL_UNSPECIFIED_METHOD: i32 = 0;
/// `TlsConfig.method`: TLS 1.0 (PJSIP_TLSV1_METHOD).
pub const PJSUA2RS_TLSV1_METHOD: i32 = 31;
/// `TlsConfig.method`: TLS 1.1.
pub const PJSUA2RS_TLSV1_1_METHOD: i32 = 32;
/// `TlsConfig.method`: TLS 1.2.
pub const PJSUA2RS_TLSV1_2_METHOD: i32 = 33;
/// `TlsConfig.method`: TLS 1.3.
pub const PJSUA2RS_TLSV1_3_METHOD: i32 = 34;
/// `TlsConfig.method`: SSL 2/3 and TLS negotiation (PJSIP_SSLV23_METHOD).
pub const PJSUA2RS_SSLV23_METHOD: i32 = 23;
/// `TlsConfig.proto` bit: TLS 1.0 (PJ_SSL_SOCK_PROTO_TLS1).
pub const PJSUA2RS_SSL_PROTO_TLS1: u32 = 1 << 2;
/// `TlsConfig.proto` bit: TLS 1.1.
pub const PJSUA2RS_SSL_PROTO_TLS1_1: u32 = 1 << 3;
/// `TlsConfig.proto` bit: TLS 1.2.
pub const PJSUA2RS_SSL_PROTO_TLS1_2: u32 = 1 << 4;
/// `TlsConfig.proto` bit: TLS 1.3.
pub const PJSUA2RS_SSL_PROTO_TLS1_3: u32 = 1 << 5;
/// `TlsConfig.cert_lookup_type`: no OS certificate store lookup (the default).
pub const PJSUA2RS_SSL_CERT_LOOKUP_NONE: i32 = 0;
/// `TlsConfig.cert_lookup_type`: look the certificate up by subject.
pub const PJSUA2RS_SSL_CERT_LOOKUP_SUBJECT: i32 = 1;
/// `TlsConfig.cert_lookup_type`: look the certificate up by fingerprint.
pub const PJSUA2RS_SSL_CERT_LOOKUP_FINGERPRINT: i32 = 2;
/// `TlsConfig.cert_lookup_type`: look the certificate up by friendly name.
pub const PJSUA2RS_SSL_CERT_LOOKUP_FRIENDLY_NAME: i32 = 3;

/// QoS parameters of a socket (pjlib `pj_qos_params`); JSON keys "qos.flags"...
#[repr(C)]
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct QosParams {
    /// Which values are set (PJSUA2RS_QOS_PARAM_HAS_*). Default 0.
    pub flags: u8,
    /// The DSCP value. Default 0.
    pub dscp_val: u8,
    /// The SO_PRIORITY value. Default 0.
    pub so_prio: u8,
    /// The WMM priority (0 bulk effort, 1 bulk, 2 video, 3 voice). Default 0.
    pub wmm_prio: i32,
}

/// One integer socket option, applied with setsockopt (PJSUA2 `SockOpt`).
#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct SockOpt {
    /// The option level, e.g. SOL_SOCKET.
    pub level: i32,
    /// The option name, e.g. SO_RCVBUF.
    pub opt_name: i32,
    /// The option value's length in bytes. Default 4 (an int); JSON carries `optVal` only
    /// when it is 4, as PJSUA2 does.
    pub opt_len: i32,
    /// The option value.
    pub opt_val: i32,
}

impl Default for SockOpt {
    fn default() -> Self {
        SockOpt {
            level: 0,
            opt_name: 0,
            opt_len: std::mem::size_of::<i32>() as i32,
            opt_val: 0,
        }
    }
}

/// Socket options applied to a transport's sockets (PJSUA2 `SockOptParams`).
#[repr(C)]
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct SockOptParams {
    /// The options, in order.
    pub sock_opts: [SockOpt; PJSUA2RS_MAX_SOCK_OPTS],
    /// How many entries of `sock_opts` are used.
    pub sock_opts_count: u32,
}

/// TLS settings of a transport (PJSUA2 `TlsConfig`).
#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct TlsConfig {
    /// A file of trusted CA certificates (PEM). Default "".
    pub ca_list_file: [c_char; PJSUA2RS_PATH_LEN],
    /// The certificate file (PEM). Default "".
    pub cert_file: [c_char; PJSUA2RS_PATH_LEN],
    /// The private key file (PEM). Default "".
    pub priv_key_file: [c_char; PJSUA2RS_PATH_LEN],
    /// The password of the private key. Default "".
    pub password: [c_char; PJSUA2RS_SECRET_LEN],
    /// Trusted CA certificates as a PEM buffer (instead of `ca_list_file`). Default "".
    pub ca_buf: [c_char; PJSUA2RS_PEM_LEN],
    /// The certificate as a PEM buffer (instead of `cert_file`). Default "".
    pub cert_buf: [c_char; PJSUA2RS_PEM_LEN],
    /// The private key as a PEM buffer (instead of `priv_key_file`). Default "".
    pub priv_key_buf: [c_char; PJSUA2RS_PEM_LEN],
    /// Look the certificate up in the OS store (PJSUA2RS_SSL_CERT_LOOKUP_*). Default 0.
    pub cert_lookup_type: i32,
    /// The subject, fingerprint or name to look up. Default "".
    pub cert_lookup_keyword: [c_char; PJSUA2RS_TEXT_LEN],
    /// The TLS method (PJSUA2RS_*_METHOD); 0 means the backend's default. Default 0.
    pub method: i32,
    /// Allowed protocol versions (PJSUA2RS_SSL_PROTO_* bits), used when `method` is 0.
    /// Not saved in JSON. Default 28 (TLS 1.0, 1.1 and 1.2).
    pub proto: u32,
    /// Allowed cipher ids; none means the backend's default list.
    pub ciphers: [i32; PJSUA2RS_MAX_TLS_CIPHERS],
    /// How many entries of `ciphers` are used. Default 0.
    pub ciphers_count: u32,
    /// Verify the server's certificate (client side). Default false.
    pub verify_server: bool,
    /// Verify the client's certificate (server side). Default false.
    pub verify_client: bool,
    /// Reject clients without a certificate (server side). Default false.
    pub require_client_cert: bool,
    /// The TLS handshake timeout in ms; 0 means none. Default 0.
    pub msec_timeout: u32,
    /// The QoS traffic type of TLS sockets (PJSUA2RS_QOS_TYPE_*). Default 0.
    pub qos_type: i32,
    /// Explicit QoS parameters of TLS sockets.
    pub qos_params: QosParams,
    /// Ignore failures to set QoS. Default true.
    pub qos_ignore_error: bool,
    /// Socket options of TLS sockets.
    pub sock_opt_params: SockOptParams,
    /// Ignore failures to set socket options. Default true.
    pub sock_opt_ignore_error: bool,
    /// Allow TLS renegotiation. Not saved in JSON. Default true.
    pub enable_renegotiation: bool,
}

impl Default for TlsConfig {
    fn default() -> Self {
        TlsConfig {
            ca_list_file: [0; PJSUA2RS_PATH_LEN],
            cert_file: [0; PJSUA2RS_PATH_LEN],
            priv_key_file: [0; PJSUA2RS_PATH_LEN],
            password: [0; PJSUA2RS_SECRET_LEN],
            ca_buf: [0; PJSUA2RS_PEM_LEN],
            cert_buf: [0; PJSUA2RS_PEM_LEN],
            priv_key_buf: [0; PJSUA2RS_PEM_LEN],
            cert_lookup_type: PJSUA2RS_SSL_CERT_LOOKUP_NONE,
            cert_lookup_keyword: [0; PJSUA2RS_TEXT_LEN],
            method: PJSUA2RS_SSL_UNSPECIFIED_METHOD,
            proto: PJSUA2RS_SSL_PROTO_TLS1 | PJSUA2RS_SSL_PROTO_TLS1_1 | PJSUA2RS_SSL_PROTO_TLS1_2,
            ciphers: [0; PJSUA2RS_MAX_TLS_CIPHERS],
            ciphers_count: 0,
            verify_server: false,
            verify_client: false,
            require_client_cert: false,
            msec_timeout: 0,
            qos_type: PJSUA2RS_QOS_TYPE_BEST_EFFORT,
            qos_params: QosParams::default(),
            qos_ignore_error: true,
            sock_opt_params: SockOptParams::default(),
            sock_opt_ignore_error: true,
            enable_renegotiation: true,
        }
    }
}

/// A SIP or media transport's settings (PJSUA2 `TransportConfig`). Initialise it with
/// `pjsua2rs_transport_config_default()`. It is about 28 KB, mostly TLS PEM buffers.
#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct TransportConfig {
    /// `sizeof` this struct as the program was compiled; set by the `_default` function.
    /// Inside `AccountMediaConfig` it is ignored.
    pub struct_size: u32,
    /// The local port; 0 means any free port. Default 0 (4000 in `AccountMediaConfig`).
    pub port: u32,
    /// How many ports above `port` may be tried; 0 means no limit. Default 0.
    pub port_range: u32,
    /// Pick a random port within the range. Not saved in JSON. Default false.
    pub randomize_port: bool,
    /// The address to advertise (e.g. a NAT's public address); empty means the bound
    /// one. Default "".
    pub public_address: [c_char; PJSUA2RS_URI_LEN],
    /// The local address to bind; empty means all interfaces. Default "".
    pub bound_address: [c_char; PJSUA2RS_URI_LEN],
    /// TLS settings, used by TLS transports.
    pub tls_config: TlsConfig,
    /// The QoS traffic type (PJSUA2RS_QOS_TYPE_*). Default 0.
    pub qos_type: i32,
    /// Explicit QoS parameters.
    pub qos_params: QosParams,
    /// Socket options.
    pub sock_opt_params: SockOptParams,
}

impl Default for TransportConfig {
    fn default() -> Self {
        TransportConfig {
            struct_size: std::mem::size_of::<TransportConfig>() as u32,
            port: 0,
            port_range: 0,
            randomize_port: false,
            public_address: [0; PJSUA2RS_URI_LEN],
            bound_address: [0; PJSUA2RS_URI_LEN],
            tls_config: TlsConfig::default(),
            qos_type: PJSUA2RS_QOS_TYPE_BEST_EFFORT,
            qos_params: QosParams::default(),
            sock_opt_params: SockOptParams::default(),
        }
    }
}
