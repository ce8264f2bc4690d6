/*
 * pdf.c - the PDF device: turns a display list (core/layout/dlist.h) into
 * PDF bytes with libharu 2.3.0 (see pdf.h for the contract).
 *
 * The steps, in this order (every one deterministic, so the same list gives
 * the same bytes):
 *   1. a document with Flate everywhere and the UTF-8 encoder current (for
 *      the outline and metadata);
 *   2. metadata (Info dictionary, dates from info.date, our Producer);
 *   3. fonts: the code points each used face slot draws are collected;
 *      slots with the same font (one face, or the same PostScript name) are
 *      merged into one set, and each font is subset (font.h), loaded from
 *      memory and made a Type0 Identity-H font through an encoder of its
 *      own that maps just those code points (font_encoder), with their
 *      glyphs marked for embedding and our ToUnicode CMap (cidtext.h), in
 *      slot order;
 *   4. every page is added and sized before anything is drawn, so a link
 *      can point at a later page;
 *   5. each page's operations are drawn; consecutive text runs share one
 *      BT/ET and are written into the content stream by us (cidtext.h);
 *      images are loaded the first time they are drawn and reused; link
 *      annotations are created as they are met; a finished page's content
 *      and each image are compressed with libdeflate (flate.h);
 *   6. the outline (bookmarks);
 *   7. save to libharu's memory stream and copy the bytes out.
 *
 * Steps 3 and 5 reach into libharu's structures through its installed
 * headers (hpdf_objects.h, hpdf_pages.h, hpdf_encoder.h, hpdf_doc.h); what
 * they rely on is written where they do it, and the unit tests check the
 * result from the outside (qpdf --check, pdftotext, pdffonts).
 *
 * Destinations are /XYZ 0 top 1: libharu 2.3.0 refuses zoom 0 ("keep the
 * viewer's zoom", 0x1039) and a negative left or top, so the zoom is 100 %
 * and top is clamped to the page.  /FitH would also work but zooms an A4
 * page to the window's width, which is huge on a wide screen.
 *
 * Defensive choices (the layout should never need them): a list with no
 * pages is refused (a PDF without pages is not a deliverable); a text run
 * with no text, a size <= 0 or NaN, or an unknown face is skipped; invalid
 * UTF-8 is drawn with U+FFFD; NaN coordinates become 0 and the rest are
 * clamped to libharu's +-32767; a link or bookmark to a destination that
 * was never placed gets no target (the bookmark keeps its title); outline
 * levels are clamped to 1..16 and a level that skips one hangs under the
 * nearest shallower item.
 *
 * Errors: libharu calls on_error() (no longjmp) with the first error stored
 * in the writer's own struct; since some errors are only recorded (or only
 * returned), every call's status or handle is checked as well, and the
 * first failure becomes the message.  Errors are sticky in libharu, so
 * nothing more is attempted after one: the writer unwinds and frees.
 *
 * Ownership: the writer owns the HPDF_Doc (freed on every path), its arrays
 * of handles (the handles themselves belong to the document) and, until it
 * is handed to the caller, the output buffer, and the faces it opened
 * itself for slots given only by path.  No file is written: fonts go to
 * libharu from memory.
 */
#define _POSIX_C_SOURCE 200809L
#include "pdf.h"

#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <hb-ot.h>
#include <hb.h>
#include <hpdf.h>
#include <hpdf_doc.h>
#include <hpdf_encoder.h>
#include <hpdf_fontdef.h>
#include <hpdf_objects.h>
#include <hpdf_pages.h>
#include <hpdf_streams.h>

#include "../base/util.h"
#include "cidtext.h"
#include "flate.h"
#include "font.h"

/* Deepest outline level kept; deeper items hang under the deepest one. */
#define OUTLINE_MAX_DEPTH 16
/* Longest text run handed to libharu (its strings stop at 65,535 bytes). */
#define MAX_TEXT_BYTES 16384

/* The first error libharu reported through the handler. */
typedef struct {
    HPDF_STATUS code, detail;
} hpdf_error;

/* What a page's content stream currently has set (reset for each page). */
typedef struct {
    bool fill_set, stroke_set, width_set;
    wm_rgb fill, stroke;
    HPDF_REAL width;
    HPDF_Font font;
    HPDF_REAL font_size;
    bool in_text;  /* inside BT ... ET */
    double tx, ty; /* where the last Td put the line start (BT resets it) */
} page_state;

typedef struct {
    const wm_dlist *dl;
    const wm_pdf_opts *opts;
    HPDF_Doc doc;      /* owned */
    hpdf_error herr;   /* filled by on_error */
    char *err;         /* the first message, owned */
    HPDF_Encoder utf8; /* belongs to doc */
    HPDF_Font fonts[WM_FACE_COUNT];
    /* Each slot's font's code points above U+FFFF, ascending (cidtext.h:
     * wm_cid_code); owned by the slot that loaded the font (astral_owned). */
    const uint32_t *astral[WM_FACE_COUNT];
    size_t n_astral[WM_FACE_COUNT];
    uint32_t *astral_owned[WM_FACE_COUNT];
    wm_face *faces[WM_FACE_COUNT]; /* each used slot's face: the caller's, or owned[] */
    wm_face *owned[WM_FACE_COUNT]; /* opened here for slots given by path only */
    HPDF_Page *pages;              /* [dl->n_pages], owned array of doc's handles */
    HPDF_Image *images;            /* [opts->n_images], loaded lazily */
    HPDF_Destination *dests;       /* [dl->n_dests], created lazily */
    wm_flate *flate;               /* owned: compresses pages and images (flate.h) */
    wm_buf ops;                    /* scratch for the text we write (cidtext.h) */
} writer;

static const char *const FACE_NAMES[WM_FACE_COUNT] = {
    "regular",    "bold",       "italic",     "bold-italic", "heading",
    "fallback",   "fallback-2", "fallback-3", "fallback-4",  "fallback-5",
    "fallback-6", "fallback-7", "fallback-8"};

