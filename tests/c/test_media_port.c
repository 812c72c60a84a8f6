/* Application ports (PJSUA2's AudioMediaPort) through the C ABI: a port at 8 kHz
 * supplying a 1 kHz sine (in the library's buffer and in its own) transmits to a port at
 * the bridge's 16 kHz, which hears the tone in on_frame_received; counters; destruction
 * stops the callbacks; NULL arguments, bad formats, stale and foreign handles, and a port
 * outliving its endpoint. Also run under valgrind by tests/c/run.sh --valgrind, so the
 * checks allow for a slow media clock. */
#include <pjsua2rs.h>

#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "check.h"

/* One period of a 1 kHz sine at 8 kHz: 12000 * sin(2 pi k / 8). */
static const int16_t SINE[8] = {0, 8485, 12000, 8485, 0, -8485, -12000, -8485};

/* The generator: a continuous 1 kHz sine at 8 kHz. */
struct generator {
    pthread_mutex_t lock;
    unsigned phase;
    int requested;
    size_t size_seen;
    int16_t own[160];
};

static void fill_sine(struct generator *g, int16_t *out, size_t n) {
    for (size_t i = 0; i < n; i++) {
        out[i] = SINE[g->phase];
        g->phase = (g->phase + 1) % 8;
    }
}

static void on_frame_requested(void *user_data, pjsua2rs_media_frame *frame) {
    struct generator *g = user_data;
    pthread_mutex_lock(&g->lock);
    g->size_seen = frame->size;
    size_t n = frame->size / 2;
    if (n > 160) n = 160;
    if (g->requested % 2 == 0) {
        /* In the library's buffer (16-bit samples in machine order). */
        int16_t samples[160];
        fill_sine(g, samples, n);
        memcpy(frame->buf, samples, n * 2);
    } else {
        /* In our own buffer, which the library copies. */
        fill_sine(g, g->own, n);
        frame->buf = (uint8_t *)g->own;
    }
    frame->frame_type = PJSUA2RS_FRAME_TYPE_AUDIO;
    g->requested++;
    pthread_mutex_unlock(&g->lock);
}

/* The listener: counts frames and the zero crossings of the loud ones. */
struct listener {
    pthread_mutex_t lock;
    int frames;
    int loud_frames;
    long crossings;
    size_t bad_size;
};

static void on_frame_received(void *user_data, const pjsua2rs_media_frame *frame) {
    struct listener *l = user_data;
    int16_t samples[320];
    pthread_mutex_lock(&l->lock);
    l->frames++;
    if (frame->size != sizeof samples || frame->frame_type != PJSUA2RS_FRAME_TYPE_AUDIO) {
        l->bad_size = frame->size;
    } else {
        memcpy(samples, frame->buf, sizeof samples);
        int peak = 0, crossings = 0;
        for (int i = 0; i < 320; i++) {
            int a = samples[i] < 0 ? -samples[i] : samples[i];
            if (a > peak) peak = a;
            if (i > 0 && (samples[i - 1] < 0) != (samples[i] < 0)) crossings++;
        }
        if (peak > 6000) {
            l->loud_frames++;
            l->crossings += crossings;
        }
    }
    pthread_mutex_unlock(&l->lock);
}

static void sleep_ms(long ms) {
    struct timespec ts = {ms / 1000, (ms % 1000) * 1000000L};
    nanosleep(&ts, NULL);
}

