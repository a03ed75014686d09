package io.spindle.api.tuple;

import java.io.Serializable;
import java.util.Objects;

/** A tuple of 2 fields, mutable for reuse, with public fields as in Flink. */
public final class Tuple2<T0, T1> implements Serializable {
    public T0 f0;
    public T1 f1;

    public Tuple2() {}

    public Tuple2(T0 f0, T1 f1) {
        this.f0 = f0;
        this.f1 = f1;
    }

    public static <T0, T1> Tuple2<T0, T1> of(T0 f0, T1 f1) {
        return new Tuple2<>(f0, f1);
    }

    @Override
    public boolean equals(Object other) {
        if (this == other) {
            return true;
        }
        if (!(other instanceof Tuple2<?, ?> o)) {
            return false;
        }
        return Objects.equals(f0, o.f0) && Objects.equals(f1, o.f1);
    }

    /** Deterministic across JVMs as long as the fields' hash codes are. */
    @Override
    public int hashCode() {
        return Objects.hash(f0, f1);
    }

    @Override
    public String toString() {
        return "(" + f0 + "," + f1 + ")";
    }
}
