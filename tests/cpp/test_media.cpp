/* Media through the C++ binding (poll mode, null sound device): a ToneGenerator recorded
 * by an AudioMediaRecorder and measured (frequency, level, a halved tx level), the bridge's
 * ports and their info, the AudDevManager, an AudioMediaPlayer's info and onEof2, the
 * digit map, a tone sent through a call's audio, and the errors as pj::Error. */
#include "check.hpp"

#include "../c/wav.h"

#include <chrono>
#include <cmath>
#include <cstdlib>
#include <functional>
#include <memory>
#include <unistd.h>

using namespace pj;

static string dir;

/* Runs `ep`'s callbacks for `secs` seconds, or until `done()`; false if it never held. */
template <typename F> static bool pump(Endpoint &ep, double secs, F done) {
    auto end = std::chrono::steady_clock::now() +
               std::chrono::microseconds(static_cast<long>(secs * 1e6));
    while (!done()) {
        if (std::chrono::steady_clock::now() > end)
            return false;
        ep.libHandleEvents(5);
    }
    return true;
}

static void pumpFor(Endpoint &ep, double secs) {
    pump(ep, secs, [] { return false; });
}

static ToneDescVector tone(int freq, int msec) {
    ToneDesc t;
    t.freq1 = static_cast<short>(freq);
    t.on_msec = static_cast<short>(msec);
    return ToneDescVector(1, t);
}

/* Records 600 ms of a 1000 Hz tone sent at tx `level` to `name`; returns the recording. */
static wav_audio recordTone(Endpoint &ep, const string &name, float level) {
    string path = dir + "/" + name;
    {
        ToneGenerator tg;
        tg.createToneGenerator();
        AudioMediaRecorder rec;
        rec.createRecorder(path);
        tg.adjustTxLevel(level);
        tg.startTransmit(rec);
        ConfPortInfo info = tg.getPortInfo();
        CHECK(info.name == "tonegen" && info.txLevelAdj == level && info.rxLevelAdj == 1.0f);
        CHECK(info.listeners == IntVector(1, rec.getPortId()));
        tg.play(tone(1000, 600));
        CHECK(tg.isBusy());
        CHECK(pump(ep, 10, [&] { return !tg.isBusy(); }));
        pumpFor(ep, 0.1);
    } // the recorder completes its file
    return wav_read(path.c_str());
}

static void toneRecorded(Endpoint &ep) {
    wav_audio full = recordTone(ep, "full.wav", 1.0f), half = recordTone(ep, "half.wav", 0.5f);
    CHECK(full.samples && full.rate == 16000 && half.samples);
    if (full.samples && half.samples) {
        wav_span a = wav_loud_span(&full, 1000), b = wav_loud_span(&half, 500);
        CHECK(a.len >= 8000 && a.len <= 9600);
        CHECK(std::fabs(wav_frequency(&full, a) - 1000) < 5);
        double rms = wav_rms(&full, a);
        CHECK(rms > 8689 * 0.89 && rms < 8689 * 1.12);
        CHECK(std::fabs(wav_rms(&half, b) / rms - 0.5) < 0.05);
    }
    wav_free(&full);
    wav_free(&half);
    CHECK(ep.mediaActivePorts() == 1);
}

