//! pjsua2rs JSON against the real PJSUA2: the fixtures in tests/data/json/pjsua2-2.15.1
//! were written by PJSUA2 2.15.1 (tests/interop/pjsua2_json_fixtures.py), those in
//! tests/data/json/latest are PJSUA2-API.md §3's examples of the newest layout.

mod common;

use common::*;
use pjsua2rs::ua::config::*;
use pjsua2rs::ua::json::{JsonDocument, JsonLayout, NodeId, Persistent, PJSUA2RS_JSON_ROOT};

const ROOT: NodeId = PJSUA2RS_JSON_ROOT;
use pjsua2rs::ua::status::{PJSUA2RS_ERR_EOF, PJSUA2RS_ERR_INVALID_OP, PJSUA2RS_ERR_JSON};

fn save(layout: JsonLayout, obj: &dyn Persistent) -> String {
    let mut doc = JsonDocument::new();
    doc.set_layout(layout);
    doc.write_object(ROOT, obj).unwrap();
    doc.save_string()
}

fn load<T: Persistent + Clone + Default>(text: &str) -> T {
    let mut doc = JsonDocument::new();
    doc.load_string(text).unwrap();
    let mut obj = T::default();
    doc.read_object(ROOT, &mut obj).unwrap();
    assert!(!doc.has_unread(ROOT).unwrap());
    obj
}

fn load_err<T: Persistent + Clone + Default>(text: &str) -> pjsua2rs::ua::Error {
    let mut doc = JsonDocument::new();
    let r = doc.load_string(text);
    let e = match r {
        Err(e) => e,
        Ok(()) => doc.read_object(ROOT, &mut T::default()).unwrap_err(),
    };
    assert_eq!(e.status, PJSUA2RS_ERR_JSON, "{}", e.reason);
    e
}

/// PJSUA2 2.15's default of MediaConfig.sndUseSwClock was false; 2.16 made it true.
fn ep_as_2_15(mut cfg: EpConfig) -> EpConfig {
    cfg.med_config.snd_use_sw_clock = false;
    cfg
}

#[test]
fn defaults_are_pjsua2s_byte_for_byte() {
    let dir = pjsua2_dir;
    let ep = ep_as_2_15(EpConfig::default());
    assert_eq!(
        save(JsonLayout::V2_15, &ep),
        fixture(dir(), "ep_config_default.json")
    );
    assert_eq!(
        save(JsonLayout::V2_15, &AccountConfig::default()),
        fixture(dir(), "account_config_default.json")
    );
    assert_eq!(
        save(JsonLayout::V2_15, &TransportConfig::default()),
        fixture(dir(), "transport_config_default.json")
    );
    assert_eq!(
        save(JsonLayout::V2_15, &BuddyConfig::default()),
        fixture(dir(), "buddy_config_default.json")
    );
}

#[test]
fn configs_are_written_as_pjsua2_writes_them() {
    let dir = pjsua2_dir;
    for (obj, name) in [
        (
            &ep_as_2_15(ep_demo()) as &dyn Persistent,
            "ep_config_demo.json",
        ),
        (&ep_full(), "ep_config_full.json"),
        (&account_demo(), "account_config_demo.json"),
        (&account_full(), "account_config_full.json"),
        (&transport_full(), "transport_config_full.json"),
        (&buddy_full(), "buddy_config_full.json"),
    ] {
        assert_eq!(save(JsonLayout::V2_15, obj), fixture(dir(), name), "{name}");
    }
}

#[test]
fn latest_layout_matches_the_reference_examples() {
    assert_eq!(
        save(JsonLayout::Latest, &ep_demo()),
        fixture(latest_dir(), "ep_config_demo.json")
    );
    assert_eq!(
        save(JsonLayout::Latest, &account_demo()),
        fixture(latest_dir(), "account_config_demo.json")
    );
    assert_eq!(
        load::<EpConfig>(&fixture(latest_dir(), "ep_config_demo.json")),
        ep_demo()
    );
    assert_eq!(
        load::<AccountConfig>(&fixture(latest_dir(), "account_config_demo.json")),
        account_demo()
    );
}

