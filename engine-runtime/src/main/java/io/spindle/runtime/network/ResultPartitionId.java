package io.spindle.runtime.network;

import java.util.Objects;

/**
 * Names one result partition: the output of one execution attempt of one subtask of one job
 * vertex. Value type; safe to use as a map key and to send over the wire.
 */
public record ResultPartitionId(String jobId, String producerVertexId, int subtaskIndex, int attempt) {

    public ResultPartitionId {
        Objects.requireNonNull(jobId, "jobId");
        Objects.requireNonNull(producerVertexId, "producerVertexId");
        if (subtaskIndex < 0 || attempt < 0) {
            throw new IllegalArgumentException("subtaskIndex and attempt must be >= 0, got "
                    + subtaskIndex + " and " + attempt);
        }
    }

    @Override
    public String toString() {
        return jobId + "/" + producerVertexId + "#" + subtaskIndex + "@" + attempt;
    }
}
