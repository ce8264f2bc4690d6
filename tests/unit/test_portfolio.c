/*
 * test_portfolio.c - the batch's portfolio (core/batch/portfolio.c):
 * wm_batch_summary on a real plan (samples/saas-scaleup.yaml through the
 * plugin pipeline, numbers checked against `waymark plan` by hand), and
 * wm_portfolio_write on batches built by hand: portfolio.csv compared
 * byte for byte, portfolio.pdf inspected with poppler-utils and qpdf
 * (landscape pages, the clients' names and figures, failed inputs with the
 * first line of their error, totals per currency, identical bytes under
 * SOURCE_DATE_EPOCH), a 120-input batch that shows every client over as
 * many pages as it needs with the table's header on each, and failures
 * that must write nothing.
 *
 * The tools print ToUnicode warnings on stderr for every libharu file, so
 * stderr is discarded.  A PDF check whose tool is missing is skipped.
 */
#define _DEFAULT_SOURCE /* mkdtemp, setenv */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <dirent.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "base/file.h"
#include "base/util.h"
#include "batch/batch.h"
#include "plan/plan_int.h"

#define SRC WM_SOURCE_DIR_TEST
/* 2026-11-18 11:06:40 UTC */
#define SDE      "1795000000"
#define SDE_DATE "18 November 2026"

/* ------------------------------------------------------------------------ */
/* Helpers                                                                   */
/* ------------------------------------------------------------------------ */

static bool have(const char *tool)
{
    char *cmd = wm_xasprintf("command -v %s >/dev/null 2>&1", tool);
    int rc = system(cmd);
    free(cmd);
    return rc == 0;
}

static void need(const char *tool)
{
    if (!have(tool)) {
        print_message("%s is not installed: skipped\n", tool);
        skip();
    }
}

/* Run a shell command (stderr discarded) and return its standard output,
 * failing the test unless it succeeds. */
static char *run(const char *fmt, ...) WM_PRINTF(1, 2);
static char *run(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *cmd = wm_xvasprintf(fmt, ap);
    va_end(ap);
    char *full = wm_xasprintf("%s 2>/dev/null", cmd);
    FILE *p = popen(full, "r");
    assert_non_null(p);
    wm_buf b;
    wm_buf_init(&b);
    char chunk[4096];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, p)) > 0)
        wm_buf_put(&b, chunk, n);
    int st = pclose(p);
    if (!WIFEXITED(st) || WEXITSTATUS(st) != 0)
        fail_msg("command failed: %s\n%s", cmd, b.data ? b.data : "");
    free(cmd);
    free(full);
    if (!b.data)
        wm_buf_puts(&b, "");
    return wm_buf_steal(&b);
}

static size_t count(const char *hay, const char *needle)
{
    size_t n = 0;
    for (const char *p = strstr(hay, needle); p; p = strstr(p + 1, needle))
        n++;
    return n;
}

static void assert_contains(const char *hay, const char *needle)
{
    if (!strstr(hay, needle))
        fail_msg("expected \"%s\" in:\n%s", needle, hay);
}

static void assert_lacks(const char *hay, const char *needle)
{
    if (strstr(hay, needle))
        fail_msg("did not expect \"%s\" in:\n%s", needle, hay);
}

static char *make_tmpdir(void)
{
    char *dir = wm_xstrdup("/tmp/waymark-test-portfolio-XXXXXX");
    assert_non_null(mkdtemp(dir));
    return dir;
}

static int dir_entries(const char *dir)
{
    DIR *d = opendir(dir);
    assert_non_null(d);
    int n = 0;
    struct dirent *e;
    while ((e = readdir(d)))
        if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0)
            n++;
    closedir(d);
    return n;
}

static void remove_dir(char *dir)
{
    char *cmd = wm_xasprintf("rm -rf '%s'", dir);
    assert_int_equal(system(cmd), 0);
    free(cmd);
    free(dir);
}

static char *read_all(const char *dir, const char *name, size_t *len)
{
    char *path = wm_path_join(dir, name);
    wm_diags d;
    wm_diags_init(&d);
    size_t n = 0;
    char *data = wm_read_file(path, (size_t)64 << 20, &n, &d);
    if (!data)
        fail_msg("cannot read %s", path);
    wm_diags_free(&d);
    free(path);
    if (len)
        *len = n;
    return data;
}

/* pdftotext of OUTDIR/portfolio.pdf (caller frees). */
static char *pdf_text(const char *dir)
{
    return run("pdftotext -enc UTF-8 '%s/portfolio.pdf' -", dir);
}

/* `pages` pages (0: any number), the first landscape `size`
 * ("841.89 x 595.28"); returns the number of pages. */
