package io.spindle.rpc;

import java.util.Objects;
import java.util.UUID;

/**
 * An endpoint that accepts calls only from callers that know its current leader session: every
 * call must carry the fencing token set with {@link #setFencingToken}. Calls with another token,
 * without a token, or while no token is set (not leader) fail with {@link FencingTokenException}
 * before they reach {@link #handleCall}. Local {@code runAsync} work is not fenced.
 */
public abstract class FencedRpcEndpoint extends RpcEndpoint {

    /** Written on the main thread only; volatile so that other threads may read it for logging. */
    private volatile UUID fencingToken;

    protected FencedRpcEndpoint(RpcService service, String endpointId) {
        super(service, endpointId);
    }

    /** The current leader session, or null while not leader. */
    public final UUID getFencingToken() {
        return fencingToken;
    }

    /** Sets the leader session (null: not leader, every call is rejected). Main thread only. */
    protected final void setFencingToken(UUID tokenOrNull) {
        validateRunsInMainThread();
        fencingToken = tokenOrNull;
    }

    @Override
    final void checkFencingToken(String method, UUID receivedToken) throws FencingTokenException {
        UUID expected = fencingToken;
        if (expected == null || !Objects.equals(expected, receivedToken)) {
            throw new FencingTokenException("fencing token mismatch at endpoint '" + getEndpointId() + "' at "
                    + RpcService.format(getRpcService().getAddress()) + " for call '" + method + "': expected "
                    + (expected == null ? "none (the endpoint is not leader)" : expected) + ", received "
                    + (receivedToken == null ? "none (unfenced call)" : receivedToken));
        }
    }
}
