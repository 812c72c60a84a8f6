"""Endpoint: life cycle, transports (enum, info, close) and OPTIONS between two endpoints
over real UDP and TCP sockets on loopback."""
import socket

import pytest
from conftest import loopback, quiet_config

import pjsua2rs as pj


def test_life_cycle_states():
    ep = pj.Endpoint()
    assert pj.Endpoint.instance() is ep
    assert ep.libGetState() == pj.PJSUA_STATE_NULL
    ep.libCreate()
    assert ep.libGetState() == pj.PJSUA_STATE_CREATED
    ep.libInit(quiet_config())
    assert ep.libGetState() == pj.PJSUA_STATE_INIT
    ep.libStart()
    assert ep.libGetState() == pj.PJSUA_STATE_RUNNING
    assert ep.libHandleEvents(1) >= 0
    ep.libDestroy()
    assert ep.libGetState() == pj.PJSUA_STATE_NULL
    ep.libDestroy()  # again: nothing to do
    ep.libCreate()  # the same object can start over
    assert ep.libGetState() == pj.PJSUA_STATE_CREATED
    ep.libDestroy()


def test_instance_is_the_endpoint_created_last():
    a, b = pj.Endpoint(), pj.Endpoint()
    assert pj.Endpoint.instance() is b
    assert a is not b


def test_lib_create_twice_is_an_error():
    ep = pj.Endpoint()
    ep.libCreate()
    try:
        with pytest.raises(pj.Error) as e:
            ep.libCreate()
        assert e.value.status == pj.PJ_EINVALIDOP
    finally:
        ep.libDestroy()


def test_version():
    v = pj.Endpoint().libVersion()
    assert v.full == f"{v.major}.{v.minor}.{v.rev}{v.suffix}"
    assert v.numeric == (v.major << 24) | (v.minor << 16) | (v.rev << 8)


def test_transports_enum_info_close(make_endpoint):
    ep = make_endpoint()
    udp = ep.transportCreate(pj.PJSIP_TRANSPORT_UDP, loopback())
    tcp = ep.transportCreate(pj.PJSIP_TRANSPORT_TCP, loopback())
    assert list(ep.transportEnum()) == [udp, tcp]
    u, t = ep.transportGetInfo(udp), ep.transportGetInfo(tcp)
    assert (u.id, u.type, u.typeName) == (udp, pj.PJSIP_TRANSPORT_UDP, "UDP")
    assert (t.id, t.type, t.typeName) == (tcp, pj.PJSIP_TRANSPORT_TCP, "TCP")
    assert u.flags == pj.PJSIP_TRANSPORT_DATAGRAM
    assert t.flags == pj.PJSIP_TRANSPORT_RELIABLE
    host, port = u.localAddress.rsplit(":", 1)
    assert host == "127.0.0.1" and int(port) > 0
    assert u.localName == u.localAddress
    assert "UDP" in u.info.upper()
    # The UDP port really is bound: binding it again fails.
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
        with pytest.raises(OSError):
            s.bind(("127.0.0.1", int(port)))
    ep.transportClose(udp)
    assert list(ep.transportEnum()) == [tcp]
    with pytest.raises(pj.Error) as e:
        ep.transportGetInfo(udp)
    assert e.value.status != 0


def test_many_transports_enumerate(make_endpoint):
    ep = make_endpoint()
    ids = [ep.transportCreate(pj.PJSIP_TRANSPORT_UDP, loopback()) for _ in range(20)]
    assert list(ep.transportEnum()) == ids  # more than the first buffer holds


@pytest.mark.parametrize("kind,uri", [
    (pj.PJSIP_TRANSPORT_UDP, "sip:{addr}"),
    (pj.PJSIP_TRANSPORT_TCP, "sip:bob@{addr};transport=tcp"),
])
def test_options_between_two_endpoints(make_endpoint, kind, uri):
    a, b = make_endpoint(), make_endpoint()
    a.transportCreate(kind, loopback())
    b_id = b.transportCreate(kind, loopback())
    addr = b.transportGetInfo(b_id).localAddress
    r = a.utilSendOptions(uri.format(addr=addr))
    assert (r.statusCode, r.reason) == (pj.PJSIP_SC_OK, "OK")
    assert r.wholeMsg.startswith("SIP/2.0 200 OK\r\n")
    assert "\r\nAllow: " in r.wholeMsg and "OPTIONS" in r.wholeMsg
    # and back
    b_to_a = b.utilSendOptions(uri.format(addr=a.transportGetInfo(
        a.transportEnum()[0]).localAddress), 3000)
    assert b_to_a.statusCode == 200


def test_options_in_thread_mode(make_endpoint):
    a = make_endpoint(quiet_config(poll=False))
    b = make_endpoint(quiet_config(poll=False))
    a.transportCreate(pj.PJSIP_TRANSPORT_UDP, loopback())
    b_id = b.transportCreate(pj.PJSIP_TRANSPORT_UDP, loopback())
    r = a.utilSendOptions("sip:" + b.transportGetInfo(b_id).localAddress)
    assert r.statusCode == 200


def test_options_to_nobody_times_out(make_endpoint):
    ep = make_endpoint()
    ep.transportCreate(pj.PJSIP_TRANSPORT_TCP, loopback())
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]  # nobody listens here once closed
    with pytest.raises(pj.Error) as e:
        ep.utilSendOptions(f"sip:127.0.0.1:{port};transport=tcp", 2000)
    assert e.value.status in (pj.PJSUA2RS_ERR_SIP_STATUS_BASE + 503,
                              pj.PJSUA2RS_ERR_SIP_STATUS_BASE + 408)
