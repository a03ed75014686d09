package io.spindle.yarn.appmaster.resources;

import io.spindle.configuration.ConfigOption;
import io.spindle.configuration.ConfigOptions;
import java.time.Duration;

/**
 * Options of the YARN resource driver: how often the ApplicationMaster talks to the YARN
 * ResourceManager and how it backs off when TaskManager containers keep failing to start.
 * Keys and meaning follow Apache Flink's.
 */
public final class YarnResourceOptions {
    private YarnResourceOptions() {}

    public static final ConfigOption<Duration> CONTAINER_REQUEST_HEARTBEAT_INTERVAL = ConfigOptions.durationOption(
            "yarn.heartbeat.container-request-interval", Duration.ofMillis(100),
            "Heartbeat interval to the YARN ResourceManager while container requests are pending. Containers"
                    + " arrive only with heartbeats, so a short interval shortens deployments.");

    public static final ConfigOption<Integer> HEARTBEAT_INTERVAL_SECONDS = ConfigOptions.intOption(
            "yarn.heartbeat.interval", 1,
            "Heartbeat interval to the YARN ResourceManager, in seconds, while no container requests are pending."
                    + " Shorter than Flink's 5 s: a request made while the heartbeat thread sleeps waits for it to wake.");

    public static final ConfigOption<Double> START_WORKER_MAX_FAILURE_RATE = ConfigOptions.doubleOption(
            "resourcemanager.start-worker-max-failure-rate", 10.0,
            "Number of TaskManager start failures per minute beyond which requesting new TaskManagers pauses"
                    + " for resourcemanager.start-worker-retry-interval.");

    public static final ConfigOption<Duration> START_WORKER_RETRY_INTERVAL = ConfigOptions.durationOption(
            "resourcemanager.start-worker-retry-interval", Duration.ofSeconds(3),
            "How long requesting new TaskManagers pauses once they fail to start too often.");
}
