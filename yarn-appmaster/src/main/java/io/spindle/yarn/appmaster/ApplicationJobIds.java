package io.spindle.yarn.appmaster;

import io.spindle.api.JobID;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * The ids of an application cluster's jobs under high availability: the same for the n-th job
 * of every attempt, different between clusters, so that an attempt that runs main() again
 * finds the jobs that it recovered.
 */
final class ApplicationJobIds {
    private ApplicationJobIds() {}

    static JobID of(String clusterId, int submission) {
        UUID id = UUID.nameUUIDFromBytes((clusterId + "/job-" + submission).getBytes(StandardCharsets.UTF_8));
        return new JobID(id.getMostSignificantBits(), id.getLeastSignificantBits());
    }
}
