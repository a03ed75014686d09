package io.spindle.sandbox;

import java.nio.file.Path;

/**
 * Command line of {@link LocalHadoopSandbox#main}.
 *
 * @param home sandbox directory
 * @param resources size of the YARN cluster
 */
record SandboxArguments(Path home, LocalHadoopSandbox.Resources resources) {

    static final String USAGE = "Usage: LocalHadoopSandbox [--dir <sandbox dir>] [--node-managers N] "
            + "[--nm-memory-mb MB] [--nm-vcores N]";

    static SandboxArguments parse(String[] args) {
        Path home = Path.of("build", "local-hadoop");
        LocalHadoopSandbox.Resources defaults = LocalHadoopSandbox.Resources.DEFAULT;
        int nodeManagers = defaults.nodeManagers();
        int memoryMb = defaults.memoryMbPerNode();
        int vcores = defaults.vcoresPerNode();
        for (int i = 0; i < args.length; i += 2) {
            String option = args[i];
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("Option " + option + " needs a value");
            }
            String value = args[i + 1];
            switch (option) {
                case "--dir" -> home = Path.of(value);
                case "--node-managers" -> nodeManagers = parseInt(option, value);
                case "--nm-memory-mb" -> memoryMb = parseInt(option, value);
                case "--nm-vcores" -> vcores = parseInt(option, value);
                default -> throw new IllegalArgumentException("Unknown option " + option);
            }
        }
        return new SandboxArguments(home, new LocalHadoopSandbox.Resources(nodeManagers, memoryMb, vcores));
    }

    private static int parseInt(String option, String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Option " + option + " needs a whole number, got '" + value + "'");
        }
    }
}
