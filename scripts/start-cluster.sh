#!/usr/bin/env bash
# Starts a standalone Spindle cluster on this host: a JobManager, then one TaskManager per line of
# $SPINDLE_CONF_DIR/workers. Arguments (-D key=value ...) are passed to every process.
# Only local workers (localhost, 127.0.0.1) are started; remote hosts need ssh, not supported yet.
# Stop the cluster with stop-cluster.sh.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/spindle-env.sh"

workers_file="$SPINDLE_CONF_DIR/workers"
if [ ! -f "$workers_file" ]; then
  echo "No workers file at $workers_file: list one TaskManager host a line (localhost for this host)." >&2
  exit 1
fi
workers=()
while IFS= read -r line || [ -n "$line" ]; do
  host="$(echo "${line%%#*}" | tr -d '[:space:]')"
  if [ -n "$host" ]; then workers+=("$host"); fi
done < "$workers_file"

spindle_engine_build_if_needed
"$SPINDLE_BIN_DIR/jobmanager.sh" start "$@"

started=0
for host in "${workers[@]+"${workers[@]}"}"; do
  case "$host" in
    localhost|127.0.0.1)
      if ! "$SPINDLE_BIN_DIR/taskmanager.sh" start "$@"; then
        echo "A TaskManager did not start; the processes started so far keep running (stop-cluster.sh stops them)." >&2
        exit 1
      fi
      started=$((started + 1))
      ;;
    *)
      echo "Skipping worker '$host' from $workers_file: starting TaskManagers on other hosts needs ssh," \
        "which these scripts do not support yet. Run taskmanager.sh start on that host instead." >&2
      ;;
  esac
done
if [ "$started" -eq 0 ]; then
  echo "No local worker in $workers_file: the JobManager runs without TaskManagers." >&2
fi
echo "Cluster started: 1 JobManager, $started TaskManager(s)."
echo "Logs: $SPINDLE_LOG_DIR/spindle-$SPINDLE_USER-{jobmanager,taskmanager}-<n>-$(spindle_hostname).log (.out beside them)"
