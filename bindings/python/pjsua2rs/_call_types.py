"""PJSUA2's call parameters (CallOpParam, CallSetting, SipTxOption, CallSendDtmfParam...),
CallInfo and CallMediaInfo, the SipEvent family and the param objects of the Call
callbacks, with their conversions to and from the C ABI's structs.

These are plain Python objects with PJSUA2's member names and defaults; they are checked
and copied into C structs when a Call method is called. Members PJSUA2 has but the C ABI
cannot carry yet (SipTxOption.targetUri/localUri/multipart*, CallSetting.mediaDir and
customCallId, CallOpParam.sdp) raise Error(PJ_ENOTSUP) naming the member when they are
set, rather than being ignored.
"""
import ctypes

from . import _ffi
from ._account_types import SipRxData
from ._cstr import from_c, to_c
from ._errors import Error, check
from ._struct_view import check_int
from ._vectors import CallMediaInfoVector, IntVector, SipHeaderVector

PJSIP_INV_STATE_DISCONNECTED = 6
_PJSIP_EVENT_RX_MSG = 3
_PJSIP_EVENT_TSX_STATE = 5
_PJSIP_TSX_STATE_COMPLETED = 4


def _text(data):
    """A `const char *` member (None when NULL) as str."""
    return from_c(data) if data else ""


def _fields(obj):
    return ", ".join(f"{k}={v!r}" for k, v in vars(obj).items() if not k.startswith("_"))


class _Repr:
    def __repr__(self):
        return f"{type(self).__name__}({_fields(self)})"


class TimeVal(_Repr):
    """A duration (PJSUA2's `TimeVal`): `sec` and `msec`."""

    def __init__(self, sec=0, msec=0):
        self.sec, self.msec = sec, msec


class CallSetting(_Repr):
    """A call's media setting (PJSUA2's `CallSetting`). CallSetting() is all zero, which
    means "the account's defaults" when passed in a CallOpParam; CallSetting(True) holds
    PJSUA2's defaults: one audio stream, flag PJSUA_CALL_INCLUDE_DISABLED_MEDIA. Video is
    not supported (videoCount must stay 0); mediaDir and customCallId cannot be passed to
    the library yet."""

    def __init__(self, useDefault=False):
        self.flag = 0
        self.reqKeyframeMethod = 0
        self.audioCount = 0
        self.videoCount = 0
        self.mediaDir = IntVector()
        self.customCallId = ""
        if useDefault:
            self.flag = _ffi.PJSUA2RS_CALL_INCLUDE_DISABLED_MEDIA
            self.audioCount = 1

    def isEmpty(self):
        """Whether every member is zero or empty (the account's defaults apply)."""
        return (self.flag == 0 and self.reqKeyframeMethod == 0 and self.audioCount == 0
                and self.videoCount == 0 and len(self.mediaDir) == 0
                and self.customCallId == "")

    def _to_c(self, c, label):
        c.flag = check_int(self.flag, f"{label}.flag", ctypes.c_uint32)
        c.req_keyframe_method = check_int(self.reqKeyframeMethod,
                                          f"{label}.reqKeyframeMethod", ctypes.c_uint32)
        c.audio_count = check_int(self.audioCount, f"{label}.audioCount", ctypes.c_uint32)
        c.video_count = check_int(self.videoCount, f"{label}.videoCount", ctypes.c_uint32)
        _unsupported(len(self.mediaDir) == 0, f"{label}.mediaDir")
        _unsupported(self.customCallId == "", f"{label}.customCallId")


class SdpSession(_Repr):
    """An SDP (PJSUA2's `SdpSession`): `wholeSdp`, the text."""

    def __init__(self, wholeSdp=""):
        self.wholeSdp = wholeSdp


class SipMediaType(_Repr):
    """A MIME type (PJSUA2's `SipMediaType`): `type` and `subType`."""

    def __init__(self, type="", subType=""):  # noqa: A002 (PJSUA2's name)
        self.type, self.subType = type, subType


