"""ctypes declarations of libpjsua2rs, generated from include/pjsua2rs.h by
bindings/python/gen_ffi.py. Do not edit: run scripts/gen-header.sh.

`lib` is the loaded library with restype/argtypes set on every function.
"""
import ctypes
import ctypes.util
import os
import sys

# Constants

# PJSUA2's `regExpiresSec` when the account does not register
# (PJSIP_EXPIRES_NOT_SPECIFIED).
PJSUA2RS_EXPIRES_NOT_SPECIFIED = 4294967295

# PJSIP_ROLE_UAC: we made the call.
PJSUA2RS_ROLE_UAC = 0

# PJSIP_ROLE_UAS: we received the call.
PJSUA2RS_ROLE_UAS = 1

# PJSUA_CALL_MEDIA_NONE.
PJSUA2RS_CALL_MEDIA_NONE = 0

# PJSUA_CALL_MEDIA_ACTIVE.
PJSUA2RS_CALL_MEDIA_ACTIVE = 1

# PJSUA_CALL_MEDIA_LOCAL_HOLD.
PJSUA2RS_CALL_MEDIA_LOCAL_HOLD = 2

# PJSUA_CALL_MEDIA_REMOTE_HOLD.
PJSUA2RS_CALL_MEDIA_REMOTE_HOLD = 3

# PJSUA_CALL_MEDIA_ERROR.
PJSUA2RS_CALL_MEDIA_ERROR = 4

# PJSUA_XFER_NO_REQUIRE_REPLACES: `xferReplaces` without Require: replaces.
PJSUA2RS_XFER_NO_REQUIRE_REPLACES = 1

# PJSUA_DTMF_METHOD_RFC2833: DTMF as RTP events (RFC 4733).
PJSUA2RS_DTMF_METHOD_RFC2833 = 0

# PJSUA_DTMF_METHOD_SIP_INFO: DTMF in INFO requests (application/dtmf-relay).
PJSUA2RS_DTMF_METHOD_SIP_INFO = 1

# PJSIP_REDIRECT_REJECT: refuse the redirection.
PJSUA2RS_REDIRECT_REJECT = 0

# PJSIP_REDIRECT_ACCEPT: call the target.
PJSUA2RS_REDIRECT_ACCEPT = 1

# PJSIP_REDIRECT_ACCEPT_REPLACE: call the target, replacing the To URI.
PJSUA2RS_REDIRECT_ACCEPT_REPLACE = 2

# PJSIP_REDIRECT_PENDING: decide later with `processRedirect`.
PJSUA2RS_REDIRECT_PENDING = 3

# PJSIP_REDIRECT_STOP: stop (the default).
PJSUA2RS_REDIRECT_STOP = 4

# pjsip_tsx_state_e values of `OnCallTsxStateParam`.
PJSUA2RS_TSX_STATE_TRYING = 2

# PJSIP_TSX_STATE_COMPLETED: a final response was sent or received.
PJSUA2RS_TSX_STATE_COMPLETED = 4

# `AccountRegConfig.proxy_use` bit: route REGISTER via the global outbound proxies.
PJSUA2RS_REG_USE_OUTBOUND_PROXY = 1

# `AccountRegConfig.proxy_use` bit: route REGISTER via the account's proxies.
PJSUA2RS_REG_USE_ACC_PROXY = 2

# `AccountSipConfig.ipv6_use` and `AccountMediaConfig.ipv6_use`: IPv4 only.
PJSUA2RS_IPV6_DISABLED = 0

# `ipv6_use`: IPv6 enabled, no preference.
PJSUA2RS_IPV6_ENABLED = 1

# `ipv6_use`: IPv6 enabled, IPv4 preferred.
PJSUA2RS_IPV6_ENABLED_PREFER_IPV4 = 2

# `ipv6_use`: IPv6 enabled and preferred.
PJSUA2RS_IPV6_ENABLED_PREFER_IPV6 = 3

# `ipv6_use`: IPv6 only.
PJSUA2RS_IPV6_ENABLED_USE_IPV6_ONLY = 4

# `AccountSipConfig.server_affinity`: follow `UaConfig.acc_server_affinity_default`.
PJSUA2RS_SERVER_AFFINITY_UNSPECIFIED = 0

# `server_affinity`: disabled.
PJSUA2RS_SERVER_AFFINITY_DISABLED = 1

# `server_affinity`: keep using the TCP/TLS server address the account registered to.
PJSUA2RS_SERVER_AFFINITY_ENABLED = 2

# `AccountCallConfig.hold_type`: hold as RFC 3264 (a=sendonly), the default.
PJSUA2RS_CALL_HOLD_TYPE_RFC3264 = 0

# `hold_type`: hold as RFC 2543 (c=0.0.0.0).
PJSUA2RS_CALL_HOLD_TYPE_RFC2543 = 1

# `AccountCallConfig.prack_use`: no reliable provisional responses (the default).
PJSUA2RS_100REL_NOT_USED = 0

# `prack_use`: require 100rel.
PJSUA2RS_100REL_MANDATORY = 1

# `prack_use`: use 100rel when the peer supports it.
PJSUA2RS_100REL_OPTIONAL = 2

# `AccountCallConfig.timer_use`: no session timers.
PJSUA2RS_SIP_TIMER_INACTIVE = 0

# `timer_use`: session timers when the peer supports them (the default).
PJSUA2RS_SIP_TIMER_OPTIONAL = 1

# `timer_use`: require session timers.
PJSUA2RS_SIP_TIMER_REQUIRED = 2

# `timer_use`: always use session timers, even when the peer does not support them.
PJSUA2RS_SIP_TIMER_ALWAYS = 3

# `AccountCallConfig.siprec_use`: no SIPREC (the default).
PJSUA2RS_SIP_SIPREC_INACTIVE = 0

# `siprec_use`: accept SIPREC sessions.
PJSUA2RS_SIP_SIPREC_OPTIONAL = 1

# `siprec_use`: only accept SIPREC sessions.
PJSUA2RS_SIP_SIPREC_MANDATORY = 2

# `AccountMediaConfig.srtp_use`: no SRTP (the default).
PJSUA2RS_SRTP_DISABLED = 0

# `srtp_use`: offer SRTP, accept RTP.
PJSUA2RS_SRTP_OPTIONAL = 1

# `srtp_use`: require SRTP.
PJSUA2RS_SRTP_MANDATORY = 2

# `SrtpCrypto.flags` bit: no encryption (authentication only).
PJSUA2RS_SRTP_NO_ENCRYPTION = 1

# `SrtpCrypto.flags` bit: no authentication.
PJSUA2RS_SRTP_NO_AUTHENTICATION = 2

# `SrtpOpt.keyings` entry: SDES (keys in SDP).
PJSUA2RS_SRTP_KEYING_SDES = 0

# `SrtpOpt.keyings` entry: DTLS-SRTP.
PJSUA2RS_SRTP_KEYING_DTLS_SRTP = 1

# `RtcpFbCap.type`: acknowledgement feedback, `ack` (RFC 4585 §4.2).
PJSUA2RS_RTCP_FB_ACK = 0

# `RtcpFbCap.type`: negative acknowledgement, `nack`.
PJSUA2RS_RTCP_FB_NACK = 1

# `RtcpFbCap.type`: minimal interval between regular reports, `trr-int`.
PJSUA2RS_RTCP_FB_TRR_INT = 2

# `RtcpFbCap.type`: another type, named by `type_name` (the default).
PJSUA2RS_RTCP_FB_OTHER = 3

# Call flag (pjsua_call_flag): take the call off hold.
PJSUA2RS_CALL_UNHOLD = 1

# Call flag: update the Contact of the dialog.
PJSUA2RS_CALL_UPDATE_CONTACT = 2

# Call flag: include disabled media in the offer.
PJSUA2RS_CALL_INCLUDE_DISABLED_MEDIA = 4

# Call flag: send the request without an SDP offer.
PJSUA2RS_CALL_NO_SDP_OFFER = 8

# Call flag: re-create the media transports.
PJSUA2RS_CALL_REINIT_MEDIA = 16

# Call flag: update the Via of the dialog.
PJSUA2RS_CALL_UPDATE_VIA = 32

# Call flag: update the target URI of the dialog.
PJSUA2RS_CALL_UPDATE_TARGET = 64

# Call flag: set the media directions given in the call setting.
PJSUA2RS_CALL_SET_MEDIA_DIR = 128

# Call flag: do not synchronise media with the new offer.
PJSUA2RS_CALL_NO_MEDIA_SYNC = 256

# `sip_stun_use`/`media_stun_use`: follow the global STUN setting.
PJSUA2RS_STUN_USE_DEFAULT = 0

# `sip_stun_use`/`media_stun_use`: no STUN.
PJSUA2RS_STUN_USE_DISABLED = 1

# `sip_stun_use`/`media_stun_use`: use STUN, retrying when it fails.
PJSUA2RS_STUN_RETRY_ON_FAILURE = 2

# `sip_upnp_use`/`media_upnp_use`: follow the global UPnP setting.
PJSUA2RS_UPNP_USE_DEFAULT = 0

# `sip_upnp_use`/`media_upnp_use`: no UPnP.
PJSUA2RS_UPNP_USE_DISABLED = 1

# `nat64_opt`: no NAT64 handling.
PJSUA2RS_NAT64_DISABLED = 0

# `nat64_opt`: rewrite addresses for NAT64.
PJSUA2RS_NAT64_ENABLED = 1

# `ice_trickle`: no trickle ICE.
PJSUA2RS_ICE_TRICKLE_DISABLED = 0

# `ice_trickle`: half trickle.
PJSUA2RS_ICE_TRICKLE_HALF = 1

# `ice_trickle`: full trickle.
PJSUA2RS_ICE_TRICKLE_FULL = 2

# `turn_conn_type`: TURN over UDP (the protocol number 17).
PJSUA2RS_TURN_TP_UDP = 17

# `turn_conn_type`: TURN over TCP (6).
PJSUA2RS_TURN_TP_TCP = 6

# `turn_conn_type`: TURN over TLS.
PJSUA2RS_TURN_TP_TLS = 56

# `contact_rewrite_method` bit: un-register the old Contact, then register the new one.
PJSUA2RS_CONTACT_REWRITE_UNREGISTER = 1

# `contact_rewrite_method` bit: register the new Contact without un-registering.
PJSUA2RS_CONTACT_REWRITE_NO_UNREG = 2

# `contact_rewrite_method` bit: update the Contact on every registration response.
PJSUA2RS_CONTACT_REWRITE_ALWAYS_UPDATE = 4

# `AuthCredInfo.data_type`: `data` is the plain password (PJSIP_CRED_DATA_PLAIN_PASSWD).
PJSUA2RS_CRED_DATA_PLAIN_PASSWD = 0

# `AuthCredInfo.data_type`: `data` is the hashed digest HA1 (PJSIP_CRED_DATA_DIGEST).
PJSUA2RS_CRED_DATA_DIGEST = 1

# `AuthCredInfo.data_type` bit: AKA credential (PJSIP_CRED_DATA_EXT_AKA).
PJSUA2RS_CRED_DATA_EXT_AKA = 16

# `AuthCredInfo.algo_type`: not set; the challenge decides (the default).
PJSUA2RS_AUTH_ALGORITHM_NOT_SET = 0

# `AuthCredInfo.algo_type`: MD5.
PJSUA2RS_AUTH_ALGORITHM_MD5 = 1

# `AuthCredInfo.algo_type`: SHA-256.
PJSUA2RS_AUTH_ALGORITHM_SHA256 = 2

# `AuthCredInfo.algo_type`: SHA-512/256.
PJSUA2RS_AUTH_ALGORITHM_SHA512_256 = 3

# `MediaConfig.jb_discard_algo`: never discard frames (PJMEDIA_JB_DISCARD_NONE).
PJSUA2RS_JB_DISCARD_NONE = 0

# `MediaConfig.jb_discard_algo`: discard when the buffer exceeds a static limit.
PJSUA2RS_JB_DISCARD_STATIC = 1

# `MediaConfig.jb_discard_algo`: discard progressively as the buffer grows (default).
PJSUA2RS_JB_DISCARD_PROGRESSIVE = 2

# Bytes in a URI or address field (registrar, proxy, contact, TURN server, public or
# bound address), including the terminating NUL.
PJSUA2RS_URI_LEN = 512

# Bytes in a host name field ("host[:port]" of a name server, STUN server or ICE manual
# host), including the NUL.
PJSUA2RS_HOST_LEN = 256

# Bytes in a short string field (scheme, realm, user name, interface name, ids, SRTP
# crypto name and key), including the NUL.
PJSUA2RS_NAME_LEN = 128

# Bytes in a secret field (password, credential data, AKA K/OP/AMF), including the NUL.
PJSUA2RS_SECRET_LEN = 256

# Bytes in a free-text field (User-Agent, certificate lookup keyword), including the NUL.
PJSUA2RS_TEXT_LEN = 256

# Bytes in a file path field, including the NUL.
PJSUA2RS_PATH_LEN = 512

# Bytes in a PEM buffer field (TLS CA, certificate and private key), including the NUL.
PJSUA2RS_PEM_LEN = 8192

# Bytes in a SIP header name, including the NUL.
PJSUA2RS_HEADER_NAME_LEN = 128

# Bytes in a SIP header value, including the NUL.
PJSUA2RS_HEADER_VALUE_LEN = 512

# Maximum DNS name servers in `UaConfig.nameserver` (pjsua: 4).
PJSUA2RS_MAX_NAMESERVERS = 4

# Maximum global outbound proxies in `UaConfig.outbound_proxies` (pjsua: 4).
PJSUA2RS_MAX_OUTBOUND_PROXIES = 4

# Maximum STUN servers in `UaConfig.stun_server` (pjsua: 8).
PJSUA2RS_MAX_STUN_SERVERS = 8

# Maximum account proxies in `AccountSipConfig.proxies` (PJSUA_ACC_MAX_PROXIES: 8).
PJSUA2RS_MAX_PROXIES = 8

# Maximum credentials in `AccountSipConfig.auth_creds` (pjsua: 8).
PJSUA2RS_MAX_AUTH_CREDS = 8

# Maximum extra SIP headers in a header list (REGISTER or SUBSCRIBE headers).
PJSUA2RS_MAX_HEADERS = 8

# Maximum ICE manual host candidates (PJ_ICE_ST_MAX_CAND: 8).
PJSUA2RS_MAX_ICE_MANUAL_HOSTS = 8

# Maximum socket options in a `SockOptParams`.
PJSUA2RS_MAX_SOCK_OPTS = 8

# Maximum SRTP crypto suites in `SrtpOpt.cryptos` (PJMEDIA_SRTP_MAX_CRYPTOS: 16).
PJSUA2RS_MAX_SRTP_CRYPTOS = 16

# Maximum SRTP keying methods in `SrtpOpt.keyings` (PJMEDIA_SRTP_KEYINGS_COUNT: 2).
PJSUA2RS_MAX_SRTP_KEYINGS = 2

# Maximum TLS cipher ids in `TlsConfig.ciphers`.
PJSUA2RS_MAX_TLS_CIPHERS = 64

# Maximum RTCP feedback capabilities in `RtcpFbConfig.caps` (PJMEDIA_RTCP_FB_MAX_CAP).
PJSUA2RS_MAX_RTCP_FB_CAPS = 16

# SIP transport type UDP (PJSIP_TRANSPORT_UDP).
PJSUA2RS_TRANSPORT_UDP = 1

# SIP transport type TCP (PJSIP_TRANSPORT_TCP).
PJSUA2RS_TRANSPORT_TCP = 2

# SIP transport type TLS (PJSIP_TRANSPORT_TLS).
PJSUA2RS_TRANSPORT_TLS = 3

# SIP transport type UDP over IPv6 (PJSIP_TRANSPORT_UDP6).
PJSUA2RS_TRANSPORT_UDP6 = 129

# SIP transport type TCP over IPv6 (PJSIP_TRANSPORT_TCP6).
PJSUA2RS_TRANSPORT_TCP6 = 130

# SIP transport type TLS over IPv6 (PJSIP_TRANSPORT_TLS6).
PJSUA2RS_TRANSPORT_TLS6 = 131

# `qos_type`: best effort traffic (PJ_QOS_TYPE_BEST_EFFORT), the default.
PJSUA2RS_QOS_TYPE_BEST_EFFORT = 0

# `qos_type`: background traffic.
PJSUA2RS_QOS_TYPE_BACKGROUND = 1

# `qos_type`: video traffic.
PJSUA2RS_QOS_TYPE_VIDEO = 2

# `qos_type`: voice traffic.
PJSUA2RS_QOS_TYPE_VOICE = 3

# `qos_type`: control traffic.
PJSUA2RS_QOS_TYPE_CONTROL = 4

# `qos_type`: signalling traffic.
PJSUA2RS_QOS_TYPE_SIGNALLING = 5

# `QosParams.flags`: `dscp_val` is set.
PJSUA2RS_QOS_PARAM_HAS_DSCP = 1

# `QosParams.flags`: `so_prio` is set.
PJSUA2RS_QOS_PARAM_HAS_SO_PRIO = 2

# `QosParams.flags`: `wmm_prio` is set.
PJSUA2RS_QOS_PARAM_HAS_WMM = 4

# `TlsConfig.method`: the backend's default (PJSIP_SSL_UNSPECIFIED_METHOD).
PJSUA2RS_SSL_UNSPECIFIED_METHOD = 0

# `TlsConfig.method`: TLS 1.0 (PJSIP_TLSV1_METHOD).
PJSUA2RS_TLSV1_METHOD = 31

# `TlsConfig.method`: TLS 1.1.
PJSUA2RS_TLSV1_1_METHOD = 32

# `TlsConfig.method`: TLS 1.2.
PJSUA2RS_TLSV1_2_METHOD = 33

# `TlsConfig.method`: TLS 1.3.
PJSUA2RS_TLSV1_3_METHOD = 34

# `TlsConfig.method`: SSL 2/3 and TLS negotiation (PJSIP_SSLV23_METHOD).
PJSUA2RS_SSLV23_METHOD = 23

# `TlsConfig.proto` bit: TLS 1.0 (PJ_SSL_SOCK_PROTO_TLS1).
PJSUA2RS_SSL_PROTO_TLS1 = 4

# `TlsConfig.proto` bit: TLS 1.1.
PJSUA2RS_SSL_PROTO_TLS1_1 = 8

# `TlsConfig.proto` bit: TLS 1.2.
PJSUA2RS_SSL_PROTO_TLS1_2 = 16

# `TlsConfig.proto` bit: TLS 1.3.
PJSUA2RS_SSL_PROTO_TLS1_3 = 32

# `TlsConfig.cert_lookup_type`: no OS certificate store lookup (the default).
PJSUA2RS_SSL_CERT_LOOKUP_NONE = 0

# `TlsConfig.cert_lookup_type`: look the certificate up by subject.
PJSUA2RS_SSL_CERT_LOOKUP_SUBJECT = 1

# `TlsConfig.cert_lookup_type`: look the certificate up by fingerprint.
PJSUA2RS_SSL_CERT_LOOKUP_FINGERPRINT = 2

# `TlsConfig.cert_lookup_type`: look the certificate up by friendly name.
PJSUA2RS_SSL_CERT_LOOKUP_FRIENDLY_NAME = 3

# PJSUA_STATE_NULL: not created.
PJSUA2RS_STATE_NULL = 0

# PJSUA_STATE_CREATED: libCreate done.
PJSUA2RS_STATE_CREATED = 1

# PJSUA_STATE_INIT: libInit done.
PJSUA2RS_STATE_INIT = 2

# PJSUA_STATE_STARTING: libStart in progress.
PJSUA2RS_STATE_STARTING = 3

# PJSUA_STATE_RUNNING: libStart done.
PJSUA2RS_STATE_RUNNING = 4

# PJSUA_STATE_CLOSING: libDestroy in progress.
PJSUA2RS_STATE_CLOSING = 5

# A JSON layout value: the newest PJSUA2 member layout (the default).
PJSUA2RS_JSON_LAYOUT_LATEST = 0

# A JSON layout value: the layout PJSUA2 2.15 reads and writes.
PJSUA2RS_JSON_LAYOUT_2_15 = 215

# A JSON layout value: the layout PJSUA2 2.16 reads and writes.
PJSUA2RS_JSON_LAYOUT_2_16 = 216

# A JSON layout value: the layout PJSUA2 2.17 reads and writes.
PJSUA2RS_JSON_LAYOUT_2_17 = 217

# Day name.
PJSUA2RS_LOG_HAS_DAY_NAME = 1

# Year.
PJSUA2RS_LOG_HAS_YEAR = 2

# Month.
PJSUA2RS_LOG_HAS_MONTH = 4

# Day of month.
PJSUA2RS_LOG_HAS_DAY_OF_MON = 8

# Time of day.
PJSUA2RS_LOG_HAS_TIME = 16

# Milliseconds.
PJSUA2RS_LOG_HAS_MICRO_SEC = 32

# The sender (module) name.
PJSUA2RS_LOG_HAS_SENDER = 64

# A trailing newline.
PJSUA2RS_LOG_HAS_NEWLINE = 128

# A carriage return before the newline.
PJSUA2RS_LOG_HAS_CR = 256

# A space between the decoration and the message.
PJSUA2RS_LOG_HAS_SPACE = 512

# Terminal colours (accepted; pjsua2rs writes no colour codes).
PJSUA2RS_LOG_HAS_COLOR = 1024

# The level as text.
PJSUA2RS_LOG_HAS_LEVEL_TEXT = 2048

# The thread id.
PJSUA2RS_LOG_HAS_THREAD_ID = 4096

# Mark thread switches (accepted; not shown).
PJSUA2RS_LOG_HAS_THREAD_SWC = 8192

# Indentation (accepted; not shown).
PJSUA2RS_LOG_HAS_INDENT = 16384

# PJMEDIA_FRAME_TYPE_NONE: the frame holds no audio (it counts as silence).
PJSUA2RS_FRAME_TYPE_NONE = 0

# PJMEDIA_FRAME_TYPE_AUDIO: the frame holds audio.
PJSUA2RS_FRAME_TYPE_AUDIO = 1

# PJSUA's id of the default capture device.
PJSUA2RS_DEFAULT_CAPTURE_DEV = -1

# PJSUA's id of the default playback device.
PJSUA2RS_DEFAULT_PLAYBACK_DEV = -2

# PJSUA_SND_NULL_DEV: the null device.
PJSUA2RS_SND_NULL_DEV = -99

# PJSUA_SND_NO_DEV (PJMEDIA_AUD_INVALID_DEV): no device (the bridge still runs on the
# media clock).
PJSUA2RS_SND_NO_DEV = -3

# PJMEDIA_FILE_NO_LOOP: play once, then stay silent.
PJSUA2RS_FILE_NO_LOOP = 1

# PJMEDIA_FORMAT_PCM (PJMEDIA_FORMAT_L16): 16-bit linear PCM.
PJSUA2RS_FORMAT_PCM = 0

# PJMEDIA_FORMAT_ALAW (PJMEDIA_FORMAT_PCMA): G.711 A-law, the FourCC "ALAW".
PJSUA2RS_FORMAT_ALAW = 1463897153

# PJMEDIA_FORMAT_ULAW (PJMEDIA_FORMAT_PCMU): G.711 u-law, the FourCC "uLAW".
PJSUA2RS_FORMAT_ULAW = 1463897205

# PJMEDIA_FILE_WRITE_PCM.
PJSUA2RS_FILE_WRITE_PCM = 0

# PJMEDIA_FILE_WRITE_ALAW.
PJSUA2RS_FILE_WRITE_ALAW = 1

# PJMEDIA_FILE_WRITE_ULAW.
PJSUA2RS_FILE_WRITE_ULAW = 2

# PJMEDIA_TP_PROTO_RTP_AVP as PJSUA2 2.15 numbers it (PJMEDIA_TP_PROTO_RTP 4 with
# PJMEDIA_TP_PROFILE_AVP 0x8000): `StreamInfo.proto` of a plain RTP stream.
PJSUA2RS_TP_PROTO_RTP_AVP = 32772

# PJMEDIA_TP_PROTO_RTP_AVPF (PJSUA2 2.15: PJMEDIA_TP_PROTO_RTP_AVP with
# PJMEDIA_TP_PROFILE_RTCP_FB 0x2000): `StreamInfo.proto` of an RTP/AVPF stream (RFC 4585).
PJSUA2RS_TP_PROTO_RTP_AVPF = 40964

# PJSIP_TRANSPORT_RELIABLE flag of TransportInfo.flags.
PJSUA2RS_TRANSPORT_FLAG_RELIABLE = 1

# PJSIP_TRANSPORT_SECURE flag.
PJSUA2RS_TRANSPORT_FLAG_SECURE = 2

# PJSIP_TRANSPORT_DATAGRAM flag.
PJSUA2RS_TRANSPORT_FLAG_DATAGRAM = 4

# The longest content type in a `pjsua2rs_sip_tx_option`.
PJSUA2RS_CONTENT_TYPE_LEN = 128

# The most media lines a `pjsua2rs_call_info` reports.
PJSUA2RS_MAX_CALL_MEDIA = 16

# The most fmtp parameters a `pjsua2rs_codec_param` carries each way.
PJSUA2RS_MAX_CODEC_FMTP = 8

# The root container of every document (a node id).
PJSUA2RS_JSON_ROOT = 0

# Success.
PJSUA2RS_SUCCESS = 0

# Unknown error (PJ_EUNKNOWN).
PJSUA2RS_ERR_UNKNOWN = 70001

# The operation is pending and will complete later (PJ_EPENDING).
PJSUA2RS_ERR_PENDING = 70002

# An argument is invalid: NULL, out of range, bad UTF-8 (PJ_EINVAL).
PJSUA2RS_ERR_INVALID_ARG = 70004

# A string is longer than its field allows (PJ_ENAMETOOLONG).
PJSUA2RS_ERR_NAME_TOO_LONG = 70005

# Not found (PJ_ENOTFOUND).
PJSUA2RS_ERR_NOT_FOUND = 70006

# Out of memory (PJ_ENOMEM).
PJSUA2RS_ERR_NO_MEMORY = 70007

# Timed out (PJ_ETIMEDOUT).
PJSUA2RS_ERR_TIMEOUT = 70009

# Too many objects of this kind (PJ_ETOOMANY).
PJSUA2RS_ERR_TOO_MANY = 70010

# Busy (PJ_EBUSY).
PJSUA2RS_ERR_BUSY = 70011

# Not supported (PJ_ENOTSUP).
PJSUA2RS_ERR_NOT_SUPPORTED = 70012

# The operation is not valid in the object's current state (PJ_EINVALIDOP).
PJSUA2RS_ERR_INVALID_OP = 70013

# Cancelled (PJ_ECANCELLED).
PJSUA2RS_ERR_CANCELLED = 70014

# Already exists (PJ_EEXISTS).
PJSUA2RS_ERR_EXISTS = 70015

# End of data (PJ_EEOF); also a JSON document with a member missing.
PJSUA2RS_ERR_EOF = 70016

# Too big (PJ_ETOOBIG).
PJSUA2RS_ERR_TOO_BIG = 70017

# A host name could not be resolved (PJ_ERESOLVE).
PJSUA2RS_ERR_RESOLVE = 70018

# A caller's buffer or array is too small (PJ_ETOOSMALL).
PJSUA2RS_ERR_TOO_SMALL = 70019

# Address family not supported (PJ_EAFNOTSUP).
PJSUA2RS_ERR_AF_NOT_SUPPORTED = 70022

# Operating-system errors are this base plus `errno` (PJ_ERRNO_START_SYS).
PJSUA2RS_ERR_OS_BASE = 120000

