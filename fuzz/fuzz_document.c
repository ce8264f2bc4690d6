/*
 * fuzz_document.c - libFuzzer target: bytes decoded into a document stage's
 * result (sections, blocks, runs, tables, charts, as the `waymark`
 * constructors build them and doc.c checks them), then checked, laid out
 * and written as a PDF to memory, as `waymark render` does with a plugin's
 * document.  The cover's client, title and footer come from the bytes too.
 *
 * The bytes are read as a sequence of choices (decode_* below): each shape
 * is picked by a byte, so most inputs make documents that pass doc.c's
 * checks and reach layout, and the rest exercise its error paths.  Strings
 * come from a table of hard cases (flags, U+FFFF, ZWJ sequences, combining
 * marks, bidi controls, Thai, long words), raw bytes cut to valid UTF-8 (a
 * plugin cannot hand anything else), concatenations and repetitions.
 *
 * Bugs: a crash, a sanitizer report, a timeout, a document that doc.c
 * accepts and the PDF writer refuses (that would be exit 4 for a plugin's
 * mistake), or a rejected document without a message.
 */
#include "fuzz_check.h"
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "document/doc.h"
#include "layout/layout.h"
#include "pdf/pdf.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

typedef struct {
    const uint8_t *p;
    size_t n, i;
    wm_arena *a;
    int depth;
} src;

/* The next byte; 0 once the input is used up, which picks the simplest
 * choice everywhere, so decoding always ends. */
static unsigned byte(src *s)
{
    return s->i < s->n ? s->p[s->i++] : 0;
}

/* Two bytes as a number up to 65535. */
static size_t two(src *s)
{
    size_t hi = byte(s);
    return hi << 8 | byte(s);
}

static const char *const WORDS[] = {
    "",
    " ",
    "Roadmap",
    "\n",
    "\t",
    "a b c",
    "\xF0\x9F\x87\xAC\xF0\x9F\x87\xA7", /* a flag: two regional indicators */
    "\xF0\x9F\x87\xAC",                 /* one regional indicator */
    "\xEF\xBF\xBF",                     /* U+FFFF */
    "\xEF\xBF\xBE",                     /* U+FFFE */
    "\xEF\xB7\x90",                     /* U+FDD0 */
    "\xF4\x8F\xBF\xBF",                 /* U+10FFFF */
    "\xF0\x9F\x91\xA8\xE2\x80\x8D\xF0\x9F\x91\xA9\xE2\x80\x8D\xF0\x9F\x91\xA7", /* ZWJ family */
    "e\xCC\x81\xCC\x82",                                                        /* combining */
    "\xE2\x9D\xA4\xEF\xB8\x8F",                                                 /* heart + VS16 */
    "\xE2\x80\xAE"
    "abc\xE2\x80\xAC",                      /* RLO .. PDF */
    "\xE2\x81\xA7x\xE2\x81\xA9",            /* RLI .. PDI */
    "\xC2\xAD",                             /* soft hyphen */
    "\xE2\x80\x8B",                         /* zero-width space */
    "\xE2\x81\xA0",                         /* word joiner */
    "\xEF\xBF\xBC",                         /* U+FFFC (class CB) */
    "\xE0\xB8\x81\xE0\xB8\xB2\xE0\xB8\xA3", /* Thai (class SA) */
    "\xE1\x84\x80\xE1\x85\xA1\xE1\x86\xA8", /* Hangul jamo */
    "\xE6\x9D\xB1\xE4\xBA\xAC",             /* CJK */
    "\xF3\xA0\x81\xA7\xF3\xA0\x81\xBF",     /* tag characters */
    "\x01\x7F\xC2\x85",                     /* controls, NEL */
    "\r\n",
    "\xE2\x80\xA8", /* line separator */
    "https://example.org/",
    "mailto:a@example.org",
    "javascript:x",
    "2027-Q1",
    "2027-Q2",
    "Zo\xC3\xAB \xC5\x81\xC3\xB3"
    "d\xC5\xBA",
    "\xE2\x82\xAC"
    "1,234.50",
    "100% (x) [y] {z} a/b a-b -5 $5",
    "Supercalifragilisticexpialidocious-and-then-some-more-without-a-break",
    "\xEF\xAC\x81", /* fi ligature */
};
enum { N_WORDS = sizeof WORDS / sizeof WORDS[0] };

