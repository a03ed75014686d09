package io.spindle.heartbeat;

/** Told when a monitored peer has been silent for longer than the heartbeat timeout. */
@FunctionalInterface
public interface HeartbeatTimeoutListener {

    /** Called once per lost peer; the peer is no longer monitored afterwards. */
    void notifyHeartbeatTimeout(String peerId);
}
