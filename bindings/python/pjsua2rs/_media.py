"""PJSUA2's AudioMedia (a port of the conference bridge, named by its slot) with
ConfPortInfo and MediaFormatAudio, and the Endpoint's AudDevManager with AudioDevInfo.

An AudioMedia belongs to an Endpoint's bridge: the one of the call, player or device it
came from; a bare AudioMedia() (port id -1 until set) uses Endpoint.instance(). Linking
ports of two different Endpoints raises Error(PJ_EINVAL).
"""
import ctypes

from . import _ffi, _live_media
from ._cstr import from_c
from ._errors import Error, check
from ._struct_view import check_int
from ._vectors import AudioDevInfoVector2, IntVector, MediaFormatAudioVector

_lib = _ffi.lib
_PJMEDIA_TYPE_AUDIO = 1
_INVALID_ID = -1


class MediaFormatAudio:
    """An audio format (PJSUA2's `MediaFormatAudio`): `id` (PJMEDIA_FORMAT_*), `type`,
    `clockRate`, `channelCount`, `frameTimeUsec`, `bitsPerSample`, `avgBps`, `maxBps`."""

    def __init__(self):
        self.id = 0
        self.type = 0
        self.clockRate = 0
        self.channelCount = 0
        self.frameTimeUsec = 0
        self.bitsPerSample = 0
        self.avgBps = 0
        self.maxBps = 0

    def init(self, formatId, clockRate, channelCount, frameTimeUsec, bitsPerSample,
             avgBps=0, maxBps=0):
        """Sets every member at once, `type` to PJMEDIA_TYPE_AUDIO (PJSUA2's
        `MediaFormatAudio::init`)."""
        self.id, self.type = formatId, _PJMEDIA_TYPE_AUDIO
        self.clockRate, self.channelCount = clockRate, channelCount
        self.frameTimeUsec, self.bitsPerSample = frameTimeUsec, bitsPerSample
        self.avgBps, self.maxBps = avgBps, maxBps

    @classmethod
    def _from_c(cls, f):
        """The 16-bit linear PCM format a bridge port exchanges, from its C struct."""
        out = cls()
        out.type = _PJMEDIA_TYPE_AUDIO
        out.clockRate, out.channelCount = f.clock_rate, f.channel_count
        out.frameTimeUsec, out.bitsPerSample = f.frame_time_usec, f.bits_per_sample
        out.avgBps = out.maxBps = f.clock_rate * f.channel_count * f.bits_per_sample
        return out


class ConfPortInfo:
    """A bridge port's info (PJSUA2's `ConfPortInfo`): `portId`, `name`, `format`
    (MediaFormatAudio), `txLevelAdj`, `rxLevelAdj` and `listeners` (the slots it
    transmits to)."""

    def __init__(self):
        self.portId = 0
        self.name = ""
        self.format = MediaFormatAudio()
        self.txLevelAdj = 0.0
        self.rxLevelAdj = 0.0
        self.listeners = IntVector()


class AudioMediaTransmitParam:
    """The param of AudioMedia.startTransmit2 (PJSUA2's `AudioMediaTransmitParam`):
    `level`, the gain of the link (1.0: as is)."""

    def __init__(self):
        self.level = 1.0


def _port_info(ep_handle, port_id):
    """The ConfPortInfo of slot `port_id` of endpoint `ep_handle`."""
    info = _ffi.pjsua2rs_conf_port_info()
    count = 0
    while True:
        listeners = (ctypes.c_int * count)()
        check(_lib.pjsua2rs_audio_media_get_port_info(ep_handle, port_id, listeners, count,
                                                      ctypes.byref(info)))
        if info.listener_count <= count:
            break
        count = info.listener_count  # grew meanwhile, or the first call: size the array
    out = ConfPortInfo()
    out.portId, out.name = info.port_id, from_c(info.name)
    out.format = MediaFormatAudio._from_c(info.format)
    out.txLevelAdj, out.rxLevelAdj = info.tx_level_adj, info.rx_level_adj
    out.listeners = IntVector(listeners[:info.listener_count])
    return out


def _default_endpoint(what):
    """The handle of Endpoint.instance(), for an AudioMedia of no particular endpoint."""
    from ._endpoint import Endpoint  # _endpoint imports this module
    return Endpoint.instance()._h(what)


class Media:
    """A media (PJSUA2's abstract `Media`)."""

    _type = 0

    def getType(self):
        """The media type (PJMEDIA_TYPE_AUDIO for an AudioMedia)."""
        return self._type


