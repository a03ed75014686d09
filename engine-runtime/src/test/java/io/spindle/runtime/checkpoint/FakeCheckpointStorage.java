package io.spindle.runtime.checkpoint;

import io.spindle.runtime.checkpoint.proto.CheckpointMetadata;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Checkpoint directories as names only, recording what was created, written and deleted. */
final class FakeCheckpointStorage implements CheckpointStorage {
    static final String ROOT = "hdfs:///checkpoints/job-1/";

    final List<String> initialized = new ArrayList<>();
    final Map<String, CheckpointMetadata> metadata = new LinkedHashMap<>();
    final List<String> discarded = new ArrayList<>();
    boolean failInitialize;
    boolean failWrite;

    static String location(long checkpointId, boolean savepoint) {
        return ROOT + (savepoint ? "savepoint-" : "chk-") + checkpointId;
    }

    @Override
    public String initializeCheckpointLocation(long checkpointId) throws IOException {
        return initialize(location(checkpointId, false));
    }

    @Override
    public String initializeSavepointLocation(long checkpointId, String targetDirectoryOrNull) throws IOException {
        return initialize(targetDirectoryOrNull == null ? location(checkpointId, true)
                : targetDirectoryOrNull + "/savepoint-" + checkpointId);
    }

    private String initialize(String location) throws IOException {
        if (failInitialize) {
            throw new IOException("disk full");
        }
        initialized.add(location);
        return location;
    }

    @Override
    public void writeMetadata(String location, CheckpointMetadata checkpointMetadata) throws IOException {
        if (failWrite) {
            throw new IOException("namenode unreachable");
        }
        metadata.put(location, checkpointMetadata);
    }

    @Override
    public void discard(String location) {
        discarded.add(location);
    }
}
