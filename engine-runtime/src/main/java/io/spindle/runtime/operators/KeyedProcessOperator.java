package io.spindle.runtime.operators;

import io.spindle.api.functions.KeyedProcessFunction;
import io.spindle.runtime.state.timers.InternalTimer;
import io.spindle.runtime.state.timers.InternalTimerService;
import io.spindle.runtime.state.timers.Triggerable;
import io.spindle.runtime.state.VoidNamespace;

/**
 * Runs a {@link KeyedProcessFunction} on a keyed stream, with per-key event-time and
 * processing-time timers. Records emitted from {@code processElement} carry the input record's
 * timestamp; from an event-time timer, the timer's timestamp; from a processing-time timer, none.
 */
public final class KeyedProcessOperator<K, IN, OUT>
        extends AbstractUdfStreamOperator<OUT, KeyedProcessFunction<K, IN, OUT>>
        implements OneInputStreamOperator<IN, OUT>, Triggerable<VoidNamespace> {
    private static final long serialVersionUID = 1L;

    private transient InternalTimerService<VoidNamespace> timers;
    private transient TimestampedCollector<OUT> collector;
    private transient FunctionContext context;

    public KeyedProcessOperator(KeyedProcessFunction<K, IN, OUT> function) {
        super(function);
    }

    @Override
    public void open() throws Exception {
        requireKeyedInput("process(KeyedProcessFunction)");
        timers = createTimerService(this);
        collector = new TimestampedCollector<>(output);
        context = new FunctionContext();
        super.open();
    }

    @Override
    public void processElement(StreamRecord<IN> record) throws Exception {
        IN value = record.getValue();
        setCurrentKeyOf(value);
        collector.setTimestamp(record.getTimestamp());
        context.timestamp = record.getTimestamp();
        context.eventTimeTimer = false;
        userFunction.processElement(value, context, collector);
    }

    @Override
    public void onEventTime(InternalTimer<VoidNamespace> timer) throws Exception {
        collector.setTimestamp(timer.timestamp());
        fire(timer.timestamp(), true);
    }

    @Override
    public void onProcessingTime(InternalTimer<VoidNamespace> timer) throws Exception {
        collector.setTimestamp(StreamRecord.NO_TIMESTAMP);
        fire(timer.timestamp(), false);
    }

    private void fire(long timestamp, boolean eventTime) throws Exception {
        context.timestamp = timestamp;
        context.eventTimeTimer = eventTime;
        userFunction.onTimer(timestamp, context, collector);
    }

    /** One reused context for records and timers; the timer service acts on the current key. */
    private final class FunctionContext
            implements KeyedProcessFunction.OnTimerContext<K>, KeyedProcessFunction.TimerService {
        long timestamp;
        boolean eventTimeTimer;

        @Override
        public Long timestamp() {
            return timestamp == StreamRecord.NO_TIMESTAMP ? null : timestamp;
        }

        @Override
        @SuppressWarnings("unchecked")
        public K getCurrentKey() {
            return (K) getKeyedStateBackend().getCurrentKey();
        }

        @Override
        public KeyedProcessFunction.TimerService timerService() {
            return this;
        }

        @Override
        public boolean isEventTime() {
            return eventTimeTimer;
        }

        @Override
        public long currentProcessingTime() {
            return timers.currentProcessingTime();
        }

        @Override
        public long currentWatermark() {
            return timers.currentWatermark();
        }

        @Override
        public void registerEventTimeTimer(long time) {
            timers.registerEventTimeTimer(VoidNamespace.INSTANCE, time);
        }

        @Override
        public void registerProcessingTimeTimer(long time) {
            timers.registerProcessingTimeTimer(VoidNamespace.INSTANCE, time);
        }

        @Override
        public void deleteEventTimeTimer(long time) {
            timers.deleteEventTimeTimer(VoidNamespace.INSTANCE, time);
        }

        @Override
        public void deleteProcessingTimeTimer(long time) {
            timers.deleteProcessingTimeTimer(VoidNamespace.INSTANCE, time);
        }
    }
}
