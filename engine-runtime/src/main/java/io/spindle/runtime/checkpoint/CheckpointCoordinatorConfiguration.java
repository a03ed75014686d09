package io.spindle.runtime.checkpoint;

import io.spindle.configuration.Configuration;
import io.spindle.configuration.IllegalConfigurationException;
import java.time.Duration;
import java.util.Objects;

/**
 * How a job's checkpoints are coordinated, read once from its configuration.
 *
 * @param interval time between the starts of two periodic checkpoints; null when only savepoints
 *     (and checkpoints triggered by hand) are taken
 * @param timeout a checkpoint not complete after this long is aborted
 * @param minPause least time between the end of one checkpoint and the start of the next periodic one
 * @param maxConcurrent checkpoints (savepoints aside) that may be in progress at once
 * @param tolerableFailures consecutive failed checkpoints tolerated before the job is failed
 * @param numRetained completed checkpoints kept
 * @param retention what happens to the retained checkpoints when the job ends
 */
public record CheckpointCoordinatorConfiguration(Duration interval, Duration timeout, Duration minPause,
        int maxConcurrent, int tolerableFailures, int numRetained,
        CheckpointingOptions.ExternalizedRetention retention) {

    public CheckpointCoordinatorConfiguration {
        if (interval != null && !isPositive(interval)) {
            throw new IllegalArgumentException("Checkpoint interval must be positive: " + interval);
        }
        if (!isPositive(timeout)) {
            throw new IllegalArgumentException("Checkpoint timeout must be positive: " + timeout);
        }
        if (minPause.isNegative()) {
            throw new IllegalArgumentException("Minimum pause between checkpoints must not be negative: " + minPause);
        }
        if (maxConcurrent < 1 || tolerableFailures < 0 || numRetained < 1) {
            throw new IllegalArgumentException("Need maxConcurrent >= 1, tolerableFailures >= 0 and numRetained >= 1,"
                    + " not " + maxConcurrent + ", " + tolerableFailures + " and " + numRetained);
        }
        Objects.requireNonNull(retention);
    }

    /** Reads the {@link CheckpointingOptions}; an invalid value is reported with its key. */
    public static CheckpointCoordinatorConfiguration fromConfiguration(Configuration configuration) {
        // Durations do not parse negative; a zero timeout would expire every checkpoint at once.
        Duration timeout = configuration.get(CheckpointingOptions.TIMEOUT);
        if (!isPositive(timeout)) {
            throw new IllegalConfigurationException("Invalid value '" + timeout.toMillis()
                    + " ms' for configuration key '" + CheckpointingOptions.TIMEOUT.key()
                    + "': expected a positive duration");
        }
        return new CheckpointCoordinatorConfiguration(configuration.get(CheckpointingOptions.INTERVAL), timeout,
                configuration.get(CheckpointingOptions.MIN_PAUSE),
                configuration.get(CheckpointingOptions.MAX_CONCURRENT),
                configuration.get(CheckpointingOptions.TOLERABLE_FAILURES),
                configuration.get(CheckpointingOptions.NUM_RETAINED),
                configuration.get(CheckpointingOptions.EXTERNALIZED_RETENTION));
    }

    /** Whether checkpoints are triggered periodically, i.e. an interval is set. */
    public boolean isPeriodic() {
        return interval != null;
    }

    private static boolean isPositive(Duration duration) {
        return !duration.isZero() && !duration.isNegative();
    }
}