#[test]
fn intermediate_layouts_add_their_members() {
    let ua = |l| save(l, &UaConfig::default());
    assert!(!ua(JsonLayout::V2_16).contains("noRefersub"));
    assert!(ua(JsonLayout::V2_17).contains("noRefersub"));
    assert!(!ua(JsonLayout::V2_17).contains("accServerAffinityDefault"));
    assert!(ua(JsonLayout::Latest).contains("accServerAffinityDefault"));
    let media = save(JsonLayout::V2_16, &MediaConfig::default());
    assert!(media.contains("\"confThreads\":          1,\n      \"hasIoqueue\""));
    let call = save(JsonLayout::V2_17, &AccountCallConfig::default());
    assert!(call.contains("siprecUse") && !call.contains("siprecRequireLabel"));
    let buddy = save(JsonLayout::V2_16, &BuddyConfig::default());
    assert!(buddy.contains("\"subscribe_dlg_event\":  false"));
}

#[test]
fn pjsua2_fixtures_load_with_the_right_values() {
    let dir = pjsua2_dir;
    let f = |name| fixture(dir(), name);
    assert_eq!(
        load::<EpConfig>(&f("ep_config_default.json")),
        ep_as_2_15(EpConfig::default())
    );
    assert_eq!(
        load::<EpConfig>(&f("ep_config_demo.json")),
        ep_as_2_15(ep_demo())
    );
    assert_eq!(load::<EpConfig>(&f("ep_config_full.json")), ep_full());
    assert_eq!(
        load::<AccountConfig>(&f("account_config_default.json")),
        AccountConfig::default()
    );
    assert_eq!(
        load::<AccountConfig>(&f("account_config_demo.json")),
        account_demo()
    );
    let full = load::<AccountConfig>(&f("account_config_full.json"));
    assert_eq!(full, account_full());
    // Spot checks that do not go through the Rust builders.
    use pjsua2rs::ua::fixed_str::FixedStr;
    assert_eq!(
        full.id_uri.get_str("id").unwrap(),
        "\"Jöhn \\\"Q\\\" Test\" <sip:john/test@pjsip.org>"
    );
    assert_eq!(full.reg_config.headers_count, 2);
    assert_eq!(
        full.reg_config.headers[1].hvalue.get_str("h").unwrap(),
        "välue / Q\"uote\\ back/slash \t tab été €"
    );
    assert_eq!(
        full.sip_config.auth_creds[1].aka_op.get_str("a").unwrap(),
        "op\"value"
    );
    assert_eq!(full.media_config.srtp_opt.cryptos_count, 2);
    assert_eq!(full.media_config.srtp_opt.keyings[..2], [1, 0]);
    assert_eq!(
        full.media_config.transport_config.tls_config.ciphers[2],
        49199
    );
    assert_eq!(full.nat_config.udp_ka_data.get_str("k").unwrap(), "ka\r\n");
    assert_eq!(full.nat_config.ice_wait_nomination_timeout_msec, -1);
    assert_eq!(
        load::<TransportConfig>(&f("transport_config_default.json")),
        TransportConfig::default()
    );
    assert_eq!(
        load::<TransportConfig>(&f("transport_config_full.json")),
        transport_full()
    );
    assert_eq!(
        load::<BuddyConfig>(&f("buddy_config_full.json")),
        buddy_full()
    );
}

#[test]
fn every_fixture_resaves_to_the_same_bytes() {
    let dir = pjsua2_dir;
    fn resave<T: Persistent + Clone + Default>(text: &str) -> String {
        save(JsonLayout::V2_15, &load::<T>(text))
    }
    for name in [
        "ep_config_default.json",
        "ep_config_demo.json",
        "ep_config_full.json",
    ] {
        let text = fixture(dir(), name);
        assert_eq!(resave::<EpConfig>(&text), text, "{name}");
    }
    for name in [
        "account_config_default.json",
        "account_config_demo.json",
        "account_config_full.json",
    ] {
        let text = fixture(dir(), name);
        assert_eq!(resave::<AccountConfig>(&text), text, "{name}");
    }
    for name in [
        "transport_config_default.json",
        "transport_config_full.json",
    ] {
        let text = fixture(dir(), name);
        assert_eq!(resave::<TransportConfig>(&text), text, "{name}");
    }
    for name in ["buddy_config_default.json", "buddy_config_full.json"] {
        let text = fixture(dir(), name);
        assert_eq!(resave::<BuddyConfig>(&text), text, "{name}");
    }
}

