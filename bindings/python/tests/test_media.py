"""Media through the PJSUA2 classes (poll mode, null sound device): a ToneGenerator
recorded by an AudioMediaRecorder and measured (frequency, level, tx level, DTMF digits),
the bridge's ports and their info, the AudDevManager, an AudioMediaPlayer's info,
positions and onEof2, a tone sent through a call's audio, and the errors."""
import pytest
import wavcheck
from conftest import pump
from phones import CONFIRMED, DISCONNECTED, Pump, op

import pjsua2rs as pj


def tones(*specs):
    """A ToneDescVector of (freq1, freq2, on_msec, off_msec)."""
    v = pj.ToneDescVector()
    for f1, f2, on, off in specs:
        t = pj.ToneDesc()
        t.freq1, t.freq2, t.on_msec, t.off_msec = f1, f2, on, off
        v.append(t)
    return v


def record(ep, path, play, level=1.0):
    """Records what a new ToneGenerator plays (`play(tg)` queues it) at tx `level`;
    returns (rate, samples) of the recording."""
    tg = pj.ToneGenerator()
    tg.createToneGenerator()
    rec = pj.AudioMediaRecorder()
    rec.createRecorder(str(path))
    tg.adjustTxLevel(level)
    tg.startTransmit(rec)
    play(tg)
    assert tg.isBusy()
    pump(ep, until=lambda: not tg.isBusy())
    pump(ep, 0.1)
    del rec, tg  # dropped: destroyed at the next libHandleEvents, the file completed
    ep.libHandleEvents(0)
    return wavcheck.read(path)


def test_tone_recorded_has_its_frequency_and_level(ep, tmp_path):
    rate, full = record(ep, tmp_path / "full.wav", lambda tg: tg.play(tones((1000, 0, 600, 0))))
    _, half = record(ep, tmp_path / "half.wav", lambda tg: tg.play(tones((1000, 0, 600, 0))),
                     level=0.5)
    assert rate == 16000
    a, b = wavcheck.loud(rate, full), wavcheck.loud(rate, half, floor=500)
    assert 0.5 * rate <= len(a) <= 0.6 * rate
    assert wavcheck.frequency(rate, a) == pytest.approx(1000, abs=5)
    # pjmedia's default amplitude 12288: RMS 8689.
    assert wavcheck.rms(a) == pytest.approx(8689, rel=0.11)
    assert wavcheck.rms(b) / wavcheck.rms(a) == pytest.approx(0.5, abs=0.05)
    assert ep.mediaActivePorts() == 1  # both objects are gone


def test_dtmf_digits_through_the_digit_map(ep, tmp_path):
    def play(tg):
        assert len(tg.getDigitMap()) == 16
        d = pj.ToneDigit()
        d.digit, d.on_msec, d.off_msec = "1", 300, 0
        v = pj.ToneDigitVector()
        v.append(d)
        tg.playDigits(v)

    rate, samples = record(ep, tmp_path / "dtmf.wav", play)
    a = wavcheck.loud(rate, samples)
    low, high, other = (wavcheck.power(rate, a, f) for f in (697, 1209, 941))
    assert low > 0.15 and high > 0.15 and other < 0.01, (low, high, other)


def test_digit_map_and_tone_queue(ep):
    tg = pj.ToneGenerator()
    tg.createToneGenerator(16000, 1)
    m = tg.getDigitMap()
    assert [(d.digit, d.freq1, d.freq2) for d in m][:2] == [("0", 941, 1336), ("1", 697, 1209)]
    x = pj.ToneDigitMapDigit()
    x.digit, x.freq1, x.freq2 = "x", 500, 1500
    v = pj.ToneDigitMapVector()
    v.append(x)
    tg.setDigitMap(v)
    assert [(d.digit, d.freq1) for d in tg.getDigitMap()] == [("x", 500)]
    d = pj.ToneDigit()
    d.digit, d.on_msec = "1", 50
    with pytest.raises(pj.Error) as e:
        tg.playDigits(pj.ToneDigitVector([d]))
    assert e.value.status == pj.PJMEDIA_RTP_EINDTMF
    tg.play(tones((440, 0, 100, 100)), True)
    tg.rewind()
    assert tg.isBusy()
    tg.stop()
    assert not tg.isBusy()
    with pytest.raises(pj.Error) as e:
        tg.play(tones(*[(440, 0, 10, 0)] * 33))
    assert e.value.status == pj.PJ_ETOOMANY
    with pytest.raises(pj.Error) as e:
        tg.createToneGenerator()
    assert e.value.status == pj.PJ_EEXISTS


