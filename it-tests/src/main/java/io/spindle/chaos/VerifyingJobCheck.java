package io.spindle.chaos;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The check of the chaos verifying job's committed output against what 1..records must give:
 * every value once in the counts (with per key the running counts 1..n once each), and every
 * key's every event-time window once with its exact count and sum.
 *
 * @param records the numbers the job emitted, 1..records
 * @param keys values are keyed by {@code value % keys}
 * @param windowMillis the tumbling window's length; a value's event time is the value
 */
record VerifyingJobCheck(long records, long keys, long windowMillis) {

    /** What was wrong; exact when every count is 0 and there are no details. */
    record Outcome(long lost, long duplicated, List<String> problems) {
        boolean exact() {
            return lost == 0 && duplicated == 0 && problems.isEmpty();
        }

        /** {@code exact} or {@code WRONG (<lost> lost, <duplicated> duplicated)}. */
        String summary() {
            return exact() ? "exact" : "WRONG (" + lost + " lost, " + duplicated + " duplicated)";
        }
    }

    private static final int MAX_PROBLEMS_NAMED = 20;

    /** Checks the {@code key,value,count} lines and the {@code key,smallest,count,sum} window lines. */
    Outcome check(List<String> countLines, List<String> windowLines) {
        List<String> problems = new ArrayList<>();
        long[] lostAndDuplicated = checkCounts(countLines, problems);
        checkWindows(windowLines, problems);
        return new Outcome(lostAndDuplicated[0], lostAndDuplicated[1], problems);
    }

    private long[] checkCounts(List<String> lines, List<String> problems) {
        byte[] seen = new byte[Math.toIntExact(records + 1)];
        Map<Long, List<Long>> countsPerKey = new HashMap<>();
        long duplicated = 0;
        for (String line : lines) {
            long[] fields = parse(line, 3, problems);
            if (fields == null) {
                continue;
            }
            long key = fields[0];
            long value = fields[1];
            if (value < 1 || value > records || key != value % keys) {
                note(problems, "a record that the job never emitted: " + line);
                continue;
            }
            if (seen[(int) value] > 0) {
                duplicated++;
            }
            seen[(int) value] = (byte) Math.min(seen[(int) value] + 1, 2);
            countsPerKey.computeIfAbsent(key, k -> new ArrayList<>()).add(fields[2]);
        }
        long lost = 0;
        for (long value = 1; value <= records; value++) {
            lost += seen[(int) value] == 0 ? 1 : 0;
        }
        // Keyed state restored twice, or lost, shows as counts that are not exactly 1..n.
        for (long key = 0; key < keys; key++) {
            List<Long> counts = countsPerKey.getOrDefault(key, List.of());
            long expected = valuesOfKey(key);
            long[] sorted = counts.stream().mapToLong(Long::longValue).sorted().toArray();
            for (int i = 0; i < sorted.length; i++) {
                if (sorted[i] != i + 1) {
                    note(problems, "key " + key + ": its running counts are not 1.." + expected + " once each (count "
                            + (i + 1) + " is " + sorted[i] + ")");
                    break;
                }
            }
        }
        return new long[] {lost, duplicated};
    }

    private long valuesOfKey(long key) {
        long full = records / keys;
        long rest = records % keys;
        // Values 1..records: key k (1 <= k <= rest) gets one more; key 0 only multiples of keys.
        return full + (key != 0 && key <= rest ? 1 : 0);
    }

    private void checkWindows(List<String> lines, List<String> problems) {
        Map<String, long[]> expected = new HashMap<>();
        for (long value = 1; value <= records; value++) {
            long[] window = expected.computeIfAbsent(windowOf(value % keys, value), w -> new long[2]);
            window[0]++;
            window[1] += value;
        }
        Map<String, long[]> actual = new HashMap<>();
        for (String line : lines) {
            long[] fields = parse(line, 4, problems);
            if (fields == null) {
                continue;
            }
            String window = windowOf(fields[0], fields[1]);
            if (actual.put(window, new long[] {fields[2], fields[3]}) != null) {
                note(problems, "window " + window + " was committed more than once");
            }
        }
        for (Map.Entry<String, long[]> window : expected.entrySet()) {
            long[] found = actual.get(window.getKey());
            if (found == null) {
                note(problems, "window " + window.getKey() + " is missing");
            } else if (found[0] != window.getValue()[0] || found[1] != window.getValue()[1]) {
                note(problems, "window " + window.getKey() + " has count " + found[0] + " and sum " + found[1]
                        + ", not " + window.getValue()[0] + " and " + window.getValue()[1]);
            }
        }
        for (String window : actual.keySet()) {
            if (!expected.containsKey(window)) {
                note(problems, "window " + window + " should not exist");
            }
        }
    }

    /** {@code key@start} of the window that holds {@code value}. */
    private String windowOf(long key, long value) {
        return key + "@" + (value / windowMillis) * windowMillis;
    }

    private static long[] parse(String line, int count, List<String> problems) {
        String[] fields = line.split(",");
        if (fields.length != count) {
            note(problems, "a malformed line: " + line);
            return null;
        }
        long[] numbers = new long[count];
        try {
            for (int i = 0; i < count; i++) {
                numbers[i] = Long.parseLong(fields[i]);
            }
        } catch (NumberFormatException e) {
            note(problems, "a malformed line: " + line);
            return null;
        }
        return numbers;
    }

    private static void note(List<String> problems, String problem) {
        if (problems.size() < MAX_PROBLEMS_NAMED) {
            problems.add(problem);
        } else if (problems.size() == MAX_PROBLEMS_NAMED) {
            problems.add("(more problems not listed)");
        }
    }
}
