/*
 * watchdog.c - a SIGALRM-based process timer (see watchdog.h).  The handler
 * only removes the temporary files (cleanup.h) and calls write and _exit,
 * which are async-signal-safe.
 */
#define _POSIX_C_SOURCE 200809L
#include "watchdog.h"
#include "cleanup.h"

#include <signal.h>
#include <string.h>
#include <sys/time.h>
#include <unistd.h>

static char message[420];
static size_t message_len;
static volatile sig_atomic_t exit_status;

static void on_alarm(int sig)
{
    (void)sig;
    wm_cleanup_now();
    ssize_t w = write(STDERR_FILENO, message, message_len);
    (void)w;
    _exit(exit_status);
}

void wm_watchdog_arm(double seconds, const char *msg, int status)
{
    size_t n = strlen(msg);
    if (n > sizeof message - 2)
        n = sizeof message - 2;
    memcpy(message, msg, n);
    message[n] = '\n';
    message_len = n + 1;
    exit_status = status;
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_alarm;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGALRM, &sa, NULL);
    struct itimerval it;
    memset(&it, 0, sizeof it);
    it.it_value.tv_sec = (time_t)seconds;
    it.it_value.tv_usec = (suseconds_t)((seconds - (double)(time_t)seconds) * 1e6);
    if (it.it_value.tv_sec == 0 && it.it_value.tv_usec == 0)
        it.it_value.tv_usec = 1;
    setitimer(ITIMER_REAL, &it, NULL);
}

void wm_watchdog_disarm(void)
{
    struct itimerval it;
    memset(&it, 0, sizeof it);
    setitimer(ITIMER_REAL, &it, NULL);
}
