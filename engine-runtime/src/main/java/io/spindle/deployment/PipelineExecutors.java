package io.spindle.deployment;

import io.spindle.configuration.Configuration;
import io.spindle.configuration.CoreOptions;
import io.spindle.configuration.IllegalConfigurationException;
import java.util.ServiceLoader;
import java.util.TreeSet;

/** Finds the executor for the configured {@code execution.target}. */
public final class PipelineExecutors {
    private PipelineExecutors() {}

    public static PipelineExecutor forConfiguration(Configuration configuration, ClassLoader classLoader) {
        String target = configuration.get(CoreOptions.EXECUTION_TARGET);
        TreeSet<String> known = new TreeSet<>();
        for (PipelineExecutorFactory factory : ServiceLoader.load(PipelineExecutorFactory.class, classLoader)) {
            if (factory.target().equals(target)) {
                return factory.create(configuration);
            }
            known.add(factory.target());
        }
        throw new IllegalConfigurationException("Unknown execution.target '" + target + "': available targets are "
                + known + " (the YARN targets need the yarn-client module on the class path)");
    }
}