def test_ports_info_and_sound_device(ep, tmp_path):
    adm = ep.audDevManager()
    assert (adm.getCaptureDev(), adm.getPlaybackDev()) == (pj.PJSUA_SND_NULL_DEV,) * 2
    adm.setNoDev()
    assert adm.getCaptureDev() == pj.PJSUA_SND_NO_DEV == -3
    adm.setNullDev()
    assert isinstance(adm.enumDev2(), pj.AudioDevInfoVector2)
    assert adm.getDevCount() == len(adm.enumDev2())
    snd = adm.getPlaybackDevMedia()
    assert (snd.getPortId(), adm.getCaptureDevMedia().getPortId()) == (0, 0)
    assert snd.getType() == pj.PJMEDIA_TYPE_AUDIO
    assert [m.getPortId() for m in ep.mediaEnumPorts2()] == [0]

    tg = pj.ToneGenerator()
    assert tg.getPortId() == pj.PJSUA_INVALID_ID
    tg.createToneGenerator()
    rec = pj.AudioMediaRecorder()
    rec.createRecorder(str(tmp_path / "r.wav"), 0, -1, pj.PJMEDIA_FILE_WRITE_ULAW)
    tg.startTransmit2(rec, pj.AudioMediaTransmitParam())
    tg.adjustTxLevel(0.25)
    rec.adjustRxLevel(0.5)
    info = tg.getPortInfo()
    assert (info.portId, info.name, list(info.listeners)) == \
        (tg.getPortId(), "tonegen", [rec.getPortId()])
    assert (info.txLevelAdj, info.rxLevelAdj) == (0.25, 1.0)
    r = rec.getPortInfo()
    assert (r.txLevelAdj, r.rxLevelAdj) == (1.0, 0.5)
    f = info.format
    assert (f.id, f.type, f.clockRate, f.channelCount, f.frameTimeUsec, f.bitsPerSample,
            f.avgBps) == (pj.PJMEDIA_FORMAT_L16, pj.PJMEDIA_TYPE_AUDIO, 16000, 1, 20000, 16,
                          256000)
    assert pj.AudioMedia.getPortInfoFromId(rec.getPortId()).name == str(tmp_path / "r.wav")
    assert sorted(m.getPortId() for m in ep.mediaEnumPorts2()) == \
        [0, tg.getPortId(), rec.getPortId()]
    tg.play(tones((1000, 0, 1000, 0)))
    pump(ep, 0.2)
    # Levels from the port's side: the generator transmits, the recorder receives.
    assert tg.getTxLevel() > 0 and rec.getRxLevel() > 0
    assert tg.getRxLevel() == 0 == rec.getTxLevel()
    tg.stopTransmit(rec)
    assert list(tg.getPortInfo().listeners) == []


class EofPlayer(pj.AudioMediaPlayer):
    """A player counting its onEof2 calls; deletes itself from the first when
    `holder` (a list holding it) is set."""

    def __init__(self, holder=None):
        super().__init__()
        self.eofs = 0
        self.holder = holder

    def onEof2(self):
        self.eofs += 1
        if self.holder:
            self.holder.clear()


