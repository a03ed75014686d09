package io.spindle.deployment;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;

/**
 * An application cluster's program arguments in one environment variable of its ApplicationMaster
 * ({@link YarnDeploymentConstants#ENV_APPLICATION_ARGS}), as a JSON array: arguments may hold
 * newlines or be empty, which a line per argument would lose. Stateless.
 */
public final class ProgramArguments {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {};

    private ProgramArguments() {}

    public static String encode(List<String> arguments) {
        try {
            return JSON.writeValueAsString(arguments);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot encode program arguments " + arguments, e);
        }
    }

    /** The arguments {@link #encode} was given; none for an absent or empty variable. */
    public static List<String> decode(String encoded) {
        if (encoded == null || encoded.isEmpty()) {
            return List.of();
        }
        try {
            return List.copyOf(JSON.readValue(encoded, STRINGS));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("The program arguments in the environment are not a JSON array of strings: "
                    + encoded, e);
        }
    }
}
