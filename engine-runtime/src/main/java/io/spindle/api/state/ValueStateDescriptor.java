package io.spindle.api.state;

import java.io.Serializable;
import java.util.Objects;

/** Names a {@link ValueState}; the name identifies the state within its operator. */
public final class ValueStateDescriptor<T> implements Serializable {
    private final String name;
    private final Class<T> type;
    private final T defaultValue;

    public ValueStateDescriptor(String name, Class<T> type) {
        this(name, type, null);
    }

    public ValueStateDescriptor(String name, Class<T> type, T defaultValue) {
        this.name = Objects.requireNonNull(name, "state name");
        this.type = Objects.requireNonNull(type, "state type");
        this.defaultValue = defaultValue;
    }

    public String getName() {
        return name;
    }

    public Class<T> getType() {
        return type;
    }

    public T getDefaultValue() {
        return defaultValue;
    }
}
