package io.spindle.runtime.operators;

import io.spindle.runtime.state.timers.ProcessingTimeService;
import io.spindle.api.functions.KeySelector;
import io.spindle.api.functions.LongCounter;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.HashMap;
import java.util.Map;

/**
 * Runs one operator the way a task does: ships it through Java serialization (as the JobGraph
 * does), sets it up with a collecting output, a manual clock and named counters, and drives its
 * life cycle from the test thread.
 */
public final class OperatorHarness<IN, OUT> {
    public static final TaskInfo TASK = new TaskInfo("test-task", 0, 1, 128, 0);

    private final StreamOperator<OUT> operator;
    private final CollectingOutput<OUT> output = new CollectingOutput<>();
    private final ManualProcessingTimeService clock = new ManualProcessingTimeService(0);
    private final Map<String, LongCounter> counters = new HashMap<>();

    private OperatorHarness(StreamOperator<OUT> operator, KeySelector<?, ?> keySelector, TaskInfo task)
            throws Exception {
        this.operator = shipped(operator);
        this.operator.setup(new StreamOperatorParameters<>(task, output, clock, keySelector,
                name -> counters.computeIfAbsent(name, n -> new LongCounter()), getClass().getClassLoader(),
                name -> {
                    throw new IllegalArgumentException("no cached files in operator tests");
                }));
    }

    public static <IN, OUT> OperatorHarness<IN, OUT> of(OneInputStreamOperator<IN, OUT> operator) throws Exception {
        return new OperatorHarness<>(operator, null, TASK);
    }

    /** Runs the operator as the parallel instance {@code task} says, such as subtask 1 of 2. */
    public static <IN, OUT> OperatorHarness<IN, OUT> of(OneInputStreamOperator<IN, OUT> operator, TaskInfo task)
            throws Exception {
        return new OperatorHarness<>(operator, null, task);
    }

    public static <IN, OUT> OperatorHarness<IN, OUT> keyed(OneInputStreamOperator<IN, OUT> operator,
            KeySelector<IN, ?> keys) throws Exception {
        return new OperatorHarness<>(operator, keys, TASK);
    }

    public static <OUT> OperatorHarness<Void, OUT> source(StreamSource<OUT> source) throws Exception {
        return new OperatorHarness<>(source, null, TASK);
    }

    public static <OUT> OperatorHarness<Void, OUT> source(StreamSource<OUT> source, TaskInfo task) throws Exception {
        return new OperatorHarness<>(source, null, task);
    }

    /** Sets up and opens the operator; returns this for chaining. */
    public OperatorHarness<IN, OUT> open() throws Exception {
        return open(StateInitializationContext.EMPTY);
    }

    /** Initializes the operator's state from {@code restore}, then opens it. */
    public OperatorHarness<IN, OUT> open(StateInitializationContext restore) throws Exception {
        operator.initializeState(restore);
        operator.open();
        return this;
    }

    public void element(IN value) throws Exception {
        element(new StreamRecord<>(value));
    }

    public void element(IN value, long timestamp) throws Exception {
        element(new StreamRecord<>(value, timestamp));
    }

    @SuppressWarnings("unchecked")
    private void element(StreamRecord<IN> record) throws Exception {
        ((OneInputStreamOperator<IN, OUT>) operator).processElement(record);
    }

    public void watermark(long watermark) throws Exception {
        operator.processWatermark(watermark);
    }

    /** What the task does when a bounded input ends: the final watermark, then finish. */
    public void endInput() throws Exception {
        operator.processWatermark(Long.MAX_VALUE);
        operator.finish();
    }

    public OperatorSnapshot snapshot(long checkpointId) throws Exception {
        return operator.snapshotState(checkpointId, checkpointId);
    }

    public void notifyCheckpointComplete(long checkpointId) throws Exception {
        operator.notifyCheckpointComplete(checkpointId);
    }

    public void close() throws Exception {
        operator.close();
    }

    public void advanceProcessingTime(long time) throws Exception {
        clock.advanceTo(time);
    }

    public ManualProcessingTimeService clock() {
        return clock;
    }

    public StreamOperator<OUT> operator() {
        return operator;
    }

    public CollectingOutput<OUT> output() {
        return output;
    }

    public long counter(String name) {
        LongCounter counter = counters.get(name);
        return counter == null ? 0 : counter.get();
    }

    @SuppressWarnings("unchecked")
    private static <T> T shipped(T object) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(object);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return (T) in.readObject();
        }
    }
}
