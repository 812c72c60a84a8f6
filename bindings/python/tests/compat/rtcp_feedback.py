"""A PJSUA2 program: RTCP feedback (AccountMediaConfig.rtcpFbConfig, RFC 4585). Prints
the defaults of RtcpFbConfig and RtcpFbCap, then makes three calls in one endpoint (poll
mode, no sound device): plain to plain, AVPF with three capabilities to plain, and AVPF
to AVPF. For each: whether it was confirmed, the profile and a=rtcp-fb lines of the
INVITE's audio line, and the stream's transport protocol on each side.

Usage: rtcp_feedback.py <module>   (module: pjsua2 or pjsua2rs)
Result lines start with "| " (the libraries' own console output is not compared).
"""
import importlib
import os
import sys
import time

pj = importlib.import_module(sys.argv[1])
WAIT = 10  # seconds any one step may take on loopback
CAPS = [("*", "PJMEDIA_RTCP_FB_NACK", "", ""),
        ("PCMU/8000", "PJMEDIA_RTCP_FB_NACK", "", "pli"),
        ("PCMA", "PJMEDIA_RTCP_FB_OTHER", "ccm", "fir")]


def out(key, value):
    print(f"| {key}: {value}", flush=True)


class Callee(pj.Account):
    """Answers its calls and keeps the last INVITE."""

    def __init__(self):
        pj.Account.__init__(self)
        self.invite = None
        self.call = None

    def onIncomingCall(self, prm):
        self.invite = prm.rdata.wholeMsg
        self.call = pj.Call(self, prm.callId)
        op = pj.CallOpParam()
        op.statusCode = 200
        self.call.answer(op)


def pump(ep, done):
    end = time.time() + WAIT
    while not done() and time.time() < end:
        ep.libHandleEvents(10)
    return done()


def audio_lines(msg):
    """The m=audio line's profile and its a=rtcp-fb values."""
    lines = msg.replace("\r", "").split("\n")
    m = [line for line in lines if line.startswith("m=audio")]
    return (m[0].split()[2] if m else None,
            [line[len("a=rtcp-fb:"):] for line in lines if line.startswith("a=rtcp-fb:")])


def stream_proto(call):
    try:
        return hex(call.getStreamInfo(0).proto)
    except pj.Error as e:
        return f"Error {e.status}"


def account_config(user, port, rtp_port, avpf):
    cfg = pj.AccountConfig()
    cfg.idUri = f"sip:{user}@127.0.0.1:{port}"
    cfg.mediaConfig.transportConfig.port = rtp_port
    if avpf:
        fb = cfg.mediaConfig.rtcpFbConfig
        fb.dontUseAvpf = False
        for codec, kind, name, param in CAPS:
            cap = pj.RtcpFbCap()
            cap.codecId, cap.type, cap.typeName, cap.param = \
                codec, getattr(pj, kind), name, param
            fb.caps.append(cap)
    return cfg


def call_once(ep, port, label, caller_avpf, callee_avpf, rtp_port):
    callee = Callee()
    callee.create(account_config(f"{label}-callee", port, rtp_port, callee_avpf))
    caller = pj.Account()
    caller.create(account_config(f"{label}-caller", port, rtp_port + 100, caller_avpf))
    call = pj.Call(caller)
    call.makeCall(f"sip:{label}-callee@127.0.0.1:{port}", pj.CallOpParam(True))
    confirmed = pump(ep, lambda: callee.call is not None and call.getInfo().state
                     == pj.PJSIP_INV_STATE_CONFIRMED)
    out(f"{label} confirmed", confirmed)
    proto, feedback = audio_lines(callee.invite or "")
    out(f"{label} INVITE audio profile", proto)
    out(f"{label} INVITE rtcp-fb", feedback)
    out(f"{label} caller stream proto", stream_proto(call))
    out(f"{label} callee stream proto", stream_proto(callee.call))
    ep.hangupAllCalls()
    pump(ep, lambda: not call.isActive() and not callee.call.isActive())
    return caller, callee, call


def main():
    cfg = pj.AccountConfig()
    out("default dontUseAvpf", cfg.mediaConfig.rtcpFbConfig.dontUseAvpf)
    out("default caps", len(cfg.mediaConfig.rtcpFbConfig.caps))
    cap = pj.RtcpFbCap()
    out("RtcpFbCap()", (cap.codecId, cap.type, cap.typeName, cap.param))
    out("types", (pj.PJMEDIA_RTCP_FB_ACK, pj.PJMEDIA_RTCP_FB_NACK,
                  pj.PJMEDIA_RTCP_FB_TRR_INT, pj.PJMEDIA_RTCP_FB_OTHER))
    ep = pj.Endpoint()
    ep.libCreate()
    ep_cfg = pj.EpConfig()
    ep_cfg.uaConfig.threadCnt = 0
    ep_cfg.uaConfig.mainThreadOnly = True
    ep_cfg.logConfig.level = 0
    ep_cfg.logConfig.consoleLevel = 0
    ep.libInit(ep_cfg)
    ep.audDevManager().setNullDev()
    tid = ep.transportCreate(pj.PJSIP_TRANSPORT_UDP, pj.TransportConfig())
    port = ep.transportGetInfo(tid).localName.split(":")[-1]
    ep.libStart()
    avpf = account_config("x", port, 4000, True)  # (a temporary's member would dangle in SWIG)
    out("caps kept", [(c.codecId, c.type, c.typeName, c.param)
                      for c in avpf.mediaConfig.rtcpFbConfig.caps])
    keep = [call_once(ep, port, "plain", False, False, 4000),
            call_once(ep, port, "avpf-to-plain", True, False, 4200),
            call_once(ep, port, "avpf-to-avpf", True, True, 4400)]
    ep.libDestroy()
    out("done", len(keep))
    return keep


objects = main()  # kept: PJSUA2 asserts when a Call is finalised after libDestroy
sys.stdout.flush()
# PJSUA2 2.15.1 asserts when Python finalises its objects after libDestroy; leave here.
os._exit(0)