static char *decode_bytes(src *s, size_t *len);

/* A string: a word, raw bytes cut to valid UTF-8, a concatenation, or a
 * repetition (up to 64 KiB). */
static char *decode_bytes(src *s, size_t *len)
{
    unsigned how = byte(s) % 5;
    if (s->depth > 4)
        how = 0;
    s->depth++;
    wm_buf b;
    wm_buf_init(&b);
    switch (how) {
    case 0:
    case 1:
        wm_buf_puts(&b, WORDS[byte(s) % N_WORDS]);
        break;
    case 2: {
        size_t n = byte(s) % 32;
        char raw[32];
        for (size_t i = 0; i < n; i++)
            raw[i] = (char)byte(s);
        wm_buf_put(&b, raw, wm_utf8_valid_prefix(raw, n));
        break;
    }
    case 3: {
        size_t k = 1 + byte(s) % 4;
        for (size_t i = 0; i < k; i++) {
            size_t n;
            char *part = decode_bytes(s, &n);
            wm_buf_put(&b, part, n);
            free(part);
        }
        break;
    }
    default: {
        size_t n, times = two(s) % 4000;
        char *part = decode_bytes(s, &n);
        for (size_t i = 0; i < times && b.len + n <= 65536; i++)
            wm_buf_put(&b, part, n);
        free(part);
    }
    }
    s->depth--;
    *len = b.len;
    wm_buf_putc(&b, '\0');
    return wm_buf_steal(&b);
}

static wm_value *decode_str(src *s)
{
    size_t n;
    char *t = decode_bytes(s, &n);
    wm_value *v = wm_vstrn(s->a, t, n);
    free(t);
    return v;
}

static wm_value *decode_number(src *s)
{
    switch (byte(s) % 8) {
    case 0:
        return wm_vint(s->a, 0);
    case 1:
        return wm_vint(s->a, 1 + byte(s) % 5);
    case 2:
        return wm_vint(s->a, -1);
    case 3:
        return wm_vnum(s->a, byte(s) / 7.0);
    case 4:
        return wm_vnum(s->a, 1e300);
    case 5:
        return wm_vnum(s->a, -1e300);
    case 6:
        return wm_vnum(s->a, 4.9e-324);
    default:
        return wm_vint(s->a, (int64_t)two(s) - 20000);
    }
}

static void set(src *s, wm_value *obj, const char *key, wm_value *v)
{
    wm_vobj_set(s->a, obj, key, v);
}

/* Text: a string, or a list of runs (strings and { text, bold, italic, link }). */
static wm_value *decode_text(src *s)
{
    unsigned how = byte(s) % 8;
    if (how < 4)
        return decode_str(s);
    if (how == 7)
        return decode_number(s); /* not text: an error path */
    wm_value *runs = wm_varr(s->a);
    size_t n = byte(s) % 8;
    if (n == 7)
        n = (size_t)byte(s) * 16;
    for (size_t i = 0; i < n; i++) {
        unsigned r = byte(s);
        if (r % 3 == 0) {
            wm_varr_push(s->a, runs, decode_str(s));
            continue;
        }
        wm_value *run = wm_vobj(s->a);
        set(s, run, "text", decode_str(s));
        if (r & 4)
            set(s, run, "bold", wm_vbool(s->a, true));
        if (r & 8)
            set(s, run, "italic", wm_vbool(s->a, true));
        if (r & 16)
            set(s, run, "link", decode_str(s));
        if (r & 32)
            set(s, run, "link", wm_vstr(s->a, "https://example.org/a(b)c\\d"));
        wm_varr_push(s->a, runs, run);
    }
    return runs;
}

static wm_value *list_of(src *s, size_t n, wm_value *(*item)(src *))
{
    wm_value *l = wm_varr(s->a);
    for (size_t i = 0; i < n; i++)
        wm_varr_push(s->a, l, item(s));
    return l;
}

