/*
 * cidtext.c - content-stream text and the ToUnicode CMap (see cidtext.h).
 */
#include "cidtext.h"

#include <math.h>
#include <string.h>

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

void wm_cid_show(wm_buf *out, double dx, double dy, const char *text)
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
        if (cp > 0xFFFF)
            cp = 0x20;
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

char *wm_cid_tounicode(const uint32_t *cps, size_t n)
{
    size_t bmp = 0;
    while (bmp < n && cps[bmp] <= 0xFFFF)
        bmp++;
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
            put_code(&b, cps[i]);
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
