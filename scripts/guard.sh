#!/usr/bin/env bash
# guard.sh PARENT_PID CMD ARGS… — runs CMD and ends it when PARENT_PID is gone (no orphans, even
# after the parent was killed with SIGKILL), or when this guard itself is told to stop.
parent=$1; shift
"$@" &
child=$!
trap 'kill -TERM $child 2>/dev/null; wait $child; exit 0' TERM INT HUP
while kill -0 "$parent" 2>/dev/null && kill -0 "$child" 2>/dev/null; do sleep 0.5; done
kill -TERM "$child" 2>/dev/null
wait "$child"