static int assert_pages(const char *dir, const char *size, int pages)
{
    char *info = run("pdfinfo '%s/portfolio.pdf'", dir);
    int n = 0;
    const char *at = strstr(info, "Pages:");
    assert_non_null(at);
    assert_int_equal(sscanf(at, "Pages: %d", &n), 1);
    if (pages)
        assert_int_equal(n, pages);
    char *want = wm_xasprintf("Page size:       %s pts", size);
    assert_contains(info, want);
    assert_contains(info, "Title:           Portfolio");
    free(want);
    free(info);
    char *check = run("qpdf --check '%s/portfolio.pdf'", dir);
    assert_contains(check, "No syntax or stream encoding errors found");
    free(check);
    return n;
}

/* Write the portfolio of `b` into a new directory (caller removes it). */
static char *write_ok(const wm_batch *b, const char *brand)
{
    char *dir = make_tmpdir();
    wm_diags d;
    wm_diags_init(&d);
    int rc = wm_portfolio_write(dir, b, brand, &d);
    if (rc != WM_EXIT_OK) {
        wm_diags_print(&d, stderr);
        fail_msg("wm_portfolio_write returned %d", rc);
    }
    assert_int_equal(d.errors, 0);
    wm_diags_free(&d);
    assert_int_equal(dir_entries(dir), 2);
    return dir;
}

/* ---- batches by hand ---- */

typedef struct {
    const char *client, *currency;
    double cost, p80;
    double budget; /* NAN: none */
    const char *start, *end;
    int quarters;
    const char *risk_id, *risk_title;
    int risk_score;
    const char *risk_band;
} brief;

/* A summary shaped as wm_batch_summary makes it. */
static wm_value *make_summary(wm_arena *a, const brief *s)
{
    wm_value *o = wm_vobj(a);
    wm_vobj_set(a, o, "client", wm_vstr(a, s->client));
    wm_vobj_set(a, o, "short_name", wm_vnull(a));
    wm_vobj_set(a, o, "currency", wm_vstr(a, s->currency));
    wm_vobj_set(a, o, "cost", wm_vnum(a, s->cost));
    wm_vobj_set(a, o, "p50", wm_vnum(a, s->cost * 0.9));
    wm_vobj_set(a, o, "p80", wm_vnum(a, s->p80));
    wm_vobj_set(a, o, "p90", wm_vnum(a, s->p80 * 1.05));
    bool budget = !isnan(s->budget);
    /* A whole budget is an integer, as plan.json has it. */
    wm_vobj_set(a, o, "budget",
                !budget                         ? wm_vnull(a)
                : s->budget == floor(s->budget) ? wm_vint(a, (int64_t)s->budget)
                                                : wm_vnum(a, s->budget));
    wm_vobj_set(a, o, "variance", budget ? wm_vnum(a, s->budget - s->cost) : wm_vnull(a));
    wm_vobj_set(a, o, "p_within_budget", budget ? wm_vint(a, 1) : wm_vnull(a));
    wm_vobj_set(a, o, "within_budget", budget ? wm_vbool(a, s->cost <= s->budget) : wm_vnull(a));
    wm_vobj_set(a, o, "scheduled", wm_vint(a, 5));
    wm_vobj_set(a, o, "deferred", wm_vint(a, 1));
    wm_vobj_set(a, o, "start", wm_vstr(a, s->start));
    wm_vobj_set(a, o, "end", wm_vstr(a, s->end));
    wm_vobj_set(a, o, "quarters", wm_vint(a, s->quarters));
    if (s->risk_id) {
        wm_value *r = wm_vobj(a);
        wm_vobj_set(a, r, "id", wm_vstr(a, s->risk_id));
        wm_vobj_set(a, r, "title", wm_vstr(a, s->risk_title));
        wm_vobj_set(a, r, "score", wm_vint(a, s->risk_score));
        wm_vobj_set(a, r, "band", wm_vstr(a, s->risk_band));
        wm_vobj_set(a, r, "owner", wm_vstr(a, "CTO"));
        wm_vobj_set(a, o, "top_risk", r);
    } else {
        wm_vobj_set(a, o, "top_risk", wm_vnull(a));
    }
    return o;
}

static void batch_init(wm_batch *b, size_t n)
{
    memset(b, 0, sizeof *b);
    wm_arena_init(&b->arena);
    b->items = wm_xcalloc(n, sizeof *b->items);
    b->n = n;
}

