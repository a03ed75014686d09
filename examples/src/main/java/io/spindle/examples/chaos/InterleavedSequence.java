package io.spindle.examples.chaos;

import io.spindle.api.checkpoint.CheckpointedFunction;
import io.spindle.api.checkpoint.FunctionInitializationContext;
import io.spindle.api.checkpoint.FunctionSnapshotContext;
import io.spindle.api.state.ListState;
import io.spindle.api.state.ListStateDescriptor;
import io.spindle.api.functions.RichParallelSourceFunction;
import io.spindle.api.functions.RuntimeContext;
import java.util.ArrayList;
import java.util.List;

/**
 * Emits 1..{@code records}, each once, dealt out by residue: with parallelism p, the numbers
 * {@code r+1, r+1+p, r+1+2p, ...} form residue class r. Unlike {@code fromSequence}'s contiguous
 * slices, every instance's numbers (their event times) advance together, so event-time windows
 * fire all along the run instead of waiting for the slowest slice to end.
 *
 * <p>A checkpoint holds, per residue class, the index of the next number to emit. On restore
 * an instance takes whichever classes it is dealt (at any parallelism) and emits them in turn,
 * so every number is still emitted exactly once after the restored checkpoint.
 *
 * <p>With {@code perSecond} above 0 the numbers keep to a timetable: an instance's n-th number of
 * a residue class is due {@code n / perSecond} seconds after {@code startMillis} (epoch), and is
 * not emitted before. A run thus lasts about {@code records / parallelism / perSecond} seconds
 * however often it fails: a restored attempt catches up at full speed with the timetable instead
 * of falling further behind with every failure.
 */
final class InterleavedSequence extends RichParallelSourceFunction<Long> implements CheckpointedFunction {
    private static final long serialVersionUID = 1L;
    private final long records;
    private final long perSecond;
    private final long startMillis;

    /** {residue, index of its next number} per owned class; numbers are residue + 1 + index * classes. */
    private transient List<long[]> owned;
    private transient long classes;
    private transient ListState<String> positions;
    private transient List<long[]> restored;
    private transient volatile boolean cancelled;

    InterleavedSequence(long records, long perSecond, long startMillis) {
        this.records = records;
        this.perSecond = perSecond;
        this.startMillis = startMillis;
    }

    @Override
    public void initializeState(FunctionInitializationContext context) {
        positions = context.getOperatorStateStore().getListState(new ListStateDescriptor<>("residue-positions", String.class));
        if (context.isRestored()) {
            restored = new ArrayList<>();
            for (String entry : positions.get()) {
                String[] fields = entry.split(" ");
                classes = Long.parseLong(fields[2]);
                restored.add(new long[] {Long.parseLong(fields[0]), Long.parseLong(fields[1])});
            }
        }
    }

    @Override
    public void open(RuntimeContext context) {
        owned = new ArrayList<>();
        if (restored != null) {
            owned.addAll(restored);
            return;
        }
        classes = context.getNumberOfParallelSubtasks();
        owned.add(new long[] {context.getIndexOfThisSubtask(), 0});
    }

    @Override
    public void snapshotState(FunctionSnapshotContext context) {
        List<String> entries = new ArrayList<>();
        for (long[] position : owned) {
            entries.add(position[0] + " " + position[1] + " " + classes);
        }
        positions.update(entries);
    }

    @Override
    public void run(SourceContext<Long> ctx) throws InterruptedException {
        boolean emitted = true;
        while (emitted && !cancelled) {
            emitted = false;
            for (long[] position : owned) {
                long value = position[0] + 1 + position[1] * classes;
                if (value > records) {
                    continue;
                }
                awaitTimetable(position[1]);
                // A checkpoint taken inside collect() must count this number as emitted.
                position[1]++;
                ctx.collect(value);
                emitted = true;
            }
        }
    }

    /** Sleeps until the {@code index}-th number of a class is due. */
    private void awaitTimetable(long index) throws InterruptedException {
        if (perSecond <= 0) {
            return;
        }
        long wait = startMillis + index * 1000 / perSecond - System.currentTimeMillis();
        if (wait > 0) {
            Thread.sleep(wait);
        }
    }

    @Override
    public void cancel() {
        cancelled = true;
    }
}
