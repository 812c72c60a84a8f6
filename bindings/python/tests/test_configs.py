"""Config objects: PJSUA2's names and defaults (compared with the real PJSUA2), nested
members that are live, vectors that behave like PJSUA2's, and checked assignments."""
import json
import os

import pytest
from conftest import REPO, needs_pjsua2, run_pjsua2

import pjsua2rs as pj

# PJSUA2 fills the Account*Config defaults only inside AccountConfig's constructor
# (pjsua_acc_config_default); built alone, their members are zero or uninitialised. So
# they are compared as members of AccountConfig, and alone only by name.
STANDALONE_DEFAULTS = [
    "EpConfig", "UaConfig", "LogConfig", "MediaConfig", "TransportConfig", "TlsConfig",
    "SockOpt", "SockOptParams", "AccountConfig", "AccountCallConfig", "SrtpOpt",
    "SrtpCrypto", "BuddyConfig", "AuthCredInfo", "SipHeader"]
CONFIG_CLASSES = [
    "EpConfig", "UaConfig", "LogConfig", "MediaConfig", "TransportConfig", "TlsConfig",
    "SockOpt", "SockOptParams", "AccountConfig", "AccountRegConfig", "AccountSipConfig",
    "AccountCallConfig", "AccountPresConfig", "AccountMwiConfig", "AccountNatConfig",
    "AccountMediaConfig", "AccountVideoConfig", "AccountIpChangeConfig", "SrtpOpt",
    "SrtpCrypto", "BuddyConfig", "AuthCredInfo", "SipHeader"]

# PJSUA2 members the C ABI does not carry (yet): AccountMediaConfig.rtcpFbConfig (RTCP
# feedback capabilities; PJSUA2 does not save it in JSON either).
KNOWN_MISSING = {("AccountMediaConfig", "rtcpFbConfig")}
# Defaults that differ from PJSUA2 2.15.1 on purpose: pjsua2rs follows the newest PJSUA2,
# where MediaConfig.sndUseSwClock became true (2.16).
KNOWN_DIFFERENT = {("MediaConfig", "sndUseSwClock"): (False, True)}


def dump(obj):
    """Our config object as plain values, as pjsua2_dump.py dumps PJSUA2's."""
    if hasattr(obj, "_field_names"):
        return {name: dump(getattr(obj, name)) for name in obj._field_names}
    if isinstance(obj, (bool, int, str)) or obj is None:
        return obj
    return [dump(x) for x in obj]


@pytest.fixture(scope="module")
def pjsua2_dump():
    return run_pjsua2("pjsua2_dump.py")


@needs_pjsua2
@pytest.mark.parametrize("name", STANDALONE_DEFAULTS)
def test_defaults_equal_pjsua2_member_by_member(pjsua2_dump, name):
    theirs = pjsua2_dump["values"][name]
    ours = dump(getattr(pj, name)())
    compared = 0

    def compare(cls_name, t, o, path):
        nonlocal compared
        for member, value in t.items():
            if (cls_name, member) in KNOWN_MISSING:
                continue
            assert member in o, f"{path}.{member} is missing"
            mine = o[member]
            if (cls_name, member) in KNOWN_DIFFERENT:
                assert (value, mine) == KNOWN_DIFFERENT[(cls_name, member)], path
            elif isinstance(value, dict):
                compare(type(getattr(getattr(pj, cls_name)(), member)).__name__, value, mine,
                        f"{path}.{member}")
            else:
                assert mine == value, f"{path}.{member}: ours {mine!r}, PJSUA2 {value!r}"
                compared += 1

    compare(name, theirs, ours, name)
    assert compared > 0


