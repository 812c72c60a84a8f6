/*
 * pjsua2rs_media_objects.hpp: PJSUA2's media objects on the pjsua2rs C ABI:
 * AudioMediaPlayer (override onEof2), AudioMediaRecorder and ToneGenerator (with ToneDesc,
 * ToneDigit, ToneDigitMapDigit). Each owns one C object, made by its createXxx() on
 * Endpoint::instance() and destroyed with it (after the destructor no onEof2 starts).
 * Included by pjsua2rs.hpp after pjsua2rs_endpoint.hpp; do not include it alone.
 */
#ifndef PJSUA2RS_MEDIA_OBJECTS_HPP
#define PJSUA2RS_MEDIA_OBJECTS_HPP

#include <iostream>

namespace pj {

namespace detail {

/** Error(PJ_EEXISTS) naming `what` when the object was created already, as PJSUA2. */
inline void checkNotCreated(uint64_t handle, const char *what) {
    if (handle != 0)
        throw Error(PJ_EEXISTS, what, "the object was already created", "", 0);
}

/** Error(PJ_EINVAL) naming `what` unless `value` fits a C `uint16_t`. */
inline uint16_t u16(int value, const char *what) {
    if (value < 0 || value > 0xffff)
        throw Error(PJ_EINVAL, what, "out of range", "", 0);
    return static_cast<uint16_t>(value);
}

} // namespace detail

/** A player's file (PJSUA2's `AudioMediaPlayerInfo`). */
struct AudioMediaPlayerInfo {
    /** PJMEDIA_FORMAT_PCM, _ALAW or _ULAW. */
    pjmedia_format_id formatId = PJMEDIA_FORMAT_L16;
    /** Bits per stored sample. */
    unsigned payloadBitsPerSample = 0;
    /** Bytes of audio. */
    pj_uint32_t sizeBytes = 0;
    /** Samples. */
    pj_uint32_t sizeSamples = 0;
};

/** A WAV file (or a playlist) played into the bridge (PJSUA2's `AudioMediaPlayer`): PCM
 *  8/16 bits, A-law or u-law, any rate and channel count. Subclass it and override
 *  onEof2(). Not copyable. */
class AudioMediaPlayer : public AudioMedia {
  public:
    AudioMediaPlayer() {}
    /** Destroys the player (its port leaves the bridge). */
    virtual ~AudioMediaPlayer() {
        if (handle_ != 0)
            pjsua2rs_c::pjsua2rs_audio_media_player_destroy(handle_);
    }
    AudioMediaPlayer(const AudioMediaPlayer &) = delete;
    AudioMediaPlayer &operator=(const AudioMediaPlayer &) = delete;

    /** Plays `file_name`, over and over unless `options` has PJMEDIA_FILE_NO_LOOP. */
    void createPlayer(const string &file_name, unsigned options = 0) PJSUA2_THROW(Error) {
        detail::checkNotCreated(handle_, "AudioMediaPlayer::createPlayer()");
        pjsua2rs_c::pjsua2rs_endpoint ep =
            detail::instanceHandle("AudioMediaPlayer::createPlayer");
        pjsua2rs_c::pjsua2rs_audio_media_player_callbacks cb = callbacks();
        detail::check(pjsua2rs_c::pjsua2rs_audio_media_player_create(
            ep, file_name.c_str(), options, &cb, this, &handle_));
        adopt(ep);
    }

    /** Plays the files of `file_names` one after the other; the port is named `label`
     *  (default "WAV playlist"). */
    void createPlaylist(const StringVector &file_names, const string &label = "",
                        unsigned options = 0) PJSUA2_THROW(Error) {
        detail::checkNotCreated(handle_, "AudioMediaPlayer::createPlaylist()");
        pjsua2rs_c::pjsua2rs_endpoint ep =
            detail::instanceHandle("AudioMediaPlayer::createPlaylist");
        std::vector<const char *> files;
        for (const string &f : file_names)
            files.push_back(f.c_str());
        pjsua2rs_c::pjsua2rs_audio_media_player_callbacks cb = callbacks();
        detail::check(pjsua2rs_c::pjsua2rs_audio_media_player_create_playlist(
            ep, files.data(), files.size(), label.c_str(), options, &cb, this, &handle_));
        adopt(ep);
    }

