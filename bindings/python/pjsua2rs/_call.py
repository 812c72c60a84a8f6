"""PJSUA2's Call on the C ABI's call handle: subclass it and override the onXxx callbacks.

Each Call owns one C call object (pjsua2rs_call_create), made in the constructor and
registered in _live_calls under a key, the user data of every callback. The library calls
one module-level C trampoline per callback; it finds the Call by key and calls its method
with a PJSUA2 param object.
"""
import ctypes
import re
import sys
import threading
import traceback
import weakref

from . import _ffi, _live_calls
from ._account import Account
from ._account_types import SipRxData
from ._call_types import (PJSIP_INV_STATE_DISCONNECTED, CallInfo, CallSendDtmfParam,
                          CallSendRequestParam, CallSetting, OnCallMediaStateParam,
                          OnCallRedirectedParam, OnCallReplacedParam,
                          OnCallReplaceRequestParam, OnCallRxOfferParam,
                          OnCallRxReinviteParam, OnCallStateParam, OnCallTransferRequestParam,
                          OnCallTransferStatusParam, OnCallTsxStateParam, OnDtmfDigitParam,
                          OnInstantMessageParam, OnInstantMessageStatusParam,
                          OnTypingIndicationParam, SdpSession, SendInstantMessageParam,
                          SendTypingIndicationParam, _size, _text, _tsx_event, op_param_arg,
                          tx_option_arg)
from ._cstr import from_c, to_c
from ._endpoint import Endpoint, med_config
from ._errors import Error, check
from ._media import AudioMedia
from ._stream import stream_info_from_c, stream_stat_from_c
from ._struct_view import check_int

_lib = _ffi.lib
_INVALID_ID = -1
_PJSIP_TSX_STATE_COMPLETED = 4


