"""PJSUA2's Endpoint on the C ABI's endpoint handle, with Version, TransportInfo, the
OPTIONS result and codec management."""
import atexit
import ctypes
import threading

from . import _ffi, _live_accounts, _live_calls, _live_media, _log
from ._codec import codec_info_from_c, codec_param_from_c, codec_param_to_c
from ._config import EpConfig, TransportConfig
from ._cstr import from_c, to_c
from ._errors import Error, check, strerror
from ._media import AudDevManager, AudioMedia
from ._struct_view import check_int
from ._vectors import AudioMediaVector2, CodecInfoVector2, IntVector

_lib = _ffi.lib
# Endpoints created and not destroyed: handle -> writer key (or None). atexit destroys
# them, so no library thread calls into Python while the interpreter shuts down.
_live = {}
_live_lock = threading.Lock()
# The MediaConfig (a pjsua2rs_media_config) each endpoint was initialised with, by handle:
# its streams' jitter buffer settings, which StreamInfo reports.
_med_configs = {}


class Version:
    """The library version (PJSUA2's `Version`)."""

    def __init__(self, major=0, minor=0, rev=0, suffix="", full="", numeric=0):
        self.major, self.minor, self.rev = major, minor, rev
        self.suffix, self.full, self.numeric = suffix, full, numeric


class TransportInfo:
    """A transport's details (PJSUA2's `TransportInfo`)."""

    def __init__(self, id=-1, type=0, typeName="", info="", flags=0,  # noqa: A002
                 localAddress="", localName="", usageCount=0):
        self.id, self.type, self.typeName, self.info = id, type, typeName, info
        self.flags, self.localAddress, self.localName = flags, localAddress, localName
        self.usageCount = usageCount


class OptionsResult:
    """pjsua2rs extension: the final response to Endpoint.utilSendOptions."""

    def __init__(self, statusCode, reason, wholeMsg):
        self.statusCode, self.reason, self.wholeMsg = statusCode, reason, wholeMsg


