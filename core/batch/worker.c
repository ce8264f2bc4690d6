/*
 * worker.c - one engagement of a batch, in a forked child process.
 *
 * The child limits itself (CPU seconds; address space where no sanitizer
 * needs it; a wall-clock backstop a little past --timeout, for a parent
 * that can no longer watch), records every file the render reads (deps.h), renders, writes
 * the PDF atomically and reports to the parent as one JSON object on a
 * pipe:
 *
 *   {"exit": 0, "error": null, "sha256": "…", "read": ["/abs/path", …],
 *    "summary": {…}}
 *
 * Whatever goes wrong in here (a plugin stuck in a pattern match, a memory
 * bomb, a crash) costs this child only: the parent enforces the wall-clock
 * and memory limits from outside and reports a child that dies without a
 * report.
 */
#define _GNU_SOURCE
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "../base/cleanup.h"
#include "../base/deps.h"
#include "../base/file.h"
#include "../base/json.h"
#include "../base/sha256.h"
#include "../plan/baseline.h"
#include "batch_int.h"

#if defined(__SANITIZE_ADDRESS__)
#define WM_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define WM_ASAN 1
#endif
#endif

static struct rlimit lim(double soft, double hard)
{
    return (struct rlimit){(rlim_t)soft, (rlim_t)hard};
}

/* SIGKILL to this process `seconds` from now, whatever it is doing.  A
 * POSIX timer of its own: the plugin watchdog has ITIMER_REAL. */
static void arm_backstop(double seconds)
{
    struct sigevent ev;
    memset(&ev, 0, sizeof ev);
    ev.sigev_notify = SIGEV_SIGNAL;
    ev.sigev_signo = SIGKILL;
    timer_t t;
    if (timer_create(CLOCK_MONOTONIC, &ev, &t) != 0)
        return;
    struct itimerspec when;
    memset(&when, 0, sizeof when);
    when.it_value.tv_sec = (time_t)seconds;
    when.it_value.tv_nsec = (long)((seconds - (double)(time_t)seconds) * 1e9);
    timer_settime(t, 0, &when, NULL);
}

static void write_all(int fd, const char *s, size_t n)
{
    while (n > 0) {
        ssize_t w = write(fd, s, n);
        if (w <= 0)
            return;
        s += w;
        n -= (size_t)w;
    }
}