class Call:
    """A call (PJSUA2's `Call`). Make one with Call(acc) and makeCall(), or take an
    incoming call with Call(acc, prm.callId) inside Account.onIncomingCall. Subclass it and
    override the onXxx callbacks; they run inside Endpoint.libHandleEvents in poll mode
    (threadCnt 0), else on the library's callback thread. An exception a callback raises
    is printed with its traceback and the library carries on.

    As in PJSUA2, the application keeps a reference to its Call while the call runs:
    deleting an active Call (dropping the last reference) hangs its call up. The hangup
    is done at the next libHandleEvents, Call(), Account.create or hangupAllCalls, since
    the garbage collector must not call the library. A Call handed to the library as
    `prm.newCall` in onCallTransferRequest / onCallReplaceRequest is kept alive by the
    library until its call has disconnected. After the onCallState of DISCONNECTED the
    Call is unlinked from the call: getId() keeps the old id, isActive() is False, other
    operations raise Error, and makeCall() may start a new call with the same object."""

    # Class-level defaults, so a subclass that skips Call.__init__ fails cleanly.
    _cell = None  # [C handle]: shared with the finalizer; [0] after the handle is gone
    _key = None
    _acc = None
    _id = _INVALID_ID
    _ended = False
    _event = None  # (thread id, pjsua2rs_call_info) while onCallState/MediaState runs
    _replacement = None  # the newCall of onCallReplaceRequest, for onCallReplaced
    _user_data = None

    def __init__(self, acc, call_id=_INVALID_ID):
        """A call object of Account `acc`; with `call_id` (inside onIncomingCall: its
        prm.callId) it takes that call."""
        if not isinstance(acc, Account):
            raise TypeError("Call() takes an Account")
        check_int(call_id, "call_id", ctypes.c_int32)
        _live_calls.free_orphans()
        self._acc = acc
        self._ended = False
        self._sent_ims = []  # [message body, userData] of our MESSAGEs awaiting a status
        self._ims_lock = threading.Lock()
        key = _live_calls.register(self, getattr(acc, "_ep_handle", None))
        out = ctypes.c_uint64()
        status = _lib.pjsua2rs_call_create(acc._handle, call_id, ctypes.byref(_CALLBACKS),
                                           key, ctypes.byref(out))
        if status != _ffi.PJSUA2RS_SUCCESS:
            _live_calls.unregister(key)
            check(status)
        self._key = key
        self._cell = [out.value]
        self._id = call_id if call_id >= 0 else _INVALID_ID
        finalizer = weakref.finalize(self, _live_calls.orphan, key, self._cell)
        finalizer.atexit = False
        self._finalizer = finalizer

    def _h(self):
        """The C handle; 0 (which the library reports as an invalid handle) when the Call
        was not constructed or its endpoint was destroyed."""
        return self._cell[0] if self._cell else 0

    # Information.

    def getInfo(self):
        """The call's CallInfo. Inside onCallState and onCallMediaState it is the info as
        of the event being delivered (also for DISCONNECTED, whose call is gone when the
        callback returns)."""
        event = self._event
        if event is not None and event[0] == threading.get_ident():
            return CallInfo.from_c(event[1])
        info = _ffi.pjsua2rs_call_info()
        check(_lib.pjsua2rs_call_get_info(self._h(), ctypes.byref(info)))
        return CallInfo.from_c(info)

    def isActive(self):
        """Whether the object has a call that has not ended."""
        handle = self._h()
        if not handle:
            return False
        out = ctypes.c_bool(False)
        if _lib.pjsua2rs_call_is_active(handle, ctypes.byref(out)) != _ffi.PJSUA2RS_SUCCESS:
            return False
        return out.value

    def getId(self):
        """The call id; PJSUA_INVALID_ID (-1) before the object has a call. Kept after the
        call ended, as in PJSUA2."""
        handle = self._h()
        if handle:
            out = ctypes.c_int(_INVALID_ID)
            if _lib.pjsua2rs_call_get_id(handle, ctypes.byref(out)) == _ffi.PJSUA2RS_SUCCESS \
                    and out.value != _INVALID_ID:
                self._id = out.value
        return self._id

    def getAudioMedia(self, med_idx=-1):
        """The AudioMedia of the call's audio (`med_idx` -1: the first audio stream), to
        link in the bridge, usually from onCallMediaState; Error while the call has no
        active audio."""
        check_int(med_idx, "med_idx", ctypes.c_int32)
        out = ctypes.c_int(_INVALID_ID)
        check(_lib.pjsua2rs_call_get_audio_media(self._h(), med_idx, ctypes.byref(out)))
        return AudioMedia._of(self._acc._ep_handle, out.value)

    def getStreamInfo(self, med_idx):
        """The StreamInfo of the call's audio stream `med_idx` (its index in the SDP, as
        in CallInfo.media; -1, a pjsua2rs extension: the first audio stream): the codec,
        payload types, addresses, direction; Error(PJ_EINVALIDOP) while there is no such
        active stream."""
        check_int(med_idx, "med_idx", ctypes.c_int32)
        c = _ffi.pjsua2rs_stream_info()
        check(_lib.pjsua2rs_call_get_stream_info(self._h(), med_idx, ctypes.byref(c)))
        return stream_info_from_c(c, med_config(self._acc._ep_handle))

    def getStreamStat(self, med_idx):
        """The StreamStat of the call's audio stream `med_idx` (as in getStreamInfo):
        RTP/RTCP counters both ways, round-trip time and the jitter buffer."""
        check_int(med_idx, "med_idx", ctypes.c_int32)
        c = _ffi.pjsua2rs_stream_stat()
        check(_lib.pjsua2rs_call_get_stream_stat(self._h(), med_idx, ctypes.byref(c)))
        return stream_stat_from_c(c)

    @staticmethod
    def lookup(call_id):
        """The Call of Endpoint.instance() linked to the call with id `call_id`, or
        None."""
        ep = Endpoint._instance
        if ep is None or ep._handle is None:
            return None
        return next((c for c in _live_calls.of_endpoint(ep._handle)
                     if not c._ended and c.getId() == call_id and c.isActive()), None)

    def setUserData(self, user_data):
        """Attaches any object to the Call (kept on the Python side)."""
        self._user_data = user_data

    def getUserData(self):
        """The object given to setUserData (None by default)."""
        return self._user_data

    # Control.

    def makeCall(self, dst_uri, prm):
        """Calls `dst_uri` (a SIP URI) with CallOpParam `prm` (CallOpParam(True) for the
        default call setting)."""
        c_prm, keep = op_param_arg(prm, "prm")
        uri = to_c(dst_uri, "dst_uri")
        _live_calls.free_orphans()
        if self._ended:
            self._renew()
        check(_lib.pjsua2rs_call_make(self._h(), uri, ctypes.byref(c_prm)))
        del keep
        self.getId()

    def answer(self, prm):
        """Answers an incoming call with `prm.statusCode` (180, 183, 200; 0 means 200; a
        3xx-6xx refuses it)."""
        self._with_op(_lib.pjsua2rs_call_answer, prm)

    def hangup(self, prm):
        """Ends the call: CANCEL before an answer, BYE after, and `prm.statusCode` (603 by
        default) for an incoming call not answered yet."""
        self._with_op(_lib.pjsua2rs_call_hangup, prm)

    def setHold(self, prm):
        """Puts the call on hold (a re-INVITE with the media sendonly)."""
        self._with_op(_lib.pjsua2rs_call_set_hold, prm)

    def reinvite(self, prm):
        """Sends a re-INVITE; `prm.opt.flag` PJSUA_CALL_UNHOLD takes the call off hold."""
        self._with_op(_lib.pjsua2rs_call_reinvite, prm)

    def update(self, prm):
        """Sends an UPDATE with a new offer (RFC 3311); `prm.opt.flag` PJSUA_CALL_UNHOLD
        takes the call off hold."""
        self._with_op(_lib.pjsua2rs_call_update, prm)

    def xfer(self, dest, prm):
        """Asks the peer to call `dest` (REFER); the progress comes to
        onCallTransferStatus."""
        c_prm, keep = op_param_arg(prm, "prm")
        check(_lib.pjsua2rs_call_xfer(self._h(), to_c(dest, "dest"), ctypes.byref(c_prm)))
        del keep

    def xferReplaces(self, dest_call, prm):
        """Attended transfer: asks this call's peer to call `dest_call`'s peer, replacing
        `dest_call` (`prm.options` PJSUA_XFER_NO_REQUIRE_REPLACES leaves out Require:
        replaces)."""
        if not isinstance(dest_call, Call):
            raise TypeError("xferReplaces() takes a Call")
        c_prm, keep = op_param_arg(prm, "prm")
        check(_lib.pjsua2rs_call_xfer_replaces(self._h(), dest_call._h(), ctypes.byref(c_prm)))
        del keep

    def processRedirect(self, cmd):
        """The decision (PJSIP_REDIRECT_*) on a redirection onCallRedirected left
        PENDING."""
        check(_lib.pjsua2rs_call_process_redirect(self._h(),
                                                  check_int(cmd, "cmd", ctypes.c_int32)))

    def dialDtmf(self, digits):
        """Sends `digits` (0-9, *, #, A-D) as RFC 2833 (RFC 4733) events in the call's
        audio stream."""
        check(_lib.pjsua2rs_call_dial_dtmf(self._h(), to_c(digits, "digits")))

    def sendDtmf(self, param):
        """Sends DTMF digits (CallSendDtmfParam): PJSUA_DTMF_METHOD_SIP_INFO sends one INFO
        per digit; PJSUA_DTMF_METHOD_RFC2833 (the default) sends RFC 4733 events in the
        call's audio stream."""
        if not isinstance(param, CallSendDtmfParam):
            raise TypeError("sendDtmf() takes a CallSendDtmfParam")
        method = check_int(param.method, "CallSendDtmfParam.method", ctypes.c_int32)
        duration = check_int(param.duration, "CallSendDtmfParam.duration", ctypes.c_uint32)
        digits = to_c(param.digits, "CallSendDtmfParam.digits")
        check(_lib.pjsua2rs_call_send_dtmf(self._h(), method, digits, duration))

    def sendRequest(self, prm):
        """Sends a request of `prm.method` (INFO, OPTIONS...) in the call's dialog, with
        `prm.txOption`; the response comes to onCallTsxState."""
        if not isinstance(prm, CallSendRequestParam):
            raise TypeError("sendRequest() takes a CallSendRequestParam")
        tx, keep = tx_option_arg(prm.txOption, "CallSendRequestParam.txOption")
        check(_lib.pjsua2rs_call_send_request(
            self._h(), to_c(prm.method, "CallSendRequestParam.method"), ctypes.byref(tx)))
        del keep

    def sendInstantMessage(self, prm):
        """Sends a MESSAGE in the call's dialog (SendInstantMessageParam); the outcome, with
        `prm.userData`, comes to onInstantMessageStatus."""
        if not isinstance(prm, SendInstantMessageParam):
            raise TypeError("sendInstantMessage() takes a SendInstantMessageParam")
        tx, keep = tx_option_arg(prm.txOption, "SendInstantMessageParam.txOption")
        content_type = to_c(prm.contentType, "SendInstantMessageParam.contentType")
        content = to_c(prm.content, "SendInstantMessageParam.content")
        entry = [prm.content, prm.userData]
        with self._ims_lock:
            self._sent_ims.append(entry)
        status = _lib.pjsua2rs_call_send_instant_message(self._h(), content_type, content,
                                                         ctypes.byref(tx))
        del keep
        if status != _ffi.PJSUA2RS_SUCCESS:
            with self._ims_lock:
                self._sent_ims.remove(entry)
            check(status)

    def sendTypingIndication(self, prm):
        """Tells the peer we are typing or stopped (an RFC 3994 isComposing MESSAGE)."""
        if not isinstance(prm, SendTypingIndicationParam):
            raise TypeError("sendTypingIndication() takes a SendTypingIndicationParam")
        tx, keep = tx_option_arg(prm.txOption, "SendTypingIndicationParam.txOption")
        check(_lib.pjsua2rs_call_send_typing_indication(self._h(), bool(prm.isTyping),
                                                        ctypes.byref(tx)))
        del keep

    # Callbacks: PJSUA2's virtual methods. Each does nothing unless overridden.

    def onCallState(self, prm):
        """The call's state changed (OnCallStateParam); getInfo() gives the new state.
        After PJSIP_INV_STATE_DISCONNECTED no callback of this call comes."""

    def onCallTsxState(self, prm):
        """A transaction of the call changed state (OnCallTsxStateParam): a request of the
        peer arrived, or the response to one of ours."""

    def onCallMediaState(self, prm):
        """The call's media changed (OnCallMediaStateParam): negotiated, held, resumed;
        getInfo().media gives the new state."""

    def onDtmfDigit(self, prm):
        """A DTMF digit arrived (OnDtmfDigitParam)."""

    def onCallTransferRequest(self, prm):
        """The peer asks to transfer the call (OnCallTransferRequestParam): accepted (202)
        unless prm.statusCode is changed; set prm.newCall = MyCall(acc) to follow the new
        call."""

    def onCallTransferStatus(self, prm):
        """Progress of a transfer we asked for (OnCallTransferStatusParam)."""

    def onCallReplaceRequest(self, prm):
        """An INVITE with Replaces wants to take this call's place
        (OnCallReplaceRequestParam): accepted unless prm.statusCode is changed."""

    def onCallReplaced(self, prm):
        """Another call (prm.newCallId) replaced this one (OnCallReplacedParam)."""

    def onCallRedirected(self, prm):
        """The call was redirected (OnCallRedirectedParam); return a PJSIP_REDIRECT_*
        decision. The default is PJSIP_REDIRECT_STOP."""
        return _ffi.PJSUA2RS_REDIRECT_STOP

    def onCallRxOffer(self, prm):
        """The peer sent a new offer in a re-INVITE or UPDATE (OnCallRxOfferParam)."""

    def onCallRxReinvite(self, prm):
        """The peer sent a re-INVITE with an offer (OnCallRxReinviteParam); called before
        onCallRxOffer."""

    def onInstantMessage(self, prm):
        """A MESSAGE arrived in the call (OnInstantMessageParam)."""

    def onInstantMessageStatus(self, prm):
        """The outcome of our MESSAGE (OnInstantMessageStatusParam)."""

    def onTypingIndication(self, prm):
        """The peer started or stopped typing (OnTypingIndicationParam)."""

    # Internals.

    def _with_op(self, fn, prm):
        c_prm, keep = op_param_arg(prm, "prm")
        check(fn(self._h(), ctypes.byref(c_prm)))
        del keep

    def _renew(self):
        """A fresh C call object for a new call after the old one ended (PJSUA2 lets a
        Call make another call once its call is over)."""
        out = ctypes.c_uint64()
        check(_lib.pjsua2rs_call_create(self._acc._handle, _INVALID_ID,
                                        ctypes.byref(_CALLBACKS), self._key,
                                        ctypes.byref(out)))
        old, self._cell[0] = self._cell[0], out.value
        if old:
            _lib.pjsua2rs_call_destroy(old)
        self._ended = False
        self._id = _INVALID_ID

    def _unlink(self):
        """After DISCONNECTED: no callback comes any more; the library lets go."""
        self._ended = True
        _live_calls.unpin(self._key)
        with self._ims_lock:
            self._sent_ims.clear()

    def _drop_handle(self):
        """Frees the C handle (its endpoint was destroyed)."""
        cell = self._cell
        if cell is None:
            return
        self._finalizer.detach()
        _live_calls.unregister(self._key)
        handle, cell[0] = cell[0], 0
        self._ended = True
        if handle:
            _lib.pjsua2rs_call_destroy(handle)

    def _took_message(self, body):
        """The userData of our MESSAGE with `body` that got its final status (the oldest
        one with that body)."""
        with self._ims_lock:
            for i, (sent, user_data) in enumerate(self._sent_ims):
                if sent == body:
                    del self._sent_ims[i]
                    return user_data
        return None


