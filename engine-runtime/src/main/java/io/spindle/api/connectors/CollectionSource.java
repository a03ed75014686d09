package io.spindle.api.connectors;

import io.spindle.api.functions.RichFunction;
import io.spindle.api.functions.RuntimeContext;
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
 * {@link Serializable}. Runs as a single instance: see {@link NonParallelSource}.
 *
 * <p>{@link #run} runs in the task thread; {@link #cancel} may be called from any thread.
 */
public final class CollectionSource<T> implements SourceFunction<T>, RichFunction, NonParallelSource {
    private static final long serialVersionUID = 1L;

    private final ArrayList<T> elements;

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
    public void open(RuntimeContext context) {
        NonParallelSource.checkRunsAlone(this, context);
    }

    @Override
    public void run(SourceContext<T> ctx) {
        for (T element : elements) {
            if (cancelled) {
                return;
            }
            ctx.collect(element);
        }
    }

    @Override
    public void cancel() {
        cancelled = true;
    }
}
