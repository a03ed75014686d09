package io.spindle.ha;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A copy of the blob server's files (user jars) that outlives the JobManager, so that a new
 * leader can serve the jars of the jobs it recovers. Keys are the blob server's content keys.
 */
public interface BlobStore {

    /** No copy: without HA the blob server's own directory is all there is. */
    BlobStore NONE = new BlobStore() {
        @Override
        public void put(String key, Path localFile) {}

        @Override
        public boolean get(String key, Path localTarget) {
            return false;
        }

        @Override
        public void delete(String key) {}
    };

    /** Stores the content of {@code localFile} under {@code key}; storing a key again is a no-op. */
    void put(String key, Path localFile) throws IOException;

    /** Copies the blob to {@code localTarget}; false when the store has no such blob. */
    boolean get(String key, Path localTarget) throws IOException;

    /** Deletes a blob; deleting an absent one is a no-op. */
    void delete(String key) throws IOException;
}
