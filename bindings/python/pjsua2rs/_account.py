"""PJSUA2's Account on the C ABI's account handle: subclass it and override onRegState,
onRegStarted and onIncomingCall. The library calls one module-level C trampoline per
callback with the Account's registry key (_live_accounts) as user data."""
import ctypes
import sys
import threading
import traceback

from . import _ffi, _live_accounts, _live_calls
from ._account_types import AccountInfo, OnRegStartedParam, OnRegStateParam, SipRxData
from ._call_types import OnIncomingCallParam
from ._config import AccountConfig
from ._endpoint import Endpoint
from ._errors import Error, check

_lib = _ffi.lib


class Account:
    """A SIP account (PJSUA2's `Account`). Subclass it and override the onXxx callbacks;
    they run on the library's callback thread, or inside Endpoint.libHandleEvents in poll
    mode (threadCnt 0). An exception a callback raises is printed with its traceback and
    the library carries on.

    As in PJSUA2 the application keeps a reference to its Account: one that is
    garbage-collected is shut down (at the next Account.create or libHandleEvents, since
    the collector must not call the library). The account belongs to the Endpoint that
    was `Endpoint.instance()` when it was created; libDestroy shuts it down."""

    # Class-level defaults, so a subclass that skips Account.__init__ still works.
    _handle = 0  # the C handle; 0 before create and after shutdown (the library refuses 0)
    _id = -1
    _key = None
    _created = None  # set once create() has stored the handle (callbacks wait for it)
    _ep_handle = None  # the handle of the Endpoint the account belongs to

    def __init__(self):
        self._handle = 0

    def create(self, cfg, make_default=False):
        """Adds the account to the library with AccountConfig `cfg`; registration starts
        when it has a registrar and `regConfig.registerOnAdd`. The first account, or one
        created with `make_default`, becomes the default."""
        if not isinstance(cfg, AccountConfig):
            raise TypeError("Account.create() takes an AccountConfig")
        if self._handle:
            raise Error(_ffi.PJSUA2RS_ERR_INVALID_OP, "Account.create()",
                        "the account was already created")
        _live_accounts.free_orphans()
        _live_calls.free_orphans()
        ep_handle = Endpoint.instance()._handle
        if ep_handle is None:
            raise Error(_ffi.PJSUA2RS_ERR_INVALID_OP, "Account.create()",
                        "libCreate() has not been called")
        cb = _ffi.pjsua2rs_account_callbacks()
        check(_lib.pjsua2rs_account_callbacks_default(ctypes.byref(cb), ctypes.sizeof(cb)))
        cb.on_reg_started = _ON_REG_STARTED
        cb.on_reg_state = _ON_REG_STATE
        cb.on_incoming_call = _ON_INCOMING_CALL
        self._created = threading.Event()
        self._key = _live_accounts.register(self, ep_handle)
        out = ctypes.c_uint64()
        try:
            status = _lib.pjsua2rs_account_create(
                ep_handle, ctypes.byref(cfg._ready_for_c()), bool(make_default),
                ctypes.byref(cb), self._key, ctypes.byref(out))
            if status != _ffi.PJSUA2RS_SUCCESS:
                _live_accounts.unregister(self._key)
                check(status)
            acc_id = ctypes.c_int()
            check(_lib.pjsua2rs_account_get_id(out.value, ctypes.byref(acc_id)))
            self._handle, self._id = out.value, acc_id.value
            self._ep_handle = ep_handle
        finally:
            self._created.set()

    def modify(self, cfg):
        """Replaces the account's config; a new registrar, identity or proxy list
        re-registers."""
        if not isinstance(cfg, AccountConfig):
            raise TypeError("Account.modify() takes an AccountConfig")
        check(_lib.pjsua2rs_account_modify(self._handle, ctypes.byref(cfg._ready_for_c())))

    def shutdown(self):
        """Removes the account (a binding in place is removed in the background); no
        callback of it starts afterwards. Does nothing when it is not valid, and never
        raises, as PJSUA2's. getId() keeps returning the old id, as in PJSUA2."""
        self._drop_handle()

    def isValid(self):
        """Whether the account exists in the library (created, not shut down, and its
        Endpoint not destroyed)."""
        return self._handle != 0

    def setDefault(self):
        """Makes this the default account."""
        check(_lib.pjsua2rs_account_set_default(self._handle))

    def isDefault(self):
        """Whether this is the default account."""
        return self.getInfo().isDefault

    def getId(self):
        """The account id (-1 before create)."""
        return self._id

    @staticmethod
    def lookup(acc_id):
        """The live Account with id `acc_id` in the current Endpoint, or None."""
        ep = Endpoint._instance
        if ep is None or ep._handle is None:
            return None
        return next((a for a in _live_accounts.of_endpoint(ep._handle)
                     if a._id == acc_id and a._handle), None)

    def getInfo(self):
        """The account's AccountInfo."""
        info = _ffi.pjsua2rs_account_info()
        check(_lib.pjsua2rs_account_get_info(self._handle, ctypes.byref(info)))
        return AccountInfo.from_c(info)

    def setRegistration(self, renew):
        """Registers (or refreshes) now when `renew`, else removes the binding; the
        outcome comes to onRegState. Error PJ_EINVALIDOP without a registrar."""
        check(_lib.pjsua2rs_account_set_registration(self._handle, bool(renew)))

    def setTransport(self, tid):
        """Pins the account to transport `tid` (-1: any), from its next request on."""
        check(_lib.pjsua2rs_account_set_transport(self._handle, tid))

    def onRegStarted(self, prm):
        """Called with an OnRegStartedParam when a REGISTER round starts. Does nothing
        unless overridden."""

    def onRegState(self, prm):
        """Called with an OnRegStateParam when a REGISTER round ends. Does nothing unless
        overridden."""

    def onIncomingCall(self, prm):
        """Called with an OnIncomingCallParam when a call arrives. Take it with
        `Call(self, prm.callId)` during the callback (and keep a reference to that Call),
        else the library refuses it with 500, as PJSUA2 does. Does nothing unless
        overridden."""

    def _drop_handle(self):
        """Shuts the account down in the library (a handle whose endpoint was destroyed
        is freed there) and forgets the handle."""
        handle, self._handle = self._handle, 0
        if handle:
            _live_accounts.unregister(self._key)
            _lib.pjsua2rs_account_shutdown(handle)

    def __del__(self):
        if self._handle:
            _live_accounts.orphan(self._key, self._handle)


