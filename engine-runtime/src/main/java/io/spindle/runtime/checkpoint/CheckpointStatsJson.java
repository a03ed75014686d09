package io.spindle.runtime.checkpoint;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A job's checkpoint statistics and configuration in the JSON shapes of Flink's
 * {@code GET /jobs/:jobid/checkpoints} and {@code GET /jobs/:jobid/checkpoints/config}, so that
 * Flink's dashboard and REST client read them. Built on the JobMaster's main thread, where the
 * tracker lives, and carried to the REST endpoint as text.
 */
public final class CheckpointStatsJson {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private CheckpointStatsJson() {}

    /** {@code {"checkpoints": <Flink's /checkpoints>, "config": <Flink's /checkpoints/config>}}. */
    public static String render(CheckpointStatsTracker stats, CheckpointCoordinatorConfiguration config,
            CheckpointingOptions.Mode mode, boolean unaligned, java.time.Duration alignedTimeout) {
        ObjectNode both = JSON.objectNode();
        both.set("checkpoints", checkpoints(stats));
        both.set("config", config(config, mode).put("unaligned_checkpoints", unaligned)
                .put("aligned_checkpoint_timeout", alignedTimeout.toMillis()));
        return both.toString();
    }

    static ObjectNode checkpoints(CheckpointStatsTracker stats) {
        ObjectNode root = JSON.objectNode();
        CheckpointStatsTracker.Counts counts = stats.getCounts();
        root.putObject("counts")
                .put("restored", counts.restored())
                .put("total", counts.triggered())
                .put("in_progress", counts.inProgress())
                .put("completed", counts.completed())
                .put("failed", counts.failed());
        CheckpointStatsTracker.Summary summary = stats.getSummary();
        ObjectNode summaryNode = root.putObject("summary");
        summaryNode.set("state_size", minMaxAvg(summary.stateSize()));
        summaryNode.set("checkpointed_size", minMaxAvg(summary.stateSize()));
        summaryNode.set("end_to_end_duration", minMaxAvg(summary.endToEndDurationMillis()));
        summaryNode.set("alignment_buffered", minMaxAvg(new CheckpointStatsTracker.MinMaxAvg(0, 0, 0, 0)));
        ObjectNode latest = root.putObject("latest");
        latest.set("completed", checkpointOrNull(stats.getLatestCompleted()));
        latest.set("savepoint", checkpointOrNull(stats.getLatestSavepoint()));
        latest.set("failed", checkpointOrNull(stats.getLatestFailed()));
        CheckpointStatsTracker.RestoredCheckpoint restored = stats.getLatestRestored();
        if (restored == null) {
            latest.putNull("restored");
        } else {
            latest.putObject("restored")
                    .put("id", restored.checkpointId())
                    .put("restore_timestamp", restored.restoreTimestamp())
                    .put("is_savepoint", false)
                    .put("external_path", restored.externalPath());
        }
        var history = root.putArray("history");
        for (CheckpointStats checkpoint : stats.getHistory()) {
            history.add(checkpoint(checkpoint));
        }
        return root;
    }

    static ObjectNode config(CheckpointCoordinatorConfiguration config, CheckpointingOptions.Mode mode) {
        ObjectNode node = JSON.objectNode()
                .put("mode", mode == CheckpointingOptions.Mode.EXACTLY_ONCE ? "exactly_once" : "at_least_once")
                .put("interval", config.interval() == null ? Long.MAX_VALUE : config.interval().toMillis())
                .put("timeout", config.timeout().toMillis())
                .put("min_pause", config.minPause().toMillis())
                .put("max_concurrent", config.maxConcurrent());
        node.putObject("externalization")
                .put("enabled", config.retention() != CheckpointingOptions.ExternalizedRetention.NO_EXTERNALIZED_CHECKPOINTS)
                .put("delete_on_cancellation",
                        config.retention() != CheckpointingOptions.ExternalizedRetention.RETAIN_ON_CANCELLATION);
        return node.put("state_backend", "HashMapStateBackend")
                .put("checkpoint_storage", "FileSystemCheckpointStorage")
                .put("tolerable_failed_checkpoints", config.tolerableFailures())
                .put("checkpoints_after_tasks_finish", true)
                .put("state_changelog_enabled", false);
    }

    private static ObjectNode minMaxAvg(CheckpointStatsTracker.MinMaxAvg values) {
        return JSON.objectNode().put("min", values.min()).put("max", values.max()).put("avg", values.average());
    }

    private static ObjectNode checkpointOrNull(CheckpointStats checkpoint) {
        return checkpoint == null ? null : checkpoint(checkpoint);
    }

    private static ObjectNode checkpoint(CheckpointStats checkpoint) {
        ObjectNode node = JSON.objectNode()
                .put("className", switch (checkpoint.status()) {
                    case IN_PROGRESS -> ".PendingCheckpointStats";
                    case COMPLETED -> ".CompletedCheckpointStats";
                    case FAILED -> ".FailedCheckpointStats";
                })
                .put("id", checkpoint.checkpointId())
                .put("status", checkpoint.status().name())
                .put("is_savepoint", checkpoint.savepoint())
                .put("checkpoint_type", checkpoint.savepoint() ? "SAVEPOINT" : "CHECKPOINT")
                .put("trigger_timestamp", checkpoint.triggerTimestamp())
                .put("latest_ack_timestamp", checkpoint.latestAckTimestamp())
                .put("state_size", checkpoint.stateSize())
                .put("checkpointed_size", checkpoint.stateSize())
                .put("end_to_end_duration", checkpoint.endToEndDurationMillis())
                .put("alignment_buffered", 0)
                .put("processed_data", 0)
                .put("persisted_data", 0)
                .put("num_subtasks", checkpoint.numSubtasks())
                .put("num_acknowledged_subtasks", checkpoint.numAcknowledgedSubtasks());
        node.putObject("tasks");
        if (checkpoint.status() == CheckpointStats.Status.COMPLETED) {
            node.put("external_path", checkpoint.externalPath()).put("discarded", false);
        }
        if (checkpoint.status() == CheckpointStats.Status.FAILED) {
            node.put("failure_timestamp", checkpoint.failureTimestamp()).put("failure_message", checkpoint.failureMessage());
        }
        return node;
    }
}
