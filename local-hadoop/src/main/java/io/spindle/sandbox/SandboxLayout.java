package io.spindle.sandbox;

import java.nio.file.Path;

/**
 * Where a sandbox keeps its state on disk. Everything lives under one directory (by default
 * {@code build/local-hadoop} of the repository), so wiping that directory resets the sandbox.
 *
 * @param home root of the sandbox's files
 */
public record SandboxLayout(Path home) {

    /** Name of the directory, inside {@link #home()}, that holds the Hadoop client configuration. */
    public static final String CONF_DIR_NAME = "conf";

    /** Creates the layout for the given sandbox directory (made absolute). */
    public SandboxLayout {
        home = home.toAbsolutePath().normalize();
    }

    /** The layout whose {@link #confDir()} is {@code confDir}. */
    public static SandboxLayout ofConfDir(Path confDir) {
        Path absolute = confDir.toAbsolutePath().normalize();
        if (!absolute.getFileName().toString().equals(CONF_DIR_NAME) || absolute.getParent() == null) {
            throw new IllegalArgumentException(confDir + " is not a sandbox's conf dir (named '" + CONF_DIR_NAME + "')");
        }
        return new SandboxLayout(absolute.getParent());
    }

    /** HADOOP_CONF_DIR for clients: core-site.xml, hdfs-site.xml, yarn-site.xml, zookeeper.properties. */
    public Path confDir() {
        return home.resolve(CONF_DIR_NAME);
    }

    /** Base directory of the MiniDFSCluster (NameNode and DataNode storage). */
    public Path dataDir() {
        return home.resolve("data");
    }

    /** Work directory of the MiniYARNCluster: NodeManager local dirs and container logs. */
    public Path yarnDir() {
        return home.resolve("yarn");
    }

    /** Data directory of the embedded ZooKeeper server. */
    public Path zooKeeperDir() {
        return home.resolve("zookeeper");
    }

    /** Present exactly while every service runs and the conf dir is complete. */
    public Path readyMarker() {
        return home.resolve("ready");
    }

    /** Process id of the sandbox JVM started by {@code scripts/local-hadoop.sh}. */
    public Path pidFile() {
        return home.resolve("sandbox.pid");
    }

    /** Addresses of the running services as {@code key=value} lines, for scripts and humans. */
    public Path addressesFile() {
        return home.resolve("sandbox.properties");
    }
}