def _deliver(key, method, make_param):
    """Calls `method` of the Account registered under `key` with `make_param()`; an
    exception is printed, never passed to the library."""
    try:
        account = _live_accounts.lookup(key)
        if account is None:
            return
        account._created.wait()  # thread mode: create() may not have stored the handle yet
        getattr(account, method)(make_param())
    except BaseException:  # noqa: BLE001 (nothing may propagate into C)
        traceback.print_exc(file=sys.stderr)


def _on_reg_started(user_data, prm):
    _deliver(user_data, "onRegStarted", lambda: OnRegStartedParam(prm.contents.renew))


def _on_reg_state(user_data, prm):
    _deliver(user_data, "onRegState", lambda: OnRegStateParam.from_c(prm.contents))


def _on_incoming_call(user_data, prm):
    _deliver(user_data, "onIncomingCall", lambda: OnIncomingCallParam(
        prm.contents.call_id, SipRxData.from_c(prm.contents.rdata)))


# The C callbacks of every account; module-level, so they live as long as the process.
_ON_REG_STARTED = _ffi.pjsua2rs_on_reg_started_fn(_on_reg_started)
_ON_REG_STATE = _ffi.pjsua2rs_on_reg_state_fn(_on_reg_state)
_ON_INCOMING_CALL = _ffi.pjsua2rs_on_incoming_call_fn(_on_incoming_call)
