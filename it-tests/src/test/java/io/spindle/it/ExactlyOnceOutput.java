package io.spindle.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The check of the ExactlyOnceCounts example's committed output ({@code key,value,count} lines):
 * every value 1..records once, and per key the counts 1..n once each, so that a lost or a
 * duplicated record, or state restored twice, shows.
 */
public final class ExactlyOnceOutput {
    private ExactlyOnceOutput() {}

    /** The committed files under {@code output} are exact, and no file is left hidden (uncommitted). */
    public static void assertExactFiles(Path output, long records) throws IOException {
        List<String> lines = new ArrayList<>();
        List<Path> hidden = new ArrayList<>();
        try (Stream<Path> files = Files.walk(output)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                if (file.getFileName().toString().startsWith(".")) {
                    hidden.add(file);
                } else {
                    lines.addAll(Files.readAllLines(file));
                }
            }
        }
        assertThat(hidden).as("uncommitted files").isEmpty();
        assertExact(lines, records);
    }

    public static void assertExact(List<String> lines, long records) {
        List<Long> values = new ArrayList<>();
        Map<Long, List<Long>> countsPerKey = new HashMap<>();
        for (String line : lines) {
            String[] fields = line.split(",");
            values.add(Long.parseLong(fields[1]));
            countsPerKey.computeIfAbsent(Long.parseLong(fields[0]), k -> new ArrayList<>()).add(Long.parseLong(fields[2]));
        }
        assertThat(values).hasSize((int) records).doesNotHaveDuplicates();
        assertThat(values.stream().mapToLong(Long::longValue).sum()).isEqualTo(records * (records + 1) / 2);
        countsPerKey.forEach((key, counts) -> {
            assertThat(counts).as("counts of key " + key).doesNotHaveDuplicates();
            assertThat(counts.stream().mapToLong(Long::longValue).max().orElse(0)).isEqualTo(counts.size());
        });
    }
}
