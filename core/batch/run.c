/*
 * run.c - the batch scheduler: at most -j workers at once, one forked
 * process per engagement, each watched from outside.
 *
 * The parent never renders.  It forks a worker per pending item, reads the
 * worker's report from a pipe, and every 50 ms checks each worker's
 * wall-clock time and resident memory (/proc/PID/statm), killing one that
 * runs over; the worker's own RLIMIT_CPU stops a CPU hog even if the
 * parent is slow to look.  A killed or crashed worker is a failed item with
 * the reason in words, and the batch carries on.
 *
 * A worker dies with the batch (PR_SET_PDEATHSIG): a batch killed with
 * SIGKILL or by the OOM killer leaves no worker running outside its
 * limits.  Each worker also arms its own wall-clock backstop (worker.c).
 * What a worker writes to stderr goes to a file in $TMPDIR that has no
 * name (O_TMPFILE, or unlinked as soon as it is made), open in the batch:
 * however the batch or a worker ends, nothing is left to clean up.
 *
 * Ctrl-C (SIGINT), SIGTERM and SIGHUP stop the batch: running workers are
 * killed, their temporary files removed, and the manifest written with
 * what is done, what was interrupted and what never ran.  The manifest is
 * also rewritten at most once a second while the batch runs, so even a
 * batch killed with SIGKILL leaves a whole, recent one.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "../base/cleanup.h"
#include "../base/file.h"
#include "../render/render.h"
#include "batch_int.h"

#define TICK_MS 50

typedef struct {
    pid_t pid; /* 0: free slot */
    int fd;
    wm_batch_item *it;
    double started;
    wm_buf report;
    char killed[160]; /* why the parent killed it, or "" */
    int errfd;        /* the worker's stderr, an unnamed file; -1: none */
} slot;

static volatile sig_atomic_t stop_signal;
static int wake_pipe[2] = {-1, -1};

static void on_stop(int sig)
{
    stop_signal = sig;
    if (wake_pipe[1] >= 0) {
        ssize_t w = write(wake_pipe[1], "x", 1);
        (void)w;
    }
}

/* Off: back to the handler every command has (cleanup.h). */
static void catch_signals(bool on)
{
    if (!on) {
        wm_cleanup_on_signals();
        return;
    }
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_stop;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGHUP, &sa, NULL);
}

/* Resident memory of a process in MiB, or -1. */
static double rss_mb(pid_t pid)
{
    char path[64];
    snprintf(path, sizeof path, "/proc/%d/statm", (int)pid);
    FILE *f = fopen(path, "r");
    if (!f)
        return -1;
    unsigned long size = 0, resident = 0;
    int got = fscanf(f, "%lu %lu", &size, &resident);
    fclose(f);
    if (got != 2)
        return -1;
    return (double)resident * (double)sysconf(_SC_PAGESIZE) / 1048576.0;
}

/* A file in `dir` with no name, open for reading and writing: O_TMPFILE
 * where the file system has it, else a file made and unlinked at once.
 * The caller owns the descriptor; -1 with errno on failure. */
static int unnamed_file(const char *dir)
{
    int fd = open(dir, O_TMPFILE | O_RDWR | O_CLOEXEC, 0600);
    if (fd >= 0 || (errno != EOPNOTSUPP && errno != EISDIR && errno != EINVAL))
        return fd;
    char *path = wm_xasprintf("%s/waymark-stderr.XXXXXX", dir);
    fd = mkostemp(path, O_CLOEXEC);
    if (fd >= 0)
        unlink(path);
    free(path);
    return fd;
}

/* A worker killed with SIGKILL (a limit, or the batch stopped) may leave
 * wm_write_file_atomic's temporary file (".NAME.pdf.tmp.PID.N") beside the
 * file its output names; other signals let it remove that itself. */
static void remove_partial(const slot *s)
{
    char *target = wm_output_target(s->it->output);
    if (!target)
        return;
    char *dir = wm_dirname(target);
    const char *base = strrchr(target, '/');
    base = base ? base + 1 : target;
    char *prefix = wm_xasprintf(".%s.tmp.%ld.", base, (long)s->pid);
    DIR *dh = opendir(dir);
    if (dh) {
        struct dirent *de;
        while ((de = readdir(dh)) != NULL) {
            if (strncmp(de->d_name, prefix, strlen(prefix)) == 0) {
                char *p = wm_path_join(dir, de->d_name);
                unlink(p);
                free(p);
            }
        }
        closedir(dh);
    }
    free(prefix);
    free(dir);
    free(target);
}

