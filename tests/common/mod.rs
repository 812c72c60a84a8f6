//! Test helpers: the RFC 4475 expectation table, the configs of
//! tests/interop/pjsua2_json_fixtures.py built in Rust, the fixture directories, and the
//! real peers of the interop tests (kamailio, sipp, baresip).
#![allow(dead_code)] // each test crate uses a different part

pub mod account_sim;
pub mod baresip;
pub mod digest;
pub mod dnsmasq;
pub mod ipv6;
pub mod kamailio;
pub mod rfc4475;
pub mod sim;
pub mod sipp;
pub mod wav;

use pjsua2rs::ua::config::lists::{push_counted, set_counted, set_str_list};
use pjsua2rs::ua::config::*;
use pjsua2rs::ua::fixed_str::FixedStr;
use pjsua2rs::ua::json::{JsonDocument, JsonLayout, PJSUA2RS_JSON_ROOT};
use std::fs;
use std::io::ErrorKind;
use std::os::raw::c_char;
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};

/// The same tricky string as the Python script's TRICKY.
pub const TRICKY: &str = "Q\"uote\\ back/slash \t tab \u{e9}t\u{e9} \u{20ac}";

/// The fixtures the real PJSUA2 2.15.1 wrote.
pub fn pjsua2_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/data/json/pjsua2-2.15.1")
}

/// The latest-layout examples of PJSUA2-API.md §3 (pjproject master).
pub fn latest_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/data/json/latest")
}

