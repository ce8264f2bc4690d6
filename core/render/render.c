/*
 * render.c - the render job (see render.h): load the brand, run the plugin
 * pipeline, check the document, decode the logos, open the faces, lay the
 * document out and write it as PDF bytes.
 */
#define _POSIX_C_SOURCE 200809L /* gmtime_r */
#include "render.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "../base/display.h"
#include "../base/docdate.h"
#include "../base/file.h"
#include "../document/doc.h"
#include "../layout/layout.h"
#include "../pdf/pdf.h"
#include "../markup/markup.h"
#include "../plan/plan.h"
#include "../plan/chunks.h"
#include "../plan/plugin.h"
#include "brand.h"
#include "cache.h"
#include "glyphs.h"

/* WAYMARK_TIMINGS=1 prints how long each step of the render took. */
static void timing(const char *what, double *t0)
{
    double now = wm_clock_ms();
    if (wm_timings_enabled())
        fprintf(stderr, "timing: render %-28s %7.2f ms\n", what, now - *t0);
    *t0 = now;
}

/* The brand: --brand, else the engagement's, else the built-in one. */
static wm_brand *load_brand(const wm_engagement *e, const char *override, wm_diags *d)
{
    if (override)
        return wm_brand_load(override, d);
    if (!e->engagement.brand)
        return wm_brand_default();
    char *path = wm_path_join(e->dir, e->engagement.brand);
    wm_brand *b = NULL;
    if (access(path, R_OK) != 0)
        wm_diag_addf(d, WM_ERROR, e->path, e->engagement.brand_pos,
                     "check the path: it is relative to the engagement file, or leave "
                     "engagement.brand out to use the built-in brand",
                     "engagement.brand: cannot read '%s': %s", path, strerror(errno));
    else
        b = wm_brand_load(path, d);
    free(path);
    return b;
}

/* A logo the image gate refused (`err`, freed here): the message names the
 * file and where it was given. */
static void logo_refused(const char *file, wm_pos pos, const char *field, const char *path,
                         char *err, wm_diags *d)
{
    wm_diag_addf(d, WM_ERROR, file, pos,
                 "use a PNG or JPEG file of at most 16 MB and 16 megapixels",
                 "%s: cannot use '%s': %s", field, path, err);
    free(err);
}

/* Decode a logo; an error names the file and where it was given. */
static bool load_logo(const char *file, wm_pos pos, const char *field, const char *path,
                      wm_image *img, wm_diags *d)
{
    char *err = NULL;
    const wm_image *kept = wm_render_cache_logo(path, &err);
    if (kept) {
        *img = *kept; /* borrowed from the cache: never freed by the job */
        return true;
    }
    logo_refused(file, pos, field, path, err, d);
    return false;
}

/* The date on the cover, "20 November 2026", or NULL for an undated
 * document (core/base/docdate.h). */
static char *cover_date(const wm_docdate *date)
{
    if (!date->dated || date->day.month < 1 || date->day.month > 12)
        return NULL;
    char buf[32];
    return wm_xstrdup(wm_date_label(&date->day, buf, sizeof buf));
}

static char *prepared_by(const wm_person *p)
{
    if (!p->name)
        return NULL;
    wm_buf b;
    wm_buf_init(&b);
    wm_buf_puts(&b, p->name);
    if (p->role)
        wm_buf_printf(&b, ", %s", p->role);
    if (p->firm)
        wm_buf_printf(&b, ", %s", p->firm);
    return wm_buf_steal(&b);
}

/* What the layout needs of image `idx` (-1: none). */
static wm_logo_ref logo_ref(const wm_image *images, long idx)
{
    if (idx < 0)
        return WM_NO_LOGO;
    return (wm_logo_ref){idx, images[idx].width, images[idx].height};
}

