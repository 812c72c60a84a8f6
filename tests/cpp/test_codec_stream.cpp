/* Codecs and call streams through the C++ binding (poll mode, null sound device):
 * Endpoint::codecEnum2 with PJSUA2's ids, codecSetPriority ordering and disabling,
 * codecGetParam / codecSetParam; two endpoints negotiating PCMA when PCMU is off (the
 * disabled codec left out of the offer), seen in Call::getStreamInfo with the jitter
 * buffer settings of each endpoint's MediaConfig; Call::getStreamStat showing packets
 * flowing both ways, and one way on hold; and the errors as pj::Error. */
#include "check.hpp"

#include <chrono>
#include <memory>
#include <thread>

using namespace pj;

static const int WAIT_SECS = 10;

/* Records its media state changes. */
class StreamCall : public Call {
  public:
    StreamCall(Account &acc, int call_id = PJSUA_INVALID_ID) : Call(acc, call_id) {}
    bool media = false;
    bool disconnected = false;
    virtual void onCallMediaState(OnCallMediaStateParam &) { media = true; }
    virtual void onCallState(OnCallStateParam &) {
        disconnected = getInfo().state == PJSIP_INV_STATE_DISCONNECTED;
    }
};

/* Takes its incoming calls, answering 200 when `answer` is set; keeps the INVITE. */
class StreamAccount : public Account {
  public:
    std::unique_ptr<StreamCall> incoming;
    string invite;
    bool answer = true;

    ~StreamAccount() { shutdown(); }

    virtual void onIncomingCall(OnIncomingCallParam &prm) {
        incoming.reset(new StreamCall(*this, prm.callId));
        invite = prm.rdata.wholeMsg;
        if (answer) {
            CallOpParam op;
            op.statusCode = PJSIP_SC_OK;
            incoming->answer(op);
        }
    }
};

/* An endpoint with a UDP transport on 127.0.0.1 and the account sip:<user>@127.0.0.1;
 * `cfg` is its EpConfig. */
struct Phone {
    Endpoint ep;
    StreamAccount acc;
    string uri;

    Phone(const string &user, const EpConfig &cfg) {
        ep.libCreate();
        ep.libInit(cfg);
        TransportId tid = ep.transportCreate(PJSIP_TRANSPORT_UDP, loopback());
        ep.audDevManager().setNullDev();
        ep.libStart();
        string addr = ep.transportGetInfo(tid).localAddress;
        uri = "sip:" + user + "@127.0.0.1:" + addr.substr(addr.rfind(':') + 1);
        AccountConfig acfg;
        acfg.idUri = "sip:" + user + "@127.0.0.1";
        acc.create(acfg);
    }
};

/* Pumps both endpoints until `done()`; false after WAIT_SECS. */
template <typename F> static bool until(Phone &a, Phone &b, F done) {
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(WAIT_SECS);
    while (!done()) {
        if (std::chrono::steady_clock::now() > deadline)
            return false;
        a.ep.libHandleEvents(2);
        b.ep.libHandleEvents(2);
    }
    return true;
}

/* Pumps both endpoints for `ms` milliseconds. */
static void pumpFor(Phone &a, Phone &b, int ms) {
    auto end = std::chrono::steady_clock::now() + std::chrono::milliseconds(ms);
    until(a, b, [&] { return std::chrono::steady_clock::now() > end; });
}

static std::vector<std::pair<string, int>> enumerated(const Endpoint &ep) {
    std::vector<std::pair<string, int>> out;
    for (const CodecInfo &c : ep.codecEnum2())
        out.push_back({c.codecId, c.priority});
    return out;
}