# A SIP final status is reported as this base plus the status code, e.g. 170408 for 408.
PJSUA2RS_ERR_SIP_STATUS_BASE = 170000

# The SIP stack is shutting down (PJSIP_ESHUTDOWN).
PJSUA2RS_ERR_SIP_SHUTDOWN = 171003

# A SIP message is malformed (PJSIP_EINVALIDMSG).
PJSUA2RS_ERR_SIP_INVALID_MSG = 171020

# A SIP message is too long (PJSIP_EMSGTOOLONG).
PJSUA2RS_ERR_SIP_MSG_TOO_LONG = 171023

# A status code is invalid or unexpected here (PJSIP_EINVALIDSTATUS).
PJSUA2RS_ERR_SIP_INVALID_STATUS = 171030

# A URI is malformed (PJSIP_EINVALIDURI).
PJSUA2RS_ERR_SIP_INVALID_URI = 171039

# A URI has an unsupported scheme (PJSIP_EINVALIDSCHEME).
PJSUA2RS_ERR_SIP_INVALID_SCHEME = 171040

# A header field is malformed (PJSIP_EINVALIDHDR).
PJSUA2RS_ERR_SIP_INVALID_HDR = 171051

# The transport type is not supported (PJSIP_EUNSUPTRANSPORT).
PJSUA2RS_ERR_SIP_UNSUPPORTED_TRANSPORT = 171060

# No transaction (PJSIP_ENOTSX).
PJSUA2RS_ERR_SIP_NO_TRANSACTION = 171071

# The server rejected our credential: it challenged again, without `stale=true`, a
# request we had answered (PJSIP_EFAILEDCREDENTIAL). Usually a wrong user or password.
PJSUA2RS_ERR_SIP_FAILED_CREDENTIAL = 171100

# No credential fits the challenge's realm and algorithm (PJSIP_ENOCREDENTIAL).
PJSUA2RS_ERR_SIP_NO_CREDENTIAL = 171101

# The challenge offers only unsupported digest algorithms (PJSIP_EINVALIDALGORITHM).
PJSUA2RS_ERR_SIP_INVALID_ALGORITHM = 171102

# The challenge offers only unsupported qop values (PJSIP_EINVALIDQOP).
PJSUA2RS_ERR_SIP_INVALID_QOP = 171103

# The challenge offers only unsupported authentication schemes (PJSIP_EINVALIDAUTHSCHEME).
PJSUA2RS_ERR_SIP_INVALID_AUTH_SCHEME = 171104

# The server kept answering with a stale nonce (PJSIP_EAUTHSTALECOUNT).
PJSUA2RS_ERR_SIP_AUTH_STALE_COUNT = 171111

# An AKA credential is invalid or AKA is not supported (PJSIP_EAUTHINAKACRED).
PJSUA2RS_ERR_SIP_AUTH_INVALID_AKA_CRED = 171113

# A 401/407 response carries no challenge (PJSIP_EAUTHNOCHAL).
PJSUA2RS_ERR_SIP_AUTH_NO_CHALLENGE = 171114

# A DTMF digit the tone generator's digit map lacks (PJMEDIA_RTP_EINDTMF).
PJSUA2RS_ERR_MEDIA_INVALID_DTMF = 220106

# A JSON document is malformed or a member has the wrong name or type
# (PJLIB_UTIL_EINJSON).
PJSUA2RS_ERR_JSON = 320030

# A handle is stale (its object was destroyed) or was never valid. pjsua2rs's own code.
PJSUA2RS_ERR_INVALID_HANDLE = 900001

# The library caught an internal panic; the operation did not complete. pjsua2rs's own
# code; please report it as a bug.
PJSUA2RS_ERR_INTERNAL = 900002


# Types


# A status code: 0 is success, anything else an error (PJSIP's numbering).
pjsua2rs_status = ctypes.c_int32


class pjsua2rs_on_reg_started_param(ctypes.Structure):
    """PJSUA2's `OnRegStartedParam`."""

    _fields_ = [
        ('renew', ctypes.c_bool),
    ]
    _field_docs_ = {
        'renew': 'True when registering or refreshing, false when unregistering.',
    }


# `on_reg_started`: a REGISTER round starts (PJSUA2 `onRegStarted`); NULL for none.
pjsua2rs_on_reg_started_fn = ctypes.CFUNCTYPE(None, ctypes.c_void_p, ctypes.POINTER(pjsua2rs_on_reg_started_param))


class pjsua2rs_sip_rx_data(ctypes.Structure):
    """
    The received message a callback is about (PJSUA2's `SipRxData`); the strings are NUL-terminated UTF-8, valid during the callback only.
    """

    _fields_ = [
        ('info', ctypes.c_char_p),
        ('whole_msg', ctypes.c_char_p),
        ('src_address', ctypes.c_char_p),
    ]
    _field_docs_ = {
        'info': 'A one-line description ("Response msg 200/REGISTER/cseq=2"); "" when none.',
        'whole_msg': 'The whole message as received; "" when no message arrived (timeout).',
        'src_address': 'Where it came from, "ip:port"; "" when none.',
    }


class pjsua2rs_on_reg_state_param(ctypes.Structure):
    """PJSUA2's `OnRegStateParam`. Valid during the callback only."""

    _fields_ = [
        ('status', pjsua2rs_status),
        ('code', ctypes.c_int),
        ('reason', ctypes.c_char_p),
        ('rdata', pjsua2rs_sip_rx_data),
        ('expiration', ctypes.c_uint),
    ]
    _field_docs_ = {
        'status': '0 whenever the round ended with a code (a 408 timeout and a 503 transport error too, as PJSUA2); else why it was given up (e.g. PJSUA2RS_ERR_SIP_FAILED_CREDENTIAL).',
        'code': "The SIP status (408 for no answer, 503 for a transport error, 502 when the registrar's name did not resolve).",
        'reason': 'The reason phrase.',
        'rdata': 'The response, when one arrived.',
        'expiration': 'The granted binding time in seconds (0 when unregistered or failed).',
    }


# `on_reg_state`: a REGISTER round ended (PJSUA2 `onRegState`); NULL for none.
pjsua2rs_on_reg_state_fn = ctypes.CFUNCTYPE(None, ctypes.c_void_p, ctypes.POINTER(pjsua2rs_on_reg_state_param))


class pjsua2rs_on_incoming_call_param(ctypes.Structure):
    """PJSUA2's `OnIncomingCallParam`. Valid during the callback only."""

    _fields_ = [
        ('call_id', ctypes.c_int),
        ('rdata', pjsua2rs_sip_rx_data),
    ]
    _field_docs_ = {
        'call_id': "The new call's id: pass it to `pjsua2rs_call_create` now to take the call.",
        'rdata': 'The INVITE.',
    }


# `on_incoming_call`: a call arrived (PJSUA2 `onIncomingCall`). Take it with
# `pjsua2rs_call_create(acc, prm->call_id, ...)` during the callback, or it is refused
# with 500, as PJSUA2 does; NULL for none.
pjsua2rs_on_incoming_call_fn = ctypes.CFUNCTYPE(None, ctypes.c_void_p, ctypes.POINTER(pjsua2rs_on_incoming_call_param))


class pjsua2rs_account_callbacks(ctypes.Structure):
    """
    The callbacks of an account; NULL members are not called. Each gets the `user_data` given to `pjsua2rs_account_create` and a param struct valid during the call. They run on the library's callback thread, or inside `pjsua2rs_endpoint_handle_events` in poll mode, one at a time, never while the library holds a lock; calling the API from them is safe. Set `struct_size` to `sizeof` the struct (members are only ever appended).
    """

    _fields_ = [
        ('struct_size', ctypes.c_uint32),
        ('on_reg_started', pjsua2rs_on_reg_started_fn),
        ('on_reg_state', pjsua2rs_on_reg_state_fn),
        ('on_incoming_call', pjsua2rs_on_incoming_call_fn),
    ]
    _field_docs_ = {
        'struct_size': '`sizeof(pjsua2rs_account_callbacks)` as the program was compiled.',
        'on_reg_started': 'A REGISTER round starts (PJSUA2 `onRegStarted`).',
        'on_reg_state': 'A REGISTER round ended (PJSUA2 `onRegState`).',
        'on_incoming_call': 'A call arrived (PJSUA2 `onIncomingCall`).',
    }


# A handle to an endpoint. 0 is never a valid handle.
pjsua2rs_endpoint = ctypes.c_uint64


class pjsua2rs_sip_header(ctypes.Structure):
    """One extra SIP header (PJSUA2 `SipHeader`); JSON keys "hname" and "hvalue"."""

    _fields_ = [
        ('hname', ctypes.c_char * PJSUA2RS_HEADER_NAME_LEN),
        ('hvalue', ctypes.c_char * PJSUA2RS_HEADER_VALUE_LEN),
    ]
    _field_docs_ = {
        'hname': 'The header name, e.g. "X-Custom".',
        'hvalue': 'The header value.',
    }


class pjsua2rs_account_reg_config(ctypes.Structure):
    """Registration settings of an account (PJSUA2 `AccountRegConfig`)."""

    _fields_ = [
        ('registrar_uri', ctypes.c_char * PJSUA2RS_URI_LEN),
        ('register_on_add', ctypes.c_bool),
        ('disable_reg_on_modify', ctypes.c_bool),
        ('headers', pjsua2rs_sip_header * PJSUA2RS_MAX_HEADERS),
        ('headers_count', ctypes.c_uint32),
        ('contact_params', ctypes.c_char * PJSUA2RS_URI_LEN),
        ('contact_uri_params', ctypes.c_char * PJSUA2RS_URI_LEN),
        ('timeout_sec', ctypes.c_uint32),
        ('retry_interval_sec', ctypes.c_uint32),
        ('first_retry_interval_sec', ctypes.c_uint32),
        ('random_retry_interval_sec', ctypes.c_uint32),
        ('delay_before_refresh_sec', ctypes.c_uint32),
        ('drop_calls_on_fail', ctypes.c_bool),
        ('unreg_wait_msec', ctypes.c_uint32),
        ('proxy_use', ctypes.c_uint32),
    ]
    _field_docs_ = {
        'registrar_uri': 'The registrar URI; empty means the account does not register. Default "".',
        'register_on_add': 'Register when the account is added. Default true.',
        'disable_reg_on_modify': '`Account::modify` sends no REGISTER: neither the un-REGISTER of the old binding nor the new registration (the application calls `setRegistration`). Not saved in JSON. Default false.',
        'headers': 'Extra headers for REGISTER requests.',
        'headers_count': 'How many entries of `headers` are used.',
        'contact_params': 'Parameters appended to the Contact header of REGISTER. Default "".',
        'contact_uri_params': 'Parameters appended to the Contact URI of REGISTER. Not saved in JSON. Default "".',
        'timeout_sec': 'The registration expiry asked for, in seconds. Default 300.',
        'retry_interval_sec': 'Seconds before retrying a failed registration; 0 disables retries. Default 300.',
        'first_retry_interval_sec': 'Seconds before the first retry; 0 means `retry_interval_sec`. Default 0.',
        'random_retry_interval_sec': 'Up to this many seconds are randomly added to or taken from retry intervals. Default 10.',
        'delay_before_refresh_sec': 'Refresh the registration this many seconds before it expires. Default 5.',
        'drop_calls_on_fail': "Hang up the account's calls when the registration failed and a retry failed too (needs `retry_interval_sec`; a failure that is not retried drops nothing). Default false.",
        'unreg_wait_msec': 'Milliseconds to wait for the un-REGISTER response at shutdown. Default 4000.',
        'proxy_use': 'Which proxies REGISTER goes through (PJSUA2RS_REG_USE_* bits). Default 3 (both).',
    }


class pjsua2rs_auth_cred_info(ctypes.Structure):
    """
    One credential (PJSUA2 `AuthCredInfo`). The default is a digest credential for any realm with an empty user and password.
    """

    _fields_ = [
        ('scheme', ctypes.c_char * PJSUA2RS_NAME_LEN),
        ('realm', ctypes.c_char * PJSUA2RS_NAME_LEN),
        ('username', ctypes.c_char * PJSUA2RS_NAME_LEN),
        ('data_type', ctypes.c_int32),
        ('data', ctypes.c_char * PJSUA2RS_SECRET_LEN),
        ('algo_type', ctypes.c_int32),
        ('aka_k', ctypes.c_char * PJSUA2RS_SECRET_LEN),
        ('aka_op', ctypes.c_char * PJSUA2RS_SECRET_LEN),
        ('aka_amf', ctypes.c_char * PJSUA2RS_SECRET_LEN),
    ]
    _field_docs_ = {
        'scheme': 'The authentication scheme. Default "digest".',
        'realm': 'The realm; "*" matches any. Default "*".',
        'username': 'The user name. Default "".',
        'data_type': 'What `data` holds (PJSUA2RS_CRED_DATA_*). Default 0 (plain password).',
        'data': 'The password or digest. Default "".',
        'algo_type': 'The digest algorithm of a hashed `data` (PJSUA2RS_AUTH_ALGORITHM_*). Not saved in JSON. Default 0.',
        'aka_k': 'AKA permanent subscriber key K. Default "".',
        'aka_op': 'AKA operator variant key OP. Default "".',
        'aka_amf': 'AKA authentication management field AMF. Default "".',
    }


class pjsua2rs_account_sip_config(ctypes.Structure):
    """SIP settings of an account (PJSUA2 `AccountSipConfig`)."""

    _fields_ = [
        ('auth_creds', pjsua2rs_auth_cred_info * PJSUA2RS_MAX_AUTH_CREDS),
        ('auth_creds_count', ctypes.c_uint32),
        ('proxies', (ctypes.c_char * PJSUA2RS_URI_LEN) * PJSUA2RS_MAX_PROXIES),
        ('proxies_count', ctypes.c_uint32),
        ('contact_forced', ctypes.c_char * PJSUA2RS_URI_LEN),
        ('contact_params', ctypes.c_char * PJSUA2RS_URI_LEN),
        ('contact_uri_params', ctypes.c_char * PJSUA2RS_URI_LEN),
        ('auth_initial_empty', ctypes.c_bool),
        ('auth_initial_algorithm', ctypes.c_char * PJSUA2RS_NAME_LEN),
        ('transport_id', ctypes.c_int32),
        ('ipv6_use', ctypes.c_int32),
        ('server_affinity', ctypes.c_int32),
        ('use_shared_auth', ctypes.c_bool),
        ('auto_respond_sip_message', ctypes.c_bool),
    ]
    _field_docs_ = {
        'auth_creds': 'Credentials for authentication challenges.',
        'auth_creds_count': 'How many entries of `auth_creds` are used.',
        'proxies': 'Proxies (URIs) requests of this account go through, in order.',
        'proxies_count': 'How many entries of `proxies` are used.',
        'contact_forced': 'A Contact URI used instead of the one the library builds. Default "".',
        'contact_params': 'Parameters appended to the Contact header. Default "".',
        'contact_uri_params': 'Parameters appended to the Contact URI. Default "".',
        'auth_initial_empty': 'Put an empty Authorization header (`nonce=""`, `response=""`) on REGISTER and call requests for each credential not yet answering a challenge. Default false.',
        'auth_initial_algorithm': 'The `algorithm` of that empty Authorization header (a token such as "MD5"); empty leaves it out. Default "".',
        'transport_id': 'Bind the account to this transport id; -1 means any transport. Default -1.',
        'ipv6_use': 'IPv6 use for SIP (PJSUA2RS_IPV6_*). Not saved in JSON. Default 0.',
        'server_affinity': 'TCP/TLS server affinity (PJSUA2RS_SERVER_AFFINITY_*). Not saved in JSON. Default 0.',
        'use_shared_auth': "The account's calls share its authentication state: their requests carry answers to the challenges the account already met (its REGISTER's too), so fewer 401/407 come back. Otherwise each call answers its own challenges. Default false.",
        'auto_respond_sip_message': 'Answer incoming MESSAGE requests with 200 automatically. Default true.',
    }


class pjsua2rs_account_call_config(ctypes.Structure):
    """Call settings of an account (PJSUA2 `AccountCallConfig`)."""

    _fields_ = [
        ('hold_type', ctypes.c_int32),
        ('prack_use', ctypes.c_int32),
        ('timer_use', ctypes.c_int32),
        ('siprec_use', ctypes.c_int32),
        ('siprec_require_label', ctypes.c_bool),
        ('siprec_require_metadata', ctypes.c_bool),
        ('timer_min_se_sec', ctypes.c_uint32),
        ('timer_sess_expires_sec', ctypes.c_uint32),
    ]
    _field_docs_ = {
        'hold_type': 'How calls are put on hold (PJSUA2RS_CALL_HOLD_TYPE_*). Default 0 (RFC 3264).',
        'prack_use': 'Reliable provisional responses (PJSUA2RS_100REL_*). Default 0 (not used).',
        'timer_use': 'Session timers (PJSUA2RS_SIP_TIMER_*). Default 1 (optional).',
        'siprec_use': 'SIPREC (PJSUA2RS_SIP_SIPREC_*). Default 0 (inactive).',
        'siprec_require_label': 'Require a label attribute on SIPREC media. Default false.',
        'siprec_require_metadata': 'Require rs-metadata in SIPREC offers. Default false.',
        'timer_min_se_sec': 'The minimum session interval (Min-SE), in seconds. Default 90.',
        'timer_sess_expires_sec': 'The session expiry asked for, in seconds. Default 1800.',
    }


class pjsua2rs_account_pres_config(ctypes.Structure):
    """Presence settings of an account (PJSUA2 `AccountPresConfig`)."""

    _fields_ = [
        ('headers', pjsua2rs_sip_header * PJSUA2RS_MAX_HEADERS),
        ('headers_count', ctypes.c_uint32),
        ('publish_enabled', ctypes.c_bool),
        ('publish_queue', ctypes.c_bool),
        ('publish_shutdown_wait_msec', ctypes.c_uint32),
        ('pidf_tuple_id', ctypes.c_char * PJSUA2RS_NAME_LEN),
    ]
    _field_docs_ = {
        'headers': 'Extra headers for SUBSCRIBE and PUBLISH requests.',
        'headers_count': 'How many entries of `headers` are used.',
        'publish_enabled': "Publish the account's presence with PUBLISH. Default false.",
        'publish_queue': 'Queue PUBLISH requests while one is pending. Default true.',
        'publish_shutdown_wait_msec': 'Milliseconds to wait for the un-PUBLISH response at shutdown. Default 2000.',
        'pidf_tuple_id': 'The PIDF tuple id; empty means a random one. Default "".',
    }


class pjsua2rs_account_mwi_config(ctypes.Structure):
    """Message-waiting indication settings of an account (PJSUA2 `AccountMwiConfig`)."""

    _fields_ = [
        ('enabled', ctypes.c_bool),
        ('expiration_sec', ctypes.c_uint32),
    ]
    _field_docs_ = {
        'enabled': 'Subscribe to message-summary events. Default false.',
        'expiration_sec': 'The subscription expiry asked for, in seconds. Default 3600.',
    }


class pjsua2rs_account_nat_config(ctypes.Structure):
    """NAT traversal settings of an account (PJSUA2 `AccountNatConfig`)."""

    _fields_ = [
        ('sip_stun_use', ctypes.c_int32),
        ('media_stun_use', ctypes.c_int32),
        ('sip_upnp_use', ctypes.c_int32),
        ('media_upnp_use', ctypes.c_int32),
        ('nat64_opt', ctypes.c_int32),
        ('ice_enabled', ctypes.c_bool),
        ('ice_trickle', ctypes.c_int32),
        ('ice_max_host_cands', ctypes.c_int32),
        ('ice_manual_host', (ctypes.c_char * PJSUA2RS_HOST_LEN) * PJSUA2RS_MAX_ICE_MANUAL_HOSTS),
        ('ice_manual_host_count', ctypes.c_uint32),
        ('ice_aggressive_nomination', ctypes.c_bool),
        ('ice_nominated_check_delay_msec', ctypes.c_uint32),
        ('ice_wait_nomination_timeout_msec', ctypes.c_int32),
        ('ice_check_src_addr', ctypes.c_uint32),
        ('ice_no_rtcp', ctypes.c_bool),
        ('ice_always_update', ctypes.c_bool),
        ('turn_enabled', ctypes.c_bool),
        ('turn_server', ctypes.c_char * PJSUA2RS_URI_LEN),
        ('turn_conn_type', ctypes.c_int32),
        ('turn_user_name', ctypes.c_char * PJSUA2RS_NAME_LEN),
        ('turn_password_type', ctypes.c_int32),
        ('turn_password', ctypes.c_char * PJSUA2RS_SECRET_LEN),
        ('contact_rewrite_use', ctypes.c_int32),
        ('contact_rewrite_method', ctypes.c_int32),
        ('contact_use_src_port', ctypes.c_int32),
        ('via_rewrite_use', ctypes.c_int32),
        ('sdp_nat_rewrite_use', ctypes.c_int32),
        ('sip_outbound_use', ctypes.c_int32),
        ('sip_outbound_instance_id', ctypes.c_char * PJSUA2RS_NAME_LEN),
        ('sip_outbound_reg_id', ctypes.c_char * PJSUA2RS_NAME_LEN),
        ('udp_ka_interval_sec', ctypes.c_uint32),
        ('udp_ka_data', ctypes.c_char * PJSUA2RS_NAME_LEN),
    ]
    _field_docs_ = {
        'sip_stun_use': 'STUN for SIP (PJSUA2RS_STUN_*). Default 0 (global setting).',
        'media_stun_use': 'STUN for media (PJSUA2RS_STUN_*). Default 2 (retry on failure).',
        'sip_upnp_use': 'UPnP for SIP (PJSUA2RS_UPNP_USE_*). Default 0.',
        'media_upnp_use': 'UPnP for media (PJSUA2RS_UPNP_USE_*). Default 0.',
        'nat64_opt': 'NAT64 handling (PJSUA2RS_NAT64_*). Default 0.',
        'ice_enabled': 'Use ICE for media. Default false.',
        'ice_trickle': 'Trickle ICE (PJSUA2RS_ICE_TRICKLE_*). Default 0.',
        'ice_max_host_cands': 'Maximum ICE host candidates; -1 means no limit. Default -1.',
        'ice_manual_host': 'Extra host candidate addresses ("ip"), each on the base candidate\'s port.',
        'ice_manual_host_count': 'How many entries of `ice_manual_host` are used.',
        'ice_aggressive_nomination': 'Use aggressive nomination as the controlling agent. Default true.',
        'ice_nominated_check_delay_msec': 'Milliseconds the controlling agent waits before nominating. Default 400.',
        'ice_wait_nomination_timeout_msec': 'Milliseconds the controlled agent waits for a nomination; -1 waits forever. Default 10000.',
        'ice_check_src_addr': 'Check that incoming media comes from a checked candidate (non-zero = yes). Default 1.',
        'ice_no_rtcp': 'Do not use ICE for RTCP. Default false.',
        'ice_always_update': 'Always send a re-INVITE/UPDATE after ICE negotiation. Default true.',
        'turn_enabled': 'Use TURN relay candidates. Default false.',
        'turn_server': 'The TURN server ("host[:port]"). Default "".',
        'turn_conn_type': 'The connection to the TURN server (PJSUA2RS_TURN_TP_*). Default 17 (UDP).',
        'turn_user_name': 'The TURN user name. Default "".',
        'turn_password_type': 'The TURN password type (0 = plain). Default 0.',
        'turn_password': 'The TURN password. Default "".',
        'contact_rewrite_use': "Rewrite the registration's Contact when the registrar saw us at another address (the `received` and `rport` of our Via in its response, or the sent-by when it only added `rport`), on every transport: 0 never; 1 yes, except when our Contact and the registrar are public but the address seen is private, or only the port differs and the address seen is private; 2 on any difference. Default 1.",
        'contact_rewrite_method': 'How the Contact is rewritten (PJSUA2RS_CONTACT_REWRITE_* bits): UNREGISTER removes the old Contact with an un-REGISTER and registers the new one under a new Call-ID; otherwise one REGISTER binds the new Contact and removes the old one (`expires=0`); ALWAYS_UPDATE also takes the address from final responses of 400 and more (a 401 too), for the next REGISTER. Default 6 (NO_UNREG | ALWAYS_UPDATE).',
        'contact_use_src_port': "PJSUA: put the TCP connection's source port in the initial Contact. Accepted and saved but without effect here: the connection's local port is chosen when it opens, after the REGISTER is built, so the Contact names the listening port (PJSUA turns the option off likewise when it cannot learn the port). A registrar that reports the source port in `rport` gets the Contact rewritten to it under `contact_rewrite_use`. Default 1.",
        'via_rewrite_use': 'Rewrite the Via sent-by with the address the server saw. Default 1.',
        'sdp_nat_rewrite_use': 'Rewrite the SDP connection address with the address the registrar saw. Default 0.',
        'sip_outbound_use': 'Use SIP outbound (RFC 5626). Default 1.',
        'sip_outbound_instance_id': 'The SIP outbound +sip.instance; empty means generated. Default "".',
        'sip_outbound_reg_id': 'The SIP outbound reg-id; empty means 1. Default "".',
        'udp_ka_interval_sec': "Seconds between keep-alives to the registrar after a UDP registration; 0 disables them. A registrar's Flow-Timer (RFC 5626) sets the interval instead, on TCP too; without one, TCP registrations get CRLFCRLF every 90 s. Default 15.",
        'udp_ka_data': 'The UDP keep-alive payload; empty disables UDP keep-alives. Default "\\r\\n".',
    }


class pjsua2rs_qos_params(ctypes.Structure):
    """QoS parameters of a socket (pjlib `pj_qos_params`); JSON keys "qos.flags"..."""

    _fields_ = [
        ('flags', ctypes.c_uint8),
        ('dscp_val', ctypes.c_uint8),
        ('so_prio', ctypes.c_uint8),
        ('wmm_prio', ctypes.c_int32),
    ]
    _field_docs_ = {
        'flags': 'Which values are set (PJSUA2RS_QOS_PARAM_HAS_*). Default 0.',
        'dscp_val': 'The DSCP value. Default 0.',
        'so_prio': 'The SO_PRIORITY value. Default 0.',
        'wmm_prio': 'The WMM priority (0 bulk effort, 1 bulk, 2 video, 3 voice). Default 0.',
    }


class pjsua2rs_sock_opt(ctypes.Structure):
    """One integer socket option, applied with setsockopt (PJSUA2 `SockOpt`)."""

    _fields_ = [
        ('level', ctypes.c_int32),
        ('opt_name', ctypes.c_int32),
        ('opt_len', ctypes.c_int32),
        ('opt_val', ctypes.c_int32),
    ]
    _field_docs_ = {
        'level': 'The option level, e.g. SOL_SOCKET.',
        'opt_name': 'The option name, e.g. SO_RCVBUF.',
        'opt_len': "The option value's length in bytes. Default 4 (an int); JSON carries `optVal` only when it is 4, as PJSUA2 does.",
        'opt_val': 'The option value.',
    }


class pjsua2rs_sock_opt_params(ctypes.Structure):
    """Socket options applied to a transport's sockets (PJSUA2 `SockOptParams`)."""

    _fields_ = [
        ('sock_opts', pjsua2rs_sock_opt * PJSUA2RS_MAX_SOCK_OPTS),
        ('sock_opts_count', ctypes.c_uint32),
    ]
    _field_docs_ = {
        'sock_opts': 'The options, in order.',
        'sock_opts_count': 'How many entries of `sock_opts` are used.',
    }