_Noreturn void wm_batch_worker(const wm_batch_item *it, const wm_batch_opts *opts, int fd)
{
    /* The parent's signal handling and other workers' pipes are not ours:
     * a signal ends the worker, removing its temporary file (cleanup.h). */
    wm_cleanup_on_signals();
    if (fd > 3)
        close_range(3, (unsigned)fd - 1, 0);
    close_range((unsigned)fd + 1, ~0u, 0);
    struct rlimit rl = lim(0, 0);
    setrlimit(RLIMIT_CORE, &rl);
    if (opts->cpu > 0) {
        rl = lim(opts->cpu, opts->cpu + 1);
        setrlimit(RLIMIT_CPU, &rl);
    }
    if (opts->timeout > 0)
        arm_backstop(opts->timeout + WM_BATCH_BACKSTOP);
#ifndef WM_ASAN
    if (opts->memory_mb > 0) {
        /* A backstop only: the parent watches the resident size.  Address
         * space runs well ahead of it (fonts mapped, allocator arenas). */
        double bytes = (opts->memory_mb + 512.0) * 2.0 * 1048576.0;
        rl = lim(bytes, bytes);
        setrlimit(RLIMIT_AS, &rl);
    }
#endif

    wm_render_opts ro = opts->render;
    wm_deps_start();
    wm_diags d;
    wm_diags_init(&d);
    int status = WM_EXIT_INPUT;
    wm_engagement *e = wm_engagement_load(it->input, NULL, &d);
    wm_plan *plan = NULL;
    unsigned char *pdf = NULL;
    size_t pdf_len = 0;
    /* Its baseline: DIR/NAME.json when there is one (a dep like any file
     * read; one that appears later is not noticed until --force). */
    wm_baseline bl = {0};
    bool baseline_ok = true;
    if (e && opts->baseline_dir) {
        char *path = wm_xasprintf("%s/%s.json", opts->baseline_dir, it->name);
        struct stat st;
        if (stat(path, &st) == 0) {
            int bs = wm_baseline_load(&bl, path, &ro.plan, &d);
            baseline_ok = bs == WM_EXIT_OK;
            status = bs;
            ro.plan.baseline = bl.root;
            ro.plan.baseline_label = bl.label;
        }
        free(path);
    }
    if (e && baseline_ok)
        status = wm_render(e, &ro, &plan, &pdf, &pdf_len, NULL, &d);
    if (status == WM_EXIT_OK) {
        /* The PDF and, with --json, the plan: both or neither. */
        char *json_path = opts->json ? wm_batch_json_path(it) : NULL;
        char *text = json_path ? wm_plan_json(plan) : NULL;
        wm_outputs out;
        wm_outputs_init(&out);
        if (wm_outputs_add(&out, it->output, pdf, pdf_len, &d) != 0 ||
            (json_path && wm_outputs_add(&out, json_path, text, strlen(text), &d) != 0)) {
            wm_outputs_abort(&out);
            status = WM_EXIT_OUTPUT;
        } else if (wm_outputs_commit(&out, &d) != 0) {
            status = WM_EXIT_OUTPUT;
        }
        free(text);
        free(json_path);
    }
    size_t n_deps = 0;
    char **deps = wm_deps_take(&n_deps);

    wm_buf out;
    wm_buf_init(&out);
    wm_buf_printf(&out, "{\"exit\":%d,\"error\":", status);
    if (status != WM_EXIT_OK || d.errors) {
        char *text = NULL;
        size_t len = 0;
        FILE *mem = open_memstream(&text, &len);
        wm_diags_sort(&d);
        wm_diags_print(&d, mem);
        fclose(mem);
        wm_json_string(&out, text, len);
        free(text);
    } else {
        wm_buf_puts(&out, "null");
    }
    if (status == WM_EXIT_OK) {
        char hex[65];
        wm_sha256_hex(pdf, pdf_len, hex);
        /* The files read, the input first; the parent hashes them (once a
         * batch for shared ones: fonts, plugins). */
        wm_buf_printf(&out, ",\"sha256\":\"%s\",\"read\":[", hex);
        for (size_t i = 0; i < n_deps; i++) {
            if (i)
                wm_buf_putc(&out, ',');
            wm_json_string(&out, deps[i], strlen(deps[i]));
        }
        wm_buf_putc(&out, ']');
        wm_arena a;
        wm_arena_init(&a);
        wm_buf_puts(&out, ",\"summary\":");
        wm_v_json(wm_batch_summary(&a, plan), &out, 0);
        wm_arena_free(&a);
    }
    wm_buf_puts(&out, "}");
    write_all(fd, out.data, out.len);
    close(fd);
    /* No cleanup: the process ends here, and _exit skips the parent's
     * atexit handlers and stdio buffers this child inherited. */
    _exit(0);
}

bool wm_batch_read_report(wm_batch *b, wm_batch_item *it, const char *text, size_t len)
{
    wm_value *r = wm_json_parse(&b->arena, text, len, NULL);
    if (!r || r->kind != WM_VOBJ)
        return false;
    double exit_status = 0;
    if (!wm_vobj_num(r, "exit", &exit_status))
        return false;
    it->exit_status = (int)exit_status;
    const char *err = wm_vobj_str(r, "error");
    free(it->error);
    it->error = err ? wm_xstrdup(err) : NULL;
    const char *sha = wm_vobj_str(r, "sha256");
    if (it->exit_status == WM_EXIT_OK && sha && strlen(sha) == 64) {
        memcpy(it->sha256, sha, 65);
        it->status = WM_ITEM_DONE;
        /* {"path": "sha256"} of every file read; none when one cannot be
         * read now (the next run then renders again). */
        wm_value *read = wm_vobj_get(r, "read");
        wm_value *deps = wm_vobj(&b->arena);
        bool ok = read && read->kind == WM_VARR && read->u.arr.n > 0;
        for (size_t i = 0; ok && i < read->u.arr.n; i++) {
            const wm_value *path = read->u.arr.items[i];
            char hex[65];
            ok = path->kind == WM_VSTR && wm_batch_hash_file(path->u.str.s, hex);
            if (ok)
                wm_vobj_set(&b->arena, deps, path->u.str.s, wm_vstr(&b->arena, hex));
        }
        it->deps = ok ? deps : NULL;
        wm_value *summary = wm_vobj_get(r, "summary");
        it->summary = summary && summary->kind == WM_VOBJ ? summary : NULL;
    } else {
        it->status = WM_ITEM_FAILED;
        it->sha256[0] = '\0';
        it->deps = NULL;
        it->summary = NULL;
        if (!it->error)
            it->error = wm_xstrdup("failed without a message");
    }
    return true;
}
