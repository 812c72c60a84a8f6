//! The sizes of config string fields and the maximum lengths of config lists. They are
//! part of the C ABI: the header declares the fields with these names.

/// Bytes in a URI or address field (registrar, proxy, contact, TURN server, public or
/// bound address), including the terminating NUL.
pub const PJSUA2RS_URI_LEN: usize = 512;
/// Bytes in a host name field ("host[:port]" of a name server, STUN server or ICE manual
/// host), including the NUL.
pub const PJSUA2RS_HOST_LEN: usize = 256;
/// Bytes in a short string field (scheme, realm, user name, interface name, ids, SRTP
/// crypto name and key), including the NUL.
pub const PJSUA2RS_NAME_LEN: usize = 128;
/// Bytes in a secret field (password, credential data, AKA K/OP/AMF), including the NUL.
pub const PJSUA2RS_SECRET_LEN: usize = 256;
/// Bytes in a free-text field (User-Agent, certificate lookup keyword), including the NUL.
pub const PJSUA2RS_TEXT_LEN: usize = 256;
/// Bytes in a file path field, including the NUL.
pub const PJSUA2RS_PATH_LEN: usize = 512;
/// Bytes in a PEM buffer field (TLS CA, certificate and private key), including the NUL.
pub const PJSUA2RS_PEM_LEN: usize = 8192;
/// Bytes in a SIP header name, including the NUL.
pub const PJSUA2RS_HEADER_NAME_LEN: usize = 128;
/// Bytes in a SIP header value, including the NUL.
pub const PJSUA2RS_HEADER_VALUE_LEN: usize = 512;

/// Maximum DNS name servers in `UaConfig.nameserver` (pjsua: 4).
pub const PJSUA2RS_MAX_NAMESERVERS: usize = 4;
/// Maximum global outbound proxies in `UaConfig.outbound_proxies` (pjsua: 4).
pub const PJSUA2RS_MAX_OUTBOUND_PROXIES: usize = 4;
/// Maximum STUN servers in `UaConfig.stun_server` (pjsua: 8).
pub const PJSUA2RS_MAX_STUN_SERVERS: usize = 8;
/// Maximum account proxies in `AccountSipConfig.proxies` (PJSUA_ACC_MAX_PROXIES: 8).
pub const PJSUA2RS_MAX_PROXIES: usize = 8;
/// Maximum credentials in `AccountSipConfig.auth_creds` (pjsua: 8).
pub const PJSUA2RS_MAX_AUTH_CREDS: usize = 8;
/// Maximum extra SIP headers in a header list (REGISTER or SUBSCRIBE headers).
pub const PJSUA2RS_MAX_HEADERS: usize = 8;
/// Maximum ICE manual host candidates (PJ_ICE_ST_MAX_CAND: 8).
pub const PJSUA2RS_MAX_ICE_MANUAL_HOSTS: usize = 8;
/// Maximum socket options in a `SockOptParams`.
pub const PJSUA2RS_MAX_SOCK_OPTS: usize = 8;
/// Maximum SRTP crypto suites in `SrtpOpt.cryptos` (PJMEDIA_SRTP_MAX_CRYPTOS: 16).
pub const PJSUA2RS_MAX_SRTP_CRYPTOS: usize = 16;
/// Maximum SRTP keying methods in `SrtpOpt.keyings` (PJMEDIA_SRTP_KEYINGS_COUNT: 2).
pub const PJSUA2RS_MAX_SRTP_KEYINGS: usize = 2;
/// Maximum TLS cipher ids in `TlsConfig.ciphers`.
pub const PJSUA2RS_MAX_TLS_CIPHERS: usize = 64;
/// Maximum RTCP feedback capabilities in `RtcpFbConfig.caps` (PJMEDIA_RTCP_FB_MAX_CAP).
pub const PJSUA2RS_MAX_RTCP_FB_CAPS: usize = 16;
