/* Media through the C ABI, in poll mode on the null sound device: a tone generator
 * recorded to a WAV file, read back and measured (frequency, level, a halved tx level);
 * the bridge's port list and port info; the sound device manager; a player's info,
 * positions and on_eof2 (a playlist destroyed from its own callback); the digit map. And
 * the bad input: NULL arguments, unknown files and slots, foreign, destroyed and
 * orphaned handles. */
#define _DEFAULT_SOURCE /* usleep */
#include <pjsua2rs.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "wav.h"

#include "check.h"

/* Seconds any one step may take (generous: the test also runs under valgrind). */
#define WAIT_SECS 60

static double now_s(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + t.tv_nsec / 1e9;
}

static pjsua2rs_endpoint ep;

/* Runs the queued callbacks until cond holds (or WAIT_SECS pass). */
#define WAIT_FOR(cond)                                                                 \
    do {                                                                               \
        double until_ = now_s() + WAIT_SECS;                                           \
        while (!(cond) && now_s() < until_) {                                          \
            unsigned ran_ = 0;                                                         \
            pjsua2rs_endpoint_handle_events(ep, 5, &ran_);                             \
        }                                                                              \
        CHECK(cond);                                                                   \
    } while (0)

/* Runs the queued callbacks for `ms` milliseconds. */
static void pump(int ms) {
    double until = now_s() + ms / 1000.0;
    while (now_s() < until) {
        unsigned ran = 0;
        pjsua2rs_endpoint_handle_events(ep, 5, &ran);
    }
}

static char dir[256];

static const char *path(const char *name) {
    static char buf[4][512];
    static int next = 0;
    char *p = buf[next++ % 4];
    snprintf(p, sizeof buf[0], "%s/%s", dir, name);
    return p;
}

static void start(void) {
    CHECK(pjsua2rs_endpoint_create(&ep) == PJSUA2RS_SUCCESS);
    pjsua2rs_ep_config cfg;
    pjsua2rs_ep_config_default(&cfg, sizeof cfg);
    cfg.log_config.level = 1;
    cfg.log_config.console_level = 1;
    cfg.ua_config.thread_cnt = 0;
    cfg.ua_config.main_thread_only = true;
    CHECK(pjsua2rs_endpoint_lib_init(ep, &cfg) == PJSUA2RS_SUCCESS);
    CHECK(pjsua2rs_aud_dev_manager_set_null_dev(ep) == PJSUA2RS_SUCCESS);
    CHECK(pjsua2rs_endpoint_lib_start(ep) == PJSUA2RS_SUCCESS);
}

static void sound_device_and_ports(void) {
    int cap = 0, play = 0;
    CHECK(pjsua2rs_aud_dev_manager_get_capture_dev(ep, &cap) == PJSUA2RS_SUCCESS);
    CHECK(pjsua2rs_aud_dev_manager_get_playback_dev(ep, &play) == PJSUA2RS_SUCCESS);
    CHECK(cap == PJSUA2RS_SND_NULL_DEV && play == PJSUA2RS_SND_NULL_DEV);
    CHECK(pjsua2rs_aud_dev_manager_set_no_dev(ep) == PJSUA2RS_SUCCESS);
    CHECK(pjsua2rs_aud_dev_manager_get_capture_dev(ep, &cap) == PJSUA2RS_SUCCESS);
    CHECK(cap == PJSUA2RS_SND_NO_DEV && PJSUA2RS_SND_NO_DEV == -3);
    CHECK(pjsua2rs_aud_dev_manager_set_null_dev(ep) == PJSUA2RS_SUCCESS);
    size_t n = 99;
    CHECK(pjsua2rs_aud_dev_manager_enum_dev2(ep, NULL, 0, &n) == PJSUA2RS_SUCCESS && n < 99);
    CHECK(pjsua2rs_aud_dev_manager_enum_dev2(ep, NULL, 1, &n) == PJSUA2RS_ERR_INVALID_ARG);
    CHECK(pjsua2rs_aud_dev_manager_set_capture_dev(ep, -7) == PJSUA2RS_ERR_INVALID_ARG);

    int slots[4] = {-1, -1, -1, -1};
    CHECK(pjsua2rs_endpoint_media_enum_ports2(ep, slots, 4, &n) == PJSUA2RS_SUCCESS);
    CHECK(n == 1 && slots[0] == 0);
    unsigned active = 0;
    CHECK(pjsua2rs_endpoint_media_active_ports(ep, &active) == PJSUA2RS_SUCCESS && active == 1);
    pjsua2rs_conf_port_info info;
    CHECK(pjsua2rs_audio_media_get_port_info(ep, 0, NULL, 0, &info) == PJSUA2RS_SUCCESS);
    CHECK(info.port_id == 0 && strcmp(info.name, "Master/sound") == 0);
    CHECK(info.format.clock_rate == 16000 && info.format.channel_count == 1);
    CHECK(info.format.frame_time_usec == 20000 && info.format.bits_per_sample == 16);
    CHECK(info.tx_level_adj == 1.0f && info.rx_level_adj == 1.0f && info.listener_count == 0);
    CHECK(pjsua2rs_audio_media_get_port_info(ep, 9, NULL, 0, &info) == PJSUA2RS_ERR_INVALID_ARG);
    CHECK(pjsua2rs_audio_media_get_port_info(ep, -1, NULL, 0, &info) ==
          PJSUA2RS_ERR_INVALID_ARG);
    CHECK(pjsua2rs_audio_media_start_transmit(ep, 0, 9, 1.0f) == PJSUA2RS_ERR_INVALID_ARG);
}

