package io.spindle.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.annotation.Nonnull;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real dumps with this JDK, in directories laid out like a NodeManager's. */
class ClassDataArchiveTest {
    private static final Path JAVA_HOME = Path.of(System.getProperty("java.home"));

    @TempDir
    Path node;
    private Path container;
    private Path applicationDir;
    private Path archive;

    @BeforeEach
    void layOutTheNode() throws Exception {
        // A PUBLIC-cached jar (outlives applications) and one of the application's own, both linked
        // into the container's working directory as the NodeManager does.
        Path publicCache = Files.createDirectories(node.resolve("filecache/10"));
        applicationDir = Files.createDirectories(node.resolve("usercache/app_1"));
        container = Files.createDirectories(applicationDir.resolve("container_1"));
        Path library = Files.copy(Path.of(Nonnull.class.getProtectionDomain().getCodeSource().getLocation().toURI()),
                publicCache.resolve("library.jar"));
        Files.createSymbolicLink(container.resolve("library.jar"), library);
        Path userJar = Files.copy(library, Files.createDirectories(applicationDir.resolve("filecache/11")).resolve("user.jar"));
        Files.createSymbolicLink(container.resolve("user.jar"), userJar);
        Files.writeString(container.resolve("spindle-conf.yaml"), "a: 1\n");
        archive = node.resolve("usercache").resolve(ClassDataArchive.DIRECTORY).resolve("taskmanager-k1.jsa");
    }

    private ClassDataArchive containerStarted(boolean withArchive, boolean sharing) {
        return containerStarted(withArchive, sharing, () -> true);
    }

    private ClassDataArchive containerStarted(boolean withArchive, boolean sharing, ClassDataArchive.IdleCoreProbe idleCore) {
        return new ClassDataArchive(archive, container, List.of("library.jar", "user.jar", "."), List.of(applicationDir),
                withArchive, sharing, JAVA_HOME, idleCore);
    }

    @Test
    void onlyTheLeadingJarsThatOutliveTheApplicationAreArchived() throws Exception {
        assertThat(containerStarted(false, false).sharedClassPath()).containsExactly("library.jar");
        ClassDataArchive dotFirst = new ClassDataArchive(archive, container, List.of(".", "library.jar"),
                List.of(applicationDir), false, false, JAVA_HOME, () -> true);
        assertThat(dotFirst.sharedClassPath()).isEmpty();
    }