/* The writer's pid in a temporary file's name ".NAME.tmp.PID.N"
 * (wm_write_file_atomic), or 0 when `name` is not one. */
static long temp_owner(const char *name)
{
    size_t n = strlen(name), i = n;
    while (i > 0 && name[i - 1] >= '0' && name[i - 1] <= '9')
        i--;
    if (name[0] != '.' || i == n || i == 0 || name[i - 1] != '.')
        return 0;
    size_t end = --i;
    while (i > 0 && name[i - 1] >= '0' && name[i - 1] <= '9')
        i--;
    if (i == end || end - i > 9 || i < 5 || strncmp(name + i - 5, ".tmp.", 5) != 0)
        return 0;
    return strtol(name + i, NULL, 10);
}

/* A batch or worker killed with SIGKILL cannot remove its temporary files
 * (a PDF, the manifest, the portfolio being written); the next batch over
 * the same OUTDIR removes those whose writer is no longer running. */
static void remove_stale_temps(const char *outdir)
{
    DIR *dh = opendir(outdir);
    if (!dh)
        return;
    struct dirent *de;
    while ((de = readdir(dh)) != NULL) {
        long pid = temp_owner(de->d_name);
        if (pid > 0 && kill((pid_t)pid, 0) != 0 && errno == ESRCH) {
            char *p = wm_path_join(outdir, de->d_name);
            unlink(p);
            free(p);
        }
    }
    closedir(dh);
}

/* What a worker wrote to stderr (trimmed, at most 16 KiB), or NULL. */
static char *last_words(const slot *s)
{
    if (s->errfd < 0)
        return NULL;
    char *buf = wm_xmalloc(16385);
    ssize_t got;
    while ((got = pread(s->errfd, buf, 16384, 0)) < 0 && errno == EINTR)
        ;
    size_t n = got > 0 ? (size_t)got : 0;
    while (n > 0 && (buf[n - 1] == '\n' || buf[n - 1] == ' '))
        n--;
    buf[n] = '\0';
    if (n == 0) {
        free(buf);
        return NULL;
    }
    char *clean = wm_sanitize(buf, 16384, true);
    free(buf);
    return clean;
}

/* Why a worker died without a report; `said` (taken over) is what it wrote. */
static char *describe_death(int wstatus, const slot *s, const wm_batch_opts *o, char *said)
{
    if (s->killed[0]) {
        free(said);
        return wm_xstrdup(s->killed);
    }
    if (WIFSIGNALED(wstatus)) {
        int sig = WTERMSIG(wstatus);
        if (sig == SIGXCPU)
            return wm_xasprintf("stopped: used more than %.0f s of CPU time (--cpu)", o->cpu);
        double ran = (wm_clock_ms() - s->started) / 1000;
        if (sig == SIGKILL && o->timeout > 0 && ran >= o->timeout)
            return wm_xasprintf(
                "stopped: still running after %.0f s, the wall-clock limit (--timeout)",
                o->timeout);
        if (sig == SIGKILL)
            return wm_xstrdup("the worker was killed (SIGKILL): out of CPU time (--cpu) or "
                              "out of memory");
        return wm_xasprintf("the worker crashed: signal %d (%s)", sig, strsignal(sig));
    }
    if (WIFEXITED(wstatus))
        return wm_xasprintf("the worker exited with status %d without a report",
                            WEXITSTATUS(wstatus));
    return wm_xstrdup("the worker ended without a report");
}

static void finish(wm_batch *b, slot *s, const wm_batch_opts *o, wm_progress *pr)
{
    int wstatus = 0;
    while (waitpid(s->pid, &wstatus, 0) < 0 && errno == EINTR)
        ;
    wm_batch_item *it = s->it;
    it->ms = wm_clock_ms() - s->started;
    bool reported = !s->killed[0] && WIFEXITED(wstatus) && WEXITSTATUS(wstatus) == 0 &&
                    s->report.len > 0 && wm_batch_read_report(b, it, s->report.data, s->report.len);
    if (!reported) {
        remove_partial(s);
        free(it->error);
        it->sha256[0] = '\0';
        it->deps = NULL;
        it->summary = NULL;
        if (stop_signal && !s->killed[0]) {
            it->status = WM_ITEM_INTERRUPTED;
            it->error = wm_xstrdup("interrupted");
            it->exit_status = 130;
        } else {
            it->status = WM_ITEM_FAILED;
            it->error = last_words(s);
            if (!it->error || s->killed[0])
                it->error = describe_death(wstatus, s, o, it->error);
            it->exit_status =
                WIFEXITED(wstatus) && WEXITSTATUS(wstatus) ? WEXITSTATUS(wstatus) : WM_EXIT_PLUGIN;
        }
    }
    if (s->errfd >= 0)
        close(s->errfd);
    s->errfd = -1;
    close(s->fd);
    wm_buf_free(&s->report);
    s->pid = 0;
    if (it->status != WM_ITEM_INTERRUPTED)
        wm_progress_item(pr, it);
}