static void bad_arguments(pjsua2rs_endpoint ep, const pjsua2rs_audio_media_port_callbacks *cb) {
    pjsua2rs_media_format_audio fmt = {0, 0, 0, 0};
    pjsua2rs_audio_media_port p = 0;
    CHECK(pjsua2rs_audio_media_port_create(ep, NULL, &fmt, cb, NULL, &p) == PJSUA2RS_ERR_INVALID_ARG);
    CHECK(pjsua2rs_audio_media_port_create(ep, "x", NULL, cb, NULL, &p) == PJSUA2RS_ERR_INVALID_ARG);
    CHECK(pjsua2rs_audio_media_port_create(ep, "x", &fmt, cb, NULL, NULL) == PJSUA2RS_ERR_INVALID_ARG);
    CHECK(pjsua2rs_audio_media_port_create(0, "x", &fmt, cb, NULL, &p) == PJSUA2RS_ERR_INVALID_HANDLE);
    pjsua2rs_audio_media_port_callbacks unset;
    memset(&unset, 0, sizeof unset);
    CHECK(pjsua2rs_audio_media_port_create(ep, "x", &fmt, &unset, NULL, &p) == PJSUA2RS_ERR_INVALID_ARG);
    pjsua2rs_media_format_audio stereo = {16000, 2, 20000, 16};
    CHECK(pjsua2rs_audio_media_port_create(ep, "x", &stereo, cb, NULL, &p) == PJSUA2RS_ERR_INVALID_ARG);
    pjsua2rs_error_info e;
    CHECK(pjsua2rs_last_error(&e) == PJSUA2RS_SUCCESS);
    CHECK(strstr(e.reason, "channelCount 2") != NULL);
    CHECK(strcmp(e.title, "AudioMediaPort::createPort()") == 0);
    pjsua2rs_media_format_audio odd = {8000, 1, 10001, 16};
    CHECK(pjsua2rs_audio_media_port_create(ep, "x", &odd, cb, NULL, &p) == PJSUA2RS_ERR_INVALID_ARG);
    CHECK(p == 0);
    CHECK(pjsua2rs_audio_media_port_callbacks_default(NULL, sizeof unset) == PJSUA2RS_ERR_INVALID_ARG);
    CHECK(pjsua2rs_audio_media_port_callbacks_default(&unset, 1000) == PJSUA2RS_ERR_INVALID_ARG);
    int slot = -1;
    CHECK(pjsua2rs_audio_media_port_get_port_id(0, &slot) == PJSUA2RS_ERR_INVALID_HANDLE);
    /* An endpoint handle is not a port handle. */
    CHECK(pjsua2rs_audio_media_port_get_port_id(ep, &slot) == PJSUA2RS_ERR_INVALID_HANDLE);
    CHECK(pjsua2rs_audio_media_port_destroy(ep) == PJSUA2RS_ERR_INVALID_HANDLE);
    CHECK(pjsua2rs_audio_media_start_transmit(ep, -1, 1, 1.0f) == PJSUA2RS_ERR_INVALID_ARG);
    CHECK(pjsua2rs_audio_media_start_transmit(ep, 1, 200, 1.0f) == PJSUA2RS_ERR_INVALID_ARG);
}