class pjsua2rs_tls_config(ctypes.Structure):
    """TLS settings of a transport (PJSUA2 `TlsConfig`)."""

    _fields_ = [
        ('ca_list_file', ctypes.c_char * PJSUA2RS_PATH_LEN),
        ('cert_file', ctypes.c_char * PJSUA2RS_PATH_LEN),
        ('priv_key_file', ctypes.c_char * PJSUA2RS_PATH_LEN),
        ('password', ctypes.c_char * PJSUA2RS_SECRET_LEN),
        ('ca_buf', ctypes.c_char * PJSUA2RS_PEM_LEN),
        ('cert_buf', ctypes.c_char * PJSUA2RS_PEM_LEN),
        ('priv_key_buf', ctypes.c_char * PJSUA2RS_PEM_LEN),
        ('cert_lookup_type', ctypes.c_int32),
        ('cert_lookup_keyword', ctypes.c_char * PJSUA2RS_TEXT_LEN),
        ('method', ctypes.c_int32),
        ('proto', ctypes.c_uint32),
        ('ciphers', ctypes.c_int32 * PJSUA2RS_MAX_TLS_CIPHERS),
        ('ciphers_count', ctypes.c_uint32),
        ('verify_server', ctypes.c_bool),
        ('verify_client', ctypes.c_bool),
        ('require_client_cert', ctypes.c_bool),
        ('msec_timeout', ctypes.c_uint32),
        ('qos_type', ctypes.c_int32),
        ('qos_params', pjsua2rs_qos_params),
        ('qos_ignore_error', ctypes.c_bool),
        ('sock_opt_params', pjsua2rs_sock_opt_params),
        ('sock_opt_ignore_error', ctypes.c_bool),
        ('enable_renegotiation', ctypes.c_bool),
    ]
    _field_docs_ = {
        'ca_list_file': 'A file of trusted CA certificates (PEM). Default "".',
        'cert_file': 'The certificate file (PEM). Default "".',
        'priv_key_file': 'The private key file (PEM). Default "".',
        'password': 'The password of the private key. Default "".',
        'ca_buf': 'Trusted CA certificates as a PEM buffer (instead of `ca_list_file`). Default "".',
        'cert_buf': 'The certificate as a PEM buffer (instead of `cert_file`). Default "".',
        'priv_key_buf': 'The private key as a PEM buffer (instead of `priv_key_file`). Default "".',
        'cert_lookup_type': 'Look the certificate up in the OS store (PJSUA2RS_SSL_CERT_LOOKUP_*). Default 0.',
        'cert_lookup_keyword': 'The subject, fingerprint or name to look up. Default "".',
        'method': "The TLS method (PJSUA2RS_*_METHOD); 0 means the backend's default. Default 0.",
        'proto': 'Allowed protocol versions (PJSUA2RS_SSL_PROTO_* bits), used when `method` is 0. Not saved in JSON. Default 28 (TLS 1.0, 1.1 and 1.2).',
        'ciphers': "Allowed cipher ids; none means the backend's default list.",
        'ciphers_count': 'How many entries of `ciphers` are used. Default 0.',
        'verify_server': "Verify the server's certificate (client side). Default false.",
        'verify_client': "Verify the client's certificate (server side). Default false.",
        'require_client_cert': 'Reject clients without a certificate (server side). Default false.',
        'msec_timeout': 'The TLS handshake timeout in ms; 0 means none. Default 0.',
        'qos_type': 'The QoS traffic type of TLS sockets (PJSUA2RS_QOS_TYPE_*). Default 0.',
        'qos_params': 'Explicit QoS parameters of TLS sockets.',
        'qos_ignore_error': 'Ignore failures to set QoS. Default true.',
        'sock_opt_params': 'Socket options of TLS sockets.',
        'sock_opt_ignore_error': 'Ignore failures to set socket options. Default true.',
        'enable_renegotiation': 'Allow TLS renegotiation. Not saved in JSON. Default true.',
    }


class pjsua2rs_transport_config(ctypes.Structure):
    """
    A SIP or media transport's settings (PJSUA2 `TransportConfig`). Initialise it with `pjsua2rs_transport_config_default()`. It is about 28 KB, mostly TLS PEM buffers.
    """

    _fields_ = [
        ('struct_size', ctypes.c_uint32),
        ('port', ctypes.c_uint32),
        ('port_range', ctypes.c_uint32),
        ('randomize_port', ctypes.c_bool),
        ('public_address', ctypes.c_char * PJSUA2RS_URI_LEN),
        ('bound_address', ctypes.c_char * PJSUA2RS_URI_LEN),
        ('tls_config', pjsua2rs_tls_config),
        ('qos_type', ctypes.c_int32),
        ('qos_params', pjsua2rs_qos_params),
        ('sock_opt_params', pjsua2rs_sock_opt_params),
    ]
    _field_docs_ = {
        'struct_size': '`sizeof` this struct as the program was compiled; set by the `_default` function. Inside `AccountMediaConfig` it is ignored.',
        'port': 'The local port; 0 means any free port. Default 0 (4000 in `AccountMediaConfig`).',
        'port_range': 'How many ports above `port` may be tried; 0 means no limit. Default 0.',
        'randomize_port': 'Pick a random port within the range. Not saved in JSON. Default false.',
        'public_address': 'The address to advertise (e.g. a NAT\'s public address); empty means the bound one. Default "".',
        'bound_address': 'The local address to bind; empty means all interfaces. Default "".',
        'tls_config': 'TLS settings, used by TLS transports.',
        'qos_type': 'The QoS traffic type (PJSUA2RS_QOS_TYPE_*). Default 0.',
        'qos_params': 'Explicit QoS parameters.',
        'sock_opt_params': 'Socket options.',
    }


class pjsua2rs_srtp_crypto(ctypes.Structure):
    """One SRTP crypto suite (PJSUA2 `SrtpCrypto`)."""

    _fields_ = [
        ('key', ctypes.c_char * PJSUA2RS_NAME_LEN),
        ('name', ctypes.c_char * PJSUA2RS_NAME_LEN),
        ('flags', ctypes.c_uint32),
    ]
    _field_docs_ = {
        'key': 'The master key (base64 in SDES); empty means a random one.',
        'name': 'The suite name, e.g. "AES_CM_128_HMAC_SHA1_80".',
        'flags': 'PJSUA2RS_SRTP_NO_* bits.',
    }


class pjsua2rs_srtp_opt(ctypes.Structure):
    """
    SRTP options (PJSUA2 `SrtpOpt`). Empty lists mean every supported crypto suite and keying method.
    """

    _fields_ = [
        ('cryptos', pjsua2rs_srtp_crypto * PJSUA2RS_MAX_SRTP_CRYPTOS),
        ('cryptos_count', ctypes.c_uint32),
        ('keyings', ctypes.c_int32 * PJSUA2RS_MAX_SRTP_KEYINGS),
        ('keyings_count', ctypes.c_uint32),
    ]
    _field_docs_ = {
        'cryptos': 'Crypto suites to offer or accept, in order of preference.',
        'cryptos_count': 'How many entries of `cryptos` are used.',
        'keyings': 'Keying methods (PJSUA2RS_SRTP_KEYING_*), in order of preference.',
        'keyings_count': 'How many entries of `keyings` are used.',
    }


class pjsua2rs_rtcp_fb_cap(ctypes.Structure):
    """
    One RTCP feedback capability (PJSUA2 `RtcpFbCap`): an `a=rtcp-fb` line (RFC 4585 §4.2) of our SDP.
    """

    _fields_ = [
        ('codec_id', ctypes.c_char * PJSUA2RS_NAME_LEN),
        ('type', ctypes.c_int32),
        ('type_name', ctypes.c_char * PJSUA2RS_NAME_LEN),
        ('param', ctypes.c_char * PJSUA2RS_NAME_LEN),
    ]
    _field_docs_ = {
        'codec_id': 'The codec it is for, as a codec id or its start (`PCMU/8000`, `opus`), or `*` for every payload type. Default "".',
        'type': 'The feedback type (PJSUA2RS_RTCP_FB_*). Default PJSUA2RS_RTCP_FB_OTHER.',
        'type_name': 'The type\'s name when `type` is PJSUA2RS_RTCP_FB_OTHER (`ccm`, `goog-remb`...). Default "".',
        'param': 'The type\'s parameter (`pli` for `nack pli`, the interval of `trr-int`). Default "".',
    }


class pjsua2rs_rtcp_fb_config(ctypes.Structure):
    """
    RTCP feedback settings (PJSUA2 `RtcpFbConfig`, RFC 4585). With `dont_use_avpf` false our offers use the `RTP/AVPF` profile and offers and answers on AVPF lines carry an `a=rtcp-fb` line for each capability. Not saved in JSON.
    """

    _fields_ = [
        ('dont_use_avpf', ctypes.c_bool),
        ('caps', pjsua2rs_rtcp_fb_cap * PJSUA2RS_MAX_RTCP_FB_CAPS),
        ('caps_count', ctypes.c_uint32),
    ]
    _field_docs_ = {
        'dont_use_avpf': 'Offer plain `RTP/AVP` and no feedback. Default true.',
        'caps': 'The feedback capabilities.',
        'caps_count': 'How many entries of `caps` are used.',
    }


class pjsua2rs_account_media_config(ctypes.Structure):
    """Media settings of an account (PJSUA2 `AccountMediaConfig`)."""

    _fields_ = [
        ('transport_config', pjsua2rs_transport_config),
        ('lock_codec_enabled', ctypes.c_bool),
        ('stream_ka_enabled', ctypes.c_bool),
        ('srtp_use', ctypes.c_int32),
        ('srtp_secure_signaling', ctypes.c_int32),
        ('srtp_opt', pjsua2rs_srtp_opt),
        ('ipv6_use', ctypes.c_int32),
        ('rtcp_mux_enabled', ctypes.c_bool),
        ('rtcp_xr_enabled', ctypes.c_bool),
        ('use_loop_med_tp', ctypes.c_bool),
        ('enable_loopback', ctypes.c_bool),
        ('rtcp_fb_config', pjsua2rs_rtcp_fb_config),
    ]
    _field_docs_ = {
        'transport_config': "The RTP transports' settings; `port` is the base RTP port. Default port 4000.",
        'lock_codec_enabled': 'Keep only the first codec of a multi-codec answer (re-offering it). Default true.',
        'stream_ka_enabled': 'Send keep-alive packets on media streams. Default false.',
        'srtp_use': 'SRTP use (PJSUA2RS_SRTP_DISABLED/OPTIONAL/MANDATORY). Default 0.',
        'srtp_secure_signaling': 'Signalling security SRTP needs: 0 none, 1 TLS, 2 end-to-end SIPS. Default 1.',
        'srtp_opt': 'SRTP crypto suites and keying methods.',
        'ipv6_use': 'IPv6 use for media (PJSUA2RS_IPV6_*). Default 0.',
        'rtcp_mux_enabled': 'Offer and accept RTCP multiplexed on the RTP port. Default false.',
        'rtcp_xr_enabled': 'Send RTCP extended reports. Default false.',
        'use_loop_med_tp': 'Use a loopback media transport (no network). Default false.',
        'enable_loopback': 'With the loopback transport, loop sent media back. Default false.',
        'rtcp_fb_config': 'RTCP feedback (AVPF) settings. Not saved in JSON.',
    }


class pjsua2rs_account_video_config(ctypes.Structure):
    """
    Video settings of an account (PJSUA2 `AccountVideoConfig`); video is not supported yet, the settings are kept and saved.
    """

    _fields_ = [
        ('auto_show_incoming', ctypes.c_bool),
        ('auto_transmit_outgoing', ctypes.c_bool),
        ('window_flags', ctypes.c_uint32),
        ('default_capture_device', ctypes.c_int32),
        ('default_render_device', ctypes.c_int32),
        ('rate_control_method', ctypes.c_int32),
        ('rate_control_bandwidth', ctypes.c_uint32),
        ('start_keyframe_count', ctypes.c_uint32),
        ('start_keyframe_interval', ctypes.c_uint32),
    ]
    _field_docs_ = {
        'auto_show_incoming': 'Show incoming video automatically. Default false.',
        'auto_transmit_outgoing': 'Transmit video automatically on outgoing calls. Default false.',
        'window_flags': 'Flags of the video windows. Default 0.',
        'default_capture_device': 'The capture device index; -1 means the default. Default -1.',
        'default_render_device': 'The render device index; -2 means the default. Default -2.',
        'rate_control_method': 'The rate control method (0 none, 1 simple blocking). Default 0.',
        'rate_control_bandwidth': "The rate control bandwidth in bps; 0 means the codec's. Default 0.",
        'start_keyframe_count': 'Keyframes sent at the start of a stream. Default 0.',
        'start_keyframe_interval': 'Milliseconds between those keyframes. Default 0.',
    }


class pjsua2rs_account_text_config(ctypes.Structure):
    """
    Real-time text settings of an account (PJSUA2 `AccountTextConfig`). Not saved in JSON.
    """

    _fields_ = [
        ('redundancy_level', ctypes.c_int32),
    ]
    _field_docs_ = {
        'redundancy_level': 'Redundant generations sent with each text packet (RFC 4103). Default 2.',
    }


class pjsua2rs_account_ip_change_config(ctypes.Structure):
    """
    What the account does when the IP address changes (PJSUA2 `AccountIpChangeConfig`). Not saved in JSON.
    """

    _fields_ = [
        ('shutdown_tp', ctypes.c_bool),
        ('hangup_calls', ctypes.c_bool),
        ('reinvite_flags', ctypes.c_uint32),
        ('reinv_use_update', ctypes.c_uint32),
    ]
    _field_docs_ = {
        'shutdown_tp': "Shut the registration's transport down. Default true.",
        'hangup_calls': "Hang up the account's calls. Default false.",
        'reinvite_flags': 'Flags of the re-INVITE sent to calls (PJSUA2RS_CALL_* bits). Default 50 (REINIT_MEDIA | UPDATE_CONTACT | UPDATE_VIA).',
        'reinv_use_update': 'Send UPDATE instead of re-INVITE (non-zero = yes). Default 0.',
    }


class pjsua2rs_account_config(ctypes.Structure):
    """
    An account's settings (PJSUA2 `AccountConfig`). Initialise it with `pjsua2rs_account_config_default()`. It is about 64 KB (the TLS PEM buffers of the media transport take 24 KB): mind small thread stacks.
    """

    _fields_ = [
        ('struct_size', ctypes.c_uint32),
        ('priority', ctypes.c_int32),
        ('id_uri', ctypes.c_char * PJSUA2RS_URI_LEN),
        ('reg_config', pjsua2rs_account_reg_config),
        ('sip_config', pjsua2rs_account_sip_config),
        ('call_config', pjsua2rs_account_call_config),
        ('pres_config', pjsua2rs_account_pres_config),
        ('mwi_config', pjsua2rs_account_mwi_config),
        ('nat_config', pjsua2rs_account_nat_config),
        ('media_config', pjsua2rs_account_media_config),
        ('video_config', pjsua2rs_account_video_config),
        ('text_config', pjsua2rs_account_text_config),
        ('ip_change_config', pjsua2rs_account_ip_change_config),
    ]
    _field_docs_ = {
        'struct_size': '`sizeof` this struct as the program was compiled; set by the `_default` function.',
        'priority': 'Priority when choosing the account for an incoming request; higher wins. Default 0.',
        'id_uri': 'The account\'s URI, e.g. "\\"Alice\\" <sip:alice@example.com>". Default "".',
        'reg_config': 'Registration settings.',
        'sip_config': 'SIP settings.',
        'call_config': 'Call settings.',
        'pres_config': 'Presence settings.',
        'mwi_config': 'Message-waiting indication settings.',
        'nat_config': 'NAT traversal settings.',
        'media_config': 'Media settings.',
        'video_config': 'Video settings.',
        'text_config': 'Real-time text settings. Not saved in JSON.',
        'ip_change_config': 'What to do when the IP address changes. Not saved in JSON.',
    }


# A handle to an account. 0 is never a valid handle.
pjsua2rs_account = ctypes.c_uint64


class pjsua2rs_account_info(ctypes.Structure):
    """PJSUA2's `AccountInfo`."""

    _fields_ = [
        ('id', ctypes.c_int),
        ('is_default', ctypes.c_bool),
        ('uri', ctypes.c_char * 512),
        ('reg_is_configured', ctypes.c_bool),
        ('reg_is_active', ctypes.c_bool),
        ('reg_expires_sec', ctypes.c_uint32),
        ('reg_status', ctypes.c_int),
        ('reg_status_text', ctypes.c_char * 256),
        ('reg_last_err', pjsua2rs_status),
        ('online_status', ctypes.c_bool),
        ('online_status_text', ctypes.c_char * 128),
    ]
    _field_docs_ = {
        'id': "The account id (PJSUA2's `Account::getId`).",
        'is_default': 'Whether it is the default account.',
        'uri': "The account's URI.",
        'reg_is_configured': 'Whether it has a registrar.',
        'reg_is_active': 'Whether a binding is in place now.',
        'reg_expires_sec': 'Seconds until the binding expires; 0xFFFFFFFF without a registrar, once unregistered and after a failure; 0 otherwise when not bound.',
        'reg_status': 'The last REGISTER status: 0 never sent, 100 in progress, else the final code.',
        'reg_status_text': 'Its text: the standard reason phrase of the code ("OK", "Request Timeout"...).',
        'reg_last_err': 'The status of the last round (`OnRegStateParam.status`): 0 after a failure with a code (403, 408, 503...) too, as PJSUA2.',
        'online_status': 'Presence: online.',
        'online_status_text': 'Presence text.',
    }


class pjsua2rs_call_media_info(ctypes.Structure):
    """PJSUA2's `CallMediaInfo`."""

    _fields_ = [
        ('index', ctypes.c_uint),
        ('media_type', ctypes.c_int),
        ('dir', ctypes.c_int),
        ('status', ctypes.c_int),
        ('audio_conf_slot', ctypes.c_int),
    ]
    _field_docs_ = {
        'index': "The media line's index in the SDP.",
        'media_type': 'PJMEDIA_TYPE_AUDIO (1), or NONE (0) for a line we do not use.',
        'dir': 'PJMEDIA_DIR_*: ENCODING 1, DECODING 2, both 3, none 0.',
        'status': 'PJSUA2RS_CALL_MEDIA_*.',
        'audio_conf_slot': "The call's port in the conference bridge, -1 until media runs.",
    }


class pjsua2rs_time_val(ctypes.Structure):
    """PJSUA2's `TimeVal`."""

    _fields_ = [
        ('sec', ctypes.c_int64),
        ('msec', ctypes.c_int64),
    ]
    _field_docs_ = {
        'sec': 'Seconds.',
        'msec': 'Milliseconds.',
    }


class pjsua2rs_call_info(ctypes.Structure):
    """PJSUA2's `CallInfo`: a snapshot of a call."""

    _fields_ = [
        ('id', ctypes.c_int),
        ('role', ctypes.c_int),
        ('acc_id', ctypes.c_int),
        ('local_uri', ctypes.c_char * 512),
        ('local_contact', ctypes.c_char * 512),
        ('remote_uri', ctypes.c_char * 512),
        ('remote_contact', ctypes.c_char * 512),
        ('call_id_string', ctypes.c_char * 256),
        ('state', ctypes.c_int),
        ('state_text', ctypes.c_char * 32),
        ('last_status_code', ctypes.c_int),
        ('last_reason', ctypes.c_char * 256),
        ('media_count', ctypes.c_uint),
        ('media', pjsua2rs_call_media_info * PJSUA2RS_MAX_CALL_MEDIA),
        ('connect_duration', pjsua2rs_time_val),
        ('total_duration', pjsua2rs_time_val),
        ('rem_offerer', ctypes.c_bool),
        ('rem_audio_count', ctypes.c_uint),
        ('rem_video_count', ctypes.c_uint),
    ]
    _field_docs_ = {
        'id': "The call id (PJSUA2's `Call::getId`).",
        'role': 'PJSUA2RS_ROLE_UAC (0) or PJSUA2RS_ROLE_UAS (1).',
        'acc_id': 'The account id.',
        'local_uri': 'Our URI.',
        'local_contact': 'Our Contact.',
        'remote_uri': "The peer's URI.",
        'remote_contact': 'The peer\'s Contact ("" until known).',
        'call_id_string': 'The Call-ID.',
        'state': 'PJSIP_INV_STATE_*: NULL 0, CALLING 1, INCOMING 2, EARLY 3, CONNECTING 4, CONFIRMED 5, DISCONNECTED 6.',
        'state_text': 'Its name ("CALLING", ..., "DISCONNECTED"), as `pjsip_inv_state_name`.',
        'last_status_code': 'The last status code.',
        'last_reason': 'Its reason.',
        'media_count': 'How many of `media` are used.',
        'media': 'The media lines.',
        'connect_duration': 'Time since the call was answered.',
        'total_duration': 'Time since the call started.',
        'rem_offerer': 'Whether the peer made the last offer.',
        'rem_audio_count': 'Audio streams the peer offered.',
        'rem_video_count': 'Video streams the peer offered.',
    }


class pjsua2rs_on_call_state_param(ctypes.Structure):
    """
    PJSUA2's `OnCallStateParam` (also given to `on_call_media_state`): the call's info as of the event. Valid during the callback only.
    """

    _fields_ = [
        ('info', ctypes.POINTER(pjsua2rs_call_info)),
    ]
    _field_docs_ = {
        'info': "The call's info at the time of the change.",
    }


# A call callback taking a const param.
pjsua2rs_on_call_state_fn = ctypes.CFUNCTYPE(None, ctypes.c_void_p, ctypes.POINTER(pjsua2rs_on_call_state_param))


class pjsua2rs_on_call_tsx_state_param(ctypes.Structure):
    """
    PJSUA2's `OnCallTsxStateParam`, flattened: a transaction of the call changed state.
    """

    _fields_ = [
        ('method', ctypes.c_char_p),
        ('role', ctypes.c_int),
        ('state', ctypes.c_int),
        ('status_code', ctypes.c_int),
        ('status_text', ctypes.c_char_p),
        ('rdata', pjsua2rs_sip_rx_data),
    ]
    _field_docs_ = {
        'method': 'The request method.',
        'role': "PJSUA2RS_ROLE_UAC: our request; PJSUA2RS_ROLE_UAS: the peer's.",
        'state': 'PJSUA2RS_TSX_STATE_TRYING (a request arrived) or _COMPLETED (a final response).',
        'status_code': 'The status (0 for a request).',
        'status_text': 'Its reason.',
        'rdata': 'The message received.',
    }


# `on_call_tsx_state`.
pjsua2rs_on_call_tsx_state_fn = ctypes.CFUNCTYPE(None, ctypes.c_void_p, ctypes.POINTER(pjsua2rs_on_call_tsx_state_param))


class pjsua2rs_on_dtmf_digit_param(ctypes.Structure):
    """PJSUA2's `OnDtmfDigitParam`."""

    _fields_ = [
        ('method', ctypes.c_int),
        ('digit', ctypes.c_char_p),
        ('duration', ctypes.c_uint32),
    ]
    _field_docs_ = {
        'method': 'PJSUA2RS_DTMF_METHOD_*.',
        'digit': 'The digit ("0"-"9", "*", "#", "A"-"D").',
        'duration': 'Its duration in milliseconds.',
    }


# `on_dtmf_digit`.
pjsua2rs_on_dtmf_digit_fn = ctypes.CFUNCTYPE(None, ctypes.c_void_p, ctypes.POINTER(pjsua2rs_on_dtmf_digit_param))


# A handle to a call object. 0 is never a valid handle.
pjsua2rs_call = ctypes.c_uint64


class pjsua2rs_on_call_transfer_request_param(ctypes.Structure):
    """
    PJSUA2's `OnCallTransferRequestParam`: the peer asks to transfer the call. The callback may change `dst_uri` and `status_code` (202 accepts; 4xx-6xx refuses) and set `new_call` to a call object made with `pjsua2rs_call_create(acc, -1, ...)`, which then gets the new call's callbacks.
    """

    _fields_ = [
        ('dst_uri', ctypes.c_char * 512),
        ('status_code', ctypes.c_int),
        ('new_call', pjsua2rs_call),
    ]
    _field_docs_ = {
        'dst_uri': 'The Refer-To target (in/out).',
        'status_code': 'The answer (in: 202).',
        'new_call': 'The call object for the new call (out; 0 for none).',
    }


# `on_call_transfer_request` (the param is in/out).
pjsua2rs_on_call_transfer_request_fn = ctypes.CFUNCTYPE(None, ctypes.c_void_p, ctypes.POINTER(pjsua2rs_on_call_transfer_request_param))


class pjsua2rs_on_call_transfer_status_param(ctypes.Structure):
    """PJSUA2's `OnCallTransferStatusParam`: progress of our transfer."""

    _fields_ = [
        ('status_code', ctypes.c_int),
        ('reason', ctypes.c_char_p),
        ('final_notify', ctypes.c_bool),
        ('cont', ctypes.c_bool),
    ]
    _field_docs_ = {
        'status_code': 'The status of the transferred call.',
        'reason': 'Its reason.',
        'final_notify': 'Whether this is the last report.',
        'cont': 'Whether to keep receiving reports (in/out); false stops them at once, even ones already queued.',
    }


# `on_call_transfer_status` (the param is in/out).
pjsua2rs_on_call_transfer_status_fn = ctypes.CFUNCTYPE(None, ctypes.c_void_p, ctypes.POINTER(pjsua2rs_on_call_transfer_status_param))


class pjsua2rs_on_call_replace_request_param(ctypes.Structure):
    """
    PJSUA2's `OnCallReplaceRequestParam`: an INVITE wants to replace this call. The callback may set `status_code` (200 accepts) and `reason`, and `new_call` to a call object made with `pjsua2rs_call_create(acc, -1, ...)` for the new call.
    """

    _fields_ = [
        ('rdata', pjsua2rs_sip_rx_data),
        ('status_code', ctypes.c_int),
        ('reason', ctypes.c_char * 256),
        ('new_call', pjsua2rs_call),
    ]
    _field_docs_ = {
        'rdata': 'The INVITE.',
        'status_code': 'The answer (in: 200).',
        'reason': 'The reason for a refusal (in/out).',
        'new_call': 'The call object for the new call (out; 0 for none).',
    }


# `on_call_replace_request` (the param is in/out).
pjsua2rs_on_call_replace_request_fn = ctypes.CFUNCTYPE(None, ctypes.c_void_p, ctypes.POINTER(pjsua2rs_on_call_replace_request_param))


class pjsua2rs_on_call_replaced_param(ctypes.Structure):
    """PJSUA2's `OnCallReplacedParam`."""

    _fields_ = [
        ('new_call_id', ctypes.c_int),
    ]
    _field_docs_ = {
        'new_call_id': "The new call's id.",
    }


# `on_call_replaced`.
pjsua2rs_on_call_replaced_fn = ctypes.CFUNCTYPE(None, ctypes.c_void_p, ctypes.POINTER(pjsua2rs_on_call_replaced_param))


class pjsua2rs_on_call_redirected_param(ctypes.Structure):
    """PJSUA2's `OnCallRedirectedParam`."""

    _fields_ = [
        ('target_uri', ctypes.c_char_p),
        ('rdata', pjsua2rs_sip_rx_data),
    ]
    _field_docs_ = {
        'target_uri': 'The target to decide on.',
        'rdata': 'The 3xx.',
    }


# `on_call_redirected`: returns a PJSUA2RS_REDIRECT_* decision.
pjsua2rs_on_call_redirected_fn = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.c_void_p, ctypes.POINTER(pjsua2rs_on_call_redirected_param))


