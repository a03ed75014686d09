package io.spindle.runtime.tasks;

import io.spindle.runtime.operators.OneInputStreamOperator;
import io.spindle.runtime.operators.Output;
import io.spindle.runtime.operators.StreamRecord;
import io.spindle.runtime.operators.WatermarkStatus;

/** Hands records of one operator straight to the next operator of the chain: a method call, no copy. */
final class ChainingOutput<T> implements Output<T> {
    private final OneInputStreamOperator<T, ?> next;

    ChainingOutput(OneInputStreamOperator<T, ?> next) {
        this.next = next;
    }

    @Override
    public void collect(StreamRecord<T> record) {
        try {
            next.processElement(record);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new ChainedOperatorException(e);
        }
    }

    @Override
    public void emitWatermark(long watermark) {
        try {
            next.processWatermark(watermark);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new ChainedOperatorException(e);
        }
    }

    @Override
    public void emitWatermarkStatus(WatermarkStatus status) {
        try {
            next.processWatermarkStatus(status);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new ChainedOperatorException(e);
        }
    }

    /** Carries a checked exception of a chained operator up to the task, which unwraps it. */
    static final class ChainedOperatorException extends RuntimeException {
        ChainedOperatorException(Exception cause) {
            super(cause);
        }
    }
}
