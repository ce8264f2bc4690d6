/*
 * cache.h - what one process renders with again and again: decoded logos
 * (with their pixels already Flate-compressed for the PDF) and opened font
 * faces, kept for the life of the process.
 *
 * A single `waymark render` uses each once, so the cache changes nothing
 * there.  `waymark batch` warms it in the parent before forking workers
 * (wm_render_warm in render.h): every worker then starts with the brand's
 * logo decoded and compressed and its fonts parsed, instead of doing it
 * again per engagement.
 *
 * An entry is found by path and checked against the file's identity
 * (device, inode, size, modification time): a file replaced in between is
 * loaded again.  A hit still notes the file as read (deps.h), so the batch
 * up-to-date check sees it.
 *
 * Ownership: the cache owns what it returns; callers borrow it until
 * wm_render_cache_clear (never called while a render is running).
 * Process-wide, not thread-safe (one render per process at a time).
 */
#ifndef WM_RENDER_CACHE_H
#define WM_RENDER_CACHE_H

#include <stdbool.h>

#include "../layout/text.h"
#include "../pdf/image.h"
#include "brand.h"

/* The decoded logo at `path`, or NULL with *err set (caller frees) as
 * wm_image_load sets it. */
const wm_image *wm_render_cache_logo(const char *path, char **err);

/* The font face at `path`, or NULL with *err set as wm_face_open sets it. */
wm_face *wm_render_cache_face(const char *path, char **err);

/* The brand's face for every slot (slots naming one file share a face).
 * On failure reports the font to `d` with a hint (the message starts with
 * `prefix`, "" or e.g. "portfolio: ") and returns false. */
bool wm_render_cache_brand_faces(const wm_brand *b, wm_face *faces[WM_FACE_COUNT],
                                 const char *prefix, wm_diags *d);

void wm_render_cache_clear(void);

#endif /* WM_RENDER_CACHE_H */
