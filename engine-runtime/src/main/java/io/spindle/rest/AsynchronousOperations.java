package io.spindle.rest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * Long operations behind REST, in Flink's pattern: a POST starts one and answers at once with a
 * {@code request-id}; a GET with that id answers {@code {"status":{"id":"IN_PROGRESS"}}} until it
 * is over, then {@code COMPLETED} with the {@code operation}'s result or {@code failure-cause}.
 * A finished operation's result stays for {@link #RETENTION} after it ended, then the id is
 * unknown. Safe for the endpoint's I/O threads.
 */
final class AsynchronousOperations {
    /** As Flink's rest.async.store-duration. */
    static final Duration RETENTION = Duration.ofMinutes(5);

    /** {@code endedAt} is {@link Long#MAX_VALUE} while the operation runs. */
    private record Operation(String scope, CompletableFuture<ObjectNode> result, AtomicLong endedAt,
            java.util.concurrent.atomic.AtomicBoolean read) {}

    private final Map<String, Operation> operations = new ConcurrentHashMap<>();
    private final LongSupplier clock;

    AsynchronousOperations(LongSupplier clock) {
        this.clock = clock;
    }

    /**
     * Registers an operation of {@code scope} (e.g. a job id) and returns its trigger id;
     * {@code describe} turns its result into the {@code operation} object.
     */
    <T> String start(String scope, CompletableFuture<T> operation, Function<T, ObjectNode> describe) {
        evictExpired();
        String triggerId = UUID.randomUUID().toString().replace("-", "");
        AtomicLong endedAt = new AtomicLong(Long.MAX_VALUE);
        CompletableFuture<ObjectNode> result = operation.thenApply(describe);
        result.whenComplete((ignored, failure) -> endedAt.set(clock.getAsLong()));
        operations.put(triggerId, new Operation(scope, result, endedAt, new java.util.concurrent.atomic.AtomicBoolean()));
        return triggerId;
    }

    /** Whether an operation is running, or ended and its result was not asked for yet. */
    boolean hasUnreadResults() {
        evictExpired();
        return operations.values().stream().anyMatch(operation -> !operation.read().get());
    }

    /** Flink's status answer for a trigger id of {@code scope}. */
    ObjectNode status(String scope, String triggerId) {
        evictExpired();
        Operation operation = operations.get(triggerId);
        if (operation == null || !operation.scope().equals(scope)) {
            throw new RestClusterBackend.NotFoundException("No operation with trigger id " + triggerId + " for " + scope
                    + ": it is unknown, or it ended more than " + RETENTION.toMinutes() + " minutes ago");
        }
        ObjectNode answer = RestJson.emptyObject();
        CompletableFuture<ObjectNode> result = operation.result();
        if (!result.isDone()) {
            answer.putObject("status").put("id", "IN_PROGRESS");
            return answer;
        }
        answer.putObject("status").put("id", "COMPLETED");
        operation.read().set(true);
        try {
            answer.set("operation", result.join());
        } catch (CompletionException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            answer.putObject("operation").set("failure-cause", failureCause(cause));
        }
        return answer;
    }

    /** A failure as Flink's SerializedThrowable JSON shows it: its class and its stack trace, message first. */
    private static ObjectNode failureCause(Throwable cause) {
        StringWriter trace = new StringWriter();
        cause.printStackTrace(new PrintWriter(trace));
        ObjectNode node = RestJson.emptyObject();
        node.put("class", cause.getClass().getName());
        node.put("stack-trace", trace.toString());
        return node;
    }

    private void evictExpired() {
        long oldest = clock.getAsLong() - RETENTION.toMillis();
        for (Iterator<Operation> it = operations.values().iterator(); it.hasNext(); ) {
            if (it.next().endedAt().get() < oldest) {
                it.remove();
            }
        }
    }
}
