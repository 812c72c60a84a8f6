"""PJSUA2's media stream classes of Call.getStreamInfo and Call.getStreamStat: StreamInfo,
StreamStat with RtcpStat, RtcpStreamStat, MathStat, LossType, RtcpSdes and JbufState,
read from the C ABI's structs.

Members the C ABI does not report keep their PJSUA2 defaults: StreamInfo.audCodecParam
(a CodecParam of zeros) and rtcpSdesByeDisabled (False); RtcpStat.start, rxIpdvUsec,
rxRawJitterUsec and peerSdes; RtcpStreamStat.update and lossType. StreamInfo's jitter
buffer members are the endpoint's MediaConfig values, which its streams use, as in
PJSUA2.
"""
from ._call_types import TimeVal, _Repr
from ._codec import CodecParam
from ._cstr import from_c


class StreamInfo(_Repr):
    """An audio stream of a call (PJSUA2's `StreamInfo`): `type` (PJMEDIA_TYPE_AUDIO),
    `proto` (the C ABI's transport protocol value), `dir` (PJMEDIA_DIR_*),
    `remoteRtpAddress` and `remoteRtcpAddress` ("ip:port"), `txPt`, `rxPt`, `codecName`
    ("PCMA"), `codecClockRate`, `audCodecParam`, `jbInit`, `jbMinPre`, `jbMaxPre`,
    `jbMax`, `jbDiscardAlgo`, `audTxEventPt` and `audRxEventPt` (telephone-event payload
    types, -1 without them) and `rtcpSdesByeDisabled`."""

    def __init__(self):
        self.type = 0
        self.proto = 0
        self.dir = 0
        self.remoteRtpAddress = ""
        self.remoteRtcpAddress = ""
        self.txPt = 0
        self.rxPt = 0
        self.codecName = ""
        self.codecClockRate = 0
        self.audCodecParam = CodecParam()
        self.jbInit = -1
        self.jbMinPre = -1
        self.jbMaxPre = -1
        self.jbMax = -1
        self.jbDiscardAlgo = 0
        self.audTxEventPt = 0
        self.audRxEventPt = 0
        self.rtcpSdesByeDisabled = False


def stream_info_from_c(c, med):
    """A StreamInfo from a pjsua2rs_stream_info and the pjsua2rs_media_config `med` the
    endpoint was initialised with (its jitter buffer settings; None, when the endpoint
    was destroyed meanwhile, leaves the defaults)."""
    out = StreamInfo()
    out.type, out.proto, out.dir = c.media_type, c.proto, c.dir
    out.remoteRtpAddress = from_c(c.remote_rtp_address)
    out.remoteRtcpAddress = from_c(c.remote_rtcp_address)
    out.txPt, out.rxPt = c.tx_pt, c.rx_pt
    out.codecName, out.codecClockRate = from_c(c.codec_name), c.codec_clock_rate
    if med is not None:
        out.jbInit, out.jbMinPre, out.jbMaxPre = med.jb_init, med.jb_min_pre, med.jb_max_pre
        out.jbMax, out.jbDiscardAlgo = med.jb_max, med.jb_discard_algo
    out.audTxEventPt, out.audRxEventPt = c.tx_event_pt, c.rx_event_pt
    return out


class MathStat(_Repr):
    """Figures of a series (PJSUA2's `MathStat`): `n` samples, `max`, `min`, `last`,
    `mean`."""

    def __init__(self):
        self.n = 0
        self.max = 0
        self.min = 0
        self.last = 0
        self.mean = 0


def _math_from_c(c):
    out = MathStat()
    out.n, out.max, out.min, out.last, out.mean = c.n, c.max, c.min, c.last, c.mean
    return out


class LossType(_Repr):
    """How losses came (PJSUA2's `LossType`): `burst` and `random` (not reported:
    0)."""

    def __init__(self):
        self.burst = 0
        self.random = 0


class RtcpStreamStat(_Repr):
    """One direction of a stream (PJSUA2's `RtcpStreamStat`): `update` (TimeVal, not
    reported), `updateCount`, `pkt`, `bytes` (payload), `discard`, `loss`, `reorder`,
    `dup`, `lossPeriodUsec` and `jitterUsec` (MathStat), `lossType` (not reported)."""

    def __init__(self):
        self.update = TimeVal()
        self.updateCount = 0
        self.pkt = 0
        self.bytes = 0
        self.discard = 0
        self.loss = 0
        self.reorder = 0
        self.dup = 0
        self.lossPeriodUsec = MathStat()
        self.lossType = LossType()
        self.jitterUsec = MathStat()


