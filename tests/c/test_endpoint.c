/* The endpoint through the C ABI: life cycle, UDP and TCP transports (disabled and enabled
 * again, shut down gracefully), an OPTIONS to itself, several threads calling at once, a
 * log writer, and every kind of bad input
 * (NULL, stale handle, bad UTF-8, wrong state) giving an error status, never a crash.
 * Also run under valgrind by tests/c/run.sh --valgrind. */
#include <pjsua2rs.h>

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"

static pthread_mutex_t log_lock = PTHREAD_MUTEX_INITIALIZER;
static int log_entries = 0;
static int saw_transport_message = 0;

static void log_writer(void *user_data, const pjsua2rs_log_entry *entry) {
    int *tag = user_data;
    pthread_mutex_lock(&log_lock);
    if (*tag == 42 && entry->msg != NULL) {
        log_entries++;
        if (strstr(entry->msg, "transport started") != NULL) saw_transport_message = 1;
    }
    pthread_mutex_unlock(&log_lock);
}

struct pinger {
    pjsua2rs_endpoint ep;
    char uri[128];
    int ok;
};

static void *ping_many(void *arg) {
    struct pinger *p = arg;
    for (int i = 0; i < 20; i++) {
        pjsua2rs_request_result r;
        if (pjsua2rs_endpoint_send_options(p->ep, p->uri, 5000, &r, NULL, 0, NULL) == PJSUA2RS_SUCCESS &&
            r.status_code == 200)
            p->ok++;
    }
    return NULL;
}