static void item_set(wm_batch *b, size_t i, const char *name, wm_item_status status, const brief *s,
                     const char *error)
{
    wm_batch_item *it = &b->items[i];
    it->name = wm_xstrdup(name);
    it->input = wm_xasprintf("clients/%s.yaml", name);
    it->output = wm_xasprintf("out/%s.pdf", name);
    it->status = status;
    it->exit_status = status == WM_ITEM_FAILED ? 1 : 0;
    it->error = error ? wm_xstrdup(error) : NULL;
    it->summary = s ? make_summary(&b->arena, s) : NULL;
}

static void batch_free(wm_batch *b)
{
    for (size_t i = 0; i < b->n; i++) {
        free(b->items[i].name);
        free(b->items[i].input);
        free(b->items[i].output);
        free(b->items[i].error);
    }
    free(b->items);
    wm_arena_free(&b->arena);
}

#define NO_BUDGET NAN

static const brief BRIGHTWATER = {"Brightwater Analytics Ltd",
                                  "GBP",
                                  1268762.4166666667,
                                  1122057.569134186,
                                  1250000,
                                  "2027-Q1",
                                  "2028-Q4",
                                  8,
                                  "R4",
                                  "Platform team of two is a key-person dependency",
                                  16,
                                  "high"};
static const brief HARBOR = {"Harbor & Pine Outfitters, Inc.",
                             "USD",
                             950000.5,
                             1000000.126,
                             1000000,
                             "2027-Q2",
                             "2027-Q2",
                             1,
                             "R1",
                             "Vendor \"lock-in\" on the order platform",
                             12,
                             "high"};
static const brief ZETA = {
    "Zeta Łódź Sp. z o.o.", "EUR", 0.004, 12.5, NO_BUDGET, NULL, NULL, 0, NULL, NULL, 0, NULL};
static const brief KESTREL = {"Kestrel Freight Ltd",
                              "GBP",
                              200000.4,
                              240000.6,
                              250000,
                              "2027-Q3",
                              "2028-Q1",
                              3,
                              "R2",
                              "Key supplier exits the market",
                              9,
                              "medium"};

#define NORTHWIND_ERROR                                                                            \
    "clients/northwind.yaml:42:18: error: initiative I9 depends on unknown initiative 'I7'\n"      \
    "  hint: did you mean \"I17\"?\n"

/* Six inputs: every status, a comma and quotes to quote, a failure with a
 * two-line error, a client without a budget or a schedule. */
static void mixed_batch(wm_batch *b)
{
    batch_init(b, 7);
    item_set(b, 0, "brightwater", WM_ITEM_DONE, &BRIGHTWATER, NULL);
    item_set(b, 1, "harbor", WM_ITEM_SKIPPED, &HARBOR, NULL);
    item_set(b, 2, "northwind", WM_ITEM_FAILED, NULL, NORTHWIND_ERROR);
    item_set(b, 3, "zeta", WM_ITEM_DONE, &ZETA, NULL);
    item_set(b, 4, "later", WM_ITEM_PENDING, NULL, NULL);
    item_set(b, 5, "stopped", WM_ITEM_INTERRUPTED, NULL, NULL);
    item_set(b, 6, "kestrel", WM_ITEM_DONE, &KESTREL, NULL);
}

/* ------------------------------------------------------------------------ */
/* wm_batch_summary on a real plan                                           */
/* ------------------------------------------------------------------------ */

