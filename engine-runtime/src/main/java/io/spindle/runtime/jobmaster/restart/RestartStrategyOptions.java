package io.spindle.runtime.jobmaster.restart;

import io.spindle.configuration.ConfigOption;
import io.spindle.configuration.ConfigOptions;
import java.time.Duration;

/** Options of job restarts, with Flink's keys and defaults. */
public final class RestartStrategyOptions {
    private RestartStrategyOptions() {}

    /** The restart strategies a job can use. */
    public enum Type { NONE, FIXED_DELAY, EXPONENTIAL_DELAY, FAILURE_RATE }

    public static final ConfigOption<Type> TYPE = ConfigOptions.enumOption("restart-strategy.type", Type.class, Type.NONE,
            "How a failed job restarts: none, fixed-delay, exponential-delay or failure-rate. A restarted job"
                    + " resumes from its latest completed checkpoint, or runs again from the beginning without one."
                    + " Unset, a job with checkpointing on uses exponential-delay; others do not restart.");

    public static final ConfigOption<Integer> FIXED_DELAY_ATTEMPTS = ConfigOptions.intOption(
            "restart-strategy.fixed-delay.attempts", 1, "Restarts fixed-delay allows before the job fails.");

    public static final ConfigOption<Duration> FIXED_DELAY_DELAY = ConfigOptions.durationOption(
            "restart-strategy.fixed-delay.delay", Duration.ofSeconds(1), "Pause before each fixed-delay restart.");

    public static final ConfigOption<Duration> EXPONENTIAL_INITIAL_BACKOFF = ConfigOptions.durationOption(
            "restart-strategy.exponential-delay.initial-backoff", Duration.ofSeconds(1), "First exponential-delay backoff.");

    public static final ConfigOption<Duration> EXPONENTIAL_MAX_BACKOFF = ConfigOptions.durationOption(
            "restart-strategy.exponential-delay.max-backoff", Duration.ofMinutes(1), "Largest exponential-delay backoff.");

    public static final ConfigOption<Double> EXPONENTIAL_MULTIPLIER = ConfigOptions.doubleOption(
            "restart-strategy.exponential-delay.backoff-multiplier", 1.5, "Factor the backoff grows by per failure.");

    public static final ConfigOption<Duration> EXPONENTIAL_RESET_THRESHOLD = ConfigOptions.durationOption(
            "restart-strategy.exponential-delay.reset-backoff-threshold", Duration.ofHours(1),
            "Time without failures after which the backoff starts small again.");

    public static final ConfigOption<Double> EXPONENTIAL_JITTER = ConfigOptions.doubleOption(
            "restart-strategy.exponential-delay.jitter-factor", 0.1, "Random share (0..1) added to or taken from each backoff.");

    public static final ConfigOption<Integer> EXPONENTIAL_ATTEMPTS = ConfigOptions.intOption(
            "restart-strategy.exponential-delay.attempts-before-reset-backoff", Integer.MAX_VALUE,
            "Restarts exponential-delay allows before the backoff is reset; more fail the job.");

    public static final ConfigOption<Integer> FAILURE_RATE_MAX_FAILURES = ConfigOptions.intOption(
            "restart-strategy.failure-rate.max-failures-per-interval", 1, "Failures allowed within one interval.");

    public static final ConfigOption<Duration> FAILURE_RATE_INTERVAL = ConfigOptions.durationOption(
            "restart-strategy.failure-rate.failure-rate-interval", Duration.ofMinutes(1), "The interval failures are counted in.");

    public static final ConfigOption<Duration> FAILURE_RATE_DELAY = ConfigOptions.durationOption(
            "restart-strategy.failure-rate.delay", Duration.ofSeconds(1), "Pause before each failure-rate restart.");
}
