package io.spindle.yarn.client;

import java.nio.file.Path;
import java.util.List;

/**
 * The local files shipped with every cluster: Spindle's lib jars, its configuration files
 * ({@code spindle-conf.yaml}, {@code log4j2-*.xml}) and the user's jars. Each is shipped under
 * its file name, so names must be unique across the three lists.
 */
public record ClusterFiles(List<Path> libJars, List<Path> confFiles, List<Path> userJars) {
    public ClusterFiles {
        libJars = List.copyOf(libJars);
        confFiles = List.copyOf(confFiles);
        userJars = List.copyOf(userJars);
    }
}
