package io.spindle.yarn.client.cli;

import io.spindle.configuration.Configuration;
import io.spindle.deployment.ClusterLocator;
import io.spindle.yarn.client.ClusterClientHandle;
import io.spindle.yarn.client.ClusterDeploymentException;
import io.spindle.yarn.client.YarnClusterDescriptor;
import io.spindle.yarn.client.YarnConfigOptions;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.hadoop.yarn.api.records.ApplicationId;

/**
 * Finds the YARN session the CLI talks to: {@code yarn.application.id} when given, else the one
 * {@code yarn-session.sh} recorded in {@code .yarn-properties-<user>}. Looks at the
 * ResourceManager only when one of the two names a session. Stateless; safe from any thread.
 */
public final class YarnSessionLocator implements ClusterLocator {
    static final String NO_SESSION = "No YARN session found: start one with yarn-session.sh, or pass "
            + "-Dyarn.application.id=<id>";

    /**
     * Which session, where its id came from (for messages) and the YARN application type it was
     * recorded with ({@code yarn-session.sh -at}), null for the configured one.
     */
    public record SessionReference(ApplicationId applicationId, String source, String recordedType) {}

    /** A running session: its id and the base URL of its REST endpoint. */
    public record RunningSession(ApplicationId applicationId, String restUrl, String source) {
        public String restHost() {
            return URI.create(restUrl).getHost();
        }

        public int restPort() {
            return URI.create(restUrl).getPort();
        }
    }

    private final Map<String, String> environment;

    /** Used by {@link java.util.ServiceLoader}: reads the process environment. */
    public YarnSessionLocator() {
        this(System.getenv());
    }

    YarnSessionLocator(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
    }

    @Override
    public Optional<LocatedCluster> locate(Configuration configuration) throws ClusterDeploymentException {
        Optional<SessionReference> reference = find(configuration);
        if (reference.isEmpty()) {
            return Optional.empty();
        }
        RunningSession session = retrieve(configuration, reference.get(), environment);
        return Optional.of(new LocatedCluster(YarnSessionExecutorFactory.TARGET, session.restHost(), session.restPort(),
                "Using the YARN session " + session.applicationId() + " at " + session.restUrl()
                        + " (from " + session.source() + ")"));
    }

    /** {@code -t yarn-session} (the session named as by {@link #locate}) and {@code -t yarn-application} (by id only). */
    @Override
    public Set<String> targets() {
        return Set.of(YarnSessionExecutorFactory.TARGET, YarnApplicationDeployer.TARGET);
    }

    @Override
    public LocatedCluster require(Configuration configuration, String target) throws ClusterDeploymentException {
        String configured = configuration.get(YarnConfigOptions.APPLICATION_ID);
        if (target.equals(YarnApplicationDeployer.TARGET) && (configured == null || configured.isBlank())) {
            // The properties file records sessions only; an application cluster is named by its id, as in Flink.
            throw new ClusterDeploymentException("-t " + target + " needs the cluster's YARN application id:"
                    + " pass -Dyarn.application.id=<id> (yarn application -list shows it)");
        }
        RunningSession session = require(configuration, environment);
        return new LocatedCluster(target, session.restHost(), session.restPort(), "Using the YARN cluster "
                + session.applicationId() + " at " + session.restUrl() + " (from " + session.source() + ")");
    }

    /** The session named by {@code yarn.application.id}, else by the properties file; empty when neither names one. */
    public static Optional<SessionReference> find(Configuration configuration) throws ClusterDeploymentException {
        String configured = configuration.get(YarnConfigOptions.APPLICATION_ID);
        if (configured != null && !configured.isBlank()) {
            return Optional.of(new SessionReference(parseApplicationId(configured.trim(), "yarn.application.id"),
                    YarnConfigOptions.APPLICATION_ID.key(), null));
        }
        Path file = YarnSessionProperties.location(configuration);
        Optional<YarnSessionProperties.Session> recorded;
        try {
            recorded = YarnSessionProperties.read(file);
        } catch (IOException e) {
            throw new ClusterDeploymentException("Cannot read the YARN properties file " + file + ": " + e.getMessage(), e);
        }
        if (recorded.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new SessionReference(parseApplicationId(recorded.get().applicationId(), file.toString()),
                file.toString(), recorded.get().dynamicProperties().get(YarnConfigOptions.APPLICATION_TYPE.key())));
    }

    /** Like {@link #find} but a session is required; fails with advice when none is named. */
    public static RunningSession require(Configuration configuration, Map<String, String> environment)
            throws ClusterDeploymentException {
        SessionReference reference = find(configuration).orElseThrow(() -> new ClusterDeploymentException(NO_SESSION));
        return retrieve(configuration, reference, environment);
    }

    /** Asks the ResourceManager for the session's REST address; the session must be running. */
    static RunningSession retrieve(Configuration configuration, SessionReference reference,
            Map<String, String> environment) throws ClusterDeploymentException {
        try {
            Configuration retrieving = new Configuration(configuration);
            if (reference.recordedType() != null) {
                // Retrieving checks the application's type; a session started with -at has its own.
                retrieving.set(YarnConfigOptions.APPLICATION_TYPE, reference.recordedType());
            }
            YarnDeploymentContext context = YarnDeploymentContext.create(retrieving, environment);
            try (YarnClusterDescriptor descriptor = context.attachingDescriptor()) {
                ClusterClientHandle handle = descriptor.retrieve(reference.applicationId());
                return new RunningSession(handle.applicationId(), handle.restUrl(), reference.source());
            }
        } catch (ClusterDeploymentException e) {
            if (reference.source().equals(YarnConfigOptions.APPLICATION_ID.key())) {
                throw e;
            }
            throw new ClusterDeploymentException(e.getMessage() + " (the session " + reference.applicationId()
                    + " is named by " + reference.source() + ": delete that file if the session is gone, "
                    + "or pass -m host:port for another cluster)", e);
        }
    }

    static ApplicationId parseApplicationId(String text, String source) throws ClusterDeploymentException {
        try {
            return ApplicationId.fromString(text);
        } catch (IllegalArgumentException e) {
            throw new ClusterDeploymentException("'" + text + "' (from " + source + ") is not a YARN application id: "
                    + "it looks like application_1700000000000_0001");
        }
    }
}
