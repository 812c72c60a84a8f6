/*
 * pjsua2rs_media.hpp: PJSUA2's AudioMedia (a port of an Endpoint's conference bridge,
 * named by its slot) with MediaFormatAudio and ConfPortInfo, and the AudDevManager with
 * AudioDevInfo, on the pjsua2rs C ABI. Included by pjsua2rs.hpp before
 * pjsua2rs_endpoint.hpp; do not include it alone.
 *
 * An AudioMedia belongs to the Endpoint of the call, player or device it came from; a
 * default-constructed one (getPortId() -1) uses Endpoint::instance(). Linking ports of
 * two different Endpoints throws Error(PJ_EINVAL).
 */
#ifndef PJSUA2RS_MEDIA_HPP
#define PJSUA2RS_MEDIA_HPP

namespace pj {

/** A sound device id (PJSUA2's `pjmedia_aud_dev_index`). */
typedef int pjmedia_aud_dev_index;
/** A media port (PJSUA2's opaque `MediaPort`). */
typedef void *MediaPort;

class AudioMedia;

namespace detail {
/** The handle of Endpoint::instance(), for operation `what` ("Class::method"); defined
 *  in pjsua2rs_endpoint.hpp. */
inline pjsua2rs_c::pjsua2rs_endpoint instanceHandle(const char *what);
/** The AudioMedia of slot `id` of endpoint `ep`. */
inline AudioMedia audioMedia(pjsua2rs_c::pjsua2rs_endpoint ep, int id);
} // namespace detail

/** A media format (PJSUA2's `MediaFormat`). */
struct MediaFormat {
    /** PJMEDIA_FORMAT_*. */
    pj_uint32_t id = 0;
    /** PJMEDIA_TYPE_*. */
    pjmedia_type type = PJMEDIA_TYPE_NONE;
};

/** An audio format (PJSUA2's `MediaFormatAudio`). */
struct MediaFormatAudio : public MediaFormat {
    /** Samples per second per channel. */
    unsigned clockRate = 0;
    /** Channels. */
    unsigned channelCount = 0;
    /** Frame duration in microseconds. */
    unsigned frameTimeUsec = 0;
    /** Bits per sample. */
    unsigned bitsPerSample = 0;
    /** Average bits per second. */
    pj_uint32_t avgBps = 0;
    /** Highest bits per second. */
    pj_uint32_t maxBps = 0;

    /** Sets every member at once, `type` to PJMEDIA_TYPE_AUDIO (PJSUA2's
     *  `MediaFormatAudio::init`). */
    void init(pj_uint32_t formatId, unsigned clockRate, unsigned channelCount,
              int frameTimeUsec, int bitsPerSample, pj_uint32_t avgBps = 0,
              pj_uint32_t maxBps = 0) {
        this->id = formatId;
        this->type = PJMEDIA_TYPE_AUDIO;
        this->clockRate = clockRate;
        this->channelCount = channelCount;
        this->frameTimeUsec = static_cast<unsigned>(frameTimeUsec);
        this->bitsPerSample = static_cast<unsigned>(bitsPerSample);
        this->avgBps = avgBps;
        this->maxBps = maxBps;
    }
};

/** A list of MediaFormatAudio. */
typedef std::vector<MediaFormatAudio> MediaFormatAudioVector;

/** A bridge port's info (PJSUA2's `ConfPortInfo`). */
struct ConfPortInfo {
    /** The slot. */
    int portId = 0;
    /** The port's name ("Master/sound", a file name, "tonegen"...). */
    string name;
    /** The 16-bit linear PCM format it exchanges. */
    MediaFormatAudio format;
    /** The level adjustment of what the port transmits (1.0: as is). */
    float txLevelAdj = 0;
    /** The level adjustment of what the port receives. */
    float rxLevelAdj = 0;
    /** The slots it transmits to. */
    IntVector listeners;
};

/** The param of AudioMedia::startTransmit2 (PJSUA2's `AudioMediaTransmitParam`). */
struct AudioMediaTransmitParam {
    /** The gain of the link (1.0: as is). */
    float level = 1.0f;
};

/** A media (PJSUA2's `Media`). */
class Media {
  public:
    virtual ~Media() {}
    /** The media type. */
    pjmedia_type getType() const { return type_; }

