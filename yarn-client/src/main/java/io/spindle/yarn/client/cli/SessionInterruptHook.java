package io.spindle.yarn.client.cli;

import io.spindle.yarn.client.ClusterDeploymentException;
import java.io.IOException;
import java.io.PrintStream;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.util.ShutdownHookManager;
import org.apache.hadoop.yarn.exceptions.YarnException;

/**
 * What Ctrl-C (SIGINT, also SIGTERM: both shut the JVM down) does to an attached
 * {@code yarn-session.sh}, as a JVM shutdown hook that exists only while the client is attached.
 * It goes through Hadoop's {@link ShutdownHookManager} at a priority above the FileSystem cache's,
 * so the FileSystem is still open while the hook stops a session. The interactive loop and the
 * hook take turns through {@link #handleOnce}: whichever comes first handles the end of the
 * attachment, the other does nothing. Thread-safe.
 */
final class SessionInterruptHook {
    /** Runs before Hadoop closes the cached FileSystems (priority 10). */
    static final int PRIORITY = FileSystem.SHUTDOWN_HOOK_PRIORITY + 10;
    /**
     * Longest the hook may run before the JVM goes on shutting down without it: longer than an
     * interactive {@code stop} may take (the HTTP call, {@link SessionShutdown#STOP_TIMEOUT}, then a
     * kill), because a Ctrl-C during that stop waits for it rather than cutting it short.
     */
    static final long TIMEOUT_SECONDS = SessionShutdown.STOP_TIMEOUT.toSeconds() + 30;

    /** One way the attachment ends. */
    interface Action {
        void run() throws ClusterDeploymentException, IOException, YarnException, InterruptedException;
    }

    private final Action onInterrupt;
    private final PrintStream err;
    private final Runnable hook = this::interrupted;
    private boolean handled;

    private SessionInterruptHook(Action onInterrupt, PrintStream err) {
        this.onInterrupt = onInterrupt;
        this.err = err;
    }

    /** Registers a hook that runs {@code onInterrupt} when the JVM shuts down before {@link #uninstall}. */
    static SessionInterruptHook install(Action onInterrupt, PrintStream err) {
        SessionInterruptHook interruptHook = new SessionInterruptHook(onInterrupt, err);
        ShutdownHookManager.get().addShutdownHook(interruptHook.hook, PRIORITY, TIMEOUT_SECONDS, TimeUnit.SECONDS);
        return interruptHook;
    }

    /**
     * Runs {@code action} unless the end was handled already (by the hook, or an earlier call);
     * true when it ran. Holds the turn while it runs, so the other side waits for it to finish.
     */
    synchronized boolean handleOnce(Action action)
            throws ClusterDeploymentException, IOException, YarnException, InterruptedException {
        if (handled) {
            return false;
        }
        handled = true;
        action.run();
        return true;
    }

    /** Unregisters the hook after a normal end; once the JVM is shutting down, the hook stays (it runs or ran). */
    void uninstall() {
        try {
            ShutdownHookManager.get().removeShutdownHook(hook);
        } catch (IllegalStateException shutdownInProgress) {
            // Hadoop refuses removal during shutdown; handleOnce has made the hook a no-op if it was not first.
        }
    }

    private void interrupted() {
        try {
            handleOnce(onInterrupt);
        } catch (ClusterDeploymentException | IOException | YarnException | RuntimeException e) {
            err.println("Could not finish on Ctrl-C: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("Interrupted while finishing on Ctrl-C; check the session with: yarn application -list");
        }
    }
}
