/*
 * cleanup.h - temporary files removed when a signal ends the process.
 *
 * An output is written to a temporary file beside its target and renamed
 * into place (file.h).  If SIGTERM, Ctrl-C, a hang-up or a crash ends the
 * process while such a file exists, the handler installed here unlinks it
 * and then lets the signal take its default action, so the exit status
 * still says which signal it was and nothing is left behind.
 *
 * The list is a fixed table of path copies (no allocation), so the handler
 * is async-signal-safe: it only calls unlink(2), sigaction(2) and raise(3).
 * The process is single-threaded.
 */
#ifndef WM_CLEANUP_H
#define WM_CLEANUP_H

/* Catch every signal whose default action ends the process (SIGHUP,
 * SIGINT, SIGQUIT, SIGTERM, SIGPIPE, SIGUSR1, SIGUSR2, SIGALRM, SIGXCPU,
 * SIGXFSZ, SIGVTALRM; and the crash signals, except in a sanitizer build,
 * whose own handlers report them).  Called once by main and again by
 * code that caught some of them for itself (the batch) when it is done. */
void wm_cleanup_on_signals(void);

/* Remember `path` (copied) until wm_cleanup_forget.  Returns a handle, or
 * -1 when the table is full or the path too long (the file is then not
 * removed on a signal; nothing else changes). */
int wm_cleanup_add(const char *path);
void wm_cleanup_forget(int handle);

/* Unlink every remembered file (async-signal-safe), for a handler of
 * another module that ends the process itself (the watchdog). */
void wm_cleanup_now(void);

#endif /* WM_CLEANUP_H */
