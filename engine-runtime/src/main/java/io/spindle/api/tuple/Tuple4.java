package io.spindle.api.tuple;

import java.io.Serializable;
import java.util.Objects;

/** A tuple of 4 fields, mutable for reuse, with public fields as in Flink. */
public final class Tuple4<T0, T1, T2, T3> implements Serializable {
    public T0 f0;
    public T1 f1;
    public T2 f2;
    public T3 f3;

    public Tuple4() {}

    public Tuple4(T0 f0, T1 f1, T2 f2, T3 f3) {
        this.f0 = f0;
        this.f1 = f1;
        this.f2 = f2;
        this.f3 = f3;
    }

    public static <T0, T1, T2, T3> Tuple4<T0, T1, T2, T3> of(T0 f0, T1 f1, T2 f2, T3 f3) {
        return new Tuple4<>(f0, f1, f2, f3);
    }

    @Override
    public boolean equals(Object other) {
        if (this == other) {
            return true;
        }
        if (!(other instanceof Tuple4<?, ?, ?, ?> o)) {
            return false;
        }
        return Objects.equals(f0, o.f0) && Objects.equals(f1, o.f1) && Objects.equals(f2, o.f2)
                && Objects.equals(f3, o.f3);
    }

    /** Deterministic across JVMs as long as the fields' hash codes are. */
    @Override
    public int hashCode() {
        return Objects.hash(f0, f1, f2, f3);
    }

    @Override
    public String toString() {
        return "(" + f0 + "," + f1 + "," + f2 + "," + f3 + ")";
    }
}