class SipTxOption(_Repr):
    """What to add to an outgoing request or response (PJSUA2's `SipTxOption`): extra
    `headers` (a SipHeaderVector of SipHeader), and a body: `contentType` and `msgBody`.
    `targetUri`, `localUri`, `multipartContentType` and `multipartParts` cannot be passed
    to the library yet: setting them raises Error(PJ_ENOTSUP) when the option is used."""

    def __init__(self):
        self.targetUri = ""
        self.headers = SipHeaderVector()
        self.contentType = ""
        self.msgBody = ""
        self.localUri = ""
        self.multipartContentType = SipMediaType()
        self.multipartParts = []

    def isEmpty(self):
        """Whether nothing is to be added."""
        return (self.targetUri == "" and len(self.headers) == 0 and self.contentType == ""
                and self.msgBody == "" and self.localUri == ""
                and self.multipartContentType.type == ""
                and self.multipartContentType.subType == "" and len(self.multipartParts) == 0)

    def _to_c(self, label):
        """A filled `pjsua2rs_sip_tx_option` and the objects it points to (keep them
        alive while the struct is used)."""
        from ._config import SipHeader  # the generated config class

        c = _ffi.pjsua2rs_sip_tx_option()
        _default(_ffi.lib.pjsua2rs_sip_tx_option_default, c)
        _unsupported(self.targetUri == "", f"{label}.targetUri")
        _unsupported(self.localUri == "", f"{label}.localUri")
        _unsupported(self.multipartContentType.type == "" and
                     self.multipartContentType.subType == "", f"{label}.multipartContentType")
        _unsupported(len(self.multipartParts) == 0, f"{label}.multipartParts")
        headers = list(self.headers)
        if len(headers) > len(c.headers):
            raise Error(_ffi.PJSUA2RS_ERR_TOO_MANY, f"{label}.headers",
                        f"{len(headers)} elements, but at most {len(c.headers)} fit")
        for i, h in enumerate(headers):
            if not isinstance(h, SipHeader):
                raise TypeError(f"{label}.headers elements must be SipHeader, "
                                f"not {type(h).__name__}")
            c.headers[i] = h._c
        c.headers_count = len(headers)
        c.content_type = to_c(self.contentType, f"{label}.contentType",
                              _size(c, 'content_type'))
        body = None
        if self.msgBody != "":
            body = ctypes.create_string_buffer(to_c(self.msgBody, f"{label}.msgBody"))
            c.msg_body = ctypes.cast(body, ctypes.c_char_p)
        return c, body


class CallOpParam(_Repr):
    """The parameters of most Call operations (PJSUA2's `CallOpParam`): `opt` (a
    CallSetting; CallOpParam(True) fills it with the defaults), `statusCode` (for answer
    and hangup; 0 means the default), `reason`, `options` (PJSUA_XFER_NO_REQUIRE_REPLACES
    for xferReplaces), `txOption` (a SipTxOption) and `sdp` (answering with an SDP of the
    application's is not supported yet: `sdp.wholeSdp` must stay "")."""

    def __init__(self, useDefaultCallSetting=False):
        self.opt = CallSetting(useDefaultCallSetting)
        self.statusCode = 0
        self.reason = ""
        self.options = 0
        self.txOption = SipTxOption()
        self.sdp = SdpSession()

    def _to_c(self, label):
        """A filled `pjsua2rs_call_op_param` and what it points to (keep both alive)."""
        c = _ffi.pjsua2rs_call_op_param()
        _default(_ffi.lib.pjsua2rs_call_op_param_default, c)
        self.opt._to_c(c.opt, f"{label}.opt")
        c.status_code = check_int(self.statusCode, f"{label}.statusCode", ctypes.c_uint32)
        c.reason = to_c(self.reason, f"{label}.reason", _size(c, 'reason'))
        c.options = check_int(self.options, f"{label}.options", ctypes.c_uint32)
        c.tx_option, keep = self.txOption._to_c(f"{label}.txOption")
        _unsupported(self.sdp.wholeSdp == "", f"{label}.sdp")
        return c, keep


class CallSendDtmfParam(_Repr):
    """The parameters of Call.sendDtmf (PJSUA2's `CallSendDtmfParam`): `method`
    (PJSUA_DTMF_METHOD_RFC2833 by default, which needs the call's audio stream;
    PJSUA_DTMF_METHOD_SIP_INFO sends INFO requests), `duration` (ms per digit, 160) and
    `digits`."""

    def __init__(self):
        self.method = _ffi.PJSUA2RS_DTMF_METHOD_RFC2833
        self.duration = 160
        self.digits = ""