    /** The file playing. */
    AudioMediaPlayerInfo getInfo() const PJSUA2_THROW(Error) {
        pjsua2rs_c::pjsua2rs_audio_media_player_info c;
        detail::check(pjsua2rs_c::pjsua2rs_audio_media_player_get_info(handle_, &c));
        AudioMediaPlayerInfo out;
        out.formatId = static_cast<pjmedia_format_id>(c.format_id);
        out.payloadBitsPerSample = c.payload_bits_per_sample;
        out.sizeBytes = static_cast<pj_uint32_t>(c.size_bytes);
        out.sizeSamples = static_cast<pj_uint32_t>(c.size_samples);
        return out;
    }

    /** The position in the file playing, in samples. */
    pj_uint32_t getPos() const PJSUA2_THROW(Error) {
        uint64_t pos = 0;
        detail::check(pjsua2rs_c::pjsua2rs_audio_media_player_get_pos(handle_, &pos));
        return static_cast<pj_uint32_t>(pos);
    }

    /** Moves to sample `samples` of the file playing. */
    void setPos(pj_uint32_t samples) PJSUA2_THROW(Error) {
        detail::check(pjsua2rs_c::pjsua2rs_audio_media_player_set_pos(handle_, samples));
    }

    /** `media` as a player (NULL if it is not one). */
    static AudioMediaPlayer *typecastFromAudioMedia(AudioMedia *media) {
        return dynamic_cast<AudioMediaPlayer *>(media);
    }

    /** The file (the playlist) has played to its end; a looping player goes on. Runs on
     *  the library's callback thread, or in libHandleEvents in poll mode. Does nothing
     *  unless overridden. */
    virtual void onEof2() {}

  private:
    static pjsua2rs_c::pjsua2rs_audio_media_player_callbacks callbacks() {
        pjsua2rs_c::pjsua2rs_audio_media_player_callbacks cb;
        detail::check(pjsua2rs_c::pjsua2rs_audio_media_player_callbacks_default(&cb, sizeof cb));
        cb.on_eof2 = &AudioMediaPlayer::eofThunk;
        return cb;
    }

    static void eofThunk(void *user_data) {
        try {
            static_cast<AudioMediaPlayer *>(user_data)->onEof2();
        } catch (const Error &e) {
            std::cerr << "pjsua2rs: AudioMediaPlayer::onEof2 threw " << e.info() << std::endl;
        } catch (const std::exception &e) {
            std::cerr << "pjsua2rs: AudioMediaPlayer::onEof2 threw " << e.what() << std::endl;
        } catch (...) {
            std::cerr << "pjsua2rs: AudioMediaPlayer::onEof2 threw" << std::endl;
        }
    }

    void adopt(pjsua2rs_c::pjsua2rs_endpoint ep) {
        ep_ = ep;
        detail::check(pjsua2rs_c::pjsua2rs_audio_media_player_get_port_id(handle_, &id));
    }

    pjsua2rs_c::pjsua2rs_audio_media_player handle_ = 0;
};

/** A WAV file recording what the port receives (PJSUA2's `AudioMediaRecorder`); the file
 *  is complete once the recorder is deleted. Not copyable. */
class AudioMediaRecorder : public AudioMedia {
  public:
    AudioMediaRecorder() {}
    /** Destroys the recorder, completing its file. */
    virtual ~AudioMediaRecorder() {
        if (handle_ != 0)
            pjsua2rs_c::pjsua2rs_audio_media_recorder_destroy(handle_);
    }
    AudioMediaRecorder(const AudioMediaRecorder &) = delete;
    AudioMediaRecorder &operator=(const AudioMediaRecorder &) = delete;

