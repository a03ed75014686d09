#!/usr/bin/env bash
# Shared by the scripts: where Spindle lives and the class path of its engine and examples.
SPINDLE_HOME="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SPINDLE_CONF_DIR="${SPINDLE_CONF_DIR:-$SPINDLE_HOME/conf}"
SPINDLE_VERSION="0.1.0-SNAPSHOT"
ENGINE_JAR="$SPINDLE_HOME/engine-runtime/target/engine-runtime-$SPINDLE_VERSION.jar"
ENGINE_LIB="$SPINDLE_HOME/engine-runtime/target/lib"
EXAMPLES_JAR="$SPINDLE_HOME/examples/target/examples-$SPINDLE_VERSION.jar"
IT_JAR="$SPINDLE_HOME/it-tests/target/it-tests-$SPINDLE_VERSION.jar"

# Builds the project once when the jars are missing (a fresh clone).
spindle_build_if_needed() {
  if [ ! -f "$ENGINE_JAR" ] || [ ! -f "$EXAMPLES_JAR" ] || [ ! -f "$IT_JAR" ] || [ ! -d "$ENGINE_LIB" ]; then
    echo "Building Spindle (first run; tests skipped)..." >&2
    (cd "$SPINDLE_HOME" && mvn -B -q -DskipTests package) >&2
  fi
}

spindle_java() {
  if [ -n "${JAVA_HOME:-}" ]; then echo "$JAVA_HOME/bin/java"; else echo java; fi
}

SPINDLE_JVM_OPTS=(
  "-Dlog4j.configurationFile=$SPINDLE_CONF_DIR/log4j2-console.xml"
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

# The local Hadoop sandbox (scripts/local-hadoop.sh).
SANDBOX_HOME="$SPINDLE_HOME/build/local-hadoop"
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