class CallSendRequestParam(_Repr):
    """The parameters of Call.sendRequest (PJSUA2's `CallSendRequestParam`): `method` and
    `txOption`."""

    def __init__(self):
        self.method = ""
        self.txOption = SipTxOption()


class SendInstantMessageParam(_Repr):
    """The parameters of Call.sendInstantMessage (PJSUA2's `SendInstantMessageParam`):
    `contentType` ("text/plain"), `content`, `txOption` and `userData` (any object; it
    comes back in onInstantMessageStatus)."""

    def __init__(self):
        self.contentType = "text/plain"
        self.content = ""
        self.txOption = SipTxOption()
        self.userData = None


class SendTypingIndicationParam(_Repr):
    """The parameters of Call.sendTypingIndication (PJSUA2's
    `SendTypingIndicationParam`): `isTyping` and `txOption`."""

    def __init__(self):
        self.isTyping = False
        self.txOption = SipTxOption()


class CallMediaInfo(_Repr):
    """One media line of a call (PJSUA2's `CallMediaInfo`): `index`, `type`
    (PJMEDIA_TYPE_AUDIO, or PJMEDIA_TYPE_NONE for a line not used), `dir` (PJMEDIA_DIR_*),
    `status` (PJSUA_CALL_MEDIA_*) and `audioConfSlot` (the call's conference slot, -1
    without audio). Video members are not provided (no video)."""

    def __init__(self):
        self.index = 0
        self.type = 0
        self.dir = 0
        self.status = 0
        self.audioConfSlot = -1

    @classmethod
    def from_c(cls, c):
        m = cls()
        m.index, m.type, m.dir = c.index, c.media_type, c.dir
        m.status, m.audioConfSlot = c.status, c.audio_conf_slot
        return m


class CallInfo(_Repr):
    """A snapshot of a call (PJSUA2's `CallInfo`): id, role (PJSIP_ROLE_UAC/UAS), accId,
    localUri, localContact, remoteUri, remoteContact, callIdString, state
    (PJSIP_INV_STATE_*), stateText, lastStatusCode, lastReason, media (a
    CallMediaInfoVector), connectDuration and totalDuration (TimeVal), remOfferer,
    remAudioCount, remVideoCount. The C ABI does not report the call's `setting` (left
    as CallSetting()) nor `provMedia` (left empty)."""

    def __init__(self):
        self.id = -1
        self.role = 0
        self.accId = -1
        self.localUri = ""
        self.localContact = ""
        self.remoteUri = ""
        self.remoteContact = ""
        self.callIdString = ""
        self.setting = CallSetting()
        self.state = 0
        self.stateText = ""
        self.lastStatusCode = 0
        self.lastReason = ""
        self.media = CallMediaInfoVector()
        self.provMedia = CallMediaInfoVector()
        self.connectDuration = TimeVal()
        self.totalDuration = TimeVal()
        self.remOfferer = False
        self.remAudioCount = 0
        self.remVideoCount = 0

    @classmethod
    def from_c(cls, c):
        """The CallInfo of a `pjsua2rs_call_info` struct."""
        i = cls()
        i.id, i.role, i.accId = c.id, c.role, c.acc_id
        i.localUri, i.localContact = from_c(c.local_uri), from_c(c.local_contact)
        i.remoteUri, i.remoteContact = from_c(c.remote_uri), from_c(c.remote_contact)
        i.callIdString = from_c(c.call_id_string)
        i.state, i.stateText = c.state, from_c(c.state_text)
        i.lastStatusCode, i.lastReason = c.last_status_code, from_c(c.last_reason)
        n = min(c.media_count, len(c.media))
        i.media = CallMediaInfoVector(CallMediaInfo.from_c(c.media[k]) for k in range(n))
        i.connectDuration = TimeVal(c.connect_duration.sec, c.connect_duration.msec)
        i.totalDuration = TimeVal(c.total_duration.sec, c.total_duration.msec)
        i.remOfferer = c.rem_offerer
        i.remAudioCount, i.remVideoCount = c.rem_audio_count, c.rem_video_count
        return i


