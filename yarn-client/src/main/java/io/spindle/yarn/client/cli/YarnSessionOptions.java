package io.spindle.yarn.client.cli;

import io.spindle.configuration.ClusterOptions;
import io.spindle.ha.HighAvailabilityOptions;
import io.spindle.configuration.Configuration;
import io.spindle.configuration.MemorySize;
import io.spindle.runtime.taskexecutor.TaskExecutorOptions;
import io.spindle.yarn.client.YarnConfigOptions;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The command line of {@code yarn-session.sh}, with Apache Flink's flags:
 * {@code [-d] [-jm mem] [-tm mem] [-s slots] [-nm name] [-qu queue] [-at type] [-nl label] [-t files] [-j jar]
 * [-z namespace] [-D key=value]... [-id appId] [-q] [-h]}. A memory value without unit is in MB, as in Flink
 * ({@code -jm 1024} is {@code -jm 1024m}); {@code -t} may be repeated and each value may list several files
 * separated by ';' or ','.
 */
public record YarnSessionOptions(boolean detached, MemorySize jobManagerMemory, MemorySize taskManagerMemory,
        Integer slots, String name, String queue, String applicationType, String nodeLabel, List<String> shipFiles,
        String spindleJar, String zooKeeperNamespace, Map<String, String> dynamicProperties, String applicationId,
        boolean query, boolean help) {

    public YarnSessionOptions {
        shipFiles = List.copyOf(shipFiles);
        dynamicProperties = Collections.unmodifiableMap(new LinkedHashMap<>(dynamicProperties));
    }

    /** Parses the arguments; every problem is a {@link SessionCliUsageException} naming the argument. */
    public static YarnSessionOptions parse(String[] args) throws SessionCliUsageException {
        boolean detached = false;
        boolean help = false;
        MemorySize jobManagerMemory = null;
        MemorySize taskManagerMemory = null;
        Integer slots = null;
        String name = null;
        String queue = null;
        String applicationType = null;
        String nodeLabel = null;
        List<String> shipFiles = new ArrayList<>();
        String spindleJar = null;
        boolean query = false;
        String zooKeeperNamespace = null;
        String applicationId = null;
        Map<String, String> dynamicProperties = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.startsWith("-D") && arg.length() > 2) {
                addProperty(dynamicProperties, arg.substring(2));
                continue;
            }
            switch (arg) {
                case "-d", "--detached" -> detached = true;
                case "-h", "--help" -> help = true;
                case "-jm", "--jobManagerMemory" -> jobManagerMemory = memory(arg, value(args, ++i, arg, "memory"));
                case "-tm", "--taskManagerMemory" -> taskManagerMemory = memory(arg, value(args, ++i, arg, "memory"));
                case "-s", "--slots" -> slots = slots(value(args, ++i, arg, "slots"));
                case "-nm", "--name" -> name = value(args, ++i, arg, "name");
                case "-qu", "--queue" -> queue = value(args, ++i, arg, "queue");
                case "-at", "--applicationType" -> applicationType = nonBlank(arg, value(args, ++i, arg, "type"));
                case "-nl", "--nodeLabel" -> nodeLabel = nonBlank(arg, value(args, ++i, arg, "label"));
                case "-t", "--ship" -> shipFiles.add(nonBlank(arg, value(args, ++i, arg, "files")));
                case "-j", "--jar" -> spindleJar = nonBlank(arg, value(args, ++i, arg, "jar"));
                case "-q", "--query" -> query = true;
                case "-z", "--zookeeperNamespace" -> zooKeeperNamespace = value(args, ++i, arg, "namespace");
                case "-id", "--applicationId" -> applicationId = value(args, ++i, arg, "applicationId");
                case "-D" -> addProperty(dynamicProperties, value(args, ++i, arg, "key=value"));
                default -> throw new SessionCliUsageException((arg.startsWith("-") ? "Unknown option '" : "Unexpected argument '")
                        + arg + "'; 'yarn-session.sh -h' lists the options");
            }
        }
        return new YarnSessionOptions(detached, jobManagerMemory, taskManagerMemory, slots, name, queue, applicationType,
                nodeLabel, shipFiles, spindleJar, zooKeeperNamespace, dynamicProperties, applicationId, query, help);
    }

    /** The configuration with the {@code -D} properties, then the explicit flags, applied over it. */
    public Configuration applyTo(Configuration base) {
        Configuration configuration = new Configuration(base);
        dynamicProperties.forEach(configuration::setString);
        if (jobManagerMemory != null) {
            configuration.set(ClusterOptions.JOB_MANAGER_PROCESS_MEMORY, jobManagerMemory);
        }
        if (taskManagerMemory != null) {
            configuration.set(ClusterOptions.TASK_MANAGER_PROCESS_MEMORY, taskManagerMemory);
        }
        if (slots != null) {
            configuration.set(TaskExecutorOptions.NUM_TASK_SLOTS, slots);
        }
        if (name != null) {
            configuration.set(YarnConfigOptions.APPLICATION_NAME, name);
        }
        if (queue != null) {
            configuration.set(YarnConfigOptions.APPLICATION_QUEUE, queue);
        }
        if (applicationType != null) {
            configuration.set(YarnConfigOptions.APPLICATION_TYPE, applicationType);
        }
        if (nodeLabel != null) {
            configuration.set(YarnConfigOptions.NODE_LABEL, nodeLabel);
        }
        if (!shipFiles.isEmpty()) {
            // As Flink's -t: added to the files that yarn.ship-files already lists.
            String configured = configuration.get(YarnConfigOptions.SHIP_FILES);
            String given = String.join(";", shipFiles);
            configuration.set(YarnConfigOptions.SHIP_FILES,
                    configured == null || configured.isBlank() ? given : configured + ";" + given);
        }
        if (spindleJar != null) {
            configuration.set(YarnConfigOptions.SPINDLE_DIST_JAR, spindleJar);
        }
        if (zooKeeperNamespace != null) {
            configuration.set(HighAvailabilityOptions.CLUSTER_ID, zooKeeperNamespace);
        }
        if (applicationId != null) {
            configuration.set(YarnConfigOptions.APPLICATION_ID, applicationId);
        }
        return configuration;
    }

    public static void printUsage(PrintStream out) {
        out.println("Usage: yarn-session.sh [options]");
        out.println("Starts a Spindle session cluster on YARN, or attaches to a running one with -id.");
        out.println();
        out.println("Options:");
        out.println("  -d, --detached                    Start the session and return; it keeps running.");
        out.println("  -jm, --jobManagerMemory <memory>  Memory of the JobManager's container, e.g. 1024m or 1g (MB without unit).");
        out.println("  -tm, --taskManagerMemory <memory> Memory of a TaskManager's container, e.g. 1024m or 1g (MB without unit).");
        out.println("  -s, --slots <slots>               Slots per TaskManager.");
        out.println("  -nm, --name <name>                Name of the YARN application.");
        out.println("  -qu, --queue <queue>              YARN queue to submit to.");
        out.println("  -at, --applicationType <type>     Type YARN lists for the application (yarn.application.type).");
        out.println("  -nl, --nodeLabel <label>          Node label of the containers (yarn.application.node-label).");
        out.println("  -t, --ship <files>                Files or directories to ship into the containers' working");
        out.println("                                    directory, ';' or ',' separated; may be repeated (yarn.ship-files).");
        out.println("  -j, --jar <jar>                   The Spindle engine jar to ship instead of the installation's");
        out.println("                                    (yarn.spindle-dist-jar).");
        out.println("  -z, --zookeeperNamespace <ns>     High-availability cluster id (high-availability.cluster-id);");
        out.println("                                    by default the application id.");
        out.println("  -D <key=value>                    Set a configuration option; may be repeated.");
        out.println("  -id, --applicationId <appId>      Attach to a running session instead of starting one.");
        out.println("  -q, --query                       Print the YARN cluster's NodeManagers and free resources; start nothing.");
        out.println("  -h, --help                        Show this help.");
        out.println();
        out.println("Attached, type 'stop' (or 'quit') to shut the session down, 'help' for the commands.");
        out.println("Stop a detached session with: echo stop | yarn-session.sh -id <appId>");
    }

    private static String value(String[] args, int index, String option, String valueName) throws SessionCliUsageException {
        if (index >= args.length) {
            throw new SessionCliUsageException("Option " + option + " needs a value <" + valueName + ">");
        }
        return args[index];
    }

    private static String nonBlank(String option, String value) throws SessionCliUsageException {
        if (value.isBlank()) {
            throw new SessionCliUsageException("Option " + option + " needs a non-empty value");
        }
        return value.trim();
    }

    private static void addProperty(Map<String, String> properties, String property) throws SessionCliUsageException {
        int equals = property.indexOf('=');
        if (equals <= 0 || property.substring(0, equals).isBlank()) {
            throw new SessionCliUsageException("-D expects key=value, got '" + property + "'");
        }
        properties.put(property.substring(0, equals).trim(), property.substring(equals + 1).trim());
    }

    private static MemorySize memory(String option, String text) throws SessionCliUsageException {
        String trimmed = text.trim();
        try {
            boolean unitless = !trimmed.isEmpty() && trimmed.chars().allMatch(Character::isDigit);
            MemorySize size = MemorySize.parse(unitless ? trimmed + "m" : trimmed);
            if (size.getMebiBytes() > 0) {
                return size;
            }
        } catch (IllegalArgumentException invalid) {
            // Reported below together with sizes under 1 MB.
        }
        throw new SessionCliUsageException(option + " expects a memory size of at least 1 MB such as 1024m or 1g, got '"
                + text + "'");
    }

    private static int slots(String text) throws SessionCliUsageException {
        try {
            int value = Integer.parseInt(text.trim());
            if (value >= 1) {
                return value;
            }
        } catch (NumberFormatException invalid) {
            // Reported below together with values under 1.
        }
        throw new SessionCliUsageException("-s expects a number of slots of at least 1, got '" + text + "'");
    }
}
