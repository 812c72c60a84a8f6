"""A PJSUA2 program: AudioMediaPort on the null sound device (poll mode). A port at 8 kHz
supplying a 1 kHz sine recorded and measured, what its onFrameRequested frames look
like, its links and levels, a port hearing a ToneGenerator in onFrameReceived, the
port's info, creating it twice, MediaFrame and MediaFormatAudio values, and the ports
gone once deleted.

Usage: media_port.py <module>   (module: pjsua2 or pjsua2rs)
Result lines start with "| ". Counts that depend on timing are printed as facts about
them. PJSUA2 runs the callbacks on its media thread, pjsua2rs inside libHandleEvents.
"""
import array
import importlib
import math
import os
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
import wavcheck  # noqa: E402

pj = importlib.import_module(sys.argv[1])


def out(key, value):
    print(f"| {key}: {value}", flush=True)


def pump(ep, seconds=None, until=None, timeout=5):
    deadline = time.monotonic() + (seconds if seconds is not None else timeout)
    while time.monotonic() < deadline and not (until is not None and until()):
        ep.libHandleEvents(10)


def error_status(f):
    try:
        f()
    except pj.Error as e:
        return e.status
    return "no error"


def pcm(rate):
    fmt = pj.MediaFormatAudio()
    fmt.init(pj.PJMEDIA_FORMAT_PCM, rate, 1, 20000, 16)
    return fmt


class Sine(pj.AudioMediaPort):
    """A 1 kHz sine at 8 kHz; notes (type, size, len(buf)) of each request."""

    def __init__(self):
        pj.AudioMediaPort.__init__(self)
        self.phase = 0
        self.requests = set()

    def onFrameRequested(self, frame):
        self.requests.add((frame.type, frame.size, len(frame.buf)))
        n = frame.size // 2
        samples = array.array("h", (int(10000 * math.sin(2 * math.pi * (self.phase + i) / 8))
                                    for i in range(n)))
        self.phase += n
        frame.buf = pj.ByteVector(samples.tobytes())
        frame.type = pj.PJMEDIA_FRAME_TYPE_AUDIO


class Ear(pj.AudioMediaPort):
    """Keeps the samples of the audio frames it receives."""

    def __init__(self):
        pj.AudioMediaPort.__init__(self)
        self.shapes = set()
        self.samples = array.array("h")

    def onFrameReceived(self, frame):
        if frame.type == pj.PJMEDIA_FRAME_TYPE_AUDIO:
            self.shapes.add((frame.type, frame.size, len(frame.buf)))
            self.samples.frombytes(bytes(bytearray(frame.buf)))


def values():
    f = pj.MediaFrame()
    out("MediaFrame()", (f.type, f.size, len(f.buf)))
    m = pj.MediaFormatAudio()
    m.init(pj.PJMEDIA_FORMAT_PCM, 16000, 1, 20000, 16)
    out("MediaFormatAudio.init", (m.id, m.type, m.clockRate, m.channelCount, m.frameTimeUsec,
                                  m.bitsPerSample, m.avgBps, m.maxBps))
    out("frame types", (pj.PJMEDIA_FRAME_TYPE_NONE, pj.PJMEDIA_FRAME_TYPE_AUDIO))
    out("AudioMediaPort().getPortId()", pj.AudioMediaPort().getPortId())
    v = pj.ByteVector(b"\x01\x02")
    v.push_back(3)
    out("ByteVector", (len(v), list(v), bytes(bytearray(v))))


def sine_recorded(ep, tmp):
    gen = Sine()
    gen.createPort("sine", pcm(8000))
    info = gen.getPortInfo()
    out("port info", (gen.getPortId() > 0, info.name, info.format.clockRate,
                      info.format.channelCount, info.format.frameTimeUsec,
                      info.format.bitsPerSample))
    out("created twice", error_status(lambda: gen.createPort("again", pcm(8000))))
    path = os.path.join(tmp, "sine.wav")
    rec = pj.AudioMediaRecorder()
    rec.createRecorder(path)
    gen.startTransmit(rec)
    pump(ep, 0.8)
    out("listeners", len(gen.getPortInfo().listeners))
    out("levels while playing", (gen.getTxLevel() > 0, rec.getRxLevel() > 0))
    gen.stopTransmit(rec)
    out("requests", sorted(gen.requests))
    del rec
    pump(ep, 0.05)
    rate, samples = wavcheck.read(path)
    tone = wavcheck.loud(rate, samples)
    out("recording rate", rate)
    out("tone at least 0.5 s long", len(tone) >= 0.5 * rate)
    out("tone within 5 Hz of 1000", abs(wavcheck.frequency(rate, tone) - 1000) < 5)
    out("tone RMS within 10% of 7071", abs(wavcheck.rms(tone) / 7071 - 1) < 0.1)
    return gen


def tone_heard(ep):
    tg = pj.ToneGenerator()
    tg.createToneGenerator()
    ear = Ear()
    ear.createPort("ear", pcm(8000))
    tg.startTransmit(ear)
    t = pj.ToneDesc()
    t.freq1, t.on_msec = 1000, 600
    tg.play(pj.ToneDescVector([t]))
    pump(ep, until=lambda: not tg.isBusy())
    pump(ep, 0.1)
    out("frames received", sorted(ear.shapes))
    tone = wavcheck.loud(8000, ear.samples)
    out("heard at least 0.4 s", len(tone) >= 0.4 * 8000)
    out("heard within 5 Hz of 1000", abs(wavcheck.frequency(8000, tone) - 1000) < 5)
    return tg, ear


def main():
    values()
    ep = pj.Endpoint()
    ep.libCreate()
    cfg = pj.EpConfig()
    cfg.uaConfig.threadCnt = 0
    cfg.uaConfig.mainThreadOnly = True
    cfg.logConfig.level = 1
    cfg.logConfig.consoleLevel = 1
    ep.libInit(cfg)
    ep.audDevManager().setNullDev()
    ep.libStart()
    with tempfile.TemporaryDirectory() as tmp:
        gen = sine_recorded(ep, tmp)
        tg, ear = tone_heard(ep)
        out("active ports", ep.mediaActivePorts())
        del gen, tg, ear
        pump(ep, 0.05)
        out("active ports after", ep.mediaActivePorts())
    ep.libDestroy()
    out("done", True)


main()
