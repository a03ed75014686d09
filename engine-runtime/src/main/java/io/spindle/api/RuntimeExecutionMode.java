package io.spindle.api;

/**
 * How keyed aggregations of a job emit results, as in Flink. STREAMING emits an updated result
 * for every record; BATCH (bounded inputs only) emits one final result per key when the input ends.
 */
public enum RuntimeExecutionMode {
    STREAMING,
    BATCH
}
