package io.spindle.sandbox;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.yarn.api.records.ApplicationId;
import org.apache.hadoop.yarn.api.records.ApplicationReport;
import org.apache.hadoop.yarn.api.records.FinalApplicationStatus;
import org.apache.hadoop.yarn.api.records.YarnApplicationState;
import org.apache.hadoop.yarn.client.api.YarnClient;
import org.apache.hadoop.yarn.conf.YarnConfiguration;

/**
 * The few {@code hdfs dfs} and {@code yarn application} commands a user needs around the
 * sandbox, which ships no Hadoop command line: {@code put <local>... <dir>}, {@code cat <path>}
 * (a file, or a directory's files in name order) and {@code wait <applicationId> [seconds]}
 * (until the application ends; exit 0 only when it SUCCEEDED). The cluster comes from the
 * Hadoop conf dir given with {@code --conf}, the sandbox's conf dir.
 *
 * <p>The fault controls go to the sandbox JVM ({@link SandboxControlServer}): {@code
 * restart-namenode}, {@code restart-zookeeper}, {@code expire-session <znodePath>}, {@code
 * containers [--app <applicationId>] [--role am|taskmanager|other]} and {@code signal-container
 * <containerId> KILL|STOP|CONT}. They print the sandbox's answer and exit 0, or print its error
 * to stderr and exit 1 (2 for a bad request).
 */
public final class SandboxClient {
    private static final String USAGE = "Usage: SandboxClient --conf <sandbox conf dir> put <local>... <dir> | cat <path>"
            + " | wait <applicationId> [seconds] | restart-namenode | restart-zookeeper | expire-session <znodePath>"
            + " | containers [--app <applicationId>] [--role am|taskmanager|other] | signal-container <containerId> KILL|STOP|CONT";

    private final Configuration configuration;
    private final Path addressesFile;
    private final PrintStream out;
    private final PrintStream err;

    /** A client of the sandbox whose addresses file (with the fault controls' address) is {@code addressesFile}. */
    SandboxClient(Configuration configuration, Path addressesFile, PrintStream out, PrintStream err) {
        this.configuration = configuration;
        this.addressesFile = addressesFile;
        this.out = out;
        this.err = err;
    }

    public static void main(String[] args) {
        if (args.length < 3 || !args[0].equals("--conf")) {
            System.err.println(USAGE);
            System.exit(2);
        }
        Configuration configuration = new YarnConfiguration();
        for (String site : List.of("core-site.xml", "hdfs-site.xml", "yarn-site.xml")) {
            Path file = Path.of(args[1], site);
            if (Files.exists(file)) {
                configuration.addResource(new org.apache.hadoop.fs.Path(file.toUri()));
            }
        }
        try {
            SandboxLayout layout = SandboxLayout.ofConfDir(Path.of(args[1]));
            System.exit(new SandboxClient(configuration, layout.addressesFile(), System.out, System.err)
                    .run(Arrays.copyOfRange(args, 2, args.length)));
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
        } catch (Exception e) {
            System.err.println("Failed: " + e);
            System.exit(1);
        }
    }

    int run(String[] command) throws Exception {
        return switch (command[0]) {
            case "put" -> put(Arrays.copyOfRange(command, 1, command.length));
            case "cat" -> cat(single(command, "cat <path>"));
            case "wait" -> waitFor(command);
            case "restart-namenode", "restart-zookeeper" -> control(command[0], none(command), true);
            case "expire-session" -> control(command[0], Map.of("path", single(command, "expire-session <znodePath>")), true);
            case "containers" -> control(command[0], containerFilters(command), false);
            case "signal-container" -> control(command[0], signalArguments(command), true);
            default -> throw new IllegalArgumentException("Unknown command '" + command[0] + "': use put, cat, wait, "
                    + "restart-namenode, restart-zookeeper, expire-session, containers or signal-container");
        };
    }

    /** Runs a fault control in the sandbox JVM; a change is a POST, a question a GET. */
    private int control(String name, Map<String, String> parameters, boolean changes) throws Exception {
        SandboxControlClient control = SandboxControlClient.of(addressesFile);
        SandboxControlClient.Reply reply = changes ? control.post(name, parameters) : control.get(name, parameters);
        if (reply.succeeded()) {
            out.print(reply.body());
            out.flush();
            return 0;
        }
        err.print(reply.body());
        err.flush();
        return reply.status() == 400 ? 2 : 1;
    }