class AudioMedia(Media):
    """A port of the conference bridge (PJSUA2's `AudioMedia`): link it to other ports,
    adjust its levels, read its info. Calls, players, recorders, tone generators and the
    sound device (AudDevManager.getCaptureDevMedia / getPlaybackDevMedia: slot 0) are
    AudioMedia."""

    _type = _PJMEDIA_TYPE_AUDIO
    _port = _INVALID_ID
    _ep = None  # the endpoint handle; None: Endpoint.instance()'s

    @classmethod
    def _of(cls, ep_handle, port_id):
        """The AudioMedia of slot `port_id` of endpoint `ep_handle`."""
        media = cls()
        media._ep, media._port = ep_handle, port_id
        return media

    def _ep_h(self, what):
        _live_media.free_orphans()
        return self._ep if self._ep is not None else _default_endpoint(what)

    def getPortId(self):
        """The port's slot in the bridge; PJSUA_INVALID_ID (-1) when it has none."""
        return self._port

    def _link(self, sink, what):
        """The endpoint handle and the two slots of a link from this port to `sink`."""
        if not isinstance(sink, AudioMedia):
            raise TypeError(f"{what}() takes an AudioMedia")
        ep = self._ep_h(what)
        sink_ep = sink._ep if sink._ep is not None else ep
        if sink_ep != ep:
            raise Error(_ffi.PJSUA2RS_ERR_INVALID_ARG, f"AudioMedia.{what}()",
                        "the sink is a port of another Endpoint's bridge")
        return ep, self.getPortId(), sink.getPortId()

    def startTransmit(self, sink):
        """Transmits this port's audio to `sink` (an AudioMedia) at level 1.0."""
        ep, src, dst = self._link(sink, "startTransmit")
        check(_lib.pjsua2rs_audio_media_start_transmit(ep, src, dst, 1.0))

    def startTransmit2(self, sink, param):
        """Transmits this port's audio to `sink` at `param.level`
        (AudioMediaTransmitParam)."""
        ep, src, dst = self._link(sink, "startTransmit2")
        check(_lib.pjsua2rs_audio_media_start_transmit(ep, src, dst, float(param.level)))

    def stopTransmit(self, sink):
        """Stops transmitting to `sink`."""
        ep, src, dst = self._link(sink, "stopTransmit")
        check(_lib.pjsua2rs_audio_media_stop_transmit(ep, src, dst))

    def adjustRxLevel(self, level):
        """Scales what this port receives from the bridge (1.0: as is, 0: muted)."""
        check(_lib.pjsua2rs_audio_media_adjust_rx_level(self._ep_h("adjustRxLevel"),
                                                        self.getPortId(), float(level)))

    def adjustTxLevel(self, level):
        """Scales what this port transmits to the bridge (1.0: as is, 0: muted)."""
        check(_lib.pjsua2rs_audio_media_adjust_tx_level(self._ep_h("adjustTxLevel"),
                                                        self.getPortId(), float(level)))

    def getRxLevel(self):
        """The level of what this port last received from the bridge, 0-255."""
        out = ctypes.c_uint()
        check(_lib.pjsua2rs_audio_media_get_rx_level(self._ep_h("getRxLevel"),
                                                     self.getPortId(), ctypes.byref(out)))
        return out.value

    def getTxLevel(self):
        """The level of what this port last transmitted to the bridge, 0-255."""
        out = ctypes.c_uint()
        check(_lib.pjsua2rs_audio_media_get_tx_level(self._ep_h("getTxLevel"),
                                                     self.getPortId(), ctypes.byref(out)))
        return out.value

    def getPortInfo(self):
        """The port's ConfPortInfo."""
        return _port_info(self._ep_h("getPortInfo"), self.getPortId())

    @staticmethod
    def getPortInfoFromId(port_id):
        """The ConfPortInfo of slot `port_id` of Endpoint.instance()'s bridge."""
        _live_media.free_orphans()
        check_int(port_id, "port_id", ctypes.c_int32)
        return _port_info(_default_endpoint("getPortInfoFromId"), port_id)

    @staticmethod
    def typecastFromMedia(media):
        """`media` as an AudioMedia (it is one already)."""
        if not isinstance(media, AudioMedia):
            raise TypeError("typecastFromMedia() takes an AudioMedia")
        return media


class AudioDevInfo:
    """A sound device (PJSUA2's `AudioDevInfo`): `id`, `name`, `inputCount`,
    `outputCount`, `defaultSamplesPerSec`, `driver`; `caps`, `routes` and `extFmt` are
    0 and empty (no device capabilities are reported)."""

    def __init__(self):
        self.id = 0
        self.name = ""
        self.inputCount = 0
        self.outputCount = 0
        self.defaultSamplesPerSec = 0
        self.driver = ""
        self.caps = 0
        self.routes = 0
        self.extFmt = MediaFormatAudioVector()

    @classmethod
    def _from_c(cls, d):
        out = cls()
        out.id, out.name = d.id, from_c(d.name)
        out.inputCount, out.outputCount = d.input_count, d.output_count
        out.defaultSamplesPerSec, out.driver = d.default_samples_per_sec, from_c(d.driver)
        return out


