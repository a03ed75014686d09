#!/usr/bin/env bash
# Chaos on the local Hadoop sandbox: runs a job as a YARN per-job cluster with ZooKeeper HA and
# checkpoints to HDFS, injects faults on a seeded random schedule, then checks the job's output
# and what the run left behind. The sandbox is started if it does not run (and stopped again).
#
#   scripts/chaos.sh [faults] [built-in job flags]
#   scripts/chaos.sh [faults] --job <jar> --class <main> [--verify <command>] [-- <job arguments>]
#
# Faults (counts, default 0 each), one at a time, each once the job got over the previous one
# and completed a checkpoint since:
#   --tm-kills N           kill -9 of a TaskManager container
#   --am-kills N           kill -9 of the ApplicationMaster container (the next attempt takes over)
#   --zk-expiries N        expiry of the leading JobManager's ZooKeeper session
#   --zk-restarts N        restart of the ZooKeeper server
#   --namenode-restarts N  restart of the HDFS NameNode
#   --tm-pauses N          SIGSTOP of a TaskManager for --pause-ms (default 9000), past the heartbeat
#                          timeout (6 s), then SIGCONT
#   --seed S               the schedule's seed (default random; printed, so a run can be replayed)
# The built-in job (io.spindle.examples.chaos.ChaosVerifyingJob): 1..--records numbers (default
# 1,000,000) at parallelism --parallelism (4) over TaskManagers of --slots slots (2), keyed state,
# event-time windows of --window-ms (1000) per key (--keys, 16), both to the exactly-once FileSink
# on HDFS; --rate numbers a second per source instance (default: so that the job outlasts the
# faults). Its output is checked exactly: every record once, every window exact.
# Your own job: --job and --class, arguments after '--'; --verify runs a command (bash -c) after
# the job, whose exit code 0 means the output is right. Recovery times of your job are until the
# first checkpoint after a fault (it reports no progress of its own).
# Also: --checkpoint-interval-ms (1000), --recovery-timeout-s (120).
#
# Prints one line per fault and per fault kind (count, recovery time from fault to records flowing
# again: median, p95, max) and last 'chaos: <faults> faults, output exact|WRONG (<lost> lost,
# <duplicated> duplicated), <n> leaked'. Exit code 0 only if the output is exact and nothing
# leaked; 1 otherwise; 2 for a wrong flag.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/spindle-env.sh"

EXAMPLES_JAR="$SPINDLE_HOME/examples/target/examples-$SPINDLE_VERSION.jar"
# The runner calls the sandbox's control endpoint through this jar's client (it needs nothing else of it).
SANDBOX_JAR="$SPINDLE_HOME/local-hadoop/target/local-hadoop-$SPINDLE_VERSION.jar"
spindle_build_if_needed "$ENGINE_JAR" "$ENGINE_LIB" "$HA_ZOOKEEPER_JAR" "$HA_ZOOKEEPER_LIB" "$IT_JAR" "$EXAMPLES_JAR" "$SANDBOX_JAR"

CHAOS_JAVA=("$(spindle_java)" -Xmx1g "${SPINDLE_JVM_ADD_OPENS[@]}" "-Dlog4j.configurationFile=$SPINDLE_CONF_DIR/log4j2-console.xml"
  "-Dspindle.home=$SPINDLE_HOME" "-Dspindle.examples.jar=$EXAMPLES_JAR" -cp "$SPINDLE_ENGINE_CP:$IT_JAR:$SPINDLE_HOME/yarn-client/target/yarn-client-$SPINDLE_VERSION.jar:$SANDBOX_JAR")
# Wrong flags fail here, before a sandbox is started for nothing.
"${CHAOS_JAVA[@]}" io.spindle.chaos.ChaosRunner --check-flags "$@"

started_sandbox=""
if ! "$SPINDLE_BIN_DIR/local-hadoop.sh" status > /dev/null 2>&1; then
  "$SPINDLE_BIN_DIR/local-hadoop.sh" start >&2
  started_sandbox=yes
fi
stop_sandbox() {
  if [ -n "$started_sandbox" ]; then
    "$SPINDLE_BIN_DIR/local-hadoop.sh" stop >&2 || true
  fi
}
trap stop_sandbox EXIT

status=0
# The runner's 'spindle run' and sandbox verbs inherit the sandbox's conf dir.
HADOOP_CONF_DIR="$SANDBOX_CONF_DIR" "${CHAOS_JAVA[@]}" io.spindle.chaos.ChaosRunner "$@" || status=$?
exit "$status"
