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

typedef struct {
    const char *brand; /* --brand: overrides the engagement's; NULL: theirs or built-in */
    wm_plan_opts plan; /* plugin search path and limits */
    bool layout_dump;  /* also return the layout as text in *dump */
} wm_render_opts;

/* Render an engagement.  Returns WM_EXIT_OK with *pdf, *pdf_len set (and
 * *plan when `plan` is not NULL, *dump when asked), or another exit status
 * with the reasons in `diags`. */
int wm_render_pdf(const wm_engagement *e, const wm_render_opts *opts, wm_plan **plan,
                  unsigned char **pdf, size_t *pdf_len, char **dump, wm_diags *diags);

/* Load what every render with these options will need and that does not
 * depend on the engagement, into the process cache (cache.h, chunks.h):
 * the brand's logo (decoded and compressed) and fonts (parsed), and every
 * plugin in the search path (compiled).  For a process about to fork
 * workers; problems are left for the renders to report. */
void wm_render_warm(const wm_render_opts *opts);

#endif /* WM_RENDER_RENDER_H */
