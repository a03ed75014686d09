package io.spindle.runtime.operators.windowing;

import io.spindle.api.functions.AggregateFunction;
import io.spindle.api.functions.Function;
import io.spindle.api.functions.LongCounter;
import io.spindle.api.functions.ReduceFunction;
import io.spindle.api.state.ValueStateDescriptor;
import io.spindle.api.windowing.TimeWindow;
import io.spindle.api.windowing.WindowAssigner;
import io.spindle.runtime.operators.AbstractUdfStreamOperator;
import io.spindle.runtime.operators.OneInputStreamOperator;
import io.spindle.runtime.operators.StreamRecord;
import io.spindle.runtime.state.timers.InternalTimer;
import io.spindle.runtime.state.timers.InternalTimerService;
import io.spindle.runtime.state.timers.Triggerable;
import io.spindle.runtime.state.InternalValueState;

/**
 * Tumbling windows on a keyed stream, aggregated incrementally: one accumulator per key and
 * window in keyed state, created by the window's first record. A window fires at its
 * {@link TimeWindow#maxTimestamp()}: in event time when the watermark reaches it, in processing
 * time when the clock does. It emits one record, stamped with that time, and drops its state.
 *
 * <p>In event time, a record whose window has already fired is dropped and counted in the
 * {@value #LATE_RECORDS_DROPPED_COUNTER} counter. When input ends, the final watermark fires
 * every event-time window and {@link #finish()} fires the processing-time windows still open.
 */
public final class WindowOperator<IN, ACC, OUT> extends AbstractUdfStreamOperator<OUT, Function>
        implements OneInputStreamOperator<IN, OUT>, Triggerable<TimeWindow> {
    private static final long serialVersionUID = 1L;

    public static final String LATE_RECORDS_DROPPED_COUNTER = "numLateRecordsDropped";

    /** Prefixed so that it cannot clash with the name of a state the function itself uses. */
    static final String STATE_NAME = "_spindle_window_contents";

    private final WindowAssigner assigner;
    private final WindowAggregation<IN, ACC, OUT> aggregation;

    private transient InternalTimerService<TimeWindow> timers;
    private transient InternalValueState<TimeWindow, ACC> windowContents;
    private transient LongCounter lateRecordsDropped;
    private transient StreamRecord<OUT> result;
    private transient TimeWindow lastWindow;

    private WindowOperator(WindowAssigner assigner, Function userFunction, WindowAggregation<IN, ACC, OUT> aggregation) {
        super(userFunction);
        this.assigner = assigner;
        this.aggregation = aggregation;
    }

    /** Windows whose result is the reduction of their records. */
    public static <T> WindowOperator<T, T, T> reducing(WindowAssigner assigner, ReduceFunction<T> reducer) {
        return new WindowOperator<>(assigner, reducer, new WindowAggregation.Reducing<>(reducer));
    }

    /** Windows whose result is the aggregate function's result over their records. */
    public static <IN, ACC, OUT> WindowOperator<IN, ACC, OUT> aggregating(WindowAssigner assigner,
            AggregateFunction<IN, ACC, OUT> function) {
        return new WindowOperator<>(assigner, function, new WindowAggregation.Aggregating<>(function));
    }

    @Override
    @SuppressWarnings("unchecked")
    public void open() throws Exception {
        requireKeyedInput("window(...)");
        timers = createTimerService(this);
        windowContents = getKeyedStateBackend().getInternalValueState(
                new ValueStateDescriptor<>(STATE_NAME, (Class<ACC>) Object.class));
        lateRecordsDropped = parameters.counters().apply(LATE_RECORDS_DROPPED_COUNTER);
        result = new StreamRecord<>(null);
        super.open();
    }

    @Override
    public void processElement(StreamRecord<IN> record) throws Exception {
        IN value = record.getValue();
        TimeWindow window;
        if (assigner.isEventTime()) {
            if (!record.hasTimestamp()) {
                throw new IllegalStateException("An event-time window got a record without timestamp: " + value
                        + ". Call assignTimestampsAndWatermarks(...) before the window, or use a processing-time"
                        + " window");
            }
            window = windowOf(record.getTimestamp());
            if (window.maxTimestamp() <= timers.currentWatermark()) {
                lateRecordsDropped.add(1);
                return;
            }
        } else {
            window = windowOf(timers.currentProcessingTime());
        }
        setCurrentKeyOf(value);
        windowContents.setCurrentNamespace(window);
        ACC accumulator = windowContents.value();
        if (accumulator == null) {
            if (assigner.isEventTime()) {
                timers.registerEventTimeTimer(window, window.maxTimestamp());
            } else {
                timers.registerProcessingTimeTimer(window, window.maxTimestamp());
            }
        }
        windowContents.update(aggregation.add(value, accumulator));
    }

    @Override
    public void onEventTime(InternalTimer<TimeWindow> timer) {
        fire(timer.namespace());
    }

    @Override
    public void onProcessingTime(InternalTimer<TimeWindow> timer) {
        fire(timer.namespace());
    }

    @Override
    public void finish() throws Exception {
        if (!assigner.isEventTime()) {
            timers.fireAllProcessingTimeTimers();
        }
    }

    private void fire(TimeWindow window) {
        windowContents.setCurrentNamespace(window);
        ACC accumulator = windowContents.value();
        if (accumulator != null) {
            windowContents.clear();
            output.collect(result.replace(aggregation.result(accumulator), window.maxTimestamp()));
        }
    }

    /** Records mostly arrive in the window of the one before, so that window is reused. */
    private TimeWindow windowOf(long timestamp) {
        TimeWindow window = lastWindow;
        if (window == null || timestamp < window.start() || timestamp >= window.end()) {
            window = assigner.assignWindow(timestamp);
            lastWindow = window;
        }
        return window;
    }
}
