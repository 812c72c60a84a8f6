"""PJSUA2's media objects: AudioMediaPlayer (onEof2), AudioMediaRecorder and
ToneGenerator (with ToneDesc, ToneDigit, ToneDigitMapDigit), each an AudioMedia owning a
C handle.

An object is created empty (port id -1) and made with its createXxx() method, on
Endpoint.instance(). The application keeps it alive; one it drops is destroyed (see
_live_media). A player's onEof2 runs inside Endpoint.libHandleEvents in poll mode, else
on the library's callback thread; an exception it raises is printed with its traceback.
"""
import ctypes
import sys
import traceback
import weakref

from . import _ffi, _live_media
from ._cstr import from_c, to_c
from ._errors import Error, check
from ._media import AudioMedia, _default_endpoint
from ._struct_view import check_bool, check_int
from ._vectors import ToneDigitMapVector

_lib = _ffi.lib
_INVALID_ID = -1


class _MediaObject(AudioMedia):
    """An AudioMedia made by the library: its handle, and the C functions of its class."""

    _cell = None  # [C handle], shared with the finalizer; [0] once destroyed
    _DESTROY = None  # the C destroy function of the class
    _PORT_ID = None  # the C get_port_id function of the class

    def _h(self):
        """The C handle; 0 (an invalid handle to the library) before creation."""
        _live_media.free_orphans()
        return self._cell[0] if self._cell else 0

    def _created(self, what):
        """The endpoint handle for a createXxx(); Error(PJ_EEXISTS) if the object exists
        already, as in PJSUA2."""
        if self._h():
            raise Error(_ffi.PJSUA2RS_ERR_EXISTS, f"{type(self).__name__}.{what}()",
                        "the object was already created")
        return _default_endpoint(what)

    def _adopt(self, ep, key, handle):
        """Takes the new C object `handle` of endpoint `ep`, registered under `key`."""
        port = ctypes.c_int(_INVALID_ID)
        check(type(self)._PORT_ID(handle, ctypes.byref(port)))
        self._ep, self._port, self._key = ep, port.value, key
        self._cell = [handle]
        finalizer = weakref.finalize(self, _live_media.orphan, key, type(self)._DESTROY,
                                     self._cell)
        finalizer.atexit = False

    def _make(self, what, create):
        """Runs `create(ep, key, out)`, a C create function bound to its arguments, and
        adopts the object it makes."""
        ep = self._created(what)
        key = _live_media.register(self, ep)
        out = ctypes.c_uint64()
        status = create(ep, key, ctypes.byref(out))
        if status != _ffi.PJSUA2RS_SUCCESS:
            _live_media.unregister(key)
            check(status)
        self._adopt(ep, key, out.value)

    def _drop_handle(self):
        """Frees the handle after the endpoint was destroyed (the object is gone)."""
        handle, self._cell[0] = self._cell[0], 0
        if handle:
            type(self)._DESTROY(handle)
        _live_media.unregister(self._key)


class AudioMediaPlayerInfo:
    """A player's file (PJSUA2's `AudioMediaPlayerInfo`): `formatId` (PJMEDIA_FORMAT_*),
    `payloadBitsPerSample`, `sizeBytes`, `sizeSamples`."""

    def __init__(self):
        self.formatId = 0
        self.payloadBitsPerSample = 0
        self.sizeBytes = 0
        self.sizeSamples = 0


class AudioMediaPlayer(_MediaObject):
    """A WAV file (or a playlist) played into the bridge (PJSUA2's `AudioMediaPlayer`):
    PCM 8/16 bits, A-law or u-law, any rate and channel count. Subclass it and override
    onEof2()."""

    _DESTROY = _lib.pjsua2rs_audio_media_player_destroy
    _PORT_ID = _lib.pjsua2rs_audio_media_player_get_port_id

    def createPlayer(self, file_name, options=0):
        """Plays `file_name`, over and over unless `options` has PJMEDIA_FILE_NO_LOOP."""
        name = to_c(file_name, "file_name")
        check_int(options, "options", ctypes.c_uint32)
        self._make("createPlayer", lambda ep, key, out: _lib.pjsua2rs_audio_media_player_create(
            ep, name, options, ctypes.byref(_CALLBACKS), key, out))

    def createPlaylist(self, file_names, label="", options=0):
        """Plays the files of `file_names` (a StringVector) one after the other; the port
        is named `label` (default: "WAV playlist")."""
        names = [to_c(f, "file_names") for f in file_names]
        array = (ctypes.c_char_p * len(names))(*names)
        label_c = to_c(label, "label")
        check_int(options, "options", ctypes.c_uint32)
        self._make("createPlaylist",
                   lambda ep, key, out: _lib.pjsua2rs_audio_media_player_create_playlist(
                       ep, array, len(names), label_c, options, ctypes.byref(_CALLBACKS),
                       key, out))

    def getInfo(self):
        """The AudioMediaPlayerInfo of the file playing."""
        info = _ffi.pjsua2rs_audio_media_player_info()
        check(_lib.pjsua2rs_audio_media_player_get_info(self._h(), ctypes.byref(info)))
        out = AudioMediaPlayerInfo()
        out.formatId, out.payloadBitsPerSample = info.format_id, info.payload_bits_per_sample
        out.sizeBytes, out.sizeSamples = info.size_bytes, info.size_samples
        return out

    def getPos(self):
        """The position in the file playing, in samples."""
        out = ctypes.c_uint64()
        check(_lib.pjsua2rs_audio_media_player_get_pos(self._h(), ctypes.byref(out)))
        return out.value

    def setPos(self, samples):
        """Moves to sample `samples` of the file playing."""
        check_int(samples, "samples", ctypes.c_uint32)
        check(_lib.pjsua2rs_audio_media_player_set_pos(self._h(), samples))

    def onEof2(self):
        """Called when the file (the playlist) has played to its end; a looping player
        goes on. Does nothing unless overridden."""