/* Records 600 ms of a 1000 Hz tone sent at tx level `level`; returns the recording. */
static struct wav_audio record_tone(const char *name, float level) {
    pjsua2rs_tone_generator tg = 0;
    pjsua2rs_audio_media_recorder rec = 0;
    int tg_port = -1, rec_port = -1;
    CHECK(pjsua2rs_tone_generator_create(ep, &tg) == PJSUA2RS_SUCCESS);
    CHECK(pjsua2rs_tone_generator_get_port_id(tg, &tg_port) == PJSUA2RS_SUCCESS);
    CHECK(pjsua2rs_audio_media_recorder_create(ep, path(name), 0, PJSUA2RS_FILE_WRITE_PCM,
                                               &rec) == PJSUA2RS_SUCCESS);
    CHECK(pjsua2rs_audio_media_recorder_get_port_id(rec, &rec_port) == PJSUA2RS_SUCCESS);
    CHECK(tg_port > 0 && rec_port > 0 && tg_port != rec_port);
    CHECK(pjsua2rs_audio_media_adjust_tx_level(ep, tg_port, level) == PJSUA2RS_SUCCESS);
    CHECK(pjsua2rs_audio_media_start_transmit(ep, tg_port, rec_port, 1.0f) == PJSUA2RS_SUCCESS);

    int listeners[2] = {-1, -1};
    pjsua2rs_conf_port_info info;
    CHECK(pjsua2rs_audio_media_get_port_info(ep, tg_port, listeners, 2, &info) ==
          PJSUA2RS_SUCCESS);
    CHECK(strcmp(info.name, "tonegen") == 0 && info.tx_level_adj == level);
    CHECK(info.listener_count == 1 && listeners[0] == rec_port && listeners[1] == -1);

