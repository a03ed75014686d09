package io.spindle.runtime.tasks;

import io.spindle.graph.PartitionType;
import io.spindle.runtime.network.ResultPartition;
import io.spindle.runtime.operators.Output;
import io.spindle.runtime.partitioner.StreamPartitioner;
import io.spindle.runtime.operators.StreamRecord;
import io.spindle.runtime.operators.WatermarkStatus;
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
    private final StreamPartitioner<T> partitioner;
    private final boolean broadcast;
    private final RecordEncoder[] encoders;
    private final DataOutputSerializer buffer = new DataOutputSerializer(256);

    NetworkOutput(ResultPartition partition, StreamPartitioner<T> partitioner) {
        this.partition = partition;
        this.partitioner = partitioner;
        this.broadcast = partitioner.getType() == PartitionType.BROADCAST;
        int encoderCount = broadcast ? 1 : partitioner.getNumberOfChannels();
        this.encoders = new RecordEncoder[encoderCount];
        for (int i = 0; i < encoderCount; i++) {
            encoders[i] = new RecordEncoder();
        }
    }

    @Override
    public void collect(StreamRecord<T> record) {
        try {
            if (broadcast) {
                frame(record, encoders[0]);
                partition.broadcastRecord(buffer.getSharedBuffer(), 0, buffer.length());
            } else {
                int channel = partitioner.selectChannel(record.getValue());
                frame(record, encoders[channel]);
                partition.emitRecord(buffer.getSharedBuffer(), 0, buffer.length(), channel);
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
        broadcast(StreamElementCodec.watermarkEvent(watermark), "a watermark");
    }

    @Override
    public void emitWatermarkStatus(WatermarkStatus status) {
        broadcast(StreamElementCodec.watermarkStatusEvent(status == WatermarkStatus.IDLE), "a watermark status");
    }

    private void broadcast(byte[] event, String what) {
        try {
            partition.broadcastEvent(event);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TaskCancelledException("interrupted while sending " + what);
        }
    }
}
