package io.spindle.runtime.dispatcher.cleanup;

import io.spindle.configuration.ConfigOption;
import io.spindle.configuration.ConfigOptions;
import java.time.Duration;

/** How often, and how far apart, the cleanup of an ended job is tried, with Flink 1.20's keys and defaults. */
public final class CleanupOptions {
    private CleanupOptions() {}

    /** The retry strategies of a job's cleanup. */
    public enum Type { NONE, FIXED_DELAY, EXPONENTIAL_DELAY }

    public static final ConfigOption<Type> TYPE = ConfigOptions.enumOption("cleanup-strategy", Type.class,
            Type.EXPONENTIAL_DELAY,
            "How the cleanup of an ended job (its jars, checkpoints and high-availability data) is retried when a"
                    + " step fails: none (one attempt), fixed-delay or exponential-delay. After the last attempt the"
                    + " job's entry in the job-result store stays dirty; the log and the job's REST view say what is"
                    + " left and where, and the next leader tries again.");

    public static final ConfigOption<Integer> FIXED_DELAY_ATTEMPTS = ConfigOptions.intOption(
            "cleanup-strategy.fixed-delay.attempts", 1,
            "Retries fixed-delay makes of a failed cleanup step, after its first attempt.");

    public static final ConfigOption<Duration> FIXED_DELAY_DELAY = ConfigOptions.durationOption(
            "cleanup-strategy.fixed-delay.delay", Duration.ofMinutes(1), "Pause before each fixed-delay retry.");

    public static final ConfigOption<Duration> EXPONENTIAL_INITIAL_BACKOFF = ConfigOptions.durationOption(
            "cleanup-strategy.exponential-delay.initial-backoff", Duration.ofSeconds(1),
            "Pause before the first exponential-delay retry; each further one doubles it.");

    public static final ConfigOption<Duration> EXPONENTIAL_MAX_BACKOFF = ConfigOptions.durationOption(
            "cleanup-strategy.exponential-delay.max-backoff", Duration.ofHours(1),
            "Longest pause between exponential-delay retries.");

    public static final ConfigOption<Integer> EXPONENTIAL_ATTEMPTS = ConfigOptions.intOption(
            "cleanup-strategy.exponential-delay.attempts", Integer.MAX_VALUE,
            "Retries exponential-delay makes of a failed cleanup step, after its first attempt; unbounded by"
                    + " default.");
}
