package io.spindle.runtime.checkpoint;

import io.spindle.api.JobStatus;
import java.util.List;
import java.util.function.Consumer;

/**
 * The completed checkpoints a job keeps to restore from, newest last. Only checkpoints are
 * added, never savepoints: those belong to the user and are neither retained nor deleted here.
 * Deleting a checkpoint's files is the caller's business, through the consumers it passes, so a
 * highly available store only has to keep track of what is retained.
 */
public interface CompletedCheckpointStore {

    /**
     * Adds a checkpoint newer than every retained one; the oldest beyond
     * {@link #getMaxRetained()} are dropped and handed to {@code discardSubsumed}, oldest first.
     */
    void addCheckpointAndSubsumeOldest(CompletedCheckpoint checkpoint, Consumer<CompletedCheckpoint> discardSubsumed)
            throws Exception;

    /** The newest retained checkpoint, or null when there is none. */
    CompletedCheckpoint getLatestCheckpoint();

    /** The retained checkpoints, oldest first. */
    List<CompletedCheckpoint> getAllCheckpoints();

    int getMaxRetained();

    /**
     * The job ended with {@code jobStatus}: every retained checkpoint is dropped and handed to
     * {@code discard}, which deletes it or not as the retention policy says.
     */
    void shutdown(JobStatus jobStatus, Consumer<CompletedCheckpoint> discard) throws Exception;
}
