package io.spindle.ha;

import io.spindle.configuration.ConfigOption;
import io.spindle.configuration.ConfigOptions;
import java.time.Duration;

/** High availability of the JobManager, with Flink 1.20's keys. */
public final class HighAvailabilityOptions {
    private HighAvailabilityOptions() {}

    public static final ConfigOption<String> TYPE = ConfigOptions.stringOption(
            "high-availability.type", "none",
            "NONE: one JobManager, whose jobs are lost with it. ZOOKEEPER: JobManagers elect a leader through"
                    + " ZooKeeper, and a new leader recovers every job from its latest completed checkpoint. Flink's"
                    + " older key high-availability is read too.")
            .withDeprecatedKeys("high-availability");

    public static final ConfigOption<String> ZOOKEEPER_QUORUM = ConfigOptions.stringOption(
            "high-availability.zookeeper.quorum", null,
            "The ZooKeeper servers, host:port[,host:port...]; required with high-availability.type: zookeeper.");

    public static final ConfigOption<String> ZOOKEEPER_ROOT = ConfigOptions.stringOption(
            "high-availability.zookeeper.path.root", "/spindle",
            "The ZooKeeper node under which every Spindle cluster keeps its nodes.");

    public static final ConfigOption<String> CLUSTER_ID = ConfigOptions.stringOption(
            "high-availability.cluster-id", "/default",
            "Names this cluster under the ZooKeeper root and in the storage directory, so that clusters do not"
                    + " share leaders or jobs. On YARN it defaults to the application id; yarn-session.sh -z sets it.");

    public static final ConfigOption<String> STORAGE_DIR = ConfigOptions.stringOption(
            "high-availability.storageDir", null,
            "A directory on a file system every JobManager reaches (hdfs:///spindle/ha) where job graphs and user"
                    + " jars are kept; ZooKeeper holds only pointers to them. Required with ZooKeeper HA.");

    public static final ConfigOption<Duration> ZOOKEEPER_SESSION_TIMEOUT = ConfigOptions.durationOption(
            "high-availability.zookeeper.client.session-timeout", Duration.ofSeconds(60),
            "A JobManager whose ZooKeeper session ends loses its leadership; a connection that comes back within"
                    + " the session keeps it, and no job restarts.");

    public static final ConfigOption<Duration> ZOOKEEPER_CONNECTION_TIMEOUT = ConfigOptions.durationOption(
            "high-availability.zookeeper.client.connection-timeout", Duration.ofSeconds(15),
            "How long to wait for a connection to ZooKeeper at start before giving up with an error.");

    public static final ConfigOption<Duration> ZOOKEEPER_RETRY_WAIT = ConfigOptions.durationOption(
            "high-availability.zookeeper.client.retry-wait", Duration.ofSeconds(5),
            "The first pause between retries of a failed ZooKeeper operation; it grows exponentially.");

    public static final ConfigOption<Integer> ZOOKEEPER_MAX_RETRY_ATTEMPTS = ConfigOptions.intOption(
            "high-availability.zookeeper.client.max-retry-attempts", 3,
            "How often a failed ZooKeeper operation is retried before it fails.")
            .withValidator(attempts -> attempts >= 0, "0 or more");

    public static final ConfigOption<Boolean> ZOOKEEPER_RETIRE_PREVIOUS_LEADERS = ConfigOptions.booleanOption(
            "high-availability.zookeeper.leader.retire-previous", false,
            "Set by the YARN ApplicationMaster, which YARN runs one attempt at a time: a new attempt deletes the"
                    + " latch nodes of earlier attempts and leads at once instead of waiting for their ZooKeeper"
                    + " sessions to expire. The fenced writes keep an earlier attempt that still runs from changing"
                    + " anything. Never set it where two JobManagers may run at once.");

    /** True when {@link #TYPE} asks for any high availability, not {@code none} (case-insensitive). */
    public static boolean isEnabled(io.spindle.configuration.Configuration configuration) {
        return !"none".equalsIgnoreCase(configuration.get(TYPE).trim());
    }

    /** True when {@link #TYPE} asks for ZooKeeper (case-insensitive, as Flink reads it). */
    public static boolean isZooKeeper(io.spindle.configuration.Configuration configuration) {
        return "zookeeper".equalsIgnoreCase(configuration.get(TYPE).trim());
    }
}
