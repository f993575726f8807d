/* SHA-256 (FIPS 180-4), for the input checksums in run.yaml. */
#ifndef LS_SHA256_H
#define LS_SHA256_H

#include <stddef.h>
#include <stdint.h>

#include "error.h"

typedef struct {
    uint32_t h[8];
    uint64_t bits;
    unsigned char buf[64];
    size_t fill;
} sha256;

void sha256_init(sha256 *self);
void sha256_update(sha256 *self, const void *data, size_t n);
/* Writes 64 lowercase hex digits and a NUL into hex. */
void sha256_final(sha256 *self, char hex[65]);
/* Hash of a whole file; LS_EIO when it cannot be read. */
int sha256_file(const char *path, char hex[65]) LS_WARN_UNUSED;

#endif
