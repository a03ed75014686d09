package io.spindle.runtime.jobmaster;

import io.spindle.heartbeat.HeartbeatManager;
import io.spindle.rpc.RpcService;
import io.spindle.runtime.checkpoint.proto.CheckpointNotification;
import io.spindle.runtime.checkpoint.proto.TriggerCheckpoint;
import io.spindle.runtime.messages.Empty;
import io.spindle.runtime.messages.SlotGrant;
import io.spindle.runtime.messages.TaskDeployment;
import io.spindle.runtime.scheduler.TaskManagerGateway;
import io.spindle.runtime.scheduler.TaskManagerRegistry;
import io.spindle.runtime.taskexecutor.TaskExecutorGateway;
import java.net.InetSocketAddress;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The RPC connections of one job to the TaskManagers that hold its slots, each watched with
 * heartbeats and its connection's closing; a lost one is reported once. Main thread only.
 */
final class JobTaskManagers implements TaskManagerRegistry, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(JobTaskManagers.class);

    private final RpcService rpcService;
    private final String jobId;
    private final HeartbeatManager<Empty> heartbeats;
    private final BiConsumer<String, String> onLost;
    private final Executor mainThread;
    private final Map<String, RpcTaskManager> connected = new HashMap<>();

    /** @param onLost told (resource id, reason) when a connection closes; from any thread */
    JobTaskManagers(RpcService rpcService, String jobId, HeartbeatManager<Empty> heartbeats,
            BiConsumer<String, String> onLost, Executor mainThread) {
        this.mainThread = mainThread;
        this.rpcService = rpcService;
        this.jobId = jobId;
        this.heartbeats = heartbeats;
        this.onLost = onLost;
    }

    @Override
    public CompletableFuture<Void> connect(Collection<SlotGrant> slots) {
        Map<String, CompletableFuture<TaskExecutorGateway>> connecting = new LinkedHashMap<>();
        for (SlotGrant slot : slots) {
            if (!connected.containsKey(slot.getResourceId())) {
                connecting.computeIfAbsent(slot.getResourceId(), id -> rpcService
                        .connect(new InetSocketAddress(slot.getRpcAddress().getHost(), slot.getRpcAddress().getPort()),
                                TaskExecutorGateway.ENDPOINT_ID)
                        .thenApply(TaskExecutorGateway::new));
            }
        }
        return CompletableFuture.allOf(connecting.values().toArray(CompletableFuture[]::new))
                .thenRunAsync(() -> connecting.forEach((resourceId, gateway) -> watch(resourceId, gateway.join())), mainThread);
    }

    private void watch(String resourceId, TaskExecutorGateway gateway) {
        connected.put(resourceId, new RpcTaskManager(gateway));
        heartbeats.monitorTarget(resourceId, () -> gateway.heartbeatFromJobManager(jobId));
        gateway.rpc().addDisconnectListener(() -> onLost.accept(resourceId, "the connection to it was lost"));
    }

    @Override
    public TaskManagerGateway get(String resourceId) {
        return connected.get(resourceId);
    }

    /** Forgets a lost TaskManager; false if it was not connected (already reported). */
    boolean remove(String resourceId) {
        if (connected.remove(resourceId) == null) {
            return false;
        }
        heartbeats.unmonitorTarget(resourceId);
        return true;
    }

    @Override
    public void close() {
        heartbeats.close();
    }

    /** One TaskManager over RPC; failed sends are logged, their effects show as task states or timeouts. */
    private static final class RpcTaskManager implements TaskManagerGateway {
        private final TaskExecutorGateway gateway;

        RpcTaskManager(TaskExecutorGateway gateway) {
            this.gateway = gateway;
        }

        @Override
        public CompletableFuture<?> submitTask(TaskDeployment deployment) {
            return gateway.submitTask(deployment);
        }

        @Override
        public void cancelTask(String executionId) {
            gateway.cancelTask(executionId).whenComplete((ack, failure) -> logFailure("cancel task " + executionId, failure));
        }

        @Override
        public CompletableFuture<?> triggerCheckpoint(TriggerCheckpoint trigger) {
            return gateway.triggerCheckpoint(trigger);
        }

        @Override
        public void notifyCheckpoint(CheckpointNotification notification) {
            gateway.notifyCheckpoint(notification).whenComplete((ack, failure) ->
                    logFailure("notify checkpoint " + notification.getCheckpointId(), failure));
        }

        private static void logFailure(String what, Throwable failure) {
            if (failure != null) {
                LOG.debug("Could not {}: {}", what, failure.toString());
            }
        }
    }
}
