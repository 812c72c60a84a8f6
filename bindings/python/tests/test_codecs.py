"""Codec management through the PJSUA2 classes: Endpoint.codecEnum2 with PJSUA2's codec
ids, codecSetPriority ordering and disabling codecs (a disabled codec leaves the offer,
and two endpoints negotiate PCMA when PCMU is off, seen in Call.getStreamInfo),
codecGetParam / codecSetParam, and the errors."""
import re

import pytest
from phones import CONFIRMED, Pump

import pjsua2rs as pj

IDS = ["PCMU/8000/1", "PCMA/8000/1", "G722/16000/1", "opus/48000/2"]


def enum(ep):
    """codecEnum2 as (codecId, priority) pairs."""
    return [(c.codecId, c.priority) for c in ep.codecEnum2()]


def test_codec_enum2_lists_the_codecs_with_pjsua2_ids(ep):
    codecs = ep.codecEnum2()
    assert isinstance(codecs, pj.CodecInfoVector2)
    assert all(isinstance(c, pj.CodecInfo) for c in codecs)
    # PJSUA2's defaults: every codec at PJMEDIA_CODEC_PRIO_NORMAL, registration order.
    assert [(c.codecId, c.priority, c.desc) for c in codecs] == [(i, 128, "") for i in IDS]


def test_set_priority_orders_and_disables(ep):
    ep.codecSetPriority("opus/48000/2", 200)
    ep.codecSetPriority("pcmu", 0)  # a prefix, without case
    ep.codecSetPriority("G722", 129)
    assert enum(ep) == [("opus/48000/2", 200), ("G722/16000/1", 129), ("PCMA/8000/1", 128),
                        ("PCMU/8000/1", 0)]
    ep.codecSetPriority("", 100)  # every codec
    assert enum(ep) == [(i, 100) for i in IDS]
    ep.codecSetPriority("PCM", 255)  # PCMU and PCMA
    assert enum(ep)[:2] == [("PCMU/8000/1", 255), ("PCMA/8000/1", 255)]


def test_get_and_set_param(ep):
    p = ep.codecGetParam("PCMU/8000/1")
    i, s = p.info, p.setting
    # PJSUA2 2.15.1 reports the same for PCMU.
    assert (i.clockRate, i.channelCnt, i.avgBps, i.maxBps, i.maxRxFrameSize, i.frameLen,
            i.pcmBitsPerSample, i.pt, i.fmtId) == (8000, 1, 64000, 64000, 0, 10, 16, 0, 0)
    assert (s.frmPerPkt, s.vad, s.cng, s.penh, s.plc, list(s.encFmtp), list(s.decFmtp)) == \
        (2, True, False, False, True, [], [])
    assert ep.codecGetParam("G722").info.pt == 9
    opus = ep.codecGetParam("opus")
    assert (opus.info.clockRate, opus.info.pt) == (48000, 119)
    assert [(f.name, f.val) for f in opus.setting.decFmtp] == [("useinbandfec", "1")]
    assert isinstance(opus.setting.decFmtp, pj.CodecFmtpVector)

    # A changed parameter is kept (and given to new calls); None restores the built-in.
    s.frmPerPkt = 4
    fmtp = pj.CodecFmtp()
    fmtp.name, fmtp.val = "x-test", "1"
    s.decFmtp.append(fmtp)
    ep.codecSetParam("PCMU", p)
    got = ep.codecGetParam("PCMU")
    assert got.setting.frmPerPkt == 4
    assert [(f.name, f.val) for f in got.setting.decFmtp] == [("x-test", "1")]
    ep.codecSetParam("PCMU", None)
    assert ep.codecGetParam("PCMU").setting.frmPerPkt == 2
    assert list(ep.codecGetParam("PCMU").setting.decFmtp) == []


def test_a_disabled_codec_is_left_out_and_pcma_negotiated(phones):
    a, b = phones("alice", "bob")
    pump = Pump([a, b])
    # Alice offers every codec but G722; Bob accepts neither PCMU nor G722.
    a.ep.codecSetPriority("G722", 0)
    b.ep.codecSetPriority("PCMU", 0)
    b.ep.codecSetPriority("G722", 0)
    out, inc = pump.connect(a, b)
    offer = b.acc.offers[0].rdata.wholeMsg
    assert re.search(r"(?m)^a=rtpmap:0 PCMU/8000", offer)
    assert not re.search(r"(?mi)^a=rtpmap:\d+ G722/", offer)
    pump.until(lambda: out.kinds("media") and inc.kinds("media"), "the media of both sides")
    for call in (out, inc):
        info = call.getStreamInfo(0)
        assert (info.codecName, info.codecClockRate, info.txPt, info.rxPt) == \
            ("PCMA", 8000, 8, 8)
    assert CONFIRMED in out.states()


def test_errors(ep):
    with pytest.raises(pj.Error) as e:
        ep.codecSetPriority("speex", 10)
    assert e.value.status == pj.PJ_ENOTFOUND
    with pytest.raises(pj.Error) as e:
        ep.codecGetParam("nosuch/8000/1")
    assert e.value.status == pj.PJ_ENOTFOUND
    with pytest.raises(pj.Error) as e:
        ep.codecSetParam("nosuch", pj.CodecParam())
    assert e.value.status == pj.PJ_ENOTFOUND
    with pytest.raises(OverflowError):
        ep.codecSetPriority("PCMU", 256)
    with pytest.raises(TypeError):
        ep.codecSetParam("PCMU", "not a param")

    p = ep.codecGetParam("PCMU")
    p.setting.decFmtp = pj.CodecFmtpVector([pj.CodecFmtp() for _ in range(9)])
    with pytest.raises(pj.Error) as e:
        ep.codecSetParam("PCMU", p)
    assert e.value.status == pj.PJ_EINVAL
    assert "CodecParamSetting.decFmtp" in e.value.reason
    long_name = pj.CodecFmtp()
    long_name.name = "n" * 32
    p.setting.decFmtp = pj.CodecFmtpVector([long_name])
    with pytest.raises(pj.Error) as e:
        ep.codecSetParam("PCMU", p)
    assert e.value.status == pj.PJ_ENAMETOOLONG
    p = ep.codecGetParam("PCMU")
    p.info.frameLenDenum = 1
    with pytest.raises(pj.Error) as e:
        ep.codecSetParam("PCMU", p)
    assert e.value.status == pj.PJ_ENOTSUP
    assert "frameLenDenum" in e.value.reason
    p = ep.codecGetParam("PCMU")
    p.info.clockRate = 16000  # not a rate PCMU has
    with pytest.raises(pj.Error) as e:
        ep.codecSetParam("PCMU", p)
    assert e.value.status == pj.PJ_EINVAL
    assert ep.codecGetParam("PCMU").info.clockRate == 8000  # unchanged

    ep.libDestroy()
    with pytest.raises(pj.Error):
        ep.codecEnum2()
