package io.spindle.api;

import io.spindle.api.connectors.CollectionSource;
import io.spindle.api.connectors.SequenceSource;
import io.spindle.api.connectors.SocketTextSource;
import io.spindle.api.connectors.TextFileSource;
import io.spindle.api.functions.SourceFunction;
import io.spindle.api.transformations.SourceTransformation;
import io.spindle.api.transformations.Transformation;
import io.spindle.configuration.Configuration;
import io.spindle.configuration.CoreOptions;
import io.spindle.deployment.PipelineExecutor;
import io.spindle.deployment.PipelineExecutors;
import io.spindle.graph.JobGraph;
import io.spindle.graph.JobGraphGenerator;
import io.spindle.runtime.operators.StreamSource;
import io.spindle.runtime.checkpoint.CheckpointingOptions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import io.spindle.runtime.filecache.FileCache;
import java.util.concurrent.ExecutionException;
import java.util.function.Function;

/**
 * Entry point of a Spindle program: creates sources, collects the pipeline, and runs it with
 * {@link #execute} on the target chosen by {@code execution.target} (by default an in-process
 * LocalCluster). Several {@code execute}/{@code executeAsync} calls may follow each other; each
 * runs the sinks added since the previous one.
 */
public class StreamEnvironment {
    private static volatile Function<Configuration, StreamEnvironment> contextFactory;

    private final Configuration configuration;
    private final PipelineExecutor executor;
    private final List<Transformation<?>> sinks = new ArrayList<>();
    private int parallelism;
    private int maxParallelism = Transformation.DEFAULT;
    private RuntimeExecutionMode runtimeMode;

    /**
     * An environment that runs its jobs with {@code executor}, or with the one named by
     * {@code execution.target} when it is null.
     */
    public StreamEnvironment(Configuration configuration, PipelineExecutor executor) {
        this.configuration = new Configuration(configuration);
        this.executor = executor;
        this.parallelism = configuration.get(CoreOptions.DEFAULT_PARALLELISM);
        this.runtimeMode = configuration.get(CoreOptions.RUNTIME_MODE);
    }

    /** The environment of the current context: the CLI's or the cluster's when they run main(), else local. */
    public static StreamEnvironment getEnvironment() {
        return getEnvironment(new Configuration());
    }

    public static StreamEnvironment getEnvironment(Configuration configuration) {
        Function<Configuration, StreamEnvironment> factory = contextFactory;
        return factory != null ? factory.apply(configuration) : new StreamEnvironment(configuration, null);
    }

    /** Installed by whatever runs a user's main() (CLI, application-mode cluster); null removes it. */
    public static void setContextFactory(Function<Configuration, StreamEnvironment> factory) {
        contextFactory = factory;
    }

    public Configuration getConfiguration() {
        return configuration;
    }

    public StreamEnvironment setParallelism(int parallelism) {
        if (parallelism < 1) {
            throw new IllegalArgumentException("Parallelism must be at least 1, was " + parallelism);
        }
        this.parallelism = parallelism;
        return this;
    }

    public int getParallelism() {
        return parallelism;
    }

    public StreamEnvironment setMaxParallelism(int maxParallelism) {
        if (maxParallelism < 1 || maxParallelism > (1 << 15)) {
            throw new IllegalArgumentException("Max parallelism must be between 1 and 32768, was " + maxParallelism);
        }
        this.maxParallelism = maxParallelism;
        return this;
    }

    /** The explicit max parallelism, or -1 when each operator derives it from its parallelism. */
    public int getMaxParallelism() {
        return maxParallelism;
    }

    /** BATCH makes keyed aggregations emit one final result per key; set it before building the pipeline. */
    public StreamEnvironment setRuntimeMode(RuntimeExecutionMode mode) {
        this.runtimeMode = java.util.Objects.requireNonNull(mode, "runtime mode");
        configuration.set(CoreOptions.RUNTIME_MODE, mode); // the JobManager reads it from the job's configuration
        return this;
    }

    public RuntimeExecutionMode getRuntimeMode() {
        return runtimeMode;
    }

    /**
     * Takes a checkpoint every {@code intervalMillis} (at least 10 ms), exactly once: sets
     * {@code execution.checkpointing.interval}. The checkpoint directory comes from
     * {@code execution.checkpointing.dir}.
     */
    public StreamEnvironment enableCheckpointing(long intervalMillis) {
        return enableCheckpointing(intervalMillis, CheckpointingOptions.Mode.EXACTLY_ONCE);
    }

    public StreamEnvironment enableCheckpointing(long intervalMillis, CheckpointingOptions.Mode mode) {
        java.time.Duration interval = java.time.Duration.ofMillis(intervalMillis);
        if (interval.compareTo(CheckpointingOptions.MIN_INTERVAL) < 0) {
            throw new IllegalArgumentException("The checkpoint interval must be at least "
                    + CheckpointingOptions.MIN_INTERVAL.toMillis() + " ms, but " + intervalMillis + " ms was given");
        }
        configuration.set(CheckpointingOptions.INTERVAL, interval);
        configuration.set(CheckpointingOptions.MODE, mode);
        return this;
    }

