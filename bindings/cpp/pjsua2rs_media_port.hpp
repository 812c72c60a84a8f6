/*
 * pjsua2rs_media_port.hpp: PJSUA2's AudioMediaPort (a bridge port whose frames the
 * application supplies in onFrameRequested and receives in onFrameReceived) with
 * MediaFrame and ByteVector, on the pjsua2rs C ABI's application port. Included by
 * pjsua2rs.hpp after pjsua2rs_media_objects.hpp; do not include it alone.
 *
 * The port's C object has the AudioMediaPort's address as user data; the library calls
 * its callbacks on its callback thread (or inside libHandleEvents in poll mode, which
 * must then run at least every 40 ms), never on the media thread, requesting frames about
 * three bridge frames ahead of the time they are played. Once the C object is destroyed
 * (destroyPort(), or the destructor) no callback starts.
 */
#ifndef PJSUA2RS_MEDIA_PORT_HPP
#define PJSUA2RS_MEDIA_PORT_HPP

#include <algorithm>

namespace pj {

/** Bytes (PJSUA2's `ByteVector`). */
typedef std::vector<unsigned char> ByteVector;

/** A frame of audio (PJSUA2's `MediaFrame`): 16-bit linear PCM samples in the machine's
 *  byte order. */
struct MediaFrame {
    /** PJMEDIA_FRAME_TYPE_AUDIO, or PJMEDIA_FRAME_TYPE_NONE for no audio (silence). */
    pjmedia_frame_type type = PJMEDIA_FRAME_TYPE_NONE;
    /** The samples. */
    ByteVector buf;
    /** Bytes: in onFrameRequested the bytes of one frame; in onFrameReceived the size of
     *  buf. */
    unsigned size = 0;
};

/** pjsua2rs extension: the counters of an AudioMediaPort. */
struct AudioMediaPortStats {
    /** Bridge frames sent as silence because onFrameRequested had not supplied them in
     *  time. */
    unsigned long long underruns = 0;
    /** Frames not delivered because onFrameReceived fell 32 frames behind. */
    unsigned long long dropped = 0;
};

/** A bridge port fed and heard by the application (PJSUA2's `AudioMediaPort`). Subclass
 *  it, override onFrameRequested and onFrameReceived, and createPort() it; connect it
 *  with startTransmit like any AudioMedia. Frames are asked for only while the port
 *  transmits to another port, and delivered only while another port transmits to it.
 *  In thread mode, a subclass whose callbacks use its own members calls destroyPort()
 *  first in its destructor, so that no callback runs while those are destroyed. Not
 *  copyable. */
class AudioMediaPort : public AudioMedia {
  public:
    AudioMediaPort() {}
    /** Destroys the port (it leaves the bridge). */
    virtual ~AudioMediaPort() { destroyPort(); }
    AudioMediaPort(const AudioMediaPort &) = delete;
    AudioMediaPort &operator=(const AudioMediaPort &) = delete;

    /** Makes the port, named `name`, exchanging frames of format `fmt`: 16-bit mono
     *  linear PCM (`id` PJMEDIA_FORMAT_PCM) at any clock rate the resampler converts
     *  (zero `clockRate` / `frameTimeUsec` take the bridge's). Error(PJ_EINVAL) names a
     *  member that is not supported; Error(PJ_EEXISTS) if the port was already
     *  created. */
    void createPort(const string &name, MediaFormatAudio &fmt) PJSUA2_THROW(Error) {
        detail::checkNotCreated(handle_, "AudioMediaPort::createPort()");
        if (fmt.id != PJMEDIA_FORMAT_PCM)
            throw Error(PJ_EINVAL, "AudioMediaPort::createPort()",
                        "MediaFormatAudio.id " + std::to_string(fmt.id) +
                            " is not supported (PJMEDIA_FORMAT_PCM only)",
                        "", 0);
        pjsua2rs_c::pjsua2rs_endpoint ep = detail::instanceHandle("AudioMediaPort::createPort");
        pjsua2rs_c::pjsua2rs_media_format_audio c;
        c.clock_rate = fmt.clockRate;
        c.channel_count = fmt.channelCount;
        c.frame_time_usec = fmt.frameTimeUsec;
        c.bits_per_sample = fmt.bitsPerSample;
        pjsua2rs_c::pjsua2rs_audio_media_port_callbacks cb;
        detail::check(pjsua2rs_c::pjsua2rs_audio_media_port_callbacks_default(&cb, sizeof cb));
        cb.on_frame_requested = &AudioMediaPort::requestedThunk;
        cb.on_frame_received = &AudioMediaPort::receivedThunk;
        detail::check(pjsua2rs_c::pjsua2rs_audio_media_port_create(ep, name.c_str(), &c, &cb,
                                                                    this, &handle_));
        ep_ = ep;
        detail::check(pjsua2rs_c::pjsua2rs_audio_media_port_get_port_id(handle_, &id));
    }

