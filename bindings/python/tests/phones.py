"""Phones for the call tests: endpoints on loopback, each with one account whose incoming
calls are taken by recording Call objects, and a pump that runs libHandleEvents on all of
them (poll mode) until a condition holds."""
import threading
import time

from conftest import loopback, quiet_config

import pjsua2rs as pj

WAIT = 10  # seconds any one event may take on loopback

CALLING = pj.PJSIP_INV_STATE_CALLING
INCOMING = pj.PJSIP_INV_STATE_INCOMING
EARLY = pj.PJSIP_INV_STATE_EARLY
CONNECTING = pj.PJSIP_INV_STATE_CONNECTING
CONFIRMED = pj.PJSIP_INV_STATE_CONFIRMED
DISCONNECTED = pj.PJSIP_INV_STATE_DISCONNECTED


class Rec(pj.Call):
    """A Call recording its callbacks in `events` (or in `sink`, a list shared with the
    test, for Calls the test does not hold) as tuples: ("state", CallInfo),
    ("media", CallInfo), ("tsx", method, role, state, code, rdata), ("dtmf", digit,
    method), ("im", contentType, body), ("im_status", code, userData), ("typing", bool),
    ("xfer_request", dstUri), ("xfer_status", code, final), ("replace_request",),
    ("replaced", newCallId, newCall), ("redirected", targetUri), ("rx_reinvite", sdp),
    ("rx_offer", sdp). What to answer to a decision is set in its attributes."""

    def __init__(self, acc, call_id=pj.PJSUA_INVALID_ID, sink=None):
        super().__init__(acc, call_id)
        self.events = sink if sink is not None else []
        self.threads = set()
        self.xfer_answer = None  # (statusCode, make the newCall) for a REFER
        self.replace_with = None  # make the newCall for a Replaces INVITE
        self.redirect_op = pj.PJSIP_REDIRECT_STOP
        self.stop_following = False  # onCallTransferStatus: cont = False

    def _add(self, *event):
        self.threads.add(threading.get_ident())
        self.events.append(event)

    def onCallState(self, prm):
        self._add("state", self.getInfo())

    def onCallMediaState(self, prm):
        self._add("media", self.getInfo())

    def onCallTsxState(self, prm):
        ts = prm.e.body.tsxState
        self._add("tsx", ts.tsx.method, ts.tsx.role, ts.tsx.state, ts.tsx.statusCode,
                  ts.src.rdata)

    def onDtmfDigit(self, prm):
        self._add("dtmf", prm.digit, prm.method)

    def onInstantMessage(self, prm):
        self._add("im", prm.contentType, prm.msgBody)

    def onInstantMessageStatus(self, prm):
        self._add("im_status", prm.code, prm.userData)

    def onTypingIndication(self, prm):
        self._add("typing", prm.isTyping)

    def onCallTransferRequest(self, prm):
        self._add("xfer_request", prm.dstUri)
        if self.xfer_answer is not None:
            code, make = self.xfer_answer
            prm.statusCode = code
            prm.newCall = make() if make else None

    def onCallTransferStatus(self, prm):
        self._add("xfer_status", prm.statusCode, prm.finalNotify)
        if self.stop_following:
            prm.cont = False

    def onCallReplaceRequest(self, prm):
        self._add("replace_request",)
        if self.replace_with is not None:
            prm.newCall = self.replace_with()

    def onCallReplaced(self, prm):
        self._add("replaced", prm.newCallId, prm.newCall)

    def onCallRedirected(self, prm):
        self._add("redirected", prm.targetUri)
        return self.redirect_op

    def onCallRxReinvite(self, prm):
        self._add("rx_reinvite", prm.offer.wholeSdp)

    def onCallRxOffer(self, prm):
        self._add("rx_offer", prm.offer.wholeSdp)

    def kinds(self, kind):
        """The events of `kind`, without their kind."""
        return [e[1:] for e in self.events if e[0] == kind]

    def states(self):
        """The states of the onCallStates so far."""
        return [info.state for (info,) in self.kinds("state")]

    def media_status(self):
        """The first media line's status at each onCallMediaState."""
        return [info.media[0].status for (info,) in self.kinds("media")]


