"""Calls handed on: blind transfer (REFER, accepted with prm.newCall = Rec(acc) that
nobody else holds, and refused), attended transfer (xferReplaces with onCallReplaceRequest
and onCallReplaced), redirection by sipp's 302 (onCallRedirected returning ACCEPT, or
PENDING then processRedirect), and Endpoint.hangupAllCalls."""
import gc

import pytest
from phones import CONFIRMED, DISCONNECTED, EARLY, Pump, Rec, op
from sipp import HAVE_SIPP, Sipp

import pjsua2rs as pj


def test_blind_transfer_to_a_new_call_object(phones):
    a, b, c = phones("alice", "bob", "carol")
    pump = Pump([a, b, c])
    out, inc = pump.connect(a, b)
    # Bob refuses the first transfer.
    inc.xfer_answer = (603, None)
    out.xfer(c.uri, op())
    pump.until(lambda: out.kinds("xfer_status") == [(603, True)], "the refusal")
    assert inc.kinds("xfer_request") == [(c.uri,)]
    # Then accepts it with a new Call object only the library holds.
    sink = []
    inc.xfer_answer = (202, lambda: Rec(b.acc, sink=sink))
    out.xfer(c.uri, op())
    carol = pump.incoming(c)
    gc.collect()
    assert "bob@127.0.0.1" in carol.getInfo().remoteUri
    carol.answer(op(180))
    carol.answer(op(200))
    pump.until(lambda: any(e[0] == "state" and e[1].state == CONFIRMED for e in sink),
               "bob's new call confirmed")
    pump.state(carol, CONFIRMED)
    pump.until(lambda: (200, True) in out.kinds("xfer_status"), "the final NOTIFY")
    codes = [code for code, _ in out.kinds("xfer_status")[1:]]
    assert codes[0] == 100 and codes[-1] == 200
    # The transferor hangs up, as transferors do; the new call goes on until carol ends it.
    out.hangup(op())
    pump.state(inc, DISCONNECTED)
    carol.hangup(op())
    pump.until(lambda: any(e[0] == "state" and e[1].state == DISCONNECTED for e in sink),
               "bob's new call disconnected")
    new_calls = {id(e[1]) for e in sink}
    assert new_calls, "the events reached the new Call object"


def test_transfer_status_can_be_stopped(phones):
    a, b, c = phones("alice", "bob", "carol")
    c.acc.answer_code = 200
    pump = Pump([a, b, c])
    out, inc = pump.connect(a, b)
    out.stop_following = True
    out.xfer(c.uri, op())
    pump.until(lambda: out.kinds("xfer_status"), "the first report")
    pump.state(pump.incoming(c), CONFIRMED)
    pump.run(0.3)
    # cont = False in the first report (the 202) stops them: no other comes, not even
    # one the library had queued before the callback ran.
    assert len(out.kinds("xfer_status")) == 1, out.kinds("xfer_status")
    out.hangup(op())
    pump.state(inc, DISCONNECTED)


def test_attended_transfer_replaces_the_consultation_call(phones):
    a, b, c = phones("alice", "bob", "carol")
    pump = Pump([a, b, c])
    a_b, b_a = pump.connect(a, b)
    a_c, c_a = pump.connect(a, c)
    bob_sink, carol_sink = [], []
    b_a.xfer_answer = (202, lambda: Rec(b.acc, sink=bob_sink))
    c_a.replace_with = lambda: Rec(c.acc, sink=carol_sink)
    a_b.xferReplaces(a_c, op())
    pump.until(lambda: c_a.kinds("replaced"), "onCallReplaced")
    assert "Replaces=" in b_a.kinds("xfer_request")[0][0]
    assert c_a.kinds("replace_request") == [()]
    [(new_id, new_call)] = c_a.kinds("replaced")
    assert isinstance(new_call, Rec) and new_call.getId() == new_id
    # Carol's call with alice ends; bob and carol talk.
    pump.state(c_a, DISCONNECTED)
    pump.state(a_c, DISCONNECTED)
    pump.until(lambda: any(e[0] == "state" and e[1].state == CONFIRMED for e in carol_sink)
               and any(e[0] == "state" and e[1].state == CONFIRMED for e in bob_sink))
    pump.until(lambda: (200, True) in a_b.kinds("xfer_status"), "the transfer's end")
    a_b.hangup(op())
    new_call.hangup(op())
    pump.until(lambda: any(e[0] == "state" and e[1].state == DISCONNECTED
                           for e in bob_sink))


def test_xfer_replaces_takes_a_call(phones):
    a, b = phones("alice", "bob")
    pump = Pump([a, b])
    out, inc = pump.connect(a, b)
    with pytest.raises(TypeError):
        out.xferReplaces("not a call", op())
    out.hangup(op())
    pump.state(inc, DISCONNECTED)


needs_sipp = pytest.mark.skipif(not HAVE_SIPP, reason="sipp is not installed")


@needs_sipp
@pytest.mark.parametrize("pending", [False, True])
def test_redirection_followed(phones, pending):
    a, c = phones("alice", "carol")
    c.acc.answer_code = 200
    pump = Pump([a, c])
    with Sipp("uas_redirect.xml", "-key", "target", c.uri) as sipp:
        out = Rec(a.acc)
        out.redirect_op = pj.PJSIP_REDIRECT_PENDING if pending else pj.PJSIP_REDIRECT_ACCEPT
        out.makeCall(f"sip:anyone@127.0.0.1:{sipp.port}", pj.CallOpParam(True))
        pump.until(lambda: out.kinds("redirected"), "onCallRedirected")
        assert out.kinds("redirected") == [(c.uri,)]
        if pending:
            pump.run(0.2)
            assert not c.acc.incoming, "nothing happens while the decision is pending"
            out.processRedirect(pj.PJSIP_REDIRECT_ACCEPT)
        pump.state(out, CONFIRMED)
        assert pump.incoming(c).getInfo().callIdString == out.getInfo().callIdString
        assert sipp.wait() == 0, sipp.output()
    out.hangup(op())
    pump.state(out, DISCONNECTED)


@needs_sipp
def test_redirection_stopped_by_default(phones):
    a, c = phones("alice", "carol")
    pump = Pump([a, c])
    with Sipp("uas_redirect.xml", "-key", "target", c.uri) as sipp:
        out = pj.Call(a.acc)  # no onCallRedirected: PJSIP_REDIRECT_STOP
        rec = Rec(a.acc)
        rec.makeCall(f"sip:anyone@127.0.0.1:{sipp.port}", pj.CallOpParam(True))
        end = pump.state(rec, DISCONNECTED)
        assert end.lastStatusCode == 302 and not c.acc.incoming
        assert out.getId() == pj.PJSUA_INVALID_ID
        assert sipp.wait() == 0, sipp.output()
        with pytest.raises(pj.Error) as e:
            rec.processRedirect(pj.PJSIP_REDIRECT_ACCEPT)
        assert e.value.status != 0


def test_hangup_all_calls(phones):
    a, b = phones("alice", "bob")
    pump = Pump([a, b])
    confirmed, _ = pump.connect(a, b)
    ringing = a.call(b.uri)
    inc = pump.incoming(b, 2)
    inc.answer(op(180))
    pump.state(ringing, EARLY)
    a.ep.hangupAllCalls()
    assert pump.state(confirmed, DISCONNECTED).lastStatusCode == 200
    assert pump.state(ringing, DISCONNECTED).lastStatusCode == 487
    assert [c.states()[-1] for c in b.acc.incoming] == [DISCONNECTED, DISCONNECTED]
    a.ep.hangupAllCalls()  # nothing left: fine
