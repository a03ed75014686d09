package io.spindle.it.leaks;

import java.time.Duration;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Fails a test class that leaves Spindle behind on this machine once it is done (after its
 * {@code @AfterAll}): a process it started that still runs, a thread of Spindle's components
 * still alive in this JVM, a working directory in java.io.tmpdir (JobManager, TaskManager,
 * LocalCluster, with their blobs and REST uploads). Every test class of it-tests has it, through
 * JUnit's extension autodetection. What lives inside a test's clusters (YARN applications,
 * staging directories, znodes, HA and checkpoint files) is checked with {@link ClusterLeaks} by
 * the fixtures, before they stop those clusters.
 */
public final class LeakCheckExtension implements BeforeAllCallback, AfterAllCallback {
    /** Processes exit, threads end and directories go a moment after a cluster closes. */
    private static final Duration GRACE = Duration.ofSeconds(20);
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(LeakCheckExtension.class);

    @Override
    public void beforeAll(ExtensionContext context) {
        context.getStore(NAMESPACE).put("before", LocalLeaks.snapshot());
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        LocalLeaks before = context.getStore(NAMESPACE).get("before", LocalLeaks.class);
        long deadline = System.nanoTime() + GRACE.toNanos();
        LocalLeaks left = LocalLeaks.snapshot().since(before);
        while (!left.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(200);
            left = LocalLeaks.snapshot().since(before);
        }
        if (!left.isEmpty()) {
            left.killProcesses();
            throw new AssertionError(context.getDisplayName() + " left Spindle behind on this machine:\n  "
                    + String.join("\n  ", left.describe()));
        }
    }
}
