package io.spindle.runtime.operators;

/** Which parallel instance of which task an operator runs in. */
public record TaskInfo(String taskName, int subtaskIndex, int parallelism, int maxParallelism, int attemptNumber) {}
