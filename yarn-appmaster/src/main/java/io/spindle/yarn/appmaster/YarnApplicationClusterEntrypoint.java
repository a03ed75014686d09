package io.spindle.yarn.appmaster;

import io.spindle.api.JobID;
import io.spindle.api.JobStatus;
import io.spindle.api.StreamEnvironment;
import io.spindle.client.DispatcherJobClient;
import io.spindle.client.program.PackagedProgram;
import io.spindle.configuration.Configuration;
import io.spindle.deployment.ProgramArguments;
import io.spindle.deployment.YarnDeploymentConstants;
import io.spindle.graph.JobGraph;
import io.spindle.ha.HighAvailabilityOptions;
import io.spindle.runtime.entrypoint.JobManagerProcess;
import io.spindle.runtime.messages.JobResultMessage;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.hadoop.yarn.api.records.FinalApplicationStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * AM of an application cluster: runs the user's main() here, on the cluster. Every
 * {@code execute()} / {@code executeAsync()} of it becomes a job of this cluster. The cluster
 * ends when main() has returned and all its jobs have ended; if any job is cancelled, the
 * others are cancelled too and the cluster ends as KILLED.
 *
 * <p>With ZooKeeper high availability the n-th job of the application has an id derived from
 * the cluster id and n, so that when a later attempt runs main() again, each {@code execute()}
 * finds the job that the new leader recovered (from its latest checkpoint) and follows it,
 * instead of starting it a second time.
 */
public final class YarnApplicationClusterEntrypoint {
    private static final Logger LOG = LoggerFactory.getLogger(YarnApplicationClusterEntrypoint.class);

    private YarnApplicationClusterEntrypoint() {}

    public static void main(String[] args) {
        YarnClusterEntrypoint.run(new YarnClusterEntrypoint.ClusterMode() {
            @Override
            public String name() {
                return "application";
            }

            @Override
            public CompletableFuture<ClusterOutcome> run(JobManagerProcess process, Configuration configuration)
                    throws Exception {
                return new ApplicationRun(process, configuration, ContainerEnvironment.current()).start();
            }
        });
    }

    /** One run of the user's program and the jobs it submits. */
    private static final class ApplicationRun {
        private static final Duration JOB_END_GRACE = Duration.ofSeconds(5);

        private final JobManagerProcess process;
        private final Configuration configuration;
        private final ContainerEnvironment environment;
        private final Map<String, CompletableFuture<JobResultMessage>> jobs = new ConcurrentHashMap<>();
        private final AtomicInteger submissions = new AtomicInteger();
        private final CompletableFuture<ClusterOutcome> outcome = new CompletableFuture<>();

        ApplicationRun(JobManagerProcess process, Configuration configuration, ContainerEnvironment environment) {
            this.process = process;
            this.configuration = configuration;
            this.environment = environment;
        }

        CompletableFuture<ClusterOutcome> start() throws Exception {
            Path jar = UserJars.localCopy(environment.require(YarnDeploymentConstants.ENV_APPLICATION_JAR));
            String entryClass = environment.get(YarnDeploymentConstants.ENV_APPLICATION_CLASS);
            List<String> arguments = ProgramArguments.decode(environment.get(YarnDeploymentConstants.ENV_APPLICATION_ARGS));
            process.getJobManager().addJobTerminationListener(this::onJobEnded);
            Thread main = new Thread(() -> runMain(jar, entryClass, arguments), "application-main");
            main.start();
            return outcome;
        }

