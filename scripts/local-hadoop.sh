#!/usr/bin/env bash
# Local Hadoop sandbox for trying Spindle on YARN: a MiniYARNCluster (2 NodeManagers), a
# MiniDFSCluster and an embedded ZooKeeper in one background JVM, all on loopback.
#   start   builds the module if needed, starts the sandbox and waits until it is ready
#   stop    stops it (TERM, then KILL after a grace period)
#   status  prints whether it runs and its addresses; exit code 0 if it runs, 3 if not
#   put <local>... <dir>   copies local files into a directory of the sandbox's HDFS
#   cat <path>             prints an HDFS file, or the files of a directory in name order
#   wait <appId> [seconds] waits until a YARN application ends; exit code 0 if it SUCCEEDED
# Fault controls for chaos runs (docs/yarn.md, "Faults"); each exits 0 on success, else prints
# the reason to stderr and exits 1 (2 for a bad request):
#   restart-namenode       restarts the NameNode on the same address with its data; returns once it
#                          is out of safe mode with the DataNode registered again
#   restart-zookeeper      restarts ZooKeeper on the same port with its data; sessions survive if
#                          their clients reconnect within their timeout
#   expire-session <znode> expires the session owning that ephemeral node, or the one owning its
#                          ephemeral sequential child with the lowest number (a LeaderLatch's
#                          leader, e.g. /spindle/<clusterId>/leader/latch); prints 0x<session id>
#   containers [--app <applicationId>] [--role am|taskmanager|other]
#                          lists live containers: <containerId> <role> <pid of its JVM> <applicationId>
#   signal-container <containerId> KILL|STOP|CONT   sends the signal to the container's JVM
# The client conf dir is build/local-hadoop/conf (HADOOP_CONF_DIR). Wiping build/local-hadoop
# while the sandbox is stopped resets all its state. Environment: SANDBOX_START_TIMEOUT
# (seconds, default 120), SANDBOX_STOP_TIMEOUT (default 10), SANDBOX_JVM_OPTS (extra JVM flags).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/spindle-env.sh"

SANDBOX_JAR="$SPINDLE_HOME/local-hadoop/target/local-hadoop-$SPINDLE_VERSION.jar"
SANDBOX_LIB="$SPINDLE_HOME/local-hadoop/target/lib"
START_TIMEOUT="${SANDBOX_START_TIMEOUT:-120}"
STOP_TIMEOUT="${SANDBOX_STOP_TIMEOUT:-10}"

usage() {
  echo "Usage: $(basename "$0") start|stop|status | put <local>... <dir> | cat <path> | wait <applicationId> [seconds]" >&2
  echo "       | restart-namenode | restart-zookeeper | expire-session <znodePath>" >&2
  echo "       | containers [--app <applicationId>] [--role am|taskmanager|other] | signal-container <containerId> KILL|STOP|CONT" >&2
  exit 2
}

sandbox_pid() {
  [ -f "$SANDBOX_PID_FILE" ] && tr -dc '0-9' < "$SANDBOX_PID_FILE"
}

# Reads one key of build/local-hadoop/sandbox.properties.
sandbox_address() {
  sed -n "s/^$1=//p" "$SANDBOX_HOME/sandbox.properties" 2>/dev/null
}

print_addresses() {
  echo "  conf dir        : $SANDBOX_CONF_DIR"
  echo "  HDFS            : $(sandbox_address hdfs.uri)"
  echo "  YARN RM (rpc)   : $(sandbox_address yarn.resourcemanager.address)"
  echo "  YARN RM (web)   : http://$(sandbox_address yarn.resourcemanager.webapp.address)"
  echo "  ZooKeeper       : $(sandbox_address zookeeper.quorum)"
  echo "  log             : $SANDBOX_HOME/sandbox.log"
  echo "Use it with:  export HADOOP_CONF_DIR=$SANDBOX_CONF_DIR"
}

status() {
  local pid
  pid="$(sandbox_pid || true)"
  if [ -n "$pid" ] && spindle_pid_alive "$pid"; then
    if [ -f "$SANDBOX_HOME/ready" ]; then
      echo "Local Hadoop sandbox is running (pid $pid)."
      print_addresses
      return 0
    fi
    echo "Local Hadoop sandbox (pid $pid) is starting or stopping; see $SANDBOX_HOME/sandbox.log."
    return 3
  fi
  echo "Local Hadoop sandbox is not running."
  return 3
}

build_if_needed() {
  if [ ! -f "$SANDBOX_JAR" ] || [ ! -d "$SANDBOX_LIB" ]; then
    echo "Building the local-hadoop module (first run; tests skipped)..." >&2
    (cd "$SPINDLE_HOME" && mvn -B -q -pl local-hadoop -am package -DskipTests) >&2
  fi
}

