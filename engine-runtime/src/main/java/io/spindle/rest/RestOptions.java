package io.spindle.rest;

import io.spindle.configuration.ConfigOption;
import io.spindle.configuration.ConfigOptions;
import io.spindle.configuration.MemorySize;
import java.time.Duration;

/** Options of the JobManager's REST endpoint and of its clients, named as in Apache Flink. */
public final class RestOptions {
    private RestOptions() {}

    public static final ConfigOption<String> ADDRESS = ConfigOptions.stringOption(
            "rest.address", "127.0.0.1", "Address the REST endpoint binds to and announces, and clients connect to.");

    public static final ConfigOption<Integer> PORT = ConfigOptions.intOption(
            "rest.port", 8081, "Port of the REST endpoint; 0 picks a free one.");

    public static final ConfigOption<MemorySize> SERVER_MAX_CONTENT_LENGTH = ConfigOptions.memoryOption(
            "rest.server.max-content-length", MemorySize.ofMebiBytes(100),
            "Largest request body (jar upload, job submission) the REST endpoint accepts; larger ones get 413.");

    public static final ConfigOption<Duration> IDLENESS_TIMEOUT = ConfigOptions.durationOption(
            "rest.idleness-timeout", Duration.ofSeconds(30),
            "How long a REST connection may stay silent (or leave a request half-sent) before it is closed.");

    public static final ConfigOption<String> UPLOAD_DIR = ConfigOptions.stringOption(
            "web.upload.dir", null,
            "Directory for jars uploaded through the REST endpoint; by default a fresh directory under java.io.tmpdir.");

    public static final ConfigOption<Duration> CONNECTION_TIMEOUT = ConfigOptions.durationOption(
            "rest.connection-timeout", Duration.ofSeconds(15),
            "How long a client waits for a TCP connection to the REST endpoint.");
}
