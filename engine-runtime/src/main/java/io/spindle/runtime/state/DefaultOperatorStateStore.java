package io.spindle.runtime.state;

import io.spindle.api.checkpoint.OperatorStateStore;
import io.spindle.api.state.ListState;
import io.spindle.api.state.ListStateDescriptor;
import io.spindle.runtime.checkpoint.proto.ListStateEntries;
import io.spindle.serialization.DataInputDeserializer;
import io.spindle.serialization.DataOutputSerializer;
import io.spindle.serialization.RecordDecoder;
import io.spindle.serialization.RecordEncoder;
import com.google.protobuf.ByteString;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The list states of one operator instance. Each element is serialized on its own (with its own
 * class dictionary), since on restore the elements of all instances are dealt out afresh.
 */
public final class DefaultOperatorStateStore implements OperatorStateStore {
    private final ClassLoader userClassLoader;
    private final Map<String, HeapListState<?>> states = new LinkedHashMap<>();
    private final Map<String, ListStateEntries> restored = new LinkedHashMap<>();

    /** @param restoredStates this instance's share of the restored list states; empty on a fresh start */
    public DefaultOperatorStateStore(List<ListStateEntries> restoredStates, ClassLoader userClassLoader) {
        this.userClassLoader = userClassLoader;
        for (ListStateEntries entries : restoredStates) {
            restored.put(entries.getName(), entries);
        }
    }

    @Override
    public <T> ListState<T> getListState(ListStateDescriptor<T> descriptor) {
        return state(descriptor, false);
    }

    @Override
    public <T> ListState<T> getUnionListState(ListStateDescriptor<T> descriptor) {
        return state(descriptor, true);
    }

    @SuppressWarnings("unchecked")
    private <T> ListState<T> state(ListStateDescriptor<T> descriptor, boolean union) {
        HeapListState<?> existing = states.get(descriptor.getName());
        if (existing != null) {
            if (existing.union != union) {
                throw new IllegalStateException("List state '" + descriptor.getName() + "' is already registered as "
                        + (existing.union ? "union" : "split") + " list state");
            }
            return (ListState<T>) existing;
        }
        HeapListState<T> created = new HeapListState<>(union);
        ListStateEntries entries = restored.remove(descriptor.getName());
        if (entries != null) {
            for (ByteString element : entries.getElementsList()) {
                created.add((T) decode(element, descriptor.getName()));
            }
        }
        states.put(descriptor.getName(), created);
        return created;
    }

    /** Serializes every list state; restored states the operator never asked for are kept as they were. */
    public List<ListStateEntries> snapshot() throws IOException {
        List<ListStateEntries> snapshot = new ArrayList<>(restored.values());
        DataOutputSerializer out = new DataOutputSerializer(64);
        for (Map.Entry<String, HeapListState<?>> entry : states.entrySet()) {
            ListStateEntries.Builder builder = ListStateEntries.newBuilder().setName(entry.getKey())
                    .setUnion(entry.getValue().union);
            for (Object element : entry.getValue().get()) {
                out.clear();
                new RecordEncoder().encode(element, out);
                builder.addElements(ByteString.copyFrom(out.getSharedBuffer(), 0, out.length()));
            }
            snapshot.add(builder.build());
        }
        return snapshot;
    }

    private Object decode(ByteString element, String stateName) {
        try {
            return new RecordDecoder(userClassLoader).decode(new DataInputDeserializer(element.toByteArray()));
        } catch (IOException e) {
            throw new IllegalStateException("Could not restore an element of list state '" + stateName + "': " + e, e);
        }
    }

    private static final class HeapListState<T> implements ListState<T> {
        final boolean union;
        private final List<T> elements = new ArrayList<>();

        HeapListState(boolean union) {
            this.union = union;
        }

        @Override
        public Iterable<T> get() {
            return elements;
        }

        @Override
        public void add(T value) {
            elements.add(value);
        }

        @Override
        public void update(List<T> values) {
            elements.clear();
            elements.addAll(values);
        }

        @Override
        public void clear() {
            elements.clear();
        }
    }
}
