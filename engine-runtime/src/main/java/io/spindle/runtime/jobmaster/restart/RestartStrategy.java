package io.spindle.runtime.jobmaster.restart;

/**
 * Decides whether a failed job runs again and after how long. The JobMaster reports every
 * failure, then asks; implementations are plain logic over an injected clock.
 */
public interface RestartStrategy {
    /** Records a failure at the current time. */
    void notifyFailure();

    /** Whether the job may restart after the failures recorded so far. */
    boolean canRestart();

    /** How long to wait before the restart. */
    long getBackoffMillis();

    /** A line for logs and error messages, e.g. "fixed-delay (2 of 3 attempts used)". */
    String describe();
}
