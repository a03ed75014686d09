package io.spindle.runtime.tasks;

/** The task was cancelled while it waited; not a failure of the user's code. */
public final class TaskCancelledException extends RuntimeException {
    public TaskCancelledException(String message) {
        super(message);
    }
}
