package io.spindle.heartbeat;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import com.google.protobuf.Message;
import com.google.protobuf.StringValue;
import io.spindle.rpc.RpcEndpoint;
import io.spindle.rpc.RpcGateway;
import io.spindle.rpc.RpcOptions;
import io.spindle.rpc.RpcService;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Both heartbeat sides wired the way the runtime uses them: over RPC, on the endpoints' main threads. */
class HeartbeatOverRpcTest {
    private static final Duration INTERVAL = Duration.ofMillis(20);
    private static final Duration TIMEOUT = Duration.ofMillis(200);

    /** The answering side: records each request and answers with its slot report. */
    private static final class Worker extends RpcEndpoint {
        final CountDownLatch leaderLost = new CountDownLatch(1);
        final HeartbeatMonitor monitor = new HeartbeatMonitor(TIMEOUT, peer -> {
            validateRunsInMainThread();
            leaderLost.countDown();
        }, getMainThreadExecutor(), getMainThreadExecutor()::schedule);

        Worker(RpcService service) {
            super(service, "taskexecutor");
        }

        @Override
        protected void onStart() {
            monitor.monitorSource("resourcemanager");
        }

        @Override
        protected CompletableFuture<? extends Message> handleCall(String method, ByteString payload) throws Exception {
            if (!method.equals("heartbeatFromResourceManager")) {
                throw unknownMethod(method);
            }
            monitor.recordHeartbeat(StringValue.parseFrom(payload).getValue());
            return CompletableFuture.completedFuture(StringValue.of("free slots: 2"));
        }
    }

    /** The requesting side: asks its workers for heartbeats through their gateways. */
    private static final class Manager extends RpcEndpoint {
        final List<String> reports = new CopyOnWriteArrayList<>();
        final CountDownLatch reported = new CountDownLatch(3);
        final CountDownLatch workerLost = new CountDownLatch(1);
        final HeartbeatManager<StringValue> heartbeats = new HeartbeatManager<>(INTERVAL, TIMEOUT,
                new HeartbeatListener<>() {
                    @Override
                    public void reportPayload(String targetId, StringValue payload) {
                        validateRunsInMainThread();
                        reports.add(targetId + ": " + payload.getValue());
                        reported.countDown();
                    }

                    @Override
                    public void notifyHeartbeatTimeout(String targetId) {
                        validateRunsInMainThread();
                        workerLost.countDown();
                    }
                }, getMainThreadExecutor(), getMainThreadExecutor()::schedule);

        Manager(RpcService service) {
            super(service, "resourcemanager");
        }

        void monitor(RpcGateway worker) {
            heartbeats.monitorTarget(worker.getEndpointId(), () -> worker.call("heartbeatFromResourceManager",
                    StringValue.of(getEndpointId()), StringValue.parser()));
        }

        @Override
        protected CompletableFuture<? extends Message> handleCall(String method, ByteString payload) throws Exception {
            throw unknownMethod(method);
        }
    }

    @Test
    void eachSideNoticesWhenTheOtherGoesAway() throws Exception {
        try (RpcService managerSide = RpcService.start("127.0.0.1", 0, RpcOptions.defaults());
                RpcService workerSide = RpcService.start("127.0.0.1", 0, RpcOptions.defaults())) {
            Manager manager = new Manager(managerSide);
            manager.start();
            Worker worker = new Worker(workerSide);
            worker.start();
            manager.monitor(managerSide.connect(workerSide.getAddress(), "taskexecutor").join());

            assertThat(manager.reported.await(5, TimeUnit.SECONDS)).isTrue();
            assertThat(manager.reports).first().isEqualTo("taskexecutor: free slots: 2");
            assertThat(worker.leaderLost.getCount()).isEqualTo(1);

            // the manager stops asking: the worker's monitor fires
            manager.heartbeats.unmonitorTarget("taskexecutor");
            assertThat(worker.leaderLost.await(5, TimeUnit.SECONDS)).isTrue();

            // the worker process dies: the manager's requests fail and the timeout fires
            manager.monitor(managerSide.connect(workerSide.getAddress(), "taskexecutor").join());
            workerSide.close();
            assertThat(manager.workerLost.await(5, TimeUnit.SECONDS)).isTrue();
        }
    }
}
