package io.spindle.runtime.checkpoint.storage;

import io.spindle.runtime.checkpoint.proto.KeyGroupsStateHandle;
import io.spindle.runtime.state.KeyGroupConsumer;
import io.spindle.runtime.state.KeyGroupRange;
import io.spindle.runtime.state.KeyedStateSnapshot;
import io.spindle.util.HadoopFileSystems;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/** Writes an operator instance's keyed state to its file and reads key groups back from such files. */
public final class KeyedStateFiles {
    private KeyedStateFiles() {}

    /**
     * Serializes the snapshot into {@code file}, key group after key group, and returns the
     * handle that finds each key group there.
     */
    public static KeyGroupsStateHandle write(Path file, KeyedStateSnapshot snapshot) throws IOException {
        FileSystem fs = HadoopFileSystems.forPath(file);
        KeyGroupsStateHandle.Builder handle = KeyGroupsStateHandle.newBuilder()
                .setPath(fs.makeQualified(file).toString())
                .setFirstKeyGroup(snapshot.firstKeyGroup());
        long[] written = {0};
        try (OutputStream out = new BufferedOutputStream(fs.create(file, false), 1 << 16)) {
            snapshot.writeKeyGroups((keyGroup, bytes, offset, length) -> {
                handle.addOffsets(written[0]);
                out.write(bytes, offset, length);
                written[0] += length;
            });
        }
        return handle.setSize(written[0]).build();
    }

    /**
     * Feeds the key groups of {@code handle} that fall into {@code range} to {@code consumer}, in
     * order. They are read one after another into one buffer, as large as the largest of them,
     * which the consumer must not keep: reading the whole range into one array instead made the
     * JDK copy it through a temporary direct buffer of the same size (over a gigabyte for a large
     * state) and kept it all on the heap while the restored state was built.
     */
    public static void read(KeyGroupsStateHandle handle, KeyGroupRange range, KeyGroupConsumer consumer)
            throws IOException {
        int first = Math.max(range.firstKeyGroup(), handle.getFirstKeyGroup());
        int last = Math.min(range.lastKeyGroup(), handle.getFirstKeyGroup() + handle.getOffsetsCount() - 1);
        if (first > last) {
            return;
        }
        long largest = 0;
        for (int keyGroup = first; keyGroup <= last; keyGroup++) {
            largest = Math.max(largest, offsetOf(handle, keyGroup + 1) - offsetOf(handle, keyGroup));
        }
        byte[] buffer = new byte[Math.toIntExact(largest)];
        Path path = new Path(handle.getPath());
        try (FSDataInputStream in = openAt(path, offsetOf(handle, first))) {
            for (int keyGroup = first; keyGroup <= last; keyGroup++) {
                int length = Math.toIntExact(offsetOf(handle, keyGroup + 1) - offsetOf(handle, keyGroup));
                try {
                    in.readFully(buffer, 0, length);
                } catch (IOException e) {
                    throw readFailure(path, e);
                }
                consumer.accept(keyGroup, buffer, 0, length);
            }
        }
    }

    private static FSDataInputStream openAt(Path path, long position) throws IOException {
        FSDataInputStream in = null;
        try {
            in = HadoopFileSystems.forPath(path).open(path);
            in.seek(position);
            return in;
        } catch (IOException e) {
            if (in != null) {
                in.close();
            }
            throw readFailure(path, e);
        }
    }

    private static IOException readFailure(Path path, IOException e) {
        return new IOException("Could not read keyed state from " + path + ": " + e.getMessage(), e);
    }

    private static long offsetOf(KeyGroupsStateHandle handle, int keyGroup) {
        int index = keyGroup - handle.getFirstKeyGroup();
        return index < handle.getOffsetsCount() ? handle.getOffsets(index) : handle.getSize();
    }
}
