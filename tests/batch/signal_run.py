#!/usr/bin/env python3
"""signal_run.py HOW DELAY LOG [--after GLOB] CMD... - run CMD in a session
of its own and signal it after DELAY seconds, as a user or a supervisor
would.  With --after, DELAY counts from when a path matching GLOB first
exists (for a batch: its first worker's scratch folder, so that a slow
start-up, as under a sanitizer, does not eat the delay); if CMD ends or 60 s
pass first, from then.

HOW:
  int-group    SIGINT to the whole process group (what Ctrl-C on a terminal
               does: the workers get it too)
  int-parent   SIGINT to CMD only (term-parent, hup-parent: SIGTERM,
               SIGHUP)
  kill-parent  SIGKILL to CMD only; then wait (up to 120 s) until every
               process left in the group (orphaned workers) has ended

CMD's stdout and stderr go to LOG.  Prints one line, "rc=N sent=0|1
orphans=K": N is CMD's exit status, or -SIG when a signal ended it; sent=0
means CMD had already ended when the signal was due (a fast machine), so
nothing was sent; K is how many of CMD's children outlived it.  Exits 2 if
anything is still running 120 s after the signal.
"""
import ctypes
import glob
import os
import signal
import subprocess
import sys
import time


def main(argv):
    how, delay, log, cmd = argv[1], float(argv[2]), argv[3], argv[4:]
    after = None
    if cmd[:1] == ["--after"]:
        after, cmd = cmd[1], cmd[2:]
    # Orphaned workers become our children (not init's, which in a container
    # may never reap them), so their end can be seen.
    PR_SET_CHILD_SUBREAPER = 36
    ctypes.CDLL(None, use_errno=True).prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0)
    with open(log, "wb") as out:
        p = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=out, stderr=out,
                             start_new_session=True)
    pgid = p.pid
    if after:
        end = time.monotonic() + 60
        while not glob.glob(after) and p.poll() is None and time.monotonic() < end:
            time.sleep(0.005)
    deadline = time.monotonic() + delay
    while time.monotonic() < deadline and p.poll() is None:
        time.sleep(0.01)
    sent = 0
    if p.poll() is None:
        sent = 1
        if how == "int-group":
            os.killpg(pgid, signal.SIGINT)
        elif how == "int-parent":
            p.send_signal(signal.SIGINT)
        elif how == "term-parent":
            p.send_signal(signal.SIGTERM)
        elif how == "hup-parent":
            p.send_signal(signal.SIGHUP)
        elif how == "kill-parent":
            p.send_signal(signal.SIGKILL)
        else:
            p.kill()
            sys.exit("unknown HOW %r" % how)
    try:
        rc = p.wait(timeout=120)
    except subprocess.TimeoutExpired:
        os.killpg(pgid, signal.SIGKILL)
        print("rc=timeout sent=%d" % sent)
        return 2
    # Orphaned workers (after SIGKILL) finish on their own; wait for them.
    orphans = 0
    end = time.monotonic() + 120
    while time.monotonic() < end:
        try:
            pid, _ = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            break
        if pid == 0:
            time.sleep(0.02)
        else:
            orphans += 1
    else:
        os.killpg(pgid, signal.SIGKILL)
        print("rc=%d sent=%d orphans=%d (still running 120 s later)" % (rc, sent, orphans))
        return 2
    print("rc=%d sent=%d orphans=%d" % (rc, sent, orphans))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
