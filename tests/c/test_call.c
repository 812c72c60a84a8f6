/* Calls through the C ABI between three endpoints in one process over UDP on loopback, in
 * poll mode: a call made with pjsua2rs_call_make and taken in on_incoming_call with
 * pjsua2rs_call_create(acc, prm->call_id, ...), rung and answered (the state sequence and
 * pjsua2rs_call_get_info), held and resumed, DTMF over INFO, a MESSAGE and its status, a
 * blind transfer to the third endpoint followed by a call object handed over as new_call,
 * hangup and hangup_all_calls. Also the bad input: NULL arguments are INVALID_ARG, stale,
 * zero and foreign handles INVALID_HANDLE, operations on an ended call fail. */
#define _DEFAULT_SOURCE /* usleep */
#include <pjsua2rs.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "check.h"

/* Seconds any one step may take (generous: the test also runs under valgrind). */
#define WAIT_SECS 60
#define MAX_STATES 16

/* What one call object's callbacks saw. */
struct rec {
    pjsua2rs_call h;
    int states[MAX_STATES];
    int n_states;
    int last_code;
    char last_state_text[32];
    int media_status; /* of the first line, at the last on_call_media_state */
    char digits[16];
    int dtmf_method;
    char im_body[64];
    char im_type[64];
    int im_status;
    int xfer_requests;
    int xfer_final;       /* the status of the final transfer report, 0 before */
    int xfer_answer;      /* status to answer a REFER with (0: leave 202) */
    struct rec *xfer_new; /* the call object to hand over as new_call */
    int tsx_uac_info_200;
};

#define MAX_RECS 16
static struct rec recs[MAX_RECS];
static int n_recs = 0;

static struct rec *new_rec(void) {
    struct rec *r = &recs[n_recs++];
    memset(r, 0, sizeof *r);
    return r;
}

static int has_state(const struct rec *r, int state) {
    for (int i = 0; i < r->n_states; i++)
        if (r->states[i] == state) return 1;
    return 0;
}

static void on_call_state(void *ud, const pjsua2rs_on_call_state_param *prm) {
    struct rec *r = ud;
    if (r->n_states < MAX_STATES) r->states[r->n_states++] = prm->info->state;
    r->last_code = prm->info->last_status_code;
    snprintf(r->last_state_text, sizeof r->last_state_text, "%s", prm->info->state_text);
    /* The info is the event's; the call's own id is in it. */
    int id = -2;
    CHECK(pjsua2rs_call_get_id(r->h, &id) == PJSUA2RS_SUCCESS && id == prm->info->id);
}

static void on_call_media_state(void *ud, const pjsua2rs_on_call_state_param *prm) {
    struct rec *r = ud;
    CHECK(prm->info->media_count == 1);
    r->media_status = prm->info->media[0].status;
}

static void on_dtmf_digit(void *ud, const pjsua2rs_on_dtmf_digit_param *prm) {
    struct rec *r = ud;
    strncat(r->digits, prm->digit, sizeof r->digits - strlen(r->digits) - 1);
    r->dtmf_method = prm->method;
}

static void on_call_tsx_state(void *ud, const pjsua2rs_on_call_tsx_state_param *prm) {
    struct rec *r = ud;
    if (strcmp(prm->method, "INFO") == 0 && prm->role == PJSUA2RS_ROLE_UAC &&
        prm->status_code == 200)
        r->tsx_uac_info_200++;
}

static void on_instant_message(void *ud, const pjsua2rs_on_instant_message_param *prm) {
    struct rec *r = ud;
    snprintf(r->im_body, sizeof r->im_body, "%s", prm->msg_body);
    snprintf(r->im_type, sizeof r->im_type, "%s", prm->content_type);
}

static void on_instant_message_status(void *ud,
                                      const pjsua2rs_on_instant_message_status_param *prm) {
    struct rec *r = ud;
    r->im_status = prm->code;
}

static void on_call_transfer_request(void *ud, pjsua2rs_on_call_transfer_request_param *prm) {
    struct rec *r = ud;
    r->xfer_requests++;
    CHECK(prm->status_code == 202);
    if (r->xfer_answer) prm->status_code = r->xfer_answer;
    if (r->xfer_new) prm->new_call = r->xfer_new->h;
}