/* A count: mostly small, sometimes up to a few thousand. */
static size_t count(src *s, size_t small)
{
    size_t n = byte(s) % (small + 1);
    return n == small ? two(s) % 3000 : n;
}

static const char *const QUARTERS[] = {"2027-Q1", "2027-Q2", "2027-Q3", "2027-Q4",
                                       "2028-Q1", "2028-Q2", "x"};

static wm_value *decode_quarter(src *s)
{
    unsigned q = byte(s) % 8;
    return q < 7 ? wm_vstr(s->a, QUARTERS[q]) : decode_str(s);
}

static wm_value *series_data(src *s, bool radar)
{
    wm_value *d = wm_vobj(s->a);
    size_t nc = count(s, 12);
    set(s, d, radar ? "axes" : "categories", list_of(s, nc, decode_str));
    wm_value *series = wm_varr(s->a);
    size_t ns = byte(s) % 5;
    for (size_t i = 0; i < ns; i++) {
        wm_value *one = wm_vobj(s->a);
        set(s, one, "name", decode_str(s));
        size_t nv = byte(s) % 16 == 0 ? byte(s) % 4 : nc;
        set(s, one, "values", list_of(s, nv, decode_number));
        wm_varr_push(s->a, series, one);
    }
    set(s, d, "series", series);
    static const char *const FORMATS[] = {"number", "money", "percent", "days", "other"};
    unsigned f = byte(s) % 6;
    if (f < 5)
        set(s, d, "format", wm_vstr(s->a, FORMATS[f]));
    if (radar && byte(s) % 2)
        set(s, d, "max", decode_number(s));
    return d;
}

static wm_value *gantt_data(src *s)
{
    wm_value *d = wm_vobj(s->a);
    size_t nq = 1 + byte(s) % 6;
    wm_value *qs = wm_varr(s->a);
    for (size_t i = 0; i < nq; i++)
        wm_varr_push(s->a, qs, wm_vstr(s->a, QUARTERS[i]));
    set(s, d, "quarters", qs);
    static const char *const TIERS[] = {"must", "should", "could", "wont", "other"};
    size_t nr = count(s, 10);
    wm_value *rows = wm_varr(s->a);
    for (size_t i = 0; i < nr; i++) {
        wm_value *r = wm_vobj(s->a);
        unsigned f = byte(s);
        set(s, r, "label", decode_str(s));
        char id[16];
        snprintf(id, sizeof id, "I%u", (unsigned)(byte(s) % 8));
        if (f & 1)
            set(s, r, "id", wm_vstr(s->a, id));
        if (f & 2) {
            set(s, r, "start", decode_quarter(s));
            set(s, r, "end", decode_quarter(s));
        }
        if (f & 4)
            set(s, r, "tier", wm_vstr(s->a, TIERS[byte(s) % 5]));
        if (f & 8) {
            wm_value *deps = wm_varr(s->a);
            for (size_t k = byte(s) % 4; k > 0; k--) {
                snprintf(id, sizeof id, "I%u", (unsigned)(byte(s) % 8));
                wm_varr_push(s->a, deps, wm_vstr(s->a, id));
            }
            set(s, r, "deps", deps);
        }
        wm_varr_push(s->a, rows, r);
    }
    set(s, d, "rows", rows);
    if (byte(s) % 2) {
        wm_value *ms = wm_varr(s->a);
        for (size_t k = byte(s) % 6; k > 0; k--) {
            wm_value *m = wm_vobj(s->a);
            set(s, m, "quarter", decode_quarter(s));
            set(s, m, "label", decode_str(s));
            wm_varr_push(s->a, ms, m);
        }
        set(s, d, "markers", ms);
    }
    return d;
}

static wm_value *heatmap_data(src *s)
{
    wm_value *d = wm_vobj(s->a);
    wm_value *cells = wm_varr(s->a);
    for (size_t k = count(s, 30); k > 0; k--) {
        wm_value *c = wm_vobj(s->a);
        set(s, c, "likelihood", wm_vint(s->a, 1 + byte(s) % 5));
        set(s, c, "impact", byte(s) % 16 ? wm_vint(s->a, 1 + byte(s) % 5) : decode_number(s));
        if (byte(s) % 2)
            set(s, c, "label", decode_str(s));
        wm_varr_push(s->a, cells, c);
    }
    set(s, d, "cells", cells);
    return d;
}

