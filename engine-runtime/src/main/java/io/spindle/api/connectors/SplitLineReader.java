package io.spindle.api.connectors;

import org.apache.hadoop.fs.FSDataInputStream;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads the UTF-8 lines of one byte range {@code [start, end)} of a file. A line belongs to the
 * range that holds its first byte: a range starting mid-line skips to the next line start, and
 * the last line that starts inside the range is read to its end even past {@code end}. Ranges
 * that tile a file therefore yield each line exactly once. Lines end at {@code \n}; a
 * {@code \r} before it (or before the end of the file) is dropped.
 *
 * <p>Not thread-safe; used by one reading thread.
 */
final class SplitLineReader implements AutoCloseable {
    private static final int BUFFER_SIZE = 64 * 1024;

    private final FSDataInputStream in;
    private final long end;
    private final byte[] buffer = new byte[BUFFER_SIZE];
    private int bufferPosition;
    private int bufferLimit;
    /** File offset of {@code buffer[bufferPosition]}. */
    private long position;
    private boolean endOfFile;
    private byte[] line = new byte[256];

    SplitLineReader(FSDataInputStream in, long start, long end) throws IOException {
        this.in = in;
        this.end = end;
        if (start > 0) {
            // Starting one byte early finds the line start at 'start' itself when the byte before
            // it is a newline; otherwise the partial line belongs to the previous range.
            in.seek(start - 1);
            position = start - 1;
            skipPastNewline();
        } else {
            in.seek(0);
        }
    }

    /** The next line that starts inside the range, or null when there is none. */
    String nextLine() throws IOException {
        if (position >= end || !fillIfEmpty()) {
            return null;
        }
        int length = 0;
        boolean newlineFound = false;
        while (!newlineFound && fillIfEmpty()) {
            int scan = bufferPosition;
            while (scan < bufferLimit && buffer[scan] != '\n') {
                scan++;
            }
            int chunk = scan - bufferPosition;
            if (length + chunk > line.length) {
                line = Arrays.copyOf(line, Math.max(line.length * 2, length + chunk));
            }
            System.arraycopy(buffer, bufferPosition, line, length, chunk);
            length += chunk;
            newlineFound = scan < bufferLimit;
            int consumed = newlineFound ? chunk + 1 : chunk;
            bufferPosition += consumed;
            position += consumed;
        }
        if (length > 0 && line[length - 1] == '\r') {
            length--;
        }
        return new String(line, 0, length, StandardCharsets.UTF_8);
    }

    /** File offset where the next line starts: a reader started there continues exactly here. */
    long position() {
        return position;
    }

    private void skipPastNewline() throws IOException {
        while (fillIfEmpty()) {
            byte b = buffer[bufferPosition++];
            position++;
            if (b == '\n') {
                return;
            }
        }
    }

    /** Makes at least one unread byte available; false at the end of the file. */
    private boolean fillIfEmpty() throws IOException {
        while (bufferPosition == bufferLimit) {
            if (endOfFile) {
                return false;
            }
            int read = in.read(buffer, 0, buffer.length);
            if (read < 0) {
                endOfFile = true;
                return false;
            }
            bufferPosition = 0;
            bufferLimit = read;
        }
        return true;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
