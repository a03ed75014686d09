package io.spindle.runtime.network;

import java.io.IOException;

/**
 * One input of an {@link InputGate}: a source of buffer slices (local or remote) plus the
 * per-channel parsing state, kept per channel so a record spanning buffers survives the gate
 * switching to other channels in between, and so a channel can later be paused on its own.
 * Parsing runs on the consuming task's thread only.
 */
abstract class InputChannel {

    final int channelIndex;
    final InputChannelSpec spec;
    final InputGate gate;

    private BufferSlice slice;
    private byte[] array;
    private int pos;
    private int end;
    private byte[] scratch = new byte[1024];
    private InputGate.Kind partialKind;
    private int partialLength = -1;
    private int partialFilled;
    private boolean finished;
    /** Restored in-flight data of an unaligned checkpoint, read before anything the producer sends. */
    private byte[] restored;

    InputChannel(int channelIndex, InputChannelSpec spec, InputGate gate) {
        this.channelIndex = channelIndex;
        this.spec = spec;
        this.gate = gate;
    }

    /** Starts asking the producer for the subpartition; results arrive asynchronously. */
    abstract void requestPartition();

    /** The next received bytes, or null after arranging a notification to the gate. */
    abstract BufferSlice pollSlice() throws IOException;

    /** Returns a consumed slice's buffer (remote channels turn it into new credit). */
    abstract void recycle(BufferSlice consumed);

    /** Called once after the end-of-partition mark was read. */
    abstract void onEndOfPartition();

    /** Frees everything the channel holds; the gate is closing. */
    abstract void releaseResources();

    /** Whether a priority event waits, which {@link #pollSlice()} returns next, even in the middle of a slice. */
    abstract boolean hasPriorityEvent();

    /** Task thread, right after a priority slice was polled: the received bytes it overtook here. */
    byte[] takeOvertaken() {
        return new byte[0];
    }

    void setRestored(byte[] frames) {
        restored = frames;
    }

    /** The restored data as a slice, once; null when there is none (left). */
    BufferSlice takeRestored() {
        byte[] frames = restored;
        restored = null;
        return frames == null || frames.length == 0 ? null : BufferSlice.onHeap(frames, false);
    }

    /**
     * The bytes this channel took from its producer but has not delivered: the start of a record
     * that spans buffers (header included) and the rest of the current slice.
     */
    byte[] undeliveredBytes() {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        if (partialLength >= 0) {
            byte[] header = new byte[Framing.HEADER_BYTES];
            Framing.putInt(header, 0, partialKind == InputGate.Kind.RECORD ? Framing.recordHeader(partialLength)
                    : Framing.eventHeader(partialLength));
            bytes.write(header, 0, header.length);
            bytes.write(scratch, 0, partialFilled);
        }
        if (slice != null && pos < end) {
            bytes.write(array, pos, end - pos);
        }
        return bytes.toByteArray();
    }

    boolean isFinished() {
        return finished;
    }

    void startSlice(BufferSlice next) {
        slice = next;
        array = next.buffer().segment;
        pos = next.start();
        end = next.end();
    }

    /** Whether a slice is being read (it may have frames left). */
    boolean hasSlice() {
        return slice != null;
    }

    void releaseSlice() {
        if (slice != null) {
            BufferSlice consumed = slice;
            slice = null;
            array = null;
            if (!consumed.buffer().isOnHeap()) {
                recycle(consumed);
            }
        }
    }

    /** Parses the next frame of the current slice into {@code out}; false when the slice is used up. */
    boolean nextFrame(InputGate.Next out) {
        if (partialLength >= 0) {
            return continuePartial(out);
        }
        if (pos >= end) {
            return false;
        }
        int header = Framing.getInt(array, pos);
        pos += Framing.HEADER_BYTES;
        InputGate.Kind kind;
        int length;
        if (header >= 0) {
            kind = InputGate.Kind.RECORD;
            length = header;
        } else if (header == Framing.END_OF_PARTITION) {
            finished = true;
            out.set(InputGate.Kind.END_OF_PARTITION, channelIndex, null, 0, 0);
            return true;
        } else {
            kind = InputGate.Kind.EVENT;
            length = Framing.eventLength(header);
        }
        if (end - pos >= length) {
            out.set(kind, channelIndex, array, pos, length);
            pos += length;
            return true;
        }
        if (scratch.length < length) {
            scratch = new byte[Math.max(length, scratch.length * 2)];
        }
        partialKind = kind;
        partialLength = length;
        partialFilled = 0;
        return continuePartial(out);
    }

    /** A payload spanning buffers is gathered into the reusable scratch array. */
    private boolean continuePartial(InputGate.Next out) {
        int chunk = Math.min(end - pos, partialLength - partialFilled);
        System.arraycopy(array, pos, scratch, partialFilled, chunk);
        pos += chunk;
        partialFilled += chunk;
        if (partialFilled < partialLength) {
            return false;
        }
        out.set(partialKind, channelIndex, scratch, 0, partialLength);
        partialLength = -1;
        return true;
    }

    String describe() {
        return "channel " + channelIndex + " (partition " + spec.partition() + ", subpartition "
                + spec.subpartitionIndex() + ", producer " + spec.producerDataAddress() + ")";
    }
}
