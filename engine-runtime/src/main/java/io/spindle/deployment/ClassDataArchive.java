package io.spindle.deployment;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A node's class-data sharing (CDS) archive of one container role: the classes a JobManager or
 * TaskManager loads while it starts, parsed and verified once and then mapped by every later
 * container of that role on the node. A container JVM spends most of its start loading about
 * 3,500 classes; with the archive a TaskManager starts in about 60% of the time and CPU.
 *
 * <p>Why per node, and written by the containers themselves: a JDK 17 archive names the jars it
 * was made from and is valid only while those files keep their size and modification time. The
 * NodeManager downloads {@code yarn.provided.lib.dirs} jars once per node into its PUBLIC cache,
 * so their copies differ between nodes but stay the same for every container on one node.
 *
 * <p>How: the launch command ({@link #launchOptions}) maps the archive when the node has one;
 * otherwise the JVM records the classes it loads. Once the container did its work once (its
 * first task or job ended, so the classes of running one are recorded too) or a while passed
 * ({@link #maintainInBackground}), and once a core of the node is idle ({@link IdleCores}), it
 * dumps an archive from that record in a child JVM, limited to the jars that outlive the
 * application, so user code never enters it, and moves it into place. One container per role and
 * node dumps at a time (a file lock the system drops with its holder); a container that exits
 * first stops its dump. An archive the JVM refused (a jar or the JDK changed) is deleted, and a
 * later container records again. Containers that map an archive mark it used; archives unused
 * for {@link #UNUSED_LIFETIME} are deleted.
 */
public final class ClassDataArchive {
    private static final Logger LOG = LoggerFactory.getLogger(ClassDataArchive.class);

    /** Under the first of the NodeManager's user directories, which outlive applications. */
    static final String DIRECTORY = "spindle-class-data";
    /** In the container's working directory: the classes the JVM loaded, when it had no archive. */
    static final String LOADED_CLASSES_FILE = "spindle-loaded-classes.txt";
    /** Set by the launch command when it mapped the archive. */
    static final String MAPPED_PROPERTY = "spindle.class-data.mapped";
    /** A dump starts at the latest this long after the container started, even before any work ended. */
    static final Duration LONGEST_WARM_UP = Duration.ofSeconds(30);
    /** A dump waits at most this long for an idle core; on a node that stays busy, a later container tries. */
    static final Duration LONGEST_WAIT_FOR_IDLE_CORE = Duration.ofMinutes(10);
    /** Archives no container mapped for this long (earlier Spindle versions, say) are deleted. */
    static final Duration UNUSED_LIFETIME = Duration.ofDays(30);
    private static final Duration DUMP_TIMEOUT = Duration.ofMinutes(5);
    private static final List<String> INCOMPATIBLE_OPTIONS = List.of("-Xshare", "SharedArchiveFile",
            "ArchiveClassesAtExit", "DumpLoadedClassList", "SharedClassListFile", "UseZGC", "-UseCompressedOops",
            "-UseCompressedClassPointers");

    private final Path archive;
    private final Path workingDirectory;
    private final List<String> classPath;
    private final List<Path> applicationDirectories;
    private final boolean launchedWithArchive;
    private final boolean sharing;
    private final Path javaHome;
    private final IdleCoreProbe idleCore;

    /** Whether a core of the node is idle now; true where that cannot be told. */
    interface IdleCoreProbe {
        boolean idleCoreAvailable() throws InterruptedException;
    }

    ClassDataArchive(Path archive, Path workingDirectory, List<String> classPath, List<Path> applicationDirectories,
            boolean launchedWithArchive, boolean sharing, Path javaHome, IdleCoreProbe idleCore) {
        this.archive = archive;
        this.workingDirectory = workingDirectory;
        this.classPath = classPath;
        this.applicationDirectories = applicationDirectories;
        this.launchedWithArchive = launchedWithArchive;
        this.sharing = sharing;
        this.javaHome = javaHome;
        this.idleCore = idleCore;
    }

    /**
     * The launch command's JVM options: map the node's archive of this role when there is one,
     * else record the loaded classes. A shell fragment for the NodeManager's launch script, which
     * expands it; no double quotes, as the script quotes the whole command with them.
     */
    static String launchOptions(ContainerCommand.Role role, String key) {
        String archive = "${LOCAL_USER_DIRS%%,*}/" + DIRECTORY + '/' + fileName(role, key);
        return "$(test -f " + archive + " && echo -XX:SharedArchiveFile=" + archive + " -D" + MAPPED_PROPERTY
                + "=true || echo -XX:DumpLoadedClassList=" + LOADED_CLASSES_FILE + ')';
    }

    /**
     * Whether a JVM with this heap and these options can map the archives, which are dumped with
     * compressed object and class pointers: not with a heap of 32 GB or more, ZGC, those pointers
     * turned off, or class-data options of the user's own (which would also make every container
     * refuse, delete and dump the node's archive again).
     */
    static boolean suits(long heapMb, String jvmOptions) {
        return heapMb < 31 * 1024 && INCOMPATIBLE_OPTIONS.stream().noneMatch(jvmOptions::contains);
    }

    static String fileName(ContainerCommand.Role role, String key) {
        return role.logName() + '-' + key + ".jsa";
    }

    /**
     * This container's archive, when its launch command used {@link #launchOptions} (the client
     * set {@link YarnDeploymentConstants#ENV_CLASS_DATA_KEY}) and the NodeManager named its user
     * directories.
     */
    public static Optional<ClassDataArchive> ofContainer(ContainerCommand.Role role) {
        Map<String, String> env = System.getenv();
        String key = env.get(YarnDeploymentConstants.ENV_CLASS_DATA_KEY);
        String userDirs = env.get("LOCAL_USER_DIRS");
        if (key == null || userDirs == null || userDirs.isBlank()) {
            return Optional.empty();
        }
        Path archive = Path.of(userDirs.split(",")[0], DIRECTORY, fileName(role, key));
        List<Path> applicationDirectories = new ArrayList<>();
        for (String dir : env.getOrDefault("LOCAL_DIRS", "").split(",")) {
            if (!dir.isBlank()) {
                applicationDirectories.add(Path.of(dir));
            }
        }
        return Optional.of(new ClassDataArchive(archive, Path.of("").toAbsolutePath(),
                List.of(System.getProperty("java.class.path").split(java.io.File.pathSeparator)), applicationDirectories,
                Boolean.getBoolean(MAPPED_PROPERTY), System.getProperty("java.vm.info", "").contains("sharing"),
                Path.of(System.getProperty("java.home")),
                () -> IdleCores.measure(Duration.ofSeconds(1)).orElse(Double.MAX_VALUE) >= 1.0));
    }

    /** One line for the container's log: whether this JVM's classes came from the archive. */
    public String describe() {
        if (launchedWithArchive) {
            return sharing ? "Classes mapped from the node's class-data archive " + archive
                    : "The JVM refused the node's class-data archive " + archive + " (a jar or the JDK changed); it is replaced";
        }
        return "No class-data archive on this node yet; this container writes " + archive;
    }

    /**
     * Call once the process has started: deletes a refused archive, or writes the node's archive
     * from the classes this JVM loaded once {@code warmedUp} completes (at the latest after
     * {@link #LONGEST_WARM_UP}), on a daemon thread; failures are logged, never thrown.
     */
    public void maintainInBackground(CompletableFuture<?> warmedUp) {
        if (launchedWithArchive && sharing) {
            markUsed();
            return;
        }
        Thread thread = new Thread(() -> {
            try {
                if (!launchedWithArchive) {
                    awaitQuietly(warmedUp);
                }
                maintain();
            } catch (IOException | RuntimeException e) {
                LOG.warn("Could not write the class-data archive {}; containers on this node start without it", archive, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "class-data-archive");
        thread.setDaemon(true);
        thread.start();
    }

    private static void awaitQuietly(CompletableFuture<?> warmedUp) throws InterruptedException {
        try {
            warmedUp.get(LONGEST_WARM_UP.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException enoughEitherWay) {
            // The classes loaded so far are recorded all the same.
        }
    }

    void maintain() throws IOException, InterruptedException {
        if (launchedWithArchive) {
            deleteRefusedArchive();
            return;
        }
        Path loadedClasses = workingDirectory.resolve(LOADED_CLASSES_FILE);
        List<String> sharedClassPath = sharedClassPath();
        if (!Files.exists(loadedClasses) || sharedClassPath.isEmpty() || Files.exists(archive)) {
            return;
        }
        Files.createDirectories(archive.getParent());
        try (FileChannel lockFile = FileChannel.open(archive.resolveSibling(archive.getFileName() + ".lock"),
                StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                FileLock lock = tryLock(lockFile)) {
            if (lock == null || Files.exists(archive)) {
                return;
            }
            // Holding the lock, nobody else writes this archive: what is left was a dump that died.
            deletePartialDumps();
            if (!awaitIdleCore()) {
                LOG.info("No core of this node was idle for {} minutes; a later container writes {}",
                        LONGEST_WAIT_FOR_IDLE_CORE.toMinutes(), archive);
                return;
            }
            dump(loadedClasses, sharedClassPath);
            deleteUnusedArchives();
        }
    }

    /**
     * The archive named files that changed (or another JDK made it). Only the file this JVM was
     * given goes: one written since this JVM started is another container's fresh dump.
     */
    private void deleteRefusedArchive() throws IOException {
        Optional<Instant> started = ProcessHandle.current().info().startInstant();
        try {
            if (started.isPresent() && Files.getLastModifiedTime(archive).toInstant().isBefore(started.get())) {
                Files.deleteIfExists(archive);
            }
        } catch (NoSuchFileException alreadyGone) {
            // Another container deleted it.
        }
    }

    /** Archives in use keep a recent modification time, so {@link #deleteUnusedArchives} spares them. */
    private void markUsed() {
        try {
            Instant now = Instant.now();
            if (Files.getLastModifiedTime(archive).toInstant().isBefore(now.minus(Duration.ofDays(1)))) {
                Files.setLastModifiedTime(archive, FileTime.from(now));
            }
        } catch (IOException notOurs) {
            LOG.debug("Could not mark {} as used", archive, notOurs);
        }
    }

    private static FileLock tryLock(FileChannel lockFile) throws IOException {
        try {
            return lockFile.tryLock();
        } catch (OverlappingFileLockException heldInThisJvm) {
            return null;
        }
    }

    private boolean awaitIdleCore() throws InterruptedException {
        long deadline = System.nanoTime() + LONGEST_WAIT_FOR_IDLE_CORE.toNanos();
        while (!idleCore.idleCoreAvailable()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(1_000);
        }
        return true;
    }

    /**
     * The leading class path entries that are jars outliving the application (PUBLIC-cached
     * provided libs): an archive is valid for any class path that starts with its own.
     */
    List<String> sharedClassPath() throws IOException {
        List<String> shared = new ArrayList<>();
        for (String entry : classPath) {
            Path path = workingDirectory.resolve(entry);
            if (!entry.endsWith(".jar") || !Files.isRegularFile(path)) {
                break;
            }
            Path real = path.toRealPath();
            if (applicationDirectories.stream().anyMatch(real::startsWith)) {
                break;
            }
            shared.add(entry);
        }
        return shared;
    }

    private void deletePartialDumps() throws IOException {
        String prefix = archive.getFileName() + ".";
        try (Stream<Path> files = Files.list(archive.getParent())) {
            for (Path file : files.filter(file -> file.getFileName().toString().startsWith(prefix)
                    && file.getFileName().toString().endsWith(".tmp")).toList()) {
                Files.deleteIfExists(file);
            }
        }
    }

    private void dump(Path loadedClasses, List<String> sharedClassPath) throws IOException, InterruptedException {
        long start = System.nanoTime();
        String suffix = "." + ProcessHandle.current().pid();
        Path classList = workingDirectory.resolve(LOADED_CLASSES_FILE + suffix);
        Path partial = archive.resolveSibling(archive.getFileName() + suffix + ".tmp");
        Path output = workingDirectory.resolve("class-data-dump.log");
        // The JVM still appends to its list: dump from a copy that ends with a whole line.
        String recorded = Files.readString(loadedClasses, StandardCharsets.UTF_8);
        Files.writeString(classList, recorded.substring(0, recorded.lastIndexOf('\n') + 1), StandardCharsets.UTF_8);
        List<String> command = new ArrayList<>();
        // Yields to this container's own threads; towards other containers the idle core is what counts.
        if (Files.isExecutable(Path.of("/usr/bin/nice"))) {
            command.addAll(List.of("/usr/bin/nice", "-n", "10"));
        }
        // About 200 MB resident for some 4,000 classes, whatever the heap; the cap keeps it there.
        command.addAll(List.of(javaHome.resolve("bin/java").toString(), "-Xmx128m", "-Xshare:dump",
                "-XX:SharedClassListFile=" + classList, "-XX:SharedArchiveFile=" + partial,
                "-cp", String.join(java.io.File.pathSeparator, sharedClassPath)));
        Process process = new ProcessBuilder(command).directory(workingDirectory.toFile())
                .redirectErrorStream(true).redirectOutput(output.toFile()).start();
        // A container that exits mid-dump must not leave the dump running outside it, nor its file.
        Thread stopDump = new Thread(() -> {
            process.destroyForcibly();
            try {
                Files.deleteIfExists(partial);
            } catch (IOException ignored) {
                // The next dump of this archive deletes it.
            }
        });
        Runtime.getRuntime().addShutdownHook(stopDump);
        try {
            boolean done = process.waitFor(DUMP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            if (!done || process.exitValue() != 0 || !Files.exists(partial)) {
                LOG.warn("Could not write the class-data archive {} ({}); see {}", archive,
                        done ? "the dump exited with " + process.exitValue() : "the dump took over " + DUMP_TIMEOUT.toMinutes() + " minutes",
                        output);
                return;
            }
            Files.move(partial, archive, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            LOG.info("Wrote the class-data archive {} in {} ms: later containers of this role on this node map it",
                    archive, (System.nanoTime() - start) / 1_000_000);
        } finally {
            process.destroyForcibly();
            Files.deleteIfExists(partial);
            Files.deleteIfExists(classList);
            removeShutdownHook(stopDump);
        }
    }

    private static void removeShutdownHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // The hook runs now anyway.
        }
    }

    /** Deletes archives (and their locks) that no container mapped for {@link #UNUSED_LIFETIME}. */
    private void deleteUnusedArchives() throws IOException {
        Instant unusedSince = Instant.now().minus(UNUSED_LIFETIME);
        List<Path> unused;
        try (Stream<Path> files = Files.list(archive.getParent())) {
            unused = files.filter(file -> file.getFileName().toString().endsWith(".jsa") && !file.equals(archive)
                    && lastModified(file).toInstant().isBefore(unusedSince)).toList();
        }
        for (Path old : unused) {
            Files.deleteIfExists(old);
            Files.deleteIfExists(old.resolveSibling(old.getFileName() + ".lock"));
        }
    }

    private static FileTime lastModified(Path file) {
        try {
            return Files.getLastModifiedTime(file);
        } catch (IOException gone) {
            return FileTime.fromMillis(0);
        }
    }
}
