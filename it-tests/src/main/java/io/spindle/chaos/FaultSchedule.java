package io.spindle.chaos;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The order of a run's faults: every fault asked for, shuffled by a seeded random, so that a run
 * that went wrong can be replayed with its seed.
 */
final class FaultSchedule {
    private FaultSchedule() {}

    static List<FaultKind> of(Map<FaultKind, Integer> counts, long seed) {
        List<FaultKind> faults = new ArrayList<>();
        for (FaultKind kind : FaultKind.values()) {
            faults.addAll(Collections.nCopies(counts.getOrDefault(kind, 0), kind));
        }
        Collections.shuffle(faults, new Random(seed));
        return faults;
    }
}
