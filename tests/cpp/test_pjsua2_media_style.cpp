/* A program written against PJSUA2's C++ API in the style of its book (media.rst): the
 * include line is the only change needed to build it on pjsua2rs (it also compiles against
 * pjproject's real pjsua2.hpp; tests/cpp/on_pjsua2.sh runs it there). One endpoint on the
 * null sound device (poll mode): a ToneGenerator plays a 1 kHz tone and DTMF digits into
 * an AudioMediaRecorder, a MyPlayer plays a WAV file once into another recorder and counts
 * its onEof2, the ports are listed. Exit status 0 when the recordings have the expected
 * sizes and the player ended once. */
#include <pjsua2rs.hpp> // with PJSUA2: #include <pjsua2.hpp>

#include <atomic>
#include <cstdio>
#include <iostream>
#include <string>
#include <sys/stat.h>

using namespace pj;

/* PJSUA2 calls onEof2 on its media thread; pjsua2rs inside libHandleEvents here. */
static std::atomic<int> eofs(0);

class MyPlayer : public AudioMediaPlayer {
  public:
    virtual void onEof2() { eofs++; }
};

static void pump(Endpoint &ep, int msec) {
    for (int i = 0; i < msec / 10; i++)
        ep.libHandleEvents(10);
}

static long fileSize(const std::string &path) {
    struct stat st;
    return stat(path.c_str(), &st) == 0 ? static_cast<long>(st.st_size) : -1;
}

int main() {
    Endpoint ep;
    ep.libCreate();
    EpConfig cfg;
    cfg.uaConfig.threadCnt = 0;
    cfg.uaConfig.mainThreadOnly = true;
    cfg.logConfig.level = 1;
    cfg.logConfig.consoleLevel = 1;
    ep.libInit(cfg);
    ep.audDevManager().setNullDev();
    ep.libStart();
    std::cout << "*** PJSUA2 STARTED ***" << std::endl;

    std::string tones = "/tmp/pjsua2rs-style-tones.wav", played = "/tmp/pjsua2rs-style-played.wav";
    int status = 0;
    try {
        {
            ToneGenerator tg;
            tg.createToneGenerator();
            AudioMediaRecorder rec;
            rec.createRecorder(tones);
            tg.startTransmit(rec);

            ToneDesc t;
            t.freq1 = 1000;
            t.on_msec = 300;
            t.off_msec = 100;
            ToneDescVector tv;
            tv.push_back(t);
            tg.play(tv);
            ToneDigitVector dv;
            for (const char *d = "123"; *d; d++) {
                ToneDigit digit;
                digit.digit = *d;
                digit.on_msec = 100;
                digit.off_msec = 50;
                dv.push_back(digit);
            }
            tg.playDigits(dv);
            for (int i = 0; i < 300 && tg.isBusy(); i++)
                ep.libHandleEvents(10);
            std::cout << "*** tones done, busy=" << tg.isBusy()
                      << " digit map size=" << tg.getDigitMap().size() << std::endl;
            std::cout << "*** ports:";
            AudioMediaVector2 ports = ep.mediaEnumPorts2();
            for (size_t i = 0; i < ports.size(); i++)
                std::cout << " " << ports[i].getPortInfo().name;
            std::cout << std::endl;
        }
        pump(ep, 200); // PJSUA2 completes a deleted recorder's file on its media thread

        {
            MyPlayer player;
            player.createPlayer(tones, PJMEDIA_FILE_NO_LOOP);
            AudioMediaPlayerInfo info = player.getInfo();
            std::cout << "*** playing " << info.sizeSamples << " samples" << std::endl;
            AudioMediaRecorder rec;
            rec.createRecorder(played);
            player.startTransmit(rec);
            for (int i = 0; i < 300 && eofs == 0; i++)
                ep.libHandleEvents(10);
            pump(ep, 300);
        }
        pump(ep, 200);
        // 300 + 100 ms of tone, 3 x 150 ms of digits: 850 ms of 16 kHz 16-bit audio.
        long size = fileSize(tones);
        std::cout << "*** eofs=" << eofs << " tones file " << (size > 25000 ? "ok" : "short")
                  << ", played file " << (fileSize(played) >= size ? "ok" : "short")
                  << std::endl;
        if (eofs != 1 || size <= 25000 || fileSize(played) < size)
            status = 1;
    } catch (Error &err) {
        std::cout << "Exception: " << err.info() << std::endl;
        status = 1;
    }
    std::remove(tones.c_str());
    std::remove(played.c_str());
    ep.libDestroy();
    std::cout << (status == 0 ? "Success" : "Failure") << std::endl;
    return status;
}
