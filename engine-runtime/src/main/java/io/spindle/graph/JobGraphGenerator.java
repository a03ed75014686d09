package io.spindle.graph;

import io.spindle.api.InvalidProgramException;
import io.spindle.api.JobID;
import io.spindle.api.functions.KeySelector;
import io.spindle.api.transformations.OneInputTransformation;
import io.spindle.api.transformations.PartitionTransformation;
import io.spindle.api.transformations.SourceTransformation;
import io.spindle.api.transformations.Transformation;
import io.spindle.api.transformations.UnionTransformation;
import io.spindle.configuration.Configuration;
import io.spindle.runtime.state.KeyGroupRangeAssignment;
import io.spindle.util.InstantiationUtil;
import java.io.IOException;
import io.spindle.api.checkpoint.CheckpointedFunction;
import io.spindle.runtime.checkpoint.CheckpointingOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Turns the transformations reachable from the sinks into a JobGraph: virtual transformations
 * (partitioning, union) become edge properties, and forward-connected operators of equal
 * parallelism are chained into one vertex.
 */
public final class JobGraphGenerator {
    /** An operator of the pipeline, before chaining. */
    private static final class Node {
        final Transformation<?> transformation;
        final int parallelism;
        final int maxParallelism;
        final List<Edge> inputs = new ArrayList<>();
        final List<Edge> outputs = new ArrayList<>();
        Node chainHead;

        Node(Transformation<?> transformation, int parallelism, int maxParallelism) {
            this.transformation = transformation;
            this.parallelism = parallelism;
            this.maxParallelism = maxParallelism;
        }
    }

    private record Edge(Node source, Node target, PartitionType type, KeySelector<?, ?> keySelector) {}

    /** A physical producer reached through virtual transformations, with the partitioning found on the way. */
    private record ResolvedInput(Transformation<?> producer, PartitionType type, KeySelector<?, ?> keySelector) {}

    private static final Logger LOG = LoggerFactory.getLogger(JobGraphGenerator.class);

    private final int defaultParallelism;
    private final int defaultMaxParallelism;
    private final TreeMap<Integer, Node> nodes = new TreeMap<>();

    private JobGraphGenerator(int defaultParallelism, int defaultMaxParallelism) {
        this.defaultParallelism = defaultParallelism;
        this.defaultMaxParallelism = defaultMaxParallelism;
    }

    public static JobGraph generate(String jobName, List<Transformation<?>> sinks, int defaultParallelism,
            int defaultMaxParallelism, Configuration configuration) {
        JobGraphGenerator generator = new JobGraphGenerator(defaultParallelism, defaultMaxParallelism);
        for (Transformation<?> sink : sinks) {
            generator.addNode(sink);
        }
        generator.chain();
        if (configuration.contains(CheckpointingOptions.INTERVAL)) {
            generator.warnAboutSourcesThatCannotReplay();
        }
        return generator.buildJobGraph(jobName, configuration);
    }

    /** A source without checkpointed positions loses what it emitted after the last checkpoint on recovery. */
    private void warnAboutSourcesThatCannotReplay() {
        for (Node node : nodes.values()) {
            if (node.transformation instanceof SourceTransformation<?> source
                    && !(source.getOperator().getUserFunction() instanceof CheckpointedFunction)) {
                LOG.warn("Checkpointing is on, but source '{}' ({}) cannot replay its input: after a failure, what it"
                        + " emitted since the last completed checkpoint is lost (at most once). Use a replayable"
                        + " source where results must be exact.", source.getName(),
                        source.getOperator().getUserFunction().getClass().getName());
            }
        }
    }

    private Node addNode(Transformation<?> transformation) {
        Node existing = nodes.get(transformation.getId());
        if (existing != null) {
            return existing;
        }
        int parallelism = transformation.getParallelism() == Transformation.DEFAULT
                ? defaultParallelism : transformation.getParallelism();
        int maxParallelism = transformation.getMaxParallelism() != Transformation.DEFAULT ? transformation.getMaxParallelism()
                : defaultMaxParallelism != Transformation.DEFAULT ? defaultMaxParallelism
                : KeyGroupRangeAssignment.computeDefaultMaxParallelism(parallelism);
        if (parallelism > maxParallelism) {
            throw new InvalidProgramException("Operator '" + transformation.getName() + "' has parallelism " + parallelism
                    + ", above its max parallelism " + maxParallelism + ". Lower the parallelism or raise setMaxParallelism(...).");
        }
        Node node = new Node(transformation, parallelism, maxParallelism);
        nodes.put(transformation.getId(), node);
        if (transformation instanceof OneInputTransformation<?, ?> oneInput) {
            for (ResolvedInput input : resolve(oneInput.getInput(), null, null)) {
                Node source = addNode(input.producer());
                PartitionType type = input.type() != null ? input.type()
                        : source.parallelism == parallelism ? PartitionType.FORWARD : PartitionType.REBALANCE;
                if (type == PartitionType.FORWARD && source.parallelism != parallelism) {
                    throw new InvalidProgramException("Forward partitioning needs equal parallelism, but '"
                            + source.transformation.getName() + "' has " + source.parallelism + " and '"
                            + transformation.getName() + "' has " + parallelism + ". Use rebalance() or set equal parallelism.");
                }
                Edge edge = new Edge(source, node, type, input.keySelector());
                source.outputs.add(edge);
                node.inputs.add(edge);
            }
        } else if (!(transformation instanceof SourceTransformation<?>)) {
            throw new IllegalStateException("unexpected physical transformation " + transformation);
        }
        return node;
    }

