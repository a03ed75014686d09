package io.spindle.runtime.operators;

import io.spindle.api.functions.ParallelSourceFunction;
import io.spindle.api.functions.SourceFunction;

/**
 * Runs a {@link SourceFunction} at the head of a chain. {@link #run} runs the function in the
 * task thread; after every record it emits it runs the task's mailbox check, so that timers and
 * other mails of the task get their turn between records. {@link #cancel} may be called from
 * any thread.
 */
public final class StreamSource<OUT> extends AbstractUdfStreamOperator<OUT, SourceFunction<OUT>> {
    private static final long serialVersionUID = 1L;

    private transient volatile boolean canceled;

    public StreamSource(SourceFunction<OUT> source) {
        super(source);
    }

    /**
     * The API keeps a non-parallel source at parallelism 1; this guards job graphs built some
     * other way, where a second instance would emit every record again.
     */
    @Override
    public void open() throws Exception {
        int parallelism = parameters.taskInfo().parallelism();
        if (!(userFunction instanceof ParallelSourceFunction) && parallelism != 1) {
            throw new IllegalStateException("The source " + userFunction.getClass().getName() + " of task '"
                    + parameters.taskInfo().taskName() + "' is not a ParallelSourceFunction but runs with parallelism "
                    + parallelism);
        }
        super.open();
    }

    /**
     * Runs the source function until it returns (bounded input) or is canceled.
     *
     * @param emitLock held while a record or watermark goes down the chain, so that the task's
     *     timers, which may run on another thread while the function waits for input, take turns with it
     * @param mailboxCheck runs the task's pending mails; called after each emitted record
     */
    public void run(Object emitLock, Runnable mailboxCheck) throws Exception {
        if (!canceled) {
            userFunction.run(new EmittingContext(emitLock, mailboxCheck));
        }
    }

    /**
     * Asks the source function to stop; {@link #run} returns soon after. What the function still
     * emits until then is dropped: after a stop-with-savepoint nothing may follow the barrier.
     */
    public void cancel() {
        canceled = true;
        userFunction.cancel();
    }

    private final class EmittingContext implements SourceFunction.SourceContext<OUT> {
        private final Object emitLock;
        private final Runnable mailboxCheck;
        private final StreamRecord<OUT> reuse = new StreamRecord<>(null);

        EmittingContext(Object emitLock, Runnable mailboxCheck) {
            this.emitLock = emitLock;
            this.mailboxCheck = mailboxCheck;
        }

        @Override
        public void collect(OUT record) {
            collectWithTimestamp(record, StreamRecord.NO_TIMESTAMP);
        }

        @Override
        public void collectWithTimestamp(OUT record, long timestamp) {
            synchronized (emitLock) {
                if (canceled) {
                    return;
                }
                output.collect(reuse.replace(record, timestamp));
            }
            mailboxCheck.run();
        }

        @Override
        public void emitWatermark(long watermark) {
            synchronized (emitLock) {
                if (canceled) {
                    return;
                }
                output.emitWatermark(watermark);
            }
        }
    }
}