/* ------------------------------------------------------------------------ */
/* Errors                                                                    */
/* ------------------------------------------------------------------------ */

static void HPDF_STDCALL on_error(HPDF_STATUS error_no, HPDF_STATUS detail_no, void *user_data)
{
    hpdf_error *e = user_data;
    if (e->code == HPDF_OK) {
        e->code = error_no;
        e->detail = detail_no;
    }
}

static const char *hpdf_error_text(HPDF_STATUS code)
{
    switch (code) {
    case HPDF_FAILD_TO_ALLOC_MEM:
        return "out of memory";
    case HPDF_FILE_IO_ERROR:
        return "file read or write error";
    case HPDF_FILE_OPEN_ERROR:
        return "cannot open a file";
    case HPDF_INVALID_DESTINATION:
        return "invalid destination";
    case HPDF_INVALID_DOCUMENT:
        return "invalid document after an earlier error";
    case HPDF_INVALID_FONT_NAME:
        return "unknown font name";
    case HPDF_INVALID_IMAGE:
        return "invalid image";
    case HPDF_INVALID_PARAMETER:
        return "invalid parameter";
    case HPDF_PAGE_INVALID_FONT_SIZE:
        return "font size out of range";
    case HPDF_PAGE_INVALID_GMODE:
        return "operation not allowed in the current graphics mode";
    case HPDF_PAGE_INVALID_SIZE:
        return "page size out of range (3 to 14400 points)";
    case HPDF_PAGE_OUT_OF_RANGE:
        return "value out of range";
    case HPDF_STRING_OUT_OF_RANGE:
        return "string too long";
    case HPDF_TTF_INVALID_CMAP:
        return "unusable cmap in the TrueType font";
    case HPDF_TTF_INVALID_FOMAT:
        return "invalid TrueType font";
    case HPDF_TTF_MISSING_TABLE:
        return "a table is missing from the TrueType font";
    case HPDF_ZLIB_ERROR:
        return "compression failed";
    default:
        return "see hpdf_error.h";
    }
}

/* Record a message unless one is there already.  Returns -1. */
static int fail_msg(writer *w, char *msg)
{
    if (w->err)
        free(msg);
    else
        w->err = msg;
    return -1;
}

/* Record libharu's first error (or `status`) while doing `what`. */
static int fail_hpdf(writer *w, HPDF_STATUS status, const char *what)
{
    HPDF_STATUS code = w->herr.code, detail = w->herr.detail;
    if (code == HPDF_OK && w->doc) {
        code = HPDF_GetError(w->doc);
        detail = HPDF_GetErrorDetail(w->doc);
    }
    if (code == HPDF_OK) {
        code = status;
        detail = 0;
    }
    char extra[160] = "";
    if ((code == HPDF_FILE_OPEN_ERROR || code == HPDF_FILE_IO_ERROR) && detail != 0)
        snprintf(extra, sizeof extra, ": %s", strerror((int)detail));
    else if (detail != 0)
        snprintf(extra, sizeof extra, ", detail %lu", (unsigned long)detail);
    return fail_msg(w, wm_xasprintf("cannot write the PDF: libharu error 0x%04lX (%s%s) while %s",
                                    (unsigned long)code, hpdf_error_text(code), extra, what));
}

/* 0 when a call succeeded and libharu has no error recorded, else -1. */
static int check(writer *w, HPDF_STATUS status, const char *what)
{
    if (status == HPDF_OK && w->herr.code == HPDF_OK && HPDF_GetError(w->doc) == HPDF_OK)
        return 0;
    return fail_hpdf(w, status == HPDF_OK ? HPDF_INVALID_OBJECT : status, what);
}

/* The same for calls that return a handle (NULL on failure). */
static int check_ptr(writer *w, const void *handle, const char *what)
{
    return check(w, handle ? HPDF_OK : HPDF_INVALID_OBJECT, what);
}

/* ------------------------------------------------------------------------ */
/* Numbers and strings                                                       */
/* ------------------------------------------------------------------------ */

/* A coordinate for libharu: NaN becomes 0, the rest is clamped to its
 * real-number range. */
static HPDF_REAL coord(double v)
{
    if (isnan(v))
        return 0;
    if (v > HPDF_LIMIT_MAX_REAL)
        v = HPDF_LIMIT_MAX_REAL;
    if (v < HPDF_LIMIT_MIN_REAL)
        v = HPDF_LIMIT_MIN_REAL;
    return (HPDF_REAL)v;
}

static HPDF_REAL clampf(double v, double lo, double hi)
{
    if (isnan(v) || v < lo)
        return (HPDF_REAL)lo;
    return (HPDF_REAL)(v > hi ? hi : v);
}

static HPDF_REAL channel(uint8_t c)
{
    return (HPDF_REAL)(c / 255.0);
}

static bool same_rgb(wm_rgb a, wm_rgb b)
{
    return a.r == b.r && a.g == b.g && a.b == b.b;
}

/* `s` as valid UTF-8 of at most MAX_TEXT_BYTES: NULL when it already is
 * (use `s`), else a new string (the caller frees) with U+FFFD for each byte
 * that starts no valid sequence, cut at a character boundary. */
static char *clean_utf8(const char *s)
{
    size_t n = strlen(s);
    if (n <= MAX_TEXT_BYTES && wm_utf8_valid_prefix(s, n) == n)
        return NULL;
    wm_buf b;
    wm_buf_init(&b);
    size_t i = 0;
    while (i < n) {
        uint32_t cp;
        size_t len = wm_utf8_decode(s + i, n - i, &cp);
        const char *piece = len ? s + i : "\xEF\xBF\xBD";
        size_t plen = len ? len : 3;
        if (b.len + plen > MAX_TEXT_BYTES)
            break;
        wm_buf_put(&b, piece, plen);
        i += len ? len : 1;
    }
    return wm_buf_steal(&b);
}

/* ------------------------------------------------------------------------ */
/* Document and metadata                                                     */
/* ------------------------------------------------------------------------ */