class pjsua2rs_on_call_rx_offer_param(ctypes.Structure):
    """PJSUA2's `OnCallRxOfferParam` / `OnCallRxReinviteParam`."""

    _fields_ = [
        ('offer', ctypes.c_char_p),
        ('reinvite', ctypes.c_bool),
    ]
    _field_docs_ = {
        'offer': 'The offered SDP.',
        'reinvite': 'Whether it came in a re-INVITE.',
    }


# `on_call_rx_offer`.
pjsua2rs_on_call_rx_offer_fn = ctypes.CFUNCTYPE(None, ctypes.c_void_p, ctypes.POINTER(pjsua2rs_on_call_rx_offer_param))


class pjsua2rs_on_instant_message_param(ctypes.Structure):
    """PJSUA2's `OnInstantMessageParam`."""

    _fields_ = [
        ('from_uri', ctypes.c_char_p),
        ('to_uri', ctypes.c_char_p),
        ('contact_uri', ctypes.c_char_p),
        ('content_type', ctypes.c_char_p),
        ('msg_body', ctypes.c_char_p),
        ('rdata', pjsua2rs_sip_rx_data),
    ]
    _field_docs_ = {
        'from_uri': 'From.',
        'to_uri': 'To.',
        'contact_uri': "The sender's Contact.",
        'content_type': "The body's content type.",
        'msg_body': 'The body.',
        'rdata': 'The request.',
    }


# `on_instant_message`.
pjsua2rs_on_instant_message_fn = ctypes.CFUNCTYPE(None, ctypes.c_void_p, ctypes.POINTER(pjsua2rs_on_instant_message_param))


class pjsua2rs_on_instant_message_status_param(ctypes.Structure):
    """PJSUA2's `OnInstantMessageStatusParam`."""

    _fields_ = [
        ('to_uri', ctypes.c_char_p),
        ('msg_body', ctypes.c_char_p),
        ('code', ctypes.c_int),
        ('reason', ctypes.c_char_p),
        ('rdata', pjsua2rs_sip_rx_data),
    ]
    _field_docs_ = {
        'to_uri': 'The To URI.',
        'msg_body': 'The body sent.',
        'code': 'The final status.',
        'reason': 'Its reason.',
        'rdata': 'The response, if one came.',
    }


# `on_instant_message_status`.
pjsua2rs_on_instant_message_status_fn = ctypes.CFUNCTYPE(None, ctypes.c_void_p, ctypes.POINTER(pjsua2rs_on_instant_message_status_param))


class pjsua2rs_on_typing_indication_param(ctypes.Structure):
    """PJSUA2's `OnTypingIndicationParam`."""

    _fields_ = [
        ('from_uri', ctypes.c_char_p),
        ('to_uri', ctypes.c_char_p),
        ('contact_uri', ctypes.c_char_p),
        ('is_typing', ctypes.c_bool),
        ('rdata', pjsua2rs_sip_rx_data),
    ]
    _field_docs_ = {
        'from_uri': 'From.',
        'to_uri': 'To.',
        'contact_uri': "The sender's Contact.",
        'is_typing': 'Whether the peer is typing.',
        'rdata': 'The request.',
    }


# `on_typing_indication`.
pjsua2rs_on_typing_indication_fn = ctypes.CFUNCTYPE(None, ctypes.c_void_p, ctypes.POINTER(pjsua2rs_on_typing_indication_param))


class pjsua2rs_call_callbacks(ctypes.Structure):
    """
    The callbacks of a call; NULL members are not called. Each gets the `user_data` given to `pjsua2rs_call_create` and a param struct valid during the call. They run on the library's callback thread (or in `pjsua2rs_endpoint_handle_events` in poll mode), one at a time, never while the library holds a lock. Set `struct_size` with `pjsua2rs_call_callbacks_default` (members are only ever appended).
    """

    _fields_ = [
        ('struct_size', ctypes.c_uint32),
        ('on_call_state', pjsua2rs_on_call_state_fn),
        ('on_call_tsx_state', pjsua2rs_on_call_tsx_state_fn),
        ('on_call_media_state', pjsua2rs_on_call_state_fn),
        ('on_dtmf_digit', pjsua2rs_on_dtmf_digit_fn),
        ('on_call_transfer_request', pjsua2rs_on_call_transfer_request_fn),
        ('on_call_transfer_status', pjsua2rs_on_call_transfer_status_fn),
        ('on_call_replace_request', pjsua2rs_on_call_replace_request_fn),
        ('on_call_replaced', pjsua2rs_on_call_replaced_fn),
        ('on_call_redirected', pjsua2rs_on_call_redirected_fn),
        ('on_call_rx_offer', pjsua2rs_on_call_rx_offer_fn),
        ('on_instant_message', pjsua2rs_on_instant_message_fn),
        ('on_instant_message_status', pjsua2rs_on_instant_message_status_fn),
        ('on_typing_indication', pjsua2rs_on_typing_indication_fn),
    ]
    _field_docs_ = {
        'struct_size': '`sizeof(pjsua2rs_call_callbacks)` as the program was compiled.',
        'on_call_state': 'The state changed (PJSUA2 `onCallState`); after DISCONNECTED no callback comes.',
        'on_call_tsx_state': 'A transaction changed state (`onCallTsxState`).',
        'on_call_media_state': 'The media changed (`onCallMediaState`).',
        'on_dtmf_digit': 'A DTMF digit arrived (`onDtmfDigit`).',
        'on_call_transfer_request': 'The peer asks to transfer the call (`onCallTransferRequest`).',
        'on_call_transfer_status': 'Progress of our transfer (`onCallTransferStatus`).',
        'on_call_replace_request': 'An INVITE wants to replace the call (`onCallReplaceRequest`).',
        'on_call_replaced': 'The call was replaced (`onCallReplaced`).',
        'on_call_redirected': 'The call was redirected (`onCallRedirected`); NULL means PJSUA2RS_REDIRECT_STOP.',
        'on_call_rx_offer': 'An offer arrived (`onCallRxOffer`, `onCallRxReinvite`).',
        'on_instant_message': 'A MESSAGE arrived in the call (`onInstantMessage`).',
        'on_instant_message_status': 'The outcome of our MESSAGE (`onInstantMessageStatus`).',
        'on_typing_indication': 'The peer is typing or stopped (`onTypingIndication`).',
    }


class pjsua2rs_call_setting(ctypes.Structure):
    """
    PJSUA2's `CallSetting`. All zero means "the defaults" (one audio stream), as in PJSUA2.
    """

    _fields_ = [
        ('flag', ctypes.c_uint),
        ('req_keyframe_method', ctypes.c_uint),
        ('audio_count', ctypes.c_uint),
        ('video_count', ctypes.c_uint),
    ]
    _field_docs_ = {
        'flag': 'PJSUA2RS_CALL_* flags (UNHOLD, NO_SDP_OFFER, INCLUDE_DISABLED_MEDIA...).',
        'req_keyframe_method': "PJSUA2's `reqKeyframeMethod` (video; kept for compatibility).",
        'audio_count': 'Audio streams (0 or 1).',
        'video_count': 'Video streams (must be 0: no video).',
    }


class pjsua2rs_sip_tx_option(ctypes.Structure):
    """
    PJSUA2's `SipTxOption`: headers and a body the application adds to a request or response.
    """

    _fields_ = [
        ('struct_size', ctypes.c_uint32),
        ('headers', pjsua2rs_sip_header * PJSUA2RS_MAX_HEADERS),
        ('headers_count', ctypes.c_uint),
        ('content_type', ctypes.c_char * PJSUA2RS_CONTENT_TYPE_LEN),
        ('msg_body', ctypes.c_char_p),
    ]
    _field_docs_ = {
        'struct_size': '`sizeof(pjsua2rs_sip_tx_option)` (stamped by `pjsua2rs_sip_tx_option_default`).',
        'headers': 'Extra headers (the first `headers_count`).',
        'headers_count': 'How many of `headers` are used.',
        'content_type': 'The body\'s content type ("" for no body).',
        'msg_body': 'The body, NUL-terminated UTF-8 (NULL for none); read during the call only.',
    }


class pjsua2rs_call_op_param(ctypes.Structure):
    """PJSUA2's `CallOpParam`."""

    _fields_ = [
        ('struct_size', ctypes.c_uint32),
        ('opt', pjsua2rs_call_setting),
        ('status_code', ctypes.c_uint),
        ('reason', ctypes.c_char * 256),
        ('options', ctypes.c_uint),
        ('tx_option', pjsua2rs_sip_tx_option),
    ]
    _field_docs_ = {
        'struct_size': '`sizeof(pjsua2rs_call_op_param)` (stamped by `pjsua2rs_call_op_param_default`).',
        'opt': 'The call setting (all zero: the defaults).',
        'status_code': 'A status code (answer, hangup; 0 for the default).',
        'reason': 'A reason phrase ("" for the standard one).',
        'options': "PJSUA2's `options` (PJSUA2RS_XFER_NO_REQUIRE_REPLACES for xferReplaces).",
        'tx_option': 'Extra headers and body.',
    }


class pjsua2rs_stream_info(ctypes.Structure):
    """PJSUA2's `StreamInfo` of an audio stream."""

    _fields_ = [
        ('media_type', ctypes.c_int),
        ('proto', ctypes.c_int),
        ('dir', ctypes.c_int),
        ('remote_rtp_address', ctypes.c_char * 64),
        ('remote_rtcp_address', ctypes.c_char * 64),
        ('tx_pt', ctypes.c_uint32),
        ('rx_pt', ctypes.c_uint32),
        ('codec_name', ctypes.c_char * 32),
        ('codec_clock_rate', ctypes.c_uint32),
        ('rtcp_mux', ctypes.c_bool),
        ('tx_event_pt', ctypes.c_int),
        ('rx_event_pt', ctypes.c_int),
    ]
    _field_docs_ = {
        'media_type': 'PJMEDIA_TYPE_AUDIO (1).',
        'proto': 'PJSUA2RS_TP_PROTO_RTP_AVP (PJMEDIA_TP_PROTO_RTP_AVP, 0x8004) or PJSUA2RS_TP_PROTO_RTP_AVPF (0xa004).',
        'dir': 'PJMEDIA_DIR bits: ENCODING 1, DECODING 2.',
        'remote_rtp_address': 'Where RTP goes ("ip:port").',
        'remote_rtcp_address': 'Where RTCP goes.',
        'tx_pt': 'Payload type sent.',
        'rx_pt': 'Payload type received.',
        'codec_name': "The codec's encoding name.",
        'codec_clock_rate': "The codec's clock rate (PJSUA2's `codecClockRate`): 16000 for G.722, whose RTP clock runs at 8000.",
        'rtcp_mux': 'RTP and RTCP share one port (RFC 5761).',
        'tx_event_pt': 'Telephone-event payload type sent (-1: none).',
        'rx_event_pt': 'Telephone-event payload type received (-1: none).',
    }


class pjsua2rs_math_stat(ctypes.Structure):
    """PJSUA2's `MathStat`."""

    _fields_ = [
        ('n', ctypes.c_uint32),
        ('max', ctypes.c_int64),
        ('min', ctypes.c_int64),
        ('last', ctypes.c_int64),
        ('mean', ctypes.c_int64),
    ]
    _field_docs_ = {
        'n': 'Samples.',
        'max': 'Largest.',
        'min': 'Smallest.',
        'last': 'Latest.',
        'mean': 'Mean.',
    }


class pjsua2rs_rtcp_stream_stat(ctypes.Structure):
    """PJSUA2's `RtcpStreamStat`: one direction of a stream."""

    _fields_ = [
        ('update_cnt', ctypes.c_uint32),
        ('pkt', ctypes.c_uint64),
        ('bytes', ctypes.c_uint64),
        ('discard', ctypes.c_uint32),
        ('loss', ctypes.c_uint32),
        ('reorder', ctypes.c_uint32),
        ('dup', ctypes.c_uint32),
        ('loss_period_usec', pjsua2rs_math_stat),
        ('jitter_usec', pjsua2rs_math_stat),
    ]
    _field_docs_ = {
        'update_cnt': 'Reports that updated these figures.',
        'pkt': 'Packets.',
        'bytes': 'Payload bytes.',
        'discard': 'Packets discarded.',
        'loss': 'Packets lost.',
        'reorder': 'Packets out of order.',
        'dup': 'Duplicates.',
        'loss_period_usec': 'Loss periods, microseconds.',
        'jitter_usec': 'Interarrival jitter, microseconds.',
    }


class pjsua2rs_jbuf_state(ctypes.Structure):
    """PJSUA2's `JbufState`."""

    _fields_ = [
        ('frame_size', ctypes.c_uint32),
        ('min_prefetch', ctypes.c_uint32),
        ('max_prefetch', ctypes.c_uint32),
        ('burst', ctypes.c_uint32),
        ('prefetch', ctypes.c_uint32),
        ('size', ctypes.c_uint32),
        ('avg_delay_msec', ctypes.c_uint32),
        ('min_delay_msec', ctypes.c_uint32),
        ('max_delay_msec', ctypes.c_uint32),
        ('dev_delay_msec', ctypes.c_uint32),
        ('avg_burst', ctypes.c_uint32),
        ('lost', ctypes.c_uint32),
        ('discard', ctypes.c_uint32),
        ('empty', ctypes.c_uint32),
    ]
    _field_docs_ = {
        'frame_size': 'Largest frame, bytes.',
        'min_prefetch': 'Least prefetch, frames.',
        'max_prefetch': 'Most prefetch, frames.',
        'burst': 'Current burst level, frames.',
        'prefetch': 'Current prefetch, frames.',
        'size': 'Current size, frames.',
        'avg_delay_msec': 'Average delay, ms.',
        'min_delay_msec': 'Least delay, ms.',
        'max_delay_msec': 'Most delay, ms.',
        'dev_delay_msec': 'Delay deviation, ms.',
        'avg_burst': 'Average burst, frames.',
        'lost': 'Frames lost.',
        'discard': 'Frames discarded.',
        'empty': 'Empty gets.',
    }


class pjsua2rs_stream_stat(ctypes.Structure):
    """
    PJSUA2's `StreamStat`: `rtcp` (what we sent, what we received, round-trip time) and `jbuf`.
    """

    _fields_ = [
        ('tx_stat', pjsua2rs_rtcp_stream_stat),
        ('rx_stat', pjsua2rs_rtcp_stream_stat),
        ('rtt_usec', pjsua2rs_math_stat),
        ('rtp_tx_last_ts', ctypes.c_uint32),
        ('rtp_tx_last_seq', ctypes.c_uint16),
        ('jbuf', pjsua2rs_jbuf_state),
    ]
    _field_docs_ = {
        'tx_stat': 'What we sent.',
        'rx_stat': 'What we received.',
        'rtt_usec': 'Round-trip time, microseconds.',
        'rtp_tx_last_ts': 'Timestamp of the last RTP packet sent.',
        'rtp_tx_last_seq': 'Sequence number of the last RTP packet sent.',
        'jbuf': 'The jitter buffer.',
    }


class pjsua2rs_codec_info(ctypes.Structure):
    """PJSUA2's `CodecInfo`: one entry of `codecEnum2`."""

    _fields_ = [
        ('codec_id', ctypes.c_char * 64),
        ('priority', ctypes.c_uint8),
    ]
    _field_docs_ = {
        'codec_id': '`name/clock_rate/channels`, e.g. "PCMU/8000/1".',
        'priority': '0 disables; higher is offered first.',
    }


class pjsua2rs_codec_fmtp(ctypes.Structure):
    """One fmtp parameter."""

    _fields_ = [
        ('name', ctypes.c_char * 32),
        ('val', ctypes.c_char * 64),
    ]
    _field_docs_ = {
        'name': 'Its name.',
        'val': 'Its value.',
    }


class pjsua2rs_codec_param(ctypes.Structure):
    """PJSUA2's `CodecParam` (`info` and `setting` flattened)."""

    _fields_ = [
        ('clock_rate', ctypes.c_uint32),
        ('channel_cnt', ctypes.c_uint32),
        ('avg_bps', ctypes.c_uint32),
        ('max_bps', ctypes.c_uint32),
        ('max_rx_frame_size', ctypes.c_uint32),
        ('frame_len', ctypes.c_uint32),
        ('pcm_bits_per_sample', ctypes.c_uint32),
        ('pt', ctypes.c_uint32),
        ('frm_per_pkt', ctypes.c_uint32),
        ('vad', ctypes.c_bool),
        ('cng', ctypes.c_bool),
        ('penh', ctypes.c_bool),
        ('plc', ctypes.c_bool),
        ('packet_loss', ctypes.c_uint32),
        ('complexity', ctypes.c_uint32),
        ('cbr', ctypes.c_bool),
        ('enc_fmtp_count', ctypes.c_uint32),
        ('enc_fmtp', pjsua2rs_codec_fmtp * PJSUA2RS_MAX_CODEC_FMTP),
        ('dec_fmtp_count', ctypes.c_uint32),
        ('dec_fmtp', pjsua2rs_codec_fmtp * PJSUA2RS_MAX_CODEC_FMTP),
    ]
    _field_docs_ = {
        'clock_rate': 'PCM sampling rate.',
        'channel_cnt': 'PCM channels.',
        'avg_bps': 'Average bit rate.',
        'max_bps': 'Highest bit rate.',
        'max_rx_frame_size': 'Largest payload the decoder takes (0: any).',
        'frame_len': 'Milliseconds per codec frame.',
        'pcm_bits_per_sample': 'Bits per PCM sample.',
        'pt': 'Payload type.',
        'frm_per_pkt': 'Codec frames per packet.',
        'vad': 'Voice activity detection.',
        'cng': 'Comfort noise.',
        'penh': 'Perceptual enhancement.',
        'plc': 'Packet loss concealment.',
        'packet_loss': 'Expected loss, percent (Opus).',
        'complexity': 'Complexity 0-10 (Opus).',
        'cbr': 'Constant bit rate (Opus).',
        'enc_fmtp_count': 'Used entries of `enc_fmtp`.',
        'enc_fmtp': "The remote's fmtp for our encoder.",
        'dec_fmtp_count': 'Used entries of `dec_fmtp`.',
        'dec_fmtp': 'Our fmtp for our decoder.',
    }


class pjsua2rs_ua_config(ctypes.Structure):
    """User-agent settings (PJSUA2 `UaConfig`)."""

    _fields_ = [
        ('max_calls', ctypes.c_uint32),
        ('thread_cnt', ctypes.c_uint32),
        ('main_thread_only', ctypes.c_bool),
        ('nameserver', (ctypes.c_char * PJSUA2RS_HOST_LEN) * PJSUA2RS_MAX_NAMESERVERS),
        ('nameserver_count', ctypes.c_uint32),
        ('outbound_proxies', (ctypes.c_char * PJSUA2RS_URI_LEN) * PJSUA2RS_MAX_OUTBOUND_PROXIES),
        ('outbound_proxies_count', ctypes.c_uint32),
        ('user_agent', ctypes.c_char * PJSUA2RS_TEXT_LEN),
        ('stun_server', (ctypes.c_char * PJSUA2RS_HOST_LEN) * PJSUA2RS_MAX_STUN_SERVERS),
        ('stun_server_count', ctypes.c_uint32),
        ('stun_try_ipv6', ctypes.c_bool),
        ('stun_ignore_failure', ctypes.c_bool),
        ('nat_type_in_sdp', ctypes.c_int32),
        ('mwi_unsolicited_enabled', ctypes.c_bool),
        ('enable_upnp', ctypes.c_bool),
        ('upnp_if_name', ctypes.c_char * PJSUA2RS_NAME_LEN),
        ('no_refersub', ctypes.c_bool),
        ('acc_server_affinity_default', ctypes.c_bool),
        ('tsx_t1_msec', ctypes.c_uint32),
        ('tsx_t2_msec', ctypes.c_uint32),
        ('tsx_t4_msec', ctypes.c_uint32),
        ('tsx_td_msec', ctypes.c_uint32),
    ]
    _field_docs_ = {
        'max_calls': 'Maximum number of simultaneous calls. Default 4.',
        'thread_cnt': 'Worker threads polling SIP events; 0 means the application polls with `handle_events` (poll mode). Default 1.',
        'main_thread_only': 'Run callbacks only in the thread that calls `handle_events` (use with `thread_cnt` 0). Default false.',
        'nameserver': 'DNS name servers ("host[:port]"); none means the system resolver.',
        'nameserver_count': 'How many entries of `nameserver` are used.',
        'outbound_proxies': "Global outbound proxies, put before every account's proxies. Not saved in JSON.",
        'outbound_proxies_count': 'How many entries of `outbound_proxies` are used.',
        'user_agent': 'The User-Agent header value; empty means the library\'s own. Default "".',
        'stun_server': 'STUN servers ("host[:port]"), tried in order.',
        'stun_server_count': 'How many entries of `stun_server` are used.',
        'stun_try_ipv6': 'Also resolve STUN servers to IPv6 addresses. Default false.',
        'stun_ignore_failure': 'Start even when no STUN server answers. Default true.',
        'nat_type_in_sdp': 'Put the NAT type in SDP: 0 no, 1 the type number, 2 number and name. Default 1.',
        'mwi_unsolicited_enabled': 'Handle unsolicited NOTIFY for message waiting (MWI). Default true.',
        'enable_upnp': 'Use UPnP to find the public address. Default false.',
        'upnp_if_name': 'The network interface for UPnP; empty means any. Default "".',
        'no_refersub': 'Put "norefersub" in the Supported header. Default true.',
        'acc_server_affinity_default': "The default of accounts' server affinity for TCP/TLS. Default false.",
        'tsx_t1_msec': "RFC 3261 T1, the round-trip estimate, in ms (PJSIP's `pjsip_cfg()->tsx.t1`). Default 500. Not saved in JSON.",
        'tsx_t2_msec': 'RFC 3261 T2, the longest retransmit interval, in ms. Default 4000. Not saved in JSON.',
        'tsx_t4_msec': 'RFC 3261 T4, how long a message may live in the network, in ms. Default 5000. Not saved in JSON.',
        'tsx_td_msec': 'RFC 3261 Timer D (wait for response retransmissions) in ms; at least 32000. Default 32000. Not saved in JSON.',
    }


class pjsua2rs_log_entry(ctypes.Structure):
    """
    One log message, as PJSUA2's `LogEntry`. Valid only during the writer call: copy what you keep.
    """

    _fields_ = [
        ('level', ctypes.c_int),
        ('msg', ctypes.c_char_p),
        ('thread_id', ctypes.c_uint64),
        ('thread_name', ctypes.c_char_p),
    ]
    _field_docs_ = {
        'level': 'The verbosity level of the message (1 = error ... 6 = very detailed).',
        'msg': 'The message, NUL-terminated UTF-8, already decorated as `LogConfig.decor` asks.',
        'thread_id': 'An identifier of the thread that logged the message.',
        'thread_name': 'The name of the thread that logged the message, NUL-terminated UTF-8.',
    }


# A custom log writer (PJSUA2's `LogWriter::write`), or NULL for none. Called with the
# `writer_user_data` given in `LogConfig` and an entry valid during the call. It runs on
# the library's dispatcher thread, or inside `handle_events` in poll mode (`thread_cnt`
# 0), never while the library holds a lock, one entry at a time.
pjsua2rs_log_writer_fn = ctypes.CFUNCTYPE(None, ctypes.c_void_p, ctypes.POINTER(pjsua2rs_log_entry))


class pjsua2rs_log_config(ctypes.Structure):
    """Logging settings (PJSUA2 `LogConfig`)."""

    _fields_ = [
        ('msg_logging', ctypes.c_uint32),
        ('level', ctypes.c_uint32),
        ('console_level', ctypes.c_uint32),
        ('decor', ctypes.c_uint32),
        ('filename', ctypes.c_char * PJSUA2RS_PATH_LEN),
        ('file_flags', ctypes.c_uint32),
        ('writer', pjsua2rs_log_writer_fn),
        ('writer_user_data', ctypes.c_void_p),
    ]
    _field_docs_ = {
        'msg_logging': 'Log incoming and outgoing SIP messages (non-zero = yes). Default 1.',
        'level': 'Maximum level written to the writer and the file (0-6). Default 5.',
        'console_level': 'Maximum level written to the console (stdout). Default 4.',
        'decor': 'Decoration flags (PJ_LOG_HAS_*). Default 25328 = sender, time, microseconds, newline, space, thread switch and indent.',
        'filename': 'A log file to append to; empty means none. Default "".',
        'file_flags': 'Flags for opening the log file (PJ_O_APPEND = 0x1108 appends). Default 0.',
        'writer': 'A custom writer receiving every entry up to `console_level` (instead of the console; the file still gets everything up to `level`), or NULL. Not saved in JSON.',
        'writer_user_data': 'Passed to `writer` as its first argument. Not saved in JSON.',
    }


class pjsua2rs_media_config(ctypes.Structure):
    """Media settings (PJSUA2 `MediaConfig`)."""

    _fields_ = [
        ('clock_rate', ctypes.c_uint32),
        ('snd_clock_rate', ctypes.c_uint32),
        ('snd_use_sw_clock', ctypes.c_bool),
        ('channel_count', ctypes.c_uint32),
        ('audio_frame_ptime', ctypes.c_uint32),
        ('max_media_ports', ctypes.c_uint32),
        ('conf_threads', ctypes.c_uint32),
        ('has_ioqueue', ctypes.c_bool),
        ('thread_cnt', ctypes.c_uint32),
        ('quality', ctypes.c_uint32),
        ('ptime', ctypes.c_uint32),
        ('no_vad', ctypes.c_bool),
        ('ilbc_mode', ctypes.c_uint32),
        ('tx_drop_pct', ctypes.c_uint32),
        ('rx_drop_pct', ctypes.c_uint32),
        ('ec_options', ctypes.c_uint32),
        ('ec_tail_len', ctypes.c_uint32),
        ('snd_rec_latency', ctypes.c_uint32),
        ('snd_play_latency', ctypes.c_uint32),
        ('jb_init', ctypes.c_int32),
        ('jb_min_pre', ctypes.c_int32),
        ('jb_max_pre', ctypes.c_int32),
        ('jb_max', ctypes.c_int32),
        ('jb_discard_algo', ctypes.c_int32),
        ('snd_auto_close_time', ctypes.c_int32),
        ('vid_preview_enable_native', ctypes.c_bool),
    ]
    _field_docs_ = {
        'clock_rate': 'The conference bridge clock rate in Hz. Default 16000.',
        'snd_clock_rate': 'The sound device clock rate; 0 means `clock_rate`. Default 0.',
        'snd_use_sw_clock': 'Drive the sound port from a software clock instead of the device. Default true.',
        'channel_count': 'Audio channels of the bridge. Default 1.',
        'audio_frame_ptime': 'Milliseconds of audio per bridge frame. Default 20.',
        'max_media_ports': 'Maximum ports of the conference bridge. Default 254.',
        'conf_threads': 'Threads mixing the conference bridge. Default 1.',
        'has_ioqueue': 'Run a media I/O queue for RTP. Default true.',
        'thread_cnt': 'Worker threads of the media I/O queue. Default 1.',
        'quality': 'Codec and resampling quality, 1 (fastest) to 10 (best). Default 8.',
        'ptime': "Codec packet time in ms; 0 means each codec's default. Default 0.",
        'no_vad': 'Disable voice activity detection. Default false.',
        'ilbc_mode': 'The iLBC mode, 20 or 30 ms. Default 30.',
        'tx_drop_pct': 'Percentage of transmitted RTP packets to drop (testing). Default 0.',
        'rx_drop_pct': 'Percentage of received RTP packets to drop (testing). Default 0.',
        'ec_options': 'Echo canceller options (PJMEDIA_ECHO_*). Default 0.',
        'ec_tail_len': 'Echo canceller tail length in ms; 0 disables it. Default 200.',
        'snd_rec_latency': 'Sound capture latency in ms. Default 100.',
        'snd_play_latency': 'Sound playback latency in ms. Default 140.',
        'jb_init': 'Jitter buffer initial prefetch in ms; -1 means automatic. Default -1.',
        'jb_min_pre': 'Jitter buffer minimum prefetch in ms; -1 means automatic. Default -1.',
        'jb_max_pre': 'Jitter buffer maximum prefetch in ms; -1 means automatic. Default -1.',
        'jb_max': 'Jitter buffer maximum size in ms; -1 means automatic. Default -1.',
        'jb_discard_algo': 'Jitter buffer discard algorithm (PJSUA2RS_JB_DISCARD_*). Default 2 (progressive).',
        'snd_auto_close_time': 'Seconds of silence before an idle sound device closes; -1 never, 0 at once. Default 1.',
        'vid_preview_enable_native': 'Use the native video preview of the capture device (video only). Default true.',
    }


