package io.spindle.api.connectors;

import io.spindle.api.checkpoint.CheckpointedFunction;
import io.spindle.api.checkpoint.FunctionInitializationContext;
import io.spindle.api.checkpoint.FunctionSnapshotContext;
import io.spindle.api.state.ListState;
import io.spindle.api.state.ListStateDescriptor;
import io.spindle.api.functions.SourceFunction;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.List;

/**
 * Emits a copy of a collection's elements in iteration order, as {@code env.fromCollection} and
 * {@code env.fromElements}. The elements travel inside the job, so each must be
 * {@link Serializable}. Runs as a single instance: it is not a
 * {@link io.spindle.api.functions.ParallelSourceFunction}.
 *
 * <p>Checkpoints hold how many elements were emitted, so a restored job goes on with the next one.
 *
 * <p>{@link #run} runs in the task thread; {@link #cancel} may be called from any thread.
 */
public final class CollectionSource<T> implements SourceFunction<T>, CheckpointedFunction {
    private static final long serialVersionUID = 1L;

    private final ArrayList<T> elements;

    /** Elements emitted so far, counted before each is emitted. */
    private transient int emitted;
    private transient ListState<Integer> emittedState;

    private transient volatile boolean cancelled;

    public CollectionSource(Collection<? extends T> elements) {
        if (elements == null) {
            throw new IllegalArgumentException("The collection of a collection source must not be null");
        }
        ArrayList<T> copy = new ArrayList<>(elements.size());
        int position = 0;
        for (T element : elements) {
            if (element == null) {
                throw new IllegalArgumentException("Element " + position + " of the collection is null;"
                        + " a collection source cannot emit null records. Filter the nulls out first.");
            }
            if (!(element instanceof Serializable)) {
                throw new IllegalArgumentException("Element " + position + " of the collection has type "
                        + element.getClass().getName() + ", which is not Serializable; the elements of a"
                        + " collection source are shipped with the job. Make the type implement Serializable.");
            }
            copy.add(element);
            position++;
        }
        this.elements = copy;
    }

    @SafeVarargs
    public static <T> CollectionSource<T> of(T... elements) {
        return new CollectionSource<>(Arrays.asList(elements));
    }

    /** The elements this source emits, unmodifiable. */
    public List<T> getElements() {
        return Collections.unmodifiableList(elements);
    }

    @Override
    public void initializeState(FunctionInitializationContext context) {
        emittedState = context.getOperatorStateStore().getListState(new ListStateDescriptor<>("emitted", Integer.class));
        for (Integer restored : emittedState.get()) {
            emitted = Math.max(emitted, restored);
        }
    }

    @Override
    public void snapshotState(FunctionSnapshotContext context) {
        emittedState.update(List.of(emitted));
    }

    @Override
    public void run(SourceContext<T> ctx) {
        while (emitted < elements.size()) {
            if (cancelled) {
                return;
            }
            T element = elements.get(emitted);
            // A checkpoint taken inside collect() must see this element as emitted.
            emitted++;
            ctx.collect(element);
        }
    }

    @Override
    public void cancel() {
        cancelled = true;
    }
}
