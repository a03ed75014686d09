package io.spindle.ha.zookeeper;

import io.spindle.runtime.checkpoint.CheckpointIdCounter;
import java.nio.ByteBuffer;
import java.util.List;
import org.apache.curator.framework.CuratorFramework;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.data.Stat;

/**
 * The checkpoint-id counter of one job at {@code /checkpoint-counter/<jobId>}: the next id as
 * 8 bytes, 1 while the node does not exist. Curator's {@code SharedCount} would do the counting,
 * but its writes cannot be fenced; here every change is a fenced transaction that sets the node
 * at the version it was read at, and is read and tried again when another write came first.
 */
final class ZooKeeperCheckpointIdCounter implements CheckpointIdCounter {
    private static final long INITIAL = 1;

    private final LeaderFencedWriter writer;
    private final CuratorFramework client;
    private final String jobId;
    private final String node;

    ZooKeeperCheckpointIdCounter(LeaderFencedWriter writer, String jobId) {
        this.writer = writer;
        this.client = writer.client();
        this.jobId = jobId;
        this.node = ZooKeeperPaths.checkpointCounter(jobId);
    }

    @Override
    public long getAndIncrement() throws Exception {
        long[] current = new long[1];
        update("take a checkpoint id of job " + jobId, value -> {
            current[0] = value;
            return value + 1;
        });
        return current[0];
    }

    @Override
    public long get() throws Exception {
        return read(new Stat());
    }

    @Override
    public void setCount(long next) throws Exception {
        update("set the checkpoint id counter of job " + jobId + " to " + next, value -> next);
    }

    private interface Change {
        long apply(long value);
    }

    private void update(String what, Change change) throws Exception {
        writer.write(what, ops -> {
            Stat stat = new Stat();
            long value = read(stat);
            byte[] data = ByteBuffer.allocate(Long.BYTES).putLong(change.apply(value)).array();
            return stat.getMzxid() == 0 ? writer.create(ops, node, data, CreateMode.PERSISTENT)
                    : List.of(ops.setData().withVersion(stat.getVersion()).forPath(node, data));
        });
    }

    /** The stored value, or {@value #INITIAL} when there is no node yet ({@code stat} then stays empty). */
    private long read(Stat stat) throws Exception {
        try {
            return ByteBuffer.wrap(client.getData().storingStatIn(stat).forPath(node)).getLong();
        } catch (KeeperException.NoNodeException none) {
            return INITIAL;
        }
    }
}
