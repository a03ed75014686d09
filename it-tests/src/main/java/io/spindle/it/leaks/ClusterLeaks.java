package io.spindle.it.leaks;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;
import org.apache.hadoop.yarn.api.records.ApplicationReport;
import org.apache.hadoop.yarn.api.records.YarnApplicationState;
import org.apache.hadoop.yarn.client.api.YarnClient;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.Watcher;
import org.apache.zookeeper.ZooKeeper;

/**
 * What Spindle leaves inside a cluster once its jobs ended: YARN applications that are not
 * finished, staging directories, znodes under the HA root, files under the HA storage and
 * checkpoint directories. Test fixtures call it before they stop their clusters and fail the
 * test class with the list (unfinished applications are killed so that the clusters can stop);
 * a chaos run calls it on the sandbox after its job.
 */
public final class ClusterLeaks {
    /** Applications end, and their AMs delete what they own, a moment after a test saw the job end. */
    private static final Duration GRACE = Duration.ofSeconds(30);
    private static final Set<YarnApplicationState> ENDED =
            EnumSet.of(YarnApplicationState.FINISHED, YarnApplicationState.FAILED, YarnApplicationState.KILLED);
    /** The parents Spindle's ZooKeeper HA creates and keeps; anything below them belongs to a job or a leader. */
    private static final Set<String> STRUCTURAL_ZNODES = Set.of("leader", "latch", "jobgraphs", "checkpoints",
            "checkpoint-counter");

    private final List<String> leaks = new ArrayList<>();

    /** Waits for every application to end, then names those that did not, and kills them. */
    public ClusterLeaks yarnApplications(YarnClient yarn) throws Exception {
        long deadline = System.nanoTime() + GRACE.toNanos();
        List<ApplicationReport> running = unfinished(yarn);
        while (!running.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(250);
            running = unfinished(yarn);
        }
        for (ApplicationReport report : running) {
            leaks.add("YARN application " + report.getApplicationId() + " (" + report.getName() + ") is "
                    + report.getYarnApplicationState());
            yarn.killApplication(report.getApplicationId());
        }
        return this;
    }

    private static List<ApplicationReport> unfinished(YarnClient yarn) throws Exception {
        return yarn.getApplications().stream().filter(report -> !ENDED.contains(report.getYarnApplicationState())).toList();
    }

    /** Names every file under {@code directory} (directories alone are no leak), once the grace has passed. */
    public ClusterLeaks files(FileSystem fs, Path directory, String what) throws Exception {
        long deadline = System.nanoTime() + GRACE.toNanos();
        List<String> files = filesUnder(fs, directory);
        while (!files.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(250);
            files = filesUnder(fs, directory);
        }
        files.forEach(file -> leaks.add(what + " file " + file));
        return this;
    }

    /** A local directory, as {@link #files(FileSystem, Path, String)}. */
    public ClusterLeaks files(java.nio.file.Path directory, String what) throws Exception {
        return files(FileSystem.getLocal(new org.apache.hadoop.conf.Configuration()), new Path(directory.toUri()), what);
    }

    private static List<String> filesUnder(FileSystem fs, Path directory) throws IOException {
        List<String> files = new ArrayList<>();
        try {
            RemoteIterator<LocatedFileStatus> it = fs.listFiles(directory, true);
            while (it.hasNext()) {
                FileStatus file = it.next();
                // Hadoop's local file system writes checksums beside each file; they go with it.
                if (!file.getPath().getName().endsWith(".crc")) {
                    files.add(file.getPath().toString());
                }
            }
        } catch (FileNotFoundException absent) {
            // nothing was ever written there
        }
        return files;
    }

    /** Names every znode under {@code root} that is not one of the parents Spindle keeps. */
    public ClusterLeaks znodes(String quorum, String root) throws Exception {
        java.util.concurrent.CountDownLatch connected = new java.util.concurrent.CountDownLatch(1);
        ZooKeeper client = new ZooKeeper(quorum, 10_000, event -> {
            if (event.getState() == Watcher.Event.KeeperState.SyncConnected) {
                connected.countDown();
            }
        });
        try {
            if (!connected.await(10, java.util.concurrent.TimeUnit.SECONDS)) {
                leaks.add("ZooKeeper " + quorum + " did not answer, so its znodes could not be checked");
                return this;
            }
            long deadline = System.nanoTime() + GRACE.toNanos();
            List<String> left = leafZnodes(client, root);
            while (!left.isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(250);
                left = leafZnodes(client, root);
            }
            left.forEach(path -> leaks.add("znode " + path));
        } finally {
            client.close();
        }
        return this;
    }

    private static List<String> leafZnodes(ZooKeeper client, String path) throws Exception {
        List<String> leaves = new ArrayList<>();
        List<String> children;
        try {
            children = client.getChildren(path, false);
        } catch (KeeperException.NoNodeException absent) {
            return leaves;
        }
        String name = path.substring(path.lastIndexOf('/') + 1);
        // Below <root>/<cluster-id>: the cluster's own namespace, whose parents may stay empty.
        if (children.isEmpty() && !STRUCTURAL_ZNODES.contains(name) && path.split("/").length > 3) {
            leaves.add(path);
        }
        for (String child : children) {
            leaves.addAll(leafZnodes(client, path + "/" + child));
        }
        return leaves;
    }

    /** What was found so far, one line each. */
    public List<String> leaks() {
        return List.copyOf(leaks);
    }

    /** Fails with every leak found, naming {@code owner}. */
    public void assertNone(String owner) {
        if (!leaks.isEmpty()) {
            throw new AssertionError(owner + " left behind in its clusters:\n  " + String.join("\n  ", leaks));
        }
    }
}
