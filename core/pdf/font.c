/*
 * font.c - code-point sets and TrueType subsetting with HarfBuzz (see font.h).
 *
 * Why: libharu 2.3.0 copies cmap, hmtx and every glyph slot of a TrueType
 * font and writes a /W entry for every code point the font maps, so a face
 * costs 50-90 KB in the PDF however little text uses it.  Subsetting the font
 * first (hb-subset renumbers the glyphs and rebuilds every table) makes all of
 * that proportional to the text.
 *
 * libharu 2.3.0's TrueType loader (hpdf_fontdef_tt.c) refuses a font without
 * head, hhea, maxp, cmap, hmtx, loca, glyf, name or OS/2 (HPDF_TTF_MISSING_TABLE,
 * 0x1060), reads post when it is there, and writes 13 tables into the PDF:
 * those nine plus post, cvt, fpgm and prep (a missing one is written empty).
 * Its cmap reader takes only a format 4 subtable for (3,1) or (0,3), or a
 * format 0 one for (1,0); hb-subset writes (0,3,4) and (3,1,4).  Everything
 * else (GSUB, GPOS, GDEF, kern, DSIG, gasp, ...) is dropped here: libharu
 * would not copy it, and layout closure over GSUB would only add glyphs.
 */
#define _POSIX_C_SOURCE 200809L
#include "font.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <hb-subset.h>
#include <hb.h>

#include "../base/util.h"

/* ------------------------------------------------------------------------ */
/* Code-point sets                                                           */
/* ------------------------------------------------------------------------ */

#define WM_CP_MAX 0x10FFFFu

void wm_cpset_init(wm_cpset *s)
{
    memset(s, 0, sizeof *s);
}

void wm_cpset_free(wm_cpset *s)
{
    if (!s)
        return;
    free(s->cp);
    memset(s, 0, sizeof *s);
}

