"""PJSUA2 names for the C ABI's structs, fields and constants (pure data, no imports).

Shared by the Python classes (_config.py, _constants.py) and the C++ generator
(bindings/cpp/gen_cpp.py, which loads this file by path). A C field's PJSUA2 name is its
snake_case name in camelCase unless FIELD_RENAMES says otherwise; tests check every name
against the real PJSUA2 wheel and against the JSON keys PJSUA2 writes.
"""

# C struct -> PJSUA2 class, in dependency order (a class's members come before it).
CLASSES = [
    ("pjsua2rs_ua_config", "UaConfig"),
    ("pjsua2rs_log_config", "LogConfig"),
    ("pjsua2rs_media_config", "MediaConfig"),
    ("pjsua2rs_ep_config", "EpConfig"),
    ("pjsua2rs_qos_params", "pj_qos_params"),
    ("pjsua2rs_sock_opt", "SockOpt"),
    ("pjsua2rs_sock_opt_params", "SockOptParams"),
    ("pjsua2rs_tls_config", "TlsConfig"),
    ("pjsua2rs_transport_config", "TransportConfig"),
    ("pjsua2rs_sip_header", "SipHeader"),
    ("pjsua2rs_account_reg_config", "AccountRegConfig"),
    ("pjsua2rs_auth_cred_info", "AuthCredInfo"),
    ("pjsua2rs_account_sip_config", "AccountSipConfig"),
    ("pjsua2rs_account_call_config", "AccountCallConfig"),
    ("pjsua2rs_account_pres_config", "AccountPresConfig"),
    ("pjsua2rs_account_mwi_config", "AccountMwiConfig"),
    ("pjsua2rs_account_nat_config", "AccountNatConfig"),
    ("pjsua2rs_srtp_crypto", "SrtpCrypto"),
    ("pjsua2rs_srtp_opt", "SrtpOpt"),
    ("pjsua2rs_account_media_config", "AccountMediaConfig"),
    ("pjsua2rs_account_video_config", "AccountVideoConfig"),
    ("pjsua2rs_account_text_config", "AccountTextConfig"),
    ("pjsua2rs_account_ip_change_config", "AccountIpChangeConfig"),
    ("pjsua2rs_account_config", "AccountConfig"),
    ("pjsua2rs_buddy_config", "BuddyConfig"),
]

# (C struct, C field) -> PJSUA2 member name, where it is not the plain camelCase.
FIELD_RENAMES = {
    ("pjsua2rs_tls_config", "ca_list_file"): "CaListFile",
    ("pjsua2rs_tls_config", "ca_buf"): "CaBuf",
    ("pjsua2rs_account_call_config", "timer_min_se_sec"): "timerMinSESec",
    ("pjsua2rs_sip_header", "hname"): "hName",
    ("pjsua2rs_sip_header", "hvalue"): "hValue",
    # pj_qos_params is pjlib's C struct: its members keep their C names.
    ("pjsua2rs_qos_params", "flags"): "flags",
    ("pjsua2rs_qos_params", "dscp_val"): "dscp_val",
    ("pjsua2rs_qos_params", "so_prio"): "so_prio",
    ("pjsua2rs_qos_params", "wmm_prio"): "wmm_prio",
    # PJSUA2 spells this one in snake_case (also its JSON key).
    ("pjsua2rs_buddy_config", "subscribe_dlg_event"): "subscribe_dlg_event",
}

# Fields the bindings handle themselves: the log writer becomes a LogWriter object.
LOG_WRITER_FIELD = ("pjsua2rs_log_config", "writer")
# Fields never shown: set by the bindings (struct_size, the writer's user data). The
# `<name>_count` companions of arrays are hidden too (the vector carries its length).
HIDDEN_FIELDS = {"struct_size", "writer_user_data"}

# Element type of a C array -> PJSUA2's vector class for it.
VECTOR_CLASSES = {
    "char": "StringVector",
    "int32_t": "IntVector",
    "pjsua2rs_sip_header": "SipHeaderVector",
    "pjsua2rs_auth_cred_info": "AuthCredInfoVector",
    "pjsua2rs_srtp_crypto": "SrtpCryptoVector",
    "pjsua2rs_sock_opt": "SockOptVector",
}


def camel(snake):
    """`max_calls` -> `maxCalls` (digits stay: `ipv6_use` -> `ipv6Use`)."""
    head, *rest = snake.split("_")
    return head + "".join(part[:1].upper() + part[1:] for part in rest)


def pjsua2_field_name(struct, field):
    """The PJSUA2 member name of C field `field` of C struct `struct`."""
    return FIELD_RENAMES.get((struct, field), camel(field))