static int set_info_string(writer *w, HPDF_InfoType type, const char *value, const char *what)
{
    if (!value || !*value)
        return 0;
    char *clean = clean_utf8(value);
    int rc = check(w, HPDF_SetInfoAttr(w->doc, type, clean ? clean : value), what);
    free(clean);
    return rc;
}

static int set_dates(writer *w, int64_t date)
{
    if (date < 0)
        return 0;
    time_t t = (time_t)date;
    struct tm tm;
    if ((int64_t)t != date || !gmtime_r(&t, &tm) || tm.tm_year + 1900 > 9999)
        return fail_msg(w, wm_xasprintf("cannot write the PDF: the date %lld is out of range",
                                        (long long)date));
    HPDF_Date d = {.year = tm.tm_year + 1900,
                   .month = tm.tm_mon + 1,
                   .day = tm.tm_mday,
                   .hour = tm.tm_hour,
                   .minutes = tm.tm_min,
                   .seconds = tm.tm_sec > 59 ? 59 : tm.tm_sec,
                   .ind = 'Z',
                   .off_hour = 0,
                   .off_minutes = 0};
    if (check(w, HPDF_SetInfoDateAttr(w->doc, HPDF_INFO_CREATION_DATE, d),
              "setting the creation date") != 0)
        return -1;
    return check(w, HPDF_SetInfoDateAttr(w->doc, HPDF_INFO_MOD_DATE, d),
                 "setting the modification date");
}

static int set_info(writer *w)
{
    const wm_doc_info *in = &w->dl->info;
    if (set_info_string(w, HPDF_INFO_TITLE, in->title, "setting the title") != 0 ||
        set_info_string(w, HPDF_INFO_AUTHOR, in->author, "setting the author") != 0 ||
        set_info_string(w, HPDF_INFO_SUBJECT, in->subject, "setting the subject") != 0 ||
        set_info_string(w, HPDF_INFO_KEYWORDS, in->keywords, "setting the keywords") != 0 ||
        set_info_string(w, HPDF_INFO_CREATOR, in->creator, "setting the creator") != 0 ||
        set_info_string(w, HPDF_INFO_PRODUCER, WM_PDF_PRODUCER, "setting the producer") != 0)
        return -1;
    return set_dates(w, in->date);
}

static int start_document(writer *w)
{
    w->doc = HPDF_New(on_error, &w->herr);
    if (!w->doc)
        return fail_msg(w, wm_xstrdup("cannot write the PDF: libharu could not create a "
                                      "document (out of memory)"));
    if (check(w, HPDF_SetCompressionMode(w->doc, HPDF_COMP_ALL), "setting compression") != 0 ||
        check(w, HPDF_UseUTFEncodings(w->doc), "enabling UTF-8") != 0 ||
        check(w, HPDF_SetCurrentEncoder(w->doc, "UTF-8"), "selecting UTF-8") != 0)
        return -1;
    w->utf8 = HPDF_GetEncoder(w->doc, "UTF-8");
    if (check_ptr(w, w->utf8, "getting the UTF-8 encoder") != 0)
        return -1;
    w->flate = wm_flate_new();
    return check(w, w->flate ? HPDF_OK : HPDF_FAILD_TO_ALLOC_MEM, "setting up compression");
}

/* ------------------------------------------------------------------------ */
/* Fonts                                                                     */
/* ------------------------------------------------------------------------ */

/* Whether a text operation can be drawn at all (and so needs its face). */
static bool text_drawable(const wm_op *op)
{
    return op->kind == WM_OP_TEXT && (unsigned)op->u.text.face < WM_FACE_COUNT && op->u.text.text &&
           op->u.text.text[0] && op->u.text.size > 0 && isfinite(op->u.text.size);
}

/* The code points each slot draws; used[slot] tells which slots draw. */
static void collect_codepoints(const wm_dlist *dl, wm_cpset sets[WM_FACE_COUNT],
                               bool used[WM_FACE_COUNT])
{
    for (size_t p = 0; p < dl->n_pages; p++) {
        for (size_t i = 0; i < dl->pages[p].n; i++) {
            const wm_op *op = &dl->pages[p].ops[i];
            if (!text_drawable(op))
                continue;
            used[op->u.text.face] = true;
            (void)wm_cpset_add_utf8(&sets[op->u.text.face], op->u.text.text);
        }
    }
}

/* The PostScript name inside a face's font (the caller frees it), or NULL
 * when it has none. */
static char *postscript_name(const wm_face *f)
{
    size_t len;
    const unsigned char *data = wm_face_data(f, &len);
    hb_blob_t *blob =
        hb_blob_create((const char *)data, (unsigned)len, HB_MEMORY_MODE_READONLY, NULL, NULL);
    hb_face_t *face = hb_face_create(blob, 0);
    hb_blob_destroy(blob);
    char buf[128];
    unsigned n = sizeof buf;
    unsigned got =
        hb_ot_name_get_utf8(face, HB_OT_NAME_ID_POSTSCRIPT_NAME, HB_LANGUAGE_INVALID, &n, buf);
    hb_face_destroy(face);
    return got > 0 && buf[0] ? wm_xstrdup(buf) : NULL;
}

/* Two slots need one embedded font when they have the same face (one file
 * opened once) or two faces with the same PostScript name: libharu 2.3.0
 * keeps only the first font of a name and silently draws the second one's
 * text with it, so the code points must be merged. */
static bool same_font(const wm_face *a, const char *ps_a, const wm_face *b, const char *ps_b)
{
    return a == b || (ps_a && ps_b && strcmp(ps_a, ps_b) == 0);
}

/* Where the code points above U+FFFF start in a font's set. */
static size_t astral_start(const wm_cpset *cps)
{
    size_t bmp = 0;
    while (bmp < cps->len && cps->cp[bmp] <= 0xFFFF)
        bmp++;
    return bmp;
}

/* libharu embeds only the glyphs it measured; the text is written without
 * it (cidtext.h), so measure every code point drawn with the font once. */