class Endpoint:
    """The SIP endpoint (PJSUA2's `Endpoint`). Unlike PJSUA2, several may exist at once;
    `Endpoint.instance()` is the one created last."""

    _instance = None

    def __init__(self):
        self._handle = None  # set by libCreate; kept after libDestroy (it is then stale)
        self._destroyed = False
        self._writer_key = None
        self._aud_dev_manager = AudDevManager(self)
        Endpoint._instance = self

    @staticmethod
    def instance():
        """The Endpoint created last; Error (PJ_ENOTFOUND) if there is none."""
        if Endpoint._instance is None:
            raise Error(_ffi.PJSUA2RS_ERR_NOT_FOUND, "instance")
        return Endpoint._instance

    def _h(self, what):
        if self._handle is None:
            raise Error(_ffi.PJSUA2RS_ERR_INVALID_OP, f"Endpoint.{what}()",
                        "libCreate() has not been called")
        return self._handle

    def libVersion(self):
        """The library's Version."""
        v = _ffi.pjsua2rs_version_info()
        check(_lib.pjsua2rs_version(ctypes.byref(v)))
        return Version(v.major, v.minor, v.rev, from_c(v.suffix), from_c(v.full), v.numeric)

    def libCreate(self):
        """Creates the library's endpoint (state CREATED)."""
        if self._handle is not None and not self._destroyed:
            raise Error(_ffi.PJSUA2RS_ERR_INVALID_OP, "Endpoint.libCreate()",
                        "the endpoint was already created")
        handle = ctypes.c_uint64()
        check(_lib.pjsua2rs_endpoint_create(ctypes.byref(handle)))
        self._handle, self._destroyed, self._writer_key = handle.value, False, None
        with _live_lock:
            _live[self._handle] = None

    def libInit(self, prmEpConfig):
        """Applies an EpConfig and starts the library's threads (state INIT). A LogWriter
        in `logConfig.writer` is kept until libDestroy returns."""
        if not isinstance(prmEpConfig, EpConfig):
            raise TypeError("libInit() takes an EpConfig")
        handle = self._h("libInit")
        cfg = type(prmEpConfig._c).from_buffer_copy(prmEpConfig._ready_for_c())
        writer = prmEpConfig.logConfig.writer
        key = _log.register(writer) if writer is not None else None
        if key is not None:
            cfg.log_config.writer = _log.TRAMPOLINE
            cfg.log_config.writer_user_data = key
        status = _lib.pjsua2rs_endpoint_lib_init(handle, ctypes.byref(cfg))
        if status != _ffi.PJSUA2RS_SUCCESS:
            if key is not None:
                _log.unregister(key)
            check(status)
        self._writer_key = key
        with _live_lock:
            _live[handle] = key
            _med_configs[handle] = cfg.med_config

    def libStart(self):
        """Starts the endpoint (state RUNNING)."""
        check(_lib.pjsua2rs_endpoint_lib_start(self._h("libStart")))

    def libGetState(self):
        """The PJSUA_STATE_* state; PJSUA_STATE_NULL before libCreate and after
        libDestroy."""
        if self._handle is None or self._destroyed:
            return _ffi.PJSUA2RS_STATE_NULL
        out = ctypes.c_int()
        check(_lib.pjsua2rs_endpoint_lib_get_state(self._handle, ctypes.byref(out)))
        return out.value

    def libRegisterThread(self, name):
        """PJSUA2 requires threads it did not create to register before calling it. Here
        any thread may call any method, so this does nothing and always succeeds."""
        del name

    def libIsThreadRegistered(self):
        """Always True: every thread may call the library (see libRegisterThread)."""
        return True

    def libHandleEvents(self, msec_timeout):
        """Poll mode: waits up to `msec_timeout` ms and runs the queued callbacks on this
        thread; returns how many ran (0 when the library has its own callback thread).
        Also shuts down the accounts whose Account objects were garbage-collected, hangs
        up the calls whose Call objects were, and destroys such media objects."""
        _live_accounts.free_orphans()
        _live_calls.free_orphans()
        _live_media.free_orphans()
        out = ctypes.c_uint()
        check(_lib.pjsua2rs_endpoint_handle_events(self._h("libHandleEvents"), msec_timeout,
                                                    ctypes.byref(out)))
        return out.value

    def libDestroy(self, prmFlags=0):
        """Shuts the endpoint down: sockets closed, threads joined, no callback runs after
        it returns; its calls are hung up, its accounts unregistered, its media objects
        (players, recorders, tone generators) destroyed, and those objects become invalid.
        Calling it again does nothing. `prmFlags` is accepted for PJSUA2 compatibility and
        ignored."""
        if self._handle is None or self._destroyed:
            return
        check(_lib.pjsua2rs_endpoint_destroy(self._handle))
        _forget(self._handle)
        self._destroyed = True
        for account in _live_accounts.of_endpoint(self._handle):
            account._drop_handle()
        _live_calls.free_orphans()
        for call in _live_calls.of_endpoint(self._handle):
            call._drop_handle()
        _live_media.free_orphans()
        for obj in _live_media.of_endpoint(self._handle):
            obj._drop_handle()

    def hangupAllCalls(self):
        """Hangs up every call of the endpoint (as Call.hangup with the defaults)."""
        _live_calls.free_orphans()
        check(_lib.pjsua2rs_endpoint_hangup_all_calls(self._h("hangupAllCalls")))

    def audDevManager(self):
        """The endpoint's AudDevManager (its sound device, conference slot 0)."""
        return self._aud_dev_manager

    def mediaEnumPorts2(self):
        """The bridge's ports, an AudioMediaVector2 (slot 0, the sound device, first)."""
        _live_media.free_orphans()
        handle = self._h("mediaEnumPorts2")
        count = ctypes.c_size_t(0)
        check(_lib.pjsua2rs_endpoint_media_enum_ports2(handle, None, 0, ctypes.byref(count)))
        slots = (ctypes.c_int * count.value)()
        check(_lib.pjsua2rs_endpoint_media_enum_ports2(handle, slots, count.value,
                                                        ctypes.byref(count)))
        return AudioMediaVector2(AudioMedia._of(handle, s) for s in slots[:count.value])

    def mediaActivePorts(self):
        """How many ports the bridge has (slot 0 included)."""
        _live_media.free_orphans()
        out = ctypes.c_uint()
        check(_lib.pjsua2rs_endpoint_media_active_ports(self._h("mediaActivePorts"),
                                                         ctypes.byref(out)))
        return out.value

    def codecEnum2(self):
        """The codecs, a CodecInfoVector2 of CodecInfo, highest priority first (disabled
        ones, priority 0, last)."""
        handle = self._h("codecEnum2")
        count = ctypes.c_size_t(0)
        check(_lib.pjsua2rs_endpoint_codec_enum2(handle, None, 0, ctypes.byref(count)))
        infos = (_ffi.pjsua2rs_codec_info * count.value)()
        check(_lib.pjsua2rs_endpoint_codec_enum2(handle, infos, count.value,
                                                  ctypes.byref(count)))
        return CodecInfoVector2(codec_info_from_c(c) for c in infos[:count.value])

    def codecSetPriority(self, codec_id, priority):
        """Sets the priority (0-255; 0 disables) of every codec whose id starts with
        `codec_id` ("PCMU", "opus/48000/2"; "" for every codec); Error(PJ_ENOTFOUND) if
        none matches. New calls offer and accept the codecs in the new order."""
        check(_lib.pjsua2rs_endpoint_codec_set_priority(
            self._h("codecSetPriority"), to_c(codec_id, "codec_id"),
            check_int(priority, "priority", ctypes.c_uint8)))

    def codecGetParam(self, codec_id):
        """The CodecParam new calls use for codec `codec_id` (an id or its prefix);
        Error(PJ_ENOTFOUND) if there is no such codec."""
        c = _ffi.pjsua2rs_codec_param()
        check(_lib.pjsua2rs_endpoint_codec_get_param(self._h("codecGetParam"),
                                                      to_c(codec_id, "codec_id"),
                                                      ctypes.byref(c)))
        return codec_param_from_c(c)

    def codecSetParam(self, codec_id, param):
        """Sets the CodecParam new calls use for codec `codec_id`; `param` None (a
        pjsua2rs extension) restores the codec's built-in parameters."""
        handle = self._h("codecSetParam")
        c = None if param is None else codec_param_to_c(param, "Endpoint.codecSetParam()")
        check(_lib.pjsua2rs_endpoint_codec_set_param(
            handle, to_c(codec_id, "codec_id"), None if c is None else ctypes.byref(c)))

    def transportCreate(self, type, cfg):  # noqa: A002 (PJSUA2's parameter name)
        """Creates a SIP transport (PJSIP_TRANSPORT_UDP, _TCP, _UDP6, _TCP6) and returns
        its id."""
        if not isinstance(cfg, TransportConfig):
            raise TypeError("transportCreate() takes a TransportConfig")
        out = ctypes.c_int()
        check(_lib.pjsua2rs_endpoint_transport_create(
            self._h("transportCreate"), type, ctypes.byref(cfg._ready_for_c()),
            ctypes.byref(out)))
        return out.value

    def transportEnum(self):
        """The ids of the transports, as an IntVector."""
        handle = self._h("transportEnum")
        count = ctypes.c_size_t(0)
        cap = 16
        while True:
            ids = (ctypes.c_int * cap)()
            status = _lib.pjsua2rs_endpoint_transport_enum(handle, ids, cap,
                                                           ctypes.byref(count))
            if status == _ffi.PJSUA2RS_ERR_TOO_SMALL and count.value > cap:
                cap = count.value
                continue
            check(status)
            return IntVector(ids[:count.value])

    def transportGetInfo(self, id):  # noqa: A002 (PJSUA2's parameter name)
        """The TransportInfo of transport `id`."""
        t = _ffi.pjsua2rs_transport_info()
        check(_lib.pjsua2rs_endpoint_transport_get_info(self._h("transportGetInfo"), id,
                                                         ctypes.byref(t)))
        return TransportInfo(t.id, t.type, from_c(t.type_name), from_c(t.info), t.flags,
                             from_c(t.local_address), from_c(t.local_name), t.usage_count)

    def transportClose(self, id):  # noqa: A002 (PJSUA2's parameter name)
        """Closes transport `id` now (also one shutting down after transportShutdown)."""
        check(_lib.pjsua2rs_endpoint_transport_close(self._h("transportClose"), id))

    def transportShutdown(self, id):  # noqa: A002 (PJSUA2's parameter name)
        """Graceful close of transport `id` (PJSUA2 takes a transport handle; this
        library's handle is the id). It leaves transportEnum at once and no new request
        uses it; its socket stays open for the transactions already using it and closes
        when the last one ends (at once when unused)."""
        check(_lib.pjsua2rs_endpoint_transport_shutdown(self._h("transportShutdown"), id))

    def transportSetEnable(self, id, enabled):  # noqa: A002 (PJSUA2's parameter name)
        """Disables transport `id` (it keeps its socket but drops what it receives, sends
        nothing and is not used for new requests) or enables it again. PJSUA2 declares
        this without implementing it."""
        check(_lib.pjsua2rs_endpoint_transport_set_enable(
            self._h("transportSetEnable"), id, bool(enabled)))

    def utilVerifySipUri(self, uri):
        """0 (PJ_SUCCESS) if `uri` is a valid sip:/sips: URI, else the error status
        (PJSUA2 returns the status; it does not raise)."""
        return _verify(_lib.pjsua2rs_verify_sip_uri, uri)

    def utilVerifyUri(self, uri):
        """0 (PJ_SUCCESS) if `uri` is a valid URI of any scheme, else the error status."""
        return _verify(_lib.pjsua2rs_verify_uri, uri)

    def utilStrError(self, prmErr):
        """The text of status code `prmErr`."""
        return strerror(prmErr)

    def utilLogWrite(self, prmLevel, prmSender=None, prmMsg=None):
        """utilLogWrite(level, sender, msg) logs through the endpoint's log configuration;
        utilLogWrite(entry) hands a LogEntry straight to the configured LogWriter on the
        calling thread, as PJSUA2 does."""
        if isinstance(prmLevel, _log.LogEntry):
            writer = _log.lookup(self._writer_key)
            if writer is not None:
                writer.write(prmLevel)
            return
        check(_lib.pjsua2rs_endpoint_log_write(self._h("utilLogWrite"), prmLevel,
                                               to_c(prmSender, "sender"),
                                               to_c(prmMsg, "msg")))

    def utilSendOptions(self, uri, timeoutMsec=5000):
        """pjsua2rs extension: sends an OPTIONS request to `uri` outside any dialog and
        waits for the final response; returns an OptionsResult (statusCode, reason,
        wholeMsg). Blocks the caller."""
        result = _ffi.pjsua2rs_request_result()
        msg = ctypes.create_string_buffer(_MAX_MSG)
        length = ctypes.c_size_t(0)
        check(_lib.pjsua2rs_endpoint_send_options(
            self._h("utilSendOptions"), to_c(uri, "uri"), timeoutMsec, ctypes.byref(result),
            msg, len(msg), ctypes.byref(length)))
        return OptionsResult(result.status_code, from_c(result.reason),
                             from_c(msg.raw[:length.value]))


# Room for a whole SIP response: the C call cannot be repeated to learn the size (it would
# send a second request), so the buffer is large (SIP over UDP is at most 64 KB).
_MAX_MSG = 256 * 1024


def _verify(fn, uri):
    try:
        data = to_c(uri, "uri")
    except Error as e:
        return e.status
    return fn(data)


def med_config(handle):
    """The pjsua2rs_media_config endpoint `handle` was initialised with; None before
    libInit and after libDestroy."""
    with _live_lock:
        return _med_configs.get(handle)


def _forget(handle):
    with _live_lock:
        key = _live.pop(handle, None)
        _med_configs.pop(handle, None)
    if key is not None:
        _log.unregister(key)


@atexit.register
def _destroy_all():
    with _live_lock:
        handles = list(_live)
    for handle in handles:
        _lib.pjsua2rs_endpoint_destroy(handle)
        _forget(handle)
