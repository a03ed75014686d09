package io.spindle.client.program;

import io.spindle.configuration.ConfigOption;
import io.spindle.configuration.ConfigOptions;
import io.spindle.configuration.Configuration;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Options that tell an executor which user code belongs to the jobs it submits. */
public final class PipelineOptions {
    private PipelineOptions() {}

    public static final ConfigOption<String> JARS = ConfigOptions.stringOption(
            "pipeline.jars", "",
            "Semicolon-separated local paths of the jars holding the job's user code; remote targets ship them"
                    + " with the job. The CLI sets it to the program's jar.");

    /** The paths listed in {@link #JARS}, in order. */
    public static List<Path> jars(Configuration configuration) {
        List<Path> jars = new ArrayList<>();
        for (String entry : configuration.get(JARS).split(";")) {
            if (!entry.isBlank()) {
                jars.add(Path.of(entry.trim()));
            }
        }
        return jars;
    }

    /** Sets {@link #JARS} to {@code jars}. */
    public static void setJars(Configuration configuration, List<Path> jars) {
        StringBuilder joined = new StringBuilder();
        for (Path jar : jars) {
            if (joined.length() > 0) {
                joined.append(';');
            }
            joined.append(jar.toAbsolutePath());
        }
        configuration.set(JARS, joined.toString());
    }
}
