package io.spindle.runtime.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spindle.serialization.DataInputDeserializer;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Key groups serialized on several threads reach the consumer in order, with their own bytes;
 * a failure on either side ends the write with that failure; an interrupted write stops; and in
 * every case no serializer thread runs any longer when the write returns.
 */
class ParallelKeyGroupSerializerTest {
    private static final int FIRST_KEY_GROUP = 10;

    @AfterEach
    void noSerializerThreadIsLeft() throws InterruptedException {
        assertNoSerializerThreadsSoon();
    }

    @Test
    void keyGroupsFinishedOutOfOrderAreConsumedInOrder() throws Exception {
        List<Integer> consumed = new ArrayList<>();
        List<String> contents = new ArrayList<>();
        ParallelKeyGroupSerializer.serialize(FIRST_KEY_GROUP, 40, 3, (index, out) -> {
            // Later key groups finish first, and some are much larger than the others.
            sleepMillis((40 - index) % 7);
            out.writeString("group " + index + "x".repeat(index % 5 == 0 ? 100_000 : index));
        }, (keyGroup, bytes, offset, length) -> {
            consumed.add(keyGroup);
            contents.add(decode(bytes, offset, length));
        });

        for (int index = 0; index < 40; index++) {
            assertThat(consumed.get(index)).isEqualTo(FIRST_KEY_GROUP + index);
            assertThat(contents.get(index)).isEqualTo("group " + index + "x".repeat(index % 5 == 0 ? 100_000 : index));
        }
        assertThat(consumed).hasSize(40);
    }

    @Test
    void theSameBytesAsInOneThread() throws Exception {
        ParallelKeyGroupSerializer.KeyGroupWriter writer = (index, out) -> {
            for (int i = 0; i < index * 100; i++) {
                out.writeVarInt(i * index);
            }
        };
        assertThat(written(4, writer)).isEqualTo(written(1, writer));
    }

    @Test
    void aKeyGroupThatFailsEndsTheWriteWithItsFailureAndNothingAfterIsConsumed() {
        List<Integer> consumed = new ArrayList<>();
        IOException failure = new IOException("cannot serialize this value");
        assertThatThrownBy(() -> ParallelKeyGroupSerializer.serialize(FIRST_KEY_GROUP, 100, 2, (index, out) -> {
            if (index == 7) {
                throw failure;
            }
            out.writeInt(index);
        }, (keyGroup, bytes, offset, length) -> consumed.add(keyGroup))).isSameAs(failure);
        assertThat(consumed).containsExactly(10, 11, 12, 13, 14, 15, 16);
    }

    @Test
    void anUncheckedFailureIsRethrownAsItIs() {
        IllegalArgumentException failure = new IllegalArgumentException("a hidden class");
        assertThatThrownBy(() -> ParallelKeyGroupSerializer.serialize(0, 10, 2, (index, out) -> {
            throw failure;
        }, (keyGroup, bytes, offset, length) -> {})).isSameAs(failure);
    }

    @Test
    void aConsumerThatFailsStopsTheSerializersBeforeTheWriteReturns() {
        AtomicInteger started = new AtomicInteger();
        IOException diskFull = new IOException("No space left on device");
        assertThatThrownBy(() -> ParallelKeyGroupSerializer.serialize(0, 1_000, 2, (index, out) -> {
            started.incrementAndGet();
            sleepMillis(1);
        }, (keyGroup, bytes, offset, length) -> {
            if (keyGroup == 3) {
                throw diskFull;
            }
        })).isSameAs(diskFull);
        // The window: the key groups consumed, the one that failed, and at most threads + 1 serialized ahead.
        assertThat(started.get()).isLessThanOrEqualTo(4 + 3);
    }

    @Test
    void anInterruptedWriteStopsAndWaitsForTheKeyGroupsBeingSerialized() throws Exception {
        CountDownLatch serializing = new CountDownLatch(1);
        CountDownLatch finishSerializing = new CountDownLatch(1);
        AtomicInteger running = new AtomicInteger();
        AtomicInteger runningWhenReturned = new AtomicInteger(-1);
        AtomicReference<Throwable> outcome = new AtomicReference<>();
        AtomicReference<Boolean> interruptKept = new AtomicReference<>();
        Thread writer = new Thread(() -> {
            try {
                ParallelKeyGroupSerializer.serialize(0, 100, 2, (index, out) -> {
                    running.incrementAndGet();
                    try {
                        serializing.countDown();
                        // Serialization does not react to interrupts: the write must wait for it.
                        awaitUninterruptibly(finishSerializing);
                    } finally {
                        running.decrementAndGet();
                    }
                }, (keyGroup, bytes, offset, length) -> {});
            } catch (Throwable t) {
                outcome.set(t);
            }
            runningWhenReturned.set(running.get());
            interruptKept.set(Thread.currentThread().isInterrupted());
        }, "test-checkpoint-writer");
        writer.start();
        assertThat(serializing.await(10, TimeUnit.SECONDS)).isTrue();

        writer.interrupt();
        CompletableFuture.runAsync(() -> {
            sleepMillis(200);
            finishSerializing.countDown();
        });
        writer.join(10_000);

        assertThat(writer.isAlive()).isFalse();
        assertThat(outcome.get()).isInstanceOf(InterruptedIOException.class);
        assertThat(runningWhenReturned.get()).isZero();
        assertThat(interruptKept.get()).isTrue();
    }

    @Test
    void oneThreadOrOneKeyGroupStartsNoThread() throws Exception {
        List<String> threads = new ArrayList<>();
        ParallelKeyGroupSerializer.serialize(0, 5, 1, (index, out) -> threads.add(Thread.currentThread().getName()),
                (keyGroup, bytes, offset, length) -> {});
        ParallelKeyGroupSerializer.serialize(0, 1, 4, (index, out) -> threads.add(Thread.currentThread().getName()),
                (keyGroup, bytes, offset, length) -> {});
        assertThat(threads).containsOnly(Thread.currentThread().getName());
    }

    private static List<String> written(int threads, ParallelKeyGroupSerializer.KeyGroupWriter writer)
            throws IOException {
        List<String> keyGroups = new ArrayList<>();
        ParallelKeyGroupSerializer.serialize(0, 30, threads, writer, (keyGroup, bytes, offset, length) ->
                keyGroups.add(keyGroup + ":" + HexFormat.of().formatHex(bytes, offset, offset + length)));
        return keyGroups;
    }

    private static String decode(byte[] bytes, int offset, int length) throws IOException {
        return new DataInputDeserializer(bytes, offset, length).readString();
    }

    /** A pool's thread may still be on its way out for an instant after the pool terminated. */
    private static void assertNoSerializerThreadsSoon() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!serializerThreads().isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(serializerThreads()).isEmpty();
    }

    private static List<Thread> serializerThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.getName().equals("keyed-state-serializer"))
                .toList();
    }

    private static void sleepMillis(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void awaitUninterruptibly(CountDownLatch latch) {
        boolean interrupted = false;
        while (true) {
            try {
                latch.await();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
