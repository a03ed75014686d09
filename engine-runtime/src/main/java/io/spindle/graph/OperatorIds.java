package io.spindle.graph;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * Operator ids: 32 hex digits, as Flink's. Savepoints and checkpoints match state to operators
 * by them, so they must not change between two runs of the same program: an operator's id is
 * derived from its {@code uid(...)} when it has one, otherwise from the topology (its position
 * among the job's operators in the order the program creates them, and its inputs' ids), never
 * from its parallelism.
 */
public final class OperatorIds {
    private OperatorIds() {}

    /** The id of an operator the user named with {@code uid(...)}. */
    public static String fromUid(String uid) {
        return md5("spindle-uid-" + uid);
    }

    /** The id of an operator without uid: its position in the program and the ids of its inputs. */
    public static String fromTopology(int position, List<String> inputIds) {
        return md5("spindle-operator-" + position + "<-" + String.join(",", inputIds));
    }

    /** An id for a vertex of a graph built by hand (tests, tools), from its vertex id. */
    public static String derive(int vertexId) {
        return fromTopology(vertexId, List.of());
    }

    private static String md5(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is part of every Java runtime", e);
        }
    }
}
