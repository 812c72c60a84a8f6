/* Config classes: PJSUA2's defaults, std::string/std::vector members with PJSUA2's
 * names, conversion limits (too long, too many) raised as pj::Error naming the member. */
#include "check.hpp"

using namespace pj;

static void defaults() {
    EpConfig ep;
    CHECK(ep.uaConfig.maxCalls == 4 && ep.uaConfig.threadCnt == 1);
    CHECK(!ep.uaConfig.mainThreadOnly && ep.uaConfig.stunIgnoreFailure);
    CHECK(ep.logConfig.level == 5 && ep.logConfig.consoleLevel == 4);
    CHECK(ep.logConfig.decor == (PJ_LOG_HAS_SENDER | PJ_LOG_HAS_TIME | PJ_LOG_HAS_MICRO_SEC |
                                 PJ_LOG_HAS_NEWLINE | PJ_LOG_HAS_SPACE |
                                 PJ_LOG_HAS_THREAD_SWC | PJ_LOG_HAS_INDENT));
    CHECK(ep.logConfig.writer == nullptr);
    CHECK(ep.medConfig.clockRate == 16000 && ep.medConfig.jbInit == -1);
    CHECK(ep.medConfig.jbDiscardAlgo == PJMEDIA_JB_DISCARD_PROGRESSIVE);
    CHECK(TransportConfig().port == 0);
    TlsConfig tls;
    CHECK(tls.proto == 28 && tls.enableRenegotiation && tls.CaListFile.empty());
    AccountConfig acc;
    CHECK(acc.mediaConfig.transportConfig.port == 4000);
    CHECK(acc.sipConfig.transportId == -1);
    CHECK(acc.callConfig.timerUse == PJSUA_SIP_TIMER_OPTIONAL);
    CHECK(acc.callConfig.timerMinSESec == 90 && acc.callConfig.timerSessExpiresSec == 1800);
    CHECK(acc.regConfig.timeoutSec == 300 && acc.regConfig.proxyUse == 3);
    CHECK(acc.natConfig.mediaStunUse == PJSUA_STUN_RETRY_ON_FAILURE);
    CHECK(acc.natConfig.turnConnType == PJ_TURN_TP_UDP && acc.natConfig.udpKaData == "\r\n");
    CHECK(acc.mediaConfig.srtpSecureSignaling == 1);
    CHECK(acc.videoConfig.defaultCaptureDevice == -1 && acc.videoConfig.defaultRenderDevice == -2);
    CHECK(acc.ipChangeConfig.reinviteFlags == (PJSUA_CALL_REINIT_MEDIA |
                                               PJSUA_CALL_UPDATE_CONTACT |
                                               PJSUA_CALL_UPDATE_VIA));
    AuthCredInfo cred;
    CHECK(cred.scheme == "digest" && cred.realm == "*" && cred.dataType == 0);
    BuddyConfig buddy;
    CHECK(buddy.uri.empty() && !buddy.subscribe && !buddy.subscribe_dlg_event);
    CHECK(acc.mediaConfig.rtcpFbConfig.dontUseAvpf && acc.mediaConfig.rtcpFbConfig.caps.empty());
    RtcpFbCap cap;
    CHECK(cap.type == PJMEDIA_RTCP_FB_OTHER && cap.codecId.empty() && cap.param.empty());
}

static void membersAndConversion() {
    AccountConfig acc;
    acc.idUri = "sip:alice@example.org";
    acc.sipConfig.authCreds.push_back(AuthCredInfo("digest", "*", "alice", 0, "secret"));
    SipHeader h;
    h.hName = "X-A";
    h.hValue = "1";
    acc.regConfig.headers.push_back(h);
    acc.mediaConfig.transportConfig.tlsConfig.ciphers = {1, 49199};
    acc.mediaConfig.transportConfig.qosParams.dscp_val = 46;
    SockOpt so;
    so.level = 1;
    so.optName = 8;
    so.setOptValInt(65536);
    acc.mediaConfig.transportConfig.sockOptParams.sockOpts.push_back(so);
    RtcpFbCap nack;
    nack.codecId = "PCMU/8000";
    nack.type = PJMEDIA_RTCP_FB_NACK;
    nack.param = "pli";
    acc.mediaConfig.rtcpFbConfig.dontUseAvpf = false;
    acc.mediaConfig.rtcpFbConfig.caps.push_back(nack);
    std::unique_ptr<AccountConfig::CStruct> c(new AccountConfig::CStruct());
    acc.toPj(*c);
    const pjsua2rs_c::pjsua2rs_rtcp_fb_config &fb = c->media_config.rtcp_fb_config;
    CHECK(!fb.dont_use_avpf && fb.caps_count == 1 && fb.caps[0].type == 1 &&
          string(fb.caps[0].codec_id) == "PCMU/8000" && string(fb.caps[0].param) == "pli");

    CHECK(c->struct_size == sizeof *c);
    CHECK(c->sip_config.auth_creds_count == 1 &&
          string(c->sip_config.auth_creds[0].username) == "alice");
    CHECK(c->reg_config.headers_count == 1 && string(c->reg_config.headers[0].hname) == "X-A");
    CHECK(c->media_config.transport_config.tls_config.ciphers_count == 2);
    CHECK(c->media_config.transport_config.qos_params.dscp_val == 46);
    CHECK(c->media_config.transport_config.sock_opt_params.sock_opts[0].opt_len == 4);
    AccountConfig back;
    back.fromPj(*c);
    CHECK(back.idUri == acc.idUri && back.sipConfig.authCreds[0].data == "secret");
    CHECK(back.mediaConfig.transportConfig.tlsConfig.ciphers == IntVector({1, 49199}));
    CHECK(!back.mediaConfig.rtcpFbConfig.dontUseAvpf &&
          back.mediaConfig.rtcpFbConfig.caps.size() == 1 &&
          back.mediaConfig.rtcpFbConfig.caps[0].param == "pli");
}

static void limits() {
    std::unique_ptr<AccountConfig::CStruct> c(new AccountConfig::CStruct());
    AccountConfig acc;
    acc.idUri = string(511, 'a');
    acc.toPj(*c); // 511 bytes + NUL fit in 512
    acc.idUri = string(512, 'a');
    try {
        acc.toPj(*c);
        CHECK(!"no Error for a too long idUri");
    } catch (const Error &e) {
        CHECK(e.status == PJ_ENAMETOOLONG && e.title == "AccountConfig.idUri");
    }
    acc.idUri = "";
    acc.sipConfig.proxies.assign(PJSUA2RS_MAX_PROXIES + 1, "sip:proxy");
    try {
        acc.toPj(*c);
        CHECK(!"no Error for too many proxies");
    } catch (const Error &e) {
        CHECK(e.status == PJ_ETOOMANY && e.title == "AccountSipConfig.proxies");
    }
    acc.sipConfig.proxies.clear();
    acc.regConfig.registrarUri = string("sip:a\0b", 7);
    EXPECT_ERROR(acc.toPj(*c), PJ_EINVAL);
}

int main() {
    run("defaults", defaults);
    run("membersAndConversion", membersAndConversion);
    run("limits", limits);
    return finish("test_configs");
}
