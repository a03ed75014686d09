package io.spindle.runtime.network;

import java.io.IOException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Drives an input gate like a task thread would: poll, and sleep until the gate says there is more. */
final class GateConsumer {

    interface Sink {
        void accept(InputGate.Next next) throws Exception;
    }

    private final InputGate gate;
    private final Semaphore wakeUp = new Semaphore(0);

    GateConsumer(InputGate gate) {
        this.gate = gate;
        gate.setAvailabilityListener(wakeUp::release);
    }

    /** Consumes until every channel ended; fails if no progress for {@code idleTimeoutMillis}. */
    void consumeAll(Sink sink, long idleTimeoutMillis) throws Exception {
        while (!gate.isFinished()) {
            InputGate.Next next = gate.pollNext();
            if (next != null) {
                sink.accept(next);
            } else if (!wakeUp.tryAcquire(idleTimeoutMillis, TimeUnit.MILLISECONDS)) {
                throw new TimeoutException("No data for " + idleTimeoutMillis + " ms");
            }
        }
    }

    /** Polls until something is returned or the gate throws. */
    InputGate.Next awaitNext(long timeoutMillis) throws IOException, InterruptedException, TimeoutException {
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
        while (true) {
            InputGate.Next next = gate.pollNext();
            if (next != null) {
                return next;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0 || !wakeUp.tryAcquire(left, TimeUnit.NANOSECONDS)) {
                throw new TimeoutException("Nothing arrived within " + timeoutMillis + " ms");
            }
        }
    }
}