static wm_value *column(src *s)
{
    if (byte(s) % 2)
        return decode_str(s);
    wm_value *c = wm_vobj(s->a);
    static const char *const ALIGN[] = {"left", "right", "centre", "center", "middle"};
    set(s, c, "title", decode_text(s));
    unsigned f = byte(s);
    if (f & 1)
        set(s, c, "align", wm_vstr(s->a, ALIGN[byte(s) % 5]));
    if (f & 2)
        set(s, c, "width", decode_number(s));
    return c;
}

static wm_value *table_block(src *s, wm_value *b)
{
    size_t nc = 1 + byte(s) % 8;
    if (nc == 8)
        nc = byte(s) % 30;
    set(s, b, "columns", list_of(s, nc, column));
    size_t nr = count(s, 20);
    wm_value *rows = wm_varr(s->a);
    for (size_t r = 0; r < nr; r++) {
        size_t cells = byte(s) % 32 == 0 ? byte(s) % 4 : nc;
        wm_varr_push(s->a, rows, list_of(s, cells, decode_text));
    }
    set(s, b, "rows", rows);
    if (byte(s) % 3 == 0)
        set(s, b, "total", list_of(s, nc, decode_text));
    return b;
}

static wm_value *kv_item(src *s)
{
    wm_value *it = wm_vobj(s->a);
    set(s, it, "key", decode_text(s));
    set(s, it, "value", decode_text(s));
    return it;
}

static wm_value *decode_block(src *s)
{
    static const char *const TYPES[] = {"heading", "paragraph", "list",       "table", "kv",
                                        "callout", "chart",     "page_break", "para"};
    unsigned t = byte(s) % 9;
    wm_value *b = wm_vobj(s->a);
    set(s, b, "type", wm_vstr(s->a, TYPES[t]));
    switch (t) {
    case 0:
        set(s, b, "level", byte(s) % 8 ? wm_vint(s->a, 1 + byte(s) % 3) : decode_number(s));
        set(s, b, "text", decode_text(s));
        break;
    case 1:
    case 8:
        set(s, b, "text", decode_text(s));
        break;
    case 2:
        set(s, b, "items", list_of(s, count(s, 10), decode_text));
        set(s, b, "numbered", wm_vbool(s->a, byte(s) % 2));
        break;
    case 3:
        table_block(s, b);
        break;
    case 4:
        set(s, b, "items", list_of(s, count(s, 10), kv_item));
        break;
    case 5: {
        static const char *const KINDS[] = {"info", "warn", "risk", "note"};
        set(s, b, "kind", wm_vstr(s->a, KINDS[byte(s) % 4]));
        if (byte(s) % 2)
            set(s, b, "title", decode_text(s));
        set(s, b, "body", decode_text(s));
        break;
    }
    case 6: {
        static const char *const KINDS[] = {"bar", "stacked_bar", "gantt", "heatmap", "radar"};
        unsigned k = byte(s) % 5;
        set(s, b, "kind", wm_vstr(s->a, KINDS[k]));
        if (byte(s) % 2)
            set(s, b, "title", decode_str(s));
        set(s, b, "data",
            k == 2   ? gantt_data(s)
            : k == 3 ? heatmap_data(s)
                     : series_data(s, k == 4));
        break;
    }
    default:
        break;
    }
    return b;
}

static wm_value *decode_section(src *s)
{
    wm_value *sec = wm_vobj(s->a);
    char id[16];
    snprintf(id, sizeof id, "s%u", (unsigned)(byte(s) % 6));
    set(s, sec, "type", wm_vstr(s->a, "section"));
    set(s, sec, "id", wm_vstr(s->a, id));
    set(s, sec, "title", decode_str(s));
    unsigned after = byte(s) % 8;
    if (after < 4) {
        snprintf(id, sizeof id, "s%u", after);
        set(s, sec, "after", wm_vstr(s->a, id));
    }
    size_t nb = byte(s) % 12;
    if (nb == 11)
        nb = (size_t)byte(s) * 4;
    set(s, sec, "blocks", list_of(s, nb, decode_block));
    return sec;
}

