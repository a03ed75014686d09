package io.spindle.client.rest;

/** Reading the job state names the REST API reports. */
final class JobStates {
    private JobStates() {}

    static boolean isTerminal(String state) {
        return "FINISHED".equals(state) || "FAILED".equals(state) || "CANCELED".equals(state);
    }
}