int main(void) {
    pjsua2rs_endpoint ep = 0;
    CHECK(pjsua2rs_endpoint_create(&ep) == PJSUA2RS_SUCCESS);
    pjsua2rs_ep_config cfg;
    CHECK(pjsua2rs_ep_config_default(&cfg, sizeof cfg) == PJSUA2RS_SUCCESS);
    cfg.log_config.level = 1;
    cfg.log_config.console_level = 1;
    CHECK(pjsua2rs_endpoint_lib_init(ep, &cfg) == PJSUA2RS_SUCCESS);
    CHECK(pjsua2rs_endpoint_lib_start(ep) == PJSUA2RS_SUCCESS);

    pjsua2rs_audio_media_port_callbacks cb;
    CHECK(pjsua2rs_audio_media_port_callbacks_default(&cb, sizeof cb) == PJSUA2RS_SUCCESS);
    CHECK(cb.struct_size == sizeof cb && cb.on_frame_requested == NULL);
    bad_arguments(ep, &cb);
    pjsua2rs_audio_media_port_callbacks gen_cb = cb, ear_cb = cb;
    gen_cb.on_frame_requested = on_frame_requested;
    ear_cb.on_frame_received = on_frame_received;

    struct generator g;
    memset(&g, 0, sizeof g);
    pthread_mutex_init(&g.lock, NULL);
    struct listener l;
    memset(&l, 0, sizeof l);
    pthread_mutex_init(&l.lock, NULL);

    pjsua2rs_media_format_audio narrow = {8000, 1, 20000, 16};
    pjsua2rs_media_format_audio bridge = {0, 0, 0, 0}; /* the bridge's format */
    pjsua2rs_audio_media_port gen = 0, ear = 0;
    CHECK(pjsua2rs_audio_media_port_create(ep, "gen", &narrow, &gen_cb, &g, &gen) == PJSUA2RS_SUCCESS);
    CHECK(pjsua2rs_audio_media_port_create(ep, "ear", &bridge, &ear_cb, &l, &ear) == PJSUA2RS_SUCCESS);
    CHECK(gen != 0 && ear != 0 && gen != ear);
    int gen_slot = -1, ear_slot = -1;
    CHECK(pjsua2rs_audio_media_port_get_port_id(gen, &gen_slot) == PJSUA2RS_SUCCESS);
    CHECK(pjsua2rs_audio_media_port_get_port_id(ear, &ear_slot) == PJSUA2RS_SUCCESS);
    CHECK(gen_slot > 0 && ear_slot > 0 && gen_slot != ear_slot);
    CHECK(pjsua2rs_audio_media_start_transmit(ep, gen_slot, ear_slot, 1.0f) == PJSUA2RS_SUCCESS);
    sleep_ms(1000);

    pjsua2rs_audio_media_port_stats st;
    CHECK(pjsua2rs_audio_media_port_get_stats(ear, &st) == PJSUA2RS_SUCCESS);
    CHECK(st.dropped == 0);
    CHECK(pjsua2rs_audio_media_port_get_stats(gen, &st) == PJSUA2RS_SUCCESS);
    CHECK(pjsua2rs_audio_media_stop_transmit(ep, gen_slot, ear_slot) == PJSUA2RS_SUCCESS);
    CHECK(pjsua2rs_audio_media_port_destroy(gen) == PJSUA2RS_SUCCESS);
    pthread_mutex_lock(&g.lock);
    int requested = g.requested;
    CHECK(g.size_seen == 320); /* 20 ms at 8 kHz */
    pthread_mutex_unlock(&g.lock);
    pthread_mutex_lock(&l.lock);
    int frames = l.frames;
    CHECK(l.bad_size == 0);
    CHECK(frames >= 10);
    CHECK(l.loud_frames >= frames / 2);
    if (l.loud_frames > 0) {
        /* 1 kHz: 40 zero crossings in 20 ms. */
        double per_frame = (double)l.crossings / l.loud_frames;
        CHECK(per_frame > 37.0 && per_frame < 43.0);
    }
    pthread_mutex_unlock(&l.lock);
    CHECK(requested >= frames / 2);

    /* No callback of a destroyed port; its handle is stale. */
    sleep_ms(100);
    pthread_mutex_lock(&g.lock);
    CHECK(g.requested == requested);
    pthread_mutex_unlock(&g.lock);
    int slot = -1;
    CHECK(pjsua2rs_audio_media_port_get_port_id(gen, &slot) == PJSUA2RS_ERR_INVALID_HANDLE);
    CHECK(pjsua2rs_audio_media_port_get_stats(gen, &st) == PJSUA2RS_ERR_INVALID_HANDLE);
    CHECK(pjsua2rs_audio_media_port_destroy(gen) == PJSUA2RS_ERR_INVALID_HANDLE);
    CHECK(pjsua2rs_audio_media_start_transmit(ep, gen_slot, ear_slot, 1.0f) == PJSUA2RS_ERR_INVALID_ARG);

    /* A port outliving its endpoint: only the handle is left to free. */
    CHECK(pjsua2rs_endpoint_destroy(ep) == PJSUA2RS_SUCCESS);
    CHECK(pjsua2rs_audio_media_port_get_stats(ear, &st) == PJSUA2RS_ERR_SIP_SHUTDOWN);
    CHECK(pjsua2rs_audio_media_port_destroy(ear) == PJSUA2RS_SUCCESS);
    CHECK(pjsua2rs_audio_media_port_destroy(ear) == PJSUA2RS_ERR_INVALID_HANDLE);
    pthread_mutex_destroy(&g.lock);
    pthread_mutex_destroy(&l.lock);

    if (failures) {
        fprintf(stderr, "test_media_port: %d failures\n", failures);
        return 1;
    }
    printf("test_media_port: ok (%d frames requested, %d received)\n", requested, frames);
    return 0;
}
