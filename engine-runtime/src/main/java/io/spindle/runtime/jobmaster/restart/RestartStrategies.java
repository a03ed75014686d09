package io.spindle.runtime.jobmaster.restart;

import io.spindle.configuration.Configuration;
import io.spindle.configuration.IllegalConfigurationException;
import java.util.function.LongSupplier;
import java.util.random.RandomGenerator;

/** Builds the restart strategy a job's configuration asks for. */
public final class RestartStrategies {
    private RestartStrategies() {}

    public static RestartStrategy fromConfiguration(Configuration configuration, LongSupplier clock) {
        return switch (configuration.get(RestartStrategyOptions.TYPE)) {
            case NONE -> new NoRestartStrategy();
            case FIXED_DELAY -> new FixedDelayRestartStrategy(
                    atLeast(RestartStrategyOptions.FIXED_DELAY_ATTEMPTS.key(),
                            configuration.get(RestartStrategyOptions.FIXED_DELAY_ATTEMPTS), 0),
                    configuration.get(RestartStrategyOptions.FIXED_DELAY_DELAY).toMillis());
            case EXPONENTIAL_DELAY -> {
                double multiplier = configuration.get(RestartStrategyOptions.EXPONENTIAL_MULTIPLIER);
                double jitter = configuration.get(RestartStrategyOptions.EXPONENTIAL_JITTER);
                if (multiplier < 1) {
                    throw new IllegalConfigurationException("Invalid value '" + multiplier + "' for configuration key '"
                            + RestartStrategyOptions.EXPONENTIAL_MULTIPLIER.key() + "': expected a number of at least 1");
                }
                if (jitter < 0 || jitter > 1) {
                    throw new IllegalConfigurationException("Invalid value '" + jitter + "' for configuration key '"
                            + RestartStrategyOptions.EXPONENTIAL_JITTER.key() + "': expected a number from 0 to 1");
                }
                yield new ExponentialDelayRestartStrategy(
                        configuration.get(RestartStrategyOptions.EXPONENTIAL_INITIAL_BACKOFF).toMillis(),
                        configuration.get(RestartStrategyOptions.EXPONENTIAL_MAX_BACKOFF).toMillis(), multiplier,
                        configuration.get(RestartStrategyOptions.EXPONENTIAL_RESET_THRESHOLD).toMillis(), jitter,
                        atLeast(RestartStrategyOptions.EXPONENTIAL_ATTEMPTS.key(),
                                configuration.get(RestartStrategyOptions.EXPONENTIAL_ATTEMPTS), 0),
                        clock, RandomGenerator.getDefault());
            }
            case FAILURE_RATE -> new FailureRateRestartStrategy(
                    atLeast(RestartStrategyOptions.FAILURE_RATE_MAX_FAILURES.key(),
                            configuration.get(RestartStrategyOptions.FAILURE_RATE_MAX_FAILURES), 0),
                    configuration.get(RestartStrategyOptions.FAILURE_RATE_INTERVAL).toMillis(),
                    configuration.get(RestartStrategyOptions.FAILURE_RATE_DELAY).toMillis(), clock);
        };
    }

    private static int atLeast(String key, int value, int minimum) {
        if (value < minimum) {
            throw new IllegalConfigurationException("Invalid value '" + value + "' for configuration key '" + key
                    + "': expected a whole number of at least " + minimum);
        }
        return value;
    }
}