void wm_render_front_init(wm_render_front *f, const wm_engagement *e, const wm_brand *brand,
                          const wm_docdate *date)
{
    memset(f, 0, sizeof *f);
    f->epoch = date->epoch;
    f->date = cover_date(date);
    f->by = prepared_by(&e->engagement.prepared_by);
    const char *title = e->engagement.title ? e->engagement.title : "Technology Roadmap";
    f->doc_title = wm_xasprintf("%s: %s", e->client.name, title);
    wm_front_matter *fm = &f->front;
    fm->client = e->client.name;
    fm->client_short = e->client.short_name;
    fm->sector = e->client.sector;
    fm->title = title;
    fm->date = f->date;
    fm->prepared_by = f->by;
    fm->firm = e->engagement.prepared_by.firm ? e->engagement.prepared_by.firm
               : brand && brand->file         ? brand->name
                                              : NULL;
    /* Every deliverable carries a marking: the engagement's, else this. */
    fm->confidentiality =
        e->engagement.confidentiality ? e->engagement.confidentiality : WM_DEFAULT_MARKING;
    fm->footer = brand ? brand->footer : NULL;
    fm->brand_logo = fm->client_logo = WM_NO_LOGO;
}

void wm_render_front_free(wm_render_front *f)
{
    free(f->date);
    free(f->by);
    free(f->doc_title);
}

typedef struct {
    wm_brand *brand;
    const wm_doc *doc; /* the plan's */
    wm_image images[2];
    size_t n_images;
    wm_face *faces[WM_FACE_COUNT];
    wm_dlist *dl;
    wm_render_front front;
    wm_glyph_seen seen; /* characters warned about (glyphs.h) */
} job;

/* Faces and images are borrowed from the process cache (cache.h). */
static void job_free(job *j)
{
    wm_dl_free(j->dl);
    wm_glyph_seen_free(&j->seen);
    wm_brand_free(j->brand);
    wm_render_front_free(&j->front);
}

/* The logo at `path` as its file's bytes, for the HTML's data: URI.  The
 * bytes are put through the image gate again (the file may have changed
 * since it was decoded), so what the page embeds is what was checked; NULL
 * with a message in `d`, naming where the logo was given, when they fail. */
static unsigned char *logo_bytes(const char *file, wm_pos pos, const char *field, const char *path,
                                 wm_html_logo *out, wm_diags *d)
{
    size_t len = 0;
    char *data = wm_read_file(path, WM_IMAGE_MAX_BYTES, &len, d);
    if (!data)
        return NULL;
    wm_image img;
    char *err = NULL;
    if (!wm_image_load_mem((const unsigned char *)data, len, &img, &err)) {
        logo_refused(file, pos, field, path, err, d);
        free(data);
        return NULL;
    }
    *out = (wm_html_logo){(const unsigned char *)data, len, img.width, img.height};
    wm_image_free(&img);
    return (unsigned char *)data;
}

/* `render --format html`: the document with the brand's colours, faces
 * and logos (the style and page wm_brand_layout made), and its charts drawn
 * at the PDF's text width. */
static int render_html(job *j, const wm_engagement *e, const wm_layout_input *in,
                       unsigned char **out, size_t *out_len, wm_diags *d)
{
    wm_html_opts ho = {0};
    ho.style = in->style;
    ho.chart_width = in->page_w - in->margin_left - in->margin_right;
    ho.embed_fonts = true;
    ho.page.w = in->page_w;
    ho.page.h = in->page_h;
    ho.page.top = in->margin_top;
    ho.page.right = in->margin_right;
    ho.page.bottom = in->margin_bottom;
    ho.page.left = in->margin_left;
    unsigned char *brand_logo = NULL, *client_logo = NULL;
    bool ok = true;
    const wm_front_matter *fm = &j->front.front;
    if (fm->brand_logo.image >= 0) {
        brand_logo = logo_bytes(j->brand->file, j->brand->logo_pos, "logo", j->brand->logo,
                                &ho.brand_logo, d);
        ok = brand_logo != NULL;
    }
    if (ok && fm->client_logo.image >= 0) {
        char *path = wm_path_join(e->dir, e->client.logo);
        client_logo =
            logo_bytes(e->path, e->client.logo_pos, "client.logo", path, &ho.client_logo, d);
        free(path);
        ok = client_logo != NULL;
    }
    if (ok) {
        char *html = wm_html(j->doc, fm, in->style->currency, &ho);
        *out_len = strlen(html);
        *out = (unsigned char *)html;
    }
    free(brand_logo);
    free(client_logo);
    return ok ? WM_EXIT_OK : WM_EXIT_INPUT;
}

