package io.spindle.api.transformations;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One step of a pipeline as the user wrote it. Physical transformations become operators;
 * virtual ones (partitioning, union) only shape the edges between them.
 */
public abstract class Transformation<T> {
    private static final AtomicInteger ID_COUNTER = new AtomicInteger();

    /** Parallelism not set by the user: the environment's default applies. */
    public static final int DEFAULT = -1;

    private final int id = ID_COUNTER.incrementAndGet();
    private String name;
    private String uid;
    private int parallelism = DEFAULT;
    private int maxParallelism = DEFAULT;

    protected Transformation(String name) {
        this.name = name;
    }

    public int getId() {
        return id;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    /** The user's stable name for the operator's state, or null. */
    public String getUid() {
        return uid;
    }

    public void setUid(String uid) {
        if (uid == null || uid.isBlank()) {
            throw new IllegalArgumentException("The uid of '" + name + "' must not be empty");
        }
        this.uid = uid;
    }

    public int getParallelism() {
        return parallelism;
    }

    public void setParallelism(int parallelism) {
        if (parallelism < 1 && parallelism != DEFAULT) {
            throw new IllegalArgumentException(
                    "Parallelism of '" + name + "' must be at least 1, was " + parallelism);
        }
        this.parallelism = parallelism;
    }

    public int getMaxParallelism() {
        return maxParallelism;
    }

    public void setMaxParallelism(int maxParallelism) {
        if (maxParallelism < 1 || maxParallelism > (1 << 15)) {
            throw new IllegalArgumentException(
                    "Max parallelism of '" + name + "' must be between 1 and 32768, was " + maxParallelism);
        }
        this.maxParallelism = maxParallelism;
    }

    public abstract List<Transformation<?>> getInputs();

    @Override
    public String toString() {
        return getClass().getSimpleName() + "(" + id + ", " + name + ")";
    }
}