def test_defaults_without_pjsua2():
    """The same defaults, from PJSUA2-API.md section 2, for machines without the wheel."""
    ep = pj.EpConfig()
    assert (ep.uaConfig.maxCalls, ep.uaConfig.threadCnt, ep.uaConfig.stunIgnoreFailure) \
        == (4, 1, True)
    assert (ep.logConfig.level, ep.logConfig.consoleLevel, ep.logConfig.decor) == (5, 4, 25328)
    assert (ep.medConfig.clockRate, ep.medConfig.jbDiscardAlgo, ep.medConfig.jbInit) \
        == (16000, pj.PJMEDIA_JB_DISCARD_PROGRESSIVE, -1)
    acc = pj.AccountConfig()
    assert acc.mediaConfig.transportConfig.port == 4000
    assert pj.TransportConfig().port == 0
    assert acc.sipConfig.transportId == -1
    assert (acc.callConfig.timerUse, acc.callConfig.timerMinSESec) == (1, 90)
    assert acc.natConfig.udpKaData == "\r\n"
    assert acc.regConfig.proxyUse == 3
    assert acc.videoConfig.defaultRenderDevice == -2
    cred = pj.AuthCredInfo()
    assert (cred.scheme, cred.realm, cred.dataType) == ("digest", "*", 0)
    assert (pj.TlsConfig().proto, pj.TlsConfig().enableRenegotiation) == (28, True)


@needs_pjsua2
def test_member_names_exist_in_pjsua2():
    """Every member we show that PJSUA2 2.15.1 also has is spelled as PJSUA2 spells it:
    the wheel's names are a subset of ours (newer members and pjsua2rs's own aside)."""
    import subprocess
    import sys
    code = ("import json, pjsua2 as pj; print(json.dumps({c: [n for n in dir(getattr(pj, c)) "
            "if not n.startswith('_')] for c in %r}))" % CONFIG_CLASSES)
    theirs = json.loads(subprocess.run([sys.executable, "-c", code], capture_output=True,
                                       text=True, check=True).stdout)
    for name in CONFIG_CLASSES:
        ours = set(dir(getattr(pj, name)))
        missing = {m for m in theirs[name] if m not in ours
                   and (name, m) not in KNOWN_MISSING and m != "this" and m != "thisown"}
        assert not missing, f"{name} lacks {sorted(missing)}"


def json_keys_are_members(obj, tree, path):
    """Walks a PJSUA2 JSON object next to our config object: every key names a member
    (nested objects appear under their class name)."""
    for key, value in tree.items():
        if isinstance(value, dict) and key != "qosParams":  # qosParams has "qos.*" keys
            nested = [n for n in obj._field_names
                      if type(getattr(obj, n)).__name__ == key]
            assert len(nested) == 1, f"{path}: no member of class {key}"
            json_keys_are_members(getattr(obj, nested[0]), value, f"{path}.{key}")
        else:
            assert key in obj._field_names, f"{path}.{key} is not a member"


@pytest.mark.parametrize("fixture,cls", [
    ("latest/ep_config_demo.json", "EpConfig"),
    ("latest/account_config_demo.json", "AccountConfig"),
    ("pjsua2-2.15.1/transport_config_full.json", "TransportConfig"),
    ("pjsua2-2.15.1/buddy_config_full.json", "BuddyConfig"),
])
def test_member_names_match_pjsua2_json_keys(fixture, cls):
    """The JSON keys are PJSUA2's member names, also for members newer than the wheel."""
    with open(os.path.join(REPO, "tests", "data", "json", fixture)) as f:
        tree = json.load(f)[cls]
    json_keys_are_members(getattr(pj, cls)(), tree, cls)


def test_nested_members_are_live():
    ep_cfg = pj.EpConfig()
    ep_cfg.uaConfig.threadCnt = 0
    ep_cfg.uaConfig.mainThreadOnly = True
    ua = ep_cfg.uaConfig
    ua.userAgent = "agent/1.0"
    assert (ep_cfg.uaConfig.threadCnt, ep_cfg.uaConfig.mainThreadOnly) == (0, True)
    assert ep_cfg.uaConfig.userAgent == "agent/1.0"
    acc = pj.AccountConfig()
    acc.mediaConfig.transportConfig.tlsConfig.qosParams.dscp_val = 46
    assert acc.mediaConfig.transportConfig.tlsConfig.qosParams.dscp_val == 46
    # Assigning a nested member copies it; the copy is independent of its source.
    tc = pj.TransportConfig()
    tc.port = 7000
    acc.mediaConfig.transportConfig = tc
    tc.port = 7001
    assert acc.mediaConfig.transportConfig.port == 7000


