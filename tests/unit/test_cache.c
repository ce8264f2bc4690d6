/*
 * test_cache.c - what a process keeps between renders: compiled Lua chunks
 * (plan/chunks.h) and decoded logos and font faces (render/cache.h).  The
 * caches must never serve something stale: a changed source or a replaced
 * file is compiled or loaded again, and a hit still counts as a file read
 * for the batch up-to-date check.
 */
#define _POSIX_C_SOURCE 200809L
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <lauxlib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include "base/deps.h"
#include "base/util.h"
#include "plan/chunks.h"
#include "render/cache.h"

#define ASSETS WM_SOURCE_DIR_TEST "/samples/assets/"
#define FONTS  WM_SOURCE_DIR_TEST "/fonts/"

static lua_Integer run_chunk(lua_State *L, const char *src, const char *name)
{
    assert_int_equal(wm_chunk_load(L, src, strlen(src), name), LUA_OK);
    assert_int_equal(lua_pcall(L, 0, 1, 0), LUA_OK);
    lua_Integer v = lua_tointeger(L, -1);
    lua_pop(L, 1);
    return v;
}

static void chunk_reused_only_for_the_same_source(void **state)
{
    (void)state;
    wm_chunks_clear();
    lua_State *L = luaL_newstate();
    assert_int_equal(run_chunk(L, "return 40 + 2", "@plug.lua"), 42);
    assert_int_equal(run_chunk(L, "return 40 + 2", "@plug.lua"), 42); /* from the cache */
    /* Same name, new source: the new code runs, never the cached one. */
    assert_int_equal(run_chunk(L, "return 7", "@plug.lua"), 7);
    /* Same source, another name: its own chunk, with its own name in errors. */
    const char *boom = "local x = nil\nreturn x.field";
    assert_int_equal(wm_chunk_load(L, boom, strlen(boom), "@a.lua"), LUA_OK);
    assert_int_not_equal(lua_pcall(L, 0, 1, 0), LUA_OK);
    lua_pop(L, 1);
    assert_int_equal(wm_chunk_load(L, boom, strlen(boom), "@b.lua"), LUA_OK);
    assert_int_not_equal(lua_pcall(L, 0, 1, 0), LUA_OK);
    assert_non_null(strstr(lua_tostring(L, -1), "b.lua:2:"));
    lua_pop(L, 1);
    /* A second load of the cached chunk keeps its line numbers. */
    assert_int_equal(wm_chunk_load(L, boom, strlen(boom), "@a.lua"), LUA_OK);
    assert_int_not_equal(lua_pcall(L, 0, 1, 0), LUA_OK);
    assert_non_null(strstr(lua_tostring(L, -1), "a.lua:2:"));
    lua_pop(L, 1);
    lua_close(L);
    wm_chunks_clear();
}

static void syntax_errors_are_reported_the_same(void **state)
{
    (void)state;
    wm_chunks_clear();
    lua_State *L = luaL_newstate();
    const char *bad = "return (";
    for (int round = 0; round < 2; round++) {
        assert_int_equal(wm_chunk_load(L, bad, strlen(bad), "@bad.lua"), LUA_ERRSYNTAX);
        assert_non_null(strstr(lua_tostring(L, -1), "bad.lua:1:"));
        lua_pop(L, 1);
    }
    /* Bytecode is never accepted from outside: only text goes in. */
    const char sig[] = LUA_SIGNATURE "junk";
    assert_int_not_equal(wm_chunk_load(L, sig, sizeof sig - 1, "@bc.lua"), LUA_OK);
    lua_pop(L, 1);
    lua_close(L);
    wm_chunks_clear();
}

static void write_text(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(text, f);
    assert_int_equal(fclose(f), 0);
}

