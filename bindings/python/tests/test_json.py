"""JSON persistence: our documents are byte-for-byte what the real PJSUA2 writes, files
the real PJSUA2 wrote load, and an application's PersistentObject round-trips."""
import os

import pytest
from conftest import REPO, needs_pjsua2, run_pjsua2

import pjsua2rs as pj

FIXTURES = os.path.join(REPO, "tests", "data", "json", "pjsua2-2.15.1")
# The string tests/interop/pjsua2_json_fixtures.py uses to exercise escaping.
TRICKY = "Q\"uote\\ back/slash \t tab \u00e9t\u00e9 \u20ac"


def fixture(name):
    with open(os.path.join(FIXTURES, name), encoding="utf-8") as f:
        return f.read()


def as_pjsua2_2_15(obj):
    """A config adjusted to PJSUA2 2.15.1's defaults where the newest PJSUA2 (which we
    follow) changed them: MediaConfig.sndUseSwClock was false before 2.16."""
    if isinstance(obj, pj.EpConfig):
        obj.medConfig.sndUseSwClock = False
    return obj


def save_2_15(*objs):
    doc = pj.JsonDocument()
    doc.setLayout(pj.PJSUA2RS_JSON_LAYOUT_2_15)
    for obj in objs:
        doc.writeObject(obj)
    return doc.saveString()


DEFAULTS = [("EpConfig", "ep_config_default.json"),
            ("AccountConfig", "account_config_default.json"),
            ("TransportConfig", "transport_config_default.json"),
            ("BuddyConfig", "buddy_config_default.json")]


@pytest.mark.parametrize("cls,name", DEFAULTS)
def test_default_configs_save_as_pjsua2_2_15_1_files(cls, name):
    assert save_2_15(as_pjsua2_2_15(getattr(pj, cls)())) == fixture(name)


@needs_pjsua2
@pytest.mark.parametrize("cls,name", DEFAULTS)
def test_default_configs_save_as_the_installed_pjsua2(cls, name):
    theirs = run_pjsua2("pjsua2_dump.py")
    assert theirs["version"].startswith("2.15."), "compare with the matching layout"
    assert save_2_15(as_pjsua2_2_15(getattr(pj, cls)())) == theirs["json"][cls]


@pytest.mark.parametrize("cls,name", [
    ("EpConfig", "ep_config_demo.json"), ("EpConfig", "ep_config_full.json"),
    ("AccountConfig", "account_config_demo.json"),
    ("AccountConfig", "account_config_full.json"),
    ("TransportConfig", "transport_config_full.json"),
    ("BuddyConfig", "buddy_config_full.json")])
def test_files_written_by_pjsua2_load_and_save_back_identically(cls, name, tmp_path):
    doc = pj.JsonDocument()
    doc.loadFile(os.path.join(FIXTURES, name))
    cfg = getattr(pj, cls)()
    doc.readObject(cfg)
    assert not doc.hasUnread()
    assert save_2_15(cfg) == fixture(name)
    # and through a file
    out = pj.JsonDocument()
    out.setLayout(pj.PJSUA2RS_JSON_LAYOUT_2_15)
    out.writeObject(cfg)
    path = str(tmp_path / "saved.json")
    out.saveFile(path)
    with open(path, encoding="utf-8") as f:
        assert f.read() == fixture(name)


def test_loaded_values_reach_the_config_objects():
    doc = pj.JsonDocument()
    doc.loadString(fixture("ep_config_demo.json"))
    ep = pj.EpConfig()
    doc.readObject(ep)
    assert ep.uaConfig.maxCalls == 61
    assert ep.uaConfig.userAgent == "Just JSON Test"
    assert list(ep.uaConfig.stunServer) == ["stun1.pjsip.org", "stun2.pjsip.org"]
    assert ep.logConfig.filename == "THE.LOG"
    doc = pj.JsonDocument()
    doc.loadFile(os.path.join(FIXTURES, "account_config_full.json"))
    acc = pj.AccountConfig()
    doc.readObject(acc)
    assert acc.idUri == "\"J\u00f6hn \\\"Q\\\" Test\" <sip:john/test@pjsip.org>"
    assert [c.username for c in acc.sipConfig.authCreds] == ["john", "j\u00f6hn"]
    assert acc.sipConfig.authCreds[0].data == "s3cr\"et/\\pass"
    assert acc.regConfig.headers[1].hValue == "v\u00e4lue / " + TRICKY
    assert [c.name for c in acc.mediaConfig.srtpOpt.cryptos] == \
        ["AES_CM_128_HMAC_SHA1_80", "AES_CM_128_HMAC_SHA1_32"]
    assert list(acc.mediaConfig.srtpOpt.keyings) == [1, 0]
    assert acc.mediaConfig.transportConfig.port == 5000
    assert acc.natConfig.udpKaData == "ka\r\n"


