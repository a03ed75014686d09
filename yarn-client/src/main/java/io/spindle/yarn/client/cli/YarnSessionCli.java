package io.spindle.yarn.client.cli;

import io.spindle.configuration.Configuration;
import io.spindle.configuration.GlobalConfiguration;
import io.spindle.configuration.UnknownConfigKeys;
import io.spindle.yarn.client.ClusterClientHandle;
import io.spindle.yarn.client.ClusterDeploymentException;
import io.spindle.yarn.client.ClusterSpecification;
import io.spindle.yarn.client.DeploymentProgressListener;
import io.spindle.yarn.client.YarnClusterDescriptor;
import io.spindle.yarn.client.YarnConfigOptions;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.yarn.api.records.ApplicationId;
import org.apache.hadoop.yarn.api.records.ApplicationReport;
import org.apache.hadoop.yarn.api.records.YarnApplicationState;
import org.apache.hadoop.yarn.exceptions.YarnException;

/**
 * {@code yarn-session.sh}: starts a Spindle session cluster on YARN, or attaches to a running one
 * with {@code -id}, and records it in {@code .yarn-properties-<user>} so that later
 * {@code spindle} commands use it without an address. Attached, it reads {@code stop},
 * {@code quit} and {@code help} from standard input; the end of standard input detaches and
 * leaves the session running. Ctrl-C while attached shuts down a session this run started (REST
 * stop, else YARN kill; staging directory and properties file go) and only detaches from one
 * attached with {@code -id}. {@link #run} returns the exit code: 0 success, 1 error, 2 wrong
 * command line. Not thread-safe; one run at a time.
 */
public final class YarnSessionCli {
    public static final int SUCCESS = 0;
    public static final int ERROR = 1;
    public static final int USAGE_ERROR = 2;

    private static final String END_OF_INPUT = new String("<end of input>");
    private static final long STATE_CHECK_INTERVAL_MILLIS = 1000;
    /** On Ctrl-C the user is waiting: a session that does not end this soon after the request is killed. */
    static final Duration INTERRUPT_STOP_TIMEOUT = Duration.ofSeconds(15);

    private final Configuration baseConfiguration;
    private final Map<String, String> environment;
    private final InputStream in;
    private final PrintStream out;
    private final PrintStream err;

    public YarnSessionCli(Configuration baseConfiguration, Map<String, String> environment, InputStream in,
            PrintStream out, PrintStream err) {
        this.baseConfiguration = new Configuration(baseConfiguration);
        this.environment = Map.copyOf(environment);
        this.in = in;
        this.out = out;
        this.err = err;
    }

    public static void main(String[] args) {
        Configuration base;
        try {
            String confDir = System.getenv(GlobalConfiguration.ENV_CONF_DIR);
            boolean hasFile = confDir != null && Files.exists(Path.of(confDir, GlobalConfiguration.CONFIG_FILE_NAME));
            base = hasFile ? GlobalConfiguration.loadConfiguration(Path.of(confDir)) : new Configuration();
            if (hasFile) {
                UnknownConfigKeys.reportOnce(base, Path.of(confDir, GlobalConfiguration.CONFIG_FILE_NAME).toString(),
                        warning -> System.err.println("Warning: " + warning));
            }
        } catch (RuntimeException e) {
            System.err.println("The configuration cannot be used: " + e.getMessage());
            System.exit(ERROR);
            return;
        }
        int exitCode = new YarnSessionCli(base, System.getenv(), System.in, System.out, System.err).run(args);
        System.out.flush();
        System.exit(exitCode);
    }

