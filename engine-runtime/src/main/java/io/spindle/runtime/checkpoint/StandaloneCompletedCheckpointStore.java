package io.spindle.runtime.checkpoint;

import io.spindle.api.JobStatus;
import java.util.ArrayDeque;
import java.util.List;
import java.util.function.Consumer;

/**
 * The checkpoint store of a JobMaster without high availability: in memory, so it lasts as long
 * as the JobMaster (a restart of the job within it restores from here; a new JobMaster starts
 * empty). Used from the JobMaster's main thread only.
 */
public final class StandaloneCompletedCheckpointStore implements CompletedCheckpointStore {
    private final int maxRetained;
    private final ArrayDeque<CompletedCheckpoint> checkpoints = new ArrayDeque<>();

    public StandaloneCompletedCheckpointStore(int maxRetained) {
        if (maxRetained < 1) {
            throw new IllegalArgumentException("At least one checkpoint must be retained, not " + maxRetained);
        }
        this.maxRetained = maxRetained;
    }

    @Override
    public void addCheckpointAndSubsumeOldest(CompletedCheckpoint checkpoint,
            Consumer<CompletedCheckpoint> discardSubsumed) {
        if (checkpoint.isSavepoint()) {
            throw new IllegalArgumentException("Savepoints are not retained: " + checkpoint);
        }
        CompletedCheckpoint latest = checkpoints.peekLast();
        if (latest != null && latest.checkpointId() >= checkpoint.checkpointId()) {
            throw new IllegalArgumentException(checkpoint + " is not newer than the retained " + latest);
        }
        checkpoints.addLast(checkpoint);
        while (checkpoints.size() > maxRetained) {
            discardSubsumed.accept(checkpoints.removeFirst());
        }
    }

    @Override
    public CompletedCheckpoint getLatestCheckpoint() {
        return checkpoints.peekLast();
    }

    @Override
    public List<CompletedCheckpoint> getAllCheckpoints() {
        return List.copyOf(checkpoints);
    }

    @Override
    public int getMaxRetained() {
        return maxRetained;
    }

    /** Hands every checkpoint to {@code discard}; in memory, the job status changes nothing else. */
    @Override
    public void shutdown(JobStatus jobStatus, Consumer<CompletedCheckpoint> discard) {
        while (!checkpoints.isEmpty()) {
            discard.accept(checkpoints.removeFirst());
        }
    }
}
