/*
 * cleanup.c - the signal handler that removes temporary files (see
 * cleanup.h).
 */
#define _POSIX_C_SOURCE 200809L
#include "cleanup.h"

#include <signal.h>
#include <stdatomic.h>
#include <string.h>
#include <unistd.h>

#if defined(__SANITIZE_ADDRESS__)
#define WM_SANITIZED 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define WM_SANITIZED 1
#endif
#endif

/* A render writes at most a few outputs at once; a batch worker one. */
#define SLOTS    16
#define PATH_CAP 4096

static char paths[SLOTS][PATH_CAP];
static volatile sig_atomic_t used[SLOTS];

static const int SIGNALS[] = {
    SIGHUP,  SIGINT,  SIGQUIT, SIGTERM,   SIGPIPE, SIGUSR1, SIGUSR2,
    SIGALRM, SIGXCPU, SIGXFSZ, SIGVTALRM,
#ifndef WM_SANITIZED
    SIGSEGV, SIGBUS,  SIGFPE,  SIGILL,    SIGABRT, SIGSYS,  SIGTRAP,
#endif
};

void wm_cleanup_now(void)
{
    for (int i = 0; i < SLOTS; i++)
        if (used[i])
            unlink(paths[i]);
}

static void on_signal(int sig)
{
    wm_cleanup_now();
    /* The default action once the handler returns (the signal is blocked
     * until then): the process ends as if it had not been caught. */
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = SIG_DFL;
    sigemptyset(&sa.sa_mask);
    sigaction(sig, &sa, NULL);
    raise(sig);
}

void wm_cleanup_on_signals(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sigfillset(&sa.sa_mask); /* no second handler runs inside the first */
    for (size_t i = 0; i < sizeof SIGNALS / sizeof SIGNALS[0]; i++) {
        struct sigaction old;
        /* A signal ignored by whoever started us (nohup) stays ignored. */
        if (sigaction(SIGNALS[i], NULL, &old) == 0 && old.sa_handler == SIG_IGN)
            continue;
        sigaction(SIGNALS[i], &sa, NULL);
    }
}

int wm_cleanup_add(const char *path)
{
    size_t n = strlen(path);
    if (n >= PATH_CAP)
        return -1;
    for (int i = 0; i < SLOTS; i++) {
        if (used[i])
            continue;
        memcpy(paths[i], path, n + 1);
        atomic_signal_fence(memory_order_seq_cst);
        used[i] = 1; /* set after the copy: the handler never sees half a path */
        return i;
    }
    return -1;
}

void wm_cleanup_forget(int handle)
{
    if (handle >= 0 && handle < SLOTS)
        used[handle] = 0;
}
