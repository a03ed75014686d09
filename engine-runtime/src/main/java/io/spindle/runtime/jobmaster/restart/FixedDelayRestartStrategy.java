package io.spindle.runtime.jobmaster.restart;

/** Restarts up to a number of times, each after the same delay. */
final class FixedDelayRestartStrategy implements RestartStrategy {
    private final int maxAttempts;
    private final long delayMillis;
    private int failures;

    FixedDelayRestartStrategy(int maxAttempts, long delayMillis) {
        this.maxAttempts = maxAttempts;
        this.delayMillis = delayMillis;
    }

    @Override
    public void notifyFailure() {
        failures++;
    }

    @Override
    public boolean canRestart() {
        return failures <= maxAttempts;
    }

    @Override
    public long getBackoffMillis() {
        return delayMillis;
    }

    @Override
    public String describe() {
        return "fixed-delay (" + Math.min(failures, maxAttempts) + " of " + maxAttempts + " restart attempts used)";
    }
}
