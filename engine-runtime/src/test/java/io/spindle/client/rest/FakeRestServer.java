package io.spindle.client.rest;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/** A REST endpoint for tests on 127.0.0.1 that answers each "METHOD /path" with a scripted reply and records requests. */
public final class FakeRestServer implements AutoCloseable {
    /** What the client sent. */
    public record Request(String method, String path, String query, String contentType, byte[] body) {}

    /** One part of a multipart/form-data body. */
    public record Part(String name, String fileName, byte[] content) {}

    /** What the server answers. */
    public record Reply(int status, String json) {}

    private final HttpServer server;
    private final Map<String, Function<Request, Reply>> routes = new ConcurrentHashMap<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();

    public FakeRestServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public String address() {
        return "127.0.0.1:" + port();
    }

    public FakeRestServer on(String method, String path, int status, String json) {
        return on(method, path, request -> new Reply(status, json));
    }

    public FakeRestServer on(String method, String path, Function<Request, Reply> handler) {
        routes.put(method + " " + path, handler);
        return this;
    }

    public List<Request> requests() {
        return requests;
    }

    public List<Request> requests(String method, String path) {
        return requests.stream().filter(r -> r.method().equals(method) && r.path().equals(path)).toList();
    }

    /** The parts of a multipart/form-data request, split at its boundary. */
    public static List<Part> multipartParts(Request request) {
        String boundary = "--" + request.contentType().substring(request.contentType().indexOf("boundary=") + 9);
        // ISO-8859-1 maps each byte to one char, so indexes in the string are indexes in the body.
        String body = new String(request.body(), StandardCharsets.ISO_8859_1);
        List<Part> parts = new java.util.ArrayList<>();
        int start = body.indexOf(boundary);
        while (start >= 0 && !body.startsWith(boundary + "--", start)) {
            int headersEnd = body.indexOf("\r\n\r\n", start);
            int next = body.indexOf("\r\n" + boundary, headersEnd);
            String headers = body.substring(start, headersEnd);
            parts.add(new Part(attribute(headers, "name"), attribute(headers, "filename"),
                    body.substring(headersEnd + 4, next).getBytes(StandardCharsets.ISO_8859_1)));
            start = next + 2;
        }
        return parts;
    }

    private static String attribute(String headers, String name) {
        String marker = " " + name + "=\"";
        int at = headers.indexOf(marker);
        return at < 0 ? null : headers.substring(at + marker.length(), headers.indexOf('"', at + marker.length()));
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            Request request = new Request(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                    exchange.getRequestURI().getQuery(), exchange.getRequestHeaders().getFirst("Content-Type"),
                    exchange.getRequestBody().readAllBytes());
            requests.add(request);
            Function<Request, Reply> handler = routes.get(request.method() + " " + request.path());
            Reply reply = handler != null
                    ? handler.apply(request)
                    : new Reply(404, "{\"errors\":[\"No route " + request.method() + " " + request.path() + "\"]}");
            byte[] body = reply.json().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(reply.status(), body.length == 0 ? -1 : body.length);
            if (body.length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