/// Reads a fixture.
pub fn fixture(dir: PathBuf, name: &str) -> String {
    std::fs::read_to_string(dir.join(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
}

/// Sets a string field.
pub fn set(field: &mut [c_char], s: &str) {
    field.set_str(s, "test field").unwrap();
}

fn header(name: &str, value: &str) -> SipHeader {
    let mut h = SipHeader::default();
    set(&mut h.hname, name);
    set(&mut h.hvalue, value);
    h
}

fn sock_opt(level: i32, opt_name: i32, opt_val: i32) -> SockOpt {
    SockOpt {
        level,
        opt_name,
        opt_val,
        ..SockOpt::default()
    }
}

/// pjsua2_demo.cpp mainProg2.
pub fn ep_demo() -> EpConfig {
    let mut cfg = EpConfig::default();
    cfg.ua_config.max_calls = 61;
    set(&mut cfg.ua_config.user_agent, "Just JSON Test");
    let ua = &mut cfg.ua_config;
    set_str_list(
        &mut ua.stun_server,
        &mut ua.stun_server_count,
        &["stun1.pjsip.org", "stun2.pjsip.org"],
        "stun_server",
    )
    .unwrap();
    set(&mut cfg.log_config.filename, "THE.LOG");
    cfg
}

/// Every EpConfig field off its default.
pub fn ep_full() -> EpConfig {
    let mut cfg = EpConfig::default();
    let ua = &mut cfg.ua_config;
    ua.max_calls = 32;
    ua.thread_cnt = 0;
    ua.main_thread_only = true;
    set_str_list(
        &mut ua.nameserver,
        &mut ua.nameserver_count,
        &["192.0.2.53", "ns.example.org:5353"],
        "nameserver",
    )
    .unwrap();
    set(
        &mut ua.user_agent,
        &format!("pjsua2rs fixture/1.0 {TRICKY}"),
    );
    set_str_list(
        &mut ua.stun_server,
        &mut ua.stun_server_count,
        &["stun.example.org"],
        "stun_server",
    )
    .unwrap();
    ua.stun_try_ipv6 = true;
    ua.stun_ignore_failure = false;
    ua.nat_type_in_sdp = 2;
    ua.mwi_unsolicited_enabled = false;
    ua.enable_upnp = true;
    set(&mut ua.upnp_if_name, "eth0");
    let log = &mut cfg.log_config;
    log.msg_logging = 0;
    log.level = 3;
    log.console_level = 1;
    log.decor = 4096;
    set(&mut log.filename, "/var/log/pjsua2/app log.txt");
    log.file_flags = 0x1108;
    let med = &mut cfg.med_config;
    med.clock_rate = 48000;
    med.snd_clock_rate = 44100;
    med.channel_count = 2;
    med.audio_frame_ptime = 10;
    med.max_media_ports = 64;
    med.has_ioqueue = false;
    med.thread_cnt = 2;
    med.quality = 4;
    med.ptime = 30;
    med.no_vad = true;
    med.ilbc_mode = 20;
    med.tx_drop_pct = 5;
    med.rx_drop_pct = 7;
    med.ec_options = 3;
    med.ec_tail_len = 0;
    med.snd_rec_latency = 80;
    med.snd_play_latency = 120;
    med.jb_init = 40;
    med.jb_min_pre = 20;
    med.jb_max_pre = 200;
    med.jb_max = 500;
    med.snd_auto_close_time = -1;
    med.vid_preview_enable_native = false;
    med.snd_use_sw_clock = true;
    cfg
}

/// A TLS config with every persisted field set.
pub fn tls_full() -> TlsConfig {
    let mut tls = TlsConfig::default();
    set(&mut tls.ca_list_file, "/etc/ssl/certs/ca-bundle.pem");
    set(&mut tls.cert_file, "/etc/pjsua2/cert.pem");
    set(&mut tls.priv_key_file, "/etc/pjsua2/key.pem");
    set(&mut tls.password, "key \"pass\"");
    set(
        &mut tls.ca_buf,
        "-----BEGIN CERTIFICATE-----\nMIIBszCCAVmgAwIBAgIUQ+ca/A==\n-----END CERTIFICATE-----\n",
    );
    set(
        &mut tls.cert_buf,
        "-----BEGIN CERTIFICATE-----\nMIIBtjCCAVygAwIBAgIUS/cert\n-----END CERTIFICATE-----\n",
    );
    set(
        &mut tls.priv_key_buf,
        "-----BEGIN PRIVATE KEY-----\nMIGHAgEAMBMGByqGSM49AgEG\n-----END PRIVATE KEY-----\n",
    );
    tls.method = PJSUA2RS_TLSV1_2_METHOD;
    set_counted(
        &mut tls.ciphers,
        &mut tls.ciphers_count,
        &[1, 2, 49199],
        "ciphers",
    )
    .unwrap();
    tls.verify_server = true;
    tls.verify_client = true;
    tls.require_client_cert = true;
    tls.msec_timeout = 5000;
    tls.qos_type = PJSUA2RS_QOS_TYPE_BACKGROUND;
    tls.qos_params.flags = PJSUA2RS_QOS_PARAM_HAS_DSCP;
    tls.qos_params.dscp_val = 26;
    tls.qos_ignore_error = false;
    let so = &mut tls.sock_opt_params;
    push_counted(
        &mut so.sock_opts,
        &mut so.sock_opts_count,
        sock_opt(6, 1, 1),
        "s",
    )
    .unwrap();
    tls.sock_opt_ignore_error = false;
    tls.cert_lookup_type = PJSUA2RS_SSL_CERT_LOOKUP_FINGERPRINT;
    set(&mut tls.cert_lookup_keyword, "AB:CD:EF:01");
    tls
}

/// A transport config with every persisted field set.
pub fn transport_full() -> TransportConfig {
    let mut tp = TransportConfig {
        port: 5061,
        port_range: 10,
        ..TransportConfig::default()
    };
    set(&mut tp.public_address, "203.0.113.7");
    set(&mut tp.bound_address, "192.0.2.10");
    tp.qos_type = PJSUA2RS_QOS_TYPE_SIGNALLING;
    tp.qos_params = QosParams {
        flags: 7,
        dscp_val: 46,
        so_prio: 6,
        wmm_prio: 3,
    };
    tp.tls_config = tls_full();
    let so = &mut tp.sock_opt_params;
    set_counted(
        &mut so.sock_opts,
        &mut so.sock_opts_count,
        &[sock_opt(1, 8, 65536), sock_opt(1, 7, 131072)],
        "s",
    )
    .unwrap();
    tp
}

fn cred(scheme: &str, realm: &str, user: &str, data_type: i32, data: &str) -> AuthCredInfo {
    let mut c = AuthCredInfo::default();
    set(&mut c.scheme, scheme);
    set(&mut c.realm, realm);
    set(&mut c.username, user);
    c.data_type = data_type;
    set(&mut c.data, data);
    c
}

/// pjsua2_demo.cpp mainProg: the account of PJSUA2-API.md §3.3.
pub fn account_demo() -> AccountConfig {
    let mut acc = AccountConfig::default();
    set(&mut acc.id_uri, "\"Just Test\" <sip:test@pjsip.org>");
    set(&mut acc.reg_config.registrar_uri, "sip:sip.pjsip.org");
    let reg = &mut acc.reg_config;
    let h = header("X-Header", "User header");
    push_counted(&mut reg.headers, &mut reg.headers_count, h, "h").unwrap();
    let sip = &mut acc.sip_config;
    set_str_list(
        &mut sip.proxies,
        &mut sip.proxies_count,
        &[
            "<sip:sip.pjsip.org;transport=tcp>",
            "<sip:sip.pjsip.org;transport=tls>",
        ],
        "proxies",
    )
    .unwrap();
    let c = cred("digest", "*", "test", 0, "passwd");
    push_counted(&mut sip.auth_creds, &mut sip.auth_creds_count, c, "c").unwrap();
    let tls = &mut acc.media_config.transport_config.tls_config;
    set_counted(&mut tls.ciphers, &mut tls.ciphers_count, &[1, 2, 3], "c").unwrap();
    acc
}

/// Every persisted AccountConfig field of PJSUA2 2.15 off its default.
pub fn account_full() -> AccountConfig {
    let mut acc = AccountConfig {
        priority: 7,
        ..AccountConfig::default()
    };
    set(
        &mut acc.id_uri,
        "\"J\u{f6}hn \\\"Q\\\" Test\" <sip:john/test@pjsip.org>",
    );
    let reg = &mut acc.reg_config;
    set(&mut reg.registrar_uri, "sip:sip.pjsip.org;transport=tls");
    reg.register_on_add = false;
    reg.timeout_sec = 600;
    reg.retry_interval_sec = 120;
    reg.first_retry_interval_sec = 5;
    reg.random_retry_interval_sec = 3;
    reg.delay_before_refresh_sec = 7;
    reg.drop_calls_on_fail = true;
    reg.unreg_wait_msec = 1500;
    reg.proxy_use = PJSUA2RS_REG_USE_OUTBOUND_PROXY;
    set(&mut reg.contact_params, ";+sip.instance=\"<urn:uuid:1>\"");
    let headers = [
        header("X-Header", "User header"),
        header("X-\u{dc}nicode", &format!("v\u{e4}lue / {TRICKY}")),
    ];
    set_counted(&mut reg.headers, &mut reg.headers_count, &headers, "h").unwrap();
    let sip = &mut acc.sip_config;
    set_str_list(
        &mut sip.proxies,
        &mut sip.proxies_count,
        &[
            "<sip:proxy1.pjsip.org;lr>",
            "<sip:proxy2.pjsip.org;transport=tcp;lr>",
        ],
        "proxies",
    )
    .unwrap();
    set(&mut sip.contact_forced, "<sip:john@192.0.2.1:5070>");
    set(&mut sip.contact_params, ";expires=60");
    set(&mut sip.contact_uri_params, ";ob");
    sip.auth_initial_empty = true;
    set(&mut sip.auth_initial_algorithm, "SHA-256");
    sip.transport_id = 2;
    let mut aka = cred(
        "Digest",
        "*",
        "j\u{f6}hn",
        1,
        "0123456789abcdef0123456789abcdef",
    );
    set(&mut aka.aka_k, "k/key");
    set(&mut aka.aka_op, "op\"value");
    set(&mut aka.aka_amf, "amf");
    let creds = [
        cred("digest", "pjsip.org", "john", 0, "s3cr\"et/\\pass"),
        aka,
    ];
    set_counted(&mut sip.auth_creds, &mut sip.auth_creds_count, &creds, "c").unwrap();
    let call = &mut acc.call_config;
    call.hold_type = PJSUA2RS_CALL_HOLD_TYPE_RFC2543;
    call.prack_use = PJSUA2RS_100REL_OPTIONAL;
    call.timer_use = PJSUA2RS_SIP_TIMER_REQUIRED;
    call.timer_min_se_sec = 120;
    call.timer_sess_expires_sec = 900;
    let pres = &mut acc.pres_config;
    pres.publish_enabled = true;
    pres.publish_queue = false;
    pres.publish_shutdown_wait_msec = 500;
    set(&mut pres.pidf_tuple_id, "tuple-1");
    let h = header("X-Pres", "1");
    push_counted(&mut pres.headers, &mut pres.headers_count, h, "h").unwrap();
    acc.mwi_config.enabled = true;
    acc.mwi_config.expiration_sec = 1800;
    let nat = &mut acc.nat_config;
    nat.sip_stun_use = PJSUA2RS_STUN_USE_DISABLED;
    nat.media_stun_use = PJSUA2RS_STUN_USE_DEFAULT;
    nat.sip_upnp_use = PJSUA2RS_UPNP_USE_DISABLED;
    nat.media_upnp_use = PJSUA2RS_UPNP_USE_DISABLED;
    nat.nat64_opt = PJSUA2RS_NAT64_ENABLED;
    nat.ice_enabled = true;
    nat.ice_trickle = PJSUA2RS_ICE_TRICKLE_FULL;
    nat.ice_max_host_cands = 3;
    nat.ice_aggressive_nomination = false;
    nat.ice_nominated_check_delay_msec = 200;
    nat.ice_wait_nomination_timeout_msec = -1;
    nat.ice_no_rtcp = true;
    nat.ice_always_update = false;
    nat.turn_enabled = true;
    set(&mut nat.turn_server, "turn.pjsip.org:3478");
    nat.turn_conn_type = PJSUA2RS_TURN_TP_TCP;
    set(&mut nat.turn_user_name, "turn user");
    nat.turn_password_type = 1;
    set(&mut nat.turn_password, "turn/pass");
    nat.contact_rewrite_use = 2;
    nat.contact_rewrite_method = PJSUA2RS_CONTACT_REWRITE_UNREGISTER;
    nat.via_rewrite_use = 0;
    nat.sdp_nat_rewrite_use = 1;
    nat.sip_outbound_use = 0;
    set(
        &mut nat.sip_outbound_instance_id,
        "<urn:uuid:00000000-0000-0000-0000-000000000001>",
    );
    set(&mut nat.sip_outbound_reg_id, "2");
    nat.udp_ka_interval_sec = 30;
    set(&mut nat.udp_ka_data, "ka\r\n");
    nat.contact_use_src_port = 0;
    let med = &mut acc.media_config;
    med.lock_codec_enabled = false;
    med.stream_ka_enabled = true;
    med.srtp_use = PJSUA2RS_SRTP_MANDATORY;
    med.srtp_secure_signaling = 0;
    let mut c1 = SrtpCrypto::default();
    set(&mut c1.key, "WSJ+Q6fZ+9PRZ0+b2PqYBzEtGYkmEAMeXVMwBCr");
    set(&mut c1.name, "AES_CM_128_HMAC_SHA1_80");
    let mut c2 = SrtpCrypto::default();
    set(&mut c2.key, "c2Vjb25kIGtleQ==");
    set(&mut c2.name, "AES_CM_128_HMAC_SHA1_32");
    c2.flags = PJSUA2RS_SRTP_NO_AUTHENTICATION;
    let srtp = &mut med.srtp_opt;
    set_counted(&mut srtp.cryptos, &mut srtp.cryptos_count, &[c1, c2], "c").unwrap();
    set_counted(&mut srtp.keyings, &mut srtp.keyings_count, &[1, 0], "k").unwrap();
    med.ipv6_use = PJSUA2RS_IPV6_ENABLED;
    med.transport_config = transport_full();
    med.transport_config.port = 5000;
    med.rtcp_mux_enabled = true;
    med.use_loop_med_tp = true;
    med.enable_loopback = true;
    med.rtcp_xr_enabled = true;
    let vid = &mut acc.video_config;
    vid.auto_show_incoming = true;
    vid.auto_transmit_outgoing = true;
    vid.window_flags = 3;
    vid.default_capture_device = 1;
    vid.default_render_device = 2;
    vid.rate_control_method = 1;
    vid.rate_control_bandwidth = 256000;
    vid.start_keyframe_count = 5;
    vid.start_keyframe_interval = 1000;
    acc
}

/// A buddy with every field of PJSUA2 2.15 set.
pub fn buddy_full() -> BuddyConfig {
    let mut b = BuddyConfig {
        subscribe: true,
        ..BuddyConfig::default()
    };
    set(&mut b.uri, "\"B\u{fc}ddy\" <sip:buddy/1@pjsip.org>");
    b
}

/// The members PJSUA2 2.16+ added, set off their defaults (not in the 2.15 fixtures).
pub fn with_newer_members(mut acc: AccountConfig) -> AccountConfig {
    acc.sip_config.use_shared_auth = true;
    acc.sip_config.auto_respond_sip_message = false;
    acc.call_config.siprec_use = PJSUA2RS_SIP_SIPREC_OPTIONAL;
    acc.call_config.siprec_require_label = true;
    acc.call_config.siprec_require_metadata = true;
    acc.nat_config.ice_check_src_addr = 0;
    let nat = &mut acc.nat_config;
    set_str_list(
        &mut nat.ice_manual_host,
        &mut nat.ice_manual_host_count,
        &["203.0.113.9", "198.51.100.2"],
        "ice_manual_host",
    )
    .unwrap();
    acc
}

/// The application document of the Python script's app_document(), with `ep` as its
/// EpConfig, written in the PJSUA2 2.15 layout.
pub fn app_document(ep: EpConfig) -> JsonDocument {
    let mut doc = JsonDocument::new();
    doc.set_layout(JsonLayout::V2_15);
    doc.write_object(PJSUA2RS_JSON_ROOT, &ep).unwrap();
    let tps = doc
        .write_new_array(PJSUA2RS_JSON_ROOT, "transports")
        .unwrap();
    for (ttype, enabled) in [(1.0, true), (2.0, false)] {
        let t = doc.write_new_container(tps, "transport").unwrap();
        doc.write_number(t, "type", ttype).unwrap();
        doc.write_bool(t, "enabled", enabled).unwrap();
        let tc = TransportConfig {
            port: 5060,
            ..TransportConfig::default()
        };
        doc.write_object(t, &tc).unwrap();
    }
    let accs = doc.write_new_array(PJSUA2RS_JSON_ROOT, "accounts").unwrap();
    let a = doc.write_new_container(accs, "account").unwrap();
    doc.write_bool(a, "enabled", true).unwrap();
    doc.write_object(a, &account_demo()).unwrap();
    let buddies = doc.write_new_array(a, "buddies").unwrap();
    doc.write_object(buddies, &buddy_full()).unwrap();
    doc.write_object(buddies, &BuddyConfig::default()).unwrap();
    doc.write_number(PJSUA2RS_JSON_ROOT, "volume", 0.75)
        .unwrap();
    doc.write_number(PJSUA2RS_JSON_ROOT, "ratio", 1.0 / 3.0)
        .unwrap();
    doc.write_number(PJSUA2RS_JSON_ROOT, "big", 1e10).unwrap();
    doc.write_number(PJSUA2RS_JSON_ROOT, "negative", -2.5)
        .unwrap();
    doc.write_number(PJSUA2RS_JSON_ROOT, "tiny", 1e-7).unwrap();
    doc.write_int(PJSUA2RS_JSON_ROOT, "count", -42).unwrap();
    doc.write_string(PJSUA2RS_JSON_ROOT, "note", TRICKY)
        .unwrap();
    doc.write_string_vector(
        PJSUA2RS_JSON_ROOT,
        "recent",
        &["sip:a@example.org", "sip:b@example.org"],
    )
    .unwrap();
    doc.write_string_vector::<&str>(PJSUA2RS_JSON_ROOT, "empty", &[])
        .unwrap();
    let nums = doc.write_new_array(PJSUA2RS_JSON_ROOT, "numbers").unwrap();
    doc.write_number(nums, "", 1.5).unwrap();
    doc.write_number(nums, "", 2.0).unwrap();
    doc.write_bool(nums, "", true).unwrap();
    let named = doc.write_new_array(PJSUA2RS_JSON_ROOT, "named").unwrap();
    doc.write_string(named, "first", "x").unwrap();
    doc.write_bool(named, "second", false).unwrap();
    doc.write_new_container(PJSUA2RS_JSON_ROOT, "emptyObject")
        .unwrap();
    doc.write_new_array(PJSUA2RS_JSON_ROOT, "emptyArray")
        .unwrap();
    doc
}

/// A new empty folder for one run's files, removed on drop.
pub struct TempDir(pub PathBuf);

impl TempDir {
    pub fn new(what: &str) -> TempDir {
        static COUNT: AtomicUsize = AtomicUsize::new(0);
        let n = COUNT.fetch_add(1, Ordering::Relaxed);
        let name = format!("pjsua2rs-{what}-{}-{n}", std::process::id());
        let dir = std::env::temp_dir().join(name);
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
        TempDir(dir)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        if let Err(e) = fs::remove_dir_all(&self.0) {
            if e.kind() != ErrorKind::NotFound {
                eprintln!("{}: {e}", self.0.display());
            }
        }
    }
}