def _deliver(user_data, run):
    """Runs `run(call)` for the Call registered under `user_data` and returns its result
    (None when the Call is gone or raised); an exception is printed, never passed to the
    library."""
    try:
        call = _live_calls.lookup(user_data)
        if call is None:
            return None
        return run(call)
    except BaseException:  # noqa: BLE001 (nothing may propagate into C)
        traceback.print_exc(file=sys.stderr)
        return None


def _with_event(call, info, method, prm):
    """Calls `method(prm)` with `info` (a copied pjsua2rs_call_info) as what getInfo()
    returns on this thread meanwhile."""
    previous = call._event
    call._event = (threading.get_ident(), info)
    try:
        method(prm)
    finally:
        call._event = previous


def _on_call_state(user_data, prm):
    def run(call):
        info = _ffi.pjsua2rs_call_info.from_buffer_copy(prm.contents.info.contents)
        try:
            _with_event(call, info, call.onCallState, OnCallStateParam())
        finally:
            if info.state == PJSIP_INV_STATE_DISCONNECTED:
                call._unlink()
    _deliver(user_data, run)


def _on_call_media_state(user_data, prm):
    def run(call):
        info = _ffi.pjsua2rs_call_info.from_buffer_copy(prm.contents.info.contents)
        _with_event(call, info, call.onCallMediaState, OnCallMediaStateParam())
    _deliver(user_data, run)


