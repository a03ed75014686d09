package io.spindle.runtime.operators;

/** An operator with one (possibly unioned) input. */
public interface OneInputStreamOperator<IN, OUT> extends StreamOperator<OUT> {
    void processElement(StreamRecord<IN> record) throws Exception;
}
