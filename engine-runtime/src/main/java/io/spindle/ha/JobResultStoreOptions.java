package io.spindle.ha;

import io.spindle.configuration.ConfigOption;
import io.spindle.configuration.ConfigOptions;

/** Where the results of ended jobs are kept with high availability, with Flink 1.20's keys. */
public final class JobResultStoreOptions {
    private JobResultStoreOptions() {}

    public static final ConfigOption<String> STORAGE_PATH = ConfigOptions.stringOption(
            "job-result-store.storage-path", null,
            "The directory, on a file system every JobManager reaches, of the job-result store: <jobId>_DIRTY.json"
                    + " for a job whose cleanup is not done, <jobId>.json once it is (unless deleted on commit)."
                    + " Defaults to <high-availability.storageDir>/job-result-store/<high-availability.cluster-id>."
                    + " Used with high availability only; without it, results are kept in memory.");

    public static final ConfigOption<Boolean> DELETE_ON_COMMIT = ConfigOptions.booleanOption(
            "job-result-store.delete-on-commit", true,
            "Whether a job's entry is deleted once its cleanup is done; when false it is kept as <jobId>.json, and"
                    + " deleting it is left to the user.");
}
