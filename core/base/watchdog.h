/*
 * watchdog.h - a last-resort process timer around plugin calls.
 *
 * Lua's hooks stop runaway Lua code, but not a long call inside Lua's own C
 * library (a pathological pattern match can run for minutes).  When armed,
 * the watchdog ends the process if the call has not returned in time: it
 * writes its message to stderr and exits with the given status.  Nothing has
 * been written by then (outputs are written after the pipeline), so nothing
 * is left half-written.  Only the command line arms it; one at a time.
 */
#ifndef WM_WATCHDOG_H
#define WM_WATCHDOG_H

/* `message` is copied (up to 400 bytes). */
void wm_watchdog_arm(double seconds, const char *message, int status);
void wm_watchdog_disarm(void);

#endif /* WM_WATCHDOG_H */
