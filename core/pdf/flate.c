/*
 * flate.c - the PDF's big streams compressed with libdeflate (see flate.h
 * for why and how).
 */
#include "flate.h"

#include <stdlib.h>
#include <string.h>

#include <hpdf_objects.h>
#include <hpdf_pages.h>
#include <hpdf_streams.h>
#include <libdeflate.h>

#include "../base/util.h"

struct wm_flate {
    struct libdeflate_compressor *c;
};

wm_flate *wm_flate_new(void)
{
    struct libdeflate_compressor *c = libdeflate_alloc_compressor(WM_FLATE_LEVEL);
    if (!c)
        return NULL;
    wm_flate *f = wm_xmalloc(sizeof *f);
    f->c = c;
    return f;
}

void wm_flate_free(wm_flate *f)
{
    if (!f)
        return;
    libdeflate_free_compressor(f->c);
    free(f);
}

unsigned char *wm_flate_buf(wm_flate *f, const unsigned char *data, size_t len, size_t *out_len)
{
    size_t cap = libdeflate_zlib_compress_bound(f->c, len);
    unsigned char *out = malloc(cap ? cap : 1);
    if (!out)
        return NULL;
    /* The bound is a guarantee: 0 (did not fit) cannot happen. */
    *out_len = libdeflate_zlib_compress(f->c, data, len, out, cap);
    if (*out_len == 0) {
        free(out);
        return NULL;
    }
    return out;
}

/* libharu's dictionary write hook: runs after the entries, before ">>". */
static HPDF_STATUS write_filter(HPDF_Dict dict, HPDF_Stream out)
{
    (void)dict;
    return HPDF_Stream_WriteStr(out, "/Filter /FlateDecode\012");
}

/* The memory stream's bytes as one buffer (its chunks joined). */
static unsigned char *stream_bytes(HPDF_Stream s, size_t *len)
{
    size_t total = s->size, at = 0;
    unsigned char *buf = malloc(total);
    if (!buf)
        return NULL;
    HPDF_UINT n = HPDF_MemStream_GetBufCount(s);
    for (HPDF_UINT i = 0; i < n && at < total; i++) {
        HPDF_UINT chunk = 0;
        HPDF_BYTE *p = HPDF_MemStream_GetBufPtr(s, i, &chunk);
        if (!p) {
            free(buf);
            return NULL;
        }
        if (chunk > total - at)
            chunk = (HPDF_UINT)(total - at);
        memcpy(buf + at, p, chunk);
        at += chunk;
    }
    *len = at;
    return buf;
}

bool wm_flate_stream(wm_flate *f, HPDF_Dict dict, const unsigned char *z, size_t z_len)
{
    HPDF_Stream s = dict ? dict->stream : NULL;
    if (!s || s->type != HPDF_STREAM_MEMORY || s->size == 0 || dict->write_fn ||
        !(dict->filter & HPDF_STREAM_FILTER_FLATE_DECODE))
        return true;
    unsigned char *own = NULL;
    if (!z) {
        size_t len = 0;
        unsigned char *raw = stream_bytes(s, &len);
        if (!raw)
            return false;
        own = wm_flate_buf(f, raw, len, &z_len);
        free(raw);
        if (!own)
            return false;
        z = own;
    }
    HPDF_MemStream_FreeData(s);
    HPDF_STATUS st = HPDF_Stream_Write(s, z, (HPDF_UINT)z_len);
    free(own);
    if (st != HPDF_OK)
        return false;
    dict->filter = HPDF_STREAM_FILTER_NONE;
    dict->write_fn = write_filter;
    return true;
}

bool wm_flate_page(wm_flate *f, HPDF_Page page)
{
    HPDF_PageAttr attr = page ? (HPDF_PageAttr)page->attr : NULL;
    if (!attr || attr->gmode != HPDF_GMODE_PAGE_DESCRIPTION)
        return true; /* libharu still closes a text or path object at save */
    return wm_flate_stream(f, attr->contents, NULL, 0);
}
