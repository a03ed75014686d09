package io.spindle.ha.zookeeper;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.spindle.api.JobStatus;
import io.spindle.runtime.checkpoint.CompletedCheckpoint;
import io.spindle.runtime.checkpoint.CompletedCheckpointStore;
import io.spindle.runtime.checkpoint.storage.CheckpointMetadataFormat;
import java.util.ArrayDeque;
import java.util.List;
import java.util.function.Consumer;
import org.apache.curator.framework.CuratorFramework;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The retained checkpoints of one job as nodes {@code /checkpoints/<jobId>/<id, 19 digits>}
 * holding each checkpoint's location and completion time; the checkpoint itself is its
 * {@code _metadata} file, read again by a new leader. The rules are those of
 * {@link io.spindle.runtime.checkpoint.StandaloneCompletedCheckpointStore}; a node is deleted
 * (fenced) before its checkpoint is handed on to be discarded, so that no node ever points to a
 * deleted checkpoint. Used from the JobMaster's main thread and its I/O thread, hence synchronized.
 */
final class ZooKeeperCompletedCheckpointStore implements CompletedCheckpointStore {
    private static final Logger LOG = LoggerFactory.getLogger(ZooKeeperCompletedCheckpointStore.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final LeaderFencedWriter writer;
    private final String jobId;
    private final int maxRetained;
    private final ArrayDeque<CompletedCheckpoint> checkpoints = new ArrayDeque<>();

    /** Recovers the checkpoints an earlier leader retained, oldest first. */
    ZooKeeperCompletedCheckpointStore(LeaderFencedWriter writer, String jobId, int maxRetained) throws Exception {
        if (maxRetained < 1) {
            throw new IllegalArgumentException("At least one checkpoint must be retained, not " + maxRetained);
        }
        this.writer = writer;
        this.jobId = jobId;
        this.maxRetained = maxRetained;
        recover(writer.client());
    }

    private void recover(CuratorFramework client) throws Exception {
        String parent = ZooKeeperPaths.checkpointsOf(jobId);
        List<String> children;
        try {
            children = client.getChildren().forPath(parent).stream().sorted().toList();
        } catch (KeeperException.NoNodeException none) {
            return;
        }
        for (String child : children) {
            String node = parent + "/" + child;
            try {
                JsonNode pointer = JSON.readTree(client.getData().forPath(node));
                String location = pointer.get("location").asText();
                checkpoints.addLast(new CompletedCheckpoint(location, CheckpointMetadataFormat.read(location),
                        pointer.get("completionTimestamp").asLong()));
            } catch (KeeperException.NoNodeException gone) {
                // Subsumed meanwhile.
            } catch (Exception e) {
                LOG.warn("Skipping the retained checkpoint {} of job {}: it cannot be read ({})", node, jobId,
                        e.toString());
            }
        }
        LOG.info("Recovered {} retained checkpoints of job {}", checkpoints.size(), jobId);
    }

    @Override
    public synchronized void addCheckpointAndSubsumeOldest(CompletedCheckpoint checkpoint,
            Consumer<CompletedCheckpoint> discardSubsumed) throws Exception {
        if (checkpoint.isSavepoint()) {
            throw new IllegalArgumentException("Savepoints are not retained: " + checkpoint);
        }
        CompletedCheckpoint latest = checkpoints.peekLast();
        if (latest != null && latest.checkpointId() >= checkpoint.checkpointId()) {
            throw new IllegalArgumentException(checkpoint + " is not newer than the retained " + latest);
        }
        byte[] pointer = JSON.writeValueAsBytes(JSON.createObjectNode()
                .put("location", checkpoint.location())
                .put("completionTimestamp", checkpoint.completionTimestamp()));
        String node = ZooKeeperPaths.checkpoint(jobId, checkpoint.checkpointId());
        writer.write("retain " + checkpoint + " of job " + jobId,
                ops -> writer.create(ops, node, pointer, CreateMode.PERSISTENT));
        checkpoints.addLast(checkpoint);
        while (checkpoints.size() > maxRetained) {
            CompletedCheckpoint oldest = checkpoints.peekFirst();
            String oldestNode = ZooKeeperPaths.checkpoint(jobId, oldest.checkpointId());
            writer.write("subsume " + oldest + " of job " + jobId, ops -> writer.client().checkExists()
                    .forPath(oldestNode) == null ? List.of() : List.of(ops.delete().forPath(oldestNode)));
            checkpoints.removeFirst();
            discardSubsumed.accept(oldest);
        }
    }

    @Override
    public synchronized CompletedCheckpoint getLatestCheckpoint() {
        return checkpoints.peekLast();
    }

    @Override
    public synchronized List<CompletedCheckpoint> getAllCheckpoints() {
        return List.copyOf(checkpoints);
    }

    @Override
    public int getMaxRetained() {
        return maxRetained;
    }

    /**
     * A job that ended for good loses all its nodes, its parent node too, in one fenced write,
     * and each checkpoint is handed to {@code discard}. Otherwise (this JobMaster stops, the job
     * goes on under another leader) the nodes stay for the next leader to recover.
     */
    @Override
    public synchronized void shutdown(JobStatus jobStatus, Consumer<CompletedCheckpoint> discard) throws Exception {
        if (jobStatus.isGloballyTerminal()) {
            writer.write("delete the retained checkpoints of job " + jobId,
                    ops -> writer.deleteChildren(ops, ZooKeeperPaths.checkpointsOf(jobId), true));
            while (!checkpoints.isEmpty()) {
                discard.accept(checkpoints.removeFirst());
            }
        } else {
            checkpoints.clear();
        }
    }
}