    /** Runs one command line and returns its exit code; never calls System.exit. */
    public int run(String[] args) {
        YarnSessionOptions options;
        try {
            options = YarnSessionOptions.parse(args);
        } catch (SessionCliUsageException e) {
            err.println(e.getMessage());
            return USAGE_ERROR;
        }
        if (options.help()) {
            YarnSessionOptions.printUsage(out);
            return SUCCESS;
        }
        try {
            Configuration configuration = options.applyTo(baseConfiguration);
            if (options.query()) {
                try (YarnClusterResources resources = YarnClusterResources.connect(
                        YarnDeploymentContext.create(configuration, environment).yarnConfiguration())) {
                    resources.print(out);
                }
                return SUCCESS;
            }
            ClusterSpecification specification = specification(configuration);
            YarnDeploymentContext context = YarnDeploymentContext.create(configuration, environment);
            Path propertiesFile = YarnSessionProperties.location(configuration);
            if (options.applicationId() != null) {
                ApplicationId applicationId = YarnSessionLocator.parseApplicationId(options.applicationId(), "-id");
                try (YarnClusterDescriptor descriptor = context.attachingDescriptor()) {
                    ClusterClientHandle session = descriptor.retrieve(applicationId);
                    out.println("Attached to the Spindle session " + applicationId + "; REST endpoint " + session.restUrl());
                    return afterStart(options, configuration, descriptor, session, propertiesFile);
                }
            }
            try (YarnClusterDescriptor descriptor = context.deployingDescriptor(List.of(),
                    DeploymentProgressListener.printingTo(out))) {
                ClusterClientHandle session = descriptor.deploySession(specification);
                out.println("Spindle session cluster started.");
                out.println("  YARN application: " + session.applicationId());
                out.println("  REST endpoint:    " + session.restUrl());
                return afterStart(options, configuration, descriptor, session, propertiesFile);
            }
        } catch (ClusterDeploymentException | SessionCliUsageException e) {
            err.println(e.getMessage());
            return e instanceof SessionCliUsageException ? USAGE_ERROR : ERROR;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("Interrupted; the session keeps running unless it was being started.");
            return ERROR;
        } catch (IOException | YarnException | RuntimeException e) {
            err.println("yarn-session.sh failed: " + e);
            return ERROR;
        }
    }

    private ClusterSpecification specification(Configuration configuration) throws SessionCliUsageException {
        try {
            return ClusterSpecification.fromConfiguration(configuration);
        } catch (IllegalArgumentException e) {
            throw new SessionCliUsageException("Invalid cluster size: " + e.getMessage());
        }
    }

    /** Records the session, then returns (detached) or serves standard input (attached). */
    private int afterStart(YarnSessionOptions options, Configuration configuration, YarnClusterDescriptor descriptor,
            ClusterClientHandle session, Path propertiesFile)
            throws ClusterDeploymentException, IOException, YarnException, InterruptedException {
        ApplicationId applicationId = session.applicationId();
        Map<String, String> recorded = new LinkedHashMap<>(options.dynamicProperties());
        String type = configuration.get(YarnConfigOptions.APPLICATION_TYPE);
        if (!type.equals(YarnConfigOptions.APPLICATION_TYPE.defaultValue())) {
            // Later commands retrieve the session by id and check its type: they need the one it runs with.
            recorded.put(YarnConfigOptions.APPLICATION_TYPE.key(), type);
        }
        try {
            YarnSessionProperties.write(propertiesFile, applicationId.toString(), recorded);
        } catch (IOException e) {
            if (options.applicationId() == null) {
                descriptor.kill(applicationId);
                throw new ClusterDeploymentException("Cannot record the session in " + propertiesFile + " (" + e.getMessage()
                        + "), so it has been stopped: set yarn.properties-file.location to a writable directory.", e);
            }
            err.println("Cannot record the session in " + propertiesFile + ": " + e.getMessage()
                    + "; pass -Dyarn.application.id=" + applicationId + " to later commands.");
        }
        out.println("Recorded in " + propertiesFile + ": 'spindle run' without -t submits to this session.");
        if (options.detached()) {
            out.println("The session runs detached. Attach to it with: yarn-session.sh -id " + applicationId);
            out.println("Stop it with: echo \"stop\" | yarn-session.sh -id " + applicationId
                    + "   or: yarn application -kill " + applicationId);
            return SUCCESS;
        }
        return interact(descriptor, session, propertiesFile, options.applicationId() == null);
    }

