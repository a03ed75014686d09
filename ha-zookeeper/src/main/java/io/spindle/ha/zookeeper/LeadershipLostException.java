package io.spindle.ha.zookeeper;

/**
 * A write of a JobManager that does not (or no longer) lead: its latch node is gone, so the
 * write was rejected and no store changed.
 */
public final class LeadershipLostException extends Exception {
    public LeadershipLostException(String what) {
        super("Cannot " + what + ": this JobManager no longer leads (its ZooKeeper leader latch node is gone);"
                + " the write was rejected and nothing was changed");
    }
}
