package io.spindle.yarn.client.cli;

import io.spindle.yarn.client.ClusterDeploymentException;
import io.spindle.yarn.client.YarnClientFactory;
import java.io.IOException;
import java.io.PrintStream;
import java.util.Comparator;
import java.util.List;
import org.apache.hadoop.yarn.api.records.NodeReport;
import org.apache.hadoop.yarn.api.records.NodeState;
import org.apache.hadoop.yarn.api.records.Resource;
import org.apache.hadoop.yarn.client.api.YarnClient;
import org.apache.hadoop.yarn.conf.YarnConfiguration;
import org.apache.hadoop.yarn.exceptions.YarnException;

/**
 * {@code yarn-session.sh -q}: the running NodeManagers with their memory and vcores, used and free,
 * as the ResourceManager reports them; nothing is created on the cluster. Not thread-safe.
 */
final class YarnClusterResources implements AutoCloseable {
    private final YarnClient yarnClient;

    private YarnClusterResources(YarnClient yarnClient) {
        this.yarnClient = yarnClient;
    }

    static YarnClusterResources connect(YarnConfiguration yarnConfiguration) {
        return new YarnClusterResources(YarnClientFactory.DEFAULT.create(yarnConfiguration));
    }

    void print(PrintStream out) throws ClusterDeploymentException {
        List<NodeReport> nodes;
        try {
            nodes = yarnClient.getNodeReports(NodeState.RUNNING).stream()
                    .sorted(Comparator.comparing(node -> node.getNodeId().toString())).toList();
        } catch (IOException | YarnException e) {
            throw new ClusterDeploymentException("Cannot ask the ResourceManager for its NodeManagers: " + e.getMessage()
                    + ". Check that the ResourceManager is reachable with the Hadoop configuration in use.", e);
        }
        out.println("NodeManagers running: " + nodes.size());
        out.printf("%-32s %12s %12s %8s %8s %10s %s%n", "NodeManager", "free MB", "total MB", "free vc", "total vc",
                "containers", "labels");
        long freeMemory = 0;
        long totalMemory = 0;
        long freeVcores = 0;
        long totalVcores = 0;
        for (NodeReport node : nodes) {
            Resource capability = node.getCapability();
            Resource used = node.getUsed() != null ? node.getUsed() : Resource.newInstance(0, 0);
            long nodeFreeMemory = capability.getMemorySize() - used.getMemorySize();
            long nodeFreeVcores = capability.getVirtualCores() - used.getVirtualCores();
            out.printf("%-32s %12d %12d %8d %8d %10d %s%n", node.getNodeId(), nodeFreeMemory, capability.getMemorySize(),
                    nodeFreeVcores, capability.getVirtualCores(), node.getNumContainers(),
                    node.getNodeLabels() == null || node.getNodeLabels().isEmpty() ? "-" : String.join(",", node.getNodeLabels()));
            freeMemory += nodeFreeMemory;
            totalMemory += capability.getMemorySize();
            freeVcores += nodeFreeVcores;
            totalVcores += capability.getVirtualCores();
        }
        out.println("Free: " + freeMemory + " MB and " + freeVcores + " vcores of " + totalMemory + " MB and "
                + totalVcores + " vcores");
    }

    @Override
    public void close() {
        yarnClient.stop();
    }
}
