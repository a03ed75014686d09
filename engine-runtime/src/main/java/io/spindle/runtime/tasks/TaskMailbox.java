package io.spindle.runtime.tasks;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.LockSupport;

/**
 * Actions for a task's thread (timers, cancellation checks, later checkpoint triggers), run
 * between records so operators never see concurrent calls. Other threads put mail; the task
 * thread polls cheaply through {@link #hasMail()} (one volatile read) and sleeps in
 * {@link #awaitWork} until mail or input arrives.
 */
public final class TaskMailbox {
    /** An action run in the task thread. */
    @FunctionalInterface
    public interface Mail {
        void run() throws Exception;
    }

    private final ConcurrentLinkedQueue<Mail> queue = new ConcurrentLinkedQueue<>();
    private volatile boolean hasMail;
    private volatile Thread taskThread;

    /** Binds the mailbox to the thread that drains it. */
    public void bindTo(Thread thread) {
        this.taskThread = thread;
    }

    public void put(Mail mail) {
        queue.add(mail);
        hasMail = true;
        wakeUp();
    }

    public boolean hasMail() {
        return hasMail;
    }

    /** Runs all mail that is there; called from the task thread only. */
    public void runMails() throws Exception {
        hasMail = false;
        Mail mail;
        while ((mail = queue.poll()) != null) {
            mail.run();
        }
    }

    /** Wakes the task thread when it sleeps in {@link #awaitWork}; callable from any thread. */
    public void wakeUp() {
        Thread thread = taskThread;
        if (thread != null) {
            LockSupport.unpark(thread);
        }
    }

    /**
     * Sleeps until {@link #wakeUp} (new input or mail) or the timeout. A wake-up that happened
     * between the caller's last check and this call is not lost: the park permit keeps it.
     */
    public void awaitWork(long timeoutNanos) {
        if (!hasMail) {
            LockSupport.parkNanos(this, timeoutNanos);
        }
    }
}
