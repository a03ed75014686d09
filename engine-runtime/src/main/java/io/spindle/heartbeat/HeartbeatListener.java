package io.spindle.heartbeat;

/**
 * Receives what a {@link HeartbeatManager} learns about its targets.
 *
 * @param <O> the payload targets answer heartbeats with
 */
public interface HeartbeatListener<O> extends HeartbeatTimeoutListener {

    /** A target answered a heartbeat request in time with {@code payload}. */
    void reportPayload(String targetId, O payload);
}
