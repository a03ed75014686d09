package io.spindle.graph;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Operator ids: 32 hex digits, as Flink's. Derived from the operator's position in the program
 * (its transformation id, given in the order the program creates operators), so the same program
 * gets the same ids whatever its parallelism.
 */
public final class OperatorIds {
    private OperatorIds() {}

    public static String derive(int transformationId) {
        try {
            byte[] digest = MessageDigest.getInstance("MD5")
                    .digest(("spindle-operator-" + transformationId).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is part of every Java runtime", e);
        }
    }
}
