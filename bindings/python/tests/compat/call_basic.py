"""A PJSUA2 program: two accounts in one endpoint (poll mode, no sound device), alice calls
bob, bob rings then answers, alice holds and resumes the call, sends DTMF digits over
INFO and a MESSAGE, bob hangs up. Prints the state sequences each side observed, the
CallInfo fields of both calls, what the hold did to the media, and the errors of a Call
whose call is over.

Usage: call_basic.py <module>   (module: pjsua2 or pjsua2rs)
Result lines start with "| " (the libraries' own console output is not compared). Values
that differ per run are printed as facts about them (the Call-IDs are the same on both
sides, the id is getId()...); ports are normalised by the test.
"""
import importlib
import os
import re
import sys
import time

pj = importlib.import_module(sys.argv[1])
WAIT = 10  # seconds any one step may take on loopback
STATE_NAMES = {getattr(pj, n): n[len("PJSIP_INV_STATE_"):] for n in dir(pj)
               if n.startswith("PJSIP_INV_STATE_")}
MEDIA_NAMES = {getattr(pj, n): n[len("PJSUA_CALL_MEDIA_"):] for n in dir(pj)
               if n.startswith("PJSUA_CALL_MEDIA_")}


def out(key, value):
    print(f"| {key}: {value}", flush=True)


class MyCall(pj.Call):
    """Records what its callbacks get, as text."""

    def __init__(self, acc, call_id=pj.PJSUA_INVALID_ID):
        pj.Call.__init__(self, acc, call_id)
        self.states = []
        self.media = []
        self.log = []

    def onCallState(self, prm):
        ci = self.getInfo()
        self.states.append(f"{STATE_NAMES[ci.state]} {ci.lastStatusCode} {ci.lastReason!r}")
        if ci.state == pj.PJSIP_INV_STATE_DISCONNECTED:
            self.last = ci

    def onCallMediaState(self, prm):
        ci = self.getInfo()
        self.media.append(" ".join(f"{MEDIA_NAMES[m.status]}/dir={m.dir}" for m in ci.media))

    def onCallRxReinvite(self, prm):
        self.log.append(f"onCallRxReinvite sendonly={'a=sendonly' in prm.offer.wholeSdp}")

    def onCallRxOffer(self, prm):
        self.log.append(f"onCallRxOffer sendonly={'a=sendonly' in prm.offer.wholeSdp}")

    def onDtmfDigit(self, prm):
        self.log.append(f"onDtmfDigit digit={prm.digit} method={prm.method}")

    def onInstantMessage(self, prm):
        self.log.append(f"onInstantMessage contentType={prm.contentType} "
                        f"body={prm.msgBody!r}")

    def onInstantMessageStatus(self, prm):
        self.log.append(f"onInstantMessageStatus code={prm.code} reason={prm.reason} "
                        f"userData={prm.userData}")


class MyAccount(pj.Account):
    def __init__(self):
        pj.Account.__init__(self)
        self.calls = []
        self.incoming = []

    def onIncomingCall(self, prm):
        call = MyCall(self, prm.callId)
        ci = call.getInfo()
        info = re.sub(r"cseq=[0-9]+", "cseq=<n>", prm.rdata.info)
        self.incoming.append({
            "callId is the Call's getId()": prm.callId == call.getId(),
            "rdata.info": re.sub(r" \(rdata0x[0-9a-f]+\)", "", info),
            "rdata.wholeMsg first line": prm.rdata.wholeMsg.splitlines()[0],
            "getInfo() state, stateText, role": (ci.state, ci.stateText, ci.role),
            "getInfo() remoteUri": ci.remoteUri,
            "getInfo() localUri": ci.localUri,
        })
        self.calls.append(call)


def pump(ep, done):
    deadline = time.monotonic() + WAIT
    while not done() and time.monotonic() < deadline:
        ep.libHandleEvents(10)


def settle(ep, ms=300):
    deadline = time.monotonic() + ms / 1000
    while time.monotonic() < deadline:
        ep.libHandleEvents(10)


def print_info(label, call, acc):
    ci = call.getInfo()
    out(f"{label} id is getId(), accId is the account's", (ci.id == call.getId(),
                                                          ci.accId == acc.getId()))
    for name in ("role", "localUri", "localContact", "remoteUri", "remoteContact", "state",
                 "stateText", "lastStatusCode", "lastReason", "remOfferer", "remAudioCount",
                 "remVideoCount"):
        out(f"{label} getInfo().{name}", getattr(ci, name))
    out(f"{label} getInfo().media", [(m.index, m.type, m.dir, m.status) for m in ci.media])
    out(f"{label} durations >= 0", ci.connectDuration.sec >= 0 and ci.totalDuration.sec >= 0)
    return ci


