package io.spindle.yarn.appmaster.resources;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;
import org.apache.hadoop.yarn.api.records.Container;
import org.apache.hadoop.yarn.api.records.ContainerExitStatus;
import org.apache.hadoop.yarn.api.records.ContainerStatus;
import org.apache.hadoop.yarn.api.records.Priority;

/**
 * The ApplicationMaster's bookkeeping of TaskManager containers, free of YARN client calls and
 * threads so that every allocation round can be tested step by step: pending requests per
 * {@link TaskManagerResourceSpec}, containers being launched, containers running a TaskManager.
 * Every event returns an {@link AllocatorDecision} for the caller to carry out.
 *
 * <p>Replacing a TaskManager whose container exited after it started is the Spindle
 * ResourceManager's call (it asks again through {@code requestWorkers}); this class only reports
 * the exit. A container that fails to start is replaced here, because the ResourceManager still
 * counts it as requested. Start failures, and abnormal exits, are rate limited: beyond
 * {@code resourcemanager.start-worker-max-failure-rate} per minute, new requests are held back for
 * {@code resourcemanager.start-worker-retry-interval} and go out on {@link #onRetryTimer()}.
 *
 * <p>A later ApplicationMaster attempt inherits the TaskManagers of the earlier one (containers
 * kept across attempts). Until it knows them ({@link #onPreviousAttemptContainers}, from the
 * registration) it holds its requests back; each inherited container whose TaskManager has not
 * registered yet then serves one request instead of a new container.
 *
 * <p>Not thread-safe: use from one thread (the ResourceManager's main thread).
 */
public final class ContainerAllocator {
    private final StartFailureBackoff backoff;
    private final Map<TaskManagerResourceSpec, Priority> priorities = new HashMap<>();
    private final Map<Integer, TaskManagerResourceSpec> specsByPriority = new HashMap<>();
    private final Map<TaskManagerResourceSpec, Integer> pendingRequests = new HashMap<>();
    private final Map<TaskManagerResourceSpec, Integer> deferredRequests = new LinkedHashMap<>();
    private final Map<String, AllocatorDecision.ContainerLaunch> launching = new HashMap<>();
    private final Map<String, AllocatorDecision.ContainerLaunch> running = new HashMap<>();
    /** Containers we stopped on purpose: their completion is expected and not reported. */
    private final Set<String> releasedWorkers = new HashSet<>();
    /** Requests made before the previous attempt's containers were known. */
    private final Map<TaskManagerResourceSpec, Integer> heldRequests = new LinkedHashMap<>();
    /**
     * Inherited containers that no request has claimed and whose TaskManager has not registered:
     * the Spindle ResourceManager does not count them, so each may serve one of its requests.
     */
    private final Map<String, TaskManagerResourceSpec> unclaimedInherited = new LinkedHashMap<>();
    private boolean awaitingPreviousAttempt;
    private boolean checkVcores = true;

    public ContainerAllocator(double maxStartFailuresPerMinute, Duration startRetryInterval, LongSupplier clockMillis) {
        this.backoff = new StartFailureBackoff(maxStartFailuresPerMinute, startRetryInterval.toMillis(), clockMillis);
    }

    /** The YARN priority requests of {@code spec} are made under; each distinct spec has its own. */
    public Priority priorityOf(TaskManagerResourceSpec spec) {
        return priorities.computeIfAbsent(spec, s -> {
            int priority = priorities.size() + 1;
            specsByPriority.put(priority, s);
            return Priority.newInstance(priority);
        });
    }

    /**
     * Whether allocated containers must have at least the spec's vcores. YARN schedulers with the
     * default resource calculator ignore vcores and hand out containers with one; insisting on
     * more would release every container.
     */
    public void setCheckVcores(boolean checkVcores) {
        this.checkVcores = checkVcores;
    }

    /**
     * Asks for {@code count} more containers of {@code spec}: an inherited container serves a
     * request first; requests wait while the previous attempt's containers are not known yet or
     * while requests are paused.
     */
    public AllocatorDecision requestContainers(TaskManagerResourceSpec spec, int count) {
        priorityOf(spec);
        AllocatorDecision decision = AllocatorDecision.empty();
        for (int i = 0; i < count; i++) {
            requestOne(spec, decision);
        }
        return decision;
    }

    /** This is a later attempt of the application: hold requests until {@link #onPreviousAttemptContainers}. */
    public void awaitPreviousAttemptContainers() {
        awaitingPreviousAttempt = true;
    }