static void summary_of_sample(void **state)
{
    (void)state;
    wm_diags d;
    wm_diags_init(&d);
    wm_engagement *e = wm_engagement_load(SRC "/samples/saas-scaleup.yaml", NULL, &d);
    assert_non_null(e);
    wm_plan_opts po = {0};
    wm_plan *plan = NULL;
    int rc = wm_plan_build(e, &po, &plan, &d);
    if (rc != WM_EXIT_OK)
        wm_diags_print(&d, stderr);
    assert_int_equal(rc, WM_EXIT_OK);

    wm_batch b;
    batch_init(&b, 1);
    wm_value *s = wm_batch_summary(&b.arena, plan);
    /* Checked by hand against `waymark plan samples/saas-scaleup.yaml`. */
    wm_buf j;
    wm_buf_init(&j);
    wm_v_json(s, &j, 0);
    assert_string_equal(
        j.data,
        "{\"client\":\"Brightwater Analytics Ltd\",\"short_name\":\"Brightwater\","
        "\"currency\":\"GBP\",\"date\":\"2026-11-24\",\"cost\":1268762.4166666667,\"p50\":1102933."
        "8215284522,"
        "\"p80\":1122057.569134186,\"p90\":1132554.6599642544,\"budget\":1250000,"
        "\"variance\":-18762.416666666744,\"p_within_budget\":1,\"within_budget\":false,"
        "\"scheduled\":22,\"deferred\":3,\"start\":\"2027-Q1\",\"end\":\"2028-Q4\","
        "\"quarters\":8,\"baseline\":null,\"cost_change\":null,\"end_was\":null,\"top_risk\":{"
        "\"id\":\"R4\",\"title\":\"Platform team of two is a "
        "key-person dependency\",\"score\":16,\"band\":\"high\",\"owner\":\"VP Engineering\"}}");
    wm_buf_free(&j);

    b.items[0].name = wm_xstrdup("saas-scaleup");
    b.items[0].input = wm_xstrdup("samples/saas-scaleup.yaml");
    b.items[0].output = wm_xstrdup("out/saas-scaleup.pdf");
    b.items[0].status = WM_ITEM_DONE;
    b.items[0].summary = s;
    char *dir = write_ok(&b, NULL);
    char *csv = read_all(dir, "portfolio.csv", NULL);
    assert_string_equal(
        csv,
        "name,input,status,client,currency,cost,p80,budget,variance,within_budget,start,end,"
        "quarters,top_risk_id,top_risk_title,top_risk_score,baseline,cost_change,end_was,error\r\n"
        "saas-scaleup,samples/saas-scaleup.yaml,done,Brightwater Analytics Ltd,GBP,"
        "1268762.42,1122057.57,1250000,-18762.42,false,2027-Q1,2028-Q4,8,R4,"
        "Platform team of two is a key-person dependency,16,,,,\r\n");
    free(csv);
    if (have("pdftotext")) {
        char *txt = pdf_text(dir);
        assert_contains(txt, "Brightwater Analytics Ltd");
        assert_contains(txt, "\xC2\xA3"
                             "1,268,762");
        assert_contains(txt, "over by \xC2\xA3"
                             "18,762");
        free(txt);
    }
    remove_dir(dir);
    batch_free(&b);
    wm_plan_free(plan);
    wm_engagement_free(e);
    wm_diags_free(&d);
}

/* A plan without budget, schedule or risks gives nulls, not garbage. */
static void summary_of_empty_plan(void **state)
{
    (void)state;
    wm_arena a;
    wm_arena_init(&a);
    struct wm_plan plan = {0};
    wm_value *root = wm_vobj(&a);
    wm_value *client = wm_vobj(&a);
    wm_vobj_set(&a, client, "name", wm_vstr(&a, "Solo"));
    wm_vobj_set(&a, client, "short_name", wm_vnull(&a));
    wm_vobj_set(&a, root, "client", client);
    wm_vobj_set(&a, root, "currency", wm_vstr(&a, "EUR"));
    wm_value *totals = wm_vobj(&a);
    wm_vobj_set(&a, totals, "cost", wm_vint(&a, 0));
    wm_vobj_set(&a, totals, "budget", wm_vnull(&a));
    wm_vobj_set(&a, root, "totals", totals);
    wm_value *inis = wm_varr(&a);
    wm_value *def = wm_vobj(&a);
    wm_vobj_set(&a, def, "status", wm_vstr(&a, "deferred"));
    wm_vobj_set(&a, def, "start", wm_vnull(&a));
    wm_varr_push(&a, inis, def);
    wm_vobj_set(&a, root, "initiatives", inis);
    wm_vobj_set(&a, root, "risks", wm_varr(&a));
    plan.root = root;
    wm_value *s = wm_batch_summary(&a, &plan);
    wm_buf j;
    wm_buf_init(&j);
    wm_v_json(s, &j, 0);
    assert_string_equal(
        j.data,
        "{\"client\":\"Solo\",\"short_name\":null,\"currency\":\"EUR\",\"date\":null,\"cost\":0,"
        "\"p50\":null,\"p80\":null,\"p90\":null,\"budget\":null,\"variance\":null,"
        "\"p_within_budget\":null,\"within_budget\":null,\"scheduled\":0,"
        "\"deferred\":1,\"start\":null,\"end\":null,\"quarters\":0,\"baseline\":null,\"cost_"
        "change\":null,\"end_was\":null,"
        "\"top_risk\":null}");
    wm_buf_free(&j);
    wm_arena_free(&a);
}

/* ------------------------------------------------------------------------ */
/* wm_portfolio_write                                                        */
/* ------------------------------------------------------------------------ */