    pjsua2rs_tone_desc tone = {.freq1 = 1000, .on_msec = 600};
    bool busy = false;
    CHECK(pjsua2rs_tone_generator_play(tg, &tone, 1, false) == PJSUA2RS_SUCCESS);
    CHECK(pjsua2rs_tone_generator_is_busy(tg, &busy) == PJSUA2RS_SUCCESS && busy);
    WAIT_FOR(pjsua2rs_tone_generator_is_busy(tg, &busy) == PJSUA2RS_SUCCESS && !busy);
    pump(100);
    unsigned rx = 1, tx = 0;
    CHECK(pjsua2rs_audio_media_get_rx_level(ep, tg_port, &rx) == PJSUA2RS_SUCCESS && rx == 0);
    CHECK(pjsua2rs_audio_media_get_tx_level(ep, tg_port, &tx) == PJSUA2RS_SUCCESS && tx < 256);
    CHECK(pjsua2rs_audio_media_stop_transmit(ep, tg_port, rec_port) == PJSUA2RS_SUCCESS);
    CHECK(pjsua2rs_audio_media_recorder_destroy(rec) == PJSUA2RS_SUCCESS);
    CHECK(pjsua2rs_tone_generator_destroy(tg) == PJSUA2RS_SUCCESS);
    /* Destroyed: the handles are stale, the slots free. */
    CHECK(pjsua2rs_tone_generator_stop(tg) == PJSUA2RS_ERR_INVALID_HANDLE);
    CHECK(pjsua2rs_audio_media_recorder_destroy(rec) == PJSUA2RS_ERR_INVALID_HANDLE);
    CHECK(pjsua2rs_audio_media_get_port_info(ep, tg_port, NULL, 0, &info) ==
          PJSUA2RS_ERR_INVALID_ARG);
    return wav_read(path(name));
}

static void tone_recorded(void) {
    struct wav_audio full = record_tone("tone_full.wav", 1.0f);
    struct wav_audio half = record_tone("tone_half.wav", 0.5f);
    CHECK(full.samples && full.rate == 16000 && full.channels == 1);
    CHECK(half.samples && half.rate == 16000);
    if (full.samples && half.samples) {
        struct wav_span a = wav_loud_span(&full, 1000), b = wav_loud_span(&half, 500);
        /* 600 ms of tone, less the edge blocks. */
        CHECK(a.len >= 16000 * 5 / 10 && a.len <= 16000 * 6 / 10);
        double f = wav_frequency(&full, a), rms = wav_rms(&full, a), rms2 = wav_rms(&half, b);
        CHECK(fabs(f - 1000) < 5);
        /* pjmedia's default amplitude, 12288: RMS 8689 (within 1 dB). */
        CHECK(rms > 8689 * 0.89 && rms < 8689 * 1.12);
        CHECK(fabs(rms2 / rms - 0.5) < 0.05);
        if (fabs(f - 1000) >= 5 || rms2 == 0)
            fprintf(stderr, "frequency %.1f Hz, rms %.0f, halved %.0f\n", f, rms, rms2);
    }
    wav_free(&full);
    wav_free(&half);
}

static void digit_map(void) {
    pjsua2rs_tone_generator tg = 0;
    CHECK(pjsua2rs_tone_generator_create(ep, &tg) == PJSUA2RS_SUCCESS);
    pjsua2rs_tone_digit_map_digit map[20];
    size_t n = 0;
    CHECK(pjsua2rs_tone_generator_get_digit_map(tg, map, 20, &n) == PJSUA2RS_SUCCESS);
    CHECK(n == 16 && map[1].digit == '1' && map[1].freq1 == 697 && map[1].freq2 == 1209);
    pjsua2rs_tone_digit digits[2] = {{.digit = '5', .on_msec = 40}, {.digit = 'x', .on_msec = 40}};
    CHECK(pjsua2rs_tone_generator_play_digits(tg, digits, 1, false) == PJSUA2RS_SUCCESS);
    CHECK(pjsua2rs_tone_generator_play_digits(tg, digits, 2, false) ==
          PJSUA2RS_ERR_MEDIA_INVALID_DTMF);
    pjsua2rs_tone_digit_map_digit x = {.digit = 'x', .freq1 = 500, .freq2 = 1500};
    CHECK(pjsua2rs_tone_generator_set_digit_map(tg, &x, 1) == PJSUA2RS_SUCCESS);
    CHECK(pjsua2rs_tone_generator_get_digit_map(tg, NULL, 0, &n) == PJSUA2RS_SUCCESS && n == 1);
    CHECK(pjsua2rs_tone_generator_play_digits(tg, digits + 1, 1, true) == PJSUA2RS_SUCCESS);
    CHECK(pjsua2rs_tone_generator_rewind(tg) == PJSUA2RS_SUCCESS);
    CHECK(pjsua2rs_tone_generator_stop(tg) == PJSUA2RS_SUCCESS);
    bool busy = true;
    CHECK(pjsua2rs_tone_generator_is_busy(tg, &busy) == PJSUA2RS_SUCCESS && !busy);
    pjsua2rs_tone_desc many[33];
    memset(many, 0, sizeof many);
    CHECK(pjsua2rs_tone_generator_play(tg, many, 33, false) == PJSUA2RS_ERR_TOO_MANY);
    CHECK(pjsua2rs_tone_generator_play(tg, NULL, 1, false) == PJSUA2RS_ERR_INVALID_ARG);
    CHECK(pjsua2rs_tone_generator_get_digit_map(tg, NULL, 1, &n) == PJSUA2RS_ERR_INVALID_ARG);
    CHECK(pjsua2rs_tone_generator_destroy(tg) == PJSUA2RS_SUCCESS);
}

