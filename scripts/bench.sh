#!/usr/bin/env bash
# Spindle's benchmarks. Usage:
#   scripts/bench.sh                 all sections below
#   scripts/bench.sh local [N [W]]   throughput on a warm LocalCluster, one JVM per workload and
#                                    parallelism; N divides the workloads' sizes (10 for a quick run), W
#                                    runs one workload alone (W1, W2, W3, W4 = W2 with checkpoints, EMPTY,
#                                    W4/W2 = the two alternating in one JVM: what checkpoints cost)
#   scripts/bench.sh state [K [S]]   checkpoints of K keys of 100 bytes (default 10 M) updated for S
#                                    seconds (default 30): size, duration median and p99, and the file
#                                    system's sequential write bandwidth in the same run
#   scripts/bench.sh savepoint [K]   a savepoint of K keys of 100 bytes (default 10 M) to file:// and to the
#                                    sandbox's HDFS (started and stopped here when it is not running): its
#                                    duration as a share of the file system's sequential write bandwidth
#                                    measured in the same run, and the restore from it; then checkpoints
#                                    under backpressure, aligned against unaligned (median and max)
#   scripts/bench.sh cluster         standalone processes: start-cluster.sh to TaskManagers registered,
#                                    submit to running
#   scripts/bench.sh recovery [R]    kill -9 of a TaskManager running a checkpointed job to records
#                                    flowing again (median of R rounds, default 5): on a standalone
#                                    cluster of real processes, then on YARN (sandbox as for 'yarn')
#   scripts/bench.sh ha [R [T]]      kill -9 of the leading JobManager of a standalone cluster with
#                                    ZooKeeper HA (the sandbox's ZooKeeper) to records flowing again,
#                                    median of R rounds (default 3), ZooKeeper session timeout T (default
#                                    Flink's 60 s); then kill -9 of a YARN session's ApplicationMaster
#                                    to records flowing again on the next attempt (default timeout)
#   scripts/bench.sh cleanup [R]     the cleanup of a job that retained 10 checkpoints on the sandbox's
#                                    HDFS (started and stopped here when it is not running): job end to
#                                    cleanup COMPLETED, median of R rounds (default 3), as a ratio to one
#                                    recursive delete of the same kind of directory in the same round
#   scripts/bench.sh chaos [flags]   scripts/chaos.sh with 100 TaskManager kills, 10 ApplicationMaster kills,
#                                    5 ZooKeeper session expiries, 3 ZooKeeper and 3 NameNode restarts and
#                                    5 TaskManager pauses (more flags go to chaos.sh, e.g. --seed): recovery
#                                    times per fault kind, exact output, nothing leaked (25-35 minutes)
#   scripts/bench.sh yarn [R]        YARN deployment latencies on the local Hadoop sandbox (started and
#                                    stopped here when it is not running) or on HADOOP_CONF_DIR; the
#                                    median of R rounds (default 3) after warm-up deployments
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/spindle-env.sh"
spindle_build_if_needed "$ENGINE_JAR" "$ENGINE_LIB" "$HA_ZOOKEEPER_JAR" "$HA_ZOOKEEPER_LIB" "$IT_JAR"
section="${1:-all}"
[ $# -gt 0 ] && shift
BENCH_CP="$SPINDLE_ENGINE_CP:$IT_JAR:$SPINDLE_HOME/yarn-client/target/yarn-client-$SPINDLE_VERSION.jar"

local_jvm() {
  "$(spindle_java)" -Xms4g -Xmx4g "${SPINDLE_JVM_OPTS[@]}" -cp "$BENCH_CP" io.spindle.bench.LocalClusterBenchmark "$@"
}

# One JVM per workload and parallelism, as the Flink harness measures; then what checkpoints
# cost, W4 against W2 alternating in one JVM per parallelism (the goal: within 10 %).
run_local() {
  local scale="${1:-1}" only="${2:-}"
  for workload in W1 W2 W3 W4; do
    if [ -n "$only" ] && [ "$only" != "$workload" ]; then continue; fi
    for p in 1 2; do
      local_jvm "$scale" "$workload" "$p"
    done
  done
  if [ -z "$only" ] || [ "$only" = EMPTY ]; then
    local_jvm "$scale" EMPTY
  fi
  if [ -z "$only" ] || [ "$only" = W4/W2 ]; then
    for p in 1 2; do
      local_jvm "$scale" W4/W2 "$p"
    done
  fi
}

run_state() {
  "$(spindle_java)" -Xms10g -Xmx10g "${SPINDLE_JVM_OPTS[@]}" -cp "$BENCH_CP" io.spindle.bench.CheckpointStateBenchmark "$@"
}

run_savepoint() {
  local keys="${1:-10000000}" started_sandbox="" conf local_dir
  if ! conf="$(spindle_hadoop_conf_dir)"; then
    "$SPINDLE_BIN_DIR/local-hadoop.sh" start >&2
    started_sandbox=yes
    conf="$(spindle_hadoop_conf_dir)"
  fi
  local_dir="$(mktemp -d)"
  HADOOP_CONF_DIR="$conf" "$(spindle_java)" -Xms12g -Xmx12g "${SPINDLE_JVM_OPTS[@]}" -cp "$BENCH_CP:$conf" \
    io.spindle.bench.SavepointBenchmark "$keys" "file://$local_dir" "hdfs:///bench-savepoints" || status=$?
  rm -rf "$local_dir"
  if [ -n "$started_sandbox" ]; then
    "$SPINDLE_BIN_DIR/local-hadoop.sh" stop >&2
  fi
  return "${status:-0}"
}

run_chaos() {
  "$SPINDLE_BIN_DIR/chaos.sh" --tm-kills 100 --am-kills 10 --zk-expiries 5 --zk-restarts 3 --namenode-restarts 3 \
    --tm-pauses 5 --records 4000000 "$@"
}

run_cluster() {
  "$(spindle_java)" "${SPINDLE_JVM_OPTS[@]}" -cp "$BENCH_CP" io.spindle.bench.StandaloneClusterBenchmark "$SPINDLE_HOME"
}

run_recovery() {
  "$(spindle_java)" "${SPINDLE_JVM_OPTS[@]}" -cp "$BENCH_CP" io.spindle.bench.TaskManagerRecoveryBenchmark "$SPINDLE_HOME" "$@"
  on_yarn io.spindle.bench.YarnRecoveryBenchmark "$@"
}

# Runs a benchmark class against the local Hadoop sandbox (started and stopped here when it is
# not running) or HADOOP_CONF_DIR.
on_yarn() {
  local main_class="$1" started_sandbox="" conf
  shift
  if ! conf="$(spindle_hadoop_conf_dir)"; then
    "$SPINDLE_BIN_DIR/local-hadoop.sh" start >&2
    started_sandbox=yes
    conf="$(spindle_hadoop_conf_dir)"
  fi
  HADOOP_CONF_DIR="$conf" "$(spindle_java)" "${SPINDLE_JVM_OPTS[@]}" -cp "$BENCH_CP" \
    "$main_class" "$SPINDLE_HOME" "$@" || status=$?
  if [ -n "$started_sandbox" ]; then
    "$SPINDLE_BIN_DIR/local-hadoop.sh" stop >&2
  fi
  return "${status:-0}"
}

# The sandbox's ZooKeeper serves the HA benchmark (its quorum is in the sandbox's conf dir).
run_ha() {
  local started_sandbox="" quorum rounds="${1:-3}"
  shift || true
  if [ ! -f "$SANDBOX_CONF_DIR/zookeeper.properties" ] || ! spindle_hadoop_conf_dir > /dev/null; then
    "$SPINDLE_BIN_DIR/local-hadoop.sh" start >&2
    started_sandbox=yes
  fi
  quorum="$(sed -n 's/^high-availability\.zookeeper\.quorum=//p' "$SANDBOX_CONF_DIR/zookeeper.properties")"
  "$(spindle_java)" "${SPINDLE_JVM_OPTS[@]}" -cp "$BENCH_CP" io.spindle.bench.JobManagerFailoverBenchmark \
    "$SPINDLE_HOME" "$quorum" "$rounds" "$@" || status=$?
  HADOOP_CONF_DIR="$(spindle_hadoop_conf_dir)" "$(spindle_java)" "${SPINDLE_JVM_OPTS[@]}" -cp "$BENCH_CP" \
    io.spindle.bench.YarnApplicationMasterFailoverBenchmark "$SPINDLE_HOME" "$quorum" "$rounds" || status=$?
  if [ -n "$started_sandbox" ]; then
    "$SPINDLE_BIN_DIR/local-hadoop.sh" stop >&2
  fi
  return "${status:-0}"
}

run_cleanup() {
  on_yarn io.spindle.bench.CleanupBenchmark "$@"
}

run_yarn() {
  on_yarn io.spindle.bench.YarnDeploymentBenchmark "$@"
}

case "$section" in
  local) run_local "$@" ;;
  state) run_state "$@" ;;
  savepoint) run_savepoint "$@" ;;
  cluster) run_cluster ;;
  recovery) run_recovery "$@" ;;
  ha) run_ha "$@" ;;
  cleanup) run_cleanup "$@" ;;
  yarn) run_yarn "$@" ;;
  chaos) run_chaos "$@" ;;
  all) run_local "$@"; run_state; run_savepoint; run_cluster; run_recovery; run_ha; run_cleanup; run_yarn; run_chaos ;;
  *) echo "Unknown benchmark section '$section': use local, state, savepoint, cluster, recovery, ha, cleanup, yarn, chaos or all" >&2; exit 2 ;;
esac