static void codecs() {
    Endpoint ep;
    ep.libCreate();
    ep.libInit(quietConfig());
    ep.audDevManager().setNullDev();
    ep.libStart();
    CodecInfoVector2 list = ep.codecEnum2();
    const char *ids[] = {"PCMU/8000/1", "PCMA/8000/1", "G722/16000/1", "opus/48000/2"};
    CHECK(list.size() == 4);
    for (size_t i = 0; i < list.size() && i < 4; i++)
        CHECK(list[i].codecId == ids[i] && list[i].priority == 128 && list[i].desc.empty());

    ep.codecSetPriority("opus/48000/2", 200);
    ep.codecSetPriority("pcmu", 0); // a prefix, without case
    ep.codecSetPriority("G722", 129);
    std::vector<std::pair<string, int>> want = {
        {"opus/48000/2", 200}, {"G722/16000/1", 129}, {"PCMA/8000/1", 128}, {"PCMU/8000/1", 0}};
    CHECK(enumerated(ep) == want);
    ep.codecSetPriority("", 100);
    for (const CodecInfo &c : ep.codecEnum2())
        CHECK(c.priority == 100);

    CodecParam p = ep.codecGetParam("PCMU/8000/1");
    const CodecParamInfo &i = p.info;
    // PJSUA2 2.15.1 reports the same for PCMU.
    CHECK(i.clockRate == 8000 && i.channelCnt == 1 && i.avgBps == 64000 && i.maxBps == 64000);
    CHECK(i.maxRxFrameSize == 0 && i.frameLen == 10 && i.pcmBitsPerSample == 16 && i.pt == 0);
    CHECK(i.fmtId == PJMEDIA_FORMAT_L16);
    CHECK(p.setting.frmPerPkt == 2 && p.setting.vad && !p.setting.cng && p.setting.plc);
    CHECK(p.setting.encFmtp.empty() && p.setting.decFmtp.empty());
    CHECK(ep.codecGetParam("G722").info.pt == 9);
    CodecParam opus = ep.codecGetParam("opus");
    CHECK(opus.info.clockRate == 48000 && opus.info.pt == 119);
    CHECK(opus.setting.decFmtp.size() == 1 && opus.setting.decFmtp[0].name == "useinbandfec" &&
          opus.setting.decFmtp[0].val == "1");

    p.setting.frmPerPkt = 4;
    p.setting.decFmtp.push_back(CodecFmtp{"x-test", "1"});
    ep.codecSetParam("PCMU", p);
    CodecParam got = ep.codecGetParam("PCMU");
    CHECK(got.setting.frmPerPkt == 4);
    CHECK(got.setting.decFmtp.size() == 1 && got.setting.decFmtp[0].name == "x-test");

    EXPECT_ERROR(ep.codecSetPriority("speex", 10), PJ_ENOTFOUND);
    EXPECT_ERROR(ep.codecGetParam("nosuch/8000/1"), PJ_ENOTFOUND);
    EXPECT_ERROR(ep.codecSetParam("nosuch", CodecParam()), PJ_ENOTFOUND);
    CodecParam bad = ep.codecGetParam("PCMU");
    bad.setting.decFmtp.assign(9, CodecFmtp());
    EXPECT_ERROR(ep.codecSetParam("PCMU", bad), PJ_EINVAL);
    bad.setting.decFmtp.assign(1, CodecFmtp{string(32, 'n'), "1"});
    EXPECT_ERROR(ep.codecSetParam("PCMU", bad), PJ_ENAMETOOLONG);
    bad = ep.codecGetParam("PCMU");
    bad.info.frameLenDenum = 1;
    try {
        ep.codecSetParam("PCMU", bad);
        CHECK(!"no Error for frameLenDenum");
    } catch (const Error &e) {
        CHECK(e.status == PJ_ENOTSUP && e.reason.find("frameLenDenum") != string::npos);
    }
    bad = ep.codecGetParam("PCMU");
    bad.info.clockRate = 16000; // not a rate PCMU has
    EXPECT_ERROR(ep.codecSetParam("PCMU", bad), PJ_EINVAL);
    CHECK(ep.codecGetParam("PCMU").info.clockRate == 8000);
    ep.libDestroy();
    EXPECT_ERROR(ep.codecEnum2(), PJSUA2RS_ERR_INVALID_HANDLE);
}

/* Alice offers every codec but G722 and has her own jitter buffer settings; Bob accepts
 * neither PCMU nor G722: PCMA is negotiated. */
