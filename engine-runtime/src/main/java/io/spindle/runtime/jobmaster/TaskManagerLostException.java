package io.spindle.runtime.jobmaster;

/** A TaskManager running tasks of the job stopped answering or disconnected. */
public class TaskManagerLostException extends RuntimeException {
    public TaskManagerLostException(String message) {
        super(message);
    }
}
