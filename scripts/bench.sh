#!/usr/bin/env bash
# Throughput and latency benchmarks on a warm LocalCluster (see LocalClusterBenchmark).
# An optional argument divides the workloads' sizes, e.g. `scripts/bench.sh 10` for a quick run.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/spindle-env.sh"
spindle_build_if_needed
exec "$(spindle_java)" -Xms4g -Xmx4g "${SPINDLE_JVM_OPTS[@]}" -cp "$ENGINE_JAR:$ENGINE_LIB/*:$IT_JAR" \
  io.spindle.bench.LocalClusterBenchmark "$@"
