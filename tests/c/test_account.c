/* Accounts through the C ABI against a real registrar: sipp (tests/sipp/registrar_auth.xml)
 * challenges with digest and accepts; the account registers over UDP, on_reg_started and
 * on_reg_state fire with PJSUA2's fields, get_info reports the binding, unregistering
 * removes it, and sipp's own verdict (its exit status) must be success. Also the bad
 * input: an invalid idUri names the field, a stale account handle is INVALID_HANDLE. */
#define _DEFAULT_SOURCE /* usleep */
#include <pjsua2rs.h>

#include <pthread.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
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

static pid_t start_sipp(int port) {
    char port_s[16], scenario[512];
    snprintf(port_s, sizeof port_s, "%d", port);
    /* tests/c/run.sh runs the tests from the checkout's root. */
    snprintf(scenario, sizeof scenario, "tests/sipp/registrar_auth.xml");
    char *fg[] = {"sipp", "-sf", scenario, "-i", "127.0.0.1", "-p", port_s, "-t", "u1", "-m", "1",
                  "-key", "user", "alice", "-key", "password", "secret", "-timeout", "30s",
                  "-timeout_error", "-nostdin", NULL};
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", 1, 0);
    posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", 0, 0);
    pid_t pid = 0;
    if (posix_spawnp(&pid, "sipp", &fa, NULL, fg, environ) != 0) pid = -1;
    posix_spawn_file_actions_destroy(&fa);
    usleep(300 * 1000);
    return pid;
}

