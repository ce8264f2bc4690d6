#!/usr/bin/env python3
"""signal_run.py HOW DELAY LOG [--after GLOB | --after-child] [--grace S] CMD... -
run CMD in a session of its own and signal it after DELAY seconds, as a user
or a supervisor would.  With --after, DELAY counts from when a path matching
GLOB first exists; with --after-child, from when CMD first has a child
process (for a batch: its first worker, so that a slow start-up, as under a
sanitizer, does not eat the delay); if CMD ends or 60 s pass first, from
then.

HOW:
  int-group    SIGINT to the whole process group (what Ctrl-C on a terminal
               does: the workers get it too)
  int-parent   SIGINT to CMD only (term-parent, hup-parent: SIGTERM,
               SIGHUP)
  kill-parent  SIGKILL to CMD only; then wait (up to S seconds, --grace,
               default 120) until every process left in the group (orphaned
               workers) has ended
  stop-parent  SIGSTOP to CMD only; wait (up to S seconds) until none of its
               children is running any more (a child that ended stays a
               zombie of the stopped parent); then SIGCONT and wait for CMD

CMD's stdout and stderr go to LOG.  Prints one line, "rc=N sent=0|1
orphans=K survivors=M": N is CMD's exit status, or -SIG when a signal ended
it; sent=0 means CMD had already ended when the signal was due (a fast
machine), so nothing was sent; K is how many of CMD's children outlived it;
M how many processes (children of a stopped CMD, or orphans) were still
running S seconds later, and were then killed.  Exits 2 if anything was
still running S seconds after the signal, or CMD ran on 120 s after it.
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
    after, after_child, grace = None, False, 120.0
    while cmd[:1] in (["--after"], ["--after-child"], ["--grace"]):
        if cmd[0] == "--after-child":
            after_child = True
            cmd = cmd[1:]
            continue
        if cmd[0] == "--after":
            after = cmd[1]
        else:
            grace = float(cmd[1])
        cmd = cmd[2:]
    # Orphaned workers become our children (not init's, which in a container
    # may never reap them), so their end can be seen.
    PR_SET_CHILD_SUBREAPER = 36
    ctypes.CDLL(None, use_errno=True).prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0)
    with open(log, "wb") as out:
        p = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=out, stderr=out,
                             start_new_session=True)
    pgid = p.pid
    if after or after_child:
        end = time.monotonic() + 60
        while (not (glob.glob(after) if after else running_children(p.pid))
               and p.poll() is None and time.monotonic() < end):
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
        elif how == "stop-parent":
            p.send_signal(signal.SIGSTOP)
            end = time.monotonic() + grace
            while running_children(p.pid) and time.monotonic() < end:
                time.sleep(0.02)
            left = running_children(p.pid)
            for pid in left:
                os.kill(pid, signal.SIGKILL)
            p.send_signal(signal.SIGCONT)
            try:
                rc = p.wait(timeout=120)
            except subprocess.TimeoutExpired:
                os.killpg(pgid, signal.SIGKILL)
                print("rc=timeout sent=1 orphans=0 survivors=%d" % len(left))
                return 2
            print("rc=%d sent=1 orphans=0 survivors=%d" % (rc, len(left)))
            return 2 if left else 0
        else:
            p.kill()
            sys.exit("unknown HOW %r" % how)
    try:
        rc = p.wait(timeout=120)
    except subprocess.TimeoutExpired:
        os.killpg(pgid, signal.SIGKILL)
        print("rc=timeout sent=%d" % sent)
        return 2
    # Orphaned workers (after SIGKILL) end, on their own or killed; wait.
    orphans = 0
    end = time.monotonic() + grace
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
        survivors = len(in_group(pgid))
        os.killpg(pgid, signal.SIGKILL)
        print("rc=%d sent=%d orphans=%d survivors=%d (still running %g s later)"
              % (rc, sent, orphans, survivors, grace))
        return 2
    print("rc=%d sent=%d orphans=%d survivors=0" % (rc, sent, orphans))
    return 0


def proc_stats():
    """(pid, state, ppid, pgrp) of every process /proc shows."""
    out = []
    for d in os.listdir("/proc"):
        if not d.isdigit():
            continue
        try:
            with open("/proc/%s/stat" % d) as f:
                stat = f.read()
        except OSError:
            continue
        # The name (field 2) is in parentheses and may hold anything.
        rest = stat[stat.rindex(")") + 2:].split()
        out.append((int(d), rest[0], int(rest[1]), int(rest[2])))
    return out


def running_children(ppid):
    return [pid for pid, state, parent, _ in proc_stats() if parent == ppid and state != "Z"]


def in_group(pgid):
    return [pid for pid, state, _, group in proc_stats() if group == pgid and state != "Z"]


if __name__ == "__main__":
    sys.exit(main(sys.argv))