def _on_call_tsx_state(user_data, prm):
    _deliver(user_data, lambda call: call.onCallTsxState(
        OnCallTsxStateParam.from_c(prm.contents)))


def _on_dtmf_digit(user_data, prm):
    c = prm.contents
    _deliver(user_data, lambda call: call.onDtmfDigit(
        OnDtmfDigitParam(c.method, _text(c.digit), c.duration)))


def _new_call_handle(call, new_call, label):
    """The C handle of the Call an application handed over as `label`, pinned for the
    library (0 for None)."""
    if new_call is None:
        return 0
    if not isinstance(new_call, Call) or not new_call._h():
        raise TypeError(f"{label} must be a new Call(acc) or None")
    if new_call is call or new_call._id != _INVALID_ID:
        raise Error(_ffi.PJSUA2RS_ERR_INVALID_OP, label,
                    "give a new Call(acc) that has no call yet")
    _live_calls.pin(new_call._key, new_call)
    return new_call._h()


def _on_call_transfer_request(user_data, prm):
    def run(call):
        c = prm.contents
        p = OnCallTransferRequestParam(from_c(c.dst_uri), c.status_code, CallSetting(), None)
        call.onCallTransferRequest(p)
        label = "OnCallTransferRequestParam"
        dst = to_c(p.dstUri, f"{label}.dstUri", _size(c, 'dst_uri'))
        code = check_int(p.statusCode, f"{label}.statusCode", ctypes.c_int32)
        handle = _new_call_handle(call, p.newCall, f"{label}.newCall") if code < 300 else 0
        c.dst_uri, c.status_code, c.new_call = dst, code, handle
    _deliver(user_data, run)


