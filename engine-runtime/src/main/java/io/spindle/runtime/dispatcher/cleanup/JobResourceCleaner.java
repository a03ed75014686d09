package io.spindle.runtime.dispatcher.cleanup;

import io.spindle.runtime.messages.JobResultMessage;

/**
 * One kind of thing an ended job leaves behind, and how to delete it. Each is idempotent: what is
 * gone already is no error, so a step can be tried again, by this leader or the next.
 */
public interface JobResourceCleaner {

    /** What it deletes, as the cleanup report names it, such as {@code checkpoints}. */
    String resource();

    /** Where the job's share of it lies, for the report of what is left. */
    String location(JobResultMessage job);

    /** Deletes the job's share. Blocking: runs on the I/O executor. */
    void cleanUp(JobResultMessage job) throws Exception;

    /** A cleaner from its parts. */
    static JobResourceCleaner of(String resource, java.util.function.Function<JobResultMessage, String> location,
            Action action) {
        return new JobResourceCleaner() {
            @Override
            public String resource() {
                return resource;
            }

            @Override
            public String location(JobResultMessage job) {
                return location.apply(job);
            }

            @Override
            public void cleanUp(JobResultMessage job) throws Exception {
                action.cleanUp(job);
            }
        };
    }

    /** The deleting part of a cleaner. */
    @FunctionalInterface
    interface Action {
        void cleanUp(JobResultMessage job) throws Exception;
    }
}
