/* The pjsua2rs demo, through the C ABI: two endpoints on loopback (alice and bob), no
 * server. Alice calls bob; bob answers; alice plays a WAV file into the call and bob
 * records what he hears; the demo prints the call's statistics, hangs up, and checks the
 * recording (the three tones of the file in order, at the right pitch, without gaps).
 * It also saves alice's configuration as a PJSUA2 JSON document. Exits non-zero if
 * anything fails.
 *
 * Callbacks run on the library's callback thread; they only set flags the main thread
 * waits for. */
#define _DEFAULT_SOURCE /* usleep */
#include <pjsua2rs.h>

#include <math.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* The file alice plays: three tones of one second each, at 8 kHz. */
#define WAV_RATE 8000
static const double TONES[3] = {440.0, 660.0, 880.0};

/* Prints the last error and exits when `status` is not success. */
static void check(pjsua2rs_status status, const char *what) {
    if (status == PJSUA2RS_SUCCESS) return;
    pjsua2rs_error_info e;
    pjsua2rs_last_error(&e);
    fprintf(stderr, "demo: %s failed: %s: %s (status=%d) [%s:%d]\n", what, e.title, e.reason,
            e.status, e.src_file, e.src_line);
    exit(1);
}

/* What a call's callbacks saw. */
struct call_state {
    pjsua2rs_call h;
    atomic_int state;        /* PJSIP_INV_STATE_*, 0 before the first report */
    atomic_int media_active; /* the audio is flowing */
    const char *name;
};

static void on_call_state(void *ud, const pjsua2rs_on_call_state_param *prm) {
    struct call_state *c = ud;
    printf("  [%s] call state %s (%d %s)\n", c->name, prm->info->state_text,
           prm->info->last_status_code, prm->info->last_reason);
    atomic_store(&c->state, prm->info->state);
}

static void on_call_media_state(void *ud, const pjsua2rs_on_call_state_param *prm) {
    struct call_state *c = ud;
    int active = prm->info->media_count > 0 &&
                 prm->info->media[0].status == PJSUA2RS_CALL_MEDIA_ACTIVE;
    printf("  [%s] media %s, conference slot %d\n", c->name, active ? "active" : "not active",
           prm->info->media_count > 0 ? prm->info->media[0].audio_conf_slot : -1);
    atomic_store(&c->media_active, active);
}

static pjsua2rs_call_callbacks call_cb;
static struct call_state alice_call = {.name = "alice"}, bob_call = {.name = "bob"};
static pjsua2rs_account bob_acc;

/* Bob takes the call and answers it at once (180, then 200). */
static void on_incoming_call(void *ud, const pjsua2rs_on_incoming_call_param *prm) {
    (void)ud;
    check(pjsua2rs_call_create(bob_acc, prm->call_id, &call_cb, &bob_call, &bob_call.h),
          "bob: Call(acc, call_id)");
    pjsua2rs_call_op_param op;
    check(pjsua2rs_call_op_param_default(&op, sizeof op), "CallOpParam");
    op.status_code = 180;
    check(pjsua2rs_call_answer(bob_call.h, &op), "bob: answer(180)");
    op.status_code = 200;
    check(pjsua2rs_call_answer(bob_call.h, &op), "bob: answer(200)");
}

static atomic_int eof_seen;
static void on_eof2(void *ud) {
    (void)ud;
    atomic_store(&eof_seen, 1);
}

/* Waits up to `secs` for `*flag` to reach `value`. */
static int wait_for(atomic_int *flag, int value, double secs) {
    for (int i = 0; i < secs * 100; i++) {
        if (atomic_load(flag) == value) return 1;
        usleep(10000);
    }
    return atomic_load(flag) == value;
}

static void put_le(FILE *f, unsigned v, int bytes) {
    for (int i = 0; i < bytes; i++) fputc((v >> (8 * i)) & 0xff, f);
}

/* Writes the three-tone WAV file (16-bit PCM, mono). */
static void write_wav(const char *path) {
    FILE *f = fopen(path, "wb");
    if (!f) { perror(path); exit(1); }
    unsigned n = 3 * WAV_RATE, data = n * 2;
    fwrite("RIFF", 1, 4, f); put_le(f, 36 + data, 4); fwrite("WAVEfmt ", 1, 8, f);
    put_le(f, 16, 4); put_le(f, 1, 2); put_le(f, 1, 2); put_le(f, WAV_RATE, 4);
    put_le(f, WAV_RATE * 2, 4); put_le(f, 2, 2); put_le(f, 16, 2);
    fwrite("data", 1, 4, f); put_le(f, data, 4);
    for (unsigned i = 0; i < n; i++) {
        double freq = TONES[i / WAV_RATE];
        short s = (short)(10000.0 * sin(2.0 * M_PI * freq * i / WAV_RATE));
        put_le(f, (unsigned short)s, 2);
    }
    fclose(f);
}

