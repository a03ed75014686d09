package io.spindle.ha.zookeeper;

import io.spindle.graph.JobGraph;
import io.spindle.ha.JobGraphStore;
import io.spindle.util.HadoopFileSystems;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.apache.curator.framework.CuratorFramework;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.data.Stat;

/**
 * Job graphs in files under {@code <storageDir>/<cluster-id>/jobgraphs/}, each pointed to by
 * the node {@code /jobgraphs/<jobId>}. Every put writes a file of a new name: a JobManager that
 * no longer leads may still write its file, but it never overwrites the file the node points
 * to, and its fenced node update fails (its file is then deleted again).
 */
final class ZooKeeperJobGraphStore implements JobGraphStore {
    private final LeaderFencedWriter writer;
    private final CuratorFramework client;
    private final Path directory;

    ZooKeeperJobGraphStore(LeaderFencedWriter writer, Path directory) {
        this.writer = writer;
        this.client = writer.client();
        this.directory = directory;
    }

    @Override
    public void putJobGraph(JobGraph jobGraph) throws Exception {
        String jobId = jobGraph.getJobId().toHexString();
        Path file = new Path(directory, jobId + "-" + UUID.randomUUID() + ".jobgraph");
        FileSystem fs = HadoopFileSystems.forPath(file);
        try (OutputStream out = fs.create(file, false)) {
            out.write(jobGraph.toBytes());
        }
        String node = ZooKeeperPaths.jobGraph(jobId);
        byte[] pointer = file.toString().getBytes(StandardCharsets.UTF_8);
        Path[] previous = new Path[1];
        try {
            writer.write("store the job graph of job " + jobId, ops -> {
                Stat stat = new Stat();
                previous[0] = readPointer(node, stat);
                return previous[0] == null ? writer.create(ops, node, pointer, CreateMode.PERSISTENT)
                        : List.of(ops.setData().withVersion(stat.getVersion()).forPath(node, pointer));
            });
        } catch (Exception e) {
            fs.delete(file, false);
            throw e;
        }
        if (previous[0] != null) {
            HadoopFileSystems.forPath(previous[0]).delete(previous[0], false);
        }
    }

    @Override
    public JobGraph recoverJobGraph(String jobId) throws Exception {
        Path file = readPointer(ZooKeeperPaths.jobGraph(jobId), new Stat());
        if (file == null) {
            return null;
        }
        try (InputStream in = HadoopFileSystems.forPath(file).open(file)) {
            return JobGraph.fromBytes(in.readAllBytes());
        } catch (FileNotFoundException e) {
            throw new IOException("ZooKeeper points to the job graph of job " + jobId + " at " + file
                    + ", but there is no such file", e);
        }
    }

    @Override
    public void removeJobGraph(String jobId) throws Exception {
        String node = ZooKeeperPaths.jobGraph(jobId);
        Path[] file = new Path[1];
        writer.write("remove the job graph of job " + jobId, ops -> {
            Stat stat = new Stat();
            file[0] = readPointer(node, stat);
            return file[0] == null ? List.of() : List.of(ops.delete().withVersion(stat.getVersion()).forPath(node));
        });
        if (file[0] != null) {
            HadoopFileSystems.forPath(file[0]).delete(file[0], false);
        }
    }

    @Override
    public Collection<String> getJobIds() throws Exception {
        try {
            return List.copyOf(client.getChildren().forPath(ZooKeeperPaths.JOB_GRAPHS));
        } catch (KeeperException.NoNodeException none) {
            return List.of();
        }
    }

    /** The file a node points to, null when there is no node; fills {@code stat}. */
    private Path readPointer(String node, Stat stat) throws Exception {
        try {
            return new Path(new String(client.getData().storingStatIn(stat).forPath(node), StandardCharsets.UTF_8));
        } catch (KeeperException.NoNodeException none) {
            return null;
        }
    }
}
