package io.spindle.examples;

import io.spindle.api.DataStream;
import io.spindle.api.ParameterTool;
import io.spindle.api.StreamEnvironment;
import io.spindle.api.eventtime.WatermarkStrategy;
import io.spindle.api.functions.Collector;
import io.spindle.api.functions.FlatMapFunction;
import io.spindle.api.functions.SourceFunction;
import io.spindle.api.tuple.Tuple2;
import io.spindle.api.tuple.Tuple3;
import io.spindle.api.windowing.TumblingEventTimeWindows;
import java.time.Duration;
import java.util.Locale;

/**
 * Word counts per event-time window. Reads lines from a socket ({@code --hostname h --port p};
 * each line is {@code <epoch-millis> <text>}) or, by default, generates {@code --lines N} lines of
 * text with slightly out-of-order timestamps, one second apart. Counts words in tumbling windows
 * of {@code --window-seconds} (default 5) and prints {@code (windowEnd,word,count)}. Both sources
 * run as a single instance; with {@code -p N} the counting runs in N parallel instances.
 */
public final class StreamingWordCount {
    private StreamingWordCount() {}

    public static void main(String[] args) throws Exception {
        ParameterTool params = ParameterTool.fromArgs(args);
        StreamEnvironment env = StreamEnvironment.getEnvironment();
        DataStream<String> lines = params.has("port")
                ? env.socketTextStream(params.get("hostname", "localhost"), params.getInt("port", 9999))
                : env.addSource(new TimestampedLineGenerator(params.getLong("lines", 1000)), "Generated lines");
        Duration window = Duration.ofSeconds(params.getInt("window-seconds", 5));
        lines.flatMap(new TimestampedTokenizer())
                .assignTimestampsAndWatermarks(WatermarkStrategy.<Tuple3<Long, String, Integer>>forBoundedOutOfOrderness(
                        Duration.ofSeconds(2)).withTimestampAssigner((event, previous) -> event.f0))
                .keyBy(event -> event.f1)
                .window(TumblingEventTimeWindows.of(window))
                .reduce((a, b) -> Tuple3.of(Math.max(a.f0, b.f0), a.f1, a.f2 + b.f2))
                .map(new WindowLabel(window.toMillis()))
                .print();
        env.execute("Streaming WordCount");
    }

    /** Parses {@code <epoch-millis> <text>} into {@code (timestamp, word, 1)} per word. */
    public static final class TimestampedTokenizer implements FlatMapFunction<String, Tuple3<Long, String, Integer>> {
        @Override
        public void flatMap(String line, Collector<Tuple3<Long, String, Integer>> out) {
            int space = line.indexOf(' ');
            if (space <= 0) {
                return;
            }
            long timestamp;
            try {
                timestamp = Long.parseLong(line.substring(0, space));
            } catch (NumberFormatException e) {
                return;
            }
            for (String token : line.substring(space + 1).toLowerCase(Locale.ROOT).split("\\W+")) {
                if (!token.isEmpty()) {
                    out.collect(Tuple3.of(timestamp, token, 1));
                }
            }
        }
    }

    /** Turns a window's reduced value into {@code (windowEnd, word, count)}. */
    public static final class WindowLabel implements io.spindle.api.functions.MapFunction<Tuple3<Long, String, Integer>,
            Tuple3<Long, String, Integer>> {
        private final long windowMillis;

        public WindowLabel(long windowMillis) {
            this.windowMillis = windowMillis;
        }

        @Override
        public Tuple3<Long, String, Integer> map(Tuple3<Long, String, Integer> value) {
            long windowEnd = value.f0 - Math.floorMod(value.f0, windowMillis) + windowMillis;
            return Tuple3.of(windowEnd, value.f1, value.f2);
        }
    }

    /**
     * Lines {@code <timestamp> <words>} one simulated second apart, every third one two seconds
     * late; deterministic, so runs can be compared. A plain {@link SourceFunction}, so it runs as
     * one instance whatever {@code -p} says; the operators after it run in parallel.
     */
    public static final class TimestampedLineGenerator implements SourceFunction<String> {
        private static final String[] WORDS = {"stream", "batch", "yarn", "spindle", "window", "state"};
        private final long lines;
        private volatile boolean running = true;

        public TimestampedLineGenerator(long lines) {
            this.lines = lines;
        }

        @Override
        public void run(SourceContext<String> ctx) {
            for (long i = 0; i < lines && running; i++) {
                long timestamp = i * 1000 - (i % 3 == 2 ? 2000 : 0);
                ctx.collect(timestamp + " " + WORDS[(int) (i % WORDS.length)] + " " + WORDS[(int) ((i * 7) % WORDS.length)]);
            }
        }

        @Override
        public void cancel() {
            running = false;
        }
    }
}
