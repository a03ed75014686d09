package io.spindle.api.connectors;

import io.spindle.api.functions.RichFunction;
import io.spindle.api.functions.RuntimeContext;
import io.spindle.api.functions.SourceFunction;

import java.math.BigInteger;

/**
 * Emits every number from {@code from} to {@code to} (both inclusive), as
 * {@code env.fromSequence(from, to)}. The range is cut into one contiguous slice per parallel
 * instance; together the instances emit each number exactly once, each slice in ascending order.
 *
 * <p>{@link #run} runs in the task thread; {@link #cancel} may be called from any thread.
 */
public final class SequenceSource implements SourceFunction<Long>, RichFunction {
    private static final long serialVersionUID = 1L;

    /** Records emitted between two reads of the cancel flag. */
    private static final int CANCEL_CHECK_INTERVAL = 1024;

    private final long from;
    private final long to;

    private transient boolean sliceEmpty;
    private transient long sliceFirst;
    private transient long sliceLast;
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
    public void open(RuntimeContext context) {
        int index = context.getIndexOfThisSubtask();
        int parallelism = context.getNumberOfParallelSubtasks();
        // The count can be 2^64 for the full long range, so the slice arithmetic, done once, uses
        // BigInteger; the emitting loop then works on plain longs.
        BigInteger count = BigInteger.valueOf(to).subtract(BigInteger.valueOf(from)).add(BigInteger.ONE);
        BigInteger start = sliceOffset(count, index, parallelism);
        BigInteger end = sliceOffset(count, index + 1, parallelism);
        sliceEmpty = start.equals(end);
        sliceFirst = BigInteger.valueOf(from).add(start).longValue();
        sliceLast = BigInteger.valueOf(from).add(end).subtract(BigInteger.ONE).longValue();
        opened = true;
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
        if (sliceEmpty) {
            return;
        }
        final long last = sliceLast;
        long next = sliceFirst;
        while (!cancelled) {
            // Unsigned compare: last - next can exceed Long.MAX_VALUE for very wide slices.
            long batchLast = Long.compareUnsigned(last - next, CANCEL_CHECK_INTERVAL - 1) > 0
                    ? next + (CANCEL_CHECK_INTERVAL - 1)
                    : last;
            for (long value = next; value < batchLast; value++) {
                ctx.collect(value);
            }
            ctx.collect(batchLast);
            if (batchLast == last) {
                return;
            }
            next = batchLast + 1;
        }
    }

    @Override
    public void cancel() {
        cancelled = true;
    }
}
