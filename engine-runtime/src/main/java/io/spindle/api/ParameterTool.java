package io.spindle.api;

import java.util.LinkedHashMap;
import java.util.Map;

/** Reads {@code --key value} and {@code --flag} program arguments, as Flink's ParameterTool does. */
public final class ParameterTool {
    private final Map<String, String> values;

    private ParameterTool(Map<String, String> values) {
        this.values = values;
    }

    /** Parses the arguments; a value that does not follow a {@code --key} is an error naming it. */
    public static ParameterTool fromArgs(String[] args) {
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("-") || arg.equals("-") || arg.equals("--")) {
                throw new IllegalArgumentException("Unexpected argument '" + arg + "': arguments are --key value or --flag");
            }
            String key = arg.startsWith("--") ? arg.substring(2) : arg.substring(1);
            boolean hasValue = i + 1 < args.length && !(args[i + 1].startsWith("-") && args[i + 1].length() > 1
                    && !Character.isDigit(args[i + 1].charAt(1)));
            values.put(key, hasValue ? args[++i] : "true");
        }
        return new ParameterTool(values);
    }

    public boolean has(String key) {
        return values.containsKey(key);
    }

    public String get(String key) {
        return values.get(key);
    }

    public String get(String key, String defaultValue) {
        return values.getOrDefault(key, defaultValue);
    }

    public int getInt(String key, int defaultValue) {
        String value = values.get(key);
        if (value == null) {
            return defaultValue;
        }
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + key + " needs a whole number, was '" + value + "'");
        }
    }

    public long getLong(String key, long defaultValue) {
        String value = values.get(key);
        if (value == null) {
            return defaultValue;
        }
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + key + " needs a whole number, was '" + value + "'");
        }
    }
}
