#!/usr/bin/env bash
# Starts a Spindle session cluster on YARN, or attaches to a running one (Apache Flink's flags):
#   yarn-session.sh [-d] [-jm 1024m] [-tm 1024m] [-s 2] [-nm name] [-qu queue] [-at type] [-nl label]
#                   [-t file;dir]... [-j engine.jar] [-z namespace] [-D key=value]... [-id appId] [-h]
#   yarn-session.sh -q      prints the YARN cluster's NodeManagers and free resources, starts nothing
# The session is recorded in $TMPDIR/.yarn-properties-$USER (yarn.properties-file.location) so
# that 'spindle run' without -t and 'spindle list|info|cancel' without -m use it.
# Attached, type 'stop' to shut it down; stop a detached one with: echo stop | yarn-session.sh -id <appId>
# The Hadoop configuration comes from HADOOP_CONF_DIR (or YARN_CONF_DIR), else from the running
# local sandbox (scripts/local-hadoop.sh). SPINDLE_CLIENT_OPTS adds JVM options for the client.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/spindle-env.sh"
YARN_CLIENT_JAR="$SPINDLE_HOME/yarn-client/target/yarn-client-$SPINDLE_VERSION.jar"
APPMASTER_JAR="$SPINDLE_HOME/yarn-appmaster/target/yarn-appmaster-$SPINDLE_VERSION.jar"
if [ ! -f "$SPINDLE_HOME/pom.xml" ] && [ ! -f "$YARN_CLIENT_JAR" ]; then
  echo "Spindle's YARN client is missing: expected $YARN_CLIENT_JAR. Reinstall the distribution." >&2
  exit 1
fi
spindle_build_if_needed "$ENGINE_JAR" "$ENGINE_LIB" "$YARN_CLIENT_JAR" "$APPMASTER_JAR"
if [ -z "${HADOOP_CONF_DIR:-}" ] && [ -z "${YARN_CONF_DIR:-}" ]; then
  if HADOOP_CONF="$(spindle_hadoop_conf_dir)"; then
    export HADOOP_CONF_DIR="$HADOOP_CONF"
  fi
fi
exec "$(spindle_java)" "-Dlog4j.configurationFile=$SPINDLE_CONF_DIR/log4j2-console.xml" "${SPINDLE_HADOOP_JVM_OPTS[@]}" \
  "-Dspindle.home=$SPINDLE_HOME" ${SPINDLE_CLIENT_OPTS:-} -cp "$ENGINE_JAR:$ENGINE_LIB/*:$YARN_CLIENT_JAR" \
  io.spindle.yarn.client.cli.YarnSessionCli "$@"
