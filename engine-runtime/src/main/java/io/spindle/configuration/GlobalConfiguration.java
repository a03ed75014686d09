package io.spindle.configuration;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Loads a process's configuration from {@code <confDir>/spindle-conf.yaml} plus the
 * {@code -Dkey=value} properties of its command line, which override the file.
 *
 * <p>The file holds {@code key: value} lines as in Flink ({@code taskmanager.numberOfTaskSlots: 2});
 * nested maps are accepted and flattened by joining keys with '.', lists become their elements
 * joined with ';'. All values are kept as the text written in the file; they are parsed and checked
 * when read through a {@link ConfigOption} (see {@link ConfigurationValidator} to check all at once).
 * Stateless; safe to call from any thread.
 */
public final class GlobalConfiguration {
    /** Name of the configuration file inside the configuration directory. */
    public static final String CONFIG_FILE_NAME = "spindle-conf.yaml";
    /** Environment variable naming the configuration directory, set by the scripts. */
    public static final String ENV_CONF_DIR = "SPINDLE_CONF_DIR";

    private static final Logger LOG = LoggerFactory.getLogger(GlobalConfiguration.class);
    private static final YAMLFactory YAML = new YAMLFactory();

    private GlobalConfiguration() {}

    /**
     * Reads {@code <confDir>/spindle-conf.yaml} and applies {@code dynamicProperties} on top.
     *
     * @throws IllegalConfigurationException when the file is missing or is not valid YAML of
     *     {@code key: value} entries; the message names the file and, for syntax errors, the line
     */
    public static Configuration loadConfiguration(Path confDir, Map<String, String> dynamicProperties) {
        Path file = confDir.resolve(CONFIG_FILE_NAME);
        Configuration configuration = Configuration.fromMap(readYamlFile(file));
        dynamicProperties.forEach(configuration::setString);
        return configuration;
    }

    /** Reads {@code <confDir>/spindle-conf.yaml} without command-line overrides. */
    public static Configuration loadConfiguration(Path confDir) {
        return loadConfiguration(confDir, Map.of());
    }