  protected:
    /** A media of `med_type`. */
    explicit Media(pjmedia_type med_type) : type_(med_type) {}

  private:
    pjmedia_type type_;
};

/** A port of the conference bridge (PJSUA2's `AudioMedia`): link it to other ports,
 *  adjust its levels (named from the port's side), read its info. Copies name the same
 *  port. */
class AudioMedia : public Media {
  public:
    /** A media without a port (getPortId() -1) until one is given. */
    AudioMedia() : Media(PJMEDIA_TYPE_AUDIO) {}

    /** The port's slot; -1 when it has none. */
    int getPortId() const { return id; }

    /** The port's ConfPortInfo. */
    ConfPortInfo getPortInfo() const PJSUA2_THROW(Error) {
        return portInfo(endpoint("getPortInfo"), id);
    }

    /** The ConfPortInfo of slot `port_id` of Endpoint::instance()'s bridge. */
    static ConfPortInfo getPortInfoFromId(int port_id) PJSUA2_THROW(Error) {
        return portInfo(detail::instanceHandle("AudioMedia::getPortInfoFromId"), port_id);
    }

    /** Transmits this port's audio to `sink` at level 1.0. */
    void startTransmit(const AudioMedia &sink) const PJSUA2_THROW(Error) {
        detail::check(pjsua2rs_c::pjsua2rs_audio_media_start_transmit(
            link(sink, "startTransmit"), id, sink.id, 1.0f));
    }

    /** Transmits this port's audio to `sink` at `param.level`. */
    void startTransmit2(const AudioMedia &sink, const AudioMediaTransmitParam &param) const
        PJSUA2_THROW(Error) {
        detail::check(pjsua2rs_c::pjsua2rs_audio_media_start_transmit(
            link(sink, "startTransmit2"), id, sink.id, param.level));
    }

    /** Stops transmitting to `sink`. */
    void stopTransmit(const AudioMedia &sink) const PJSUA2_THROW(Error) {
        detail::check(pjsua2rs_c::pjsua2rs_audio_media_stop_transmit(
            link(sink, "stopTransmit"), id, sink.id));
    }

    /** Scales what this port receives from the bridge (1.0: as is, 0: muted). */
    void adjustRxLevel(float level) PJSUA2_THROW(Error) {
        detail::check(pjsua2rs_c::pjsua2rs_audio_media_adjust_rx_level(
            endpoint("adjustRxLevel"), id, level));
    }

    /** Scales what this port transmits to the bridge (1.0: as is, 0: muted). */
    void adjustTxLevel(float level) PJSUA2_THROW(Error) {
        detail::check(pjsua2rs_c::pjsua2rs_audio_media_adjust_tx_level(
            endpoint("adjustTxLevel"), id, level));
    }

    /** The level of what this port last received from the bridge, 0-255. */
    unsigned getRxLevel() const PJSUA2_THROW(Error) {
        unsigned level = 0;
        detail::check(pjsua2rs_c::pjsua2rs_audio_media_get_rx_level(endpoint("getRxLevel"),
                                                                     id, &level));
        return level;
    }

    /** The level of what this port last transmitted to the bridge, 0-255. */
    unsigned getTxLevel() const PJSUA2_THROW(Error) {
        unsigned level = 0;
        detail::check(pjsua2rs_c::pjsua2rs_audio_media_get_tx_level(endpoint("getTxLevel"),
                                                                     id, &level));
        return level;
    }

    /** `media` as an AudioMedia (NULL if it is not one). */
    static AudioMedia *typecastFromMedia(Media *media) {
        return dynamic_cast<AudioMedia *>(media);
    }

  protected:
    /** The slot (PJSUA2's protected member). */
    int id = PJSUA_INVALID_ID;
    /** The endpoint of the port; 0: Endpoint::instance()'s. */
    pjsua2rs_c::pjsua2rs_endpoint ep_ = 0;

    /** The handle of the port's endpoint, for operation `what`. */
    pjsua2rs_c::pjsua2rs_endpoint endpoint(const char *what) const {
        return ep_ ? ep_ : detail::instanceHandle((string("AudioMedia::") + what).c_str());
    }

