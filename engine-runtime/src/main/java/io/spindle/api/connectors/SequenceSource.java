package io.spindle.api.connectors;

import io.spindle.api.checkpoint.CheckpointedFunction;
import io.spindle.api.checkpoint.FunctionInitializationContext;
import io.spindle.api.checkpoint.FunctionSnapshotContext;
import io.spindle.api.state.ListState;
import io.spindle.api.state.ListStateDescriptor;
import io.spindle.api.functions.RichFunction;
import io.spindle.api.functions.RuntimeContext;
import io.spindle.api.functions.ParallelSourceFunction;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * Emits every number from {@code from} to {@code to} (both inclusive), as
 * {@code env.fromSequence(from, to)}. The range is cut into one contiguous slice per parallel
 * instance; together the instances emit each number exactly once, each slice in ascending order.
 *
 * <p>Checkpoints hold the ranges still to emit, so a restored job goes on with the number after
 * the last one emitted before the checkpoint; at another parallelism the remaining ranges are
 * dealt out to the new instances.
 *
 * <p>{@link #run} runs in the task thread; {@link #cancel} may be called from any thread.
 */
public final class SequenceSource implements ParallelSourceFunction<Long>, RichFunction, CheckpointedFunction {
    private static final long serialVersionUID = 1L;

    /** Records emitted between two reads of the cancel flag. */
    private static final int CANCEL_CHECK_INTERVAL = 1024;

    private final long from;
    private final long to;

    /** Ranges {first, last} (inclusive) still to emit; the first one is being emitted. */
    private transient List<long[]> ranges;
    /** The next number of the first range, updated before each number is emitted. */
    private transient long nextToEmit;
    private transient boolean exhausted;
    private transient ListState<String> rangesState;
    private transient List<long[]> restoredRanges;
    private transient boolean opened;
    private transient volatile boolean cancelled;

    public SequenceSource(long from, long to) {
        if (from > to) {
            throw new IllegalArgumentException("The start of a sequence must not be greater than its end, but the"
                    + " sequence goes from " + from + " to " + to + ". Swap the two arguments.");
        }
        this.from = from;
        this.to = to;
    }

    public long getFrom() {
        return from;
    }

    public long getTo() {
        return to;
    }

    @Override
    public void initializeState(FunctionInitializationContext context) {
        rangesState = context.getOperatorStateStore().getListState(new ListStateDescriptor<>("sequence-ranges", String.class));
        if (context.isRestored()) {
            restoredRanges = new ArrayList<>();
            for (String range : rangesState.get()) {
                String[] bounds = range.split(" ");
                restoredRanges.add(new long[] {Long.parseLong(bounds[0]), Long.parseLong(bounds[1])});
            }
        }
    }

    @Override
    public void snapshotState(FunctionSnapshotContext context) {
        List<String> remaining = new ArrayList<>();
        for (int i = 0; i < ranges.size(); i++) {
            long first = i == 0 ? nextToEmit : ranges.get(i)[0];
            long last = ranges.get(i)[1];
            if (!(i == 0 && exhausted)) {
                remaining.add(first + " " + last);
            }
        }
        rangesState.update(remaining);
    }

    @Override
    public void open(RuntimeContext context) {
        opened = true;
        if (restoredRanges != null) {
            ranges = new ArrayList<>(restoredRanges);
            if (!ranges.isEmpty()) {
                nextToEmit = ranges.get(0)[0];
            }
            return;
        }
        int index = context.getIndexOfThisSubtask();
        int parallelism = context.getNumberOfParallelSubtasks();
        // The count can be 2^64 for the full long range, so the slice arithmetic, done once, uses
        // BigInteger; the emitting loop then works on plain longs.
        BigInteger count = BigInteger.valueOf(to).subtract(BigInteger.valueOf(from)).add(BigInteger.ONE);
        BigInteger start = sliceOffset(count, index, parallelism);
        BigInteger end = sliceOffset(count, index + 1, parallelism);
        ranges = new ArrayList<>();
        if (!start.equals(end)) {
            long first = BigInteger.valueOf(from).add(start).longValue();
            ranges.add(new long[] {first, BigInteger.valueOf(from).add(end).subtract(BigInteger.ONE).longValue()});
            nextToEmit = first;
        }
    }

    /** Offset of slice {@code index}'s first element; slices differ in size by at most one. */
    private static BigInteger sliceOffset(BigInteger count, int index, int parallelism) {
        return count.multiply(BigInteger.valueOf(index)).divide(BigInteger.valueOf(parallelism));
    }

    @Override
    public void run(SourceContext<Long> ctx) {
        if (!opened) {
            throw new IllegalStateException("SequenceSource.run was called before open(RuntimeContext)");
        }
        while (!ranges.isEmpty() && !cancelled) {
            if (!emitRange(ctx, nextToEmit, ranges.get(0)[1])) {
                return;
            }
            ranges.remove(0);
            exhausted = false;
            if (!ranges.isEmpty()) {
                nextToEmit = ranges.get(0)[0];
            }
        }
    }

    /** Emits {@code next..last}; false when cancelled first. */
    private boolean emitRange(SourceContext<Long> ctx, long next, long last) {
        while (!cancelled) {
            // Unsigned compare: last - next can exceed Long.MAX_VALUE for very wide slices.
            long batchLast = Long.compareUnsigned(last - next, CANCEL_CHECK_INTERVAL - 1) > 0
                    ? next + (CANCEL_CHECK_INTERVAL - 1)
                    : last;
            for (long value = next; value < batchLast; value++) {
                // A checkpoint taken inside collect() must see this number as emitted.
                nextToEmit = value + 1;
                ctx.collect(value);
            }
            if (batchLast == last) {
                // nextToEmit cannot go past the last long: mark the range as done instead.
                exhausted = true;
                ctx.collect(batchLast);
                return true;
            }
            nextToEmit = batchLast + 1;
            ctx.collect(batchLast);
            next = batchLast + 1;
        }
        return false;
    }

    @Override
    public void cancel() {
        cancelled = true;
    }
}