def _on_call_transfer_status(user_data, prm):
    def run(call):
        c = prm.contents
        p = OnCallTransferStatusParam(c.status_code, _text(c.reason), c.final_notify, c.cont)
        call.onCallTransferStatus(p)
        c.cont = bool(p.cont)
    _deliver(user_data, run)


def _on_call_replace_request(user_data, prm):
    def run(call):
        c = prm.contents
        p = OnCallReplaceRequestParam(SipRxData.from_c(c.rdata), c.status_code,
                                      from_c(c.reason), CallSetting(), None)
        call.onCallReplaceRequest(p)
        label = "OnCallReplaceRequestParam"
        code = check_int(p.statusCode, f"{label}.statusCode", ctypes.c_int32)
        reason = to_c(p.reason, f"{label}.reason", _size(c, 'reason'))
        handle = _new_call_handle(call, p.newCall, f"{label}.newCall") if code < 300 else 0
        c.status_code, c.reason, c.new_call = code, reason, handle
        call._replacement = p.newCall if handle else None
    _deliver(user_data, run)


def _on_call_replaced(user_data, prm):
    def run(call):
        new_id = prm.contents.new_call_id
        new_call, call._replacement = call._replacement, None
        if new_call is not None and new_call.getId() != new_id:
            new_call = None
        call.onCallReplaced(OnCallReplacedParam(new_id, new_call))
    _deliver(user_data, run)


