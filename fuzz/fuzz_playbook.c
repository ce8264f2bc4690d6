/*
 * fuzz_playbook.c - libFuzzer target: arbitrary bytes as a playbook
 * template (docs/playbooks.md) through the loader an engagement uses
 * (wm_playbook_load, core/load/playbook*.c: find, read, check, merge
 * `extra`, check owners, build ctx.playbook).
 *
 * The bytes are written to SCRATCH/playbooks/NAME.yaml, where NAME is what
 * a `name: ` line at the start of a line of the input says (when it is a
 * plain [a-z0-9_] name; else "fuzz"), so a real template keeps its own name,
 * and a fixed engagement at SCRATCH/engagement.yaml names `template: NAME`
 * with a small `extra` and no owners.  A template is accepted with no error
 * and a ctx.playbook value, or refused with at least one error.  Crashes,
 * leaks, sanitizer reports and timeouts are bugs.
 */
#define _DEFAULT_SOURCE /* mkdtemp */
#include "fuzz_check.h"
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "waymark.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char ENGAGEMENT[] = "format: waymark/1\n"
                                 "client: { name: Fuzz Ltd }\n"
                                 "engagement: { currency: GBP, start: 2027-Q1, quarters: 4 }\n"
                                 "team:\n"
                                 "  engineer: { rate: 500 }\n"
                                 "objectives:\n"
                                 "  - { id: O1, title: Keep customers, measures: [Churn] }\n"
                                 "initiatives:\n"
                                 "  - id: A\n"
                                 "    title: Alpha\n"
                                 "    objectives: [O1]\n"
                                 "    effort: { engineer: 10 }\n"
                                 "playbook:\n"
                                 "  template: %s\n"
                                 "  extra:\n"
                                 "    locations: { wiki: Confluence }\n";

static char dir[4096], engagement_path[4200];

/* The template's name as its `name:` line gives it, or "fuzz". */
static void template_name(const uint8_t *data, size_t size, char out[65])
{
    strcpy(out, "fuzz");
    for (size_t i = 0; i + 5 < size; i++) {
        if ((i > 0 && data[i - 1] != '\n') || memcmp(data + i, "name: ", 6) != 0)
            continue;
        size_t n = 0;
        for (size_t j = i + 6; j < size && n < 64; j++, n++) {
            uint8_t c = data[j];
            if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_'))
                break;
        }
        if (n > 0 && (i + 6 + n == size || data[i + 6 + n] == '\n')) {
            memcpy(out, data + i + 6, n);
            out[n] = '\0';
        }
        return;
    }
}

/* The scratch folder goes when the fuzzer ends (each input's template is
 * removed after it is loaded). */
static void remove_scratch(void)
{
    char sub[4200];
    snprintf(sub, sizeof sub, "%s/playbooks", dir);
    remove(sub);
    remove(dir);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    setenv("WAYMARK_DATA_DIR", WM_FUZZ_SOURCE_DIR, 0);
    const char *tmp = getenv("TMPDIR");
    char sub[4200];
    snprintf(dir, sizeof dir, "%s/waymark-fuzz-playbook.XXXXXX", tmp && *tmp ? tmp : "/tmp");
    if (!mkdtemp(dir)) {
        perror("fuzz_playbook: mkdtemp");
        abort();
    }
    snprintf(sub, sizeof sub, "%s/playbooks", dir);
    if (mkdir(sub, 0700) != 0) {
        perror("fuzz_playbook: mkdir");
        abort();
    }
    snprintf(engagement_path, sizeof engagement_path, "%s/engagement.yaml", dir);
    atexit(remove_scratch);
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char name[65], path[4300], text[sizeof ENGAGEMENT + 64];
    template_name(data, size, name);
    snprintf(path, sizeof path, "%s/playbooks/%s.yaml", dir, name);
    FILE *f = fopen(path, "wb");
    if (!f || fwrite(data, 1, size, f) != size || fclose(f) != 0)
        abort();
    int len = snprintf(text, sizeof text, ENGAGEMENT, name);
    wm_diags d;
    wm_diags_init(&d);
    wm_engagement *e = wm_engagement_load_buffer(engagement_path, text, (size_t)len, NULL, &d);
    remove(path);
    if (e) {
        FUZZ_CHECK(d.errors == 0);
        FUZZ_CHECK(e->playbook.loaded && e->playbook.file);
    } else {
        FUZZ_CHECK(d.errors > 0);
    }
    for (size_t i = 0; i < d.count; i++)
        FUZZ_CHECK(d.items[i].message && d.items[i].message[0]);
    wm_engagement_free(e);
    wm_diags_free(&d);
    return 0;
}
