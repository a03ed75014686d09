package io.spindle.api;

import io.spindle.api.transformations.Transformation;

/** The end of a pipeline; its parallelism and name can still be set. */
public final class DataStreamSink<T> {
    private final Transformation<?> transformation;

    DataStreamSink(Transformation<?> transformation) {
        this.transformation = transformation;
    }

    public DataStreamSink<T> setParallelism(int parallelism) {
        transformation.setParallelism(parallelism);
        return this;
    }

    public DataStreamSink<T> name(String name) {
        transformation.setName(name);
        return this;
    }

    /** A stable id for the sink's state (see {@link DataStream#uid}). */
    public DataStreamSink<T> uid(String uid) {
        transformation.setUid(uid);
        return this;
    }

    public Transformation<?> getTransformation() {
        return transformation;
    }
}
