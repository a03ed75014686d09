package io.spindle.serialization;

import java.io.IOException;
import java.io.Serial;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Modifier;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.IntFunction;

/**
 * java.util collections and maps: a varint size, then elements (keys and values for maps) in the
 * dynamic encoding, as their generic types are erased. A class with a public no-arg constructor
 * is rebuilt as itself; one without (List.of, unmodifiable views, Arrays.asList) is rebuilt as the
 * closest plain collection, equal by the collection contracts: ArrayList, LinkedHashSet,
 * TreeSet, ArrayDeque, LinkedHashMap or TreeMap. Sorted collections keep natural ordering only.
 */
final class CollectionSerializers {
    private CollectionSerializers() {}

    @SuppressWarnings("unchecked")
    static TypeSerializer<?> forCollection(Class<?> type) {
        return new CollectionSerializer((Class<Collection<Object>>) type);
    }

    @SuppressWarnings("unchecked")
    static TypeSerializer<?> forMap(Class<?> type) {
        return new MapSerializer((Class<Map<Object, Object>>) type);
    }

    /** Java's hash collections resize above 3/4 full: size them so n elements fit. */
    private static int hashCapacity(int size) {
        return (int) Math.min(1 << 30, size / 3L * 4 + 4);
    }

    private static final class CollectionSerializer extends TypeSerializer<Collection<Object>> {
        @Serial
        private static final long serialVersionUID = 1L;

        private final transient IntFunction<Collection<Object>> factory;
        private final transient boolean sorted;

        CollectionSerializer(Class<Collection<Object>> type) {
            super(type);
            this.factory = collectionFactory(type);
            this.sorted = SortedSet.class.isAssignableFrom(type);
        }

        @Override
        public void serialize(Collection<Object> value, DataOutputSerializer out, RecordEncoder dynamic)
                throws IOException {
            if (sorted && ((SortedSet<?>) value).comparator() != null) {
                throw customComparator(value);
            }
            out.writeVarInt(value.size());
            for (Object element : value) {
                dynamic.encode(element, out);
            }
        }

        @Override
        public Collection<Object> deserialize(DataInputDeserializer in, RecordDecoder dynamic) throws IOException {
            int size = PrimitiveArraySerializers.readLength(in, 1);
            Collection<Object> value = factory.apply(size);
            for (int i = 0; i < size; i++) {
                value.add(dynamic.decode(in));
            }
            return value;
        }
    }

    private static final class MapSerializer extends TypeSerializer<Map<Object, Object>> {
        @Serial
        private static final long serialVersionUID = 1L;

        private final transient IntFunction<Map<Object, Object>> factory;
        private final transient boolean sorted;

        MapSerializer(Class<Map<Object, Object>> type) {
            super(type);
            this.factory = mapFactory(type);
            this.sorted = SortedMap.class.isAssignableFrom(type);
        }

        @Override
        public void serialize(Map<Object, Object> value, DataOutputSerializer out, RecordEncoder dynamic)
                throws IOException {
            if (sorted && ((SortedMap<?, ?>) value).comparator() != null) {
                throw customComparator(value);
            }
            out.writeVarInt(value.size());
            for (Map.Entry<Object, Object> entry : value.entrySet()) {
                dynamic.encode(entry.getKey(), out);
                dynamic.encode(entry.getValue(), out);
            }
        }

        @Override
        public Map<Object, Object> deserialize(DataInputDeserializer in, RecordDecoder dynamic) throws IOException {
            int size = PrimitiveArraySerializers.readLength(in, 2);
            Map<Object, Object> value = factory.apply(size);
            for (int i = 0; i < size; i++) {
                Object key = dynamic.decode(in);
                value.put(key, dynamic.decode(in));
            }
            return value;
        }
    }

    private static IOException customComparator(Object value) {
        return new IOException("Cannot ship a " + value.getClass().getName() + " with a custom comparator:"
                + " a comparator is code, not data. Use natural ordering, or ship the elements in a List"
                + " and sort them on the receiving side.");
    }

    private static IntFunction<Collection<Object>> collectionFactory(Class<?> type) {
        if (type == ArrayList.class) {
            return ArrayList::new;
        }
        if (type == HashSet.class) {
            return size -> new HashSet<>(hashCapacity(size));
        }
        if (type == LinkedHashSet.class) {
            return size -> new LinkedHashSet<>(hashCapacity(size));
        }
        if (type == ArrayDeque.class) {
            return ArrayDeque::new;
        }
        Constructor<?> constructor = publicNoArgConstructor(type);
        if (constructor != null) {
            return size -> instantiate(constructor);
        }
        if (List.class.isAssignableFrom(type)) {
            return ArrayList::new;
        }
        if (SortedSet.class.isAssignableFrom(type)) {
            return size -> new TreeSet<>();
        }
        if (Set.class.isAssignableFrom(type)) {
            return size -> new LinkedHashSet<>(hashCapacity(size));
        }
        if (Queue.class.isAssignableFrom(type)) {
            return ArrayDeque::new;
        }
        return ArrayList::new;
    }

    private static IntFunction<Map<Object, Object>> mapFactory(Class<?> type) {
        if (type == HashMap.class) {
            return size -> new HashMap<>(hashCapacity(size));
        }
        if (type == LinkedHashMap.class) {
            return size -> new LinkedHashMap<>(hashCapacity(size));
        }
        Constructor<?> constructor = publicNoArgConstructor(type);
        if (constructor != null) {
            return size -> instantiate(constructor);
        }
        if (SortedMap.class.isAssignableFrom(type)) {
            return size -> new TreeMap<>();
        }
        return size -> new LinkedHashMap<>(hashCapacity(size));
    }

    private static Constructor<?> publicNoArgConstructor(Class<?> type) {
        if (!Modifier.isPublic(type.getModifiers()) || Modifier.isAbstract(type.getModifiers())) {
            return null;
        }
        try {
            Constructor<?> constructor = type.getConstructor();
            return Modifier.isPublic(constructor.getModifiers()) ? constructor : null;
        } catch (NoSuchMethodException e) {
            return null;
        }
    }

    @SuppressWarnings("unchecked")
    private static <C> C instantiate(Constructor<?> constructor) {
        try {
            return (C) constructor.newInstance();
        } catch (InstantiationException | IllegalAccessException e) {
            throw new IllegalStateException("cannot instantiate " + constructor.getDeclaringClass().getName(), e);
        } catch (InvocationTargetException e) {
            throw new IllegalStateException("the constructor of " + constructor.getDeclaringClass().getName()
                    + " failed", e.getCause());
        }
    }
}