static const char *const FONT_FILES[WM_FACE_COUNT] = {
    "NotoSans-Regular.ttf", "NotoSans-Bold.ttf", "NotoSans-Italic.ttf", "NotoSans-BoldItalic.ttf",
    "NotoSans-Bold.ttf",    "DejaVuSans.ttf",    "DejaVuSans.ttf",      "DejaVuSans.ttf",
    "DejaVuSans.ttf",       "DejaVuSans.ttf",    "DejaVuSans.ttf",      "DejaVuSans.ttf",
    "DejaVuSans.ttf"};
static char font_paths[WM_FACE_COUNT][1024];
static wm_face *faces[WM_FACE_COUNT];

static void open_faces(void)
{
    for (int i = 0; i < WM_FACE_COUNT; i++) {
        snprintf(font_paths[i], sizeof font_paths[i], "%s/fonts/%s", WM_FUZZ_SOURCE_DIR,
                 FONT_FILES[i]);
        char *err = NULL;
        faces[i] = wm_face_open(font_paths[i], &err);
        if (!faces[i]) {
            fprintf(stderr, "fuzz_document: %s\n", err);
            abort();
        }
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!faces[0])
        open_faces();
    wm_arena a;
    wm_arena_init(&a);
    src s = {data, size, 0, &a, 0};
    char *client = decode_bytes(&s, &(size_t){0});
    char *title = decode_bytes(&s, &(size_t){0});
    char *footer = decode_bytes(&s, &(size_t){0});
    bool letter = byte(&s) % 2;
    wm_value *sections = list_of(&s, 1 + byte(&s) % 4, decode_section);

    char *err = NULL;
    wm_doc_error derr;
    wm_doc *doc = wm_doc_build(sections, NULL, &derr);
    if (!doc) {
        FUZZ_CHECK(derr.path && derr.path[0] && derr.message && derr.message[0]);
        wm_doc_error_free(&derr);
    } else {
        wm_style st = {0};
        for (int i = 0; i < WM_FACE_COUNT; i++)
            st.faces[i] = faces[i];
        st.primary = (wm_rgb){20, 40, 80};
        st.secondary = (wm_rgb){15, 118, 110};
        st.accent = (wm_rgb){217, 142, 4};
        st.text = (wm_rgb){26, 31, 38};
        st.muted = (wm_rgb){91, 103, 120};
        st.currency = wm_currency_find(letter ? "USD" : "EUR");
        wm_layout_input in = {0};
        in.style = &st;
        in.page_w = letter ? 612 : 595.28;
        in.page_h = letter ? 792 : 841.89;
        in.margin_top = in.margin_bottom = in.margin_left = in.margin_right = 56.69;
        in.front.client = client;
        in.front.title = title;
        in.front.footer = footer[0] ? footer : NULL;
        in.front.confidentiality = "Client confidential";
        in.front.brand_logo = in.front.client_logo = WM_NO_LOGO;
        in.info.title = title;
        in.info.date = 1795000000;
        wm_dlist *dl = wm_layout(doc, &in);
        FUZZ_CHECK(dl->n_pages <= WM_MAX_PAGES + 1000); /* the cover and contents come on top */
        if (dl->overflow_section >= 0) {                /* render refuses it, naming the plugin */
            wm_dl_free(dl);
            wm_doc_free(doc);
            goto done;
        }
        wm_pdf_opts po = {0};
        for (int i = 0; i < WM_FACE_COUNT; i++)
            po.fonts[i] = font_paths[i];
        unsigned char *pdf = NULL;
        size_t len = 0;
        if (wm_pdf_write(dl, &po, &pdf, &len, &err) != 0) {
            /* A document doc.c accepted must always make a PDF. */
            fprintf(stderr, "fuzz_document: the PDF writer refused a checked document: %s\n", err);
            abort();
        }
        FUZZ_CHECK(len > 0);
        free(pdf);
        wm_dl_free(dl);
        wm_doc_free(doc);
    }
done:
    free(client);
    free(title);
    free(footer);
    wm_arena_free(&a);
    return 0;
}
