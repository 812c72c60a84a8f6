/* AudioMediaPort through the C++ binding (null sound device): a port at 8 kHz supplying a
 * 1 kHz sine recorded to WAV and measured, a port hearing a 1 kHz WAV file played into
 * it in onFrameReceived, frames that count as silence (type NONE, size 0, a callback that
 * throws), thread mode with destroyPort() in the subclass's destructor, MediaFrame and
 * MediaFormatAudio values, and the errors as pj::Error. */
#include "check.hpp"

#include "../c/wav.h"

#include <atomic>
#include <chrono>
#include <cmath>
#include <mutex>
#include <set>
#include <stdexcept>
#include <thread>
#include <tuple>
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

static MediaFormatAudio pcm(unsigned rate, unsigned channels = 1) {
    MediaFormatAudio fmt;
    fmt.init(PJMEDIA_FORMAT_PCM, rate, channels, 20000, 16);
    return fmt;
}

/* Supplies a continuous 1 kHz sine at `rate`, peak 10000; `mode` spoils the frames:
 * "none" (type NONE), "empty" (size 0), "throw". Notes each request's shape. */
class SinePort : public AudioMediaPort {
  public:
    explicit SinePort(unsigned rate_, const string &mode_ = "") : rate(rate_), mode(mode_) {}
    /* Stops the callbacks before the members they use are gone (thread mode). */
    ~SinePort() { destroyPort(); }

    unsigned rate;
    string mode;
    std::atomic<int> requests{0};
    std::set<std::tuple<int, unsigned, size_t>> shapes;
    std::set<std::thread::id> threads;
    std::mutex lock;

    virtual void onFrameRequested(MediaFrame &frame) {
        {
            std::lock_guard<std::mutex> g(lock);
            shapes.insert(std::make_tuple(frame.type, frame.size, frame.buf.size()));
            threads.insert(std::this_thread::get_id());
        }
        requests++;
        if (mode == "throw")
            throw std::runtime_error("no frame today");
        size_t n = frame.size / 2;
        std::vector<int16_t> samples(n);
        for (size_t i = 0; i < n; i++, phase++)
            samples[i] = static_cast<int16_t>(10000 * std::sin(2 * M_PI * 1000 * phase / rate));
        const unsigned char *bytes = reinterpret_cast<const unsigned char *>(samples.data());
        frame.buf.assign(bytes, bytes + 2 * n);
        frame.type = mode == "none" ? PJMEDIA_FRAME_TYPE_NONE : PJMEDIA_FRAME_TYPE_AUDIO;
        if (mode == "empty")
            frame.size = 0;
    }

  private:
    unsigned long phase = 0;
};

/* Keeps the samples of the frames it receives. */
class Ear : public AudioMediaPort {
  public:
    ~Ear() { destroyPort(); }

    std::vector<int16_t> samples;
    std::set<std::tuple<int, unsigned, size_t>> shapes;
    int frames = 0;

    virtual void onFrameReceived(MediaFrame &frame) {
        shapes.insert(std::make_tuple(frame.type, frame.size, frame.buf.size()));
        frames++;
        const int16_t *s = reinterpret_cast<const int16_t *>(frame.buf.data());
        samples.insert(samples.end(), s, s + frame.buf.size() / 2);
    }
};

/* Records what `port` sends for `secs` to `name`; returns the recording. */
static wav_audio recording(Endpoint &ep, AudioMedia &port, const string &name, double secs) {
    string path = dir + "/" + name;
    {
        AudioMediaRecorder rec;
        rec.createRecorder(path);
        port.startTransmit(rec);
        pumpFor(ep, secs);
        port.stopTransmit(rec);
    } // the recorder completes its file
    return wav_read(path.c_str());
}

static void sineRecorded(Endpoint &ep) {
    SinePort gen(8000);
    MediaFormatAudio fmt = pcm(8000);
    gen.createPort("sine", fmt);
    CHECK(gen.getPortId() > 0 && gen.getPortInfo().name == "sine");
    wav_audio w = recording(ep, gen, "sine.wav", 0.8);
    CHECK(w.samples && w.rate == 16000); // the bridge's rate: the port's 8 kHz converted
    if (w.samples) {
        wav_span s = wav_loud_span(&w, 1000);
        CHECK(s.len >= 8000);
        CHECK(std::fabs(wav_frequency(&w, s) - 1000) < 5);
        CHECK(std::fabs(wav_rms(&w, s) / 7071 - 1) < 0.1);
    }
    wav_free(&w);
    // As in PJSUA2: each request comes as one frame's size, type NONE, an empty buf.
    CHECK(gen.requests >= 30);
    CHECK(gen.shapes == (std::set<std::tuple<int, unsigned, size_t>>{
                            std::make_tuple(PJMEDIA_FRAME_TYPE_NONE, 320u, size_t(0))}));
    CHECK(gen.getStats().dropped == 0);
}

