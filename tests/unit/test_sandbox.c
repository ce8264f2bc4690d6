/*
 * test_sandbox.c - the Lua sandbox against the linked liblua: what is
 * absent, what is wrapped, and that every limit stops a runaway with a clear
 * message while the host carries on.
 */
#define _POSIX_C_SOURCE 200809L
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <cmocka.h>
#include <lauxlib.h>
#include <stdlib.h>
#include <string.h>

#include "plan/api.h"
#include "plan/sandbox.h"

static const wm_limits small = {16u << 20, 5000000u, 2.0};

/* Run `code` in a fresh sandbox; returns its string result or the error. */
static char *run(const char *code, const wm_limits *lim, bool *ok)
{
    char *err = NULL;
    wm_sandbox *sb = wm_sandbox_new(lim, "/nonexistent-waymark-dir", 42, &err);
    assert_non_null(sb);
    assert_true(wm_sandbox_cpcall(sb, wm_api_open, NULL, 0, 0, &err));
    lua_State *L = wm_sandbox_state(sb);
    assert_int_equal(luaL_loadbufferx(L, code, strlen(code), "=test", "t"), LUA_OK);
    wm_sandbox_arm(sb, lim);
    *ok = wm_sandbox_pcall(sb, 0, 1, &err);
    char *out;
    if (*ok) {
        const char *s = lua_tostring(L, -1);
        out = strdup(s ? s : "(not a string)");
    } else {
        out = err;
    }
    wm_sandbox_free(sb);
    return out;
}

static void expect_result(const char *code, const char *want)
{
    bool ok;
    char *out = run(code, &small, &ok);
    if (!ok || strcmp(out, want) != 0)
        fail_msg("%s\n  -> %s (%s), expected %s", code, out, ok ? "ok" : "error", want);
    free(out);
}

static void expect_error(const char *code, const char *contains, const wm_limits *lim)
{
    bool ok;
    char *out = run(code, lim ? lim : &small, &ok);
    if (ok || !strstr(out, contains))
        fail_msg("%s\n  -> %s (%s), expected an error containing: %s", code, out,
                 ok ? "ok" : "error", contains);
    free(out);
}

static void unsafe_libraries_absent(void **state)
{
    (void)state;
    expect_result("return tostring(io) .. tostring(os) .. tostring(package) .. tostring(debug)"
                  " .. tostring(coroutine)",
                  "nilnilnilnilnil");
    expect_result("return tostring(dofile) .. tostring(loadfile) .. tostring(print) .. "
                  "tostring(warn)",
                  "nilnilnilnil");
    expect_result("return tostring(string.dump) .. tostring(math.randomseed)", "nilnil");
    expect_result("return type(waymark) .. type(waymark.null)", "tableuserdata");
}

static void bytecode_refused(void **state)
{
    (void)state;
    expect_result("local f, e = load('\\27Lua\\84\\0', 'x', 'b') return tostring(f) .. ' ' .. e",
                  "nil attempt to load a binary chunk (mode is 't')");
    expect_result("local f = load('return 1 + 1') return tostring(f())", "2");
    expect_result("local env = {x = 5} return tostring(load('return x', 'c', 't', env)())", "5");
}

static void wrapped_functions(void **state)
{
    (void)state;
    expect_error("setmetatable({}, {__gc = function() end})", "__gc metamethods are not allowed",
                 NULL);
    expect_result("return tostring(collectgarbage('count') > 0)", "true");
    expect_error("collectgarbage('stop')", "only \"count\"", NULL);
    expect_result("return getmetatable('')", "string");
    expect_error("require('os')", "cannot read module 'os'", NULL);
    expect_error("require('../etc/passwd')", "is not a module name", NULL);
}

static void seeded_random(void **state)
{
    (void)state;
    bool ok1, ok2;
    char *a = run("return tostring(math.random(1, 1000000))", &small, &ok1);
    char *b = run("return tostring(math.random(1, 1000000))", &small, &ok2);
    assert_true(ok1 && ok2);
    assert_string_equal(a, b); /* same seed, same number: no clock, no ASLR */
    free(a);
    free(b);
}

static void limits_stop_runaways(void **state)
{
    (void)state;
    expect_error("while true do end", "instruction budget", NULL);
    expect_error("while true do pcall(function() while true do end end) end", "instruction budget",
                 NULL);
    wm_limits quick = {16u << 20, 4000000000u, 0.2};
    expect_error("while true do end", "time limit", &quick);
    expect_error("return string.rep('x', 1e9)", "memory limit", NULL);
    expect_error("local t = {} for i = 1, 1e9 do t[i] = i end", "memory limit", NULL);
    /* Deep recursion: Lua's stack limit or the memory cap, whichever comes first. */
    bool ok;
    char *out = run("local function f() return f() + 1 end return f()", &small, &ok);
    assert_false(ok);
    assert_true(strstr(out, "stack overflow") || strstr(out, "memory limit"));
    free(out);
}

