package io.spindle.api.connectors.filesink;

/** What a {@link RollingPolicy} may know about a bucket's in-progress part file. */
public interface PartFileInfo {
    String getBucketId();

    /** Processing time (epoch millis) at which the part file was opened. */
    long getCreationTime();

    /** Processing time (epoch millis) of the last record written to it. */
    long getLastUpdateTime();

    /** Bytes written to it so far. */
    long getSize();
}
