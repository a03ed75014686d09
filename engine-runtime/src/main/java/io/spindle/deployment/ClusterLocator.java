package io.spindle.deployment;

import io.spindle.configuration.Configuration;
import java.util.Optional;
import java.util.Set;

/**
 * Finds the running cluster the CLI talks to when no address is given ({@code -m} absent and no
 * {@code rest.address} configured), e.g. the YARN session that {@code yarn-session.sh} recorded.
 * Implementations are found with {@link java.util.ServiceLoader}.
 */
public interface ClusterLocator {
    /**
     * The cluster this locator knows of for the configuration, or empty when it knows of none.
     *
     * @throws Exception when a cluster is named (e.g. by a properties file) but cannot be reached;
     *     the message says what to do
     */
    Optional<LocatedCluster> locate(Configuration configuration) throws Exception;

    /** The execution targets ({@code -t} of {@code list}, {@code cancel}, ...) whose clusters this locator finds. */
    default Set<String> targets() {
        return Set.of();
    }

    /**
     * The running cluster of {@code target}, one of {@link #targets()}.
     *
     * @throws Exception when no such cluster is named or it cannot be reached; the message says what to do
     */
    default LocatedCluster require(Configuration configuration, String target) throws Exception {
        return locate(configuration).orElseThrow(() -> new IllegalStateException("No running " + target
                + " cluster found"));
    }

    /**
     * A running cluster: the {@code execution.target} that submits to it, its REST endpoint and
     * a line telling the user which cluster was picked and why.
     */
    record LocatedCluster(String executionTarget, String restHost, int restPort, String description) {}
}