static void csv_exact(void **state)
{
    (void)state;
    wm_batch b;
    mixed_batch(&b);
    char *dir = write_ok(&b, NULL);
    char *csv = read_all(dir, "portfolio.csv", NULL);
    assert_string_equal(
        csv,
        "name,input,status,client,currency,cost,p80,budget,variance,within_budget,start,end,"
        "quarters,top_risk_id,top_risk_title,top_risk_score,baseline,cost_change,end_was,error\r\n"
        "brightwater,clients/brightwater.yaml,done,Brightwater Analytics Ltd,GBP,1268762.42,"
        "1122057.57,1250000,-18762.42,false,2027-Q1,2028-Q4,8,R4,"
        "Platform team of two is a key-person dependency,16,,,,\r\n"
        "harbor,clients/harbor.yaml,skipped,\"Harbor & Pine Outfitters, Inc.\",USD,950000.5,"
        "1000000.13,1000000,49999.5,true,2027-Q2,2027-Q2,1,R1,"
        "\"Vendor \"\"lock-in\"\" on the order platform\",12,,,,\r\n"
        "northwind,clients/northwind.yaml,failed,,,,,,,,,,,,,,,,,\"clients/northwind.yaml:42:18: "
        "error: initiative I9 depends on unknown initiative 'I7'\n"
        "  hint: did you mean \"\"I17\"\"?\"\r\n"
        "zeta,clients/zeta.yaml,done,Zeta \xC5\x81\xC3\xB3"
        "d\xC5\xBA Sp. z o.o.,EUR,0,12.5,,,,,,0,,,,,,,\r\n"
        "later,clients/later.yaml,pending,,,,,,,,,,,,,,,,,\r\n"
        "stopped,clients/stopped.yaml,interrupted,,,,,,,,,,,,,,,,,\r\n"
        "kestrel,clients/kestrel.yaml,done,Kestrel Freight Ltd,GBP,200000.4,240000.6,250000,"
        "49999.6,true,2027-Q3,2028-Q1,3,R2,Key supplier exits the market,9,,,,\r\n");
    free(csv);
    remove_dir(dir);
    batch_free(&b);
}

static void pdf_with_every_client(void **state)
{
    (void)state;
    need("pdfinfo");
    need("pdftotext");
    need("qpdf");
    setenv("SOURCE_DATE_EPOCH", SDE, 1);
    wm_batch b;
    mixed_batch(&b);
    char *dir = write_ok(&b, NULL);
    assert_true(assert_pages(dir, "841.89 x 595.28", 0) <= 2);
    if (getenv("WM_KEEP_PORTFOLIO"))
        free(run("cp '%s/portfolio.pdf' '%s'", dir, getenv("WM_KEEP_PORTFOLIO")));
    char *txt = pdf_text(dir);
    assert_contains(txt, "Portfolio");
    assert_contains(txt, SDE_DATE " \xC2\xB7 7 engagements, 1 failed, 2 not rendered");
    assert_contains(txt, "Brightwater Analytics Ltd");
    assert_contains(txt, "Harbor & Pine Outfitters, Inc.");
    assert_contains(txt, "Zeta \xC5\x81\xC3\xB3"
                         "d\xC5\xBA Sp. z o.o.");
    assert_contains(txt, "Kestrel Freight Ltd");
    /* Figures as the deliverable writes money; budget fit. */
    assert_contains(txt, "\xC2\xA3"
                         "1,268,762");
    assert_contains(txt, "\xC2\xA3"
                         "1,122,058");
    assert_contains(txt, "over by \xC2\xA3"
                         "18,762");
    assert_contains(txt, "within, $50,000 spare");
    assert_contains(txt, "no budget");
    assert_contains(txt, "Q1 2027 \xE2\x80\x93 Q4 2028, 8 quarters");
    assert_contains(txt, "Q2 2027, 1 quarter");
    assert_contains(txt, "not scheduled");
    assert_contains(txt, "R4 (16, high): Platform team of two"); /* then wrapped */
    /* Said under the date line, and listed at the end: the failure with
     * its first line only, the interrupted and the pending inputs. */
    assert_contains(txt, "3 of 7 inputs produced no PDF");
    assert_contains(txt, "Inputs without a PDF");
    assert_contains(txt, "clients/northwind.yaml:42:18: error: initiative I9 depends on "
                         "unknown initiative 'I7'");
    assert_lacks(txt, "did you mean");
    assert_contains(txt, "interrupted before it was rendered");
    assert_contains(txt, "not run");
    /* Totals per currency, in a table of their own: the sums of the
     * rounded figures shown. */
    assert_contains(txt, "Totals by currency");
    assert_contains(txt, "GBP (2 clients)");
    assert_contains(txt, "\xC2\xA3"
                         "1,468,762"); /* 1,268,762 + 200,000 */
    assert_contains(txt, "within, \xC2\xA3"
                         "50,000 spare"); /* 49,999.6 */
    assert_contains(txt, "within, \xC2\xA3"
                         "31,238 spare"); /* -18,762 + 50,000 */
    assert_contains(txt, "USD (1 client)");
    assert_contains(txt, "EUR (1 client)");
    assert_lacks(txt, "more clients");
    free(txt);

    char *info = run("pdfinfo -isodates '%s/portfolio.pdf'", dir);
    assert_contains(info, "CreationDate:    2026-11-18T11:06:40Z");
    free(info);
    char *fonts = run("pdffonts '%s/portfolio.pdf'", dir);
    assert_true(count(fonts, " yes yes ") >= 2); /* embedded, subset */
    free(fonts);
    remove_dir(dir);
    batch_free(&b);
    unsetenv("SOURCE_DATE_EPOCH");
}

