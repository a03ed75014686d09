package io.spindle.client.cli;

import io.spindle.api.JobID;
import io.spindle.client.program.ContextEnvironment;
import io.spindle.client.program.PackagedProgram;
import io.spindle.client.program.PipelineOptions;
import io.spindle.rest.SpindleVersion;
import io.spindle.client.rest.JobDetails;
import io.spindle.client.rest.LeaderRestEndpointLocator;
import io.spindle.client.rest.RestClusterClient;
import io.spindle.rest.RestOptions;
import io.spindle.configuration.Configuration;
import io.spindle.configuration.GlobalConfiguration;
import io.spindle.configuration.UnknownConfigKeys;
import io.spindle.configuration.CoreOptions;
import io.spindle.runtime.checkpoint.StateRecoveryOptions;
import io.spindle.deployment.ApplicationDeployer;
import io.spindle.deployment.ClusterLocator;
import io.spindle.ha.HighAvailabilityOptions;
import io.spindle.deployment.PipelineExecutorFactory;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.TreeSet;

/**
 * The {@code spindle} command: runs user programs and inspects and cancels a cluster's jobs
 * over REST. {@link #run} returns the exit code: 0 success, 1 error, 2 wrong command line. An
 * error is reported as one line on the error stream (with the stack trace after it when
 * {@code -v} is given). Not thread-safe: {@code run} installs a process-wide context environment.
 */
public final class CliFrontend {
    public static final int SUCCESS = 0;
    public static final int ERROR = 1;
    public static final int USAGE_ERROR = 2;
    /** System property with the commit Spindle was built from, for {@code --version}. */
    static final String COMMIT_PROPERTY = "spindle.commit";

    private final Configuration baseConfiguration;
    private final PrintStream out;
    private final PrintStream err;

    /**
     * @param baseConfiguration the configuration the command-line options override (where a
     *     configuration file's settings go)
     */
    public CliFrontend(Configuration baseConfiguration, PrintStream out, PrintStream err) {
        this.baseConfiguration = new Configuration(baseConfiguration);
        this.out = out;
        this.err = err;
    }

    public static void main(String[] args) {
        Configuration base;
        try {
            base = loadClientConfiguration(System.getenv(GlobalConfiguration.ENV_CONF_DIR));
        } catch (RuntimeException e) {
            System.err.println("The configuration cannot be used: " + e.getMessage());
            System.exit(1);
            return;
        }
        int exitCode = new CliFrontend(base, System.out, System.err).run(args);
        System.out.flush();
        System.exit(exitCode);
    }

    /** {@code spindle-conf.yaml} of the conf dir when there is one (the scripts set it), else defaults. */
    static Configuration loadClientConfiguration(String confDir) {
        if (confDir == null || !java.nio.file.Files.exists(
                java.nio.file.Path.of(confDir, GlobalConfiguration.CONFIG_FILE_NAME))) {
            return new Configuration();
        }
        java.nio.file.Path file = java.nio.file.Path.of(confDir, GlobalConfiguration.CONFIG_FILE_NAME);
        Configuration configuration = GlobalConfiguration.loadConfiguration(file.getParent());
        UnknownConfigKeys.reportOnce(configuration, file.toString(), CliFrontend::warnOnStandardError);
        return configuration;
    }

    /** The CLI's log goes to standard error too, so this is the one place a user sees the warning. */
    private static void warnOnStandardError(String warning) {
        System.err.println("Warning: " + warning);
    }

