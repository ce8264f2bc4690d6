/*
 * render.h - the render job: engagement -> plan (plugins) -> document ->
 * layout -> PDF, with the brand, fonts and logos it needs.
 *
 * wm_render_pdf does everything but writing: it returns the PDF's bytes, so
 * `waymark render` writes them atomically and `waymark batch` can do the
 * same in a worker.  Every problem goes to `diags` with a position where
 * there is one (brand file, logo paths) and the exit status says which
 * kind it was (cli.md): WM_EXIT_INPUT for a bad brand or logo,
 * WM_EXIT_PLUGIN for a plugin failure.
 *
 * Ownership: *pdf (free()) and *plan (wm_plan_free) belong to the caller;
 * the rest is borrowed for the call.
 */
#ifndef WM_RENDER_RENDER_H
#define WM_RENDER_RENDER_H

#include "../../core/waymark.h"
#include "../base/docdate.h"
#include "../layout/layout.h"

/* What a render writes: the PDF, or the same document as Markdown or as a
 * standalone HTML file (core/markup/markup.h). */
typedef enum { WM_RENDER_PDF, WM_RENDER_MD, WM_RENDER_HTML } wm_render_format;

typedef struct {
    const char *brand; /* --brand: overrides the engagement's; NULL: theirs or built-in */
    wm_plan_opts plan; /* plugin search path and limits */
    bool layout_dump;  /* also return the layout as text in *dump (PDF only) */
    wm_render_format format;
} wm_render_opts;

/* Render an engagement.  Returns WM_EXIT_OK with *out, *out_len set (the
 * bytes of the format asked for; a text format is NUL-terminated too), and
 * *plan when `plan` is not NULL, *dump when asked; or another exit status
 * with the reasons in `diags`. */
int wm_render(const wm_engagement *e, const wm_render_opts *opts, wm_plan **plan,
              unsigned char **out, size_t *out_len, char **dump, wm_diags *diags);

/* `validate --strict`: the warnings `render` gives for characters the
 * brand's fonts cannot draw (render/glyphs.h), with the engagement's brand
 * (engagement.brand, else the built-in one), but not those about scripts
 * that need shaping.  A brand that cannot be loaded adds nothing here:
 * `render` reports its problems. */
void wm_render_glyph_warnings(const wm_engagement *e, wm_diags *diags);

/* The plan's document as Markdown, with the engagement's cover texts and
 * no brand (`waymark plan --format md`); the caller frees it. */
char *wm_render_markdown(const wm_engagement *e, const wm_plan *plan);

/* The cover's texts for an engagement, as every output shows them: the
 * client, the title ("Technology Roadmap" when the engagement has none),
 * the date, who prepared it, the firm (prepared_by.firm, else the brand's
 * name when the brand is a file), the confidentiality marking (the
 * engagement's, else WM_DEFAULT_MARKING) and the brand's footer.  `brand`
 * may be NULL (`plan --format md`).  No logos
 * (WM_NO_LOGO).  The strings it makes are freed by wm_render_front_free;
 * the rest is borrowed from `e` and `brand`. */
/* The marking of an engagement that gives no `confidentiality`. */
#define WM_DEFAULT_MARKING "Confidential"

typedef struct {
    wm_front_matter front;
    int64_t epoch;   /* the document's date in seconds, < 0 for none */
    char *doc_title; /* "Client: Title", the PDF's and the page's title */
    char *date, *by; /* owned */
} wm_render_front;

struct wm_brand;
void wm_render_front_init(wm_render_front *f, const wm_engagement *e, const struct wm_brand *brand,
                          const wm_docdate *date);
void wm_render_front_free(wm_render_front *f);

/* Load what every render with these options will need and that does not
 * depend on the engagement, into the process cache (cache.h, chunks.h):
 * the brand's logo (decoded and compressed) and fonts (parsed), and every
 * plugin in the search path (compiled).  For a process about to fork
 * workers; problems are left for the renders to report. */
void wm_render_warm(const wm_render_opts *opts);

#endif /* WM_RENDER_RENDER_H */
