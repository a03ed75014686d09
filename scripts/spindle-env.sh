#!/usr/bin/env bash
# Shared by the scripts: where Spindle lives and the class path of its engine and examples.
SPINDLE_BIN_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
SPINDLE_HOME="$(cd "$SPINDLE_BIN_DIR/.." && pwd)"
export SPINDLE_CONF_DIR="${SPINDLE_CONF_DIR:-$SPINDLE_HOME/conf}"
SPINDLE_VERSION="0.1.0-SNAPSHOT"
ENGINE_JAR="$SPINDLE_HOME/engine-runtime/target/engine-runtime-$SPINDLE_VERSION.jar"
ENGINE_LIB="$SPINDLE_HOME/engine-runtime/target/lib"
# ZooKeeper high availability (high-availability.type: zookeeper): its module and what it needs.
HA_ZOOKEEPER_JAR="$SPINDLE_HOME/ha-zookeeper/target/ha-zookeeper-$SPINDLE_VERSION.jar"
HA_ZOOKEEPER_LIB="$SPINDLE_HOME/ha-zookeeper/target/lib"
# The class path of every engine process and of the CLI; as with Flink, HADOOP_CLASSPATH (say,
# `export HADOOP_CLASSPATH=$(hadoop classpath)`) adds the cluster's Hadoop, e.g. its HDFS client
# for an hdfs:// high-availability.storageDir or checkpoint directory.
SPINDLE_ENGINE_CP="$ENGINE_JAR:$ENGINE_LIB/*:$HA_ZOOKEEPER_JAR:$HA_ZOOKEEPER_LIB/*${HADOOP_CLASSPATH:+:$HADOOP_CLASSPATH}"
EXAMPLES_JAR="$SPINDLE_HOME/examples/target/examples-$SPINDLE_VERSION.jar"
IT_JAR="$SPINDLE_HOME/it-tests/target/it-tests-$SPINDLE_VERSION.jar"

# Builds the project once when one of the files a script needs is missing (a fresh clone).
# Each script names only what it uses, so a script run while Maven itself builds (the
# integration tests run the CLI before it-tests is packaged) never starts a second build.
spindle_build_if_needed() {
  local needed
  for needed in "$@"; do
    if [ ! -e "$needed" ]; then
      echo "Building Spindle (first run; tests skipped)..." >&2
      (cd "$SPINDLE_HOME" && mvn -B -q -DskipTests package) >&2
      return
    fi
  done
}

spindle_java() {
  if [ -n "${JAVA_HOME:-}" ]; then echo "$JAVA_HOME/bin/java"; else echo java; fi
}

SPINDLE_JVM_ADD_OPENS=(
  --add-opens java.base/java.lang=ALL-UNNAMED
  --add-opens java.base/java.util=ALL-UNNAMED
  --add-opens java.base/java.nio=ALL-UNNAMED
  --add-opens java.base/sun.nio.ch=ALL-UNNAMED
)

# Hadoop on Java 17 reflects into these JDK packages.
SPINDLE_HADOOP_JVM_OPTS=(
  --add-opens java.base/java.lang=ALL-UNNAMED
  --add-opens java.base/java.util=ALL-UNNAMED
  --add-opens java.base/java.io=ALL-UNNAMED
  --add-opens java.base/java.net=ALL-UNNAMED
  --add-opens java.base/java.nio=ALL-UNNAMED
  --add-opens java.base/sun.nio.ch=ALL-UNNAMED
)

# The local Hadoop sandbox (scripts/local-hadoop.sh); SPINDLE_SANDBOX_HOME puts one elsewhere (a test's own).
SANDBOX_HOME="${SPINDLE_SANDBOX_HOME:-$SPINDLE_HOME/build/local-hadoop}"
SANDBOX_CONF_DIR="$SANDBOX_HOME/conf"
SANDBOX_PID_FILE="$SANDBOX_HOME/sandbox.pid"

spindle_pid_alive() {
  [ -n "$1" ] && kill -0 "$1" 2>/dev/null
}