/* Index of the first element >= cp. */
static size_t lower_bound(const wm_cpset *s, uint32_t cp)
{
    size_t lo = 0, hi = s->len;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (s->cp[mid] < cp)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

bool wm_cpset_has(const wm_cpset *s, uint32_t cp)
{
    if (cp < 128)
        return (s->ascii[cp >> 6] >> (cp & 63)) & 1u;
    size_t i = lower_bound(s, cp);
    return i < s->len && s->cp[i] == cp;
}

void wm_cpset_add(wm_cpset *s, uint32_t cp)
{
    if (cp > WM_CP_MAX)
        return;
    if (cp < 128) {
        uint64_t bit = (uint64_t)1 << (cp & 63);
        if (s->ascii[cp >> 6] & bit)
            return;
        s->ascii[cp >> 6] |= bit;
    }
    size_t i = lower_bound(s, cp);
    if (i < s->len && s->cp[i] == cp)
        return;
    WM_GROW(s->cp, s->cap, s->len + 1);
    memmove(s->cp + i + 1, s->cp + i, (s->len - i) * sizeof *s->cp);
    s->cp[i] = cp;
    s->len++;
}

void wm_cpset_add_range(wm_cpset *s, uint32_t first, uint32_t last)
{
    if (last > WM_CP_MAX)
        last = WM_CP_MAX;
    for (uint32_t cp = first; cp <= last; cp++) {
        wm_cpset_add(s, cp);
        if (cp == last) /* no wrap-around when last is the largest value */
            break;
    }
}

int wm_cpset_add_utf8(wm_cpset *s, const char *utf8)
{
    const unsigned char *p = (const unsigned char *)utf8;
    int rc = 0;
    while (*p) {
        if (*p < 0x80) {
            wm_cpset_add(s, *p++);
            continue;
        }
        uint32_t cp;
        size_t len = wm_utf8_decode((const char *)p, strnlen((const char *)p, 4), &cp);
        if (len == 0) {
            wm_cpset_add(s, 0xFFFD);
            rc = -1;
            p++;
        } else {
            wm_cpset_add(s, cp);
            p += len;
        }
    }
    return rc;
}

int wm_font_codepoints(const char *utf8, uint32_t **set, size_t *n)
{
    wm_cpset s;
    wm_cpset_init(&s);
    int rc = wm_cpset_add_utf8(&s, utf8);
    *n = s.len;
    *set = s.len ? s.cp : NULL;
    if (!s.len)
        free(s.cp);
    return rc;
}

/* ------------------------------------------------------------------------ */
/* Subsetting                                                                */
/* ------------------------------------------------------------------------ */

/* Tables libharu 2.3.0 fails without (HPDF_TTF_MISSING_TABLE). */
static const char *const NEEDED[] = {"head", "hhea", "maxp", "cmap", "hmtx",
                                     "loca", "glyf", "name", "OS/2"};
/* Tables it copies into the PDF when they are there. */
static const char *const OPTIONAL[] = {"post", "cvt ", "fpgm", "prep"};

#define COUNT(a) (sizeof(a) / sizeof *(a))

static hb_tag_t tag_of(const char *s)
{
    return hb_tag_from_string(s, 4);
}

static bool kept_tag(hb_tag_t t)
{
    for (size_t i = 0; i < COUNT(NEEDED); i++)
        if (t == tag_of(NEEDED[i]))
            return true;
    for (size_t i = 0; i < COUNT(OPTIONAL); i++)
        if (t == tag_of(OPTIONAL[i]))
            return true;
    return false;
}

static bool has_table(hb_face_t *face, const char *tag)
{
    hb_blob_t *b = hb_face_reference_table(face, tag_of(tag));
    bool ok = hb_blob_get_length(b) > 0;
    hb_blob_destroy(b);
    return ok;
}

/* Every table tag of the face, in a new array the caller frees. */
static hb_tag_t *table_tags(hb_face_t *face, unsigned *count)
{
    unsigned total = hb_face_get_table_tags(face, 0, NULL, NULL);
    hb_tag_t *tags = wm_xcalloc(total ? total : 1, sizeof *tags);
    unsigned got = total;
    hb_face_get_table_tags(face, 0, &got, tags);
    *count = got;
    return tags;
}

static uint16_t be16(const uint8_t *p)
{
    return (uint16_t)((unsigned)p[0] << 8 | p[1]);
}

static uint32_t be32(const uint8_t *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

/* True when the cmap has a subtable libharu 2.3.0 can read: format 4 for
 * (3,1) or (0,3), or format 0 for (1,0). */
static bool cmap_usable(hb_face_t *face)
{
    hb_blob_t *b = hb_face_reference_table(face, tag_of("cmap"));
    unsigned len = 0;
    const uint8_t *d = (const uint8_t *)hb_blob_get_data(b, &len);
    bool ok = false;
    if (d && len >= 4) {
        unsigned count = be16(d + 2);
        for (unsigned i = 0; i < count && 4 + 8 * (size_t)i + 8 <= len && !ok; i++) {
            const uint8_t *rec = d + 4 + 8 * i;
            unsigned platform = be16(rec), encoding = be16(rec + 2);
            uint32_t off = be32(rec + 4);
            if (off > len - 2)
                continue;
            unsigned format = be16(d + off);
            ok = (format == 4 &&
                  ((platform == 3 && encoding == 1) || (platform == 0 && encoding == 3))) ||
                 (format == 0 && platform == 1 && encoding == 0);
        }
    }
    hb_blob_destroy(b);
    return ok;
}

/* Why libharu would refuse the face, or NULL when it would not. */
static const char *unusable_reason(hb_face_t *face)
{
    if (hb_face_get_glyph_count(face) == 0)
        return "it is not a font file HarfBuzz can read";
    if (!has_table(face, "glyf") && (has_table(face, "CFF ") || has_table(face, "CFF2")))
        return "it has CFF outlines (an .otf font); libharu 2.3.0 needs TrueType (glyf) outlines";
    for (size_t i = 0; i < COUNT(NEEDED); i++)
        if (!has_table(face, NEEDED[i]))
            return "it lacks a table libharu 2.3.0 needs (head, hhea, maxp, cmap, hmtx, loca, "
                   "glyf, name, OS/2)";
    if (!cmap_usable(face))
        return "it has no Unicode cmap of format 4, the only kind libharu 2.3.0 reads";
    return NULL;
}

static int write_all(int fd, const char *data, size_t len)
{
    while (len > 0) {
        ssize_t w = write(fd, data, len);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            return -1;
        data += w;
        len -= (size_t)w;
    }
    return 0;
}

/* Write `len` bytes to a new 0600 file in dir; its path, or NULL with
 * *err set. */
static char *write_temp(const char *dir, const char *data, size_t len, char **err)
{
    if (!dir || !*dir) {
        dir = getenv("TMPDIR");
        if (!dir || !*dir)
            dir = "/tmp";
    }
    size_t dl = strlen(dir);
    while (dl > 1 && dir[dl - 1] == '/')
        dl--;
    char *path = wm_xasprintf("%.*s/waymark-font-XXXXXX", (int)dl, dir);
    int fd = mkstemp(path);
    if (fd < 0) {
        *err = wm_xasprintf("cannot create a temporary font file in %.*s: %s", (int)dl, dir,
                            strerror(errno));
        free(path);
        return NULL;
    }
    int saved = 0;
    errno = 0;
    if (fchmod(fd, S_IRUSR | S_IWUSR) != 0 || write_all(fd, data, len) != 0)
        saved = errno ? errno : EIO;
    if (close(fd) != 0 && !saved)
        saved = errno;
    if (saved) {
        *err = wm_xasprintf("cannot write the temporary font file %s: %s", path, strerror(saved));
        unlink(path);
        free(path);
        return NULL;
    }
    return path;
}

int wm_font_subset(const char *ttf_path, const uint32_t *codepoints, size_t n, const char *tmpdir,
                   char **subset_path, char **err)
{
    *subset_path = NULL;
    *err = NULL;

    hb_blob_t *blob = hb_blob_create_from_file_or_fail(ttf_path);
    if (!blob) {
        *err = wm_xasprintf("font %s: cannot read the file", ttf_path);
        return -1;
    }
    hb_face_t *face = hb_face_create(blob, 0);
    hb_blob_destroy(blob);

    hb_subset_input_t *input = NULL;
    hb_face_t *sub = NULL;
    hb_blob_t *out = NULL;
    hb_tag_t *tags = NULL;
    int rc = -1;

    const char *why = unusable_reason(face);
    if (why) {
        *err = wm_xasprintf("font %s cannot be used: %s", ttf_path, why);
        goto done;
    }

    input = hb_subset_input_create_or_fail();
    if (!input) {
        *err = wm_xasprintf("font %s: HarfBuzz could not start a subset (out of memory)", ttf_path);
        goto done;
    }
    /* Code points: U+0020 always; .notdef (glyph 0) hb-subset always keeps. */
    hb_set_t *unicodes = hb_subset_input_unicode_set(input);
    hb_set_add(unicodes, 0x20);
    for (size_t i = 0; i < n; i++)
        if (codepoints[i] <= 0xFFFF)
            hb_set_add(unicodes, codepoints[i]);

    /* Keep only the tables libharu reads; drop everything else. */
    hb_set_t *drop = hb_subset_input_set(input, HB_SUBSET_SETS_DROP_TABLE_TAG);
    hb_set_clear(drop);
    unsigned ntags;
    tags = table_tags(face, &ntags);
    for (unsigned i = 0; i < ntags; i++)
        if (!kept_tag(tags[i]))
            hb_set_add(drop, tags[i]);

    /* Default flags: glyph ids renumbered (compact loca, hmtx and glyf),
     * glyph names dropped (post version 3), hinting kept, so cvt, fpgm and
     * prep stay real tables rather than the empty ones libharu would write,
     * name records 0-6 in English (libharu reads IDs 2 and 6). */
    hb_subset_input_set_flags(input, HB_SUBSET_FLAGS_DEFAULT);

    sub = hb_subset_or_fail(face, input);
    if (!sub) {
        *err = wm_xasprintf("font %s: HarfBuzz could not subset it", ttf_path);
        goto done;
    }
    out = hb_face_reference_blob(sub);
    unsigned len = 0;
    const char *data = hb_blob_get_data(out, &len);
    if (!data || len == 0) {
        *err = wm_xasprintf("font %s: HarfBuzz produced an empty subset", ttf_path);
        goto done;
    }

    char *werr = NULL;
    char *path = write_temp(tmpdir, data, len, &werr);
    if (!path) {
        *err = wm_xasprintf("font %s: %s", ttf_path, werr);
        free(werr);
        goto done;
    }
    *subset_path = path;
    rc = 0;

done:
    free(tags);
    hb_blob_destroy(out);
    hb_face_destroy(sub);
    hb_subset_input_destroy(input);
    hb_face_destroy(face);
    return rc;
}
