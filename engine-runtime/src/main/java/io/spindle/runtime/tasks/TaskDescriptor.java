package io.spindle.runtime.tasks;

import io.spindle.configuration.Configuration;
import io.spindle.graph.PartitionType;
import io.spindle.runtime.checkpoint.proto.TaskStateSnapshot;
import io.spindle.runtime.messages.Address;
import io.spindle.runtime.messages.InputChannelDescriptor;
import io.spindle.runtime.messages.OutputDescriptor;
import io.spindle.runtime.messages.PartitionIdProto;
import io.spindle.runtime.messages.TaskDeployment;
import io.spindle.runtime.network.ResultPartitionId;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

/** Everything a TaskManager needs to run one task, decoded from the JobMaster's deployment message. */
public record TaskDescriptor(
        String jobId,
        String executionId,
        int vertexId,
        String taskName,
        int subtaskIndex,
        int parallelism,
        int maxParallelism,
        int attempt,
        byte[] operatorChain,
        List<OutputSpec> outputs,
        List<InputSpec> inputs,
        long bufferTimeoutMillis,
        List<String> operatorIds,
        Configuration jobConfiguration,
        TaskStateSnapshot restoredState,
        long restoredCheckpointId) {

    /** Whether the task starts from a checkpoint (possibly one that held nothing for it). */
    public boolean isRestored() {
        return restoredCheckpointId > 0;
    }

    /** One outgoing edge: the partition this task writes and how it distributes records. */
    public record OutputSpec(ResultPartitionId partitionId, int numberOfSubpartitions, PartitionType partitionType,
            byte[] keySelector, int consumerMaxParallelism) {}

    /** One input channel: a subpartition of a producer's partition and where the producer runs. */
    public record InputSpec(ResultPartitionId partitionId, int subpartitionIndex, InetSocketAddress producerDataAddress) {}

    public static TaskDescriptor fromDeployment(TaskDeployment deployment, long bufferTimeoutMillis) {
        List<OutputSpec> outputs = new ArrayList<>();
        for (OutputDescriptor output : deployment.getOutputsList()) {
            PartitionType type = PartitionType.values()[output.getPartitionTypeValue()];
            outputs.add(new OutputSpec(partitionId(output.getPartitionId()), output.getNumberOfSubpartitions(), type,
                    type == PartitionType.HASH ? output.getKeySelector().toByteArray() : null,
                    output.getConsumerMaxParallelism()));
        }
        List<InputSpec> inputs = new ArrayList<>();
        for (InputChannelDescriptor input : deployment.getInputsList()) {
            inputs.add(new InputSpec(partitionId(input.getPartitionId()), input.getSubpartitionIndex(),
                    address(input.getProducerDataAddress())));
        }
        return new TaskDescriptor(deployment.getJobId(), deployment.getExecutionId(), deployment.getVertexId(),
                deployment.getTaskName(), deployment.getSubtaskIndex(), deployment.getParallelism(),
                deployment.getMaxParallelism(), deployment.getAttempt(), deployment.getOperatorChain().toByteArray(),
                outputs, inputs, bufferTimeoutMillis, deployment.getOperatorIdsList(),
                Configuration.fromMap(deployment.getJobConfigurationMap()), deployment.getRestoredState(),
                deployment.getRestoredCheckpointId());
    }

    public static ResultPartitionId partitionId(PartitionIdProto proto) {
        // A producer writes one partition per outgoing edge: the edge's index tells them apart.
        return new ResultPartitionId(proto.getJobId(), proto.getVertexId() + "." + proto.getOutputIndex(),
                proto.getSubtaskIndex(), proto.getAttempt());
    }

    public static InetSocketAddress address(Address address) {
        return new InetSocketAddress(address.getHost(), address.getPort());
    }
}
