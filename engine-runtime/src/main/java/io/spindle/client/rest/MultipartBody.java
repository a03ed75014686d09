package io.spindle.client.rest;

import java.io.FileNotFoundException;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/** A {@code multipart/form-data} request body whose file parts stream from disk rather than memory. */
final class MultipartBody {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String boundary = "----SpindleBoundary" + randomHex();
    private final List<BodyPublisher> parts = new ArrayList<>();

    String contentType() {
        return "multipart/form-data; boundary=" + boundary;
    }

    MultipartBody addBytes(String name, String fileName, String contentType, byte[] content) {
        parts.add(header(name, fileName, contentType));
        parts.add(BodyPublishers.ofByteArray(content));
        parts.add(text("\r\n"));
        return this;
    }

    MultipartBody addFile(String name, Path file, String contentType) throws FileNotFoundException {
        BodyPublisher content = BodyPublishers.ofFile(file);
        parts.add(header(name, file.getFileName().toString(), contentType));
        parts.add(content);
        parts.add(text("\r\n"));
        return this;
    }

    BodyPublisher build() {
        List<BodyPublisher> all = new ArrayList<>(parts);
        all.add(text("--" + boundary + "--\r\n"));
        return BodyPublishers.concat(all.toArray(new BodyPublisher[0]));
    }

    private BodyPublisher header(String name, String fileName, String contentType) {
        return text("--" + boundary + "\r\n"
                + "Content-Disposition: form-data; name=\"" + name + "\"; filename=\"" + quoteSafe(fileName) + "\"\r\n"
                + "Content-Type: " + contentType + "\r\n\r\n");
    }

    private static String quoteSafe(String fileName) {
        return fileName.replace('"', '_').replace('\r', '_').replace('\n', '_');
    }

    private static String randomHex() {
        byte[] bytes = new byte[12];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    private static BodyPublisher text(String text) {
        return BodyPublishers.ofString(text, StandardCharsets.UTF_8);
    }
}
