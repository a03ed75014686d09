#!/usr/bin/env bash
# Spindle's benchmarks. Usage:
#   scripts/bench.sh                 all sections below
#   scripts/bench.sh local [N [W]]   throughput on a warm LocalCluster; N divides the workloads' sizes
#                                    (10 for a quick run), W runs one workload alone (W1, W2, W3, EMPTY)
#   scripts/bench.sh cluster         standalone processes: start-cluster.sh to TaskManagers registered,
#                                    submit to running
#   scripts/bench.sh yarn [R]        YARN deployment latencies on the local Hadoop sandbox (started and
#                                    stopped here when it is not running) or on HADOOP_CONF_DIR; the
#                                    median of R rounds (default 3) after warm-up deployments
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/spindle-env.sh"
spindle_build_if_needed "$ENGINE_JAR" "$ENGINE_LIB" "$IT_JAR"
section="${1:-all}"
[ $# -gt 0 ] && shift
BENCH_CP="$ENGINE_JAR:$ENGINE_LIB/*:$IT_JAR:$SPINDLE_HOME/yarn-client/target/yarn-client-$SPINDLE_VERSION.jar"

run_local() {
  "$(spindle_java)" -Xms4g -Xmx4g "${SPINDLE_JVM_OPTS[@]}" -cp "$BENCH_CP" io.spindle.bench.LocalClusterBenchmark "$@"
}

run_cluster() {
  "$(spindle_java)" "${SPINDLE_JVM_OPTS[@]}" -cp "$BENCH_CP" io.spindle.bench.StandaloneClusterBenchmark "$SPINDLE_HOME"
}

run_yarn() {
  local started_sandbox=""
  local conf
  if ! conf="$(spindle_hadoop_conf_dir)"; then
    "$SPINDLE_BIN_DIR/local-hadoop.sh" start >&2
    started_sandbox=yes
    conf="$(spindle_hadoop_conf_dir)"
  fi
  HADOOP_CONF_DIR="$conf" "$(spindle_java)" "${SPINDLE_JVM_OPTS[@]}" -cp "$BENCH_CP" \
    io.spindle.bench.YarnDeploymentBenchmark "$SPINDLE_HOME" "$@" || status=$?
  if [ -n "$started_sandbox" ]; then
    "$SPINDLE_BIN_DIR/local-hadoop.sh" stop >&2
  fi
  return "${status:-0}"
}

case "$section" in
  local) run_local "$@" ;;
  cluster) run_cluster ;;
  yarn) run_yarn "$@" ;;
  all) run_local "$@"; run_cluster; run_yarn ;;
  *) echo "Unknown benchmark section '$section': use local, cluster, yarn or all" >&2; exit 2 ;;
esac
