package io.spindle.sandbox;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileUtil;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.apache.hadoop.yarn.conf.YarnConfiguration;
import org.apache.hadoop.yarn.server.MiniYARNCluster;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/**
 * A single-JVM Hadoop for trying Spindle on YARN: a MiniDFSCluster (one DataNode), a
 * MiniYARNCluster (two NodeManagers by default) and an embedded ZooKeeper server, all on
 * loopback. Once everything is up it writes a client conf dir ({@link SandboxLayout#confDir()})
 * and then the {@link SandboxLayout#readyMarker() ready marker}; {@link #close()} removes the
 * marker first and then stops the services.
 *
 * <p>Containers run as the current user (DefaultContainerExecutor). They see only the
 * environment the NodeManager passes on: {@code JAVA_HOME} and {@code HADOOP_CONF_DIR} are
 * forwarded from this JVM's environment when set (the start script sets both); a deployer that
 * starts the sandbox in-process must set {@code JAVA_HOME} in the container launch context
 * itself. {@code yarn.application.classpath} in the written yarn-site.xml is the conf dir, which
 * is all a container needs besides Spindle's own jars (they bundle the shaded Hadoop client).
 *
 * <p>Fault controls for chaos runs ({@link #restartNameNode()}, {@link #restartZooKeeper()},
 * {@link #expireSessionOwning(String)}, {@link #containers()}, {@link #signalContainer}) are
 * methods for in-process tests and, for {@code scripts/local-hadoop.sh}, a loopback HTTP endpoint
 * ({@link SandboxControlServer}) whose address is {@code control.address} in the addresses file.
 *
 * <p>Thread safety: all methods may be called from any thread; the accessors are immutable after
 * start (a restarted NameNode or ZooKeeper keeps its address).
 */
