"""Digest authentication in a call, against sipp UASs on loopback: the INVITE challenged
with 407 (tests/sipp/uas_auth_invite.xml) is answered with AccountConfig.sipConfig.authCreds
and the call is CONFIRMED, an INFO and the BYE then carry credentials without a new
challenge (sipp checks them, its exit code is its verdict); with a wrong password
(uas_auth_reject.xml) the call ends with the second 407, without a third INVITE."""
import pytest
from phones import CALLING, CONFIRMED, CONNECTING, DISCONNECTED, Pump, Rec, op
from sipp import HAVE_SIPP, Sipp

import pjsua2rs as pj

needs_sipp = pytest.mark.skipif(not HAVE_SIPP, reason="sipp is not installed")


def with_password(password):
    """Adjusts an AccountConfig to answer challenges of any realm as alice."""
    def configure(acfg):
        acfg.sipConfig.authCreds.append(pj.AuthCredInfo("digest", "*", "alice", 0, password))
    return configure


@needs_sipp
def test_a_407_to_the_invite_is_answered_and_the_dialog_authorized(phones):
    alice = phones("alice", configure_account=with_password("secret"))
    pump = Pump([alice])
    with Sipp("uas_auth_invite.xml", "-key", "user", "alice") as sipp:
        call = Rec(alice.acc)
        call.makeCall(f"sip:anyone@127.0.0.1:{sipp.port}", pj.CallOpParam(True))
        up = pump.state(call, CONFIRMED)
        assert up.lastStatusCode == 200
        prm = pj.CallSendRequestParam()
        prm.method = "INFO"
        call.sendRequest(prm)
        pump.until(lambda: any(m == "INFO" and code == 200
                               for m, _, _, code, _ in call.kinds("tsx")), "the INFO's 200")
        call.hangup(op())
        end = pump.state(call, DISCONNECTED)
        assert end.lastStatusCode == 200
        assert sipp.wait() == 0, sipp.output()
    assert call.states() == [CALLING, CONNECTING, CONFIRMED, DISCONNECTED]


@needs_sipp
def test_a_wrong_password_ends_the_call_with_the_second_407(phones):
    alice = phones("alice", configure_account=with_password("wrong"))
    pump = Pump([alice])
    with Sipp("uas_auth_reject.xml") as sipp:
        call = Rec(alice.acc)
        call.makeCall(f"sip:anyone@127.0.0.1:{sipp.port}", pj.CallOpParam(True))
        end = pump.state(call, DISCONNECTED)
        assert end.lastStatusCode == 407
        # sipp fails if a third INVITE comes within 2 s of the second 407.
        assert sipp.wait() == 0, sipp.output()
    assert call.states() == [CALLING, DISCONNECTED]
