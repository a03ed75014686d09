package io.spindle.runtime.network;

import java.io.IOException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** Reads a subpartition of a partition produced in the same TaskManager, in memory. */
final class LocalInputChannel extends InputChannel implements SubpartitionListener {

    private final ResultPartitionManager partitions;
    private final ScheduledExecutorService timer;
    private final PartitionRequestRetry retry;
    private volatile ResultSubpartition subpartition;
    private volatile IOException failure;

    LocalInputChannel(int channelIndex, InputChannelSpec spec, InputGate gate, ResultPartitionManager partitions,
            ScheduledExecutorService timer, NetworkOptions options) {
        super(channelIndex, spec, gate);
        this.partitions = partitions;
        this.timer = timer;
        this.retry = new PartitionRequestRetry(options);
    }

    @Override
    void requestPartition() {
        if (gate.isClosed()) {
            return;
        }
        ResultPartition partition = partitions.get(spec.partition());
        if (partition == null) {
            long backoff = retry.nextBackoffMillis();
            if (backoff < 0) {
                fail(new IOException(retry.notFoundMessage(spec)));
            } else {
                timer.schedule(this::requestPartition, backoff, TimeUnit.MILLISECONDS);
            }
            return;
        }
        try {
            ResultSubpartition target = partition.subpartition(spec.subpartitionIndex());
            target.attachReader(this);
            subpartition = target;
            gate.notifyChannelAvailable(this);
        } catch (IOException e) {
            fail(e);
        }
    }

    private void fail(IOException error) {
        failure = error;
        gate.notifyChannelAvailable(this);
    }

    @Override
    public void notifyDataAvailable() {
        ResultSubpartition source = subpartition;
        if (source != null && source.hasPriorityEvent()) {
            gate.notifyPriorityEvent(this);
        } else {
            gate.notifyChannelAvailable(this);
        }
    }

    @Override
    BufferSlice pollSlice() throws IOException {
        IOException error = failure;
        if (error != null) {
            throw error;
        }
        ResultSubpartition source = subpartition;
        return source == null ? null : source.poll();
    }

    @Override
    boolean hasPriorityEvent() {
        ResultSubpartition source = subpartition;
        return source != null && source.hasPriorityEvent();
    }

    @Override
    void recycle(BufferSlice consumed) {
        consumed.release();
    }

    @Override
    void onEndOfPartition() {
        // The subpartition already noticed its reader took the last bytes; nothing to tell.
    }

    @Override
    void releaseResources() {
        // The producer owns the subpartition's buffers; a consumer going away does not free them.
    }
}
