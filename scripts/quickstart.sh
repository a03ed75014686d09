#!/usr/bin/env bash
# Builds Spindle if needed, then runs the WordCount example on an in-process LocalCluster
# (a JobManager and a TaskManager talking over loopback) and prints the word counts.
# Extra arguments go to WordCount, e.g. --input README.md --parallelism 2.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/spindle-env.sh"
spindle_build_if_needed "$ENGINE_JAR" "$ENGINE_LIB" "$EXAMPLES_JAR"
exec "$(spindle_java)" "${SPINDLE_JVM_OPTS[@]}" -cp "$ENGINE_JAR:$ENGINE_LIB/*:$EXAMPLES_JAR" \
  io.spindle.examples.WordCount "$@"