static void warm_compiles_each_lua_file(void **state)
{
    (void)state;
    wm_chunks_clear();
    char dir[] = "/tmp/waymark-test-chunks-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char *sub = wm_xasprintf("%s/stage", dir);
    assert_int_equal(mkdir(sub, 0700), 0);
    char *a = wm_xasprintf("%s/a.lua", dir), *b = wm_xasprintf("%s/b.lua", sub),
         *bad = wm_xasprintf("%s/bad.lua", dir), *txt = wm_xasprintf("%s/notes.txt", dir);
    write_text(a, "return 1");
    write_text(b, "return 2");
    write_text(bad, "return (");
    write_text(txt, "return 3");
    assert_int_equal(wm_chunks_warm_dir(dir), 2);
    assert_int_equal(wm_chunks_warm_dir(dir), 0); /* all there already */
    assert_int_equal(wm_chunks_warm_dir("/nonexistent/waymark"), 0);
    const char *names[] = {a, b, bad, txt};
    for (size_t i = 0; i < 4; i++) {
        unlink(names[i]);
        free((char *)names[i]);
    }
    rmdir(sub);
    rmdir(dir);
    free(sub);
    wm_chunks_clear();
}

static void copy_file(const char *from, const char *to)
{
    FILE *in = fopen(from, "rb"), *out = fopen(to, "wb");
    assert_non_null(in);
    assert_non_null(out);
    char buf[8192];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, in)) > 0)
        assert_int_equal(fwrite(buf, 1, n, out), n);
    fclose(in);
    assert_int_equal(fclose(out), 0);
}

static bool deps_has(const char *path)
{
    size_t n = 0;
    char **deps = wm_deps_take(&n);
    bool found = false;
    for (size_t i = 0; i < n; i++)
        found = found || strstr(deps[i], path) != NULL;
    wm_deps_free(deps, n);
    return found;
}

static void logo_reloaded_when_the_file_changes(void **state)
{
    (void)state;
    char path[] = "/tmp/waymark-test-logo-XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    close(fd);
    copy_file(ASSETS "brightwater-logo.png", path);
    char *err = NULL;
    const wm_image *one = wm_render_cache_logo(path, &err);
    assert_non_null(one);
    assert_int_equal(one->width, 600);
    /* Compressed once, and the compressed form inflates to the pixels. */
    assert_non_null(one->z_rgb);
    size_t n = (size_t)one->width * one->height * 3;
    unsigned char *back = wm_xmalloc(n);
    uLongf got = (uLongf)n;
    assert_int_equal(uncompress(back, &got, one->z_rgb, (uLong)one->z_rgb_len), Z_OK);
    assert_int_equal(got, n);
    assert_memory_equal(back, one->rgb, n);
    free(back);

    wm_deps_start();
    assert_ptr_equal(wm_render_cache_logo(path, &err), one); /* a hit ... */
    assert_true(deps_has(path));                             /* ... still read */

    /* Another logo in the same place (and a different time stamp). */
    copy_file(ASSETS "harbor-pine-logo.png", path);
    struct timespec later[2] = {{0, UTIME_OMIT}, {2000000000, 0}};
    assert_int_equal(utimensat(AT_FDCWD, path, later, 0), 0);
    const wm_image *two = wm_render_cache_logo(path, &err);
    assert_non_null(two);
    assert_ptr_not_equal(two, one); /* the old entry stays valid for a render using it */
    assert_int_equal(two->width, one->width);
    assert_int_not_equal(memcmp(two->rgb, one->rgb, (size_t)one->width * one->height * 3), 0);

    /* A file that is not an image: the loader's message, nothing kept. */
    write_text(path, "not an image");
    assert_null(wm_render_cache_logo(path, &err));
    assert_non_null(err);
    assert_non_null(strstr(err, "not a PNG or JPEG"));
    free(err);
    unlink(path);
    wm_render_cache_clear();
}

static void face_opened_once(void **state)
{
    (void)state;
    char *err = NULL;
    wm_face *a = wm_render_cache_face(FONTS "NotoSans-Regular.ttf", &err);
    assert_non_null(a);
    assert_ptr_equal(wm_render_cache_face(FONTS "NotoSans-Regular.ttf", &err), a);
    wm_face *b = wm_render_cache_face(FONTS "NotoSans-Bold.ttf", &err);
    assert_non_null(b);
    assert_ptr_not_equal(a, b);
    assert_null(wm_render_cache_face(FONTS "missing.ttf", &err));
    assert_non_null(err);
    free(err);
    wm_render_cache_clear();
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(chunk_reused_only_for_the_same_source),
        cmocka_unit_test(syntax_errors_are_reported_the_same),
        cmocka_unit_test(warm_compiles_each_lua_file),
        cmocka_unit_test(logo_reloaded_when_the_file_changes),
        cmocka_unit_test(face_opened_once),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
