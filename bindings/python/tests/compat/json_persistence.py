"""A PJSUA2 program: saves an EpConfig, an AccountConfig, a BuddyConfig and an
application object (a PersistentObject subclass) to a JSON string, loads it back into new
objects and prints selected fields, then provokes JSON errors.

Usage: json_persistence.py <module>   (pjsua2 or pjsua2rs)
Result lines start with "| ".
"""
import importlib
import os
import sys

pj = importlib.import_module(sys.argv[1])


def out(key, value):
    print(f"| {key}: {value}", flush=True)


class Recent:
    """An application object persisted with the generic container calls. (The wheel's
    PersistentObject cannot be subclassed from Python: SWIG gives it no director, so the
    program calls these methods itself with the root container.)"""

    def __init__(self):
        self.calls = []
        self.volume = 0.0
        self.autoAnswer = False
        self.name = ""

    def writeObject(self, node):
        c = node.writeNewContainer("Recent")
        c.writeString("name", self.name)
        c.writeNumber("volume", self.volume)
        c.writeBool("autoAnswer", self.autoAnswer)
        c.writeInt("count", len(self.calls))
        c.writeStringVector("calls", self.calls)

    def readObject(self, node):
        c = node.readContainer("Recent")
        self.name = c.readString("name")
        self.volume = c.readNumber("volume")
        self.autoAnswer = c.readBool("autoAnswer")
        count = c.readInt("count")
        self.calls = list(c.readStringVector("calls"))
        assert count == len(self.calls)


ep = pj.Endpoint()
ep.libCreate()  # AccountConfig takes some defaults from the created library

ep_cfg = pj.EpConfig()
ep_cfg.uaConfig.maxCalls = 10
ep_cfg.uaConfig.threadCnt = 0
ep_cfg.uaConfig.userAgent = "compat agent/1.0"
ep_cfg.uaConfig.stunServer.append("stun1.example.org")
ep_cfg.uaConfig.stunServer.append("stun2.example.org:3479")
ep_cfg.logConfig.level = 4
ep_cfg.logConfig.filename = "/tmp/app log.txt"
ep_cfg.medConfig.clockRate = 8000
ep_cfg.medConfig.jbMax = 300

acc = pj.AccountConfig()
acc.idUri = '"Alice \\"A\\"" <sip:alice@example.org>'
acc.regConfig.registrarUri = "sip:sip.example.org"
acc.regConfig.timeoutSec = 120
h = pj.SipHeader()
h.hName = "X-Test"
h.hValue = "a/b \u00e9"
acc.regConfig.headers.append(h)
acc.sipConfig.proxies.append("<sip:proxy.example.org;lr>")
acc.sipConfig.authCreds.append(pj.AuthCredInfo("digest", "*", "alice", 0, "s3cret"))
acc.callConfig.timerUse = pj.PJSUA_SIP_TIMER_ALWAYS
acc.natConfig.iceEnabled = True
acc.mediaConfig.srtpUse = pj.PJMEDIA_SRTP_OPTIONAL
acc.mediaConfig.transportConfig.port = 4100
acc.mediaConfig.transportConfig.tlsConfig.ciphers.append(49199)

buddy = pj.BuddyConfig()
buddy.uri = "sip:bob@example.org"
buddy.subscribe = True

recent = Recent()
recent.name = "recent calls"
recent.volume = 0.5
recent.autoAnswer = True
recent.calls = ["sip:carol@example.org", "sip:dave@example.org"]

doc = pj.JsonDocument()
doc.writeObject(ep_cfg)
doc.writeObject(acc)
doc.writeObject(buddy)
recent.writeObject(doc.getRootContainer())
text = doc.saveString()
for line in text.split("\n"):
    # Lines of members that exist in every PJSUA2 release, as the file shows them.
    key = line.strip().split(":")[0].strip('"')
    if key in ("maxCalls", "userAgent", "stunServer", "filename", "clockRate", "jbMax",
               "idUri", "registrarUri", "timeoutSec", "hname", "hvalue", "proxies",
               "username", "data", "timerUse", "iceEnabled", "srtpUse", "port", "ciphers",
               "uri", "subscribe", "name", "volume", "autoAnswer", "count", "calls"):
        out(f"saved {key}", line.strip())
out("saved text starts", repr(text[:32]))
out("saved text ends", repr(text[-3:]))

doc2 = pj.JsonDocument()
doc2.loadString(text)
ep2, acc2, buddy2, recent2 = pj.EpConfig(), pj.AccountConfig(), pj.BuddyConfig(), Recent()
doc2.readObject(ep2)
doc2.readObject(acc2)
doc2.readObject(buddy2)
recent2.readObject(doc2.getRootContainer())
out("EpConfig", (ep2.uaConfig.maxCalls, ep2.uaConfig.threadCnt, ep2.uaConfig.userAgent,
                 list(ep2.uaConfig.stunServer), ep2.logConfig.level, ep2.logConfig.filename,
                 ep2.medConfig.clockRate, ep2.medConfig.jbMax))
out("AccountConfig", (acc2.idUri, acc2.regConfig.registrarUri, acc2.regConfig.timeoutSec,
                      [(x.hName, x.hValue) for x in acc2.regConfig.headers],
                      list(acc2.sipConfig.proxies),
                      [(c.scheme, c.realm, c.username, c.dataType, c.data)
                       for c in acc2.sipConfig.authCreds],
                      acc2.callConfig.timerUse, acc2.natConfig.iceEnabled,
                      acc2.mediaConfig.srtpUse, acc2.mediaConfig.transportConfig.port,
                      list(acc2.mediaConfig.transportConfig.tlsConfig.ciphers)))
out("AccountConfig untouched defaults", (acc2.sipConfig.transportId,
                                         acc2.regConfig.retryIntervalSec,
                                         acc2.natConfig.udpKaData))
out("BuddyConfig", (buddy2.uri, buddy2.subscribe))
out("Recent", (recent2.name, recent2.volume, recent2.autoAnswer, recent2.calls))
out("all read", doc2.hasUnread())

bad = pj.JsonDocument()
try:
    bad.loadString("{ \"a\": ")
except pj.Error as e:
    out("bad JSON status", e.status)
small = pj.JsonDocument()
small.loadString('{ "a": 1, "b": "x" }')
out("unreadName", small.unreadName())
try:
    small.readString("a")
except pj.Error as e:
    out("wrong type status", e.status)
out("readInt a", small.readInt("a"))
out("readString b", small.readString("b"))
try:
    small.readInt("c")
except pj.Error as e:
    out("read past the end status", e.status)

ep.libDestroy()
sys.stdout.flush()
# PJSUA2 2.15.1 asserts when Python finalises its objects after libDestroy; leave here.
os._exit(0)
