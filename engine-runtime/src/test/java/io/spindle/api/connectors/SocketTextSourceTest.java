package io.spindle.api.connectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Timeout(20)
class SocketTextSourceTest {

    @Test
    void emitsLinesUntilThePeerCloses() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CompletableFuture<Void> sender = CompletableFuture.runAsync(() -> sendAndClose(server,
                    "alpha\nbeta\r\n\ngrüße 日本\nno newline at end"));
            SocketTextSource source = Serialization.roundTrip(new SocketTextSource("127.0.0.1", server.getLocalPort()));
            CollectingSourceContext<String> ctx = new CollectingSourceContext<>();

            source.run(ctx);

            sender.get(5, TimeUnit.SECONDS);
            assertThat(ctx.records()).containsExactly("alpha", "beta", "", "grüße 日本", "no newline at end");
        }
    }

    @Test
    void splitsAtACustomDelimiterEvenWhenItArrivesInPieces() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CompletableFuture<Void> sender = CompletableFuture.runAsync(() -> {
                try (Socket peer = server.accept(); OutputStream out = peer.getOutputStream()) {
                    for (String piece : new String[] {"one<", "|>two<|", ">thr", "ee<|>"}) {
                        out.write(piece.getBytes(StandardCharsets.UTF_8));
                        out.flush();
                    }
                } catch (IOException e) {
                    throw new RuntimeException(e);
                }
            });
            SocketTextSource source = new SocketTextSource("127.0.0.1", server.getLocalPort(), "<|>");
            CollectingSourceContext<String> ctx = new CollectingSourceContext<>();

            source.run(ctx);

            sender.get(5, TimeUnit.SECONDS);
            assertThat(ctx.records()).containsExactly("one", "two", "three");
        }
    }

    @Test
    void cancelEndsABlockedRead() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CountDownLatch cancelled = new CountDownLatch(1);
            CompletableFuture<Void> sender = CompletableFuture.runAsync(() -> {
                try (Socket peer = server.accept(); OutputStream out = peer.getOutputStream()) {
                    out.write("first\nsecond\n".getBytes(StandardCharsets.UTF_8));
                    out.flush();
                    // Keep the connection open: only cancel may end the source.
                    cancelled.await(10, TimeUnit.SECONDS);
                } catch (IOException | InterruptedException e) {
                    throw new RuntimeException(e);
                }
            });
            SocketTextSource source = new SocketTextSource("127.0.0.1", server.getLocalPort());
            CountDownLatch twoRecords = new CountDownLatch(2);
            CollectingSourceContext<String> ctx = new CollectingSourceContext<>(records -> twoRecords.countDown());
            CompletableFuture<Void> running = CompletableFuture.runAsync(() -> {
                try {
                    source.run(ctx);
                } catch (IOException e) {
                    throw new RuntimeException(e);
                }
            });

            assertThat(twoRecords.await(5, TimeUnit.SECONDS)).isTrue();
            source.cancel();
            running.get(5, TimeUnit.SECONDS);
            cancelled.countDown();
            sender.get(5, TimeUnit.SECONDS);

            assertThat(ctx.records()).containsExactly("first", "second");
        }
    }

    @Test
    void connectionFailureNamesTheAddress() throws Exception {
        int closedPort;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = probe.getLocalPort();
        }
        SocketTextSource source = new SocketTextSource("127.0.0.1", closedPort);

        assertThatThrownBy(() -> source.run(new CollectingSourceContext<>()))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("could not connect to 127.0.0.1:" + closedPort);
    }

    @Test
    void rejectsInvalidSettings() {
        assertThatThrownBy(() -> new SocketTextSource("localhost", 0)).hasMessageContaining("port");
        assertThatThrownBy(() -> new SocketTextSource("", 9000)).hasMessageContaining("host");
        assertThatThrownBy(() -> new SocketTextSource("localhost", 9000, "")).hasMessageContaining("delimiter");
    }

    private static void sendAndClose(ServerSocket server, String text) {
        try (Socket peer = server.accept(); OutputStream out = peer.getOutputStream()) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new RuntimeException(e);
        }
    }
}
