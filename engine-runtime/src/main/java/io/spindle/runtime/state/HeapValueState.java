package io.spindle.runtime.state;

/**
 * A value state kept on the heap. Returns the descriptor's default for keys without a value; that
 * default is shared, so it must not be mutated in place. Updating to null clears the entry.
 */
final class HeapValueState<N, T> implements InternalValueState<N, T> {
    private final StateTable<N, T> table;
    private final T defaultValue;
    private N namespace;

    HeapValueState(StateTable<N, T> table, T defaultValue, N namespace) {
        this.table = table;
        this.defaultValue = defaultValue;
        this.namespace = namespace;
    }

    @Override
    public void setCurrentNamespace(N namespace) {
        this.namespace = namespace;
    }

    @Override
    public T value() {
        T value = table.get(namespace);
        return value != null ? value : defaultValue;
    }

    @Override
    public void update(T value) {
        if (value == null) {
            table.remove(namespace);
        } else {
            table.put(namespace, value);
        }
    }

    @Override
    public void clear() {
        table.remove(namespace);
    }

    int numberOfEntries() {
        return table.size();
    }
}
