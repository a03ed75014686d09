package io.spindle.chaos;

import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Carries out one fault on the sandbox against the run's application and says when it struck.
 * Which TaskManager is hit comes from the run's seeded random. A paused TaskManager is resumed
 * after {@code pauseLength} by a timer, and at the latest when the injector closes.
 */
final class FaultInjector implements AutoCloseable {
    private final SandboxControl sandbox;
    private final String applicationId;
    private final String leaderLatchPath;
    private final Duration pauseLength;
    private final Random random;
    private final LongSupplier clock;
    private final ScheduledExecutorService resumer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "chaos-resume-paused");
        thread.setDaemon(true);
        return thread;
    });
    private final Set<SandboxControl.Container> paused = ConcurrentHashMap.newKeySet();

    /**
     * @param leaderLatchPath the znode of the cluster's leader latch, whose leader's session a
     *     session expiry ends
     */
    FaultInjector(SandboxControl sandbox, String applicationId, String leaderLatchPath, Duration pauseLength,
            Random random, LongSupplier clock) {
        this.sandbox = sandbox;
        this.applicationId = applicationId;
        this.leaderLatchPath = leaderLatchPath;
        this.pauseLength = pauseLength;
        this.random = random;
        this.clock = clock;
    }

    /** Injects {@code kind} and returns when it struck (the clock's nanos). */
    long inject(FaultKind kind) throws Exception {
        switch (kind) {
            case TASK_MANAGER_KILL -> {
                sandbox.signal(pick("taskmanager"), "KILL");
                return clock.getAsLong();
            }
            case APPLICATION_MASTER_KILL -> {
                sandbox.signal(pick("am"), "KILL");
                return clock.getAsLong();
            }
            case TASK_MANAGER_PAUSE -> {
                SandboxControl.Container container = pick("taskmanager");
                sandbox.signal(container, "STOP");
                long struck = clock.getAsLong();
                paused.add(container);
                resumer.schedule(() -> resume(container), pauseLength.toMillis(), TimeUnit.MILLISECONDS);
                return struck;
            }
            case ZOOKEEPER_SESSION_EXPIRY -> {
                sandbox.expireSessionOwning(leaderLatchPath);
                return clock.getAsLong();
            }
            // A restart strikes as it begins: the service is gone from then on until it is back.
            case ZOOKEEPER_RESTART -> {
                long struck = clock.getAsLong();
                sandbox.restartZooKeeper();
                return struck;
            }
            case NAMENODE_RESTART -> {
                long struck = clock.getAsLong();
                sandbox.restartNameNode();
                return struck;
            }
            default -> throw new IllegalArgumentException("no injection for " + kind);
        }
    }

    private SandboxControl.Container pick(String role) throws Exception {
        List<SandboxControl.Container> containers = sandbox.containers(applicationId, role);
        if (containers.isEmpty()) {
            throw new IllegalStateException("application " + applicationId + " has no live " + role + " container");
        }
        return containers.get(random.nextInt(containers.size()));
    }

    private void resume(SandboxControl.Container container) {
        if (paused.remove(container)) {
            try {
                sandbox.signal(container, "CONT");
            } catch (Exception gone) {
                // Its NodeManager killed it in the meantime: nothing left to resume.
            }
        }
    }

    @Override
    public void close() {
        resumer.shutdownNow();
        for (SandboxControl.Container container : Set.copyOf(paused)) {
            resume(container);
        }
    }
}
