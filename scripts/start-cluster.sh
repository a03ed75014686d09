#!/usr/bin/env bash
# Starts a standalone Spindle cluster on this host: a JobManager, then one TaskManager per line of
# $SPINDLE_CONF_DIR/workers. Arguments (-D key=value ...) are passed to every process.
# With ZooKeeper HA (high-availability.type: zookeeper), one JobManager per line of
# $SPINDLE_CONF_DIR/masters (host:restPort, as Flink's): they elect a leader, the others stand by.
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

masters_file="$SPINDLE_CONF_DIR/masters"
masters=()
if spindle_ha_enabled "$@" && [ -f "$masters_file" ]; then
  while IFS= read -r line || [ -n "$line" ]; do
    master="$(echo "${line%%#*}" | tr -d '[:space:]')"
    if [ -n "$master" ]; then masters+=("$master"); fi
  done < "$masters_file"
fi

spindle_engine_build_if_needed
jobmanagers=0
if [ ${#masters[@]} -eq 0 ]; then
  "$SPINDLE_BIN_DIR/jobmanager.sh" start "$@"
  jobmanagers=1
else
  for master in "${masters[@]}"; do
    host="${master%:*}"
    port="${master##*:}"
    case "$host" in
      localhost|127.0.0.1)
        if ! [[ "$port" =~ ^[0-9]+$ ]] || [ "$master" = "$host" ]; then
          echo "Line '$master' of $masters_file is not host:restPort (e.g. localhost:8081)." >&2
          exit 1
        fi
        # Each JobManager of this host needs its own ports; TaskManagers find the leader through ZooKeeper.
        if ! "$SPINDLE_BIN_DIR/jobmanager.sh" start -D "rest.port=$port" -D jobmanager.rpc.port=0 "$@"; then
          echo "A JobManager did not start; the processes started so far keep running (stop-cluster.sh stops them)." >&2
          exit 1
        fi
        jobmanagers=$((jobmanagers + 1))
        ;;
      *)
        echo "Skipping master '$master' from $masters_file: starting JobManagers on other hosts needs ssh," \
          "which these scripts do not support yet. Run jobmanager.sh start on that host instead." >&2
        ;;
    esac
  done
fi

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
echo "Cluster started: $jobmanagers JobManager(s), $started TaskManager(s)."
echo "Logs: $SPINDLE_LOG_DIR/spindle-$SPINDLE_USER-{jobmanager,taskmanager}-<n>-$(spindle_hostname).log (.out beside them)"