# PJSUA2 constants by C enum, for the module namespace and the C++ enums. A value is the
# name of a constant in the C header, or a number where the header has none. The group is
# PJSIP's enum type name; None means PJSIP has no such type (#defines: an anonymous enum in
# C++), and "pj::" means the constant lives in PJSUA2's namespace pj. Names in EXTRA_NAMES
# are PJSIP's C names that the PJSUA2 2.15.1 wheel does not export.
ENUMS = [
    ("pjsip_transport_type_e", [
        ("PJSIP_TRANSPORT_UNSPECIFIED", 0),
        ("PJSIP_TRANSPORT_UDP", "PJSUA2RS_TRANSPORT_UDP"),
        ("PJSIP_TRANSPORT_TCP", "PJSUA2RS_TRANSPORT_TCP"),
        ("PJSIP_TRANSPORT_TLS", "PJSUA2RS_TRANSPORT_TLS"),
        ("PJSIP_TRANSPORT_UDP6", "PJSUA2RS_TRANSPORT_UDP6"),
        ("PJSIP_TRANSPORT_TCP6", "PJSUA2RS_TRANSPORT_TCP6"),
        ("PJSIP_TRANSPORT_TLS6", "PJSUA2RS_TRANSPORT_TLS6"),
    ]),
    ("pjsip_transport_flags_e", [
        ("PJSIP_TRANSPORT_RELIABLE", "PJSUA2RS_TRANSPORT_FLAG_RELIABLE"),
        ("PJSIP_TRANSPORT_SECURE", "PJSUA2RS_TRANSPORT_FLAG_SECURE"),
        ("PJSIP_TRANSPORT_DATAGRAM", "PJSUA2RS_TRANSPORT_FLAG_DATAGRAM"),
    ]),
    ("pjsua_state", [
        ("PJSUA_STATE_NULL", "PJSUA2RS_STATE_NULL"),
        ("PJSUA_STATE_CREATED", "PJSUA2RS_STATE_CREATED"),
        ("PJSUA_STATE_INIT", "PJSUA2RS_STATE_INIT"),
        ("PJSUA_STATE_STARTING", "PJSUA2RS_STATE_STARTING"),
        ("PJSUA_STATE_RUNNING", "PJSUA2RS_STATE_RUNNING"),
        ("PJSUA_STATE_CLOSING", "PJSUA2RS_STATE_CLOSING"),
    ]),
    ("pj_log_decoration", [
        ("PJ_LOG_HAS_DAY_NAME", "PJSUA2RS_LOG_HAS_DAY_NAME"),
        ("PJ_LOG_HAS_YEAR", "PJSUA2RS_LOG_HAS_YEAR"),
        ("PJ_LOG_HAS_MONTH", "PJSUA2RS_LOG_HAS_MONTH"),
        ("PJ_LOG_HAS_DAY_OF_MON", "PJSUA2RS_LOG_HAS_DAY_OF_MON"),
        ("PJ_LOG_HAS_TIME", "PJSUA2RS_LOG_HAS_TIME"),
        ("PJ_LOG_HAS_MICRO_SEC", "PJSUA2RS_LOG_HAS_MICRO_SEC"),
        ("PJ_LOG_HAS_SENDER", "PJSUA2RS_LOG_HAS_SENDER"),
        ("PJ_LOG_HAS_NEWLINE", "PJSUA2RS_LOG_HAS_NEWLINE"),
        ("PJ_LOG_HAS_CR", "PJSUA2RS_LOG_HAS_CR"),
        ("PJ_LOG_HAS_SPACE", "PJSUA2RS_LOG_HAS_SPACE"),
        ("PJ_LOG_HAS_COLOR", "PJSUA2RS_LOG_HAS_COLOR"),
        ("PJ_LOG_HAS_LEVEL_TEXT", "PJSUA2RS_LOG_HAS_LEVEL_TEXT"),
        ("PJ_LOG_HAS_THREAD_ID", "PJSUA2RS_LOG_HAS_THREAD_ID"),
        ("PJ_LOG_HAS_THREAD_SWC", "PJSUA2RS_LOG_HAS_THREAD_SWC"),
        ("PJ_LOG_HAS_INDENT", "PJSUA2RS_LOG_HAS_INDENT"),
    ]),
    ("pj_file_access", [
        ("PJ_O_APPEND", 0x1108),
    ]),
    (None, [
        ("PJSUA_REG_USE_OUTBOUND_PROXY", "PJSUA2RS_REG_USE_OUTBOUND_PROXY"),
        ("PJSUA_REG_USE_ACC_PROXY", "PJSUA2RS_REG_USE_ACC_PROXY"),
    ]),
    ("pjsua_ipv6_use", [
        ("PJSUA_IPV6_DISABLED", "PJSUA2RS_IPV6_DISABLED"),
        ("PJSUA_IPV6_ENABLED", "PJSUA2RS_IPV6_ENABLED"),
        ("PJSUA_IPV6_ENABLED_NO_PREFERENCE", "PJSUA2RS_IPV6_ENABLED"),
        ("PJSUA_IPV6_ENABLED_PREFER_IPV4", "PJSUA2RS_IPV6_ENABLED_PREFER_IPV4"),
        ("PJSUA_IPV6_ENABLED_PREFER_IPV6", "PJSUA2RS_IPV6_ENABLED_PREFER_IPV6"),
        ("PJSUA_IPV6_ENABLED_USE_IPV6_ONLY", "PJSUA2RS_IPV6_ENABLED_USE_IPV6_ONLY"),
    ]),
    ("pjsua_call_hold_type", [
        ("PJSUA_CALL_HOLD_TYPE_RFC3264", "PJSUA2RS_CALL_HOLD_TYPE_RFC3264"),
        ("PJSUA_CALL_HOLD_TYPE_RFC2543", "PJSUA2RS_CALL_HOLD_TYPE_RFC2543"),
    ]),
    ("pjsua_100rel_use", [
        ("PJSUA_100REL_NOT_USED", "PJSUA2RS_100REL_NOT_USED"),
        ("PJSUA_100REL_MANDATORY", "PJSUA2RS_100REL_MANDATORY"),
        ("PJSUA_100REL_OPTIONAL", "PJSUA2RS_100REL_OPTIONAL"),
    ]),
    ("pjsua_sip_timer_use", [
        ("PJSUA_SIP_TIMER_INACTIVE", "PJSUA2RS_SIP_TIMER_INACTIVE"),
        ("PJSUA_SIP_TIMER_OPTIONAL", "PJSUA2RS_SIP_TIMER_OPTIONAL"),
        ("PJSUA_SIP_TIMER_REQUIRED", "PJSUA2RS_SIP_TIMER_REQUIRED"),
        ("PJSUA_SIP_TIMER_ALWAYS", "PJSUA2RS_SIP_TIMER_ALWAYS"),
    ]),
    ("pjsua_sip_siprec_use", [
        ("PJSUA_SIP_SIPREC_INACTIVE", "PJSUA2RS_SIP_SIPREC_INACTIVE"),
        ("PJSUA_SIP_SIPREC_OPTIONAL", "PJSUA2RS_SIP_SIPREC_OPTIONAL"),
        ("PJSUA_SIP_SIPREC_MANDATORY", "PJSUA2RS_SIP_SIPREC_MANDATORY"),
    ]),
    ("pjmedia_srtp_use", [
        ("PJMEDIA_SRTP_DISABLED", "PJSUA2RS_SRTP_DISABLED"),
        ("PJMEDIA_SRTP_OPTIONAL", "PJSUA2RS_SRTP_OPTIONAL"),
        ("PJMEDIA_SRTP_MANDATORY", "PJSUA2RS_SRTP_MANDATORY"),
    ]),
    ("pjmedia_srtp_crypto_option", [
        ("PJMEDIA_SRTP_NO_ENCRYPTION", "PJSUA2RS_SRTP_NO_ENCRYPTION"),
        ("PJMEDIA_SRTP_NO_AUTHENTICATION", "PJSUA2RS_SRTP_NO_AUTHENTICATION"),
    ]),
    ("pjmedia_srtp_keying_method", [
        ("PJMEDIA_SRTP_KEYING_SDES", "PJSUA2RS_SRTP_KEYING_SDES"),
        ("PJMEDIA_SRTP_KEYING_DTLS_SRTP", "PJSUA2RS_SRTP_KEYING_DTLS_SRTP"),
    ]),
    ("pjsua_call_flag", [
        ("PJSUA_CALL_UNHOLD", "PJSUA2RS_CALL_UNHOLD"),
        ("PJSUA_CALL_UPDATE_CONTACT", "PJSUA2RS_CALL_UPDATE_CONTACT"),
        ("PJSUA_CALL_INCLUDE_DISABLED_MEDIA", "PJSUA2RS_CALL_INCLUDE_DISABLED_MEDIA"),
        ("PJSUA_CALL_NO_SDP_OFFER", "PJSUA2RS_CALL_NO_SDP_OFFER"),
        ("PJSUA_CALL_REINIT_MEDIA", "PJSUA2RS_CALL_REINIT_MEDIA"),
        ("PJSUA_CALL_UPDATE_VIA", "PJSUA2RS_CALL_UPDATE_VIA"),
        ("PJSUA_CALL_UPDATE_TARGET", "PJSUA2RS_CALL_UPDATE_TARGET"),
        ("PJSUA_CALL_SET_MEDIA_DIR", "PJSUA2RS_CALL_SET_MEDIA_DIR"),
        ("PJSUA_CALL_NO_MEDIA_SYNC", "PJSUA2RS_CALL_NO_MEDIA_SYNC"),
    ]),
    ("pjsip_inv_state", [
        ("PJSIP_INV_STATE_NULL", 0),
        ("PJSIP_INV_STATE_CALLING", 1),
        ("PJSIP_INV_STATE_INCOMING", 2),
        ("PJSIP_INV_STATE_EARLY", 3),
        ("PJSIP_INV_STATE_CONNECTING", 4),
        ("PJSIP_INV_STATE_CONFIRMED", 5),
        ("PJSIP_INV_STATE_DISCONNECTED", 6),
    ]),
    ("pjsua_call_media_status", [
        ("PJSUA_CALL_MEDIA_NONE", "PJSUA2RS_CALL_MEDIA_NONE"),
        ("PJSUA_CALL_MEDIA_ACTIVE", "PJSUA2RS_CALL_MEDIA_ACTIVE"),
        ("PJSUA_CALL_MEDIA_LOCAL_HOLD", "PJSUA2RS_CALL_MEDIA_LOCAL_HOLD"),
        ("PJSUA_CALL_MEDIA_REMOTE_HOLD", "PJSUA2RS_CALL_MEDIA_REMOTE_HOLD"),
        ("PJSUA_CALL_MEDIA_ERROR", "PJSUA2RS_CALL_MEDIA_ERROR"),
    ]),
    ("pjsip_role_e", [
        ("PJSIP_ROLE_UAC", "PJSUA2RS_ROLE_UAC"),
        ("PJSIP_ROLE_UAS", "PJSUA2RS_ROLE_UAS"),
        ("PJSIP_UAC_ROLE", "PJSUA2RS_ROLE_UAC"),
        ("PJSIP_UAS_ROLE", "PJSUA2RS_ROLE_UAS"),
    ]),
    ("pjsua_dtmf_method", [
        ("PJSUA_DTMF_METHOD_RFC2833", "PJSUA2RS_DTMF_METHOD_RFC2833"),
        ("PJSUA_DTMF_METHOD_SIP_INFO", "PJSUA2RS_DTMF_METHOD_SIP_INFO"),
    ]),
    ("pjsip_redirect_op", [
        ("PJSIP_REDIRECT_REJECT", "PJSUA2RS_REDIRECT_REJECT"),
        ("PJSIP_REDIRECT_ACCEPT", "PJSUA2RS_REDIRECT_ACCEPT"),
        ("PJSIP_REDIRECT_ACCEPT_REPLACE", "PJSUA2RS_REDIRECT_ACCEPT_REPLACE"),
        ("PJSIP_REDIRECT_PENDING", "PJSUA2RS_REDIRECT_PENDING"),
        ("PJSIP_REDIRECT_STOP", "PJSUA2RS_REDIRECT_STOP"),
    ]),
    (None, [
        ("PJSUA_XFER_NO_REQUIRE_REPLACES", "PJSUA2RS_XFER_NO_REQUIRE_REPLACES"),
    ]),
    ("pjmedia_type", [
        ("PJMEDIA_TYPE_NONE", 0),
        ("PJMEDIA_TYPE_AUDIO", 1),
        ("PJMEDIA_TYPE_VIDEO", 2),
        ("PJMEDIA_TYPE_APPLICATION", 3),
        ("PJMEDIA_TYPE_UNKNOWN", 4),
    ]),
    ("pjmedia_dir", [
        ("PJMEDIA_DIR_NONE", 0),
        ("PJMEDIA_DIR_ENCODING", 1),
        ("PJMEDIA_DIR_CAPTURE", 1),
        ("PJMEDIA_DIR_DECODING", 2),
        ("PJMEDIA_DIR_PLAYBACK", 2),
        ("PJMEDIA_DIR_RENDER", 2),
        ("PJMEDIA_DIR_ENCODING_DECODING", 3),
        ("PJMEDIA_DIR_CAPTURE_PLAYBACK", 3),
        ("PJMEDIA_DIR_CAPTURE_RENDER", 3),
    ]),
    ("pjsip_event_id_e", [
        ("PJSIP_EVENT_UNKNOWN", 0),
        ("PJSIP_EVENT_TIMER", 1),
        ("PJSIP_EVENT_TX_MSG", 2),
        ("PJSIP_EVENT_RX_MSG", 3),
        ("PJSIP_EVENT_TRANSPORT_ERROR", 4),
        ("PJSIP_EVENT_TSX_STATE", 5),
        ("PJSIP_EVENT_USER", 6),
    ]),
    ("pjsip_tsx_state_e", [
        ("PJSIP_TSX_STATE_NULL", 0),
        ("PJSIP_TSX_STATE_CALLING", 1),
        ("PJSIP_TSX_STATE_TRYING", "PJSUA2RS_TSX_STATE_TRYING"),
        ("PJSIP_TSX_STATE_PROCEEDING", 3),
        ("PJSIP_TSX_STATE_COMPLETED", "PJSUA2RS_TSX_STATE_COMPLETED"),
        ("PJSIP_TSX_STATE_CONFIRMED", 5),
        ("PJSIP_TSX_STATE_TERMINATED", 6),
        ("PJSIP_TSX_STATE_DESTROYED", 7),
        ("PJSIP_TSX_STATE_MAX", 8),
    ]),
    ("pjsua_stun_use", [
        ("PJSUA_STUN_USE_DEFAULT", "PJSUA2RS_STUN_USE_DEFAULT"),
        ("PJSUA_STUN_USE_DISABLED", "PJSUA2RS_STUN_USE_DISABLED"),
        ("PJSUA_STUN_RETRY_ON_FAILURE", "PJSUA2RS_STUN_RETRY_ON_FAILURE"),
    ]),
    ("pjsua_upnp_use", [
        ("PJSUA_UPNP_USE_DEFAULT", "PJSUA2RS_UPNP_USE_DEFAULT"),
        ("PJSUA_UPNP_USE_DISABLED", "PJSUA2RS_UPNP_USE_DISABLED"),
    ]),
    ("pjsua_nat64_opt", [
        ("PJSUA_NAT64_DISABLED", "PJSUA2RS_NAT64_DISABLED"),
        ("PJSUA_NAT64_ENABLED", "PJSUA2RS_NAT64_ENABLED"),
    ]),
    ("pj_ice_sess_trickle", [
        ("PJ_ICE_SESS_TRICKLE_DISABLED", "PJSUA2RS_ICE_TRICKLE_DISABLED"),
        ("PJ_ICE_SESS_TRICKLE_HALF", "PJSUA2RS_ICE_TRICKLE_HALF"),
        ("PJ_ICE_SESS_TRICKLE_FULL", "PJSUA2RS_ICE_TRICKLE_FULL"),
    ]),
    ("pj_turn_tp_type", [
        ("PJ_TURN_TP_UDP", "PJSUA2RS_TURN_TP_UDP"),
        ("PJ_TURN_TP_TCP", "PJSUA2RS_TURN_TP_TCP"),
        ("PJ_TURN_TP_TLS", "PJSUA2RS_TURN_TP_TLS"),
    ]),
    ("pjsua_contact_rewrite_method", [
        ("PJSUA_CONTACT_REWRITE_UNREGISTER", "PJSUA2RS_CONTACT_REWRITE_UNREGISTER"),
        ("PJSUA_CONTACT_REWRITE_NO_UNREG", "PJSUA2RS_CONTACT_REWRITE_NO_UNREG"),
        ("PJSUA_CONTACT_REWRITE_ALWAYS_UPDATE", "PJSUA2RS_CONTACT_REWRITE_ALWAYS_UPDATE"),
    ]),
    ("pjsip_cred_data_type", [
        ("PJSIP_CRED_DATA_PLAIN_PASSWD", "PJSUA2RS_CRED_DATA_PLAIN_PASSWD"),
        ("PJSIP_CRED_DATA_DIGEST", "PJSUA2RS_CRED_DATA_DIGEST"),
        ("PJSIP_CRED_DATA_EXT_AKA", "PJSUA2RS_CRED_DATA_EXT_AKA"),
    ]),
    ("pjsip_auth_algorithm_type", [
        ("PJSIP_AUTH_ALGORITHM_NOT_SET", "PJSUA2RS_AUTH_ALGORITHM_NOT_SET"),
        ("PJSIP_AUTH_ALGORITHM_MD5", "PJSUA2RS_AUTH_ALGORITHM_MD5"),
        ("PJSIP_AUTH_ALGORITHM_SHA256", "PJSUA2RS_AUTH_ALGORITHM_SHA256"),
        ("PJSIP_AUTH_ALGORITHM_SHA512_256", "PJSUA2RS_AUTH_ALGORITHM_SHA512_256"),
    ]),
    ("pjmedia_jb_discard_algo", [
        ("PJMEDIA_JB_DISCARD_NONE", "PJSUA2RS_JB_DISCARD_NONE"),
        ("PJMEDIA_JB_DISCARD_STATIC", "PJSUA2RS_JB_DISCARD_STATIC"),
        ("PJMEDIA_JB_DISCARD_PROGRESSIVE", "PJSUA2RS_JB_DISCARD_PROGRESSIVE"),
    ]),
    ("pj_qos_type", [
        ("PJ_QOS_TYPE_BEST_EFFORT", "PJSUA2RS_QOS_TYPE_BEST_EFFORT"),
        ("PJ_QOS_TYPE_BACKGROUND", "PJSUA2RS_QOS_TYPE_BACKGROUND"),
        ("PJ_QOS_TYPE_VIDEO", "PJSUA2RS_QOS_TYPE_VIDEO"),
        ("PJ_QOS_TYPE_VOICE", "PJSUA2RS_QOS_TYPE_VOICE"),
        ("PJ_QOS_TYPE_CONTROL", "PJSUA2RS_QOS_TYPE_CONTROL"),
        ("PJ_QOS_TYPE_SIGNALLING", "PJSUA2RS_QOS_TYPE_SIGNALLING"),
    ]),
    ("pj_qos_flag", [
        ("PJ_QOS_PARAM_HAS_DSCP", "PJSUA2RS_QOS_PARAM_HAS_DSCP"),
        ("PJ_QOS_PARAM_HAS_SO_PRIO", "PJSUA2RS_QOS_PARAM_HAS_SO_PRIO"),
        ("PJ_QOS_PARAM_HAS_WMM", "PJSUA2RS_QOS_PARAM_HAS_WMM"),
    ]),
    ("pjsip_ssl_method", [
        ("PJSIP_SSL_UNSPECIFIED_METHOD", "PJSUA2RS_SSL_UNSPECIFIED_METHOD"),
        ("PJSIP_TLSV1_METHOD", "PJSUA2RS_TLSV1_METHOD"),
        ("PJSIP_TLSV1_1_METHOD", "PJSUA2RS_TLSV1_1_METHOD"),
        ("PJSIP_TLSV1_2_METHOD", "PJSUA2RS_TLSV1_2_METHOD"),
        ("PJSIP_TLSV1_3_METHOD", "PJSUA2RS_TLSV1_3_METHOD"),
        ("PJSIP_SSLV23_METHOD", "PJSUA2RS_SSLV23_METHOD"),
    ]),
    ("pj_ssl_sock_proto", [
        ("PJ_SSL_SOCK_PROTO_TLS1", "PJSUA2RS_SSL_PROTO_TLS1"),
        ("PJ_SSL_SOCK_PROTO_TLS1_1", "PJSUA2RS_SSL_PROTO_TLS1_1"),
        ("PJ_SSL_SOCK_PROTO_TLS1_2", "PJSUA2RS_SSL_PROTO_TLS1_2"),
        ("PJ_SSL_SOCK_PROTO_TLS1_3", "PJSUA2RS_SSL_PROTO_TLS1_3"),
    ]),
    ("pj_ssl_cert_lookup_type", [
        ("PJ_SSL_CERT_LOOKUP_NONE", "PJSUA2RS_SSL_CERT_LOOKUP_NONE"),
        ("PJ_SSL_CERT_LOOKUP_SUBJECT", "PJSUA2RS_SSL_CERT_LOOKUP_SUBJECT"),
        ("PJ_SSL_CERT_LOOKUP_FINGERPRINT", "PJSUA2RS_SSL_CERT_LOOKUP_FINGERPRINT"),
        ("PJ_SSL_CERT_LOOKUP_FRIENDLY_NAME", "PJSUA2RS_SSL_CERT_LOOKUP_FRIENDLY_NAME"),
    ]),
    (None, [
        ("PJ_SUCCESS", "PJSUA2RS_SUCCESS"),
        ("PJ_TRUE", 1),
        ("PJ_FALSE", 0),
        ("PJSUA_INVALID_ID", -1),
    ]),
    ("pj::", [
        ("SUCCESS", "PJSUA2RS_SUCCESS"),
        ("INVALID_ID", -1),
    ]),
    (None, [
        ("PJ_EUNKNOWN", "PJSUA2RS_ERR_UNKNOWN"),
        ("PJ_EPENDING", "PJSUA2RS_ERR_PENDING"),
        ("PJ_EINVAL", "PJSUA2RS_ERR_INVALID_ARG"),
        ("PJ_ENAMETOOLONG", "PJSUA2RS_ERR_NAME_TOO_LONG"),
        ("PJ_ENOTFOUND", "PJSUA2RS_ERR_NOT_FOUND"),
        ("PJ_ENOMEM", "PJSUA2RS_ERR_NO_MEMORY"),
        ("PJ_ETIMEDOUT", "PJSUA2RS_ERR_TIMEOUT"),
        ("PJ_ETOOMANY", "PJSUA2RS_ERR_TOO_MANY"),
        ("PJ_EBUSY", "PJSUA2RS_ERR_BUSY"),
        ("PJ_ENOTSUP", "PJSUA2RS_ERR_NOT_SUPPORTED"),
        ("PJ_EINVALIDOP", "PJSUA2RS_ERR_INVALID_OP"),
        ("PJ_ECANCELLED", "PJSUA2RS_ERR_CANCELLED"),
        ("PJ_EEXISTS", "PJSUA2RS_ERR_EXISTS"),
        ("PJ_EEOF", "PJSUA2RS_ERR_EOF"),
        ("PJ_ETOOBIG", "PJSUA2RS_ERR_TOO_BIG"),
        ("PJ_ERESOLVE", "PJSUA2RS_ERR_RESOLVE"),
        ("PJ_ETOOSMALL", "PJSUA2RS_ERR_TOO_SMALL"),
        ("PJ_EAFNOTSUP", "PJSUA2RS_ERR_AF_NOT_SUPPORTED"),
        ("PJ_ERRNO_START_SYS", "PJSUA2RS_ERR_OS_BASE"),
        ("PJSIP_ESHUTDOWN", "PJSUA2RS_ERR_SIP_SHUTDOWN"),
        ("PJSIP_EINVALIDMSG", "PJSUA2RS_ERR_SIP_INVALID_MSG"),
        ("PJSIP_EMSGTOOLONG", "PJSUA2RS_ERR_SIP_MSG_TOO_LONG"),
        ("PJSIP_EINVALIDURI", "PJSUA2RS_ERR_SIP_INVALID_URI"),
        ("PJSIP_EINVALIDSCHEME", "PJSUA2RS_ERR_SIP_INVALID_SCHEME"),
        ("PJSIP_EUNSUPTRANSPORT", "PJSUA2RS_ERR_SIP_UNSUPPORTED_TRANSPORT"),
        ("PJSIP_ENOTSX", "PJSUA2RS_ERR_SIP_NO_TRANSACTION"),
        ("PJLIB_UTIL_EINJSON", "PJSUA2RS_ERR_JSON"),
    ]),
    ("pjsip_status_code", [
        ("PJSIP_SC_NULL", 0),
        ("PJSIP_SC_TRYING", 100),
        ("PJSIP_SC_RINGING", 180),
        ("PJSIP_SC_CALL_BEING_FORWARDED", 181),
        ("PJSIP_SC_QUEUED", 182),
        ("PJSIP_SC_PROGRESS", 183),
        ("PJSIP_SC_EARLY_DIALOG_TERMINATED", 199),
        ("PJSIP_SC_OK", 200),
        ("PJSIP_SC_ACCEPTED", 202),
        ("PJSIP_SC_NO_NOTIFICATION", 204),
        ("PJSIP_SC_MULTIPLE_CHOICES", 300),
        ("PJSIP_SC_MOVED_PERMANENTLY", 301),
        ("PJSIP_SC_MOVED_TEMPORARILY", 302),
        ("PJSIP_SC_USE_PROXY", 305),
        ("PJSIP_SC_ALTERNATIVE_SERVICE", 380),
        ("PJSIP_SC_BAD_REQUEST", 400),
        ("PJSIP_SC_UNAUTHORIZED", 401),
        ("PJSIP_SC_PAYMENT_REQUIRED", 402),
        ("PJSIP_SC_FORBIDDEN", 403),
        ("PJSIP_SC_NOT_FOUND", 404),
        ("PJSIP_SC_METHOD_NOT_ALLOWED", 405),
        ("PJSIP_SC_NOT_ACCEPTABLE", 406),
        ("PJSIP_SC_PROXY_AUTHENTICATION_REQUIRED", 407),
        ("PJSIP_SC_REQUEST_TIMEOUT", 408),
        ("PJSIP_SC_TSX_TIMEOUT", 408),
        ("PJSIP_SC_CONFLICT", 409),
        ("PJSIP_SC_GONE", 410),
        ("PJSIP_SC_LENGTH_REQUIRED", 411),
        ("PJSIP_SC_CONDITIONAL_REQUEST_FAILED", 412),
        ("PJSIP_SC_REQUEST_ENTITY_TOO_LARGE", 413),
        ("PJSIP_SC_REQUEST_URI_TOO_LONG", 414),
        ("PJSIP_SC_UNSUPPORTED_MEDIA_TYPE", 415),
        ("PJSIP_SC_UNSUPPORTED_URI_SCHEME", 416),
        ("PJSIP_SC_UNKNOWN_RESOURCE_PRIORITY", 417),
        ("PJSIP_SC_BAD_EXTENSION", 420),
        ("PJSIP_SC_EXTENSION_REQUIRED", 421),
        ("PJSIP_SC_SESSION_TIMER_TOO_SMALL", 422),
        ("PJSIP_SC_INTERVAL_TOO_BRIEF", 423),
        ("PJSIP_SC_BAD_LOCATION_INFORMATION", 424),
        ("PJSIP_SC_USE_IDENTITY_HEADER", 428),
        ("PJSIP_SC_PROVIDE_REFERRER_HEADER", 429),
        ("PJSIP_SC_FLOW_FAILED", 430),
        ("PJSIP_SC_ANONIMITY_DISALLOWED", 433),
        ("PJSIP_SC_BAD_IDENTITY_INFO", 436),
        ("PJSIP_SC_UNSUPPORTED_CERTIFICATE", 437),
        ("PJSIP_SC_INVALID_IDENTITY_HEADER", 438),
        ("PJSIP_SC_FIRST_HOP_LACKS_OUTBOUND_SUPPORT", 439),
        ("PJSIP_SC_MAX_BREADTH_EXCEEDED", 440),
        ("PJSIP_SC_BAD_INFO_PACKAGE", 469),
        ("PJSIP_SC_CONSENT_NEEDED", 470),
        ("PJSIP_SC_TEMPORARILY_UNAVAILABLE", 480),
        ("PJSIP_SC_CALL_TSX_DOES_NOT_EXIST", 481),
        ("PJSIP_SC_LOOP_DETECTED", 482),
        ("PJSIP_SC_TOO_MANY_HOPS", 483),
        ("PJSIP_SC_ADDRESS_INCOMPLETE", 484),
        ("PJSIP_SC_BUSY_HERE", 486),
        ("PJSIP_SC_REQUEST_TERMINATED", 487),
        ("PJSIP_SC_NOT_ACCEPTABLE_HERE", 488),
        ("PJSIP_SC_BAD_EVENT", 489),
        ("PJSIP_SC_REQUEST_UPDATED", 490),
        ("PJSIP_SC_REQUEST_PENDING", 491),
        ("PJSIP_SC_UNDECIPHERABLE", 493),
        ("PJSIP_SC_SECURITY_AGREEMENT_NEEDED", 494),
        ("PJSIP_SC_INTERNAL_SERVER_ERROR", 500),
        ("PJSIP_SC_NOT_IMPLEMENTED", 501),
        ("PJSIP_SC_BAD_GATEWAY", 502),
        ("PJSIP_SC_SERVICE_UNAVAILABLE", 503),
        ("PJSIP_SC_TSX_TRANSPORT_ERROR", 503),
        ("PJSIP_SC_SERVER_TIMEOUT", 504),
        ("PJSIP_SC_VERSION_NOT_SUPPORTED", 505),
        ("PJSIP_SC_MESSAGE_TOO_LARGE", 513),
        ("PJSIP_SC_PUSH_NOTIFICATION_SERVICE_NOT_SUPPORTED", 555),
        ("PJSIP_SC_PRECONDITION_FAILURE", 580),
        ("PJSIP_SC_BUSY_EVERYWHERE", 600),
        ("PJSIP_SC_DECLINE", 603),
        ("PJSIP_SC_DOES_NOT_EXIST_ANYWHERE", 604),
        ("PJSIP_SC_NOT_ACCEPTABLE_ANYWHERE", 606),
        ("PJSIP_SC_UNWANTED", 607),
        ("PJSIP_SC_REJECTED", 608),
    ]),
]

