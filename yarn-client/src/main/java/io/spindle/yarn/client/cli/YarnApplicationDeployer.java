package io.spindle.yarn.client.cli;

import io.spindle.configuration.Configuration;
import io.spindle.deployment.ApplicationDeployer;
import io.spindle.yarn.client.ClusterClientHandle;
import io.spindle.yarn.client.ClusterDeploymentException;
import io.spindle.yarn.client.ClusterSpecification;
import io.spindle.yarn.client.DeploymentProgressListener;
import io.spindle.yarn.client.YarnClusterDescriptor;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/**
 * {@code spindle run-application -t yarn-application}: starts a YARN application whose
 * JobManager runs the user's {@code main()}. A local jar is uploaded with the cluster; a jar on
 * a shared FileSystem ({@code hdfs://...}) is used where it is.
 */
public final class YarnApplicationDeployer implements ApplicationDeployer {
    public static final String TARGET = "yarn-application";

    private final Map<String, String> environment;
    private final PrintStream out;

    /** Used by {@link java.util.ServiceLoader}: reads the process environment, reports on standard output. */
    public YarnApplicationDeployer() {
        this(System.getenv(), System.out);
    }

    YarnApplicationDeployer(Map<String, String> environment, PrintStream out) {
        this.environment = Map.copyOf(environment);
        this.out = out;
    }

    @Override
    public String target() {
        return TARGET;
    }

    @Override
    public String deploy(Configuration configuration, String jar, String mainClass, List<String> args)
            throws ClusterDeploymentException {
        boolean remote = jar.contains("://") && !jar.startsWith("file:");
        org.apache.hadoop.fs.Path jarPath = remote
                ? new org.apache.hadoop.fs.Path(jar)
                : new org.apache.hadoop.fs.Path(localJar(jar).toUri());
        String entryClass = mainClass != null ? mainClass : manifestMainClass(jar, remote);
        YarnDeploymentContext context = YarnDeploymentContext.create(configuration, environment);
        try (YarnClusterDescriptor descriptor = context.deployingDescriptor(List.of(),
                DeploymentProgressListener.printingTo(out))) {
            ClusterClientHandle cluster = descriptor.deployApplication(ClusterSpecification.fromConfiguration(configuration),
                    jarPath, entryClass, args);
            return "Application cluster started: YARN application " + cluster.applicationId() + ", REST endpoint "
                    + cluster.restUrl() + "\nFollow it with: yarn application -status " + cluster.applicationId()
                    + "; stop it with: yarn application -kill " + cluster.applicationId();
        }
    }

    private static Path localJar(String jar) {
        return (jar.startsWith("file:") ? Path.of(java.net.URI.create(jar)) : Path.of(jar)).toAbsolutePath();
    }

    private static String manifestMainClass(String jar, boolean remote) throws ClusterDeploymentException {
        if (remote) {
            throw new ClusterDeploymentException("No entry class given for " + jar
                    + ": for a jar on a remote FileSystem, pass the class with the program's main() (-c/--class).");
        }
        Path local = localJar(jar);
        if (!Files.isRegularFile(local)) {
            throw new ClusterDeploymentException("The user jar " + local + " does not exist: check the path.");
        }
        try (JarFile jarFile = new JarFile(local.toFile())) {
            Manifest manifest = jarFile.getManifest();
            String mainClass = manifest == null ? null : manifest.getMainAttributes().getValue("Main-Class");
            if (mainClass == null || mainClass.isBlank()) {
                throw new ClusterDeploymentException("The jar " + local + " names no Main-Class in its manifest: pass "
                        + "the class with the program's main() (-c/--class).");
            }
            return mainClass.trim();
        } catch (IOException e) {
            throw new ClusterDeploymentException("Cannot read the jar " + local + ": " + e.getMessage(), e);
        }
    }
}
