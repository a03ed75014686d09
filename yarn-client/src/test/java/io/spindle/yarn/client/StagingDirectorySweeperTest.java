package io.spindle.yarn.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.yarn.api.records.ApplicationId;
import org.apache.hadoop.yarn.api.records.YarnApplicationState;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sweep on the local FileSystem, with the ResourceManager's answers given by the test. */
class StagingDirectorySweeperTest {
    private static final long CLUSTER = 1_700_000_000_000L;
    private static final Instant NOW = Instant.ofEpochMilli(1_800_000_000_000L);

    @TempDir
    Path root;

    private final Map<ApplicationId, YarnApplicationState> states = new HashMap<>();
    private FileSystem fileSystem;

    @BeforeEach
    void localFileSystem() throws Exception {
        fileSystem = FileSystem.getLocal(new Configuration());
    }

    @Test
    void deletesTheDirectoriesOfEndedApplicationsOnly() throws Exception {
        Path killed = staged(ApplicationId.newInstance(CLUSTER, 1), YarnApplicationState.KILLED);
        Path failed = staged(ApplicationId.newInstance(CLUSTER, 2), YarnApplicationState.FAILED);
        Path finished = staged(ApplicationId.newInstance(CLUSTER, 3), YarnApplicationState.FINISHED);
        Path running = staged(ApplicationId.newInstance(CLUSTER, 4), YarnApplicationState.RUNNING);
        Path accepted = staged(ApplicationId.newInstance(CLUSTER, 5), YarnApplicationState.ACCEPTED);

        assertThat(sweeper().sweep()).hasSize(3);

        assertThat(killed).doesNotExist();
        assertThat(failed).doesNotExist();
        assertThat(finished).doesNotExist();
        assertThat(running.resolve("lib.jar")).exists();
        assertThat(accepted.resolve("lib.jar")).exists();
    }

    @Test
    void anApplicationTheResourceManagerForgotGoesOnlyWhenItsDirectoryIsOldAndItIsOfThisResourceManager() throws Exception {
        // A deployment uploads before it submits: its application is not listed yet.
        Path beingDeployed = staged(ApplicationId.newInstance(CLUSTER, 6), null);
        Path forgotten = staged(ApplicationId.newInstance(CLUSTER, 7), null);
        Path otherResourceManager = staged(ApplicationId.newInstance(CLUSTER + 1, 7), null);
        long old = NOW.minus(StagingDirectorySweeper.UNKNOWN_APPLICATION_GRACE).toEpochMilli() - 1;
        Files.setLastModifiedTime(forgotten, java.nio.file.attribute.FileTime.fromMillis(old));
        Files.setLastModifiedTime(otherResourceManager, java.nio.file.attribute.FileTime.fromMillis(old));
        Files.setLastModifiedTime(beingDeployed, java.nio.file.attribute.FileTime.from(NOW.minusSeconds(5)));

        sweeper().sweep();

        assertThat(forgotten).doesNotExist();
        assertThat(beingDeployed).exists();
        assertThat(otherResourceManager).exists();
    }

    @Test
    void leavesWhatIsNotAnApplicationsDirectoryAndCopesWithNothingStaged() throws Exception {
        assertThat(sweeper().sweep()).isEmpty();
        Path spindle = Files.createDirectories(root.resolve(".spindle"));
        Path stray = Files.createDirectories(spindle.resolve("notes"));
        Path file = Files.writeString(spindle.resolve("application_1700000000000_0009"), "a file, not a directory");
        states.put(ApplicationId.newInstance(CLUSTER, 9), YarnApplicationState.KILLED);

        assertThat(sweeper().sweep()).isEmpty();
        assertThat(stray).exists();
        assertThat(file).exists();
    }

    private Path staged(ApplicationId applicationId, YarnApplicationState state) throws Exception {
        Path directory = Files.createDirectories(root.resolve(".spindle").resolve(applicationId.toString()));
        Files.writeString(directory.resolve("lib.jar"), "jar");
        if (state != null) {
            states.put(applicationId, state);
        }
        return directory;
    }

    private StagingDirectorySweeper sweeper() {
        return new StagingDirectorySweeper(fileSystem, new org.apache.hadoop.fs.Path(root.resolve(".spindle").toUri()),
                states::get, CLUSTER, Clock.fixed(NOW, ZoneOffset.UTC));
    }
}