static void portsAndDevices(Endpoint &ep) {
    AudDevManager &adm = ep.audDevManager();
    CHECK(adm.getCaptureDev() == PJSUA_SND_NULL_DEV && adm.getPlaybackDev() == PJSUA_SND_NULL_DEV);
    adm.setNoDev();
    CHECK(adm.getCaptureDev() == PJSUA_SND_NO_DEV);
    adm.setNullDev();
    CHECK(adm.getDevCount() == adm.enumDev2().size());
    CHECK(adm.getPlaybackDevMedia().getPortId() == 0 && adm.getCaptureDevMedia().getPortId() == 0);
    AudioMediaVector2 ports = ep.mediaEnumPorts2();
    CHECK(ports.size() == 1 && ports[0].getPortId() == 0);
    ConfPortInfo snd = AudioMedia::getPortInfoFromId(0);
    CHECK(snd.name == "Master/sound" && snd.format.clockRate == 16000);
    CHECK(snd.format.frameTimeUsec == 20000 && snd.format.avgBps == 256000);
    CHECK(ports[0].getType() == PJMEDIA_TYPE_AUDIO);

    ToneGenerator tg;
    CHECK(tg.getPortId() == PJSUA_INVALID_ID && !tg.isBusy());
    tg.createToneGenerator();
    AudioMediaRecorder rec;
    rec.createRecorder(dir + "/levels.wav", 0, -1, PJMEDIA_FILE_WRITE_ALAW);
    tg.startTransmit2(rec, AudioMediaTransmitParam());
    tg.play(tone(500, 1000));
    pumpFor(ep, 0.2);
    // Levels from the port's side: the generator transmits, the recorder receives.
    CHECK(tg.getTxLevel() > 0 && rec.getRxLevel() > 0);
    CHECK(tg.getRxLevel() == 0 && rec.getTxLevel() == 0);
    tg.stopTransmit(rec);
    CHECK(tg.getPortInfo().listeners.empty());
    CHECK(AudioMedia::typecastFromMedia(&tg) == &tg);

    ToneDigitMapVector map = tg.getDigitMap();
    CHECK(map.size() == 16 && map[1].digit == "1" && map[1].freq1 == 697 && map[1].freq2 == 1209);
    ToneDigitMapDigit x;
    x.digit = "x";
    x.freq1 = 500;
    x.freq2 = 1500;
    tg.setDigitMap(ToneDigitMapVector(1, x));
    CHECK(tg.getDigitMap().size() == 1 && tg.getDigitMap()[0].digit == "x");
    ToneDigit d;
    d.digit = '1';
    d.on_msec = 50;
    EXPECT_ERROR(tg.playDigits(ToneDigitVector(1, d)), PJMEDIA_RTP_EINDTMF);
    d.digit = 'x';
    tg.playDigits(ToneDigitVector(1, d), true);
    tg.rewind();
    tg.stop();
    CHECK(!tg.isBusy());
    EXPECT_ERROR(tg.play(ToneDescVector(33, tone(400, 10)[0])), PJ_ETOOMANY);
    EXPECT_ERROR(tg.createToneGenerator(), PJ_EEXISTS);
}

/* Counts its ends; with `selfDelete`, the test deletes it from the first one. */
class EofPlayer : public AudioMediaPlayer {
  public:
    int eofs = 0;
    std::unique_ptr<EofPlayer> *owner = nullptr;
    virtual void onEof2() {
        eofs++;
        if (owner)
            owner->reset(); // deleting the player inside its own callback is fine
    }
};

static void players(Endpoint &ep) {
    string wav = dir + "/sine.wav";
    CHECK(wav_write_sine(wav.c_str(), 8000, 440, 0.3, 10000) == 0);
    EofPlayer p;
    p.createPlayer(wav, PJMEDIA_FILE_NO_LOOP);
    AudioMediaPlayerInfo info = p.getInfo();
    CHECK(info.formatId == PJMEDIA_FORMAT_PCM && info.payloadBitsPerSample == 16);
    CHECK(info.sizeBytes == 4800 && info.sizeSamples == 2400);
    p.setPos(1200);
    CHECK(p.getPos() >= 1200);
    EXPECT_ERROR(p.setPos(2400), PJ_EINVAL);
    CHECK(AudioMediaPlayer::typecastFromAudioMedia(&p) == &p);
    CHECK(pump(ep, 10, [&] { return p.eofs == 1; }));
    pumpFor(ep, 0.3);
    CHECK(p.eofs == 1);
    EXPECT_ERROR(p.createPlayer(wav), PJ_EEXISTS);

    std::unique_ptr<EofPlayer> pl(new EofPlayer);
    pl->owner = &pl;
    StringVector files(2, wav);
    pl->createPlaylist(files, "both");
    CHECK(pl->getPortInfo().name == "both");
    unsigned ports = ep.mediaActivePorts();
    CHECK(pump(ep, 10, [&] { return !pl; }));
    CHECK(ep.mediaActivePorts() == ports - 1);
}

static void errors(Endpoint &ep) {
    AudioMediaPlayer p;
    EXPECT_ERROR(p.createPlayer(dir + "/none.wav"), PJ_ENOTFOUND);
    CHECK(p.getPortId() == PJSUA_INVALID_ID);
    EXPECT_ERROR(p.getPos(), PJSUA2RS_ERR_INVALID_HANDLE);
    AudioMediaRecorder r;
    EXPECT_ERROR(r.createRecorder(dir + "/x.mp3"), PJ_ENOTSUP);
    EXPECT_ERROR(AudioMedia().startTransmit(ep.audDevManager().getPlaybackDevMedia()), PJ_EINVAL);
    EXPECT_ERROR(AudioMedia::getPortInfoFromId(99), PJ_EINVAL);
    ToneGenerator tg;
    tg.createToneGenerator();
    ep.libDestroy(); // the objects are gone with their endpoint
    EXPECT_ERROR(tg.stop(), PJSIP_ESHUTDOWN);
    EXPECT_ERROR(tg.getPortInfo(), PJSUA2RS_ERR_INVALID_HANDLE);
}

