package io.spindle.client.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/** The verbs of the {@code spindle} command with their options and help text. */
enum Verb {
    RUN("run", "[options] <jar> [program arguments...]",
            "Run the main() of a program packaged in a jar; its jobs go to the execution target.",
            List.of(
                    new CliOption("t", "target", "target",
                            "Execution target: remote (a running cluster, the default), local (in this process),"
                                    + " yarn-session, yarn-per-job or yarn-application (as run-application)."),
                    CliOption.JOB_MANAGER,
                    new CliOption("p", "parallelism", "N", "Default parallelism of the program's jobs (N >= 1)."),
                    new CliOption("d", "detached", null, "Return after submitting instead of waiting for the result."),
                    new CliOption("c", "class", "class", "Entry class (default: the jar manifest's Main-Class)."),
                    CliOption.FROM_SAVEPOINT, CliOption.ALLOW_NON_RESTORED_STATE, CliOption.CLAIM_MODE,
                    CliOption.DYNAMIC_PROPERTY)),
    RUN_APPLICATION("run-application", "[options] <jar> [program arguments...]",
            "Start a cluster that runs the program's main() itself (application mode), e.g. on YARN.",
            List.of(
                    new CliOption("t", "target", "target", "Deployment target, e.g. yarn-application."),
                    new CliOption("c", "class", "class", "Entry class (default: the jar manifest's Main-Class)."),
                    CliOption.FROM_SAVEPOINT, CliOption.ALLOW_NON_RESTORED_STATE, CliOption.CLAIM_MODE,
                    CliOption.DYNAMIC_PROPERTY)),
    LIST("list", "[options]", "List the cluster's running and scheduled jobs.",
            List.of(new CliOption("a", "all", null, "Also list finished, failed and cancelled jobs."),
                    new CliOption("r", "running", null, "List the running (and restarting) jobs only."),
                    new CliOption("s", "scheduled", null, "List the scheduled (created, not yet running) jobs only."),
                    CliOption.CLUSTER_TARGET, CliOption.JOB_MANAGER, CliOption.DYNAMIC_PROPERTY)),
    INFO("info", "[options] <jar> [program arguments...]",
            "Print the plan of the job the program's main() builds, as JSON, without running it"
                    + " (a job's details: status --details <jobId>).",
            List.of(new CliOption("c", "class", "class", "Entry class (default: the jar manifest's Main-Class)."),
                    new CliOption("p", "parallelism", "N", "Default parallelism of the program's job (N >= 1)."),
                    CliOption.DYNAMIC_PROPERTY)),
    STATUS("status", "[options] <jobId>", "Show a job's state in one line, or with --details its times, vertices"
            + " and subtasks.",
            List.of(new CliOption(null, "details", null, "Show the job's times, vertices, subtasks and, for a failed"
                            + " job, its root exception."),
                    CliOption.CLUSTER_TARGET, CliOption.JOB_MANAGER, CliOption.DYNAMIC_PROPERTY)),
    CANCEL("cancel", "[options] <jobId>", "Cancel a job.",
            List.of(CliOption.CLUSTER_TARGET, CliOption.JOB_MANAGER, CliOption.DYNAMIC_PROPERTY)),
    SAVEPOINT("savepoint", "[options] <jobId> [targetDirectory] | --dispose <savepointPath>",
            "Take a savepoint of a running job and print its path (the target directory defaults to"
                    + " execution.checkpointing.savepoint-dir), or delete a savepoint.",
            List.of(new CliOption("d", "detached", null, "Print the savepoint's trigger id at once instead of waiting."),
                    new CliOption(null, "dispose", "savepointPath", "Delete the savepoint at this path."),
                    CliOption.JOB_MANAGER, CliOption.DYNAMIC_PROPERTY)),
    STOP("stop", "[options] <jobId>",
            "Stop a running streaming job with a savepoint and print its path: its sources stop at the"
                    + " savepoint, so a job started from it goes on with no record lost or repeated.",
            List.of(new CliOption("p", "savepointPath", "dir", "Where the savepoint goes (default:"
                            + " execution.checkpointing.savepoint-dir)."),
                    new CliOption("d", "drain", null, "Advance event time to the end first, so that every window"
                            + " fires and every operator finishes: for a job that is not resumed."),
                    CliOption.JOB_MANAGER, CliOption.DYNAMIC_PROPERTY));

    static final CliOption RUN_TARGET = RUN.options.get(0);
    static final CliOption RUN_PARALLELISM = RUN.options.get(2);
    static final CliOption RUN_DETACHED = RUN.options.get(3);
    static final CliOption RUN_CLASS = RUN.options.get(4);
    static final CliOption SAVEPOINT_DETACHED = SAVEPOINT.options.get(0);
    static final CliOption SAVEPOINT_DISPOSE = SAVEPOINT.options.get(1);
    static final CliOption APPLICATION_TARGET = RUN_APPLICATION.options.get(0);
    static final CliOption APPLICATION_CLASS = RUN_APPLICATION.options.get(1);
    static final CliOption LIST_ALL = LIST.options.get(0);
    static final CliOption STOP_SAVEPOINT_PATH = STOP.options.get(0);
    static final CliOption STOP_DRAIN = STOP.options.get(1);
    static final CliOption LIST_RUNNING = LIST.options.get(1);
    static final CliOption LIST_SCHEDULED = LIST.options.get(2);
    static final CliOption INFO_CLASS = INFO.options.get(0);
    static final CliOption INFO_PARALLELISM = INFO.options.get(1);
    static final CliOption STATUS_DETAILS = STATUS.options.get(0);

    final String name;
    final String arguments;
    final String description;
    final List<CliOption> options;

    Verb(String name, String arguments, String description, List<CliOption> ownOptions) {
        this.name = name;
        this.arguments = arguments;
        this.description = description;
        List<CliOption> all = new ArrayList<>(ownOptions);
        all.add(CliOption.VERBOSE);
        all.add(CliOption.HELP);
        this.options = List.copyOf(all);
    }

    static Verb named(String name) {
        for (Verb verb : values()) {
            if (verb.name.equals(name)) {
                return verb;
            }
        }
        return null;
    }

    static String names() {
        StringBuilder names = new StringBuilder();
        for (Verb verb : values()) {
            names.append(names.length() == 0 ? "" : ", ").append(verb.name);
        }
        return names.toString();
    }

    void printUsage(PrintStream out) {
        out.println("Usage: spindle " + name + " " + arguments);
        out.println(description);
        out.println();
        out.println("Options:");
        for (CliOption option : options) {
            out.printf("  %-34s %s%n", option.usage(), option.description());
        }
    }

    static void printOverview(PrintStream out) {
        out.println("Usage: spindle [-v] <verb> [options] [arguments]   or: spindle --version");
        out.println();
        out.println("Verbs:");
        for (Verb verb : values()) {
            out.printf("  %-15s %s%n", verb.name, verb.description);
        }
        out.println();
        out.println("'spindle <verb> --help' shows a verb's options. -v (--verbose) before or after the verb prints the"
                + " stack trace of an error; alone, 'spindle -v' prints the version as 'spindle --version' does.");
    }
}
