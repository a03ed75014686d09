package io.spindle.client.cli;

import io.spindle.api.JobID;
import io.spindle.client.program.PackagedProgram;
import io.spindle.client.program.ProgramPlan;
import io.spindle.configuration.Configuration;
import io.spindle.configuration.CoreOptions;
import io.spindle.graph.JobPlanJson;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code spindle info <jar> [args]}, as Flink's {@code flink info}: runs the program's main() up to
 * its first {@code execute()} and prints the job's plan in the JSON of the REST API's plan routes
 * (the {@code plan} of {@code GET /jobs/:jobid/plan} and {@code POST /jars/:jarid/plan}).
 */
final class PlanCommand {
    private PlanCommand() {}

    /** @param configuration the command line's configuration, which the program's environment starts from */
    static void print(CommandLine line, Configuration configuration, PrintStream out) throws Exception {
        List<String> positionals = line.positionals();
        if (positionals.isEmpty()) {
            throw new UsageException("The info verb needs a JAR file: spindle info [options] <jar> [program arguments...]");
        }
        String jar = positionals.get(0);
        if (looksLikeJobId(jar) && !Files.exists(Path.of(jar))) {
            // Before Flink's meaning, 'info' showed a job: say where that went.
            throw new UsageException("'" + jar + "' is a job id, but info prints the plan of a program's jar, as Flink's"
                    + " does; for the job's details use: spindle status --details " + jar);
        }
        String parallelism = line.value(Verb.INFO_PARALLELISM);
        if (parallelism != null) {
            configuration.set(CoreOptions.DEFAULT_PARALLELISM, CliFrontend.parsePositive(parallelism));
        }
        try (PackagedProgram program = new PackagedProgram(Path.of(jar), line.value(Verb.INFO_CLASS),
                positionals.subList(1, positionals.size()))) {
            out.println(JobPlanJson.of(ProgramPlan.capture(program, configuration)).toPrettyString());
        }
    }

    private static boolean looksLikeJobId(String argument) {
        try {
            JobID.fromHexString(argument);
            return true;
        } catch (IllegalArgumentException notAJobId) {
            return false;
        }
    }
}
