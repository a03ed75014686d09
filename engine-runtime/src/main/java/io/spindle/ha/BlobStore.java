package io.spindle.ha;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A copy of the blob server's files (user jars) that outlives the JobManager, so that a new
 * leader can serve the jars of the jobs it recovers. Blobs belong to a job, so that the job's
 * cleanup deletes them all at once; keys are the blob server's content keys.
 */
public interface BlobStore {

    /** No copy: without HA the blob server's own directory is all there is. */
    BlobStore NONE = new BlobStore() {
        @Override
        public void put(String jobId, String key, Path localFile) {}

        @Override
        public boolean get(String jobId, String key, Path localTarget) {
            return false;
        }

        @Override
        public void deleteAll(String jobId) {}
    };

    /** Stores the content of {@code localFile} under the job and key; storing a key again is a no-op. */
    void put(String jobId, String key, Path localFile) throws IOException;

    /** Copies the job's blob to {@code localTarget}; false when the store has no such blob. */
    boolean get(String jobId, String key, Path localTarget) throws IOException;

    /** Deletes every blob of the job; a job with none is no error. */
    void deleteAll(String jobId) throws IOException;
}
