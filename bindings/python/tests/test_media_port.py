"""AudioMediaPort through the PJSUA2 classes (poll mode, null sound device): a port
supplying a 1 kHz sine recorded to WAV and measured, a port hearing a ToneGenerator in
onFrameReceived, frames that count as silence (type NONE, size 0, a failing callback),
the port's lifetime, MediaFrame / MediaFormatAudio / ByteVector, and the errors."""
import array
import math

import pytest
import wavcheck
from conftest import pump

import pjsua2rs as pj


def pcm_format(clock_rate, channels=1):
    """A 16-bit PCM MediaFormatAudio at `clock_rate` with 20 ms frames."""
    fmt = pj.MediaFormatAudio()
    fmt.init(pj.PJMEDIA_FORMAT_PCM, clock_rate, channels, 20000, 16)
    return fmt


class SinePort(pj.AudioMediaPort):
    """Supplies a continuous `freq` Hz sine at `rate` Hz, alternately as a ByteVector and
    as bytes; records what each request looked like in `requests`. `mode` spoils the
    frames: "none" (type NONE), "empty" (size 0), "raise" (an exception)."""

    def __init__(self, rate, freq=1000, amp=10000, mode=None):
        super().__init__()
        self.rate, self.freq, self.amp, self.mode = rate, freq, amp, mode
        self.phase = 0
        self.requests = []

    def onFrameRequested(self, frame):
        self.requests.append((frame.type, frame.size, bytes(frame.buf)))
        if self.mode == "raise":
            raise RuntimeError("no frame today")
        n = frame.size // 2
        w = 2 * math.pi * self.freq / self.rate
        samples = array.array("h", (int(self.amp * math.sin(w * (self.phase + i)))
                                    for i in range(n)))
        self.phase += n
        data = samples.tobytes()
        frame.buf = pj.ByteVector(data) if len(self.requests) % 2 else data
        frame.type = pj.PJMEDIA_FRAME_TYPE_AUDIO
        if self.mode == "none":
            frame.type = pj.PJMEDIA_FRAME_TYPE_NONE
        elif self.mode == "empty":
            frame.size = 0


class Ear(pj.AudioMediaPort):
    """Keeps every frame it receives."""

    def __init__(self):
        super().__init__()
        self.frames = []

    def onFrameReceived(self, frame):
        self.frames.append(frame)


def recording(ep, path, port, seconds):
    """Records `port` (created) for `seconds`; returns (rate, samples) of the WAV."""
    rec = pj.AudioMediaRecorder()
    rec.createRecorder(str(path))
    port.startTransmit(rec)
    pump(ep, seconds)
    port.stopTransmit(rec)
    del rec  # dropped: destroyed at the next libHandleEvents, the file completed
    ep.libHandleEvents(0)
    return wavcheck.read(path)


def test_port_supplies_a_sine_that_is_recorded(ep, tmp_path):
    gen = SinePort(8000)
    gen.createPort("sine", pcm_format(8000))
    assert isinstance(gen, pj.AudioMedia)
    assert gen.getPortInfo().name == "sine"
    rate, samples = recording(ep, tmp_path / "sine.wav", gen, 0.8)
    assert rate == 16000  # the bridge's rate: the port's 8 kHz was converted
    tone = wavcheck.loud(rate, samples)
    assert len(tone) >= 0.5 * rate
    assert wavcheck.frequency(rate, tone) == pytest.approx(1000, abs=5)
    assert wavcheck.rms(tone) == pytest.approx(10000 / math.sqrt(2), rel=0.1)
    # As in PJSUA2: each request comes as one frame's size, type NONE, an empty buf.
    assert len(gen.requests) >= 30
    assert set(gen.requests) == {(pj.PJMEDIA_FRAME_TYPE_NONE, 320, b"")}
    stats = gen.getStats()
    assert isinstance(stats, pj.AudioMediaPortStats)
    assert stats.dropped == 0


def test_port_hears_a_tone_in_on_frame_received(ep):
    tg = pj.ToneGenerator()
    tg.createToneGenerator()
    ear = Ear()
    ear.createPort("ear", pcm_format(8000))
    tg.startTransmit(ear)
    tone = pj.ToneDesc()
    tone.freq1, tone.on_msec = 1000, 600
    tg.play(pj.ToneDescVector([tone]))
    pump(ep, until=lambda: not tg.isBusy())
    pump(ep, 0.1)
    frames = ear.frames
    assert len(frames) >= 25
    assert {(f.type, f.size, len(f.buf)) for f in frames} == \
        {(pj.PJMEDIA_FRAME_TYPE_AUDIO, 320, 320)}
    assert all(isinstance(f.buf, pj.ByteVector) for f in frames)
    heard = array.array("h", b"".join(bytes(f.buf) for f in frames))
    tone_part = wavcheck.loud(8000, heard)
    assert len(tone_part) >= 0.4 * 8000
    assert wavcheck.frequency(8000, tone_part) == pytest.approx(1000, abs=5)
    assert ear.getStats().dropped == 0


