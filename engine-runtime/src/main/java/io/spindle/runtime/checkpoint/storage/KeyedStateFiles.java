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

    /** Feeds the key groups of {@code handle} that fall into {@code range} to {@code consumer}. */
    public static void read(KeyGroupsStateHandle handle, KeyGroupRange range, KeyGroupConsumer consumer)
            throws IOException {
        int first = Math.max(range.firstKeyGroup(), handle.getFirstKeyGroup());
        int last = Math.min(range.lastKeyGroup(), handle.getFirstKeyGroup() + handle.getOffsetsCount() - 1);
        if (first > last) {
            return;
        }
        long start = offsetOf(handle, first);
        long end = offsetOf(handle, last + 1);
        byte[] bytes = new byte[Math.toIntExact(end - start)];
        Path path = new Path(handle.getPath());
        try (FSDataInputStream in = HadoopFileSystems.forPath(path).open(path)) {
            in.readFully(start, bytes);
        } catch (IOException e) {
            throw new IOException("Could not read keyed state from " + path + ": " + e.getMessage(), e);
        }
        for (int keyGroup = first; keyGroup <= last; keyGroup++) {
            int from = Math.toIntExact(offsetOf(handle, keyGroup) - start);
            int to = Math.toIntExact(offsetOf(handle, keyGroup + 1) - start);
            consumer.accept(keyGroup, bytes, from, to - from);
        }
    }

    private static long offsetOf(KeyGroupsStateHandle handle, int keyGroup) {
        int index = keyGroup - handle.getFirstKeyGroup();
        return index < handle.getOffsetsCount() ? handle.getOffsets(index) : handle.getSize();
    }
}
