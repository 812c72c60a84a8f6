/* A program written against PJSUA2's C++ API: application audio ports and codecs. The
 * include line is the only change needed to build it on pjsua2rs (it also compiles against
 * pjproject's real pjsua2.hpp; tests/cpp/on_pjsua2.sh runs it there). One endpoint on the
 * null sound device (poll mode): a SinePort (an AudioMediaPort at 8 kHz) plays a 1 kHz
 * sine into an Ear port, whose onFrameReceived counts the frames and the sine's zero
 * crossings; the codecs both libraries have are listed, PCMU is disabled and PCMA's
 * parameters read and changed. Exit status 0 when the Ear heard 1 kHz and the codec calls
 * behaved as PJSUA2's. */
#include <pjsua2rs.hpp> // with PJSUA2: #include <pjsua2.hpp>

#include <cmath>
#include <cstdint>
#include <iostream>
#include <mutex>
#include <string>

using namespace pj;

/* PJSUA2 calls the port callbacks on its media thread; pjsua2rs inside libHandleEvents
 * here. */
class SinePort : public AudioMediaPort {
  public:
    virtual void onFrameRequested(MediaFrame &frame) {
        unsigned n = frame.size / 2;
        frame.buf.resize(frame.size);
        for (unsigned i = 0; i < n; i++, phase++) {
            int16_t s = static_cast<int16_t>(10000 * std::sin(2 * M_PI * phase / 8.0));
            frame.buf[2 * i] = static_cast<unsigned char>(s & 0xff);
            frame.buf[2 * i + 1] = static_cast<unsigned char>((s >> 8) & 0xff);
        }
        frame.type = PJMEDIA_FRAME_TYPE_AUDIO;
    }

  private:
    unsigned long phase = 0;
};

class Ear : public AudioMediaPort {
  public:
    virtual void onFrameReceived(MediaFrame &frame) {
        if (frame.type != PJMEDIA_FRAME_TYPE_AUDIO || frame.buf.size() != 320)
            return;
        int peak = 0, crossings = 0;
        int16_t last = 0;
        for (size_t i = 0; i < 160; i++) {
            int16_t s = static_cast<int16_t>(frame.buf[2 * i] | frame.buf[2 * i + 1] << 8);
            peak = std::max(peak, std::abs(static_cast<int>(s)));
            if (i > 0 && (last < 0) != (s < 0))
                crossings++;
            last = s;
        }
        std::lock_guard<std::mutex> g(lock);
        if (peak > 5000) {
            loudFrames++;
            totalCrossings += crossings;
        }
    }
    std::mutex lock;
    int loudFrames = 0;
    long totalCrossings = 0;
};

static void pump(Endpoint &ep, int msec) {
    for (int i = 0; i < msec / 10; i++)
        ep.libHandleEvents(10);
}

static bool common(const string &id) {
    return id == "PCMU/8000/1" || id == "PCMA/8000/1" || id == "G722/16000/1";
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
    int status = 0;
    try {
        MediaFormatAudio fmt;
        fmt.init(PJMEDIA_FORMAT_PCM, 8000, 1, 20000, 16);
        {
            SinePort sine;
            sine.createPort("sine", fmt);
            Ear ear;
            ear.createPort("ear", fmt);
            sine.startTransmit(ear);
            pump(ep, 1000);
            sine.stopTransmit(ear);
            std::lock_guard<std::mutex> g(ear.lock);
            double perFrame = ear.loudFrames ? double(ear.totalCrossings) / ear.loudFrames : 0;
            std::cout << "ear: " << ear.loudFrames << " loud frames, " << perFrame
                      << " zero crossings per 20 ms" << std::endl;
            // 1 kHz: 40 zero crossings in 20 ms.
            if (ear.loudFrames < 25 || perFrame < 38 || perFrame > 42)
                status = 1;
        }

        for (const CodecInfo &c : ep.codecEnum2())
            if (common(c.codecId))
                std::cout << "codec " << c.codecId << " " << int(c.priority) << std::endl;
        ep.codecSetPriority("PCMU", 0);
        for (const CodecInfo &c : ep.codecEnum2())
            if (c.codecId == "PCMU/8000/1" && c.priority != 0)
                status = 1;
        CodecParam p = ep.codecGetParam("PCMA/8000/1");
        std::cout << "PCMA: pt " << p.info.pt << ", " << p.info.clockRate << " Hz, "
                  << p.setting.frmPerPkt << " frames per packet" << std::endl;
        if (p.info.pt != 8 || p.info.clockRate != 8000 || p.setting.frmPerPkt != 2)
            status = 1;
        p.setting.frmPerPkt = 3;
        ep.codecSetParam("PCMA/8000/1", p);
        if (ep.codecGetParam("PCMA/8000/1").setting.frmPerPkt != 3)
            status = 1;
        try {
            ep.codecGetParam("nosuch/8000/1");
            status = 1;
        } catch (Error &err) {
            std::cout << "nosuch: status " << err.status << std::endl;
            if (err.status != PJ_ENOTFOUND)
                status = 1;
        }
    } catch (Error &err) {
        std::cout << "Exception: " << err.info() << std::endl;
        status = 1;
    }
    ep.libDestroy();
    std::cout << (status ? "FAILED" : "ok") << std::endl;
    return status;
}
