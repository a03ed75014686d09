package io.spindle.rest;

/**
 * The JobManager behind this REST endpoint does not lead (a standby, or between leaders):
 * answered with 503 and, when known, the leader's REST address for the client to go to.
 */
public final class NotLeaderException extends RuntimeException {
    private final String leaderRestAddress;

    /** @param leaderRestAddressOrNull the leading JobManager's REST base URL, when one is known */
    public NotLeaderException(String leaderRestAddressOrNull) {
        super(leaderRestAddressOrNull == null
                ? "This JobManager does not lead and no leader is known yet; retry in a moment"
                : "This JobManager is a standby; the leading JobManager's REST endpoint is " + leaderRestAddressOrNull);
        this.leaderRestAddress = leaderRestAddressOrNull;
    }

    /** The leader's REST base URL, or null. */
    public String leaderRestAddress() {
        return leaderRestAddress;
    }
}
