package io.spindle.runtime.checkpoint;

import io.spindle.configuration.ConfigOption;
import io.spindle.configuration.ConfigOptions;
import java.time.Duration;

/** Options of checkpoints and state backends, with Flink 1.20's keys and defaults. */
public final class CheckpointingOptions {
    private CheckpointingOptions() {}

    /** Whether barriers are aligned (each record in exactly one checkpoint) or not. */
    public enum Mode { EXACTLY_ONCE, AT_LEAST_ONCE }

    /** What happens to a job's retained checkpoints when the job ends. */
    public enum ExternalizedRetention { DELETE_ON_CANCELLATION, RETAIN_ON_CANCELLATION, NO_EXTERNALIZED_CHECKPOINTS }

    /** The state backends there are. */
    public enum StateBackendType { HASHMAP }

    /** Shortest interval accepted: below it a job would do little but checkpoint. */
    public static final Duration MIN_INTERVAL = Duration.ofMillis(10);

    public static final ConfigOption<Duration> INTERVAL = ConfigOptions.durationOption(
            "execution.checkpointing.interval", null,
            "Time between the starts of two periodic checkpoints; checkpointing is off when unset. At least 10 ms.")
            .withValidator(interval -> interval.compareTo(MIN_INTERVAL) >= 0, "at least 10 ms");

    public static final ConfigOption<Mode> MODE = ConfigOptions.enumOption(
            "execution.checkpointing.mode", Mode.class, Mode.EXACTLY_ONCE,
            "EXACTLY_ONCE aligns barriers: a task with several input channels holds back each channel whose barrier"
                    + " arrived until all have, so every record belongs to exactly one checkpoint. AT_LEAST_ONCE"
                    + " does not block: after a restore some records may be processed twice.");

    public static final ConfigOption<Boolean> UNALIGNED = ConfigOptions.booleanOption(
            "execution.checkpointing.unaligned.enabled", false,
            "With EXACTLY_ONCE: barriers overtake the records queued in the network, and those records are stored"
                    + " with the checkpoint as in-flight data and processed again before new input after a restore."
                    + " Checkpoints then complete quickly under backpressure, at the cost of a larger state."
                    + " Savepoints stay aligned. A checkpoint with in-flight data restores only at the parallelism"
                    + " it was taken at. The deprecated execution.checkpointing.unaligned is read too.")
            .withDeprecatedKeys("execution.checkpointing.unaligned");

    public static final ConfigOption<Duration> ALIGNED_CHECKPOINT_TIMEOUT = ConfigOptions.durationOption(
            "execution.checkpointing.aligned-checkpoint-timeout", Duration.ZERO,
            "With unaligned checkpoints: 0 makes every checkpoint unaligned from its start; above 0 a task aligns"
                    + " a checkpoint's barriers first and goes unaligned once its alignment took this long (the"
                    + " barriers still queued upstream then arrive in their turn). The deprecated"
                    + " execution.checkpointing.alignment-timeout is read too.")
            .withDeprecatedKeys("execution.checkpointing.alignment-timeout");

    public static final ConfigOption<Duration> TIMEOUT = ConfigOptions.durationOption(
            "execution.checkpointing.timeout", Duration.ofMinutes(10),
            "A checkpoint not completed within this time is aborted and counts as failed.");

    public static final ConfigOption<Duration> MIN_PAUSE = ConfigOptions.durationOption(
            "execution.checkpointing.min-pause", Duration.ZERO,
            "Least time between the end of one checkpoint and the start of the next.");

    public static final ConfigOption<Integer> MAX_CONCURRENT = ConfigOptions.intOption(
            "execution.checkpointing.max-concurrent-checkpoints", 1,
            "Checkpoints that may be in progress at the same time.")
            .withValidator(max -> max >= 1, "at least 1");

    public static final ConfigOption<Integer> TOLERABLE_FAILURES = ConfigOptions.intOption(
            "execution.checkpointing.tolerable-failed-checkpoints", 0,
            "Consecutive failed checkpoints tolerated; one more fails (and so restarts) the job.")
            .withValidator(count -> count >= 0, "at least 0");

    public static final ConfigOption<String> DIRECTORY = ConfigOptions.stringOption(
            "execution.checkpointing.dir", null,
            "Where checkpoints are written, on any Hadoop file system (hdfs://, file://):"
                    + " <dir>/<jobId>/chk-<n>/. Required when checkpointing is on. The deprecated state.checkpoints.dir"
                    + " is read too, with a warning.")
            .withDeprecatedKeys("state.checkpoints.dir");

    public static final ConfigOption<String> SAVEPOINT_DIRECTORY = ConfigOptions.stringOption(
            "execution.checkpointing.savepoint-dir", null,
            "Where savepoints go when a savepoint or stop request names no directory, on any Hadoop file system:"
                    + " <dir>/savepoint-<job id prefix>-<random>/. The deprecated state.savepoints.dir is read too,"
                    + " with a warning.")
            .withDeprecatedKeys("state.savepoints.dir");

    public static final ConfigOption<Integer> NUM_RETAINED = ConfigOptions.intOption(
            "execution.checkpointing.num-retained", 1,
            "Completed checkpoints kept; older ones are deleted when a new one completes. The deprecated"
                    + " state.checkpoints.num-retained is read too, with a warning.")
            .withValidator(count -> count >= 1, "at least 1")
            .withDeprecatedKeys("state.checkpoints.num-retained");

    public static final ConfigOption<ExternalizedRetention> EXTERNALIZED_RETENTION = ConfigOptions.enumOption(
            "execution.checkpointing.externalized-checkpoint-retention", ExternalizedRetention.class,
            ExternalizedRetention.DELETE_ON_CANCELLATION,
            "DELETE_ON_CANCELLATION keeps the retained checkpoints of a job that failed and deletes them when it is"
                    + " cancelled or finishes; RETAIN_ON_CANCELLATION keeps them unless the job finishes;"
                    + " NO_EXTERNALIZED_CHECKPOINTS deletes them whenever the job ends.");

    public static final ConfigOption<StateBackendType> STATE_BACKEND = ConfigOptions.enumOption(
            "state.backend.type", StateBackendType.class, StateBackendType.HASHMAP,
            "Where keyed state lives while the job runs: hashmap keeps it as objects on the JVM heap.");
}
