package io.spindle.it.yarn;

import static org.assertj.core.api.Assertions.assertThat;

import io.spindle.api.JobID;
import io.spindle.api.StreamEnvironment;
import io.spindle.api.connectors.DiscardingSink;
import io.spindle.client.rest.RestClusterClient;
import io.spindle.configuration.Configuration;
import io.spindle.yarn.client.ClusterClientHandle;
import io.spindle.yarn.client.ClusterSpecification;
import io.spindle.yarn.client.YarnClusterDescriptor;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Class-data sharing on a real NodeManager: the first containers of each role write the node's
 * archives, later ones map them, and an archive the JVM refuses is replaced. One NodeManager, so
 * every container of every session runs on the same node.
 */
class YarnClassDataSharingTest {
    private static final String MAPPED = "Classes mapped from the node's class-data archive";

    @TempDir
    static Path work;

    private static YarnSandboxFixture hadoop;

    @BeforeAll
    static void startHadoop() throws Exception {
        hadoop = YarnSandboxFixture.start(work, 1);
    }

    @AfterAll
    static void stopHadoop() throws Exception {
        if (hadoop != null) {
            hadoop.close();
        }
    }

    @Test
    void laterContainersOnANodeMapTheArchivesTheFirstOnesWroteAndARefusedOneIsReplaced() throws Exception {
        Configuration configuration = new Configuration();
        configuration.setString("yarn.provided.lib.dirs", hadoop.putLibJars("/spindle-lib"));
        try (YarnClusterDescriptor descriptor = hadoop.descriptor(configuration, List.of())) {
            String first = runTrivialJobInASession(descriptor, true);
            assertThat(hadoop.containerLog(first, "jobmanager.log")).contains("No class-data archive on this node yet");
            assertThat(hadoop.containerLog(first, "taskmanager.log")).contains("No class-data archive on this node yet");

            String second = runTrivialJobInASession(descriptor, false);
            assertThat(hadoop.containerLog(second, "jobmanager.log")).contains(MAPPED);
            assertThat(hadoop.containerLog(second, "taskmanager.log")).contains(MAPPED);

            // Made from other jars, or by another JDK: the JVM starts without it, and it goes.
            Path taskManagerArchive = archive("taskmanager-").orElseThrow();
            Files.delete(taskManagerArchive);
            Files.writeString(taskManagerArchive, "not an archive of these jars");
            String third = runTrivialJobInASession(descriptor, false);
            assertThat(hadoop.containerLog(third, "jobmanager.log")).contains(MAPPED);
            assertThat(hadoop.containerLog(third, "taskmanager.log")).contains("The JVM refused the node's class-data archive");
            YarnSandboxFixture.await("the refused archive to be deleted", Duration.ofSeconds(20),
                    () -> !Files.exists(taskManagerArchive));
        }
    }

    /**
     * Deploys a session, runs a job to its end, optionally waits for the node's two archives, and
     * stops the session; returns its application id.
     */
    private static String runTrivialJobInASession(YarnClusterDescriptor descriptor, boolean awaitArchives) throws Exception {
        ClusterClientHandle session = descriptor.deploySession(new ClusterSpecification(768, 1024, 1));
        URI rest = URI.create(session.restUrl());
        RestClusterClient client = new RestClusterClient(rest.getHost(), rest.getPort(), Duration.ofSeconds(10));
        StreamEnvironment env = new StreamEnvironment(new Configuration(), null);
        env.fromSequence(1, 1000).addSink(new DiscardingSink<>());
        JobID jobId = client.submitJob(env.getJobGraph("trivial"), List.of());
        client.waitForResult(jobId);
        if (awaitArchives) {
            YarnSandboxFixture.await("the node's class-data archives", Duration.ofSeconds(90),
                    () -> archive("jobmanager-").isPresent() && archive("taskmanager-").isPresent());
        }
        YarnSandboxFixture.stopSession(session);
        return session.applicationId().toString();
    }

    /** The node's archive of the role whose file names start with {@code prefix}, if written. */
    private static Optional<Path> archive(String prefix) throws Exception {
        try (Stream<Path> files = Files.walk(hadoop.hadoopHome())) {
            return files.filter(file -> isArchive(file, prefix)).findFirst();
        }
    }

    private static boolean isArchive(Path file, String prefix) {
        String name = file.getFileName().toString();
        return file.getParent().getFileName().toString().equals("spindle-class-data") && name.startsWith(prefix)
                && name.endsWith(".jsa");
    }
}