int main(void) {
    struct seen s = {PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER, 0, 0, 0, 0, 0, 0, 0};
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
    int tid;
    CHECK(pjsua2rs_endpoint_transport_create(ep, PJSUA2RS_TRANSPORT_UDP, &tcfg, &tid) == PJSUA2RS_SUCCESS);
    CHECK(pjsua2rs_endpoint_lib_start(ep) == PJSUA2RS_SUCCESS);

    /* A port sipp can take: bind, read it, let go. */
    int port = 0;
    {
        pjsua2rs_transport_info ti;
        int probe;
        pjsua2rs_transport_config p;
        pjsua2rs_transport_config_default(&p, sizeof p);
        strcpy(p.bound_address, "127.0.0.1");
        CHECK(pjsua2rs_endpoint_transport_create(ep, PJSUA2RS_TRANSPORT_UDP, &p, &probe) == PJSUA2RS_SUCCESS);
        CHECK(pjsua2rs_endpoint_transport_get_info(ep, probe, &ti) == PJSUA2RS_SUCCESS);
        port = atoi(strrchr(ti.local_address, ':') + 1);
        CHECK(pjsua2rs_endpoint_transport_close(ep, probe) == PJSUA2RS_SUCCESS);
    }
    pid_t sipp = start_sipp(port);
    CHECK(sipp > 0);

    pjsua2rs_account_config acfg;
    CHECK(pjsua2rs_account_config_default(&acfg, sizeof acfg) == PJSUA2RS_SUCCESS);
    strcpy(acfg.id_uri, "\"Alice\" <sip:alice@127.0.0.1>");
    snprintf(acfg.reg_config.registrar_uri, sizeof acfg.reg_config.registrar_uri, "sip:127.0.0.1:%d", port);
    acfg.reg_config.timeout_sec = 300;
    pjsua2rs_auth_cred_info_default(&acfg.sip_config.auth_creds[0], sizeof acfg.sip_config.auth_creds[0]);
    strcpy(acfg.sip_config.auth_creds[0].username, "alice");
    strcpy(acfg.sip_config.auth_creds[0].data, "secret");
    acfg.sip_config.auth_creds_count = 1;

    pjsua2rs_account_callbacks cb;
    CHECK(pjsua2rs_account_callbacks_default(&cb, sizeof cb) == PJSUA2RS_SUCCESS);
    cb.on_reg_started = on_reg_started;
    cb.on_reg_state = on_reg_state;
    pjsua2rs_account acc;
    CHECK(pjsua2rs_account_create(ep, &acfg, true, &cb, &s, &acc) == PJSUA2RS_SUCCESS);
    int id = -1;
    CHECK(pjsua2rs_account_get_id(acc, &id) == PJSUA2RS_SUCCESS && id == 0);

    CHECK(wait_states(&s, 1, 10));
    pthread_mutex_lock(&s.lock);
    CHECK(s.started_renew == 1 && s.last_code == 200 && s.last_expiration == 300 && s.last_status == 0);
    CHECK(s.saw_200_text);
    pthread_mutex_unlock(&s.lock);

    pjsua2rs_account_info info;
    CHECK(pjsua2rs_account_get_info(acc, &info) == PJSUA2RS_SUCCESS);
    CHECK(info.is_default && info.reg_is_configured && info.reg_is_active);
    CHECK(info.reg_status == 200 && strcmp(info.reg_status_text, "OK") == 0);
    CHECK(info.reg_expires_sec > 290 && info.reg_expires_sec <= 300);
    CHECK(strstr(info.uri, "sip:alice@127.0.0.1") != NULL);

    CHECK(pjsua2rs_account_set_registration(acc, false) == PJSUA2RS_SUCCESS);
    CHECK(wait_states(&s, 2, 10));
    pthread_mutex_lock(&s.lock);
    CHECK(s.started_unregister == 1 && s.last_code == 200 && s.last_expiration == 0);
    pthread_mutex_unlock(&s.lock);
    CHECK(pjsua2rs_account_get_info(acc, &info) == PJSUA2RS_SUCCESS && !info.reg_is_active);

    /* sipp's verdict: it checked the digest and the un-REGISTER. */
    int wstatus = -1;
    for (int i = 0; i < 100 && waitpid(sipp, &wstatus, WNOHANG) == 0; i++) usleep(100 * 1000);
    if (!WIFEXITED(wstatus)) kill(sipp, SIGKILL), waitpid(sipp, &wstatus, 0);
    CHECK(WIFEXITED(wstatus) && WEXITSTATUS(wstatus) == 0);

    /* Bad input. */
    pjsua2rs_account bad;
    strcpy(acfg.id_uri, "not a uri");
    CHECK(pjsua2rs_account_create(ep, &acfg, false, NULL, NULL, &bad) == PJSUA2RS_ERR_SIP_INVALID_URI);
    pjsua2rs_error_info err;
    pjsua2rs_last_error(&err);
    CHECK(strstr(err.reason, "idUri") != NULL);
    CHECK(pjsua2rs_account_create(ep, NULL, false, NULL, NULL, &bad) == PJSUA2RS_ERR_INVALID_ARG);
    pjsua2rs_account_callbacks small;
    memset(&small, 0, sizeof small);
    strcpy(acfg.id_uri, "sip:carol@127.0.0.1");
    acfg.reg_config.registrar_uri[0] = 0;
    CHECK(pjsua2rs_account_create(ep, &acfg, false, &small, NULL, &bad) == PJSUA2RS_ERR_INVALID_ARG);
    CHECK(pjsua2rs_account_create(ep, &acfg, false, NULL, NULL, &bad) == PJSUA2RS_SUCCESS);
    CHECK(pjsua2rs_account_get_info(bad, &info) == PJSUA2RS_SUCCESS);
    CHECK(!info.reg_is_configured && info.reg_expires_sec == PJSUA2RS_EXPIRES_NOT_SPECIFIED && !info.is_default);
    CHECK(pjsua2rs_account_set_registration(bad, true) == PJSUA2RS_ERR_INVALID_OP);

    CHECK(pjsua2rs_account_shutdown(acc) == PJSUA2RS_SUCCESS);
    CHECK(pjsua2rs_account_get_info(acc, &info) == PJSUA2RS_ERR_INVALID_HANDLE);
    CHECK(pjsua2rs_account_shutdown(acc) == PJSUA2RS_ERR_INVALID_HANDLE);
    CHECK(pjsua2rs_endpoint_destroy(ep) == PJSUA2RS_SUCCESS);
    /* The endpoint is gone: the remaining account handle reports it. */
    CHECK(pjsua2rs_account_get_info(bad, &info) == PJSUA2RS_ERR_SIP_SHUTDOWN);

    if (failures) {
        fprintf(stderr, "test_account: %d check(s) failed\n", failures);
        return 1;
    }
    printf("test_account: all checks passed\n");
    return 0;
}
