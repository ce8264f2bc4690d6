/*
 * ttf_check.c - the TrueType checks that stand between a font file and
 * HarfBuzz and libharu 2.3.0 (see ttf_check.h for what is checked and why).
 *
 * Each check mirrors what libharu's loader (hpdf_fontdef_tt.c at
 * RELEASE_2_3_0, which Debian ships unpatched) reads, in the order it reads
 * it: the table directory (LoadTTFTable), head, maxp, hhea, cmap, hmtx,
 * loca, name and OS/2 (ParseHead ... ParseOS2), then glyf.  Numbers are
 * big-endian; every read is bounds-checked against its table, and every
 * table against the file, in 64-bit arithmetic so nothing wraps.
 */
#include "ttf_check.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../waymark.h"

/* The tables libharu needs, in the order the messages name them. */
enum { GLYF, LOCA, HEAD, HHEA, MAXP, CMAP, HMTX, NAME, OS2, N_NEEDED };
static const char TAGS[N_NEEDED][5] = {"glyf", "loca", "head", "hhea", "maxp",
                                       "cmap", "hmtx", "name", "OS/2"};

/* libharu refuses more tables than fit 10,000 bytes of 16-byte records. */
#define MAX_TABLES 625

/* Glyph header: numberOfContours and the bounding box. */
#define GLYPH_HEADER 10

/* fsType bits libharu refuses to embed (ParseOS2). */
#define FS_RESTRICTED  0x0002u
#define FS_NO_SUBSET   0x0100u
#define FS_BITMAP_ONLY 0x0200u

static const char *const NOT_A_FONT = "fonts are TrueType files (.ttf)";
static const char *const CUT_SHORT = "the file is cut short: download or export the font again";
static const char *const DAMAGED = "download or export the font again, or open it in a font editor "
                                   "(FontForge) and save it as TrueType";
static const char *const NEEDS = "libharu embeds TrueType fonts with the head, hhea, maxp, cmap, "
                                 "hmtx, loca, glyf, name and OS/2 tables: use a complete .ttf";
static const char *const NAMES = "libharu 2.3.0 reads the names from the Windows (Unicode, US "
                                 "English) records: a font editor can add them";
static const char *const LICENCE = "ask the foundry for a licence that allows embedding in "
                                   "documents, or use one of the bundled fonts";

typedef struct {
    const unsigned char *p; /* inside the file */
    uint32_t len;
    bool found;
} table;

typedef struct {
    const unsigned char *data;
    size_t len;
    table t[N_NEEDED];
    table post;                 /* optional */
    const unsigned char *cmap4; /* the (3,1) format 4 subtable, once checked */
    unsigned num_glyphs, num_hmetrics, upem;
    bool long_loca;
    wm_ttf_problem *out;
} font;

static uint16_t u16(const unsigned char *p)
{
    return (uint16_t)((unsigned)p[0] << 8 | p[1]);
}

