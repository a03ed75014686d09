package io.spindle.deployment;

import io.spindle.configuration.Configuration;
import java.util.List;

/**
 * Starts a cluster that runs a user program's {@code main()} itself (application mode), for
 * {@code spindle run-application -t <target>}. Implementations are found with
 * {@link java.util.ServiceLoader}, so the YARN deployer lives in its own module.
 */
public interface ApplicationDeployer {
    /** The {@code execution.target} value this deployer serves, e.g. {@code yarn-application}. */
    String target();

    /**
     * Deploys the cluster and returns once it runs.
     *
     * @param jar the user jar: a local path or a URI on a shared FileSystem ({@code hdfs://...})
     * @param mainClass the entry class, or null to take the jar manifest's {@code Main-Class}
     * @return a description of the new cluster for the user (its id and REST address)
     */
    String deploy(Configuration configuration, String jar, String mainClass, List<String> args) throws Exception;
}
