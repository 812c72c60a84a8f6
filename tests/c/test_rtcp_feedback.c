/* RTCP feedback (AccountMediaConfig.rtcp_fb_config, RFC 4585) through the C ABI: the
 * defaults; an account whose capabilities are wrong is refused with INVALID_ARG naming
 * the field; alice (AVPF with capabilities for every codec and for PCMU) calls bob (the
 * defaults) in one endpoint on loopback: bob's INVITE has an RTP/AVPF audio line with the
 * a=rtcp-fb lines, the call is confirmed, and both streams report the AVPF profile. */
#define _DEFAULT_SOURCE
#include <pjsua2rs.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "check.h"

#define WAIT_SECS 60 /* generous: the test also runs under valgrind */

static pjsua2rs_call_callbacks call_cb;
static pjsua2rs_account bob_acc;
static pjsua2rs_call incoming;
static int invite_has_avpf, invite_has_fb_all, invite_has_fb_pcmu;

static void on_incoming_call(void *ud, const pjsua2rs_on_incoming_call_param *prm) {
    (void)ud;
    const char *msg = prm->rdata.whole_msg;
    invite_has_avpf = strstr(msg, " RTP/AVPF ") != NULL;
    invite_has_fb_all = strstr(msg, "a=rtcp-fb:* nack\r\n") != NULL;
    invite_has_fb_pcmu = strstr(msg, "a=rtcp-fb:0 nack pli\r\n") != NULL;
    CHECK(pjsua2rs_call_create(bob_acc, prm->call_id, &call_cb, NULL, &incoming) ==
          PJSUA2RS_SUCCESS);
    pjsua2rs_call_op_param op;
    pjsua2rs_call_op_param_default(&op, sizeof op);
    op.status_code = 200;
    CHECK(pjsua2rs_call_answer(incoming, &op) == PJSUA2RS_SUCCESS);
}

static double now_s(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + t.tv_nsec / 1e9;
}

static void set_cap(pjsua2rs_rtcp_fb_cap *cap, const char *codec, int type, const char *name,
                    const char *param) {
    CHECK(pjsua2rs_rtcp_fb_cap_default(cap, sizeof *cap) == PJSUA2RS_SUCCESS);
    snprintf(cap->codec_id, sizeof cap->codec_id, "%s", codec);
    cap->type = type;
    snprintf(cap->type_name, sizeof cap->type_name, "%s", name);
    snprintf(cap->param, sizeof cap->param, "%s", param);
}