    /** Runs one command line and returns its exit code; never calls System.exit. */
    public int run(String[] args) {
        boolean verbose = false;
        int verbAt = 0;
        while (verbAt < args.length && (args[verbAt].equals("-v") || args[verbAt].equals("--verbose"))) {
            verbose = true;
            verbAt++;
        }
        try {
            if (isVersionRequest(args, verbAt)) {
                printVersion();
                return SUCCESS;
            }
            if (verbAt == args.length) {
                throw new UsageException("No verb given; one of " + Verb.names() + " is needed ('spindle --help'"
                        + " shows what each does)");
            }
            String verbName = args[verbAt];
            if (verbName.equals("-h") || verbName.equals("--help")) {
                Verb.printOverview(out);
                return SUCCESS;
            }
            Verb verb = Verb.named(verbName);
            if (verb == null) {
                throw new UsageException((verbName.startsWith("-") ? "Unknown option '" : "Unknown verb '") + verbName
                        + "'; the verbs are " + Verb.names() + " ('spindle --help' shows what each does)");
            }
            CommandLine line = CommandLine.parse(verb.name, args, verbAt + 1, verb.options,
                    verb == Verb.RUN || verb == Verb.RUN_APPLICATION || verb == Verb.INFO);
            verbose |= line.has(CliOption.VERBOSE);
            if (line.has(CliOption.HELP)) {
                verb.printUsage(out);
                return SUCCESS;
            }
            return switch (verb) {
                case RUN -> runProgram(line);
                case RUN_APPLICATION -> runApplication(line);
                case LIST -> listJobs(line);
                case INFO -> {
                    PlanCommand.print(line, configuration(line), out);
                    yield SUCCESS;
                }
                case STATUS -> showJob(line);
                case CANCEL -> cancelJob(line);
                case SAVEPOINT -> savepoint(line);
                case STOP -> stop(line);
            };
        } catch (UsageException e) {
            report(e, verbose);
            return USAGE_ERROR;
        } catch (Exception | LinkageError e) {
            report(e, verbose);
            return ERROR;
        }
    }

    private int runProgram(CommandLine line) throws Exception {
        if (line.positionals().isEmpty()) {
            throw new UsageException("The run verb needs a JAR file: spindle run [options] <jar> [program arguments...]");
        }
        Configuration configuration = configuration(line);
        String target = line.value(Verb.RUN_TARGET);
        if (target != null && target.equals("local") && line.has(CliOption.JOB_MANAGER)) {
            throw new UsageException("-m addresses a running cluster and cannot be combined with -t local");
        }
        if (target == null) {
            // As Flink's CLI: without -t, jobs go to the configured cluster unless the configuration names a
            // target; with neither an address nor a target, to a located cluster (e.g. the recorded YARN session).
            if (configuration.contains(CoreOptions.EXECUTION_TARGET) && !line.has(CliOption.JOB_MANAGER)) {
                target = configuration.get(CoreOptions.EXECUTION_TARGET);
            } else {
                Optional<ClusterLocator.LocatedCluster> located = locateClusterIfNoAddress(line, configuration);
                located.ifPresent(cluster -> useAddressOf(cluster, configuration));
                target = located.map(ClusterLocator.LocatedCluster::executionTarget).orElse("remote");
            }
        }
        Optional<ApplicationDeployer> applicationDeployer = ClusterTargets.applicationDeployer(target);
        if (applicationDeployer.isPresent()) {
            // Flink 1.20's 'run -t yarn-application': the same as run-application, with run's options.
            if (line.has(CliOption.JOB_MANAGER)) {
                throw new UsageException("-m addresses a running cluster; -t " + target + " starts a new one");
            }
            setParallelism(line, configuration);
            setStateRecovery(line, configuration);
            return deployApplication(applicationDeployer.get(), target, configuration, line.value(Verb.RUN_CLASS),
                    line.positionals());
        }
        configuration.set(CoreOptions.EXECUTION_TARGET, target);
        setParallelism(line, configuration);
        if (line.has(Verb.RUN_DETACHED)) {
            configuration.set(CoreOptions.EXECUTION_ATTACHED, false);
        }
        setStateRecovery(line, configuration);
        List<String> positionals = line.positionals();
        try (PackagedProgram program = new PackagedProgram(Path.of(positionals.get(0)), line.value(Verb.RUN_CLASS),
                positionals.subList(1, positionals.size()))) {
            checkTargetExists(target, program.getUserClassLoader());
            PipelineOptions.setJars(configuration, toPaths(program.getUserJarUrls()));
            List<JobID> submitted = ContextEnvironment.install(configuration, out);
            try {
                program.invokeMain();
            } finally {
                ContextEnvironment.uninstall();
            }
            if (submitted.isEmpty()) {
                throw new IllegalStateException("The program " + program.getEntryClassName() + " did not run a job:"
                        + " its main() must call execute() on the StreamEnvironment from StreamEnvironment.getEnvironment()");
            }
        }
        return SUCCESS;
    }

    /** {@code spindle --version}, and {@code spindle -v} alone, as Flink's ({@code -v} before a verb is verbose). */
    private static boolean isVersionRequest(String[] args, int verbAt) {
        return (verbAt < args.length && args[verbAt].equals("--version"))
                || (verbAt == 1 && args.length == 1 && args[0].equals("-v"));
    }

