"""A PJSUA2 program: media on the null sound device (poll mode). The device settings, the
bridge's ports and their info, a ToneGenerator recorded by an AudioMediaRecorder and the
recording measured (length, frequency, level), the digit map, an AudioMediaPlayer's info
and its onEof2, playlists, the media value classes' defaults, and the errors.

Usage: media_basic.py <module>   (module: pjsua2 or pjsua2rs)
Result lines start with "| ". Values that differ per run (file names, timing) are printed
as facts about them. Every object is deleted before libDestroy, as PJSUA2 requires.
"""
import importlib
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


class EofPlayer(pj.AudioMediaPlayer):
    """Counts its onEof2 calls (PJSUA2 calls it on its media thread)."""

    def __init__(self):
        pj.AudioMediaPlayer.__init__(self)
        self.eofs = [0]

    def onEof2(self):
        self.eofs[0] += 1


def defaults():
    t, d, m = pj.ToneDesc(), pj.ToneDigit(), pj.ToneDigitMapDigit()
    out("ToneDesc()", (t.freq1, t.freq2, t.on_msec, t.off_msec, t.volume, t.flags))
    out("ToneDigit()", (d.digit, d.on_msec, d.off_msec, d.volume))
    out("ToneDigitMapDigit()", (m.digit, m.freq1, m.freq2))
    out("AudioMediaTransmitParam().level", pj.AudioMediaTransmitParam().level)
    f = pj.MediaFormatAudio()
    out("MediaFormatAudio()", (f.id, f.type, f.clockRate, f.channelCount, f.frameTimeUsec,
                               f.bitsPerSample, f.avgBps, f.maxBps))
    c = pj.ConfPortInfo()
    out("ConfPortInfo()", (c.portId, c.name, c.txLevelAdj, c.rxLevelAdj, len(c.listeners)))
    i = pj.AudioMediaPlayerInfo()
    out("AudioMediaPlayerInfo()", (i.formatId, i.payloadBitsPerSample, i.sizeBytes,
                                   i.sizeSamples))
    out("AudioMedia().getPortId()", pj.AudioMedia().getPortId())
    out("ToneGenerator().getPortId()", pj.ToneGenerator().getPortId())
    out("constants", (pj.PJMEDIA_FILE_NO_LOOP, pj.PJMEDIA_FILE_WRITE_PCM,
                      pj.PJMEDIA_FILE_WRITE_ALAW, pj.PJMEDIA_FILE_WRITE_ULAW,
                      pj.PJSUA_SND_NULL_DEV, pj.PJSUA_SND_NO_DEV,
                      pj.PJSUA_SND_DEFAULT_CAPTURE_DEV, pj.PJSUA_SND_DEFAULT_PLAYBACK_DEV,
                      pj.PJMEDIA_FORMAT_PCM, pj.PJMEDIA_FORMAT_ALAW, pj.PJMEDIA_FORMAT_ULAW))


def devices_and_ports(ep):
    adm = ep.audDevManager()
    out("null dev", (adm.getCaptureDev(), adm.getPlaybackDev()))
    adm.setNoDev()
    out("no dev", (adm.getCaptureDev(), adm.getPlaybackDev()))
    adm.setNullDev()
    out("dev media ports", (adm.getCaptureDevMedia().getPortId(),
                            adm.getPlaybackDevMedia().getPortId()))
    out("ports", [m.getPortId() for m in ep.mediaEnumPorts2()])
    out("active ports", ep.mediaActivePorts())
    info = pj.AudioMedia.getPortInfoFromId(0)
    out("slot 0", (info.portId, info.name))
    out("no slot 99", error_status(lambda: pj.AudioMedia.getPortInfoFromId(99)))


