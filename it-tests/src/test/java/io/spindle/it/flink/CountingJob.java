package io.spindle.it.flink;

import io.spindle.api.ParameterTool;
import io.spindle.api.StreamEnvironment;
import io.spindle.api.functions.LongCounter;
import io.spindle.api.functions.MapFunction;
import io.spindle.api.functions.RichFunction;
import io.spindle.api.functions.RuntimeContext;
import io.spindle.api.functions.SinkFunction;

/**
 * A job for Flink's client to watch: counts its records in the accumulator {@code records},
 * optionally slowly ({@code --pause-ms}) so that it is still running when asked, and optionally
 * failing at a record ({@code --fail-at}). Its classes go to the cluster only in a jar built by
 * the test; no lambdas, so every class is a named file.
 */
public final class CountingJob {
    private CountingJob() {}

    public static void main(String[] args) throws Exception {
        ParameterTool params = ParameterTool.fromArgs(args);
        StreamEnvironment env = StreamEnvironment.getEnvironment();
        env.fromSequence(1, Long.parseLong(params.get("records", "1000")))
                .map(new CountingMap(Long.parseLong(params.get("pause-ms", "0")),
                        Long.parseLong(params.get("fail-at", "-1"))))
                .addSink(new DiscardingSink());
        env.execute(params.get("name", "Counting job"));
    }

    /** Counts every record; sleeps between records and fails at one if asked. */
    public static final class CountingMap implements MapFunction<Long, Long>, RichFunction {
        private final long pauseMillis;
        private final long failAt;
        private transient LongCounter records;

        CountingMap(long pauseMillis, long failAt) {
            this.pauseMillis = pauseMillis;
            this.failAt = failAt;
        }

        @Override
        public void open(RuntimeContext context) {
            records = context.getLongCounter("records");
        }

        @Override
        public Long map(Long value) throws Exception {
            if (value == failAt) {
                throw new IllegalStateException("record " + value + " is bad");
            }
            records.add(1);
            if (pauseMillis > 0) {
                Thread.sleep(pauseMillis);
            }
            return value;
        }
    }

    /** Drops every record. */
    public static final class DiscardingSink implements SinkFunction<Long> {
        @Override
        public void invoke(Long value) {}
    }
}
