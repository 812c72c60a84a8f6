"""Account against real registrars on loopback: sipp's scripted registrars
(tests/sipp/registrar_auth.xml over UDP and TCP, registrar_423.xml, registrar_refresh.xml
granting 10 s, registrar_delay.xml answering after 1.5 s), whose exit code is their
verdict on what the client sent, and kamailio with digest users over UDP and TCP:
register, refresh (automatic before expiry, and setRegistration(True)), unregister, a
wrong password, two accounts, an account removed while its first REGISTER is
outstanding. Also the errors, the life cycle (shutdown, libDestroy, garbage collection),
callback threads in poll and thread mode, and an exception raised in a callback."""
import gc
import threading
import time

import pytest
from conftest import loopback, quiet_config
from kamailio import HAVE_KAMAILIO, MIN_EXPIRES, Kamailio
from sipp import HAVE_SIPP, Sipp

import pjsua2rs as pj

needs_sipp = pytest.mark.skipif(not HAVE_SIPP, reason="sipp is not installed")
needs_kamailio = pytest.mark.skipif(not HAVE_KAMAILIO, reason="kamailio is not installed")
WAIT = 10  # seconds any one event may take on loopback
SIPP_AUTH = ("-key", "user", "alice", "-key", "password", "secret")


class Recorder(pj.Account):
    """Records its callbacks: ("started", renew) and ("state", OnRegStateParam), and the
    threads they ran on."""

    def __init__(self):
        super().__init__()
        self.events = []
        self.threads = set()
        self.taken = 0  # onRegStates next_state has returned

    def onRegStarted(self, prm):
        self.threads.add(threading.get_ident())
        self.events.append(("started", prm.renew))

    def onRegState(self, prm):
        self.threads.add(threading.get_ident())
        self.events.append(("state", prm))

    def states(self):
        """The OnRegStateParams so far."""
        return [prm for kind, prm in self.events if kind == "state"]


def wait_until(ep, done, timeout=WAIT):
    """Runs libHandleEvents (poll mode) or sleeps (thread mode) until `done()`; False
    after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while not done():
        if time.monotonic() > deadline:
            return False
        if ep.libHandleEvents(10) == 0:
            time.sleep(0.01)
    return True


def next_state(ep, acc, timeout=WAIT):
    """The param of `acc`'s next onRegState not yet returned by next_state (waited for)."""
    n = acc.taken
    assert wait_until(ep, lambda: len(acc.states()) > n, timeout), \
        f"no onRegState within {timeout} s; events {acc.events}"
    acc.taken += 1
    return acc.states()[n]


def account_config(id_uri, registrar="", user="alice", password="secret", expires=300):
    """An AccountConfig with a digest credential for any realm."""
    cfg = pj.AccountConfig()
    cfg.idUri = id_uri
    cfg.regConfig.registrarUri = registrar
    cfg.regConfig.timeoutSec = expires
    cfg.sipConfig.authCreds.append(pj.AuthCredInfo("digest", "*", user, 0, password))
    return cfg


@pytest.fixture
def endpoint(make_endpoint):
    """A started poll-mode endpoint with UDP and TCP transports on 127.0.0.1."""
    ep = make_endpoint()
    ep.transportCreate(pj.PJSIP_TRANSPORT_UDP, loopback())
    ep.transportCreate(pj.PJSIP_TRANSPORT_TCP, loopback())
    return ep


@needs_sipp
@pytest.mark.parametrize("transport", ["u1", "t1"])
def test_register_and_unregister_with_digest(endpoint, transport):
    with Sipp("registrar_auth.xml", *SIPP_AUTH, transport=transport) as sipp:
        acc = Recorder()
        acc.create(account_config('"Alice" <sip:alice@127.0.0.1>', sipp.uri))
        ok = next_state(endpoint, acc)
        assert acc.events[0] == ("started", True)
        assert (ok.status, ok.code, ok.reason, ok.expiration) == (0, 200, "OK", 300)
        assert ok.rdata.wholeMsg.startswith("SIP/2.0 200")
        assert ok.rdata.srcAddress == f"127.0.0.1:{sipp.port}"
        assert "200/REGISTER" in ok.rdata.info
        info = acc.getInfo()
        assert (info.id, info.isDefault, info.regIsConfigured, info.regIsActive) == \
            (acc.getId(), True, True, True)
        assert (info.regStatus, info.regStatusText, info.regLastErr) == (200, "OK", 0)
        assert 290 < info.regExpiresSec <= 300
        assert "sip:alice@127.0.0.1" in info.uri
        assert (info.onlineStatus, info.onlineStatusText) == (False, "Offline")

        acc.setRegistration(False)
        gone = next_state(endpoint, acc)
        assert ("started", False) in acc.events
        assert (gone.status, gone.code, gone.expiration) == (0, 200, 0)
        assert not acc.getInfo().regIsActive
        assert sipp.wait() == 0, sipp.output()


