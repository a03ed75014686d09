package io.spindle.client.rest;

/**
 * A job's checkpoints as {@code spindle status} shows them: how many completed,
 * and the latest completed one (id, when it completed, where it lies), which is -1 and null
 * while none has.
 */
public record LatestCheckpoint(long completed, long failed, long latestId, long latestCompletionTime,
        String latestPath) {}