# Prints the Hadoop conf dir to use: $HADOOP_CONF_DIR, else $YARN_CONF_DIR, else the local
# sandbox's conf dir while the sandbox runs; prints nothing and fails when there is none.
spindle_hadoop_conf_dir() {
  if [ -n "${HADOOP_CONF_DIR:-}" ]; then
    echo "$HADOOP_CONF_DIR"
  elif [ -n "${YARN_CONF_DIR:-}" ]; then
    echo "$YARN_CONF_DIR"
  elif [ -f "$SANDBOX_HOME/ready" ] && [ -f "$SANDBOX_PID_FILE" ] \
      && spindle_pid_alive "$(tr -dc '0-9' < "$SANDBOX_PID_FILE")"; then
    echo "$SANDBOX_CONF_DIR"
  else
    return 1
  fi
}
SPINDLE_JVM_OPTS=(
  "-Dlog4j.configurationFile=$SPINDLE_CONF_DIR/log4j2-console.xml"
  "${SPINDLE_JVM_ADD_OPENS[@]}"
)

# ---------------------------------------------------------------------------------------------
# Cluster processes started by jobmanager.sh / taskmanager.sh (and start-cluster.sh).
#   SPINDLE_LOG_DIR       where logs go (default $SPINDLE_HOME/log)
#   SPINDLE_PID_DIR       where PID files go (default /tmp)
#   SPINDLE_JM_HEAP       JobManager heap, -Xms/-Xmx (default 512m)
#   SPINDLE_TM_HEAP       TaskManager heap, -Xms/-Xmx (default 1024m)
#   SPINDLE_JAVA_OPTS     extra JVM options for both, split on spaces
#   SPINDLE_START_WAIT    seconds start watches a new process, to report one that exits at once (3)
#   SPINDLE_STOP_TIMEOUT  seconds to wait for a process to exit after SIGTERM before SIGKILL (30)
# ---------------------------------------------------------------------------------------------
SPINDLE_USER="${USER:-$(id -un)}"
SPINDLE_LOG_DIR="${SPINDLE_LOG_DIR:-$SPINDLE_HOME/log}"
SPINDLE_PID_DIR="${SPINDLE_PID_DIR:-/tmp}"
SPINDLE_STOP_TIMEOUT="${SPINDLE_STOP_TIMEOUT:-30}"
SPINDLE_JOBMANAGER_CLASS="io.spindle.runtime.entrypoint.StandaloneSessionClusterEntrypoint"
SPINDLE_TASKMANAGER_CLASS="io.spindle.runtime.entrypoint.TaskManagerEntrypoint"

# Builds when the engine jar or its lib/ is missing; a distribution without them cannot build.
spindle_engine_build_if_needed() {
  if [ -f "$ENGINE_JAR" ] && [ -d "$ENGINE_LIB" ] && [ -f "$HA_ZOOKEEPER_JAR" ] && [ -d "$HA_ZOOKEEPER_LIB" ]; then
    return 0
  fi
  if [ ! -f "$SPINDLE_HOME/pom.xml" ]; then
    echo "Spindle's engine is missing: expected $ENGINE_JAR, $ENGINE_LIB/, $HA_ZOOKEEPER_JAR and" \
      "$HA_ZOOKEEPER_LIB/. Reinstall the distribution." >&2
    exit 1
  fi
  spindle_build_if_needed "$ENGINE_JAR" "$ENGINE_LIB" "$HA_ZOOKEEPER_JAR" "$HA_ZOOKEEPER_LIB"
}

# True when ZooKeeper high availability is asked for, by -D high-availability[.type]=zookeeper
# in the arguments or in spindle-conf.yaml: then several JobManagers may run, one leading.
spindle_ha_enabled() {
  local pattern='high-availability(\.type)?[[:space:]]*[=:][[:space:]]*["'"'"']?zookeeper'
  if printf '%s\n' "$*" | grep -Eiq -- "$pattern"; then
    return 0
  fi
  [ -f "$SPINDLE_CONF_DIR/spindle-conf.yaml" ] \
    && grep -Eiq -- "^[[:space:]]*$pattern" "$SPINDLE_CONF_DIR/spindle-conf.yaml"
}

spindle_hostname() {
  hostname 2>/dev/null || uname -n
}

# The class each cluster role runs, and its PID file (one PID a line, oldest first).
spindle_role_class() {
  case "$1" in
    jobmanager) echo "$SPINDLE_JOBMANAGER_CLASS" ;;
    taskmanager) echo "$SPINDLE_TASKMANAGER_CLASS" ;;
  esac
}

