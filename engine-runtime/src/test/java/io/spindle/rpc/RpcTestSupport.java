package io.spindle.rpc;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/** Small helpers shared by the RPC tests. */
final class RpcTestSupport {
    static final Duration WAIT = Duration.ofSeconds(5);

    private RpcTestSupport() {}

    /** Asserts that {@code future} fails within {@link #WAIT} and returns its (unwrapped) failure. */
    static Throwable failureOf(CompletableFuture<?> future) {
        assertThat(future).failsWithin(WAIT);
        try {
            future.get();
            throw new AssertionError("future did not fail");
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

}
