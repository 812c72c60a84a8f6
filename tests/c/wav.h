/* WAV helpers of the media tests (C and C++): write a mono 16-bit sine file, read a
 * 16-bit PCM file, and measure the audio part of a recording (its frequency from zero
 * crossings, its RMS level). Header-only; plain C that also compiles as C++. */
#ifndef PJSUA2RS_TESTS_WAV_H
#define PJSUA2RS_TESTS_WAV_H

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A recording read back: `n` samples at `rate` (NULL samples when unreadable). */
struct wav_audio {
    unsigned rate;
    unsigned channels;
    size_t n;
    int16_t *samples;
};

static void wav_put32(unsigned char *p, uint32_t v) {
    for (int i = 0; i < 4; i++) p[i] = (unsigned char)(v >> (8 * i));
}

static uint32_t wav_get32(const unsigned char *p) {
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

/* Writes `secs` of a `freq` Hz sine of peak `amp` at `rate` to `path`; 0 on success. */
static int wav_write_sine(const char *path, unsigned rate, double freq, double secs,
                          double amp) {
    size_t n = (size_t)(rate * secs);
    unsigned char h[44];
    memcpy(h, "RIFF", 4);
    wav_put32(h + 4, (uint32_t)(36 + 2 * n));
    memcpy(h + 8, "WAVEfmt ", 8);
    wav_put32(h + 16, 16);
    h[20] = 1, h[21] = 0, h[22] = 1, h[23] = 0; /* PCM, mono */
    wav_put32(h + 24, rate);
    wav_put32(h + 28, rate * 2);
    h[32] = 2, h[33] = 0, h[34] = 16, h[35] = 0;
    memcpy(h + 36, "data", 4);
    wav_put32(h + 40, (uint32_t)(2 * n));
    FILE *f = fopen(path, "wb");
    if (!f) return -1;
    fwrite(h, 1, sizeof h, f);
    const double two_pi = 6.28318530717958647692;
    for (size_t i = 0; i < n; i++) {
        int16_t s = (int16_t)(amp * sin(two_pi * freq * (double)i / rate));
        unsigned char b[2] = {(unsigned char)(s & 0xff), (unsigned char)((s >> 8) & 0xff)};
        fwrite(b, 1, 2, f);
    }
    return fclose(f);
}

/* Reads a 16-bit PCM WAV file (samples NULL if it is not one). Free with wav_free. */
static struct wav_audio wav_read(const char *path) {
    struct wav_audio w = {0, 0, 0, NULL};
    FILE *f = fopen(path, "rb");
    if (!f) return w;
    unsigned char hdr[12], ch[8];
    int fmt_ok = 0;
    if (fread(hdr, 1, 12, f) == 12 && memcmp(hdr, "RIFF", 4) == 0 &&
        memcmp(hdr + 8, "WAVE", 4) == 0) {
        while (fread(ch, 1, 8, f) == 8) {
            uint32_t size = wav_get32(ch + 4);
            if (memcmp(ch, "fmt ", 4) == 0 && size >= 16) {
                unsigned char fmt[16];
                if (fread(fmt, 1, 16, f) != 16) break;
                fmt_ok = fmt[0] == 1 && fmt[14] == 16;
                w.channels = fmt[2];
                w.rate = wav_get32(fmt + 4);
                fseek(f, (long)(size - 16 + (size & 1)), SEEK_CUR);
            } else if (memcmp(ch, "data", 4) == 0 && fmt_ok) {
                w.samples = (int16_t *)malloc(size + 2);
                w.n = fread(w.samples, 2, size / 2, f);
                for (size_t i = 0; i < w.n; i++) {
                    const unsigned char *b = (const unsigned char *)&w.samples[i];
                    w.samples[i] = (int16_t)(b[0] | b[1] << 8);
                }
                break;
            } else {
                fseek(f, (long)(size + (size & 1)), SEEK_CUR);
            }
        }
    }
    fclose(f);
    return w;
}

static void wav_free(struct wav_audio *w) {
    free(w->samples);
    w->samples = NULL;
}

/* The audio part of a recording: from the first to the last 20 ms block whose peak
 * passes `floor`, with the blocks at its edges (the tone's ramps) left out. */
struct wav_span {
    size_t start, len;
};

static struct wav_span wav_loud_span(const struct wav_audio *w, int floor) {
    size_t block = w->rate / 50, first = 0, last = 0;
    int found = 0;
    for (size_t b = 0; block && (b + 1) * block <= w->n; b++) {
        int peak = 0;
        for (size_t i = b * block; i < (b + 1) * block; i++)
            peak = abs(w->samples[i]) > peak ? abs(w->samples[i]) : peak;
        if (peak > floor) {
            if (!found) first = b;
            found = 1, last = b;
        }
    }
    struct wav_span s = {0, 0};
    if (found && last >= first + 2) {
        s.start = (first + 1) * block;
        s.len = (last - first - 1) * block;
    }
    return s;
}

/* The frequency in Hz of a span of audio, from its rising zero crossings. */
static double wav_frequency(const struct wav_audio *w, struct wav_span s) {
    size_t first = 0, last = 0, crossings = 0;
    for (size_t i = s.start + 1; i < s.start + s.len; i++)
        if (w->samples[i - 1] < 0 && w->samples[i] >= 0) {
            if (crossings++ == 0) first = i;
            last = i;
        }
    return crossings > 1 ? (double)(crossings - 1) * w->rate / (double)(last - first) : 0;
}

/* The RMS level of a span of audio (full-scale sine: 23170). */
static double wav_rms(const struct wav_audio *w, struct wav_span s) {
    double sum = 0;
    for (size_t i = s.start; i < s.start + s.len; i++)
        sum += (double)w->samples[i] * w->samples[i];
    return s.len ? sqrt(sum / (double)s.len) : 0;
}

#endif /* PJSUA2RS_TESTS_WAV_H */