#[test]
fn a_loaded_document_saves_as_pjsua2_saves_it() {
    let dir = pjsua2_dir;
    for (name, reloaded) in [
        (
            "account_config_full.json",
            "account_config_full.reloaded.json",
        ),
        ("app_document.json", "app_document.reloaded.json"),
    ] {
        let mut doc = JsonDocument::new();
        doc.load_file(dir().join(name)).unwrap();
        assert_eq!(doc.save_string(), fixture(dir(), reloaded), "{name}");
    }
}

#[test]
fn newest_members_round_trip_in_the_latest_layout() {
    let acc = with_newer_members(account_full());
    let text = save(JsonLayout::Latest, &acc);
    assert!(text.contains("\"iceManualHost\":        [ \"203.0.113.9\", \"198.51.100.2\"]"));
    assert_eq!(load::<AccountConfig>(&text), acc);
    let mut ep = ep_full();
    ep.ua_config.no_refersub = false;
    ep.ua_config.acc_server_affinity_default = true;
    ep.med_config.conf_threads = 4;
    assert_eq!(load::<EpConfig>(&save(JsonLayout::Latest, &ep)), ep);
    let buddy = BuddyConfig {
        subscribe_dlg_event: true,
        ..buddy_full()
    };
    assert_eq!(
        load::<BuddyConfig>(&save(JsonLayout::Latest, &buddy)),
        buddy
    );
}

#[test]
fn generic_nodes_write_as_pjsua2() {
    assert_eq!(
        app_document(ep_as_2_15(ep_demo())).save_string(),
        fixture(pjsua2_dir(), "app_document.json")
    );
}

#[test]
fn generic_nodes_read_sequentially() {
    let mut doc = JsonDocument::new();
    doc.load_file(pjsua2_dir().join("app_document.json"))
        .unwrap();
    assert_eq!(doc.unread_name(ROOT).unwrap(), "EpConfig");
    let mut ep = EpConfig::default();
    doc.read_object(ROOT, &mut ep).unwrap();
    assert_eq!(ep, ep_as_2_15(ep_demo()));
    let tps = doc.read_array(ROOT, "transports").unwrap();
    let mut seen = Vec::new();
    while doc.has_unread(tps).unwrap() {
        let t = doc.read_container(tps, "").unwrap();
        let ttype = doc.read_number(t, "type").unwrap();
        let enabled = doc.read_bool(t, "enabled").unwrap();
        let mut tc = TransportConfig::default();
        doc.read_object(t, &mut tc).unwrap();
        seen.push((ttype, enabled, tc.port));
    }
    assert_eq!(seen, [(1.0, true, 5060), (2.0, false, 5060)]);
    let accs = doc.read_array(ROOT, "accounts").unwrap();
    let a = doc.read_container(accs, "account").unwrap();
    assert!(doc.read_bool(a, "enabled").unwrap());
    let mut acc = AccountConfig::default();
    doc.read_object(a, &mut acc).unwrap();
    assert_eq!(acc, account_demo());
    let buddies = doc.read_array(a, "buddies").unwrap();
    let mut b = BuddyConfig::default();
    doc.read_object(buddies, &mut b).unwrap();
    assert_eq!(b, buddy_full());
    doc.read_object(buddies, &mut b).unwrap();
    assert_eq!(b, BuddyConfig::default());
    assert!(!doc.has_unread(buddies).unwrap());
    assert_eq!(doc.read_number(ROOT, "volume").unwrap(), 0.75);
    assert!((doc.read_number(ROOT, "ratio").unwrap() - 1.0 / 3.0).abs() < 1e-6);
    assert_eq!(doc.read_number(ROOT, "big").unwrap(), 1e10);
    assert_eq!(doc.read_number(ROOT, "negative").unwrap(), -2.5);
    assert_eq!(doc.read_number(ROOT, "tiny").unwrap(), 0.0); // "%f" keeps 6 decimals
    assert_eq!(doc.read_int(ROOT, "count").unwrap(), -42);
    assert_eq!(doc.read_string(ROOT, "note").unwrap(), TRICKY);
    assert_eq!(
        doc.read_string_vector(ROOT, "recent").unwrap(),
        ["sip:a@example.org", "sip:b@example.org"]
    );
    assert!(doc.read_string_vector(ROOT, "empty").unwrap().is_empty());
    let nums = doc.read_array(ROOT, "numbers").unwrap();
    assert_eq!(doc.read_number(nums, "").unwrap(), 1.5);
    assert_eq!(doc.read_int(nums, "ignored in arrays").unwrap(), 2);
    assert!(doc.read_bool(nums, "").unwrap());
    assert_eq!(
        doc.read_number(nums, "").unwrap_err().status,
        PJSUA2RS_ERR_EOF
    );
    let named = doc.read_array(ROOT, "named").unwrap();
    assert_eq!(doc.unread_name(named).unwrap(), "");
    assert_eq!(doc.read_string(named, "").unwrap(), "x");
    assert!(!doc.read_bool(named, "").unwrap());
    let empty = doc.read_container(ROOT, "emptyObject").unwrap();
    assert!(!doc.has_unread(empty).unwrap());
    doc.read_array(ROOT, "emptyArray").unwrap();
    assert!(!doc.has_unread(ROOT).unwrap());
    assert_eq!(doc.unread_name(ROOT).unwrap_err().status, PJSUA2RS_ERR_EOF);
}