static void on_call_transfer_status(void *ud, pjsua2rs_on_call_transfer_status_param *prm) {
    struct rec *r = ud;
    if (prm->final_notify) r->xfer_final = prm->status_code;
}

static pjsua2rs_call_callbacks call_cb;

/* One endpoint with a UDP transport on 127.0.0.1 and the account sip:<user>@127.0.0.1. */
struct phone {
    pjsua2rs_endpoint ep;
    pjsua2rs_account acc;
    char uri[128];
    int answer_code; /* answer incoming calls with it (0: leave them ringing) */
    struct rec *incoming[8];
    int n_incoming;
};

static void on_incoming_call(void *ud, const pjsua2rs_on_incoming_call_param *prm) {
    struct phone *p = ud;
    struct rec *r = new_rec();
    CHECK(strncmp(prm->rdata.whole_msg, "INVITE ", 7) == 0);
    CHECK(pjsua2rs_call_create(p->acc, prm->call_id, &call_cb, r, &r->h) == PJSUA2RS_SUCCESS);
    pjsua2rs_call_info *info = malloc(sizeof *info);
    CHECK(pjsua2rs_call_get_info(r->h, info) == PJSUA2RS_SUCCESS);
    CHECK(info->state == 2 /* INCOMING */ && info->role == PJSUA2RS_ROLE_UAS);
    CHECK(info->id == prm->call_id);
    free(info);
    if (p->answer_code) {
        pjsua2rs_call_op_param op;
        pjsua2rs_call_op_param_default(&op, sizeof op);
        op.status_code = (unsigned)p->answer_code;
        CHECK(pjsua2rs_call_answer(r->h, &op) == PJSUA2RS_SUCCESS);
    }
    p->incoming[p->n_incoming++] = r;
}

static void phone_start(struct phone *p, const char *user) {
    memset(p, 0, sizeof *p);
    CHECK(pjsua2rs_endpoint_create(&p->ep) == PJSUA2RS_SUCCESS);
    pjsua2rs_ep_config cfg;
    pjsua2rs_ep_config_default(&cfg, sizeof cfg);
    cfg.log_config.level = 1;
    cfg.log_config.console_level = 1;
    cfg.ua_config.thread_cnt = 0;
    cfg.ua_config.main_thread_only = true;
    CHECK(pjsua2rs_endpoint_lib_init(p->ep, &cfg) == PJSUA2RS_SUCCESS);
    pjsua2rs_transport_config tcfg;
    pjsua2rs_transport_config_default(&tcfg, sizeof tcfg);
    strcpy(tcfg.bound_address, "127.0.0.1");
    int tid = -1;
    CHECK(pjsua2rs_endpoint_transport_create(p->ep, PJSUA2RS_TRANSPORT_UDP, &tcfg, &tid) ==
          PJSUA2RS_SUCCESS);
    CHECK(pjsua2rs_endpoint_lib_start(p->ep) == PJSUA2RS_SUCCESS);
    pjsua2rs_transport_info ti;
    CHECK(pjsua2rs_endpoint_transport_get_info(p->ep, tid, &ti) == PJSUA2RS_SUCCESS);
    snprintf(p->uri, sizeof p->uri, "sip:%s@%s", user, ti.local_address);
    pjsua2rs_account_config *acfg = malloc(sizeof *acfg);
    pjsua2rs_account_config_default(acfg, sizeof *acfg);
    snprintf(acfg->id_uri, sizeof acfg->id_uri, "sip:%s@127.0.0.1", user);
    pjsua2rs_account_callbacks acb;
    pjsua2rs_account_callbacks_default(&acb, sizeof acb);
    acb.on_incoming_call = on_incoming_call;
    CHECK(pjsua2rs_account_create(p->ep, acfg, true, &acb, p, &p->acc) == PJSUA2RS_SUCCESS);
    free(acfg);
}

static struct phone *phones[3];
static int n_phones = 0;

