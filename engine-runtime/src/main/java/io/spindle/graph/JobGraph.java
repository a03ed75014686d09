package io.spindle.graph;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.spindle.api.JobID;
import io.spindle.configuration.Configuration;
import io.spindle.graph.proto.JobEdgeProto;
import io.spindle.graph.proto.JobGraphProto;
import io.spindle.graph.proto.JobVertexProto;
import io.spindle.graph.proto.PartitionTypeProto;
import java.util.ArrayList;
import java.util.List;

/**
 * What a client submits: the job's tasks (vertices, in topological order), the edges between
 * them, the job's configuration and the user jars. Serializes to bytes and back.
 */
public final class JobGraph {
    private final JobID jobId;
    private final String name;
    private final List<JobVertex> vertices;
    private final List<JobEdge> edges;
    private final Configuration configuration;
    private final List<String> userJars;

    public JobGraph(JobID jobId, String name, List<JobVertex> vertices, List<JobEdge> edges,
            Configuration configuration, List<String> userJars) {
        this.jobId = jobId;
        this.name = name;
        this.vertices = List.copyOf(vertices);
        this.edges = List.copyOf(edges);
        this.configuration = new Configuration(configuration);
        this.userJars = List.copyOf(userJars);
    }

    public JobID getJobId() {
        return jobId;
    }

    public String getName() {
        return name;
    }

    public List<JobVertex> getVertices() {
        return vertices;
    }

    public List<JobEdge> getEdges() {
        return edges;
    }

    public Configuration getConfiguration() {
        return configuration;
    }

    public List<String> getUserJars() {
        return userJars;
    }

    public JobVertex getVertex(int vertexId) {
        for (JobVertex vertex : vertices) {
            if (vertex.id() == vertexId) {
                return vertex;
            }
        }
        throw new IllegalArgumentException("no vertex " + vertexId + " in job " + jobId);
    }

    /** Edges into the vertex, in the order its input channels are numbered. */
    public List<JobEdge> getInputs(int vertexId) {
        List<JobEdge> result = new ArrayList<>();
        for (JobEdge edge : edges) {
            if (edge.targetVertexId() == vertexId) {
                result.add(edge);
            }
        }
        return result;
    }

    /** Edges out of the vertex; the index in this list is the producer's output number. */
    public List<JobEdge> getOutputs(int vertexId) {
        List<JobEdge> result = new ArrayList<>();
        for (JobEdge edge : edges) {
            if (edge.sourceVertexId() == vertexId) {
                result.add(edge);
            }
        }
        return result;
    }

    /** Copy with other user jars (the client adds them when it ships the job). */
    public JobGraph withUserJars(List<String> jars) {
        return new JobGraph(jobId, name, vertices, edges, configuration, jars);
    }

    /** Copy under another job id (a client may choose the id, as Flink's {@code jobId} of a jar run). */
    public JobGraph withJobId(JobID otherJobId) {
        return new JobGraph(otherJobId, name, vertices, edges, configuration, userJars);
    }

    public int getMaximumParallelism() {
        int max = 1;
        for (JobVertex vertex : vertices) {
            max = Math.max(max, vertex.parallelism());
        }
        return max;
    }

    public byte[] toBytes() {
        JobGraphProto.Builder builder = JobGraphProto.newBuilder()
                .setJobId(jobId.toHexString())
                .setName(name)
                .putAllConfiguration(configuration.toMap())
                .addAllUserJars(userJars);
        for (JobVertex vertex : vertices) {
            builder.addVertices(JobVertexProto.newBuilder()
                    .setId(vertex.id())
                    .setName(vertex.name())
                    .setParallelism(vertex.parallelism())
                    .setMaxParallelism(vertex.maxParallelism())
                    .setSource(vertex.source())
                    .setOperatorChain(ByteString.copyFrom(vertex.operatorChain()))
                    .addAllOperatorIds(vertex.operatorIds())
                    .addAllOperatorNames(vertex.operatorNames()));
        }
        for (JobEdge edge : edges) {
            JobEdgeProto.Builder edgeBuilder = JobEdgeProto.newBuilder()
                    .setSourceVertex(edge.sourceVertexId())
                    .setTargetVertex(edge.targetVertexId())
                    .setPartitionType(PartitionTypeProto.forNumber(edge.partitionType().ordinal()));
            if (edge.keySelector() != null) {
                edgeBuilder.setKeySelector(ByteString.copyFrom(edge.keySelector()));
            }
            builder.addEdges(edgeBuilder);
        }
        return builder.build().toByteArray();
    }

    /** Parses what {@link #toBytes} wrote; malformed bytes give an error saying so. */
    public static JobGraph fromBytes(byte[] bytes) {
        JobGraphProto proto;
        try {
            proto = JobGraphProto.parseFrom(bytes);
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalArgumentException("The job graph is malformed: " + e.getMessage(), e);
        }
        if (proto.getVerticesCount() == 0) {
            throw new IllegalArgumentException("The job graph is malformed: it has no vertices");
        }
        List<JobVertex> vertices = new ArrayList<>();
        for (JobVertexProto v : proto.getVerticesList()) {
            vertices.add(v.getOperatorIdsCount() == 0
                    ? new JobVertex(v.getId(), v.getName(), v.getParallelism(), v.getMaxParallelism(), v.getSource(),
                            v.getOperatorChain().toByteArray())
                    : new JobVertex(v.getId(), v.getName(), v.getParallelism(), v.getMaxParallelism(), v.getSource(),
                            v.getOperatorChain().toByteArray(), v.getOperatorIdsList(), v.getOperatorNamesList()));
        }
        List<JobEdge> edges = new ArrayList<>();
        for (JobEdgeProto e : proto.getEdgesList()) {
            PartitionType type = PartitionType.values()[e.getPartitionTypeValue()];
            edges.add(new JobEdge(e.getSourceVertex(), e.getTargetVertex(), type,
                    type == PartitionType.HASH ? e.getKeySelector().toByteArray() : null));
        }
        return new JobGraph(JobID.fromHexString(proto.getJobId()), proto.getName(), vertices, edges,
                Configuration.fromMap(proto.getConfigurationMap()), proto.getUserJarsList());
    }
}
