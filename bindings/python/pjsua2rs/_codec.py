"""PJSUA2's codec classes (CodecInfo, CodecFmtp, CodecParamInfo, CodecParamSetting,
CodecParam) and their conversions to and from the C ABI's structs, for the Endpoint's
codecEnum2 / codecGetParam / codecSetParam and Call.getStreamInfo.

The C ABI carries every member except CodecParamInfo's fmtId, encFrameLen,
frameLenDenum and encFrameLenDenum and CodecParamSetting.reserved: they read as 0 and
False (the values PJSUA2 reports for the audio codecs), and codecSetParam raises
Error(PJ_ENOTSUP) naming one that is set, rather than ignoring it.
"""
import ctypes

from . import _ffi
from ._call_types import _Repr
from ._cstr import from_c, to_c
from ._errors import Error
from ._struct_view import check_bool, check_int
from ._vectors import CodecFmtpVector

_U32 = ctypes.c_uint32
_FMTP = _ffi.pjsua2rs_codec_fmtp


class CodecInfo(_Repr):
    """A codec of the endpoint (PJSUA2's `CodecInfo`): `codecId` ("PCMU/8000/1"),
    `priority` (0: disabled; higher is offered first) and `desc` (empty for the built-in
    codecs, as in PJSUA2)."""

    def __init__(self):
        self.codecId = ""
        self.priority = 0
        self.desc = ""


class CodecFmtp(_Repr):
    """One fmtp parameter of a codec (PJSUA2's `CodecFmtp`): `name` and `val`."""

    def __init__(self):
        self.name = ""
        self.val = ""


class CodecParamInfo(_Repr):
    """A codec's fixed figures (PJSUA2's `CodecParamInfo`): `clockRate`, `channelCnt`,
    `avgBps`, `maxBps`, `maxRxFrameSize`, `frameLen` (ms per codec frame),
    `pcmBitsPerSample`, `pt`; `fmtId`, `encFrameLen`, `frameLenDenum` and
    `encFrameLenDenum` are not carried (0)."""

    def __init__(self):
        self.clockRate = 0
        self.channelCnt = 0
        self.avgBps = 0
        self.maxBps = 0
        self.maxRxFrameSize = 0
        self.frameLen = 0
        self.encFrameLen = 0
        self.pcmBitsPerSample = 0
        self.pt = 0
        self.fmtId = 0
        self.frameLenDenum = 0
        self.encFrameLenDenum = 0


class CodecParamSetting(_Repr):
    """A codec's settings (PJSUA2's `CodecParamSetting`): `frmPerPkt`, `vad`, `cng`,
    `penh`, `plc`, `encFmtp` / `decFmtp` (CodecFmtpVector: the remote's fmtp for our
    encoder, ours for our decoder; at most 8 each), and for Opus `packetLoss`,
    `complexity`, `cbr`; `reserved` is not carried (False)."""

    def __init__(self):
        self.frmPerPkt = 0
        self.vad = False
        self.cng = False
        self.penh = False
        self.plc = False
        self.reserved = False
        self.encFmtp = CodecFmtpVector()
        self.decFmtp = CodecFmtpVector()
        self.packetLoss = 0
        self.complexity = 0
        self.cbr = False


class CodecParam(_Repr):
    """A codec's parameters (PJSUA2's `CodecParam`): `info` (CodecParamInfo) and
    `setting` (CodecParamSetting)."""

    def __init__(self):
        self.info = CodecParamInfo()
        self.setting = CodecParamSetting()


def codec_info_from_c(c):
    """A CodecInfo from a pjsua2rs_codec_info."""
    out = CodecInfo()
    out.codecId, out.priority = from_c(c.codec_id), c.priority
    return out


def _fmtp_from_c(count, array):
    out = CodecFmtpVector()
    for f in array[:count]:
        item = CodecFmtp()
        item.name, item.val = from_c(f.name), from_c(f.val)
        out.append(item)
    return out