_STATUS_LINE = re.compile(r"SIP/2\.0 (\d{3}) ?([^\r\n]*)")


def _on_call_redirected(user_data, prm):
    def run(call):
        c = prm.contents
        rdata = SipRxData.from_c(c.rdata)
        m = _STATUS_LINE.match(rdata.wholeMsg)
        code, reason = (int(m.group(1)), m.group(2)) if m else (0, "")
        e = _tsx_event("INVITE", _ffi.PJSUA2RS_ROLE_UAC, _PJSIP_TSX_STATE_COMPLETED, code,
                       reason, rdata)
        op = call.onCallRedirected(OnCallRedirectedParam(_text(c.target_uri), e))
        return check_int(op, "onCallRedirected() return value", ctypes.c_int32)
    op = _deliver(user_data, run)
    return _ffi.PJSUA2RS_REDIRECT_STOP if op is None else op


def _on_call_rx_offer(user_data, prm):
    def run(call):
        c = prm.contents
        offer = _text(c.offer)
        if c.reinvite:
            call.onCallRxReinvite(OnCallRxReinviteParam(SdpSession(offer), statusCode=200))
        call.onCallRxOffer(OnCallRxOfferParam(SdpSession(offer), statusCode=200))
    _deliver(user_data, run)


def _on_instant_message(user_data, prm):
    _deliver(user_data, lambda call: call.onInstantMessage(
        OnInstantMessageParam.from_c(prm.contents)))


def _on_instant_message_status(user_data, prm):
    def run(call):
        c = prm.contents
        body = _text(c.msg_body)
        call.onInstantMessageStatus(OnInstantMessageStatusParam(
            call._took_message(body), _text(c.to_uri), body, c.code, _text(c.reason),
            SipRxData.from_c(c.rdata)))
    _deliver(user_data, run)


def _on_typing_indication(user_data, prm):
    _deliver(user_data, lambda call: call.onTypingIndication(
        OnTypingIndicationParam.from_c(prm.contents)))


def _callbacks():
    """The callback table of every call; its function objects live as long as the
    process (the library copies the table, the trampolines stay referenced here)."""
    cb = _ffi.pjsua2rs_call_callbacks()
    check(_lib.pjsua2rs_call_callbacks_default(ctypes.byref(cb), ctypes.sizeof(cb)))
    table = [
        ("on_call_state", _ffi.pjsua2rs_on_call_state_fn, _on_call_state),
        ("on_call_tsx_state", _ffi.pjsua2rs_on_call_tsx_state_fn, _on_call_tsx_state),
        ("on_call_media_state", _ffi.pjsua2rs_on_call_state_fn, _on_call_media_state),
        ("on_dtmf_digit", _ffi.pjsua2rs_on_dtmf_digit_fn, _on_dtmf_digit),
        ("on_call_transfer_request", _ffi.pjsua2rs_on_call_transfer_request_fn,
         _on_call_transfer_request),
        ("on_call_transfer_status", _ffi.pjsua2rs_on_call_transfer_status_fn,
         _on_call_transfer_status),
        ("on_call_replace_request", _ffi.pjsua2rs_on_call_replace_request_fn,
         _on_call_replace_request),
        ("on_call_replaced", _ffi.pjsua2rs_on_call_replaced_fn, _on_call_replaced),
        ("on_call_redirected", _ffi.pjsua2rs_on_call_redirected_fn, _on_call_redirected),
        ("on_call_rx_offer", _ffi.pjsua2rs_on_call_rx_offer_fn, _on_call_rx_offer),
        ("on_instant_message", _ffi.pjsua2rs_on_instant_message_fn, _on_instant_message),
        ("on_instant_message_status", _ffi.pjsua2rs_on_instant_message_status_fn,
         _on_instant_message_status),
        ("on_typing_indication", _ffi.pjsua2rs_on_typing_indication_fn,
         _on_typing_indication),
    ]
    keep = []
    for field, fn_type, fn in table:
        c_fn = fn_type(fn)
        keep.append(c_fn)
        setattr(cb, field, c_fn)
    return cb, keep


_CALLBACKS, _TRAMPOLINES = _callbacks()
