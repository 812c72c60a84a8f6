"""A PJSUA2 program: an Account subclass registers with digest authentication to a
registrar (tests/sipp/registrar_auth.xml, user alice, password secret), in poll mode,
prints its onRegStarted/onRegState sequence and getInfo(), unregisters and prints them
again; then the account errors, a second account, the default account and shutdown.

Usage: account_register.py <module> <registrar URI>   (module: pjsua2 or pjsua2rs)
Result lines start with "| " (the libraries' own console output is not compared). CSeq
numbers in rdata.info are printed as <n> (PJSUA2 starts them at random).
"""
import importlib
import os
import re
import sys
import time

pj = importlib.import_module(sys.argv[1])
REGISTRAR = sys.argv[2]
WAIT = 10  # seconds a registration round may take on loopback


def out(key, value):
    print(f"| {key}: {value}", flush=True)


class MyAccount(pj.Account):
    """Records what its callbacks get, as text."""

    def __init__(self):
        pj.Account.__init__(self)
        self.events = []

    def onRegStarted(self, prm):
        self.events.append(f"onRegStarted renew={prm.renew}")

    def onRegState(self, prm):
        self.events.append(f"onRegState status={prm.status} code={prm.code} "
                           f"reason={prm.reason!r} expiration={prm.expiration}")
        self.events.append(f"rdata.info={re.sub(r'cseq=[0-9]+', 'cseq=<n>', prm.rdata.info)}")
        self.events.append(f"rdata.srcAddress={prm.rdata.srcAddress}")
        self.events.append(f"rdata.wholeMsg first line={prm.rdata.wholeMsg.splitlines()[0]}")

    def states(self):
        return sum(e.startswith("onRegState") for e in self.events)


def pump_until_states(ep, acc, n):
    deadline = time.monotonic() + WAIT
    while acc.states() < n and time.monotonic() < deadline:
        ep.libHandleEvents(20)


def print_events(acc, label):
    for i, event in enumerate(acc.events):
        out(f"{label} callback {i}", event)
    acc.events.clear()


def print_info(acc, label):
    info = acc.getInfo()
    for name in ("id", "isDefault", "uri", "regIsConfigured", "regIsActive", "regStatus",
                 "regStatusText", "regLastErr", "onlineStatus", "onlineStatusText"):
        out(f"{label} getInfo().{name}", getattr(info, name))
    out(f"{label} getInfo().regExpiresSec", info.regExpiresSec)


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
ep.transportCreate(pj.PJSIP_TRANSPORT_UDP, tcfg)
ep.libStart()

acc_cfg = pj.AccountConfig()
acc_cfg.idUri = '"Alice" <sip:alice@127.0.0.1>'
acc_cfg.regConfig.registrarUri = REGISTRAR
acc_cfg.regConfig.timeoutSec = 300
acc_cfg.sipConfig.authCreds.append(pj.AuthCredInfo("digest", "*", "alice", 0, "secret"))
acc = MyAccount()
out("isValid before create", acc.isValid())
out("getId before create", acc.getId())
acc.create(acc_cfg)
out("callbacks before libHandleEvents", list(acc.events))
out("getId", acc.getId())
out("isValid", acc.isValid())
out("isDefault", acc.isDefault())
out("lookup(getId()) is acc", pj.Account.lookup(acc.getId()) is acc)
info = acc.getInfo()
out("right after create getInfo() regIsActive, regStatus, regStatusText",
    (info.regIsActive, info.regStatus, info.regStatusText))

pump_until_states(ep, acc, 1)
print_events(acc, "register")
print_info(acc, "registered")
out("registered getInfo().regExpiresSec in (280, 300]", 280 < acc.getInfo().regExpiresSec <= 300)

acc.setRegistration(False)
pump_until_states(ep, acc, 1)
print_events(acc, "unregister")
print_info(acc, "unregistered")

bad = MyAccount()
try:
    bad_cfg = pj.AccountConfig()
    bad_cfg.idUri = "not a uri"
    bad.create(bad_cfg)
    out("create with a bad idUri", "no error")
except pj.Error as e:
    out("bad idUri Error.status", e.status)
    out("bad idUri Error.title", e.title)
    out("bad idUri Error.reason", e.reason)
out("bad idUri isValid", bad.isValid())

other_cfg = pj.AccountConfig()
other_cfg.idUri = "sip:bob@127.0.0.1"
other = MyAccount()
other.create(other_cfg, True)
out("second account getId", other.getId())
out("second account isDefault, first isDefault", (other.isDefault(), acc.isDefault()))
try:
    other.setRegistration(True)
    out("setRegistration without a registrar", "no error")
except pj.Error as e:
    out("setRegistration without a registrar Error.status", e.status)
acc.setDefault()
out("after setDefault: second isDefault, first isDefault", (other.isDefault(), acc.isDefault()))
print_info(other, "no registrar")
other.shutdown()
out("after shutdown isValid", other.isValid())
out("after shutdown getId", other.getId())
try:
    other.shutdown()
    out("a second shutdown raises", False)
except pj.Error:
    out("a second shutdown raises", True)

for _ in range(5):
    ep.libHandleEvents(20)
out("callbacks after unregistering", list(acc.events))
acc.shutdown()
ep.libDestroy()
out("done", True)
sys.stdout.flush()
# PJSUA2 2.15.1 asserts when Python finalises its objects after libDestroy; leave here.
os._exit(0)
