package io.spindle.ha;

import io.spindle.graph.JobGraph;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The job graphs of a cluster without HA: they last as long as the JobManager process. */
final class InMemoryJobGraphStore implements JobGraphStore {
    private final Map<String, JobGraph> jobGraphs = new ConcurrentHashMap<>();

    @Override
    public void putJobGraph(JobGraph jobGraph) {
        jobGraphs.put(jobGraph.getJobId().toHexString(), jobGraph);
    }

    @Override
    public JobGraph recoverJobGraph(String jobId) {
        return jobGraphs.get(jobId);
    }

    @Override
    public void removeJobGraph(String jobId) {
        jobGraphs.remove(jobId);
    }

    @Override
    public Collection<String> getJobIds() {
        return List.copyOf(jobGraphs.keySet());
    }
}
