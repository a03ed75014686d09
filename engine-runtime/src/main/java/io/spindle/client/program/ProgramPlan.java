package io.spindle.client.program;

import io.spindle.api.StreamEnvironment;
import io.spindle.configuration.Configuration;
import io.spindle.configuration.CoreOptions;
import io.spindle.graph.JobGraph;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The job graph a program's main() builds, captured where it would be submitted, as Flink's plan
 * preview ({@code flink info}, {@code POST /jars/:jarid/plan}) does: main() ends at its first
 * {@code execute()}, nothing is submitted. Not thread-safe: it installs the process-wide
 * context environment for the duration of main().
 */
public final class ProgramPlan {
    private ProgramPlan() {}

    /**
     * @param configuration what the program's environment starts from (e.g. {@code parallelism.default})
     * @throws ProgramInvocationException when main() fails before it builds a job, or returns without one
     */
    public static JobGraph capture(PackagedProgram program, Configuration configuration)
            throws ProgramInvocationException {
        AtomicReference<JobGraph> built = new AtomicReference<>();
        StreamEnvironment.setContextFactory(programConfiguration -> {
            Configuration merged = new Configuration(configuration);
            merged.addAll(programConfiguration);
            merged.set(CoreOptions.EXECUTION_ATTACHED, false);
            return new StreamEnvironment(merged, (jobGraph, userClassLoader) -> {
                built.set(jobGraph);
                throw new PlanCaptured();
            });
        });
        try {
            program.invokeMain();
        } catch (ProgramInvocationException e) {
            // PlanCaptured ends main() by design; any other failure before a job was built is the program's.
            if (built.get() == null) {
                throw e;
            }
        } finally {
            StreamEnvironment.setContextFactory(null);
        }
        if (built.get() == null) {
            throw new ProgramInvocationException("The main() of " + program.getEntryClassName() + " returned without"
                    + " building a job: it must call execute() or executeAsync() on its StreamEnvironment");
        }
        return built.get();
    }

    /** Thrown through the program's execute() once its job graph is captured. */
    private static final class PlanCaptured extends RuntimeException {
        PlanCaptured() {
            super("the plan of the job was captured; it is not submitted", null, false, false);
        }
    }
}
