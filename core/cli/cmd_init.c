/*
 * cmd_init.c - `waymark init [DIR]`: scaffold a new engagement file and a
 * brand file to fill in.  Both are teaching files (every field explained in
 * a comment) that validate with --strict and render as written.  Their texts
 * are engagement.yaml and brand.yaml in core/cli/scaffold/, embedded at build
 * time as C arrays (cmake/WaymarkEmbed.cmake); this file fills in their
 * @MARKERS@ and writes them atomically, never over an existing file unless
 * --force.
 */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "../base/docdate.h"
#include "../base/file.h"
#include "../base/util.h"
#include "../load/ytree.h"
#include "cli.h"
#include "wm_scaffold_brand.h"
#include "wm_scaffold_engagement.h"

#define DEFAULT_CLIENT   "Northwind Logistics Ltd"
#define DEFAULT_CURRENCY "GBP"
#define MAX_CLIENT_BYTES 200

void wm_help_init(FILE *out)
{
    fputs("usage: waymark init [--client NAME] [--currency CODE] [--force] [DIR]\n"
          "\n"
          "Scaffold a new engagement: write DIR/engagement.yaml and DIR/brand.yaml\n"
          "(DIR defaults to the current directory and is created, with its parents,\n"
          "when missing).  Every field is explained in a comment: its meaning, type,\n"
          "range and default.  Both files are valid as written: edit them, then\n"
          "\n"
          "  waymark validate --strict DIR/engagement.yaml\n"
          "  waymark render DIR/engagement.yaml      (writes engagement.pdf here)\n"
          "\n"
          "The engagement's date is today (UTC, or SOURCE_DATE_EPOCH when set) and\n"
          "its roadmap starts the quarter after.  It uses brand.yaml for its look\n"
          "(engagement.brand); the brand uses the bundled fonts and has no logo.\n"
          "\n"
          "Options:\n"
          "  --client NAME    the client's full name (client.name); its first word is\n"
          "                   the short name (default \"" DEFAULT_CLIENT "\")\n"
          "  --currency CODE  the ISO 4217 currency of every amount, such as GBP, EUR\n"
          "                   or USD (default " DEFAULT_CURRENCY ")\n"
          "  --force          overwrite engagement.yaml and brand.yaml if they exist\n"
          "  -h, --help       show this help\n"
          "\n"
          "Exit status: 0 success; 2 usage (an unknown option or currency); 4 a file\n"
          "could not be written, or exists and --force was not given (then nothing\n"
          "is written).\n",
          out);
}

/* ---- the values put into the scaffold ---- */

/* Whether the --client text can go into a YAML double-quoted scalar and come
 * back unchanged: valid UTF-8 of printable characters (YAML 1.1's set, less
 * the line and paragraph separators and the byte order mark). */
static const char *client_problem(const char *s)
{
    size_t n = strlen(s);
    if (n > MAX_CLIENT_BYTES)
        return "is too long (at most 200 bytes)";
    bool blank = true;
    for (size_t i = 0; i < n;) {
        uint32_t cp;
        size_t k = wm_utf8_decode(s + i, n - i, &cp);
        if (k == 0)
            return "is not valid UTF-8";
        wm_char_class c = wm_char_class_of(cp);
        if (cp < 0x20 || c == WM_CH_CONTROL || cp == 0x2028 || cp == 0x2029 || cp == 0xFEFF)
            return "contains a control character";
        if (c == WM_CH_BIDI)
            return "contains a bidirectional override, embedding or isolate (U+202A to U+202E, "
                   "U+2066 to U+2069), which an engagement may not hold";
        if (c == WM_CH_NONCHARACTER)
            return "contains a noncharacter (such as U+FFFF), which an engagement may not hold";
        if (cp != ' ')
            blank = false;
        i += k;
    }
    return blank ? "needs a name" : NULL;
}

/* A YAML double-quoted scalar holding exactly `s` (checked by client_problem). */
static char *yaml_quote(const char *s, size_t n)
{
    wm_buf b;
    wm_buf_init(&b);
    wm_buf_putc(&b, '"');
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '"' || s[i] == '\\')
            wm_buf_putc(&b, '\\');
        wm_buf_putc(&b, s[i]);
    }
    wm_buf_putc(&b, '"');
    return wm_buf_steal(&b);
}

/* The short name: the first word, without trailing , ; : or . (the whole
 * name when that leaves nothing). */
static char *short_name(const char *name)
{
    while (*name == ' ')
        name++;
    size_t n = strcspn(name, " ");
    while (n > 0 && strchr(",;:.", name[n - 1]))
        n--;
    if (n == 0)
        n = strlen(name);
    return yaml_quote(name, n);
}

