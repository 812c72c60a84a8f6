"""Errors: pj.Error carries the library's last-error detail in PJSUA2's fields and
formats; stale handles, calls out of order and bad arguments raise, URI checks return."""
import errno
import socket

import pytest
from conftest import loopback, quiet_config

import pjsua2rs as pj


def test_error_from_a_failed_call_has_pjsua2s_fields(make_endpoint):
    ep = make_endpoint()
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
        s.bind(("127.0.0.1", 0))
        with pytest.raises(pj.Error) as e:
            ep.transportCreate(pj.PJSIP_TRANSPORT_UDP, loopback(s.getsockname()[1]))
    err = e.value
    assert isinstance(err, Exception)
    assert err.status == pj.PJ_ERRNO_START_SYS + errno.EADDRINUSE
    assert "transportCreate" in err.title
    assert "Address already in use" in err.reason
    assert err.srcFile.endswith(".rs") and err.srcLine > 0
    assert err.info() == (f"{err.title} error: {err.reason} (status={err.status}) "
                          f"[{err.srcFile}:{err.srcLine}]")
    assert err.info(True) == (f"Title:       {err.title}\nCode:        {err.status}\n"
                              f"Description: {err.reason}\n"
                              f"Location:    {err.srcFile}:{err.srcLine}\n")
    assert str(err) == err.info()


def test_error_constructed_like_pjsua2s():
    assert pj.Error().info() == "No error"
    e = pj.Error(pj.PJ_EINVAL, "mytitle", "", "f.c", 12)
    assert e.reason == ep_strerror(pj.PJ_EINVAL)  # an empty reason gets the description
    assert e.info() == f"mytitle error: {e.reason} (status=70004) [f.c:12]"
    assert pj.Error(pj.PJ_EINVAL, "", "why").info() == "why (status=70004)"
    assert e.args == (70004, "mytitle", e.reason, "f.c", 12)


def ep_strerror(status):
    return pj.Endpoint().utilStrError(status)


def test_strerror():
    assert "PJ_EINVAL" in ep_strerror(pj.PJ_EINVAL)
    assert "PJSIP_EINVALIDURI" in ep_strerror(pj.PJSIP_EINVALIDURI)
    assert ep_strerror(pj.PJ_SUCCESS) == "Success"


def test_stale_endpoint_after_lib_destroy():
    ep = pj.Endpoint()
    ep.libCreate()
    ep.libInit(quiet_config())
    ep.libDestroy()
    for call in (ep.transportEnum, lambda: ep.libHandleEvents(0), ep.libStart,
                 lambda: ep.transportCreate(pj.PJSIP_TRANSPORT_UDP, loopback())):
        with pytest.raises(pj.Error) as e:
            call()
        assert e.value.status == pj.PJSUA2RS_ERR_INVALID_HANDLE
        assert e.value.title.startswith("pjsua2rs_endpoint_")
    assert ep.libGetState() == pj.PJSUA_STATE_NULL


def test_calls_out_of_order():
    ep = pj.Endpoint()
    with pytest.raises(pj.Error) as e:
        ep.libInit(quiet_config())
    assert (e.value.status, e.value.title) == (pj.PJ_EINVALIDOP, "Endpoint.libInit()")
    ep.libCreate()
    try:
        with pytest.raises(pj.Error) as e:
            ep.transportCreate(pj.PJSIP_TRANSPORT_UDP, loopback())
        assert e.value.status == pj.PJ_EINVALIDOP
        ep.libInit(quiet_config())
        with pytest.raises(pj.Error) as e:
            ep.libInit(quiet_config())
        assert e.value.status == pj.PJ_EINVALIDOP
    finally:
        ep.libDestroy()


def test_bad_arguments(make_endpoint):
    ep = make_endpoint()
    with pytest.raises(pj.Error) as e:
        ep.transportCreate(99, loopback())
    assert e.value.status != 0
    bad = pj.TransportConfig()
    bad.boundAddress = "not an address"
    with pytest.raises(pj.Error) as e:
        ep.transportCreate(pj.PJSIP_TRANSPORT_UDP, bad)
    assert e.value.status == pj.PJ_EINVAL
    assert "boundAddress" in e.value.reason
    with pytest.raises(TypeError):
        ep.transportCreate(pj.PJSIP_TRANSPORT_UDP, pj.EpConfig())
    with pytest.raises(TypeError):
        ep.libInit(None)
    with pytest.raises(pj.Error) as e:
        ep.transportClose(42)
    assert e.value.status != 0
    with pytest.raises(pj.Error) as e:
        ep.utilSendOptions("not a uri")
    assert e.value.status != 0


def test_uri_checks_return_status_codes():
    ep = pj.Endpoint()  # needs no libCreate, as in PJSUA2
    for uri in ("sip:alice@example.com", "<sip:a@b>", '"Bob" <sip:bob@host>',
                "sips:carol@example.org:5061;transport=tls"):
        assert ep.utilVerifySipUri(uri) == pj.PJ_SUCCESS, uri
        assert ep.utilVerifyUri(uri) == pj.PJ_SUCCESS, uri
    assert ep.utilVerifySipUri("tel:+123") != pj.PJ_SUCCESS
    assert ep.utilVerifyUri("tel:+123") == pj.PJ_SUCCESS
    for uri in ("garbage", "", "sip:a\0b"):
        assert ep.utilVerifySipUri(uri) != pj.PJ_SUCCESS, uri
        assert ep.utilVerifyUri(uri) != pj.PJ_SUCCESS, uri
    assert ep.utilVerifySipUri("garbage") == pj.PJSIP_EINVALIDURI