static bool spawn(slot *s, wm_batch_item *it, const wm_batch_opts *o, const char *tmpdir,
                  wm_diags *d)
{
    int fds[2];
    if (pipe2(fds, O_CLOEXEC) != 0) {
        wm_diag_addf(d, WM_ERROR, NULL, (wm_pos){0, 0}, NULL, "cannot start a worker: %s",
                     strerror(errno));
        return false;
    }
    /* What the worker says outside its report (a watchdog's last words, a
     * sanitizer's) is kept for the parent, not interleaved with the
     * progress lines; without a file for it, it goes to the batch's. */
    int errfd = unnamed_file(tmpdir);
    fflush(NULL);
    pid_t parent = getpid();
    pid_t pid = fork();
    if (pid < 0) {
        wm_diag_addf(d, WM_ERROR, NULL, (wm_pos){0, 0}, "lower -j", "cannot start a worker: %s",
                     strerror(errno));
        close(fds[0]);
        close(fds[1]);
        if (errfd >= 0)
            close(errfd);
        return false;
    }
    if (pid == 0) {
        /* The worker dies with the batch, however the batch ends (SIGKILL,
         * the OOM killer): the limits are the parent's to enforce.  A batch
         * that died before this line ran is no longer our parent. */
        prctl(PR_SET_PDEATHSIG, SIGKILL);
        if (getppid() != parent)
            _exit(WM_EXIT_PLUGIN);
        close(fds[0]);
        if (errfd >= 0) {
            dup2(errfd, STDERR_FILENO);
            close(errfd);
        }
        wm_batch_worker(it, o, fds[1]);
    }
    close(fds[1]);
    *s = (slot){pid, fds[0], it, wm_clock_ms(), {0}, "", errfd};
    wm_buf_init(&s->report);
    return true;
}

static void check_limits(slot *slots, int n, const wm_batch_opts *o)
{
    double now = wm_clock_ms();
    for (int i = 0; i < n; i++) {
        slot *s = &slots[i];
        if (!s->pid || s->killed[0])
            continue;
        if (o->timeout > 0 && now - s->started > o->timeout * 1000) {
            snprintf(s->killed, sizeof s->killed,
                     "stopped: still running after %.0f s, the wall-clock limit (--timeout)",
                     o->timeout);
        } else if (o->memory_mb > 0) {
            double rss = rss_mb(s->pid);
            if (rss > o->memory_mb)
                snprintf(s->killed, sizeof s->killed,
                         "stopped: used %.0f MiB of memory, over the limit of %.0f MiB "
                         "(--memory)",
                         rss, o->memory_mb);
        }
        if (s->killed[0])
            kill(s->pid, SIGKILL);
    }
}

static size_t pending(const wm_batch *b)
{
    size_t n = 0;
    for (size_t i = 0; i < b->n; i++)
        n += b->items[i].status == WM_ITEM_PENDING;
    return n;
}