static void same_bytes_under_source_date_epoch(void **state)
{
    (void)state;
    setenv("SOURCE_DATE_EPOCH", SDE, 1);
    wm_batch b;
    mixed_batch(&b);
    char *d1 = write_ok(&b, NULL);
    char *d2 = write_ok(&b, NULL);
    size_t n1, n2;
    char *p1 = read_all(d1, "portfolio.pdf", &n1);
    char *p2 = read_all(d2, "portfolio.pdf", &n2);
    assert_int_equal(n1, n2);
    assert_memory_equal(p1, p2, n1);
    free(p1);
    free(p2);
    remove_dir(d1);
    remove_dir(d2);
    batch_free(&b);
    unsetenv("SOURCE_DATE_EPOCH");
}

/* 120 inputs in two currencies, three failed: every client, over as many
 * pages as they need, the table's header on each page, the failures
 * listed with their first line, and totals that cover every client. */
static void many_clients_every_one_shown(void **state)
{
    (void)state;
    need("pdfinfo");
    need("pdftotext");
    need("qpdf");
    setenv("SOURCE_DATE_EPOCH", SDE, 1);
    wm_batch b;
    batch_init(&b, 120);
    for (size_t i = 0; i < 120; i++) {
        char name[32], client[64];
        snprintf(name, sizeof name, "client-%03zu", i);
        snprintf(client, sizeof client, "Client %03zu Ltd", i);
        if (i == 10 || i == 50 || i == 90) {
            char err[64];
            snprintf(err, sizeof err, "boom %zu\nsecond line", i);
            item_set(&b, i, name, WM_ITEM_FAILED, NULL, err);
            continue;
        }
        brief s = {client,
                   i % 2 ? "EUR" : "GBP",
                   (double)(i + 1) * 1000,
                   (double)(i + 1) * 1100,
                   (double)(i + 1) * 1050,
                   "2027-Q1",
                   "2027-Q4",
                   4,
                   "R1",
                   "A risk",
                   10,
                   "high"};
        item_set(&b, i, name, WM_ITEM_DONE, &s, NULL);
    }
    char *dir = write_ok(&b, NULL);
    int pages = assert_pages(dir, "841.89 x 595.28", 0);
    assert_true(pages >= 3);
    char *txt = pdf_text(dir);
    assert_int_equal(count(txt, " Ltd"), 117);
    assert_contains(txt, "Client 000 Ltd");
    assert_contains(txt, "Client 119 Ltd");
    /* The clients' table repeats its header on each page it runs over. */
    assert_true(count(txt, "Top risk") >= (size_t)pages - 1);
    assert_int_equal(count(txt, "Page "), (size_t)pages);
    assert_contains(txt, "boom 10");
    assert_contains(txt, "boom 50");
    assert_contains(txt, "boom 90");
    assert_lacks(txt, "second line");
    assert_lacks(txt, "more clients");
    /* Totals cover every client. */
    assert_contains(txt, "GBP (57 clients)");
    assert_contains(txt, "EUR (60 clients)");
    assert_contains(txt, SDE_DATE " \xC2\xB7 120 engagements, 3 failed");
    free(txt);

    char *csv = read_all(dir, "portfolio.csv", NULL);
    assert_int_equal(count(csv, "\r\n"), 121); /* an error's own line break is "\n" */
    assert_contains(csv, "client-119,clients/client-119.yaml,done,Client 119 Ltd,EUR,120000,"
                         "132000,126000,6000,true,2027-Q1,2027-Q4,4,R1,A risk,10,,,,\r\n");
    assert_contains(csv, "client-010,clients/client-010.yaml,failed,,,,,,,,,,,,,,,,,"
                         "\"boom 10\nsecond line\"\r\n");
    free(csv);
    remove_dir(dir);
    batch_free(&b);
    unsetenv("SOURCE_DATE_EPOCH");
}

