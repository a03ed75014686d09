package io.spindle.configuration;

import java.time.Duration;

/** Options of the JobManager and of the liveness checks between cluster processes. */
public final class ClusterOptions {
    private ClusterOptions() {}

    public static final ConfigOption<String> JOB_MANAGER_RPC_ADDRESS = ConfigOptions.stringOption(
            "jobmanager.rpc.address", "127.0.0.1", "Address of the JobManager's RPC service.");

    public static final ConfigOption<Integer> JOB_MANAGER_RPC_PORT = ConfigOptions.intOption(
            "jobmanager.rpc.port", 6123, "Port of the JobManager's RPC service; 0 picks a free one.")
            .withValidator(port -> port >= 0 && port <= 65535, "from 0 to 65535");

    public static final ConfigOption<MemorySize> JOB_MANAGER_PROCESS_MEMORY = ConfigOptions.memoryOption(
            "jobmanager.memory.process.size", MemorySize.ofMebiBytes(768),
            "Memory of the JobManager process (on YARN: its container); the JVM heap gets about 70% of it.");

    public static final ConfigOption<MemorySize> TASK_MANAGER_PROCESS_MEMORY = ConfigOptions.memoryOption(
            "taskmanager.memory.process.size", MemorySize.ofMebiBytes(1024),
            "Memory of a TaskManager process (on YARN: its container); the JVM heap gets about 70% of it.");

    public static final ConfigOption<Duration> HEARTBEAT_INTERVAL = ConfigOptions.durationOption(
            "heartbeat.interval", Duration.ofSeconds(1), "How often heartbeats are requested.")
            .withValidator(interval -> !interval.isZero(), "longer than 0 ms");

    public static final ConfigOption<Duration> HEARTBEAT_TIMEOUT = ConfigOptions.durationOption(
            "heartbeat.timeout", Duration.ofSeconds(6),
            "How long a missing heartbeat is tolerated before the peer (TaskManager, JobManager) counts as lost.")
            .withValidator(timeout -> !timeout.isZero(), "longer than 0 ms");

    public static final ConfigOption<Duration> TASK_MANAGER_IDLE_TIMEOUT = ConfigOptions.durationOption(
            "resourcemanager.taskmanager-timeout", Duration.ofSeconds(30),
            "How long a TaskManager started on demand (YARN) may stay without any allocated slot before it is released.");

    public static final ConfigOption<Integer> MIN_SLOTS = ConfigOptions.intOption(
            "slotmanager.number-of-slots.min", 0,
            "Slots a cluster that starts TaskManagers on demand (YARN) starts at once and keeps, even while idle, so that"
                    + " a job's tasks need not wait for containers and JVMs to start. 0 starts TaskManagers only for jobs.")
            .withValidator(slots -> slots >= 0, "0 or more");

    public static final ConfigOption<Duration> SLOT_REQUEST_TIMEOUT = ConfigOptions.durationOption(
            "slot.request.timeout", Duration.ofSeconds(60),
            "How long a job waits for the slots it needs before it fails.");

    private static final String NO_DOUBLE_QUOTES =
            "no double quotes (the NodeManager runs the command inside double quotes): quote with single quotes";

    public static final ConfigOption<String> JVM_OPTIONS = ConfigOptions.stringOption(
            "env.java.opts.all", "",
            "JVM options of every Spindle process in a YARN container (JobManager and TaskManagers), before the"
                    + " role's own options.")
            .withValidator(ClusterOptions::hasNoDoubleQuotes, NO_DOUBLE_QUOTES);

    public static final ConfigOption<String> JOB_MANAGER_JVM_OPTIONS = ConfigOptions.stringOption(
            "env.java.opts.jobmanager", "-XX:TieredStopAtLevel=1",
            "JVM options of the JobManager in its YARN container. The default compiles with the quick JIT"
                    + " tier only: the JobManager coordinates and runs no records, and starts about a third faster.")
            .withValidator(ClusterOptions::hasNoDoubleQuotes, NO_DOUBLE_QUOTES);

    public static final ConfigOption<String> TASK_MANAGER_JVM_OPTIONS = ConfigOptions.stringOption(
            "env.java.opts.taskmanager", "",
            "JVM options of the TaskManagers in their YARN containers.")
            .withValidator(ClusterOptions::hasNoDoubleQuotes, NO_DOUBLE_QUOTES);

    public static final ConfigOption<Boolean> CLASS_DATA_SHARING = ConfigOptions.booleanOption(
            "env.java.class-data-sharing", true,
            "Whether Spindle's YARN containers share class data through a per-node CDS archive for each role, written by"
                    + " the first container of that role on a node and mapped by later ones, which then start in about"
                    + " 60% of the time. Only with yarn.provided.lib.dirs: the archive needs jars that outlive applications.");

    private static boolean hasNoDoubleQuotes(String jvmOptions) {
        return !jvmOptions.contains("\"");
    }
}
