package io.spindle.runtime.checkpoint;

import java.util.ArrayDeque;
import java.util.concurrent.Executor;

/** Runs tasks at once, or, while held, when the test releases them. */
final class QueuedExecutor implements Executor {
    private final ArrayDeque<Runnable> queue = new ArrayDeque<>();
    private boolean held;

    @Override
    public void execute(Runnable command) {
        if (held) {
            queue.add(command);
        } else {
            command.run();
        }
    }

    void hold() {
        held = true;
    }

    /** Runs what was queued (and what that queues) and stops holding. */
    void release() {
        held = false;
        while (!queue.isEmpty()) {
            queue.poll().run();
        }
    }

    int queued() {
        return queue.size();
    }
}