/* Takes incoming calls and answers them with 200. */
class Answerer : public Account {
  public:
    std::unique_ptr<Call> call;
    ~Answerer() { shutdown(); }
    virtual void onIncomingCall(OnIncomingCallParam &prm) {
        call.reset(new Call(*this, prm.callId));
        CallOpParam op;
        op.statusCode = PJSIP_SC_OK;
        call->answer(op);
    }
};

struct Phone {
    Endpoint ep;
    Answerer acc;
    string uri;
    explicit Phone(const string &user) {
        ep.libCreate();
        ep.libInit(quietConfig());
        TransportId tid = ep.transportCreate(PJSIP_TRANSPORT_UDP, loopback());
        ep.libStart();
        string addr = ep.transportGetInfo(tid).localAddress;
        uri = "sip:" + user + "@127.0.0.1:" + addr.substr(addr.rfind(':') + 1);
        AccountConfig cfg;
        cfg.idUri = "sip:" + user + "@127.0.0.1";
        acc.create(cfg);
    }
};

static void toneThroughACall() {
    string path = dir + "/heard.wav";
    {
        // Media objects are made on Endpoint::instance(): the Endpoint constructed last.
        Phone a("alice");
        ToneGenerator tg;
        tg.createToneGenerator();
        Phone b("bob");
        AudioMediaRecorder rec;
        rec.createRecorder(path);
        EXPECT_ERROR(tg.startTransmit(rec), PJ_EINVAL); // ports of two Endpoints
        Call out(a.acc);
        out.makeCall(b.uri, CallOpParam(true));
        auto both = [&](double secs, std::function<bool()> done) {
            auto end = std::chrono::steady_clock::now() +
                       std::chrono::milliseconds(static_cast<long>(secs * 1000));
            while (!done() && std::chrono::steady_clock::now() < end) {
                a.ep.libHandleEvents(2);
                b.ep.libHandleEvents(2);
            }
            return done();
        };
        CHECK(both(10, [&] {
            return b.acc.call && b.acc.call->isActive() &&
                   b.acc.call->getInfo().state == PJSIP_INV_STATE_CONFIRMED &&
                   out.getInfo().state == PJSIP_INV_STATE_CONFIRMED;
        }));
        if (!b.acc.call)
            return;
        tg.startTransmit(out.getAudioMedia(-1));
        b.acc.call->getAudioMedia(-1).startTransmit(rec);
        tg.play(tone(800, 700));
        CHECK(both(10, [&] { return !tg.isBusy(); }));
        both(0.3, [] { return false; });
        out.hangup(CallOpParam());
        CHECK(both(10, [&] { return !b.acc.call->isActive(); }));
        EXPECT_ERROR(out.getAudioMedia(-1), PJ_ENOTFOUND); // the call has ended
    }
    wav_audio heard = wav_read(path.c_str());
    CHECK(heard.samples != nullptr);
    if (heard.samples) {
        wav_span s = wav_loud_span(&heard, 1000);
        CHECK(s.len >= 16000 * 4 / 10);
        // The middle of it: at its end the receiver's loss concealment may stretch it.
        wav_span mid = {s.start + s.len / 4, s.len / 2};
        CHECK(std::fabs(wav_frequency(&heard, mid) - 800) < 4);
    }
    wav_free(&heard);
}

int main() {
    char tmpl[] = "/tmp/pjsua2rs-cpp-media-XXXXXX";
    dir = mkdtemp(tmpl);
    run("media", [] {
        Endpoint ep;
        ep.libCreate();
        ep.libInit(quietConfig());
        ep.audDevManager().setNullDev();
        ep.libStart();
        toneRecorded(ep);
        portsAndDevices(ep);
        players(ep);
        errors(ep);
    });
    run("toneThroughACall", toneThroughACall);
    CHECK(std::system(("rm -rf '" + dir + "'").c_str()) == 0);
    if (failures) {
        std::cerr << "test_media: " << failures << " failure(s)\n";
        return 1;
    }
    std::cout << "test_media: ok\n";
    return 0;
}
