package io.spindle.runtime.tasks;

import io.spindle.api.functions.KeySelector;
import io.spindle.graph.PartitionType;
import io.spindle.runtime.network.ResultPartition;
import io.spindle.runtime.operators.Output;
import io.spindle.runtime.operators.StreamRecord;
import io.spindle.runtime.state.KeyGroupRangeAssignment;
import io.spindle.serialization.DataOutputSerializer;
import io.spindle.serialization.RecordEncoder;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Writes the records of a chain's tail into the result partition of one outgoing edge:
 * chooses the subpartition by the edge's partitioning, frames and encodes each record once,
 * and hands the bytes to the network. Each subpartition is its own ordered stream with its own
 * encoder state; a broadcast edge shares one encoder since all subpartitions see the same stream.
 */
final class NetworkOutput<T> implements Output<T> {
    private final ResultPartition partition;
    private final PartitionType partitionType;
    private final KeySelector<T, ?> keySelector;
    private final int consumerMaxParallelism;
    private final int numberOfChannels;
    private final RecordEncoder[] encoders;
    private final DataOutputSerializer buffer = new DataOutputSerializer(256);
    private int nextRoundRobinChannel;

    NetworkOutput(ResultPartition partition, int numberOfChannels, PartitionType partitionType,
            KeySelector<T, ?> keySelector, int consumerMaxParallelism, int subtaskIndex) {
        this.partition = partition;
        this.numberOfChannels = numberOfChannels;
        this.partitionType = partitionType;
        this.keySelector = keySelector;
        this.consumerMaxParallelism = consumerMaxParallelism;
        int encoderCount = partitionType == PartitionType.BROADCAST ? 1 : numberOfChannels;
        this.encoders = new RecordEncoder[encoderCount];
        for (int i = 0; i < encoderCount; i++) {
            encoders[i] = new RecordEncoder();
        }
        // Start round robin at different channels so parallel producers do not all hit channel 0 first.
        this.nextRoundRobinChannel = subtaskIndex % numberOfChannels;
    }

    @Override
    public void collect(StreamRecord<T> record) {
        try {
            switch (partitionType) {
                case FORWARD -> emit(record, 0);
                case REBALANCE -> {
                    int channel = nextRoundRobinChannel;
                    nextRoundRobinChannel = channel + 1 == numberOfChannels ? 0 : channel + 1;
                    emit(record, channel);
                }
                case HASH -> emit(record, KeyGroupRangeAssignment.assignKeyToParallelOperator(
                        keySelector.getKey(record.getValue()), consumerMaxParallelism, numberOfChannels));
                case BROADCAST -> {
                    frame(record, encoders[0]);
                    partition.broadcastRecord(buffer.getSharedBuffer(), 0, buffer.length());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TaskCancelledException("interrupted while waiting for a network buffer");
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new ChainingOutput.ChainedOperatorException(e);
        }
    }

    private void emit(StreamRecord<T> record, int channel) throws IOException, InterruptedException {
        frame(record, encoders[channel]);
        partition.emitRecord(buffer.getSharedBuffer(), 0, buffer.length(), channel);
    }

    private void frame(StreamRecord<T> record, RecordEncoder encoder) throws IOException {
        buffer.clear();
        if (record.hasTimestamp()) {
            buffer.writeByte(StreamElementCodec.RECORD_WITH_TIMESTAMP);
            buffer.writeLong(record.getTimestamp());
        } else {
            buffer.writeByte(StreamElementCodec.RECORD_WITHOUT_TIMESTAMP);
        }
        encoder.encode(record.getValue(), buffer);
    }

    @Override
    public void emitWatermark(long watermark) {
        try {
            partition.broadcastEvent(StreamElementCodec.watermarkEvent(watermark));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TaskCancelledException("interrupted while sending a watermark");
        }
    }
}
