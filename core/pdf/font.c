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
#include "cidtext.h"

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

/* ---- Code points above U+FFFF ----
 *
 * libharu reads only a format 4 cmap, which stops at U+FFFF, and its fonts'
 * codes are 16 bits (cidtext.h).  So when a subset draws code points above
 * U+FFFF, its cmap is replaced with a format 4 table that maps what it had
 * below U+FFFF as before and maps each astral code point's code
 * (WM_CID_ASTRAL_FIRST + its index, wm_cid_code) to its glyph. */

typedef struct {
    uint16_t code, gid;
} cmap_pair;

static int pair_order(const void *a, const void *b)
{
    const cmap_pair *x = a, *y = b;
    return (x->code > y->code) - (x->code < y->code);
}

static void put16(unsigned char *p, unsigned v)
{
    p[0] = (unsigned char)(v >> 8);
    p[1] = (unsigned char)(v & 0xFF);
}

/* A cmap table with one (3,1) format 4 subtable for pairs[0..n) (sorted by
 * code, codes unique, none U+FFFF), as a new blob; NULL when it would not
 * fit a format 4 subtable's 16-bit length.  A run of consecutive codes is
 * one segment: with idDelta when its glyphs are consecutive too, else
 * with its glyphs listed in glyphIdArray. */
static hb_blob_t *format4_cmap(const cmap_pair *pairs, size_t n)
{
    /* Segments: [seg_at[k], seg_at[k+1]) of pairs, plus the final 0xFFFF. */
    size_t *seg_at = wm_xmalloc((n + 2) * sizeof *seg_at);
    bool *listed = wm_xmalloc((n + 1) * sizeof *listed);
    size_t segs = 0, glyphs = 0;
    for (size_t i = 0; i < n;) {
        size_t j = i + 1;
        bool delta = true;
        while (j < n && pairs[j].code == pairs[j - 1].code + 1) {
            delta = delta && pairs[j].gid == pairs[j - 1].gid + 1;
            j++;
        }
        listed[segs] = !delta;
        seg_at[segs++] = i;
        if (!delta)
            glyphs += j - i;
        i = j;
    }
    seg_at[segs] = n;
    size_t count = segs + 1, size = 16 + 8 * count + 2 * glyphs;
    if (size > 0xFFFF) {
        free(seg_at);
        free(listed);
        return NULL;
    }
    size_t total = 4 + 8 + size; /* cmap header, one encoding record */
    unsigned char *t = wm_xcalloc(total, 1);
    put16(t + 2, 1); /* numTables */
    put16(t + 4, 3); /* platform: Windows */
    put16(t + 6, 1); /* encoding: Unicode BMP */
    t[11] = 12;      /* offset of the subtable */
    unsigned char *f = t + 12;
    put16(f, 4);
    put16(f + 2, (unsigned)size);
    put16(f + 6, (unsigned)(2 * count));
    unsigned range = 1, selector = 0;
    while (range * 2 <= count) {
        range *= 2;
        selector++;
    }
    put16(f + 8, 2 * range);
    put16(f + 10, selector);
    put16(f + 12, (unsigned)(2 * count - 2 * range));
    unsigned char *end = f + 14, *start = end + 2 * count + 2, *delta = start + 2 * count,
                  *offset = delta + 2 * count, *ids = offset + 2 * count;
    size_t listed_at = 0;
    for (size_t k = 0; k < count; k++) {
        unsigned first = 0xFFFF, last = 0xFFFF, d = 1, off = 0;
        if (k < segs) {
            const cmap_pair *p = &pairs[seg_at[k]];
            size_t len = seg_at[k + 1] - seg_at[k];
            first = p->code;
            last = p[len - 1].code;
            d = 0;
            if (!listed[k]) {
                d = (unsigned)(p->gid - p->code) & 0xFFFF;
            } else {
                /* From this idRangeOffset word to the segment's first id. */
                off = (unsigned)((ids + 2 * listed_at) - (offset + 2 * k));
                for (size_t i = 0; i < len; i++)
                    put16(ids + 2 * (listed_at + i), p[i].gid);
                listed_at += len;
            }
        }
        put16(end + 2 * k, last);
        put16(start + 2 * k, first);
        put16(delta + 2 * k, d);
        put16(offset + 2 * k, off);
    }
    free(seg_at);
    free(listed);
    return hb_blob_create((const char *)t, (unsigned)total, HB_MEMORY_MODE_WRITABLE, t, free);
}

/* The subset `sub` with its cmap replaced as the comment above says, for
 * the requested codepoints[0..n) (ascending); a new face, or NULL (with
 * *err set) when the new cmap would be too large. */
static hb_face_t *with_astral_codes(hb_face_t *sub, const uint32_t *codepoints, size_t n,
                                    const char *name, char **err)
{
    hb_font_t *font = hb_font_create(sub);
    cmap_pair *pairs = wm_xmalloc((n + 1) * sizeof *pairs);
    size_t np = 0, astral = 0;
    hb_codepoint_t gid;
    if (hb_font_get_nominal_glyph(font, 0x20, &gid))
        pairs[np++] = (cmap_pair){0x20, (uint16_t)gid};
    for (size_t i = 0; i < n; i++) {
        uint32_t cp = codepoints[i], code = cp;
        if (cp > 0xFFFF) {
            if (astral == WM_CID_ASTRAL_MAX)
                continue;
            code = WM_CID_ASTRAL_FIRST + (uint32_t)astral++;
        }
        if (cp == 0x20 || code >= 0xFFFF || !hb_font_get_nominal_glyph(font, cp, &gid))
            continue;
        pairs[np++] = (cmap_pair){(uint16_t)code, (uint16_t)gid};
    }
    hb_font_destroy(font);
    qsort(pairs, np, sizeof *pairs, pair_order);
    hb_blob_t *cmap = format4_cmap(pairs, np);
    free(pairs);
    if (!cmap) {
        *err = wm_xasprintf("the font '%s' draws too many different characters for one PDF font "
                            "(its character map would pass 64 KB)",
                            name);
        return NULL;
    }
    hb_face_t *built = hb_face_builder_create();
    unsigned ntags;
    hb_tag_t *tags = table_tags(sub, &ntags);
    for (unsigned i = 0; i < ntags; i++) {
        if (tags[i] == tag_of("cmap"))
            continue;
        hb_blob_t *table = hb_face_reference_table(sub, tags[i]);
        hb_face_builder_add_table(built, tags[i], table);
        hb_blob_destroy(table);
    }
    hb_face_builder_add_table(built, tag_of("cmap"), cmap);
    hb_blob_destroy(cmap);
    free(tags);
    return built;
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
    if (n && codepoints[n - 1] > 0xFFFF) {
        /* A face read from the subset's bytes (a subset's own face lists
         * no table tags in every HarfBuzz version). */
        hb_blob_t *bytes = hb_face_reference_blob(sub);
        hb_face_t *read = hb_face_create(bytes, 0);
        hb_blob_destroy(bytes);
        hb_face_t *built = with_astral_codes(read, codepoints, n, name, err);
        hb_face_destroy(read);
        if (!built)
            goto done;
        hb_face_destroy(sub);
        sub = built;
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
