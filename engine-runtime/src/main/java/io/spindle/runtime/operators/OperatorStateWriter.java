package io.spindle.runtime.operators;

import java.io.DataOutput;

/** Sink for an operator's snapshot: named byte streams, one per state. */
public interface OperatorStateWriter {
    DataOutput stream(String stateName);
}
