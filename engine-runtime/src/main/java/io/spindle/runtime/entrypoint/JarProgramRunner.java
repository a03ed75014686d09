package io.spindle.runtime.entrypoint;

import io.spindle.api.JobID;
import io.spindle.api.StreamEnvironment;
import io.spindle.client.DispatcherJobClient;
import io.spindle.client.program.PackagedProgram;
import io.spindle.client.program.ProgramInvocationException;
import io.spindle.configuration.Configuration;
import io.spindle.configuration.CoreOptions;
import io.spindle.rest.RestClusterBackend;
import io.spindle.runtime.dispatcher.DispatcherGateway;
import io.spindle.runtime.jobmanager.DispatcherRestBackend;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * {@code POST /jars/{id}/run}: runs a jar's main() inside the JobManager, detached, and submits
 * the job it builds with the jar as its user code. Runs one program at a time, since the
 * context environment of a main() is process-wide.
 */
final class JarProgramRunner implements DispatcherRestBackend.JarRunner, AutoCloseable {
    private final DispatcherGateway dispatcher;
    private final ExecutorService runner = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "jar-program-runner");
        thread.setDaemon(true);
        return thread;
    });

    JarProgramRunner(DispatcherGateway dispatcher) {
        this.dispatcher = dispatcher;
    }

    @Override
    public CompletableFuture<JobID> run(Path jar, String entryClass, List<String> args, Integer parallelism,
            RestClusterBackend backend) {
        return CompletableFuture.supplyAsync(() -> {
            CompletableFuture<JobID> submitted = new CompletableFuture<>();
            try (PackagedProgram program = new PackagedProgram(jar, entryClass, args)) {
                StreamEnvironment.setContextFactory(programConfiguration -> {
                    Configuration configuration = new Configuration(programConfiguration);
                    configuration.set(CoreOptions.EXECUTION_ATTACHED, false);
                    if (parallelism != null) {
                        configuration.set(CoreOptions.DEFAULT_PARALLELISM, parallelism);
                    }
                    return new StreamEnvironment(configuration, (jobGraph, userClassLoader) -> {
                        JobID jobId = backend.submitJob(jobGraph, List.of(jar)).join();
                        submitted.complete(jobId);
                        return new DispatcherJobClient(dispatcher, jobId, userClassLoader);
                    });
                });
                program.invokeMain();
            } catch (ProgramInvocationException e) {
                // The jar, its entry class or its main() is at fault: the caller's request (400).
                throw new IllegalArgumentException(e.getMessage(), e);
            } catch (Exception e) {
                throw new IllegalStateException("Running the program failed: " + e.getMessage(), e);
            } finally {
                StreamEnvironment.setContextFactory(null);
            }
            if (!submitted.isDone()) {
                throw new IllegalArgumentException("The main() of " + entryClass + " returned without submitting a job:"
                        + " it must call execute() or executeAsync() on its StreamEnvironment");
            }
            return submitted.join();
        }, runner);
    }

    @Override
    public void close() {
        runner.shutdownNow();
    }
}
