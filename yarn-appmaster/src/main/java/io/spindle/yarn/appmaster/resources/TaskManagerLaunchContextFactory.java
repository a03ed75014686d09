package io.spindle.yarn.appmaster.resources;

import org.apache.hadoop.yarn.api.records.Container;
import org.apache.hadoop.yarn.api.records.ContainerLaunchContext;

/**
 * Builds what a NodeManager needs to start a TaskManager in an allocated container: command,
 * environment, local resources (jars, configuration) and tokens. Implemented by the
 * ApplicationMaster entrypoint; called on the ResourceManager's main thread.
 */
@FunctionalInterface
public interface TaskManagerLaunchContextFactory {
    /**
     * The launch context for a TaskManager of {@code spec} in {@code container}. The TaskManager
     * must register with the container id ({@code container.getId().toString()}) as its resource id.
     * A thrown exception counts as a failed start: the container is released and replaced.
     */
    ContainerLaunchContext create(Container container, TaskManagerResourceSpec spec) throws Exception;
}
