package io.spindle.client.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The options and positional arguments of one verb. Options come before the positional
 * arguments; for {@code run}, everything after the jar belongs to the user's program, so its
 * own flags are not mistaken for the CLI's. {@code --} ends the options.
 */
final class CommandLine {
    private final Map<String, List<String>> values = new LinkedHashMap<>();
    private final List<String> positionals = new ArrayList<>();

    private CommandLine() {}

    /**
     * @param stopAtFirstPositional whether the first positional argument ends option parsing
     */
    static CommandLine parse(String verb, String[] args, int start, List<CliOption> options,
            boolean stopAtFirstPositional) throws UsageException {
        CommandLine line = new CommandLine();
        boolean optionsEnded = false;
        for (int i = start; i < args.length; i++) {
            String arg = args[i];
            if (optionsEnded || !arg.startsWith("-") || arg.equals("-")) {
                line.positionals.add(arg);
                optionsEnded |= stopAtFirstPositional;
                continue;
            }
            if (arg.equals("--")) {
                optionsEnded = true;
                continue;
            }
            String name;
            String inlineValue = null;
            CliOption option;
            if (arg.startsWith("--")) {
                int equals = arg.indexOf('=');
                name = equals < 0 ? arg.substring(2) : arg.substring(2, equals);
                inlineValue = equals < 0 ? null : arg.substring(equals + 1);
                option = find(options, name, true);
            } else if (arg.startsWith("-D") && arg.length() > 2) {
                name = "D";
                inlineValue = arg.substring(2);
                option = find(options, name, false);
            } else {
                name = arg.substring(1);
                option = find(options, name, false);
            }
            if (option == null) {
                throw new UsageException("Unknown option '" + arg + "' for '" + verb + "'; 'spindle " + verb
                        + " --help' lists its options");
            }
            String value = null;
            if (option.hasValue()) {
                if (inlineValue != null) {
                    value = inlineValue;
                } else if (i + 1 < args.length) {
                    value = args[++i];
                } else {
                    throw new UsageException("Option " + arg + " of '" + verb + "' needs a value <"
                            + option.valueName() + ">");
                }
            } else if (inlineValue != null) {
                throw new UsageException("Option --" + name + " of '" + verb + "' takes no value");
            }
            line.values.computeIfAbsent(option.key(), key -> new ArrayList<>()).add(value);
        }
        return line;
    }

    boolean has(CliOption option) {
        return values.containsKey(option.key());
    }

    /** The last value given for the option, or null. */
    String value(CliOption option) {
        List<String> given = values.get(option.key());
        return given == null ? null : given.get(given.size() - 1);
    }

    List<String> values(CliOption option) {
        return values.getOrDefault(option.key(), List.of());
    }

    List<String> positionals() {
        return positionals;
    }

    private static CliOption find(List<CliOption> options, String name, boolean longForm) {
        for (CliOption option : options) {
            if (name.equals(longForm ? option.longName() : option.shortName())) {
                return option;
            }
        }
        return null;
    }
}
