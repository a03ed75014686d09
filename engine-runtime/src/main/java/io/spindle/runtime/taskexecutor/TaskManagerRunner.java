package io.spindle.runtime.taskexecutor;

import io.spindle.configuration.ClusterOptions;
import io.spindle.configuration.Configuration;
import io.spindle.configuration.CoreOptions;
import io.spindle.util.ProcessWorkingDirectory;
import io.spindle.ha.HighAvailabilityServices;
import io.spindle.rpc.RpcOptions;
import io.spindle.rpc.RpcService;
import io.spindle.runtime.network.NetworkEnvironment;
import io.spindle.runtime.network.NetworkOptions;
import io.spindle.runtime.blob.BlobCache;
import java.nio.file.Path;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * A TaskManager: its RPC service, its network environment, a timer thread, its working directory
 * (jars and cached files, under {@code io.tmp.dirs}) and its TaskExecutor.
 */
public final class TaskManagerRunner implements AutoCloseable {
    static final String WORKING_DIRECTORY_PREFIX = "spindle-taskmanager-";

    private final RpcService rpcService;
    private final NetworkEnvironment network;
    private final ScheduledExecutorService timerThread;
    private final ExecutorService blobDownloads;
    private final ProcessWorkingDirectory workingDirectory;
    private final BlobCache blobCache;
    private final TaskExecutor taskExecutor;

    public TaskManagerRunner(Configuration configuration, HighAvailabilityServices haServices, String resourceId) throws Exception {
        String host = configuration.get(TaskExecutorOptions.HOST);
        this.rpcService = RpcService.start(host, 0, RpcOptions.defaults());
        this.network = NetworkEnvironment.start(host, NetworkOptions.defaults());
        this.timerThread = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "taskmanager-timer-" + resourceId);
            thread.setDaemon(true);
            return thread;
        });
        this.blobDownloads = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "taskmanager-blob-download-" + resourceId);
            thread.setDaemon(true);
            return thread;
        });
        Path base = CoreOptions.tmpDirectory(configuration);
        // The directories of TaskManagers killed here before go first: nothing else would delete them.
        ProcessWorkingDirectory.sweepAbandoned(base, WORKING_DIRECTORY_PREFIX);
        this.workingDirectory = ProcessWorkingDirectory.create(base, WORKING_DIRECTORY_PREFIX, resourceId);
        this.blobCache = new BlobCache(rpcService, workingDirectory.path().resolve("blobs"));
        this.taskExecutor = new TaskExecutor(rpcService,
                new TaskExecutorConfiguration(resourceId, configuration.get(TaskExecutorOptions.NUM_TASK_SLOTS),
                        configuration.get(TaskExecutorOptions.REGISTRATION_RETRY), configuration.get(ClusterOptions.HEARTBEAT_TIMEOUT),
                        workingDirectory.path().resolve("cache"),
                        configuration.get(ClusterOptions.TASK_MANAGER_PROCESS_MEMORY).bytes()),
                network, haServices.getJobManagerLeaderRetriever(), timerThread, blobCache, blobDownloads);
    }

    /** A resource id that names the host and stays unique across restarts. */
    public static String generateResourceId(String host) {
        return host + "-" + UUID.randomUUID().toString().substring(0, 6);
    }

    public void start() {
        taskExecutor.start();
    }

    public TaskExecutor getTaskExecutor() {
        return taskExecutor;
    }

    @Override
    public void close() throws Exception {
        taskExecutor.close();
        timerThread.shutdownNow();
        blobDownloads.shutdownNow();
        blobCache.close();
        network.close();
        rpcService.close();
        workingDirectory.close();
    }
}
