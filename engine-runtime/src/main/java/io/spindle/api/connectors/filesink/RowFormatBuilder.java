package io.spindle.api.connectors.filesink;

import io.spindle.util.HadoopFileSystems;

/** Configures a row-format {@link FileSink}; only the base path and the encoder are required. */
public final class RowFormatBuilder<IN> {
    final String basePath;
    final Encoder<IN> encoder;
    BucketAssigner<IN> bucketAssigner = new DateTimeBucketAssigner<>();
    RollingPolicy rollingPolicy = DefaultRollingPolicy.builder().build();
    String partPrefix = "part";
    String partSuffix = "";

    RowFormatBuilder(String basePath, Encoder<IN> encoder) {
        HadoopFileSystems.parse(basePath, "FileSink base");
        if (encoder == null) {
            throw new IllegalArgumentException("The encoder of a FileSink must not be null");
        }
        this.basePath = basePath;
        this.encoder = encoder;
    }

    /** Defaults to {@link DefaultRollingPolicy} with Flink's limits. */
    public RowFormatBuilder<IN> withRollingPolicy(RollingPolicy policy) {
        this.rollingPolicy = nonNull(policy, "rolling policy");
        return this;
    }

    /** Defaults to {@link DateTimeBucketAssigner}: a directory per hour of processing time. */
    public RowFormatBuilder<IN> withBucketAssigner(BucketAssigner<IN> assigner) {
        this.bucketAssigner = nonNull(assigner, "bucket assigner");
        return this;
    }

    /** Names part files {@code <partPrefix>-<subtask>-<counter><partSuffix>}; default {@code "part"} and {@code ""}. */
    public RowFormatBuilder<IN> withOutputFileConfig(String partPrefix, String partSuffix) {
        this.partPrefix = PartFileNames.checkPrefix(partPrefix);
        this.partSuffix = PartFileNames.checkSuffix(partSuffix);
        return this;
    }

    public FileSink<IN> build() {
        return new FileSink<>(this);
    }

    private static <T> T nonNull(T value, String what) {
        if (value == null) {
            throw new IllegalArgumentException("The " + what + " of a FileSink must not be null");
        }
        return value;
    }
}
