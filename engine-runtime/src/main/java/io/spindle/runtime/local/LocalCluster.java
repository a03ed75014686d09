package io.spindle.runtime.local;

import io.spindle.api.JobClient;
import io.spindle.api.StreamEnvironment;
import io.spindle.client.DispatcherJobClient;
import io.spindle.configuration.ClusterOptions;
import io.spindle.configuration.Configuration;
import io.spindle.configuration.CoreOptions;
import io.spindle.graph.JobGraph;
import io.spindle.ha.BlobStore;
import io.spindle.ha.StandaloneHaServices;
import io.spindle.rpc.RpcOptions;
import io.spindle.rpc.RpcService;
import io.spindle.runtime.dispatcher.DispatcherGateway;
import io.spindle.runtime.jobmanager.JobManager;
import io.spindle.runtime.resourcemanager.StandaloneResourceDriver;
import io.spindle.runtime.taskexecutor.TaskExecutorOptions;
import io.spindle.runtime.taskexecutor.TaskManagerRunner;
import io.spindle.runtime.blob.BlobServer;
import io.spindle.util.ProcessWorkingDirectory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A JobManager and N TaskManagers in this JVM, talking over loopback with the same RPC and
 * network code as a distributed cluster. Jobs run here when no cluster target is given. User jars
 * go through the JobManager's blob server as on any cluster, so the tasks load the user's classes
 * from them even when they are not on this JVM's class path (a jar run with {@code spindle run -t local}).
 */
public final class LocalCluster implements AutoCloseable {
    private final Configuration configuration;
    private final RpcService jobManagerRpc;
    private final JobManager jobManager;
    private final List<TaskManagerRunner> taskManagers = new ArrayList<>();
    private final DispatcherGateway dispatcher;
    private final ProcessWorkingDirectory workingDirectory;
    private final BlobServer blobServer;

    private LocalCluster(Configuration configuration, int numberOfTaskManagers) throws Exception {
        this.configuration = configuration;
        this.jobManagerRpc = RpcService.start("127.0.0.1", 0, RpcOptions.defaults());
        Path base = CoreOptions.tmpDirectory(configuration);
        ProcessWorkingDirectory.sweepAbandoned(base, "spindle-local-");
        this.workingDirectory = ProcessWorkingDirectory.create(base, "spindle-local-",
                ProcessHandle.current().pid() + "-" + java.util.UUID.randomUUID().toString().substring(0, 8));
        this.blobServer = new BlobServer(jobManagerRpc, workingDirectory.path().resolve("blobs"), BlobStore.NONE);
        blobServer.start();
        String address = "127.0.0.1:" + jobManagerRpc.getAddress().getPort();
        StandaloneHaServices haServices = new StandaloneHaServices(address);
        this.jobManager = new JobManager(jobManagerRpc, configuration, haServices, new StandaloneResourceDriver(), blobServer);
        jobManager.start();
        this.dispatcher = jobManager.dispatcherGateway().get();
        for (int i = 0; i < numberOfTaskManagers; i++) {
            TaskManagerRunner taskManager = new TaskManagerRunner(configuration, haServices, "local-taskmanager-" + i);
            taskManager.start();
            taskManagers.add(taskManager);
        }
    }

    /**
     * Starts a cluster of {@code numberOfTaskManagers} TaskManagers with {@code slotsPerTaskManager}
     * slots each; other settings come from {@code configuration}.
     */
    public static LocalCluster start(int numberOfTaskManagers, int slotsPerTaskManager, Configuration configuration)
            throws Exception {
        if (numberOfTaskManagers < 1) {
            throw new IllegalArgumentException("A local cluster needs at least one TaskManager, was " + numberOfTaskManagers);
        }
        Configuration effective = new Configuration(configuration);
        effective.set(TaskExecutorOptions.NUM_TASK_SLOTS, slotsPerTaskManager);
        if (!effective.contains(ClusterOptions.JOB_MANAGER_RPC_PORT)) {
            effective.set(ClusterOptions.JOB_MANAGER_RPC_PORT, 0);
        }
        return new LocalCluster(effective, numberOfTaskManagers);
    }

    /** Submits a job whose user code is on this JVM's class path. */
    public JobClient submitJob(JobGraph jobGraph, ClassLoader userClassLoader) throws Exception {
        return submitJob(jobGraph, List.of(), userClassLoader);
    }

    /** Submits a job whose user code is in {@code userJars}; the tasks load it from there. */
    public JobClient submitJob(JobGraph jobGraph, List<Path> userJars, ClassLoader userClassLoader) throws Exception {
        List<String> keys = new ArrayList<>();
        for (Path jar : userJars) {
            keys.add(blobServer.put(jobGraph.getJobId().toHexString(), jar));
        }
        JobGraph withJars = keys.isEmpty() ? jobGraph : jobGraph.withUserJars(keys);
        dispatcher.submitJob(withJars).get();
        return new DispatcherJobClient(dispatcher, withJars.getJobId(), userClassLoader);
    }

    /** An environment whose jobs run on this cluster. */
    public StreamEnvironment createEnvironment() {
        Configuration environmentConfiguration = new Configuration(configuration);
        environmentConfiguration.set(CoreOptions.EXECUTION_TARGET, "local");
        return new StreamEnvironment(environmentConfiguration, this::submitJob);
    }

    public DispatcherGateway getDispatcher() {
        return dispatcher;
    }

    public JobManager getJobManager() {
        return jobManager;
    }

    public List<TaskManagerRunner> getTaskManagers() {
        return List.copyOf(taskManagers);
    }

    @Override
    public void close() throws Exception {
        Exception first = null;
        for (TaskManagerRunner taskManager : taskManagers) {
            try {
                taskManager.close();
            } catch (Exception e) {
                first = first == null ? e : first;
            }
        }
        try {
            jobManager.close();
            blobServer.close();
            jobManagerRpc.close();
        } catch (Exception e) {
            first = first == null ? e : first;
        }
        workingDirectory.close();
        if (first != null) {
            throw first;
        }
    }
}