def ep_demo():
    cfg = as_pjsua2_2_15(pj.EpConfig())
    cfg.uaConfig.maxCalls = 61
    cfg.uaConfig.userAgent = "Just JSON Test"
    cfg.uaConfig.stunServer.append("stun1.pjsip.org")
    cfg.uaConfig.stunServer.append("stun2.pjsip.org")
    cfg.logConfig.filename = "THE.LOG"
    return cfg


class Transport(pj.PersistentObject):
    """An application object: a transport entry of a pygui-like settings file."""

    def __init__(self, type=1, enabled=True, port=5060):  # noqa: A002
        self.type, self.enabled = type, enabled
        self.config = pj.TransportConfig()
        self.config.port = port

    def writeObject(self, node):
        t = node.writeNewContainer("transport")
        t.writeNumber("type", self.type)
        t.writeBool("enabled", self.enabled)
        t.writeObject(self.config)

    def readObject(self, node):
        t = node.readContainer("transport")
        self.type = int(t.readNumber("type"))
        self.enabled = t.readBool("enabled")
        t.readObject(self.config)


class Settings(pj.PersistentObject):
    """An application's settings document, as PJSUA2's pygui keeps them."""

    def __init__(self):
        self.ep = ep_demo()
        self.transports = [Transport(1, True, 5060), Transport(2, False, 5060)]
        self.account_enabled = True
        self.account = pj.AccountConfig()
        self.buddies = [pj.BuddyConfig(), pj.BuddyConfig()]
        self.volume = 0.75
        self.count = -42
        self.note = TRICKY
        self.recent = ["sip:a@example.org", "sip:b@example.org"]

    def writeObject(self, node):
        node.writeObject(self.ep)
        tps = node.writeNewArray("transports")
        for t in self.transports:
            t.writeObject(tps)
        accs = node.writeNewArray("accounts")
        a = accs.writeNewContainer("account")
        a.writeBool("enabled", self.account_enabled)
        a.writeObject(self.account)
        buddies = a.writeNewArray("buddies")
        for b in self.buddies:
            buddies.writeObject(b)
        node.writeNumber("volume", self.volume)
        node.writeInt("count", self.count)
        node.writeString("note", self.note)
        node.writeStringVector("recent", self.recent)

    def readObject(self, node):
        node.readObject(self.ep)
        tps = node.readArray("transports")
        self.transports = []
        while tps.hasUnread():
            t = Transport()
            t.readObject(tps)
            self.transports.append(t)
        a = node.readArray("accounts").readContainer("account")
        self.account_enabled = a.readBool("enabled")
        a.readObject(self.account)
        buddies = a.readArray("buddies")
        self.buddies = []
        while buddies.hasUnread():
            b = pj.BuddyConfig()
            buddies.readObject(b)
            self.buddies.append(b)
        self.volume = node.readNumber("volume")
        self.count = node.readInt("count")
        self.note = node.readString("note")
        self.recent = list(node.readStringVector("recent"))


def test_application_persistent_object_round_trip(tmp_path):
    s = Settings()
    s.ep.uaConfig.maxCalls = 12
    s.transports[1].config.boundAddress = "127.0.0.1"
    s.account.idUri = "sip:me@example.org"
    s.buddies[0].uri = "sip:friend@example.org"
    s.buddies[1].subscribe = True
    path = str(tmp_path / "settings.json")
    doc = pj.JsonDocument()
    doc.writeObject(s)
    doc.saveFile(path)

    loaded = Settings()
    doc2 = pj.JsonDocument()
    doc2.loadFile(path)
    doc2.readObject(loaded)
    assert loaded.ep.uaConfig.maxCalls == 12
    assert [(t.type, t.enabled, t.config.boundAddress) for t in loaded.transports] == \
        [(1, True, ""), (2, False, "127.0.0.1")]
    assert loaded.account.idUri == "sip:me@example.org"
    assert [(b.uri, b.subscribe) for b in loaded.buddies] == \
        [("sip:friend@example.org", False), ("", True)]
    assert (loaded.volume, loaded.count, loaded.note) == (0.75, -42, TRICKY)
    assert loaded.recent == s.recent
    assert not doc2.hasUnread()


