package io.spindle.api.functions;

/**
 * Extracts the key of a record. Keys must have a {@code hashCode} that is the same in every JVM
 * (strings, boxed primitives, tuples and records of those), since it decides the key group.
 */
@FunctionalInterface
public interface KeySelector<IN, KEY> extends Function {
    KEY getKey(IN value) throws Exception;
}