static double now_s(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + t.tv_nsec / 1e9;
}

/* Polls until cond() holds (or WAIT_SECS pass): a macro, so cond can name locals. */
#define WAIT_FOR(cond)                                                                 \
    do {                                                                               \
        double until_ = now_s() + WAIT_SECS;                                           \
        while (!(cond) && now_s() < until_)                                            \
            for (int i_ = 0; i_ < n_phones; i_++) {                                    \
                unsigned ran_ = 0;                                                     \
                pjsua2rs_endpoint_handle_events(phones[i_]->ep, 2, &ran_);             \
            }                                                                          \
        CHECK(cond);                                                                   \
    } while (0)

static pjsua2rs_call_op_param op_param(unsigned code, unsigned flag) {
    pjsua2rs_call_op_param op;
    pjsua2rs_call_op_param_default(&op, sizeof op);
    op.status_code = code;
    op.opt.flag = flag;
    return op;
}

static void bad_arguments(struct phone *a) {
    pjsua2rs_call h = 0;
    CHECK(pjsua2rs_call_create(a->acc, -1, &call_cb, NULL, NULL) == PJSUA2RS_ERR_INVALID_ARG);
    CHECK(pjsua2rs_call_create(0, -1, &call_cb, NULL, &h) == PJSUA2RS_ERR_INVALID_HANDLE);
    CHECK(pjsua2rs_call_create(a->ep, -1, &call_cb, NULL, &h) == PJSUA2RS_ERR_INVALID_HANDLE);
    CHECK(h == 0); /* out-parameters are written only on success */
    CHECK(pjsua2rs_call_create(a->acc, 7, &call_cb, NULL, &h) == PJSUA2RS_ERR_NOT_FOUND);
    CHECK(pjsua2rs_call_callbacks_default(NULL, sizeof call_cb) == PJSUA2RS_ERR_INVALID_ARG);
    pjsua2rs_call_op_param op;
    CHECK(pjsua2rs_call_op_param_default(&op, 3) == PJSUA2RS_ERR_INVALID_ARG);
    pjsua2rs_sip_tx_option tx;
    CHECK(pjsua2rs_sip_tx_option_default(&tx, sizeof tx) == PJSUA2RS_SUCCESS);

    struct rec *r = new_rec();
    CHECK(pjsua2rs_call_create(a->acc, -1, &call_cb, r, &r->h) == PJSUA2RS_SUCCESS);
    CHECK(pjsua2rs_call_make(r->h, NULL, NULL) == PJSUA2RS_ERR_INVALID_ARG);
    CHECK(pjsua2rs_call_make(r->h, "not a uri", NULL) == 171039); /* PJSIP_EINVALIDURI */
    pjsua2rs_error_info e;
    CHECK(pjsua2rs_last_error(&e) == PJSUA2RS_SUCCESS && e.status == 171039);
    CHECK(strcmp(e.title, "Call::makeCall()") == 0 && strstr(e.reason, "not a uri"));
    int id = 0;
    CHECK(pjsua2rs_call_get_id(r->h, &id) == PJSUA2RS_SUCCESS && id == -1);
    CHECK(pjsua2rs_call_get_id(r->h, NULL) == PJSUA2RS_ERR_INVALID_ARG);
    CHECK(pjsua2rs_call_is_active(r->h, NULL) == PJSUA2RS_ERR_INVALID_ARG);
    bool active = true;
    CHECK(pjsua2rs_call_is_active(r->h, &active) == PJSUA2RS_SUCCESS && !active);
    /* No call yet. */
    CHECK(pjsua2rs_call_hangup(r->h, NULL) == PJSUA2RS_ERR_INVALID_OP);
    pjsua2rs_call_info *info = malloc(sizeof *info);
    CHECK(pjsua2rs_call_get_info(r->h, info) == PJSUA2RS_ERR_INVALID_OP);
    free(info);
    /* A bad param struct: never initialised, or a status that is not SIP's. */
    memset(&op, 0, sizeof op);
    CHECK(pjsua2rs_call_make(r->h, "sip:x@127.0.0.1:9", &op) == PJSUA2RS_ERR_INVALID_ARG);
    op = op_param(1000, 0);
    CHECK(pjsua2rs_call_make(r->h, "sip:x@127.0.0.1:9", &op) == PJSUA2RS_ERR_INVALID_ARG);
    /* A destroyed handle is stale for ever. */
    pjsua2rs_call dead = r->h;
    r->h = 0;
    CHECK(pjsua2rs_call_destroy(dead) == PJSUA2RS_SUCCESS);
    CHECK(pjsua2rs_call_destroy(dead) == PJSUA2RS_ERR_INVALID_HANDLE);
    CHECK(pjsua2rs_call_hangup(dead, NULL) == PJSUA2RS_ERR_INVALID_HANDLE);
    CHECK(pjsua2rs_last_error(&e) == PJSUA2RS_SUCCESS &&
          strcmp(e.title, "pjsua2rs_call_hangup()") == 0);
    CHECK(pjsua2rs_call_get_id(0, &id) == PJSUA2RS_ERR_INVALID_HANDLE);
    CHECK(pjsua2rs_call_get_id(a->acc, &id) == PJSUA2RS_ERR_INVALID_HANDLE);
    CHECK(pjsua2rs_endpoint_hangup_all_calls(0) == PJSUA2RS_ERR_INVALID_HANDLE);
}