int wm_batch_run(wm_batch *b, const wm_batch_opts *o, wm_diags *d)
{
    const char *tmpbase = getenv("TMPDIR");
    const char *tmpdir = tmpbase && tmpbase[0] == '/' ? tmpbase : "/tmp";
    int probe = unnamed_file(tmpdir);
    if (probe < 0) {
        wm_diag_addf(d, WM_ERROR, tmpdir, (wm_pos){0, 0}, "set TMPDIR to a writable folder",
                     "cannot make a temporary file: %s", strerror(errno));
        return WM_EXIT_OUTPUT;
    }
    close(probe);
    remove_stale_temps(o->outdir);
    /* Written once before any worker starts, so that a batch killed at any
     * moment (even with SIGKILL, which nothing can catch) leaves a whole
     * manifest, and an OUTDIR that cannot take one stops the batch before
     * any work is spent on it. */
    if (wm_batch_write_manifest(b, o, d) != WM_EXIT_OK)
        return WM_EXIT_OUTPUT;
    size_t total = b->n;
    wm_progress *pr = wm_progress_new(stderr, total, o->quiet);
    for (size_t i = 0; i < b->n; i++)
        if (b->items[i].status == WM_ITEM_SKIPPED)
            wm_progress_item(pr, &b->items[i]);

    if (pipe2(wake_pipe, O_CLOEXEC | O_NONBLOCK) != 0)
        wake_pipe[0] = wake_pipe[1] = -1;
    stop_signal = 0;
    catch_signals(true);
    /* Workers are forked from here: what they all need is loaded once. */
    if (pending(b) > 1)
        wm_render_warm(&o->render);

    slot *slots = wm_xcalloc((size_t)o->jobs, sizeof *slots);
    struct pollfd *pfd = wm_xcalloc((size_t)o->jobs + 1, sizeof *pfd);
    int *at = wm_xcalloc((size_t)o->jobs, sizeof *at);
    double t0 = wm_clock_ms(), last_manifest = t0;
    size_t next = 0;
    int running = 0, status = WM_EXIT_OK;
    bool spawn_failed = false;
    for (;;) {
        while (!stop_signal && !spawn_failed && running < o->jobs && next < b->n) {
            wm_batch_item *it = &b->items[next];
            if (it->status != WM_ITEM_PENDING) {
                next++;
                continue;
            }
            int k = 0;
            while (slots[k].pid)
                k++;
            if (!spawn(&slots[k], it, o, tmpdir, d)) {
                spawn_failed = true;
                break;
            }
            next++;
            running++;
        }
        if (running == 0)
            break;
        if (stop_signal) {
            for (int i = 0; i < o->jobs; i++)
                if (slots[i].pid)
                    kill(slots[i].pid, SIGKILL);
        }
        /* pfd[k] watches slots[at[k]]; the last entry is the wake pipe. */
        int np = 0;
        for (int i = 0; i < o->jobs; i++)
            if (slots[i].pid) {
                at[np] = i;
                pfd[np++] = (struct pollfd){slots[i].fd, POLLIN, 0};
            }
        int nslots = np;
        if (wake_pipe[0] >= 0)
            pfd[np++] = (struct pollfd){wake_pipe[0], POLLIN, 0};
        if (poll(pfd, (nfds_t)np, TICK_MS) < 0 && errno != EINTR)
            break;
        if (wake_pipe[0] >= 0) {
            char drain[16];
            while (read(wake_pipe[0], drain, sizeof drain) > 0)
                ;
        }
        for (int k = 0; k < nslots; k++) {
            if (!(pfd[k].revents & (POLLIN | POLLHUP | POLLERR)))
                continue;
            slot *s = &slots[at[k]];
            char buf[65536];
            ssize_t got = read(s->fd, buf, sizeof buf);
            if (got > 0) {
                wm_buf_put(&s->report, buf, (size_t)got);
                continue;
            }
            if (got < 0 && (errno == EINTR || errno == EAGAIN))
                continue;
            finish(b, s, o, pr);
            running--;
        }
        check_limits(slots, o->jobs, o);
        double now = wm_clock_ms();
        if (now - last_manifest > 1000) {
            wm_batch_write_manifest(b, o, d);
            last_manifest = now;
        }
    }
    if (wake_pipe[0] >= 0) {
        /* Forgotten before closed, so a late signal never writes to a
         * descriptor number the next open() reuses. */
        int r = wake_pipe[0], w = wake_pipe[1];
        wake_pipe[0] = wake_pipe[1] = -1;
        close(r);
        close(w);
    }
    free(at);
    free(pfd);
    free(slots);

    bool interrupted = stop_signal != 0;
    for (size_t i = 0; i < b->n; i++)
        if (b->items[i].status == WM_ITEM_FAILED || b->items[i].status == WM_ITEM_PENDING ||
            b->items[i].status == WM_ITEM_INTERRUPTED)
            status = WM_EXIT_INPUT;
    if (wm_batch_write_manifest(b, o, d) != WM_EXIT_OK)
        status = WM_EXIT_OUTPUT;
    if (!interrupted && wm_portfolio_write(o->outdir, b, o->render.brand, d) != WM_EXIT_OK)
        status = WM_EXIT_OUTPUT;
    /* Signals stay caught until the manifest and portfolio are written, so
     * a Ctrl-C now cannot cut the final writes short. */
    catch_signals(false);
    wm_progress_finish(pr, b, (wm_clock_ms() - t0) / 1000.0, interrupted);
    wm_progress_free(pr);
    if (interrupted)
        return 128 + (int)stop_signal;
    return spawn_failed ? WM_EXIT_OUTPUT : status;
}
