package io.spindle.rpc;

import com.google.protobuf.ByteString;
import com.google.protobuf.Message;
import com.google.protobuf.StringValue;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/** A fenced test endpoint whose leadership the test switches. */
class LeaderEndpoint extends FencedRpcEndpoint {

    LeaderEndpoint(RpcService service, String endpointId) {
        super(service, endpointId);
    }

    void becomeLeader(UUID tokenOrNull) {
        CompletableFuture.runAsync(() -> setFencingToken(tokenOrNull), getMainThreadExecutor()).join();
    }

    @Override
    protected CompletableFuture<? extends Message> handleCall(String method, ByteString payload) throws Exception {
        if (method.equals("whoIsLeader")) {
            return CompletableFuture.completedFuture(StringValue.of(String.valueOf(getFencingToken())));
        }
        throw unknownMethod(method);
    }
}