# The SipEvent family (PJSUA2's siptypes.hpp). pjsua2rs fills what its C ABI reports;
# the pointer members of PJSUA2 (pjEvent, pjRxData, pjTransaction...) are not provided.

class SipTxData(_Repr):
    """An outgoing message (PJSUA2's `SipTxData`): info, wholeMsg, dstAddress."""

    def __init__(self):
        self.info, self.wholeMsg, self.dstAddress = "", "", ""


class SipTransaction(_Repr):
    """A transaction (PJSUA2's `SipTransaction`): role, method, statusCode, statusText,
    state (PJSIP_TSX_STATE_*) and lastTx."""

    def __init__(self):
        self.role = 0
        self.method = ""
        self.statusCode = 0
        self.statusText = ""
        self.state = 0
        self.lastTx = SipTxData()


class TsxStateEventSrc(_Repr):
    """What caused a transaction's change (PJSUA2's `TsxStateEventSrc`): rdata, tdata,
    status."""

    def __init__(self):
        self.rdata = SipRxData()
        self.tdata = SipTxData()
        self.status = 0


class TsxStateEvent(_Repr):
    """A transaction's change (PJSUA2's `TsxStateEvent`): src, tsx, prevState and type
    (the PJSIP_EVENT_* that caused it)."""

    def __init__(self):
        self.src = TsxStateEventSrc()
        self.tsx = SipTransaction()
        self.prevState = 0
        self.type = 0


class RxMsgEvent(_Repr):
    """A received message (PJSUA2's `RxMsgEvent`): rdata."""

    def __init__(self):
        self.rdata = SipRxData()


class TxMsgEvent(_Repr):
    """A sent message (PJSUA2's `TxMsgEvent`): tdata."""

    def __init__(self):
        self.tdata = SipTxData()


class TxErrorEvent(_Repr):
    """A transmission error (PJSUA2's `TxErrorEvent`): tdata, tsx."""

    def __init__(self):
        self.tdata = SipTxData()
        self.tsx = SipTransaction()


class TimerEvent(_Repr):
    """A timer event (PJSUA2's `TimerEvent`): entry."""

    def __init__(self):
        self.entry = None


class UserEvent(_Repr):
    """A user event (PJSUA2's `UserEvent`): user1..user4."""

    def __init__(self):
        self.user1 = self.user2 = self.user3 = self.user4 = None


class SipEventBody(_Repr):
    """The body of a SipEvent (PJSUA2's `SipEventBody`): the member its type names."""

    def __init__(self):
        self.timer = TimerEvent()
        self.tsxState = TsxStateEvent()
        self.txMsg = TxMsgEvent()
        self.txError = TxErrorEvent()
        self.rxMsg = RxMsgEvent()
        self.user = UserEvent()


class SipEvent(_Repr):
    """An event (PJSUA2's `SipEvent`): type (PJSIP_EVENT_*) and body."""

    def __init__(self):
        self.type = 0
        self.body = SipEventBody()


def _tsx_event(method, role, state, status_code, status_text, rdata):
    """A PJSIP_EVENT_TSX_STATE SipEvent caused by the received message `rdata`."""
    e = SipEvent()
    e.type = _PJSIP_EVENT_TSX_STATE
    ts = e.body.tsxState
    ts.type = _PJSIP_EVENT_RX_MSG
    ts.src.rdata = rdata
    ts.tsx.method, ts.tsx.role, ts.tsx.state = method, role, state
    ts.tsx.statusCode, ts.tsx.statusText = status_code, status_text
    e.body.rxMsg.rdata = rdata
    return e


# Callback params.

class OnIncomingCallParam(_Repr):
    """The param of Account.onIncomingCall (PJSUA2's `OnIncomingCallParam`): `callId`
    (pass it to Call(acc, callId) now, or the call is refused with 500) and `rdata` (the
    INVITE)."""

    def __init__(self, callId=0, rdata=None):
        self.callId = callId
        self.rdata = rdata if rdata is not None else SipRxData()


