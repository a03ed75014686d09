package io.spindle.sandbox;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
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
 * Hadoop conf dir given with {@code --conf}.
 */
public final class SandboxClient {
    private final Configuration configuration;
    private final PrintStream out;

    SandboxClient(Configuration configuration, PrintStream out) {
        this.configuration = configuration;
        this.out = out;
    }

    public static void main(String[] args) {
        if (args.length < 3 || !args[0].equals("--conf")) {
            System.err.println("Usage: SandboxClient --conf <hadoop conf dir> put <local>... <dir> | cat <path> | wait <applicationId> [seconds]");
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
            System.exit(new SandboxClient(configuration, System.out).run(Arrays.copyOfRange(args, 2, args.length)));
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
            default -> throw new IllegalArgumentException("Unknown command '" + command[0] + "': use put, cat or wait");
        };
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