int main(void) {
    pjsua2rs_rtcp_fb_cap cap;
    CHECK(pjsua2rs_rtcp_fb_cap_default(&cap, sizeof cap) == PJSUA2RS_SUCCESS);
    CHECK(cap.type == PJSUA2RS_RTCP_FB_OTHER && cap.codec_id[0] == 0 && cap.param[0] == 0);
    CHECK(pjsua2rs_rtcp_fb_cap_default(NULL, sizeof cap) == PJSUA2RS_ERR_INVALID_ARG);
    pjsua2rs_account_config *cfg = malloc(sizeof *cfg);
    CHECK(pjsua2rs_account_config_default(cfg, sizeof *cfg) == PJSUA2RS_SUCCESS);
    CHECK(cfg->media_config.rtcp_fb_config.dont_use_avpf &&
          cfg->media_config.rtcp_fb_config.caps_count == 0);

    pjsua2rs_endpoint ep;
    CHECK(pjsua2rs_endpoint_create(&ep) == PJSUA2RS_SUCCESS);
    pjsua2rs_ep_config ep_cfg;
    pjsua2rs_ep_config_default(&ep_cfg, sizeof ep_cfg);
    ep_cfg.log_config.level = 1;
    ep_cfg.log_config.console_level = 1;
    ep_cfg.ua_config.thread_cnt = 0;
    ep_cfg.ua_config.main_thread_only = true;
    CHECK(pjsua2rs_endpoint_lib_init(ep, &ep_cfg) == PJSUA2RS_SUCCESS);
    CHECK(pjsua2rs_aud_dev_manager_set_null_dev(ep) == PJSUA2RS_SUCCESS);
    pjsua2rs_transport_config tcfg;
    pjsua2rs_transport_config_default(&tcfg, sizeof tcfg);
    strcpy(tcfg.bound_address, "127.0.0.1");
    int tid = -1;
    CHECK(pjsua2rs_endpoint_transport_create(ep, PJSUA2RS_TRANSPORT_UDP, &tcfg, &tid) ==
          PJSUA2RS_SUCCESS);
    CHECK(pjsua2rs_endpoint_lib_start(ep) == PJSUA2RS_SUCCESS);
    pjsua2rs_transport_info ti;
    CHECK(pjsua2rs_endpoint_transport_get_info(ep, tid, &ti) == PJSUA2RS_SUCCESS);

    pjsua2rs_account_callbacks acb;
    pjsua2rs_account_callbacks_default(&acb, sizeof acb);
    acb.on_incoming_call = on_incoming_call;
    pjsua2rs_call_callbacks_default(&call_cb, sizeof call_cb);
    snprintf(cfg->id_uri, sizeof cfg->id_uri, "sip:bob@%s", ti.local_address);
    CHECK(pjsua2rs_account_create(ep, cfg, true, &acb, NULL, &bob_acc) == PJSUA2RS_SUCCESS);

    /* A capability of type OTHER needs its name. */
    pjsua2rs_account alice_acc;
    pjsua2rs_rtcp_fb_config *fb = &cfg->media_config.rtcp_fb_config;
    snprintf(cfg->id_uri, sizeof cfg->id_uri, "sip:alice@%s", ti.local_address);
    cfg->media_config.transport_config.port = 4100;
    fb->dont_use_avpf = false;
    set_cap(&fb->caps[0], "*", PJSUA2RS_RTCP_FB_OTHER, "", "");
    fb->caps_count = 1;
    CHECK(pjsua2rs_account_create(ep, cfg, false, NULL, NULL, &alice_acc) ==
          PJSUA2RS_ERR_INVALID_ARG);
    pjsua2rs_error_info err;
    pjsua2rs_last_error(&err);
    CHECK(strstr(err.reason, "rtcpFbConfig.caps[0].typeName") != NULL);

    set_cap(&fb->caps[0], "*", PJSUA2RS_RTCP_FB_NACK, "", "");
    set_cap(&fb->caps[1], "PCMU/8000", PJSUA2RS_RTCP_FB_NACK, "", "pli");
    fb->caps_count = 2;
    CHECK(pjsua2rs_account_create(ep, cfg, false, NULL, NULL, &alice_acc) == PJSUA2RS_SUCCESS);
    free(cfg);

    pjsua2rs_call out;
    CHECK(pjsua2rs_call_create(alice_acc, -1, &call_cb, NULL, &out) == PJSUA2RS_SUCCESS);
    char uri[128];
    snprintf(uri, sizeof uri, "sip:bob@%s", ti.local_address);
    CHECK(pjsua2rs_call_make(out, uri, NULL) == PJSUA2RS_SUCCESS);
    pjsua2rs_call_info *info = malloc(sizeof *info);
    int up = 0;
    for (double until = now_s() + WAIT_SECS; !up && now_s() < until;) {
        unsigned ran = 0;
        pjsua2rs_endpoint_handle_events(ep, 5, &ran);
        up = incoming && pjsua2rs_call_get_info(out, info) == PJSUA2RS_SUCCESS &&
             info->state == 5 /* CONFIRMED */ && info->media_count == 1 &&
             info->media[0].status == PJSUA2RS_CALL_MEDIA_ACTIVE;
    }
    CHECK(up);
    CHECK(invite_has_avpf && invite_has_fb_all && invite_has_fb_pcmu);
    pjsua2rs_stream_info si;
    CHECK(pjsua2rs_call_get_stream_info(out, 0, &si) == PJSUA2RS_SUCCESS);
    CHECK(si.proto == PJSUA2RS_TP_PROTO_RTP_AVPF);
    CHECK(pjsua2rs_call_get_stream_info(incoming, 0, &si) == PJSUA2RS_SUCCESS);
    CHECK(si.proto == PJSUA2RS_TP_PROTO_RTP_AVPF);
    free(info);

    CHECK(pjsua2rs_endpoint_hangup_all_calls(ep) == PJSUA2RS_SUCCESS);
    CHECK(pjsua2rs_call_destroy(out) == PJSUA2RS_SUCCESS);
    if (incoming) CHECK(pjsua2rs_call_destroy(incoming) == PJSUA2RS_SUCCESS);
    CHECK(pjsua2rs_endpoint_destroy(ep) == PJSUA2RS_SUCCESS);
    if (failures) {
        fprintf(stderr, "test_rtcp_feedback: %d failure(s)\n", failures);
        return 1;
    }
    printf("test_rtcp_feedback: ok\n");
    return 0;
}