int wm_render(const wm_engagement *e, const wm_render_opts *opts, wm_plan **plan_out,
              unsigned char **out, size_t *out_len, char **dump, wm_diags *d)
{
    *out = NULL;
    *out_len = 0;
    if (dump)
        *dump = NULL;
    if (plan_out)
        *plan_out = NULL;
    wm_docdate date;
    char *date_err = NULL;
    if (!wm_document_date(e->engagement.date_set ? &e->engagement.date : NULL, &date, &date_err)) {
        wm_diag_add(d, WM_ERROR, e->path, (wm_pos){0, 0}, date_err, WM_SOURCE_DATE_EPOCH_HINT);
        free(date_err);
        return WM_EXIT_USAGE;
    }
    job j = {0};
    double t0 = wm_clock_ms();
    j.brand = load_brand(e, opts->brand, d);
    if (!j.brand)
        return WM_EXIT_INPUT;

    /* Logos first: a bad logo is the user's input error, found before the
     * plugins run. */
    long brand_logo = -1, client_logo = -1;
    bool ok = true;
    if (j.brand->logo) {
        ok = load_logo(j.brand->file, j.brand->logo_pos, "logo", j.brand->logo,
                       &j.images[j.n_images], d);
        if (ok)
            brand_logo = (long)j.n_images++;
    }
    if (e->client.logo) {
        char *path = wm_path_join(e->dir, e->client.logo);
        bool ok2 =
            load_logo(e->path, e->client.logo_pos, "client.logo", path, &j.images[j.n_images], d);
        free(path);
        if (ok2)
            client_logo = (long)j.n_images++;
        ok = ok && ok2;
    }
    if (!ok || !wm_render_cache_brand_faces(j.brand, j.faces, "", d)) {
        job_free(&j);
        return WM_EXIT_INPUT;
    }
    /* Markdown keeps the text as written; the PDF and HTML draw it. */
    if (opts->format != WM_RENDER_MD)
        wm_glyph_report(e, j.faces, true, &j.seen, d);

    timing("brand, logos, faces", &t0);
    wm_plan *plan = NULL;
    int status = wm_plan_build(e, &opts->plan, &plan, d);
    timing("plan (plugins)", &t0);
    if (status != WM_EXIT_OK) {
        job_free(&j);
        return status;
    }
    j.doc = wm_plan_doc(plan);
    if (!j.doc) {
        wm_diag_add(d, WM_ERROR, e->path, (wm_pos){0, 0},
                    "no plugin built a document, so there is nothing to render",
                    "keep document/standard in the pipeline, or add a plugin with a document "
                    "hook");
        wm_plan_free(plan);
        job_free(&j);
        return WM_EXIT_PLUGIN;
    }
    char *err = NULL;

    wm_style st;
    wm_layout_input in = {0};
    wm_brand_layout(j.brand, j.faces, wm_currency_find(e->engagement.currency), false, &st, &in);

    wm_render_front_init(&j.front, e, j.brand, &date);
    j.front.front.brand_logo = logo_ref(j.images, brand_logo);
    j.front.front.client_logo = logo_ref(j.images, client_logo);
    if (opts->format == WM_RENDER_MD) {
        char *md = wm_markdown(j.doc, &j.front.front, st.currency);
        *out_len = strlen(md);
        *out = (unsigned char *)md;
        job_free(&j);
        goto done;
    }
    if (opts->format == WM_RENDER_HTML) {
        status = render_html(&j, e, &in, out, out_len, d);
        timing("HTML", &t0);
        job_free(&j);
        goto done;
    }

    in.front = j.front.front;
    in.info.title = j.front.doc_title;
    in.info.author = j.front.by ? j.front.by : in.front.firm;
    in.info.subject = "Technology roadmap and handover playbook";
    in.info.keywords = e->client.sector;
    in.info.creator = "Waymark " WM_VERSION;
    in.info.date = j.front.epoch;
    timing("document", &t0);
    j.dl = wm_layout(j.doc, &in);
    timing("layout", &t0);
    wm_glyph_report_drawn(j.dl, j.doc, e->path, &j.seen, d);
    if (j.dl->overflow_section >= 0) {
        const wm_section *s = &j.doc->sections[j.dl->overflow_section];
        const char *by = s->plugin;
        wm_diag_addf(d, WM_ERROR, e->path, (wm_pos){0, 0},
                     "a plugin's document cannot be read at that length: summarise it, or put "
                     "long data in a file of its own",
                     "plugin '%s' built a document of more than %d pages; section '%s' passes "
                     "them, so nothing was written",
                     by ? by : "?", WM_MAX_PAGES, s->id);
        wm_plan_free(plan);
        job_free(&j);
        return WM_EXIT_PLUGIN;
    }
    if (dump && opts->layout_dump)
        *dump = wm_dl_dump(j.dl);

    wm_pdf_opts po = {0};
    wm_brand_pdf_opts(j.brand, j.faces, &po);
    po.images = j.images;
    po.n_images = j.n_images;
    if (wm_pdf_write(j.dl, &po, out, out_len, &err) != 0) {
        wm_diag_addf(d, WM_ERROR, NULL, (wm_pos){0, 0}, NULL, "%s", err);
        free(err);
        status = WM_EXIT_OUTPUT;
    }
    timing("PDF", &t0);
    job_free(&j);
done:
    if (plan_out && status == WM_EXIT_OK)
        *plan_out = plan;
    else
        wm_plan_free(plan);
    return status;
}

