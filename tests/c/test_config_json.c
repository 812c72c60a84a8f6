/* C ABI test of the config structs and the JSON document: builds an AccountConfig from
 * defaults, writes it as JSON, reads it back, and checks the error cases (NULL, a stale
 * handle, a bad struct_size, bad JSON naming the member). Run by tests/c/run.sh. */
#include "pjsua2rs.h"

#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static int failures;

#define CHECK(cond)                                                            \
    do {                                                                       \
        if (!(cond)) {                                                         \
            fprintf(stderr, "%s:%d: CHECK failed: %s\n", __FILE__, __LINE__,   \
                    #cond);                                                    \
            failures++;                                                        \
        }                                                                      \
    } while (0)

#define CHECK_STATUS(call, want)                                               \
    do {                                                                       \
        pjsua2rs_status st_ = (call);                                          \
        if (st_ != (want)) {                                                   \
            pjsua2rs_error_info ei_;                                           \
            pjsua2rs_last_error(&ei_);                                         \
            fprintf(stderr, "%s:%d: %s returned %d, want %d (%s: %s)\n",       \
                    __FILE__, __LINE__, #call, (int)st_, (int)(want),          \
                    ei_.title, ei_.reason);                                    \
            failures++;                                                        \
        }                                                                      \
    } while (0)

#define OK(call) CHECK_STATUS(call, PJSUA2RS_SUCCESS)

/* The reason of the calling thread's last error. */
static const char *last_reason(void)
{
    static pjsua2rs_error_info info;
    pjsua2rs_last_error(&info);
    return info.reason;
}

static void set(char *field, size_t size, const char *value)
{
    snprintf(field, size, "%s", value);
}
#define SET(field, value) set((field), sizeof(field), (value))

/* The document's text in a malloc'ed buffer, using the size query. */
static char *save(pjsua2rs_json_doc doc)
{
    size_t len = 0;
    char *buf;
    OK(pjsua2rs_json_doc_save_string(doc, NULL, 0, &len));
    CHECK(len > 0);
    buf = malloc(len + 1);
    CHECK_STATUS(pjsua2rs_json_doc_save_string(doc, buf, len, &len),
                 PJSUA2RS_ERR_NAME_TOO_LONG);
    OK(pjsua2rs_json_doc_save_string(doc, buf, len + 1, &len));
    CHECK(strlen(buf) == len);
    return buf;
}

static void build_account(pjsua2rs_account_config *acc)
{
    pjsua2rs_auth_cred_info cred;
    pjsua2rs_sip_header hdr;

    OK(pjsua2rs_account_config_default(acc, sizeof *acc));
    CHECK(acc->struct_size == sizeof *acc);
    CHECK(acc->reg_config.timeout_sec == 300);
    CHECK(acc->reg_config.proxy_use == 3);
    CHECK(acc->sip_config.transport_id == -1);
    CHECK(acc->call_config.timer_min_se_sec == 90);
    CHECK(acc->nat_config.turn_conn_type == PJSUA2RS_TURN_TP_UDP);
    CHECK(strcmp(acc->nat_config.udp_ka_data, "\r\n") == 0);
    CHECK(acc->media_config.transport_config.port == 4000);
    CHECK(acc->media_config.srtp_secure_signaling == 1);
    CHECK(acc->video_config.default_render_device == -2);

    SET(acc->id_uri, "\"Alice \\\"A\\\"\" <sip:alice@example.org>");
    SET(acc->reg_config.registrar_uri, "sip:sip.example.org");
    acc->reg_config.timeout_sec = 120;
    OK(pjsua2rs_sip_header_default(&hdr, sizeof hdr));
    SET(hdr.hname, "X-Test");
    SET(hdr.hvalue, "a/b \xc3\xa9"); /* "a/b é" */
    acc->reg_config.headers[0] = hdr;
    acc->reg_config.headers_count = 1;
    SET(acc->sip_config.proxies[0], "<sip:proxy.example.org;lr>");
    acc->sip_config.proxies_count = 1;
    OK(pjsua2rs_auth_cred_info_default(&cred, sizeof cred));
    CHECK(strcmp(cred.scheme, "digest") == 0 && strcmp(cred.realm, "*") == 0);
    SET(cred.username, "alice");
    SET(cred.data, "s3cret");
    acc->sip_config.auth_creds[0] = cred;
    acc->sip_config.auth_creds_count = 1;
    acc->call_config.timer_use = PJSUA2RS_SIP_TIMER_ALWAYS;
    acc->nat_config.ice_enabled = true;
    acc->nat_config.ice_max_host_cands = 2;
    acc->media_config.srtp_use = PJSUA2RS_SRTP_OPTIONAL;
    acc->media_config.transport_config.tls_config.ciphers[0] = 49199;
    acc->media_config.transport_config.tls_config.ciphers_count = 1;
    acc->media_config.transport_config.qos_params.dscp_val = 46;
}

static void test_account_round_trip(void)
{
    pjsua2rs_account_config acc, back;
    pjsua2rs_ep_config ep;
    pjsua2rs_json_doc doc, doc2;
    char *text;

    build_account(&acc);
    OK(pjsua2rs_ep_config_default(&ep, sizeof ep));
    ep.ua_config.max_calls = 61;

    OK(pjsua2rs_json_doc_create(&doc));
    OK(pjsua2rs_json_doc_write_ep_config(doc, PJSUA2RS_JSON_ROOT, &ep));
    OK(pjsua2rs_json_doc_write_account_config(doc, PJSUA2RS_JSON_ROOT, &acc));
    text = save(doc);
    CHECK(strncmp(text, "{ \n   \"EpConfig\":             { \n", 33) == 0);
    CHECK(strstr(text, "\"registrarUri\":         \"sip:sip.example.org\",\n") != NULL);
    CHECK(strstr(text, "\"hvalue\":               \"a\\/b \\u00c3\\u00a9\"") != NULL);
    CHECK(strstr(text, "\"ciphers\":              [ 49199],") != NULL);
    CHECK(strstr(text, "\"confThreads\"") != NULL); /* the latest layout */
    CHECK(text[strlen(text) - 1] == '}');
    OK(pjsua2rs_json_doc_destroy(doc));

    OK(pjsua2rs_json_doc_create(&doc2));
    OK(pjsua2rs_json_doc_load_string(doc2, text));
    free(text);
    OK(pjsua2rs_ep_config_default(&ep, sizeof ep));
    OK(pjsua2rs_json_doc_read_ep_config(doc2, PJSUA2RS_JSON_ROOT, &ep));
    CHECK(ep.ua_config.max_calls == 61);
    OK(pjsua2rs_account_config_default(&back, sizeof back));
    OK(pjsua2rs_json_doc_read_account_config(doc2, PJSUA2RS_JSON_ROOT, &back));
    /* Field by field (memcmp would also compare padding bytes). */
    CHECK(back.struct_size == sizeof back);
    CHECK(strcmp(back.id_uri, "\"Alice \\\"A\\\"\" <sip:alice@example.org>") == 0);
    CHECK(back.reg_config.timeout_sec == 120);
    CHECK(back.reg_config.headers_count == 1);
    CHECK(strcmp(back.reg_config.headers[0].hvalue, "a/b \xc3\xa9") == 0);
    CHECK(back.sip_config.auth_creds_count == 1);
    CHECK(strcmp(back.sip_config.auth_creds[0].data, "s3cret") == 0);
    CHECK(back.call_config.timer_use == PJSUA2RS_SIP_TIMER_ALWAYS);
    CHECK(back.nat_config.ice_enabled && back.nat_config.ice_max_host_cands == 2);
    CHECK(back.media_config.transport_config.tls_config.ciphers[0] == 49199);
    CHECK(back.media_config.transport_config.qos_params.dscp_val == 46);
    /* Everything was read; a second read finds nothing. */
    CHECK_STATUS(pjsua2rs_json_doc_read_account_config(doc2, PJSUA2RS_JSON_ROOT, &back),
                 PJSUA2RS_ERR_EOF);
    OK(pjsua2rs_json_doc_destroy(doc2));
}

static void test_layout_and_files(void)
{
    pjsua2rs_ep_config ep;
    pjsua2rs_transport_config tp, tp2;
    pjsua2rs_buddy_config buddy;
    pjsua2rs_json_doc doc;
    char path[] = "/tmp/pjsua2rs_c_test_XXXXXX";
    char *text;

    OK(pjsua2rs_ep_config_default(&ep, sizeof ep));
    OK(pjsua2rs_transport_config_default(&tp, sizeof tp));
    CHECK(tp.port == 0 && tp.tls_config.proto == 28 && tp.tls_config.enable_renegotiation);
    tp.port = 5060;
    OK(pjsua2rs_buddy_config_default(&buddy, sizeof buddy));
    SET(buddy.uri, "sip:bob@example.org");
    buddy.subscribe = true;

    OK(pjsua2rs_json_doc_create(&doc));
    CHECK_STATUS(pjsua2rs_json_doc_set_layout(doc, 999), PJSUA2RS_ERR_INVALID_ARG);
    OK(pjsua2rs_json_doc_set_layout(doc, PJSUA2RS_JSON_LAYOUT_2_15));
    OK(pjsua2rs_json_doc_write_ep_config(doc, PJSUA2RS_JSON_ROOT, &ep));
    OK(pjsua2rs_json_doc_write_transport_config(doc, PJSUA2RS_JSON_ROOT, &tp));
    OK(pjsua2rs_json_doc_write_buddy_config(doc, PJSUA2RS_JSON_ROOT, &buddy));
    text = save(doc);
    CHECK(strstr(text, "confThreads") == NULL);
    CHECK(strstr(text, "subscribe_dlg_event") == NULL);
    free(text);
    {
        int fd = mkstemp(path);
        CHECK(fd >= 0);
        close(fd);
    }
    OK(pjsua2rs_json_doc_save_file(doc, path));
    OK(pjsua2rs_json_doc_destroy(doc));

    OK(pjsua2rs_json_doc_create(&doc));
    OK(pjsua2rs_json_doc_load_file(doc, path));
    CHECK_STATUS(pjsua2rs_json_doc_load_file(doc, path), PJSUA2RS_ERR_INVALID_OP);
    OK(pjsua2rs_json_doc_read_ep_config(doc, PJSUA2RS_JSON_ROOT, &ep));
    OK(pjsua2rs_transport_config_default(&tp2, sizeof tp2));
    OK(pjsua2rs_json_doc_read_transport_config(doc, PJSUA2RS_JSON_ROOT, &tp2));
    CHECK(tp2.port == 5060);
    OK(pjsua2rs_buddy_config_default(&buddy, sizeof buddy));
    OK(pjsua2rs_json_doc_read_buddy_config(doc, PJSUA2RS_JSON_ROOT, &buddy));
    CHECK(strcmp(buddy.uri, "sip:bob@example.org") == 0 && buddy.subscribe);
    OK(pjsua2rs_json_doc_destroy(doc));
    remove(path);

    OK(pjsua2rs_json_doc_create(&doc));
    CHECK_STATUS(pjsua2rs_json_doc_load_file(doc, "/nonexistent/pjsua2rs.json"),
                 PJSUA2RS_ERR_NOT_FOUND);
    OK(pjsua2rs_json_doc_destroy(doc));
}

static void test_generic_nodes(void)
{
    const char *servers[] = {"stun1.example.org", "stun2.example.org"};
    pjsua2rs_json_doc doc, doc2;
    uint32_t obj, arr, vec, count, node;
    float f;
    int32_t i;
    bool b;
    char buf[64], small[4];
    size_t len;
    char *text;

    OK(pjsua2rs_json_doc_create(&doc));
    OK(pjsua2rs_json_doc_write_new_container(doc, PJSUA2RS_JSON_ROOT, "app", &obj));
    OK(pjsua2rs_json_doc_write_number(doc, obj, "volume", 0.75f));
    OK(pjsua2rs_json_doc_write_int(doc, obj, "count", -42));
    OK(pjsua2rs_json_doc_write_bool(doc, obj, "enabled", true));
    OK(pjsua2rs_json_doc_write_string(doc, obj, "name", "J\xc3\xb6rg"));
    OK(pjsua2rs_json_doc_write_string_vector(doc, obj, "servers", servers, 2));
    OK(pjsua2rs_json_doc_write_new_array(doc, PJSUA2RS_JSON_ROOT, "list", &arr));
    OK(pjsua2rs_json_doc_write_int(doc, arr, "", 1));
    OK(pjsua2rs_json_doc_write_int(doc, arr, "", 2));
    text = save(doc);
    CHECK(strstr(text, "\"volume\":               0.750000,") != NULL);
    CHECK(strstr(text, "\"servers\":              [ \"stun1.example.org\", \"stun2.example.org\"]") != NULL);
    CHECK(strstr(text, "\"list\":                 [ 1, 2]") != NULL);
    OK(pjsua2rs_json_doc_destroy(doc));

    OK(pjsua2rs_json_doc_create(&doc2));
    OK(pjsua2rs_json_doc_load_string(doc2, text));
    free(text);
    OK(pjsua2rs_json_doc_unread_name(doc2, PJSUA2RS_JSON_ROOT, buf, sizeof buf, &len));
    CHECK(strcmp(buf, "app") == 0 && len == 3);
    OK(pjsua2rs_json_doc_read_container(doc2, PJSUA2RS_JSON_ROOT, "app", &node));
    OK(pjsua2rs_json_doc_read_number(doc2, node, "volume", &f));
    CHECK(f == 0.75f);
    OK(pjsua2rs_json_doc_read_int(doc2, node, "count", &i));
    CHECK(i == -42);
    OK(pjsua2rs_json_doc_read_bool(doc2, node, "enabled", &b));
    CHECK(b);
    /* Too small: the needed length comes back and the member stays unread. */
    len = 0;
    CHECK_STATUS(pjsua2rs_json_doc_read_string(doc2, node, "name", small, sizeof small, &len),
                 PJSUA2RS_ERR_NAME_TOO_LONG);
    CHECK(len == 5);
    OK(pjsua2rs_json_doc_read_string(doc2, node, "name", buf, sizeof buf, &len));
    CHECK(strcmp(buf, "J\xc3\xb6rg") == 0);
    OK(pjsua2rs_json_doc_read_string_vector(doc2, node, "servers", &vec, &count));
    CHECK(count == 2);
    OK(pjsua2rs_json_doc_string_at(doc2, vec, 1, buf, sizeof buf, NULL));
    CHECK(strcmp(buf, "stun2.example.org") == 0);
    CHECK_STATUS(pjsua2rs_json_doc_string_at(doc2, vec, 2, buf, sizeof buf, NULL),
                 PJSUA2RS_ERR_INVALID_ARG);
    OK(pjsua2rs_json_doc_has_unread(doc2, node, &b));
    CHECK(!b);
    CHECK_STATUS(pjsua2rs_json_doc_unread_name(doc2, node, buf, sizeof buf, NULL),
                 PJSUA2RS_ERR_EOF);
    OK(pjsua2rs_json_doc_read_array(doc2, PJSUA2RS_JSON_ROOT, "list", &arr));
    OK(pjsua2rs_json_doc_read_int(doc2, arr, "", &i));
    CHECK(i == 1);
    OK(pjsua2rs_json_doc_read_int(doc2, arr, "", &i));
    CHECK(i == 2);
    CHECK_STATUS(pjsua2rs_json_doc_read_int(doc2, arr, "", &i), PJSUA2RS_ERR_EOF);
    /* Wrong type: JSON error naming the member; the member stays unread. */
    OK(pjsua2rs_json_doc_write_string(doc2, PJSUA2RS_JSON_ROOT, "late", "x"));
    CHECK_STATUS(pjsua2rs_json_doc_read_int(doc2, PJSUA2RS_JSON_ROOT, "late", &i),
                 PJSUA2RS_ERR_JSON);
    CHECK(strcmp(last_reason(), "late: expected a number, got a string") == 0);
    OK(pjsua2rs_json_doc_read_string(doc2, PJSUA2RS_JSON_ROOT, "late", buf, sizeof buf, NULL));
    OK(pjsua2rs_json_doc_destroy(doc2));
}

static void test_errors(void)
{
    pjsua2rs_account_config acc, before;
    pjsua2rs_buddy_config buddy;
    pjsua2rs_json_doc doc, stale;
    const char *bad_type =
        "{\"AccountConfig\": {\"AccountRegConfig\": {\"timeoutSec\": \"300\"}}}";
    const char *too_long_name = "\xff\xfe";
    uint32_t node;
    int32_t i;

    /* NULL arguments. */
    CHECK_STATUS(pjsua2rs_account_config_default(NULL, sizeof(pjsua2rs_account_config)),
                 PJSUA2RS_ERR_INVALID_ARG);
    {
        /* A fixed-size struct must be passed with its exact size. */
        pjsua2rs_ua_config ua;
        CHECK_STATUS(pjsua2rs_ua_config_default(&ua, sizeof ua - 1), PJSUA2RS_ERR_INVALID_ARG);
    }
    CHECK_STATUS(pjsua2rs_json_doc_create(NULL), PJSUA2RS_ERR_INVALID_ARG);
    OK(pjsua2rs_json_doc_create(&doc));
    CHECK_STATUS(pjsua2rs_json_doc_write_account_config(doc, PJSUA2RS_JSON_ROOT, NULL),
                 PJSUA2RS_ERR_INVALID_ARG);
    CHECK(strcmp(last_reason(), "cfg is NULL") == 0);
    CHECK_STATUS(pjsua2rs_json_doc_load_string(doc, NULL), PJSUA2RS_ERR_INVALID_ARG);
    CHECK_STATUS(pjsua2rs_json_doc_write_int(doc, PJSUA2RS_JSON_ROOT, NULL, 1),
                 PJSUA2RS_ERR_INVALID_ARG);
    CHECK_STATUS(pjsua2rs_json_doc_write_int(doc, PJSUA2RS_JSON_ROOT, too_long_name, 1),
                 PJSUA2RS_ERR_INVALID_ARG); /* bad UTF-8 */
    CHECK_STATUS(pjsua2rs_json_doc_read_int(doc, PJSUA2RS_JSON_ROOT, "x", NULL),
                 PJSUA2RS_ERR_INVALID_ARG);
    CHECK_STATUS(pjsua2rs_json_doc_write_new_container(doc, 12345, "x", &node),
                 PJSUA2RS_ERR_INVALID_ARG); /* unknown node */

    /* A struct that was never initialised with _default(). */
    memset(&acc, 0, sizeof acc);
    CHECK_STATUS(pjsua2rs_json_doc_write_account_config(doc, PJSUA2RS_JSON_ROOT, &acc),
                 PJSUA2RS_ERR_INVALID_ARG);
    CHECK(strstr(last_reason(), "call pjsua2rs_account_config_default() first") != NULL);
    /* A string field without its NUL. */
    OK(pjsua2rs_account_config_default(&acc, sizeof acc));
    memset(acc.id_uri, 'x', sizeof acc.id_uri);
    CHECK_STATUS(pjsua2rs_json_doc_write_account_config(doc, PJSUA2RS_JSON_ROOT, &acc),
                 PJSUA2RS_ERR_INVALID_ARG);
    CHECK(strcmp(last_reason(), "AccountConfig.idUri is not NUL-terminated") == 0);
    OK(pjsua2rs_json_doc_destroy(doc));

    /* Stale and invalid handles. */
    OK(pjsua2rs_json_doc_create(&stale));
    OK(pjsua2rs_json_doc_destroy(stale));
    CHECK_STATUS(pjsua2rs_json_doc_destroy(stale), PJSUA2RS_ERR_INVALID_HANDLE);
    CHECK_STATUS(pjsua2rs_json_doc_load_string(stale, "{}"), PJSUA2RS_ERR_INVALID_HANDLE);
    CHECK_STATUS(pjsua2rs_json_doc_read_int(stale, PJSUA2RS_JSON_ROOT, "a", &i),
                 PJSUA2RS_ERR_INVALID_HANDLE);
    CHECK_STATUS(pjsua2rs_json_doc_save_string(0, NULL, 0, NULL), PJSUA2RS_ERR_INVALID_HANDLE);

    /* Bad JSON: the reason names the member, and the struct is left as it was. */
    OK(pjsua2rs_json_doc_create(&doc));
    OK(pjsua2rs_json_doc_load_string(doc, bad_type));
    OK(pjsua2rs_account_config_default(&acc, sizeof acc));
    memcpy(&before, &acc, sizeof acc);
    CHECK_STATUS(pjsua2rs_json_doc_read_account_config(doc, PJSUA2RS_JSON_ROOT, &acc),
                 PJSUA2RS_ERR_JSON);
    CHECK(strcmp(last_reason(),
                 "AccountConfig.AccountRegConfig.timeoutSec: expected a number, got a string") == 0);
    /* Field by field: padding bytes are never initialised, so no memcmp. */
    CHECK(acc.reg_config.timeout_sec == before.reg_config.timeout_sec);
    CHECK(strcmp(acc.id_uri, before.id_uri) == 0);
    CHECK(strcmp(acc.reg_config.registrar_uri, before.reg_config.registrar_uri) == 0);
    CHECK(acc.sip_config.auth_creds_count == before.sip_config.auth_creds_count);
    CHECK(acc.media_config.transport_config.port == before.media_config.transport_config.port);
    OK(pjsua2rs_json_doc_destroy(doc));

    OK(pjsua2rs_json_doc_create(&doc));
    CHECK_STATUS(pjsua2rs_json_doc_load_string(doc, "{\"EpConfig\": {,}"), PJSUA2RS_ERR_JSON);
    CHECK(strstr(last_reason(), "line 1 column") != NULL);
    OK(pjsua2rs_json_doc_destroy(doc));

    /* An older program's smaller struct: only struct_size bytes are read and written. */
    OK(pjsua2rs_json_doc_create(&doc));
    OK(pjsua2rs_json_doc_load_string(doc,
        "{\"BuddyConfig\": {\"uri\": \"sip:c@x\", \"subscribe\": true,"
        " \"subscribe_dlg_event\": true}}"));
    /* The older program's _default() writes only its own bytes and stamps its size. */
    memset(&buddy, 0x5a, sizeof buddy);
    OK(pjsua2rs_buddy_config_default(&buddy, offsetof(pjsua2rs_buddy_config, subscribe_dlg_event)));
    CHECK(buddy.struct_size == offsetof(pjsua2rs_buddy_config, subscribe_dlg_event));
    CHECK(*(unsigned char *)&buddy.subscribe_dlg_event == 0x5a);
    CHECK_STATUS(pjsua2rs_buddy_config_default(&buddy, sizeof buddy + 8), PJSUA2RS_ERR_INVALID_ARG);
    OK(pjsua2rs_json_doc_read_buddy_config(doc, PJSUA2RS_JSON_ROOT, &buddy));
    CHECK(strcmp(buddy.uri, "sip:c@x") == 0 && buddy.subscribe);
    CHECK(*(unsigned char *)&buddy.subscribe_dlg_event == 0x5a); /* past struct_size */
    CHECK(buddy.struct_size == offsetof(pjsua2rs_buddy_config, subscribe_dlg_event));
    buddy.struct_size = sizeof buddy + 8;
    CHECK_STATUS(pjsua2rs_json_doc_write_buddy_config(doc, PJSUA2RS_JSON_ROOT, &buddy),
                 PJSUA2RS_ERR_INVALID_ARG);
    OK(pjsua2rs_json_doc_destroy(doc));
}

int main(void)
{
    test_account_round_trip();
    test_layout_and_files();
    test_generic_nodes();
    test_errors();
    if (failures) {
        fprintf(stderr, "test_config_json: %d check(s) failed\n", failures);
        return 1;
    }
    printf("test_config_json: all checks passed\n");
    return 0;
}