def tone_recorded(ep, tmp):
    tg = pj.ToneGenerator()
    tg.createToneGenerator()
    out("tone generator created", (tg.getPortId() > 0, tg.isBusy()))
    out("created twice", error_status(lambda: tg.createToneGenerator()))
    info = tg.getPortInfo()
    f = info.format
    out("tone generator port", (info.name, f.id, f.type, f.clockRate, f.channelCount,
                                f.frameTimeUsec, f.bitsPerSample, f.avgBps, f.maxBps))
    path = os.path.join(tmp, "tone.wav")
    rec = pj.AudioMediaRecorder()
    rec.createRecorder(path)
    out("recorder port is named after its file", rec.getPortInfo().name == path)
    tg.adjustRxLevel(0.25)  # what the generator receives: nothing to hear
    tg.adjustTxLevel(0.5)  # what it transmits: the recording is halved
    out("level adjustments", (tg.getPortInfo().txLevelAdj, tg.getPortInfo().rxLevelAdj))
    tg.startTransmit(rec)
    pump(ep, 0.1)
    out("listeners", len(tg.getPortInfo().listeners))
    out("levels before the tone", (tg.getRxLevel(), tg.getTxLevel(), rec.getTxLevel()))
    out("active ports", ep.mediaActivePorts())
    t = pj.ToneDesc()
    t.freq1, t.on_msec = 1000, 600
    tg.play(pj.ToneDescVector([t]))
    out("busy playing", tg.isBusy())
    pump(ep, 0.2)
    out("levels during the tone", (tg.getRxLevel(), tg.getTxLevel() > 0, rec.getRxLevel() > 0,
                                   rec.getTxLevel()))
    pump(ep, until=lambda: not tg.isBusy())
    out("busy after", tg.isBusy())
    pump(ep, 0.1)
    del rec, tg
    pump(ep, 0.05)
    rate, samples = wavcheck.read(path)
    tone = wavcheck.loud(rate, samples)
    out("recording rate", rate)
    out("tone 0.5-0.6 s long", 0.5 * rate <= len(tone) <= 0.6 * rate)
    out("tone within 5 Hz of 1000", abs(wavcheck.frequency(rate, tone) - 1000) < 5)
    out("tone RMS within 11% of 8689 / 2", abs(wavcheck.rms(tone) / (8689 / 2) - 1) < 0.11)


def digits(ep):
    tg = pj.ToneGenerator()
    tg.createToneGenerator()
    m = tg.getDigitMap()
    out("digit map", (len(m), [(d.digit, d.freq1, d.freq2) for d in m][:5]))
    d = pj.ToneDigit()
    d.digit, d.on_msec = "x", 50
    out("unknown digit", error_status(lambda: tg.playDigits(pj.ToneDigitVector([d]))))
    x = pj.ToneDigitMapDigit()
    x.digit, x.freq1, x.freq2 = "x", 500, 1500
    tg.setDigitMap(pj.ToneDigitMapVector([x]))
    out("new digit map", [(e.digit, e.freq1, e.freq2) for e in tg.getDigitMap()])
    tg.playDigits(pj.ToneDigitVector([d]), True)
    out("busy with digit x", tg.isBusy())
    tg.rewind()
    tg.stop()
    out("busy after stop", tg.isBusy())


def players(ep, tmp):
    wav = os.path.join(tmp, "sine.wav")
    wavcheck.write_sine(wav, 8000, 440, 0.3, 10000)
    p = EofPlayer()
    p.createPlayer(wav, pj.PJMEDIA_FILE_NO_LOOP)
    i = p.getInfo()
    out("player info", (i.formatId, i.payloadBitsPerSample, i.sizeBytes, i.sizeSamples))
    out("player port is named after its file", p.getPortInfo().name == wav)
    rec = pj.AudioMediaRecorder()
    rec.createRecorder(os.path.join(tmp, "played.wav"))
    p.startTransmit(rec)  # a port without listeners is not clocked in PJSUA2
    pump(ep, 1.0)
    out("onEof2 calls", p.eofs[0])
    out("created twice", error_status(lambda: p.createPlayer(wav)))
    both = pj.AudioMediaPlayer()
    both.createPlaylist(pj.StringVector([wav, wav]), "both")
    plain = pj.AudioMediaPlayer()
    plain.createPlaylist(pj.StringVector([wav, wav]))
    out("playlist names", (both.getPortInfo().name, plain.getPortInfo().name))
    out("missing file", error_status(
        lambda: pj.AudioMediaPlayer().createPlayer(os.path.join(tmp, "none.wav"))))
    out("mp3 recorder", error_status(
        lambda: pj.AudioMediaRecorder().createRecorder(os.path.join(tmp, "x.mp3"))))
    out("active ports", ep.mediaActivePorts())
    del p, rec, both, plain
    pump(ep, 0.05)
    out("active ports after", ep.mediaActivePorts())


def main():
    defaults()
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
        devices_and_ports(ep)
        tone_recorded(ep, tmp)
        digits(ep)
        players(ep, tmp)
    ep.libDestroy()
    out("done", True)


main()