  private:
    friend AudioMedia detail::audioMedia(pjsua2rs_c::pjsua2rs_endpoint ep, int id);

    /** The endpoint of a link from this port to `sink`. */
    pjsua2rs_c::pjsua2rs_endpoint link(const AudioMedia &sink, const char *what) const {
        pjsua2rs_c::pjsua2rs_endpoint ep = endpoint(what);
        if (sink.ep_ != 0 && sink.ep_ != ep)
            throw Error(PJ_EINVAL, string("AudioMedia::") + what + "()",
                        "the sink is a port of another Endpoint's bridge", "", 0);
        return ep;
    }

    static ConfPortInfo portInfo(pjsua2rs_c::pjsua2rs_endpoint ep, int port_id) {
        pjsua2rs_c::pjsua2rs_conf_port_info c;
        std::vector<int> listeners;
        for (;;) {
            detail::check(pjsua2rs_c::pjsua2rs_audio_media_get_port_info(
                ep, port_id, listeners.data(), listeners.size(), &c));
            if (c.listener_count <= listeners.size())
                break;
            listeners.resize(c.listener_count);
        }
        ConfPortInfo out;
        out.portId = c.port_id;
        out.name = detail::fromC(c.name);
        out.format.id = PJMEDIA_FORMAT_L16;
        out.format.type = PJMEDIA_TYPE_AUDIO;
        out.format.clockRate = c.format.clock_rate;
        out.format.channelCount = c.format.channel_count;
        out.format.frameTimeUsec = c.format.frame_time_usec;
        out.format.bitsPerSample = c.format.bits_per_sample;
        out.format.avgBps = out.format.maxBps =
            c.format.clock_rate * c.format.channel_count * c.format.bits_per_sample;
        out.txLevelAdj = c.tx_level_adj;
        out.rxLevelAdj = c.rx_level_adj;
        out.listeners.assign(listeners.begin(), listeners.begin() + c.listener_count);
        return out;
    }
};

/** A list of AudioMedia (PJSUA2's `AudioMediaVector2`). */
typedef std::vector<AudioMedia> AudioMediaVector2;

namespace detail {
inline AudioMedia audioMedia(pjsua2rs_c::pjsua2rs_endpoint ep, int id) {
    AudioMedia m;
    m.ep_ = ep;
    m.id = id;
    return m;
}
} // namespace detail

/** A sound device (PJSUA2's `AudioDevInfo`); `caps`, `routes` and `extFmt` stay 0 and
 *  empty (no device capabilities are reported). */
struct AudioDevInfo {
    /** The device id. */
    pjmedia_aud_dev_index id = 0;
    /** Its name. */
    string name;
    /** Capture channels (0: cannot capture). */
    unsigned inputCount = 0;
    /** Playback channels (0: cannot play). */
    unsigned outputCount = 0;
    /** The default sampling rate. */
    unsigned defaultSamplesPerSec = 0;
    /** The driver. */
    string driver;
    /** Capabilities (none reported). */
    unsigned caps = 0;
    /** Routes (none reported). */
    unsigned routes = 0;
    /** Extended formats (none reported). */
    MediaFormatAudioVector extFmt;
};

/** A list of AudioDevInfo (PJSUA2's `AudioDevInfoVector2`). */
typedef std::vector<AudioDevInfo> AudioDevInfoVector2;

/** The sound device of an Endpoint, conference slot 0 (PJSUA2's `AudDevManager`, from
 *  Endpoint::audDevManager()). */
class AudDevManager {
  public:
    /** The manager of the endpoint whose handle is at `*ep` (set by its libCreate). */
    explicit AudDevManager(const pjsua2rs_c::pjsua2rs_endpoint *ep) : ep_(ep) {}

    /** No sound card: the bridge runs on its own clock (the usual call on a server). */
    void setNullDev() PJSUA2_THROW(Error) {
        detail::check(pjsua2rs_c::pjsua2rs_aud_dev_manager_set_null_dev(*ep_));
    }

    /** No sound device (players, recorders and calls still run). Returns NULL: there is
     *  no master port to hand out. */
    MediaPort *setNoDev() PJSUA2_THROW(Error) {
        detail::check(pjsua2rs_c::pjsua2rs_aud_dev_manager_set_no_dev(*ep_));
        return nullptr;
    }