    /** Records to `file_name` (a .wav file) as 16-bit PCM, or G.711 with `options`
     *  PJMEDIA_FILE_WRITE_ALAW / _ULAW; at most `max_size` bytes of audio (0 or -1: no
     *  limit). `enc_type` must be 0, as in PJSUA2. */
    void createRecorder(const string &file_name, unsigned enc_type = 0, long max_size = 0,
                        unsigned options = 0) PJSUA2_THROW(Error) {
        detail::checkNotCreated(handle_, "AudioMediaRecorder::createRecorder()");
        if (enc_type != 0)
            throw Error(PJ_EINVAL, "AudioMediaRecorder::createRecorder()",
                        "enc_type must be 0", "", 0);
        pjsua2rs_c::pjsua2rs_endpoint ep =
            detail::instanceHandle("AudioMediaRecorder::createRecorder");
        detail::check(pjsua2rs_c::pjsua2rs_audio_media_recorder_create(
            ep, file_name.c_str(), max_size, options, &handle_));
        ep_ = ep;
        detail::check(pjsua2rs_c::pjsua2rs_audio_media_recorder_get_port_id(handle_, &id));
    }

    /** `media` as a recorder (NULL if it is not one). */
    static AudioMediaRecorder *typecastFromAudioMedia(AudioMedia *media) {
        return dynamic_cast<AudioMediaRecorder *>(media);
    }

  private:
    pjsua2rs_c::pjsua2rs_audio_media_recorder handle_ = 0;
};

/** One tone (PJSUA2's `ToneDesc`). */
struct ToneDesc {
    /** First frequency in Hz. */
    short freq1 = 0;
    /** Second frequency in Hz (0: one frequency). */
    short freq2 = 0;
    /** Milliseconds on. */
    short on_msec = 0;
    /** Milliseconds of silence after. */
    short off_msec = 0;
    /** Peak amplitude (0: the default, 12288). */
    short volume = 0;
    /** Must be 0. */
    short flags = 0;
};

/** A list of ToneDesc. */
typedef std::vector<ToneDesc> ToneDescVector;

/** One DTMF digit to play (PJSUA2's `ToneDigit`). */
struct ToneDigit {
    /** The digit. */
    char digit = 0;
    /** Milliseconds on. */
    short on_msec = 0;
    /** Milliseconds of silence after. */
    short off_msec = 0;
    /** Peak amplitude (0: the default). */
    short volume = 0;
};

/** A list of ToneDigit. */
typedef std::vector<ToneDigit> ToneDigitVector;

/** A digit's frequencies (PJSUA2's `ToneDigitMapDigit`). */
struct ToneDigitMapDigit {
    /** The digit (one character). */
    string digit;
    /** Low-group frequency in Hz. */
    int freq1 = 0;
    /** High-group frequency in Hz. */
    int freq2 = 0;
};

/** A list of ToneDigitMapDigit. */
typedef std::vector<ToneDigitMapDigit> ToneDigitMapVector;

/** Tones and DTMF digits played into the bridge (PJSUA2's `ToneGenerator`). Not
 *  copyable. */
class ToneGenerator : public AudioMedia {
  public:
    ToneGenerator() {}
    /** Destroys the generator. */
    ~ToneGenerator() {
        if (handle_ != 0)
            pjsua2rs_c::pjsua2rs_tone_generator_destroy(handle_);
    }
    ToneGenerator(const ToneGenerator &) = delete;
    ToneGenerator &operator=(const ToneGenerator &) = delete;

    /** Makes the generator's port. Tones are made at the bridge's rate and channel count;
     *  `clock_rate` and `channel_count` must not be 0 and are otherwise unused. */
    void createToneGenerator(unsigned clock_rate = 16000, unsigned channel_count = 1)
        PJSUA2_THROW(Error) {
        detail::checkNotCreated(handle_, "ToneGenerator::createToneGenerator()");
        if (clock_rate == 0 || channel_count == 0)
            throw Error(PJ_EINVAL, "ToneGenerator::createToneGenerator()",
                        "clock_rate and channel_count must not be 0", "", 0);
        pjsua2rs_c::pjsua2rs_endpoint ep =
            detail::instanceHandle("ToneGenerator::createToneGenerator");
        detail::check(pjsua2rs_c::pjsua2rs_tone_generator_create(ep, &handle_));
        ep_ = ep;
        detail::check(pjsua2rs_c::pjsua2rs_tone_generator_get_port_id(handle_, &id));
    }

    /** Whether tones are queued (false before createToneGenerator). */
    bool isBusy() const {
        bool busy = false;
        if (handle_ != 0)
            detail::check(pjsua2rs_c::pjsua2rs_tone_generator_is_busy(handle_, &busy));
        return busy;
    }