static int mark_glyphs(writer *w, HPDF_Font font, const wm_cpset *cps, const char *what)
{
    HPDF_FontDef def = ((HPDF_FontAttr)font->attr)->fontdef;
    (void)HPDF_TTFontDef_GetCharWidth(def, 0x20);
    size_t bmp = astral_start(cps);
    for (size_t i = 0; i < cps->len; i++) {
        uint32_t code = wm_cid_code(cps->cp[i], cps->cp + bmp, cps->len - bmp);
        (void)HPDF_TTFontDef_GetCharWidth(def, (HPDF_UINT16)code);
    }
    /* The subset holds only what the text needs (font.h), composite glyphs'
     * parts included.  libharu 2.3.0 marks the parts of a composite glyph
     * it measured only for some composites (CheckCompositGryph), and writes
     * an unmarked glyph empty: DejaVu Sans's joined Arabic forms printed
     * their dots without the letter.  So every glyph of the subset is kept. */
    HPDF_TTFontDefAttr attr = (HPDF_TTFontDefAttr)def->attr;
    if (attr->glyph_tbl.flgs)
        memset(attr->glyph_tbl.flgs, 1, attr->num_glyphs);
    return check(w, HPDF_OK, what);
}

static HPDF_STATUS encoder_ready(HPDF_Encoder e)
{
    (void)e;
    return HPDF_OK;
}

/* An encoder for one font whose CIDs are the code points drawn with it,
 * registered under a name of its own; NULL (with the error set) on failure.
 *
 * Why: given libharu's UTF-8 encoder, HPDF_GetFont looks up a glyph for all
 * 65,536 BMP code points and writes a 128 KB CIDToGIDMap for each font (a
 * tenth of a render).  Given a CMap encoder (HPDF_CMapEncoder_ToUnicode)
 * whose ordering is "Identity-H", it visits only the CIDs the encoder maps
 * and still writes /Encoding /Identity-H: the same fonts, CIDs still equal
 * to code points, so cidtext.h's text is unchanged.  libharu 2.3.0 leaves
 * the highest CID out of /W and the CIDToGIDMap (it counts up to, not
 * through, the highest), so one more CID with no glyph is mapped after the
 * last code point. */
static const char *font_encoder(writer *w, const wm_cpset *cps, int slot)
{
    char name[32];
    snprintf(name, sizeof name, "WM-Identity-%d", slot);
    HPDF_Encoder e = HPDF_CMapEncoder_New(w->doc->mmgr, name, encoder_ready);
    if (check_ptr(w, e, "making a font encoder") != 0)
        return NULL;
    if (check(w, HPDF_CMapEncoder_InitAttr(e), "making a font encoder") != 0) {
        HPDF_Encoder_Free(e);
        return NULL;
    }
    HPDF_CMapEncoderAttr a = (HPDF_CMapEncoderAttr)e->attr;
    uint32_t last = 0x20;
    a->cid_map[0][0x20] = 0x20;
    a->unicode_map[0][0x20] = 0x20;
    size_t bmp = astral_start(cps);
    for (size_t i = 0; i < cps->len; i++) {
        /* A code above U+FFFF has a code of its own, which the subset's
         * cmap maps to its glyph (font.h). */
        uint32_t cp = wm_cid_code(cps->cp[i], cps->cp + bmp, cps->len - bmp);
        if (cp == 0 || cp == 0xFFFF)
            continue;
        a->cid_map[cp >> 8][cp & 0xFF] = (HPDF_UINT16)cp;
        a->unicode_map[cp >> 8][cp & 0xFF] = (HPDF_UNICODE)cp;
        last = cp > last ? cp : last;
    }
    if (last < 0xFFFF) { /* the sentinel: maps to no glyph */
        uint32_t cp = last + 1;
        a->cid_map[cp >> 8][cp & 0xFF] = (HPDF_UINT16)cp;
        a->unicode_map[cp >> 8][cp & 0xFF] = 0xFFFF;
    }
    snprintf(a->registry, sizeof a->registry, "Adobe");
    snprintf(a->ordering, sizeof a->ordering, "Identity-H");
    a->suppliment = 0;
    a->writing_mode = HPDF_WMODE_HORIZONTAL;
    e->type = HPDF_ENCODER_TYPE_DOUBLE_BYTE;
    if (check(w, HPDF_Doc_RegisterEncoder(w->doc, e), "registering a font encoder") != 0)
        return NULL; /* libharu freed it */
    return e->name;
}

/* Replace libharu's ToUnicode CMap (it uses operators a ToUnicode may not,
 * see cidtext.h) with ours, in the same object. */
static int set_tounicode(writer *w, HPDF_Font font, const wm_cpset *cps, const char *what)
{
    HPDF_Dict tu = HPDF_Dict_GetItem(font, "ToUnicode", HPDF_OCLASS_DICT);
    if (!tu || !tu->stream) {
        tu = HPDF_DictStream_New(w->doc->mmgr, w->doc->xref);
        if (check_ptr(w, tu, what) != 0 || check(w, HPDF_Dict_Add(font, "ToUnicode", tu), what))
            return -1;
    } else {
        /* Entries that describe an encoding CMap, not a ToUnicode one. */
        HPDF_Dict_RemoveElement(tu, "CIDSystemInfo");
        HPDF_Dict_RemoveElement(tu, "CMapName");
        HPDF_Dict_RemoveElement(tu, "Type");
        HPDF_Dict_RemoveElement(tu, "WMode");
        HPDF_MemStream_FreeData(tu->stream);
    }
    char *cmap = wm_cid_tounicode(cps->cp, cps->len);
    HPDF_STATUS st =
        HPDF_Stream_Write(tu->stream, (const HPDF_BYTE *)cmap, (HPDF_UINT)strlen(cmap));
    free(cmap);
    return check(w, st, what);
}

/* Subset slot s's face to `cps`, load it embedded and get its Type0 font
 * (font_encoder); *name receives libharu's name for it (owned by the
 * document). */
