package io.spindle.yarn.client;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.apache.hadoop.yarn.conf.YarnConfiguration;
import org.apache.hadoop.yarn.server.MiniYARNCluster;

/**
 * A MiniDFSCluster (1 DataNode) and a MiniYARNCluster (2 NodeManagers) in this JVM. Containers
 * get Hadoop from {@code yarn.application.classpath}: a conf directory with the cluster's
 * {@code yarn-site.xml}, then the test JVM's jars (not its class directories, so an AM class
 * must arrive in a shipped jar).
 */
final class YarnTestCluster implements AutoCloseable {
    static final int MAX_ALLOCATION_MB = 1536;

    private final MiniDFSCluster dfs;
    private final MiniYARNCluster yarn;
    private final YarnConfiguration clientConfiguration;

    YarnTestCluster(Path workDirectory) throws IOException {
        org.apache.hadoop.conf.Configuration dfsConfiguration = new org.apache.hadoop.conf.Configuration();
        dfsConfiguration.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, workDirectory.resolve("dfs").toString());
        dfs = new MiniDFSCluster.Builder(dfsConfiguration).numDataNodes(1).build();

        Path confDirectory = Files.createDirectories(workDirectory.resolve("hadoop-conf"));
        YarnConfiguration configuration = new YarnConfiguration(dfs.getConfiguration(0));
        configuration.set("fs.defaultFS", dfs.getURI().toString());
        configuration.setInt(YarnConfiguration.RM_SCHEDULER_MINIMUM_ALLOCATION_MB, 128);
        configuration.setInt(YarnConfiguration.RM_SCHEDULER_MAXIMUM_ALLOCATION_MB, MAX_ALLOCATION_MB);
        configuration.setInt(YarnConfiguration.NM_PMEM_MB, 2048);
        configuration.setBoolean(YarnConfiguration.NM_PMEM_CHECK_ENABLED, false);
        configuration.setBoolean(YarnConfiguration.NM_VMEM_CHECK_ENABLED, false);
        // The NodeManagers wait up to 10 s each on stop for pending deletions of container logs.
        configuration.setLong(YarnConfiguration.NM_LOG_RETAIN_SECONDS, 0);
        configuration.set("yarn.scheduler.capacity.root.queues", "default");
        configuration.set("yarn.scheduler.capacity.root.default.capacity", "100");
        configuration.set("yarn.scheduler.capacity.maximum-am-resource-percent", "1.0");
        List<String> classpath = new ArrayList<>();
        classpath.add(confDirectory.toString());
        Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> entry.endsWith(".jar")).forEach(classpath::add);
        configuration.set(YarnConfiguration.YARN_APPLICATION_CLASSPATH, String.join(",", classpath));

        yarn = new MiniYARNCluster("yarn-client-test", 2, 1, 1);
        yarn.init(configuration);
        yarn.start();
        clientConfiguration = new YarnConfiguration(yarn.getConfig());
        // Written after start: only then does the configuration carry the ResourceManager's real ports.
        try (OutputStream out = Files.newOutputStream(confDirectory.resolve("yarn-site.xml"))) {
            clientConfiguration.writeXml(out);
        }
    }

    YarnConfiguration configuration() {
        return clientConfiguration;
    }

    FileSystem fileSystem() throws IOException {
        return FileSystem.get(clientConfiguration);
    }

    String dfsUri() {
        return dfs.getURI().toString();
    }

    /** A jar of {@link MarkerFileApplicationMaster} and its nested classes, built from the test classes. */
    static Path buildApplicationMasterJar(Path jar) throws IOException {
        Path classes;
        try {
            classes = Path.of(MarkerFileApplicationMaster.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IOException(e);
        }
        String packagePath = MarkerFileApplicationMaster.class.getPackageName().replace('.', '/');
        String prefix = MarkerFileApplicationMaster.class.getSimpleName();
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar));
                Stream<Path> files = Files.list(classes.resolve(packagePath))) {
            for (Path file : files.filter(f -> f.getFileName().toString().startsWith(prefix)).toList()) {
                out.putNextEntry(new JarEntry(packagePath + '/' + file.getFileName()));
                out.write(Files.readAllBytes(file));
                out.closeEntry();
            }
        }
        return jar;
    }

    /** A jar holding one (empty) entry per given class name. */
    static Path buildJarWithEntries(Path jar, String... classNames) throws IOException {
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            for (String className : classNames) {
                out.putNextEntry(new JarEntry(className.replace('.', '/') + ".class"));
                out.closeEntry();
            }
        }
        return jar;
    }

    @Override
    public void close() {
        yarn.stop();
        dfs.shutdown();
    }
}
