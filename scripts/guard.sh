#!/usr/bin/env bash
# guard.sh PARENT_PID CMD ARGS… — runs CMD and ends it when PARENT_PID is gone (no orphans, even
# after the parent was killed with SIGKILL), or when this guard itself is told to stop.
# GUARD_SIGNAL: the signal that ends CMD (default TERM; INT for PostgreSQL's fast shutdown).
# GUARD_CLEANUP: a directory removed once CMD has ended (a throwaway store's files).
parent=$1; shift
sig=${GUARD_SIGNAL:-TERM}
cleanup=${GUARD_CLEANUP:-}
unset GUARD_SIGNAL GUARD_CLEANUP
finish() { wait "$child"; rc=${1:-$?}; [ -n "$cleanup" ] && rm -rf -- "$cleanup"; exit "$rc"; }
"$@" &
child=$!
trap 'kill -$sig $child 2>/dev/null; finish 0' TERM INT HUP
while kill -0 "$parent" 2>/dev/null && kill -0 "$child" 2>/dev/null; do
  sleep 0.5 & wait -n # returns when CMD ends, a signal arrives, or the half second is up
done
kill -$sig "$child" 2>/dev/null
finish
