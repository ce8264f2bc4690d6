/*
 * cache.c - logos and font faces kept for the life of the process (see
 * cache.h).
 */
#define _POSIX_C_SOURCE 200809L
#include "cache.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "../base/deps.h"
#include "../base/util.h"
#include "../pdf/flate.h"

typedef struct {
    char *path;
    dev_t dev;
    ino_t ino;
    off_t size;
    struct timespec mtime;
} identity;

/* Entries are never evicted while the process runs: a render borrows
 * them, and a process renders with a handful of logos and fonts.  A file
 * that changes gets a new entry beside the old one. */
typedef struct {
    identity id;
    wm_image img;
} logo_entry;

typedef struct {
    identity id;
    wm_face *face;
} face_entry;

static logo_entry **logos; /* each entry allocated alone: callers hold pointers */
static face_entry **faces;
static size_t n_logos, n_faces;

static bool identify(const char *path, identity *id)
{
    struct stat st;
    if (stat(path, &st) != 0 || !S_ISREG(st.st_mode))
        return false;
    id->path = (char *)path;
    id->dev = st.st_dev;
    id->ino = st.st_ino;
    id->size = st.st_size;
    id->mtime = st.st_mtim;
    return true;
}

static bool same(const identity *a, const identity *b)
{
    return strcmp(a->path, b->path) == 0 && a->dev == b->dev && a->ino == b->ino &&
           a->size == b->size && a->mtime.tv_sec == b->mtime.tv_sec &&
           a->mtime.tv_nsec == b->mtime.tv_nsec;
}

/* Compress the pixels once, so no PDF that draws the logo has to. */
static void compress(wm_image *img)
{
    wm_flate *f = wm_flate_new();
    if (!f)
        return;
    size_t n = (size_t)img->width * img->height;
    img->z_rgb = wm_flate_buf(f, img->rgb, n * 3, &img->z_rgb_len);
    if (img->alpha)
        img->z_alpha = wm_flate_buf(f, img->alpha, n, &img->z_alpha_len);
    wm_flate_free(f);
}

const wm_image *wm_render_cache_logo(const char *path, char **err)
{
    identity id;
    bool known = identify(path, &id);
    for (size_t i = 0; known && i < n_logos; i++) {
        if (same(&logos[i]->id, &id)) {
            wm_deps_note(path);
            return &logos[i]->img;
        }
    }
    wm_image img;
    if (!wm_image_load(path, &img, err))
        return NULL;
    compress(&img);
    logos = wm_xrealloc(logos, (n_logos + 1) * sizeof *logos);
    logo_entry *e = wm_xmalloc(sizeof *e);
    logos[n_logos++] = e;
    e->id = id;
    e->id.path = wm_xstrdup(path);
    if (!known) /* stat failed though the load worked: never a hit */
        e->id.ino = (ino_t)-1;
    e->img = img;
    return &e->img;
}

wm_face *wm_render_cache_face(const char *path, char **err)
{
    identity id;
    bool known = identify(path, &id);
    for (size_t i = 0; known && i < n_faces; i++) {
        if (same(&faces[i]->id, &id)) {
            wm_deps_note(path);
            return faces[i]->face;
        }
    }
    wm_face *f = wm_face_open(path, err);
    if (!f)
        return NULL;
    faces = wm_xrealloc(faces, (n_faces + 1) * sizeof *faces);
    face_entry *e = wm_xmalloc(sizeof *e);
    faces[n_faces++] = e;
    e->id = id;
    e->id.path = wm_xstrdup(path);
    if (!known)
        e->id.ino = (ino_t)-1;
    e->face = f;
    return f;
}

bool wm_render_cache_brand_faces(const wm_brand *b, wm_face *out[WM_FACE_COUNT], const char *prefix,
                                 wm_diags *d)
{
    for (int i = 0; i < WM_FACE_COUNT; i++) {
        char *err = NULL;
        out[i] = wm_render_cache_face(b->fonts[i], &err);
        if (!out[i]) {
            const char *hint = b->file
                                   ? "check the brand's fonts: paths (relative to the brand file)"
                                   : "reinstall Waymark (cmake --install), or set WAYMARK_DATA_DIR "
                                     "to the folder that holds plugins/, playbooks/ and fonts/";
            wm_diag_addf(d, WM_ERROR, b->file, (wm_pos){0, 0}, hint, "%sfont: %s", prefix, err);
            free(err);
            return false;
        }
    }
    return true;
}

void wm_render_cache_clear(void)
{
    for (size_t i = 0; i < n_logos; i++) {
        free(logos[i]->id.path);
        wm_image_free(&logos[i]->img);
        free(logos[i]);
    }
    for (size_t i = 0; i < n_faces; i++) {
        free(faces[i]->id.path);
        wm_face_free(faces[i]->face);
        free(faces[i]);
    }
    free(logos);
    free(faces);
    logos = NULL;
    faces = NULL;
    n_logos = n_faces = 0;
}