#[test]
fn reading_is_order_tolerant_and_keeps_missing_members() {
    let text = r#"{"AccountConfig": {
        "AccountRegConfig": {"timeoutSec": 60, "unknown": [1, {"x": null}]},
        "idUri": "sip:a@b",
        "extra": {"AccountRegConfig": {"timeoutSec": 1}},
        "AccountMediaConfig": {"TransportConfig": {"port": 4002}}
    }}"#;
    let acc = load::<AccountConfig>(text);
    let mut want = AccountConfig::default();
    want.reg_config.timeout_sec = 60;
    set(&mut want.id_uri, "sip:a@b");
    want.media_config.transport_config.port = 4002;
    assert_eq!(acc, want);
}

#[test]
fn several_objects_of_one_class_read_in_order() {
    let mut doc = JsonDocument::new();
    let mut a = BuddyConfig::default();
    set(&mut a.uri, "sip:a@x");
    let mut b = BuddyConfig::default();
    set(&mut b.uri, "sip:b@x");
    doc.write_object(ROOT, &a).unwrap();
    doc.write_object(ROOT, &b).unwrap();
    let mut loaded = JsonDocument::new();
    loaded.load_string(&doc.save_string()).unwrap();
    let mut got = BuddyConfig::default();
    loaded.read_object(ROOT, &mut got).unwrap();
    assert_eq!(got, a);
    loaded.read_object(ROOT, &mut got).unwrap();
    assert_eq!(got, b);
    let e = loaded.read_object(ROOT, &mut got).unwrap_err();
    assert_eq!(e.status, PJSUA2RS_ERR_EOF);
    assert_eq!(got, b, "a failed read leaves the object unchanged");
}