/* An ISO 4217 code from the table, upper-cased; NULL when there is none. */
static const char *find_currency(const char *code, char upper[4])
{
    if (strlen(code) != 3)
        return NULL;
    for (int i = 0; i < 3; i++)
        upper[i] = (char)(code[i] >= 'a' && code[i] <= 'z' ? code[i] - 'a' + 'A' : code[i]);
    upper[3] = '\0';
    const wm_currency *c = wm_currency_find(upper);
    return c ? c->code : NULL;
}

/* Usage error for an unknown code; `upper` is it in upper case, for the hint. */
static int bad_currency(const char *code, const char *upper)
{
    size_t count;
    const wm_currency *table = wm_currency_table(&count);
    const char *best = NULL;
    for (size_t i = 0; i < count && !best; i++)
        if (wm_edit_distance(upper, table[i].code) == 1)
            best = table[i].code;
    char *q = wm_quote(code, strlen(code), 20);
    int r = best ? wm_usage_error("init", "unknown currency '%s' (did you mean '%s'?)", q, best)
                 : wm_usage_error("init",
                                  "unknown currency '%s': give an ISO 4217 code such as "
                                  "GBP, EUR or USD",
                                  q);
    free(q);
    return r;
}

/* Quarter k after year y quarter q (1..4), as YYYY-Qn. */
static void quarter(char buf[16], int y, int q, int k)
{
    int idx = y * 4 + (q - 1) + k;
    snprintf(buf, 16, "%04d-Q%d", idx / 4, idx % 4 + 1);
}

/* ---- writing ---- */

