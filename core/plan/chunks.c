/*
 * chunks.c - Lua source compiled once per process (see chunks.h).
 */
#define _POSIX_C_SOURCE 200809L
#include "chunks.h"

#include <dirent.h>
#include <lauxlib.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "../base/file.h"
#include "../base/util.h"

enum { WARM_DEPTH = 4, WARM_MAX_SOURCE = 1 << 20 };

typedef struct {
    char *name; /* chunk name, "@path" */
    char *src;  /* the source it was compiled from */
    size_t src_len;
    char *code; /* lua_dump of the compiled function */
    size_t code_len;
} chunk;

static chunk *chunks;
static size_t n_chunks, cap_chunks, bytes_held;

static chunk *find(const char *src, size_t len, const char *name)
{
    for (size_t i = 0; i < n_chunks; i++) {
        chunk *c = &chunks[i];
        if (c->src_len == len && strcmp(c->name, name) == 0 && memcmp(c->src, src, len) == 0)
            return c;
    }
    return NULL;
}

static int dump_writer(lua_State *L, const void *p, size_t sz, void *ud)
{
    (void)L;
    wm_buf_put(ud, p, sz);
    return 0;
}

/* Keep the function on top of L's stack (just compiled from src). */
static void remember(lua_State *L, const char *src, size_t len, const char *name)
{
    if (bytes_held + len > WM_CHUNKS_MAX_BYTES)
        return;
    wm_buf code;
    wm_buf_init(&code);
    if (lua_dump(L, dump_writer, &code, 0) != 0 || code.len == 0 ||
        bytes_held + len + code.len > WM_CHUNKS_MAX_BYTES) {
        wm_buf_free(&code);
        return;
    }
    if (n_chunks == cap_chunks) {
        cap_chunks = cap_chunks ? 2 * cap_chunks : 32;
        chunks = wm_xrealloc(chunks, cap_chunks * sizeof *chunks);
    }
    chunk *c = &chunks[n_chunks++];
    c->name = wm_xstrdup(name);
    c->src = wm_xmalloc(len ? len : 1);
    memcpy(c->src, src, len);
    c->src_len = len;
    c->code_len = code.len;
    c->code = wm_buf_steal(&code);
    bytes_held += len + c->code_len;
}

int wm_chunk_load(lua_State *L, const char *src, size_t len, const char *chunkname)
{
    const chunk *c = find(src, len, chunkname);
    if (c)
        return luaL_loadbufferx(L, c->code, c->code_len, chunkname, "b");
    int status = luaL_loadbufferx(L, src, len, chunkname, "t");
    if (status == LUA_OK)
        remember(L, src, len, chunkname);
    return status;
}

static size_t warm(lua_State *L, const char *dir, int depth)
{
    DIR *d = opendir(dir);
    if (!d)
        return 0;
    size_t done = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.')
            continue;
        char *path = wm_xasprintf("%s/%s", dir, e->d_name);
        struct stat st;
        size_t n = strlen(e->d_name);
        if (stat(path, &st) == 0) {
            if (S_ISDIR(st.st_mode) && depth < WARM_DEPTH) {
                done += warm(L, path, depth + 1);
            } else if (S_ISREG(st.st_mode) && n > 4 && strcmp(e->d_name + n - 4, ".lua") == 0) {
                size_t len = 0;
                wm_diags rd; /* a file that cannot be read is the render's to report */
                wm_diags_init(&rd);
                char *src = wm_read_file(path, WARM_MAX_SOURCE, &len, &rd);
                wm_diags_free(&rd);
                char *name = wm_xasprintf("@%s", path);
                if (src && (len == 0 || src[0] != LUA_SIGNATURE[0]) && !find(src, len, name) &&
                    wm_chunk_load(L, src, len, name) == LUA_OK)
                    done++;
                lua_settop(L, 0);
                free(name);
                free(src);
            }
        }
        free(path);
    }
    closedir(d);
    return done;
}

size_t wm_chunks_warm_dir(const char *dir)
{
    lua_State *L = luaL_newstate();
    if (!L)
        return 0;
    size_t done = warm(L, dir, 0);
    lua_close(L);
    return done;
}

void wm_chunks_clear(void)
{
    for (size_t i = 0; i < n_chunks; i++) {
        free(chunks[i].name);
        free(chunks[i].src);
        free(chunks[i].code);
    }
    free(chunks);
    chunks = NULL;
    n_chunks = cap_chunks = bytes_held = 0;
}
