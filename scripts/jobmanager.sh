#!/usr/bin/env bash
# Starts or stops a Spindle JobManager on this host.
#   jobmanager.sh start [-D key=value ...]             in the background (nohup); PID in
#                                                      $SPINDLE_PID_DIR/spindle-$USER-jobmanager.pid
#   jobmanager.sh start-foreground [-D key=value ...]  in this terminal, logging to the console
#   jobmanager.sh stop | stop-all
# Only one JobManager runs per PID directory, unless ZooKeeper HA is on (high-availability.type:
# zookeeper): then the JobManagers elect a leader and the others stand by.
# Configuration: $SPINDLE_CONF_DIR/spindle-conf.yaml (default conf/), overridden by -D key=value.
# Heap: SPINDLE_JM_HEAP (default 512m). Logs: $SPINDLE_LOG_DIR (default log/). See spindle-env.sh for all variables.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/spindle-env.sh"
spindle_daemon jobmanager "$@"