#[test]
fn errors_name_the_member() {
    let acc = fixture(pjsua2_dir(), "account_config_full.json");
    let cases: Vec<(String, &str)> = vec![
        (
            acc.replace("\"timeoutSec\":           600", "\"timeoutSec\": \"600\""),
            "AccountConfig.AccountRegConfig.timeoutSec: expected a number, got a string",
        ),
        (
            acc.replace("\"registerOnAdd\":        false", "\"registerOnAdd\": 0"),
            "AccountConfig.AccountRegConfig.registerOnAdd: expected a bool, got a number",
        ),
        (
            acc.replace("\"timeoutSec\":           600", "\"timeoutSec\": -1"),
            "AccountConfig.AccountRegConfig.timeoutSec: -1 is out of range",
        ),
        (
            acc.replace("\"port\":                 5000", "\"port\": 5000.5"),
            "AccountConfig.AccountMediaConfig.TransportConfig.port: 5000.5 is out of range",
        ),
        (
            acc.replace("\"qos.dscp_val\":         46", "\"qos.dscp_val\": 256"),
            "AccountConfig.AccountMediaConfig.TransportConfig.qosParams.qos.dscp_val: 256 is out of range",
        ),
        (
            acc.replace("\"priority\":             7", "\"priority\": 1e10"),
            "AccountConfig.priority: 10000000000 is out of range",
        ),
        (
            acc.replace("sip:sip.pjsip.org;transport=tls", &"x".repeat(600)),
            "AccountConfig.AccountRegConfig.registrarUri: string of 600 bytes is too long (at most 511)",
        ),
        (
            acc.replace("\"hname\":                \"X-Pres\"", "\"hname\": 5"),
            "AccountConfig.AccountPresConfig.headers[0].hname: expected a string, got a number",
        ),
        (
            acc.replace("\"username\":             \"john\"", "\"username\": [\"john\"]"),
            "AccountConfig.AccountSipConfig.authCreds[0].username: expected a string, got an array",
        ),
        (
            acc.replace(
                "\"proxies\":              [ ",
                "\"proxies\": [\"1\",\"2\",\"3\",\"4\",\"5\",\"6\",\"7\", ",
            ),
            "AccountConfig.AccountSipConfig.proxies: too many elements (9; at most 8)",
        ),
        (
            acc.replace("\"proxies\":              [ \"", "\"proxies\": [ 1, \""),
            "AccountConfig.AccountSipConfig.proxies[0]: expected a string, got a number",
        ),
        (
            acc.replace("\"keyings\":              [ ", "\"keyings\": [ \"x\", "),
            "AccountConfig.AccountMediaConfig.SrtpOpt.keyings: too many elements (3; at most 2)",
        ),
        (
            acc.replace(
                "\"AES_CM_128_HMAC_SHA1_32\",\n               2\n",
                "\"AES_CM_128_HMAC_SHA1_32\"\n",
            ),
            "AccountConfig.AccountMediaConfig.SrtpOpt.cryptos: expected [key, name, flags] triples, got 5 elements",
        ),
        (
            acc.replace("\"AccountNatConfig\":     {", "\"AccountNatConfig\": [1], \"x\": {"),
            "AccountConfig.AccountNatConfig: expected an object, got an array",
        ),
        (
            acc.replace("\"priority\":             7,", "\"priority\": 7"),
            "malformed JSON: expected `,` or `}` at line 4 column 7",
        ),
    ];
    for (text, want) in cases {
        let e = load_err::<AccountConfig>(&text);
        assert!(e.reason.contains(want), "want {want:?}, got {:?}", e.reason);
    }
    let e = load_err::<EpConfig>("{\"EpConfig\": {\"UaConfig\": {\"maxCalls\": \"4\"}}}");
    assert_eq!(
        e.reason,
        "EpConfig.UaConfig.maxCalls: expected a number, got a string"
    );
    let e = load_err::<EpConfig>("{\"AccountConfig\": {}}");
    assert_eq!(e.reason, "EpConfig: no unread member with this name");
}

#[test]
fn a_document_loads_once() {
    let mut doc = JsonDocument::new();
    doc.load_string("{}").unwrap();
    let e = doc.load_string("{}").unwrap_err();
    assert_eq!(e.status, PJSUA2RS_ERR_INVALID_OP);
    let mut written = JsonDocument::new();
    written.write_int(ROOT, "a", 1).unwrap();
    assert_eq!(
        written.load_string("{}").unwrap_err().status,
        PJSUA2RS_ERR_INVALID_OP
    );
    let mut doc = JsonDocument::new();
    let e = doc.load_file("/nonexistent/pjsua2rs.json").unwrap_err();
    assert_eq!(e.status, pjsua2rs::ua::status::PJSUA2RS_ERR_NOT_FOUND);
}
