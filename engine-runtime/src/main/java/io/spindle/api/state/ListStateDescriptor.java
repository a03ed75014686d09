package io.spindle.api.state;

import java.io.Serializable;
import java.util.Objects;

/** Names a {@link ListState}; the name identifies the state within its operator. */
public final class ListStateDescriptor<T> implements Serializable {
    private final String name;
    private final Class<T> elementType;

    public ListStateDescriptor(String name, Class<T> elementType) {
        this.name = Objects.requireNonNull(name, "state name");
        this.elementType = Objects.requireNonNull(elementType, "element type");
    }

    public String getName() {
        return name;
    }

    public Class<T> getElementType() {
        return elementType;
    }
}
