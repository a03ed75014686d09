package io.spindle.runtime.tasks;

import io.spindle.runtime.network.InputGate;
import io.spindle.runtime.operators.OneInputStreamOperator;
import io.spindle.runtime.operators.StreamRecord;
import io.spindle.runtime.operators.WatermarkStatus;
import io.spindle.runtime.tasks.barrier.CheckpointBarrierHandler;
import io.spindle.serialization.DataInputDeserializer;
import io.spindle.serialization.RecordDecoder;

/**
 * Feeds the head operator of a task from its input gate: decodes records (one decoder per
 * channel, since each channel is its own encoded stream), turns per-channel watermarks and
 * watermark statuses into the task's event time and status, and hands checkpoint barriers,
 * cancellation markers and channel ends to the barrier handler.
 */
final class StreamInputProcessor<IN> {
    /** What one call to {@link #processNext} achieved. */
    enum Progress { PROCESSED, NOTHING_AVAILABLE, END_OF_INPUT }

    private final InputGate gate;
    private final OneInputStreamOperator<IN, ?> head;
    private final RecordDecoder[] decoders;
    private final WatermarkValve watermarkValve;
    private final CheckpointBarrierHandler barrierHandler;
    private final DataInputDeserializer input = new DataInputDeserializer();
    private final StreamRecord<IN> reuse = new StreamRecord<>(null);
    private boolean finalWatermarkDelivered;
    /** The status last passed to the head operator: the task starts active. */
    private boolean idle;
    private long recordsProcessed;

    StreamInputProcessor(InputGate gate, OneInputStreamOperator<IN, ?> head, ClassLoader userClassLoader,
            CheckpointBarrierHandler barrierHandler) {
        this.gate = gate;
        this.barrierHandler = barrierHandler;
        this.head = head;
        int channels = gate.getNumberOfChannels();
        this.decoders = new RecordDecoder[channels];
        for (int i = 0; i < channels; i++) {
            decoders[i] = new RecordDecoder(userClassLoader);
        }
        this.watermarkValve = new WatermarkValve(channels);
    }

    /** Processes at most a batch of available elements; never blocks. */
    @SuppressWarnings("unchecked")
    Progress processNext(int maxElements) throws Exception {
        for (int processed = 0; processed < maxElements; processed++) {
            InputGate.Next next = gate.pollNext();
            if (next == null) {
                if (gate.isFinished()) {
                    return Progress.END_OF_INPUT;
                }
                return processed == 0 ? Progress.NOTHING_AVAILABLE : Progress.PROCESSED;
            }
            int channel = next.channelIndex();
            if (barrierHandler.isRecording(channel) && next.kind() != InputGate.Kind.END_OF_PARTITION
                    && (next.kind() == InputGate.Kind.RECORD || isDataEvent(next.array()[next.offset()]))) {
                barrierHandler.recordInFlight(channel, next.kind() == InputGate.Kind.RECORD, next.array(), next.offset(),
                        next.length());
            }
            switch (next.kind()) {
                case RECORD -> {
                    recordsProcessed++;
                    byte[] bytes = next.array();
                    int offset = next.offset();
                    input.setBuffer(bytes, offset + 1, next.length() - 1);
                    if (bytes[offset] == StreamElementCodec.RECORD_WITH_TIMESTAMP) {
                        long timestamp = input.readLong();
                        reuse.replace(decoders[channel].decode(input), timestamp);
                    } else {
                        reuse.replace(decoders[channel].decode(input), StreamRecord.NO_TIMESTAMP);
                    }
                    head.processElement(reuse);
                }
                case EVENT -> processEvent(channel, next.array(), next.offset(), next.length(), next.priority());
                case END_OF_PARTITION -> {
                    advance(watermarkValve.onChannelEnded(channel));
                    updateStatus();
                    barrierHandler.processEndOfPartition(channel);
                }
            }
        }
        return Progress.PROCESSED;
    }

    /** Watermarks and watermark statuses are data of a channel's stream; barriers and markers are not. */
    private static boolean isDataEvent(byte type) {
        return type == StreamElementCodec.EVENT_WATERMARK || type == StreamElementCodec.EVENT_WATERMARK_STATUS;
    }

    private void processEvent(int channel, byte[] bytes, int offset, int length, boolean priority) throws Exception {
        switch (bytes[offset]) {
            case StreamElementCodec.EVENT_WATERMARK ->
                    advance(watermarkValve.onWatermark(channel, StreamElementCodec.readLong(bytes, offset + 1)));
            case StreamElementCodec.EVENT_CHECKPOINT_BARRIER -> barrierHandler.processBarrier(channel,
                    StreamElementCodec.readLong(bytes, offset + 1), StreamElementCodec.readLong(bytes, offset + 9),
                    StreamElementCodec.barrierType(bytes, offset),
                    StreamElementCodec.barrierLocation(bytes, offset, length), priority ? gate.takeOvertaken() : null);
            case StreamElementCodec.EVENT_WATERMARK_STATUS -> {
                boolean channelIdle = StreamElementCodec.readBoolean(bytes, offset + 1);
                // Active before the watermark that the channel may now hold back; idle after the one it releases.
                if (!channelIdle) {
                    updateStatus(false);
                }
                advance(watermarkValve.onWatermarkStatus(channel, channelIdle));
                updateStatus();
            }
            case StreamElementCodec.EVENT_CANCEL_CHECKPOINT ->
                    barrierHandler.processCancellation(channel, StreamElementCodec.readLong(bytes, offset + 1));
            default -> throw new IllegalStateException("Unknown event type " + bytes[offset] + " on channel " + channel);
        }
    }

    private void advance(long newWatermark) throws Exception {
        if (newWatermark != Long.MIN_VALUE) {
            head.processWatermark(newWatermark);
            finalWatermarkDelivered = newWatermark == Long.MAX_VALUE;
        }
    }

    private void updateStatus() throws Exception {
        updateStatus(watermarkValve.isIdle());
    }

    private void updateStatus(boolean nowIdle) throws Exception {
        if (nowIdle != idle) {
            idle = nowIdle;
            head.processWatermarkStatus(nowIdle ? WatermarkStatus.IDLE : WatermarkStatus.ACTIVE);
        }
    }

    /** Records fed to the head operator so far. */
    long recordsProcessed() {
        return recordsProcessed;
    }

    /** Whether upstream already ended event time, so the task must not send the final watermark again. */
    boolean deliveredFinalWatermark() {
        return finalWatermarkDelivered;
    }
}