@needs_sipp
def test_423_is_retried_with_min_expires(endpoint):
    with Sipp("registrar_423.xml") as sipp:
        acc = Recorder()
        acc.create(account_config("sip:alice@127.0.0.1", sipp.uri, expires=30))
        ok = next_state(endpoint, acc)
        assert (ok.code, ok.expiration) == (200, 120), "granted the Min-Expires"
        assert sipp.wait() == 0, sipp.output()


@needs_sipp
def test_registration_is_refreshed_before_it_expires(endpoint):
    # registrar_refresh.xml grants 10 s whatever is asked and fails the run unless a
    # refresh (same Call-ID, higher CSeq, non-zero expiry) arrives within those 10 s.
    with Sipp("registrar_refresh.xml") as sipp:
        acc = Recorder()
        acc.create(account_config("sip:alice@127.0.0.1", sipp.uri, expires=300))
        first = next_state(endpoint, acc)
        registered_at = time.monotonic()
        assert (first.status, first.code, first.expiration) == (0, 200, 10)
        info = acc.getInfo()
        assert info.regIsActive and info.regStatus == 200 and 0 < info.regExpiresSec <= 10
        # delayBeforeRefreshSec (5) before expiry: the refresh goes out after about 5 s.
        refreshed = next_state(endpoint, acc, timeout=10)
        waited = time.monotonic() - registered_at
        assert (refreshed.code, refreshed.expiration) == (200, 10)
        assert 3 < waited < 10, f"refreshed after {waited:.1f} s of a 10 s registration"
        assert acc.events.count(("started", True)) == 2, acc.events
        assert acc.getInfo().regIsActive
        assert sipp.wait() == 0, sipp.output()


@needs_sipp
@pytest.mark.parametrize("poll", [True, False], ids=["poll", "thread"])
@pytest.mark.parametrize("transport", ["u1", "t1"])
def test_account_removed_while_its_first_register_is_outstanding(make_endpoint, poll,
                                                                 transport):
    ep = make_endpoint(quiet_config(poll=poll))
    ep.transportCreate(pj.PJSIP_TRANSPORT_UDP, loopback())
    ep.transportCreate(pj.PJSIP_TRANSPORT_TCP, loopback())
    # registrar_delay.xml answers the REGISTER after 1.5 s, then expects the binding's
    # removal (expiry 0, same Call-ID) within 10 s: its verdict says the binding is gone.
    with Sipp("registrar_delay.xml", transport=transport) as sipp:
        acc = Recorder()
        acc.create(account_config("sip:alice@127.0.0.1", sipp.uri))
        assert wait_until(ep, lambda: ("started", True) in acc.events), acc.events
        acc_id = acc.getId()
        acc.shutdown()
        delivered = list(acc.events)
        assert not acc.isValid() and pj.Account.lookup(acc_id) is None
        with pytest.raises(pj.Error) as e:
            acc.getInfo()
        assert e.value.status == pj.PJSUA2RS_ERR_INVALID_HANDLE
        # The 200 and the un-REGISTER's 200 come after shutdown returned: the binding is
        # removed in the background and no callback reports either.
        assert wait_until(ep, lambda: sipp.poll() is not None, 15), "no un-REGISTER"
        assert sipp.wait() == 0, sipp.output()
        ep.libHandleEvents(50)
        assert acc.events == delivered == [("started", True)], acc.events


@needs_sipp
def test_poll_mode_runs_callbacks_in_lib_handle_events(endpoint):
    with Sipp("registrar_auth.xml", *SIPP_AUTH) as sipp:
        acc = Recorder()
        acc.create(account_config("sip:alice@127.0.0.1", sipp.uri))
        time.sleep(0.3)
        assert acc.events == [], "no callback outside libHandleEvents"
        next_state(endpoint, acc)
        assert acc.threads == {threading.get_ident()}
        acc.setRegistration(False)
        next_state(endpoint, acc)
        assert sipp.wait() == 0, sipp.output()


