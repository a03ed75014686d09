package io.spindle.client.cli;

import io.spindle.configuration.Configuration;
import io.spindle.deployment.ApplicationDeployer;
import io.spindle.deployment.ClusterLocator;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.TreeSet;

/**
 * The {@code -t <target>} of the CLI's verbs, as Flink's: the application-mode targets that start
 * a cluster for {@code run} and {@code run-application}, and the targets through which
 * {@code list}, {@code status} and {@code cancel} find a running cluster. Both come from
 * {@link ServiceLoader} (the YARN ones from yarn-client when it is on the class path).
 */
final class ClusterTargets {
    static final String REMOTE = "remote";

    private ClusterTargets() {}

    /** The deployer of an application-mode target (e.g. yarn-application), if {@code target} is one. */
    static Optional<ApplicationDeployer> applicationDeployer(String target) {
        if (target == null) {
            return Optional.empty();
        }
        for (ApplicationDeployer candidate : applicationDeployers()) {
            if (candidate.target().equals(target)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    static TreeSet<String> applicationTargets() {
        TreeSet<String> known = new TreeSet<>();
        applicationDeployers().forEach(deployer -> known.add(deployer.target()));
        return known;
    }

    /**
     * The running cluster of {@code target}: empty for {@value #REMOTE}, which is addressed by -m or
     * rest.address and rest.port alone.
     *
     * @param jobManagerGiven whether -m was given, which only {@value #REMOTE} goes with
     */
    static Optional<ClusterLocator.LocatedCluster> runningCluster(String target, Configuration configuration,
            boolean jobManagerGiven) throws Exception {
        if (target.equals(REMOTE)) {
            return Optional.empty();
        }
        TreeSet<String> known = new TreeSet<>(List.of(REMOTE));
        for (ClusterLocator locator : ServiceLoader.load(ClusterLocator.class, ClusterTargets.class.getClassLoader())) {
            known.addAll(locator.targets());
            if (locator.targets().contains(target)) {
                if (jobManagerGiven) {
                    throw new UsageException("-m gives the cluster's address, while -t " + target + " finds the cluster"
                            + " itself: drop -m, or use -t " + REMOTE + " with -m");
                }
                return Optional.of(locator.require(configuration, target));
            }
        }
        throw new UsageException("Unknown target '" + target + "' for -t: the known targets are " + known
                + (known.size() == 1 ? " (the YARN targets need the yarn-client module on the class path)" : ""));
    }

    private static ServiceLoader<ApplicationDeployer> applicationDeployers() {
        return ServiceLoader.load(ApplicationDeployer.class, ClusterTargets.class.getClassLoader());
    }
}
