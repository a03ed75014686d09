package io.spindle.runtime.state.timers;

import io.spindle.runtime.state.KeyGroupRangeAssignment;
import io.spindle.runtime.state.KeyedStateBackend;
import io.spindle.serialization.DataInputDeserializer;
import io.spindle.serialization.RecordDecoder;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The timer services of one keyed backend, by name, and their part of the backend's snapshot:
 * for each key group, each service's watermark and the timers whose keys fall into that group,
 * so that a restore at another parallelism finds them with the rest of the key group's state.
 */
public final class TimerServices {
    private final KeyedStateBackend keyContext;
    private final int maxParallelism;
    private final Map<String, InternalTimerService<?>> services = new LinkedHashMap<>();
    public TimerServices(KeyedStateBackend keyContext, int maxParallelism) {
        this.keyContext = keyContext;
        this.maxParallelism = maxParallelism;
    }

    /** The named service, bound to its operator; restored timers, if any, start waiting now. */
    @SuppressWarnings("unchecked")
    public <N> InternalTimerService<N> bind(String name, ProcessingTimeService time, Triggerable<N> target) {
        InternalTimerService<N> service = (InternalTimerService<N>) services.computeIfAbsent(name,
                n -> new InternalTimerService<>(keyContext));
        if (service.isBound()) {
            throw new IllegalStateException("timer service '" + name + "' exists already");
        }
        service.bind(time, target);
        return service;
    }

    public void close() {
        services.values().forEach(InternalTimerService::close);
    }

    public int numberOfTimers() {
        int timers = 0;
        for (InternalTimerService<?> service : services.values()) {
            timers += service.numberOfTimers();
        }
        return timers;
    }

    /**
     * Task thread: every service's watermark and timers, split by key group. Timers are
     * immutable, so the snapshot can be written from another thread while the services go on.
     */
    public TimersSnapshot snapshot() {
        Map<String, TimersSnapshot.ServiceTimers> byService = new LinkedHashMap<>();
        services.forEach((name, service) -> byService.put(name, new TimersSnapshot.ServiceTimers(
                service.currentWatermark(), byKeyGroup(service.eventTimeTimersForSnapshot()),
                byKeyGroup(service.processingTimeTimersForSnapshot()))));
        return new TimersSnapshot(byService);
    }

    /** Reads what {@link TimersSnapshot#writeKeyGroup} wrote for one service. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public void readService(DataInputDeserializer in, RecordDecoder decoder) throws IOException {
        String name = in.readString();
        InternalTimerService service = services.computeIfAbsent(name, n -> new InternalTimerService<>(keyContext));
        service.restoreWatermark(in.readLong());
        for (boolean eventTime : new boolean[] {true, false}) {
            int count = in.readVarInt();
            for (int i = 0; i < count; i++) {
                long timestamp = in.readLong();
                Object key = decoder.decode(in);
                Object namespace = decoder.decode(in);
                service.restoreTimer(eventTime, new InternalTimer<>(timestamp, key, namespace));
            }
        }
    }

    private Map<Integer, List<InternalTimer<?>>> byKeyGroup(List<? extends InternalTimer<?>> timers) {
        Map<Integer, List<InternalTimer<?>>> split = new LinkedHashMap<>();
        for (InternalTimer<?> timer : timers) {
            int keyGroup = KeyGroupRangeAssignment.assignToKeyGroup(timer.key(), maxParallelism);
            split.computeIfAbsent(keyGroup, kg -> new ArrayList<>()).add(timer);
        }
        return split;
    }
}
