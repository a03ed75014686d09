#!/usr/bin/env bash
# Spindle on YARN in one go, on the embedded local Hadoop sandbox: builds Spindle if needed,
# starts the sandbox (YARN with 2 NodeManagers, HDFS, ZooKeeper) unless one runs, puts a text
# into HDFS, starts a detached YARN session and runs WordCount on it from HDFS to HDFS, prints
# the most frequent words and the session's REST URL, runs the same job as a per-job cluster (with
# ZooKeeper HA on the sandbox's ZooKeeper) and as an application cluster and checks they count the
# same, then stops what it started.
# Spindle's jars go to HDFS once and every cluster uses them from there (yarn.provided.lib.dirs),
# as on a real cluster.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/spindle-env.sh"
YARN_CLIENT_JAR="$SPINDLE_HOME/yarn-client/target/yarn-client-$SPINDLE_VERSION.jar"
APPMASTER_JAR="$SPINDLE_HOME/yarn-appmaster/target/yarn-appmaster-$SPINDLE_VERSION.jar"
SANDBOX_JAR="$SPINDLE_HOME/local-hadoop/target/local-hadoop-$SPINDLE_VERSION.jar"
spindle_build_if_needed "$ENGINE_JAR" "$ENGINE_LIB" "$HA_ZOOKEEPER_JAR" "$HA_ZOOKEEPER_LIB" "$EXAMPLES_JAR" "$YARN_CLIENT_JAR" "$APPMASTER_JAR" "$SANDBOX_JAR"

SANDBOX="$SPINDLE_BIN_DIR/local-hadoop.sh"
WORK="$(mktemp -d)"
started_sandbox=""
session_id=""

cleanup() {
  local status=$?
  if [ -n "$session_id" ]; then
    echo "Stopping the YARN session $session_id..."
    echo stop | "$SPINDLE_BIN_DIR/yarn-session.sh" -id "$session_id" -Dyarn.properties-file.location="$WORK" > /dev/null 2>&1 || true
  fi
  if [ -n "$started_sandbox" ]; then
    "$SANDBOX" stop
  fi
  rm -rf "$WORK"
  exit "$status"
}
trap cleanup EXIT INT TERM

if "$SANDBOX" status > /dev/null; then
  echo "Using the local Hadoop sandbox that runs already."
else
  "$SANDBOX" start
  started_sandbox=yes
fi
# Only the sandbox: a HADOOP_CONF_DIR of the caller's must not send this demo to a real cluster.
export HADOOP_CONF_DIR="$SANDBOX_CONF_DIR"
unset YARN_CONF_DIR

echo
echo "== Putting Spindle's jars and a text into HDFS"
"$SANDBOX" put "$ENGINE_JAR" "$APPMASTER_JAR" "$ENGINE_LIB"/*.jar "$HA_ZOOKEEPER_JAR" "$HA_ZOOKEEPER_LIB"/*.jar \
  /spindle/lib > /dev/null
run="/quickstart/$(date +%Y%m%d-%H%M%S)"
input_dir="$("$SANDBOX" put "$SPINDLE_HOME"/README.md "$SPINDLE_HOME"/docs/*.md "$run/input")"
hdfs="${input_dir%"$run/input"}"
echo "input: $input_dir"
COMMON=(-Dyarn.provided.lib.dirs="$hdfs/spindle/lib" -Dyarn.properties-file.location="$WORK")
WORDCOUNT=(-c io.spindle.examples.WordCount "$EXAMPLES_JAR" --input "$input_dir" --parallelism 2)

echo
echo "== A detached YARN session"
"$SPINDLE_BIN_DIR/yarn-session.sh" -d -jm 768m -tm 1024m -s 1 -nm spindle-quickstart "${COMMON[@]}" | tee "$WORK/session.out"
session_id="$(sed -n 's/^ *YARN application: *//p' "$WORK/session.out")"
rest_url="$(sed -n 's/^ *REST endpoint: *//p' "$WORK/session.out")"
[ -n "$session_id" ] || { echo "The YARN session did not report its application id." >&2; exit 1; }

echo
echo "== WordCount on the session"
"$SPINDLE_BIN_DIR/spindle" run -t yarn-session -Dyarn.application.id="$session_id" "${COMMON[@]}" \
  "${WORDCOUNT[@]}" --output "$hdfs$run/out-session"
"$SANDBOX" cat "$run/out-session" | sort > "$WORK/session-counts"
echo "The most frequent of $(wc -l < "$WORK/session-counts") words:"
# sed reads to the end: head would close the pipe early, and pipefail would end the script on sort's SIGPIPE.
sort -t, -k2,2nr "$WORK/session-counts" | sed -n '1,10s/^/  /p'
echo "The session's REST endpoint: $rest_url (try $rest_url/jobs)"

echo
echo "== The same job as a per-job cluster, highly available through the sandbox's ZooKeeper"
quorum="$(sed -n 's/^high-availability\.zookeeper\.quorum=//p' "$SANDBOX_CONF_DIR/zookeeper.properties")"
"$SPINDLE_BIN_DIR/spindle" run -t yarn-per-job "${COMMON[@]}" -Dhigh-availability.type=zookeeper \
  -Dhigh-availability.zookeeper.quorum="$quorum" -Dhigh-availability.storageDir="$hdfs/spindle/ha" \
  "${WORDCOUNT[@]}" --output "$hdfs$run/out-per-job"

echo
echo "== The same job as an application cluster (main() runs on YARN)"
"$SPINDLE_BIN_DIR/spindle" run-application -t yarn-application "${COMMON[@]}" "${WORDCOUNT[@]}" \
  --output "$hdfs$run/out-application" | tee "$WORK/application.out"
application_id="$(grep -o -m 1 'application_[0-9]*_[0-9]*' "$WORK/application.out")"
"$SANDBOX" wait "$application_id" 300

echo
for mode in per-job application; do
  "$SANDBOX" cat "$run/out-$mode" | sort > "$WORK/$mode-counts"
  if cmp -s "$WORK/session-counts" "$WORK/$mode-counts"; then
    echo "$mode mode counted the same $(wc -l < "$WORK/$mode-counts") words as the session."
  else
    echo "$mode mode counted differently from the session:" >&2
    diff "$WORK/session-counts" "$WORK/$mode-counts" | head -n 10 >&2
    exit 1
  fi
done
echo "Quickstart done: session, per-job and application mode on YARN."