class pjsua2rs_ep_config(ctypes.Structure):
    """
    The endpoint configuration passed to `lib_init` (PJSUA2 `EpConfig`). Initialise it with `pjsua2rs_ep_config_default()`.
    """

    _fields_ = [
        ('struct_size', ctypes.c_uint32),
        ('ua_config', pjsua2rs_ua_config),
        ('log_config', pjsua2rs_log_config),
        ('med_config', pjsua2rs_media_config),
    ]
    _field_docs_ = {
        'struct_size': '`sizeof` this struct as the program was compiled; set by the `_default` function.',
        'ua_config': 'User-agent settings.',
        'log_config': 'Logging settings.',
        'med_config': 'Media settings.',
    }


class pjsua2rs_buddy_config(ctypes.Structure):
    """
    A buddy's settings (PJSUA2 `BuddyConfig`). Initialise it with `pjsua2rs_buddy_config_default()`.
    """

    _fields_ = [
        ('struct_size', ctypes.c_uint32),
        ('uri', ctypes.c_char * PJSUA2RS_URI_LEN),
        ('subscribe', ctypes.c_bool),
        ('subscribe_dlg_event', ctypes.c_bool),
    ]
    _field_docs_ = {
        'struct_size': '`sizeof` this struct as the program was compiled; set by the `_default` function.',
        'uri': 'The buddy\'s URI, e.g. "sip:alice@example.com". Default "".',
        'subscribe': "Subscribe to the buddy's presence when it is added. Default false.",
        'subscribe_dlg_event': "Subscribe to the buddy's dialog events when it is added. Default false.",
    }


class pjsua2rs_transport_info(ctypes.Structure):
    """PJSUA2's `TransportInfo`."""

    _fields_ = [
        ('id', ctypes.c_int),
        ('type', ctypes.c_int),
        ('type_name', ctypes.c_char * 16),
        ('info', ctypes.c_char * 384),
        ('flags', ctypes.c_uint),
        ('local_address', ctypes.c_char * 64),
        ('local_name', ctypes.c_char * 256),
        ('usage_count', ctypes.c_uint),
    ]
    _field_docs_ = {
        'id': 'The transport id.',
        'type': 'The `PJSUA2RS_TRANSPORT_*` type.',
        'type_name': '"UDP", "TCP", "UDP6" or "TCP6".',
        'info': 'A description as PJSIP writes it: "udp 127.0.0.1:5060 [published as 127.0.0.1:5060]".',
        'flags': '`PJSUA2RS_TRANSPORT_FLAG_*` bits.',
        'local_address': 'The bound address, "ip:port" ("[ip]:port" for IPv6).',
        'local_name': 'The published address, "host:port".',
        'usage_count': "PJSIP's reference count: 1 for a UDP transport (held by the endpoint), 0 for a TCP listener (its connections are counted apart).",
    }


class pjsua2rs_request_result(ctypes.Structure):
    """The final response to a request sent with `pjsua2rs_endpoint_send_options`."""

    _fields_ = [
        ('status_code', ctypes.c_int),
        ('reason', ctypes.c_char * 256),
    ]
    _field_docs_ = {
        'status_code': 'The status code (200, 404...).',
        'reason': 'The reason phrase.',
    }


class pjsua2rs_version_info(ctypes.Structure):
    """PJSUA2's `Version`."""

    _fields_ = [
        ('major', ctypes.c_int),
        ('minor', ctypes.c_int),
        ('rev', ctypes.c_int),
        ('suffix', ctypes.c_char * 32),
        ('full', ctypes.c_char * 64),
        ('numeric', ctypes.c_uint),
    ]
    _field_docs_ = {
        'major': 'Major number.',
        'minor': 'Minor number.',
        'rev': 'Patch number.',
        'suffix': 'A suffix such as "-dev" (empty for a release).',
        'full': 'The whole version, e.g. "0.1.0".',
        'numeric': 'major << 24 | minor << 16 | rev << 8.',
    }


class pjsua2rs_error_info(ctypes.Structure):
    """
    PJSUA2's `Error`: the detail of a failed call. Strings are NUL-terminated UTF-8, truncated at a character boundary if longer than their field.
    """

    _fields_ = [
        ('status', pjsua2rs_status),
        ('title', ctypes.c_char * 256),
        ('reason', ctypes.c_char * 512),
        ('src_file', ctypes.c_char * 256),
        ('src_line', ctypes.c_int),
    ]
    _field_docs_ = {
        'status': 'The status the failed call returned (0 when there was no failure).',
        'title': 'The operation that failed, e.g. "pjsua2rs_endpoint_transport_create()".',
        'reason': 'Why it failed.',
        'src_file': 'The library source file that raised the error.',
        'src_line': 'The line in `src_file`.',
    }


# A JSON document handle (PJSUA2 `JsonDocument`). 0 is never a valid handle.
pjsua2rs_json_doc = ctypes.c_uint64


class pjsua2rs_media_format_audio(ctypes.Structure):
    """PJSUA2's `MediaFormatAudio` of a conference port (16-bit linear PCM)."""

    _fields_ = [
        ('clock_rate', ctypes.c_uint),
        ('channel_count', ctypes.c_uint),
        ('frame_time_usec', ctypes.c_uint),
        ('bits_per_sample', ctypes.c_uint),
    ]
    _field_docs_ = {
        'clock_rate': 'Samples per second per channel.',
        'channel_count': 'Channels.',
        'frame_time_usec': 'Frame duration in microseconds.',
        'bits_per_sample': 'Bits per sample (16).',
    }


class pjsua2rs_conf_port_info(ctypes.Structure):
    """PJSUA2's `ConfPortInfo`; the listeners are written to a separate array."""

    _fields_ = [
        ('port_id', ctypes.c_int),
        ('name', ctypes.c_char * 256),
        ('format', pjsua2rs_media_format_audio),
        ('tx_level_adj', ctypes.c_float),
        ('rx_level_adj', ctypes.c_float),
        ('listener_count', ctypes.c_size_t),
    ]
    _field_docs_ = {
        'port_id': 'The slot.',
        'name': 'The port\'s name ("Master/sound" for slot 0, a file name, "tonegen"...).',
        'format': 'The format the port exchanges with the bridge.',
        'tx_level_adj': 'The level adjustment of what the port transmits (1.0: unchanged, 0: muted).',
        'rx_level_adj': 'The level adjustment of what the port receives.',
        'listener_count': 'How many slots the port transmits to (all of them, also beyond the array given).',
    }


class pjsua2rs_audio_dev_info(ctypes.Structure):
    """PJSUA2's `AudioDevInfo`: one entry of `enumDev2`."""

    _fields_ = [
        ('id', ctypes.c_int),
        ('name', ctypes.c_char * 128),
        ('input_count', ctypes.c_uint),
        ('output_count', ctypes.c_uint),
        ('default_samples_per_sec', ctypes.c_uint),
        ('driver', ctypes.c_char * 32),
    ]
    _field_docs_ = {
        'id': 'The device id, for `pjsua2rs_aud_dev_manager_set_capture_dev` / `_playback_dev`.',
        'name': 'Its name ("default", "hw:0,0"...).',
        'input_count': 'Capture channels (0: cannot capture).',
        'output_count': 'Playback channels (0: cannot play).',
        'default_samples_per_sec': 'The default sampling rate.',
        'driver': 'The driver ("Alsa").',
    }


# `on_eof2`: the player reached the end of its file (of the last file of a playlist);
# it starts over unless created with PJSUA2RS_FILE_NO_LOOP (PJSUA2 `onEof2`).
pjsua2rs_on_eof2_fn = ctypes.CFUNCTYPE(None, ctypes.c_void_p)


class pjsua2rs_audio_media_player_callbacks(ctypes.Structure):
    """
    The callbacks of a player; NULL members are not called. They get the `user_data` given at creation and run on the library's callback thread, or inside `pjsua2rs_endpoint_handle_events` in poll mode, never while the library holds a lock; calling the API from them is safe, destroying the player too. Set `struct_size` with `pjsua2rs_audio_media_player_callbacks_default` (members are only ever appended).
    """

    _fields_ = [
        ('struct_size', ctypes.c_uint32),
        ('on_eof2', pjsua2rs_on_eof2_fn),
    ]
    _field_docs_ = {
        'struct_size': '`sizeof(pjsua2rs_audio_media_player_callbacks)` as the program was compiled.',
        'on_eof2': 'The end of the file was reached (PJSUA2 `onEof2`).',
    }


# A handle to an audio file player. 0 is never a valid handle.
pjsua2rs_audio_media_player = ctypes.c_uint64


class pjsua2rs_audio_media_player_info(ctypes.Structure):
    """PJSUA2's `AudioMediaPlayerInfo`."""

    _fields_ = [
        ('format_id', ctypes.c_uint),
        ('payload_bits_per_sample', ctypes.c_uint),
        ('size_bytes', ctypes.c_uint64),
        ('size_samples', ctypes.c_uint64),
    ]
    _field_docs_ = {
        'format_id': 'PJSUA2RS_FORMAT_PCM, PJSUA2RS_FORMAT_ALAW or PJSUA2RS_FORMAT_ULAW.',
        'payload_bits_per_sample': 'Bits per stored sample (16 for PCM, 8 for A-law and u-law).',
        'size_bytes': 'Bytes of audio in the file.',
        'size_samples': 'Samples in the file (all channels).',
    }


# A handle to an audio file recorder. 0 is never a valid handle.
pjsua2rs_audio_media_recorder = ctypes.c_uint64


class pjsua2rs_media_frame(ctypes.Structure):
    """PJSUA2's `MediaFrame`: 16-bit linear PCM samples in the machine's byte order."""

    _fields_ = [
        ('frame_type', ctypes.c_uint),
        ('buf', ctypes.POINTER(ctypes.c_uint8)),
        ('size', ctypes.c_size_t),
    ]
    _field_docs_ = {
        'frame_type': 'PJSUA2RS_FRAME_TYPE_AUDIO, or PJSUA2RS_FRAME_TYPE_NONE for no audio (silence).',
        'buf': "The samples. In `on_frame_requested`: the library's buffer of `size` bytes (one frame of silence) to fill; it may instead be pointed at the application's own memory, valid until the callback returns, which the library then copies. In `on_frame_received`: the frame, read-only, valid during the callback.",
        'size': 'Bytes in `buf` (2 per sample). In `on_frame_requested` it comes as one frame; set it to the bytes supplied (fewer are padded with silence, more are cut).',
    }


# `on_frame_requested`: fill `*frame` (PJSUA2's `onFrameRequested`).
pjsua2rs_on_frame_requested_fn = ctypes.CFUNCTYPE(None, ctypes.c_void_p, ctypes.POINTER(pjsua2rs_media_frame))


# `on_frame_received`: read `*frame` (PJSUA2's `onFrameReceived`).
pjsua2rs_on_frame_received_fn = ctypes.CFUNCTYPE(None, ctypes.c_void_p, ctypes.POINTER(pjsua2rs_media_frame))


class pjsua2rs_audio_media_port_callbacks(ctypes.Structure):
    """
    The callbacks of an application port; NULL members are not called (a NULL `on_frame_requested` sends silence). Each gets the `user_data` given to `pjsua2rs_audio_media_port_create` and a frame valid during the call. They run on the library's callback thread (or in `pjsua2rs_endpoint_handle_events` in poll mode, which must then run at least every 40 ms), one at a time, never on the media thread and never while the library holds a lock. Frames are requested ahead of time: the port keeps about three of the bridge's frames queued (60 ms at 20 ms frames). Set `struct_size` with `pjsua2rs_audio_media_port_callbacks_default` (members are only ever appended).
    """

    _fields_ = [
        ('struct_size', ctypes.c_uint32),
        ('on_frame_requested', pjsua2rs_on_frame_requested_fn),
        ('on_frame_received', pjsua2rs_on_frame_received_fn),
    ]
    _field_docs_ = {
        'struct_size': '`sizeof(pjsua2rs_audio_media_port_callbacks)` as the program was compiled.',
        'on_frame_requested': 'The port needs its next frame.',
        'on_frame_received': 'A frame mixed for the port (what the ports transmitting to it sent).',
    }


# A handle to an application port. 0 is never a valid handle.
pjsua2rs_audio_media_port = ctypes.c_uint64


class pjsua2rs_audio_media_port_stats(ctypes.Structure):
    """The counters of an application port."""

    _fields_ = [
        ('underruns', ctypes.c_uint64),
        ('dropped', ctypes.c_uint64),
    ]
    _field_docs_ = {
        'underruns': 'Bridge frames sent as silence because onFrameRequested had not supplied them in time.',
        'dropped': 'Bridge frames not delivered to onFrameReceived because it fell 32 frames behind.',
    }


# A handle to a tone generator. 0 is never a valid handle.
pjsua2rs_tone_generator = ctypes.c_uint64


class pjsua2rs_tone_desc(ctypes.Structure):
    """PJSUA2's `ToneDesc`: one tone."""

    _fields_ = [
        ('freq1', ctypes.c_uint16),
        ('freq2', ctypes.c_uint16),
        ('on_msec', ctypes.c_uint16),
        ('off_msec', ctypes.c_uint16),
        ('volume', ctypes.c_int16),
    ]
    _field_docs_ = {
        'freq1': 'First frequency in Hz.',
        'freq2': 'Second frequency in Hz (0: a single-frequency tone).',
        'on_msec': 'Milliseconds on.',
        'off_msec': 'Milliseconds of silence after.',
        'volume': "Peak amplitude (0: 12288, pjmedia's default).",
    }


class pjsua2rs_tone_digit(ctypes.Structure):
    """PJSUA2's `ToneDigit`: one DTMF digit to play."""

    _fields_ = [
        ('digit', ctypes.c_char),
        ('on_msec', ctypes.c_uint16),
        ('off_msec', ctypes.c_uint16),
        ('volume', ctypes.c_int16),
    ]
    _field_docs_ = {
        'digit': "The digit ('0'-'9', '*', '#', 'A'-'D', or any the digit map has; any case).",
        'on_msec': 'Milliseconds on.',
        'off_msec': 'Milliseconds of silence after.',
        'volume': "Peak amplitude (0: 12288, pjmedia's default).",
    }


class pjsua2rs_tone_digit_map_digit(ctypes.Structure):
    """PJSUA2's `ToneDigitMapDigit`: the two frequencies of a digit."""

    _fields_ = [
        ('digit', ctypes.c_char),
        ('freq1', ctypes.c_uint16),
        ('freq2', ctypes.c_uint16),
    ]
    _field_docs_ = {
        'digit': 'The digit.',
        'freq1': 'Low-group frequency in Hz.',
        'freq2': 'High-group frequency in Hz.',
    }


