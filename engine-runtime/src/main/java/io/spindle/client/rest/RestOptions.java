package io.spindle.client.rest;

import io.spindle.configuration.ConfigOption;
import io.spindle.configuration.ConfigOptions;
import java.time.Duration;

/** Where clients find a cluster's REST endpoint, and how long they try to reach it. */
public final class RestOptions {
    private RestOptions() {}

    public static final ConfigOption<String> ADDRESS = ConfigOptions.stringOption(
            "rest.address", "127.0.0.1", "Host name or IP address of the JobManager's REST endpoint.");

    public static final ConfigOption<Integer> PORT = ConfigOptions.intOption(
            "rest.port", 8081, "Port of the JobManager's REST endpoint.");

    public static final ConfigOption<Duration> CONNECTION_TIMEOUT = ConfigOptions.durationOption(
            "rest.connection-timeout", Duration.ofSeconds(15),
            "How long a client waits for a TCP connection to the REST endpoint.");
}
