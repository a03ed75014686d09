package io.spindle.heartbeat;

import java.util.concurrent.CompletableFuture;

/**
 * The requesting side's view of a monitored peer: typically a wrapper around an RPC gateway whose
 * {@code requestHeartbeat} call the peer answers with its current state (e.g. a slot report).
 *
 * @param <O> the payload the peer answers with
 */
@FunctionalInterface
public interface HeartbeatTarget<O> {

    /** Asks the peer for a heartbeat; a failed future counts as no answer. */
    CompletableFuture<O> requestHeartbeat();
}