int main(void) {
    int tag = 42;
    pjsua2rs_endpoint ep = 0;
    CHECK(pjsua2rs_endpoint_create(&ep) == PJSUA2RS_SUCCESS);
    CHECK(ep != 0);

    int state = -1;
    CHECK(pjsua2rs_endpoint_lib_get_state(ep, &state) == PJSUA2RS_SUCCESS);
    CHECK(state == PJSUA2RS_STATE_CREATED);

    pjsua2rs_ep_config cfg;
    CHECK(pjsua2rs_ep_config_default(&cfg, sizeof cfg) == PJSUA2RS_SUCCESS);
    CHECK(cfg.ua_config.max_calls == 4);
    cfg.log_config.level = 4;
    cfg.log_config.console_level = 4;
    cfg.log_config.msg_logging = 0;
    cfg.log_config.writer = log_writer;
    cfg.log_config.writer_user_data = &tag;
    CHECK(pjsua2rs_endpoint_lib_init(ep, &cfg) == PJSUA2RS_SUCCESS);

    pjsua2rs_transport_config tcfg;
    CHECK(pjsua2rs_transport_config_default(&tcfg, sizeof tcfg) == PJSUA2RS_SUCCESS);
    strcpy(tcfg.bound_address, "127.0.0.1");
    int udp = -1, tcp = -1;
    CHECK(pjsua2rs_endpoint_transport_create(ep, PJSUA2RS_TRANSPORT_UDP, &tcfg, &udp) == PJSUA2RS_SUCCESS);
    CHECK(pjsua2rs_endpoint_transport_create(ep, PJSUA2RS_TRANSPORT_TCP, &tcfg, &tcp) == PJSUA2RS_SUCCESS);
    CHECK(pjsua2rs_endpoint_lib_start(ep) == PJSUA2RS_SUCCESS);

    int ids[4];
    size_t count = 0;
    CHECK(pjsua2rs_endpoint_transport_enum(ep, ids, 4, &count) == PJSUA2RS_SUCCESS);
    CHECK(count == 2 && ids[0] == udp && ids[1] == tcp);
    CHECK(pjsua2rs_endpoint_transport_enum(ep, ids, 1, &count) == PJSUA2RS_ERR_TOO_SMALL);
    CHECK(count == 2);

    pjsua2rs_transport_info info;
    CHECK(pjsua2rs_endpoint_transport_get_info(ep, tcp, &info) == PJSUA2RS_SUCCESS);
    CHECK(strcmp(info.type_name, "TCP") == 0);
    CHECK(info.flags == PJSUA2RS_TRANSPORT_FLAG_RELIABLE);
    char tcp_uri[128];
    snprintf(tcp_uri, sizeof tcp_uri, "sip:%s;transport=tcp", info.local_address);
    CHECK(pjsua2rs_endpoint_transport_get_info(ep, udp, &info) == PJSUA2RS_SUCCESS);
    char udp_uri[128];
    snprintf(udp_uri, sizeof udp_uri, "sip:%s", info.local_address);

    /* OPTIONS to ourselves over each transport. */
    pjsua2rs_request_result r;
    char msg[4096];
    size_t msg_len = 0;
    CHECK(pjsua2rs_endpoint_send_options(ep, udp_uri, 5000, &r, msg, sizeof msg, &msg_len) == PJSUA2RS_SUCCESS);
    CHECK(r.status_code == 200 && strcmp(r.reason, "OK") == 0);
    CHECK(msg_len == strlen(msg) && strstr(msg, "\r\nAllow: ") != NULL);
    CHECK(pjsua2rs_endpoint_send_options(ep, tcp_uri, 5000, &r, NULL, 0, NULL) == PJSUA2RS_SUCCESS);
    CHECK(r.status_code == 200);
    /* A too-small message buffer: the status is still written, the length reported. */
    CHECK(pjsua2rs_endpoint_send_options(ep, udp_uri, 5000, &r, msg, 8, &msg_len) == PJSUA2RS_ERR_NAME_TOO_LONG);
    CHECK(r.status_code == 200 && msg_len > 8);

    /* Several threads at once. */
    struct pinger p[4];
    pthread_t t[4];
    for (int i = 0; i < 4; i++) {
        p[i].ep = ep;
        p[i].ok = 0;
        snprintf(p[i].uri, sizeof p[i].uri, "%s", i % 2 ? tcp_uri : udp_uri);
        pthread_create(&t[i], NULL, ping_many, &p[i]);
    }
    for (int i = 0; i < 4; i++) {
        pthread_join(t[i], NULL);
        CHECK(p[i].ok == 20);
    }

    /* A disabled transport stays listed but is not used: an OPTIONS over UDP finds no
     * transport until it is enabled again. */
    CHECK(pjsua2rs_endpoint_transport_set_enable(ep, udp, false) == PJSUA2RS_SUCCESS);
    CHECK(pjsua2rs_endpoint_transport_enum(ep, ids, 4, &count) == PJSUA2RS_SUCCESS && count == 2);
    CHECK(pjsua2rs_endpoint_send_options(ep, udp_uri, 500, &r, NULL, 0, NULL) == PJSUA2RS_ERR_SIP_UNSUPPORTED_TRANSPORT);
    CHECK(pjsua2rs_endpoint_transport_set_enable(ep, udp, true) == PJSUA2RS_SUCCESS);
    CHECK(pjsua2rs_endpoint_send_options(ep, udp_uri, 5000, &r, NULL, 0, NULL) == PJSUA2RS_SUCCESS);
    CHECK(r.status_code == 200);
    CHECK(pjsua2rs_endpoint_transport_set_enable(ep, 999, true) == PJSUA2RS_ERR_NOT_FOUND);

    /* An unused transport shut down gracefully is gone at once. */
    int spare = -1;
    CHECK(pjsua2rs_endpoint_transport_create(ep, PJSUA2RS_TRANSPORT_UDP, &tcfg, &spare) == PJSUA2RS_SUCCESS);
    CHECK(pjsua2rs_endpoint_transport_shutdown(ep, spare) == PJSUA2RS_SUCCESS);
    CHECK(pjsua2rs_endpoint_transport_get_info(ep, spare, &info) == PJSUA2RS_ERR_NOT_FOUND);
    CHECK(pjsua2rs_endpoint_transport_shutdown(ep, spare) == PJSUA2RS_ERR_NOT_FOUND);
    CHECK(pjsua2rs_endpoint_transport_set_enable(ep, spare, true) == PJSUA2RS_ERR_NOT_FOUND);

    /* Bad input: errors, never crashes. */
    CHECK(pjsua2rs_endpoint_create(NULL) == PJSUA2RS_ERR_INVALID_ARG);
    CHECK(pjsua2rs_endpoint_lib_init(ep, NULL) == PJSUA2RS_ERR_INVALID_ARG);
    CHECK(pjsua2rs_endpoint_lib_init(ep, &cfg) == PJSUA2RS_ERR_INVALID_OP);
    CHECK(pjsua2rs_endpoint_send_options(ep, NULL, 100, &r, NULL, 0, NULL) == PJSUA2RS_ERR_INVALID_ARG);
    CHECK(pjsua2rs_endpoint_send_options(ep, "\xff\xfe", 100, &r, NULL, 0, NULL) == PJSUA2RS_ERR_INVALID_ARG);
    CHECK(pjsua2rs_endpoint_send_options(ep, "sip:", 100, &r, NULL, 0, NULL) == PJSUA2RS_ERR_SIP_INVALID_URI);
    CHECK(pjsua2rs_endpoint_transport_create(ep, 77, &tcfg, &udp) == PJSUA2RS_ERR_SIP_UNSUPPORTED_TRANSPORT);
    pjsua2rs_transport_config zeroed;
    memset(&zeroed, 0, sizeof zeroed);
    CHECK(pjsua2rs_endpoint_transport_create(ep, PJSUA2RS_TRANSPORT_UDP, &zeroed, &udp) == PJSUA2RS_ERR_INVALID_ARG);
    CHECK(pjsua2rs_endpoint_transport_get_info(ep, 1000, &info) == PJSUA2RS_ERR_NOT_FOUND);
    CHECK(pjsua2rs_verify_sip_uri("sip:alice@example.com") == PJSUA2RS_SUCCESS);
    CHECK(pjsua2rs_verify_sip_uri("tel:+1") == PJSUA2RS_ERR_SIP_INVALID_URI);
    CHECK(pjsua2rs_verify_uri("tel:+1") == PJSUA2RS_SUCCESS);
    CHECK(pjsua2rs_endpoint_lib_get_state(0x1234, &state) == PJSUA2RS_ERR_INVALID_HANDLE);

    pjsua2rs_error_info err;
    CHECK(pjsua2rs_endpoint_transport_close(ep, 999) == PJSUA2RS_ERR_NOT_FOUND);
    CHECK(pjsua2rs_last_error(&err) == PJSUA2RS_SUCCESS);
    CHECK(err.status == PJSUA2RS_ERR_NOT_FOUND);
    CHECK(strstr(err.title, "transportClose") != NULL);
    CHECK(strstr(err.reason, "999") != NULL);
    CHECK(err.src_line > 0 && strstr(err.src_file, ".rs") != NULL);

    char text[128];
    CHECK(pjsua2rs_strerror(PJSUA2RS_ERR_INVALID_HANDLE, text, sizeof text) == PJSUA2RS_SUCCESS);
    CHECK(strstr(text, "handle") != NULL);
    pjsua2rs_version_info v;
    CHECK(pjsua2rs_version(&v) == PJSUA2RS_SUCCESS);
    CHECK(strlen(v.full) > 0 && v.numeric == (unsigned)((v.major << 24) | (v.minor << 16) | (v.rev << 8)));

    CHECK(pjsua2rs_endpoint_transport_close(ep, tcp) == PJSUA2RS_SUCCESS);
    CHECK(pjsua2rs_endpoint_destroy(ep) == PJSUA2RS_SUCCESS);
    /* The handle is stale now. */
    CHECK(pjsua2rs_endpoint_lib_get_state(ep, &state) == PJSUA2RS_ERR_INVALID_HANDLE);
    CHECK(pjsua2rs_endpoint_destroy(ep) == PJSUA2RS_ERR_INVALID_HANDLE);
    CHECK(pjsua2rs_endpoint_transport_shutdown(ep, udp) == PJSUA2RS_ERR_INVALID_HANDLE);
    CHECK(pjsua2rs_endpoint_transport_set_enable(ep, udp, false) == PJSUA2RS_ERR_INVALID_HANDLE);

    pthread_mutex_lock(&log_lock);
    int entries = log_entries, saw = saw_transport_message;
    pthread_mutex_unlock(&log_lock);
    CHECK(entries > 0 && saw);

    if (failures) {
        fprintf(stderr, "test_endpoint: %d check(s) failed\n", failures);
        return 1;
    }
    printf("test_endpoint: all checks passed (%d log entries)\n", entries);
    return 0;
}
