package io.spindle.runtime.jobmaster;

import io.spindle.configuration.Configuration;
import io.spindle.graph.JobGraph;
import io.spindle.runtime.checkpoint.CheckpointIdCounter;
import io.spindle.runtime.checkpoint.CheckpointStorage;
import io.spindle.runtime.checkpoint.CompletedCheckpoint;
import io.spindle.runtime.checkpoint.CompletedCheckpointStore;
import io.spindle.runtime.checkpoint.StateAssignment;
import io.spindle.runtime.checkpoint.StateRecoveryOptions;
import io.spindle.runtime.checkpoint.proto.CheckpointMetadata;
import io.spindle.runtime.checkpoint.storage.CheckpointMetadataFormat;
import io.spindle.util.HadoopFileSystems;
import java.io.IOException;
import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The savepoint (or retained checkpoint) a job is started from, by
 * {@link StateRecoveryOptions#PATH}: read and checked against the job when its JobMaster is
 * created, so that a missing, damaged or unfitting one fails the submission before any task
 * runs. Its id moves the job's checkpoint ids past it; with CLAIM it joins the job's completed
 * checkpoints, to be deleted once a newer one subsumes it, with NO_CLAIM it stays the user's.
 */
final class InitialState {
    private static final Logger LOG = LoggerFactory.getLogger(InitialState.class);

    private InitialState() {}

    /** The savepoint to start from, or null when the job starts empty. */
    static CompletedCheckpoint load(Configuration jobConfiguration, JobGraph jobGraph, CheckpointIdCounter ids,
            CompletedCheckpointStore store) {
        String path = jobConfiguration.get(StateRecoveryOptions.PATH);
        if (path == null || path.isBlank()) {
            return null;
        }
        CompletedCheckpoint latest = store.getLatestCheckpoint();
        if (latest != null) {
            // A new leader recovered the job: its own checkpoints are newer than where it started.
            LOG.info("Job '{}' ({}) resumes from its {}, not from {} it started from", jobGraph.getName(),
                    jobGraph.getJobId(), latest, path);
            return null;
        }
        CheckpointMetadata metadata;
        try {
            metadata = CheckpointMetadataFormat.read(path);
        } catch (IOException e) {
            throw new IllegalArgumentException("Cannot start job '" + jobGraph.getName() + "' from " + path + ": "
                    + e.getMessage(), e);
        }
        try {
            new StateAssignment(metadata).checkFits(jobGraph,
                    jobConfiguration.get(StateRecoveryOptions.IGNORE_UNCLAIMED_STATE));
        } catch (IllegalStateException e) {
            throw new IllegalArgumentException("Cannot start job '" + jobGraph.getName() + "' from " + path + ": "
                    + e.getMessage(), e);
        }
        String location;
        try {
            location = directoryOf(path);
        } catch (IOException e) {
            throw new IllegalArgumentException("Cannot start job '" + jobGraph.getName() + "' from " + path + ": "
                    + e.getMessage(), e);
        }
        StateRecoveryOptions.ClaimMode claimMode = jobConfiguration.get(StateRecoveryOptions.CLAIM_MODE);
        boolean claim = claimMode == StateRecoveryOptions.ClaimMode.CLAIM;
        // Claimed, a savepoint is from now on one of the job's checkpoints, retained and subsumed as they are.
        CompletedCheckpoint initial = new CompletedCheckpoint(location,
                claim ? metadata.toBuilder().setSavepoint(false).build() : metadata, System.currentTimeMillis());
        try {
            ids.setCount(Math.max(ids.get(), metadata.getCheckpointId() + 1));
            if (claim) {
                store.addCheckpointAndSubsumeOldest(initial, subsumed -> { });
            }
        } catch (Exception e) {
            throw new IllegalStateException("Could not take over " + path + " for job '" + jobGraph.getName() + "': "
                    + e.getMessage(), e);
        }
        LOG.info("Job '{}' ({}) starts from {} ({}, {})", jobGraph.getName(), jobGraph.getJobId(), initial, claimMode,
                metadata.getJobId().equals(jobGraph.getJobId().toHexString()) ? "its own" : "taken by job " + metadata.getJobId());
        return initial;
    }

    /** The savepoint's directory, qualified, also when the path names its _metadata file. */
    private static String directoryOf(String path) throws IOException {
        Path given = new Path(path);
        Path directory = given.getName().equals(CheckpointStorage.METADATA_FILE_NAME) ? given.getParent() : given;
        return HadoopFileSystems.forPath(directory).makeQualified(directory).toString();
    }
}
