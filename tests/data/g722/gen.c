/* Writes G.722 reference vectors with spandsp's G.722 (bit-exact with ITU-T G.722 at
 * 64 kbit/s), for the codec's unit tests: in.raw (the input: 1 s of 16 kHz 16-bit
 * little-endian PCM, a chirp plus noise from a fixed LCG, with silence and a loud
 * stretch), enc.g722 (spandsp's encoding of it) and dec.raw (spandsp's decoding of
 * enc.g722). Build and run (needs libspandsp.so.2, e.g. Debian's libspandsp2):
 *   cc -O2 gen.c -o /tmp/g722gen -ldl -lm && /tmp/g722gen */
#include <dlfcn.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

typedef void *(*init_fn)(void *, int, int);
typedef int (*enc_fn)(void *, uint8_t *, const int16_t *, int);
typedef int (*dec_fn)(void *, int16_t *, const uint8_t *, int);

#define N 16000

int main(void) {
    void *lib = dlopen("libspandsp.so.2", RTLD_NOW);
    if (!lib) { fprintf(stderr, "%s\n", dlerror()); return 1; }
    init_fn enc_init = (init_fn)dlsym(lib, "g722_encode_init");
    init_fn dec_init = (init_fn)dlsym(lib, "g722_decode_init");
    enc_fn encode = (enc_fn)dlsym(lib, "g722_encode");
    dec_fn decode = (dec_fn)dlsym(lib, "g722_decode");
    if (!enc_init || !dec_init || !encode || !decode) { fprintf(stderr, "symbols\n"); return 1; }
    static int16_t in[N], out[N];
    static uint8_t code[N / 2];
    uint32_t seed = 12345;
    for (int i = 0; i < N; i++) {
        double t = i / 16000.0;
        double chirp = 12000.0 * sin(2.0 * M_PI * (100.0 * t + 3500.0 * t * t));
        seed = seed * 1103515245u + 12345u;
        double noise = ((int)((seed >> 16) & 0x7fff) - 16384) / 8.0;
        double v = (i >= 6000 && i < 7000) ? 0.0 : chirp + noise;
        if (i >= 12000 && i < 13000) v *= 2.6; /* clips at full scale */
        in[i] = (int16_t)(v > 32767 ? 32767 : v < -32768 ? -32768 : v);
    }
    void *e = enc_init(NULL, 64000, 0), *d = dec_init(NULL, 64000, 0);
    int n = encode(e, code, in, N);
    int m = decode(d, out, code, n);
    FILE *f = fopen("in.raw", "wb"); fwrite(in, 2, N, f); fclose(f);
    f = fopen("enc.g722", "wb"); fwrite(code, 1, n, f); fclose(f);
    f = fopen("dec.raw", "wb"); fwrite(out, 2, m, f); fclose(f);
    printf("%d samples -> %d bytes -> %d samples\n", N, n, m);
    return 0;
}
