package io.spindle.it.yarn.programs;

import io.spindle.api.JobClient;
import io.spindle.api.StreamEnvironment;
import io.spindle.api.connectors.DiscardingSink;

/**
 * Starts two unbounded jobs, "endless-a" and "endless-b", with executeAsync() and waits for both:
 * the application ends only when something stops them.
 */
public final class TwoEndlessJobs {
    private TwoEndlessJobs() {}

    public static void main(String[] args) throws Exception {
        StreamEnvironment env = StreamEnvironment.getEnvironment();
        env.setParallelism(1);
        env.addSource(new ProgramFunctions.EndlessNumbers(), "numbers a").addSink(new DiscardingSink<>());
        JobClient first = env.executeAsync("endless-a");
        env.addSource(new ProgramFunctions.EndlessNumbers(), "numbers b").addSink(new DiscardingSink<>());
        JobClient second = env.executeAsync("endless-b");
        first.getJobExecutionResult().get();
        second.getJobExecutionResult().get();
    }
}
