package io.spindle.deployment;

import io.spindle.configuration.Configuration;

/**
 * Creates the executor for one {@code execution.target}. Implementations are found with
 * {@link java.util.ServiceLoader}, so the YARN targets live in their own modules.
 */
public interface PipelineExecutorFactory {
    /** The {@code execution.target} value this factory serves, e.g. {@code local}. */
    String target();

    PipelineExecutor create(Configuration configuration);
}
