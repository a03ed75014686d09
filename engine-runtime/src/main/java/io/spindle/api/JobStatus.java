package io.spindle.api;

/** The life cycle of a job, with Flink's state names. */
public enum JobStatus {
    CREATED(false),
    RUNNING(false),
    RESTARTING(false),
    FAILING(false),
    CANCELLING(false),
    FINISHED(true),
    FAILED(true),
    CANCELED(true);

    private final boolean globallyTerminal;

    JobStatus(boolean globallyTerminal) {
        this.globallyTerminal = globallyTerminal;
    }

    /** A job in this state will not run again; its resources can be cleaned up. */
    public boolean isGloballyTerminal() {
        return globallyTerminal;
    }
}
