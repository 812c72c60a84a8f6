"""A PJSUA2 program: an endpoint in poll mode with a LogWriter, UDP and TCP transports on
127.0.0.1, transport enumeration and details, URI checks, an Error from a bad call,
logging, registering a thread of the application's own, closing a transport, and the
life-cycle states.

Usage: endpoint_basics.py <module>   (pjsua2 or pjsua2rs)
Result lines start with "| " (the libraries' own console output is not compared).
"""
import importlib
import os
import socket
import sys
import threading

pj = importlib.import_module(sys.argv[1])


def out(key, value):
    print(f"| {key}: {value}", flush=True)


class Writer(pj.LogWriter):
    """Keeps what the application itself logs."""

    def __init__(self):
        super().__init__()
        self.app = []

    def write(self, entry):
        if "compat-app" in entry.msg:
            self.app.append((entry.level, entry.msg))


ep = pj.Endpoint()
ep.libCreate()
out("state after libCreate", ep.libGetState())
ep_cfg = pj.EpConfig()
ep_cfg.uaConfig.threadCnt = 0
ep_cfg.uaConfig.mainThreadOnly = True
writer = Writer()
ep_cfg.logConfig.writer = writer
ep_cfg.logConfig.level = 3
ep_cfg.logConfig.consoleLevel = 3
ep_cfg.logConfig.decor = 0
ep.libInit(ep_cfg)
out("state after libInit", ep.libGetState())

tcfg = pj.TransportConfig()
tcfg.boundAddress = "127.0.0.1"
tcfg.port = 0
udp = ep.transportCreate(pj.PJSIP_TRANSPORT_UDP, tcfg)
tcp = ep.transportCreate(pj.PJSIP_TRANSPORT_TCP, tcfg)
ep.libStart()
out("state after libStart", ep.libGetState())
out("transport ids", (udp, tcp))
out("transportEnum", list(ep.transportEnum()))
for tid in ep.transportEnum():
    info = ep.transportGetInfo(tid)
    out(f"transport {tid} id, type, typeName, flags",
        (info.id, info.type, info.typeName, info.flags))
    out(f"transport {tid} localAddress", info.localAddress)
    out(f"transport {tid} localName", info.localName)
    out(f"transport {tid} info", info.info)
    out(f"transport {tid} usageCount", info.usageCount)

for uri in ["sip:alice@example.com", "<sip:a@b>", '"Bob" <sip:bob@host:5070>',
            "sips:carol@example.org;transport=tls", "tel:+123", "http://x", "garbage", ""]:
    out(f"utilVerifySipUri({uri!r})", ep.utilVerifySipUri(uri))
    out(f"utilVerifyUri({uri!r})", ep.utilVerifyUri(uri))

busy = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
busy.bind(("127.0.0.1", 0))
tcfg.port = busy.getsockname()[1]
try:
    ep.transportCreate(pj.PJSIP_TRANSPORT_UDP, tcfg)
    out("transportCreate on a busy port", "no error")
except pj.Error as e:
    out("Error.status", e.status)
    out("Error.title", e.title)
    out("Error.reason", e.reason)
    out("Error.reason says", "Address already in use" in e.reason)
    out("Error is an Exception", isinstance(e, Exception))
    location = f" [{e.srcFile}:{e.srcLine}]" if e.srcFile else ""
    out("Error.info() format",
        e.info() == f"{e.title} error: {e.reason} (status={e.status}){location}")
    out("Error.info(True) first line", e.info(True).split("\n")[0] == f"Title:       {e.title}")
out("transportEnum after the failure", list(ep.transportEnum()))

out("utilStrError(PJ_SUCCESS)", ep.utilStrError(pj.PJ_SUCCESS))
out("utilStrError(70004)", ep.utilStrError(70004))
out("utilStrError(171039)", ep.utilStrError(171039))

v = ep.libVersion()
out("libVersion", v.full)
out("libVersion fields agree", v.numeric == (v.major << 24 | v.minor << 16 | v.rev << 8)
    and v.full.startswith(f"{v.major}.{v.minor}.{v.rev}"))

ep.utilLogWrite(3, "compat", "compat-app: hello")
ep.utilLogWrite(4, "compat", "compat-app: above consoleLevel")
ep.utilLogWrite(1, "compat", "compat-app: an error line")
for _ in range(5):
    ep.libHandleEvents(20)
out("log entries the writer got", writer.app)
out("libHandleEvents returns an int", isinstance(ep.libHandleEvents(0), int))

out("libIsThreadRegistered (the thread that called libCreate)", ep.libIsThreadRegistered())
registered = []


def own_thread():
    ep.libRegisterThread("compat-thread")
    registered.append(ep.libIsThreadRegistered())


t = threading.Thread(target=own_thread)
t.start()
t.join()
out("libIsThreadRegistered after libRegisterThread in a new thread", registered)

ep.transportClose(tcp)
out("transportEnum after closing TCP", list(ep.transportEnum()))
ep.libDestroy()
out("state after libDestroy", ep.libGetState())
sys.stdout.flush()
# PJSUA2 2.15.1 asserts when Python finalises its objects after libDestroy; leave here.
os._exit(0)
