package io.spindle.chaos;

import java.io.BufferedReader;
import java.io.FileNotFoundException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;

/**
 * Reads the verifying job's committed output from HDFS and checks it. Hidden files (the
 * FileSink's in-progress and pending parts) are not output: a finished job leaves none, so any
 * that is left is itself a problem. The output is deleted when it is exact and kept to look at
 * when it is not.
 */
final class ChaosOutput {
    private final Configuration configuration;
    private final ChaosLayout layout;

    ChaosOutput(Configuration configuration, ChaosLayout layout) {
        this.configuration = configuration;
        this.layout = layout;
    }

    /** "exact", or {@code WRONG (...)} after printing what is wrong. */
    String verify(VerifyingJobCheck check) throws Exception {
        Path output = new Path(layout.output());
        try (FileSystem fs = FileSystem.newInstance(output.toUri(), configuration)) {
            List<String> hidden = new ArrayList<>();
            List<String> counts = committedLines(fs, new Path(output, "counts"), hidden);
            List<String> windows = committedLines(fs, new Path(output, "windows"), hidden);
            VerifyingJobCheck.Outcome outcome = check.check(counts, windows);
            outcome.problems().forEach(problem -> System.out.println("chaos: output: " + problem));
            hidden.forEach(file -> System.out.println("chaos: output: an uncommitted file is left: " + file));
            if (outcome.exact() && hidden.isEmpty()) {
                fs.delete(new Path(layout.directory()), true);
                return "exact";
            }
            System.out.println("chaos: the output stays in " + output + " to look at");
            return outcome.exact() ? "WRONG (" + hidden.size() + " uncommitted files)" : outcome.summary();
        }
    }

    private static List<String> committedLines(FileSystem fs, Path directory, List<String> hidden) throws Exception {
        List<String> lines = new ArrayList<>();
        RemoteIterator<LocatedFileStatus> files;
        try {
            files = fs.listFiles(directory, true);
        } catch (FileNotFoundException absent) {
            return lines;
        }
        while (files.hasNext()) {
            Path file = files.next().getPath();
            if (file.getName().startsWith(".")) {
                hidden.add(file.toString());
                continue;
            }
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(fs.open(file), StandardCharsets.UTF_8))) {
                reader.lines().forEach(lines::add);
            }
        }
        return lines;
    }
}
