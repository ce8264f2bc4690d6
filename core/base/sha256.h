/*
 * sha256.h - SHA-256 (FIPS 180-4), for input checksums in the deliverable's
 * appendix and for batch runs deciding what is up to date.
 */
#ifndef WM_SHA256_H
#define WM_SHA256_H

#include <stddef.h>
#include <stdint.h>

typedef struct {
    uint32_t h[8];
    uint64_t bytes;
    unsigned char block[64];
    size_t fill;
} wm_sha256;

void wm_sha256_init(wm_sha256 *c);
void wm_sha256_update(wm_sha256 *c, const void *data, size_t len);
void wm_sha256_final(wm_sha256 *c, unsigned char out[32]);

/* One-shot: the lower-case hex digest (64 characters and a NUL) into hex. */
void wm_sha256_hex(const void *data, size_t len, char hex[65]);
/* Hex of a finished digest. */
void wm_sha256_tohex(const unsigned char digest[32], char hex[65]);

#endif /* WM_SHA256_H */
