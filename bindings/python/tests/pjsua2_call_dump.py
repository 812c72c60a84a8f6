"""Dumps the call classes of a PJSUA2 module (argv[1]: pjsua2, the real wheel, or
pjsua2rs): each class's members with their default values, and the public methods of
Call. Run by test_call_errors.py in a subprocess; prints one JSON document on its last
line. PJSUA2's raw pointer members (pjEvent, pjRxData, pjSdpSession...) are left out."""
import importlib
import json
import os
import sys

pj = importlib.import_module(sys.argv[1])

CLASSES = ["CallOpParam", "CallSetting", "SipTxOption", "SdpSession", "CallInfo",
           "CallMediaInfo", "TimeVal", "CallSendDtmfParam", "CallSendRequestParam",
           "SendInstantMessageParam", "SendTypingIndicationParam", "SipEvent",
           "SipEventBody", "TsxStateEvent", "TsxStateEventSrc", "SipTransaction",
           "SipTxData", "RxMsgEvent", "TxMsgEvent", "TxErrorEvent", "TimerEvent",
           "UserEvent", "OnIncomingCallParam", "OnCallStateParam", "OnCallTsxStateParam",
           "OnCallMediaStateParam", "OnDtmfDigitParam", "OnCallTransferRequestParam",
           "OnCallTransferStatusParam", "OnCallReplaceRequestParam", "OnCallReplacedParam",
           "OnCallRedirectedParam", "OnCallRxOfferParam", "OnCallRxReinviteParam",
           "OnInstantMessageParam", "OnInstantMessageStatusParam",
           "OnTypingIndicationParam", "SipMediaType"]


def dump(obj):
    """The members of an object as plain JSON values (nested objects as dicts)."""
    if isinstance(obj, (bool, int, float, str)) or obj is None:
        return obj
    if type(obj).__name__ == "SwigPyObject":
        return None
    if hasattr(obj, "__len__") and hasattr(obj, "__getitem__"):
        return [dump(x) for x in obj]
    return {name: dump(getattr(obj, name)) for name in dir(obj)
            if not name.startswith(("_", "pj")) and name not in ("this", "thisown")
            and not callable(getattr(obj, name))}


def main():
    values = {name: dump(getattr(pj, name)()) for name in CLASSES if hasattr(pj, name)}
    values["CallOpParam(True)"] = dump(pj.CallOpParam(True))
    values["CallSetting(True)"] = dump(pj.CallSetting(True))
    methods = sorted(n for n in dir(pj.Call) if not n.startswith("_") and n != "thisown")
    print(json.dumps({"values": values, "call_methods": methods}))
    sys.stdout.flush()
    os._exit(0)


if __name__ == "__main__":
    main()
