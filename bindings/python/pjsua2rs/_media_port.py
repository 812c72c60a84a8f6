"""PJSUA2's AudioMediaPort: a bridge port whose frames the application supplies
(onFrameRequested) and receives (onFrameReceived), with MediaFrame.

Subclass AudioMediaPort, override the callbacks, and createPort() it on
Endpoint.instance(). The callbacks run inside Endpoint.libHandleEvents in poll mode
(which must then run at least every 40 ms to keep the port fed), else on the library's
callback thread, never on the media thread: frames are requested about three bridge
frames ahead of the time they are played. An exception a callback raises is printed with
its traceback (a frame requested is then sent as silence). The application keeps the
port alive; one it drops is destroyed (see _live_media).
"""
import ctypes
import sys
import traceback

from . import _ffi, _live_media
from ._cstr import to_c
from ._errors import Error, check
from ._media import MediaFormatAudio
from ._media_objects import _MediaObject
from ._struct_view import check_int
from ._vectors import ByteVector

_lib = _ffi.lib
# PJMEDIA_FORMAT_PCM (also PJMEDIA_FORMAT_L16): 16-bit linear PCM.
_PCM = _ffi.PJSUA2RS_FORMAT_PCM


class MediaFrame:
    """A frame of audio (PJSUA2's `MediaFrame`): `type` (PJMEDIA_FRAME_TYPE_AUDIO, or
    PJMEDIA_FRAME_TYPE_NONE for none), `buf` (ByteVector: 16-bit linear PCM samples in the
    machine's byte order) and `size` (bytes)."""

    def __init__(self):
        self.type = _ffi.PJSUA2RS_FRAME_TYPE_NONE
        self.buf = ByteVector()
        self.size = 0


class AudioMediaPortStats:
    """pjsua2rs extension: the counters of an AudioMediaPort. `underruns`: bridge frames
    sent as silence because onFrameRequested had not supplied them in time; `dropped`:
    frames not delivered because onFrameReceived fell 32 frames behind."""

    def __init__(self):
        self.underruns = 0
        self.dropped = 0


class AudioMediaPort(_MediaObject):
    """A bridge port fed and heard by the application (PJSUA2's `AudioMediaPort`).
    Subclass it and override onFrameRequested and onFrameReceived; connect it with
    startTransmit like any AudioMedia. Frames are asked for only while the port transmits
    to another port, and delivered only while another port transmits to it."""

    _DESTROY = _lib.pjsua2rs_audio_media_port_destroy
    _PORT_ID = _lib.pjsua2rs_audio_media_port_get_port_id

    def createPort(self, name, fmt):
        """Makes the port, named `name`, exchanging frames of format `fmt` (a
        MediaFormatAudio): 16-bit mono linear PCM (`id` PJMEDIA_FORMAT_PCM) at any clock
        rate the resampler converts (zero `clockRate` / `frameTimeUsec` take the bridge's).
        Error(PJ_EINVAL) names a member that is not supported; Error(PJ_EEXISTS) if the
        port was already created."""
        if not isinstance(fmt, MediaFormatAudio):
            raise TypeError("createPort() takes a MediaFormatAudio")
        if fmt.id != _PCM:
            raise Error(_ffi.PJSUA2RS_ERR_INVALID_ARG, "AudioMediaPort.createPort()",
                        f"MediaFormatAudio.id {fmt.id} is not supported "
                        "(PJMEDIA_FORMAT_PCM only)")
        c_fmt = _ffi.pjsua2rs_media_format_audio(
            check_int(fmt.clockRate, "MediaFormatAudio.clockRate", ctypes.c_uint32),
            check_int(fmt.channelCount, "MediaFormatAudio.channelCount", ctypes.c_uint32),
            check_int(fmt.frameTimeUsec, "MediaFormatAudio.frameTimeUsec", ctypes.c_uint32),
            check_int(fmt.bitsPerSample, "MediaFormatAudio.bitsPerSample", ctypes.c_uint32))
        name_c = to_c(name, "name")
        callbacks = self._callbacks()
        self._make("createPort", lambda ep, key, out: _lib.pjsua2rs_audio_media_port_create(
            ep, name_c, ctypes.byref(c_fmt), ctypes.byref(callbacks), key, out))

    def _callbacks(self):
        """The callback table of this port: only the callbacks its class overrides (the
        library skips the others: it sends silence and delivers nothing)."""
        table = _ffi.pjsua2rs_audio_media_port_callbacks()
        check(_lib.pjsua2rs_audio_media_port_callbacks_default(ctypes.byref(table),
                                                               ctypes.sizeof(table)))
        cls = type(self)
        if cls.onFrameRequested is not AudioMediaPort.onFrameRequested:
            table.on_frame_requested = _ON_FRAME_REQUESTED
        if cls.onFrameReceived is not AudioMediaPort.onFrameReceived:
            table.on_frame_received = _ON_FRAME_RECEIVED
        return table

    def getStats(self):
        """pjsua2rs extension: the port's AudioMediaPortStats."""
        c = _ffi.pjsua2rs_audio_media_port_stats()
        check(_lib.pjsua2rs_audio_media_port_get_stats(self._h(), ctypes.byref(c)))
        out = AudioMediaPortStats()
        out.underruns, out.dropped = c.underruns, c.dropped
        return out

    def onFrameRequested(self, frame):
        """The port needs its next frame: `frame` (a MediaFrame) comes with `size` set to
        the bytes of one frame, type PJMEDIA_FRAME_TYPE_NONE and an empty `buf`. Set
        `frame.buf` (a ByteVector; bytes are accepted too) and `frame.type =
        PJMEDIA_FRAME_TYPE_AUDIO`; fewer bytes than `size` are padded with silence, more
        are cut. Sends silence unless overridden."""

    def onFrameReceived(self, frame):
        """A frame the bridge mixed for the port (a MediaFrame: what the ports
        transmitting to it sent, in the port's format). Does nothing unless
        overridden."""


def _report(what):
    print(f"pjsua2rs: exception in AudioMediaPort.{what}:", file=sys.stderr)
    traceback.print_exc()


def _on_frame_requested(user_data, c_frame):
    port = _live_media.lookup(user_data or 0)
    if port is None:
        return
    c = c_frame.contents
    frame = MediaFrame()
    frame.size = c.size
    try:
        port.onFrameRequested(frame)
        data = bytes(frame.buf)
        size = min(len(data), check_int(frame.size, "MediaFrame.size", ctypes.c_uint64),
                   c.size)
        frame_type = check_int(frame.type, "MediaFrame.type", ctypes.c_uint32)
    except BaseException:  # noqa: BLE001 (a callback must not unwind into the library)
        _report("onFrameRequested")
        return
    ctypes.memmove(c.buf, data, size)
    c.size = size
    c.frame_type = frame_type


def _on_frame_received(user_data, c_frame):
    port = _live_media.lookup(user_data or 0)
    if port is None:
        return
    c = c_frame.contents
    frame = MediaFrame()
    frame.type = c.frame_type
    frame.buf = ByteVector(ctypes.string_at(c.buf, c.size))
    frame.size = c.size
    try:
        port.onFrameReceived(frame)
    except BaseException:  # noqa: BLE001 (a callback must not unwind into the library)
        _report("onFrameReceived")


# Referenced for the life of the module: the library may call them until every port is
# destroyed.
_ON_FRAME_REQUESTED = _ffi.pjsua2rs_on_frame_requested_fn(_on_frame_requested)
_ON_FRAME_RECEIVED = _ffi.pjsua2rs_on_frame_received_fn(_on_frame_received)