/* A player's callbacks: counts, and destroys the player when `self` is set. */
struct eof {
    int count;
    pjsua2rs_audio_media_player self;
};

static void on_eof2(void *ud) {
    struct eof *e = ud;
    e->count++;
    if (e->self) {
        CHECK(pjsua2rs_audio_media_player_destroy(e->self) == PJSUA2RS_SUCCESS);
        e->self = 0;
    }
}

static void players(void) {
    CHECK(wav_write_sine(path("sine.wav"), 8000, 440, 0.3, 10000) == 0);
    pjsua2rs_audio_media_player_callbacks cb;
    CHECK(pjsua2rs_audio_media_player_callbacks_default(&cb, 3) == PJSUA2RS_ERR_INVALID_ARG);
    CHECK(pjsua2rs_audio_media_player_callbacks_default(&cb, sizeof cb) == PJSUA2RS_SUCCESS);
    cb.on_eof2 = on_eof2;

    struct eof once = {0, 0};
    pjsua2rs_audio_media_player p = 0;
    CHECK(pjsua2rs_audio_media_player_create(ep, path("sine.wav"), PJSUA2RS_FILE_NO_LOOP, &cb,
                                             &once, &p) == PJSUA2RS_SUCCESS);
    pjsua2rs_audio_media_player_info info;
    CHECK(pjsua2rs_audio_media_player_get_info(p, &info) == PJSUA2RS_SUCCESS);
    CHECK(info.format_id == PJSUA2RS_FORMAT_PCM && info.payload_bits_per_sample == 16);
    CHECK(info.size_samples == 2400 && info.size_bytes == 4800);
    CHECK(pjsua2rs_audio_media_player_set_pos(p, 1200) == PJSUA2RS_SUCCESS);
    uint64_t pos = 0;
    CHECK(pjsua2rs_audio_media_player_get_pos(p, &pos) == PJSUA2RS_SUCCESS && pos >= 1200);
    CHECK(pjsua2rs_audio_media_player_set_pos(p, 1u << 30) == PJSUA2RS_ERR_INVALID_ARG);
    WAIT_FOR(once.count == 1);
    pump(300); /* NO_LOOP: one end only */
    CHECK(once.count == 1);
    CHECK(pjsua2rs_audio_media_player_destroy(p) == PJSUA2RS_SUCCESS);

    /* A looping playlist, named, that destroys itself at its first end. */
    struct eof self = {0, 0};
    const char *files[2] = {path("sine.wav"), path("sine.wav")};
    CHECK(pjsua2rs_audio_media_player_create_playlist(ep, files, 2, "both", 0, &cb, &self,
                                                      &self.self) == PJSUA2RS_SUCCESS);
    pjsua2rs_audio_media_player gone = self.self;
    int port = -1;
    CHECK(pjsua2rs_audio_media_player_get_port_id(gone, &port) == PJSUA2RS_SUCCESS);
    pjsua2rs_conf_port_info pi;
    CHECK(pjsua2rs_audio_media_get_port_info(ep, port, NULL, 0, &pi) == PJSUA2RS_SUCCESS);
    CHECK(strcmp(pi.name, "both") == 0);
    WAIT_FOR(self.count == 1);
    pump(700);
    CHECK(self.count == 1 && self.self == 0);
    CHECK(pjsua2rs_audio_media_player_get_pos(gone, &pos) == PJSUA2RS_ERR_INVALID_HANDLE);

    /* Errors. */
    CHECK(pjsua2rs_audio_media_player_create(ep, path("none.wav"), 0, NULL, NULL, &p) ==
          PJSUA2RS_ERR_NOT_FOUND);
    CHECK(pjsua2rs_audio_media_player_create(ep, NULL, 0, NULL, NULL, &p) ==
          PJSUA2RS_ERR_INVALID_ARG);
    CHECK(pjsua2rs_audio_media_player_create_playlist(ep, NULL, 1, NULL, 0, NULL, NULL, &p) ==
          PJSUA2RS_ERR_INVALID_ARG);
    CHECK(pjsua2rs_audio_media_player_create_playlist(ep, files, 0, NULL, 0, NULL, NULL, &p) ==
          PJSUA2RS_ERR_NOT_FOUND);
    pjsua2rs_audio_media_recorder r = 0;
    CHECK(pjsua2rs_audio_media_recorder_create(ep, path("x.mp3"), 0, 0, &r) ==
          PJSUA2RS_ERR_NOT_SUPPORTED);
    CHECK(pjsua2rs_audio_media_recorder_create(ep, "/nonexistent/x.wav", 0, 0, &r) ==
          PJSUA2RS_ERR_INVALID_ARG);
    CHECK(r == 0);
}

