package io.spindle.runtime.checkpoint;

/**
 * What a checkpoint's metadata records of an operator besides its state, so that a restore can
 * check the parallelism and key groups the state was written with. The JobMaster builds one per
 * operator of the JobGraph.
 */
public record OperatorInfo(String operatorId, String name, int parallelism, int maxParallelism) {}