    @Test
    void theRecordedClassesBecomeAnArchiveThatLaterJvmsOnTheNodeMap() throws Exception {
        recordLoadedClasses();

        containerStarted(false, false).maintain();

        assertThat(archive).isRegularFile();
        // No partial dump left; the lock file stays for the next dump of this archive.
        assertThat(Files.list(archive.getParent()).map(Path::getFileName).map(Path::toString))
                .containsExactlyInAnyOrder(archive.getFileName().toString(), archive.getFileName() + ".lock");
        // Another container of the node, with its own links to the same cached jar; -Xshare:on fails
        // the JVM unless it maps the archive.
        Path later = Files.createDirectories(applicationDir.resolve("container_2"));
        Files.createSymbolicLink(later.resolve("library.jar"), container.resolve("library.jar").toRealPath());
        Process java = new ProcessBuilder(JAVA_HOME.resolve("bin/java").toString(), "-Xshare:on",
                "-XX:SharedArchiveFile=" + archive, "-cp", "library.jar:.", "-version")
                .directory(later.toFile()).redirectErrorStream(true).start();
        String output = new String(java.getInputStream().readAllBytes());
        assertThat(java.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(java.exitValue()).as(output).isZero();
        assertThat(output).contains("sharing");
    }

    @Test
    void theDumpWaitsForAnIdleCore() throws Exception {
        recordLoadedClasses();
        AtomicInteger probes = new AtomicInteger();

        containerStarted(false, false, () -> probes.incrementAndGet() > 2).maintain();

        assertThat(probes).hasValue(3);
        assertThat(archive).isRegularFile();
    }

    @Test
    void oneDumpAtATimeAndWhatADeadDumpLeftIsCleanedUp() throws Exception {
        recordLoadedClasses();
        Path lock = Files.createDirectories(archive.getParent()).resolve(archive.getFileName() + ".lock");
        try (FileChannel held = FileChannel.open(lock, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                FileLock dumping = held.lock()) {
            containerStarted(false, false).maintain();
            assertThat(archive).doesNotExist();
        }
        Path partial = archive.resolveSibling(archive.getFileName() + ".4242.tmp");
        Files.writeString(partial, "half a dump of a container that was killed");

        containerStarted(false, false).maintain();

        assertThat(archive).isRegularFile();
        assertThat(partial).doesNotExist();
    }

    @Test
    void anArchiveTheJvmRefusedIsDeletedUnlessAnotherContainerReplacedItSinceThisJvmStarted() throws Exception {
        Files.createDirectories(archive.getParent());
        Files.writeString(archive, "written since this JVM started");
        ClassDataArchive refused = containerStarted(true, false);
        assertThat(refused.describe()).contains("refused");

        refused.maintain();
        assertThat(archive).isRegularFile();

        Files.setLastModifiedTime(archive, FileTime.from(Instant.now().minus(Duration.ofDays(2))));
        refused.maintain();
        assertThat(archive).doesNotExist();
        assertThat(containerStarted(false, false).describe()).contains("writes " + archive);
    }

    @Test
    void mappedArchivesStayAndThoseNoContainerMappedForAMonthGo() throws Exception {
        Files.createDirectories(archive.getParent());
        Files.writeString(archive, "an archive in use");
        FileTime lastWeek = FileTime.from(Instant.now().minus(Duration.ofDays(7)));
        Files.setLastModifiedTime(archive, lastWeek);
        Path otherVersion = archive.resolveSibling("taskmanager-k0.jsa");
        Files.writeString(otherVersion, "of an earlier Spindle");
        Files.setLastModifiedTime(otherVersion, FileTime.from(Instant.now().minus(Duration.ofDays(40))));
        Path otherRole = archive.resolveSibling("jobmanager-k1.jsa");
        Files.writeString(otherRole, "used last week");
        Files.setLastModifiedTime(otherRole, lastWeek);

        containerStarted(true, true).maintainInBackground(CompletableFuture.completedFuture(null));
        assertThat(Files.getLastModifiedTime(archive).toInstant()).isAfter(Instant.now().minus(Duration.ofMinutes(1)));

        Files.delete(archive);
        recordLoadedClasses();
        containerStarted(false, false).maintain();
        assertThat(archive).isRegularFile();
        assertThat(otherVersion).doesNotExist();
        assertThat(otherRole).exists();
    }

    @Test
    void jvmsThatCannotMapTheArchivesDoNotTakePart() {
        assertThat(ClassDataArchive.suits(4096, "-XX:+UseParallelGC")).isTrue();
        assertThat(ClassDataArchive.suits(40 * 1024, "")).as("no compressed pointers above 32 GB").isFalse();
        assertThat(ClassDataArchive.suits(4096, "-XX:+UseZGC")).isFalse();
        assertThat(ClassDataArchive.suits(4096, "-Xshare:off")).isFalse();
        assertThat(ClassDataArchive.suits(4096, "-XX:SharedArchiveFile=/opt/mine.jsa")).isFalse();
    }

    /** What -XX:DumpLoadedClassList writes, a JDK class and one of the cached jar's, cut mid-line. */
    private void recordLoadedClasses() throws Exception {
        Files.writeString(container.resolve(ClassDataArchive.LOADED_CLASSES_FILE),
                "# NOTE: Do not modify this file.\njava/lang/Object id: 0\njavax/annotation/Nonnull\njava/lang/Str");
    }
}
