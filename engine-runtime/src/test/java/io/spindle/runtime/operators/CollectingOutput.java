package io.spindle.runtime.operators;

import java.util.ArrayList;
import java.util.List;

/**
 * An output that records what an operator emits, in order: copies of records (operators reuse
 * theirs), watermarks and watermark statuses.
 */
public final class CollectingOutput<T> implements Output<T> {
    /** One emitted record or watermark. */
    public sealed interface Event permits Emitted, Watermark, Status {}

    public record Emitted(Object value, long timestamp) implements Event {}

    public record Watermark(long watermark) implements Event {}

    public record Status(WatermarkStatus status) implements Event {}

    private final List<Event> events = new ArrayList<>();

    @Override
    public void collect(StreamRecord<T> record) {
        events.add(new Emitted(record.getValue(), record.getTimestamp()));
    }

    @Override
    public void emitWatermark(long watermark) {
        events.add(new Watermark(watermark));
    }

    @Override
    public void emitWatermarkStatus(WatermarkStatus status) {
        events.add(new Status(status));
    }

    public List<Event> events() {
        return events;
    }

    @SuppressWarnings("unchecked")
    public List<T> values() {
        return events.stream().filter(e -> e instanceof Emitted).map(e -> (T) ((Emitted) e).value()).toList();
    }

    public List<Emitted> records() {
        return events.stream().filter(e -> e instanceof Emitted).map(e -> (Emitted) e).toList();
    }

    public List<Long> watermarks() {
        return events.stream().filter(e -> e instanceof Watermark).map(e -> ((Watermark) e).watermark()).toList();
    }

    public void clear() {
        events.clear();
    }
}