static HPDF_Font load_font(writer *w, int s, const wm_cpset *cps, const char **name)
{
    const char *path = w->opts->fonts[s];
    size_t len, sub_len;
    const unsigned char *data = wm_face_data(w->faces[s], &len);
    unsigned char *sub = NULL;
    char *serr = NULL;
    if (wm_font_subset(data, len, path, cps->cp, cps->len, &sub, &sub_len, &serr) != 0) {
        fail_msg(w, wm_xasprintf("cannot write the PDF: %s", serr));
        free(serr);
        return NULL;
    }
    wm_ttf_problem problem;
    *name = wm_font_load(w->doc, sub, sub_len, &problem);
    free(sub); /* the document keeps its own copy */
    if (!*name && problem.reason[0]) {
        fail_msg(w, wm_xasprintf("cannot write the PDF: the subset of the font '%s' %s", path,
                                 problem.reason));
        return NULL;
    }
    char *what = wm_xasprintf("loading the font %s", path);
    HPDF_Font font = NULL;
    const char *encoding = NULL;
    if (check_ptr(w, *name, what) == 0 && (encoding = font_encoder(w, cps, s)) != NULL) {
        font = HPDF_GetFont(w->doc, *name, encoding);
        if (check_ptr(w, font, what) != 0 || mark_glyphs(w, font, cps, what) != 0 ||
            set_tounicode(w, font, cps, what) != 0)
            font = NULL;
    }
    free(what);
    return font;
}

/* The slot that loads the font for slot s: the first used slot that needs
 * the same font. */
static int font_owner(const writer *w, const bool used[], char *const ps[], int s)
{
    for (int t = 0; t < s; t++)
        if (used[t] && same_font(w->faces[t], ps[t], w->faces[s], ps[s]))
            return t;
    return s;
}

/* Load the font of slot s with the code points of every slot sharing it. */
static int load_slot(writer *w, const bool used[], char *const ps[], const wm_cpset sets[],
                     const char *names[], int s)
{
    const char *path = w->opts->fonts[s];
    wm_cpset all;
    wm_cpset_init(&all);
    for (int t = s; t < WM_FACE_COUNT; t++)
        if (used[t] && font_owner(w, used, ps, t) == s)
            for (size_t i = 0; i < sets[t].len; i++)
                wm_cpset_add(&all, sets[t].cp[i]);
    w->fonts[s] = load_font(w, s, &all, &names[s]);
    size_t bmp = astral_start(&all);
    if (w->fonts[s] && bmp < all.len) {
        w->n_astral[s] = all.len - bmp;
        w->astral_owned[s] = wm_xmalloc(w->n_astral[s] * sizeof *w->astral_owned[s]);
        memcpy(w->astral_owned[s], all.cp + bmp, w->n_astral[s] * sizeof *all.cp);
        w->astral[s] = w->astral_owned[s];
    }
    wm_cpset_free(&all);
    if (!w->fonts[s])
        return -1;
    for (int t = 0; t < s; t++) /* libharu merged it with an earlier font */
        if (names[t] && strcmp(names[t], names[s]) == 0)
            return fail_msg(w, wm_xasprintf("cannot write the PDF: the fonts %s and %s have the "
                                            "same name inside (%s); use one file for both",
                                            w->opts->fonts[t], path, names[s]));
    return 0;
}

/* Slot s's face: the caller's, or its file opened (and checked) here. */
static int open_face(writer *w, int s)
{
    w->faces[s] = w->opts->faces[s];
    for (int t = 0; t < s && !w->faces[s]; t++) /* a file opened for an earlier slot */
        if (w->owned[t] && strcmp(w->opts->fonts[t], w->opts->fonts[s]) == 0)
            w->faces[s] = w->owned[t];
    if (w->faces[s])
        return 0;
    char *err = NULL;
    w->owned[s] = w->faces[s] = wm_face_open(w->opts->fonts[s], &err);
    if (w->faces[s])
        return 0;
    fail_msg(w, wm_xasprintf("cannot write the PDF: %s", err));
    free(err);
    return -1;
}

/* Load one font per distinct font among the used slots, in slot order. */
static int load_fonts(writer *w)
{
    wm_cpset sets[WM_FACE_COUNT];
    bool used[WM_FACE_COUNT] = {false};
    char *ps[WM_FACE_COUNT] = {NULL};
    const char *names[WM_FACE_COUNT] = {NULL}; /* libharu's, for loaded slots */
    for (int s = 0; s < WM_FACE_COUNT; s++)
        wm_cpset_init(&sets[s]);
    collect_codepoints(w->dl, sets, used);

    int rc = 0;
    for (int s = 0; s < WM_FACE_COUNT && rc == 0; s++) {
        if (!used[s])
            continue;
        if (!w->opts->fonts[s] || !w->opts->fonts[s][0])
            rc = fail_msg(w, wm_xasprintf("cannot write the PDF: no font file for the %s face",
                                          FACE_NAMES[s]));
        else if ((rc = open_face(w, s)) == 0)
            ps[s] = postscript_name(w->faces[s]);
    }
    for (int s = 0; s < WM_FACE_COUNT && rc == 0; s++) {
        if (!used[s])
            continue;
        int owner = font_owner(w, used, ps, s);
        if (owner != s) {
            w->fonts[s] = w->fonts[owner];
            w->astral[s] = w->astral[owner];
            w->n_astral[s] = w->n_astral[owner];
        } else
            rc = load_slot(w, used, ps, sets, names, s);
    }
    for (int s = 0; s < WM_FACE_COUNT; s++) {
        wm_cpset_free(&sets[s]);
        free(ps[s]);
    }
    return rc;
}

/* ------------------------------------------------------------------------ */
/* Pages, images, destinations                                               */
/* ------------------------------------------------------------------------ */

