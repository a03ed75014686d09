package io.spindle.runtime.scheduler;

import com.google.protobuf.ByteString;
import io.spindle.graph.JobEdge;
import io.spindle.graph.JobGraph;
import io.spindle.graph.JobVertex;
import io.spindle.graph.PartitionType;
import io.spindle.graph.proto.PartitionTypeProto;
import io.spindle.runtime.checkpoint.StateAssignment;
import io.spindle.runtime.executiongraph.Execution;
import io.spindle.runtime.messages.Address;
import io.spindle.runtime.messages.InputChannelDescriptor;
import io.spindle.runtime.messages.OutputDescriptor;
import io.spindle.runtime.messages.PartitionIdProto;
import io.spindle.runtime.messages.SlotGrant;
import io.spindle.runtime.messages.TaskDeployment;
import java.util.List;
import java.util.UUID;

/**
 * Builds the deployment message of each task: which partitions it writes (one per outgoing
 * edge, a subpartition per consumer instance) and which subpartitions it reads (for a forward
 * edge the one of the producer with the same index, otherwise its own index of every producer).
 * With slot sharing, instance i of every vertex runs in slot i. A task restored from a
 * checkpoint also gets its share of that checkpoint's state.
 */
public final class TaskDeploymentFactory {
    private final JobGraph jobGraph;
    private final List<SlotGrant> slots;
    private final Address jobMasterAddress;
    private final String jobMasterEndpoint;
    private final UUID fencingToken;

    public TaskDeploymentFactory(JobGraph jobGraph, List<SlotGrant> slots, Address jobMasterAddress, String jobMasterEndpoint,
            UUID fencingToken) {
        this.jobGraph = jobGraph;
        this.slots = slots;
        this.jobMasterAddress = jobMasterAddress;
        this.jobMasterEndpoint = jobMasterEndpoint;
        this.fencingToken = fencingToken;
    }

    /** @param restore the checkpoint the attempt starts from, or null */
    TaskDeployment create(Execution execution, StateAssignment restore) {
        JobVertex vertex = execution.vertex();
        int attempt = execution.attempt();
        String jobId = jobGraph.getJobId().toHexString();
        TaskDeployment.Builder deployment = TaskDeployment.newBuilder()
                .setJobId(jobId)
                .setExecutionId(execution.executionId())
                .setVertexId(vertex.id())
                .setTaskName(vertex.name())
                .setSubtaskIndex(execution.subtaskIndex())
                .setParallelism(vertex.parallelism())
                .setMaxParallelism(vertex.maxParallelism())
                .setAttempt(attempt)
                .setOperatorChain(ByteString.copyFrom(vertex.operatorChain()))
                .setJobMasterAddress(jobMasterAddress)
                .setJobMasterEndpoint(jobMasterEndpoint)
                .setFencingToken(fencingToken.toString())
                .setAllocationId(execution.slot().getAllocationId())
                .addAllOperatorIds(vertex.operatorIds())
                .putAllJobConfiguration(jobGraph.getConfiguration().toMap())
                .addAllUserJarBlobKeys(jobGraph.getUserJars());
        if (restore != null) {
            deployment.setRestoredCheckpointId(restore.checkpointId())
                    .setRestoredState(restore.assign(vertex, execution.subtaskIndex()));
        }
        List<JobEdge> outputs = jobGraph.getOutputs(vertex.id());
        for (int outputIndex = 0; outputIndex < outputs.size(); outputIndex++) {
            JobEdge edge = outputs.get(outputIndex);
            JobVertex consumer = jobGraph.getVertex(edge.targetVertexId());
            OutputDescriptor.Builder output = OutputDescriptor.newBuilder()
                    .setPartitionId(partitionId(jobId, vertex.id(), outputIndex, execution.subtaskIndex(), attempt))
                    .setNumberOfSubpartitions(edge.partitionType() == PartitionType.FORWARD ? 1 : consumer.parallelism())
                    .setPartitionType(PartitionTypeProto.forNumber(edge.partitionType().ordinal()))
                    .setConsumerMaxParallelism(consumer.maxParallelism());
            if (edge.keySelector() != null) {
                output.setKeySelector(ByteString.copyFrom(edge.keySelector()));
            }
            deployment.addOutputs(output);
        }
        for (JobEdge edge : jobGraph.getInputs(vertex.id())) {
            JobVertex producer = jobGraph.getVertex(edge.sourceVertexId());
            int producerOutputIndex = jobGraph.getOutputs(producer.id()).indexOf(edge);
            if (edge.partitionType() == PartitionType.FORWARD) {
                deployment.addInputs(channel(jobId, producer.id(), producerOutputIndex, execution.subtaskIndex(), 0, attempt));
            } else {
                for (int producerIndex = 0; producerIndex < producer.parallelism(); producerIndex++) {
                    deployment.addInputs(channel(jobId, producer.id(), producerOutputIndex, producerIndex,
                            execution.subtaskIndex(), attempt));
                }
            }
        }
        return deployment.build();
    }

    private InputChannelDescriptor channel(String jobId, int producerVertex, int outputIndex, int producerSubtask,
            int subpartition, int attempt) {
        return InputChannelDescriptor.newBuilder()
                .setPartitionId(partitionId(jobId, producerVertex, outputIndex, producerSubtask, attempt))
                .setSubpartitionIndex(subpartition)
                .setProducerDataAddress(slots.get(producerSubtask).getDataAddress())
                .build();
    }

    private static PartitionIdProto partitionId(String jobId, int vertexId, int outputIndex, int subtask, int attempt) {
        return PartitionIdProto.newBuilder().setJobId(jobId).setVertexId(vertexId).setOutputIndex(outputIndex)
                .setSubtaskIndex(subtask).setAttempt(attempt).build();
    }
}