    /** Follows virtual transformations down to physical producers; the partitioning closest to the consumer wins. */
    private List<ResolvedInput> resolve(Transformation<?> input, PartitionType type, KeySelector<?, ?> keySelector) {
        if (input instanceof PartitionTransformation<?> partition) {
            return type != null ? resolve(partition.getInput(), type, keySelector)
                    : resolve(partition.getInput(), partition.getPartitionType(), partition.getKeySelector());
        }
        if (input instanceof UnionTransformation<?> union) {
            List<ResolvedInput> all = new ArrayList<>();
            for (Transformation<?> member : union.getInputs()) {
                all.addAll(resolve(member, type, keySelector));
            }
            return all;
        }
        return List.of(new ResolvedInput(input, type, keySelector));
    }

    /** Nodes are visited in id order, which is topological: inputs are always created first. */
    private void chain() {
        for (Node node : nodes.values()) {
            node.chainHead = isChainable(node) ? node.inputs.get(0).source().chainHead : node;
        }
    }

    private static boolean isChainable(Node node) {
        if (node.inputs.size() != 1) {
            return false;
        }
        Edge edge = node.inputs.get(0);
        return edge.type() == PartitionType.FORWARD
                && edge.source().outputs.size() == 1
                && edge.source().parallelism == node.parallelism;
    }

    /**
     * Every operator's id, in the order the program created them, so each one's inputs have
     * theirs already (see {@link OperatorIds}); refuses a uid given to two operators.
     */
    private Map<Node, String> assignOperatorIds() {
        Map<Node, String> ids = new HashMap<>();
        Map<String, String> operatorOfUid = new HashMap<>();
        int position = 0;
        for (Node node : nodes.values()) {
            String uid = node.transformation.getUid();
            if (uid != null) {
                String earlier = operatorOfUid.putIfAbsent(uid, node.transformation.getName());
                if (earlier != null) {
                    throw new InvalidProgramException("Operators '" + earlier + "' and '" + node.transformation.getName()
                            + "' have the same uid '" + uid + "': a uid names the state of one operator only");
                }
                ids.put(node, OperatorIds.fromUid(uid));
            } else {
                List<String> inputIds = new ArrayList<>();
                for (Edge input : node.inputs) {
                    inputIds.add(ids.get(input.source()));
                }
                ids.put(node, OperatorIds.fromTopology(position, inputIds));
            }
            position++;
        }
        return ids;
    }

    private JobGraph buildJobGraph(String jobName, Configuration configuration) {
        Map<Node, List<Node>> chains = new HashMap<>();
        List<Node> heads = new ArrayList<>();
        for (Node node : nodes.values()) {
            if (node.chainHead == node) {
                heads.add(node);
            }
            chains.computeIfAbsent(node.chainHead, h -> new ArrayList<>()).add(node);
        }
        Map<Node, String> operatorIdOf = assignOperatorIds();
        List<JobVertex> vertices = new ArrayList<>();
        List<JobEdge> edges = new ArrayList<>();
        for (Node head : heads) {
            List<Node> members = chains.get(head);
            List<OperatorChainSpec.ChainedOperator> operators = new ArrayList<>();
            List<String> names = new ArrayList<>();
            List<String> stateNames = new ArrayList<>();
            List<String> operatorIds = new ArrayList<>();
            for (Node member : members) {
                operatorIds.add(operatorIdOf.get(member));
                operators.add(new OperatorChainSpec.ChainedOperator(
                        member.transformation.getName(), operatorOf(member.transformation), stateKeyOf(member.transformation)));
                names.add(member.transformation.getName());
                String uid = member.transformation.getUid();
                // A savepoint names its operators so: a changed uid is then recognised in the refusal.
                stateNames.add(uid == null ? member.transformation.getName()
                        : member.transformation.getName() + ", uid '" + uid + "'");
            }
            vertices.add(new JobVertex(head.transformation.getId(), String.join(" -> ", names), head.parallelism,
                    head.maxParallelism, head.transformation instanceof SourceTransformation<?>,
                    serialize(new OperatorChainSpec(operators), head.transformation.getName()), operatorIds, stateNames));
            for (Edge input : head.inputs) {
                edges.add(new JobEdge(input.source().chainHead.transformation.getId(), head.transformation.getId(),
                        input.type(), input.keySelector() == null ? null : serialize(input.keySelector(), "keyBy")));
            }
        }
        return new JobGraph(JobID.generate(), jobName, vertices, edges, configuration, List.of());
    }

    private static io.spindle.runtime.operators.StreamOperator<?> operatorOf(Transformation<?> transformation) {
        if (transformation instanceof SourceTransformation<?> source) {
            return source.getOperator();
        }
        return ((OneInputTransformation<?, ?>) transformation).getOperator();
    }

    private static KeySelector<?, ?> stateKeyOf(Transformation<?> transformation) {
        return transformation instanceof OneInputTransformation<?, ?> oneInput ? oneInput.getStateKeySelector() : null;
    }

    private static byte[] serialize(Object userCode, String what) {
        try {
            return InstantiationUtil.serializeObject(userCode);
        } catch (IOException e) {
            throw new InvalidProgramException("Could not serialize the user code of '" + what + "': " + e, e);
        }
    }
}
