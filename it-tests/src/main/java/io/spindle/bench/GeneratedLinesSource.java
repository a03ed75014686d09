package io.spindle.bench;

import io.spindle.api.functions.RuntimeContext;
import io.spindle.api.functions.RichParallelSourceFunction;

/**
 * W3's input: {@code lines} lines of ten words from a fixed 1,000-word vocabulary, the same for
 * every run; parallel instances emit disjoint slices of the line numbers.
 */
final class GeneratedLinesSource extends RichParallelSourceFunction<String> {
    static final int VOCABULARY_SIZE = 1_000;
    static final int WORDS_PER_LINE = 10;

    private final long lines;
    private transient long from;
    private transient long to;
    private volatile boolean running = true;

    GeneratedLinesSource(long lines) {
        this.lines = lines;
    }

    static String word(int index) {
        return "word" + index;
    }

    /** The vocabulary index of word {@code position} of line {@code line}. */
    static int wordIndex(long line, int position) {
        long mixed = (line * WORDS_PER_LINE + position) * 0x9E3779B97F4A7C15L;
        return (int) Math.floorMod(mixed >>> 17, (long) VOCABULARY_SIZE);
    }

    @Override
    public void open(RuntimeContext context) {
        int parallelism = context.getNumberOfParallelSubtasks();
        int index = context.getIndexOfThisSubtask();
        from = lines * index / parallelism;
        to = lines * (index + 1) / parallelism;
    }

    @Override
    public void run(SourceContext<String> ctx) {
        String[] vocabulary = new String[VOCABULARY_SIZE];
        for (int i = 0; i < VOCABULARY_SIZE; i++) {
            vocabulary[i] = word(i);
        }
        StringBuilder line = new StringBuilder(128);
        for (long l = from; l < to && running; l++) {
            line.setLength(0);
            for (int p = 0; p < WORDS_PER_LINE; p++) {
                if (p > 0) {
                    line.append(' ');
                }
                line.append(vocabulary[wordIndex(l, p)]);
            }
            ctx.collect(line.toString());
        }
    }

    @Override
    public void cancel() {
        running = false;
    }
}
