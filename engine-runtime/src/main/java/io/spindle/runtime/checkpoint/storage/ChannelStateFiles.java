package io.spindle.runtime.checkpoint.storage;

import io.spindle.runtime.checkpoint.proto.ChannelStateHandle;
import io.spindle.runtime.checkpoint.proto.ChannelStateSnapshot;
import io.spindle.util.HadoopFileSystems;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/** Writes a task instance's in-flight data of an unaligned checkpoint to its file, and reads it back. */
public final class ChannelStateFiles {
    private ChannelStateFiles() {}

    public static ChannelStateHandle write(Path file, ChannelStateSnapshot snapshot) throws IOException {
        FileSystem fs = HadoopFileSystems.forPath(file);
        try (OutputStream out = fs.create(file, false)) {
            snapshot.writeTo(out);
        }
        return ChannelStateHandle.newBuilder().setPath(fs.makeQualified(file).toString())
                .setSize(snapshot.getSerializedSize()).build();
    }

    public static ChannelStateSnapshot read(ChannelStateHandle handle) throws IOException {
        Path path = new Path(handle.getPath());
        try (InputStream in = HadoopFileSystems.forPath(path).open(path)) {
            return ChannelStateSnapshot.parseFrom(in);
        } catch (IOException e) {
            throw new IOException("Could not read the in-flight data of an unaligned checkpoint from " + path + ": "
                    + e.getMessage(), e);
        }
    }
}