    /**
     * The containers YARN kept from earlier attempts, all of {@code spec} (the one TaskManager size
     * of this cluster): they count as running, serve the held requests as far as they go, and the
     * rest of the held requests go to YARN.
     */
    public AllocatorDecision onPreviousAttemptContainers(List<Container> containers, TaskManagerResourceSpec spec) {
        priorityOf(spec);
        for (Container container : containers) {
            String containerId = container.getId().toString();
            running.put(containerId, new AllocatorDecision.ContainerLaunch(container, spec));
            unclaimedInherited.put(containerId, spec);
        }
        awaitingPreviousAttempt = false;
        AllocatorDecision decision = AllocatorDecision.empty();
        heldRequests.forEach((held, count) -> {
            for (int i = 0; i < count; i++) {
                requestOne(held, decision);
            }
        });
        heldRequests.clear();
        return decision;
    }

    /** The TaskManager of {@code containerId} registered: the ResourceManager counts it from now on. */
    public void onWorkerRegistered(String containerId) {
        unclaimedInherited.remove(containerId);
    }

    /** Matches containers YARN allocated to pending requests; the rest go back to YARN. */
    public AllocatorDecision onContainersAllocated(List<Container> containers) {
        AllocatorDecision decision = AllocatorDecision.empty();
        for (Container container : containers) {
            Priority priority = container.getPriority();
            TaskManagerResourceSpec spec = priority == null ? null : specsByPriority.get(priority.getPriority());
            if (spec == null || pendingRequests.getOrDefault(spec, 0) == 0) {
                decision.containersToRelease().add(container.getId());
                continue;
            }
            // The container served one request, whether or not it is big enough.
            pendingRequests.merge(spec, -1, Integer::sum);
            decision.requestsToRemove().add(spec);
            if (!spec.fitsInto(container.getResource(), checkVcores)) {
                decision.containersToRelease().add(container.getId());
                pendingRequests.merge(spec, 1, Integer::sum);
                decision.requestsToAdd().add(spec);
                continue;
            }
            AllocatorDecision.ContainerLaunch launch = new AllocatorDecision.ContainerLaunch(container, spec);
            launching.put(container.getId().toString(), launch);
            decision.launches().add(launch);
        }
        return decision;
    }

    /** The NodeManager started the TaskManager's process. */
    public void onContainerStarted(String containerId) {
        AllocatorDecision.ContainerLaunch launch = launching.remove(containerId);
        if (launch != null) {
            running.put(containerId, launch);
        }
    }

    /** The TaskManager could not be started in the container: give it back and ask for another. */
    public AllocatorDecision onContainerStartFailed(String containerId) {
        AllocatorDecision decision = AllocatorDecision.empty();
        AllocatorDecision.ContainerLaunch launch = launching.remove(containerId);
        if (launch != null) {
            decision.containersToRelease().add(launch.container().getId());
            backoff.recordFailure();
            requestOrDefer(launch.spec(), decision);
        }
        return decision;
    }

    /** Containers ended: running TaskManagers are reported, containers still starting are replaced. */
    public AllocatorDecision onContainersCompleted(List<ContainerStatus> statuses) {
        AllocatorDecision decision = AllocatorDecision.empty();
        for (ContainerStatus status : statuses) {
            String containerId = status.getContainerId().toString();
            if (releasedWorkers.remove(containerId)) {
                continue;
            }
            AllocatorDecision.ContainerLaunch starting = launching.remove(containerId);
            if (starting != null) {
                backoff.recordFailure();
                requestOrDefer(starting.spec(), decision);
                continue;
            }
            AllocatorDecision.ContainerLaunch launch = running.remove(containerId);
            if (launch == null || unclaimedInherited.remove(containerId) != null) {
                // An inherited container that ended unclaimed and unregistered is no worker the ResourceManager knows.
                continue;
            }
            if (isTaskManagerFailure(status.getExitStatus())) {
                backoff.recordFailure();
            }
            decision.exitedWorkers().add(new AllocatorDecision.WorkerExit(containerId, describeExit(launch, status)));
        }
        return decision;
    }

    /**
     * Stops the TaskManager in {@code containerId} and gives the container back. Unknown ids
     * (already gone) give an empty decision.
     */
    public AllocatorDecision releaseWorker(String containerId) {
        AllocatorDecision decision = AllocatorDecision.empty();
        AllocatorDecision.ContainerLaunch launch = running.remove(containerId);
        if (launch == null) {
            launch = launching.remove(containerId);
        }
        unclaimedInherited.remove(containerId);
        if (launch != null) {
            releasedWorkers.add(containerId);
            decision.containersToStop().add(launch.container());
            decision.containersToRelease().add(launch.container().getId());
        }
        return decision;
    }