/* One currency: the total is the clients' table's own last row. */
static void one_currency_totals_in_the_table(void **state)
{
    (void)state;
    need("pdfinfo");
    need("pdftotext");
    wm_batch b;
    batch_init(&b, 26);
    for (size_t i = 0; i < 26; i++) {
        char name[32], client[64];
        snprintf(name, sizeof name, "c%02zu", i);
        snprintf(client, sizeof client, "Company %02zu Ltd", i);
        brief s = {client,    "GBP", 1000, 1100, NO_BUDGET, "2027-Q1",
                   "2027-Q1", 1,     NULL, NULL, 0,         NULL};
        item_set(&b, i, name, WM_ITEM_DONE, &s, NULL);
    }
    char *dir = write_ok(&b, NULL);
    assert_pages(dir, "841.89 x 595.28", 0);
    char *txt = pdf_text(dir);
    assert_int_equal(count(txt, " Ltd"), 26);
    assert_contains(txt, "Total (26 clients)");
    assert_lacks(txt, "Totals by currency");
    assert_lacks(txt, "produced no PDF");
    assert_contains(txt, "\xC2\xA3"
                         "26,000");
    free(txt);
    remove_dir(dir);
    batch_free(&b);
}

/* Formula injection: every text field of portfolio.csv (name, input,
 * client, currency, start, end, top risk id and title, error) starting
 * with each prefix a spreadsheet runs (= + - @ tab CR) is written as quoted
 * text behind a single quote; the numbers, negative ones too, stay plain
 * numbers. */
static void csv_formulas_neutralised(void **state)
{
    (void)state;
    static const char *const prefixes[] = {"=", "+", "-", "@", "\t", "\r"};
    for (size_t p = 0; p < sizeof prefixes / sizeof *prefixes; p++) {
        const char *x = prefixes[p];
        char *f[8];
        static const char *const what[8] = {"client", "cur",    "start", "end",
                                            "rid",    "rtitle", "name",  "err"};
        for (int k = 0; k < 8; k++)
            f[k] = wm_xasprintf("%sHYPERLINK(\"http://x/?%s\")", x, what[k]);
        brief s = {f[0], f[1], -5, -4.5, -3, f[2], f[3], 2, f[4], f[5], 12, "high"};
        wm_batch b;
        batch_init(&b, 2);
        item_set(&b, 0, "ok", WM_ITEM_DONE, &s, NULL);
        item_set(&b, 1, "bad", WM_ITEM_FAILED, NULL, f[7]);
        /* The name and input of a file whose name starts with the prefix. */
        free(b.items[1].name);
        free(b.items[1].input);
        b.items[1].name = wm_xstrdup(f[6]);
        b.items[1].input = wm_xasprintf("%s.yaml", f[6]);
        char *dir = write_ok(&b, NULL);
        char *csv = read_all(dir, "portfolio.csv", NULL);
        char *q[8]; /* each field as its neutralised cell */
        for (int k = 0; k < 8; k++)
            q[k] = wm_xasprintf("\"'%sHYPERLINK(\"\"http://x/?%s\"\")\"", x, what[k]);
        char *want = wm_xasprintf(
            "name,input,status,client,currency,cost,p80,budget,variance,within_budget,start,end,"
            "quarters,top_risk_id,top_risk_title,top_risk_score,baseline,cost_change,end_was,"
            "error\r\n"
            "ok,clients/ok.yaml,done,%s,%s,-5,-4.5,-3,2,true,%s,%s,2,%s,%s,12,,,,\r\n"
            "%s,\"'%sHYPERLINK(\"\"http://x/?name\"\").yaml\",failed,,,,,,,,,,,,,,,,,%s\r\n",
            q[0], q[1], q[2], q[3], q[4], q[5], q[6], x, q[7]);
        if (strcmp(csv, want) != 0)
            fail_msg("prefix 0x%02X:\ngot:\n%s\nwant:\n%s", (unsigned char)x[0], csv, want);
        free(want);
        for (int k = 0; k < 8; k++) {
            free(q[k]);
            free(f[k]);
        }
        free(csv);
        remove_dir(dir);
        batch_free(&b);
    }
}

/* A brand's page is turned landscape; its footer and name are used. */
static void brand_letter_landscape(void **state)
{
    (void)state;
    need("pdfinfo");
    need("pdftotext");
    need("qpdf");
    wm_batch b;
    mixed_batch(&b);
    char *dir = write_ok(&b, SRC "/samples/brands/keel-letter.yaml");
    assert_pages(dir, "792 x 612", 1);
    char *txt = pdf_text(dir);
    assert_contains(txt, "Keel Advisory \xC2\xB7 Confidential");
    assert_contains(txt, "Brightwater Analytics Ltd");
    free(txt);
    remove_dir(dir);
    batch_free(&b);
}

