package io.spindle.api.state;

import java.io.Serializable;
import java.util.Objects;

/** Names a {@link MapState}; the name identifies the state within its operator. */
public final class MapStateDescriptor<K, V> implements Serializable {
    private final String name;
    private final Class<K> keyType;
    private final Class<V> valueType;

    public MapStateDescriptor(String name, Class<K> keyType, Class<V> valueType) {
        this.name = Objects.requireNonNull(name, "state name");
        this.keyType = Objects.requireNonNull(keyType, "map key type");
        this.valueType = Objects.requireNonNull(valueType, "map value type");
    }

    public String getName() {
        return name;
    }

    public Class<K> getKeyType() {
        return keyType;
    }

    public Class<V> getValueType() {
        return valueType;
    }
}