        private void runMain(Path jar, String entryClass, List<String> arguments) {
            try (PackagedProgram program = new PackagedProgram(jar, entryClass, arguments)) {
                StreamEnvironment.setContextFactory(programConfiguration -> {
                    Configuration merged = new Configuration(configuration);
                    merged.addAll(programConfiguration);
                    return new StreamEnvironment(merged, (jobGraph, userClassLoader) -> submit(jobGraph, jar, userClassLoader));
                });
                program.invokeMain();
                CompletableFuture.allOf(jobs.values().toArray(CompletableFuture[]::new)).join();
                if (jobs.isEmpty()) {
                    outcome.complete(new ClusterOutcome(FinalApplicationStatus.FAILED,
                            "The application's main() returned without submitting a job"));
                } else {
                    outcome.complete(new ClusterOutcome(FinalApplicationStatus.SUCCEEDED,
                            "All " + jobs.size() + " jobs of the application finished"));
                }
            } catch (Throwable t) {
                LOG.error("The application's main() failed", t);
                if (!jobs.isEmpty()) {
                    // A cancelled job makes main() fail as well (its result throws), and main() may learn of
                    // it before the listener that ends the application as KILLED has run: give it a moment.
                    awaitOutcome(JOB_END_GRACE);
                }
                // After a cancelled job the outcome is KILLED already; otherwise the program itself failed.
                outcome.complete(new ClusterOutcome(FinalApplicationStatus.FAILED, "The application's main() failed: " + t.getMessage()));
            } finally {
                StreamEnvironment.setContextFactory(null);
            }
        }

        private DispatcherJobClient submit(JobGraph jobGraph, Path jar, ClassLoader userClassLoader) throws Exception {
            JobGraph withId = jobGraph;
            int submission = submissions.getAndIncrement();
            if (HighAvailabilityOptions.isZooKeeper(configuration)) {
                withId = withId.withJobId(ApplicationJobIds.of(configuration.get(HighAvailabilityOptions.CLUSTER_ID), submission));
            }
            String jobId = withId.getJobId().toHexString();
            // Each job has its own copy of the jar, which its cleanup deletes.
            JobGraph withJar = withId.withUserJars(List.of(process.getBlobServer().put(jobId, jar)));
            jobs.put(jobId, new CompletableFuture<>());
            try {
                Optional<JobStatus> recovered = YarnClusterEntrypoint.recoveredStatus(process, jobId);
                if (recovered.isPresent()) {
                    LOG.info("Job {} of the application was recovered by this attempt ({}); following it", jobId,
                            recovered.get());
                    if (recovered.get().isGloballyTerminal()) {
                        onJobEnded(YarnClusterEntrypoint.resultOf(process, jobId));
                    }
                } else {
                    process.getDispatcher().submitJob(withJar).get(60, TimeUnit.SECONDS);
                }
            } catch (Exception e) {
                // A job that was never accepted must not hold the application open.
                jobs.remove(jobId);
                throw e;
            }
            return new DispatcherJobClient(process.getDispatcher(), withJar.getJobId(), userClassLoader);
        }

        private void awaitOutcome(Duration grace) {
            try {
                outcome.get(grace.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException | TimeoutException e) {
                // No job ended the application: main() failed on its own.
            }
        }

        /** A job of the application ended: a cancelled one ends the whole application. */
        private void onJobEnded(JobResultMessage result) {
            CompletableFuture<JobResultMessage> job = jobs.get(result.getJobId());
            if (job == null) {
                return;
            }
            job.complete(result);
            JobStatus status = JobStatus.valueOf(result.getStatus());
            if (status == JobStatus.CANCELED) {
                LOG.info("Job {} of the application was cancelled: cancelling the others and ending the application",
                        result.getJobId());
                for (Map.Entry<String, CompletableFuture<JobResultMessage>> other : jobs.entrySet()) {
                    if (!other.getValue().isDone()) {
                        process.getJobManager().currentLeadership().ifPresent(leader ->
                                leader.dispatcher().cancelJob(JobID.fromHexString(other.getKey())));
                    }
                }
                outcome.complete(ClusterOutcome.of(JobStatus.CANCELED, "A job of the application"));
            } else if (status == JobStatus.FAILED) {
                outcome.complete(ClusterOutcome.ofJob(result, "Job '" + result.getName() + "' of the application"));
            }
        }
    }
}
