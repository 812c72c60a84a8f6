"""A PJSUA2 program: codec management (poll mode, null sound device). codecEnum2's ids,
priorities and descriptions, codecSetPriority by full id, by prefix and for every codec,
codecGetParam of the codecs both libraries have, codecSetParam and its restore, the
errors, and the defaults of the codec and stream value classes.

Usage: codecs.py <module>   (module: pjsua2 or pjsua2rs)
Result lines start with "| ". The two libraries are built with different codec sets
(the PJSUA2 wheel: speex, iLBC, GSM, G.711, G.722, L16; pjsua2rs: G.711, G.722, Opus), so
the lines are about the codecs both have, PCMU, PCMA and G722, plus one line with the
whole list.
"""
import importlib
import sys

pj = importlib.import_module(sys.argv[1])

COMMON = ("PCMU/8000/1", "PCMA/8000/1", "G722/16000/1")


def out(key, value):
    print(f"| {key}: {value}", flush=True)


def error_status(f):
    try:
        f()
    except pj.Error as e:
        return e.status
    return "no error"


def members(obj, names):
    return tuple(getattr(obj, n) for n in names.split())


INFO = "clockRate channelCnt avgBps maxBps maxRxFrameSize frameLen encFrameLen " \
       "pcmBitsPerSample pt fmtId frameLenDenum encFrameLenDenum"
SETTING = "frmPerPkt vad cng penh plc reserved packetLoss complexity cbr"
STREAM_INFO = "type proto dir remoteRtpAddress remoteRtcpAddress txPt rxPt codecName " \
              "codecClockRate jbInit jbMinPre jbMaxPre jbMax audTxEventPt audRxEventPt " \
              "rtcpSdesByeDisabled"
DIRECTION = "updateCount pkt bytes discard loss reorder dup"
MATH = "n max min last mean"
JBUF = "frameSize minPrefetch maxPrefetch burst prefetch size avgDelayMsec minDelayMsec " \
       "maxDelayMsec devDelayMsec avgBurst lost discard empty"


def param_line(p):
    s = p.setting
    return (members(p.info, INFO), members(s, SETTING),
            [(f.name, f.val) for f in s.encFmtp], [(f.name, f.val) for f in s.decFmtp])


def common(ep):
    return [(c.codecId, c.priority, c.desc) for c in ep.codecEnum2() if c.codecId in COMMON]


def defaults():
    out("CodecInfo()", members(pj.CodecInfo(), "codecId priority desc"))
    out("CodecFmtp()", members(pj.CodecFmtp(), "name val"))
    out("CodecParam()", param_line(pj.CodecParam()))
    si = pj.StreamInfo()
    out("StreamInfo()", members(si, STREAM_INFO))
    # (PJSUA2 leaves StreamInfo().audCodecParam.setting uninitialised: not compared.)
    out("StreamInfo().audCodecParam.info", members(si.audCodecParam.info, INFO))
    st = pj.StreamStat()
    r = st.rtcp
    out("StreamStat().rtcp", (members(r, "rtpTxLastTs rtpTxLastSeq"),
                              members(r.start, "sec msec"), members(r.rttUsec, MATH),
                              members(r.rxIpdvUsec, MATH), members(r.rxRawJitterUsec, MATH),
                              members(r.peerSdes, "cname name email phone loc tool note")))
    for name in ("txStat", "rxStat"):
        d = getattr(r, name)
        out(f"StreamStat().rtcp.{name}", (members(d, DIRECTION), members(d.update, "sec msec"),
                                          members(d.lossPeriodUsec, MATH),
                                          members(d.jitterUsec, MATH),
                                          members(d.lossType, "burst random")))
    out("StreamStat().jbuf", members(st.jbuf, JBUF))


def main():
    defaults()
    ep = pj.Endpoint()
    ep.libCreate()
    cfg = pj.EpConfig()
    cfg.uaConfig.threadCnt = 0
    cfg.uaConfig.mainThreadOnly = True
    cfg.logConfig.level = 1
    cfg.logConfig.consoleLevel = 1
    ep.libInit(cfg)
    ep.audDevManager().setNullDev()
    ep.libStart()

    out("all codecs", [(c.codecId, c.priority) for c in ep.codecEnum2()])
    out("common codecs", common(ep))
    for codec_id in COMMON:
        out(f"codecGetParam({codec_id})", param_line(ep.codecGetParam(codec_id)))
    out("codecGetParam(PCMA) by prefix", ep.codecGetParam("PCMA").info.pt)

    ep.codecSetPriority("PCMU/8000/1", 0)
    out("PCMU disabled", common(ep))
    ep.codecSetPriority("G722", 255)
    out("G722 first", (ep.codecEnum2()[0].codecId, ep.codecEnum2()[0].priority))
    ep.codecSetPriority("", 100)
    out("every codec 100", sorted({c.priority for c in ep.codecEnum2()}))
    out("common codecs at 100", common(ep))

    p = ep.codecGetParam("PCMU/8000/1")
    p.setting.frmPerPkt = 4
    p.setting.vad = False
    ep.codecSetParam("PCMU/8000/1", p)
    out("codecSetParam(PCMU) kept", param_line(ep.codecGetParam("PCMU/8000/1")))
    out("PCMA untouched", ep.codecGetParam("PCMA/8000/1").setting.frmPerPkt)

    out("codecSetPriority unknown", error_status(lambda: ep.codecSetPriority("nosuch", 1)))
    out("codecGetParam unknown", error_status(lambda: ep.codecGetParam("nosuch/8000/1")))
    out("codecSetParam unknown", error_status(lambda: ep.codecSetParam("nosuch", p)))
    ep.libDestroy()
    out("done", True)


main()
