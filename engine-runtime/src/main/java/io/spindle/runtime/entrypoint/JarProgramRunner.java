package io.spindle.runtime.entrypoint;

import io.spindle.api.JobID;
import io.spindle.api.StreamEnvironment;
import io.spindle.client.DispatcherJobClient;
import io.spindle.client.program.PackagedProgram;
import io.spindle.client.program.ProgramInvocationException;
import io.spindle.client.program.ProgramPlan;
import io.spindle.configuration.Configuration;
import io.spindle.configuration.CoreOptions;
import io.spindle.deployment.PipelineExecutor;
import io.spindle.graph.JobGraph;
import io.spindle.graph.JobPlanJson;
import io.spindle.rest.RestClusterBackend;
import io.spindle.runtime.dispatcher.DispatcherGateway;
import java.util.function.Supplier;
import io.spindle.runtime.jobmanager.DispatcherRestBackend;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;

/**
 * {@code POST /jars/{id}/run}: runs a jar's main() inside the JobManager, detached, and submits
 * the job it builds with the jar as its user code. Runs one program at a time, since the
 * context environment of a main() is process-wide.
 */
final class JarProgramRunner implements DispatcherRestBackend.JarRunner, AutoCloseable {
    private final Supplier<DispatcherGateway> dispatcher;
    private final ExecutorService runner = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "jar-program-runner");
        thread.setDaemon(true);
        return thread;
    });

    /** @param dispatcher the current leader's Dispatcher (throws when this JobManager does not lead) */
    JarProgramRunner(Supplier<DispatcherGateway> dispatcher) {
        this.dispatcher = dispatcher;
    }

    @Override
    public CompletableFuture<JobID> run(Path jar, String entryClass, List<String> args, Integer parallelism, JobID jobId,
            Map<String, String> jobConfiguration, RestClusterBackend backend) {
        return CompletableFuture.supplyAsync(() -> {
            CompletableFuture<JobID> submitted = new CompletableFuture<>();
            invokeMain(jar, entryClass, args, parallelism, jobConfiguration, (jobGraph, userClassLoader) -> {
                JobGraph toSubmit = jobId != null ? jobGraph.withJobId(jobId) : jobGraph;
                JobID submittedId = backend.submitJob(toSubmit, List.of(jar)).join();
                submitted.complete(submittedId);
                return new DispatcherJobClient(dispatcher.get(), submittedId, userClassLoader);
            }, submitted::isDone);
            return submitted.join();
        }, runner);
    }

    /** As {@code spindle info}: main() ends where it would submit, as Flink's plan preview does. */
    @Override
    public CompletableFuture<String> plan(Path jar, String entryClass, List<String> args, Integer parallelism) {
        return CompletableFuture.supplyAsync(() -> {
            Configuration configuration = new Configuration();
            if (parallelism != null) {
                configuration.set(CoreOptions.DEFAULT_PARALLELISM, parallelism);
            }
            try (PackagedProgram program = new PackagedProgram(jar, entryClass, args)) {
                return JobPlanJson.of(ProgramPlan.capture(program, configuration)).toString();
            } catch (ProgramInvocationException e) {
                // The jar, its entry class or its main() is at fault: the caller's request (400).
                throw new IllegalArgumentException(e.getMessage(), e);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException("Could not close the program's class loader: " + e.getMessage(), e);
            }
        }, runner);
    }

    /**
     * Runs the program's main() with an environment whose execute() goes to {@code executor};
     * {@code jobBuilt} tells afterwards whether the program got as far as building a job.
     */
    private void invokeMain(Path jar, String entryClass, List<String> args, Integer parallelism,
            Map<String, String> jobConfiguration, PipelineExecutor executor, BooleanSupplier jobBuilt) {
        try (PackagedProgram program = new PackagedProgram(jar, entryClass, args)) {
            StreamEnvironment.setContextFactory(programConfiguration -> {
                Configuration configuration = new Configuration(programConfiguration);
                configuration.set(CoreOptions.EXECUTION_ATTACHED, false);
                if (parallelism != null) {
                    configuration.set(CoreOptions.DEFAULT_PARALLELISM, parallelism);
                }
                jobConfiguration.forEach(configuration::setString);
                return new StreamEnvironment(configuration, executor);
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
        if (!jobBuilt.getAsBoolean()) {
            throw new IllegalArgumentException("The main() of " + entryClass + " returned without building a job:"
                    + " it must call execute() or executeAsync() on its StreamEnvironment");
        }
    }

    @Override
    public void close() {
        runner.shutdownNow();
    }
}
