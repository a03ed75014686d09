package io.spindle.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.spindle.examples.KeyedStateExample;
import io.spindle.examples.StreamingWordCount;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The examples run as a user runs them (their main(), on a LocalCluster), with exact output. */
class ExamplesTest {
    private static final String[] WORDS = {"stream", "batch", "yarn", "spindle", "window", "state"};

    @Test
    void streamingWordCountCountsEachWordPerEventTimeWindow() throws Exception {
        int lines = 200;
        List<String> output = runCapturingStdout(() -> StreamingWordCount.main(new String[] {"--lines", String.valueOf(lines)}));

        Map<String, Integer> expected = new HashMap<>();
        for (long i = 0; i < lines; i++) {
            long timestamp = i * 1000 - (i % 3 == 2 ? 2000 : 0);
            long windowEnd = timestamp - Math.floorMod(timestamp, 5000) + 5000;
            expected.merge("(" + windowEnd + "," + WORDS[(int) (i % 6)] + ",", 1, Integer::sum);
            expected.merge("(" + windowEnd + "," + WORDS[(int) ((i * 7) % 6)] + ",", 1, Integer::sum);
        }
        Map<String, Integer> actual = new HashMap<>();
        for (String line : output) {
            int lastComma = line.lastIndexOf(',');
            assertThat(actual.put(line.substring(0, lastComma + 1), Integer.parseInt(line.substring(lastComma + 1, line.length() - 1))))
                    .as("one result per window and word: %s", line).isNull();
        }
        assertThat(actual).isEqualTo(expected);
    }

    @Test
    void keyedStateExampleFlagsExactlyTheOutliers() throws Exception {
        int transactions = 5_000;
        List<String> output = runCapturingStdout(() -> KeyedStateExample.main(
                new String[] {"--transactions", String.valueOf(transactions), "--parallelism", "1"}));

        List<String> expected = new ArrayList<>();
        Map<String, long[]> totals = new HashMap<>();
        Map<String, Map<String, Long>> merchants = new HashMap<>();
        for (long id = 0; id < transactions; id++) {
            long amount = 100 + (id * 37) % 900;
            if (id % 97 == 96) {
                amount *= 50;
            }
            String account = "account-" + (id % 20);
            String merchant = "merchant-" + (id % 5);
            long[] totalAndCount = totals.get(account);
            Map<String, Long> perMerchant = merchants.computeIfAbsent(account, a -> new HashMap<>());
            if (totalAndCount != null && amount * totalAndCount[1] > 10 * totalAndCount[0]) {
                expected.add("ALERT " + account + " paid " + amount + " cents to " + merchant + " (average "
                        + totalAndCount[0] / totalAndCount[1] + ", " + perMerchant.getOrDefault(merchant, 0L)
                        + " earlier payments to that merchant)");
            }
            totals.put(account, totalAndCount == null ? new long[] {amount, 1}
                    : new long[] {totalAndCount[0] + amount, totalAndCount[1] + 1});
            perMerchant.merge(merchant, 1L, Long::sum);
        }
        assertThat(expected).isNotEmpty();
        assertThat(output).containsExactlyInAnyOrderElementsOf(expected);
    }

    private interface Program {
        void run() throws Exception;
    }

    private static List<String> runCapturingStdout(Program program) throws Exception {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            program.run();
        } finally {
            System.setOut(original);
        }
        List<String> lines = new ArrayList<>();
        for (String line : captured.toString(StandardCharsets.UTF_8).split("\n")) {
            if (!line.isBlank()) {
                lines.add(line);
            }
        }
        return lines;
    }
}
