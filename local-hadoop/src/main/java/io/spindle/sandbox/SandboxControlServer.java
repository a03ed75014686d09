package io.spindle.sandbox;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sandbox's fault controls over HTTP on loopback, for {@code scripts/local-hadoop.sh} in
 * another JVM (through {@link SandboxControlClient}). Each request runs one operation of
 * {@link LocalHadoopSandbox} and answers in plain text: 200 with the result, 400 for a bad
 * request, 404 when the thing to act on does not exist, 500 when the operation failed.
 *
 * <ul>
 *   <li>{@code POST /restart-namenode}, {@code POST /restart-zookeeper}
 *   <li>{@code POST /expire-session?path=<znode>}: the session id, {@code 0x<hex>}
 *   <li>{@code GET /containers[?app=<applicationId>][&role=am|taskmanager|other]}: one
 *       {@link SandboxContainer#line()} per container
 *   <li>{@code POST /signal-container?id=<containerId>&signal=KILL|STOP|CONT}
 * </ul>
 */
final class SandboxControlServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SandboxControlServer.class);
    /** Restarts take seconds; a listing or a signal must not wait behind them. */
    private static final int HANDLER_THREADS = 4;

    private interface Operation {
        String run(Map<String, String> query) throws Exception;
    }

    private final HttpServer http;
    private final ExecutorService handlers;

    private SandboxControlServer(HttpServer http, ExecutorService handlers) {
        this.http = http;
        this.handlers = handlers;
    }

    /** Serves the controls of {@code sandbox} on an ephemeral loopback port. */
    static SandboxControlServer start(LocalHadoopSandbox sandbox) throws IOException {
        HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        ExecutorService handlers = Executors.newFixedThreadPool(HANDLER_THREADS, runnable -> {
            Thread thread = new Thread(runnable, "sandbox-control");
            thread.setDaemon(true);
            return thread;
        });
        http.setExecutor(handlers);
        route(http, "POST", "/restart-namenode", query -> timed(sandbox::restartNameNode,
                "NameNode restarted at " + sandbox.hdfsUri()));
        route(http, "POST", "/restart-zookeeper", query -> timed(sandbox::restartZooKeeper,
                "ZooKeeper restarted at " + sandbox.zooKeeperQuorum()));
        route(http, "POST", "/expire-session", query ->
                "0x" + Long.toHexString(sandbox.expireSessionOwning(required(query, "path"))) + "\n");
        route(http, "GET", "/containers", query -> containers(sandbox, query));
        route(http, "POST", "/signal-container", query -> {
            ContainerSignal signal = ContainerSignal.parse(required(query, "signal"));
            SandboxContainer container = sandbox.signalContainer(required(query, "id"), signal);
            return "Sent " + signal + " to " + container.containerId() + " (pid " + container.pid() + ")\n";
        });
        http.start();
        return new SandboxControlServer(http, handlers);
    }

    /** {@code 127.0.0.1:port} of the endpoint. */
    String address() {
        InetSocketAddress address = http.getAddress();
        return address.getAddress().getHostAddress() + ":" + address.getPort();
    }

    private static String containers(LocalHadoopSandbox sandbox, Map<String, String> query) throws IOException {
        String application = query.get("app");
        SandboxContainer.Role role = query.containsKey("role") ? SandboxContainer.Role.ofLabel(query.get("role")) : null;
        return sandbox.containers().stream()
                .filter(container -> application == null || container.applicationId().equals(application))
                .filter(container -> role == null || container.role() == role)
                .map(container -> container.line() + "\n")
                .collect(Collectors.joining());
    }

    private interface Step {
        void run() throws Exception;
    }

    private static String timed(Step step, String done) throws Exception {
        long startNanos = System.nanoTime();
        step.run();
        return done + " in " + (System.nanoTime() - startNanos) / 1_000_000 + " ms\n";
    }

    private static String required(Map<String, String> query, String name) {
        String value = query.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("Missing parameter '" + name + "'");
        }
        return value;
    }

    private static void route(HttpServer http, String method, String path, Operation operation) {
        http.createContext(path, exchange -> {
            try (exchange) {
                if (!exchange.getRequestURI().getPath().equals(path)) {
                    respond(exchange, new Response(404, "No control at " + exchange.getRequestURI().getPath()));
                } else if (!exchange.getRequestMethod().equals(method)) {
                    respond(exchange, new Response(405, path + " takes " + method));
                } else {
                    respond(exchange, run(path, operation, query(exchange)));
                }
            }
        });
    }

    private record Response(int status, String body) {}

    /** Runs an operation; a failure becomes an error response whose body is the message. */
    private static Response run(String path, Operation operation, Map<String, String> query) {
        LOG.info("Control {} {}", path, query);
        try {
            return new Response(200, operation.run(query));
        } catch (IllegalArgumentException e) {
            return new Response(400, e.getMessage());
        } catch (NoSuchElementException e) {
            return new Response(404, e.getMessage());
        } catch (Exception e) {
            LOG.warn("Control {} {} failed", path, query, e);
            return new Response(500, path.substring(1) + " failed: " + e);
        }
    }

    private static void respond(HttpExchange exchange, Response response) throws IOException {
        // Error messages end with a line break like results do, so the client prints either as is.
        String body = response.status() == 200 || response.body().endsWith("\n") ? response.body() : response.body() + "\n";
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        exchange.sendResponseHeaders(response.status(), bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static Map<String, String> query(HttpExchange exchange) {
        Map<String, String> query = new HashMap<>();
        String raw = exchange.getRequestURI().getRawQuery();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int equals = pair.indexOf('=');
                if (equals > 0) {
                    query.put(URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
                            URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
                }
            }
        }
        return query;
    }

    @Override
    public void close() {
        http.stop(0);
        handlers.shutdownNow();
    }
}