def _on_eof2(user_data):
    player = _live_media.lookup(user_data or 0)
    if player is None:
        return
    try:
        player.onEof2()
    except BaseException:  # noqa: BLE001 (a callback must not unwind into the library)
        print("pjsua2rs: exception in AudioMediaPlayer.onEof2:", file=sys.stderr)
        traceback.print_exc()


_ON_EOF2 = _ffi.pjsua2rs_on_eof2_fn(_on_eof2)
_CALLBACKS = _ffi.pjsua2rs_audio_media_player_callbacks()
check(_lib.pjsua2rs_audio_media_player_callbacks_default(ctypes.byref(_CALLBACKS),
                                                         ctypes.sizeof(_CALLBACKS)))
_CALLBACKS.on_eof2 = _ON_EOF2


class AudioMediaRecorder(_MediaObject):
    """A WAV file recording what the port receives (PJSUA2's `AudioMediaRecorder`); the
    file is complete once the recorder is deleted."""

    _DESTROY = _lib.pjsua2rs_audio_media_recorder_destroy
    _PORT_ID = _lib.pjsua2rs_audio_media_recorder_get_port_id

    def createRecorder(self, file_name, enc_type=0, max_size=0, options=0):
        """Records to `file_name` (a .wav file) as 16-bit PCM, or G.711 with `options`
        PJMEDIA_FILE_WRITE_ALAW / _ULAW; at most `max_size` bytes of audio (0 or -1: no
        limit). `enc_type` must be 0, as in PJSUA2."""
        name = to_c(file_name, "file_name")
        check_int(max_size, "max_size", ctypes.c_int64)
        check_int(options, "options", ctypes.c_uint32)
        if enc_type != 0:
            raise Error(_ffi.PJSUA2RS_ERR_INVALID_ARG, "AudioMediaRecorder.createRecorder()",
                        "enc_type must be 0")
        self._make("createRecorder",
                   lambda ep, key, out: _lib.pjsua2rs_audio_media_recorder_create(
                       ep, name, max_size, options, out))


class ToneDesc:
    """One tone (PJSUA2's `ToneDesc`): `freq1`, `freq2` (0: one frequency), `on_msec`,
    `off_msec`, `volume` (0: the default) and `flags` (must be 0)."""

    def __init__(self):
        self.freq1 = self.freq2 = self.on_msec = self.off_msec = 0
        self.volume = self.flags = 0


class ToneDigit:
    """One DTMF digit to play (PJSUA2's `ToneDigit`): `digit`, `on_msec`, `off_msec`,
    `volume` (0: the default)."""

    def __init__(self):
        self.digit = "\0"
        self.on_msec = self.off_msec = self.volume = 0


class ToneDigitMapDigit:
    """A digit's frequencies (PJSUA2's `ToneDigitMapDigit`): `digit`, `freq1`,
    `freq2`."""

    def __init__(self):
        self.digit = ""
        self.freq1 = self.freq2 = 0


def _digit(d, label):
    """A one-character digit as the C char."""
    if not isinstance(d, str) or len(d) != 1 or not d.isascii():
        raise Error(_ffi.PJSUA2RS_ERR_INVALID_ARG, label, f"{d!r} is not one ASCII character")
    return d.encode()


