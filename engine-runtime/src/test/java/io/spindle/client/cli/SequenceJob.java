package io.spindle.client.cli;

import io.spindle.api.StreamEnvironment;
import io.spindle.api.connectors.DiscardingSink;
import io.spindle.api.functions.LongCounter;
import io.spindle.api.functions.MapFunction;
import io.spindle.api.functions.RichFunction;
import io.spindle.api.functions.RuntimeContext;

/**
 * A user program for the CLI tests: counts the numbers 1..N (N = first argument) into the
 * "records" counter; with a second argument F, the job fails at the number F.
 */
public final class SequenceJob {
    private SequenceJob() {}

    public static void main(String[] args) throws Exception {
        StreamEnvironment env = StreamEnvironment.getEnvironment();
        env.fromSequence(1, Long.parseLong(args[0])).map(new CountingMap(args.length > 1 ? Long.parseLong(args[1]) : -1)).addSink(new DiscardingSink<>());
        env.execute("sequence job");
    }

    /** Counts the records it sees. */
    public static final class CountingMap implements MapFunction<Long, Long>, RichFunction {
        private static final long serialVersionUID = 1L;
        private final long failAt;
        private transient LongCounter records;

        CountingMap(long failAt) {
            this.failAt = failAt;
        }

        @Override
        public void open(RuntimeContext context) {
            records = context.getLongCounter("records");
        }

        @Override
        public Long map(Long value) {
            if (value == failAt) {
                throw new IllegalStateException("record " + value + " is bad");
            }
            records.add(1);
            return value;
        }
    }
}
