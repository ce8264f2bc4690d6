/*
 * strhash.h - a keyed hash of a string, for hash tables whose keys come
 * from files and plugins (the object index of value.c).
 *
 * SipHash-2-4 with a key drawn once per process from getrandom(2): the
 * keys of a manifest or of a plugin's result cannot be chosen to collide,
 * so a table stays linear whatever it is fed.  The hash differs from run
 * to run; nothing may depend on it but the speed of a lookup.
 */
#ifndef WM_STRHASH_H
#define WM_STRHASH_H

#include <stddef.h>
#include <stdint.h>

/* SipHash-2-4 of data[0..n) under a 16-byte key (Aumasson and Bernstein,
 * 2012); the unit test checks it against the paper's vectors. */
uint64_t wm_siphash(const unsigned char key[16], const void *data, size_t n);

/* s[0..n) hashed under this process's key. */
uint64_t wm_strhash(const char *s, size_t n);

#endif /* WM_STRHASH_H */
