"""Endpoint: life cycle, thread registration, transports (enum, info, close, graceful
shutdown, disabling) and OPTIONS between two endpoints over real UDP and TCP sockets on
loopback."""
import socket
import threading
import time

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


def test_any_thread_may_call_so_registering_one_does_nothing(make_endpoint):
    ep = make_endpoint()
    assert ep.libIsThreadRegistered()
    seen = []

    def own_thread():
        seen.append(ep.libIsThreadRegistered())
        ep.libRegisterThread("app-thread")
        seen.append(ep.libIsThreadRegistered())
        seen.append(list(ep.transportEnum()))  # and it may call the library anyway

    t = threading.Thread(target=own_thread)
    t.start()
    t.join(10)
    assert seen == [True, True, []]


def answer_200(request):
    """A 200 to `request` (bytes): its Via, From, To (with a tag), Call-ID and CSeq."""
    lines = ["SIP/2.0 200 OK"]
    for line in request.decode().split("\r\n"):
        name = line.split(":", 1)[0].strip().lower()
        if name in ("via", "from", "call-id", "cseq"):
            lines.append(line)
        elif name == "to":
            lines.append(line + ";tag=peer")
    return ("\r\n".join(lines) + "\r\nContent-Length: 0\r\n\r\n").encode()


def port_is_free(address):
    host, port = address.rsplit(":", 1)
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
        try:
            s.bind((host, int(port)))
        except OSError:
            return False
    return True


def test_transport_shutdown_lets_the_request_in_progress_finish(make_endpoint):
    cfg = quiet_config()
    cfg.uaConfig.tsxT4Msec = 300  # Timer K: how long the finished transaction lingers
    ep = make_endpoint(cfg)
    udp = ep.transportCreate(pj.PJSIP_TRANSPORT_UDP, loopback())
    local = ep.transportGetInfo(udp).localAddress
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as peer:
        peer.bind(("127.0.0.1", 0))
        peer.settimeout(5)
        uri = "sip:127.0.0.1:%d" % peer.getsockname()[1]
        result = []
        asking = threading.Thread(target=lambda: result.append(ep.utilSendOptions(uri, 5000)))
        asking.start()
        request, sender = peer.recvfrom(4096)
        ep.transportShutdown(udp)
        assert list(ep.transportEnum()) == [], "gone from the list at once"
        with pytest.raises(pj.Error) as e:
            ep.transportGetInfo(udp)
        assert e.value.status == pj.PJ_ENOTFOUND
        assert not port_is_free(local), "open while the OPTIONS transaction uses it"
        with pytest.raises(pj.Error) as e:
            ep.utilSendOptions(uri, 2000)  # no new request takes it
        assert e.value.status == pj.PJ_ENOTFOUND, "no transport left"
        peer.sendto(answer_200(request), sender)
        asking.join(10)
    assert result and result[0].statusCode == 200, "the answer came in on it"
    deadline = time.monotonic() + 5
    while not port_is_free(local):
        assert time.monotonic() < deadline, "closed once its transaction ended"
        time.sleep(0.02)
    with pytest.raises(pj.Error) as e:
        ep.transportShutdown(udp)
    assert e.value.status == pj.PJ_ENOTFOUND
    idle = ep.transportCreate(pj.PJSIP_TRANSPORT_UDP, loopback())
    idle_address = ep.transportGetInfo(idle).localAddress
    ep.transportShutdown(idle)
    assert port_is_free(idle_address), "unused, it closes before transportShutdown returns"


def test_a_disabled_transport_neither_receives_nor_sends(make_endpoint):
    a, b = make_endpoint(), make_endpoint()
    a.transportCreate(pj.PJSIP_TRANSPORT_UDP, loopback())
    b_udp = b.transportCreate(pj.PJSIP_TRANSPORT_UDP, loopback())
    uri = "sip:" + b.transportGetInfo(b_udp).localAddress
    b.transportSetEnable(b_udp, False)
    b.transportSetEnable(b_udp, False)  # idempotent
    assert list(b.transportEnum()) == [b_udp], "still listed"
    with pytest.raises(pj.Error) as e:
        a.utilSendOptions(uri, 700)
    assert e.value.status == pj.PJ_ETIMEDOUT, "b dropped the request"
    start = time.monotonic()
    with pytest.raises(pj.Error) as e:
        b.utilSendOptions(uri, 5000)  # b has no other UDP transport to send with
    assert e.value.status == pj.PJ_ENOTFOUND
    assert time.monotonic() - start < 1
    b.transportSetEnable(b_udp, True)
    assert a.utilSendOptions(uri, 5000).statusCode == 200
    with pytest.raises(pj.Error) as e:
        b.transportSetEnable(99, True)
    assert e.value.status == pj.PJ_ENOTFOUND


def test_transport_operations_after_lib_destroy_fail():
    ep = pj.Endpoint()
    ep.libCreate()
    ep.libInit(quiet_config())
    udp = ep.transportCreate(pj.PJSIP_TRANSPORT_UDP, loopback())
    ep.libDestroy()
    for op in (lambda: ep.transportShutdown(udp), lambda: ep.transportSetEnable(udp, False)):
        with pytest.raises(pj.Error) as e:
            op()
        assert e.value.status == pj.PJSUA2RS_ERR_INVALID_HANDLE
