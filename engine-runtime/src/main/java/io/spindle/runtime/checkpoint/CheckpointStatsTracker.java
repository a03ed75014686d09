package io.spindle.runtime.checkpoint;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The checkpoint statistics of a job, as Flink's {@code /jobs/:id/checkpoints} shows them:
 * counts, the latest checkpoints, a summary of the completed ones. Fed by the coordinator;
 * getters return immutable values. Used on the JobMaster's main thread only.
 */
public final class CheckpointStatsTracker {
    /** Checkpoints kept in the history, the newest ones. */
    private static final int HISTORY_SIZE = 10;

    public record Counts(long triggered, int inProgress, long completed, long failed, long restored) {}

    /** Minimum, average and maximum of a value over {@code count} completed checkpoints; zeros when none. */
    public record MinMaxAvg(long count, long min, long max, long average) {}

    public record Summary(MinMaxAvg stateSize, MinMaxAvg endToEndDurationMillis) {}

    public record RestoredCheckpoint(long checkpointId, long restoreTimestamp, String externalPath) {}

    /** By id, oldest first: the latest triggered checkpoints, whatever became of them. */
    private final LinkedHashMap<Long, CheckpointStats> history = new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, CheckpointStats> eldest) {
            return size() > HISTORY_SIZE;
        }
    };
    /** Every checkpoint in progress, also those that dropped out of the history. */
    private final Map<Long, CheckpointStats> inProgress = new HashMap<>();
    private final Accumulator stateSizes = new Accumulator();
    private final Accumulator durations = new Accumulator();
    private long triggered;
    private long completed;
    private long failed;
    private long restored;
    private CheckpointStats latestCompleted;
    private CheckpointStats latestFailed;
    private CheckpointStats latestSavepoint;
    private RestoredCheckpoint latestRestored;

    void reportTriggered(long checkpointId, boolean savepoint, long triggerTimestamp, int numSubtasks) {
        triggered++;
        CheckpointStats stats = CheckpointStats.inProgress(checkpointId, savepoint, triggerTimestamp, numSubtasks);
        inProgress.put(checkpointId, stats);
        history.put(checkpointId, stats);
    }

    void reportAcknowledged(long checkpointId, long ackTimestamp, long stateSize, int numAcknowledged) {
        CheckpointStats stats = inProgress.get(checkpointId);
        if (stats != null) {
            CheckpointStats acknowledged = stats.acknowledged(ackTimestamp, stateSize, numAcknowledged);
            inProgress.put(checkpointId, acknowledged);
            updateHistory(acknowledged);
        }
    }

    void reportCompleted(long checkpointId, long completionTimestamp, long stateSize, String externalPath) {
        CheckpointStats stats = inProgress.remove(checkpointId);
        if (stats == null) {
            return;
        }
        CheckpointStats done = stats.completed(completionTimestamp, stateSize, externalPath);
        updateHistory(done);
        completed++;
        stateSizes.add(done.stateSize());
        durations.add(done.endToEndDurationMillis());
        if (done.savepoint()) {
            latestSavepoint = done;
        } else {
            latestCompleted = done;
        }
    }

    void reportFailed(long checkpointId, long failureTimestamp, String failureMessage) {
        CheckpointStats stats = inProgress.remove(checkpointId);
        if (stats == null) {
            return;
        }
        latestFailed = stats.failed(failureTimestamp, failureMessage);
        updateHistory(latestFailed);
        failed++;
    }

    /** A checkpoint failed before its tasks were triggered (no id or directory): counted, not in the history. */
    void reportFailedTrigger() {
        failed++;
    }

    void reportRestored(long checkpointId, long restoreTimestamp, String externalPath) {
        restored++;
        latestRestored = new RestoredCheckpoint(checkpointId, restoreTimestamp, externalPath);
    }

    /** Replaces the checkpoint's entry, unless it dropped out of the history. */
    private void updateHistory(CheckpointStats stats) {
        history.computeIfPresent(stats.checkpointId(), (id, old) -> stats);
    }

    public Counts getCounts() {
        return new Counts(triggered, inProgress.size(), completed, failed, restored);
    }

    /** The latest checkpoints and savepoints, newest first. */
    public List<CheckpointStats> getHistory() {
        List<CheckpointStats> newestFirst = new ArrayList<>(history.values());
        Collections.reverse(newestFirst);
        return List.copyOf(newestFirst);
    }

    /** Over every checkpoint and savepoint that completed. */
    public Summary getSummary() {
        return new Summary(stateSizes.snapshot(), durations.snapshot());
    }

    /** The latest completed checkpoint (savepoints aside), or null. */
    public CheckpointStats getLatestCompleted() {
        return latestCompleted;
    }

    public CheckpointStats getLatestFailed() {
        return latestFailed;
    }

    public CheckpointStats getLatestSavepoint() {
        return latestSavepoint;
    }

    public RestoredCheckpoint getLatestRestored() {
        return latestRestored;
    }

    private static final class Accumulator {
        private long count;
        private long sum;
        private long min = Long.MAX_VALUE;
        private long max = Long.MIN_VALUE;

        void add(long value) {
            count++;
            sum += value;
            min = Math.min(min, value);
            max = Math.max(max, value);
        }

        MinMaxAvg snapshot() {
            return count == 0 ? new MinMaxAvg(0, 0, 0, 0) : new MinMaxAvg(count, min, max, sum / count);
        }
    }
}