spindle_pid_file() {
  echo "$SPINDLE_PID_DIR/spindle-$SPINDLE_USER-$1.pid"
}

# True when the process is alive and runs the given main class: a PID left in a file by a crashed
# process may since have been reused by an unrelated one, which must not be counted or killed.
spindle_process_runs() {
  local pid="$1" class="$2"
  kill -0 "$pid" 2>/dev/null || return 1
  if [ -r "/proc/$pid/cmdline" ]; then
    tr '\0' ' ' < "/proc/$pid/cmdline" | grep -qF -- "$class"
  elif command -v ps >/dev/null 2>&1; then
    ps -p "$pid" -o args= | grep -qF -- "$class"
  fi
}

# Rewrites the role's PID file with only the PIDs of its processes that are still running.
spindle_prune_pid_file() {
  local role="$1" file class pid
  file="$(spindle_pid_file "$role")"
  class="$(spindle_role_class "$role")"
  [ -f "$file" ] || return 0
  local live=()
  while read -r pid; do
    if [ -n "$pid" ] && spindle_process_runs "$pid" "$class"; then
      live+=("$pid")
    fi
  done < "$file"
  if [ ${#live[@]} -eq 0 ]; then
    rm -f "$file"
  else
    printf '%s\n' "${live[@]}" > "$file"
  fi
}

# spindle_daemon jobmanager|taskmanager start|start-foreground|stop|stop-all [args for the process]
spindle_daemon() {
  local role="$1" verb="${2:-}"
  shift 2 || shift $#
  local class heap
  class="$(spindle_role_class "$role")"
  if [ "$role" = jobmanager ]; then heap="${SPINDLE_JM_HEAP:-512m}"; else heap="${SPINDLE_TM_HEAP:-1024m}"; fi
  case "$verb" in
    start) spindle_daemon_start "$role" "$class" "$heap" "$@" ;;
    start-foreground) spindle_daemon_foreground "$role" "$class" "$heap" "$@" ;;
    stop) spindle_daemon_stop "$role" "$class" last ;;
    stop-all) spindle_daemon_stop "$role" "$class" all ;;
    *)
      echo "Usage: $(basename "$0") start|start-foreground|stop|stop-all [-D key=value ...]" >&2
      return 2
      ;;
  esac
}

# Sets SPINDLE_DAEMON_COMMAND to the java command line up to (not including) the logging options.
spindle_daemon_java_command() {
  local heap="$1"
  # shellcheck disable=SC2206 # SPINDLE_JAVA_OPTS is a space-separated list of options
  local extra=(${SPINDLE_JAVA_OPTS:-})
  SPINDLE_DAEMON_COMMAND=("$(spindle_java)" "-Xms$heap" "-Xmx$heap" "${SPINDLE_JVM_ADD_OPENS[@]}" "${extra[@]}"
    -cp "$SPINDLE_ENGINE_CP")
}

spindle_daemon_foreground() {
  local role="$1" class="$2" heap="$3"
  shift 3
  spindle_engine_build_if_needed
  spindle_daemon_java_command "$heap"
  exec "${SPINDLE_DAEMON_COMMAND[@]}" "-Dlog4j.configurationFile=$SPINDLE_CONF_DIR/log4j2-console.xml" \
    "-Dspindle.log.level=${SPINDLE_LOG_LEVEL:-INFO}" "$class" --configDir "$SPINDLE_CONF_DIR" "$@"
}

