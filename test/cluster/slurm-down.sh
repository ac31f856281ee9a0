#!/usr/bin/env bash
# Stops what slurm-up.sh DIR started: slurmd, slurmctld and (if it started it) munged, by their pid files.
set -uo pipefail
dir=${1:?usage: slurm-down.sh DIR}
for name in slurmd slurmctld munged; do
  pidfile=$dir/$name.pid
  [ -s "$pidfile" ] || continue
  pid=$(cat "$pidfile")
  kill "$pid" 2>/dev/null || continue
  for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  kill -9 "$pid" 2>/dev/null || true
  rm -f "$pidfile"
done
exit 0
