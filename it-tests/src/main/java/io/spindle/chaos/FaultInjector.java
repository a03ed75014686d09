package io.spindle.chaos;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Carries out one fault on the sandbox against the run's application and says when it struck.
 * A TaskManager fault hits one that runs subtasks of the job (a spare one would be no fault to
 * the job), picked by the run's seeded random. A paused TaskManager is resumed after
 * {@code pauseLength} by a timer, and at the latest when the injector closes. A restart of
 * ZooKeeper or the NameNode goes on in the background, so that records flowing again can be
 * seen while it lasts.
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
    private final Supplier<Set<String>> busyTaskManagers;

    /** A fault that struck at {@code struckNanos}; {@code done} completes when its action is over. */
    record Fault(long struckNanos, CompletableFuture<Void> done) {
        static Fault struck(long nanos) {
            return new Fault(nanos, CompletableFuture.completedFuture(null));
        }
    }

    /**
     * @param leaderLatchPath the znode of the cluster's leader latch, whose leader's session a
     *     session expiry ends
     * @param busyTaskManagers the ids of the TaskManager containers that run the job's subtasks
     */
    FaultInjector(SandboxControl sandbox, String applicationId, String leaderLatchPath, Duration pauseLength,
            Random random, LongSupplier clock, Supplier<Set<String>> busyTaskManagers) {
        this.sandbox = sandbox;
        this.applicationId = applicationId;
        this.leaderLatchPath = leaderLatchPath;
        this.pauseLength = pauseLength;
        this.random = random;
        this.clock = clock;
        this.busyTaskManagers = busyTaskManagers;
    }

    /**
     * Injects {@code kind}: when it struck, and when its action is over. A fault strikes as its
     * call to the sandbox goes out (the call takes milliseconds; a restart lasts until the
     * service is back, and goes on in the background).
     */
    Fault inject(FaultKind kind) throws Exception {
        switch (kind) {
            case TASK_MANAGER_KILL -> {
                SandboxControl.Container container = pickTaskManager();
                long struck = clock.getAsLong();
                sandbox.signal(container, "KILL");
                return Fault.struck(struck);
            }
            case APPLICATION_MASTER_KILL -> {
                SandboxControl.Container container = pick(sandbox.containers(applicationId, "am"));
                long struck = clock.getAsLong();
                sandbox.signal(container, "KILL");
                return Fault.struck(struck);
            }
            case TASK_MANAGER_PAUSE -> {
                SandboxControl.Container container = pickTaskManager();
                long struck = clock.getAsLong();
                sandbox.signal(container, "STOP");
                paused.add(container);
                resumer.schedule(() -> resume(container), pauseLength.toMillis(), TimeUnit.MILLISECONDS);
                return Fault.struck(struck);
            }
            case ZOOKEEPER_SESSION_EXPIRY -> {
                long struck = clock.getAsLong();
                sandbox.expireSessionOwning(leaderLatchPath);
                return Fault.struck(struck);
            }
            case ZOOKEEPER_RESTART -> {
                return inBackground(sandbox::restartZooKeeper);
            }
            case NAMENODE_RESTART -> {
                return inBackground(sandbox::restartNameNode);
            }
            default -> throw new IllegalArgumentException("no injection for " + kind);
        }
    }

    private interface Action {
        void run() throws Exception;
    }

    private Fault inBackground(Action action) {
        long struck = clock.getAsLong();
        return new Fault(struck, CompletableFuture.runAsync(() -> {
            try {
                action.run();
            } catch (Exception e) {
                throw new IllegalStateException(e.getMessage(), e);
            }
        }));
    }

    private SandboxControl.Container pickTaskManager() throws Exception {
        List<SandboxControl.Container> all = sandbox.containers(applicationId, "taskmanager");
        Set<String> busy = busyTaskManagers.get();
        List<SandboxControl.Container> running = all.stream().filter(container -> busy.contains(container.id())).toList();
        return pick(running.isEmpty() ? all : running);
    }

    private SandboxControl.Container pick(List<SandboxControl.Container> containers) {
        if (containers.isEmpty()) {
            throw new IllegalStateException("application " + applicationId + " has no live container of that role");
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