# PJSIP C names in ENUMS that the PJSUA2 2.15.1 wheel does not export (newer than 2.15.1,
# or not in its SWIG symbol list). Every other name must exist there with the same value.
EXTRA_NAMES = {
    "PJSUA_REG_USE_OUTBOUND_PROXY", "PJSUA_REG_USE_ACC_PROXY",
    "PJSUA_SIP_SIPREC_INACTIVE", "PJSUA_SIP_SIPREC_OPTIONAL", "PJSUA_SIP_SIPREC_MANDATORY",
    "PJSUA_CALL_NO_MEDIA_SYNC", "PJSUA_XFER_NO_REQUIRE_REPLACES",
    "PJSUA_CONTACT_REWRITE_UNREGISTER", "PJSUA_CONTACT_REWRITE_NO_UNREG",
    "PJSUA_CONTACT_REWRITE_ALWAYS_UPDATE",
    "PJMEDIA_JB_DISCARD_NONE", "PJMEDIA_JB_DISCARD_STATIC", "PJMEDIA_JB_DISCARD_PROGRESSIVE",
    "PJ_EUNKNOWN", "PJ_EPENDING", "PJ_EINVAL", "PJ_ENAMETOOLONG", "PJ_ENOTFOUND",
    "PJ_ENOMEM", "PJ_ETIMEDOUT", "PJ_ETOOMANY", "PJ_EBUSY", "PJ_ENOTSUP", "PJ_EINVALIDOP",
    "PJ_ECANCELLED", "PJ_EEXISTS", "PJ_EEOF", "PJ_ETOOBIG", "PJ_ERESOLVE", "PJ_ETOOSMALL",
    "PJ_EAFNOTSUP", "PJ_ERRNO_START_SYS", "PJSIP_ESHUTDOWN", "PJSIP_EINVALIDMSG",
    "PJSIP_EMSGTOOLONG", "PJSIP_EINVALIDURI", "PJSIP_EINVALIDSCHEME",
    "PJSIP_EUNSUPTRANSPORT", "PJSIP_ENOTSX", "PJLIB_UTIL_EINJSON",
}