    /** Silences the generator and empties its queue. */
    void stop() PJSUA2_THROW(Error) {
        detail::check(pjsua2rs_c::pjsua2rs_tone_generator_stop(handle_));
    }

    /** Plays the queue again from its first tone. */
    void rewind() PJSUA2_THROW(Error) {
        detail::check(pjsua2rs_c::pjsua2rs_tone_generator_rewind(handle_));
    }

    /** Queues `tones`; with `loop` the queue repeats until stop(). */
    void play(const ToneDescVector &tones, bool loop = false) PJSUA2_THROW(Error) {
        std::vector<pjsua2rs_c::pjsua2rs_tone_desc> c(tones.size());
        for (size_t i = 0; i < tones.size(); i++) {
            if (tones[i].flags != 0)
                throw Error(PJ_ENOTSUP, "ToneGenerator::play()", "ToneDesc::flags must be 0",
                            "", 0);
            c[i].freq1 = detail::u16(tones[i].freq1, "ToneDesc::freq1");
            c[i].freq2 = detail::u16(tones[i].freq2, "ToneDesc::freq2");
            c[i].on_msec = detail::u16(tones[i].on_msec, "ToneDesc::on_msec");
            c[i].off_msec = detail::u16(tones[i].off_msec, "ToneDesc::off_msec");
            c[i].volume = tones[i].volume;
        }
        detail::check(pjsua2rs_c::pjsua2rs_tone_generator_play(handle_, c.data(), c.size(), loop));
    }

    /** Queues DTMF `digits`, each through the digit map. */
    void playDigits(const ToneDigitVector &digits, bool loop = false) PJSUA2_THROW(Error) {
        std::vector<pjsua2rs_c::pjsua2rs_tone_digit> c(digits.size());
        for (size_t i = 0; i < digits.size(); i++) {
            c[i].digit = digits[i].digit;
            c[i].on_msec = detail::u16(digits[i].on_msec, "ToneDigit::on_msec");
            c[i].off_msec = detail::u16(digits[i].off_msec, "ToneDigit::off_msec");
            c[i].volume = digits[i].volume;
        }
        detail::check(
            pjsua2rs_c::pjsua2rs_tone_generator_play_digits(handle_, c.data(), c.size(), loop));
    }

    /** The digit map (ITU-T Q.23's 16 digits by default). */
    ToneDigitMapVector getDigitMap() const PJSUA2_THROW(Error) {
        size_t count = 0;
        detail::check(
            pjsua2rs_c::pjsua2rs_tone_generator_get_digit_map(handle_, nullptr, 0, &count));
        std::vector<pjsua2rs_c::pjsua2rs_tone_digit_map_digit> c(count);
        detail::check(pjsua2rs_c::pjsua2rs_tone_generator_get_digit_map(handle_, c.data(),
                                                                         c.size(), &count));
        ToneDigitMapVector out;
        for (size_t i = 0; i < count && i < c.size(); i++) {
            ToneDigitMapDigit d;
            d.digit = string(1, c[i].digit);
            d.freq1 = c[i].freq1;
            d.freq2 = c[i].freq2;
            out.push_back(d);
        }
        return out;
    }

    /** Replaces the digit map. */
    void setDigitMap(const ToneDigitMapVector &digit_map) PJSUA2_THROW(Error) {
        std::vector<pjsua2rs_c::pjsua2rs_tone_digit_map_digit> c(digit_map.size());
        for (size_t i = 0; i < digit_map.size(); i++) {
            if (digit_map[i].digit.size() != 1)
                throw Error(PJ_EINVAL, "ToneGenerator::setDigitMap()",
                            "a digit is one character", "", 0);
            c[i].digit = digit_map[i].digit[0];
            c[i].freq1 = detail::u16(digit_map[i].freq1, "ToneDigitMapDigit::freq1");
            c[i].freq2 = detail::u16(digit_map[i].freq2, "ToneDigitMapDigit::freq2");
        }
        detail::check(
            pjsua2rs_c::pjsua2rs_tone_generator_set_digit_map(handle_, c.data(), c.size()));
    }

  private:
    pjsua2rs_c::pjsua2rs_tone_generator handle_ = 0;
};

} // namespace pj

#endif /* PJSUA2RS_MEDIA_OBJECTS_HPP */