@pytest.mark.parametrize("mode", ["none", "empty", "raise"])
def test_frames_without_audio_are_silence(ep, tmp_path, capsys, mode):
    port = SinePort(16000, mode=mode)
    port.createPort(mode, pcm_format(16000))
    _, samples = recording(ep, tmp_path / f"{mode}.wav", port, 0.4)
    assert len(port.requests) >= 10
    assert len(samples) >= 0.3 * 16000
    assert max(map(abs, samples)) == 0
    if mode == "raise":
        assert "exception in AudioMediaPort.onFrameRequested" in capsys.readouterr().err


def test_a_dropped_port_is_destroyed_and_called_no_more(ep):
    gen = SinePort(16000)
    gen.createPort("gen", pcm_format(0))  # clock rate 0: the bridge's
    ear = Ear()
    ear.createPort("ear", pj.MediaFormatAudio())
    gen.startTransmit(ear)
    pump(ep, until=lambda: len(ear.frames) >= 5)
    assert ep.mediaActivePorts() == 3
    requests = gen.requests
    del gen
    pump(ep, 0.2)
    asked = len(requests)
    pump(ep, 0.2)
    assert len(requests) == asked
    assert ep.mediaActivePorts() == 2


def test_values():
    f = pj.MediaFrame()
    assert (f.type, bytes(f.buf), f.size) == (pj.PJMEDIA_FRAME_TYPE_NONE, b"", 0)
    assert (pj.PJMEDIA_FRAME_TYPE_NONE, pj.PJMEDIA_FRAME_TYPE_AUDIO) == (0, 1)
    v = pj.ByteVector([1, 2])
    v.push_back(255)
    assert (v.size(), v[2], v.back(), bytes(v)) == (3, 255, 255, b"\x01\x02\xff")
    with pytest.raises(ValueError):
        v.append(256)
    m = pj.MediaFormatAudio()
    m.init(pj.PJMEDIA_FORMAT_PCM, 16000, 1, 20000, 16)
    assert (m.id, m.type, m.clockRate, m.channelCount, m.frameTimeUsec, m.bitsPerSample,
            m.avgBps, m.maxBps) == (0, pj.PJMEDIA_TYPE_AUDIO, 16000, 1, 20000, 16, 0, 0)
    m.init(pj.PJMEDIA_FORMAT_PCM, 8000, 1, 10000, 16, 128000, 256000)
    assert (m.avgBps, m.maxBps) == (128000, 256000)
    assert pj.AudioMediaPort().getPortId() == pj.PJSUA_INVALID_ID


def test_errors(ep):
    port = SinePort(16000)
    with pytest.raises(pj.Error) as e:
        port.getStats()  # not created
    assert e.value.status == pj.PJSUA2RS_ERR_INVALID_HANDLE
    with pytest.raises(pj.Error) as e:
        port.createPort("stereo", pcm_format(16000, channels=2))
    assert e.value.status == pj.PJ_EINVAL
    assert "channelCount 2" in e.value.reason
    assert e.value.title == "AudioMediaPort::createPort()"
    ulaw = pcm_format(8000)
    ulaw.id = pj.PJMEDIA_FORMAT_PCMU
    with pytest.raises(pj.Error) as e:
        port.createPort("ulaw", ulaw)
    assert e.value.status == pj.PJ_EINVAL
    assert "MediaFormatAudio.id" in e.value.reason
    with pytest.raises(TypeError):
        port.createPort("x", "not a format")
    with pytest.raises(OverflowError):
        bad = pcm_format(8000)
        bad.clockRate = -1
        port.createPort("x", bad)
    assert port.getPortId() == pj.PJSUA_INVALID_ID
    port.createPort("ok", pcm_format(16000))
    with pytest.raises(pj.Error) as e:
        port.createPort("again", pcm_format(16000))
    assert e.value.status == pj.PJ_EEXISTS
    ep.libDestroy()  # the port is gone with its endpoint
    with pytest.raises(pj.Error):
        port.getStats()
    with pytest.raises(pj.Error):
        port.getPortInfo()