def test_nested_member_outlives_its_parent_reference():
    ua = pj.EpConfig().uaConfig  # the EpConfig is only referenced through the view
    ua.maxCalls = 9
    assert ua.maxCalls == 9


def test_string_vectors_behave_like_pjsua2s():
    cfg = pj.EpConfig()
    servers = cfg.uaConfig.stunServer
    assert len(servers) == 0 and servers.empty()
    servers.append("stun1.example.org")
    cfg.uaConfig.stunServer.push_back("stun2.example.org:3479")
    assert list(cfg.uaConfig.stunServer) == ["stun1.example.org", "stun2.example.org:3479"]
    assert cfg.uaConfig.stunServer[1] == "stun2.example.org:3479"
    assert cfg.uaConfig.stunServer[-1] == "stun2.example.org:3479"
    assert cfg.uaConfig.stunServer.size() == 2
    cfg.uaConfig.stunServer[0] = "stun0.example.org"
    cfg.uaConfig.stunServer.insert(0, "first")
    del cfg.uaConfig.stunServer[1]
    assert [s for s in cfg.uaConfig.stunServer] == ["first", "stun2.example.org:3479"]
    cfg.uaConfig.stunServer = ["a", "b", "c"]
    assert cfg.uaConfig.stunServer == ["a", "b", "c"]
    assert cfg.uaConfig.stunServer[0:2] == ["a", "b"]
    cfg.uaConfig.stunServer = pj.StringVector(["x"])
    assert cfg.uaConfig.stunServer == ["x"]
    cfg.uaConfig.stunServer.clear()
    assert len(cfg.uaConfig.stunServer) == 0
    with pytest.raises(IndexError):
        cfg.uaConfig.stunServer[0]


def test_struct_vectors_hold_copies_and_give_live_elements():
    acc = pj.AccountConfig()
    cred = pj.AuthCredInfo("digest", "example.org", "alice", 0, "secret")
    acc.sipConfig.authCreds.append(cred)
    cred.username = "changed later"
    assert acc.sipConfig.authCreds[0].username == "alice"
    acc.sipConfig.authCreds[0].username = "alice2"  # elements are live
    assert acc.sipConfig.authCreds[0].username == "alice2"
    h = pj.SipHeader()
    h.hName, h.hValue = "X-A", "1"
    acc.regConfig.headers.append(h)
    h.hName, h.hValue = "X-B", "2"
    acc.regConfig.headers.append(h)
    assert [(x.hName, x.hValue) for x in acc.regConfig.headers] == [("X-A", "1"), ("X-B", "2")]
    # Reassigning a vector from its own (reversed) elements is safe.
    acc.regConfig.headers = list(acc.regConfig.headers)[::-1]
    assert [x.hName for x in acc.regConfig.headers] == ["X-B", "X-A"]
    acc.mediaConfig.transportConfig.tlsConfig.ciphers = [1, 2, 49199]
    assert list(acc.mediaConfig.transportConfig.tlsConfig.ciphers) == [1, 2, 49199]
    with pytest.raises(TypeError):
        acc.sipConfig.authCreds.append(h)


def test_too_long_string_raises_error_naming_the_field():
    acc = pj.AccountConfig()
    acc.idUri = "sip:" + "a" * 500  # 504 bytes fit in 512
    with pytest.raises(pj.Error) as e:
        acc.idUri = "sip:" + "a" * 508
    assert e.value.status == pj.PJ_ENAMETOOLONG
    assert e.value.title == "AccountConfig.idUri"
    assert "511" in e.value.reason
    assert acc.idUri == "sip:" + "a" * 500  # unchanged
    with pytest.raises(pj.Error) as e:
        acc.regConfig.registrarUri = "\u20ac" * 171  # 513 bytes of UTF-8
    assert e.value.title == "AccountRegConfig.registrarUri"
    with pytest.raises(pj.Error) as e:
        pj.EpConfig().uaConfig.stunServer.append("x" * 256)
    assert e.value.title == "UaConfig.stunServer"