def _direction_from_c(c):
    out = RtcpStreamStat()
    out.updateCount, out.pkt, out.bytes = c.update_cnt, c.pkt, c.bytes
    out.discard, out.loss, out.reorder, out.dup = c.discard, c.loss, c.reorder, c.dup
    out.lossPeriodUsec = _math_from_c(c.loss_period_usec)
    out.jitterUsec = _math_from_c(c.jitter_usec)
    return out


class RtcpSdes(_Repr):
    """The peer's RTCP source description (PJSUA2's `RtcpSdes`): `cname`, `name`,
    `email`, `phone`, `loc`, `tool`, `note` (not reported: empty)."""

    def __init__(self):
        self.cname = ""
        self.name = ""
        self.email = ""
        self.phone = ""
        self.loc = ""
        self.tool = ""
        self.note = ""


class RtcpStat(_Repr):
    """A stream's RTP/RTCP statistics (PJSUA2's `RtcpStat`): `txStat` (what we sent) and
    `rxStat` (what we received) as RtcpStreamStat, `rttUsec` (round-trip time, MathStat),
    `rtpTxLastTs`, `rtpTxLastSeq`; `start`, `rxIpdvUsec`, `rxRawJitterUsec` and
    `peerSdes` are not reported (their defaults)."""

    def __init__(self):
        self.start = TimeVal()
        self.txStat = RtcpStreamStat()
        self.rxStat = RtcpStreamStat()
        self.rttUsec = MathStat()
        self.rtpTxLastTs = 0
        self.rtpTxLastSeq = 0
        self.rxIpdvUsec = MathStat()
        self.rxRawJitterUsec = MathStat()
        self.peerSdes = RtcpSdes()


class JbufState(_Repr):
    """A stream's jitter buffer (PJSUA2's `JbufState`): `frameSize` (bytes),
    `minPrefetch`, `maxPrefetch`, `burst`, `prefetch`, `size` (frames), `avgDelayMsec`,
    `minDelayMsec`, `maxDelayMsec`, `devDelayMsec`, `avgBurst`, `lost`, `discard`,
    `empty`."""

    def __init__(self):
        self.frameSize = 0
        self.minPrefetch = 0
        self.maxPrefetch = 0
        self.burst = 0
        self.prefetch = 0
        self.size = 0
        self.avgDelayMsec = 0
        self.minDelayMsec = 0
        self.maxDelayMsec = 0
        self.devDelayMsec = 0
        self.avgBurst = 0
        self.lost = 0
        self.discard = 0
        self.empty = 0


class StreamStat(_Repr):
    """A stream's statistics (PJSUA2's `StreamStat`): `rtcp` (RtcpStat) and `jbuf`
    (JbufState)."""

    def __init__(self):
        self.rtcp = RtcpStat()
        self.jbuf = JbufState()


def stream_stat_from_c(c):
    """A StreamStat from a pjsua2rs_stream_stat."""
    out = StreamStat()
    r = out.rtcp
    r.txStat, r.rxStat = _direction_from_c(c.tx_stat), _direction_from_c(c.rx_stat)
    r.rttUsec = _math_from_c(c.rtt_usec)
    r.rtpTxLastTs, r.rtpTxLastSeq = c.rtp_tx_last_ts, c.rtp_tx_last_seq
    j, cj = out.jbuf, c.jbuf
    j.frameSize, j.minPrefetch, j.maxPrefetch = cj.frame_size, cj.min_prefetch, cj.max_prefetch
    j.burst, j.prefetch, j.size = cj.burst, cj.prefetch, cj.size
    j.avgDelayMsec, j.minDelayMsec = cj.avg_delay_msec, cj.min_delay_msec
    j.maxDelayMsec, j.devDelayMsec = cj.max_delay_msec, cj.dev_delay_msec
    j.avgBurst, j.lost, j.discard, j.empty = cj.avg_burst, cj.lost, cj.discard, cj.empty
    return out