class ToneGenerator(_MediaObject):
    """Tones and DTMF digits played into the bridge (PJSUA2's `ToneGenerator`)."""

    _DESTROY = _lib.pjsua2rs_tone_generator_destroy
    _PORT_ID = _lib.pjsua2rs_tone_generator_get_port_id

    def createToneGenerator(self, clock_rate=16000, channel_count=1):
        """Makes the generator's port. The tones are made at the bridge's rate and channel
        count; `clock_rate` and `channel_count` are checked and otherwise unused."""
        check_int(clock_rate, "clock_rate", ctypes.c_uint32)
        check_int(channel_count, "channel_count", ctypes.c_uint32)
        if not clock_rate or not channel_count:
            raise Error(_ffi.PJSUA2RS_ERR_INVALID_ARG, "ToneGenerator.createToneGenerator()",
                        "clock_rate and channel_count must not be 0")
        self._make("createToneGenerator",
                   lambda ep, key, out: _lib.pjsua2rs_tone_generator_create(ep, out))

    def play(self, tones, loop=False):
        """Queues `tones` (a ToneDescVector); with `loop` the queue repeats until
        stop()."""
        c = (_ffi.pjsua2rs_tone_desc * len(tones))()
        for i, t in enumerate(tones):
            if t.flags:
                raise Error(_ffi.PJSUA2RS_ERR_NOT_SUPPORTED, "ToneGenerator.play()",
                            "ToneDesc.flags must be 0")
            c[i].freq1 = check_int(t.freq1, "ToneDesc.freq1", ctypes.c_uint16)
            c[i].freq2 = check_int(t.freq2, "ToneDesc.freq2", ctypes.c_uint16)
            c[i].on_msec = check_int(t.on_msec, "ToneDesc.on_msec", ctypes.c_uint16)
            c[i].off_msec = check_int(t.off_msec, "ToneDesc.off_msec", ctypes.c_uint16)
            c[i].volume = check_int(t.volume, "ToneDesc.volume", ctypes.c_int16)
        check(_lib.pjsua2rs_tone_generator_play(self._h(), c, len(tones),
                                                check_bool(loop, "loop")))

    def playDigits(self, digits, loop=False):
        """Queues DTMF `digits` (a ToneDigitVector), each through the digit map."""
        c = (_ffi.pjsua2rs_tone_digit * len(digits))()
        for i, d in enumerate(digits):
            c[i].digit = _digit(d.digit, "ToneGenerator.playDigits()")
            c[i].on_msec = check_int(d.on_msec, "ToneDigit.on_msec", ctypes.c_uint16)
            c[i].off_msec = check_int(d.off_msec, "ToneDigit.off_msec", ctypes.c_uint16)
            c[i].volume = check_int(d.volume, "ToneDigit.volume", ctypes.c_int16)
        check(_lib.pjsua2rs_tone_generator_play_digits(self._h(), c, len(digits),
                                                       check_bool(loop, "loop")))

    def stop(self):
        """Silences the generator and empties its queue."""
        check(_lib.pjsua2rs_tone_generator_stop(self._h()))

    def rewind(self):
        """Plays the queue again from its first tone."""
        check(_lib.pjsua2rs_tone_generator_rewind(self._h()))

    def isBusy(self):
        """Whether tones are queued."""
        out = ctypes.c_bool()
        check(_lib.pjsua2rs_tone_generator_is_busy(self._h(), ctypes.byref(out)))
        return out.value

    def getDigitMap(self):
        """The digit map, a ToneDigitMapVector (ITU-T Q.23's 16 digits by default)."""
        h = self._h()
        count = ctypes.c_size_t(0)
        check(_lib.pjsua2rs_tone_generator_get_digit_map(h, None, 0, ctypes.byref(count)))
        c = (_ffi.pjsua2rs_tone_digit_map_digit * count.value)()
        check(_lib.pjsua2rs_tone_generator_get_digit_map(h, c, count.value,
                                                         ctypes.byref(count)))
        out = ToneDigitMapVector()
        for d in c[:count.value]:
            m = ToneDigitMapDigit()
            m.digit, m.freq1, m.freq2 = from_c(d.digit), d.freq1, d.freq2
            out.append(m)
        return out

    def setDigitMap(self, digit_map):
        """Replaces the digit map with `digit_map` (a ToneDigitMapVector)."""
        c = (_ffi.pjsua2rs_tone_digit_map_digit * len(digit_map))()
        for i, d in enumerate(digit_map):
            c[i].digit = _digit(d.digit, "ToneGenerator.setDigitMap()")
            c[i].freq1 = check_int(d.freq1, "ToneDigitMapDigit.freq1", ctypes.c_uint16)
            c[i].freq2 = check_int(d.freq2, "ToneDigitMapDigit.freq2", ctypes.c_uint16)
        check(_lib.pjsua2rs_tone_generator_set_digit_map(self._h(), c, len(digit_map)))