def test_player_info_positions_and_eof(ep, tmp_path):
    wav = tmp_path / "sine.wav"
    wavcheck.write_sine(wav, 8000, 440, 0.3, 10000)
    p = EofPlayer()
    p.createPlayer(str(wav), pj.PJMEDIA_FILE_NO_LOOP)
    info = p.getInfo()
    assert (info.formatId, info.payloadBitsPerSample, info.sizeBytes, info.sizeSamples) == \
        (pj.PJMEDIA_FORMAT_PCM, 16, 4800, 2400)
    p.setPos(1200)
    assert p.getPos() >= 1200
    with pytest.raises(pj.Error) as e:
        p.setPos(2400)
    assert e.value.status == pj.PJ_EINVAL
    pump(ep, until=lambda: p.eofs == 1)
    pump(ep, 0.3)
    assert p.eofs == 1  # NO_LOOP: one end
    # A looping, labelled playlist that drops itself at its first end: no more callbacks.
    holder = []
    holder.append(EofPlayer(holder))
    pl = holder[0]
    files = pj.StringVector([str(wav), str(wav)])
    pl.createPlaylist(files, "both")
    assert pl.getPortInfo().name == "both"
    pump(ep, until=lambda: pl.eofs == 1)
    ports = ep.mediaActivePorts()
    del pl
    pump(ep, 0.8)
    assert ep.mediaActivePorts() == ports - 1


def test_errors(ep, tmp_path):
    p = pj.AudioMediaPlayer()
    with pytest.raises(pj.Error) as e:
        p.createPlayer(str(tmp_path / "none.wav"))
    assert e.value.status == pj.PJ_ENOTFOUND
    assert p.getPortId() == pj.PJSUA_INVALID_ID
    with pytest.raises(pj.Error) as e:
        p.getPos()  # never created
    assert e.value.status == pj.PJSUA2RS_ERR_INVALID_HANDLE
    with pytest.raises(pj.Error) as e:
        pj.AudioMediaRecorder().createRecorder(str(tmp_path / "x.mp3"))
    assert e.value.status == pj.PJ_ENOTSUP
    with pytest.raises(pj.Error) as e:
        pj.AudioMedia().startTransmit(ep.audDevManager().getPlaybackDevMedia())
    assert e.value.status == pj.PJ_EINVAL
    with pytest.raises(pj.Error) as e:
        pj.AudioMedia.getPortInfoFromId(99)
    assert e.value.status == pj.PJ_EINVAL
    with pytest.raises(TypeError):
        pj.AudioMedia().startTransmit("not a port")
    tg = pj.ToneGenerator()
    tg.createToneGenerator()
    ep.libDestroy()  # the objects are gone with their endpoint
    with pytest.raises(pj.Error):
        tg.isBusy()
    with pytest.raises(pj.Error):
        tg.getPortInfo()


def test_tone_through_a_call(phones, tmp_path):
    # Media objects are made on Endpoint.instance(): the last Endpoint created.
    a = phones("alice")
    tg = pj.ToneGenerator()
    tg.createToneGenerator()
    b = phones("bob")
    rec = pj.AudioMediaRecorder()
    rec.createRecorder(str(tmp_path / "heard.wav"))
    pump = Pump([a, b])
    out, inc = pump.connect(a, b)
    with pytest.raises(pj.Error):
        tg.startTransmit(rec)  # ports of two different Endpoints
    tg.startTransmit(out.getAudioMedia(-1))
    inc.getAudioMedia(-1).startTransmit(rec)
    tg.play(tones((800, 0, 700, 0)))
    pump.until(lambda: not tg.isBusy(), "the tone's end")
    pump.run(0.3)
    out.hangup(op())
    pump.state(inc, DISCONNECTED)
    del rec
    b.ep.libHandleEvents(0)
    rate, samples = wavcheck.read(tmp_path / "heard.wav")
    heard = wavcheck.loud(rate, samples)
    assert len(heard) >= 0.4 * rate
    # The middle of it: at its end the receiver's loss concealment may stretch it.
    mid = heard[len(heard) // 4:len(heard) * 3 // 4]
    assert wavcheck.frequency(rate, mid) == pytest.approx(800, abs=4)
    assert CONFIRMED in out.states()