class OnCallStateParam(_Repr):
    """The param of Call.onCallState (PJSUA2's `OnCallStateParam`). `e` is an empty
    SipEvent (type PJSIP_EVENT_UNKNOWN): the C ABI does not report the message that
    caused the change; Call.getInfo() inside the callback gives the state."""

    def __init__(self, e=None):
        self.e = e if e is not None else SipEvent()


class OnCallTsxStateParam(_Repr):
    """The param of Call.onCallTsxState (PJSUA2's `OnCallTsxStateParam`): `e`, a
    PJSIP_EVENT_TSX_STATE SipEvent whose body.tsxState.tsx has the method, role, state
    (PJSIP_TSX_STATE_TRYING: the peer's request arrived; _COMPLETED: the response to ours
    arrived), statusCode and statusText, and body.tsxState.src.rdata the message."""

    def __init__(self, e=None):
        self.e = e if e is not None else SipEvent()

    @classmethod
    def from_c(cls, c):
        return cls(_tsx_event(_text(c.method), c.role, c.state, c.status_code,
                              _text(c.status_text), SipRxData.from_c(c.rdata)))


class OnCallMediaStateParam(_Repr):
    """The param of Call.onCallMediaState (PJSUA2's `OnCallMediaStateParam`; no
    members)."""


class OnDtmfDigitParam(_Repr):
    """The param of Call.onDtmfDigit (PJSUA2's `OnDtmfDigitParam`): method
    (PJSUA_DTMF_METHOD_*), digit and duration (ms)."""

    def __init__(self, method=0, digit="", duration=0):
        self.method, self.digit, self.duration = method, digit, duration


class OnCallTransferRequestParam(_Repr):
    """The param of Call.onCallTransferRequest (PJSUA2's `OnCallTransferRequestParam`):
    the peer asks to transfer the call to `dstUri` (may be changed). Set `statusCode`
    (202: accept, the default) to a 4xx-6xx to refuse, and `newCall` to a new Call(acc)
    to get the new call's callbacks (the library keeps it alive until that call ends).
    `opt` is not passed back to the library yet (the new call uses the defaults)."""

    def __init__(self, dstUri="", statusCode=0, opt=None, newCall=None):
        self.dstUri, self.statusCode = dstUri, statusCode
        self.opt = opt if opt is not None else CallSetting()
        self.newCall = newCall


class OnCallTransferStatusParam(_Repr):
    """The param of Call.onCallTransferStatus (PJSUA2's `OnCallTransferStatusParam`):
    statusCode and reason of the transferred call, finalNotify, and `cont` (set it to
    False to stop receiving reports)."""

    def __init__(self, statusCode=0, reason="", finalNotify=False, cont=False):
        self.statusCode, self.reason = statusCode, reason
        self.finalNotify, self.cont = finalNotify, cont


class OnCallReplaceRequestParam(_Repr):
    """The param of Call.onCallReplaceRequest (PJSUA2's `OnCallReplaceRequestParam`): an
    INVITE (`rdata`) wants to replace this call. Set `statusCode` (200: accept) and
    `reason` to refuse, and `newCall` to a new Call(acc) for the new call. `opt` is not
    passed back to the library yet."""

    def __init__(self, rdata=None, statusCode=0, reason="", opt=None, newCall=None):
        self.rdata = rdata if rdata is not None else SipRxData()
        self.statusCode, self.reason = statusCode, reason
        self.opt = opt if opt is not None else CallSetting()
        self.newCall = newCall


class OnCallReplacedParam(_Repr):
    """The param of Call.onCallReplaced (PJSUA2's `OnCallReplacedParam`): `newCallId` and
    `newCall`, the Call given in onCallReplaceRequest (or None)."""

    def __init__(self, newCallId=0, newCall=None):
        self.newCallId, self.newCall = newCallId, newCall


class OnCallRedirectedParam(_Repr):
    """The param of Call.onCallRedirected (PJSUA2's `OnCallRedirectedParam`):
    `targetUri` and `e`, a PJSIP_EVENT_TSX_STATE SipEvent with the 3xx response in
    body.tsxState.src.rdata."""

    def __init__(self, targetUri="", e=None):
        self.targetUri = targetUri
        self.e = e if e is not None else SipEvent()


