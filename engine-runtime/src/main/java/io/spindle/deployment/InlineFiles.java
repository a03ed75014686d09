package io.spindle.deployment;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * Small files that travel inside a container's environment instead of as YARN local resources.
 *
 * <p>Why: a container's first APPLICATION-visibility resource on a NodeManager starts that
 * NodeManager's private localizer, which costs seconds per container start; a few kilobytes of
 * configuration are not worth that. The text is {@code name:base64(gzip(bytes))} entries joined
 * by {@code ;} and stays well below the kernel's limit for one environment string (128 KB).
 */
public final class InlineFiles {
    /** Largest encoded text of one environment variable; what does not fit is shipped as a file. */
    public static final int MAX_ENCODED_CHARS = 64 * 1024;

    private final Map<String, String> encodedByName = new LinkedHashMap<>();
    private int encodedChars;

    /**
     * Adds the file if the encoded text stays within {@link #MAX_ENCODED_CHARS}; false (and nothing
     * added) when it does not, so the caller ships it the ordinary way.
     */
    public boolean tryAdd(String name, byte[] content) {
        if (name.isEmpty() || name.contains(":") || name.contains(";") || name.contains("/")) {
            throw new IllegalArgumentException("Not a plain file name: '" + name + "'");
        }
        String encoded = Base64.getEncoder().encodeToString(gzip(content));
        int added = name.length() + 1 + encoded.length() + (encodedByName.isEmpty() ? 0 : 1);
        if (encodedByName.containsKey(name) || encodedChars + added > MAX_ENCODED_CHARS) {
            return false;
        }
        encodedByName.put(name, encoded);
        encodedChars += added;
        return true;
    }

    public boolean contains(String name) {
        return encodedByName.containsKey(name);
    }

    public boolean isEmpty() {
        return encodedByName.isEmpty();
    }

    /** The environment variable's value. */
    public String encode() {
        StringBuilder text = new StringBuilder(encodedChars);
        encodedByName.forEach((name, encoded) ->
                text.append(text.length() == 0 ? "" : ";").append(name).append(':').append(encoded));
        return text.toString();
    }

    /** The files of an environment variable's value, by name. */
    public static Map<String, byte[]> decode(String text) {
        Map<String, byte[]> files = new LinkedHashMap<>();
        if (text == null || text.isBlank()) {
            return files;
        }
        for (String entry : text.split(";")) {
            int colon = entry.indexOf(':');
            if (colon <= 0) {
                throw new IllegalArgumentException("Malformed inline file entry (expected name:content): '"
                        + (entry.length() > 40 ? entry.substring(0, 40) + "..." : entry) + "'");
            }
            files.put(entry.substring(0, colon), gunzip(Base64.getDecoder().decode(entry.substring(colon + 1))));
        }
        return files;
    }

    /** Writes the files of an environment variable's value into a directory, replacing none that exist. */
    public static void materialize(String text, Path directory) throws IOException {
        for (Map.Entry<String, byte[]> file : decode(text).entrySet()) {
            Path target = directory.resolve(file.getKey());
            if (!Files.exists(target)) {
                Files.write(target, file.getValue());
            }
        }
    }

    private static byte[] gzip(byte[] content) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(content.length / 3 + 32);
        try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
            out.write(content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static byte[] gunzip(byte[] compressed) {
        try (GZIPInputStream in = new GZIPInputStream(new java.io.ByteArrayInputStream(compressed))) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("Corrupt inline file content: " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return "InlineFiles" + encodedByName.keySet() + " (" + encodedChars + " chars)";
    }
}