char *wm_render_markdown(const wm_engagement *e, const wm_plan *plan)
{
    static const wm_doc empty; /* no plugin has a document hook: the cover alone */
    const wm_doc *doc = wm_plan_doc(plan) ? wm_plan_doc(plan) : &empty;
    wm_docdate date;
    char *err = NULL;
    if (!wm_document_date(e->engagement.date_set ? &e->engagement.date : NULL, &date, &err)) {
        free(err); /* the command checked SOURCE_DATE_EPOCH before planning */
        date = (wm_docdate){0};
        date.epoch = -1;
    }
    wm_render_front f;
    wm_render_front_init(&f, e, NULL, &date);
    char *md = wm_markdown(doc, &f.front, wm_currency_find(e->engagement.currency));
    wm_render_front_free(&f);
    return md;
}

void wm_render_glyph_warnings(const wm_engagement *e, wm_diags *d)
{
    wm_diags scratch; /* the brand's own problems: render reports them */
    wm_diags_init(&scratch);
    wm_brand *b = load_brand(e, NULL, &scratch);
    wm_face *faces[WM_FACE_COUNT];
    wm_glyph_seen seen = {0};
    if (b && wm_render_cache_brand_faces(b, faces, "", &scratch))
        wm_glyph_report(e, faces, false, &seen, d);
    wm_glyph_seen_free(&seen);
    wm_brand_free(b);
    wm_diags_free(&scratch);
}

void wm_render_warm(const wm_render_opts *opts)
{
    wm_diags d;
    wm_diags_init(&d);
    wm_brand *b = opts->brand ? wm_brand_load(opts->brand, &d) : wm_brand_default();
    wm_diags_free(&d); /* a bad brand is reported by each render that uses it */
    if (b) {
        char *err = NULL;
        if (b->logo && !wm_render_cache_logo(b->logo, &err))
            free(err);
        for (int i = 0; i < WM_FACE_COUNT; i++) {
            err = NULL;
            if (b->fonts[i] && !wm_render_cache_face(b->fonts[i], &err))
                free(err);
        }
        wm_brand_free(b);
    }
    wm_plugin_roots roots;
    wm_plugin_roots_init(&roots, opts->plan.plugin_dirs, opts->plan.n_plugin_dirs, NULL);
    for (size_t i = 0; i < roots.n; i++)
        (void)wm_chunks_warm_dir(roots.items[i].dir);
    wm_plugin_roots_free(&roots);
}
