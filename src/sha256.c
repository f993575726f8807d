/* SHA-256 written from the FIPS 180-4 description: message schedule of 64 words,
 * eight working variables, big-endian length padding. */
#include <config.h>

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "sha256.h"
#include "util.h"

static const uint32_t K[64] = {
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4,
    0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe,
    0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f,
    0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7,
    0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc,
    0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b,
    0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116,
    0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7,
    0xc67178f2};

#define ROR(x, n) (((x) >> (n)) | ((x) << (32 - (n))))

static void
block(sha256 *self, const unsigned char *p)
{
    uint32_t w[64], a, b, c, d, e, f, g, h;

    for (int i = 0; i < 16; i++)
        w[i] = (uint32_t) p[4 * i] << 24 | (uint32_t) p[4 * i + 1] << 16
               | (uint32_t) p[4 * i + 2] << 8 | (uint32_t) p[4 * i + 3];
    for (int i = 16; i < 64; i++) {
        uint32_t s0 = ROR(w[i - 15], 7) ^ ROR(w[i - 15], 18) ^ (w[i - 15] >> 3);
        uint32_t s1 = ROR(w[i - 2], 17) ^ ROR(w[i - 2], 19) ^ (w[i - 2] >> 10);
        w[i] = w[i - 16] + s0 + w[i - 7] + s1;
    }
    a = self->h[0];
    b = self->h[1];
    c = self->h[2];
    d = self->h[3];
    e = self->h[4];
    f = self->h[5];
    g = self->h[6];
    h = self->h[7];
    for (int i = 0; i < 64; i++) {
        uint32_t S1 = ROR(e, 6) ^ ROR(e, 11) ^ ROR(e, 25);
        uint32_t ch = (e & f) ^ (~e & g);
        uint32_t t1 = h + S1 + ch + K[i] + w[i];
        uint32_t S0 = ROR(a, 2) ^ ROR(a, 13) ^ ROR(a, 22);
        uint32_t maj = (a & b) ^ (a & c) ^ (b & c);
        uint32_t t2 = S0 + maj;
        h = g;
        g = f;
        f = e;
        e = d + t1;
        d = c;
        c = b;
        b = a;
        a = t1 + t2;
    }
    self->h[0] += a;
    self->h[1] += b;
    self->h[2] += c;
    self->h[3] += d;
    self->h[4] += e;
    self->h[5] += f;
    self->h[6] += g;
    self->h[7] += h;
}

void
sha256_init(sha256 *self)
{
    static const uint32_t h0[8] = {0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
                                   0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19};
    memcpy(self->h, h0, sizeof h0);
    self->bits = 0;
    self->fill = 0;
}

void
sha256_update(sha256 *self, const void *data, size_t n)
{
    const unsigned char *p = data;

    self->bits += (uint64_t) n * 8;
    while (n > 0) {
        size_t take = 64 - self->fill;
        if (take > n)
            take = n;
        memcpy(self->buf + self->fill, p, take);
        self->fill += take;
        p += take;
        n -= take;
        if (self->fill == 64) {
            block(self, self->buf);
            self->fill = 0;
        }
    }
}

void
sha256_final(sha256 *self, char hex[65])
{
    const uint64_t bits = self->bits;
    unsigned char pad = 0x80, zero = 0, len[8];

    sha256_update(self, &pad, 1);
    while (self->fill != 56)
        sha256_update(self, &zero, 1);
    for (int i = 0; i < 8; i++)
        len[i] = (unsigned char) (bits >> (56 - 8 * i));
    sha256_update(self, len, 8);
    for (int i = 0; i < 8; i++)
        snprintf(hex + 8 * i, 9, "%08x", self->h[i]);
    hex[64] = '\0';
}

int
sha256_file(const char *path, char hex[65])
{
    unsigned char buf[8192];
    ssize_t n;
    sha256 s;
    int ret = LS_OK, fd = open_regular(path);

    if (fd < 0)
        return LS_ERROR("cannot open", LS_EIO);
    sha256_init(&s);
    while ((n = read(fd, buf, sizeof buf)) != 0) {
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            ret = LS_ERROR("read error", LS_EIO);
            break;
        }
        sha256_update(&s, buf, (size_t) n);
    }
    close(fd);
    sha256_final(&s, hex);
    return ret;
}
