package io.spindle.api.connectors.filesink;

import java.io.Serializable;

/**
 * Decides when a bucket's in-progress part file is closed and a new one started. Besides what
 * the policy says, the {@link FileSink} always rolls every part file at a checkpoint: a row-format
 * file is only committed whole, so everything written before a checkpoint must be in files that
 * are closed by then (as Flink's {@code DefaultRollingPolicy} does for row formats). A custom
 * policy therefore only adds rolls between checkpoints.
 */
public interface RollingPolicy extends Serializable {
    /** Asked right after a record was written to {@code partFile}. */
    boolean shouldRollOnEvent(PartFileInfo partFile);

    /**
     * Asked, at most about once a second and only when records arrive, for every open part file,
     * including those of buckets that no longer receive records.
     */
    boolean shouldRollOnProcessingTime(PartFileInfo partFile, long currentTimeMillis);
}
