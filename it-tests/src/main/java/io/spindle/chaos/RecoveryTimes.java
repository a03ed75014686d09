package io.spindle.chaos;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** The recovery times of a run's faults by kind, and the report line of each kind. */
final class RecoveryTimes {
    private final Map<FaultKind, List<Duration>> byKind = new EnumMap<>(FaultKind.class);
    private final Map<FaultKind, Integer> unrecovered = new EnumMap<>(FaultKind.class);

    void recovered(FaultKind kind, Duration took) {
        byKind.computeIfAbsent(kind, k -> new ArrayList<>()).add(took);
    }

    /** A fault after which records did not flow again in time (the run goes on, if the job does). */
    void unrecovered(FaultKind kind) {
        unrecovered.merge(kind, 1, Integer::sum);
    }

    int injected() {
        return byKind.values().stream().mapToInt(List::size).sum()
                + unrecovered.values().stream().mapToInt(Integer::intValue).sum();
    }

    List<Duration> of(FaultKind kind) {
        return byKind.getOrDefault(kind, List.of()).stream().sorted().toList();
    }

    /** The median of a kind's times (the lower middle of an even count), null when it has none. */
    Duration median(FaultKind kind) {
        return percentile(of(kind), 50);
    }

    /** {@code kind: count, recovery median m s, p95 p s, max x s} (and how many did not recover). */
    String line(FaultKind kind) {
        List<Duration> times = of(kind);
        int failed = unrecovered.getOrDefault(kind, 0);
        StringBuilder line = new StringBuilder(String.format("%-18s %3d faults", kind.flag(), times.size() + failed));
        if (!times.isEmpty()) {
            line.append(String.format(", recovery median %s, p95 %s, max %s", seconds(percentile(times, 50)),
                    seconds(percentile(times, 95)), seconds(times.get(times.size() - 1))));
        }
        if (failed > 0) {
            line.append(", ").append(failed).append(" without records flowing again in time");
        }
        return line.append(" (").append(kind.description()).append(')').toString();
    }

    /** Nearest-rank percentile of sorted times. */
    static Duration percentile(List<Duration> sorted, int percent) {
        if (sorted.isEmpty()) {
            return null;
        }
        int rank = (int) Math.ceil(percent / 100.0 * sorted.size());
        return sorted.get(Math.max(0, rank - 1));
    }

    private static String seconds(Duration duration) {
        return String.format("%.2f s", duration.toMillis() / 1000.0);
    }
}
