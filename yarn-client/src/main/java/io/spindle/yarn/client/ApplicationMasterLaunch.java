package io.spindle.yarn.client;

import io.spindle.configuration.Configuration;
import io.spindle.deployment.ContainerCommand;
import io.spindle.deployment.InlineFiles;
import io.spindle.deployment.YarnDeploymentConstants;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.hadoop.yarn.api.ApplicationConstants;
import org.apache.hadoop.yarn.api.ApplicationConstants.Environment;
import org.apache.hadoop.yarn.api.records.ContainerLaunchContext;
import org.apache.hadoop.yarn.api.records.LocalResource;
import org.apache.hadoop.yarn.conf.YarnConfiguration;

/** Builds the ApplicationMaster's container: its files, environment and command line. */
final class ApplicationMasterLaunch {
    private final Map<String, LocalResource> localResources = new LinkedHashMap<>();
    private final Map<String, String> environment = new LinkedHashMap<>();
    private final List<ShippedFile> taskManagerFiles = new ArrayList<>();
    private final List<String> classpath = new ArrayList<>();
    private final Set<String> providedFileNames = new HashSet<>();
    private final InlineFiles inlineClusterFiles = new InlineFiles();
    private final InlineFiles inlineApplicationMasterFiles = new InlineFiles();

    /** A file for the AM and, through the shipped-files list, for every TaskManager. */
    void addClusterFile(ShippedFile file, boolean onClasspath) {
        addFileForApplicationMasterOnly(file);
        taskManagerFiles.add(file);
        if (onClasspath) {
            classpath.add(file.name());
        }
    }

    /** A directory shipped whole: it and the jars directly in it go on the class path. */
    void addClusterDirectory(ShippedFile directory) {
        addClusterFile(directory, true);
        classpath.add(directory.name() + "/*");
    }

    /** A provided lib directory, for the AM and every TaskManager, its jars on the class path. */
    void addProvidedDirectory(ProvidedLib.Directory directory) {
        directory.resources().forEach(resource -> addClusterFile(resource, false));
        classpath.addAll(directory.classpathEntries());
        directory.files().forEach(file -> providedFileNames.add(file.name()));
    }

    void addFileForApplicationMasterOnly(ShippedFile file) {
        if (hasFile(file.name()) || localResources.putIfAbsent(file.name(), file.toLocalResource()) != null) {
            throw new IllegalArgumentException(file.name());
        }
    }

    /**
     * A small file for the AM and every TaskManager, carried in the containers' environment
     * (see {@link InlineFiles} for why); false when it does not fit and must be shipped as a file.
     */
    boolean tryInlineClusterFile(String name, byte[] content) {
        return !hasFile(name) && inlineClusterFiles.tryAdd(name, content);
    }

    /** Like {@link #tryInlineClusterFile} for a file only the AM reads. */
    boolean tryInlineApplicationMasterFile(String name, byte[] content) {
        return !hasFile(name) && inlineApplicationMasterFiles.tryAdd(name, content);
    }

    boolean hasFile(String name) {
        return localResources.containsKey(name) || providedFileNames.contains(name) || inlineClusterFiles.contains(name)
                || inlineApplicationMasterFiles.contains(name);
    }

    void setEnvironment(String name, String value) {
        environment.put(name, value);
    }

    /**
     * The container for the given main class; the effective configuration travels as
     * {@code key=value} lines the AM applies over the shipped configuration file.
     */
    ContainerLaunchContext build(String entrypoint, int processMemoryMb, String stagingDirectory,
            Configuration effectiveConfiguration, YarnConfiguration hadoopConfiguration) {
        Map<String, String> env = new LinkedHashMap<>(environment);
        if (!inlineClusterFiles.isEmpty()) {
            env.put(YarnDeploymentConstants.ENV_INLINE_FILES, inlineClusterFiles.encode());
        }
        if (!inlineApplicationMasterFiles.isEmpty()) {
            env.put(YarnDeploymentConstants.ENV_INLINE_AM_FILES, inlineApplicationMasterFiles.encode());
        }
        env.put(YarnDeploymentConstants.ENV_STAGING_DIR, stagingDirectory);
        env.put(YarnDeploymentConstants.ENV_SHIPPED_FILES, ShippedFile.encodeAll(taskManagerFiles));
        // The working directory holds the shipped configuration files. It comes after the jars: a
        // class-data archive (ClassDataArchive) is refused behind a directory that is not empty.
        List<String> ownClasspath = new ArrayList<>(classpath);
        ownClasspath.add(".");
        env.put(YarnDeploymentConstants.ENV_CLASSPATH, String.join(":", ownClasspath));
        StringBuilder properties = new StringBuilder();
        effectiveConfiguration.toMap().forEach((key, value) -> properties.append(key).append('=').append(value).append('\n'));
        env.put(YarnDeploymentConstants.ENV_DYNAMIC_PROPERTIES, properties.toString());
        List<String> containerClasspath = new ArrayList<>(ownClasspath);
        containerClasspath.addAll(List.of(hadoopConfiguration.getTrimmedStrings(
                YarnConfiguration.YARN_APPLICATION_CLASSPATH,
                YarnConfiguration.DEFAULT_YARN_CROSS_PLATFORM_APPLICATION_CLASSPATH)));
        env.put(Environment.CLASSPATH.name(), String.join(ApplicationConstants.CLASS_PATH_SEPARATOR, containerClasspath));
        if (System.getenv("JAVA_HOME") == null) {
            // Without JAVA_HOME here the NodeManagers may have none either (a local sandbox, a test):
            // the client's JDK is the one known to exist on this machine.
            env.put(Environment.JAVA_HOME.name(), System.getProperty("java.home"));
        }
        // Spindle's own values must arrive verbatim; CLASSPATH may reference the node's variables.
        env.replaceAll((name, value) -> name.startsWith("_SPINDLE_") ? ContainerCommand.escapeForLaunchScript(value) : value);
        String command = ContainerCommand.of(ContainerCommand.Role.JOB_MANAGER, entrypoint, heapMb(processMemoryMb),
                effectiveConfiguration, environment.get(YarnDeploymentConstants.ENV_CLASS_DATA_KEY));
        return ContainerLaunchContext.newInstance(localResources, env, List.of(command), null, null, null);
    }

    /** The JVM heap inside a container of the given size: a quarter (at least 128 MB) is left for metaspace, threads and direct buffers. */
    static int heapMb(int processMemoryMb) {
        return Math.max(64, processMemoryMb - Math.max(128, processMemoryMb / 4));
    }
}
