package io.spindle.runtime.jobmaster.restart;

/** {@code restart-strategy.type: none}: the first failure ends the job. */
final class NoRestartStrategy implements RestartStrategy {
    @Override
    public void notifyFailure() {}

    @Override
    public boolean canRestart() {
        return false;
    }

    @Override
    public long getBackoffMillis() {
        return 0;
    }

    @Override
    public String describe() {
        return "none (restart-strategy.type)";
    }
}
