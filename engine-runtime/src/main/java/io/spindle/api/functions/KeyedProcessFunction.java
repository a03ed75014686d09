package io.spindle.api.functions;

/**
 * Processes the records of a keyed stream one at a time, with keyed state (through
 * {@link RuntimeContext}) and timers.
 */
public abstract class KeyedProcessFunction<K, IN, OUT> implements RichFunction {

    public abstract void processElement(IN value, Context<K> ctx, Collector<OUT> out) throws Exception;

    /** Called when a timer registered through {@link TimerService} fires. */
    public void onTimer(long timestamp, OnTimerContext<K> ctx, Collector<OUT> out) throws Exception {}

    public interface Context<K> {
        /** The record's timestamp, or null when it has none. */
        Long timestamp();

        K getCurrentKey();

        TimerService timerService();
    }

    public interface OnTimerContext<K> extends Context<K> {
        boolean isEventTime();
    }

    public interface TimerService {
        long currentProcessingTime();

        long currentWatermark();

        void registerEventTimeTimer(long time);

        void registerProcessingTimeTimer(long time);

        void deleteEventTimeTimer(long time);

        void deleteProcessingTimeTimer(long time);
    }
}