static void error_values(void **state)
{
    (void)state;
    expect_error("error({code = 42})", "error object is a table value", NULL);
    expect_error("error()", "error raised with a nil value", NULL);
    expect_error("error(setmetatable({}, {__tostring = function() return 'custom' end}))", "custom",
                 NULL);
    expect_error("error(setmetatable({}, {__tostring = function() while true do end end}))",
                 "instruction budget", NULL);
    expect_error("waymark.fail{message = 'bad score', path = 'initiatives[2].score'}",
                 "test:1: bad score (at initiatives[2].score)", NULL);
    expect_error("local x = nil; return x.y", "stack traceback", NULL);
}

static void helpers(void **state)
{
    (void)state;
    expect_result("return waymark.money(1234567.5, 'GBP')", "£1,234,568");
    expect_result("return waymark.money(-0.4, 'GBP')", "£0");
    expect_result("return waymark.money(1234567, 'PLN')", "1\xC2\xA0"
                                                          "234\xC2\xA0"
                                                          "567\xC2\xA0zł");
    expect_result("return waymark.quarter('2027-Q4', 1)", "2028-Q1");
    expect_result(
        "return tostring(waymark.quarter_index('2027-Q2') - waymark.quarter_index('2026-Q4'))",
        "2");
    expect_result("return tostring(waymark.round_sig(1/3, 3))", "0.333");
    expect_result("return tostring(waymark.round(2.5))", "3.0");
    expect_result("return tostring(waymark.round(-2.5))", "-3.0");
    /* Tier first, then no-score items, then score descending, then id bytes. */
    expect_result("return table.concat(waymark.rank{"
                  "{id='I2', tier='should', score=1}, {id='I10', tier='should', score=1},"
                  "{id='Z', tier='must', score=0.1}, {id='A', tier='could', score=9},"
                  "{id='N', tier='should'}, {id='H', tier='should', score=2}}, ' ')",
                  "Z N H I10 I2 A");
    /* Scores equal to 12 significant digits tie, and the id decides. */
    expect_result("return table.concat(waymark.rank{"
                  "{id='B', tier='must', score=0.1 + 0.2}, {id='A', tier='must', score=0.3}}, ' ')",
                  "A B");
}

/* method.md's Display rule: parts rounded so that they add up to their
 * rounded total, the missing units to the largest remainders, earlier
 * parts first on ties; the total comes back as a second value. */