class OnCallRxOfferParam(_Repr):
    """The param of Call.onCallRxOffer (PJSUA2's `OnCallRxOfferParam`): the peer's new
    `offer` (an SdpSession). pjsua2rs answers the offer with its capabilities: changes to
    `statusCode` (in: 200) and `opt` are not taken back yet."""

    def __init__(self, offer=None, statusCode=0, opt=None):
        self.offer = offer if offer is not None else SdpSession()
        self.statusCode = statusCode
        self.opt = opt if opt is not None else CallSetting()


class OnCallRxReinviteParam(_Repr):
    """The param of Call.onCallRxReinvite (PJSUA2's `OnCallRxReinviteParam`): the
    re-INVITE's `offer`. `rdata` is empty (the C ABI does not report the request here);
    `isAsync`, `statusCode` and `opt` changes are not taken back yet."""

    def __init__(self, offer=None, rdata=None, isAsync=False, statusCode=0, opt=None):
        self.offer = offer if offer is not None else SdpSession()
        self.rdata = rdata if rdata is not None else SipRxData()
        self.isAsync, self.statusCode = isAsync, statusCode
        self.opt = opt if opt is not None else CallSetting()


class OnInstantMessageParam(_Repr):
    """The param of Call.onInstantMessage (PJSUA2's `OnInstantMessageParam`): fromUri,
    toUri, contactUri, contentType, msgBody, rdata."""

    def __init__(self, fromUri="", toUri="", contactUri="", contentType="", msgBody="",
                 rdata=None):
        self.fromUri, self.toUri, self.contactUri = fromUri, toUri, contactUri
        self.contentType, self.msgBody = contentType, msgBody
        self.rdata = rdata if rdata is not None else SipRxData()

    @classmethod
    def from_c(cls, c):
        return cls(_text(c.from_uri), _text(c.to_uri), _text(c.contact_uri),
                   _text(c.content_type), _text(c.msg_body), SipRxData.from_c(c.rdata))


class OnInstantMessageStatusParam(_Repr):
    """The param of Call.onInstantMessageStatus (PJSUA2's
    `OnInstantMessageStatusParam`): userData (of the SendInstantMessageParam), toUri,
    msgBody, code, reason, rdata."""

    def __init__(self, userData=None, toUri="", msgBody="", code=0, reason="", rdata=None):
        self.userData, self.toUri, self.msgBody = userData, toUri, msgBody
        self.code, self.reason = code, reason
        self.rdata = rdata if rdata is not None else SipRxData()


class OnTypingIndicationParam(_Repr):
    """The param of Call.onTypingIndication (PJSUA2's `OnTypingIndicationParam`):
    fromUri, toUri, contactUri, isTyping, rdata."""

    def __init__(self, fromUri="", toUri="", contactUri="", isTyping=False, rdata=None):
        self.fromUri, self.toUri, self.contactUri = fromUri, toUri, contactUri
        self.isTyping = isTyping
        self.rdata = rdata if rdata is not None else SipRxData()

    @classmethod
    def from_c(cls, c):
        return cls(_text(c.from_uri), _text(c.to_uri), _text(c.contact_uri), c.is_typing,
                   SipRxData.from_c(c.rdata))


def _size(c, field):
    """The bytes of char array `field` of struct `c` (reading it gives bytes)."""
    return getattr(type(c), field).size


def _default(fn, c):
    """Fills `c` with the library's defaults (stamping its size)."""
    check(fn(ctypes.byref(c), ctypes.sizeof(c)))


def _unsupported(is_default, label):
    if not is_default:
        raise Error(_ffi.PJSUA2RS_ERR_NOT_SUPPORTED, label,
                    "pjsua2rs cannot pass this member to the library yet; leave it empty")


def tx_option_arg(tx, label):
    """`tx` (a SipTxOption) as a C struct and what it points to."""
    if not isinstance(tx, SipTxOption):
        raise TypeError(f"{label} must be a SipTxOption, not {type(tx).__name__}")
    return tx._to_c(label)


def op_param_arg(prm, label):
    """`prm` (a CallOpParam) as a C struct and what it points to."""
    if not isinstance(prm, CallOpParam):
        raise TypeError(f"{label} must be a CallOpParam, not {type(prm).__name__}")
    return prm._to_c(label)
