/*
 * glyphs.h - the engagement's characters that the brand's fonts cannot
 * draw, reported before the render draws stand-ins for them (issue 16).
 *
 * The pen never draws '?': a character no face of the chain has is drawn
 * as U+FFFD (layout/text.h, wm_glyph_pick).  This says so, once per
 * character, naming the field and its position in the engagement file;
 * and, once per script, that Arabic, Hebrew and the other scripts that
 * need shaping print with their letters unjoined and left to right.
 */
#ifndef WM_RENDER_GLYPHS_H
#define WM_RENDER_GLYPHS_H

#include "../document/doc.h"
#include "../layout/dlist.h"
#include "../layout/text.h"
#include "../waymark.h"

/* The code points warned about, so that each is warned about once. */
typedef struct {
    uint32_t *cp;
    size_t n, cap;
} wm_glyph_seen;

void wm_glyph_seen_free(wm_glyph_seen *seen);

/* Warnings into `d` for every string value of the engagement file, checked
 * against `faces` (the regular face and the fallback chain are what draw
 * it); the characters warned about are added to `seen` (zeroed at first).
 * `scripts`: also the warnings about scripts that need shaping (render's;
 * `validate --strict` leaves them out, so that a Hebrew or Arabic client
 * name, which prints letter by letter, does not fail validation). */
void wm_glyph_report(const wm_engagement *e, wm_face *const faces[WM_FACE_COUNT], bool scripts,
                     wm_glyph_seen *seen, wm_diags *d);

/* After the layout: a warning for each character the pen drew as a
 * stand-in (dl->missing) that `seen` does not hold, naming the section and
 * its plugin (plugin text has no position in the engagement file), or the
 * cover and page furniture (the brand's name and footer). */
void wm_glyph_report_drawn(const wm_dlist *dl, const wm_doc *doc, const char *file,
                           wm_glyph_seen *seen, wm_diags *d);

#endif /* WM_RENDER_GLYPHS_H */