def test_generic_nodes_write_what_pjsua2_writes():
    """The application part of tests/interop/pjsua2_json_fixtures.py's app_document,
    through our ContainerNode, equals the file the real PJSUA2 wrote."""
    doc = pj.JsonDocument()
    doc.setLayout(pj.PJSUA2RS_JSON_LAYOUT_2_15)
    doc.writeObject(ep_demo())
    root = doc.getRootContainer()
    tps = root.writeNewArray("transports")
    for ttype, enabled, port in ((1, True, 5060), (2, False, 5060)):
        Transport(ttype, enabled, port).writeObject(tps)
    a = root.writeNewArray("accounts").writeNewContainer("account")
    a.writeBool("enabled", True)
    acc = pj.AccountConfig()
    doc_acc = pj.JsonDocument()
    doc_acc.loadString(fixture("account_config_demo.json"))
    doc_acc.readObject(acc)
    a.writeObject(acc)
    buddies = a.writeNewArray("buddies")
    full = pj.BuddyConfig()
    full.uri = "\"B\u00fcddy\" <sip:buddy/1@pjsip.org>"
    full.subscribe = True
    buddies.writeObject(full)
    buddies.writeObject(pj.BuddyConfig())
    for name, value in (("volume", 0.75), ("ratio", 1.0 / 3.0), ("big", 1e10),
                        ("negative", -2.5), ("tiny", 1e-7)):
        root.writeNumber(name, value)
    root.writeInt("count", -42)
    root.writeString("note", TRICKY)
    root.writeStringVector("recent", ["sip:a@example.org", "sip:b@example.org"])
    root.writeStringVector("empty", [])
    nums = root.writeNewArray("numbers")
    nums.writeNumber("", 1.5)
    nums.writeNumber("", 2)
    nums.writeBool("", True)
    named = root.writeNewArray("named")
    named.writeString("first", "x")
    named.writeBool("second", False)
    root.writeNewContainer("emptyObject")
    root.writeNewArray("emptyArray")
    assert doc.saveString() == fixture("app_document.json")


def test_reading_the_pjsua2_app_document():
    doc = pj.JsonDocument()
    doc.loadFile(os.path.join(FIXTURES, "app_document.json"))
    ep = pj.EpConfig()
    doc.readObject(ep)
    assert ep.uaConfig.maxCalls == 61
    tps = doc.readArray("transports")
    t = Transport()
    t.readObject(tps)
    assert (t.type, t.enabled) == (1, True)
    assert tps.unreadName() == ""  # array elements have no names once loaded
    doc.readArray("accounts")
    assert doc.readNumber("volume") == 0.75
    assert abs(doc.readNumber("ratio") - 1.0 / 3.0) < 1e-6
    assert doc.unreadName() == "big"
    doc.readNumber("big")
    doc.readNumber()  # any name
    doc.readNumber("tiny")
    assert doc.readInt("count") == -42
    assert doc.readString("note") == TRICKY
    assert list(doc.readStringVector("recent")) == ["sip:a@example.org", "sip:b@example.org"]
    assert list(doc.readStringVector("empty")) == []
    nums = doc.readArray("numbers")
    assert (nums.readNumber(), nums.readNumber(), nums.readBool()) == (1.5, 2.0, True)
    assert not nums.hasUnread()


def test_json_errors_raise_pjsua2_status_codes():
    doc = pj.JsonDocument()
    with pytest.raises(pj.Error) as e:
        doc.loadString("{ \"a\": ")
    assert e.value.status == pj.PJLIB_UTIL_EINJSON
    doc = pj.JsonDocument()
    doc.loadString('{ "a": 1 }')
    with pytest.raises(pj.Error) as e:
        doc.readString("a")
    assert e.value.status == pj.PJLIB_UTIL_EINJSON
    doc.readInt("a")
    with pytest.raises(pj.Error) as e:
        doc.readInt("b")
    assert e.value.status == pj.PJ_EEOF
    with pytest.raises(pj.Error) as e:
        pj.JsonDocument().writeObject(pj.UaConfig())
    assert e.value.status == pj.PJ_ENOTSUP
    assert e.value.title == "UaConfig.writeObject()"
    with pytest.raises(pj.Error) as e:
        pj.JsonDocument().loadFile("/nonexistent/dir/x.json")
    assert e.value.status != 0


def test_nested_transport_config_saves_alone():
    acc = pj.AccountConfig()
    acc.mediaConfig.transportConfig.port = 4100
    doc = pj.JsonDocument()
    doc.writeObject(acc.mediaConfig.transportConfig)
    assert '"port":                 4100' in doc.saveString()


def test_collected_documents_are_freed_later():
    from pjsua2rs import _json
    doc = pj.JsonDocument()
    handle = doc._handle
    del doc
    assert handle in _json._ORPHANS  # __del__ only queues it
    pj.JsonDocument()
    assert handle not in _json._ORPHANS
