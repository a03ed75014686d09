package io.spindle.it.yarn.programs;

import io.spindle.api.functions.Collector;
import io.spindle.api.functions.FlatMapFunction;
import io.spindle.api.functions.KeySelector;
import io.spindle.api.functions.MapFunction;
import io.spindle.api.functions.ParallelSourceFunction;
import io.spindle.api.tuple.Tuple2;
import java.util.Locale;

/** The functions the test programs are made of. */
public final class ProgramFunctions {
    private ProgramFunctions() {}

    /** Splits a line into lower-case words and emits {@code (word, 1)} for each. */
    public static final class Tokenizer implements FlatMapFunction<String, Tuple2<String, Integer>> {
        @Override
        public void flatMap(String line, Collector<Tuple2<String, Integer>> out) {
            for (String token : line.toLowerCase(Locale.ROOT).split("\\W+")) {
                if (!token.isEmpty()) {
                    out.collect(Tuple2.of(token, 1));
                }
            }
        }
    }

    /** The word of a {@code (word, count)} pair. */
    public static final class WordKey implements KeySelector<Tuple2<String, Integer>, String> {
        @Override
        public String getKey(Tuple2<String, Integer> pair) {
            return pair.f0;
        }
    }

    /** Upper-cases a line. */
    public static final class UpperCase implements MapFunction<String, String> {
        @Override
        public String map(String line) {
            return line.toUpperCase(Locale.ROOT);
        }
    }

    /** Fails on its first record with a message the test recognises in YARN's diagnostics. */
    public static final class FailingMap implements MapFunction<String, String> {
        private final String message;

        public FailingMap(String message) {
            this.message = message;
        }

        @Override
        public String map(String line) {
            throw new IllegalStateException(message);
        }
    }

    /** Emits increasing numbers until cancelled, in each parallel instance: an unbounded job. */
    public static final class EndlessNumbers implements ParallelSourceFunction<Long> {
        private volatile boolean running = true;

        @Override
        public void run(SourceContext<Long> context) throws InterruptedException {
            long next = 0;
            while (running) {
                context.collect(next++);
                // Paced, so that an endless job does not take a core of the shared test machine.
                Thread.sleep(5);
            }
        }

        @Override
        public void cancel() {
            running = false;
        }
    }
}
