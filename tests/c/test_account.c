/* Accounts through the C ABI against real registrars: sipp (tests/sipp/registrar_auth.xml)
 * challenges with digest and accepts; its exit status is its verdict on what the client
 * sent. Account A registers over UDP: on_reg_started and on_reg_state fire with PJSUA2's
 * fields, get_info reports the binding, unregistering removes it. Account B starts
 * without a registrar: set_default / is_default move the default between A and B;
 * modify gives B another identity and a registrar (not registering yet:
 * register_on_add false), set_transport pins B to TCP, so the registrar URI without a
 * transport parameter is reached over TCP (a second sipp listens on TCP only), and B
 * registers and unregisters there. is_valid follows shutdown and the endpoint's end. Also
 * the bad input: an invalid idUri names the field, unknown transports and stale handles
 * are errors. */
#define _DEFAULT_SOURCE /* usleep */
#include <pjsua2rs.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <pthread.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

extern char **environ;
#include "check.h"

/* What the callbacks saw, guarded by `lock`. */
struct seen {
    pthread_mutex_t lock;
    pthread_cond_t changed;
    int started_renew, started_unregister;
    int states;
    int last_code;
    unsigned last_expiration;
    pjsua2rs_status last_status;
    int saw_200_text;
};

#define SEEN_INIT {PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER, 0, 0, 0, 0, 0, 0, 0}

static void on_reg_started(void *user_data, const pjsua2rs_on_reg_started_param *prm) {
    struct seen *s = user_data;
    pthread_mutex_lock(&s->lock);
    if (prm->renew) s->started_renew++; else s->started_unregister++;
    pthread_mutex_unlock(&s->lock);
}

static void on_reg_state(void *user_data, const pjsua2rs_on_reg_state_param *prm) {
    struct seen *s = user_data;
    pthread_mutex_lock(&s->lock);
    s->states++;
    s->last_code = prm->code;
    s->last_expiration = prm->expiration;
    s->last_status = prm->status;
    if (strstr(prm->rdata.whole_msg, "SIP/2.0 200") == prm->rdata.whole_msg && strlen(prm->rdata.src_address) > 0)
        s->saw_200_text = 1;
    pthread_cond_broadcast(&s->changed);
    pthread_mutex_unlock(&s->lock);
}

/* Waits up to `secs` for the number of states to reach `n`. */
static int wait_states(struct seen *s, int n, int secs) {
    struct timespec until;
    clock_gettime(CLOCK_REALTIME, &until);
    until.tv_sec += secs;
    pthread_mutex_lock(&s->lock);
    while (s->states < n)
        if (pthread_cond_timedwait(&s->changed, &s->lock, &until) != 0) break;
    int ok = s->states >= n;
    pthread_mutex_unlock(&s->lock);
    return ok;
}

/* Whether the last state was `code` with `expiration`, after `started` REGISTERs and
 * `unregisters` un-REGISTERs began. */
static int last_state_is(struct seen *s, int code, unsigned expiration, int started, int unregisters) {
    pthread_mutex_lock(&s->lock);
    int ok = s->last_code == code && s->last_expiration == expiration && s->last_status == 0 &&
             s->started_renew == started && s->started_unregister == unregisters;
    pthread_mutex_unlock(&s->lock);
    return ok;
}

/* A port of 127.0.0.1 that sipp can take: a UDP transport binds one and lets it go. */
static int free_port(pjsua2rs_endpoint ep, const pjsua2rs_transport_config *tcfg) {
    pjsua2rs_transport_info ti;
    int probe = -1, port = 0;
    if (pjsua2rs_endpoint_transport_create(ep, PJSUA2RS_TRANSPORT_UDP, tcfg, &probe) == PJSUA2RS_SUCCESS &&
        pjsua2rs_endpoint_transport_get_info(ep, probe, &ti) == PJSUA2RS_SUCCESS)
        port = atoi(strrchr(ti.local_address, ':') + 1);
    CHECK(pjsua2rs_endpoint_transport_close(ep, probe) == PJSUA2RS_SUCCESS);
    return port;
}

/* Whether `port` of 127.0.0.1 can be bound now (`type` SOCK_DGRAM or SOCK_STREAM). */
static int port_is_free(int type, int port) {
    int fd = socket(AF_INET, type, 0);
    struct sockaddr_in a;
    memset(&a, 0, sizeof a);
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    a.sin_port = htons((unsigned short)port);
    int free = bind(fd, (struct sockaddr *)&a, sizeof a) == 0;
    close(fd);
    return free;
}

