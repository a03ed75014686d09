package io.spindle.rpc;

import com.google.protobuf.ByteString;
import com.google.protobuf.Int64Value;
import com.google.protobuf.Message;
import com.google.protobuf.StringValue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/** A test endpoint with one method per behaviour the tests need. */
class EchoEndpoint extends RpcEndpoint {
    final AtomicInteger handlersRunning = new AtomicInteger();
    final AtomicBoolean overlapSeen = new AtomicBoolean();
    final CountDownLatch hangingCallArrived = new CountDownLatch(1);
    /** Touched only on the main thread, deliberately without synchronization. */
    private long counter;

    EchoEndpoint(RpcService service, String endpointId) {
        super(service, endpointId);
    }

    @Override
    protected CompletableFuture<? extends Message> handleCall(String method, ByteString payload) throws Exception {
        validateRunsInMainThread();
        if (handlersRunning.incrementAndGet() > 1) {
            overlapSeen.set(true);
        }
        try {
            return switch (method) {
                case "echo" -> CompletableFuture.completedFuture(
                        StringValue.of("echo:" + StringValue.parseFrom(payload).getValue()));
                case "increment" -> {
                    long before = counter;
                    Thread.yield(); // widen the window in which a concurrent handler would lose an update
                    counter = before + Int64Value.parseFrom(payload).getValue();
                    yield CompletableFuture.completedFuture(Int64Value.of(counter));
                }
                case "fail" -> throw new IllegalStateException("boom: " + StringValue.parseFrom(payload).getValue());
                case "hang" -> {
                    hangingCallArrived.countDown();
                    yield new CompletableFuture<Message>();
                }
                case "later" -> {
                    CompletableFuture<StringValue> result = new CompletableFuture<>();
                    scheduleRunAsync(() -> {
                        validateRunsInMainThread();
                        result.complete(StringValue.of("later"));
                    }, java.time.Duration.ofMillis(20));
                    yield result;
                }
                default -> throw unknownMethod(method);
            };
        } finally {
            handlersRunning.decrementAndGet();
        }
    }
}
