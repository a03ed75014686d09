#!/usr/bin/env bash
# Throughput and latency benchmarks on a warm LocalCluster (see LocalClusterBenchmark).
# Optional arguments: a divisor of the workloads' sizes (`scripts/bench.sh 10` for a quick run)
# and one workload to run alone (W1, W2, W3 or EMPTY), e.g. `scripts/bench.sh 1 W3`.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/spindle-env.sh"
spindle_build_if_needed
exec "$(spindle_java)" -Xms4g -Xmx4g "${SPINDLE_JVM_OPTS[@]}" -cp "$ENGINE_JAR:$ENGINE_LIB/*:$IT_JAR" \
  io.spindle.bench.LocalClusterBenchmark "$@"