static void foreign_and_orphaned_handles(void) {
    pjsua2rs_tone_generator tg = 0;
    CHECK(pjsua2rs_tone_generator_create(ep, &tg) == PJSUA2RS_SUCCESS);
    uint64_t pos = 0;
    int port = -1;
    CHECK(pjsua2rs_audio_media_player_get_pos(tg, &pos) == PJSUA2RS_ERR_INVALID_HANDLE);
    CHECK(pjsua2rs_audio_media_recorder_get_port_id(tg, &port) == PJSUA2RS_ERR_INVALID_HANDLE);
    CHECK(pjsua2rs_tone_generator_get_port_id(0, &port) == PJSUA2RS_ERR_INVALID_HANDLE);
    CHECK(pjsua2rs_tone_generator_get_port_id(ep, &port) == PJSUA2RS_ERR_INVALID_HANDLE);
    CHECK(pjsua2rs_tone_generator_get_port_id(tg, NULL) == PJSUA2RS_ERR_INVALID_ARG);
    CHECK(pjsua2rs_tone_generator_create(tg, &tg) == PJSUA2RS_ERR_INVALID_HANDLE);
    /* The endpoint goes first: the object is gone, its handle only frees. */
    CHECK(pjsua2rs_endpoint_destroy(ep) == PJSUA2RS_SUCCESS);
    CHECK(pjsua2rs_tone_generator_stop(tg) == PJSUA2RS_ERR_SIP_SHUTDOWN);
    CHECK(pjsua2rs_tone_generator_get_port_id(tg, &port) == PJSUA2RS_SUCCESS && port > 0);
    CHECK(pjsua2rs_tone_generator_destroy(tg) == PJSUA2RS_SUCCESS);
    CHECK(pjsua2rs_tone_generator_destroy(tg) == PJSUA2RS_ERR_INVALID_HANDLE);
    CHECK(pjsua2rs_audio_media_start_transmit(ep, 0, 0, 1.0f) == PJSUA2RS_ERR_INVALID_HANDLE);
}

int main(void) {
    const char *base = getenv("TMPDIR");
    snprintf(dir, sizeof dir, "%s/pjsua2rs-test-media-%d", base ? base : "/tmp", (int)getpid());
    char cmd[300];
    snprintf(cmd, sizeof cmd, "mkdir -p '%s'", dir);
    CHECK(system(cmd) == 0);
    start();
    sound_device_and_ports();
    tone_recorded();
    digit_map();
    players();
    foreign_and_orphaned_handles();
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    CHECK(system(cmd) == 0);
    if (failures) {
        fprintf(stderr, "test_media: %d failure(s)\n", failures);
        return 1;
    }
    printf("test_media: ok\n");
    return 0;
}