@needs_sipp
def test_thread_mode_runs_callbacks_on_the_library_thread(make_endpoint):
    class Calling(Recorder):
        """Calls the API from its callbacks (safe; the first may come before create()
        returns in this thread)."""

        def onRegStarted(self, prm):
            self.started_id = self.getInfo().id
            super().onRegStarted(prm)

    ep = make_endpoint(quiet_config(poll=False))
    ep.transportCreate(pj.PJSIP_TRANSPORT_UDP, loopback())
    with Sipp("registrar_auth.xml", *SIPP_AUTH) as sipp:
        acc = Calling()
        acc.create(account_config("sip:alice@127.0.0.1", sipp.uri))
        assert next_state(ep, acc).code == 200
        assert threading.get_ident() not in acc.threads and len(acc.threads) == 1
        assert acc.started_id == acc.getId()
        acc.setRegistration(False)
        assert next_state(ep, acc).expiration == 0
        assert sipp.wait() == 0, sipp.output()


@needs_sipp
def test_exception_in_a_callback_is_printed_and_delivery_goes_on(endpoint, capfd):
    class Failing(Recorder):
        def onRegStarted(self, prm):
            raise RuntimeError("boom in onRegStarted")

    with Sipp("registrar_auth.xml", *SIPP_AUTH) as sipp:
        acc = Failing()
        acc.create(account_config("sip:alice@127.0.0.1", sipp.uri))
        assert next_state(endpoint, acc).code == 200
        err = capfd.readouterr().err
        assert "Traceback" in err and "RuntimeError: boom in onRegStarted" in err
        acc.setRegistration(False)
        next_state(endpoint, acc)
        assert sipp.wait() == 0, sipp.output()


@needs_sipp
def test_a_collected_account_is_shut_down_and_unregisters(endpoint):
    with Sipp("registrar_auth.xml", *SIPP_AUTH) as sipp:
        acc = Recorder()
        acc.create(account_config("sip:alice@127.0.0.1", sipp.uri))
        next_state(endpoint, acc)
        del acc
        gc.collect()
        # The next libHandleEvents shuts it down: the binding is removed, which is the
        # un-REGISTER sipp waits for.
        assert wait_until(endpoint, lambda: sipp.poll() is not None), "no un-REGISTER"
        assert sipp.wait() == 0, sipp.output()


@needs_kamailio
@pytest.mark.parametrize("tcp", [False, True], ids=["udp", "tcp"])
def test_kamailio_register_refresh_and_unregister(endpoint, tcp):
    with Kamailio([("alice", "secret")]) as k:
        acc = Recorder()
        acc.create(account_config(k.aor("alice"), k.tcp_uri if tcp else k.uri, expires=120))
        ok = next_state(endpoint, acc)
        assert (ok.status, ok.code, ok.reason, ok.expiration) == (0, 200, "OK", 120)
        contacts = k.registered_contacts("alice")
        assert len(contacts) == 1 and "127.0.0.1" in contacts[0], contacts
        assert ("transport=tcp" in contacts[0]) == tcp, contacts
        info = acc.getInfo()
        assert (info.regIsActive, info.regStatus, info.regLastErr) == (True, 200, 0)
        assert 110 < info.regExpiresSec <= 120

        # A refresh on demand: the same binding, renewed (no second contact).
        acc.setRegistration(True)
        again = next_state(endpoint, acc)
        assert (again.code, again.expiration) == (200, 120)
        assert acc.events.count(("started", True)) == 2, acc.events
        assert k.registered_contacts("alice") == contacts
        assert 110 < acc.getInfo().regExpiresSec <= 120

        acc.setRegistration(False)
        gone = next_state(endpoint, acc)
        assert (gone.code, gone.expiration) == (200, 0)
        assert ("started", False) in acc.events
        info = acc.getInfo()
        assert not info.regIsActive and info.regLastErr == 0
        assert k.registered_contacts("alice") == []


@needs_kamailio
def test_kamailio_wrong_password_fails_once(endpoint):
    with Kamailio([("alice", "secret")]) as k:
        acc = Recorder()
        acc.create(account_config(k.aor("alice"), k.uri, password="wrong", expires=120))
        failed = next_state(endpoint, acc)
        assert (failed.code, failed.expiration) == (403, 0)
        assert not wait_until(endpoint, lambda: len(acc.states()) > 1, 2), "no retry"
        info = acc.getInfo()
        # As PJSUA2: a 403 is an answer, so regLastErr (the last status) stays 0.
        assert not info.regIsActive and info.regStatus == 403 and info.regLastErr == 0
        assert k.registered_contacts("alice") == []


@needs_kamailio
def test_kamailio_account_removed_mid_registration_leaves_no_binding(endpoint):
    with Kamailio([("alice", "secret")]) as k:
        acc = Recorder()
        acc.create(account_config(k.aor("alice"), k.uri, expires=120))
        acc.shutdown()  # the first REGISTER (or its authenticated retry) is in flight
        assert not acc.isValid()

        # kamailio logs each REGISTER it gets: challenged, authenticated, the removal.
        def registers():
            return k.log().count("<script>: REGISTER sip:")

        assert wait_until(endpoint, lambda: registers() >= 3), k.log()
        assert wait_until(endpoint, lambda: k.registered_contacts("alice") == [], 5), \
            "alice's binding was not removed"
        endpoint.libHandleEvents(50)
        assert acc.events == [], "no callback after shutdown (none ran before it)"


