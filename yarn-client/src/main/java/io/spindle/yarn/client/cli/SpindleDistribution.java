package io.spindle.yarn.client.cli;

import io.spindle.configuration.GlobalConfiguration;
import io.spindle.deployment.YarnDeploymentConstants;
import io.spindle.yarn.client.ClusterDeploymentException;
import io.spindle.yarn.client.ClusterFiles;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * What a YARN deployment ships from Spindle's installation: the lib jars and the configuration
 * files. Two layouts are understood: a distribution ({@code <home>/lib/*.jar}) and a source
 * checkout after {@code mvn package} ({@code engine-runtime/target/engine-runtime-*.jar},
 * {@code engine-runtime/target/lib/*.jar}, {@code yarn-appmaster/target/yarn-appmaster-*.jar}, and
 * ZooKeeper HA's {@code ha-zookeeper/target/ha-zookeeper-*.jar} with {@code ha-zookeeper/target/lib/*.jar}).
 * Immutable; safe to share between threads.
 */
public final class SpindleDistribution {
    /** System property naming Spindle's home directory; the scripts set it. */
    public static final String HOME_PROPERTY = "spindle.home";
    /** Environment variable naming Spindle's home directory, used when the property is absent. */
    public static final String HOME_VARIABLE = "SPINDLE_HOME";
    /** Hadoop site files shipped so that the containers find the ResourceManager and the FileSystem. */
    static final List<String> HADOOP_SITE_FILES = List.of("core-site.xml", "hdfs-site.xml", "yarn-site.xml");

    private static final String ENGINE_MODULE = "engine-runtime";

    private final Path home;
    private final Path confDir;

    public SpindleDistribution(Path home, Path confDir) {
        this.home = home.toAbsolutePath().normalize();
        this.confDir = confDir.toAbsolutePath().normalize();
    }

    /**
     * Spindle's home from the {@value #HOME_PROPERTY} property, else {@value #HOME_VARIABLE},
     * else the installation this class was loaded from; the conf dir from
     * {@code SPINDLE_CONF_DIR}, else {@code <home>/conf}.
     */
    public static SpindleDistribution locate(Map<String, String> environment) throws ClusterDeploymentException {
        Path home = firstPath(System.getProperty(HOME_PROPERTY), environment.get(HOME_VARIABLE));
        if (home == null) {
            home = homeOfThisInstallation();
        }
        Path confDir = firstPath(environment.get(GlobalConfiguration.ENV_CONF_DIR), null);
        return new SpindleDistribution(home, confDir != null ? confDir : home.resolve("conf"));
    }

    public Path home() {
        return home;
    }

    public Path confDir() {
        return confDir;
    }

    /**
     * The jars every container needs on its class path: the engine, its dependencies, the
     * ApplicationMaster and, when built, ZooKeeper high availability.
     */
    public List<Path> libJars() throws ClusterDeploymentException {
        Path distributionLib = home.resolve("lib");
        if (Files.isDirectory(distributionLib)) {
            List<Path> jars = jarsIn(distributionLib);
            if (!jars.isEmpty()) {
                return jars;
            }
        }
        Path engineTarget = home.resolve("engine-runtime/target");
        Path engineJar = moduleJar(engineTarget, ENGINE_MODULE);
        Path appMasterJar = moduleJar(home.resolve("yarn-appmaster/target"), "yarn-appmaster");
        Path engineLib = engineTarget.resolve("lib");
        if (engineJar == null || appMasterJar == null || !Files.isDirectory(engineLib)) {
            throw new ClusterDeploymentException("Spindle's jars to ship to YARN are missing under " + home
                    + ": expected lib/*.jar (a distribution) or engine-runtime/target/engine-runtime-*.jar, "
                    + "engine-runtime/target/lib/ and yarn-appmaster/target/yarn-appmaster-*.jar (a build: run "
                    + "'mvn -DskipTests package'). Set " + HOME_VARIABLE + " to Spindle's directory.");
        }
        List<Path> jars = new ArrayList<>();
        jars.add(engineJar);
        jars.add(appMasterJar);
        jars.addAll(jarsIn(engineLib));
        Path haTarget = home.resolve("ha-zookeeper/target");
        Path haJar = moduleJar(haTarget, "ha-zookeeper");
        if (haJar != null && Files.isDirectory(haTarget.resolve("lib"))) {
            jars.add(haJar);
            jars.addAll(jarsIn(haTarget.resolve("lib")));
        }
        return jars;
    }

    /**
     * {@code spindle-conf.yaml} (when the conf dir has one), the JobManager's and TaskManagers'
     * log4j2 files, and the Hadoop site files of {@code hadoopConfDir}, each shipped under its name.
     */
    public List<Path> confFiles(Path hadoopConfDir) throws ClusterDeploymentException {
        List<Path> files = new ArrayList<>();
        Path spindleConf = confDir.resolve(YarnDeploymentConstants.CONFIGURATION_FILE);
        if (Files.isRegularFile(spindleConf)) {
            files.add(spindleConf);
        }
        for (String logConfig : List.of(YarnDeploymentConstants.JOB_MANAGER_LOG_CONFIG,
                YarnDeploymentConstants.TASK_MANAGER_LOG_CONFIG)) {
            Path file = confDir.resolve(logConfig);
            if (!Files.isRegularFile(file)) {
                throw new ClusterDeploymentException("The logging configuration " + file + " is missing: the containers "
                        + "need it. Set SPINDLE_CONF_DIR to a directory holding " + YarnDeploymentConstants.JOB_MANAGER_LOG_CONFIG
                        + " and " + YarnDeploymentConstants.TASK_MANAGER_LOG_CONFIG + " (Spindle's conf/ has both).");
            }
            files.add(file);
        }
        for (String siteFile : HADOOP_SITE_FILES) {
            Path file = hadoopConfDir.resolve(siteFile);
            if (Files.isRegularFile(file)) {
                files.add(file);
            }
        }
        return files;
    }

    /**
     * The files of a deployment with the given user jars; {@code engineJar}, when not null, is
     * shipped in place of the installation's engine jar ({@code yarn.spindle-dist-jar}, {@code -j}).
     */
    public ClusterFiles clusterFiles(Path hadoopConfDir, List<Path> userJars, Path engineJar)
            throws ClusterDeploymentException {
        List<Path> libJars = libJars();
        if (engineJar != null) {
            libJars = withEngineJar(libJars, engineJar);
        }
        return new ClusterFiles(libJars, confFiles(hadoopConfDir), userJars);
    }

    private static List<Path> withEngineJar(List<Path> libJars, Path engineJar) throws ClusterDeploymentException {
        if (!Files.isRegularFile(engineJar) || !engineJar.getFileName().toString().endsWith(".jar")) {
            throw new ClusterDeploymentException("The Spindle jar " + engineJar + " (-j, yarn.spindle-dist-jar) "
                    + (Files.exists(engineJar) ? "is not a jar file" : "does not exist")
                    + ": pass the path of an engine-runtime jar, or leave -j out to ship the installation's.");
        }
        List<Path> jars = new ArrayList<>();
        jars.add(engineJar.toAbsolutePath().normalize());
        for (Path jar : libJars) {
            if (!isModuleJar(jar.getFileName().toString(), ENGINE_MODULE)) {
                jars.add(jar);
            }
        }
        return jars;
    }

    private static Path moduleJar(Path target, String module) throws ClusterDeploymentException {
        if (!Files.isDirectory(target)) {
            return null;
        }
        return jarsIn(target).stream()
                .filter(jar -> isModuleJar(jar.getFileName().toString(), module))
                .findFirst().orElse(null);
    }

    private static boolean isModuleJar(String name, String module) {
        return name.startsWith(module + "-") && !name.endsWith("-tests.jar") && !name.endsWith("-sources.jar")
                && !name.endsWith("-javadoc.jar");
    }

    private static List<Path> jarsIn(Path directory) throws ClusterDeploymentException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(file -> file.getFileName().toString().endsWith(".jar") && Files.isRegularFile(file))
                    .sorted().toList();
        } catch (IOException e) {
            throw new ClusterDeploymentException("Cannot list " + directory + ": " + e.getMessage(), e);
        }
    }

    /**
     * A jar in {@code <home>/lib} or {@code <home>/yarn-client/target}, or the class directory
     * {@code <home>/yarn-client/target/classes} of a build.
     */
    private static Path homeOfThisInstallation() throws ClusterDeploymentException {
        Path location;
        try {
            location = Path.of(SpindleDistribution.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException | RuntimeException e) {
            throw homeUnknown();
        }
        Path parent = location.getParent();
        if (parent != null && parent.getFileName() != null && parent.getFileName().toString().equals("lib")) {
            return parent.getParent();
        }
        for (Path dir = location; dir != null; dir = dir.getParent()) {
            if (dir.getFileName() != null && dir.getFileName().toString().equals("yarn-client") && dir.getParent() != null) {
                return dir.getParent();
            }
        }
        throw homeUnknown();
    }

    private static ClusterDeploymentException homeUnknown() {
        return new ClusterDeploymentException("Cannot tell where Spindle is installed: set " + HOME_VARIABLE
                + " to Spindle's directory (the one holding lib/ or the built modules).");
    }

    private static Path firstPath(String first, String second) {
        for (String value : new String[] {first, second}) {
            if (value != null && !value.isBlank()) {
                return Path.of(value.trim());
            }
        }
        return null;
    }
}