class PhoneAccount(pj.Account):
    """An account taking its incoming calls with Rec objects (kept in `incoming`), or
    none when `take` is False; answers them with `answer_code` if set."""

    def __init__(self):
        super().__init__()
        self.take = True
        self.keep = True
        self.answer_code = None
        self.incoming = []
        self.offers = []  # the OnIncomingCallParams

    def onIncomingCall(self, prm):
        self.offers.append(prm)
        if not self.take:
            return
        call = Rec(self, prm.callId)
        if self.answer_code:
            op = pj.CallOpParam()
            op.statusCode = self.answer_code
            call.answer(op)
        if self.keep:
            self.incoming.append(call)


class Phone:
    """A started endpoint with a UDP transport on 127.0.0.1 and the account
    sip:<user>@127.0.0.1; `uri` is where it is called. `configure(cfg)`, if given,
    adjusts the EpConfig before libInit, `configure_account(acfg)` the AccountConfig."""

    def __init__(self, user, poll=True, max_calls=None, configure=None,
                 configure_account=None):
        cfg = quiet_config(poll=poll)
        if max_calls is not None:
            cfg.uaConfig.maxCalls = max_calls
        if configure is not None:
            configure(cfg)
        self.ep = pj.Endpoint()
        self.ep.libCreate()
        self.ep.libInit(cfg)
        tid = self.ep.transportCreate(pj.PJSIP_TRANSPORT_UDP, loopback())
        self.ep.libStart()
        port = self.ep.transportGetInfo(tid).localAddress.rsplit(":", 1)[1]
        self.uri = f"sip:{user}@127.0.0.1:{port}"
        acfg = pj.AccountConfig()
        acfg.idUri = f"sip:{user}@127.0.0.1"
        if configure_account is not None:
            configure_account(acfg)
        self.acc = PhoneAccount()
        self.acc.create(acfg)  # the endpoint is Endpoint.instance() now

    def call(self, uri, sink=None):
        """A Rec calling `uri` with the default call setting."""
        c = Rec(self.acc, sink=sink)
        c.makeCall(uri, pj.CallOpParam(True))
        return c


class Pump:
    """Runs libHandleEvents on the poll-mode endpoints of `phones`."""

    def __init__(self, phones):
        self.phones = phones

    def until(self, done, what="the condition", timeout=WAIT):
        """Pumps until `done()` is true; fails the test after `timeout` seconds."""
        deadline = time.monotonic() + timeout
        while not done():
            if time.monotonic() > deadline:
                raise AssertionError(f"timed out waiting for {what}")
            ran = sum(p.ep.libHandleEvents(2) for p in self.phones)
            if ran == 0:
                time.sleep(0.002)

    def run(self, seconds):
        """Pumps for `seconds`."""
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            for p in self.phones:
                p.ep.libHandleEvents(2)

    def state(self, call, state):
        """Pumps until `call` had an onCallState with `state`; returns its CallInfo."""
        self.until(lambda: state in call.states(), f"state {state} of call {call.getId()}")
        return next(info for (info,) in call.kinds("state") if info.state == state)

    def incoming(self, phone, n=1):
        """Pumps until `phone` has taken `n` incoming calls; returns the n-th."""
        self.until(lambda: len(phone.acc.incoming) >= n, "an incoming call")
        return phone.acc.incoming[n - 1]

    def connect(self, a, b, uri=None):
        """A call from `a` to `b`, answered and confirmed on both sides."""
        out = a.call(uri or b.uri)
        inc = self.incoming(b, len(b.acc.incoming) + 1)
        op = pj.CallOpParam()
        op.statusCode = 200
        inc.answer(op)
        self.state(out, CONFIRMED)
        self.state(inc, CONFIRMED)
        return out, inc


def op(status_code=0, flag=0):
    """A CallOpParam with a status code and call setting flags."""
    prm = pj.CallOpParam(True)
    prm.statusCode = status_code
    prm.opt.flag |= flag
    return prm
