package io.spindle.runtime.checkpoint.storage;

import io.spindle.runtime.checkpoint.proto.KeyGroupsStateHandle;
import io.spindle.runtime.operators.StateInitializationContext.KeyGroupConsumer;
import io.spindle.runtime.state.KeyGroupRange;
import io.spindle.runtime.state.KeyGroupsSnapshot;
import io.spindle.util.HadoopFileSystems;
import java.io.IOException;
import java.io.OutputStream;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/** Writes an operator instance's keyed state to its file and reads key groups back from such files. */
public final class KeyedStateFiles {
    private KeyedStateFiles() {}

    /** Writes the snapshot's bytes to {@code file} and returns the handle that finds its key groups there. */
    public static KeyGroupsStateHandle write(Path file, KeyGroupsSnapshot snapshot) throws IOException {
        FileSystem fs = HadoopFileSystems.forPath(file);
        try (OutputStream out = new java.io.BufferedOutputStream(fs.create(file, false), 1 << 16)) {
            for (int i = 0; i < snapshot.keyGroups().length; i++) {
                out.write(snapshot.keyGroups()[i], 0, snapshot.lengths()[i]);
            }
        }
        KeyGroupsStateHandle.Builder handle = KeyGroupsStateHandle.newBuilder()
                .setPath(fs.makeQualified(file).toString())
                .setFirstKeyGroup(snapshot.firstKeyGroup())
                .setSize(snapshot.size());
        for (long offset : snapshot.offsets()) {
            handle.addOffsets(offset);
        }
        return handle.build();
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
