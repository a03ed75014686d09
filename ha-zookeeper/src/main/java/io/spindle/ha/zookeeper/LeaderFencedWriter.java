package io.spindle.ha.zookeeper;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.api.transaction.CuratorOp;
import org.apache.curator.framework.api.transaction.TransactionOp;
import org.apache.curator.utils.ZKPaths;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;

/**
 * The one way the stores change ZooKeeper: each write is a transaction that also checks that the
 * leader's own latch node still exists. A JobManager whose session ended, or whose latch node a
 * new YARN attempt retired, thus cannot change anything, even while it still believes it leads.
 */
final class LeaderFencedWriter {
    /** Builds the operations of one write from what it reads now; rebuilt when a concurrent change wins. */
    interface Operations {
        List<CuratorOp> build(TransactionOp ops) throws Exception;
    }

    private static final int ATTEMPTS = 10;

    private final CuratorFramework client;
    private final Supplier<String> leaderLatchNode;

    /** @param leaderLatchNode the latch node under which this JobManager leads, null while it does not */
    LeaderFencedWriter(CuratorFramework client, Supplier<String> leaderLatchNode) {
        this.client = client;
        this.leaderLatchNode = leaderLatchNode;
    }

    CuratorFramework client() {
        return client;
    }

    /**
     * Commits the operations together with the check of the latch node. A conflict with a
     * concurrent change (a node created, deleted or changed meanwhile) rebuilds and retries them.
     *
     * @param what what the write does, for the error message ("store the job graph of ...")
     */
    void write(String what, Operations operations) throws Exception {
        for (int attempt = 1; ; attempt++) {
            String latchNode = leaderLatchNode.get();
            if (latchNode == null) {
                throw new LeadershipLostException(what);
            }
            TransactionOp ops = client.transactionOp();
            List<CuratorOp> transaction = new ArrayList<>();
            transaction.add(ops.check().forPath(latchNode));
            transaction.addAll(operations.build(ops));
            try {
                client.transaction().forOperations(transaction);
                return;
            } catch (KeeperException e) {
                // Which operation failed is not reliably reported; the latch node tells.
                if (client.checkExists().forPath(latchNode) == null) {
                    throw new LeadershipLostException(what);
                }
                boolean conflict = e.code() == KeeperException.Code.NODEEXISTS
                        || e.code() == KeeperException.Code.NONODE || e.code() == KeeperException.Code.BADVERSION;
                if (!conflict || attempt == ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    /** Operations that create {@code path} with {@code data}, after its missing persistent ancestors. */
    List<CuratorOp> create(TransactionOp ops, String path, byte[] data, CreateMode mode) throws Exception {
        List<CuratorOp> result = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (String parent = ZKPaths.getPathAndNode(path).getPath(); !parent.equals("/");
                parent = ZKPaths.getPathAndNode(parent).getPath()) {
            if (client.checkExists().forPath(parent) != null) {
                break;
            }
            missing.add(0, parent);
        }
        for (String parent : missing) {
            result.add(ops.create().withMode(CreateMode.PERSISTENT).forPath(parent, new byte[0]));
        }
        result.add(ops.create().withMode(mode).forPath(path, data));
        return result;
    }

    /** Operations that delete the children of {@code path} and then, when {@code withItself}, the node. */
    List<CuratorOp> deleteChildren(TransactionOp ops, String path, boolean withItself) throws Exception {
        List<CuratorOp> result = new ArrayList<>();
        if (client.checkExists().forPath(path) == null) {
            return result;
        }
        for (String child : client.getChildren().forPath(path)) {
            result.add(ops.delete().forPath(ZKPaths.makePath(path, child)));
        }
        if (withItself) {
            result.add(ops.delete().forPath(path));
        }
        return result;
    }
}
