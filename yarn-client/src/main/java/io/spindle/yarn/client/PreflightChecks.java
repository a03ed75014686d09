package io.spindle.yarn.client;

import io.spindle.configuration.Configuration;
import io.spindle.ha.HighAvailabilityServicesLoader;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.yarn.api.records.NodeLabel;
import org.apache.hadoop.yarn.api.records.QueueInfo;
import org.apache.hadoop.yarn.api.records.QueueState;
import org.apache.hadoop.yarn.api.records.Resource;
import org.apache.hadoop.yarn.client.api.YarnClient;
import org.apache.hadoop.yarn.exceptions.YarnException;

/** What is checked before anything is created on the cluster, each failure with what to do. */
final class PreflightChecks {
    private PreflightChecks() {}

    static void checkQueue(YarnClient yarnClient, String queue) throws ClusterDeploymentException, IOException {
        QueueInfo info;
        try {
            info = yarnClient.getQueueInfo(queue);
        } catch (YarnException unknown) {
            // Schedulers report an unknown queue as an error rather than as null.
            info = null;
        }
        if (info == null) {
            throw new ClusterDeploymentException("The YARN queue '" + queue + "' does not exist. Known queues: "
                    + knownQueues(yarnClient) + ". Set yarn.application.queue (-qu) to one of them.");
        }
        if (info.getChildQueues() != null && !info.getChildQueues().isEmpty()) {
            throw new ClusterDeploymentException("The YARN queue '" + queue + "' is a parent queue; applications go to "
                    + "leaf queues. Set yarn.application.queue (-qu) to one of: " + info.getChildQueues().stream()
                    .map(QueueInfo::getQueueName).collect(Collectors.joining(", ")) + '.');
        }
        if (info.getQueueState() == QueueState.STOPPED) {
            throw new ClusterDeploymentException("The YARN queue '" + queue + "' is STOPPED and accepts no applications: "
                    + "choose another queue with yarn.application.queue (-qu) or ask your YARN administrator to start it.");
        }
    }

    /**
     * A node label the cluster does not know would leave the containers unplaced (or be refused at
     * submission), so it is checked up front against the labels the ResourceManager knows.
     */
    static void checkNodeLabel(YarnClient yarnClient, String nodeLabel) throws ClusterDeploymentException, IOException {
        if (nodeLabel == null) {
            return;
        }
        Set<String> known;
        try {
            known = yarnClient.getClusterNodeLabels().stream().map(NodeLabel::getName)
                    .collect(Collectors.toCollection(TreeSet::new));
        } catch (YarnException e) {
            throw new ClusterDeploymentException("Cannot ask YARN for its node labels to check '" + nodeLabel + "' ("
                    + e.getMessage() + "). Leave yarn.application.node-label (-nl) unset or check the ResourceManager.", e);
        }
        if (!known.contains(nodeLabel)) {
            throw new ClusterDeploymentException("The YARN node label '" + nodeLabel + "' does not exist. Known labels: "
                    + (known.isEmpty() ? "none (node labels may be disabled: yarn.node-labels.enabled)" : String.join(", ", known))
                    + ". Set yarn.application.node-label (-nl) to one of them, or leave it unset.");
        }
    }

    /**
     * With high availability on, its services must be reachable from here (ZooKeeper), or the
     * ApplicationMaster would fail every attempt on the same error.
     */
    static void checkHighAvailability(Configuration configuration) throws ClusterDeploymentException {
        try {
            HighAvailabilityServicesLoader.checkReachable(configuration);
        } catch (Exception e) {
            throw new ClusterDeploymentException("Cannot deploy the Spindle cluster with high availability: "
                    + e.getMessage() + ". No YARN application was created.", e);
        }
    }

    private static String knownQueues(YarnClient yarnClient) throws IOException {
        try {
            List<QueueInfo> queues = yarnClient.getAllQueues();
            return queues.stream().map(QueueInfo::getQueueName).sorted().collect(Collectors.joining(", "));
        } catch (YarnException e) {
            return "(cannot list them: " + e.getMessage() + ")";
        }
    }