/* registrar_auth.xml (alice / secret) on `port` of 127.0.0.1 over `transport` ("u1" or
 * "t1"), waited for (at most 10 s) until it holds the port. tests/c/run.sh runs the
 * tests from the checkout's root. */
static pid_t start_sipp(int port, const char *transport) {
    char port_s[16];
    snprintf(port_s, sizeof port_s, "%d", port);
    char *argv[] = {"sipp", "-sf", "tests/sipp/registrar_auth.xml", "-i", "127.0.0.1", "-p", port_s,
                    "-t", (char *)transport, "-m", "1", "-key", "user", "alice", "-key", "password",
                    "secret", "-timeout", "30s", "-timeout_error", "-nostdin", NULL};
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", 1, 0);
    posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", 0, 0);
    pid_t pid = 0;
    if (posix_spawnp(&pid, "sipp", &fa, NULL, argv, environ) != 0) pid = -1;
    posix_spawn_file_actions_destroy(&fa);
    int type = transport[0] == 't' ? SOCK_STREAM : SOCK_DGRAM;
    for (int i = 0; pid > 0 && i < 500 && port_is_free(type, port); i++) usleep(20 * 1000);
    return pid;
}

/* sipp's exit status once it ends (it is killed after 10 s: -1). */
static int sipp_verdict(pid_t sipp) {
    int wstatus = -1;
    for (int i = 0; i < 100 && waitpid(sipp, &wstatus, WNOHANG) == 0; i++) usleep(100 * 1000);
    if (!WIFEXITED(wstatus)) {
        kill(sipp, SIGKILL);
        waitpid(sipp, &wstatus, 0);
        return -1;
    }
    return WEXITSTATUS(wstatus);
}

/* An account config: `id`, registrar sip:127.0.0.1:<port> (none if port is 0), alice's
 * credentials. */
static void account_config(pjsua2rs_account_config *acfg, const char *id, int port) {
    CHECK(pjsua2rs_account_config_default(acfg, sizeof *acfg) == PJSUA2RS_SUCCESS);
    snprintf(acfg->id_uri, sizeof acfg->id_uri, "%s", id);
    if (port > 0)
        snprintf(acfg->reg_config.registrar_uri, sizeof acfg->reg_config.registrar_uri, "sip:127.0.0.1:%d", port);
    acfg->reg_config.timeout_sec = 300;
    pjsua2rs_auth_cred_info_default(&acfg->sip_config.auth_creds[0], sizeof acfg->sip_config.auth_creds[0]);
    strcpy(acfg->sip_config.auth_creds[0].username, "alice");
    strcpy(acfg->sip_config.auth_creds[0].data, "secret");
    acfg->sip_config.auth_creds_count = 1;
}

static int is_default(pjsua2rs_account acc) {
    pjsua2rs_account_info info;
    return pjsua2rs_account_get_info(acc, &info) == PJSUA2RS_SUCCESS && info.is_default;
}