static void empty_batch(void **state)
{
    (void)state;
    wm_batch b;
    batch_init(&b, 0);
    char *dir = write_ok(&b, NULL);
    char *csv = read_all(dir, "portfolio.csv", NULL);
    assert_string_equal(csv, "name,input,status,client,currency,cost,p80,budget,variance,"
                             "within_budget,start,end,quarters,top_risk_id,top_risk_title,"
                             "top_risk_score,baseline,cost_change,end_was,error\r\n");
    free(csv);
    if (have("pdftotext")) {
        char *txt = pdf_text(dir);
        assert_contains(txt, "No engagements in this batch.");
        free(txt);
    }
    remove_dir(dir);
    batch_free(&b);
}

/* Failures report, return WM_EXIT_OUTPUT and write nothing. */
static void failures_write_nothing(void **state)
{
    (void)state;
    wm_batch b;
    mixed_batch(&b);
    wm_diags d;

    /* The output folder does not exist. */
    char *dir = make_tmpdir();
    char *missing = wm_path_join(dir, "no/such/folder");
    wm_diags_init(&d);
    assert_int_equal(wm_portfolio_write(missing, &b, NULL, &d), WM_EXIT_OUTPUT);
    assert_true(d.errors > 0);
    assert_non_null(strstr(d.items[0].message, "cannot create a file"));
    wm_diags_free(&d);
    assert_int_equal(dir_entries(dir), 0);
    free(missing);

    /* A good portfolio is not replaced by a failed one: here portfolio.csv
     * has become a folder that is not empty, so nothing can be renamed
     * over it. */
    wm_diags_init(&d);
    assert_int_equal(wm_portfolio_write(dir, &b, NULL, &d), WM_EXIT_OK);
    wm_diags_free(&d);
    size_t n0;
    char *before = read_all(dir, "portfolio.pdf", &n0);
    char *csv = wm_path_join(dir, "portfolio.csv"), *inside = wm_path_join(csv, "x");
    assert_int_equal(unlink(csv), 0);
    assert_int_equal(mkdir(csv, 0700), 0);
    FILE *f = fopen(inside, "w");
    assert_non_null(f);
    fclose(f);
    wm_diags_init(&d);
    assert_int_equal(wm_portfolio_write(dir, &b, NULL, &d), WM_EXIT_OUTPUT);
    assert_true(d.errors > 0);
    wm_diags_free(&d);
    unlink(inside);
    rmdir(csv);
    free(inside);
    free(csv);
    size_t n1;
    char *after = read_all(dir, "portfolio.pdf", &n1);
    assert_int_equal(n0, n1);
    assert_memory_equal(before, after, n0);
    assert_int_equal(dir_entries(dir), 1);
    free(before);
    free(after);
    remove_dir(dir);
    batch_free(&b);
}

/* A brand that cannot be used (here: it is not there) made every input
 * fail already; the portfolio is still made, in the built-in brand, with a
 * warning that says so. */
static void unusable_brand_falls_back(void **state)
{
    (void)state;
    wm_batch b;
    mixed_batch(&b);
    char *dir = make_tmpdir();
    char *brand = wm_path_join(dir, "missing-brand.yaml");
    wm_diags d;
    wm_diags_init(&d);
    assert_int_equal(wm_portfolio_write(dir, &b, brand, &d), WM_EXIT_OK);
    assert_int_equal(d.errors, 0);
    assert_int_equal(d.warnings, 1);
    assert_string_equal(d.items[0].message,
                        "portfolio: drawn in the built-in brand, since this brand cannot be used");
    assert_int_equal(dir_entries(dir), 2);
    size_t n;
    char *pdf = read_all(dir, "portfolio.pdf", &n);
    assert_true(n > 1000);
    free(pdf);
    wm_diags_free(&d);
    free(brand);
    remove_dir(dir);
    batch_free(&b);
}

int main(void)
{
    setenv("WAYMARK_DATA_DIR", SRC, 0);
    unsetenv("SOURCE_DATE_EPOCH");
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(summary_of_sample),
        cmocka_unit_test(summary_of_empty_plan),
        cmocka_unit_test(csv_exact),
        cmocka_unit_test(csv_formulas_neutralised),
        cmocka_unit_test(pdf_with_every_client),
        cmocka_unit_test(same_bytes_under_source_date_epoch),
        cmocka_unit_test(many_clients_every_one_shown),
        cmocka_unit_test(one_currency_totals_in_the_table),
        cmocka_unit_test(brand_letter_landscape),
        cmocka_unit_test(unusable_brand_falls_back),
        cmocka_unit_test(empty_batch),
        cmocka_unit_test(failures_write_nothing),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
