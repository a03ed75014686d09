#!/usr/bin/env bash
# Stops the standalone cluster started by start-cluster.sh: all TaskManagers of this host, then the
# JobManager, each waited for (SPINDLE_STOP_TIMEOUT seconds, default 30, then SIGKILL).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/spindle-env.sh"
status=0
"$SPINDLE_BIN_DIR/taskmanager.sh" stop-all || status=1
"$SPINDLE_BIN_DIR/jobmanager.sh" stop-all || status=1
exit "$status"