# (name, restype, argtypes) of every function, in header order.
PROTOTYPES = [
    # Fills `*out` with an empty callback table (every member NULL) and stamps
    # `struct_size` with `size`, which must be `sizeof *out` as the program was compiled.
    # Returns PJSUA2RS_ERR_INVALID_ARG if `out` is NULL or `size` is wrong. Thread-safe.
    # pjsua2rs_status pjsua2rs_account_callbacks_default(pjsua2rs_account_callbacks *out, size_t size)
    ('pjsua2rs_account_callbacks_default', pjsua2rs_status, (ctypes.POINTER(pjsua2rs_account_callbacks), ctypes.c_size_t,)),
    # PJSUA2's `Account::create`: adds an account to endpoint `ep` with `*cfg` (initialise
    # it with `pjsua2rs_account_config_default`; read during the call only) and writes its
    # handle to `*out`. `cb` (may be NULL: no callbacks) is copied; its functions are called
    # with `user_data`, which must stay valid until the account is shut down or the endpoint
    # destroyed. With a registrar and `reg_config.register_on_add`, registration starts at
    # once. The first account, or one with `make_default`, becomes the default. A wrong
    # field is an error naming it (see `pjsua2rs_last_error`).
    # pjsua2rs_status pjsua2rs_account_create(pjsua2rs_endpoint ep, const pjsua2rs_account_config *cfg, bool make_default, const pjsua2rs_account_callbacks *cb, void *user_data, pjsua2rs_account *out)
    ('pjsua2rs_account_create', pjsua2rs_status, (pjsua2rs_endpoint, ctypes.POINTER(pjsua2rs_account_config), ctypes.c_bool, ctypes.POINTER(pjsua2rs_account_callbacks), ctypes.c_void_p, ctypes.POINTER(pjsua2rs_account),)),
    # PJSUA2's `Account::getId`: the account's number (small, as PJSUA2's).
    # pjsua2rs_status pjsua2rs_account_get_id(pjsua2rs_account acc, int *out)
    ('pjsua2rs_account_get_id', pjsua2rs_status, (pjsua2rs_account, ctypes.POINTER(ctypes.c_int),)),
    # PJSUA2's `Account::modify`: replaces the account's config (read during the call). A new
    # registrar, identity or proxy list re-registers, removing the old binding first.
    # pjsua2rs_status pjsua2rs_account_modify(pjsua2rs_account acc, const pjsua2rs_account_config *cfg)
    ('pjsua2rs_account_modify', pjsua2rs_status, (pjsua2rs_account, ctypes.POINTER(pjsua2rs_account_config),)),
    # PJSUA2's `Account::shutdown`: removes the account and invalidates the handle (also
    # after the endpoint was destroyed: it frees the handle). No callback of it starts
    # afterwards, and none is running when this returns (unless called from one of them); a
    # binding in place is removed in the background (bounded by
    # `reg_config.unreg_wait_msec`).
    # pjsua2rs_status pjsua2rs_account_shutdown(pjsua2rs_account acc)
    ('pjsua2rs_account_shutdown', pjsua2rs_status, (pjsua2rs_account,)),
    # PJSUA2's `Account::isValid`: writes whether the account exists (false once its
    # endpoint was destroyed); a shut-down account's handle is PJSUA2RS_ERR_INVALID_HANDLE.
    # pjsua2rs_status pjsua2rs_account_is_valid(pjsua2rs_account acc, bool *out)
    ('pjsua2rs_account_is_valid', pjsua2rs_status, (pjsua2rs_account, ctypes.POINTER(ctypes.c_bool),)),
    # PJSUA2's `Account::setRegistration`: registers (or refreshes) now when `renew`, else
    # removes the binding. The outcome comes to `on_reg_state`.
    # pjsua2rs_status pjsua2rs_account_set_registration(pjsua2rs_account acc, bool renew)
    ('pjsua2rs_account_set_registration', pjsua2rs_status, (pjsua2rs_account, ctypes.c_bool,)),
    # PJSUA2's `Account::setDefault`.
    # pjsua2rs_status pjsua2rs_account_set_default(pjsua2rs_account acc)
    ('pjsua2rs_account_set_default', pjsua2rs_status, (pjsua2rs_account,)),
    # PJSUA2's `Account::setTransport`: pins the account to transport `transport_id` (-1:
    # any); takes effect with its next request.
    # pjsua2rs_status pjsua2rs_account_set_transport(pjsua2rs_account acc, int transport_id)
    ('pjsua2rs_account_set_transport', pjsua2rs_status, (pjsua2rs_account, ctypes.c_int,)),
    # PJSUA2's `Account::getInfo`: writes the account's details to `*out`.
    # pjsua2rs_status pjsua2rs_account_get_info(pjsua2rs_account acc, pjsua2rs_account_info *out)
    ('pjsua2rs_account_get_info', pjsua2rs_status, (pjsua2rs_account, ctypes.POINTER(pjsua2rs_account_info),)),
    # PJSUA2's `Call(acc, call_id)`: a call object of account `acc` whose callbacks `cb` (may
    # be NULL; copied) are called with `user_data` (valid until the object is destroyed or
    # its call disconnected). `call_id` -1 makes an object for `pjsua2rs_call_make` (or for
    # a callback's `new_call`); a call id (inside `on_incoming_call`) takes that incoming
    # call. Writes the handle to `*out`.
    # pjsua2rs_status pjsua2rs_call_create(pjsua2rs_account acc, int call_id, const pjsua2rs_call_callbacks *cb, void *user_data, pjsua2rs_call *out)
    ('pjsua2rs_call_create', pjsua2rs_status, (pjsua2rs_account, ctypes.c_int, ctypes.POINTER(pjsua2rs_call_callbacks), ctypes.c_void_p, ctypes.POINTER(pjsua2rs_call),)),
    # PJSUA2's `delete call`: invalidates the handle; no callback of it starts afterwards
    # (none runs when this returns, unless called from one), and a call in progress is hung
    # up, as PJSUA2's destructor does. Safe inside the call's own callbacks.
    # pjsua2rs_status pjsua2rs_call_destroy(pjsua2rs_call c)
    ('pjsua2rs_call_destroy', pjsua2rs_status, (pjsua2rs_call,)),
    # PJSUA2's `Call::makeCall`: calls `dst_uri` (a SIP URI; `?headers` become headers of
    # the INVITE) from the object's account with `*prm` (NULL: defaults). The object must not
    # have a call yet. With a callback thread, the call's first callbacks may start before
    # this returns; the object's functions called from them (`get_id`, `get_info`...) wait
    # until it has returned, so they see the new call.
    # pjsua2rs_status pjsua2rs_call_make(pjsua2rs_call c, const char *dst_uri, const pjsua2rs_call_op_param *prm)
    ('pjsua2rs_call_make', pjsua2rs_status, (pjsua2rs_call, ctypes.c_char_p, ctypes.POINTER(pjsua2rs_call_op_param),)),
    # PJSUA2's `Call::answer`: `prm->status_code` 180 or 183 (with early media) or 200 (the
    # default), or 3xx-6xx to refuse the incoming call.
    # pjsua2rs_status pjsua2rs_call_answer(pjsua2rs_call c, const pjsua2rs_call_op_param *prm)
    ('pjsua2rs_call_answer', pjsua2rs_status, (pjsua2rs_call, ctypes.POINTER(pjsua2rs_call_op_param),)),
    # PJSUA2's `Call::hangup`: CANCEL before an answer, BYE after, `prm->status_code` (603
    # by default) for an unanswered incoming call.
    # pjsua2rs_status pjsua2rs_call_hangup(pjsua2rs_call c, const pjsua2rs_call_op_param *prm)
    ('pjsua2rs_call_hangup', pjsua2rs_status, (pjsua2rs_call, ctypes.POINTER(pjsua2rs_call_op_param),)),
    # PJSUA2's `Call::setHold`: a re-INVITE with the media on hold (sendonly, or inactive if
    # the peer holds too).
    # pjsua2rs_status pjsua2rs_call_set_hold(pjsua2rs_call c, const pjsua2rs_call_op_param *prm)
    ('pjsua2rs_call_set_hold', pjsua2rs_status, (pjsua2rs_call, ctypes.POINTER(pjsua2rs_call_op_param),)),
    # PJSUA2's `Call::reinvite`: a re-INVITE with a new offer (`opt.flag` PJSUA2RS_CALL_UNHOLD
    # resumes a held call; PJSUA2RS_CALL_NO_SDP_OFFER sends none).
    # pjsua2rs_status pjsua2rs_call_reinvite(pjsua2rs_call c, const pjsua2rs_call_op_param *prm)
    ('pjsua2rs_call_reinvite', pjsua2rs_status, (pjsua2rs_call, ctypes.POINTER(pjsua2rs_call_op_param),)),
    # PJSUA2's `Call::update`: an UPDATE with a new offer (RFC 3311).
    # pjsua2rs_status pjsua2rs_call_update(pjsua2rs_call c, const pjsua2rs_call_op_param *prm)
    ('pjsua2rs_call_update', pjsua2rs_status, (pjsua2rs_call, ctypes.POINTER(pjsua2rs_call_op_param),)),
    # PJSUA2's `Call::xfer`: asks the peer to call `dest` (REFER); progress comes to
    # `on_call_transfer_status`. A `Refer-Sub: false` header in `prm->tx_option` asks for no
    # NOTIFYs (RFC 4488).
    # pjsua2rs_status pjsua2rs_call_xfer(pjsua2rs_call c, const char *dest, const pjsua2rs_call_op_param *prm)
    ('pjsua2rs_call_xfer', pjsua2rs_status, (pjsua2rs_call, ctypes.c_char_p, ctypes.POINTER(pjsua2rs_call_op_param),)),
    # PJSUA2's `Call::xferReplaces`: attended transfer: asks this call's peer to call
    # `dest_call`'s peer, replacing `dest_call` (`prm->options`
    # PJSUA2RS_XFER_NO_REQUIRE_REPLACES leaves out Require: replaces).
    # pjsua2rs_status pjsua2rs_call_xfer_replaces(pjsua2rs_call c, pjsua2rs_call dest_call, const pjsua2rs_call_op_param *prm)
    ('pjsua2rs_call_xfer_replaces', pjsua2rs_status, (pjsua2rs_call, pjsua2rs_call, ctypes.POINTER(pjsua2rs_call_op_param),)),
    # PJSUA2's `Call::processRedirect`: the decision (PJSUA2RS_REDIRECT_*) on a redirection
    # `on_call_redirected` left PENDING.
    # pjsua2rs_status pjsua2rs_call_process_redirect(pjsua2rs_call c, int cmd)
    ('pjsua2rs_call_process_redirect', pjsua2rs_status, (pjsua2rs_call, ctypes.c_int,)),
    # PJSUA2's `Call::sendDtmf`: `digits` (0-9, *, #, A-D) with `method`
    # (PJSUA2RS_DTMF_METHOD_SIP_INFO: one INFO each; RFC2833 needs the call's audio stream)
    # and `duration_ms` per digit (0: 160).
    # pjsua2rs_status pjsua2rs_call_send_dtmf(pjsua2rs_call c, int method, const char *digits, uint32_t duration_ms)
    ('pjsua2rs_call_send_dtmf', pjsua2rs_status, (pjsua2rs_call, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint32,)),
    # PJSUA2's `Call::sendRequest`: a request of `method` (not INVITE, ACK, CANCEL, BYE or
    # PRACK, which the call sends itself) in the call's dialog, with `tx` (NULL: none).
    # pjsua2rs_status pjsua2rs_call_send_request(pjsua2rs_call c, const char *method, const pjsua2rs_sip_tx_option *tx)
    ('pjsua2rs_call_send_request', pjsua2rs_status, (pjsua2rs_call, ctypes.c_char_p, ctypes.POINTER(pjsua2rs_sip_tx_option),)),
    # PJSUA2's `Call::sendInstantMessage`: a MESSAGE with `content` of `content_type` (NULL
    # or "": text/plain) in the call's dialog; the outcome comes to
    # `on_instant_message_status`.
    # pjsua2rs_status pjsua2rs_call_send_instant_message(pjsua2rs_call c, const char *content_type, const char *content, const pjsua2rs_sip_tx_option *tx)
    ('pjsua2rs_call_send_instant_message', pjsua2rs_status, (pjsua2rs_call, ctypes.c_char_p, ctypes.c_char_p, ctypes.POINTER(pjsua2rs_sip_tx_option),)),
    # PJSUA2's `Call::sendTypingIndication` (an RFC 3994 isComposing MESSAGE).
    # pjsua2rs_status pjsua2rs_call_send_typing_indication(pjsua2rs_call c, bool is_typing, const pjsua2rs_sip_tx_option *tx)
    ('pjsua2rs_call_send_typing_indication', pjsua2rs_status, (pjsua2rs_call, ctypes.c_bool, ctypes.POINTER(pjsua2rs_sip_tx_option),)),
    # PJSUA2's `Call::getInfo`: writes the call's details to `*out`. After the call ended
    # this fails (PJSUA2RS_ERR_NOT_FOUND); `on_call_state` gets the last info.
    # pjsua2rs_status pjsua2rs_call_get_info(pjsua2rs_call c, pjsua2rs_call_info *out)
    ('pjsua2rs_call_get_info', pjsua2rs_status, (pjsua2rs_call, ctypes.POINTER(pjsua2rs_call_info),)),
    # PJSUA2's `Call::getId`: the call id, -1 (PJSUA_INVALID_ID) before the object has a
    # call.
    # pjsua2rs_status pjsua2rs_call_get_id(pjsua2rs_call c, int *out)
    ('pjsua2rs_call_get_id', pjsua2rs_status, (pjsua2rs_call, ctypes.POINTER(ctypes.c_int),)),
    # PJSUA2's `Call::isActive`: whether the object's call is in progress.
    # pjsua2rs_status pjsua2rs_call_is_active(pjsua2rs_call c, bool *out)
    ('pjsua2rs_call_is_active', pjsua2rs_status, (pjsua2rs_call, ctypes.POINTER(ctypes.c_bool),)),
    # PJSUA2's `Endpoint::hangupAllCalls`.
    # pjsua2rs_status pjsua2rs_endpoint_hangup_all_calls(pjsua2rs_endpoint ep)
    ('pjsua2rs_endpoint_hangup_all_calls', pjsua2rs_status, (pjsua2rs_endpoint,)),
    # PJSUA2's `Call::getAudioMedia(med_idx)`: the conference slot of the call's audio
    # (`med_idx` -1: the first audio stream), for `pjsua2rs_audio_media_*`. Fails
    # (PJSUA2RS_ERR_INVALID_OP) while the call has no active audio.
    # pjsua2rs_status pjsua2rs_call_get_audio_media(pjsua2rs_call c, int med_idx, int *out_slot)
    ('pjsua2rs_call_get_audio_media', pjsua2rs_status, (pjsua2rs_call, ctypes.c_int, ctypes.POINTER(ctypes.c_int),)),
    # PJSUA2's `Call::dialDtmf`: sends `digits` (0-9, *, #, A-D) as RFC 4733 events on the
    # call's audio stream.
    # pjsua2rs_status pjsua2rs_call_dial_dtmf(pjsua2rs_call c, const char *digits)
    ('pjsua2rs_call_dial_dtmf', pjsua2rs_status, (pjsua2rs_call, ctypes.c_char_p,)),
    # PJSUA2's `Call::getStreamInfo(med_idx)`.
    # pjsua2rs_status pjsua2rs_call_get_stream_info(pjsua2rs_call c, int med_idx, pjsua2rs_stream_info *out)
    ('pjsua2rs_call_get_stream_info', pjsua2rs_status, (pjsua2rs_call, ctypes.c_int, ctypes.POINTER(pjsua2rs_stream_info),)),
    # PJSUA2's `Call::getStreamStat(med_idx)`.
    # pjsua2rs_status pjsua2rs_call_get_stream_stat(pjsua2rs_call c, int med_idx, pjsua2rs_stream_stat *out)
    ('pjsua2rs_call_get_stream_stat', pjsua2rs_status, (pjsua2rs_call, ctypes.c_int, ctypes.POINTER(pjsua2rs_stream_stat),)),
    # Fills `*out` with an empty callback table (every member NULL) and stamps
    # `struct_size` with `size` (`sizeof *out`). PJSUA2RS_ERR_INVALID_ARG for NULL or a wrong
    # size. Thread-safe.
    # pjsua2rs_status pjsua2rs_call_callbacks_default(pjsua2rs_call_callbacks *out, size_t size)
    ('pjsua2rs_call_callbacks_default', pjsua2rs_status, (ctypes.POINTER(pjsua2rs_call_callbacks), ctypes.c_size_t,)),
    # Fills `*out` with an empty tx option and stamps `struct_size` with `size` (`sizeof
    # *out`). PJSUA2RS_ERR_INVALID_ARG for NULL or a wrong size.
    # pjsua2rs_status pjsua2rs_sip_tx_option_default(pjsua2rs_sip_tx_option *out, size_t size)
    ('pjsua2rs_sip_tx_option_default', pjsua2rs_status, (ctypes.POINTER(pjsua2rs_sip_tx_option), ctypes.c_size_t,)),
    # Fills `*out` with PJSUA2's `CallOpParam()` defaults (status 0, no reason, the default
    # call setting, no headers) and stamps `struct_size` with `size` (`sizeof *out`).
    # pjsua2rs_status pjsua2rs_call_op_param_default(pjsua2rs_call_op_param *out, size_t size)
    ('pjsua2rs_call_op_param_default', pjsua2rs_status, (ctypes.POINTER(pjsua2rs_call_op_param), ctypes.c_size_t,)),
    # PJSUA2's `codecEnum2`: writes up to `capacity` codecs, highest priority first, to
    # `out` and their total number to `*count` (call with `capacity` 0 to size the array).
    # pjsua2rs_status pjsua2rs_endpoint_codec_enum2(pjsua2rs_endpoint ep, pjsua2rs_codec_info *out, size_t capacity, size_t *count)
    ('pjsua2rs_endpoint_codec_enum2', pjsua2rs_status, (pjsua2rs_endpoint, ctypes.POINTER(pjsua2rs_codec_info), ctypes.c_size_t, ctypes.POINTER(ctypes.c_size_t),)),
    # PJSUA2's `codecSetPriority`: `codec_id` may be a prefix ("PCMU", or "" for every
    # codec); priority 0 disables. New calls use the new order.
    # pjsua2rs_status pjsua2rs_endpoint_codec_set_priority(pjsua2rs_endpoint ep, const char *codec_id, uint8_t priority)
    ('pjsua2rs_endpoint_codec_set_priority', pjsua2rs_status, (pjsua2rs_endpoint, ctypes.c_char_p, ctypes.c_uint8,)),
    # PJSUA2's `codecGetParam`: the codec's default parameters.
    # pjsua2rs_status pjsua2rs_endpoint_codec_get_param(pjsua2rs_endpoint ep, const char *codec_id, pjsua2rs_codec_param *out)
    ('pjsua2rs_endpoint_codec_get_param', pjsua2rs_status, (pjsua2rs_endpoint, ctypes.c_char_p, ctypes.POINTER(pjsua2rs_codec_param),)),
    # PJSUA2's `codecSetParam`: new default parameters for the codec (`param` NULL
    # restores the built-in ones).
    # pjsua2rs_status pjsua2rs_endpoint_codec_set_param(pjsua2rs_endpoint ep, const char *codec_id, const pjsua2rs_codec_param *param)
    ('pjsua2rs_endpoint_codec_set_param', pjsua2rs_status, (pjsua2rs_endpoint, ctypes.c_char_p, ctypes.POINTER(pjsua2rs_codec_param),)),
    # Fills `*out` with PJSUA2's defaults for the endpoint config (maxCalls 4, threadCnt 1,
    # clockRate 16000...) and stamps `struct_size`. Returns PJSUA2RS_ERR_INVALID_ARG if `out`
    # is NULL or `size` is not the struct's `sizeof`. The caller owns `*out`; nothing is allocated. Thread-safe.
    # pjsua2rs_status pjsua2rs_ep_config_default(pjsua2rs_ep_config *out, size_t size)
    ('pjsua2rs_ep_config_default', pjsua2rs_status, (ctypes.POINTER(pjsua2rs_ep_config), ctypes.c_size_t,)),
    # Fills `*out` with PJSUA2's defaults for the user-agent part of an endpoint config.
    # Returns PJSUA2RS_ERR_INVALID_ARG if `out` is NULL or `size` is not the struct's `sizeof` (a versioned
    # struct may be smaller: an older program). The caller owns `*out`; nothing is
    # allocated. Thread-safe.
    # pjsua2rs_status pjsua2rs_ua_config_default(pjsua2rs_ua_config *out, size_t size)
    ('pjsua2rs_ua_config_default', pjsua2rs_status, (ctypes.POINTER(pjsua2rs_ua_config), ctypes.c_size_t,)),
    # Fills `*out` with PJSUA2's defaults for logging settings (level 5, console level 4,
    # decor 25328, no writer). Returns PJSUA2RS_ERR_INVALID_ARG if `out` is NULL or `size` is not the struct's `sizeof` (a versioned
    # struct may be smaller: an older program). The caller
    # owns `*out`; nothing is allocated. Thread-safe.
    # pjsua2rs_status pjsua2rs_log_config_default(pjsua2rs_log_config *out, size_t size)
    ('pjsua2rs_log_config_default', pjsua2rs_status, (ctypes.POINTER(pjsua2rs_log_config), ctypes.c_size_t,)),
    # Fills `*out` with PJSUA2's defaults for media settings (clock rate 16000, 20 ms frames,
    # jitter buffer automatic). Returns PJSUA2RS_ERR_INVALID_ARG if `out` is NULL or `size` is not the struct's `sizeof` (a versioned
    # struct may be smaller: an older program). The caller
    # owns `*out`; nothing is allocated. Thread-safe.
    # pjsua2rs_status pjsua2rs_media_config_default(pjsua2rs_media_config *out, size_t size)
    ('pjsua2rs_media_config_default', pjsua2rs_status, (ctypes.POINTER(pjsua2rs_media_config), ctypes.c_size_t,)),
    # Fills `*out` with PJSUA2's defaults for a transport config (port 0 = any) and stamps
    # `struct_size`. Returns PJSUA2RS_ERR_INVALID_ARG if `out` is NULL or `size` is not the struct's `sizeof` (a versioned
    # struct may be smaller: an older program). The caller owns
    # `*out`; nothing is allocated. Thread-safe.
    # pjsua2rs_status pjsua2rs_transport_config_default(pjsua2rs_transport_config *out, size_t size)
    ('pjsua2rs_transport_config_default', pjsua2rs_status, (ctypes.POINTER(pjsua2rs_transport_config), ctypes.c_size_t,)),
    # Fills `*out` with PJSUA2's defaults for TLS settings (backend default method, TLS
    # 1.0-1.2 allowed). Returns PJSUA2RS_ERR_INVALID_ARG if `out` is NULL or `size` is not the struct's `sizeof` (a versioned
    # struct may be smaller: an older program). The caller owns
    # `*out`; nothing is allocated. Thread-safe.
    # pjsua2rs_status pjsua2rs_tls_config_default(pjsua2rs_tls_config *out, size_t size)
    ('pjsua2rs_tls_config_default', pjsua2rs_status, (ctypes.POINTER(pjsua2rs_tls_config), ctypes.c_size_t,)),
    # Fills `*out` with PJSUA2's defaults for QoS parameters (all zero). Returns
    # PJSUA2RS_ERR_INVALID_ARG if `out` is NULL or `size` is not the struct's `sizeof` (a versioned
    # struct may be smaller: an older program). The caller owns `*out`; nothing is allocated.
    # Thread-safe.
    # pjsua2rs_status pjsua2rs_qos_params_default(pjsua2rs_qos_params *out, size_t size)
    ('pjsua2rs_qos_params_default', pjsua2rs_status, (ctypes.POINTER(pjsua2rs_qos_params), ctypes.c_size_t,)),
    # Fills `*out` with PJSUA2's defaults for a socket option (an int option: `opt_len` 4).
    # Returns PJSUA2RS_ERR_INVALID_ARG if `out` is NULL or `size` is not the struct's `sizeof` (a versioned
    # struct may be smaller: an older program). The caller owns `*out`; nothing is
    # allocated. Thread-safe.
    # pjsua2rs_status pjsua2rs_sock_opt_default(pjsua2rs_sock_opt *out, size_t size)
    ('pjsua2rs_sock_opt_default', pjsua2rs_status, (ctypes.POINTER(pjsua2rs_sock_opt), ctypes.c_size_t,)),
    # Fills `*out` with PJSUA2's defaults for an empty socket option list. Returns
    # PJSUA2RS_ERR_INVALID_ARG if `out` is NULL or `size` is not the struct's `sizeof` (a versioned
    # struct may be smaller: an older program). The caller owns `*out`; nothing is allocated.
    # Thread-safe.
    # pjsua2rs_status pjsua2rs_sock_opt_params_default(pjsua2rs_sock_opt_params *out, size_t size)
    ('pjsua2rs_sock_opt_params_default', pjsua2rs_status, (ctypes.POINTER(pjsua2rs_sock_opt_params), ctypes.c_size_t,)),
    # Fills `*out` with PJSUA2's defaults for an account config (registration every 300 s,
    # media port 4000...) and stamps `struct_size`. Returns PJSUA2RS_ERR_INVALID_ARG if `out`
    # is NULL or `size` is not the struct's `sizeof`. The caller owns `*out`; nothing is allocated. Thread-safe.
    # pjsua2rs_status pjsua2rs_account_config_default(pjsua2rs_account_config *out, size_t size)
    ('pjsua2rs_account_config_default', pjsua2rs_status, (ctypes.POINTER(pjsua2rs_account_config), ctypes.c_size_t,)),
    # Fills `*out` with PJSUA2's defaults for registration settings (timeout 300 s, retry 300
    # s, proxy use 3). Returns PJSUA2RS_ERR_INVALID_ARG if `out` is NULL or `size` is not the struct's `sizeof` (a versioned
    # struct may be smaller: an older program). The caller owns
    # `*out`; nothing is allocated. Thread-safe.
    # pjsua2rs_status pjsua2rs_account_reg_config_default(pjsua2rs_account_reg_config *out, size_t size)
    ('pjsua2rs_account_reg_config_default', pjsua2rs_status, (ctypes.POINTER(pjsua2rs_account_reg_config), ctypes.c_size_t,)),
    # Fills `*out` with PJSUA2's defaults for SIP settings (any transport, no credentials or
    # proxies). Returns PJSUA2RS_ERR_INVALID_ARG if `out` is NULL or `size` is not the struct's `sizeof` (a versioned
    # struct may be smaller: an older program). The caller owns `*out`;
    # nothing is allocated. Thread-safe.
    # pjsua2rs_status pjsua2rs_account_sip_config_default(pjsua2rs_account_sip_config *out, size_t size)
    ('pjsua2rs_account_sip_config_default', pjsua2rs_status, (ctypes.POINTER(pjsua2rs_account_sip_config), ctypes.c_size_t,)),
    # Fills `*out` with PJSUA2's defaults for call settings (session timers optional, Min-SE
    # 90 s, expiry 1800 s). Returns PJSUA2RS_ERR_INVALID_ARG if `out` is NULL or `size` is not the struct's `sizeof` (a versioned
    # struct may be smaller: an older program). The caller owns
    # `*out`; nothing is allocated. Thread-safe.
    # pjsua2rs_status pjsua2rs_account_call_config_default(pjsua2rs_account_call_config *out, size_t size)
    ('pjsua2rs_account_call_config_default', pjsua2rs_status, (ctypes.POINTER(pjsua2rs_account_call_config), ctypes.c_size_t,)),
    # Fills `*out` with PJSUA2's defaults for presence settings (no PUBLISH). Returns
    # PJSUA2RS_ERR_INVALID_ARG if `out` is NULL or `size` is not the struct's `sizeof` (a versioned
    # struct may be smaller: an older program). The caller owns `*out`; nothing is allocated.
    # Thread-safe.
    # pjsua2rs_status pjsua2rs_account_pres_config_default(pjsua2rs_account_pres_config *out, size_t size)
    ('pjsua2rs_account_pres_config_default', pjsua2rs_status, (ctypes.POINTER(pjsua2rs_account_pres_config), ctypes.c_size_t,)),
    # Fills `*out` with PJSUA2's defaults for MWI settings (disabled, expiry 3600 s). Returns
    # PJSUA2RS_ERR_INVALID_ARG if `out` is NULL or `size` is not the struct's `sizeof` (a versioned
    # struct may be smaller: an older program). The caller owns `*out`; nothing is allocated.
    # Thread-safe.
    # pjsua2rs_status pjsua2rs_account_mwi_config_default(pjsua2rs_account_mwi_config *out, size_t size)
    ('pjsua2rs_account_mwi_config_default', pjsua2rs_status, (ctypes.POINTER(pjsua2rs_account_mwi_config), ctypes.c_size_t,)),
    # Fills `*out` with PJSUA2's defaults for NAT settings (media STUN with retry, Contact
    # rewrite, UDP keep-alive every 15 s). Returns PJSUA2RS_ERR_INVALID_ARG if `out` is NULL or `size` is not the struct's `sizeof` (a versioned
    # struct may be smaller: an older program).
    # The caller owns `*out`; nothing is allocated. Thread-safe.
    # pjsua2rs_status pjsua2rs_account_nat_config_default(pjsua2rs_account_nat_config *out, size_t size)
    ('pjsua2rs_account_nat_config_default', pjsua2rs_status, (ctypes.POINTER(pjsua2rs_account_nat_config), ctypes.c_size_t,)),
    # Fills `*out` with PJSUA2's defaults for media settings (RTP port 4000, SRTP disabled).
    # Returns PJSUA2RS_ERR_INVALID_ARG if `out` is NULL or `size` is not the struct's `sizeof` (a versioned
    # struct may be smaller: an older program). The caller owns `*out`; nothing is
    # allocated. Thread-safe.
    # pjsua2rs_status pjsua2rs_account_media_config_default(pjsua2rs_account_media_config *out, size_t size)
    ('pjsua2rs_account_media_config_default', pjsua2rs_status, (ctypes.POINTER(pjsua2rs_account_media_config), ctypes.c_size_t,)),
    # Fills `*out` with PJSUA2's defaults for video settings (capture device -1, render device
    # -2). Returns PJSUA2RS_ERR_INVALID_ARG if `out` is NULL or `size` is not the struct's `sizeof` (a versioned
    # struct may be smaller: an older program). The caller owns `*out`; nothing
    # is allocated. Thread-safe.
    # pjsua2rs_status pjsua2rs_account_video_config_default(pjsua2rs_account_video_config *out, size_t size)
    ('pjsua2rs_account_video_config_default', pjsua2rs_status, (ctypes.POINTER(pjsua2rs_account_video_config), ctypes.c_size_t,)),
    # Fills `*out` with PJSUA2's defaults for real-time text settings (redundancy 2). Returns
    # PJSUA2RS_ERR_INVALID_ARG if `out` is NULL or `size` is not the struct's `sizeof` (a versioned
    # struct may be smaller: an older program). The caller owns `*out`; nothing is allocated.
    # Thread-safe.
    # pjsua2rs_status pjsua2rs_account_text_config_default(pjsua2rs_account_text_config *out, size_t size)
    ('pjsua2rs_account_text_config_default', pjsua2rs_status, (ctypes.POINTER(pjsua2rs_account_text_config), ctypes.c_size_t,)),
    # Fills `*out` with PJSUA2's defaults for IP-change settings (shut the transport down, re-
    # INVITE with flags 50). Returns PJSUA2RS_ERR_INVALID_ARG if `out` is NULL or `size` is not the struct's `sizeof` (a versioned
    # struct may be smaller: an older program). The caller
    # owns `*out`; nothing is allocated. Thread-safe.
    # pjsua2rs_status pjsua2rs_account_ip_change_config_default(pjsua2rs_account_ip_change_config *out, size_t size)
    ('pjsua2rs_account_ip_change_config_default', pjsua2rs_status, (ctypes.POINTER(pjsua2rs_account_ip_change_config), ctypes.c_size_t,)),
    # Fills `*out` with PJSUA2's defaults for SRTP options (empty lists: every crypto and
    # keying). Returns PJSUA2RS_ERR_INVALID_ARG if `out` is NULL or `size` is not the struct's `sizeof` (a versioned
    # struct may be smaller: an older program). The caller owns `*out`;
    # nothing is allocated. Thread-safe.
    # pjsua2rs_status pjsua2rs_srtp_opt_default(pjsua2rs_srtp_opt *out, size_t size)
    ('pjsua2rs_srtp_opt_default', pjsua2rs_status, (ctypes.POINTER(pjsua2rs_srtp_opt), ctypes.c_size_t,)),
    # Fills `*out` with PJSUA2's defaults for an SRTP crypto entry (all empty). Returns
    # PJSUA2RS_ERR_INVALID_ARG if `out` is NULL or `size` is not the struct's `sizeof` (a versioned
    # struct may be smaller: an older program). The caller owns `*out`; nothing is allocated.
    # Thread-safe.
    # pjsua2rs_status pjsua2rs_srtp_crypto_default(pjsua2rs_srtp_crypto *out, size_t size)
    ('pjsua2rs_srtp_crypto_default', pjsua2rs_status, (ctypes.POINTER(pjsua2rs_srtp_crypto), ctypes.c_size_t,)),
    # Fills `*out` with PJSUA2's defaults for RTCP feedback settings (no AVPF, no
    # capabilities). Returns PJSUA2RS_ERR_INVALID_ARG if `out` is NULL or `size` is not the
    # struct's `sizeof`. The caller owns `*out`; nothing is allocated. Thread-safe.
    # pjsua2rs_status pjsua2rs_rtcp_fb_config_default(pjsua2rs_rtcp_fb_config *out, size_t size)
    ('pjsua2rs_rtcp_fb_config_default', pjsua2rs_status, (ctypes.POINTER(pjsua2rs_rtcp_fb_config), ctypes.c_size_t,)),
    # Fills `*out` with PJSUA2's defaults for an RTCP feedback capability (type
    # PJSUA2RS_RTCP_FB_OTHER, empty strings). Returns PJSUA2RS_ERR_INVALID_ARG if `out` is
    # NULL or `size` is not the struct's `sizeof`. The caller owns `*out`; nothing is
    # allocated. Thread-safe.
    # pjsua2rs_status pjsua2rs_rtcp_fb_cap_default(pjsua2rs_rtcp_fb_cap *out, size_t size)
    ('pjsua2rs_rtcp_fb_cap_default', pjsua2rs_status, (ctypes.POINTER(pjsua2rs_rtcp_fb_cap), ctypes.c_size_t,)),
    # Fills `*out` with PJSUA2's defaults for a buddy config (no subscription) and stamps
    # `struct_size`. Returns PJSUA2RS_ERR_INVALID_ARG if `out` is NULL or `size` is not the struct's `sizeof` (a versioned
    # struct may be smaller: an older program). The caller owns
    # `*out`; nothing is allocated. Thread-safe.
    # pjsua2rs_status pjsua2rs_buddy_config_default(pjsua2rs_buddy_config *out, size_t size)
    ('pjsua2rs_buddy_config_default', pjsua2rs_status, (ctypes.POINTER(pjsua2rs_buddy_config), ctypes.c_size_t,)),
    # Fills `*out` with PJSUA2's defaults for a credential (scheme "digest", realm "*", plain
    # password). Returns PJSUA2RS_ERR_INVALID_ARG if `out` is NULL or `size` is not the struct's `sizeof` (a versioned
    # struct may be smaller: an older program). The caller owns `*out`;
    # nothing is allocated. Thread-safe.
    # pjsua2rs_status pjsua2rs_auth_cred_info_default(pjsua2rs_auth_cred_info *out, size_t size)
    ('pjsua2rs_auth_cred_info_default', pjsua2rs_status, (ctypes.POINTER(pjsua2rs_auth_cred_info), ctypes.c_size_t,)),
    # Fills `*out` with PJSUA2's defaults for a SIP header (empty name and value). Returns
    # PJSUA2RS_ERR_INVALID_ARG if `out` is NULL or `size` is not the struct's `sizeof` (a versioned
    # struct may be smaller: an older program). The caller owns `*out`; nothing is allocated.
    # Thread-safe.
    # pjsua2rs_status pjsua2rs_sip_header_default(pjsua2rs_sip_header *out, size_t size)
    ('pjsua2rs_sip_header_default', pjsua2rs_status, (ctypes.POINTER(pjsua2rs_sip_header), ctypes.c_size_t,)),
    # Creates an endpoint (PJSUA2's `libCreate`) and writes its handle to `*out`. Several
    # endpoints may exist at once. Destroy it with `pjsua2rs_endpoint_destroy`.
    # pjsua2rs_status pjsua2rs_endpoint_create(pjsua2rs_endpoint *out)
    ('pjsua2rs_endpoint_create', pjsua2rs_status, (ctypes.POINTER(pjsua2rs_endpoint),)),
    # Shuts the endpoint down (PJSUA2's `libDestroy`: sockets closed, the library's threads
    # joined, no callback runs after this returns) and invalidates the handle. May be called
    # from a callback; then the callback thread ends when that callback returns.
    # pjsua2rs_status pjsua2rs_endpoint_destroy(pjsua2rs_endpoint ep)
    ('pjsua2rs_endpoint_destroy', pjsua2rs_status, (pjsua2rs_endpoint,)),
    # PJSUA2's `libInit`: applies `*cfg` (initialise it with `pjsua2rs_ep_config_default`)
    # and starts the library's threads. `cfg` is read during the call only. With
    # `ua_config.thread_cnt` 0 or `ua_config.main_thread_only`, callbacks run only inside
    # `pjsua2rs_endpoint_handle_events`.
    # pjsua2rs_status pjsua2rs_endpoint_lib_init(pjsua2rs_endpoint ep, const pjsua2rs_ep_config *cfg)
    ('pjsua2rs_endpoint_lib_init', pjsua2rs_status, (pjsua2rs_endpoint, ctypes.POINTER(pjsua2rs_ep_config),)),
    # PJSUA2's `libStart`.
    # pjsua2rs_status pjsua2rs_endpoint_lib_start(pjsua2rs_endpoint ep)
    ('pjsua2rs_endpoint_lib_start', pjsua2rs_status, (pjsua2rs_endpoint,)),
    # PJSUA2's `libGetState`: writes one of `PJSUA2RS_STATE_*` to `*out`.
    # pjsua2rs_status pjsua2rs_endpoint_lib_get_state(pjsua2rs_endpoint ep, int *out)
    ('pjsua2rs_endpoint_lib_get_state', pjsua2rs_status, (pjsua2rs_endpoint, ctypes.POINTER(ctypes.c_int),)),
    # PJSUA2's `libHandleEvents`: in poll mode, waits up to `msec` milliseconds for
    # callbacks and runs every queued one on the calling thread, writing how many ran to
    # `*out_count` (which may be NULL). With a callback thread, it waits `msec` and reports 0.
    # pjsua2rs_status pjsua2rs_endpoint_handle_events(pjsua2rs_endpoint ep, unsigned int msec, unsigned int *out_count)
    ('pjsua2rs_endpoint_handle_events', pjsua2rs_status, (pjsua2rs_endpoint, ctypes.c_uint, ctypes.POINTER(ctypes.c_uint),)),
    # PJSUA2's `transportCreate`: creates a transport of `type` (`PJSUA2RS_TRANSPORT_UDP`,
    # `_TCP`, `_UDP6`, `_TCP6`) per `*cfg` (initialise it with
    # `pjsua2rs_transport_config_default`; port 0 means any port) and writes its id to
    # `*out_id`.
    # pjsua2rs_status pjsua2rs_endpoint_transport_create(pjsua2rs_endpoint ep, int transport_type, const pjsua2rs_transport_config *cfg, int *out_id)
    ('pjsua2rs_endpoint_transport_create', pjsua2rs_status, (pjsua2rs_endpoint, ctypes.c_int, ctypes.POINTER(pjsua2rs_transport_config), ctypes.POINTER(ctypes.c_int),)),
    # PJSUA2's `transportEnum`: writes up to `cap` transport ids to `ids` and the number of
    # transports to `*out_count`. If `cap` is too small, nothing is written to `ids`,
    # `*out_count` gets the number needed and the result is `PJSUA2RS_ERR_TOO_SMALL`.
    # pjsua2rs_status pjsua2rs_endpoint_transport_enum(pjsua2rs_endpoint ep, int *ids, size_t cap, size_t *out_count)
    ('pjsua2rs_endpoint_transport_enum', pjsua2rs_status, (pjsua2rs_endpoint, ctypes.POINTER(ctypes.c_int), ctypes.c_size_t, ctypes.POINTER(ctypes.c_size_t),)),
    # PJSUA2's `transportGetInfo`: writes transport `id`'s details to `*out`.
    # pjsua2rs_status pjsua2rs_endpoint_transport_get_info(pjsua2rs_endpoint ep, int id, pjsua2rs_transport_info *out)
    ('pjsua2rs_endpoint_transport_get_info', pjsua2rs_status, (pjsua2rs_endpoint, ctypes.c_int, ctypes.POINTER(pjsua2rs_transport_info),)),
    # PJSUA2's `transportClose`: closes transport `id` (and a TCP transport's
    # connections).
    # pjsua2rs_status pjsua2rs_endpoint_transport_close(pjsua2rs_endpoint ep, int id)
    ('pjsua2rs_endpoint_transport_close', pjsua2rs_status, (pjsua2rs_endpoint, ctypes.c_int,)),
    # PJSUA2's `transportShutdown` (by transport id, as the library has no transport
    # pointers): a graceful close. Transport `id` leaves `pjsua2rs_endpoint_transport_enum`
    # at once and no new request uses it, but its socket stays open for the transactions
    # already using it (a REGISTER in progress still gets its answer) and closes when the
    # last of them ends; unused, it is closed when this returns.
    # `pjsua2rs_endpoint_transport_close` closes a transport shutting down at once.
    # Returns PJSUA2RS_ERR_NOT_FOUND for an unknown or already shut-down id,
    # PJSUA2RS_ERR_INVALID_HANDLE for a stale endpoint and PJSUA2RS_ERR_SIP_SHUTDOWN once
    # it is being destroyed. Thread-safe; may be called from a callback.
    # pjsua2rs_status pjsua2rs_endpoint_transport_shutdown(pjsua2rs_endpoint ep, int id)
    ('pjsua2rs_endpoint_transport_shutdown', pjsua2rs_status, (pjsua2rs_endpoint, ctypes.c_int,)),
    # PJSUA2's `transportSetEnable` (which PJSUA2 declares but never implemented): with
    # `enabled` false, transport `id` keeps its socket but drops every message it receives,
    # sends nothing (requests in progress on it time out) and is not used for new requests
    # (which then take another transport of the same kind, or fail); with `enabled` true it
    # works again. Both are idempotent; a transport is enabled when created. Returns
    # PJSUA2RS_ERR_NOT_FOUND for an unknown or shut-down id, PJSUA2RS_ERR_INVALID_HANDLE
    # for a stale endpoint and PJSUA2RS_ERR_SIP_SHUTDOWN once it is being destroyed.
    # Thread-safe; may be called from a callback.
    # pjsua2rs_status pjsua2rs_endpoint_transport_set_enable(pjsua2rs_endpoint ep, int id, bool enabled)
    ('pjsua2rs_endpoint_transport_set_enable', pjsua2rs_status, (pjsua2rs_endpoint, ctypes.c_int, ctypes.c_bool,)),
    # Sends an OPTIONS request to SIP URI `uri` outside any dialog and waits at most
    # `timeout_ms` for the final response (a pjsua2rs extension to probe a peer). Writes
    # the status and reason to `*out`, and the whole response to `msg_buf` (`msg_buf_len`
    # bytes, NUL-terminated; `msg_buf` may be NULL when not wanted; the length is written
    # to `*msg_len_out` when it is not NULL; a too-small buffer gives
    # `PJSUA2RS_ERR_NAME_TOO_LONG` with `*out` still written). No response within Timer F
    # gives status 170408 (PJSIP's 408 code); a transport failure 170503. Blocks the caller;
    # do not call it from a callback in poll mode.
    # pjsua2rs_status pjsua2rs_endpoint_send_options(pjsua2rs_endpoint ep, const char *uri, unsigned int timeout_ms, pjsua2rs_request_result *out, char *msg_buf, size_t msg_buf_len, size_t *msg_len_out)
    ('pjsua2rs_endpoint_send_options', pjsua2rs_status, (pjsua2rs_endpoint, ctypes.c_char_p, ctypes.c_uint, ctypes.POINTER(pjsua2rs_request_result), ctypes.POINTER(ctypes.c_char), ctypes.c_size_t, ctypes.POINTER(ctypes.c_size_t),)),
    # PJSUA2's `utilLogWrite`: logs `msg` from `sender` at `level` through the endpoint's
    # log configuration.
    # pjsua2rs_status pjsua2rs_endpoint_log_write(pjsua2rs_endpoint ep, int level, const char *sender, const char *msg)
    ('pjsua2rs_endpoint_log_write', pjsua2rs_status, (pjsua2rs_endpoint, ctypes.c_int, ctypes.c_char_p, ctypes.c_char_p,)),
    # PJSUA2's `utilVerifySipUri`: 0 if `uri` is a valid `sip:`/`sips:` URI (a name-addr
    # such as `"Bob" <sip:bob@host>` is accepted), else `PJSUA2RS_ERR_SIP_INVALID_URI` or
    # `PJSUA2RS_ERR_SIP_INVALID_SCHEME` with the reason in `pjsua2rs_last_error`.
    # pjsua2rs_status pjsua2rs_verify_sip_uri(const char *uri)
    ('pjsua2rs_verify_sip_uri', pjsua2rs_status, (ctypes.c_char_p,)),
    # PJSUA2's `utilVerifyUri`: 0 if `uri` is any valid URI (`sip:`, `sips:`, `tel:`...).
    # pjsua2rs_status pjsua2rs_verify_uri(const char *uri)
    ('pjsua2rs_verify_uri', pjsua2rs_status, (ctypes.c_char_p,)),
    # PJSUA2's `libVersion`: the library's version. Needs no endpoint.
    # pjsua2rs_status pjsua2rs_version(pjsua2rs_version_info *out)
    ('pjsua2rs_version', pjsua2rs_status, (ctypes.POINTER(pjsua2rs_version_info),)),
    # Writes the calling thread's last error into `*out`. When no call on this thread has
    # failed yet, `status` is 0 and the strings are empty. A later successful call does not
    # clear it. Returns PJSUA2RS_ERR_INVALID_ARG if `out` is NULL. Thread-safe: each thread
    # has its own last error.
    # pjsua2rs_status pjsua2rs_last_error(pjsua2rs_error_info *out)
    ('pjsua2rs_last_error', pjsua2rs_status, (ctypes.POINTER(pjsua2rs_error_info),)),
    # The text of a status code (PJSUA2's `Endpoint::utilStrError`), copied NUL-terminated
    # into `buf` of `buf_len` bytes (truncated at a character boundary when too small).
    # Returns PJSUA2RS_ERR_INVALID_ARG if `buf` is NULL or `buf_len` is 0.
    # pjsua2rs_status pjsua2rs_strerror(pjsua2rs_status status, char *buf, size_t buf_len)
    ('pjsua2rs_strerror', pjsua2rs_status, (pjsua2rs_status, ctypes.POINTER(ctypes.c_char), ctypes.c_size_t,)),
    # Creates an empty document (a root object with no members, latest layout) and writes
    # its handle to `*doc_out`. The caller owns the handle and must destroy it with
    # `pjsua2rs_json_doc_destroy`. Returns PJSUA2RS_ERR_INVALID_ARG if `doc_out` is NULL.
    # Thread-safe.
    # pjsua2rs_status pjsua2rs_json_doc_create(pjsua2rs_json_doc *doc_out)
    ('pjsua2rs_json_doc_create', pjsua2rs_status, (ctypes.POINTER(pjsua2rs_json_doc),)),
    # Destroys a document and frees its memory; the handle and its node ids are never
    # valid again. A stale or unknown handle gives PJSUA2RS_ERR_INVALID_HANDLE. Thread-safe;
    # a call running on the document in another thread completes first.
    # pjsua2rs_status pjsua2rs_json_doc_destroy(pjsua2rs_json_doc doc)
    ('pjsua2rs_json_doc_destroy', pjsua2rs_status, (pjsua2rs_json_doc,)),
    # Chooses the PJSUA2 release whose member layout later config writes use:
    # PJSUA2RS_JSON_LAYOUT_LATEST (default), _2_15, _2_16 or _2_17. An older PJSUA2 reads
    # members in order, so it can only read its own release's layout; pjsua2rs reads all.
    # An unknown value gives PJSUA2RS_ERR_INVALID_ARG. Thread-safe.
    # pjsua2rs_status pjsua2rs_json_doc_set_layout(pjsua2rs_json_doc doc, uint32_t layout)
    ('pjsua2rs_json_doc_set_layout', pjsua2rs_status, (pjsua2rs_json_doc, ctypes.c_uint32,)),
    # Parses the NUL-terminated UTF-8 JSON text `text` into the document. `text` is only
    # read during the call. Errors: PJSUA2RS_ERR_INVALID_ARG (NULL or bad UTF-8),
    # PJSUA2RS_ERR_INVALID_OP (the document was already loaded or written to),
    # PJSUA2RS_ERR_JSON (malformed JSON or a root that is not an object; the last error's
    # reason gives line and column). Thread-safe.
    # pjsua2rs_status pjsua2rs_json_doc_load_string(pjsua2rs_json_doc doc, const char *text)
    ('pjsua2rs_json_doc_load_string', pjsua2rs_status, (pjsua2rs_json_doc, ctypes.c_char_p,)),
    # Reads and parses the file at `path` (NUL-terminated UTF-8). Errors as
    # `pjsua2rs_json_doc_load_string`, plus PJSUA2RS_ERR_NOT_FOUND or the OS error when the
    # file cannot be read. Thread-safe.
    # pjsua2rs_status pjsua2rs_json_doc_load_file(pjsua2rs_json_doc doc, const char *path)
    ('pjsua2rs_json_doc_load_file', pjsua2rs_status, (pjsua2rs_json_doc, ctypes.c_char_p,)),
    # Writes the document to the file at `path` (created or replaced) in PJSUA2's layout.
    # Errors: PJSUA2RS_ERR_INVALID_ARG for a NULL or non-UTF-8 path, the OS error when the
    # file cannot be written. Thread-safe.
    # pjsua2rs_status pjsua2rs_json_doc_save_file(pjsua2rs_json_doc doc, const char *path)
    ('pjsua2rs_json_doc_save_file', pjsua2rs_status, (pjsua2rs_json_doc, ctypes.c_char_p,)),
    # Copies the document's text, NUL-terminated, into `buf` of `buf_len` bytes and its
    # length (without the NUL) into `*len_out` when `len_out` is not NULL. When the buffer
    # is too small nothing is copied, `*len_out` still gets the length, and the result is
    # PJSUA2RS_ERR_NAME_TOO_LONG: call again with `*len_out + 1` bytes (or call first with
    # `buf_len` 0 to learn the size). A NULL `buf` with a non-NULL `len_out` is a size query
    # and succeeds; both NULL is PJSUA2RS_ERR_INVALID_ARG. Thread-safe.
    # pjsua2rs_status pjsua2rs_json_doc_save_string(pjsua2rs_json_doc doc, char *buf, size_t buf_len, size_t *len_out)
    ('pjsua2rs_json_doc_save_string', pjsua2rs_status, (pjsua2rs_json_doc, ctypes.POINTER(ctypes.c_char), ctypes.c_size_t, ctypes.POINTER(ctypes.c_size_t),)),
    # Appends `*cfg` to container `node` (PJSUA2RS_JSON_ROOT for the root) as
    # `"EpConfig": {...}`, in the document's layout (PJSUA2 `writeObject`). `cfg` is only
    # read; it must have been initialised by `pjsua2rs_ep_config_default`. Errors:
    # PJSUA2RS_ERR_INVALID_ARG (NULL, bad `struct_size`, a string field that is not
    # NUL-terminated UTF-8, a count above its array, an unknown node),
    # PJSUA2RS_ERR_INVALID_HANDLE. Thread-safe.
    # pjsua2rs_status pjsua2rs_json_doc_write_ep_config(pjsua2rs_json_doc doc, uint32_t node, const pjsua2rs_ep_config *cfg)
    ('pjsua2rs_json_doc_write_ep_config', pjsua2rs_status, (pjsua2rs_json_doc, ctypes.c_uint32, ctypes.POINTER(pjsua2rs_ep_config),)),
    # Reads the next unread `"EpConfig"` member of container `node` into `*cfg` (PJSUA2
    # `readObject`). Members are found by name in any order; members missing from the
    # document keep the values `*cfg` had, so start from `pjsua2rs_ep_config_default`.
    # `*cfg` is written only on success. Errors: PJSUA2RS_ERR_JSON (a wrong type, an
    # out-of-range number, a string too long for its field, no such member; the last
    # error's reason names the member's path), PJSUA2RS_ERR_EOF (nothing left to read),
    # PJSUA2RS_ERR_INVALID_ARG, PJSUA2RS_ERR_INVALID_HANDLE. Thread-safe.
    # pjsua2rs_status pjsua2rs_json_doc_read_ep_config(pjsua2rs_json_doc doc, uint32_t node, pjsua2rs_ep_config *cfg)
    ('pjsua2rs_json_doc_read_ep_config', pjsua2rs_status, (pjsua2rs_json_doc, ctypes.c_uint32, ctypes.POINTER(pjsua2rs_ep_config),)),
    # Appends `*cfg` as `"TransportConfig": {...}`; as `pjsua2rs_json_doc_write_ep_config`.
    # pjsua2rs_status pjsua2rs_json_doc_write_transport_config(pjsua2rs_json_doc doc, uint32_t node, const pjsua2rs_transport_config *cfg)
    ('pjsua2rs_json_doc_write_transport_config', pjsua2rs_status, (pjsua2rs_json_doc, ctypes.c_uint32, ctypes.POINTER(pjsua2rs_transport_config),)),
    # Reads the next `"TransportConfig"` into `*cfg`; as `pjsua2rs_json_doc_read_ep_config`.
    # pjsua2rs_status pjsua2rs_json_doc_read_transport_config(pjsua2rs_json_doc doc, uint32_t node, pjsua2rs_transport_config *cfg)
    ('pjsua2rs_json_doc_read_transport_config', pjsua2rs_status, (pjsua2rs_json_doc, ctypes.c_uint32, ctypes.POINTER(pjsua2rs_transport_config),)),
    # Appends `*cfg` as `"AccountConfig": {...}`; as `pjsua2rs_json_doc_write_ep_config`.
    # pjsua2rs_status pjsua2rs_json_doc_write_account_config(pjsua2rs_json_doc doc, uint32_t node, const pjsua2rs_account_config *cfg)
    ('pjsua2rs_json_doc_write_account_config', pjsua2rs_status, (pjsua2rs_json_doc, ctypes.c_uint32, ctypes.POINTER(pjsua2rs_account_config),)),
    # Reads the next `"AccountConfig"` into `*cfg`; as `pjsua2rs_json_doc_read_ep_config`.
    # pjsua2rs_status pjsua2rs_json_doc_read_account_config(pjsua2rs_json_doc doc, uint32_t node, pjsua2rs_account_config *cfg)
    ('pjsua2rs_json_doc_read_account_config', pjsua2rs_status, (pjsua2rs_json_doc, ctypes.c_uint32, ctypes.POINTER(pjsua2rs_account_config),)),
    # Appends `*cfg` as `"BuddyConfig": {...}`; as `pjsua2rs_json_doc_write_ep_config`.
    # pjsua2rs_status pjsua2rs_json_doc_write_buddy_config(pjsua2rs_json_doc doc, uint32_t node, const pjsua2rs_buddy_config *cfg)
    ('pjsua2rs_json_doc_write_buddy_config', pjsua2rs_status, (pjsua2rs_json_doc, ctypes.c_uint32, ctypes.POINTER(pjsua2rs_buddy_config),)),
    # Reads the next `"BuddyConfig"` into `*cfg`; as `pjsua2rs_json_doc_read_ep_config`.
    # pjsua2rs_status pjsua2rs_json_doc_read_buddy_config(pjsua2rs_json_doc doc, uint32_t node, pjsua2rs_buddy_config *cfg)
    ('pjsua2rs_json_doc_read_buddy_config', pjsua2rs_status, (pjsua2rs_json_doc, ctypes.c_uint32, ctypes.POINTER(pjsua2rs_buddy_config),)),
    # Appends a number member `name` (a 32-bit float, as PJSUA2; written `%d` when whole,
    # else `%f`) to container `node`. `name` is NUL-terminated UTF-8, copied; it may be ""
    # only in an array (array names are kept in memory but never saved). A non-finite
    # value, NULL or bad UTF-8, or an unknown node gives PJSUA2RS_ERR_INVALID_ARG; a stale
    # document PJSUA2RS_ERR_INVALID_HANDLE.
    # pjsua2rs_status pjsua2rs_json_doc_write_number(pjsua2rs_json_doc doc, uint32_t node, const char *name, float value)
    ('pjsua2rs_json_doc_write_number', pjsua2rs_status, (pjsua2rs_json_doc, ctypes.c_uint32, ctypes.c_char_p, ctypes.c_float,)),
    # Appends an integer member (written exactly); as `pjsua2rs_json_doc_write_number`.
    # pjsua2rs_status pjsua2rs_json_doc_write_int(pjsua2rs_json_doc doc, uint32_t node, const char *name, int32_t value)
    ('pjsua2rs_json_doc_write_int', pjsua2rs_status, (pjsua2rs_json_doc, ctypes.c_uint32, ctypes.c_char_p, ctypes.c_int32,)),
    # Appends a bool member; as `pjsua2rs_json_doc_write_number`.
    # pjsua2rs_status pjsua2rs_json_doc_write_bool(pjsua2rs_json_doc doc, uint32_t node, const char *name, bool value)
    ('pjsua2rs_json_doc_write_bool', pjsua2rs_status, (pjsua2rs_json_doc, ctypes.c_uint32, ctypes.c_char_p, ctypes.c_bool,)),
    # Appends a string member; `value` is NUL-terminated UTF-8, copied. NULL or bad UTF-8
    # gives PJSUA2RS_ERR_INVALID_ARG; otherwise as `pjsua2rs_json_doc_write_number`.
    # pjsua2rs_status pjsua2rs_json_doc_write_string(pjsua2rs_json_doc doc, uint32_t node, const char *name, const char *value)
    ('pjsua2rs_json_doc_write_string', pjsua2rs_status, (pjsua2rs_json_doc, ctypes.c_uint32, ctypes.c_char_p, ctypes.c_char_p,)),
    # Appends an array of `count` strings (PJSUA2 `writeStringVector`), written inline.
    # `values` points to `count` NUL-terminated UTF-8 strings, copied; it may be NULL when
    # `count` is 0. A NULL element or bad UTF-8 gives PJSUA2RS_ERR_INVALID_ARG and appends
    # nothing.
    # pjsua2rs_status pjsua2rs_json_doc_write_string_vector(pjsua2rs_json_doc doc, uint32_t node, const char *name, const char *const *values, size_t count)
    ('pjsua2rs_json_doc_write_string_vector', pjsua2rs_status, (pjsua2rs_json_doc, ctypes.c_uint32, ctypes.c_char_p, ctypes.POINTER(ctypes.c_char_p), ctypes.c_size_t,)),
    # Appends an empty object member and writes its node id to `*node_out` (PJSUA2
    # `writeNewContainer`). Errors as `pjsua2rs_json_doc_write_number`, and
    # PJSUA2RS_ERR_INVALID_ARG for a NULL `node_out`.
    # pjsua2rs_status pjsua2rs_json_doc_write_new_container(pjsua2rs_json_doc doc, uint32_t node, const char *name, uint32_t *node_out)
    ('pjsua2rs_json_doc_write_new_container', pjsua2rs_status, (pjsua2rs_json_doc, ctypes.c_uint32, ctypes.c_char_p, ctypes.POINTER(ctypes.c_uint32),)),
    # Appends an empty array member and writes its node id to `*node_out` (PJSUA2
    # `writeNewArray`). An array whose first element has an empty name is saved inline,
    # otherwise one element per line. Errors as `pjsua2rs_json_doc_write_new_container`.
    # pjsua2rs_status pjsua2rs_json_doc_write_new_array(pjsua2rs_json_doc doc, uint32_t node, const char *name, uint32_t *node_out)
    ('pjsua2rs_json_doc_write_new_array', pjsua2rs_status, (pjsua2rs_json_doc, ctypes.c_uint32, ctypes.c_char_p, ctypes.POINTER(ctypes.c_uint32),)),
    # Reads the next unread member `name` of container `node` (any name when `name` is ""
    # or `node` is an array) as a number into `*out`. Errors: PJSUA2RS_ERR_EOF (nothing
    # unread), PJSUA2RS_ERR_JSON (no unread member with that name, or not a number; the
    # reason names the path), PJSUA2RS_ERR_INVALID_ARG (NULL, bad UTF-8, unknown node),
    # PJSUA2RS_ERR_INVALID_HANDLE.
    # pjsua2rs_status pjsua2rs_json_doc_read_number(pjsua2rs_json_doc doc, uint32_t node, const char *name, float *out)
    ('pjsua2rs_json_doc_read_number', pjsua2rs_status, (pjsua2rs_json_doc, ctypes.c_uint32, ctypes.c_char_p, ctypes.POINTER(ctypes.c_float),)),
    # Reads a member as an integer; a number that is not whole or not in `int32_t` range
    # is PJSUA2RS_ERR_JSON. Otherwise as `pjsua2rs_json_doc_read_number`.
    # pjsua2rs_status pjsua2rs_json_doc_read_int(pjsua2rs_json_doc doc, uint32_t node, const char *name, int32_t *out)
    ('pjsua2rs_json_doc_read_int', pjsua2rs_status, (pjsua2rs_json_doc, ctypes.c_uint32, ctypes.c_char_p, ctypes.POINTER(ctypes.c_int32),)),
    # Reads a member as a bool; as `pjsua2rs_json_doc_read_number`.
    # pjsua2rs_status pjsua2rs_json_doc_read_bool(pjsua2rs_json_doc doc, uint32_t node, const char *name, bool *out)
    ('pjsua2rs_json_doc_read_bool', pjsua2rs_status, (pjsua2rs_json_doc, ctypes.c_uint32, ctypes.c_char_p, ctypes.POINTER(ctypes.c_bool),)),
    # Reads a member as a string, copied NUL-terminated into `buf` of `buf_len` bytes, with
    # its length (without the NUL) in `*len_out` when `len_out` is not NULL. When `buf` is
    # too small nothing is copied, `*len_out` gets the length, the result is
    # PJSUA2RS_ERR_NAME_TOO_LONG and the member stays unread, so the call can be repeated
    # with a larger buffer; a NULL `buf` with a non-NULL `len_out` only reports the length
    # (and leaves the member unread). Otherwise as `pjsua2rs_json_doc_read_number`.
    # pjsua2rs_status pjsua2rs_json_doc_read_string(pjsua2rs_json_doc doc, uint32_t node, const char *name, char *buf, size_t buf_len, size_t *len_out)
    ('pjsua2rs_json_doc_read_string', pjsua2rs_status, (pjsua2rs_json_doc, ctypes.c_uint32, ctypes.c_char_p, ctypes.POINTER(ctypes.c_char), ctypes.c_size_t, ctypes.POINTER(ctypes.c_size_t),)),
    # Reads a member that is an array of strings (PJSUA2 `readStringVector`): writes the
    # array's node id to `*vector_out` and its length to `*count_out`; get the strings with
    # `pjsua2rs_json_doc_string_at`. An element that is not a string is PJSUA2RS_ERR_JSON.
    # Otherwise as `pjsua2rs_json_doc_read_number`.
    # pjsua2rs_status pjsua2rs_json_doc_read_string_vector(pjsua2rs_json_doc doc, uint32_t node, const char *name, uint32_t *vector_out, uint32_t *count_out)
    ('pjsua2rs_json_doc_read_string_vector', pjsua2rs_status, (pjsua2rs_json_doc, ctypes.c_uint32, ctypes.c_char_p, ctypes.POINTER(ctypes.c_uint32), ctypes.POINTER(ctypes.c_uint32),)),
    # Copies string `index` of a vector returned by `pjsua2rs_json_doc_read_string_vector`
    # into `buf`, as `pjsua2rs_json_doc_read_string` copies (NAME_TOO_LONG with the needed
    # length when `buf` is too small). Does not change what is read. An index out of range,
    # a node that is not an array, or an element that is not a string gives
    # PJSUA2RS_ERR_INVALID_ARG.
    # pjsua2rs_status pjsua2rs_json_doc_string_at(pjsua2rs_json_doc doc, uint32_t vector, uint32_t index, char *buf, size_t buf_len, size_t *len_out)
    ('pjsua2rs_json_doc_string_at', pjsua2rs_status, (pjsua2rs_json_doc, ctypes.c_uint32, ctypes.c_uint32, ctypes.POINTER(ctypes.c_char), ctypes.c_size_t, ctypes.POINTER(ctypes.c_size_t),)),
    # Reads a member that is an object and writes its node id to `*node_out` (PJSUA2
    # `readContainer`), for reading its members. Otherwise as
    # `pjsua2rs_json_doc_read_number`.
    # pjsua2rs_status pjsua2rs_json_doc_read_container(pjsua2rs_json_doc doc, uint32_t node, const char *name, uint32_t *node_out)
    ('pjsua2rs_json_doc_read_container', pjsua2rs_status, (pjsua2rs_json_doc, ctypes.c_uint32, ctypes.c_char_p, ctypes.POINTER(ctypes.c_uint32),)),
    # Reads a member that is an array and writes its node id to `*node_out` (PJSUA2
    # `readArray`), for reading its elements in order. Otherwise as
    # `pjsua2rs_json_doc_read_number`.
    # pjsua2rs_status pjsua2rs_json_doc_read_array(pjsua2rs_json_doc doc, uint32_t node, const char *name, uint32_t *node_out)
    ('pjsua2rs_json_doc_read_array', pjsua2rs_status, (pjsua2rs_json_doc, ctypes.c_uint32, ctypes.c_char_p, ctypes.POINTER(ctypes.c_uint32),)),
    # Writes to `*out` whether container `node` has members not read yet (PJSUA2
    # `hasUnread`). NULL `out` or an unknown node gives PJSUA2RS_ERR_INVALID_ARG.
    # pjsua2rs_status pjsua2rs_json_doc_has_unread(pjsua2rs_json_doc doc, uint32_t node, bool *out)
    ('pjsua2rs_json_doc_has_unread', pjsua2rs_status, (pjsua2rs_json_doc, ctypes.c_uint32, ctypes.POINTER(ctypes.c_bool),)),
    # Copies the name of the next unread member of `node` (PJSUA2 `unreadName`; "" for the
    # elements of a loaded array) into `buf` as `pjsua2rs_json_doc_read_string` copies.
    # PJSUA2RS_ERR_EOF when every member was read.
    # pjsua2rs_status pjsua2rs_json_doc_unread_name(pjsua2rs_json_doc doc, uint32_t node, char *buf, size_t buf_len, size_t *len_out)
    ('pjsua2rs_json_doc_unread_name', pjsua2rs_status, (pjsua2rs_json_doc, ctypes.c_uint32, ctypes.POINTER(ctypes.c_char), ctypes.c_size_t, ctypes.POINTER(ctypes.c_size_t),)),
    # PJSUA2's `AudioMedia::startTransmit2`: port `src` transmits to port `sink` at `level`
    # (1.0: as is, PJSUA2's `startTransmit`; 0 mutes; above 1 amplifies). Linking to or
    # from slot 0 opens the sound device unless the application chose the null device.
    # pjsua2rs_status pjsua2rs_audio_media_start_transmit(pjsua2rs_endpoint ep, int src, int sink, float level)
    ('pjsua2rs_audio_media_start_transmit', pjsua2rs_status, (pjsua2rs_endpoint, ctypes.c_int, ctypes.c_int, ctypes.c_float,)),
    # PJSUA2's `AudioMedia::stopTransmit`: port `src` stops transmitting to port `sink`.
    # pjsua2rs_status pjsua2rs_audio_media_stop_transmit(pjsua2rs_endpoint ep, int src, int sink)
    ('pjsua2rs_audio_media_stop_transmit', pjsua2rs_status, (pjsua2rs_endpoint, ctypes.c_int, ctypes.c_int,)),
    # PJSUA2's `AudioMedia::adjustRxLevel`: scales what port `port` receives from the
    # bridge (1.0: as is, 0: muted). Levels are named from the port's side, as in PJSUA2.
    # pjsua2rs_status pjsua2rs_audio_media_adjust_rx_level(pjsua2rs_endpoint ep, int port, float level)
    ('pjsua2rs_audio_media_adjust_rx_level', pjsua2rs_status, (pjsua2rs_endpoint, ctypes.c_int, ctypes.c_float,)),
    # PJSUA2's `AudioMedia::adjustTxLevel`: scales what port `port` transmits to the bridge
    # (1.0: as is, 0: muted).
    # pjsua2rs_status pjsua2rs_audio_media_adjust_tx_level(pjsua2rs_endpoint ep, int port, float level)
    ('pjsua2rs_audio_media_adjust_tx_level', pjsua2rs_status, (pjsua2rs_endpoint, ctypes.c_int, ctypes.c_float,)),
    # PJSUA2's `AudioMedia::getRxLevel`: the level of what port `port` last received from
    # the bridge, 0-255.
    # pjsua2rs_status pjsua2rs_audio_media_get_rx_level(pjsua2rs_endpoint ep, int port, unsigned int *out)
    ('pjsua2rs_audio_media_get_rx_level', pjsua2rs_status, (pjsua2rs_endpoint, ctypes.c_int, ctypes.POINTER(ctypes.c_uint),)),
    # PJSUA2's `AudioMedia::getTxLevel`: the level of what port `port` last transmitted to
    # the bridge, 0-255.
    # pjsua2rs_status pjsua2rs_audio_media_get_tx_level(pjsua2rs_endpoint ep, int port, unsigned int *out)
    ('pjsua2rs_audio_media_get_tx_level', pjsua2rs_status, (pjsua2rs_endpoint, ctypes.c_int, ctypes.POINTER(ctypes.c_uint),)),
    # PJSUA2's `AudioMedia::getPortInfo` (and `getPortInfoFromId`): writes port `port`'s
    # info to `*out` and up to `capacity` of the slots it transmits to to `listeners` (NULL
    # when `capacity` is 0); `out->listener_count` says how many there are in all.
    # pjsua2rs_status pjsua2rs_audio_media_get_port_info(pjsua2rs_endpoint ep, int port, int *listeners, size_t capacity, pjsua2rs_conf_port_info *out)
    ('pjsua2rs_audio_media_get_port_info', pjsua2rs_status, (pjsua2rs_endpoint, ctypes.c_int, ctypes.POINTER(ctypes.c_int), ctypes.c_size_t, ctypes.POINTER(pjsua2rs_conf_port_info),)),
    # PJSUA2's `Endpoint::mediaEnumPorts2`: writes up to `capacity` slots in use (slot 0,
    # the sound device, first) to `out` and their number to `*count` (call with `capacity`
    # 0 to size the array).
    # pjsua2rs_status pjsua2rs_endpoint_media_enum_ports2(pjsua2rs_endpoint ep, int *out, size_t capacity, size_t *count)
    ('pjsua2rs_endpoint_media_enum_ports2', pjsua2rs_status, (pjsua2rs_endpoint, ctypes.POINTER(ctypes.c_int), ctypes.c_size_t, ctypes.POINTER(ctypes.c_size_t),)),
    # PJSUA2's `Endpoint::mediaActivePorts`: how many ports the bridge has (slot 0
    # included).
    # pjsua2rs_status pjsua2rs_endpoint_media_active_ports(pjsua2rs_endpoint ep, unsigned int *out)
    ('pjsua2rs_endpoint_media_active_ports', pjsua2rs_status, (pjsua2rs_endpoint, ctypes.POINTER(ctypes.c_uint),)),
    # PJSUA2's `AudDevManager::setNullDev`: no sound card; slot 0 is the null device and the
    # conference bridge runs on its own clock. The usual first call on a server.
    # pjsua2rs_status pjsua2rs_aud_dev_manager_set_null_dev(pjsua2rs_endpoint ep)
    ('pjsua2rs_aud_dev_manager_set_null_dev', pjsua2rs_status, (pjsua2rs_endpoint,)),
    # PJSUA2's `AudDevManager::setNoDev`: no sound device (players, recorders and calls
    # still work on the bridge's clock).
    # pjsua2rs_status pjsua2rs_aud_dev_manager_set_no_dev(pjsua2rs_endpoint ep)
    ('pjsua2rs_aud_dev_manager_set_no_dev', pjsua2rs_status, (pjsua2rs_endpoint,)),
    # PJSUA2's `AudDevManager::setCaptureDev`: opens capture device `id` (from `enum_dev2`,
    # or PJSUA2RS_DEFAULT_CAPTURE_DEV) in slot 0 with the playback device in use.
    # pjsua2rs_status pjsua2rs_aud_dev_manager_set_capture_dev(pjsua2rs_endpoint ep, int id)
    ('pjsua2rs_aud_dev_manager_set_capture_dev', pjsua2rs_status, (pjsua2rs_endpoint, ctypes.c_int,)),
    # PJSUA2's `AudDevManager::setPlaybackDev`: opens playback device `id` (from
    # `enum_dev2`, or PJSUA2RS_DEFAULT_PLAYBACK_DEV) in slot 0 with the capture device in
    # use.
    # pjsua2rs_status pjsua2rs_aud_dev_manager_set_playback_dev(pjsua2rs_endpoint ep, int id)
    ('pjsua2rs_aud_dev_manager_set_playback_dev', pjsua2rs_status, (pjsua2rs_endpoint, ctypes.c_int,)),
    # PJSUA2's `AudDevManager::getCaptureDev`: the capture device id in use
    # (PJSUA2RS_SND_NULL_DEV or PJSUA2RS_SND_NO_DEV without a device,
    # PJSUA2RS_DEFAULT_CAPTURE_DEV until one is opened).
    # pjsua2rs_status pjsua2rs_aud_dev_manager_get_capture_dev(pjsua2rs_endpoint ep, int *out)
    ('pjsua2rs_aud_dev_manager_get_capture_dev', pjsua2rs_status, (pjsua2rs_endpoint, ctypes.POINTER(ctypes.c_int),)),
    # PJSUA2's `AudDevManager::getPlaybackDev`: the playback device id in use (as
    # `get_capture_dev`).
    # pjsua2rs_status pjsua2rs_aud_dev_manager_get_playback_dev(pjsua2rs_endpoint ep, int *out)
    ('pjsua2rs_aud_dev_manager_get_playback_dev', pjsua2rs_status, (pjsua2rs_endpoint, ctypes.POINTER(ctypes.c_int),)),
    # PJSUA2's `AudDevManager::enumDev2`: writes up to `capacity` devices to `out` and their
    # number to `*count` (call with `capacity` 0 to size the array). A machine without a
    # sound card may list none.
    # pjsua2rs_status pjsua2rs_aud_dev_manager_enum_dev2(pjsua2rs_endpoint ep, pjsua2rs_audio_dev_info *out, size_t capacity, size_t *count)
    ('pjsua2rs_aud_dev_manager_enum_dev2', pjsua2rs_status, (pjsua2rs_endpoint, ctypes.POINTER(pjsua2rs_audio_dev_info), ctypes.c_size_t, ctypes.POINTER(ctypes.c_size_t),)),
    # Fills `*out` with an empty callback table (every member NULL) and stamps
    # `struct_size` with `size`, which must be `sizeof *out` as the program was compiled.
    # pjsua2rs_status pjsua2rs_audio_media_player_callbacks_default(pjsua2rs_audio_media_player_callbacks *out, size_t size)
    ('pjsua2rs_audio_media_player_callbacks_default', pjsua2rs_status, (ctypes.POINTER(pjsua2rs_audio_media_player_callbacks), ctypes.c_size_t,)),
    # PJSUA2's `AudioMediaPlayer::createPlayer`: plays WAV file `file` (PCM 8 or 16 bits,
    # A-law or u-law, any rate and channel count: converted to the bridge's format) into a
    # new conference port, over and over unless `options` has PJSUA2RS_FILE_NO_LOOP. `cb`
    # (NULL: no callbacks) is copied; its functions get `user_data`, which must stay valid
    # until the player is destroyed. A file that cannot be opened or read is
    # PJSUA2RS_ERR_NOT_FOUND.
    # pjsua2rs_status pjsua2rs_audio_media_player_create(pjsua2rs_endpoint ep, const char *file, unsigned int options, const pjsua2rs_audio_media_player_callbacks *cb, void *user_data, pjsua2rs_audio_media_player *out)
    ('pjsua2rs_audio_media_player_create', pjsua2rs_status, (pjsua2rs_endpoint, ctypes.c_char_p, ctypes.c_uint, ctypes.POINTER(pjsua2rs_audio_media_player_callbacks), ctypes.c_void_p, ctypes.POINTER(pjsua2rs_audio_media_player),)),
    # PJSUA2's `AudioMediaPlayer::createPlaylist`: plays the `file_count` WAV files of
    # `files` one after the other (then over again unless PJSUA2RS_FILE_NO_LOOP); the port
    # is named `label` (NULL or "": "WAV playlist", as pjmedia). `on_eof2` comes at the
    # end of the last file. Otherwise as `pjsua2rs_audio_media_player_create`.
    # pjsua2rs_status pjsua2rs_audio_media_player_create_playlist(pjsua2rs_endpoint ep, const char *const *files, size_t file_count, const char *label, unsigned int options, const pjsua2rs_audio_media_player_callbacks *cb, void *user_data, pjsua2rs_audio_media_player *out)
    ('pjsua2rs_audio_media_player_create_playlist', pjsua2rs_status, (pjsua2rs_endpoint, ctypes.POINTER(ctypes.c_char_p), ctypes.c_size_t, ctypes.c_char_p, ctypes.c_uint, ctypes.POINTER(pjsua2rs_audio_media_player_callbacks), ctypes.c_void_p, ctypes.POINTER(pjsua2rs_audio_media_player),)),
    # PJSUA2's `AudioMedia::getPortId` of a player: its conference slot.
    # pjsua2rs_status pjsua2rs_audio_media_player_get_port_id(pjsua2rs_audio_media_player p, int *out)
    ('pjsua2rs_audio_media_player_get_port_id', pjsua2rs_status, (pjsua2rs_audio_media_player, ctypes.POINTER(ctypes.c_int),)),
    # PJSUA2's `AudioMediaPlayer::getInfo`: the format and size of the file playing.
    # pjsua2rs_status pjsua2rs_audio_media_player_get_info(pjsua2rs_audio_media_player p, pjsua2rs_audio_media_player_info *out)
    ('pjsua2rs_audio_media_player_get_info', pjsua2rs_status, (pjsua2rs_audio_media_player, ctypes.POINTER(pjsua2rs_audio_media_player_info),)),
    # PJSUA2's `AudioMediaPlayer::getPos`: the position in the file playing, in samples.
    # pjsua2rs_status pjsua2rs_audio_media_player_get_pos(pjsua2rs_audio_media_player p, uint64_t *out)
    ('pjsua2rs_audio_media_player_get_pos', pjsua2rs_status, (pjsua2rs_audio_media_player, ctypes.POINTER(ctypes.c_uint64),)),
    # PJSUA2's `AudioMediaPlayer::setPos`: moves to sample `samples` of the file playing
    # (past its end is PJSUA2RS_ERR_INVALID_ARG).
    # pjsua2rs_status pjsua2rs_audio_media_player_set_pos(pjsua2rs_audio_media_player p, uint64_t samples)
    ('pjsua2rs_audio_media_player_set_pos', pjsua2rs_status, (pjsua2rs_audio_media_player, ctypes.c_uint64,)),
    # Deletes the player (its port leaves the bridge) and invalidates the handle (also
    # after the endpoint was destroyed: it frees the handle). No callback of it runs once
    # this returns, unless called from one of them, which is allowed.
    # pjsua2rs_status pjsua2rs_audio_media_player_destroy(pjsua2rs_audio_media_player p)
    ('pjsua2rs_audio_media_player_destroy', pjsua2rs_status, (pjsua2rs_audio_media_player,)),
    # PJSUA2's `AudioMediaRecorder::createRecorder`: a new conference port writing what it
    # receives to WAV file `file` (created or truncated), as 16-bit PCM or, with `options`
    # PJSUA2RS_FILE_WRITE_ALAW / _ULAW, G.711, at the bridge's rate; at most `max_size`
    # bytes of audio (0 or less: no limit). A name not ending in ".wav" is
    # PJSUA2RS_ERR_NOT_SUPPORTED. The file is complete once the recorder is destroyed (its
    # header is also brought up to date every second).
    # pjsua2rs_status pjsua2rs_audio_media_recorder_create(pjsua2rs_endpoint ep, const char *file, int64_t max_size, unsigned int options, pjsua2rs_audio_media_recorder *out)
    ('pjsua2rs_audio_media_recorder_create', pjsua2rs_status, (pjsua2rs_endpoint, ctypes.c_char_p, ctypes.c_int64, ctypes.c_uint, ctypes.POINTER(pjsua2rs_audio_media_recorder),)),
    # PJSUA2's `AudioMedia::getPortId` of a recorder: its conference slot.
    # pjsua2rs_status pjsua2rs_audio_media_recorder_get_port_id(pjsua2rs_audio_media_recorder r, int *out)
    ('pjsua2rs_audio_media_recorder_get_port_id', pjsua2rs_status, (pjsua2rs_audio_media_recorder, ctypes.POINTER(ctypes.c_int),)),
    # Deletes the recorder (its port leaves the bridge and its file is completed) and
    # invalidates the handle (also after the endpoint was destroyed: it frees the handle).
    # pjsua2rs_status pjsua2rs_audio_media_recorder_destroy(pjsua2rs_audio_media_recorder r)
    ('pjsua2rs_audio_media_recorder_destroy', pjsua2rs_status, (pjsua2rs_audio_media_recorder,)),
    # Fills `*out` with an empty callback table (every member NULL) and stamps
    # `struct_size` with `size` (`sizeof *out`). PJSUA2RS_ERR_INVALID_ARG for NULL or a wrong
    # size. Thread-safe.
    # pjsua2rs_status pjsua2rs_audio_media_port_callbacks_default(pjsua2rs_audio_media_port_callbacks *out, size_t size)
    ('pjsua2rs_audio_media_port_callbacks_default', pjsua2rs_status, (ctypes.POINTER(pjsua2rs_audio_media_port_callbacks), ctypes.c_size_t,)),
    # PJSUA2's `AudioMediaPort::createPort`: a conference port of endpoint `ep` named `name`
    # whose frames, in format `*fmt` (mono 16-bit; zero fields take the bridge's clock rate
    # and frame time; other rates and frame times are converted), the callbacks `cb` (may be
    # NULL; copied) supply and receive with `user_data` (valid until the port is destroyed).
    # The first frames are requested at once, so playback starts without a gap when the
    # port is connected (`pjsua2rs_audio_media_start_transmit` with its slot); nothing is
    # requested while it transmits to no one. PJSUA2RS_ERR_INVALID_ARG names the field of
    # an unsupported format. Writes the handle to `*out`.
    # pjsua2rs_status pjsua2rs_audio_media_port_create(pjsua2rs_endpoint ep, const char *name, const pjsua2rs_media_format_audio *fmt, const pjsua2rs_audio_media_port_callbacks *cb, void *user_data, pjsua2rs_audio_media_port *out)
    ('pjsua2rs_audio_media_port_create', pjsua2rs_status, (pjsua2rs_endpoint, ctypes.c_char_p, ctypes.POINTER(pjsua2rs_media_format_audio), ctypes.POINTER(pjsua2rs_audio_media_port_callbacks), ctypes.c_void_p, ctypes.POINTER(pjsua2rs_audio_media_port),)),
    # PJSUA2's `AudioMedia::getPortId`: the port's conference slot, for
    # `pjsua2rs_audio_media_*`.
    # pjsua2rs_status pjsua2rs_audio_media_port_get_port_id(pjsua2rs_audio_media_port port, int *out_slot)
    ('pjsua2rs_audio_media_port_get_port_id', pjsua2rs_status, (pjsua2rs_audio_media_port, ctypes.POINTER(ctypes.c_int),)),
    # The port's counters: bridge frames sent as silence because `on_frame_requested` was
    # late (`underruns`), and frames not delivered because `on_frame_received` fell behind
    # (`dropped`).
    # pjsua2rs_status pjsua2rs_audio_media_port_get_stats(pjsua2rs_audio_media_port port, pjsua2rs_audio_media_port_stats *out)
    ('pjsua2rs_audio_media_port_get_stats', pjsua2rs_status, (pjsua2rs_audio_media_port, ctypes.POINTER(pjsua2rs_audio_media_port_stats),)),
    # PJSUA2's `delete port`: the port leaves the bridge (and every link with it) and the
    # handle becomes invalid. No callback of the port runs after this returns, unless it is
    # called from one (which then finishes; no other starts). Once the endpoint is
    # destroyed only the handle is left to free.
    # pjsua2rs_status pjsua2rs_audio_media_port_destroy(pjsua2rs_audio_media_port port)
    ('pjsua2rs_audio_media_port_destroy', pjsua2rs_status, (pjsua2rs_audio_media_port,)),
    # PJSUA2's `ToneGenerator::createToneGenerator`: a new, silent conference port (tones
    # are made at the bridge's rate and channel count); writes its handle to `*out`.
    # pjsua2rs_status pjsua2rs_tone_generator_create(pjsua2rs_endpoint ep, pjsua2rs_tone_generator *out)
    ('pjsua2rs_tone_generator_create', pjsua2rs_status, (pjsua2rs_endpoint, ctypes.POINTER(pjsua2rs_tone_generator),)),
    # PJSUA2's `AudioMedia::getPortId` of a tone generator: its conference slot.
    # pjsua2rs_status pjsua2rs_tone_generator_get_port_id(pjsua2rs_tone_generator tg, int *out)
    ('pjsua2rs_tone_generator_get_port_id', pjsua2rs_status, (pjsua2rs_tone_generator, ctypes.POINTER(ctypes.c_int),)),
    # PJSUA2's `ToneGenerator::play`: queues the `count` tones of `tones` after those
    # queued (at most 32 in all: more is PJSUA2RS_ERR_TOO_MANY and queues nothing); with
    # `looped`, the queue plays over and over until `stop`.
    # pjsua2rs_status pjsua2rs_tone_generator_play(pjsua2rs_tone_generator tg, const pjsua2rs_tone_desc *tones, size_t count, bool looped)
    ('pjsua2rs_tone_generator_play', pjsua2rs_status, (pjsua2rs_tone_generator, ctypes.POINTER(pjsua2rs_tone_desc), ctypes.c_size_t, ctypes.c_bool,)),
    # PJSUA2's `ToneGenerator::playDigits`: queues the `count` digits of `digits` (each
    # through the digit map; a digit it lacks is PJSUA2RS_ERR_MEDIA_INVALID_DTMF and queues
    # nothing), as `pjsua2rs_tone_generator_play`.
    # pjsua2rs_status pjsua2rs_tone_generator_play_digits(pjsua2rs_tone_generator tg, const pjsua2rs_tone_digit *digits, size_t count, bool looped)
    ('pjsua2rs_tone_generator_play_digits', pjsua2rs_status, (pjsua2rs_tone_generator, ctypes.POINTER(pjsua2rs_tone_digit), ctypes.c_size_t, ctypes.c_bool,)),
    # PJSUA2's `ToneGenerator::stop`: silences the generator and empties its queue.
    # pjsua2rs_status pjsua2rs_tone_generator_stop(pjsua2rs_tone_generator tg)
    ('pjsua2rs_tone_generator_stop', pjsua2rs_status, (pjsua2rs_tone_generator,)),
    # PJSUA2's `ToneGenerator::rewind`: plays the queue again from its first tone.
    # pjsua2rs_status pjsua2rs_tone_generator_rewind(pjsua2rs_tone_generator tg)
    ('pjsua2rs_tone_generator_rewind', pjsua2rs_status, (pjsua2rs_tone_generator,)),
    # PJSUA2's `ToneGenerator::isBusy`: writes whether tones are queued.
    # pjsua2rs_status pjsua2rs_tone_generator_is_busy(pjsua2rs_tone_generator tg, bool *out)
    ('pjsua2rs_tone_generator_is_busy', pjsua2rs_status, (pjsua2rs_tone_generator, ctypes.POINTER(ctypes.c_bool),)),
    # PJSUA2's `ToneGenerator::getDigitMap`: writes up to `capacity` entries to `out` and
    # their number to `*count` (call with `capacity` 0 to size the array). The default map
    # is ITU-T Q.23's 16 digits.
    # pjsua2rs_status pjsua2rs_tone_generator_get_digit_map(pjsua2rs_tone_generator tg, pjsua2rs_tone_digit_map_digit *out, size_t capacity, size_t *count)
    ('pjsua2rs_tone_generator_get_digit_map', pjsua2rs_status, (pjsua2rs_tone_generator, ctypes.POINTER(pjsua2rs_tone_digit_map_digit), ctypes.c_size_t, ctypes.POINTER(ctypes.c_size_t),)),
    # PJSUA2's `ToneGenerator::setDigitMap`: replaces the digit map with the `count`
    # entries of `map` (read during the call only).
    # pjsua2rs_status pjsua2rs_tone_generator_set_digit_map(pjsua2rs_tone_generator tg, const pjsua2rs_tone_digit_map_digit *map, size_t count)
    ('pjsua2rs_tone_generator_set_digit_map', pjsua2rs_status, (pjsua2rs_tone_generator, ctypes.POINTER(pjsua2rs_tone_digit_map_digit), ctypes.c_size_t,)),
    # Deletes the tone generator (its port leaves the bridge) and invalidates the handle
    # (also after the endpoint was destroyed: it frees the handle).
    # pjsua2rs_status pjsua2rs_tone_generator_destroy(pjsua2rs_tone_generator tg)
    ('pjsua2rs_tone_generator_destroy', pjsua2rs_status, (pjsua2rs_tone_generator,)),
]