static int add_pages(writer *w)
{
    const wm_dlist *dl = w->dl;
    w->pages = wm_xcalloc(dl->n_pages, sizeof *w->pages);
    for (size_t p = 0; p < dl->n_pages; p++) {
        HPDF_Page page = HPDF_AddPage(w->doc);
        if (check_ptr(w, page, "adding a page") != 0 ||
            check(w, HPDF_Page_SetWidth(page, coord(dl->page_w)), "setting the page size") != 0 ||
            check(w, HPDF_Page_SetHeight(page, coord(dl->page_h)), "setting the page size") != 0)
            return -1;
        w->pages[p] = page;
    }
    return 0;
}

/* Image `index`, loaded on first use (RGB plus a gray soft mask). */
static HPDF_Image get_image(writer *w, size_t index)
{
    if (index >= w->opts->n_images) {
        fail_msg(w, wm_xasprintf("cannot write the PDF: image %zu was drawn but only %zu "
                                 "images were given",
                                 index, w->opts->n_images));
        return NULL;
    }
    if (w->images[index])
        return w->images[index];
    const wm_image *im = &w->opts->images[index];
    if (!im->rgb || im->width == 0 || im->height == 0) {
        fail_msg(w, wm_xasprintf("cannot write the PDF: image %zu has no pixels", index));
        return NULL;
    }
    HPDF_Image img = HPDF_LoadRawImageFromMem(w->doc, im->rgb, (HPDF_UINT)im->width,
                                              (HPDF_UINT)im->height, HPDF_CS_DEVICE_RGB, 8);
    if (check_ptr(w, img, "loading an image") != 0 ||
        check(w,
              wm_flate_stream(w->flate, img, im->z_rgb, im->z_rgb_len) ? HPDF_OK
                                                                       : HPDF_FAILD_TO_ALLOC_MEM,
              "compressing an image") != 0)
        return NULL;
    if (im->alpha) {
        HPDF_Image mask = HPDF_LoadRawImageFromMem(w->doc, im->alpha, (HPDF_UINT)im->width,
                                                   (HPDF_UINT)im->height, HPDF_CS_DEVICE_GRAY, 8);
        if (check_ptr(w, mask, "loading an image's transparency") != 0 ||
            check(w,
                  wm_flate_stream(w->flate, mask, im->z_alpha, im->z_alpha_len)
                      ? HPDF_OK
                      : HPDF_FAILD_TO_ALLOC_MEM,
                  "compressing an image's transparency") != 0 ||
            check(w, HPDF_Image_AddSMask(img, mask), "attaching an image's transparency") != 0)
            return NULL;
    }
    w->images[index] = img;
    return img;
}

/* The destination for dests[index], made on first use; NULL without an
 * error when it was never placed (a link or bookmark to it goes nowhere). */
static HPDF_Destination get_dest(writer *w, size_t index, bool *failed)
{
    *failed = false;
    const wm_dlist *dl = w->dl;
    if (index >= dl->n_dests || !dl->dests[index].placed || dl->dests[index].page >= dl->n_pages)
        return NULL;
    if (w->dests[index])
        return w->dests[index];
    const wm_dest *d = &dl->dests[index];
    HPDF_Destination dst = HPDF_Page_CreateDestination(w->pages[d->page]);
    HPDF_REAL top = isnan(d->y) ? coord(dl->page_h) : clampf(d->y, 0, coord(dl->page_h));
    if (check_ptr(w, dst, "creating a destination") != 0 ||
        check(w, HPDF_Destination_SetXYZ(dst, 0, top, 1), "setting a destination") != 0) {
        *failed = true;
        return NULL;
    }
    w->dests[index] = dst;
    return dst;
}

/* ------------------------------------------------------------------------ */
/* Drawing                                                                   */
/* ------------------------------------------------------------------------ */

static int set_fill(writer *w, HPDF_Page page, page_state *st, wm_rgb c)
{
    if (st->fill_set && same_rgb(st->fill, c))
        return 0;
    st->fill_set = true;
    st->fill = c;
    return check(w, HPDF_Page_SetRGBFill(page, channel(c.r), channel(c.g), channel(c.b)),
                 "setting a fill colour");
}

static int set_stroke(writer *w, HPDF_Page page, page_state *st, wm_rgb c, double width)
{
    HPDF_REAL lw = clampf(width, 0, HPDF_LIMIT_MAX_REAL);
    if (!st->width_set || st->width != lw) {
        st->width_set = true;
        st->width = lw;
        if (check(w, HPDF_Page_SetLineWidth(page, lw), "setting a line width") != 0)
            return -1;
    }
    if (st->stroke_set && same_rgb(st->stroke, c))
        return 0;
    st->stroke_set = true;
    st->stroke = c;
    return check(w, HPDF_Page_SetRGBStroke(page, channel(c.r), channel(c.g), channel(c.b)),
                 "setting a stroke colour");
}

static int begin_text(writer *w, HPDF_Page page, page_state *st)
{
    if (st->in_text)
        return 0;
    st->in_text = true;
    st->tx = st->ty = 0;
    return check(w, HPDF_Page_BeginText(page), "starting text");
}

static int end_text(writer *w, HPDF_Page page, page_state *st)
{
    if (!st->in_text)
        return 0;
    st->in_text = false;
    return check(w, HPDF_Page_EndText(page), "ending text");
}

static int draw_text(writer *w, HPDF_Page page, page_state *st, const wm_op *op)
{
    if (!text_drawable(op))
        return 0;
    HPDF_Font font = w->fonts[op->u.text.face];
    HPDF_REAL size = clampf(op->u.text.size, 0, HPDF_MAX_FONTSIZE);
    if (begin_text(w, page, st) != 0)
        return -1;
    if (font != st->font || size != st->font_size) {
        st->font = font;
        st->font_size = size;
        if (check(w, HPDF_Page_SetFontAndSize(page, font, size), "setting the font") != 0)
            return -1;
    }
    if (set_fill(w, page, st, op->u.text.colour) != 0)
        return -1;
    /* Written straight into the content stream (cidtext.h says why);
     * libharu's own text position is not used inside our BT ... ET. */
    char *clean = clean_utf8(op->u.text.text);
    double x = coord(op->u.text.x), y = coord(op->u.text.y);
    w->ops.len = 0;
    wm_face_slot f = op->u.text.face;
    wm_cid_show(&w->ops, x - st->tx, y - st->ty, clean ? clean : op->u.text.text, w->astral[f],
                w->n_astral[f]);
    free(clean);
    st->tx = x;
    st->ty = y;
    HPDF_PageAttr attr = (HPDF_PageAttr)page->attr;
    return check(
        w, HPDF_Stream_Write(attr->stream, (const HPDF_BYTE *)w->ops.data, (HPDF_UINT)w->ops.len),
        "drawing text");
}