int main(void) {
    struct seen s = SEEN_INIT, sb = SEEN_INIT;
    pjsua2rs_endpoint ep;
    CHECK(pjsua2rs_endpoint_create(&ep) == PJSUA2RS_SUCCESS);
    pjsua2rs_ep_config cfg;
    CHECK(pjsua2rs_ep_config_default(&cfg, sizeof cfg) == PJSUA2RS_SUCCESS);
    cfg.log_config.level = 1;
    cfg.log_config.console_level = 1;
    CHECK(pjsua2rs_endpoint_lib_init(ep, &cfg) == PJSUA2RS_SUCCESS);
    pjsua2rs_transport_config tcfg;
    CHECK(pjsua2rs_transport_config_default(&tcfg, sizeof tcfg) == PJSUA2RS_SUCCESS);
    strcpy(tcfg.bound_address, "127.0.0.1");
    int udp, tcp;
    CHECK(pjsua2rs_endpoint_transport_create(ep, PJSUA2RS_TRANSPORT_UDP, &tcfg, &udp) == PJSUA2RS_SUCCESS);
    CHECK(pjsua2rs_endpoint_transport_create(ep, PJSUA2RS_TRANSPORT_TCP, &tcfg, &tcp) == PJSUA2RS_SUCCESS);
    CHECK(pjsua2rs_endpoint_lib_start(ep) == PJSUA2RS_SUCCESS);

    /* A registers with digest over UDP and unregisters. */
    int port = free_port(ep, &tcfg);
    pid_t sipp = start_sipp(port, "u1");
    CHECK(sipp > 0);
    pjsua2rs_account_config acfg;
    account_config(&acfg, "\"Alice\" <sip:alice@127.0.0.1>", port);
    pjsua2rs_account_callbacks cb;
    CHECK(pjsua2rs_account_callbacks_default(&cb, sizeof cb) == PJSUA2RS_SUCCESS);
    cb.on_reg_started = on_reg_started;
    cb.on_reg_state = on_reg_state;
    pjsua2rs_account acc;
    CHECK(pjsua2rs_account_create(ep, &acfg, true, &cb, &s, &acc) == PJSUA2RS_SUCCESS);
    int id = -1;
    CHECK(pjsua2rs_account_get_id(acc, &id) == PJSUA2RS_SUCCESS && id == 0);
    bool valid = false;
    CHECK(pjsua2rs_account_is_valid(acc, &valid) == PJSUA2RS_SUCCESS && valid);

    CHECK(wait_states(&s, 1, 10));
    CHECK(last_state_is(&s, 200, 300, 1, 0));
    pthread_mutex_lock(&s.lock);
    CHECK(s.saw_200_text);
    pthread_mutex_unlock(&s.lock);

    pjsua2rs_account_info info;
    CHECK(pjsua2rs_account_get_info(acc, &info) == PJSUA2RS_SUCCESS);
    CHECK(info.is_default && info.reg_is_configured && info.reg_is_active);
    CHECK(info.reg_status == 200 && strcmp(info.reg_status_text, "OK") == 0 && info.reg_last_err == 0);
    CHECK(info.reg_expires_sec > 290 && info.reg_expires_sec <= 300);
    CHECK(strstr(info.uri, "sip:alice@127.0.0.1") != NULL);

    CHECK(pjsua2rs_account_set_registration(acc, false) == PJSUA2RS_SUCCESS);
    CHECK(wait_states(&s, 2, 10));
    CHECK(last_state_is(&s, 200, 0, 1, 1));
    CHECK(pjsua2rs_account_get_info(acc, &info) == PJSUA2RS_SUCCESS && !info.reg_is_active);
    CHECK(sipp_verdict(sipp) == 0); /* it checked the digest and the un-REGISTER */

    /* B, without a registrar, takes the default and gives it back. */
    pjsua2rs_account b;
    account_config(&acfg, "sip:carol@127.0.0.1", 0);
    CHECK(pjsua2rs_account_create(ep, &acfg, false, &cb, &sb, &b) == PJSUA2RS_SUCCESS);
    CHECK(pjsua2rs_account_get_info(b, &info) == PJSUA2RS_SUCCESS);
    CHECK(!info.reg_is_configured && info.reg_expires_sec == PJSUA2RS_EXPIRES_NOT_SPECIFIED);
    CHECK(is_default(acc) && !is_default(b));
    CHECK(pjsua2rs_account_set_default(b) == PJSUA2RS_SUCCESS);
    CHECK(is_default(b) && !is_default(acc));
    CHECK(pjsua2rs_account_set_default(acc) == PJSUA2RS_SUCCESS);
    CHECK(is_default(acc) && !is_default(b));
    CHECK(pjsua2rs_account_set_registration(b, true) == PJSUA2RS_ERR_INVALID_OP);

    /* modify: a bad idUri is refused naming the field, and B keeps its config. */
    strcpy(acfg.id_uri, "not a uri");
    CHECK(pjsua2rs_account_modify(b, &acfg) == PJSUA2RS_ERR_SIP_INVALID_URI);
    pjsua2rs_error_info err;
    pjsua2rs_last_error(&err);
    CHECK(strstr(err.reason, "idUri") != NULL);
    CHECK(pjsua2rs_account_get_info(b, &info) == PJSUA2RS_SUCCESS && strstr(info.uri, "carol") != NULL);
    CHECK(pjsua2rs_account_modify(b, NULL) == PJSUA2RS_ERR_INVALID_ARG);

    /* modify: a new identity and a registrar listening on TCP only. A new registrar
     * registers at once, as in PJSUA (registerOnAdd is for create), unless
     * disableRegOnModify: then nothing is sent until set_registration. */
    port = free_port(ep, &tcfg);
    sipp = start_sipp(port, "t1");
    CHECK(sipp > 0);
    account_config(&acfg, "sip:bob@127.0.0.1", port);
    acfg.reg_config.disable_reg_on_modify = true;
    CHECK(pjsua2rs_account_modify(b, &acfg) == PJSUA2RS_SUCCESS);
    CHECK(pjsua2rs_account_get_info(b, &info) == PJSUA2RS_SUCCESS);
    CHECK(strstr(info.uri, "sip:bob@127.0.0.1") != NULL && info.reg_is_configured && !info.reg_is_active);

    /* set_transport pins B to TCP: the REGISTER reaches the TCP-only registrar. */
    CHECK(pjsua2rs_account_set_transport(b, 77) == PJSUA2RS_ERR_NOT_FOUND);
    CHECK(pjsua2rs_account_set_transport(b, tcp) == PJSUA2RS_SUCCESS);
    CHECK(pjsua2rs_account_set_registration(b, true) == PJSUA2RS_SUCCESS);
    CHECK(wait_states(&sb, 1, 10));
    CHECK(last_state_is(&sb, 200, 300, 1, 0));
    CHECK(pjsua2rs_account_get_info(b, &info) == PJSUA2RS_SUCCESS && info.reg_is_active);
    CHECK(pjsua2rs_account_set_registration(b, false) == PJSUA2RS_SUCCESS);
    CHECK(wait_states(&sb, 2, 10));
    CHECK(last_state_is(&sb, 200, 0, 1, 1));
    CHECK(sipp_verdict(sipp) == 0);

    /* Bad input. */
    pjsua2rs_account bad;
    strcpy(acfg.id_uri, "not a uri");
    CHECK(pjsua2rs_account_create(ep, &acfg, false, NULL, NULL, &bad) == PJSUA2RS_ERR_SIP_INVALID_URI);
    pjsua2rs_last_error(&err);
    CHECK(strstr(err.reason, "idUri") != NULL);
    CHECK(pjsua2rs_account_create(ep, NULL, false, NULL, NULL, &bad) == PJSUA2RS_ERR_INVALID_ARG);
    pjsua2rs_account_callbacks small;
    memset(&small, 0, sizeof small);
    account_config(&acfg, "sip:dave@127.0.0.1", 0);
    CHECK(pjsua2rs_account_create(ep, &acfg, false, &small, NULL, &bad) == PJSUA2RS_ERR_INVALID_ARG);
    CHECK(pjsua2rs_account_create(ep, &acfg, false, NULL, NULL, &bad) == PJSUA2RS_SUCCESS);
    CHECK(pjsua2rs_account_is_valid(bad, NULL) == PJSUA2RS_ERR_INVALID_ARG);

    CHECK(pjsua2rs_account_shutdown(acc) == PJSUA2RS_SUCCESS);
    CHECK(pjsua2rs_account_get_info(acc, &info) == PJSUA2RS_ERR_INVALID_HANDLE);
    CHECK(pjsua2rs_account_is_valid(acc, &valid) == PJSUA2RS_ERR_INVALID_HANDLE);
    CHECK(pjsua2rs_account_modify(acc, &acfg) == PJSUA2RS_ERR_INVALID_HANDLE);
    CHECK(pjsua2rs_account_set_default(acc) == PJSUA2RS_ERR_INVALID_HANDLE);
    CHECK(pjsua2rs_account_set_transport(acc, udp) == PJSUA2RS_ERR_INVALID_HANDLE);
    CHECK(pjsua2rs_account_shutdown(acc) == PJSUA2RS_ERR_INVALID_HANDLE);
    CHECK(pjsua2rs_endpoint_destroy(ep) == PJSUA2RS_SUCCESS);
    /* The endpoint is gone: the remaining account handles report it. */
    CHECK(pjsua2rs_account_get_info(bad, &info) == PJSUA2RS_ERR_SIP_SHUTDOWN);
    CHECK(pjsua2rs_account_is_valid(b, &valid) == PJSUA2RS_SUCCESS && !valid);
    CHECK(pjsua2rs_account_set_default(b) == PJSUA2RS_ERR_SIP_SHUTDOWN);
    CHECK(pjsua2rs_account_shutdown(b) == PJSUA2RS_SUCCESS); /* frees the handle */
    CHECK(pjsua2rs_account_shutdown(bad) == PJSUA2RS_SUCCESS);

    if (failures) {
        fprintf(stderr, "test_account: %d check(s) failed\n", failures);
        return 1;
    }
    printf("test_account: all checks passed\n");
    return 0;
}
