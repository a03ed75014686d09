package io.spindle.rpc;

import static io.spindle.rpc.RpcTestSupport.failureOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.StringValue;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FencedRpcEndpointTest {
    private RpcService server;
    private RpcService client;
    private LeaderEndpoint leader;
    private RpcGateway gateway;

    @BeforeEach
    void start() throws Exception {
        server = RpcService.start("127.0.0.1", 0, RpcOptions.defaults());
        client = RpcService.start("127.0.0.1", 0, RpcOptions.defaults());
        leader = new LeaderEndpoint(server, "resourcemanager");
        leader.start();
        gateway = client.connect(server.getAddress(), "resourcemanager").join();
    }

    @AfterEach
    void stop() {
        client.close();
        server.close();
    }

    @Test
    void callWithTheCurrentTokenIsAccepted() {
        UUID session = UUID.randomUUID();
        leader.becomeLeader(session);

        StringValue reply = gateway.callFenced(session, "whoIsLeader", StringValue.of(""), StringValue.parser()).join();

        assertThat(reply.getValue()).isEqualTo(session.toString());
    }

    @Test
    void callWithAStaleTokenIsRejectedNamingBothTokens() {
        UUID stale = UUID.randomUUID();
        UUID current = UUID.randomUUID();
        leader.becomeLeader(current);

        Throwable failure = failureOf(gateway.callFenced(stale, "whoIsLeader", StringValue.of(""), StringValue.parser()));

        assertThat(failure).isInstanceOf(FencingTokenException.class)
                .hasMessageContaining("expected " + current)
                .hasMessageContaining("received " + stale)
                .hasMessageContaining("endpoint 'resourcemanager'");
    }

    @Test
    void everyCallIsRejectedWhileNotLeader() {
        UUID formerSession = UUID.randomUUID();
        leader.becomeLeader(formerSession);
        leader.becomeLeader(null);

        Throwable failure = failureOf(
                gateway.callFenced(formerSession, "whoIsLeader", StringValue.of(""), StringValue.parser()));

        assertThat(failure).isInstanceOf(FencingTokenException.class).hasMessageContaining("not leader");
    }

    @Test
    void unfencedCallToAFencedEndpointIsRejected() {
        leader.becomeLeader(UUID.randomUUID());

        Throwable failure = failureOf(gateway.call("whoIsLeader", StringValue.of(""), StringValue.parser()));

        assertThat(failure).isInstanceOf(FencingTokenException.class).hasMessageContaining("unfenced call");
    }

    @Test
    void fencingTokenCanOnlyBeSetOnTheMainThread() {
        assertThatThrownBy(() -> leader.setFencingToken(UUID.randomUUID()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("main thread");
    }
}