static void negotiatedStream() {
    EpConfig acfg = quietConfig();
    acfg.medConfig.jbInit = 2;
    acfg.medConfig.jbMinPre = 1;
    acfg.medConfig.jbMaxPre = 8;
    acfg.medConfig.jbMax = 30;
    acfg.medConfig.jbDiscardAlgo = PJMEDIA_JB_DISCARD_STATIC;
    Phone a("alice", acfg), b("bob", quietConfig());
    a.ep.codecSetPriority("G722", 0);
    b.ep.codecSetPriority("PCMU", 0);
    b.ep.codecSetPriority("G722", 0);
    StreamCall out(a.acc);
    out.makeCall(b.uri, CallOpParam(true));
    CHECK(until(a, b, [&] { return out.media && b.acc.incoming && b.acc.incoming->media; }));
    if (!b.acc.incoming)
        return;
    StreamCall &inc = *b.acc.incoming;
    CHECK(b.acc.invite.find("\na=rtpmap:0 PCMU/8000") != string::npos);
    CHECK(b.acc.invite.find(" G722/") == string::npos);

    StreamInfo ai = out.getStreamInfo(0), bi = inc.getStreamInfo(0);
    for (const StreamInfo *si : {&ai, &bi}) {
        CHECK(si->type == PJMEDIA_TYPE_AUDIO && si->dir == PJMEDIA_DIR_ENCODING_DECODING);
        CHECK(si->codecName == "PCMA" && si->codecClockRate == 8000);
        CHECK(si->txPt == 8 && si->rxPt == 8);
        CHECK(si->audTxEventPt > 95 && si->audRxEventPt > 95);
        CHECK(si->remoteRtpAddress.compare(0, 10, "127.0.0.1:") == 0);
    }
    CHECK(ai.remoteRtpAddress != bi.remoteRtpAddress);
    CHECK(ai.jbInit == 2 && ai.jbMinPre == 1 && ai.jbMaxPre == 8 && ai.jbMax == 30 &&
          ai.jbDiscardAlgo == PJMEDIA_JB_DISCARD_STATIC);
    CHECK(bi.jbInit == -1 && bi.jbMax == -1 &&
          bi.jbDiscardAlgo == PJMEDIA_JB_DISCARD_PROGRESSIVE);
    CHECK(inc.getStreamInfo(static_cast<unsigned>(-1)).codecName == "PCMA");

    // Both sides send 20 ms of PCMA per packet (silence without a source).
    pumpFor(a, b, 1000);
    StreamStat first = out.getStreamStat(0);
    pumpFor(a, b, 500);
    StreamStat sent = out.getStreamStat(0), heard = inc.getStreamStat(0);
    const RtcpStreamStat &tx = sent.rtcp.txStat, &rx = heard.rtcp.rxStat;
    CHECK(tx.pkt >= 50 && tx.bytes == 160 * tx.pkt);
    unsigned more = tx.pkt - first.rtcp.txStat.pkt;
    CHECK(more >= 15 && more <= 40);
    CHECK(static_cast<pj_uint16_t>(sent.rtcp.rtpTxLastSeq - first.rtcp.rtpTxLastSeq) == more);
    CHECK(sent.rtcp.rtpTxLastTs - first.rtcp.rtpTxLastTs == 160 * more);
    CHECK(rx.pkt >= tx.pkt * 8 / 10 && rx.pkt <= tx.pkt);
    CHECK(rx.loss == 0 && rx.dup == 0);
    CHECK(rx.jitterUsec.n > 10 && rx.jitterUsec.min <= rx.jitterUsec.mean &&
          rx.jitterUsec.mean <= rx.jitterUsec.max);
    CHECK(heard.jbuf.frameSize == 80 && heard.jbuf.maxPrefetch > 0); // 10 ms PCMU frames
    CHECK(heard.rtcp.txStat.pkt >= 50 && sent.rtcp.rxStat.pkt >= 40);

    // On hold the stream flows one way: Alice (sendonly) sends, Bob (recvonly) receives.
    out.setHold(CallOpParam(true));
    CHECK(until(a, b, [&] { return out.getStreamInfo(0).dir == PJMEDIA_DIR_ENCODING; }));
    CHECK(until(a, b, [&] { return inc.getStreamInfo(0).dir == PJMEDIA_DIR_DECODING; }));
    pumpFor(a, b, 200);
    StreamStat a1 = out.getStreamStat(0), b1 = inc.getStreamStat(0);
    pumpFor(a, b, 600);
    StreamStat a2 = out.getStreamStat(0), b2 = inc.getStreamStat(0);
    CHECK(a2.rtcp.txStat.pkt - a1.rtcp.txStat.pkt >= 20);
    CHECK(b2.rtcp.rxStat.pkt - b1.rtcp.rxStat.pkt >= 20);
    CHECK(a2.rtcp.rxStat.pkt - a1.rtcp.rxStat.pkt <= 2);
    CHECK(b2.rtcp.txStat.pkt - b1.rtcp.txStat.pkt <= 2);

    EXPECT_ERROR(out.getStreamStat(1), PJ_EINVALIDOP);
    out.hangup(CallOpParam());
    CHECK(until(a, b, [&] { return out.disconnected && inc.disconnected; }));
    try {
        out.getStreamStat(0);
        CHECK(!"no Error after the call ended");
    } catch (const Error &) {
    }
}

static void noStreamYet() {
    Phone a("alice", quietConfig()), b("bob", quietConfig());
    b.acc.answer = false;
    StreamCall out(a.acc);
    out.makeCall(b.uri, CallOpParam(true));
    CHECK(until(a, b, [&] { return b.acc.incoming != nullptr; }));
    EXPECT_ERROR(out.getStreamInfo(0), PJ_EINVALIDOP);
    if (b.acc.incoming)
        EXPECT_ERROR(b.acc.incoming->getStreamStat(0), PJ_EINVALIDOP);
}

int main() {
    run("codecs", codecs);
    run("a negotiated stream", negotiatedStream);
    run("no stream yet", noStreamYet);
    return finish("test_codec_stream");
}