public final class LocalHadoopSandbox implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LocalHadoopSandbox.class);
    private static final String LOOPBACK = "127.0.0.1";
    private static final long NODE_MANAGER_REGISTRATION_TIMEOUT_MS = 60_000;
    private static final Duration NAME_NODE_RESTART_TIMEOUT = Duration.ofSeconds(60);
    /** Key under which Spindle's ZooKeeper HA services look for the quorum. */
    public static final String ZOOKEEPER_QUORUM_KEY = "high-availability.zookeeper.quorum";

    /**
     * Size of the YARN cluster.
     *
     * @param nodeManagers number of NodeManagers
     * @param memoryMbPerNode memory each NodeManager offers; also the largest container allowed
     * @param vcoresPerNode virtual cores each NodeManager offers; also the most a container may ask
     */
    public record Resources(int nodeManagers, int memoryMbPerNode, int vcoresPerNode) {
        /** Two NodeManagers with 4096 MB and 4 vcores each. */
        public static final Resources DEFAULT = new Resources(2, 4096, 4);

        /** Rejects sizes YARN cannot run with. */
        public Resources {
            if (nodeManagers < 1 || memoryMbPerNode < 256 || vcoresPerNode < 1) {
                throw new IllegalArgumentException("The sandbox needs at least 1 NodeManager with 256 MB and "
                        + "1 vcore, got " + nodeManagers + " NodeManagers with " + memoryMbPerNode + " MB and "
                        + vcoresPerNode + " vcores");
            }
        }
    }

    /** How long stopping YARN waits for each of its services before it goes on. */
    private static final Duration YARN_STOP_WAIT = Duration.ofSeconds(4);

    private final SandboxLayout layout;
    private EmbeddedZooKeeper zooKeeper;
    private MiniDFSCluster dfs;
    private MiniYARNCluster yarn;
    private ContainerProcesses containerProcesses;
    private SandboxControlServer control;
    private int nodeManagers;
    private URI hdfsUri;
    private boolean closed;

    private LocalHadoopSandbox(SandboxLayout layout) {
        this.layout = layout;
    }

    /** Starts a sandbox of the {@link Resources#DEFAULT default size} whose files live under {@code home}. */
    public static LocalHadoopSandbox start(Path home) throws IOException {
        return start(new SandboxLayout(home), Resources.DEFAULT);
    }

    /**
     * Starts all services, wiping any state a previous sandbox left under the layout's
     * directories, and returns once the NodeManagers have registered and the conf dir and ready
     * marker are written. On failure everything started so far is stopped again.
     */
    public static LocalHadoopSandbox start(SandboxLayout layout, Resources resources) throws IOException {
        LocalHadoopSandbox sandbox = new LocalHadoopSandbox(layout);
        try {
            sandbox.startServices(resources);
            return sandbox;
        } catch (IOException | RuntimeException | Error e) {
            sandbox.close();
            throw e;
        } catch (Exception e) {
            sandbox.close();
            throw new IOException("Could not start the local Hadoop sandbox under " + layout.home()
                    + " (see the log for the failing service): " + e, e);
        }
    }

    private void startServices(Resources resources) throws Exception {
        long startNanos = System.nanoTime();
        Files.createDirectories(layout.home());
        Files.deleteIfExists(layout.readyMarker());
        Files.deleteIfExists(layout.addressesFile());

        // Fresh state on every start, like the freshly formatted HDFS.
        FileUtil.fullyDelete(layout.zooKeeperDir().toFile());
        FileUtil.fullyDelete(layout.yarnDir().toFile());
        zooKeeper = EmbeddedZooKeeper.start(layout.zooKeeperDir(), LOOPBACK);
        LOG.info("ZooKeeper is up at {}", zooKeeperQuorum());

        // HDFS and YARN do not depend on each other; starting them side by side saves seconds of
        // the sandbox's start-up, which is mostly class loading and service initialisation.
        Configuration dfsConf = new Configuration();
        dfsConf.setInt("dfs.replication", 1);
        dfsConf.setBoolean("dfs.permissions.enabled", false);
        // A restarted NameNode learns of the DataNode with its next heartbeat (3 s by default).
        dfsConf.setInt("dfs.heartbeat.interval", 1);
        FutureTask<MiniDFSCluster> dfsStart = new FutureTask<>(() -> new MiniDFSCluster.Builder(dfsConf,
                layout.dataDir().toFile())
                .numDataNodes(1)
                .format(true)
                .checkExitOnShutdown(false)
                .build());
        Thread dfsStarter = new Thread(dfsStart, "sandbox-hdfs-start");
        dfsStarter.setDaemon(true);
        dfsStarter.start();
        try {
            nodeManagers = resources.nodeManagers();
            yarn = startYarn(resources);
            LOG.info("YARN is up: ResourceManager at {}, web UI at {}", resourceManagerAddress(),
                    resourceManagerWebAddress());
        } finally {
            dfs = awaitDfs(dfsStart);
        }
        hdfsUri = dfs.getURI();
        LOG.info("HDFS is up at {}", hdfsUri);
        containerProcesses = new ContainerProcesses(layout.yarnDir());
        control = SandboxControlServer.start(this);
        LOG.info("Fault controls at http://{}", control.address());

        writeConfDir(dfsConf);
        LOG.info("Sandbox ready in {} ms; HADOOP_CONF_DIR={}", (System.nanoTime() - startNanos) / 1_000_000,
                layout.confDir());
    }

    private static MiniDFSCluster awaitDfs(FutureTask<MiniDFSCluster> dfsStart) throws Exception {
        try {
            return dfsStart.get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }

    private MiniYARNCluster startYarn(Resources resources) throws Exception {
        YarnConfiguration conf = new YarnConfiguration();
        conf.setInt(YarnConfiguration.NM_PMEM_MB, resources.memoryMbPerNode());
        conf.setInt(YarnConfiguration.NM_VCORES, resources.vcoresPerNode());
        conf.setInt(YarnConfiguration.RM_SCHEDULER_MINIMUM_ALLOCATION_MB, 128);
        conf.setInt(YarnConfiguration.RM_SCHEDULER_MAXIMUM_ALLOCATION_MB, resources.memoryMbPerNode());
        conf.setInt(YarnConfiguration.RM_SCHEDULER_MAXIMUM_ALLOCATION_VCORES, resources.vcoresPerNode());
        conf.set("yarn.scheduler.capacity.root.queues", "default");
        conf.setInt("yarn.scheduler.capacity.root.default.capacity", 100);
        conf.setInt("yarn.scheduler.capacity.root.default.maximum-capacity", 100);
        // The default AM share (10%) would let only one small ApplicationMaster run at a time.
        conf.setFloat("yarn.scheduler.capacity.maximum-am-resource-percent", 0.5f);
        // The cluster-wide cap on an application's attempts (YARN's default: 2), so that
        // yarn.application-attempts decides, and a chaos run can kill its ApplicationMaster often.
        conf.setInt(YarnConfiguration.RM_AM_MAX_ATTEMPTS, 100);
        // Containers are placed on NodeManager heartbeats, so a short interval shortens deployments.
        conf.setLong(YarnConfiguration.RM_NM_HEARTBEAT_INTERVAL_MS, 100);
        // JVMs reserve far more virtual memory than YARN's 2.1 ratio allows; only physical memory is checked.
        conf.setBoolean(YarnConfiguration.NM_VMEM_CHECK_ENABLED, false);
        // A stopping NodeManager waits this long (plus slack) for its applications' containers; at the
        // default of 5 s two NodeManagers outlast 'local-hadoop.sh stop'. Local containers end in well under 1 s.
        conf.setLong(YarnConfiguration.NM_PROCESS_KILL_WAIT_MS, 1000);
        // A nearly full developer disk must not mark the NodeManagers unhealthy.
        conf.setFloat(YarnConfiguration.NM_MAX_PER_DISK_UTILIZATION_PERCENTAGE, 100.0f);
        conf.set(YarnConfiguration.YARN_APPLICATION_CLASSPATH, layout.confDir().toString());

        MiniYARNCluster cluster = createYarnCluster(resources.nodeManagers());
        try {
            cluster.init(conf);
            cluster.start();
            if (!cluster.waitForNodeManagersToConnect(NODE_MANAGER_REGISTRATION_TIMEOUT_MS)) {
                throw new IOException("The " + resources.nodeManagers() + " NodeManagers did not register with the "
                        + "ResourceManager within " + NODE_MANAGER_REGISTRATION_TIMEOUT_MS + " ms");
            }
            return cluster;
        } catch (Exception e) {
            cluster.stop();
            throw e;
        }
    }

    /**
     * MiniYARNCluster places its work dir at {@code ${test.build.data}/<name>} and wipes it; the
     * property is pointed at the sandbox only for the constructor, which is its only reader.
     */
    private MiniYARNCluster createYarnCluster(int nodeManagers) {
        Path yarnDir = layout.yarnDir();
        synchronized (System.class) {
            String previous = System.getProperty("test.build.data");
            System.setProperty("test.build.data", yarnDir.getParent().toString());
            try {
                return new MiniYARNCluster(yarnDir.getFileName().toString(), 1, nodeManagers, 1, 1);
            } finally {
                if (previous == null) {
                    System.clearProperty("test.build.data");
                } else {
                    System.setProperty("test.build.data", previous);
                }
            }
        }
    }

    private void writeConfDir(Configuration dfsConf) throws IOException {
        Path confDir = layout.confDir();
        Files.createDirectories(confDir);
        Configuration core = new Configuration(false);
        core.set("fs.defaultFS", hdfsUri.toString());
        ConfDirWriter.writeHadoopXml(confDir.resolve("core-site.xml"), core, name -> true);
        ConfDirWriter.writeHadoopXml(confDir.resolve("hdfs-site.xml"), dfsConf, name -> name.startsWith("dfs."));
        ConfDirWriter.writeHadoopXml(confDir.resolve("yarn-site.xml"), yarn.getConfig(),
                name -> name.startsWith("yarn."));
        ConfDirWriter.writeProperties(confDir.resolve("zookeeper.properties"),
                "Embedded ZooKeeper of the local Hadoop sandbox", Map.of(ZOOKEEPER_QUORUM_KEY, zooKeeperQuorum()));

        Map<String, String> addresses = new LinkedHashMap<>();
        addresses.put("conf.dir", confDir.toString());
        addresses.put("hdfs.uri", hdfsUri.toString());
        addresses.put("yarn.resourcemanager.address", resourceManagerAddress());
        addresses.put("yarn.resourcemanager.webapp.address", resourceManagerWebAddress());
        addresses.put("zookeeper.quorum", zooKeeperQuorum());
        addresses.put("control.address", control.address());
        addresses.put("java.home", System.getProperty("java.home"));
        ConfDirWriter.writeProperties(layout.addressesFile(), "Addresses of the running local Hadoop sandbox",
                addresses);
        ConfDirWriter.writeMarker(layout.readyMarker());
    }

    /** The directories this sandbox uses. */
    public SandboxLayout layout() {
        return layout;
    }

    /** The conf dir to use as HADOOP_CONF_DIR. */
    public Path confDir() {
        return layout.confDir();
    }

    /** {@code hdfs://host:port} of the NameNode. */
    public URI hdfsUri() {
        return hdfsUri;
    }

    /** host:port of the ResourceManager's client RPC endpoint. */
    public String resourceManagerAddress() {
        return yarn.getConfig().get(YarnConfiguration.RM_ADDRESS);
    }

    /** host:port of the ResourceManager's web UI and REST API. */
    public String resourceManagerWebAddress() {
        return yarn.getConfig().get(YarnConfiguration.RM_WEBAPP_ADDRESS);
    }

    /** {@code 127.0.0.1:port} of the embedded ZooKeeper server. */
    public String zooKeeperQuorum() {
        return LOOPBACK + ":" + zooKeeper.port();
    }

    /** A copy of the running YARN cluster's configuration (real RM ports included). */
    public YarnConfiguration yarnConfiguration() {
        return new YarnConfiguration(yarn.getConfig());
    }

    /**
     * Restarts the NameNode on the same address, keeping its data, and returns once it is out of
     * safe mode and the DataNode has registered again. Clients connected before reconnect by
     * themselves when they next call it (Hadoop's IPC client retries a refused connection).
     */
    public void restartNameNode() throws IOException, InterruptedException {
        LOG.info("Restarting the NameNode at {}", hdfsUri);
        // Waits for the DataNode's heartbeat and block report, i.e. until the NameNode left safe mode.
        dfs.restartNameNode(true);
        long deadline = System.nanoTime() + NAME_NODE_RESTART_TIMEOUT.toNanos();
        while (dfs.getNameNode().isInSafeMode()
                || dfs.getNamesystem().getNumLiveDataNodes() < dfs.getDataNodes().size()) {
            if (System.nanoTime() > deadline) {
                throw new IOException("The restarted NameNode at " + hdfsUri + " did not leave safe mode with its "
                        + dfs.getDataNodes().size() + " DataNodes registered within " + NAME_NODE_RESTART_TIMEOUT.toSeconds() + " s");
            }
            Thread.sleep(100);
        }
        LOG.info("NameNode restarted at {}", dfs.getURI());
    }

    /**
     * Stops the ZooKeeper server and starts it again on the same port with the same data, and
     * returns once it serves. As after a real server restart, sessions survive if their clients
     * reconnect within the session timeout.
     */
    public void restartZooKeeper() throws IOException, InterruptedException {
        LOG.info("Restarting ZooKeeper at {}", zooKeeperQuorum());
        zooKeeper.restart();
        LOG.info("ZooKeeper restarted at {}", zooKeeperQuorum());
    }

    /**
     * Expires, on the ZooKeeper server, the session owning the ephemeral node at {@code path}, or,
     * if that node is not ephemeral, the session owning its ephemeral sequential child with the
     * lowest sequence number (the leader under a Curator LeaderLatch path). The client learns
     * of it as from a timeout (Expired), and the session's ephemeral nodes are gone on return.
     *
     * @return the expired session's id
     * @throws NoSuchElementException if there is no node at {@code path} or nothing ephemeral there
     */
    public long expireSessionOwning(String path) throws InterruptedException {
        long session = zooKeeper.expireSessionOwning(path);
        LOG.info("Expired ZooKeeper session 0x{}, which owned {} or its first child", Long.toHexString(session), path);
        return session;
    }

    /** The live containers of the NodeManagers, in container id order. Linux only (reads {@code /proc}). */
    public List<SandboxContainer> containers() throws IOException {
        return containerProcesses.list();
    }

    /**
     * Sends a signal to the JVM of a live container.
     *
     * @return the container signalled
     * @throws NoSuchElementException if no live container has that id
     */
    public SandboxContainer signalContainer(String containerId, ContainerSignal signal)
            throws IOException, InterruptedException {
        SandboxContainer container = containers().stream()
                .filter(candidate -> candidate.containerId().equals(containerId))
                .findFirst()
                .orElseThrow(() -> new NoSuchElementException("No live container " + containerId + " in the sandbox"));
        ContainerProcesses.signal(container, signal);
        LOG.info("Sent {} to container {} (pid {})", signal, containerId, container.pid());
        return container;
    }

    /**
     * Removes the ready marker, then stops YARN, HDFS and ZooKeeper. Failures to stop one service
     * are logged and do not keep the others running. Calling it again does nothing.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        runLogged("remove the ready marker", () -> {
            Files.deleteIfExists(layout.readyMarker());
            Files.deleteIfExists(layout.addressesFile());
        });
        if (control != null) {
            runLogged("stop the fault controls", control::close);
        }
        if (yarn != null) {
            runLogged("stop YARN", this::stopYarn);
        }
        if (dfs != null) {
            runLogged("stop HDFS", dfs::shutdown);
        }
        if (zooKeeper != null) {
            runLogged("stop ZooKeeper", zooKeeper::close);
        }
        LOG.info("Sandbox under {} stopped", layout.home());
    }

    /**
     * Stops the NodeManagers side by side, then the ResourceManager. A stopping NodeManager kills its
     * containers first and then sits out a 10 s timer meant to delete finished applications' logs
     * later; nothing of the sandbox needs that wait, so each stop gets a few seconds and the rest of it
     * is left to a daemon thread.
     */
    private void stopYarn() throws InterruptedException {
        List<Thread> stops = new ArrayList<>();
        for (int i = 0; i < nodeManagers; i++) {
            stops.add(stopInBackground("sandbox-stop-nodemanager-" + i, yarn.getNodeManager(i)::stop));
        }
        for (Thread stop : stops) {
            stop.join(YARN_STOP_WAIT.toMillis());
        }
        stopInBackground("sandbox-stop-resourcemanager", yarn.getResourceManager()::stop).join(YARN_STOP_WAIT.toMillis());
    }

    private static Thread stopInBackground(String name, Runnable stop) {
        Thread thread = new Thread(stop, name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    private interface Step {
        void run() throws Exception;
    }

    private static void runLogged(String what, Step step) {
        try {
            step.run();
        } catch (Exception e) {
            LOG.warn("Could not {} cleanly", what, e);
        }
    }

    /**
     * Runs the sandbox until the JVM is terminated (SIGTERM runs {@link #close()}).
     * Arguments: {@code [--dir <sandbox dir>] [--node-managers N] [--nm-memory-mb MB] [--nm-vcores N]};
     * the directory defaults to {@code build/local-hadoop} under the working directory.
     */
    public static void main(String[] args) throws Exception {
        SandboxArguments arguments;
        try {
            arguments = SandboxArguments.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println(SandboxArguments.USAGE);
            System.exit(2);
            return;
        }
        SandboxLayout layout = new SandboxLayout(arguments.home());
        Files.createDirectories(layout.home());
        Files.writeString(layout.pidFile(), ProcessHandle.current().pid() + "\n");

        LocalHadoopSandbox sandbox;
        try {
            sandbox = start(layout, arguments.resources());
        } catch (Throwable e) {
            // Hadoop's services leave non-daemon threads behind, so only an explicit exit ends the JVM.
            LOG.error("The local Hadoop sandbox did not start", e);
            System.err.println("The local Hadoop sandbox did not start: " + e.getMessage());
            Files.deleteIfExists(layout.pidFile());
            System.exit(1);
            return;
        }
        // Stopping inside a JVM shutdown hook fails half-way: the DataNode tries to unregister
        // Hadoop shutdown hooks, which Hadoop refuses while the JVM shuts down. So TERM and INT
        // stop the sandbox on the main thread first and exit afterwards.
        CountDownLatch stopRequested = new CountDownLatch(1);
        for (String signal : new String[] {"TERM", "INT"}) {
            Signal.handle(new Signal(signal), s -> stopRequested.countDown());
        }
        // Any other way out still removes the marker, so scripts never see a dead sandbox as ready.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stopAndForgetPid(sandbox, layout), "sandbox-exit"));
        stopRequested.await();
        LOG.info("Stop requested");
        stopAndForgetPid(sandbox, layout);
        System.exit(0);
    }

    private static void stopAndForgetPid(LocalHadoopSandbox sandbox, SandboxLayout layout) {
        sandbox.close();
        runLogged("remove the pid file", () -> Files.deleteIfExists(layout.pidFile()));
    }
}