    /** The JobManager's and a TaskManager's containers must each fit YARN's largest container. */
    static void checkResources(Resource maximum, ClusterSpecification spec, int appMasterVcores, int containerVcores)
            throws ClusterDeploymentException {
        long maxMemory = maximum.getMemorySize();
        String lower = " Lower it or ask your YARN administrator to raise the cluster's maximum allocation.";
        if (spec.jobManagerMemoryMb() > maxMemory) {
            throw new ClusterDeploymentException("JobManager memory of " + spec.jobManagerMemoryMb()
                    + " MB (jobmanager.memory.process.size, -jm) exceeds the largest container YARN allows: " + maxMemory
                    + " MB (yarn.scheduler.maximum-allocation-mb)." + lower);
        }
        if (spec.taskManagerMemoryMb() > maxMemory) {
            throw new ClusterDeploymentException("TaskManager memory of " + spec.taskManagerMemoryMb()
                    + " MB (taskmanager.memory.process.size, -tm) exceeds the largest container YARN allows: " + maxMemory
                    + " MB (yarn.scheduler.maximum-allocation-mb)." + lower);
        }
        int maxVcores = maximum.getVirtualCores();
        if (appMasterVcores > maxVcores) {
            throw new ClusterDeploymentException("The ApplicationMaster's " + appMasterVcores
                    + " vcores (yarn.appmaster.vcores) exceed the largest container YARN allows: " + maxVcores
                    + " vcores (yarn.scheduler.maximum-allocation-vcores)." + lower);
        }
        if (containerVcores > maxVcores) {
            throw new ClusterDeploymentException("A TaskManager's " + containerVcores
                    + " vcores (yarn.containers.vcores, by default one per slot) exceed the largest container YARN allows: "
                    + maxVcores + " vcores (yarn.scheduler.maximum-allocation-vcores). Use fewer slots per TaskManager (-s), "
                    + "set yarn.containers.vcores, or ask your YARN administrator to raise the maximum.");
        }
    }

    /** The user jar of an application cluster must exist (locally or on a FileSystem) and hold the entry class. */
    static void checkUserJar(UserJar jar, String mainClass, org.apache.hadoop.conf.Configuration hadoopConfiguration)
            throws ClusterDeploymentException {
        if (mainClass == null || mainClass.isBlank()) {
            throw new ClusterDeploymentException("No entry class given for the user jar " + jar
                    + ": pass the class with the program's main() (-c/--class).");
        }
        String entryName = mainClass.replace('.', '/') + ".class";
        try (InputStream in = open(jar, hadoopConfiguration); ZipInputStream zip = new ZipInputStream(in)) {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                if (entry.getName().equals(entryName)) {
                    return;
                }
            }
        } catch (FileNotFoundException | java.nio.file.NoSuchFileException missing) {
            throw new ClusterDeploymentException("The user jar " + jar + " does not exist: check the path "
                    + "(a local file, or a file on the cluster's FileSystem such as hdfs:///jobs/job.jar).");
        } catch (ZipException notAJar) {
            throw new ClusterDeploymentException("The user jar " + jar + " is not a jar file (" + notAJar.getMessage()
                    + "): pass the jar built from your program.");
        } catch (IOException e) {
            throw new ClusterDeploymentException("Cannot read the user jar " + jar + ": " + e.getMessage(), e);
        }
        throw new ClusterDeploymentException("The user jar " + jar + " has no class " + mainClass
                + ": check the entry class name (-c/--class) and that the jar was built with it.");
    }

    private static InputStream open(UserJar jar, org.apache.hadoop.conf.Configuration hadoopConfiguration)
            throws IOException {
        if (jar.isLocal()) {
            if (!Files.isRegularFile(jar.localPath())) {
                throw new FileNotFoundException(jar.toString());
            }
            return Files.newInputStream(jar.localPath());
        }
        FileSystem fileSystem = jar.remotePath().getFileSystem(hadoopConfiguration);
        Path path = jar.remotePath();
        if (!fileSystem.isFile(path)) {
            throw new FileNotFoundException(jar.toString());
        }
        return fileSystem.open(path);
    }
}
