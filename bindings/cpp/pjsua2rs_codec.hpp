/*
 * pjsua2rs_codec.hpp: PJSUA2's codec value types (CodecInfo, CodecFmtp, CodecParamInfo,
 * CodecParamSetting, CodecParam) and their conversions to and from the pjsua2rs C ABI's
 * structs, for Endpoint::codecEnum2 / codecGetParam / codecSetParam and
 * Call::getStreamInfo. Included by pjsua2rs.hpp before pjsua2rs_endpoint.hpp; do not
 * include it alone.
 *
 * The C ABI carries every member except CodecParamInfo's fmtId, frameLenDenum,
 * encFrameLen and encFrameLenDenum and CodecParamSetting::reserved: they read as their
 * defaults (the values PJSUA2 reports for the audio codecs), and codecSetParam throws
 * Error(PJ_ENOTSUP) naming one that is set, rather than ignoring it.
 */
#ifndef PJSUA2RS_CODEC_HPP
#define PJSUA2RS_CODEC_HPP

namespace pj {

/** A codec of the endpoint (PJSUA2's `CodecInfo`). */
struct CodecInfo {
    /** "name/clock_rate/channels", e.g. "PCMU/8000/1". */
    string codecId;
    /** 0 disables the codec; higher is offered first. */
    pj_uint8_t priority = 0;
    /** A description (empty for the built-in codecs, as in PJSUA2). */
    string desc;
};

/** A list of CodecInfo. */
typedef std::vector<CodecInfo> CodecInfoVector2;

/** One fmtp parameter of a codec (PJSUA2's `CodecFmtp`). */
struct CodecFmtp {
    /** Its name. */
    string name;
    /** Its value. */
    string val;
};

/** A list of CodecFmtp. */
typedef std::vector<CodecFmtp> CodecFmtpVector;

/** A codec's fixed figures (PJSUA2's `CodecParamInfo`). */
struct CodecParamInfo {
    /** Sampling rate in Hz. */
    unsigned clockRate = 0;
    /** Channels. */
    unsigned channelCnt = 0;
    /** Average bits per second. */
    unsigned avgBps = 0;
    /** Highest bits per second. */
    unsigned maxBps = 0;
    /** Largest payload the decoder takes (0: any). */
    unsigned maxRxFrameSize = 0;
    /** Milliseconds per codec frame. */
    unsigned frameLen = 0;
    /** Not carried by pjsua2rs (0). */
    unsigned frameLenDenum = 0;
    /** Not carried by pjsua2rs (0). */
    unsigned encFrameLen = 0;
    /** Not carried by pjsua2rs (0). */
    unsigned encFrameLenDenum = 0;
    /** Bits per PCM sample. */
    unsigned pcmBitsPerSample = 0;
    /** Payload type. */
    unsigned pt = 0;
    /** Not carried by pjsua2rs (PJMEDIA_FORMAT_L16). */
    pjmedia_format_id fmtId = PJMEDIA_FORMAT_L16;
};

/** A codec's settings (PJSUA2's `CodecParamSetting`). */
struct CodecParamSetting {
    /** Codec frames per packet. */
    unsigned frmPerPkt = 0;
    /** Voice activity detection. */
    bool vad = false;
    /** Comfort noise. */
    bool cng = false;
    /** Perceptual enhancement. */
    bool penh = false;
    /** Packet loss concealment. */
    bool plc = false;
    /** Not carried by pjsua2rs (false). */
    bool reserved = false;
    /** The remote's fmtp for our encoder (at most PJSUA2RS_MAX_CODEC_FMTP). */
    CodecFmtpVector encFmtp;
    /** Our fmtp for our decoder (at most PJSUA2RS_MAX_CODEC_FMTP). */
    CodecFmtpVector decFmtp;
    /** Expected loss, percent (Opus). */
    unsigned packetLoss = 0;
    /** Complexity 0-10 (Opus). */
    unsigned complexity = 0;
    /** Constant bit rate (Opus). */
    bool cbr = false;
};

/** A codec's parameters (PJSUA2's `CodecParam`). */
struct CodecParam {
    /** The fixed figures. */
    CodecParamInfo info;
    /** The settings. */
    CodecParamSetting setting;
};

namespace detail {

/** A CodecInfo from its C struct. */
inline CodecInfo codecInfoFromC(const pjsua2rs_c::pjsua2rs_codec_info &c) {
    CodecInfo out;
    out.codecId = fromC(c.codec_id);
    out.priority = c.priority;
    return out;
}

/** The first `count` fmtp parameters of a C array. */
inline CodecFmtpVector fmtpFromC(const pjsua2rs_c::pjsua2rs_codec_fmtp *src, uint32_t count) {
    CodecFmtpVector out;
    for (uint32_t i = 0; i < count && i < PJSUA2RS_MAX_CODEC_FMTP; i++)
        out.push_back(CodecFmtp{fromC(src[i].name), fromC(src[i].val)});
    return out;
}

/** A CodecParam from its C struct. */
inline CodecParam codecParamFromC(const pjsua2rs_c::pjsua2rs_codec_param &c) {
    CodecParam out;
    CodecParamInfo &i = out.info;
    i.clockRate = c.clock_rate;
    i.channelCnt = c.channel_cnt;
    i.avgBps = c.avg_bps;
    i.maxBps = c.max_bps;
    i.maxRxFrameSize = c.max_rx_frame_size;
    i.frameLen = c.frame_len;
    i.pcmBitsPerSample = c.pcm_bits_per_sample;
    i.pt = c.pt;
    CodecParamSetting &s = out.setting;
    s.frmPerPkt = c.frm_per_pkt;
    s.vad = c.vad;
    s.cng = c.cng;
    s.penh = c.penh;
    s.plc = c.plc;
    s.packetLoss = c.packet_loss;
    s.complexity = c.complexity;
    s.cbr = c.cbr;
    s.encFmtp = fmtpFromC(c.enc_fmtp, c.enc_fmtp_count);
    s.decFmtp = fmtpFromC(c.dec_fmtp, c.dec_fmtp_count);
    return out;
}

/** Copies fmtp parameters into a C array; Error(PJ_EINVAL) naming `label` when there
 *  are too many. Returns the count. */
inline uint32_t fmtpToC(const CodecFmtpVector &v, pjsua2rs_c::pjsua2rs_codec_fmtp *dst,
                        const string &label, const char *title) {
    if (v.size() > PJSUA2RS_MAX_CODEC_FMTP)
        throw Error(PJ_EINVAL, title,
                    label + " has " + std::to_string(v.size()) + " parameters (at most " +
                        std::to_string(PJSUA2RS_MAX_CODEC_FMTP) + ")",
                    "", 0);
    for (size_t i = 0; i < v.size(); i++) {
        toC(dst[i].name, v[i].name, (label + ".name").c_str());
        toC(dst[i].val, v[i].val, (label + ".val").c_str());
    }
    return static_cast<uint32_t>(v.size());
}

/** A CodecParam as its C struct; `title` names the operation in errors. */
inline pjsua2rs_c::pjsua2rs_codec_param codecParamToC(const CodecParam &p, const char *title) {
    const CodecParamInfo &i = p.info;
    const CodecParamSetting &s = p.setting;
    struct Unsupported {
        const char *label;
        bool set;
    };
    const Unsupported unsupported[] = {
        {"CodecParamInfo.fmtId", i.fmtId != PJMEDIA_FORMAT_L16},
        {"CodecParamInfo.frameLenDenum", i.frameLenDenum != 0},
        {"CodecParamInfo.encFrameLen", i.encFrameLen != 0},
        {"CodecParamInfo.encFrameLenDenum", i.encFrameLenDenum != 0},
        {"CodecParamSetting.reserved", s.reserved},
    };
    for (const Unsupported &u : unsupported)
        if (u.set)
            throw Error(PJ_ENOTSUP, title, string(u.label) + " cannot be set (it must stay " +
                                               "its default)",
                        "", 0);
    pjsua2rs_c::pjsua2rs_codec_param c;
    std::memset(&c, 0, sizeof c);
    c.clock_rate = i.clockRate;
    c.channel_cnt = i.channelCnt;
    c.avg_bps = i.avgBps;
    c.max_bps = i.maxBps;
    c.max_rx_frame_size = i.maxRxFrameSize;
    c.frame_len = i.frameLen;
    c.pcm_bits_per_sample = i.pcmBitsPerSample;
    c.pt = i.pt;
    c.frm_per_pkt = s.frmPerPkt;
    c.vad = s.vad;
    c.cng = s.cng;
    c.penh = s.penh;
    c.plc = s.plc;
    c.packet_loss = s.packetLoss;
    c.complexity = s.complexity;
    c.cbr = s.cbr;
    c.enc_fmtp_count = fmtpToC(s.encFmtp, c.enc_fmtp, "CodecParamSetting.encFmtp", title);
    c.dec_fmtp_count = fmtpToC(s.decFmtp, c.dec_fmtp, "CodecParamSetting.decFmtp", title);
    return c;
}

} // namespace detail

} // namespace pj

#endif /* PJSUA2RS_CODEC_HPP */
