package io.spindle.yarn.client;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.yarn.api.records.ApplicationId;
import org.apache.hadoop.yarn.api.records.YarnApplicationState;
import org.apache.hadoop.yarn.exceptions.YarnException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes the staging directories under {@code <root>/.spindle/} whose application has ended.
 * An ApplicationMaster deletes its own when it unregisters, but one that was killed
 * ({@code yarn application -kill}, a lost node on the last attempt) never gets the chance; Flink
 * leaves those behind for good. The client sweeps them when it deploys and when it finds a
 * cluster ended.
 */
final class StagingDirectorySweeper {
    private static final Logger LOG = LoggerFactory.getLogger(StagingDirectorySweeper.class);

    /**
     * How old the directory of an application unknown to the ResourceManager must be before it
     * goes: a deployment uploads its files before it submits, and YARN does not list an
     * application created but not yet submitted.
     */
    static final Duration UNKNOWN_APPLICATION_GRACE = Duration.ofHours(1);

    /** The ResourceManager's view of an application, behind an interface so the sweep is tested without YARN. */
    interface ApplicationStates {
        /** The application's state, or null when the ResourceManager does not know it (any more). */
        YarnApplicationState stateOf(ApplicationId applicationId) throws IOException, YarnException;
    }

    private final FileSystem fileSystem;
    private final Path spindleRoot;
    private final ApplicationStates states;
    private final long currentClusterTimestamp;
    private final Clock clock;

    /**
     * @param currentClusterTimestamp the ResourceManager's cluster timestamp: an unknown
     *     application of another ResourceManager sharing the FileSystem may be alive there
     */
    StagingDirectorySweeper(FileSystem fileSystem, Path spindleRoot, ApplicationStates states,
            long currentClusterTimestamp, Clock clock) {
        this.fileSystem = fileSystem;
        this.spindleRoot = spindleRoot;
        this.states = states;
        this.currentClusterTimestamp = currentClusterTimestamp;
        this.clock = clock;
    }

    /** Deletes the directories of ended applications; returns those deleted. */
    List<Path> sweep() throws IOException, YarnException {
        FileStatus[] children;
        try {
            children = fileSystem.listStatus(spindleRoot);
        } catch (FileNotFoundException nothingStagedYet) {
            return List.of();
        }
        List<Path> deleted = new ArrayList<>();
        for (FileStatus child : children) {
            ApplicationId applicationId = applicationIdOf(child);
            if (applicationId != null && isLeftOver(applicationId, child)
                    && (fileSystem.delete(child.getPath(), true) || !fileSystem.exists(child.getPath()))) {
                LOG.info("Deleted the staging directory {} of the ended application {}", child.getPath(), applicationId);
                deleted.add(child.getPath());
            }
        }
        return deleted;
    }

    private boolean isLeftOver(ApplicationId applicationId, FileStatus directory) throws IOException, YarnException {
        YarnApplicationState state = states.stateOf(applicationId);
        if (state != null) {
            return ClusterClientHandle.hasEnded(state);
        }
        long age = clock.millis() - directory.getModificationTime();
        return applicationId.getClusterTimestamp() == currentClusterTimestamp
                && age > UNKNOWN_APPLICATION_GRACE.toMillis();
    }

    private static ApplicationId applicationIdOf(FileStatus child) {
        if (!child.isDirectory()) {
            return null;
        }
        try {
            return ApplicationId.fromString(child.getPath().getName());
        } catch (IllegalArgumentException notAnApplicationDirectory) {
            return null;
        }
    }
}