def codec_param_from_c(c):
    """A CodecParam from a pjsua2rs_codec_param."""
    out = CodecParam()
    i, s = out.info, out.setting
    i.clockRate, i.channelCnt, i.avgBps, i.maxBps = (c.clock_rate, c.channel_cnt,
                                                     c.avg_bps, c.max_bps)
    i.maxRxFrameSize, i.frameLen = c.max_rx_frame_size, c.frame_len
    i.pcmBitsPerSample, i.pt = c.pcm_bits_per_sample, c.pt
    s.frmPerPkt, s.vad, s.cng, s.penh, s.plc = c.frm_per_pkt, c.vad, c.cng, c.penh, c.plc
    s.packetLoss, s.complexity, s.cbr = c.packet_loss, c.complexity, c.cbr
    s.encFmtp = _fmtp_from_c(c.enc_fmtp_count, c.enc_fmtp)
    s.decFmtp = _fmtp_from_c(c.dec_fmtp_count, c.dec_fmtp)
    return out


def _fmtp_to_c(fmtp, array, label, title):
    items = list(fmtp)
    if len(items) > len(array):
        raise Error(_ffi.PJSUA2RS_ERR_INVALID_ARG, title,
                    f"{label} has {len(items)} parameters (at most {len(array)})")
    for slot, f in zip(array, items):
        if not isinstance(f, CodecFmtp):
            raise TypeError(f"{label} holds CodecFmtp, not {type(f).__name__}")
        slot.name = to_c(f.name, f"{label}.name", _FMTP.name.size)
        slot.val = to_c(f.val, f"{label}.val", _FMTP.val.size)
    return len(items)


def codec_param_to_c(param, title):
    """A pjsua2rs_codec_param from CodecParam `param`, checked; `title` names the
    operation in errors."""
    if not isinstance(param, CodecParam):
        raise TypeError(f"{title} takes a CodecParam")
    i, s = param.info, param.setting
    for label, value in (("CodecParamInfo.fmtId", i.fmtId),
                         ("CodecParamInfo.encFrameLen", i.encFrameLen),
                         ("CodecParamInfo.frameLenDenum", i.frameLenDenum),
                         ("CodecParamInfo.encFrameLenDenum", i.encFrameLenDenum),
                         ("CodecParamSetting.reserved", s.reserved)):
        if value:
            raise Error(_ffi.PJSUA2RS_ERR_NOT_SUPPORTED, title,
                        f"{label} cannot be set (it must stay 0)")
    c = _ffi.pjsua2rs_codec_param()
    c.clock_rate = check_int(i.clockRate, "CodecParamInfo.clockRate", _U32)
    c.channel_cnt = check_int(i.channelCnt, "CodecParamInfo.channelCnt", _U32)
    c.avg_bps = check_int(i.avgBps, "CodecParamInfo.avgBps", _U32)
    c.max_bps = check_int(i.maxBps, "CodecParamInfo.maxBps", _U32)
    c.max_rx_frame_size = check_int(i.maxRxFrameSize, "CodecParamInfo.maxRxFrameSize", _U32)
    c.frame_len = check_int(i.frameLen, "CodecParamInfo.frameLen", _U32)
    c.pcm_bits_per_sample = check_int(i.pcmBitsPerSample, "CodecParamInfo.pcmBitsPerSample",
                                      _U32)
    c.pt = check_int(i.pt, "CodecParamInfo.pt", _U32)
    c.frm_per_pkt = check_int(s.frmPerPkt, "CodecParamSetting.frmPerPkt", _U32)
    c.vad = check_bool(s.vad, "CodecParamSetting.vad")
    c.cng = check_bool(s.cng, "CodecParamSetting.cng")
    c.penh = check_bool(s.penh, "CodecParamSetting.penh")
    c.plc = check_bool(s.plc, "CodecParamSetting.plc")
    c.packet_loss = check_int(s.packetLoss, "CodecParamSetting.packetLoss", _U32)
    c.complexity = check_int(s.complexity, "CodecParamSetting.complexity", _U32)
    c.cbr = check_bool(s.cbr, "CodecParamSetting.cbr")
    c.enc_fmtp_count = _fmtp_to_c(s.encFmtp, c.enc_fmtp, "CodecParamSetting.encFmtp", title)
    c.dec_fmtp_count = _fmtp_to_c(s.decFmtp, c.dec_fmtp, "CodecParamSetting.decFmtp", title)
    return c
