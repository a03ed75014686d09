package io.spindle.api.connectors.filesink;

import java.io.Serializable;

/**
 * Chooses the bucket, a directory below the {@link FileSink}'s base path, that a record is
 * written to. The id is a relative path: {@code ""} is the base path itself, {@code "a/b"} a
 * nested directory. It must not climb out of the base path ({@code ".."}), nor name a hidden
 * directory (a segment starting with {@code .} or {@code _}), which readers would skip.
 */
@FunctionalInterface
public interface BucketAssigner<IN> extends Serializable {
    /**
     * @param processingTimeMillis the wall-clock time at which the sink received {@code element},
     *        the same for the bucket choice and the rolling policy
     */
    String getBucketId(IN element, long processingTimeMillis);
}