class AudDevManager:
    """The sound device of an Endpoint, conference slot 0 (PJSUA2's `AudDevManager`, from
    Endpoint.audDevManager())."""

    def __init__(self, endpoint):
        self._endpoint = endpoint

    def _h(self, what):
        return self._endpoint._h(f"audDevManager().{what}")

    def setNullDev(self):
        """No sound card: the bridge runs on its own clock (the usual call on a
        server)."""
        check(_lib.pjsua2rs_aud_dev_manager_set_null_dev(self._h("setNullDev")))

    def setNoDev(self):
        """No sound device (players, recorders and calls still run)."""
        check(_lib.pjsua2rs_aud_dev_manager_set_no_dev(self._h("setNoDev")))

    def setCaptureDev(self, capture_dev):
        """Opens capture device `capture_dev` (an AudioDevInfo.id, or
        PJSUA_SND_DEFAULT_CAPTURE_DEV)."""
        check_int(capture_dev, "capture_dev", ctypes.c_int32)
        check(_lib.pjsua2rs_aud_dev_manager_set_capture_dev(self._h("setCaptureDev"),
                                                            capture_dev))

    def setPlaybackDev(self, playback_dev):
        """Opens playback device `playback_dev` (an AudioDevInfo.id, or
        PJSUA_SND_DEFAULT_PLAYBACK_DEV)."""
        check_int(playback_dev, "playback_dev", ctypes.c_int32)
        check(_lib.pjsua2rs_aud_dev_manager_set_playback_dev(self._h("setPlaybackDev"),
                                                             playback_dev))

    def getCaptureDev(self):
        """The capture device id in use (PJSUA_SND_NULL_DEV / PJSUA_SND_NO_DEV without
        one)."""
        out = ctypes.c_int()
        check(_lib.pjsua2rs_aud_dev_manager_get_capture_dev(self._h("getCaptureDev"),
                                                            ctypes.byref(out)))
        return out.value

    def getPlaybackDev(self):
        """The playback device id in use (as getCaptureDev)."""
        out = ctypes.c_int()
        check(_lib.pjsua2rs_aud_dev_manager_get_playback_dev(self._h("getPlaybackDev"),
                                                             ctypes.byref(out)))
        return out.value

    def getCaptureDevMedia(self):
        """The sound device's AudioMedia (slot 0): transmit from it to hear the
        microphone."""
        return AudioMedia._of(self._h("getCaptureDevMedia"), 0)

    def getPlaybackDevMedia(self):
        """The sound device's AudioMedia (slot 0): transmit to it to play through the
        speaker."""
        return AudioMedia._of(self._h("getPlaybackDevMedia"), 0)

    def enumDev2(self):
        """The sound devices, an AudioDevInfoVector2 (empty without a sound card)."""
        h = self._h("enumDev2")
        count = ctypes.c_size_t(0)
        check(_lib.pjsua2rs_aud_dev_manager_enum_dev2(h, None, 0, ctypes.byref(count)))
        devs = (_ffi.pjsua2rs_audio_dev_info * count.value)()
        check(_lib.pjsua2rs_aud_dev_manager_enum_dev2(h, devs, count.value,
                                                      ctypes.byref(count)))
        return AudioDevInfoVector2(AudioDevInfo._from_c(d) for d in devs[:count.value])

    def getDevCount(self):
        """How many sound devices there are."""
        return len(self.enumDev2())

    def getDevInfo(self, id):  # noqa: A002 (PJSUA2's parameter name)
        """The AudioDevInfo of device `id`; Error(PJ_ENOTFOUND) if there is none."""
        found = [d for d in self.enumDev2() if d.id == id]
        if not found:
            raise Error(_ffi.PJSUA2RS_ERR_NOT_FOUND, "AudDevManager.getDevInfo()",
                        f"no sound device {id}")
        return found[0]

    def lookupDev(self, drv_name, dev_name):
        """The id of device `dev_name` of driver `drv_name`; Error(PJ_ENOTFOUND) if there
        is none."""
        for d in self.enumDev2():
            if d.driver == drv_name and d.name == dev_name:
                return d.id
        raise Error(_ffi.PJSUA2RS_ERR_NOT_FOUND, "AudDevManager.lookupDev()",
                    f"no sound device {dev_name!r} of driver {drv_name!r}")
