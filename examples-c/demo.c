/* The pjsua2rs demo, through the C ABI: starts an endpoint with UDP and TCP transports on
 * loopback, lists them, sends itself an OPTIONS over each and prints the answer, and
 * saves its configuration as a PJSUA2 JSON document. Exits non-zero if anything fails.
 *
 * (It grows into a loopback call with audio once calls and media land.) */
#include <pjsua2rs.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Prints the last error and exits when `status` is not success. */
static void check(pjsua2rs_status status, const char *what) {
    if (status == PJSUA2RS_SUCCESS) return;
    pjsua2rs_error_info e;
    pjsua2rs_last_error(&e);
    fprintf(stderr, "demo: %s failed: %s: %s (status=%d) [%s:%d]\n", what, e.title, e.reason,
            e.status, e.src_file, e.src_line);
    exit(1);
}

int main(int argc, char **argv) {
    const char *json_path = argc > 1 ? argv[1] : "demo-config.json";
    pjsua2rs_version_info v;
    check(pjsua2rs_version(&v), "version");
    printf("pjsua2rs %s\n\n", v.full);

    pjsua2rs_endpoint ep;
    check(pjsua2rs_endpoint_create(&ep), "libCreate");
    pjsua2rs_ep_config cfg;
    check(pjsua2rs_ep_config_default(&cfg, sizeof cfg), "ep_config_default");
    strcpy(cfg.ua_config.user_agent, "pjsua2rs demo");
    cfg.log_config.level = 3; /* errors and warnings; SIP messages are printed below */
    cfg.log_config.console_level = 3;
    check(pjsua2rs_endpoint_lib_init(ep, &cfg), "libInit");

    pjsua2rs_transport_config tcfg;
    check(pjsua2rs_transport_config_default(&tcfg, sizeof tcfg), "transport_config_default");
    strcpy(tcfg.bound_address, "127.0.0.1");
    int udp, tcp;
    check(pjsua2rs_endpoint_transport_create(ep, PJSUA2RS_TRANSPORT_UDP, &tcfg, &udp), "transportCreate(UDP)");
    check(pjsua2rs_endpoint_transport_create(ep, PJSUA2RS_TRANSPORT_TCP, &tcfg, &tcp), "transportCreate(TCP)");
    check(pjsua2rs_endpoint_lib_start(ep), "libStart");

    int ids[8];
    size_t n = 0;
    check(pjsua2rs_endpoint_transport_enum(ep, ids, 8, &n), "transportEnum");
    printf("Transports:\n");
    char uris[8][160];
    for (size_t i = 0; i < n; i++) {
        pjsua2rs_transport_info ti;
        check(pjsua2rs_endpoint_transport_get_info(ep, ids[i], &ti), "transportGetInfo");
        printf("  #%d %-4s bound %-21s published %s (%s)\n", ti.id, ti.type_name, ti.local_address,
               ti.local_name, ti.info);
        snprintf(uris[i], sizeof uris[i], "sip:demo@%s%s", ti.local_address,
                 ti.flags & PJSUA2RS_TRANSPORT_FLAG_RELIABLE ? ";transport=tcp" : "");
    }

    int ok = 1;
    for (size_t i = 0; i < n; i++) {
        pjsua2rs_request_result r;
        static char msg[8192];
        size_t len = 0;
        printf("\nOPTIONS %s\n", uris[i]);
        check(pjsua2rs_endpoint_send_options(ep, uris[i], 5000, &r, msg, sizeof msg, &len), "send OPTIONS");
        printf("-> %d %s\n%s", r.status_code, r.reason, msg);
        ok = ok && r.status_code == 200;
    }

    pjsua2rs_json_doc doc;
    check(pjsua2rs_json_doc_create(&doc), "JsonDocument");
    check(pjsua2rs_json_doc_write_ep_config(doc, PJSUA2RS_JSON_ROOT, &cfg), "writeObject(EpConfig)");
    check(pjsua2rs_json_doc_write_transport_config(doc, PJSUA2RS_JSON_ROOT, &tcfg), "writeObject(TransportConfig)");
    check(pjsua2rs_json_doc_save_file(doc, json_path), "saveFile");
    check(pjsua2rs_json_doc_destroy(doc), "JsonDocument destroy");
    printf("\nConfiguration saved as PJSUA2 JSON in %s\n", json_path);

    check(pjsua2rs_endpoint_destroy(ep), "libDestroy");
    printf("%s\n", ok ? "demo: OK" : "demo: FAILED (an OPTIONS was not answered 200)");
    return ok ? 0 : 1;
}