    /** Sends the requests held back by the start failure backoff, once it is over. */
    public AllocatorDecision onRetryTimer() {
        AllocatorDecision decision = AllocatorDecision.empty();
        if (backoff.isPaused()) {
            return decision;
        }
        deferredRequests.forEach((spec, count) -> {
            pendingRequests.merge(spec, count, Integer::sum);
            for (int i = 0; i < count; i++) {
                decision.requestsToAdd().add(spec);
            }
        });
        deferredRequests.clear();
        return decision;
    }

    /** Container requests outstanding at YARN. */
    public int pendingRequests() {
        return pendingRequests.values().stream().mapToInt(Integer::intValue).sum();
    }

    /** Requests waiting for the previous attempt's containers to be known. */
    public int heldRequests() {
        return heldRequests.values().stream().mapToInt(Integer::intValue).sum();
    }

    /** Container requests held back by the start failure backoff. */
    public int deferredRequests() {
        return deferredRequests.values().stream().mapToInt(Integer::intValue).sum();
    }

    /** Milliseconds until held-back requests may go out; zero when requests are not paused. */
    public long millisUntilRetry() {
        return backoff.millisUntilResume();
    }

    /** Containers handed to a NodeManager whose TaskManager has not started yet. */
    public int launchingContainers() {
        return launching.size();
    }

    /** Containers whose TaskManager process runs. */
    public int runningContainers() {
        return running.size();
    }

    private void requestOne(TaskManagerResourceSpec spec, AllocatorDecision decision) {
        for (Iterator<TaskManagerResourceSpec> inherited = unclaimedInherited.values().iterator(); inherited.hasNext(); ) {
            if (inherited.next().equals(spec)) {
                inherited.remove();
                return;
            }
        }
        if (awaitingPreviousAttempt) {
            heldRequests.merge(spec, 1, Integer::sum);
        } else {
            requestOrDefer(spec, decision);
        }
    }

    private void requestOrDefer(TaskManagerResourceSpec spec, AllocatorDecision decision) {
        if (backoff.isPaused()) {
            deferredRequests.merge(spec, 1, Integer::sum);
        } else {
            pendingRequests.merge(spec, 1, Integer::sum);
            decision.requestsToAdd().add(spec);
        }
    }

    /** Exits caused by the cluster (node lost, preemption) say nothing about the TaskManager's health. */
    private static boolean isTaskManagerFailure(int exitStatus) {
        return exitStatus != ContainerExitStatus.SUCCESS
                && exitStatus != ContainerExitStatus.PREEMPTED
                && exitStatus != ContainerExitStatus.ABORTED
                && exitStatus != ContainerExitStatus.DISKS_FAILED;
    }

    private static String describeExit(AllocatorDecision.ContainerLaunch launch, ContainerStatus status) {
        String diagnostics = status.getDiagnostics() == null || status.getDiagnostics().isBlank()
                ? "no diagnostics" : status.getDiagnostics().strip();
        return "container " + status.getContainerId() + " on " + launch.container().getNodeId() + " exited with status "
                + status.getExitStatus() + " (" + exitStatusMeaning(status.getExitStatus()) + "): " + diagnostics;
    }

    private static String exitStatusMeaning(int exitStatus) {
        return switch (exitStatus) {
            case ContainerExitStatus.SUCCESS -> "process ended normally";
            case ContainerExitStatus.ABORTED -> "aborted by YARN, e.g. its node was lost";
            case ContainerExitStatus.DISKS_FAILED -> "the node's disks failed";
            case ContainerExitStatus.PREEMPTED -> "preempted by the YARN scheduler";
            case ContainerExitStatus.KILLED_EXCEEDED_VMEM -> "killed for exceeding its virtual memory limit";
            case ContainerExitStatus.KILLED_EXCEEDED_PMEM -> "killed for exceeding its physical memory limit;"
                    + " give TaskManagers more memory or lower their JVM memory settings";
            case ContainerExitStatus.KILLED_BY_APPMASTER -> "killed by the ApplicationMaster";
            case ContainerExitStatus.KILLED_BY_RESOURCEMANAGER -> "killed by the YARN ResourceManager";
            default -> "the TaskManager process failed; see taskmanager.log in the container's logs";
        };
    }
}