    /** Flink's format; the commit is the one scripts/spindle read from the checkout (absent in a distribution). */
    private void printVersion() {
        String commit = System.getProperty(COMMIT_PROPERTY);
        out.println("Version: " + SpindleVersion.current()
                + (commit == null || commit.isBlank() ? "" : ", Commit ID: " + commit.trim()));
    }

    private int runApplication(CommandLine line) throws Exception {
        if (line.positionals().isEmpty()) {
            throw new UsageException("The run-application verb needs a JAR file: spindle run-application -t <target>"
                    + " [options] <jar> [program arguments...]");
        }
        Configuration configuration = configuration(line);
        String target = line.value(Verb.APPLICATION_TARGET);
        if (target == null && configuration.contains(CoreOptions.EXECUTION_TARGET)) {
            target = configuration.get(CoreOptions.EXECUTION_TARGET);
        }
        TreeSet<String> known = ClusterTargets.applicationTargets();
        if (target == null) {
            throw new UsageException("run-application needs a deployment target (-t); available targets are " + known);
        }
        Optional<ApplicationDeployer> deployer = ClusterTargets.applicationDeployer(target);
        if (deployer.isEmpty()) {
            throw new UsageException("Unknown deployment target '" + target + "' for run-application: available targets are "
                    + known + (known.isEmpty() ? " (the YARN target needs the yarn-client module on the class path)" : ""));
        }
        setStateRecovery(line, configuration);
        return deployApplication(deployer.get(), target, configuration, line.value(Verb.APPLICATION_CLASS),
                line.positionals());
    }

    private int deployApplication(ApplicationDeployer deployer, String target, Configuration configuration,
            String entryClass, List<String> positionals) throws Exception {
        configuration.set(CoreOptions.EXECUTION_TARGET, target);
        out.println(deployer.deploy(configuration, positionals.get(0), entryClass,
                List.copyOf(positionals.subList(1, positionals.size()))));
        return SUCCESS;
    }

    private int listJobs(CommandLine line) throws Exception {
        expectPositionals(line, 0, "spindle list [options]");
        RestClusterClient client = RestClusterClient.fromConfiguration(clusterConfiguration(line));
        JobReports.printList(client.listJobs(), JobReports.ListSelection.of(line.has(Verb.LIST_RUNNING),
                line.has(Verb.LIST_SCHEDULED), line.has(Verb.LIST_ALL)), out);
        return SUCCESS;
    }

    private int showJob(CommandLine line) throws Exception {
        JobID jobId = jobIdArgument(line, "status");
        RestClusterClient client = RestClusterClient.fromConfiguration(clusterConfiguration(line));
        JobDetails job = client.jobDetails(jobId);
        if (!line.has(Verb.STATUS_DETAILS)) {
            JobReports.printStatus(job, out);
        } else {
            JobReports.printDetails(job, "FAILED".equals(job.state()) ? client.jobExceptions(jobId) : null, out);
        }
        JobReports.printCheckpoints(client.latestCheckpoint(jobId), out);
        return SUCCESS;
    }

    private static void setParallelism(CommandLine line, Configuration configuration) throws UsageException {
        String parallelism = line.value(Verb.RUN_PARALLELISM);
        if (parallelism != null) {
            configuration.set(CoreOptions.DEFAULT_PARALLELISM, parsePositive(parallelism));
        }
    }

    private int cancelJob(CommandLine line) throws Exception {
        JobID jobId = jobIdArgument(line, "cancel");
        RestClusterClient client = RestClusterClient.fromConfiguration(clusterConfiguration(line));
        out.println("Cancelling job " + jobId + ".");
        client.cancel(jobId);
        out.println("Cancellation of job " + jobId + " requested.");
        return SUCCESS;
    }

    /** -s, -n and -rm of run and run-application: where the program's jobs start their state from. */
    private static void setStateRecovery(CommandLine line, Configuration configuration) throws UsageException {
        String path = line.value(CliOption.FROM_SAVEPOINT);
        if (path == null) {
            if (line.has(CliOption.ALLOW_NON_RESTORED_STATE) || line.has(CliOption.CLAIM_MODE)) {
                throw new UsageException("-n and -rm go with -s <savepointPath>, the savepoint to start from");
            }
            return;
        }
        configuration.set(StateRecoveryOptions.PATH, path);
        if (line.has(CliOption.ALLOW_NON_RESTORED_STATE)) {
            configuration.set(StateRecoveryOptions.IGNORE_UNCLAIMED_STATE, true);
        }
        String claimMode = line.value(CliOption.CLAIM_MODE);
        if (claimMode != null) {
            switch (claimMode.toLowerCase(java.util.Locale.ROOT)) {
                case "claim" -> configuration.set(StateRecoveryOptions.CLAIM_MODE, StateRecoveryOptions.ClaimMode.CLAIM);
                case "no_claim" -> configuration.set(StateRecoveryOptions.CLAIM_MODE, StateRecoveryOptions.ClaimMode.NO_CLAIM);
                default -> throw new UsageException("-rm (--claimMode) expects claim or no_claim, got '" + claimMode + "'");
            }
        }
    }