def test_too_many_elements_raises_error_naming_the_field():
    cfg = pj.EpConfig()
    cfg.uaConfig.nameserver = ["192.0.2.%d" % i for i in range(pj.PJSUA2RS_MAX_NAMESERVERS)]
    with pytest.raises(pj.Error) as e:
        cfg.uaConfig.nameserver.append("192.0.2.99")
    assert e.value.status == pj.PJ_ETOOMANY
    assert e.value.title == "UaConfig.nameserver"
    with pytest.raises(pj.Error):
        cfg.uaConfig.stunServer = ["s"] * (pj.PJSUA2RS_MAX_STUN_SERVERS + 1)
    assert len(cfg.uaConfig.stunServer) == 0  # nothing changed


def test_wrong_types_and_ranges_raise_like_swig():
    ua = pj.UaConfig()
    with pytest.raises(OverflowError):
        ua.maxCalls = -1
    with pytest.raises(TypeError):
        ua.maxCalls = "4"
    with pytest.raises(TypeError):
        ua.userAgent = 5
    with pytest.raises(TypeError):
        pj.EpConfig().uaConfig = pj.LogConfig()
    with pytest.raises(TypeError):
        pj.LogConfig().writer = 5
    qos = pj.pj_qos_params()
    with pytest.raises(OverflowError):
        qos.dscp_val = 256


def test_auth_cred_info_constructor_and_sock_opt():
    cred = pj.AuthCredInfo("digest", "realm", "bob", pj.PJSIP_CRED_DATA_DIGEST, "ha1")
    assert (cred.scheme, cred.realm, cred.username, cred.dataType, cred.data) == \
        ("digest", "realm", "bob", 1, "ha1")
    with pytest.raises(TypeError):
        pj.AuthCredInfo("digest", "realm")
    so = pj.SockOpt()
    so.level, so.optName = 1, 8
    so.setOptValInt(65536)
    assert (so.optVal, so.optLen) == (65536, 4)


def test_unicode_round_trips():
    b = pj.BuddyConfig()
    b.uri = "sip:j\u00f6rg@example.org"
    assert b.uri == "sip:j\u00f6rg@example.org"
    with pytest.raises(pj.Error) as e:
        b.uri = "sip:a\0b"
    assert e.value.status == pj.PJ_EINVAL


def test_constants_have_pjsua2_names_and_values():
    assert (pj.PJSIP_TRANSPORT_UDP, pj.PJSIP_TRANSPORT_TCP, pj.PJSIP_TRANSPORT_UDP6,
            pj.PJSIP_TRANSPORT_TCP6) == (1, 2, 129, 130)
    assert (pj.PJSUA_STATE_NULL, pj.PJSUA_STATE_RUNNING) == (0, 4)
    assert pj.PJ_SUCCESS == 0 and pj.PJSIP_SC_OK == 200
    assert pj.PJ_LOG_HAS_SENDER | pj.PJ_LOG_HAS_TIME | pj.PJ_LOG_HAS_MICRO_SEC | \
        pj.PJ_LOG_HAS_NEWLINE | pj.PJ_LOG_HAS_SPACE | pj.PJ_LOG_HAS_THREAD_SWC | \
        pj.PJ_LOG_HAS_INDENT == pj.EpConfig().logConfig.decor
    assert pj.PJSUA2RS_ERR_INVALID_HANDLE == 900001


@needs_pjsua2
def test_constants_equal_pjsua2s():
    import subprocess
    import sys
    from pjsua2rs import _names
    names = [n for _, items in _names.ENUMS for n, _ in items if n not in _names.EXTRA_NAMES]
    code = "import json, pjsua2 as pj; print(json.dumps({n: getattr(pj, n) for n in %r}))" \
        % names
    theirs = json.loads(subprocess.run([sys.executable, "-c", code], capture_output=True,
                                       text=True, check=True).stdout)
    assert {n: getattr(pj, n) for n in names} == theirs
    for n in _names.EXTRA_NAMES:
        assert hasattr(pj, n)