static uint32_t u32(const unsigned char *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

#define TAG(a, b, c, d) ((uint32_t)(a) << 24 | (uint32_t)(b) << 16 | (uint32_t)(c) << 8 | (d))

/* Record the problem; returns false so a check can `return fail(...)`. */
static bool fail(font *f, const char *hint, const char *fmt, ...) WM_PRINTF(3, 4);

static bool fail(font *f, const char *hint, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(f->out->reason, sizeof f->out->reason, fmt, ap);
    va_end(ap);
    f->out->hint = hint;
    return false;
}

static bool too_short(font *f, int which, size_t need)
{
    return fail(f, DAMAGED, "is damaged: its '%s' table is %lu bytes, too short (it needs %zu)",
                TAGS[which], (unsigned long)f->t[which].len, need);
}

/* A tag as text, with anything unprintable as '?'. */
static void tag_text(const unsigned char *p, char out[5])
{
    for (int i = 0; i < 4; i++)
        out[i] = p[i] >= 0x20 && p[i] < 0x7F && p[i] != '\'' ? (char)p[i] : '?';
    out[4] = '\0';
}

/* ---- the sfnt header and the table directory ---- */

static bool check_size(font *f)
{
    if (f->len > WM_TTF_MAX_BYTES)
        return fail(f,
                    "one face of a family is rarely more than a few megabytes: check that "
                    "this is the right file",
                    "is %zu bytes, over the limit of %zu bytes", f->len, WM_TTF_MAX_BYTES);
    return true;
}

static bool check_header(font *f)
{
    if (f->len < 12)
        return fail(f, NOT_A_FONT, "is not a font file (it is too short)");
    uint32_t version = u32(f->data);
    if (version == TAG('O', 'T', 'T', 'O'))
        return fail(f,
                    "libharu embeds only TrueType (glyf) outlines: use the .ttf version of "
                    "the font",
                    "has CFF (PostScript) outlines, an .otf font");
    if (version == TAG('t', 't', 'c', 'f'))
        return fail(f, "use a single-face .ttf file from the family",
                    "is a font collection (.ttc)");
    if (version == TAG('w', 'O', 'F', 'F') || version == TAG('w', 'O', 'F', '2'))
        return fail(f, "use the desktop .ttf version of the font, not the web font",
                    "is a web font (WOFF)");
    if (version != 0x00010000u && version != TAG('t', 'r', 'u', 'e'))
        return fail(f, NOT_A_FONT, "is not a TrueType font");
    return true;
}

static bool check_directory(font *f)
{
    unsigned n = u16(f->data + 4);
    if (n > MAX_TABLES)
        return fail(f, DAMAGED,
                    "is damaged (its table directory lists %u tables, more than the %d "
                    "libharu reads)",
                    n, MAX_TABLES);
    if (12 + 16 * (size_t)n > f->len)
        return fail(f, CUT_SHORT, "is damaged (its table directory is incomplete)");
    uint64_t far = 0; /* where the table that reaches furthest ends */
    char far_tag[5] = "";
    for (unsigned i = 0; i < n; i++) {
        const unsigned char *rec = f->data + 12 + 16 * (size_t)i;
        uint64_t off = u32(rec + 8), len = u32(rec + 12);
        if (off + len > far) {
            far = off + len;
            tag_text(rec, far_tag);
        }
    }
    if (far > f->len)
        return fail(f, CUT_SHORT,
                    "is cut short: it is %zu bytes, but its '%s' table ends at byte %llu", f->len,
                    far_tag, (unsigned long long)far);
    for (unsigned i = 0; i < n; i++) {
        const unsigned char *rec = f->data + 12 + 16 * (size_t)i;
        for (unsigned j = 0; j < i; j++) {
            if (memcmp(f->data + 12 + 16 * (size_t)j, rec, 4) == 0) {
                char tag[5];
                tag_text(rec, tag);
                return fail(f, DAMAGED,
                            "is damaged (its table directory lists the '%s' table twice)", tag);
            }
        }
        table found = {f->data + u32(rec + 8), u32(rec + 12), true};
        if (memcmp(rec, "post", 4) == 0)
            f->post = found;
        for (int t = 0; t < N_NEEDED; t++) {
            if (memcmp(rec, TAGS[t], 4) == 0) {
                f->t[t] = found;
                break;
            }
        }
    }
    if (!f->t[GLYF].found || !f->t[LOCA].found)
        return fail(f, NEEDS, "has no TrueType outlines (no glyf table)");
    for (int t = 0; t < N_NEEDED; t++)
        if (!f->t[t].found)
            return fail(f, NEEDS, "lacks the '%s' table that libharu needs", TAGS[t]);
    return true;
}

/* ---- head, maxp, hhea, hmtx ---- */

static bool check_head(font *f)
{
    const table *t = &f->t[HEAD];
    if (t->len < 54)
        return too_short(f, HEAD, 54);
    if (u16(t->p) != 1 || u32(t->p + 12) != 0x5F0F3CF5u)
        return fail(f, DAMAGED,
                    "is damaged: its head table is not a font header (wrong version "
                    "or magic number)");
    unsigned upem = u16(t->p + 18);
    if (upem < 16 || upem > 16384)
        return fail(f, DAMAGED, "is damaged: head.unitsPerEm is %u (it must be 16 to 16384)", upem);
    /* ParseHead scales the bounding box to 1/1000 em, and libharu writes
     * it as reals of at most +-32767 (HPDF_REAL_OUT_OF_RANGE at save). */
    static const char *const BOX[] = {"xMin", "yMin", "xMax", "yMax"};
    for (int i = 0; i < 4; i++) {
        long v = (int16_t)u16(t->p + 36 + 2 * i);
        if (labs(v * 1000 / (long)upem) > 32767)
            return fail(f, DAMAGED,
                        "is damaged: head.%s is %ld at unitsPerEm %u, beyond the 32.767 em "
                        "libharu 2.3.0 can write",
                        BOX[i], v, upem);
    }
    int loca_format = (int16_t)u16(t->p + 50);
    if (loca_format != 0 && loca_format != 1)
        return fail(f, DAMAGED, "is damaged: head.indexToLocFormat is %d (it must be 0 or 1)",
                    loca_format);
    /* HarfBuzz reads no glyph at all from a font of another glyph data
     * format (its subset's glyphs are all empty: invisible text). */
    int data_format = (int16_t)u16(t->p + 52);
    if (data_format != 0)
        return fail(f, DAMAGED, "is damaged: head.glyphDataFormat is %d (0 expected)", data_format);
    f->long_loca = loca_format == 1;
    f->upem = upem;
    return true;
}

static bool check_maxp(font *f)
{
    const table *t = &f->t[MAXP];
    if (t->len < 6)
        return too_short(f, MAXP, 6);
    uint32_t version = u32(t->p);
    if (version != 0x00005000u && version != 0x00010000u)
        return fail(f, DAMAGED, "is damaged: its maxp table has an unknown version (0x%08lX)",
                    (unsigned long)version);
    if (version == 0x00010000u && t->len < 32)
        return too_short(f, MAXP, 32);
    f->num_glyphs = u16(t->p + 4);
    if (f->num_glyphs == 0)
        return fail(f, DAMAGED,
                    "is damaged: maxp.numGlyphs is 0 (every font has at least the "
                    ".notdef glyph)");
    return true;
}

static bool check_hhea(font *f)
{
    const table *t = &f->t[HHEA];
    if (t->len < 36)
        return too_short(f, HHEA, 36);
    if (u16(t->p) != 1)
        return fail(f, DAMAGED,
                    "is damaged: its hhea table is not a horizontal header (wrong "
                    "version)");
    f->num_hmetrics = u16(t->p + 34);
    if (f->num_hmetrics == 0 || f->num_hmetrics > f->num_glyphs)
        return fail(f, DAMAGED,
                    "is damaged: hhea.numberOfHMetrics is %u (it must be 1 to maxp.numGlyphs, %u)",
                    f->num_hmetrics, f->num_glyphs);
    return true;
}

static bool check_hmtx(font *f)
{
    size_t need = 4 * (size_t)f->num_hmetrics + 2 * (size_t)(f->num_glyphs - f->num_hmetrics);
    return f->t[HMTX].len >= need || too_short(f, HMTX, need);
}

/* ---- loca and glyf ---- */

static uint64_t loca_entry(const font *f, unsigned i)
{
    const unsigned char *p = f->t[LOCA].p;
    return f->long_loca ? u32(p + 4 * (size_t)i) : 2 * (uint64_t)u16(p + 2 * (size_t)i);
}

/* A glyph's numberOfContours, and for a composite glyph (-1) its component
 * records, as CheckCompositGryph reads them when the glyph is drawn: they
 * must end inside the glyph. */
static bool check_composite(font *f, unsigned g, const unsigned char *p, uint64_t len)
{
    int contours = (int16_t)u16(p);
    if (contours < -1)
        return fail(f, DAMAGED,
                    "is damaged: glyph %u has numberOfContours %d (-1 or more expected)", g,
                    contours);
    if (contours != -1)
        return true;
    uint64_t at = GLYPH_HEADER;
    unsigned flags;
    do {
        if (at + 4 > len)
            return fail(f, DAMAGED, "is damaged: the components of glyph %u run past its end", g);
        flags = u16(p + at);
        at += flags & 0x0001 ? 8u : 6u; /* flags, glyph, args (ARG_1_AND_2_ARE_WORDS) */
        at += flags & 0x0008 ? 2u : flags & 0x0040 ? 4u : flags & 0x0080 ? 8u : 0u; /* scale */
    } while (flags & 0x0020); /* MORE_COMPONENTS */
    if (at > len)
        return fail(f, DAMAGED, "is damaged: the components of glyph %u run past its end", g);
    return true;
}

static bool check_glyphs(font *f)
{
    size_t need = ((size_t)f->num_glyphs + 1) * (f->long_loca ? 4 : 2);
    if (f->t[LOCA].len < need)
        return too_short(f, LOCA, need);
    uint64_t glyf_len = f->t[GLYF].len;
    uint64_t start = loca_entry(f, 0);
    for (unsigned g = 0; g < f->num_glyphs; g++) {
        uint64_t end = loca_entry(f, g + 1);
        if (end < start)
            return fail(f, DAMAGED, "is damaged: its loca table goes backwards at glyph %u", g);
        if (end > glyf_len)
            return fail(f, DAMAGED,
                        "is damaged: glyph %u ends at byte %llu of the glyf table, past its end "
                        "(%llu bytes)",
                        g, (unsigned long long)end, (unsigned long long)glyf_len);
        if (end > start && end - start < GLYPH_HEADER)
            return fail(f, DAMAGED, "is damaged: glyph %u is %llu bytes, too short to hold a glyph",
                        g, (unsigned long long)(end - start));
        if (end > start && !check_composite(f, g, f->t[GLYF].p + start, end - start))
            return false;
        start = end;
    }
    return true;
}

/* ---- cmap ---- */

/* The format 4 subtable at `p` (`avail` bytes to the end of the cmap), as
 * HPDF_TTFontDef_GetGlyphid reads it for every code point. */
static bool check_format4(font *f, const unsigned char *p, size_t avail)
{
    if (avail < 14)
        return fail(f, CUT_SHORT, "is damaged: its Unicode cmap (format 4) is cut short");
    unsigned length = u16(p + 2), seg_x2 = u16(p + 6);
    if (seg_x2 == 0 || seg_x2 % 2 != 0)
        return fail(f, DAMAGED,
                    "is damaged: its Unicode cmap (format 4) gives segCountX2 %u (an even number "
                    "above 0 expected)",
                    seg_x2);
    size_t segs = seg_x2 / 2, fixed = 16 + 8 * segs;
    if (length < fixed || length > avail)
        return fail(f, CUT_SHORT, "is damaged: its Unicode cmap (format 4) is cut short");
    const unsigned char *ends = p + 14, *starts = p + 16 + 2 * segs, *deltas = p + 16 + 4 * segs,
                        *ranges = p + 16 + 6 * segs, *ids = p + fixed;
    size_t n_ids = (length - fixed) / 2;
    long prev_end = -1;
    for (size_t i = 0; i < segs; i++) {
        unsigned end = u16(ends + 2 * i), start = u16(starts + 2 * i);
        unsigned delta = u16(deltas + 2 * i), range = u16(ranges + 2 * i);
        if (start > end || (long)start <= prev_end)
            return fail(f, DAMAGED,
                        "is damaged: its Unicode cmap (format 4) has segments out of order (at "
                        "segment %zu)",
                        i + 1);
        prev_end = end;
        for (unsigned c = start; c <= end; c++) {
            unsigned gid;
            if (range == 0) {
                gid = (c + delta) & 0xFFFFu;
            } else {
                long idx = (long)(range / 2) + (long)(c - start) - (long)(segs - i);
                if (idx < 0 || (size_t)idx >= n_ids)
                    return fail(f, DAMAGED,
                                "is damaged: its cmap looks U+%04X up outside its glyph index "
                                "array",
                                c);
                gid = (u16(ids + 2 * (size_t)idx) + delta) & 0xFFFFu;
            }
            if (gid >= f->num_glyphs)
                return fail(f, DAMAGED,
                            "is damaged: its cmap maps U+%04X to glyph %u, but the font has only "
                            "%u glyphs",
                            c, gid, f->num_glyphs);
        }
    }
    if (prev_end != 0xFFFF)
        return fail(f, DAMAGED, "is damaged: its Unicode cmap (format 4) does not end at U+FFFF");
    return true;
}

static bool check_cmap(font *f)
{
    const table *t = &f->t[CMAP];
    if (t->len < 4)
        return too_short(f, CMAP, 4);
    if (u16(t->p) != 0)
        return fail(f, DAMAGED, "is damaged: its cmap table has version %u (0 expected)",
                    u16(t->p));
    size_t n = u16(t->p + 2);
    if (t->len < 4 + 8 * n)
        return too_short(f, CMAP, 4 + 8 * n);
    const unsigned char *unicode = NULL;
    uint32_t unicode_off = 0;
    for (size_t i = 0; i < n; i++) {
        const unsigned char *rec = t->p + 4 + 8 * i;
        uint32_t off = u32(rec + 4);
        if (off > t->len - 2)
            return fail(f, DAMAGED, "is damaged: its cmap table points outside itself");
        /* libharu takes the first (3,1) subtable of format 4. */
        if (!unicode && u16(rec) == 3 && u16(rec + 2) == 1 && u16(t->p + off) == 4) {
            unicode = t->p + off;
            unicode_off = off;
        }
    }
    if (!unicode)
        return fail(f,
                    "libharu 2.3.0 reads no other kind; a font editor (FontForge) adds one when "
                    "it saves the font as TrueType",
                    "has no Windows Unicode character map (cmap platform 3, encoding 1, "
                    "format 4)");
    f->cmap4 = unicode;
    return check_format4(f, unicode, t->len - unicode_off);
}

/* ---- the cap height and x-height ---- */

/* The glyph of `cp` as HPDF_TTFontDef_GetGlyphid finds it in a checked
 * format 4 subtable. */
static unsigned glyph_of(const font *f, unsigned cp)
{
    const unsigned char *p = f->cmap4;
    size_t segs = u16(p + 6) / 2;
    size_t i = 0;
    while (cp > u16(p + 14 + 2 * i)) /* the last segment ends at U+FFFF */
        i++;
    unsigned start = u16(p + 16 + 2 * segs + 2 * i), delta = u16(p + 16 + 4 * segs + 2 * i);
    unsigned range = u16(p + 16 + 6 * segs + 2 * i);
    if (cp < start)
        return 0;
    if (range == 0)
        return (cp + delta) & 0xFFFFu;
    size_t idx = range / 2 + (cp - start) - (segs - i);
    return (u16(p + 16 + 8 * segs + 2 * idx) + delta) & 0xFFFFu;
}

/* Whether HarfBuzz's subsetter keeps a simple glyph's outline
 * (SimpleGlyph::trim_padding): its flags must cover every point its
 * contours end at.  One it cannot read is written empty. */
static bool outline_readable(const unsigned char *p, uint64_t len)
{
    uint64_t at = GLYPH_HEADER + 2 * (uint64_t)(int16_t)u16(p); /* instructionLength */
    if (at + 2 >= len)
        return false;
    unsigned points = u16(p + at - 2) + 1u, seen = 0;
    at += 2 + (uint64_t)u16(p + at);
    while (at < len) {
        unsigned flag = p[at++], repeat = 1;
        if (flag & 0x08) { /* REPEAT_FLAG */
            if (at >= len)
                return false;
            repeat = p[at++] + 1u;
        }
        seen += repeat;
        if (seen >= points)
            break;
    }
    return seen == points;
}

/* LoadFontData takes the top of the glyphs of 'H' and 'x' as the cap height
 * and x-height and converts them to an unsigned 16-bit number: a glyph
 * reaching no higher than below the baseline cannot be, nor one whose
 * header is not its own: an empty glyph (libharu reads the next one's),
 * in the font or in HarfBuzz's subset of it. */
static bool check_heights(font *f)
{
    static const struct {
        char c;
        const char *what;
    } LETTERS[] = {{'H', "cap height"}, {'x', "x-height"}};
    for (size_t i = 0; i < 2; i++) {
        unsigned gid = glyph_of(f, (unsigned char)LETTERS[i].c);
        if (gid == 0)
            continue;
        uint64_t start = loca_entry(f, gid), end = loca_entry(f, gid + 1);
        const unsigned char *glyph = f->t[GLYF].p + start;
        int contours = end > start ? (int16_t)u16(glyph) : 0;
        if (contours == 0)
            return fail(f, DAMAGED, "is damaged: its glyph for '%c' is empty", LETTERS[i].c);
        if (contours > 0 && !outline_readable(glyph, end - start))
            return fail(f, DAMAGED, "is damaged: the outline of its glyph for '%c' is cut short",
                        LETTERS[i].c);
        long top = (long)(int16_t)u16(f->t[GLYF].p + start + 8) * 1000 / f->upem;
        if (top < 0 || top > 65535)
            return fail(f, DAMAGED,
                        "is damaged: its glyph for '%c' reaches %ld thousandths of an em, which "
                        "libharu 2.3.0 cannot take as the %s",
                        LETTERS[i].c, top, LETTERS[i].what);
    }
    return true;
}

/* ---- name ---- */

typedef struct {
    bool found;
    unsigned len, off; /* off: from the start of the name table */
} name_rec;

/* The names as ParseName reads them: the Macintosh record when there is
 * one, else the Windows one (every second byte of its UTF-16). */
static bool names_fit(font *f, const name_rec *mac_ps, const name_rec *mac_style,
                      const name_rec *win_ps, const name_rec *win_style)
{
    const table *t = &f->t[NAME];
    unsigned ps = mac_ps->len, style = mac_style->len;
    if (ps == 0 && win_ps->len > 0)
        ps = win_ps->len / 2 + win_ps->len % 2;
    if (style == 0 && win_style->len > 0)
        style = win_style->len / 2 + win_style->len % 2;
    /* Its buffer holds 127 bytes: both names, a comma and a subset tag. */
    if (ps + style + 8 > 127)
        return fail(f, "shorten the names in a font editor",
                    "has a PostScript name and style name too long for libharu 2.3.0 (%u "
                    "characters, at most 119)",
                    ps + style);
    /* The name becomes the PDF font's name, which may not be empty. */
    unsigned first = mac_ps->found ? mac_ps->off : win_ps->off + 1;
    if (ps == 0 || first >= t->len || t->p[first] == 0)
        return fail(f, NAMES, "has an empty PostScript name (name ID 6)");
    return true;
}

static bool check_name(font *f)
{
    const table *t = &f->t[NAME];
    if (t->len < 6)
        return too_short(f, NAME, 6);
    size_t count = u16(t->p + 2), strings = u16(t->p + 4);
    if (t->len < 6 + 12 * count)
        return too_short(f, NAME, 6 + 12 * count);
    if (u16(t->p) > 1)
        return fail(f, DAMAGED, "is damaged: its name table has format %u (0 or 1 expected)",
                    u16(t->p));
    if (strings > t->len)
        return fail(f, DAMAGED, "is damaged: its name table points outside itself");
    /* ParseName keeps the last record of each kind it meets. */
    name_rec mac_ps = {0}, mac_style = {0}, win_ps = {0}, win_style = {0};
    for (size_t i = 0; i < count; i++) {
        const unsigned char *r = t->p + 6 + 12 * i;
        unsigned platform = u16(r), encoding = u16(r + 2), language = u16(r + 4);
        unsigned id = u16(r + 6), len = u16(r + 8), off = u16(r + 10);
        if (strings + off + (size_t)len > t->len)
            return fail(f, DAMAGED, "is damaged: its name table points outside itself");
        name_rec *slot = NULL;
        if (platform == 1 && encoding == 0)
            slot = id == 6 ? &mac_ps : id == 2 ? &mac_style : NULL;
        else if (platform == 3 && encoding == 1 && language == 0x0409)
            slot = id == 6 ? &win_ps : id == 2 ? &win_style : NULL;
        if (slot)
            *slot = (name_rec){true, len, (unsigned)(strings + off)};
    }
    /* HarfBuzz's subset keeps only the Windows records (Unicode, US
     * English), so libharu reads those from it, and the Macintosh ones
     * first (when there are any) from the font itself: both must do. */
    if (!win_ps.found)
        return fail(f, NAMES, "has no PostScript name (name ID 6) that libharu can read");
    if (!win_style.found)
        return fail(f, NAMES, "has no style name (name ID 2) that libharu can read");
    static const name_rec none = {0};
    return names_fit(f, &mac_ps, &mac_style, &win_ps, &win_style) &&
           names_fit(f, &none, &none, &win_ps, &win_style);
}

/* ---- post (optional: libharu copies it, HarfBuzz rebuilds it) ---- */

static bool check_post(font *f)
{
    if (!f->post.found)
        return true;
    const table *t = &f->post;
    if (t->len < 32)
        return fail(f, DAMAGED,
                    "is damaged: its 'post' table is %lu bytes, too short (it needs 32)",
                    (unsigned long)t->len);
    uint32_t version = u32(t->p);
    if (version != 0x00010000u && version != 0x00020000u && version != 0x00030000u)
        return fail(f, DAMAGED,
                    "is damaged: its post table has version 0x%08lX (1, 2 or 3 expected)",
                    (unsigned long)version);
    /* Version 2 names its glyphs: a count and an index for each. */
    if (version == 0x00020000u && (t->len < 34 || t->len < 34 + 2 * (size_t)u16(t->p + 32)))
        return fail(f, DAMAGED, "is damaged: its post table's glyph names run past its end");
    return true;
}

/* ---- OS/2 ---- */

static bool check_os2(font *f)
{
    const table *t = &f->t[OS2];
    if (t->len < 2)
        return too_short(f, OS2, 78);
    unsigned version = u16(t->p);
    size_t need = version == 0 ? 78 : version == 1 ? 86 : version <= 4 ? 96 : 100;
    if (t->len < need)
        return too_short(f, OS2, need);
    unsigned fs_type = u16(t->p + 8);
    const char *what = (fs_type & FS_RESTRICTED)    ? "embedding (restricted licence)"
                       : (fs_type & FS_NO_SUBSET)   ? "embedding a subset"
                       : (fs_type & FS_BITMAP_ONLY) ? "embedding outlines (bitmaps only)"
                                                    : NULL;
    if (what)
        return fail(f, LICENCE,
                    "may not be embedded in a PDF: its licence bits (OS/2 fsType 0x%04X) forbid "
                    "%s",
                    fs_type, what);
    return true;
}

bool wm_ttf_check(const unsigned char *data, size_t len, wm_ttf_problem *problem)
{
    font f = {.data = data, .len = len, .out = problem};
    problem->reason[0] = '\0';
    problem->hint = NULL;
    return check_size(&f) && check_header(&f) && check_directory(&f) && check_head(&f) &&
           check_maxp(&f) && check_hhea(&f) && check_cmap(&f) && check_hmtx(&f) &&
           check_glyphs(&f) && check_heights(&f) && check_name(&f) && check_os2(&f) &&
           check_post(&f);
}

bool wm_ttf_check_size(size_t len, wm_ttf_problem *problem)
{
    font f = {.len = len, .out = problem};
    problem->reason[0] = '\0';
    problem->hint = NULL;
    return check_size(&f);
}