    /**
     * Makes a file readable by every task as {@code getRuntimeContext().getDistributedCache().getFile(name)}.
     * The path goes through the Hadoop FileSystem ({@code hdfs://...} reaches every TaskManager;
     * a local path only those on this machine, except on YARN in per-job and session mode, where
     * the client uploads local files and directories to the application's staging directory).
     */
    public StreamEnvironment registerCachedFile(String filePath, String name) {
        if (name == null || name.isBlank() || name.contains("=") || name.contains(";") || name.contains("/")) {
            throw new IllegalArgumentException("A cached file needs a plain name (no '=', ';' or '/'), was '" + name + "'");
        }
        TextFileSource.validatePath(filePath);
        Map<String, String> files = new LinkedHashMap<>(FileCache.parse(configuration.get(CoreOptions.CACHED_FILES)));
        if (files.putIfAbsent(name, filePath) != null) {
            throw new IllegalArgumentException("A cached file named '" + name + "' is registered already: " + files.get(name));
        }
        configuration.setString(CoreOptions.CACHED_FILES.key(), FileCache.format(files));
        return this;
    }

    /** The numbers {@code from..to} (inclusive), split among parallel instances. */
    public DataStream<Long> fromSequence(long from, long to) {
        if (from > to) {
            throw new IllegalArgumentException("fromSequence needs from <= to, was " + from + " > " + to);
        }
        return addSource(new SequenceSource(from, to), "Sequence Source");
    }

    /** The elements of a collection, in order, from one (non-parallel) source instance. */
    public <T> DataStream<T> fromCollection(Collection<T> elements) {
        if (elements.isEmpty()) {
            throw new IllegalArgumentException("fromCollection needs at least one element");
        }
        return addSource(new CollectionSource<>(elements), "Collection Source");
    }

    @SafeVarargs
    public final <T> DataStream<T> fromElements(T... elements) {
        return fromCollection(Arrays.asList(elements));
    }

    /** The lines of a file or directory, read through the Hadoop FileSystem ({@code file://}, {@code hdfs://}). */
    public DataStream<String> readTextFile(String path) {
        TextFileSource.validatePath(path);
        return addSource(new TextFileSource(path), "Read " + path);
    }

    /** Lines read from a TCP socket until it closes or the job is cancelled. */
    public DataStream<String> socketTextStream(String host, int port) {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("socketTextStream port must be between 1 and 65535, was " + port);
        }
        return addSource(new SocketTextSource(host, port, "\n"), "Socket Stream");
    }

    public <T> DataStream<T> addSource(SourceFunction<T> source) {
        return addSource(source, "Source: " + source.getClass().getSimpleName());
    }

    /**
     * A user source. A {@link io.spindle.api.functions.ParallelSourceFunction} runs with the
     * default parallelism (or the one set on the returned stream); any other source with
     * parallelism 1, while the operators after it still get the default parallelism.
     */
    public <T> DataStream<T> addSource(SourceFunction<T> source, String name) {
        UserFunctions.checkSerializable(source, "addSource");
        return new DataStream<>(this, new SourceTransformation<>(name, new StreamSource<>(source)));
    }

    void addSink(Transformation<?> sink) {
        sinks.add(sink);
    }

    /** Translates the sinks added so far into a JobGraph and forgets them. */
    public JobGraph getJobGraph(String jobName) {
        if (sinks.isEmpty()) {
            throw new InvalidProgramException("No sinks defined in the job '" + jobName + "': add a sink with print(),"
                    + " writeAsText(path) or addSink(...) before calling execute()");
        }
        JobGraph jobGraph = JobGraphGenerator.generate(jobName, sinks, parallelism, maxParallelism, configuration);
        sinks.clear();
        return jobGraph;
    }

    /**
     * Runs the job and waits for its end; a failure is thrown with the user's exception as cause.
     * In detached mode ({@code execution.attached: false}) it returns once the job is submitted,
     * with a result that only knows the job id.
     */
    public JobExecutionResult execute(String jobName) throws Exception {
        JobClient client = executeAsync(jobName);
        if (!configuration.get(CoreOptions.EXECUTION_ATTACHED)) {
            return JobExecutionResult.detached(client.getJobID());
        }
        try {
            return client.getJobExecutionResult().get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        } catch (InterruptedException e) {
            client.cancel();
            Thread.currentThread().interrupt();
            throw e;
        }
    }

    /** Submits the job and returns at once with a handle on it. */
    public JobClient executeAsync(String jobName) throws Exception {
        JobGraph jobGraph = getJobGraph(jobName);
        ClassLoader classLoader = Thread.currentThread().getContextClassLoader();
        PipelineExecutor target = executor != null ? executor : PipelineExecutors.forConfiguration(configuration, classLoader);
        return target.execute(jobGraph, classLoader);
    }
}