start() {
  local pid
  pid="$(sandbox_pid || true)"
  if [ -n "$pid" ] && spindle_pid_alive "$pid"; then
    echo "Local Hadoop sandbox already runs (pid $pid); not starting a second one."
    status
    return
  fi
  build_if_needed
  mkdir -p "$SANDBOX_HOME"
  rm -f "$SANDBOX_HOME/ready"
  local java_bin java_home started=$SECONDS
  java_bin="$(spindle_java)"
  # Containers inherit JAVA_HOME and HADOOP_CONF_DIR from the NodeManagers, i.e. from this JVM.
  java_home="$("$java_bin" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.home = //p')"
  (
    cd "$SPINDLE_HOME"
    export JAVA_HOME="$java_home" HADOOP_CONF_DIR="$SANDBOX_CONF_DIR"
    unset YARN_CONF_DIR
    # shellcheck disable=SC2086 # SANDBOX_JVM_OPTS is a list of flags
    # C1 only: start-up is dominated by loading and running Hadoop's code once; the C2 compiler
    # competes for the CPU there and nearly doubles the time to ready. The services idle afterwards.
    nohup "$java_bin" -Xmx1g -XX:TieredStopAtLevel=1 \
      "-Dlog4j.configurationFile=$SPINDLE_CONF_DIR/log4j2-local-hadoop.xml" \
      "-Dspindle.sandbox.log=$SANDBOX_HOME/sandbox.log" \
      "${SPINDLE_HADOOP_JVM_OPTS[@]}" ${SANDBOX_JVM_OPTS:-} \
      -cp "$SANDBOX_JAR:$SANDBOX_LIB/*" io.spindle.sandbox.LocalHadoopSandbox --dir "$SANDBOX_HOME" \
      > "$SANDBOX_HOME/sandbox.out" 2>&1 < /dev/null &
    echo $! > "$SANDBOX_PID_FILE"
  )
  pid="$(sandbox_pid)"
  echo "Starting the local Hadoop sandbox (pid $pid)..."
  while [ ! -f "$SANDBOX_HOME/ready" ]; do
    if ! spindle_pid_alive "$pid"; then
      echo "The sandbox JVM exited during start-up. Last lines of $SANDBOX_HOME/sandbox.out and sandbox.log:" >&2
      tail -n 5 "$SANDBOX_HOME/sandbox.out" >&2 || true
      tail -n 20 "$SANDBOX_HOME/sandbox.log" >&2 || true
      rm -f "$SANDBOX_PID_FILE"
      return 1
    fi
    if [ $((SECONDS - started)) -ge "$START_TIMEOUT" ]; then
      echo "The sandbox was not ready after ${START_TIMEOUT}s; it keeps running (pid $pid)." >&2
      echo "See $SANDBOX_HOME/sandbox.log, then run '$0 stop'." >&2
      return 1
    fi
    sleep 0.2
  done
  echo "Local Hadoop sandbox is ready after $((SECONDS - started))s (pid $pid)."
  print_addresses
}

stop() {
  local pid
  pid="$(sandbox_pid || true)"
  if [ -z "$pid" ] || ! spindle_pid_alive "$pid"; then
    echo "Local Hadoop sandbox is not running."
    rm -f "$SANDBOX_PID_FILE" "$SANDBOX_HOME/ready"
    return 0
  fi
  echo "Stopping the local Hadoop sandbox (pid $pid)..."
  kill -TERM "$pid" 2>/dev/null || true
  local waited=0
  while spindle_pid_alive "$pid"; do
    if [ "$waited" -ge $((STOP_TIMEOUT * 5)) ]; then
      echo "The sandbox did not stop within ${STOP_TIMEOUT}s; killing it (pid $pid)." >&2
      kill -KILL "$pid" 2>/dev/null || true
      sleep 0.5
      break
    fi
    sleep 0.2
    waited=$((waited + 1))
  done
  rm -f "$SANDBOX_PID_FILE" "$SANDBOX_HOME/ready"
  echo "Local Hadoop sandbox stopped."
}

# The sandbox has no Hadoop command line: these stand in for 'hdfs dfs -put/-cat' and waiting on 'yarn application';
# the fault controls are carried out by the sandbox JVM, which the client calls on its loopback control address.
client() {
  if ! status > /dev/null; then
    echo "The local Hadoop sandbox is not running: start it with '$0 start'." >&2
    return 1
  fi
  "$(spindle_java)" -Xmx256m -XX:TieredStopAtLevel=1 "-Dlog4j.configurationFile=$SPINDLE_CONF_DIR/log4j2-console.xml" \
    "${SPINDLE_HADOOP_JVM_OPTS[@]}" -cp "$SANDBOX_JAR:$SANDBOX_LIB/*" io.spindle.sandbox.SandboxClient \
    --conf "$SANDBOX_CONF_DIR" "$@"
}

[ $# -ge 1 ] || usage
case "$1" in
  start|stop|status) [ $# -eq 1 ] || usage; "$1" ;;
  put|cat|wait|restart-namenode|restart-zookeeper|expire-session|containers|signal-container) client "$@" ;;
  *) usage ;;
esac
