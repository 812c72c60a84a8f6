"""A call's audio stream through the PJSUA2 classes: Call.getStreamInfo (codec, payload
types, addresses, direction, the jitter buffer settings of the endpoint's MediaConfig)
and Call.getStreamStat (packets flowing both ways, RTP sequence and timestamp, jitter,
the jitter buffer; one way only while the call is on hold), and their errors before,
beside and after the stream."""
import pytest
from phones import DISCONNECTED, Pump, op

import pjsua2rs as pj


def jitter_settings(cfg):
    """Non-default jitter buffer settings."""
    m = cfg.medConfig
    m.jbInit, m.jbMinPre, m.jbMaxPre, m.jbMax = 2, 1, 8, 30
    m.jbDiscardAlgo = pj.PJMEDIA_JB_DISCARD_STATIC


def connected(phones):
    """(pump, alice's call, bob's call): a confirmed call with its audio running both
    ways, Alice transmitting a tone into it."""
    a = phones("alice", configure=jitter_settings)
    tg = pj.ToneGenerator()  # made on Endpoint.instance(): Alice's
    tg.createToneGenerator()
    b = phones("bob")
    pump = Pump([a, b])
    out, inc = pump.connect(a, b)
    pump.until(lambda: out.kinds("media") and inc.kinds("media"), "the media of both sides")
    tg.startTransmit(out.getAudioMedia(-1))
    tone = pj.ToneDesc()
    tone.freq1, tone.on_msec = 1000, 5000
    tg.play(pj.ToneDescVector([tone]))
    out.tone = tg  # kept while the call is
    return pump, out, inc


def test_stream_info(phones):
    pump, out, inc = connected(phones)
    a, b = out.getStreamInfo(0), inc.getStreamInfo(-1)
    assert isinstance(a, pj.StreamInfo)
    for info in (a, b):
        assert (info.type, info.dir) == (pj.PJMEDIA_TYPE_AUDIO, pj.PJMEDIA_DIR_ENCODING_DECODING)
        assert (info.codecName, info.codecClockRate, info.txPt, info.rxPt) == \
            ("PCMU", 8000, 0, 0)
        assert info.audTxEventPt > 95 and info.audRxEventPt > 95
        assert info.remoteRtpAddress.startswith("127.0.0.1:")
    # Each side sends RTP to the other's RTP port, RTCP to the port above (no rtcp-mux).
    a_port, b_port = (int(i.remoteRtpAddress.rsplit(":", 1)[1]) for i in (a, b))
    assert a_port != b_port
    assert a.remoteRtcpAddress == f"127.0.0.1:{a_port + 1}"
    # The jitter buffer settings are each endpoint's MediaConfig.
    assert (a.jbInit, a.jbMinPre, a.jbMaxPre, a.jbMax, a.jbDiscardAlgo) == \
        (2, 1, 8, 30, pj.PJMEDIA_JB_DISCARD_STATIC)
    assert (b.jbInit, b.jbMinPre, b.jbMaxPre, b.jbMax, b.jbDiscardAlgo) == \
        (-1, -1, -1, -1, pj.PJMEDIA_JB_DISCARD_PROGRESSIVE)


def test_stream_stat_shows_packets_flowing(phones):
    pump, out, inc = connected(phones)
    pump.run(1.0)
    first = out.getStreamStat(0)
    assert isinstance(first, pj.StreamStat)
    pump.run(0.5)
    sent, heard = out.getStreamStat(0), inc.getStreamStat(0)
    tx = sent.rtcp.txStat
    # 20 ms of PCMU per packet: 50 packets and 8000 payload bytes a second.
    assert tx.pkt >= 50
    assert tx.bytes == 160 * tx.pkt
    more = tx.pkt - first.rtcp.txStat.pkt
    assert 15 <= more <= 40
    assert (sent.rtcp.rtpTxLastSeq - first.rtcp.rtpTxLastSeq) % 65536 == more
    assert (sent.rtcp.rtpTxLastTs - first.rtcp.rtpTxLastTs) % (1 << 32) == 160 * more
    rx = heard.rtcp.rxStat
    assert tx.pkt * 0.8 <= rx.pkt <= tx.pkt
    assert rx.loss == 0 and rx.dup == 0
    assert rx.jitterUsec.n > 10
    assert rx.jitterUsec.min <= rx.jitterUsec.mean <= rx.jitterUsec.max
    # PCMU in the jitter buffer as PJMEDIA keeps it: 10 ms codec frames of 80 bytes.
    assert heard.jbuf.frameSize == 80
    assert heard.jbuf.maxPrefetch > 0
    # Bob sends too (silence from his side), Alice receives it.
    assert heard.rtcp.txStat.pkt >= 50 and sent.rtcp.rxStat.pkt >= 40


def test_on_hold_the_stream_flows_one_way(phones):
    pump, out, inc = connected(phones)
    out.setHold(op())
    pump.until(lambda: pj.PJSUA_CALL_MEDIA_LOCAL_HOLD in out.media_status(), "the hold")
    assert (out.getStreamInfo(0).dir, inc.getStreamInfo(0).dir) == \
        (pj.PJMEDIA_DIR_ENCODING, pj.PJMEDIA_DIR_DECODING)
    pump.run(0.2)

    def counts():
        return [(s.rtcp.txStat.pkt, s.rtcp.rxStat.pkt)
                for s in (out.getStreamStat(0), inc.getStreamStat(0))]

    before = counts()
    pump.run(0.6)
    after = counts()
    (a_tx, a_rx), (b_tx, b_rx) = ((t2 - t1, r2 - r1) for (t1, r1), (t2, r2)
                                  in zip(before, after))
    # Alice (sendonly) still sends and Bob (recvonly) receives; nothing goes back.
    assert a_tx >= 20 and b_rx >= 20
    assert a_rx <= 2 and b_tx <= 2


def test_errors(phones):
    a, b = phones("alice", "bob")
    pump = Pump([a, b])
    out = a.call(b.uri)
    with pytest.raises(pj.Error) as e:
        out.getStreamInfo(0)  # no answer yet: no stream
    assert e.value.status == pj.PJ_EINVALIDOP
    inc = pump.incoming(b)
    inc.answer(op(200))
    pump.until(lambda: out.kinds("media"), "the caller's media")
    with pytest.raises(pj.Error) as e:
        out.getStreamStat(1)  # no audio at index 1
    assert e.value.status == pj.PJ_EINVALIDOP
    assert "index 1" in e.value.reason
    with pytest.raises(TypeError):
        out.getStreamInfo("0")
    with pytest.raises(OverflowError):
        out.getStreamStat(1 << 31)
    out.hangup(op())
    pump.state(inc, DISCONNECTED)
    pump.state(out, DISCONNECTED)
    with pytest.raises(pj.Error):
        out.getStreamStat(0)
    with pytest.raises(pj.Error):
        inc.getStreamInfo(0)
