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

    public static final ConfigOption<String> TMP_DIRS = ConfigOptions.stringOption("io.tmp.dirs", null,
            "Where JobManagers and TaskManagers keep their working files (jars, cached files, uploads), each in a"
                    + " directory of its own that it deletes when it stops and that a later process deletes if it was"
                    + " killed. Defaults to java.io.tmpdir; on YARN always the container's own directory, which"
                    + " YARN removes. As in Flink, several directories may be listed (',' or the path separator);"
                    + " the first is used.");

    /** The directory {@link #TMP_DIRS} names first, or java.io.tmpdir. */
    public static java.nio.file.Path tmpDirectory(Configuration configuration) {
        String dirs = configuration.get(TMP_DIRS);
        if (dirs == null || dirs.isBlank()) {
            return java.nio.file.Path.of(System.getProperty("java.io.tmpdir"));
        }
        return java.nio.file.Path.of(dirs.split("[," + java.io.File.pathSeparator + "]")[0].trim());
    }
}