# Config structs that start with `struct_size`, with their `_default` function.
VERSIONED = [
    (pjsua2rs_account_callbacks, 'pjsua2rs_account_callbacks_default'),
    (pjsua2rs_transport_config, 'pjsua2rs_transport_config_default'),
    (pjsua2rs_account_config, 'pjsua2rs_account_config_default'),
    (pjsua2rs_call_callbacks, 'pjsua2rs_call_callbacks_default'),
    (pjsua2rs_sip_tx_option, 'pjsua2rs_sip_tx_option_default'),
    (pjsua2rs_call_op_param, 'pjsua2rs_call_op_param_default'),
    (pjsua2rs_ep_config, 'pjsua2rs_ep_config_default'),
    (pjsua2rs_buddy_config, 'pjsua2rs_buddy_config_default'),
    (pjsua2rs_audio_media_player_callbacks, 'pjsua2rs_audio_media_player_callbacks_default'),
    (pjsua2rs_audio_media_port_callbacks, 'pjsua2rs_audio_media_port_callbacks_default'),
]


_LIB_NAME = {"darwin": "libpjsua2rs.dylib", "win32": "pjsua2rs.dll"}.get(
    sys.platform, "libpjsua2rs.so")
_HERE = os.path.dirname(os.path.abspath(__file__))