    private static Map<String, String> none(String[] command) {
        if (command.length != 1) {
            throw new IllegalArgumentException("Usage: " + command[0] + " (no arguments)");
        }
        return Map.of();
    }

    private static Map<String, String> containerFilters(String[] command) {
        String usage = "Usage: containers [--app <applicationId>] [--role am|taskmanager|other]";
        Map<String, String> filters = new LinkedHashMap<>();
        for (int i = 1; i < command.length; i += 2) {
            if (i + 1 >= command.length) {
                throw new IllegalArgumentException(usage);
            }
            switch (command[i]) {
                case "--app" -> filters.put("app", command[i + 1]);
                case "--role" -> filters.put("role", command[i + 1]);
                default -> throw new IllegalArgumentException(usage);
            }
        }
        return filters;
    }

    private static Map<String, String> signalArguments(String[] command) {
        if (command.length != 3) {
            throw new IllegalArgumentException("Usage: signal-container <containerId> KILL|STOP|CONT");
        }
        return Map.of("id", command[1], "signal", command[2]);
    }

    private int put(String[] arguments) throws IOException {
        if (arguments.length < 2) {
            throw new IllegalArgumentException("put needs local files and a target directory: put <local>... <dir>");
        }
        FileSystem fileSystem = FileSystem.get(configuration);
        org.apache.hadoop.fs.Path directory = new org.apache.hadoop.fs.Path(arguments[arguments.length - 1]);
        fileSystem.mkdirs(directory);
        for (String local : Arrays.copyOf(arguments, arguments.length - 1)) {
            Path file = Path.of(local).toAbsolutePath();
            if (!Files.exists(file)) {
                throw new IllegalArgumentException("No such local file: " + file);
            }
            fileSystem.copyFromLocalFile(false, true, new org.apache.hadoop.fs.Path(file.toUri()),
                    new org.apache.hadoop.fs.Path(directory, file.getFileName().toString()));
        }
        out.println(fileSystem.makeQualified(directory));
        return 0;
    }

    private int cat(String path) throws IOException {
        FileSystem fileSystem = FileSystem.get(configuration);
        FileStatus[] files = fileSystem.listStatus(new org.apache.hadoop.fs.Path(path));
        Arrays.sort(files, Comparator.comparing(status -> status.getPath().getName()));
        for (FileStatus file : files) {
            if (file.isFile()) {
                try (InputStream in = fileSystem.open(file.getPath())) {
                    in.transferTo(out);
                }
            }
        }
        out.flush();
        return 0;
    }

    private int waitFor(String[] command) throws Exception {
        if (command.length < 2 || command.length > 3) {
            throw new IllegalArgumentException("wait needs an application id: wait <applicationId> [seconds]");
        }
        ApplicationId applicationId = ApplicationId.fromString(command[1]);
        Duration timeout = Duration.ofSeconds(command.length == 3 ? Long.parseLong(command[2]) : 300);
        try (YarnClient yarn = YarnClient.createYarnClient()) {
            yarn.init(configuration);
            yarn.start();
            long deadline = System.nanoTime() + timeout.toNanos();
            ApplicationReport report = yarn.getApplicationReport(applicationId);
            while (!ended(report.getYarnApplicationState())) {
                if (System.nanoTime() > deadline) {
                    out.println(applicationId + " is still " + report.getYarnApplicationState() + " after " + timeout.toSeconds() + " s");
                    return 1;
                }
                Thread.sleep(200);
                report = yarn.getApplicationReport(applicationId);
            }
            out.println(applicationId + " ended " + report.getFinalApplicationStatus()
                    + (report.getDiagnostics().isBlank() ? "" : ": " + report.getDiagnostics()));
            return report.getFinalApplicationStatus() == FinalApplicationStatus.SUCCEEDED ? 0 : 1;
        }
    }

    private static boolean ended(YarnApplicationState state) {
        return state == YarnApplicationState.FINISHED || state == YarnApplicationState.FAILED
                || state == YarnApplicationState.KILLED;
    }

    private static String single(String[] command, String usage) {
        if (command.length != 2) {
            throw new IllegalArgumentException("Usage: " + usage);
        }
        return command[1];
    }
}
