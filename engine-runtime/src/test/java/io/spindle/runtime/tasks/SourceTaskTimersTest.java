package io.spindle.runtime.tasks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class SourceTaskTimersTest {
    private final Object emitLock = new Object();
    private final TaskMailbox mailbox = new TaskMailbox();
    private final AtomicBoolean sourceStopped = new AtomicBoolean();
    private final SourceTaskTimers timers = new SourceTaskTimers("source (1/1)", emitLock, mailbox, () -> sourceStopped.set(true));

    @Test
    void whileTheSourceRunsTimersRunOnTheirOwnThreadUnderTheEmitLock() throws Exception {
        CountDownLatch ran = new CountDownLatch(1);
        List<String> seen = new CopyOnWriteArrayList<>();

        timers.deliver(() -> {
            seen.add(Thread.currentThread().getName() + " holds lock: " + Thread.holdsLock(emitLock));
            ran.countDown();
        });

        assertThat(ran.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(seen).containsExactly("source (1/1) timers holds lock: true");
        assertThat(mailbox.hasMail()).isFalse();
        timers.sourceEnded();
    }

    @Test
    void aTimerWaitsWhileTheSourceEmits() throws Exception {
        CountDownLatch ran = new CountDownLatch(1);
        synchronized (emitLock) {
            timers.deliver(ran::countDown);
            assertThat(ran.await(200, TimeUnit.MILLISECONDS)).as("runs only once the emission is done").isFalse();
        }
        assertThat(ran.await(10, TimeUnit.SECONDS)).isTrue();
        timers.sourceEnded();
    }

    @Test
    void onceTheSourceEndedTimersBecomeMail() throws Exception {
        List<String> ran = new CopyOnWriteArrayList<>();
        timers.sourceEnded();

        timers.deliver(() -> ran.add("timer"));

        assertThat(mailbox.hasMail()).isTrue();
        mailbox.runMails();
        assertThat(ran).containsExactly("timer");
    }

    @Test
    void aFailedTimerStopsTheSourceAndItsFailureIsRethrown() throws Exception {
        timers.deliver(() -> {
            throw new IllegalStateException("timer broke");
        });
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!sourceStopped.get() && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }

        assertThat(sourceStopped).isTrue();
        timers.sourceEnded();
        assertThatThrownBy(timers::rethrowFailure).isInstanceOf(IllegalStateException.class).hasMessage("timer broke");
    }
}
