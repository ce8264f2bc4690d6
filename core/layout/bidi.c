/*
 * bidi.c - Arabic joining and the visual order of a line, with GNU FriBidi
 * (see bidi.h).
 */
#include "bidi.h"

#include <fribidi.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../base/util.h"

/* Lead bytes (and second bytes) of the UTF-8 of right-to-left blocks:
 * U+0590..U+08FF (Hebrew, Arabic, Syriac, Thaana, N'Ko, ...), U+FB1D..U+FEFF
 * (Hebrew and Arabic presentation forms), U+10800..U+10FFF and
 * U+1E800..U+1EFFF.  A few neighbours pass too (Armenian U+0580..U+058F,
 * U+FB00..U+FB1C, U+FE00..U+FE6F): FriBidi leaves those as they are. */
bool wm_bidi_present(const char *s, size_t len)
{
    const unsigned char *p = (const unsigned char *)s;
    for (size_t i = 0; i < len; i++) {
        unsigned b = p[i];
        if (b < 0xD6)
            continue;
        if (b <= 0xDF)
            return true;
        unsigned c = i + 1 < len ? p[i + 1] : 0, d = i + 2 < len ? p[i + 2] : 0;
        if ((b == 0xE0 && c >= 0xA0 && c <= 0xA3) || (b == 0xEF && c >= 0xAC && c <= 0xBB) ||
            (b == 0xF0 && ((c == 0x90 && d >= 0xA0) || (c == 0x9E && d >= 0xA0))))
            return true;
    }
    return false;
}

/* The code points of s[0..len) into cps, with each one's byte offset into
 * off (off[n] = len); an invalid byte counts as U+FFFD of one byte.
 * Returns n. */
static size_t decode(const char *s, size_t len, FriBidiChar *cps, size_t *off)
{
    size_t n = 0;
    for (size_t i = 0; i < len; n++) {
        uint32_t cp;
        size_t k = wm_utf8_decode(s + i, len - i, &cp);
        if (k == 0) {
            k = 1;
            cp = 0xFFFD;
        }
        cps[n] = cp;
        off[n] = i;
        i += k;
    }
    off[n] = len;
    return n;
}

/* FriBidi counts in int: a longer text is left as it is. */
static bool too_long(size_t len)
{
    return len > (size_t)INT32_MAX / 8;
}

/* The resolved levels of cps[0..n) as a left-to-right paragraph, and their
 * bidi types; false when FriBidi failed (out of memory). */
static bool levels_of(const FriBidiChar *cps, size_t n, FriBidiCharType *types,
                      FriBidiBracketType *brackets, FriBidiLevel *levels)
{
    FriBidiStrIndex len = (FriBidiStrIndex)n;
    fribidi_get_bidi_types(cps, len, types);
    fribidi_get_bracket_types(cps, len, types, brackets);
    FriBidiParType dir = FRIBIDI_PAR_LTR;
    return fribidi_get_par_embedding_levels_ex(types, brackets, len, &dir, levels) != 0;
}

/* shaped[0..n) = cps[0..n) with Arabic letters in their joined forms (a
 * lam-alef ligature in the alef's place, U+FEFF in the lam's). */
static void shape_cps(const FriBidiChar *cps, size_t n, FriBidiChar *shaped)
{
    memcpy(shaped, cps, n * sizeof *cps);
    if (n == 0)
        return;
    FriBidiCharType *types = wm_xmalloc(n * sizeof *types);
    FriBidiBracketType *brackets = wm_xmalloc(n * sizeof *brackets);
    FriBidiLevel *levels = wm_xmalloc(n * sizeof *levels);
    FriBidiArabicProp *props = wm_xmalloc(n * sizeof *props);
    if (levels_of(cps, n, types, brackets, levels)) {
        FriBidiStrIndex fn = (FriBidiStrIndex)n;
        fribidi_get_joining_types(cps, fn, props);
        fribidi_join_arabic(types, fn, levels, props);
        fribidi_shape_arabic(FRIBIDI_FLAGS_ARABIC, levels, fn, props, shaped);
    }
    free(types);
    free(brackets);
    free(levels);
    free(props);
}

char *wm_bidi_shape(const char *s, size_t len, size_t *out_len, size_t *at)
{
    FriBidiChar *cps = wm_xmalloc((len + 1) * sizeof *cps);
    size_t *off = wm_xmalloc((len + 1) * sizeof *off);
    size_t n = too_long(len) ? 0 : decode(s, len, cps, off);
    FriBidiChar *shaped = wm_xmalloc((n + 1) * sizeof *shaped);
    shape_cps(cps, n, shaped);
    wm_buf b;
    wm_buf_init(&b);
    if (n == 0 && len) /* not shaped: as it was */
        wm_buf_put(&b, s, len);
    for (size_t i = 0; i < n; i++) {
        if (at)
            at[off[i]] = b.len;
        if (shaped[i] == cps[i])
            wm_buf_put(&b, s + off[i], off[i + 1] - off[i]);
        else if (!(shaped[i] == 0xFEFF && cps[i] != 0xFEFF)) /* not a ligature's filler */
            wm_buf_put_utf8(&b, shaped[i]);
    }
    if (at)
        at[len] = b.len;
    free(cps);
    free(off);
    free(shaped);
    *out_len = b.len;
    if (!b.data)
        return wm_xstrdup("");
    return wm_buf_steal(&b);
}