int main(void) {
    struct phone a, b, c;
    pjsua2rs_call_callbacks_default(&call_cb, sizeof call_cb);
    call_cb.on_call_state = on_call_state;
    call_cb.on_call_media_state = on_call_media_state;
    call_cb.on_dtmf_digit = on_dtmf_digit;
    call_cb.on_call_tsx_state = on_call_tsx_state;
    call_cb.on_instant_message = on_instant_message;
    call_cb.on_instant_message_status = on_instant_message_status;
    call_cb.on_call_transfer_request = on_call_transfer_request;
    call_cb.on_call_transfer_status = on_call_transfer_status;
    phone_start(&a, "alice");
    phone_start(&b, "bob");
    phone_start(&c, "carol");
    phones[n_phones++] = &a;
    phones[n_phones++] = &b;
    phones[n_phones++] = &c;
    c.answer_code = 200;

    bad_arguments(&a);

    /* Alice calls bob, who rings, then answers. */
    struct rec *out = new_rec();
    CHECK(pjsua2rs_call_create(a.acc, -1, &call_cb, out, &out->h) == PJSUA2RS_SUCCESS);
    pjsua2rs_call_op_param op = op_param(0, 0);
    CHECK(pjsua2rs_call_make(out->h, b.uri, &op) == PJSUA2RS_SUCCESS);
    CHECK(pjsua2rs_call_make(out->h, b.uri, &op) == PJSUA2RS_ERR_INVALID_OP); /* has one */
    bool active = false;
    CHECK(pjsua2rs_call_is_active(out->h, &active) == PJSUA2RS_SUCCESS && active);
    WAIT_FOR(b.n_incoming == 1);
    struct rec *inc = b.incoming[0];
    op = op_param(180, 0);
    CHECK(pjsua2rs_call_answer(inc->h, &op) == PJSUA2RS_SUCCESS);
    WAIT_FOR(has_state(out, 3 /* EARLY */));
    CHECK(out->last_code == 180);
    op = op_param(200, 0);
    CHECK(pjsua2rs_call_answer(inc->h, &op) == PJSUA2RS_SUCCESS);
    WAIT_FOR(has_state(out, 5) && has_state(inc, 5) /* CONFIRMED */);
    CHECK(out->n_states == 4 && out->states[0] == 1 && out->states[1] == 3 &&
          out->states[2] == 4 && out->states[3] == 5);
    pjsua2rs_call_info *oi = malloc(sizeof *oi), *ii = malloc(sizeof *ii);
    CHECK(pjsua2rs_call_get_info(out->h, oi) == PJSUA2RS_SUCCESS);
    CHECK(pjsua2rs_call_get_info(inc->h, ii) == PJSUA2RS_SUCCESS);
    CHECK(pjsua2rs_call_get_info(out->h, NULL) == PJSUA2RS_ERR_INVALID_ARG);
    CHECK(oi->role == PJSUA2RS_ROLE_UAC && ii->role == PJSUA2RS_ROLE_UAS);
    CHECK(strcmp(oi->state_text, "CONFIRMED") == 0 && oi->last_status_code == 200);
    CHECK(strcmp(oi->call_id_string, ii->call_id_string) == 0 && oi->call_id_string[0]);
    CHECK(oi->media_count == 1 && oi->media[0].status == PJSUA2RS_CALL_MEDIA_ACTIVE &&
          oi->media[0].dir == 3 && oi->media[0].media_type == 1);
    CHECK(strstr(ii->remote_uri, "sip:alice@127.0.0.1") != NULL);
    CHECK(ii->rem_offerer && ii->rem_audio_count == 1 && !oi->rem_offerer);

    /* Hold and resume. */
    op = op_param(0, 0);
    CHECK(pjsua2rs_call_set_hold(out->h, &op) == PJSUA2RS_SUCCESS);
    WAIT_FOR(out->media_status == PJSUA2RS_CALL_MEDIA_LOCAL_HOLD &&
             inc->media_status == PJSUA2RS_CALL_MEDIA_REMOTE_HOLD);
    op = op_param(0, PJSUA2RS_CALL_UNHOLD);
    CHECK(pjsua2rs_call_reinvite(out->h, &op) == PJSUA2RS_SUCCESS);
    WAIT_FOR(out->media_status == PJSUA2RS_CALL_MEDIA_ACTIVE &&
             inc->media_status == PJSUA2RS_CALL_MEDIA_ACTIVE);

    /* DTMF over INFO, then as RFC 2833 events in the audio stream. */
    CHECK(pjsua2rs_call_send_dtmf(out->h, PJSUA2RS_DTMF_METHOD_SIP_INFO, NULL, 0) ==
          PJSUA2RS_ERR_INVALID_ARG);
    CHECK(pjsua2rs_call_send_dtmf(out->h, PJSUA2RS_DTMF_METHOD_SIP_INFO, "12#", 0) ==
          PJSUA2RS_SUCCESS);
    WAIT_FOR(strcmp(inc->digits, "12#") == 0 && out->tsx_uac_info_200 == 3);
    CHECK(inc->dtmf_method == PJSUA2RS_DTMF_METHOD_SIP_INFO);
    CHECK(pjsua2rs_call_send_dtmf(out->h, PJSUA2RS_DTMF_METHOD_RFC2833, "4", 160) ==
          PJSUA2RS_SUCCESS);
    CHECK(pjsua2rs_call_dial_dtmf(out->h, "5*") == PJSUA2RS_SUCCESS);
    WAIT_FOR(strcmp(inc->digits, "12#45*") == 0);
    CHECK(inc->dtmf_method == PJSUA2RS_DTMF_METHOD_RFC2833);
    CHECK(pjsua2rs_call_dial_dtmf(out->h, "5x") == PJSUA2RS_ERR_MEDIA_INVALID_DTMF);
    CHECK(pjsua2rs_call_dial_dtmf(out->h, NULL) == PJSUA2RS_ERR_INVALID_ARG);

    /* A MESSAGE and its outcome; another request. */
    CHECK(pjsua2rs_call_send_instant_message(out->h, NULL, NULL, NULL) ==
          PJSUA2RS_ERR_INVALID_ARG);
    CHECK(pjsua2rs_call_send_instant_message(out->h, NULL, "hello bob", NULL) ==
          PJSUA2RS_SUCCESS);
    WAIT_FOR(strcmp(inc->im_body, "hello bob") == 0 && out->im_status == 200);
    CHECK(strcmp(inc->im_type, "text/plain") == 0);
    CHECK(pjsua2rs_call_send_request(out->h, NULL, NULL) == PJSUA2RS_ERR_INVALID_ARG);
    CHECK(pjsua2rs_call_send_request(out->h, "BAD METHOD", NULL) == PJSUA2RS_ERR_INVALID_ARG);
    CHECK(pjsua2rs_call_send_typing_indication(out->h, true, NULL) == PJSUA2RS_SUCCESS);

    /* Alice transfers bob to carol; bob follows the new call with a call object of his. */
    struct rec *bob_new = new_rec();
    CHECK(pjsua2rs_call_create(b.acc, -1, &call_cb, bob_new, &bob_new->h) == PJSUA2RS_SUCCESS);
    inc->xfer_new = bob_new;
    CHECK(pjsua2rs_call_xfer(out->h, NULL, NULL) == PJSUA2RS_ERR_INVALID_ARG);
    CHECK(pjsua2rs_call_xfer(out->h, c.uri, NULL) == PJSUA2RS_SUCCESS);
    WAIT_FOR(has_state(bob_new, 5) && c.n_incoming == 1 && has_state(c.incoming[0], 5));
    WAIT_FOR(out->xfer_final == 200);
    CHECK(inc->xfer_requests == 1);
    int new_id = -1;
    CHECK(pjsua2rs_call_get_id(bob_new->h, &new_id) == PJSUA2RS_SUCCESS && new_id >= 0);

    /* Alice hangs up (BYE); carol ends the new call. */
    op = op_param(0, 0);
    CHECK(pjsua2rs_call_hangup(out->h, &op) == PJSUA2RS_SUCCESS);
    WAIT_FOR(has_state(out, 6) && has_state(inc, 6) /* DISCONNECTED */);
    CHECK(strcmp(out->last_state_text, "DISCONNECTED") == 0);
    CHECK(pjsua2rs_call_is_active(out->h, &active) == PJSUA2RS_SUCCESS && !active);
    int id = -1;
    CHECK(pjsua2rs_call_get_id(out->h, &id) == PJSUA2RS_SUCCESS && id == oi->id);
    CHECK(pjsua2rs_call_hangup(out->h, &op) == PJSUA2RS_ERR_NOT_FOUND); /* has ended */
    CHECK(pjsua2rs_call_get_info(out->h, oi) == PJSUA2RS_ERR_NOT_FOUND);
    CHECK(pjsua2rs_endpoint_hangup_all_calls(c.ep) == PJSUA2RS_SUCCESS);
    WAIT_FOR(has_state(bob_new, 6) && has_state(c.incoming[0], 6));

    /* hangup_all_calls ends a ringing call too. */
    c.answer_code = 0;
    struct rec *ring = new_rec();
    CHECK(pjsua2rs_call_create(a.acc, -1, &call_cb, ring, &ring->h) == PJSUA2RS_SUCCESS);
    CHECK(pjsua2rs_call_make(ring->h, c.uri, NULL) == PJSUA2RS_SUCCESS);
    WAIT_FOR(c.n_incoming == 2);
    op = op_param(180, 0);
    CHECK(pjsua2rs_call_answer(c.incoming[1]->h, &op) == PJSUA2RS_SUCCESS);
    WAIT_FOR(has_state(ring, 3));
    CHECK(pjsua2rs_endpoint_hangup_all_calls(a.ep) == PJSUA2RS_SUCCESS);
    WAIT_FOR(has_state(ring, 6) && has_state(c.incoming[1], 6));
    CHECK(ring->last_code == 487);

    free(oi);
    free(ii);
    for (int i = 0; i < n_recs; i++)
        if (recs[i].h) CHECK(pjsua2rs_call_destroy(recs[i].h) == PJSUA2RS_SUCCESS);
    CHECK(pjsua2rs_call_get_id(out->h, &id) == PJSUA2RS_ERR_INVALID_HANDLE);
    for (int i = 0; i < n_phones; i++) {
        CHECK(pjsua2rs_account_shutdown(phones[i]->acc) == PJSUA2RS_SUCCESS);
        CHECK(pjsua2rs_endpoint_destroy(phones[i]->ep) == PJSUA2RS_SUCCESS);
    }
    if (failures) {
        fprintf(stderr, "test_call: %d failure(s)\n", failures);
        return 1;
    }
    printf("test_call: ok\n");
    return 0;
}
