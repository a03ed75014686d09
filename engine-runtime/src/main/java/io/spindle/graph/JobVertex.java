package io.spindle.graph;

import java.util.List;

/**
 * One task of the job: a chain of operators run in one thread, with its parallelism.
 *
 * @param operatorChain Java-serialized {@link OperatorChainSpec}
 * @param operatorIds stable ids of the chain's operators, head first: checkpointed state is
 *     matched to operators by them, so they must not change when only the parallelism does
 * @param operatorNames the chain's operator names, head first, each with its uid when it has one, for messages
 *     about state (a savepoint keeps them)
 */
public record JobVertex(int id, String name, int parallelism, int maxParallelism, boolean source, byte[] operatorChain,
        List<String> operatorIds, List<String> operatorNames) {

    public JobVertex {
        operatorIds = List.copyOf(operatorIds);
        operatorNames = List.copyOf(operatorNames);
    }

    /** A vertex of a single operator whose id is derived from the vertex id, for graphs built by hand. */
    public JobVertex(int id, String name, int parallelism, int maxParallelism, boolean source, byte[] operatorChain) {
        this(id, name, parallelism, maxParallelism, source, operatorChain, List.of(OperatorIds.derive(id)), List.of(name));
    }

    /** The vertex id as Flink's REST API names vertices: 32 lower-case hex digits. */
    public String hexId() {
        return hexId(id);
    }

    public static String hexId(int vertexId) {
        return String.format("%032x", vertexId);
    }

    /** The vertex id named by {@link #hexId()}; not 32 hex digits of an int gives IllegalArgumentException. */
    public static int idFromHex(String hexId) {
        if (hexId.length() != 32 || !hexId.chars().allMatch(c -> Character.digit(c, 16) >= 0)
                || !hexId.substring(0, 24).chars().allMatch(c -> c == '0')) {
            throw new IllegalArgumentException("'" + hexId + "' is not a vertex id: expected 32 hex digits as GET"
                    + " /jobs/<jobid> lists them");
        }
        return Integer.parseUnsignedInt(hexId.substring(24), 16);
    }
}
