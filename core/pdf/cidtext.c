/*
 * cidtext.c - content-stream text and the ToUnicode CMap (see cidtext.h).
 */
#include "cidtext.h"

#include <math.h>
#include <string.h>

#include "../layout/bidi.h"

static const char HEX[] = "0123456789ABCDEF";

void wm_cid_real(wm_buf *out, double v)
{
    if (!isfinite(v))
        v = 0;
    /* In thousandths, rounded half away from zero; the PDF range is far
     * inside what this holds (coordinates are clamped to +-32767). */
    double t = round(fabs(v) * 1000.0);
    if (t > 9e15)
        t = 9e15;
    unsigned long long m = (unsigned long long)t;
    char buf[32];
    size_t n = 0;
    if (v < 0 && m)
        buf[n++] = '-';
    unsigned long long fp = m % 1000;
    n += wm_utoa(m / 1000, buf + n);
    if (fp) {
        buf[n++] = '.';
        buf[n++] = (char)('0' + fp / 100);
        if (fp % 100) {
            buf[n++] = (char)('0' + fp / 10 % 10);
            if (fp % 10)
                buf[n++] = (char)('0' + fp % 10);
        }
    }
    wm_buf_put(out, buf, n);
}

/* One byte of a literal string: the delimiters and the backslash escaped,
 * and CR and LF too (a reader turns a raw end of line into LF); any other
 * byte, NUL included, stands for itself. */
static void put_byte(wm_buf *out, unsigned char c)
{
    switch (c) {
    case '(':
    case ')':
    case '\\':
        wm_buf_putc(out, '\\');
        wm_buf_putc(out, (char)c);
        break;
    case '\r':
        wm_buf_put(out, "\\r", 2);
        break;
    case '\n':
        wm_buf_put(out, "\\n", 2);
        break;
    default:
        wm_buf_putc(out, (char)c);
    }
}

uint32_t wm_cid_code(uint32_t cp, const uint32_t *astral, size_t n)
{
    if (cp <= 0xFFFF)
        return cp;
    size_t lo = 0, hi = n < WM_CID_ASTRAL_MAX ? n : WM_CID_ASTRAL_MAX;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (astral[mid] < cp)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo < n && lo < WM_CID_ASTRAL_MAX && astral[lo] == cp)
        return WM_CID_ASTRAL_FIRST + (uint32_t)lo;
    return 0x20;
}

void wm_cid_show(wm_buf *out, double dx, double dy, const char *text, const uint32_t *astral,
                 size_t n_astral)
{
    wm_cid_real(out, dx);
    wm_buf_putc(out, ' ');
    wm_cid_real(out, dy);
    wm_buf_puts(out, " Td\n(");
    size_t n = strlen(text), i = 0;
    while (i < n) {
        uint32_t cp;
        size_t len = wm_utf8_decode(text + i, n - i, &cp);
        if (len == 0) { /* not expected: the caller cleans the text */
            len = 1;
            cp = 0xFFFD;
        }
        cp = wm_cid_code(cp, astral, n_astral);
        put_byte(out, (unsigned char)(cp >> 8));
        put_byte(out, (unsigned char)(cp & 0xFF));
        i += len;
    }
    wm_buf_puts(out, ") Tj\n");
}

/* One "<XXXX>" code. */
static void put_code(wm_buf *b, uint32_t cp)
{
    char h[6] = {'<', HEX[cp >> 12], HEX[(cp >> 8) & 15], HEX[(cp >> 4) & 15], HEX[cp & 15], '>'};
    wm_buf_put(b, h, 6);
}

/* A code point above U+FFFF as its UTF-16 surrogate pair, "<D83DDE00>". */
static void put_pair(wm_buf *b, uint32_t cp)
{
    uint32_t v = cp - 0x10000, hi = 0xD800 + (v >> 10), lo = 0xDC00 + (v & 0x3FF);
    char h[10] = {
        '<',           HEX[hi >> 12],       HEX[(hi >> 8) & 15], HEX[(hi >> 4) & 15], HEX[hi & 15],
        HEX[lo >> 12], HEX[(lo >> 8) & 15], HEX[(lo >> 4) & 15], HEX[lo & 15],        '>'};
    wm_buf_put(b, h, 10);
}

char *wm_cid_tounicode(const uint32_t *cps, size_t n)
{
    size_t bmp = 0;
    while (bmp < n && cps[bmp] <= 0xFFFF)
        bmp++;
    size_t astral = n - bmp < WM_CID_ASTRAL_MAX ? n - bmp : WM_CID_ASTRAL_MAX;
    wm_buf b;
    wm_buf_init(&b);
    wm_buf_puts(&b, "/CIDInit /ProcSet findresource begin\n"
                    "12 dict begin\n"
                    "begincmap\n"
                    "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
                    "/CMapName /Adobe-Identity-UCS def\n"
                    "/CMapType 2 def\n"
                    "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n");
    /* bfchar blocks hold at most 100 entries each. */
    for (size_t at = 0; at < bmp; at += 100) {
        size_t k = bmp - at < 100 ? bmp - at : 100;
        wm_buf_printf(&b, "%zu beginbfchar\n", k);
        for (size_t i = at; i < at + k; i++) {
            put_code(&b, cps[i]);
            wm_buf_putc(&b, ' ');
            /* A joined Arabic form copies as the letters it stands for. */
            uint32_t letters[2];
            size_t nl = wm_bidi_letters(cps[i], letters);
            if (nl == 0) {
                put_code(&b, cps[i]);
            } else {
                wm_buf_putc(&b, '<');
                for (size_t j = 0; j < nl; j++)
                    for (int sh = 12; sh >= 0; sh -= 4)
                        wm_buf_putc(&b, HEX[(letters[j] >> sh) & 15]);
                wm_buf_putc(&b, '>');
            }
            wm_buf_putc(&b, '\n');
        }
        wm_buf_puts(&b, "endbfchar\n");
    }
    for (size_t at = 0; at < astral; at += 100) {
        size_t k = astral - at < 100 ? astral - at : 100;
        wm_buf_printf(&b, "%zu beginbfchar\n", k);
        for (size_t i = at; i < at + k; i++) {
            put_code(&b, WM_CID_ASTRAL_FIRST + (uint32_t)i);
            wm_buf_putc(&b, ' ');
            put_pair(&b, cps[bmp + i]);
            wm_buf_putc(&b, '\n');
        }
        wm_buf_puts(&b, "endbfchar\n");
    }
    wm_buf_puts(&b, "endcmap\n"
                    "CMapName currentdict /CMap defineresource pop\n"
                    "end\n"
                    "end\n");
    return wm_buf_steal(&b);
}