/* A path for the "next steps" lines, quoted for a POSIX shell when needed. */
static char *shell_word(const char *s)
{
    if (s[0] &&
        strspn(s, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_./-+,:=") ==
            strlen(s))
        return wm_xstrdup(s);
    wm_buf b;
    wm_buf_init(&b);
    wm_buf_putc(&b, '\'');
    for (; *s; s++) {
        if (*s == '\'')
            wm_buf_puts(&b, "'\\''");
        else
            wm_buf_putc(&b, *s);
    }
    wm_buf_putc(&b, '\'');
    return wm_buf_steal(&b);
}

enum { OPT_CLIENT = WM_OPT_OWN, OPT_CURRENCY, OPT_FORCE };

static const wm_option OPTIONS[] = {
    {"client", 0, "a name", OPT_CLIENT},
    {"currency", 0, "a currency code", OPT_CURRENCY},
    {"force", 0, NULL, OPT_FORCE},
    WM_OPTION_HELP,
    {0},
};

int wm_cmd_init(int argc, char **argv)
{
    const char *dir = NULL, *client = NULL, *currency = NULL;
    bool force = false;
    int usage = WM_EXIT_OK;
    wm_args a;
    wm_args_init(&a, "init", argc, argv, OPTIONS);
    for (int id; usage == WM_EXIT_OK && (id = wm_args_next(&a)) != WM_ARG_END;) {
        if (id == WM_ARG_ERROR)
            usage = a.status;
        else if (id == WM_OPT_HELP) {
            wm_help_init(stdout);
            wm_args_free(&a);
            return WM_EXIT_OK;
        } else if (id == OPT_CLIENT)
            client = a.value;
        else if (id == OPT_CURRENCY)
            currency = a.value;
        else if (id == OPT_FORCE)
            force = true;
        else if (dir)
            usage =
                wm_usage_error("init", "one directory at a time (got '%s' and '%s')", dir, a.value);
        else if (!a.value[0])
            usage = wm_usage_error("init", "the directory name is empty");
        else
            dir = a.value;
    }
    wm_args_free(&a);
    if (usage != WM_EXIT_OK)
        return usage;
    if (client) {
        const char *why = client_problem(client);
        if (why)
            return wm_usage_error("init", "--client %s", why);
    }
    if (!currency)
        currency = DEFAULT_CURRENCY;
    char code[4];
    const char *cur = find_currency(currency, code);
    if (!cur)
        return bad_currency(currency, strlen(currency) == 3 ? code : currency);
    /* Today, or SOURCE_DATE_EPOCH's day (core/base/docdate.h). */
    wm_date today;
    char *date_err = NULL;
    if (!wm_today(&today, &date_err)) {
        free(date_err);
        return wm_date_env_error("init");
    }

    /* DIR without trailing slashes ("/" stays), "." when not given. */
    char *d = wm_xstrdup(dir ? dir : ".");
    for (size_t n = strlen(d); n > 1 && d[n - 1] == '/'; n--)
        d[n - 1] = '\0';
    static const char *const names[2] = {"engagement.yaml", "brand.yaml"};
    char *paths[2];
    for (int i = 0; i < 2; i++)
        paths[i] = strcmp(d, "/") == 0 ? wm_xasprintf("/%s", names[i]) : wm_path_join(d, names[i]);

    int status = WM_EXIT_OK;
    char *eng = NULL, *brand = NULL, *client_q = NULL, *short_q = NULL;
    struct stat st;
    bool dir_exists = stat(d, &st) == 0;
    if (dir_exists && !S_ISDIR(st.st_mode)) {
        fprintf(stderr, "waymark init: cannot write into '%s': it is a file, not a directory\n",
                wm_shown(d));
        status = WM_EXIT_OUTPUT;
        goto out;
    }
    if (dir_exists) {
        int existing = 0;
        for (int i = 0; i < 2; i++) {
            if (lstat(paths[i], &st) != 0)
                continue;
            if (S_ISDIR(st.st_mode)) {
                fprintf(stderr, "waymark init: cannot write '%s': it is a directory\n",
                        wm_shown(paths[i]));
                status = WM_EXIT_OUTPUT;
            } else if (!force) {
                fprintf(stderr, "waymark init: '%s' already exists\n", wm_shown(paths[i]));
                existing++;
                status = WM_EXIT_OUTPUT;
            }
        }
        if (existing)
            fprintf(stderr, "  hint: nothing was written; use --force to overwrite %s\n",
                    existing == 1 ? "it" : "them");
        if (status)
            goto out;
    } else {
        char *where = NULL;
        int err = wm_make_dirs(d, NULL, NULL, &where);
        if (err == ENOTDIR) {
            fprintf(stderr, "waymark init: cannot create the directory '%s': '%s' is a file\n",
                    wm_shown(d), wm_shown(where));
        } else if (err) {
            fprintf(stderr, "waymark init: cannot create the directory '%s': %s\n", wm_shown(where),
                    strerror(err));
        }
        if (err) {
            free(where);
            status = WM_EXIT_OUTPUT;
            goto out;
        }
    }

    int year = today.year, q = (today.month - 1) / 3 + 1;
    /* The eight-quarter roadmap must end by 9999-Q4, the last quarter there is. */
    if (year * 4 + q > 9997 * 4 + 4) {
        year = 9997;
        q = 4;
    }
    char date[32], start[16], earliest[16], deadline[16];
    snprintf(date, sizeof date, "%04d-%02d-%02d", today.year, today.month, today.day);
    quarter(start, year, q, 1);
    quarter(earliest, year, q, 2);
    quarter(deadline, year, q, 8);
    const char *name = client ? client : DEFAULT_CLIENT;
    client_q = yaml_quote(name, strlen(name));
    short_q = short_name(name);
    const wm_subst subs[] = {
        {"@CLIENT@", client_q},   {"@SHORT_NAME@", short_q}, {"@CURRENCY@", cur},
        {"@DATE@", date},         {"@START@", start},        {"@EARLIEST@", earliest},
        {"@DEADLINE@", deadline},
    };
    eng = wm_fill((const char *)wm_scaffold_engagement, subs, sizeof subs / sizeof subs[0]);
    brand = wm_fill((const char *)wm_scaffold_brand, subs, sizeof subs / sizeof subs[0]);

    /* Both or neither (file.h); the brand is renamed first, so an
     * engagement file never points at a brand not written. */
    wm_diags diags;
    wm_diags_init(&diags);
    wm_outputs out;
    wm_outputs_init(&out);
    if (wm_outputs_add(&out, paths[1], brand, strlen(brand), &diags) != 0 ||
        wm_outputs_add(&out, paths[0], eng, strlen(eng), &diags) != 0) {
        wm_outputs_abort(&out);
        status = WM_EXIT_OUTPUT;
    } else if (wm_outputs_commit(&out, &diags) != 0) {
        status = WM_EXIT_OUTPUT;
    }
    wm_diags_print(&diags, stderr);
    wm_diags_free(&diags);
    if (status)
        goto out;

    char *e_word = shell_word(paths[0]);
    printf("wrote %s and %s\n"
           "\n"
           "Next: fill them in (each field is explained in its comment), then\n"
           "  waymark validate --strict %s\n"
           "  waymark render %s    # writes engagement.pdf in the current directory\n",
           wm_shown(paths[0]), wm_shown(paths[1]), wm_shown(e_word), wm_shown(e_word));
    free(e_word);
out:
    free(eng);
    free(brand);
    free(client_q);
    free(short_q);
    for (int i = 0; i < 2; i++)
        free(paths[i]);
    free(d);
    return status;
}
