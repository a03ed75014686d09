package io.spindle.client.rest;

import io.spindle.configuration.Configuration;
import io.spindle.deployment.ClusterLocator;
import io.spindle.ha.HighAvailabilityOptions;
import io.spindle.ha.HighAvailabilityServices;
import io.spindle.ha.HighAvailabilityServicesLoader;
import io.spindle.ha.LeaderInformation;
import io.spindle.ha.LeaderRetrievalListener;
import io.spindle.ha.LeaderRetrievalService;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Finds the REST endpoint of the leading JobManager of a highly available cluster, as the
 * leader published it (in ZooKeeper, its {@code connection_info} node), so that the CLI reaches
 * whichever JobManager leads now without an address. Knows of nothing with
 * {@code high-availability.type: none}. The CLI asks it last, after the locators that find a
 * cluster by a record of their own (a YARN session's properties file).
 */
public final class LeaderRestEndpointLocator implements ClusterLocator {
    private final Duration wait;

    /** @param wait how long to wait for a leader to be published before giving up with an error */
    public LeaderRestEndpointLocator(Duration wait) {
        this.wait = wait;
    }

    @Override
    public Optional<LocatedCluster> locate(Configuration configuration) throws Exception {
        if (!HighAvailabilityOptions.isEnabled(configuration)) {
            return Optional.empty();
        }
        LeaderInformation leader = awaitLeader(configuration);
        if (leader.restAddress() == null) {
            throw new IllegalStateException("The leading JobManager (" + leader.rpcAddress()
                    + ") published no REST address; pass -m host:port");
        }
        URI rest = URI.create(leader.restAddress());
        return Optional.of(new LocatedCluster("remote", rest.getHost(), rest.getPort(),
                "Using the leading JobManager at " + rest.getHost() + ":" + rest.getPort() + " (from "
                        + where(configuration) + ")"));
    }

    private LeaderInformation awaitLeader(Configuration configuration) throws Exception {
        CompletableFuture<LeaderInformation> found = new CompletableFuture<>();
        try (HighAvailabilityServices services = HighAvailabilityServicesLoader.load(configuration, "unused:0");
                LeaderRetrievalService retrieval = services.getJobManagerLeaderRetriever()) {
            retrieval.start(new LeaderRetrievalListener() {
                @Override
                public void notifyLeader(LeaderInformation leader) {
                    if (leader != null) {
                        found.complete(leader);
                    }
                }

                @Override
                public void handleError(Exception error) {
                    found.completeExceptionally(error);
                }
            });
            return found.get(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException noLeader) {
            throw new IllegalStateException("No JobManager leads the cluster in " + where(configuration) + " (waited "
                    + wait.toSeconds() + " s): start the cluster, check that " + HighAvailabilityOptions.ZOOKEEPER_ROOT.key()
                    + " and " + HighAvailabilityOptions.CLUSTER_ID.key() + " are the cluster's, or pass -m host:port");
        }
    }

    private static String where(Configuration configuration) {
        return "ZooKeeper at " + configuration.get(HighAvailabilityOptions.ZOOKEEPER_QUORUM) + ", root "
                + configuration.get(HighAvailabilityOptions.ZOOKEEPER_ROOT) + ", cluster id "
                + configuration.get(HighAvailabilityOptions.CLUSTER_ID);
    }
}
