package io.spindle.client.program;

import io.spindle.api.JobClient;
import io.spindle.api.JobExecutionResult;
import io.spindle.api.JobID;
import io.spindle.api.StreamEnvironment;
import io.spindle.configuration.Configuration;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * The environment a user's main() gets while the CLI runs it: configured from the command line,
 * it reports each submission and result on the CLI's output. In detached mode
 * ({@code execution.attached: false}) {@link #execute} returns right after submission.
 */
public final class ContextEnvironment extends StreamEnvironment {
    private final PrintStream out;
    private final List<JobID> submittedJobs;

    private ContextEnvironment(Configuration configuration, PrintStream out, List<JobID> submittedJobs) {
        super(configuration, null);
        this.out = out;
        this.submittedJobs = submittedJobs;
    }

    /**
     * Installs, for {@link StreamEnvironment#getEnvironment}, a factory of context environments
     * built from {@code base} overlaid with the program's own configuration. Call
     * {@link #uninstall()} when the program has returned.
     *
     * @return the ids of the jobs the program submits, filled as it submits them
     */
    public static List<JobID> install(Configuration base, PrintStream out) {
        List<JobID> submittedJobs = new CopyOnWriteArrayList<>();
        Function<Configuration, StreamEnvironment> factory = programConfiguration -> {
            Configuration merged = new Configuration(base);
            merged.addAll(programConfiguration);
            return new ContextEnvironment(merged, out, submittedJobs);
        };
        StreamEnvironment.setContextFactory(factory);
        return submittedJobs;
    }

    public static void uninstall() {
        StreamEnvironment.setContextFactory(null);
    }

    @Override
    public JobClient executeAsync(String jobName) throws Exception {
        JobClient client = super.executeAsync(jobName);
        submittedJobs.add(client.getJobID());
        out.println("Job has been submitted with JobID " + client.getJobID());
        return client;
    }

    @Override
    public JobExecutionResult execute(String jobName) throws Exception {
        JobExecutionResult result = super.execute(jobName);
        if (result.isDetached()) {
            return result;
        }
        out.println("Program execution finished");
        out.println("Job with JobID " + result.getJobID() + " has finished.");
        out.println("Job Runtime: " + result.getNetRuntime() + " ms");
        Map<String, Long> accumulators = result.getAllAccumulatorResults();
        if (!accumulators.isEmpty()) {
            out.println("Accumulator Results:");
            accumulators.entrySet().stream()
                    .sorted(Map.Entry.comparingByKey())
                    .forEach(entry -> out.println("- " + entry.getKey() + " (java.lang.Long): " + entry.getValue()));
        }
        return result;
    }
}
