package io.spindle.runtime.resourcemanager;

import io.spindle.rpc.RpcGateway;
import io.spindle.runtime.messages.Empty;
import io.spindle.runtime.messages.JobIdMessage;
import io.spindle.runtime.messages.RegisterTaskExecutor;
import io.spindle.runtime.messages.RegistrationResponse;
import io.spindle.runtime.messages.RequestSlots;
import io.spindle.runtime.messages.SlotGrants;
import io.spindle.runtime.messages.TaskManagerList;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/** Typed, fenced calls to the ResourceManager. */
public final class ResourceManagerGateway {
    public static final String ENDPOINT_ID = "resourcemanager";
    static final String REGISTER_TASK_EXECUTOR = "registerTaskExecutor";
    static final String REQUEST_SLOTS = "requestSlots";
    static final String RELEASE_SLOTS = "releaseSlots";
    static final String REQUEST_TASK_MANAGERS = "requestTaskManagers";
    static final String SHUT_DOWN_TASK_MANAGERS = "shutDownTaskManagers";

    private final RpcGateway rpc;
    private final UUID fencingToken;

    public ResourceManagerGateway(RpcGateway rpc, UUID fencingToken) {
        this.rpc = rpc;
        this.fencingToken = fencingToken;
    }

    public RpcGateway rpc() {
        return rpc;
    }

    public CompletableFuture<RegistrationResponse> registerTaskExecutor(RegisterTaskExecutor request) {
        return rpc.callFenced(fencingToken, REGISTER_TASK_EXECUTOR, request, RegistrationResponse.parser());
    }

    /** Completes when the slots are allocated, or fails after the request's own timeout. */
    public CompletableFuture<SlotGrants> requestSlots(RequestSlots request) {
        return rpc.callFenced(fencingToken, REQUEST_SLOTS, request, SlotGrants.parser(),
                Duration.ofMillis(request.getTimeoutMs()).plusSeconds(10));
    }

    public CompletableFuture<TaskManagerList> requestTaskManagers() {
        return rpc.callFenced(fencingToken, REQUEST_TASK_MANAGERS, Empty.getDefaultInstance(), TaskManagerList.parser());
    }

    /** Tells every registered TaskManager to exit; completes once all were told. */
    public CompletableFuture<Empty> shutDownTaskManagers() {
        return rpc.callFenced(fencingToken, SHUT_DOWN_TASK_MANAGERS, Empty.getDefaultInstance(), Empty.parser());
    }

    public CompletableFuture<Empty> releaseSlots(String jobId) {
        return rpc.callFenced(fencingToken, RELEASE_SLOTS, JobIdMessage.newBuilder().setJobId(jobId).build(), Empty.parser());
    }
}
