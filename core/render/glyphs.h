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

#include "../layout/dlist.h"
#include "../layout/text.h"
#include "../waymark.h"

/* Warnings into `d` for every string value of the engagement file, checked
 * against `faces` (the regular face and the fallback chain are what draw
 * it). */
void wm_glyph_report(const wm_engagement *e, wm_face *const faces[WM_FACE_COUNT], wm_diags *d);

#endif /* WM_RENDER_GLYPHS_H */