@needs_kamailio
def test_kamailio_two_accounts(endpoint):
    with Kamailio([("alice", "secret"), ("bob", "b:o\\b")]) as k:
        alice, bob = Recorder(), Recorder()
        alice.create(account_config(k.aor("alice"), k.uri, expires=MIN_EXPIRES))
        bob.create(account_config(k.aor("bob"), k.uri, "bob", "b:o\\b", MIN_EXPIRES))
        assert next_state(endpoint, alice).code == 200
        assert next_state(endpoint, bob).code == 200
        assert alice.getId() != bob.getId()
        assert pj.Account.lookup(alice.getId()) is alice
        assert pj.Account.lookup(bob.getId()) is bob
        assert alice.isDefault() and not bob.isDefault()
        assert len(k.registered_contacts("alice")) == 1
        assert len(k.registered_contacts("bob")) == 1


def test_bad_id_uri_raises_an_error_naming_the_field(endpoint):
    acc = Recorder()
    with pytest.raises(pj.Error) as e:
        acc.create(account_config("not a uri"))
    assert e.value.status == pj.PJSIP_EINVALIDURI == 171039
    assert "AccountConfig.idUri" in e.value.reason
    assert not acc.isValid() and acc.getId() == -1
    with pytest.raises(TypeError):
        acc.create(pj.EpConfig())


def test_account_operations_and_errors(endpoint):
    a, b = Recorder(), Recorder()
    a.create(account_config("sip:a@127.0.0.1"))
    b.create(account_config("sip:b@127.0.0.1"), make_default=True)
    assert b.isDefault() and not a.isDefault()
    a.setDefault()
    assert a.isDefault() and not b.isDefault()
    info = b.getInfo()
    assert (info.regIsConfigured, info.regExpiresSec, info.regStatusText) == \
        (False, pj.PJSUA2RS_EXPIRES_NOT_SPECIFIED, "does not register")
    with pytest.raises(pj.Error) as e:
        b.setRegistration(True)
    assert e.value.status == pj.PJ_EINVALIDOP
    with pytest.raises(pj.Error) as e:
        b.modify(account_config("bad"))
    assert e.value.status == 171039 and "idUri" in e.value.reason
    b.modify(account_config("sip:b2@127.0.0.1"))
    assert "sip:b2@127.0.0.1" in b.getInfo().uri
    with pytest.raises(pj.Error) as e:
        b.create(account_config("sip:b@127.0.0.1"))
    assert e.value.status == pj.PJ_EINVALIDOP
    b.setTransport(0)
    with pytest.raises(pj.Error):
        b.setTransport(77)
    assert endpoint.libHandleEvents(10) >= 0
    assert a.events == [] and b.events == [], "no registrar, no callbacks"


def test_shutdown_then_invalid(endpoint):
    acc = Recorder()
    assert not acc.isValid() and acc.getId() == -1
    acc.create(account_config("sip:alice@127.0.0.1"))
    acc_id = acc.getId()
    assert acc.isValid() and pj.Account.lookup(acc_id) is acc
    acc.shutdown()
    assert not acc.isValid()
    assert acc.getId() == acc_id, "PJSUA2 keeps the id"
    assert pj.Account.lookup(acc_id) is None
    with pytest.raises(pj.Error) as e:
        acc.getInfo()
    assert e.value.status == pj.PJSUA2RS_ERR_INVALID_HANDLE
    acc.shutdown()  # again: nothing to do, no error


def test_create_needs_a_created_endpoint():
    pj.Endpoint()
    with pytest.raises(pj.Error) as e:
        Recorder().create(account_config("sip:alice@127.0.0.1"))
    assert e.value.status == pj.PJ_EINVALIDOP and "libCreate" in e.value.reason


def test_lib_destroy_invalidates_accounts():
    ep = pj.Endpoint()
    ep.libCreate()
    ep.libInit(quiet_config())
    ep.libStart()
    acc = Recorder()
    acc.create(account_config("sip:alice@127.0.0.1"))
    ep.libDestroy()
    assert not acc.isValid()
    assert pj.Account.lookup(acc.getId()) is None
    with pytest.raises(pj.Error):
        acc.getInfo()
    with pytest.raises(pj.Error):
        Recorder().create(account_config("sip:bob@127.0.0.1"))