char *wm_bidi_visual(const char *s, size_t len, size_t **from)
{
    char *out = wm_xmalloc(len + 1);
    out[len] = '\0';
    if (from)
        *from = wm_xmalloc((len ? len : 1) * sizeof **from);
    FriBidiChar *cps = wm_xmalloc((len + 1) * sizeof *cps);
    size_t *off = wm_xmalloc((len + 1) * sizeof *off);
    size_t n = too_long(len) ? 0 : decode(s, len, cps, off);
    FriBidiStrIndex *map = wm_xmalloc((n + 1) * sizeof *map);
    for (size_t i = 0; i < n; i++)
        map[i] = (FriBidiStrIndex)i;
    FriBidiChar *mirrored = wm_xmalloc((n + 1) * sizeof *mirrored);
    memcpy(mirrored, cps, n * sizeof *cps);
    if (n) {
        FriBidiCharType *types = wm_xmalloc(n * sizeof *types);
        FriBidiBracketType *brackets = wm_xmalloc(n * sizeof *brackets);
        FriBidiLevel *levels = wm_xmalloc(n * sizeof *levels);
        if (levels_of(cps, n, types, brackets, levels)) {
            FriBidiStrIndex fn = (FriBidiStrIndex)n;
            fribidi_shape_mirroring(levels, fn, mirrored);
            /* Marks stay after their base letter, as they are drawn. */
            if (fribidi_reorder_line(FRIBIDI_FLAG_REORDER_NSM, types, fn, 0, FRIBIDI_PAR_LTR,
                                     levels, NULL, map) == 0)
                for (size_t i = 0; i < n; i++)
                    map[i] = (FriBidiStrIndex)i;
        }
        free(types);
        free(brackets);
        free(levels);
    }
    size_t w = 0;
    if (n == 0) {
        memcpy(out, s, len);
        if (from)
            for (size_t i = 0; i < len; i++)
                (*from)[i] = 0;
        w = len;
    }
    for (size_t v = 0; v < n; v++) {
        size_t i = (size_t)map[v], a = off[i], k = off[i + 1] - a;
        char enc[4];
        const char *bytes = s + a;
        /* A mirrored pair has UTF-8 of one length ("(" and ")", "«" and
         * "»", ...); were it not so, the character would stay as it is. */
        if (mirrored[i] != cps[i] && wm_utf8_encode(mirrored[i], enc) == k)
            bytes = enc;
        memcpy(out + w, bytes, k);
        if (from)
            for (size_t j = 0; j < k; j++)
                (*from)[w + j] = a;
        w += k;
    }
    free(cps);
    free(off);
    free(map);
    free(mirrored);
    return out;
}

/* ---- The letters behind the joined forms ----
 * Built once by shaping each Arabic letter alone, after a tatweel, before
 * one and between two, and lam with each alef, so it is exactly the inverse
 * of what wm_bidi_shape writes. */

enum { FORMS_LO = 0xFB50, FORMS_HI = 0xFEFF, TATWEEL = 0x0640, LAM = 0x0644 };

static uint16_t letters_of[FORMS_HI - FORMS_LO + 1][2];
static pthread_once_t forms_once = PTHREAD_ONCE_INIT;

/* Shape in[0..n) and note the form each letter took. */
static void note_forms(const FriBidiChar *in, size_t n)
{
    FriBidiChar out[4];
    shape_cps(in, n, out);
    for (size_t i = 0; i < n; i++) {
        if (in[i] == TATWEEL || out[i] < FORMS_LO || out[i] > FORMS_HI || out[i] == in[i])
            continue;
        uint16_t *l = letters_of[out[i] - FORMS_LO];
        if (l[0])
            continue;
        if (i > 0 && out[i - 1] == 0xFEFF) { /* a lam-alef ligature */
            l[0] = (uint16_t)in[i - 1];
            l[1] = (uint16_t)in[i];
        } else {
            l[0] = (uint16_t)in[i];
        }
    }
}

static void build_forms(void)
{
    for (FriBidiChar c = 0x0621; c <= 0x06FF; c++) {
        if (c == TATWEEL)
            continue;
        const FriBidiChar alone[] = {c}, fin[] = {TATWEEL, c}, ini[] = {c, TATWEEL},
                          med[] = {TATWEEL, c, TATWEEL};
        note_forms(alone, 1);
        note_forms(fin, 2);
        note_forms(ini, 2);
        note_forms(med, 3);
    }
    static const FriBidiChar ALEFS[] = {0x0622, 0x0623, 0x0625, 0x0627};
    for (size_t i = 0; i < sizeof ALEFS / sizeof *ALEFS; i++) {
        const FriBidiChar alone[] = {LAM, ALEFS[i]}, fin[] = {TATWEEL, LAM, ALEFS[i]};
        note_forms(alone, 2);
        note_forms(fin, 3);
    }
}

size_t wm_bidi_letters(uint32_t cp, uint32_t out[2])
{
    if (cp < FORMS_LO || cp > FORMS_HI)
        return 0;
    pthread_once(&forms_once, build_forms);
    const uint16_t *l = letters_of[cp - FORMS_LO];
    out[0] = l[0];
    out[1] = l[1];
    return l[0] == 0 ? 0 : l[1] == 0 ? 1 : 2;
}
