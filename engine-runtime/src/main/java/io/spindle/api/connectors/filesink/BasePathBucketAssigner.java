package io.spindle.api.connectors.filesink;

/** Puts every part file directly in the base path: one bucket, no subdirectories. */
public final class BasePathBucketAssigner<IN> implements BucketAssigner<IN> {
    private static final long serialVersionUID = 1L;

    @Override
    public String getBucketId(IN element, long processingTimeMillis) {
        return "";
    }
}
