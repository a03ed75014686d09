package io.spindle.ha;

import java.util.UUID;

/** A component that wants to lead (the JobManager). */
public interface LeaderContender {
    /** This contender now leads under {@code leaderSessionId}, the fencing token of its messages. */
    void grantLeadership(UUID leaderSessionId);

    /** Leadership is lost, or may be (e.g. a suspended ZooKeeper connection): stop acting at once. */
    void revokeLeadership();

    void handleError(Exception error);
}
