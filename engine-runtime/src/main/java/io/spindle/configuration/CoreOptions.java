package io.spindle.configuration;

import io.spindle.api.RuntimeExecutionMode;
import java.time.Duration;

/** Options of job execution that apply everywhere. */
public final class CoreOptions {
    private CoreOptions() {}

    public static final ConfigOption<Integer> DEFAULT_PARALLELISM = ConfigOptions.intOption(
            "parallelism.default", 1, "Parallelism of operators that do not set their own.")
            .withValidator(parallelism -> parallelism >= 1, "at least 1");

    public static final ConfigOption<String> EXECUTION_TARGET = ConfigOptions.stringOption(
            "execution.target", "local",
            "Where execute() runs the job: local (an in-process LocalCluster), remote (a running"
                    + " cluster's REST endpoint), yarn-session, yarn-per-job or yarn-application.");

    public static final ConfigOption<Boolean> EXECUTION_ATTACHED = ConfigOptions.booleanOption(
            "execution.attached", true, "Whether execute() waits for the job's result.");

    public static final ConfigOption<RuntimeExecutionMode> RUNTIME_MODE = ConfigOptions.enumOption(
            "execution.runtime-mode", RuntimeExecutionMode.class, RuntimeExecutionMode.STREAMING,
            "STREAMING emits updated keyed aggregates for every record; BATCH emits one final result per key"
                    + " when a bounded input ends.");

    public static final ConfigOption<Duration> BUFFER_TIMEOUT = ConfigOptions.durationOption(
            "execution.buffer-timeout", Duration.ofMillis(100),
            "Longest time a record waits in a partly filled network buffer before it is sent.");

    public static final ConfigOption<String> CACHED_FILES = ConfigOptions.stringOption(
            "pipeline.cached-files", "",
            "Files every task can read through its RuntimeContext's distributed cache, as name=path entries separated"
                    + " by ';' (paths through the Hadoop FileSystem, e.g. hdfs://). Set with registerCachedFile.");

    public static final ConfigOption<Duration> AUTO_WATERMARK_INTERVAL = ConfigOptions.durationOption(
            "pipeline.auto-watermark-interval", Duration.ofMillis(200),
            "How often bounded-out-of-orderness watermark generators emit a watermark.");
}