    /** Serves standard input until the session ends, the user stops it or detaches, or Ctrl-C. */
    private int interact(YarnClusterDescriptor descriptor, ClusterClientHandle session, Path propertiesFile,
            boolean startedHere) throws ClusterDeploymentException, IOException, YarnException, InterruptedException {
        ApplicationId applicationId = session.applicationId();
        SessionInterruptHook interruptHook = SessionInterruptHook.install(startedHere
                ? () -> {
                    out.println("Interrupted: shutting down the session " + applicationId + " that this client started.");
                    new SessionShutdown(descriptor, session, out, INTERRUPT_STOP_TIMEOUT).stop();
                    YarnSessionProperties.deleteIfRecording(propertiesFile, applicationId.toString());
                }
                : () -> out.println("Interrupted: detached from the session " + applicationId + ", which keeps running. "
                        + "Stop it with: echo \"stop\" | yarn-session.sh -id " + applicationId), err);
        try {
            return serveCommands(descriptor, session, propertiesFile, interruptHook);
        } finally {
            interruptHook.uninstall();
        }
    }

    /**
     * Each way out goes through the interrupt hook's turn, so that Ctrl-C during a 'stop' does not
     * stop twice; when the hook came first, the JVM is exiting and the loop just returns.
     */
    private int serveCommands(YarnClusterDescriptor descriptor, ClusterClientHandle session, Path propertiesFile,
            SessionInterruptHook interruptHook)
            throws ClusterDeploymentException, IOException, YarnException, InterruptedException {
        ApplicationId applicationId = session.applicationId();
        out.println("Type 'stop' (or 'quit') to shut the session down, 'help' for the commands; Ctrl-C "
                + "also shuts down a session this client started, and only detaches from one attached with -id.");
        BlockingQueue<String> lines = readLinesInBackground();
        while (true) {
            String line = lines.poll(STATE_CHECK_INTERVAL_MILLIS, TimeUnit.MILLISECONDS);
            if (line == null) {
                ApplicationReport report = session.report();
                YarnApplicationState state = report.getYarnApplicationState();
                if (state == YarnApplicationState.FINISHED || state == YarnApplicationState.FAILED
                        || state == YarnApplicationState.KILLED) {
                    boolean reported = interruptHook.handleOnce(() -> {
                        YarnSessionProperties.deleteIfRecording(propertiesFile, applicationId.toString());
                        err.println("The session " + applicationId + " has ended as " + state + " (final status "
                                + report.getFinalApplicationStatus() + "): " + report.getDiagnostics());
                    });
                    return reported ? ERROR : SUCCESS;
                }
                continue;
            }
            if (line == END_OF_INPUT) {
                interruptHook.handleOnce(() -> out.println("Standard input has ended: detaching; the session "
                        + applicationId + " keeps running. Stop it with: echo \"stop\" | yarn-session.sh -id "
                        + applicationId));
                return SUCCESS;
            }
            switch (line.trim().toLowerCase(java.util.Locale.ROOT)) {
                case "stop", "quit" -> {
                    interruptHook.handleOnce(() -> {
                        new SessionShutdown(descriptor, session, out).stop();
                        YarnSessionProperties.deleteIfRecording(propertiesFile, applicationId.toString());
                    });
                    return SUCCESS;
                }
                case "help" -> out.println("Commands: stop, quit (shut the session down and exit), help. "
                        + "End the input (Ctrl-D) to detach and leave the session running.");
                case "" -> { }
                default -> out.println("Unknown command '" + line.trim() + "': type stop, quit or help.");
            }
        }
    }

    /** Standard input is read on a daemon thread so that the session's state can be watched meanwhile. */
    private BlockingQueue<String> readLinesInBackground() {
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader input = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                for (String line = input.readLine(); line != null; line = input.readLine()) {
                    lines.add(line);
                }
            } catch (IOException e) {
                // An unreadable input ends like a closed one: the session is left running.
            }
            lines.add(END_OF_INPUT);
        }, "yarn-session-stdin");
        reader.setDaemon(true);
        reader.start();
        return lines;
    }
}
