package io.spindle.graph;

import java.util.List;

/**
 * One task of the job: a chain of operators run in one thread, with its parallelism.
 *
 * @param operatorChain Java-serialized {@link OperatorChainSpec}
 * @param operatorIds stable ids of the chain's operators, head first: checkpointed state is
 *     matched to operators by them, so they must not change when only the parallelism does
 * @param operatorNames the chain's operator names, head first, for messages about state
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
}