/* Reads a 16-bit mono PCM WAV file; returns the samples (malloc'd) and sets the count
 * and rate. */
static short *read_wav(const char *path, size_t *count, unsigned *rate) {
    FILE *f = fopen(path, "rb");
    if (!f) { perror(path); exit(1); }
    unsigned char hdr[12], ch[8];
    if (fread(hdr, 1, 12, f) != 12 || memcmp(hdr, "RIFF", 4) || memcmp(hdr + 8, "WAVE", 4)) {
        fprintf(stderr, "demo: %s is not a WAV file\n", path);
        exit(1);
    }
    short *samples = NULL;
    *count = 0;
    while (fread(ch, 1, 8, f) == 8) {
        unsigned len = ch[4] | ch[5] << 8 | ch[6] << 16 | (unsigned)ch[7] << 24;
        if (!memcmp(ch, "fmt ", 4)) {
            unsigned char fmt[16];
            if (len < 16 || fread(fmt, 1, 16, f) != 16) break;
            *rate = fmt[4] | fmt[5] << 8 | fmt[6] << 16 | (unsigned)fmt[7] << 24;
            fseek(f, len - 16 + (len & 1), SEEK_CUR);
        } else if (!memcmp(ch, "data", 4)) {
            samples = malloc(len);
            *count = fread(samples, 2, len / 2, f);
            break;
        } else {
            fseek(f, len + (len & 1), SEEK_CUR);
        }
    }
    fclose(f);
    return samples;
}

/* The power of `freq` in `n` samples (Goertzel), normalised by n. */
static double power_at(const short *x, size_t n, unsigned rate, double freq) {
    double k = 2.0 * cos(2.0 * M_PI * freq / rate), s1 = 0, s2 = 0;
    for (size_t i = 0; i < n; i++) {
        double s0 = x[i] + k * s1 - s2;
        s2 = s1;
        s1 = s0;
    }
    return (s1 * s1 + s2 * s2 - k * s1 * s2) / ((double)n * n);
}

/* Checks the recording: it starts with the first loud sample; in each second its tone
 * holds at least 90% of the energy, and no 10 ms stretch is silent. */
static int check_recording(const char *path) {
    size_t n;
    unsigned rate = 0;
    short *x = read_wav(path, &n, &rate);
    size_t start = 0;
    while (start < n && abs(x[start]) < 1000) start++;
    printf("\nRecording %s: %.2f s at %u Hz, the audio starts at %.2f s\n", path,
           (double)n / rate, rate, (double)start / rate);
    int ok = rate > 0 && start + 3 * rate <= n + rate / 10;
    for (int t = 0; ok && t < 3; t++) {
        /* The middle 800 ms of each second. */
        const short *seg = x + start + t * rate + rate / 10;
        size_t len = rate * 8 / 10;
        double energy = 0;
        for (size_t i = 0; i < len; i++) energy += (double)seg[i] * seg[i];
        double mean_power = energy / len;
        /* A sine of amplitude A has mean power A^2/2 and Goertzel power A^2/4. */
        double share = 2.0 * power_at(seg, len, rate, TONES[t]) / (mean_power + 1e-9);
        int gaps = 0;
        for (size_t w = 0; w + rate / 100 <= len; w += rate / 100) {
            double e = 0;
            for (size_t i = 0; i < rate / 100; i++) e += (double)seg[w + i] * seg[w + i];
            if (sqrt(e / (rate / 100)) < 100.0) gaps++; /* below -50 dBFS */
        }
        printf("  second %d: %3.0f Hz holds %5.1f%% of the energy (level %.1f dBFS), "
               "%d silent 10 ms windows\n",
               t + 1, TONES[t], 100.0 * share, 10.0 * log10(mean_power / (32768.0 * 32768.0)),
               gaps);
        ok = ok && share > 0.9 && gaps == 0;
    }
    free(x);
    return ok;
}

