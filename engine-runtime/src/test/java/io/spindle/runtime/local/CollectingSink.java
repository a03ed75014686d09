package io.spindle.runtime.local;

import io.spindle.api.functions.SinkFunction;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Collects what a job running on an in-process LocalCluster emits, under an id of its own, so
 * tests can assert on the exact output. Only meaningful while the cluster lives in this JVM.
 */
final class CollectingSink<T> implements SinkFunction<T> {
    private static final Map<String, ConcurrentLinkedQueue<Object>> RESULTS = new ConcurrentHashMap<>();

    private final String id = UUID.randomUUID().toString();

    CollectingSink() {
        RESULTS.put(id, new ConcurrentLinkedQueue<>());
    }

    @Override
    public void invoke(T value) {
        RESULTS.get(id).add(value);
    }

    @SuppressWarnings("unchecked")
    List<T> results() {
        return new ArrayList<>((ConcurrentLinkedQueue<T>) (ConcurrentLinkedQueue<?>) RESULTS.get(id));
    }

    int count() {
        return RESULTS.get(id).size();
    }
}