static int draw_rect(writer *w, HPDF_Page page, page_state *st, const wm_op *op)
{
    bool fill = op->u.rect.fill, stroke = op->u.rect.stroke;
    if (!fill && !stroke)
        return 0;
    if ((fill && set_fill(w, page, st, op->u.rect.fill_colour) != 0) ||
        (stroke && set_stroke(w, page, st, op->u.rect.stroke_colour, op->u.rect.line_width) != 0))
        return -1;
    if (check(w,
              HPDF_Page_Rectangle(page, coord(op->u.rect.x), coord(op->u.rect.y),
                                  coord(op->u.rect.w), coord(op->u.rect.h)),
              "drawing a rectangle") != 0)
        return -1;
    HPDF_STATUS s = fill && stroke ? HPDF_Page_FillStroke(page)
                    : fill         ? HPDF_Page_Fill(page)
                                   : HPDF_Page_Stroke(page);
    return check(w, s, "painting a rectangle");
}

static int draw_line(writer *w, HPDF_Page page, page_state *st, const wm_op *op)
{
    if (set_stroke(w, page, st, op->u.line.colour, op->u.line.line_width) != 0)
        return -1;
    if (op->u.line.dash) {
        unsigned d =
            op->u.line.dash > HPDF_MAX_DASH_PATTERN ? HPDF_MAX_DASH_PATTERN : op->u.line.dash;
        const HPDF_UINT16 pattern[2] = {(HPDF_UINT16)d, (HPDF_UINT16)d};
        if (check(w, HPDF_Page_SetDash(page, pattern, 2, 0), "setting a dash pattern") != 0)
            return -1;
    }
    if (check(w, HPDF_Page_MoveTo(page, coord(op->u.line.x1), coord(op->u.line.y1)),
              "drawing a line") != 0 ||
        check(w, HPDF_Page_LineTo(page, coord(op->u.line.x2), coord(op->u.line.y2)),
              "drawing a line") != 0 ||
        check(w, HPDF_Page_Stroke(page), "drawing a line") != 0)
        return -1;
    if (op->u.line.dash)
        return check(w, HPDF_Page_SetDash(page, NULL, 0, 0), "resetting the dash pattern");
    return 0;
}

static int draw_poly(writer *w, HPDF_Page page, page_state *st, const wm_op *op)
{
    bool fill = op->u.poly.fill, stroke = op->u.poly.stroke, closed = op->u.poly.closed;
    const wm_point *pt = op->u.poly.points;
    if ((!fill && !stroke) || op->u.poly.n < 2 || !pt)
        return 0;
    if ((fill && set_fill(w, page, st, op->u.poly.fill_colour) != 0) ||
        (stroke && set_stroke(w, page, st, op->u.poly.stroke_colour, op->u.poly.line_width) != 0))
        return -1;
    if (check(w, HPDF_Page_MoveTo(page, coord(pt[0].x), coord(pt[0].y)), "drawing a polygon"))
        return -1;
    for (size_t i = 1; i < op->u.poly.n; i++)
        if (check(w, HPDF_Page_LineTo(page, coord(pt[i].x), coord(pt[i].y)), "drawing a polygon"))
            return -1;
    HPDF_STATUS s;
    if (fill && stroke) /* an open path is filled as if closed, stroked open */
        s = closed ? HPDF_Page_ClosePathFillStroke(page) : HPDF_Page_FillStroke(page);
    else if (fill)
        s = HPDF_Page_Fill(page);
    else
        s = closed ? HPDF_Page_ClosePathStroke(page) : HPDF_Page_Stroke(page);
    return check(w, s, "painting a polygon");
}

static int draw_image(writer *w, HPDF_Page page, const wm_op *op)
{
    HPDF_Image img = get_image(w, op->u.image.image);
    if (!img)
        return -1;
    return check(w,
                 HPDF_Page_DrawImage(page, img, coord(op->u.image.x), coord(op->u.image.y),
                                     coord(op->u.image.w), coord(op->u.image.h)),
                 "drawing an image");
}

static int add_link(writer *w, HPDF_Page page, const wm_op *op)
{
    HPDF_REAL x = coord(op->u.link.x), y = coord(op->u.link.y);
    HPDF_Rect r = {x, y, coord(x + coord(op->u.link.w)), coord(y + coord(op->u.link.h))};
    HPDF_Annotation annot;
    if (op->u.link.uri) {
        annot = HPDF_Page_CreateURILinkAnnot(page, r, op->u.link.uri);
    } else {
        bool failed;
        HPDF_Destination dst = get_dest(w, op->u.link.dest, &failed);
        if (!dst)
            return failed ? -1 : 0;
        annot = HPDF_Page_CreateLinkAnnot(page, r, dst);
    }
    if (check_ptr(w, annot, "adding a link") != 0)
        return -1;
    return check(w, HPDF_LinkAnnot_SetBorderStyle(annot, 0, 0, 0), "setting a link's border");
}

static int draw_op(writer *w, HPDF_Page page, page_state *st, const wm_op *op)
{
    if (op->kind != WM_OP_TEXT && op->kind != WM_OP_LINK && op->kind != WM_OP_DEST &&
        end_text(w, page, st) != 0)
        return -1;
    switch (op->kind) {
    case WM_OP_TEXT:
        return draw_text(w, page, st, op);
    case WM_OP_RECT:
        return draw_rect(w, page, st, op);
    case WM_OP_LINE:
        return draw_line(w, page, st, op);
    case WM_OP_POLY:
        return draw_poly(w, page, st, op);
    case WM_OP_IMAGE:
        return draw_image(w, page, op);
    case WM_OP_LINK:
        return add_link(w, page, op);
    case WM_OP_DEST: /* the dests table has its page and top */
        return 0;
    }
    return 0;
}