static void print_stream(const char *who, pjsua2rs_call call) {
    pjsua2rs_stream_info si;
    pjsua2rs_stream_stat st;
    check(pjsua2rs_call_get_stream_info(call, -1, &si), "getStreamInfo");
    check(pjsua2rs_call_get_stream_stat(call, -1, &st), "getStreamStat");
    printf("  %-5s %s/%u pt %u, to %s%s\n", who, si.codec_name, si.codec_clock_rate, si.tx_pt,
           si.remote_rtp_address, si.rtcp_mux ? " (rtcp-mux)" : "");
    printf("        sent %llu packets (%llu bytes), received %llu (lost %u, jitter %lld us), "
           "rtt %lld us, jitter buffer %u frames\n",
           (unsigned long long)st.tx_stat.pkt, (unsigned long long)st.tx_stat.bytes,
           (unsigned long long)st.rx_stat.pkt, st.rx_stat.loss, (long long)st.rx_stat.jitter_usec.last,
           (long long)st.rtt_usec.last, st.jbuf.prefetch);
}

/* An endpoint with a UDP transport on 127.0.0.1 and the account sip:<user>@127.0.0.1. */
static pjsua2rs_endpoint start_endpoint(const char *user, pjsua2rs_ep_config *cfg,
                                        pjsua2rs_transport_config *tcfg, char *uri,
                                        pjsua2rs_account *acc, pjsua2rs_on_incoming_call_fn cb) {
    pjsua2rs_endpoint ep;
    check(pjsua2rs_endpoint_create(&ep), "libCreate");
    check(pjsua2rs_endpoint_lib_init(ep, cfg), "libInit");
    int tid;
    check(pjsua2rs_endpoint_transport_create(ep, PJSUA2RS_TRANSPORT_UDP, tcfg, &tid), "transportCreate");
    check(pjsua2rs_endpoint_lib_start(ep), "libStart");
    pjsua2rs_transport_info ti;
    check(pjsua2rs_endpoint_transport_get_info(ep, tid, &ti), "transportGetInfo");
    printf("%-5s listens on %s %s\n", user, ti.type_name, ti.local_address);
    sprintf(uri, "sip:%s@%s", user, ti.local_address);
    pjsua2rs_account_config *acfg = malloc(sizeof *acfg);
    check(pjsua2rs_account_config_default(acfg, sizeof *acfg), "AccountConfig");
    snprintf(acfg->id_uri, sizeof acfg->id_uri, "sip:%s@127.0.0.1", user);
    pjsua2rs_account_callbacks acb;
    check(pjsua2rs_account_callbacks_default(&acb, sizeof acb), "account callbacks");
    acb.on_incoming_call = cb;
    check(pjsua2rs_account_create(ep, acfg, true, &acb, NULL, acc), "Account::create");
    free(acfg);
    return ep;
}

