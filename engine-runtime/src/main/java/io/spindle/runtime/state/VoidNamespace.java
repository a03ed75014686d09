package io.spindle.runtime.state;

/** The namespace of state that has none: user state, which is scoped by key alone. */
public final class VoidNamespace {
    public static final VoidNamespace INSTANCE = new VoidNamespace();

    private VoidNamespace() {}

    @Override
    public int hashCode() {
        return 0;
    }

    /** Restored state brings its own instance of this namespace, which must match the shared one. */
    @Override
    public boolean equals(Object other) {
        return other instanceof VoidNamespace;
    }

    @Override
    public String toString() {
        return "VoidNamespace";
    }
}
