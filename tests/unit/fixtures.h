/*
 * fixtures.h - what several unit tests share: a style with the bundled
 * Noto Sans faces, DejaVu Sans as the fallback and fixed colours (as the
 * built-in brand gives), and a document built from a Lua expression for
 * its list of sections through the sandbox and the `waymark` module, as a
 * document plugin builds one.
 *
 * Header-only: static inline functions, so a test that uses one of them
 * does not warn about the others.  Include it after cmocka.h and the
 * project headers it names below.  The style's faces belong to it until
 * fixture_style_close().
 */
#ifndef WM_TEST_FIXTURES_H
#define WM_TEST_FIXTURES_H

#define FIXTURE_FONTS WM_SOURCE_DIR_TEST "/fonts/"

static inline wm_face *fixture_face(const char *file)
{
    char *err = NULL;
    wm_face *f = wm_face_open(file, &err);
    if (!f)
        fail_msg("%s", err);
    return f;
}

static inline void fixture_style_open(wm_style *style)
{
    memset(style, 0, sizeof *style);
    style->faces[WM_FACE_REGULAR] = fixture_face(FIXTURE_FONTS "NotoSans-Regular.ttf");
    style->faces[WM_FACE_BOLD] = fixture_face(FIXTURE_FONTS "NotoSans-Bold.ttf");
    style->faces[WM_FACE_ITALIC] = fixture_face(FIXTURE_FONTS "NotoSans-Italic.ttf");
    style->faces[WM_FACE_BOLD_ITALIC] = fixture_face(FIXTURE_FONTS "NotoSans-BoldItalic.ttf");
    style->faces[WM_FACE_HEADING] = style->faces[WM_FACE_BOLD];
    style->faces[WM_FACE_FALLBACK] = fixture_face(FIXTURE_FONTS "DejaVuSans.ttf");
    wm_rgb_parse("#1F3A5F", &style->primary);
    wm_rgb_parse("#2A9D8F", &style->secondary);
    wm_rgb_parse("#E9A23B", &style->accent);
    wm_rgb_parse("#222222", &style->text);
    wm_rgb_parse("#6B7280", &style->muted);
    style->currency = wm_currency_find("GBP");
}

static inline void fixture_style_close(wm_style *style)
{
    for (int i = 0; i < WM_FACE_COUNT; i++)
        if (i != WM_FACE_HEADING)
            wm_face_free(style->faces[i]);
}

/* The document a Lua expression for a list of sections builds, with the
 * `waymark` constructors available; fails the test on any error. */
static inline wm_doc *fixture_doc(const char *lua)
{
    const wm_limits lim = {256u << 20, 500000000u, 20.0};
    char *err = NULL;
    wm_sandbox *sb = wm_sandbox_new(&lim, NULL, 1, &err);
    assert_non_null(sb);
    assert_true(wm_sandbox_cpcall(sb, wm_api_open, NULL, 0, 0, &err));
    lua_State *L = wm_sandbox_state(sb);
    char *code = NULL;
    assert_true(asprintf(&code, "return %s", lua) > 0);
    assert_int_equal(luaL_loadbufferx(L, code, strlen(code), "=t", "t"), LUA_OK);
    free(code);
    wm_sandbox_arm(sb, &lim);
    if (!wm_sandbox_pcall(sb, 0, 1, &err))
        fail_msg("%s", err);
    wm_arena a;
    wm_arena_init(&a);
    wm_lua_reader r = {.arena = &a, .root = "result"};
    assert_true(wm_sandbox_cpcall(sb, wm_lua_read, &r, -1, 0, &err));
    wm_doc_error e;
    wm_doc *d = wm_doc_build(r.result, NULL, &e);
    if (!d)
        fail_msg("%s: %s", e.path, e.message);
    wm_arena_free(&a);
    wm_sandbox_free(sb);
    return d;
}

#endif /* WM_TEST_FIXTURES_H */
