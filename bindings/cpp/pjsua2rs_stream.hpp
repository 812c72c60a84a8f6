/*
 * pjsua2rs_stream.hpp: PJSUA2's media stream types of Call::getStreamInfo and
 * Call::getStreamStat (StreamInfo, StreamStat, RtcpStat, RtcpStreamStat, MathStat,
 * LossType, RtcpSdes, JbufState) read from the pjsua2rs C ABI's structs, and the jitter
 * buffer settings each Endpoint was initialised with. Included by pjsua2rs.hpp after
 * pjsua2rs_codec.hpp and pjsua2rs_call_types.hpp (TimeVal); do not include it alone.
 *
 * Members the C ABI does not report keep their defaults: StreamInfo::audCodecParam and
 * rtcpSdesByeDisabled; RtcpStat's start, rxIpdvUsec, rxRawJitterUsec and peerSdes;
 * RtcpStreamStat's update and lossType. StreamInfo's jitter buffer members are the
 * endpoint's MediaConfig values, which its streams use, as in PJSUA2. PJSUA2's
 * StreamInfo::vidCodecParam (video) is left out.
 */
#ifndef PJSUA2RS_STREAM_HPP
#define PJSUA2RS_STREAM_HPP

#include <map>
#include <mutex>

namespace pj {

/** Figures of a series (PJSUA2's `MathStat`). */
struct MathStat {
    /** Samples. */
    int n = 0;
    /** Largest. */
    int max = 0;
    /** Smallest. */
    int min = 0;
    /** Latest. */
    int last = 0;
    /** Mean. */
    int mean = 0;
};

/** How losses came (PJSUA2's `LossType`; not reported by pjsua2rs: 0). */
struct LossType {
    /** Burst losses. */
    unsigned burst = 0;
    /** Random losses. */
    unsigned random = 0;
};

/** One direction of a stream (PJSUA2's `RtcpStreamStat`). */
struct RtcpStreamStat {
    /** Time of the last update (not reported by pjsua2rs). */
    TimeVal update;
    /** Reports that updated these figures. */
    unsigned updateCount = 0;
    /** Packets. */
    unsigned pkt = 0;
    /** Payload bytes. */
    unsigned bytes = 0;
    /** Packets discarded. */
    unsigned discard = 0;
    /** Packets lost. */
    unsigned loss = 0;
    /** Packets out of order. */
    unsigned reorder = 0;
    /** Duplicates. */
    unsigned dup = 0;
    /** Loss periods, microseconds. */
    MathStat lossPeriodUsec;
    /** Types of loss (not reported by pjsua2rs). */
    LossType lossType;
    /** Interarrival jitter, microseconds. */
    MathStat jitterUsec;
};

/** The peer's RTCP source description (PJSUA2's `RtcpSdes`; not reported by pjsua2rs:
 *  empty). */
struct RtcpSdes {
    /** CNAME. */
    string cname;
    /** NAME. */
    string name;
    /** EMAIL. */
    string email;
    /** PHONE. */
    string phone;
    /** LOC. */
    string loc;
    /** TOOL. */
    string tool;
    /** NOTE. */
    string note;
};

/** A stream's RTP/RTCP statistics (PJSUA2's `RtcpStat`). */
struct RtcpStat {
    /** When the session was created (not reported by pjsua2rs). */
    TimeVal start;
    /** What we sent. */
    RtcpStreamStat txStat;
    /** What we received. */
    RtcpStreamStat rxStat;
    /** Round-trip time, microseconds. */
    MathStat rttUsec;
    /** Timestamp of the last RTP packet sent. */
    pj_uint32_t rtpTxLastTs = 0;
    /** Sequence number of the last RTP packet sent. */
    pj_uint16_t rtpTxLastSeq = 0;
    /** IP packet delay variation received (not reported by pjsua2rs). */
    MathStat rxIpdvUsec;
    /** Raw jitter received (not reported by pjsua2rs). */
    MathStat rxRawJitterUsec;
    /** The peer's source description (not reported by pjsua2rs). */
    RtcpSdes peerSdes;
};

/** A stream's jitter buffer (PJSUA2's `JbufState`). */
struct JbufState {
    /** Largest frame, bytes. */
    unsigned frameSize = 0;
    /** Least prefetch, frames. */
    unsigned minPrefetch = 0;
    /** Most prefetch, frames. */
    unsigned maxPrefetch = 0;
    /** Current burst level, frames. */
    unsigned burst = 0;
    /** Current prefetch, frames. */
    unsigned prefetch = 0;
    /** Current size, frames. */
    unsigned size = 0;
    /** Average delay, ms. */
    unsigned avgDelayMsec = 0;
    /** Least delay, ms. */
    unsigned minDelayMsec = 0;
    /** Most delay, ms. */
    unsigned maxDelayMsec = 0;
    /** Delay deviation, ms. */
    unsigned devDelayMsec = 0;
    /** Average burst, frames. */
    unsigned avgBurst = 0;
    /** Frames lost. */
    unsigned lost = 0;
    /** Frames discarded. */
    unsigned discard = 0;
    /** Empty gets. */
    unsigned empty = 0;
};

/** A stream's statistics (PJSUA2's `StreamStat`). */
struct StreamStat {
    /** RTP/RTCP statistics. */
    RtcpStat rtcp;
    /** The jitter buffer. */
    JbufState jbuf;
};

/** An audio stream of a call (PJSUA2's `StreamInfo`). */
struct StreamInfo {
    /** PJMEDIA_TYPE_AUDIO. */
    pjmedia_type type = PJMEDIA_TYPE_NONE;
    /** The transport protocol, as the C ABI reports it. */
    pjmedia_tp_proto proto = PJMEDIA_TP_PROTO_NONE;
    /** PJMEDIA_DIR_ENCODING, _DECODING or both. */
    pjmedia_dir dir = PJMEDIA_DIR_NONE;
    /** Where RTP goes ("ip:port"). */
    SocketAddress remoteRtpAddress;
    /** Where RTCP goes. */
    SocketAddress remoteRtcpAddress;
    /** Payload type sent. */
    unsigned txPt = 0;
    /** Payload type received. */
    unsigned rxPt = 0;
    /** Telephone-event payload type sent (-1: none). */
    int audTxEventPt = 0;
    /** Telephone-event payload type received (-1: none). */
    int audRxEventPt = 0;
    /** The codec's encoding name ("PCMA"). */
    string codecName;
    /** The codec's RTP clock rate. */
    unsigned codecClockRate = 0;
    /** The codec's parameters (not reported by pjsua2rs: defaults). */
    CodecParam audCodecParam;
    /** MediaConfig::jbInit of the endpoint. */
    int jbInit = -1;
    /** MediaConfig::jbMinPre of the endpoint. */
    int jbMinPre = -1;
    /** MediaConfig::jbMaxPre of the endpoint. */
    int jbMaxPre = -1;
    /** MediaConfig::jbMax of the endpoint. */
    int jbMax = -1;
    /** MediaConfig::jbDiscardAlgo of the endpoint. */
    pjmedia_jb_discard_algo jbDiscardAlgo = PJMEDIA_JB_DISCARD_NONE;
    /** Automatic RTCP SDES and BYE disabled (not reported by pjsua2rs: false). */
    bool rtcpSdesByeDisabled = false;
};

namespace detail {

/** The jitter buffer settings of a MediaConfig. */
struct JbSettings {
    int init, minPre, maxPre, max, discardAlgo;
};

/** The lock of jbSettings(). */
inline std::mutex &jbLock() {
    static std::mutex lock;
    return lock;
}

/** The jitter buffer settings each endpoint (by handle) was initialised with. */
inline std::map<pjsua2rs_c::pjsua2rs_endpoint, JbSettings> &jbSettings() {
    static std::map<pjsua2rs_c::pjsua2rs_endpoint, JbSettings> settings;
    return settings;
}

/** Records the jitter buffer settings endpoint `ep` was initialised with. */
inline void rememberJb(pjsua2rs_c::pjsua2rs_endpoint ep,
                       const pjsua2rs_c::pjsua2rs_media_config &m) {
    std::lock_guard<std::mutex> guard(jbLock());
    jbSettings()[ep] = JbSettings{m.jb_init, m.jb_min_pre, m.jb_max_pre, m.jb_max,
                                  m.jb_discard_algo};
}

/** Forgets them when endpoint `ep` is destroyed. */
inline void forgetJb(pjsua2rs_c::pjsua2rs_endpoint ep) {
    std::lock_guard<std::mutex> guard(jbLock());
    jbSettings().erase(ep);
}

/** A StreamInfo from its C struct, with the jitter buffer settings of endpoint `ep`
 *  (the defaults once it is destroyed). */
inline StreamInfo streamInfoFromC(const pjsua2rs_c::pjsua2rs_stream_info &c,
                                  pjsua2rs_c::pjsua2rs_endpoint ep) {
    StreamInfo out;
    out.type = static_cast<pjmedia_type>(c.media_type);
    out.proto = static_cast<pjmedia_tp_proto>(c.proto);
    out.dir = static_cast<pjmedia_dir>(c.dir);
    out.remoteRtpAddress = fromC(c.remote_rtp_address);
    out.remoteRtcpAddress = fromC(c.remote_rtcp_address);
    out.txPt = c.tx_pt;
    out.rxPt = c.rx_pt;
    out.audTxEventPt = c.tx_event_pt;
    out.audRxEventPt = c.rx_event_pt;
    out.codecName = fromC(c.codec_name);
    out.codecClockRate = c.codec_clock_rate;
    std::lock_guard<std::mutex> guard(jbLock());
    auto it = jbSettings().find(ep);
    if (it != jbSettings().end()) {
        out.jbInit = it->second.init;
        out.jbMinPre = it->second.minPre;
        out.jbMaxPre = it->second.maxPre;
        out.jbMax = it->second.max;
        out.jbDiscardAlgo = static_cast<pjmedia_jb_discard_algo>(it->second.discardAlgo);
    }
    return out;
}

/** A MathStat from its C struct. */
inline MathStat mathFromC(const pjsua2rs_c::pjsua2rs_math_stat &c) {
    MathStat out;
    out.n = static_cast<int>(c.n);
    out.max = static_cast<int>(c.max);
    out.min = static_cast<int>(c.min);
    out.last = static_cast<int>(c.last);
    out.mean = static_cast<int>(c.mean);
    return out;
}

/** An RtcpStreamStat from its C struct. */
inline RtcpStreamStat directionFromC(const pjsua2rs_c::pjsua2rs_rtcp_stream_stat &c) {
    RtcpStreamStat out;
    out.updateCount = c.update_cnt;
    out.pkt = static_cast<unsigned>(c.pkt);
    out.bytes = static_cast<unsigned>(c.bytes);
    out.discard = c.discard;
    out.loss = c.loss;
    out.reorder = c.reorder;
    out.dup = c.dup;
    out.lossPeriodUsec = mathFromC(c.loss_period_usec);
    out.jitterUsec = mathFromC(c.jitter_usec);
    return out;
}

/** A StreamStat from its C struct. */
inline StreamStat streamStatFromC(const pjsua2rs_c::pjsua2rs_stream_stat &c) {
    StreamStat out;
    out.rtcp.txStat = directionFromC(c.tx_stat);
    out.rtcp.rxStat = directionFromC(c.rx_stat);
    out.rtcp.rttUsec = mathFromC(c.rtt_usec);
    out.rtcp.rtpTxLastTs = c.rtp_tx_last_ts;
    out.rtcp.rtpTxLastSeq = c.rtp_tx_last_seq;
    JbufState &j = out.jbuf;
    j.frameSize = c.jbuf.frame_size;
    j.minPrefetch = c.jbuf.min_prefetch;
    j.maxPrefetch = c.jbuf.max_prefetch;
    j.burst = c.jbuf.burst;
    j.prefetch = c.jbuf.prefetch;
    j.size = c.jbuf.size;
    j.avgDelayMsec = c.jbuf.avg_delay_msec;
    j.minDelayMsec = c.jbuf.min_delay_msec;
    j.maxDelayMsec = c.jbuf.max_delay_msec;
    j.devDelayMsec = c.jbuf.dev_delay_msec;
    j.avgBurst = c.jbuf.avg_burst;
    j.lost = c.jbuf.lost;
    j.discard = c.jbuf.discard;
    j.empty = c.jbuf.empty;
    return out;
}

} // namespace detail

} // namespace pj

#endif /* PJSUA2RS_STREAM_HPP */