spindle_daemon_start() {
  local role="$1" class="$2" heap="$3"
  shift 3
  spindle_engine_build_if_needed
  mkdir -p "$SPINDLE_LOG_DIR" "$SPINDLE_PID_DIR"
  spindle_prune_pid_file "$role"
  local pid_file index=0 host
  pid_file="$(spindle_pid_file "$role")"
  if [ -f "$pid_file" ]; then
    index="$(wc -l < "$pid_file" | tr -d ' ')"
  fi
  if [ "$role" = jobmanager ] && [ "$index" -gt 0 ] && ! spindle_ha_enabled "$@"; then
    echo "A JobManager is already running as process $(head -n 1 "$pid_file") (PID file $pid_file)." >&2
    echo "Stop it first with $SPINDLE_BIN_DIR/jobmanager.sh stop, or set SPINDLE_PID_DIR to run a second cluster." >&2
    return 1
  fi
  if [ ! -f "$SPINDLE_CONF_DIR/spindle-conf.yaml" ]; then
    echo "No configuration file $SPINDLE_CONF_DIR/spindle-conf.yaml: set SPINDLE_CONF_DIR to a directory that holds one." >&2
    return 1
  fi
  host="$(spindle_hostname)"
  local log="$SPINDLE_LOG_DIR/spindle-$SPINDLE_USER-$role-$index-$host.log"
  local out="${log%.log}.out"
  spindle_daemon_java_command "$heap"
  echo "=== $(date '+%Y-%m-%d %H:%M:%S') starting $role: $class --configDir $SPINDLE_CONF_DIR $*" >> "$out"
  local out_offset
  out_offset="$(wc -c < "$out" | tr -d ' ')"
  nohup "${SPINDLE_DAEMON_COMMAND[@]}" "-Dlog.file=$log" "-Dlog4j.configurationFile=$SPINDLE_CONF_DIR/log4j2-$role.xml" \
    "$class" --configDir "$SPINDLE_CONF_DIR" "$@" >> "$out" 2>&1 < /dev/null &
  local pid=$!
  echo "$pid" >> "$pid_file"
  # A process that exits at once (invalid configuration, port in use) is reported here rather
  # than left for the user to discover in the log. The JVM needs over a second to get that far.
  local checks_left=$((${SPINDLE_START_WAIT:-3} * 10))
  while [ "$checks_left" -gt 0 ]; do
    sleep 0.1
    if ! kill -0 "$pid" 2>/dev/null; then
      spindle_prune_pid_file "$role"
      echo "The $role exited right after starting; its output ($out):" >&2
      tail -c "+$((out_offset + 1))" "$out" >&2
      return 1
    fi
    checks_left=$((checks_left - 1))
  done
  echo "Started $role (pid $pid) on $host. Log: $log"
}

# Waits up to the given seconds for the PIDs to be gone; prints those still running.
spindle_wait_until_gone() {
  local class="$1" timeout="$2" pid
  shift 2
  local checks_left=$((timeout * 5)) running=("$@")
  while [ ${#running[@]} -gt 0 ]; do
    local still=()
    for pid in "${running[@]}"; do
      if spindle_process_runs "$pid" "$class"; then still+=("$pid"); fi
    done
    running=("${still[@]+"${still[@]}"}")
    if [ ${#running[@]} -eq 0 ] || [ "$checks_left" -le 0 ]; then break; fi
    checks_left=$((checks_left - 1))
    sleep 0.2
  done
  echo "${running[@]+"${running[@]}"}"
}

spindle_daemon_stop() {
  local role="$1" class="$2" which="$3" pid_file
  pid_file="$(spindle_pid_file "$role")"
  spindle_prune_pid_file "$role"
  if [ ! -f "$pid_file" ]; then
    echo "No $role to stop: no running process listed in $pid_file."
    return 0
  fi
  local pids=() pid
  if [ "$which" = all ]; then
    mapfile -t pids < "$pid_file"
  else
    pids=("$(tail -n 1 "$pid_file")")
  fi
  for pid in "${pids[@]}"; do
    echo "Stopping $role (pid $pid)."
    kill "$pid" 2>/dev/null || true
  done
  local running
  running="$(spindle_wait_until_gone "$class" "$SPINDLE_STOP_TIMEOUT" "${pids[@]}")"
  if [ -n "$running" ]; then
    for pid in $running; do
      echo "The $role (pid $pid) did not stop within $SPINDLE_STOP_TIMEOUT s; killing it with SIGKILL." >&2
      kill -9 "$pid" 2>/dev/null || true
    done
    running="$(spindle_wait_until_gone "$class" 5 $running)"
    if [ -n "$running" ]; then
      echo "The $role process(es) $running still exist after SIGKILL; check them with ps." >&2
      spindle_prune_pid_file "$role"
      return 1
    fi
  fi
  spindle_prune_pid_file "$role"
}