    /** Opens capture device `capture_dev` (an AudioDevInfo::id, or
     *  PJSUA_SND_DEFAULT_CAPTURE_DEV). */
    void setCaptureDev(int capture_dev) const PJSUA2_THROW(Error) {
        detail::check(pjsua2rs_c::pjsua2rs_aud_dev_manager_set_capture_dev(*ep_, capture_dev));
    }

    /** Opens playback device `playback_dev`. */
    void setPlaybackDev(int playback_dev) const PJSUA2_THROW(Error) {
        detail::check(
            pjsua2rs_c::pjsua2rs_aud_dev_manager_set_playback_dev(*ep_, playback_dev));
    }

    /** The capture device id in use (PJSUA_SND_NULL_DEV / PJSUA_SND_NO_DEV without one). */
    int getCaptureDev() const PJSUA2_THROW(Error) {
        int id = 0;
        detail::check(pjsua2rs_c::pjsua2rs_aud_dev_manager_get_capture_dev(*ep_, &id));
        return id;
    }

    /** The playback device id in use. */
    int getPlaybackDev() const PJSUA2_THROW(Error) {
        int id = 0;
        detail::check(pjsua2rs_c::pjsua2rs_aud_dev_manager_get_playback_dev(*ep_, &id));
        return id;
    }

    /** The sound device's AudioMedia (slot 0): transmit from it to hear the microphone. */
    AudioMedia &getCaptureDevMedia() PJSUA2_THROW(Error) {
        devMedia_ = detail::audioMedia(*ep_, 0);
        return devMedia_;
    }

    /** The sound device's AudioMedia (slot 0): transmit to it to play. */
    AudioMedia &getPlaybackDevMedia() PJSUA2_THROW(Error) {
        devMedia_ = detail::audioMedia(*ep_, 0);
        return devMedia_;
    }

    /** The sound devices (none without a sound card). */
    AudioDevInfoVector2 enumDev2() const PJSUA2_THROW(Error) {
        size_t count = 0;
        detail::check(pjsua2rs_c::pjsua2rs_aud_dev_manager_enum_dev2(*ep_, nullptr, 0, &count));
        std::vector<pjsua2rs_c::pjsua2rs_audio_dev_info> c(count);
        detail::check(
            pjsua2rs_c::pjsua2rs_aud_dev_manager_enum_dev2(*ep_, c.data(), c.size(), &count));
        AudioDevInfoVector2 out;
        for (size_t i = 0; i < count && i < c.size(); i++) {
            AudioDevInfo d;
            d.id = c[i].id;
            d.name = detail::fromC(c[i].name);
            d.inputCount = c[i].input_count;
            d.outputCount = c[i].output_count;
            d.defaultSamplesPerSec = c[i].default_samples_per_sec;
            d.driver = detail::fromC(c[i].driver);
            out.push_back(d);
        }
        return out;
    }

    /** How many sound devices there are. */
    unsigned getDevCount() const { return static_cast<unsigned>(enumDev2().size()); }

    /** The AudioDevInfo of device `id`; Error(PJ_ENOTFOUND) if there is none. */
    AudioDevInfo getDevInfo(int id) const PJSUA2_THROW(Error) {
        for (const AudioDevInfo &d : enumDev2())
            if (d.id == id)
                return d;
        throw Error(PJ_ENOTFOUND, "AudDevManager::getDevInfo()", "no such sound device", "",
                    0);
    }

    /** The id of device `dev_name` of driver `drv_name`; Error(PJ_ENOTFOUND) if none. */
    int lookupDev(const string &drv_name, const string &dev_name) const PJSUA2_THROW(Error) {
        for (const AudioDevInfo &d : enumDev2())
            if (d.driver == drv_name && d.name == dev_name)
                return d.id;
        throw Error(PJ_ENOTFOUND, "AudDevManager::lookupDev()", "no such sound device", "",
                    0);
    }

  private:
    const pjsua2rs_c::pjsua2rs_endpoint *ep_;
    AudioMedia devMedia_;
};

} // namespace pj

#endif /* PJSUA2RS_MEDIA_HPP */