static void round_parts(void **state)
{
    (void)state;
    const char *show = "local function show(p, t) local s = {} for i, v in ipairs(p) do"
                       " s[i] = string.format('%g', v) end"
                       " return table.concat(s, ' ') .. ' = ' .. string.format('%g', t) end ";
    char code[600];
    struct {
        const char *call, *want;
    } cases[] = {
        /* 1.5 + 1.5 + 1.0 = 4: one unit missing, the tie goes to the first */
        {"waymark.round_parts{1.5, 1.5, 1.0}", "2 1 1 = 4"},
        /* plain rounding would give 1 + 1 + 1 = 3, not round(3.6) = 4 */
        {"waymark.round_parts{1.2, 1.2, 1.2}", "2 1 1 = 4"},
        {"waymark.round_parts{0.4, 0.4, 0.4, 0.4}", "1 1 0 0 = 2"},
        /* the largest remainder wins, wherever it is */
        {"waymark.round_parts{10.2, 20.7, 30.4}", "10 21 30 = 61"},
        /* decimals: tenths, here 0.25 + 0.25 + 0.5 = 1.0 */
        {"waymark.round_parts({0.25, 0.25, 0.5}, 1)", "0.3 0.2 0.5 = 1"},
        {"waymark.round_parts({118.04, 1.06}, 1)", "118 1.1 = 119.1"},
        /* totals round half away from zero, negative parts included */
        {"waymark.round_parts{-1.5, -1.0}", "-2 -1 = -3"},
        {"waymark.round_parts{2.5, -0.5}", "3 -1 = 2"},
        {"waymark.round_parts{}", " = 0"},
        {"waymark.round_parts{41818.33}", "41818 = 41818"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        snprintf(code, sizeof code, "%sreturn show(%s)", show, cases[i].call);
        expect_result(code, cases[i].want);
    }
    /* Parts and total are floats, like waymark.round. */
    expect_result("local p, t = waymark.round_parts{1, 2} return math.type(p[1]) .. math.type(t)",
                  "floatfloat");
    expect_error("waymark.round_parts{1, 'x'}", "waymark.round_parts: parts[2] is not a number",
                 NULL);
    expect_error("waymark.round_parts{1, 0/0}", "parts[2] is not finite", NULL);
    expect_error("waymark.round_parts{1e300}", "parts[1] is too large", NULL);
    expect_error("waymark.round_parts{9e15, 9e15}", "the total is too large", NULL);
    expect_error("waymark.round_parts({1}, 10)", "decimals must be 0..9", NULL);
    expect_error("waymark.round_parts(5)", "table expected", NULL);
    /* Read with raw access: a __len metamethod does not run. */
    expect_result("return tostring(#waymark.round_parts(setmetatable({},"
                  " {__len = function() return 1e9 end})))",
                  "0");
    expect_error("local t = {} for i = 1, 20001 do t[i] = 1 end waymark.round_parts(t)",
                 "too many parts", NULL);
}

static void document_constructors(void **state)
{
    (void)state;
    expect_result("local t = waymark.table{columns = {'Id', {title = 'Cost', align = 'right'}},"
                  " rows = {{'I1', waymark.money(10, 'GBP')}}}"
                  " return t.type .. ' ' .. t.rows[1][2]",
                  "table £10");
    expect_result("local p = waymark.paragraph{'a ', waymark.bold('b'), waymark.link('c',"
                  " 'https://x.org')} return p.text[2].text .. tostring(p.text[2].bold)",
                  "btrue");
    expect_result("local k = waymark.kv{{'Client', 'Zoë'}} return k.items[1].value", "Zoë");
    /* A callout without a title has none (not itself). */
    expect_result("local c = waymark.callout('info', 'body') return tostring(c.title) .. ' '"
                  " .. waymark.callout('warn', 'b', 'T').title",
                  "nil T");
    /* A list is bulleted unless asked to be numbered. */
    expect_result("return tostring(waymark.list{'a'}.numbered) .. ' '"
                  " .. tostring(waymark.list({'a'}, true).numbered)",
                  "false true");
    expect_result("local s = waymark.section{id = 'ai', title = 'AI readiness', after = 'summary',"
                  " blocks = {waymark.heading('Where you are', 2), waymark.page_break()}}"
                  " return s.type .. ' ' .. #s.blocks",
                  "section 2");
    /* Mistakes are reported at the plugin's line, with the path inside the block. */
    expect_error("\nlocal t = waymark.table{columns = {'A', 'B'}, rows = {{'1'}}}",
                 "test:2: waymark.table: rows[1]: a row needs 2 cells, one per column", NULL);
    expect_error("waymark.heading('x', 7)",
                 "test:1: waymark.heading: a heading's level is 1, 2 or 3", NULL);
    expect_error("waymark.link('x', 'javascript:alert(1)')", "links must be http(s) or mailto",
                 NULL);
    expect_error(
        "waymark.chart{kind = 'pie', data = {}}",
        "waymark.chart: a chart's kind is bar, stacked_bar, gantt, heatmap, radar or tiles", NULL);
}

static void load_limits_follow_the_hooks(void **state)
{
    (void)state;
    wm_limits hook = WM_LIMITS_HOOK; /* 2 s */
    wm_limits l = wm_limits_load(&hook);
    assert_int_equal(l.instructions, WM_LIMITS_LOAD.instructions);
    assert_true(l.seconds == 2.0); /* longer than the load's own 0.5 s */
    hook.seconds = 0.1;
    hook.memory = 16u << 20;
    l = wm_limits_load(&hook);
    assert_true(l.seconds == 0.5); /* never shorter than the load's own */
    assert_int_equal(l.memory, 16u << 20);
    l = wm_limits_load(NULL);
    assert_true(l.seconds == 0.5);
    assert_int_equal(l.memory, WM_LIMITS_LOAD.memory);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(unsafe_libraries_absent),
        cmocka_unit_test(bytecode_refused),
        cmocka_unit_test(wrapped_functions),
        cmocka_unit_test(seeded_random),
        cmocka_unit_test(limits_stop_runaways),
        cmocka_unit_test(error_values),
        cmocka_unit_test(helpers),
        cmocka_unit_test(round_parts),
        cmocka_unit_test(document_constructors),
        cmocka_unit_test(load_limits_follow_the_hooks),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