ep = pj.Endpoint()
ep.libCreate()
ep_cfg = pj.EpConfig()
ep_cfg.uaConfig.threadCnt = 0
ep_cfg.uaConfig.mainThreadOnly = True
ep_cfg.logConfig.level = 1
ep_cfg.logConfig.consoleLevel = 1
ep.libInit(ep_cfg)
tcfg = pj.TransportConfig()
tcfg.boundAddress = "127.0.0.1"
tid = ep.transportCreate(pj.PJSIP_TRANSPORT_UDP, tcfg)
port = ep.transportGetInfo(tid).localAddress.rsplit(":", 1)[1]
ep.libStart()
ep.audDevManager().setNullDev()

alice, bob = MyAccount(), MyAccount()
for acc, user in ((alice, "alice"), (bob, "bob")):
    cfg = pj.AccountConfig()
    cfg.idUri = f"sip:{user}@127.0.0.1"
    acc.create(cfg)

# Alice calls bob; bob rings, then answers.
call = MyCall(alice)
out("new Call getId, isActive", (call.getId(), call.isActive()))
call.makeCall(f"sip:bob@127.0.0.1:{port}", pj.CallOpParam(True))
out("after makeCall isActive, getId is valid", (call.isActive(), call.getId() >= 0))
pump(ep, lambda: bob.calls)
for key, value in bob.incoming[0].items():
    out(f"onIncomingCall {key}", value)
bcall = bob.calls[0]
prm = pj.CallOpParam()
prm.statusCode = 180
bcall.answer(prm)
pump(ep, lambda: any(s.startswith("EARLY") for s in call.states))
prm.statusCode = 200
bcall.answer(prm)
pump(ep, lambda: any(s.startswith("CONFIRMED") for s in call.states)
     and any(s.startswith("CONFIRMED") for s in bcall.states))
settle(ep)
out("alice states", call.states)
out("bob states", bcall.states)
out("alice media", call.media)
out("bob media", bcall.media)
ai = print_info("alice", call, alice)
bi = print_info("bob", bcall, bob)
out("same callIdString on both sides", ai.callIdString == bi.callIdString != "")

# Hold and resume.
call.media.clear()
bcall.media.clear()
call.setHold(pj.CallOpParam(True))
pump(ep, lambda: call.media and bcall.media)
settle(ep)
out("hold alice media", call.media)
out("hold bob media", bcall.media)
out("hold bob callbacks", bcall.log)
bcall.log.clear()
call.media.clear()
bcall.media.clear()
prm = pj.CallOpParam(True)
prm.opt.flag = pj.PJSUA_CALL_UNHOLD
call.reinvite(prm)
pump(ep, lambda: call.media and bcall.media)
settle(ep)
out("unhold alice media", call.media)
out("unhold bob media", bcall.media)
out("unhold bob callbacks", bcall.log)
bcall.log.clear()

# DTMF over INFO and a MESSAGE.
dtmf = pj.CallSendDtmfParam()
dtmf.method = pj.PJSUA_DTMF_METHOD_SIP_INFO
dtmf.digits = "1#"
call.sendDtmf(dtmf)
pump(ep, lambda: len(bcall.log) >= 2)
out("dtmf bob callbacks", [e.split(" duration")[0] for e in bcall.log])
bcall.log.clear()
im = pj.SendInstantMessageParam()
im.content = "hello bob"
im.userData = None
call.sendInstantMessage(im)
pump(ep, lambda: bcall.log and call.log)
settle(ep)
out("message bob callbacks", bcall.log)
out("message alice callbacks", call.log)

# Bob hangs up.
call_id = call.getId()
bcall.hangup(pj.CallOpParam())
pump(ep, lambda: hasattr(call, "last") and hasattr(bcall, "last"))
settle(ep)
out("hangup alice states", call.states[-1:])
out("hangup bob states", bcall.states[-1:])
out("after DISCONNECTED isActive", (call.isActive(), bcall.isActive()))
out("after DISCONNECTED getId unchanged", call.getId() == call_id)
try:
    call.hangup(pj.CallOpParam())
    out("hangup after DISCONNECTED raises pj.Error", False)
except pj.Error as e:
    out("hangup after DISCONNECTED raises pj.Error", True)
    out("hangup after DISCONNECTED Error.status", e.status)
try:
    call.getInfo()
    out("getInfo after DISCONNECTED raises pj.Error", False)
except pj.Error as e:
    out("getInfo after DISCONNECTED raises pj.Error", True)

try:
    ep.hangupAllCalls()
    out("hangupAllCalls with no call raises pj.Error", False)
except pj.Error:
    out("hangupAllCalls with no call raises pj.Error", True)
ep.libDestroy()
out("done", True)
sys.stdout.flush()
# PJSUA2 2.15.1 asserts when Python finalises its objects after libDestroy; leave here.
os._exit(0)
