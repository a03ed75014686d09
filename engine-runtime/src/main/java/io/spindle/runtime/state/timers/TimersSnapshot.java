package io.spindle.runtime.state.timers;

import io.spindle.serialization.DataOutputSerializer;
import io.spindle.serialization.RecordEncoder;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * The timer services of a keyed backend as they were at a snapshot: per service its watermark
 * and its timers split by key group. Written key group by key group, in the same stream as the
 * key group's state, so that a restore at another parallelism finds the timers with their keys.
 */
public final class TimersSnapshot {
    record ServiceTimers(long watermark, Map<Integer, List<InternalTimer<?>>> eventTime,
            Map<Integer, List<InternalTimer<?>>> processingTime) {}

    private final Map<String, ServiceTimers> byService;

    TimersSnapshot(Map<String, ServiceTimers> byService) {
        this.byService = byService;
    }

    public int numberOfServices() {
        return byService.size();
    }

    /** Writes, for each service, its name, watermark and the key group's timers. */
    public void writeKeyGroup(int keyGroup, DataOutputSerializer out, RecordEncoder encoder) throws IOException {
        for (Map.Entry<String, ServiceTimers> entry : byService.entrySet()) {
            out.writeString(entry.getKey());
            out.writeLong(entry.getValue().watermark());
            writeTimers(entry.getValue().eventTime().getOrDefault(keyGroup, List.of()), out, encoder);
            writeTimers(entry.getValue().processingTime().getOrDefault(keyGroup, List.of()), out, encoder);
        }
    }

    private static void writeTimers(List<InternalTimer<?>> timers, DataOutputSerializer out, RecordEncoder encoder)
            throws IOException {
        out.writeVarInt(timers.size());
        for (InternalTimer<?> timer : timers) {
            out.writeLong(timer.timestamp());
            encoder.encode(timer.key(), out);
            encoder.encode(timer.namespace(), out);
        }
    }
}