    /**
     * Parses {@code -Dkey=value} and {@code -D key=value} arguments into a map in argument order
     * (a key given twice keeps the last value).
     *
     * @throws IllegalConfigurationException for any other argument, a {@code -D} without a
     *     following argument, or a property without '=' or with an empty key
     */
    public static Map<String, String> parseDynamicProperties(List<String> args) {
        Map<String, String> properties = new LinkedHashMap<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            String property;
            if (arg.equals("-D")) {
                if (i + 1 == args.size()) {
                    throw new IllegalConfigurationException(
                            "'-D' at the end of the arguments has no property: write -D key=value");
                }
                property = args.get(++i);
            } else if (arg.startsWith("-D")) {
                property = arg.substring(2);
            } else {
                throw new IllegalConfigurationException("Unexpected argument '" + arg
                        + "': expected dynamic properties in the form -Dkey=value or -D key=value");
            }
            int equals = property.indexOf('=');
            if (equals < 0) {
                throw new IllegalConfigurationException("Dynamic property '" + property
                        + "' has no value: write -D" + property + "=<value>");
            }
            String key = property.substring(0, equals).trim();
            if (key.isEmpty()) {
                throw new IllegalConfigurationException(
                        "Dynamic property '" + property + "' has no key: write -Dkey=value");
            }
            properties.put(key, property.substring(equals + 1).trim());
        }
        return properties;
    }

    /** Reads and flattens one YAML configuration file; see the class comment for the rules. */
    static Map<String, String> readYamlFile(Path file) {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return new YamlFlattener(file, YAML.createParser(reader)).flatten();
        } catch (NoSuchFileException e) {
            throw new IllegalConfigurationException("Configuration file " + file.toAbsolutePath()
                    + " does not exist. Point --configDir or the environment variable " + ENV_CONF_DIR
                    + " at a directory that holds " + CONFIG_FILE_NAME + ".");
        } catch (JsonProcessingException e) {
            throw new IllegalConfigurationException("Malformed YAML in configuration file "
                    + file.toAbsolutePath() + describeSyntaxError(e) + ". Entries are 'key: value' lines.");
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read configuration file " + file.toAbsolutePath(), e);
        }
    }

    /**
     * Where and what the syntax error is. SnakeYAML's "problem" mark points at the offending
     * text; Jackson's own location often points at the start of the enclosing construct instead.
     */
    private static String describeSyntaxError(JsonProcessingException e) {
        if (e.getCause() instanceof MarkedYAMLException marked && marked.getProblemMark() != null) {
            String what = marked.getProblem() == null ? "syntax error" : marked.getProblem().trim();
            String context = marked.getContext() == null ? "" : " (" + marked.getContext().trim() + ")";
            return " at line " + (marked.getProblemMark().getLine() + 1) + ", column "
                    + (marked.getProblemMark().getColumn() + 1) + ": " + what + context;
        }
        JsonLocation location = e.getLocation();
        String where = location == null || location.getLineNr() < 1 ? ""
                : " at line " + location.getLineNr() + ", column " + location.getColumnNr();
        String message = e.getOriginalMessage() == null ? "syntax error" : e.getOriginalMessage();
        int newline = message.indexOf('\n');
        return where + ": " + (newline < 0 ? message : message.substring(0, newline)).trim();
    }

    /** Walks the YAML token stream, so values keep their exact text (e.g. "1.50", "007"). */
    private static final class YamlFlattener {
        private final Path file;
        private final JsonParser parser;
        private final Map<String, String> values = new LinkedHashMap<>();
        /** Line where each key was defined, to report a key that is defined twice. */
        private final Map<String, Integer> definedAtLine = new HashMap<>();

        YamlFlattener(Path file, JsonParser parser) {
            this.file = file;
            this.parser = parser;
        }

        Map<String, String> flatten() throws IOException {
            JsonToken token = parser.nextToken();
            if (token == null) {
                return values;
            }
            if (token != JsonToken.START_OBJECT) {
                throw error("the file must hold 'key: value' entries, found " + describe(token));
            }
            readMap("");
            if (parser.nextToken() != null) {
                throw error("the file holds more than one YAML document; keep a single one");
            }
            return values;
        }

        /** Reads map entries up to the END_OBJECT that closes the map whose START_OBJECT was just read. */
        private void readMap(String prefix) throws IOException {
            for (JsonToken token = parser.nextToken(); token != JsonToken.END_OBJECT; token = parser.nextToken()) {
                String key = prefix + parser.getCurrentName().trim();
                int line = parser.getTokenLocation().getLineNr();
                JsonToken value = parser.nextToken();
                rejectAlias(key);
                if (value == JsonToken.START_OBJECT) {
                    readMap(key + '.');
                } else if (value == JsonToken.START_ARRAY) {
                    define(key, readList(key), line);
                } else if (value == JsonToken.VALUE_NULL) {
                    LOG.warn("Ignoring key '{}' without a value in {} (line {})", key, file, line);
                } else {
                    define(key, parser.getText().trim(), line);
                }
            }
        }

        private String readList(String key) throws IOException {
            StringBuilder joined = new StringBuilder();
            for (JsonToken token = parser.nextToken(); token != JsonToken.END_ARRAY; token = parser.nextToken()) {
                rejectAlias(key);
                if (token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) {
                    throw error("the list of key '" + key + "' may only hold plain values, found " + describe(token));
                }
                if (joined.length() > 0) {
                    joined.append(';');
                }
                joined.append(token == JsonToken.VALUE_NULL ? "" : parser.getText().trim());
            }
            return joined.toString();
        }

        /** The streaming parser would return an alias's name instead of the anchored value. */
        private void rejectAlias(String key) {
            if (parser instanceof YAMLParser yaml && yaml.isCurrentAlias()) {
                throw error("the value of key '" + key + "' is a YAML alias (*name), which is not supported;"
                        + " write the value itself");
            }
        }

        private void define(String key, String value, int line) {
            Integer earlier = definedAtLine.putIfAbsent(key, line);
            if (earlier != null) {
                throw new IllegalConfigurationException("Configuration file " + file.toAbsolutePath() + " defines key '"
                        + key + "' twice, at line " + earlier + " and at line " + line + "; keep one.");
            }
            values.put(key, value);
        }

        private IllegalConfigurationException error(String what) {
            return new IllegalConfigurationException("Malformed configuration file " + file.toAbsolutePath()
                    + " at line " + parser.getTokenLocation().getLineNr() + ": " + what + ".");
        }

        private static String describe(JsonToken token) {
            return switch (token) {
                case START_ARRAY -> "a list";
                case START_OBJECT -> "a map";
                default -> "a plain value";
            };
        }
    }
}
