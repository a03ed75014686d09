package io.spindle.client.rest;

/** {@code GET /overview}: the cluster's TaskManagers, slots and jobs by state. */
public record ClusterOverview(int taskManagers, int slotsTotal, int slotsAvailable, int jobsRunning,
        int jobsFinished, int jobsCancelled, int jobsFailed, String version) {}