    /** pjsua2rs extension: the port's counters. */
    AudioMediaPortStats getStats() const PJSUA2_THROW(Error) {
        pjsua2rs_c::pjsua2rs_audio_media_port_stats c;
        detail::check(pjsua2rs_c::pjsua2rs_audio_media_port_get_stats(handle_, &c));
        AudioMediaPortStats out;
        out.underruns = c.underruns;
        out.dropped = c.dropped;
        return out;
    }

    /** pjsua2rs extension: destroys the port now (it leaves the bridge, getPortId() is -1
     *  again). Once this returns no callback runs, unless it was called from one (which
     *  then finishes). The destructor calls it; doing nothing when there is no port. */
    void destroyPort() {
        if (handle_ != 0)
            pjsua2rs_c::pjsua2rs_audio_media_port_destroy(handle_);
        handle_ = 0;
        id = PJSUA_INVALID_ID;
    }

    /** The port needs its next frame: `frame` comes with `size` set to the bytes of one
     *  frame, type PJMEDIA_FRAME_TYPE_NONE and an empty `buf`. Fill `buf` and set `type`
     *  to PJMEDIA_FRAME_TYPE_AUDIO; fewer bytes than `size` are padded with silence, more
     *  are cut. Sends silence unless overridden. */
    virtual void onFrameRequested(MediaFrame &frame) { PJ_UNUSED_ARG(frame); }

    /** A frame the bridge mixed for the port (what the ports transmitting to it sent, in
     *  the port's format). Does nothing unless overridden. */
    virtual void onFrameReceived(MediaFrame &frame) { PJ_UNUSED_ARG(frame); }

  private:
    /** Reports an exception a callback threw (nothing may unwind into the library). */
    static void report(const char *what) {
        try {
            throw;
        } catch (const Error &e) {
            std::cerr << "pjsua2rs: AudioMediaPort::" << what << " threw " << e.info()
                      << std::endl;
        } catch (const std::exception &e) {
            std::cerr << "pjsua2rs: AudioMediaPort::" << what << " threw " << e.what()
                      << std::endl;
        } catch (...) {
            std::cerr << "pjsua2rs: AudioMediaPort::" << what << " threw" << std::endl;
        }
    }

    static void requestedThunk(void *user_data, pjsua2rs_c::pjsua2rs_media_frame *c) {
        MediaFrame frame;
        frame.size = static_cast<unsigned>(c->size);
        try {
            static_cast<AudioMediaPort *>(user_data)->onFrameRequested(frame);
        } catch (...) {
            report("onFrameRequested"); // the library's silence goes out
            return;
        }
        size_t n = std::min({frame.buf.size(), static_cast<size_t>(frame.size), c->size});
        if (n > 0)
            std::memcpy(c->buf, frame.buf.data(), n);
        c->size = n;
        c->frame_type = frame.type;
    }

    static void receivedThunk(void *user_data, const pjsua2rs_c::pjsua2rs_media_frame *c) {
        MediaFrame frame;
        frame.type = static_cast<pjmedia_frame_type>(c->frame_type);
        frame.buf.assign(c->buf, c->buf + c->size);
        frame.size = static_cast<unsigned>(c->size);
        try {
            static_cast<AudioMediaPort *>(user_data)->onFrameReceived(frame);
        } catch (...) {
            report("onFrameReceived");
        }
    }

    pjsua2rs_c::pjsua2rs_audio_media_port handle_ = 0;
};

} // namespace pj

#endif /* PJSUA2RS_MEDIA_PORT_HPP */
