package io.spindle.runtime.operators;

import java.io.DataInput;

/** Source for restoring an operator: the streams its last snapshot wrote, null if none. */
public interface OperatorStateReader {
    DataInput stream(String stateName);
}