def _candidates():
    """Where the library is looked for, in order: (description, path, whether it is a
    file path that must exist; the system loader takes a bare name)."""
    env = os.environ.get("PJSUA2RS_LIBRARY")
    if env:
        # An explicit choice is the only one tried, so a wrong path is never masked.
        return [("$PJSUA2RS_LIBRARY", env, False)]
    checkout = os.path.join(_HERE, os.pardir, os.pardir, os.pardir, "target", "release")
    return [
        ("the package directory", os.path.join(_HERE, _LIB_NAME), True),
        ("the checkout's target/release", os.path.normpath(os.path.join(checkout, _LIB_NAME)),
         True),
        ("the system loader", ctypes.util.find_library("pjsua2rs") or _LIB_NAME, False),
    ]


def load_library():
    """Loads libpjsua2rs and returns (CDLL, path); ImportError lists every place tried."""
    tried = []
    for what, path, must_exist in _candidates():
        if must_exist and not os.path.exists(path):
            tried.append(f"{what}: {path} (no such file)")
            continue
        try:
            return ctypes.CDLL(path), path
        except OSError as e:
            tried.append(f"{what}: {path} ({e})")
    raise ImportError("cannot load the pjsua2rs library; build it with "
                      "`cargo build --release` or set PJSUA2RS_LIBRARY. Tried:\n  "
                      + "\n  ".join(tried))


def _bind(cdll):
    """Sets restype and argtypes of every function; ImportError if any is missing."""
    missing = []
    for name, restype, argtypes in PROTOTYPES:
        fn = getattr(cdll, name, None)
        if fn is None:
            missing.append(name)
            continue
        fn.restype = restype
        fn.argtypes = argtypes
    if missing:
        raise ImportError(f"{LIBRARY_PATH} lacks {', '.join(missing)}: the library is older "
                          "than the bindings")
    return cdll


def _check_layout(cdll):
    """ImportError when a versioned config struct of the library differs in size from the
    one generated here (bindings and library from different builds): the library accepts
    exactly our size and refuses one byte more."""
    for struct, default in VERSIONED:
        size = ctypes.sizeof(struct)
        buf = ctypes.cast((ctypes.c_uint8 * (size + 1))(), ctypes.POINTER(struct))
        fn = getattr(cdll, default)
        if fn(buf, size) != 0 or fn(buf, size + 1) == 0:
            raise ImportError(f"{LIBRARY_PATH}: {struct.__name__} differs in size from the "
                              f"bindings' {size} bytes: rebuild the library or regenerate "
                              "the bindings (scripts/gen-header.sh)")


lib, LIBRARY_PATH = load_library()
_bind(lib)
_check_layout(lib)
