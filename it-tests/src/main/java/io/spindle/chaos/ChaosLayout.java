package io.spindle.chaos;

import java.util.List;

/**
 * Where one chaos run keeps what it owns, so that its leak check looks at its own things only:
 * under {@code /chaos/<run>} on the sandbox's HDFS the job's output, HA storage and checkpoints,
 * and its ZooKeeper root {@code /spindle-chaos-<run>}; and the configuration that puts the job
 * there.
 */
final class ChaosLayout {
    private final String run;
    private final String fileSystem;

    /** @param fileSystem the sandbox's default file system, {@code hdfs://host:port} */
    ChaosLayout(String run, String fileSystem) {
        this.run = run;
        this.fileSystem = fileSystem.replaceAll("/+$", "");
    }

    String directory() {
        return fileSystem + "/chaos/" + run;
    }

    String output() {
        return directory() + "/output";
    }

    String haStorage() {
        return directory() + "/ha";
    }

    String checkpoints() {
        return directory() + "/checkpoints";
    }

    String zooKeeperRoot() {
        return "/spindle-chaos-" + run;
    }

    /** The latch under which the cluster's JobManagers elect their leader (see ZooKeeperPaths). */
    String leaderLatch(String applicationId) {
        return zooKeeperRoot() + "/" + applicationId + "/leader/latch";
    }

    /** {@code key=value} settings for {@code spindle run -D}. */
    List<String> configuration(String quorum, ChaosOptions options) {
        return List.of(
                "yarn.application.name=spindle-chaos-" + run,
                "high-availability.type=zookeeper",
                "high-availability.zookeeper.quorum=" + quorum,
                "high-availability.zookeeper.path.root=" + zooKeeperRoot(),
                "high-availability.storageDir=" + haStorage(),
                "taskmanager.numberOfTaskSlots=" + options.slots,
                // Spare TaskManagers, as Flink's slotmanager.redundant-taskmanager-num: a lost one's
                // tasks restart at once, and YARN's new container becomes the next spare.
                "slotmanager.number-of-slots.min=" + (options.parallelism + options.spareTaskManagers * options.slots),
                "execution.checkpointing.interval=" + options.checkpointInterval.toMillis() + " ms",
                "execution.checkpointing.dir=" + checkpoints(),
                "heartbeat.timeout=" + options.heartbeatTimeout.toMillis() + " ms",
                // Every AM kill costs an attempt.
                "yarn.application-attempts=" + (options.faults.getOrDefault(FaultKind.APPLICATION_MASTER_KILL, 0) + 2),
                // Restarts keep coming while HDFS or ZooKeeper is away: back off, but start again fast.
                "restart-strategy.type=exponential-delay",
                "restart-strategy.exponential-delay.initial-backoff=100 ms",
                "restart-strategy.exponential-delay.max-backoff=2 s",
                "restart-strategy.exponential-delay.backoff-multiplier=2",
                "restart-strategy.exponential-delay.reset-backoff-threshold=5 s");
    }
}
