#!/usr/bin/env bash
# Starts or stops a Spindle TaskManager on this host.
#   taskmanager.sh start [-D key=value ...]             in the background (nohup); PID in
#                                                      $SPINDLE_PID_DIR/spindle-$USER-taskmanager.pid
#   taskmanager.sh start-foreground [-D key=value ...]  in this terminal, logging to the console
#   taskmanager.sh stop | stop-all
# Several TaskManagers may run on one host: stop stops the one started last, stop-all all of them.
# Configuration: $SPINDLE_CONF_DIR/spindle-conf.yaml (default conf/), overridden by -D key=value.
# Heap: SPINDLE_TM_HEAP (default 1024m). Logs: $SPINDLE_LOG_DIR (default log/). See spindle-env.sh for all variables.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/spindle-env.sh"
spindle_daemon taskmanager "$@"