    private int savepoint(CommandLine line) throws Exception {
        String dispose = line.value(Verb.SAVEPOINT_DISPOSE);
        if (dispose != null) {
            expectPositionals(line, 0, "spindle savepoint --dispose <savepointPath>");
            RestClusterClient client = RestClusterClient.fromConfiguration(clusterConfiguration(line));
            client.disposeSavepoint(dispose);
            out.println("Savepoint '" + dispose + "' disposed.");
            return SUCCESS;
        }
        List<String> positionals = line.positionals();
        if (positionals.isEmpty() || positionals.size() > 2) {
            throw new UsageException("Usage: spindle savepoint [options] <jobId> [targetDirectory]");
        }
        JobID jobId = parseJobId(positionals.get(0));
        String target = positionals.size() == 2 ? positionals.get(1) : null;
        RestClusterClient client = RestClusterClient.fromConfiguration(clusterConfiguration(line));
        out.println("Triggering savepoint for job " + jobId + ".");
        String triggerId = client.triggerSavepoint(jobId, target);
        if (line.has(Verb.SAVEPOINT_DETACHED)) {
            out.println("Savepoint triggered with trigger id " + triggerId + "; GET /jobs/" + jobId + "/savepoints/"
                    + triggerId + " tells when it is done.");
            return SUCCESS;
        }
        out.println("Waiting for response...");
        String location = client.awaitSavepoint(jobId, triggerId);
        out.println("Savepoint completed. Path: " + location);
        out.println("You can resume your program from this savepoint with the run command.");
        return SUCCESS;
    }

    private int stop(CommandLine line) throws Exception {
        JobID jobId = jobIdArgument(line, "stop");
        RestClusterClient client = RestClusterClient.fromConfiguration(clusterConfiguration(line));
        out.println("Suspending job \"" + jobId + "\" with a savepoint" + (line.has(Verb.STOP_DRAIN) ? " (drain)." : "."));
        String triggerId = client.stopWithSavepoint(jobId, line.value(Verb.STOP_SAVEPOINT_PATH), line.has(Verb.STOP_DRAIN));
        String location = client.awaitSavepoint(jobId, triggerId);
        out.println("Savepoint completed. Path: " + location);
        return SUCCESS;
    }

    /**
     * The configuration of a command that talks to a cluster's REST endpoint: without -m and a
     * configured rest.address or rest.port, the address of a located cluster (e.g. the YARN
     * session recorded by yarn-session.sh) when there is one.
     */
    private Configuration clusterConfiguration(CommandLine line) throws Exception {
        Configuration configuration = configuration(line);
        String target = line.value(CliOption.CLUSTER_TARGET);
        if (target == null) {
            locateClusterIfNoAddress(line, configuration).ifPresent(cluster -> useAddressOf(cluster, configuration));
            return configuration;
        }
        Optional<ClusterLocator.LocatedCluster> cluster = ClusterTargets.runningCluster(target, configuration,
                line.has(CliOption.JOB_MANAGER));
        cluster.ifPresent(located -> {
            out.println(located.description());
            useAddressOf(located, configuration);
        });
        return configuration;
    }

    private static void useAddressOf(ClusterLocator.LocatedCluster cluster, Configuration configuration) {
        configuration.set(RestOptions.ADDRESS, cluster.restHost());
        configuration.set(RestOptions.PORT, cluster.restPort());
    }

