package io.spindle.runtime.checkpoint.storage;

import io.spindle.runtime.checkpoint.proto.CheckpointMetadata;
import io.spindle.runtime.checkpoint.proto.KeyGroupsStateHandle;
import io.spindle.runtime.checkpoint.proto.OperatorState;
import io.spindle.runtime.checkpoint.proto.OperatorSubtaskState;
import io.spindle.util.HadoopFileSystems;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.function.UnaryOperator;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The bytes of a {@code _metadata} file: a magic number, the format version, the length of the
 * protobuf {@link CheckpointMetadata} that follows, and the message. The magic number tells a
 * metadata file from any other file; the version lets a later Spindle read older checkpoints.
 */
public final class CheckpointMetadataFormat {
    static final int MAGIC = 0x5350_4E43; // "SPNC"
    /** 2: state files in the checkpoint's own directory are named relative to it. */
    public static final int VERSION = 2;

    private CheckpointMetadataFormat() {}

    static void write(CheckpointMetadata metadata, OutputStream out) throws IOException {
        DataOutputStream data = new DataOutputStream(out);
        byte[] bytes = metadata.toBuilder().setVersion(VERSION).build().toByteArray();
        data.writeInt(MAGIC);
        data.writeInt(VERSION);
        data.writeInt(bytes.length);
        data.write(bytes);
        data.flush();
    }

    /** The metadata with the state files inside {@code directory} named relative to it. */
    static CheckpointMetadata relativeTo(Path directory, CheckpointMetadata metadata) {
        String prefix = directory.toString() + Path.SEPARATOR;
        return mapStatePaths(metadata, path -> path.startsWith(prefix) ? path.substring(prefix.length()) : path);
    }

    /** The metadata with relative state file names resolved against {@code directory}, where it was read. */
    private static CheckpointMetadata resolvedAgainst(Path directory, CheckpointMetadata metadata) {
        return mapStatePaths(metadata, path -> path.contains(":") || path.startsWith(Path.SEPARATOR)
                ? path : new Path(directory, path).toString());
    }

    private static CheckpointMetadata mapStatePaths(CheckpointMetadata metadata, UnaryOperator<String> mapping) {
        CheckpointMetadata.Builder builder = metadata.toBuilder();
        for (OperatorState.Builder operator : builder.getOperatorsBuilderList()) {
            for (OperatorSubtaskState.Builder subtask : operator.getSubtasksBuilderList()) {
                for (KeyGroupsStateHandle.Builder handle : subtask.getKeyedStateBuilderList()) {
                    handle.setPath(mapping.apply(handle.getPath()));
                }
                if (subtask.hasChannelState()) {
                    subtask.getChannelStateBuilder().setPath(mapping.apply(subtask.getChannelState().getPath()));
                }
            }
        }
        return builder.build();
    }

    /**
     * Reads the metadata of the checkpoint or savepoint at {@code location} (its directory, or
     * the {@code _metadata} file itself), with a message that says what is wrong when it cannot.
     */
    public static CheckpointMetadata read(String location) throws IOException {
        Path path = new Path(location);
        FileSystem fs = HadoopFileSystems.forPath(path);
        Path file;
        try {
            file = fs.getFileStatus(path).isDirectory() ? new Path(path, FsCheckpointStorage.METADATA_FILE_NAME) : path;
        } catch (FileNotFoundException e) {
            throw new FileNotFoundException("No checkpoint or savepoint at " + location + ": the path does not exist");
        }
        try (InputStream in = fs.open(file)) {
            DataInputStream data = new DataInputStream(in);
            if (data.readInt() != MAGIC) {
                throw new IOException(file + " is not the _metadata file of a Spindle checkpoint or savepoint");
            }
            int version = data.readInt();
            if (version > VERSION) {
                throw new IOException(file + " has metadata format version " + version + "; this Spindle reads up to "
                        + VERSION);
            }
            byte[] bytes = new byte[data.readInt()];
            data.readFully(bytes);
            return resolvedAgainst(fs.makeQualified(file).getParent(), CheckpointMetadata.parseFrom(bytes));
        } catch (FileNotFoundException e) {
            throw new FileNotFoundException(location + " has no " + FsCheckpointStorage.METADATA_FILE_NAME
                    + " file: it is not a complete checkpoint or savepoint");
        } catch (java.io.EOFException e) {
            throw new IOException(file + " is truncated: the checkpoint or savepoint is incomplete or damaged", e);
        }
    }
}