static void toneHeard(Endpoint &ep) {
    string path = dir + "/tone.wav";
    CHECK(wav_write_sine(path.c_str(), 16000, 1000, 0.6, 10000) == 0);
    AudioMediaPlayer player;
    player.createPlayer(path, PJMEDIA_FILE_NO_LOOP);
    Ear ear;
    MediaFormatAudio fmt = pcm(8000);
    ear.createPort("ear", fmt);
    player.startTransmit(ear);
    CHECK(pump(ep, 10, [&] { return ear.frames >= 35; }));
    CHECK(ear.shapes == (std::set<std::tuple<int, unsigned, size_t>>{
                            std::make_tuple(PJMEDIA_FRAME_TYPE_AUDIO, 320u, size_t(320))}));
    wav_audio w = {8000, 1, ear.samples.size(), ear.samples.data()};
    wav_span s = wav_loud_span(&w, 1000);
    CHECK(s.len >= 3200);
    CHECK(std::fabs(wav_frequency(&w, s) - 1000) < 5);
    CHECK(std::fabs(wav_rms(&w, s) / 7071 - 1) < 0.1);
    CHECK(ear.getStats().dropped == 0);
}

static void silentFrames(Endpoint &ep) {
    for (const char *mode : {"none", "empty", "throw"}) {
        SinePort port(16000, mode);
        MediaFormatAudio fmt = pcm(16000);
        port.createPort(mode, fmt);
        wav_audio w = recording(ep, port, string(mode) + ".wav", 0.4);
        CHECK(port.requests >= 10);
        CHECK(w.samples && w.n >= 4800);
        int peak = 0;
        for (size_t i = 0; i < w.n; i++)
            peak = std::max(peak, std::abs(static_cast<int>(w.samples[i])));
        if (peak != 0)
            std::cerr << mode << ": peak " << peak << "\n";
        CHECK(peak == 0);
        wav_free(&w);
    }
}

static void threadMode() {
    Endpoint ep;
    ep.libCreate();
    ep.libInit(quietConfig(false));
    ep.audDevManager().setNullDev();
    ep.libStart();
    Ear ear;
    MediaFormatAudio bridge; // all zero: the bridge's rate and frame time
    ear.createPort("ear", bridge);
    std::unique_ptr<SinePort> gen(new SinePort(16000));
    MediaFormatAudio fmt = pcm(16000);
    gen->createPort("gen", fmt);
    gen->startTransmit(ear);
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    while (gen->requests < 10 && std::chrono::steady_clock::now() < deadline)
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    CHECK(gen->requests >= 10);
    {
        std::lock_guard<std::mutex> g(gen->lock);
        CHECK(gen->threads.size() == 1 && !gen->threads.count(std::this_thread::get_id()));
    }
    CHECK(ep.mediaActivePorts() == 3);
    gen->destroyPort();
    CHECK(gen->getPortId() == PJSUA_INVALID_ID);
    int asked = gen->requests;
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    CHECK(gen->requests == asked); // no callback after destroyPort()
    CHECK(ep.mediaActivePorts() == 2);
    gen.reset(); // destroyPort() again, in the destructor: nothing left to do
    ep.libDestroy();
}

static void values() {
    MediaFrame f;
    CHECK(f.type == PJMEDIA_FRAME_TYPE_NONE && f.buf.empty() && f.size == 0);
    MediaFormatAudio m;
    m.init(PJMEDIA_FORMAT_PCM, 16000, 1, 20000, 16);
    CHECK(m.id == PJMEDIA_FORMAT_PCM && m.type == PJMEDIA_TYPE_AUDIO && m.clockRate == 16000 &&
          m.channelCount == 1 && m.frameTimeUsec == 20000 && m.bitsPerSample == 16 &&
          m.avgBps == 0 && m.maxBps == 0);
    m.init(PJMEDIA_FORMAT_PCM, 8000, 1, 10000, 16, 128000, 256000);
    CHECK(m.avgBps == 128000 && m.maxBps == 256000);
    CHECK(AudioMediaPort().getPortId() == PJSUA_INVALID_ID);
}

static void errors(Endpoint &ep) {
    SinePort port(16000);
    EXPECT_ERROR(port.getStats(), PJSUA2RS_ERR_INVALID_HANDLE); // not created
    MediaFormatAudio stereo = pcm(16000, 2);
    try {
        port.createPort("stereo", stereo);
        CHECK(!"no Error for a stereo port");
    } catch (const Error &e) {
        CHECK(e.status == PJ_EINVAL && e.title == "AudioMediaPort::createPort()");
        CHECK(e.reason.find("channelCount 2") != string::npos);
    }
    MediaFormatAudio ulaw = pcm(8000);
    ulaw.id = PJMEDIA_FORMAT_PCMU;
    EXPECT_ERROR(port.createPort("ulaw", ulaw), PJ_EINVAL);
    CHECK(port.getPortId() == PJSUA_INVALID_ID);
    MediaFormatAudio fmt = pcm(16000);
    port.createPort("ok", fmt);
    EXPECT_ERROR(port.createPort("again", fmt), PJ_EEXISTS);
    ep.libDestroy(); // the port is gone with its endpoint
    try {
        port.getStats();
        CHECK(!"no Error after libDestroy");
    } catch (const Error &) {
    }
}

int main() {
    char tmpl[] = "/tmp/pjsua2rs-cpp-port-XXXXXX";
    dir = mkdtemp(tmpl);
    run("values", values);
    run("media ports", [] {
        Endpoint ep;
        ep.libCreate();
        ep.libInit(quietConfig());
        ep.audDevManager().setNullDev();
        ep.libStart();
        sineRecorded(ep);
        toneHeard(ep);
        silentFrames(ep);
        errors(ep);
    });
    run("thread mode", threadMode);
    string cmd = "rm -rf " + dir;
    CHECK(std::system(cmd.c_str()) == 0);
    return finish("test_media_port");
}