    private Optional<ClusterLocator.LocatedCluster> locateClusterIfNoAddress(CommandLine line,
            Configuration configuration) throws Exception {
        if (line.has(CliOption.JOB_MANAGER) || configuration.contains(RestOptions.ADDRESS)
                || configuration.contains(RestOptions.PORT)) {
            return Optional.empty();
        }
        for (ClusterLocator locator : ServiceLoader.load(ClusterLocator.class, CliFrontend.class.getClassLoader())) {
            Optional<ClusterLocator.LocatedCluster> located = locator.locate(configuration);
            if (located.isPresent()) {
                out.println(located.get().description());
                return located;
            }
        }
        // Last, the leader of a highly available cluster: a YARN session's configuration may enable HA
        // without knowing the session's cluster id (its application id), so the session's record wins.
        Optional<ClusterLocator.LocatedCluster> leader = new LeaderRestEndpointLocator(
                configuration.get(HighAvailabilityOptions.ZOOKEEPER_CONNECTION_TIMEOUT)).locate(configuration);
        leader.ifPresent(cluster -> out.println(cluster.description()));
        return leader;
    }

    /** The base configuration overridden by -D options and the -m address; warns of -D keys no option reads. */
    private Configuration configuration(CommandLine line) throws UsageException {
        Configuration dynamic = new Configuration();
        for (String property : line.values(CliOption.DYNAMIC_PROPERTY)) {
            int equals = property.indexOf('=');
            if (equals <= 0) {
                throw new UsageException("-D expects key=value, got '" + property + "'");
            }
            dynamic.setString(property.substring(0, equals).trim(), property.substring(equals + 1).trim());
        }
        UnknownConfigKeys.reportOnce(dynamic, "-D", warning -> err.println("Warning: " + warning));
        Configuration configuration = new Configuration(baseConfiguration);
        dynamic.toMap().forEach(configuration::setString);
        String jobManager = line.value(CliOption.JOB_MANAGER);
        if (jobManager != null) {
            int colon = jobManager.lastIndexOf(':');
            if (colon <= 0 || colon == jobManager.length() - 1) {
                throw new UsageException("-m expects host:port, got '" + jobManager + "'");
            }
            String host = jobManager.substring(0, colon);
            if (host.startsWith("[") && host.endsWith("]")) {
                host = host.substring(1, host.length() - 1);
            }
            int port = parsePort(jobManager.substring(colon + 1), jobManager);
            configuration.set(RestOptions.ADDRESS, host);
            configuration.set(RestOptions.PORT, port);
        }
        return configuration;
    }

    private static void checkTargetExists(String target, ClassLoader classLoader) throws UsageException {
        TreeSet<String> known = new TreeSet<>();
        for (PipelineExecutorFactory factory : ServiceLoader.load(PipelineExecutorFactory.class, classLoader)) {
            known.add(factory.target());
        }
        known.addAll(ClusterTargets.applicationTargets());
        if (!known.contains(target)) {
            throw new UsageException("Unknown execution target '" + target + "': available targets are " + known);
        }
    }

    private static JobID jobIdArgument(CommandLine line, String verb) throws UsageException {
        expectPositionals(line, 1, "spindle " + verb + " [options] <jobId>");
        return parseJobId(line.positionals().get(0));
    }

    private static JobID parseJobId(String argument) throws UsageException {
        try {
            return JobID.fromHexString(argument);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    private static void expectPositionals(CommandLine line, int count, String usage) throws UsageException {
        List<String> given = line.positionals();
        if (given.size() < count) {
            throw new UsageException("Missing argument; usage: " + usage);
        }
        if (given.size() > count) {
            throw new UsageException("Unexpected argument '" + given.get(count) + "'; usage: " + usage);
        }
    }

    static int parsePositive(String parallelism) throws UsageException {
        try {
            int value = Integer.parseInt(parallelism.trim());
            if (value >= 1) {
                return value;
            }
        } catch (NumberFormatException e) {
            // Reported below together with values below 1.
        }
        throw new UsageException("Parallelism (-p) must be a positive integer, got '" + parallelism + "'");
    }

    private static int parsePort(String port, String address) throws UsageException {
        try {
            int value = Integer.parseInt(port);
            if (value >= 1 && value <= 65535) {
                return value;
            }
        } catch (NumberFormatException e) {
            // Reported below together with out-of-range ports.
        }
        throw new UsageException("-m expects host:port with a port between 1 and 65535, got '" + address + "'");
    }

    private static List<Path> toPaths(List<URL> urls) throws URISyntaxException {
        List<Path> paths = new ArrayList<>();
        for (URL url : urls) {
            paths.add(Path.of(url.toURI()));
        }
        return paths;
    }

    private void report(Throwable error, boolean verbose) {
        err.println(ErrorLine.describe(error));
        if (verbose) {
            error.printStackTrace(err);
        }
    }
}