static int draw_pages(writer *w)
{
    for (size_t p = 0; p < w->dl->n_pages; p++) {
        const wm_page *pg = &w->dl->pages[p];
        page_state st;
        memset(&st, 0, sizeof st);
        for (size_t i = 0; i < pg->n; i++)
            if (draw_op(w, w->pages[p], &st, &pg->ops[i]) != 0)
                return -1;
        if (end_text(w, w->pages[p], &st) != 0 ||
            check(w, wm_flate_page(w->flate, w->pages[p]) ? HPDF_OK : HPDF_FAILD_TO_ALLOC_MEM,
                  "compressing a page") != 0)
            return -1;
    }
    return 0;
}

/* ------------------------------------------------------------------------ */
/* Outline                                                                   */
/* ------------------------------------------------------------------------ */

static int add_outline(writer *w)
{
    const wm_dlist *dl = w->dl;
    if (dl->n_outline == 0)
        return 0;
    HPDF_Outline parents[OUTLINE_MAX_DEPTH + 1] = {NULL}; /* by level; [0] unused */
    for (size_t i = 0; i < dl->n_outline; i++) {
        const wm_outline_item *it = &dl->outline[i];
        int level = it->level < 1 ? 1 : it->level;
        if (level > OUTLINE_MAX_DEPTH)
            level = OUTLINE_MAX_DEPTH;
        HPDF_Outline parent = NULL; /* NULL: the outline root */
        for (int k = level - 1; k >= 1 && !parent; k--)
            parent = parents[k];
        const char *title = it->title ? it->title : "";
        char *clean = clean_utf8(title);
        HPDF_Outline o = HPDF_CreateOutline(w->doc, parent, clean ? clean : title, w->utf8);
        free(clean);
        if (check_ptr(w, o, "adding a bookmark") != 0)
            return -1;
        if (level == 1 && check(w, HPDF_Outline_SetOpened(o, HPDF_TRUE), "opening a bookmark"))
            return -1;
        bool failed;
        HPDF_Destination dst = get_dest(w, it->dest, &failed);
        if (failed)
            return -1;
        if (dst && check(w, HPDF_Outline_SetDestination(o, dst), "setting a bookmark's target"))
            return -1;
        parents[level] = o;
        for (int k = level + 1; k <= OUTLINE_MAX_DEPTH; k++)
            parents[k] = NULL;
    }
    return check(w, HPDF_SetPageMode(w->doc, HPDF_PAGE_MODE_USE_OUTLINE), "showing bookmarks");
}

/* ------------------------------------------------------------------------ */
/* Saving                                                                    */
/* ------------------------------------------------------------------------ */

/* Save to libharu's memory stream and copy it into a new buffer. */
static int save(writer *w, unsigned char **out, size_t *out_len)
{
    if (check(w, HPDF_SaveToStream(w->doc), "saving") != 0)
        return -1;
    HPDF_UINT32 size = HPDF_GetStreamSize(w->doc);
    if (check(w, size > 0 ? HPDF_OK : HPDF_INVALID_STREAM, "measuring the saved PDF") != 0 ||
        check(w, HPDF_ResetStream(w->doc), "reading the saved PDF") != 0)
        return -1;
    unsigned char *buf = wm_xmalloc(size);
    HPDF_UINT32 got = 0;
    while (got < size) {
        HPDF_UINT32 n = size - got;
        HPDF_STATUS s = HPDF_ReadFromStream(w->doc, buf + got, &n);
        got += n;
        if (s == HPDF_STREAM_EOF && got == size)
            break;
        if (check(w, s, "reading the saved PDF") != 0 ||
            check(w, n > 0 ? HPDF_OK : HPDF_STREAM_EOF, "reading the saved PDF") != 0) {
            free(buf);
            return -1;
        }
    }
    *out = buf;
    *out_len = size;
    return 0;
}

/* ------------------------------------------------------------------------ */
/* Entry point                                                               */
/* ------------------------------------------------------------------------ */

static int write_document(writer *w, unsigned char **out, size_t *out_len)
{
    if (w->dl->n_pages == 0)
        return fail_msg(w, wm_xstrdup("cannot write the PDF: the document has no pages"));
    if (start_document(w) != 0 || set_info(w) != 0 || load_fonts(w) != 0 || add_pages(w) != 0)
        return -1;
    w->images = wm_xcalloc(w->opts->n_images ? w->opts->n_images : 1, sizeof *w->images);
    w->dests = wm_xcalloc(w->dl->n_dests ? w->dl->n_dests : 1, sizeof *w->dests);
    if (draw_pages(w) != 0 || add_outline(w) != 0)
        return -1;
    return save(w, out, out_len);
}

int wm_pdf_write(const wm_dlist *dl, const wm_pdf_opts *opts, unsigned char **out, size_t *out_len,
                 char **err)
{
    *out = NULL;
    *out_len = 0;
    *err = NULL;
    writer w;
    memset(&w, 0, sizeof w);
    w.dl = dl;
    w.opts = opts;
    int rc = write_document(&w, out, out_len);
    if (w.doc)
        HPDF_Free(w.doc);
    free(w.pages);
    free(w.images);
    free(w.dests);
    wm_flate_free(w.flate);
    wm_buf_free(&w.ops);
    for (int s = 0; s < WM_FACE_COUNT; s++) {
        wm_face_free(w.owned[s]);
        free(w.astral_owned[s]);
    }
    if (rc != 0) {
        *err = w.err ? w.err : wm_xstrdup("cannot write the PDF: unknown error");
        return -1;
    }
    free(w.err);
    return 0;
}
