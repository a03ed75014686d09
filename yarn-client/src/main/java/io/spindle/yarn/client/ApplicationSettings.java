package io.spindle.yarn.client;

import io.spindle.configuration.Configuration;
import io.spindle.ha.HighAvailabilityOptions;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Set;
import org.apache.hadoop.yarn.api.records.ApplicationSubmissionContext;
import org.apache.hadoop.yarn.api.records.Priority;
import org.apache.hadoop.yarn.api.records.Resource;

/**
 * The application's YARN settings, read from the configuration before anything is created so
 * that an invalid value fails the deployment up front.
 */
record ApplicationSettings(String name, String type, String queue, int priority, Set<String> tags, String nodeLabel,
        int attempts, Duration attemptFailuresValidityInterval, int appMasterVcores, Duration deploymentTimeout) {

    /**
     * With ZooKeeper high availability YARN may start the ApplicationMaster again, by default once
     * more ({@code yarn.application-attempts: 2}, as Flink's).
     */
    static ApplicationSettings from(Configuration configuration, String defaultName) {
        String name = configuration.get(YarnConfigOptions.APPLICATION_NAME);
        Set<String> tags = new LinkedHashSet<>();
        for (String tag : configuration.get(YarnConfigOptions.APPLICATION_TAGS).split(",")) {
            if (!tag.isBlank()) {
                tags.add(tag.trim());
            }
        }
        String nodeLabel = configuration.get(YarnConfigOptions.NODE_LABEL);
        return new ApplicationSettings(
                name == null || name.isBlank() ? defaultName : name,
                configuration.get(YarnConfigOptions.APPLICATION_TYPE),
                configuration.get(YarnConfigOptions.APPLICATION_QUEUE),
                configuration.get(YarnConfigOptions.APPLICATION_PRIORITY),
                Set.copyOf(tags),
                nodeLabel == null || nodeLabel.isBlank() ? null : nodeLabel.trim(),
                configuration.contains(YarnConfigOptions.APPLICATION_ATTEMPTS)
                        || !HighAvailabilityOptions.isZooKeeper(configuration)
                        ? configuration.get(YarnConfigOptions.APPLICATION_ATTEMPTS) : 2,
                configuration.get(YarnConfigOptions.APPLICATION_ATTEMPT_FAILURES_VALIDITY_INTERVAL),
                configuration.get(YarnConfigOptions.APP_MASTER_VCORES),
                configuration.get(YarnConfigOptions.DEPLOYMENT_TIMEOUT));
    }

    void applyTo(ApplicationSubmissionContext context, int appMasterMemoryMb) {
        context.setApplicationName(name);
        context.setApplicationType(type);
        context.setQueue(queue);
        if (priority >= 0) {
            context.setPriority(Priority.newInstance(priority));
        }
        if (!tags.isEmpty()) {
            context.setApplicationTags(tags);
        }
        if (nodeLabel != null) {
            context.setNodeLabelExpression(nodeLabel);
        }
        context.setMaxAppAttempts(attempts);
        // A later attempt inherits the TaskManagers and leaves the running tasks' state where it is.
        context.setKeepContainersAcrossApplicationAttempts(attempts > 1);
        context.setAttemptFailuresValidityInterval(attemptFailuresValidityInterval.toMillis());
        context.setResource(Resource.newInstance(appMasterMemoryMb, appMasterVcores));
    }
}
