package io.spindle.graph;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.spindle.api.RuntimeExecutionMode;
import io.spindle.configuration.CoreOptions;
import java.util.List;

/**
 * A job graph's dataflow plan in the JSON shape of Flink's plans ({@code GET /jobs/:jobid/plan},
 * the {@code plan} of {@code GET /jobs/:jobid}, {@code POST /jars/:jarid/plan}), which Flink's web
 * dashboard draws: one node per vertex, each naming its inputs with their partitioning.
 */
public final class JobPlanJson {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private JobPlanJson() {}

    public static ObjectNode of(JobGraph jobGraph) {
        ObjectNode plan = MAPPER.createObjectNode()
                .put("jid", jobGraph.getJobId().toHexString())
                .put("name", jobGraph.getName())
                .put("type", jobType(jobGraph));
        ArrayNode nodes = plan.putArray("nodes");
        for (JobVertex vertex : jobGraph.getVertices()) {
            ObjectNode node = nodes.addObject()
                    .put("id", vertex.hexId())
                    .put("parallelism", vertex.parallelism())
                    .put("operator", "")
                    .put("operator_strategy", "")
                    .put("description", vertex.name());
            List<JobEdge> inputs = jobGraph.getInputs(vertex.id());
            if (!inputs.isEmpty()) {
                ArrayNode inputNodes = node.putArray("inputs");
                for (int i = 0; i < inputs.size(); i++) {
                    JobEdge edge = inputs.get(i);
                    inputNodes.addObject()
                            .put("num", i)
                            .put("id", JobVertex.hexId(edge.sourceVertexId()))
                            .put("ship_strategy", edge.partitionType().name())
                            .put("exchange", "pipelined_bounded");
                }
            }
            node.putObject("optimizer_properties");
        }
        return plan;
    }

    /** Flink's job type, BATCH or STREAMING, from the job's configured runtime mode. */
    public static String jobType(JobGraph jobGraph) {
        return jobGraph.getConfiguration().get(CoreOptions.RUNTIME_MODE) == RuntimeExecutionMode.BATCH ? "BATCH"
                : "STREAMING";
    }
}
