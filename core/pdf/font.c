/*
 * font.c - code-point sets, TrueType subsetting with HarfBuzz, and loading
 * the subset into libharu from memory (see font.h).
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
 * Its cmap reader takes only a format 4 subtable for (3,1); hb-subset writes
 * one when the font has it (wm_ttf_check insists on it).  Everything
 * else (GSUB, GPOS, GDEF, kern, DSIG, gasp, ...) is dropped here: libharu
 * would not copy it, and layout closure over GSUB would only add glyphs.
 */
#define _POSIX_C_SOURCE 200809L /* strnlen */
#include "font.h"

#include <stdlib.h>
#include <string.h>

#include <hb-subset.h>
#include <hb.h>
#include <hpdf_doc.h>
#include <hpdf_fontdef.h>
#include <hpdf_streams.h>

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

int wm_font_subset(const unsigned char *data, size_t len, const char *name,
                   const uint32_t *codepoints, size_t n, unsigned char **out, size_t *out_len,
                   char **err)
{
    *out = NULL;
    *out_len = 0;
    *err = NULL;
    wm_ttf_problem problem;
    if (!wm_ttf_check(data, len, &problem)) {
        *err = wm_xasprintf("the font '%s' %s", name, problem.reason);
        return -1;
    }

    hb_blob_t *blob =
        hb_blob_create((const char *)data, (unsigned)len, HB_MEMORY_MODE_READONLY, NULL, NULL);
    hb_face_t *face = hb_face_create(blob, 0);
    hb_blob_destroy(blob);

    hb_subset_input_t *input = NULL;
    hb_face_t *sub = NULL;
    hb_blob_t *result = NULL;
    hb_tag_t *tags = NULL;
    int rc = -1;

    input = hb_subset_input_create_or_fail();
    if (!input) {
        *err =
            wm_xasprintf("the font '%s': HarfBuzz could not start a subset (out of memory)", name);
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
        *err = wm_xasprintf("the font '%s': HarfBuzz could not subset it", name);
        goto done;
    }
    result = hb_face_reference_blob(sub);
    unsigned sub_len = 0;
    const char *sub_data = hb_blob_get_data(result, &sub_len);
    /* What libharu will read is checked as the font was. */
    if (!wm_ttf_check((const unsigned char *)sub_data, sub_len, &problem)) {
        *err = wm_xasprintf("the font '%s': HarfBuzz's subset of it cannot be used: it %s", name,
                            problem.reason);
        goto done;
    }
    *out = wm_xmalloc(sub_len);
    memcpy(*out, sub_data, sub_len);
    *out_len = sub_len;
    rc = 0;

done:
    free(tags);
    hb_blob_destroy(result);
    hb_face_destroy(sub);
    hb_subset_input_destroy(input);
    hb_face_destroy(face);
    return rc;
}

/* ------------------------------------------------------------------------ */
/* Loading into libharu                                                      */
/* ------------------------------------------------------------------------ */

/* The next subset tag after `tag` (HPDFAA, HPDFAB, ...), as libharu 2.3.0
 * numbers the fonts it embeds (LoadTTFontFromStream in hpdf_doc.c). */
static void next_tag(HPDF_BYTE tag[6])
{
    if (tag[0] == 0) {
        memcpy(tag, "HPDFAA", 6);
        return;
    }
    for (int i = 5; i >= 0; i--) {
        tag[i]++;
        if (tag[i] <= 'Z')
            break;
        tag[i] = 'A';
    }
}

const char *wm_font_load(HPDF_Doc doc, const unsigned char *data, size_t len,
                         wm_ttf_problem *problem)
{
    if (!wm_ttf_check(data, len, problem))
        return NULL;
    if (!HPDF_HasDoc(doc))
        return NULL;
    /* One block holds the whole font: a seek to its very end stays in it. */
    HPDF_Stream stream = HPDF_MemStream_New(doc->mmgr, (HPDF_UINT)len + 1);
    if (!stream)
        return NULL;
    if (HPDF_Stream_Write(stream, data, (HPDF_UINT)len) != HPDF_OK) {
        HPDF_Stream_Free(stream);
        return NULL;
    }
    /* Takes the stream over, freeing it on failure. */
    HPDF_FontDef def = HPDF_TTFontDef_Load(doc->mmgr, stream, HPDF_TRUE);
    if (!def)
        return NULL;
    HPDF_FontDef known = HPDF_Doc_FindFontDef(doc, def->base_font);
    if (known) {
        HPDF_FontDef_Free(def);
        return known->base_font;
    }
    if (HPDF_List_Add(doc->fontdef_list, def) != HPDF_OK) {
        HPDF_FontDef_Free(def);
        return NULL;
    }
    next_tag(doc->ttfont_tag);
    char tag[7]; /* SetTagName wants the 6 letters as a string */
    memcpy(tag, doc->ttfont_tag, 6);
    tag[6] = '\0';
    HPDF_TTFontDef_SetTagName(def, tag);
    return def->base_font;
}
