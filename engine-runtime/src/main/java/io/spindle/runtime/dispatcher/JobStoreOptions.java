package io.spindle.runtime.dispatcher;

import io.spindle.configuration.ConfigOption;
import io.spindle.configuration.ConfigOptions;
import io.spindle.configuration.Configuration;
import java.time.Duration;

/** How many ended jobs a JobManager holds for monitoring, and for how long, with Flink 1.20's keys. */
public final class JobStoreOptions {
    private JobStoreOptions() {}

    public static final ConfigOption<Integer> MAX_CAPACITY = ConfigOptions.intOption("jobstore.max-capacity",
            Integer.MAX_VALUE, "Ended jobs held for the REST API and spindle list -a; beyond it the oldest go first.");

    public static final ConfigOption<Duration> EXPIRATION_TIME = ConfigOptions.secondsOption("jobstore.expiration-time",
            Duration.ofHours(1), "How long an ended job is held for the REST API and spindle list -a after it ended"
                    + " here. A job that is gone is still never run twice under its id: the job-result store knows it.");

    /** The bounds of the ended jobs a Dispatcher holds. */
    public record Limits(int maxCapacity, Duration expiration) {
        public static Limits fromConfiguration(Configuration configuration) {
            return new Limits(configuration.get(MAX_CAPACITY), configuration.get(EXPIRATION_TIME));
        }
    }
}