int main(int argc, char **argv) {
    const char *dir = argc > 1 ? argv[1] : ".";
    char wav[512], rec_path[512], json_path[512];
    snprintf(wav, sizeof wav, "%s/three-tones.wav", dir);
    snprintf(rec_path, sizeof rec_path, "%s/bob-heard.wav", dir);
    snprintf(json_path, sizeof json_path, "%s/demo-config.json", dir);
    pjsua2rs_version_info v;
    check(pjsua2rs_version(&v), "version");
    printf("pjsua2rs %s\n\n", v.full);
    write_wav(wav);

    pjsua2rs_ep_config cfg;
    check(pjsua2rs_ep_config_default(&cfg, sizeof cfg), "ep_config_default");
    strcpy(cfg.ua_config.user_agent, "pjsua2rs demo");
    cfg.log_config.level = 3; /* errors and warnings */
    cfg.log_config.console_level = 3;
    pjsua2rs_transport_config tcfg;
    check(pjsua2rs_transport_config_default(&tcfg, sizeof tcfg), "transport_config_default");
    strcpy(tcfg.bound_address, "127.0.0.1");
    check(pjsua2rs_call_callbacks_default(&call_cb, sizeof call_cb), "call callbacks");
    call_cb.on_call_state = on_call_state;
    call_cb.on_call_media_state = on_call_media_state;

    char alice_uri[128], bob_uri[128];
    pjsua2rs_account alice_acc;
    pjsua2rs_endpoint alice = start_endpoint("alice", &cfg, &tcfg, alice_uri, &alice_acc, NULL);
    pjsua2rs_endpoint bob = start_endpoint("bob", &cfg, &tcfg, bob_uri, &bob_acc, on_incoming_call);

    printf("\nalice calls %s\n", bob_uri);
    check(pjsua2rs_call_create(alice_acc, -1, &call_cb, &alice_call, &alice_call.h), "Call(acc)");
    pjsua2rs_call_op_param op;
    check(pjsua2rs_call_op_param_default(&op, sizeof op), "CallOpParam");
    check(pjsua2rs_call_make(alice_call.h, bob_uri, &op), "makeCall");
    if (!wait_for(&alice_call.state, 5, 10) || !wait_for(&alice_call.media_active, 1, 5) ||
        !wait_for(&bob_call.media_active, 1, 5)) {
        fprintf(stderr, "demo: the call did not connect with audio\n");
        return 1;
    }

    /* Alice's player into her call; bob's call into his recorder. */
    int alice_slot, bob_slot, player_slot, rec_slot;
    check(pjsua2rs_call_get_audio_media(alice_call.h, -1, &alice_slot), "alice: getAudioMedia");
    check(pjsua2rs_call_get_audio_media(bob_call.h, -1, &bob_slot), "bob: getAudioMedia");
    pjsua2rs_audio_media_recorder rec;
    check(pjsua2rs_audio_media_recorder_create(bob, rec_path, 0, PJSUA2RS_FILE_WRITE_PCM, &rec), "createRecorder");
    check(pjsua2rs_audio_media_recorder_get_port_id(rec, &rec_slot), "recorder port");
    check(pjsua2rs_audio_media_start_transmit(bob, bob_slot, rec_slot, 1.0f), "bob: startTransmit");
    pjsua2rs_audio_media_player_callbacks pcb;
    check(pjsua2rs_audio_media_player_callbacks_default(&pcb, sizeof pcb), "player callbacks");
    pcb.on_eof2 = on_eof2;
    pjsua2rs_audio_media_player player;
    check(pjsua2rs_audio_media_player_create(alice, wav, PJSUA2RS_FILE_NO_LOOP, &pcb, NULL, &player),
          "createPlayer");
    check(pjsua2rs_audio_media_player_get_port_id(player, &player_slot), "player port");
    printf("\nalice plays %s into the call; bob records to %s\n", wav, rec_path);
    check(pjsua2rs_audio_media_start_transmit(alice, player_slot, alice_slot, 1.0f), "alice: startTransmit");
    if (!wait_for(&eof_seen, 1, 10)) {
        fprintf(stderr, "demo: the player did not reach the end of the file\n");
        return 1;
    }
    usleep(300000); /* the last packets through bob's jitter buffer */

    printf("\nCall statistics\n");
    print_stream("alice", alice_call.h);
    print_stream("bob", bob_call.h);

    printf("\nalice hangs up\n");
    check(pjsua2rs_call_hangup(alice_call.h, &op), "hangup");
    if (!wait_for(&bob_call.state, 6, 10)) {
        fprintf(stderr, "demo: bob's call did not end\n");
        return 1;
    }
    check(pjsua2rs_audio_media_recorder_destroy(rec), "recorder destroy"); /* completes the file */
    check(pjsua2rs_audio_media_player_destroy(player), "player destroy");
    int ok = check_recording(rec_path);

    pjsua2rs_json_doc doc;
    check(pjsua2rs_json_doc_create(&doc), "JsonDocument");
    check(pjsua2rs_json_doc_write_ep_config(doc, PJSUA2RS_JSON_ROOT, &cfg), "writeObject(EpConfig)");
    check(pjsua2rs_json_doc_write_transport_config(doc, PJSUA2RS_JSON_ROOT, &tcfg), "writeObject(TransportConfig)");
    check(pjsua2rs_json_doc_save_file(doc, json_path), "saveFile");
    check(pjsua2rs_json_doc_destroy(doc), "JsonDocument destroy");
    printf("\nalice's configuration saved as PJSUA2 JSON in %s\n", json_path);

    check(pjsua2rs_call_destroy(alice_call.h), "alice: call destroy");
    check(pjsua2rs_call_destroy(bob_call.h), "bob: call destroy");
    check(pjsua2rs_endpoint_destroy(alice), "alice: libDestroy");
    check(pjsua2rs_endpoint_destroy(bob), "bob: libDestroy");
    printf("%s\n", ok ? "demo: OK" : "demo: FAILED (the recording does not match the file)");
    return ok ? 0 : 1;
}
