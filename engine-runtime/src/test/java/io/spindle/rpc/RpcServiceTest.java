package io.spindle.rpc;

import static io.spindle.rpc.RpcTestSupport.WAIT;
import static io.spindle.rpc.RpcTestSupport.failureOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.Int64Value;
import com.google.protobuf.StringValue;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RpcServiceTest {
    private RpcService server;
    private RpcService client;
    private EchoEndpoint echo;

    @BeforeEach
    void start() throws Exception {
        server = RpcService.start("127.0.0.1", 0, RpcOptions.defaults());
        client = RpcService.start("127.0.0.1", 0, RpcOptions.defaults());
        echo = new EchoEndpoint(server, "echo");
        echo.start();
    }

    @AfterEach
    void stop() {
        client.close();
        server.close();
    }

    private RpcGateway connect(String endpointId) {
        return client.connect(server.getAddress(), endpointId).join();
    }

    @Test
    void requestAndResponseCarryProtobufMessages() {
        RpcGateway gateway = connect("echo");

        StringValue reply = gateway.call("echo", StringValue.of("hello"), StringValue.parser()).join();

        assertThat(reply.getValue()).isEqualTo("echo:hello");
        assertThat(gateway.isConnected()).isTrue();
        assertThat(gateway.getAddress()).isEqualTo(server.getAddress());
        assertThat(gateway.getEndpointId()).isEqualTo("echo");
    }

    @Test
    void concurrentCallsFromSeveralThreadsAreHandledOneAtATimeOnTheMainThread() throws Exception {
        RpcGateway gateway = connect("echo");
        int threads = 4;
        int callsPerThread = 250;
        ExecutorService callers = Executors.newFixedThreadPool(threads);
        try {
            List<Future<List<CompletableFuture<Int64Value>>>> submitted = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                submitted.add(callers.submit(() -> {
                    List<CompletableFuture<Int64Value>> calls = new ArrayList<>();
                    for (int i = 0; i < callsPerThread; i++) {
                        calls.add(gateway.call("increment", Int64Value.of(1), Int64Value.parser()));
                    }
                    return calls;
                }));
            }
            Set<Long> results = new HashSet<>();
            for (Future<List<CompletableFuture<Int64Value>>> batch : submitted) {
                for (CompletableFuture<Int64Value> call : batch.get(WAIT.toSeconds(), TimeUnit.SECONDS)) {
                    results.add(call.get(WAIT.toSeconds(), TimeUnit.SECONDS).getValue());
                }
            }
            // an update lost to a concurrent handler would show up as a repeated value
            assertThat(results).hasSize(threads * callsPerThread);
            assertThat(results).contains((long) threads * callsPerThread);
            assertThat(echo.overlapSeen).isFalse();
        } finally {
            callers.shutdownNow();
        }
    }

    @Test
    void gatewaysToOneAddressShareTheConnection() throws Exception {
        // a client allowed to send frames the server refuses: the server then drops the connection
        RpcService generousClient =
                RpcService.start("127.0.0.1", 0, RpcOptions.defaults().withMaxFrameSize(1 << 24));
        try {
            RpcGateway killer = generousClient.connect(server.getAddress(), "echo").join();
            RpcGateway bystander = generousClient.connect(server.getAddress(), "other").join();
            CountDownLatch bystanderDisconnected = new CountDownLatch(1);
            bystander.addDisconnectListener(bystanderDisconnected::countDown);

            failureOf(killer.call("echo", StringValue.of("x".repeat(RpcOptions.DEFAULT_MAX_FRAME_SIZE + 1)),
                    StringValue.parser()));

            assertThat(awaitQuietly(bystanderDisconnected)).isTrue();
            assertThat(bystander.isConnected()).isFalse();
        } finally {
            generousClient.close();
        }
    }

    @Test
    void remoteFailureNamesTheRemoteExceptionAndKeepsItsStackTrace() {
        RpcGateway gateway = connect("echo");

        Throwable failure = failureOf(gateway.call("fail", StringValue.of("bad input"), StringValue.parser()));

        assertThat(failure).isExactlyInstanceOf(RpcException.class)
                .hasMessageContaining("call 'fail' to endpoint 'echo'")
                .hasMessageContaining("java.lang.IllegalStateException: boom: bad input");
        RpcException rpcFailure = (RpcException) failure;
        assertThat(rpcFailure.getRemoteExceptionClass()).isEqualTo(IllegalStateException.class.getName());
        assertThat(rpcFailure.getRemoteStackTrace()).contains("EchoEndpoint.handleCall");
    }

    @Test
    void unknownEndpointIsReportedWithTheAddress() {
        RpcGateway gateway = connect("nobody");

        Throwable failure = failureOf(gateway.call("echo", StringValue.of("x"), StringValue.parser()));

        assertThat(failure).isInstanceOf(UnknownEndpointException.class)
                .hasMessageContaining("no endpoint 'nobody' at 127.0.0.1:" + server.getAddress().getPort())
                .hasMessageContaining("[echo]");
    }

    @Test
    void unknownMethodIsReported() {
        RpcGateway gateway = connect("echo");

        Throwable failure = failureOf(gateway.call("shout", StringValue.of("x"), StringValue.parser()));

        assertThat(failure).isInstanceOf(UnknownMethodException.class)
                .hasMessageContaining("endpoint 'echo'")
                .hasMessageContaining("has no method 'shout'");
    }

    @Test
    void callWithoutResponseTimesOut() {
        RpcGateway gateway = connect("echo");

        Throwable failure = failureOf(
                gateway.call("hang", StringValue.of("x"), StringValue.parser(), Duration.ofMillis(200)));

        assertThat(failure).isInstanceOf(RpcTimeoutException.class)
                .hasMessageContaining("call 'hang' to endpoint 'echo'")
                .hasMessageContaining("timed out after 200 ms");
        // the connection survives a timeout
        assertThat(gateway.call("echo", StringValue.of("still"), StringValue.parser()).join().getValue())
                .isEqualTo("echo:still");
    }

    @Test
    void lostPeerFailsPendingCallsAtOnceAndNotifiesListeners() throws Exception {
        RpcGateway gateway = connect("echo");
        CountDownLatch disconnected = new CountDownLatch(1);
        gateway.addDisconnectListener(disconnected::countDown);
        CompletableFuture<StringValue> pending = gateway.call("hang", StringValue.of("x"), StringValue.parser(),
                Duration.ofMinutes(5));
        assertThat(echo.hangingCallArrived.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();

        server.close();

        assertThat(failureOf(pending)).isInstanceOf(RpcConnectionException.class)
                .hasMessageContaining(RpcService.format(server.getAddress()));
        assertThat(awaitQuietly(disconnected)).isTrue();
        assertThat(gateway.isConnected()).isFalse();
        assertThat(failureOf(gateway.call("echo", StringValue.of("x"), StringValue.parser())))
                .isInstanceOf(RpcConnectionException.class);
        CountDownLatch lateListener = new CountDownLatch(1);
        gateway.addDisconnectListener(lateListener::countDown);
        assertThat(lateListener.getCount()).isZero();
    }

    @Test
    void connectingToAClosedPortFailsClearly() throws IOException {
        int freePort;
        try (ServerSocket socket = new ServerSocket(0)) {
            freePort = socket.getLocalPort();
        }

        Throwable failure = failureOf(client.connect(new InetSocketAddress("127.0.0.1", freePort), "echo"));

        assertThat(failure).isInstanceOf(RpcConnectionException.class)
                .hasMessageStartingWith("could not connect to 127.0.0.1:" + freePort + ": ");
    }

    @Test
    void oversizedFrameDropsTheConnectionAndALaterConnectOpensANewOne() throws Exception {
        RpcService generousClient =
                RpcService.start("127.0.0.1", 0, RpcOptions.defaults().withMaxFrameSize(1 << 24));
        try {
            RpcGateway gateway = generousClient.connect(server.getAddress(), "echo").join();
            CountDownLatch disconnected = new CountDownLatch(1);
            gateway.addDisconnectListener(disconnected::countDown);
            String huge = "x".repeat(RpcOptions.DEFAULT_MAX_FRAME_SIZE + 1);

            Throwable failure = failureOf(gateway.call("echo", StringValue.of(huge), StringValue.parser()));

            assertThat(failure).isInstanceOf(RpcConnectionException.class);
            assertThat(awaitQuietly(disconnected)).isTrue();
            RpcGateway reconnected = generousClient.connect(server.getAddress(), "echo").join();
            assertThat(reconnected.call("echo", StringValue.of("again"), StringValue.parser()).join().getValue())
                    .isEqualTo("echo:again");
        } finally {
            generousClient.close();
        }
    }

    @Test
    void requestLargerThanTheOwnFrameLimitFailsBeforeSending() {
        RpcGateway gateway = connect("echo");
        String huge = "x".repeat(RpcOptions.DEFAULT_MAX_FRAME_SIZE + 1);

        Throwable failure = failureOf(gateway.call("echo", StringValue.of(huge), StringValue.parser()));

        assertThat(failure).isInstanceOf(RpcException.class).hasMessageContaining("RpcOptions.maxFrameSize");
        assertThat(gateway.isConnected()).isTrue();
    }

    @Test
    void closedEndpointIsUnknownAndItsIdCanBeReused() {
        RpcGateway gateway = connect("echo");
        echo.close();

        assertThat(failureOf(gateway.call("echo", StringValue.of("x"), StringValue.parser())))
                .isInstanceOf(UnknownEndpointException.class);

        EchoEndpoint successor = new EchoEndpoint(server, "echo");
        successor.start();
        assertThat(gateway.call("echo", StringValue.of("y"), StringValue.parser()).join().getValue())
                .isEqualTo("echo:y");
    }

    @Test
    void duplicateEndpointIdIsRejected() {
        EchoEndpoint duplicate = new EchoEndpoint(server, "echo");
        try {
            assertThatThrownBy(duplicate::start).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("already running");
        } finally {
            duplicate.close();
        }
    }

    @Test
    void scheduledWorkRunsOnTheMainThread() {
        RpcGateway gateway = connect("echo");
        assertThat(gateway.call("later", StringValue.of(""), StringValue.parser()).join().getValue())
                .isEqualTo("later");
    }

    @Test
    void bindingAnOccupiedPortFailsClearly() {
        int port = server.getAddress().getPort();
        assertThatThrownBy(() -> RpcService.start("127.0.0.1", port, RpcOptions.defaults()))
                .isInstanceOf(RpcException.class)
                .hasMessageContaining("could not bind the RPC server to 127.0.0.1:" + port);
    }

    @Test
    void closeReleasesAllThreads() throws Exception {
        RpcService extra = RpcService.start("127.0.0.1", 0, RpcOptions.defaults());
        new EchoEndpoint(extra, "short-lived").start();
        client.connect(extra.getAddress(), "short-lived").join()
                .call("echo", StringValue.of("x"), StringValue.parser()).join();

        extra.close();

        long deadline = System.nanoTime() + WAIT.toNanos();
        while (mainThreadAlive("rpc-short-lived") && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(mainThreadAlive("rpc-short-lived")).isFalse();
    }

    private static boolean mainThreadAlive(String name) {
        return Thread.getAllStackTraces().keySet().stream().anyMatch(t -> t.getName().equals(name) && t.isAlive());
    }

    private static boolean awaitQuietly(CountDownLatch latch) {
        try {
            return latch.await(WAIT.toSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
