package io.spindle.client.cli;

/**
 * One option of a verb: {@code -short} / {@code --long} (either may be null), with a value
 * (named {@code valueName}) or a plain flag when {@code valueName} is null.
 */
record CliOption(String shortName, String longName, String valueName, String description) {
    static final CliOption HELP = new CliOption("h", "help", null, "Show the options of this verb.");
    static final CliOption VERBOSE = new CliOption("v", "verbose", null, "Print the stack trace of an error.");
    static final CliOption DYNAMIC_PROPERTY = new CliOption("D", null, "key=value",
            "Set a configuration option, e.g. -D parallelism.default=2; may be repeated.");
    static final CliOption CLUSTER_TARGET = new CliOption("t", "target", "target",
            "Where the cluster is: remote (-m or rest.address), yarn-session (the recorded session or"
                    + " -Dyarn.application.id) or yarn-application (-Dyarn.application.id); by default the first found.");
    static final CliOption JOB_MANAGER = new CliOption("m", "jobmanager", "host:port",
            "REST address of the cluster (default: rest.address:rest.port if configured, else the YARN session that"
                    + " yarn-session.sh recorded or, with high availability, the leading JobManager, else 127.0.0.1:8081).");
    static final CliOption FROM_SAVEPOINT = new CliOption("s", "fromSavepoint", "path", "Start the jobs from a savepoint"
            + " or retained checkpoint (its directory or _metadata file).");
    static final CliOption ALLOW_NON_RESTORED_STATE = new CliOption("n", "allowNonRestoredState", null, "With -s: start"
            + " even if the savepoint holds state of operators that are not in the job, dropping it.");
    static final CliOption CLAIM_MODE = new CliOption("rm", "claimMode", "mode", "With -s: no_claim (default) leaves the"
            + " savepoint's files to you; claim lets the job delete them once a newer checkpoint subsumes it.");

    boolean hasValue() {
        return valueName != null;
    }

    /** The name the option's values are stored under. */
    String key() {
        return longName != null ? longName : shortName;
    }

    String usage() {
        StringBuilder text = new StringBuilder();
        if (shortName != null) {
            text.append('-').append(shortName);
        }
        if (longName != null) {
            text.append(shortName != null ? ", --" : "--").append(longName);
        }
        if (hasValue()) {
            text.append(" <").append(valueName).append('>');
        }
        return text.toString();
    }
}
