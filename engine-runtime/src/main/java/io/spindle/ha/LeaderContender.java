package io.spindle.ha;

import java.util.UUID;

/**
 * A component that wants to lead (the JobManager). The election calls it on its own event
 * thread, which must not block: a contender hands the work of starting or stopping off.
 */
public interface LeaderContender {
    /** This contender now leads under {@code leaderSessionId}, the fencing token of its messages. */
    void grantLeadership(UUID leaderSessionId);

    /**
     * Leadership is lost: stop acting at once. (A ZooKeeper connection that is only suspended
     * keeps leadership; the stores' fenced writes keep that safe.)
     */
    void revokeLeadership();

    void handleError(Exception error);
}
