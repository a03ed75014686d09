package io.spindle.runtime.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A consumer that does not keep up blocks its producer, and memory stays within the configured buffers. */
class BackpressureTest {

    private static final int PARTITION_BUFFERS = 2 + 2;
    private static final int GATE_BUFFERS = 2 + 3;
    private static final int RECORD_BYTES = 20;
    private static final NetworkOptions OPTIONS = TestRecords.smallSegments()
            .withChannelBuffers(2, 3)
            .withPartitionBuffers(2, 2);

    private NetworkEnvironment producerTm;
    private NetworkEnvironment consumerTm;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final AtomicReference<Thread> producerThread = new AtomicReference<>();
    private final AtomicInteger emitted = new AtomicInteger();

    @BeforeEach
    void startTaskManagers() throws Exception {
        producerTm = NetworkEnvironment.start("127.0.0.1", OPTIONS);
        consumerTm = NetworkEnvironment.start("127.0.0.1", OPTIONS);
    }

    @AfterEach
    void stopTaskManagers() throws Exception {
        threads.shutdownNow();
        consumerTm.close();
        producerTm.close();
        assertThat(threads.awaitTermination(5, TimeUnit.SECONDS)).isTrue();
    }

    @ParameterizedTest(name = "remote={0}")
    @ValueSource(booleans = {false, true})
    void slowConsumerBlocksTheProducerWithinBoundedMemory(boolean remote) throws Exception {
        NetworkEnvironment producing = remote ? producerTm : consumerTm;
        ResultPartitionId id = new ResultPartitionId("job", "fast", 0, 0);
        ResultPartition partition = producing.createResultPartition(id, 1, -1);
        int records = 50_000; // 1.2 MB framed: far more than the 4 + 5 one-KiB buffers in play
        Future<?> producer = startProducer(partition, records);
        InputGate gate = consumerTm.createInputGate("slow", List.of(new InputChannelSpec(id, 0, producing.getDataAddress())));

        awaitProducerBlocked();
        int emittedWhileBlocked = emitted.get();
        int buffersInPlay = PARTITION_BUFFERS + (remote ? GATE_BUFFERS : 0);
        assertThat(emittedWhileBlocked).isLessThan(records);
        assertThat((long) emittedWhileBlocked * (RECORD_BYTES + Framing.HEADER_BYTES))
                .isLessThanOrEqualTo((long) (buffersInPlay + 1) * OPTIONS.segmentSize());
        assertThat(partition.getBufferPool().getBuffersInUse()).isEqualTo(PARTITION_BUFFERS);

        int[] received = {0};
        new GateConsumer(gate).consumeAll(next -> {
            if (next.kind() == InputGate.Kind.RECORD) {
                assertThat(next.length()).isEqualTo(RECORD_BYTES);
                assertThat(next.array()[next.offset()]).isEqualTo((byte) received[0]++);
            }
        }, 5_000);
        producer.get(5, TimeUnit.SECONDS);

        assertThat(received[0]).isEqualTo(records);
        assertThat(partition.getBufferPool().getMaxBuffersInUse()).isLessThanOrEqualTo(PARTITION_BUFFERS);
        assertThat(gate.getBufferPool().getCapacity()).isEqualTo(remote ? GATE_BUFFERS : 0);
        assertThat(gate.getBufferPool().getMaxBuffersInUse()).isLessThanOrEqualTo(gate.getBufferPool().getCapacity());
        if (remote) {
            // The producer's backlog made the consumer borrow floating buffers beyond the 2 exclusive ones.
            assertThat(gate.getBufferPool().getMaxBuffersInUse()).isGreaterThan(2);
        }
        gate.close();
    }

    @Test
    void releaseWakesABlockedProducerWithTheCause() throws Exception {
        ResultPartitionId id = new ResultPartitionId("job", "stuck", 0, 0);
        ResultPartition partition = producerTm.createResultPartition(id, 1, -1);
        Future<?> producer = startProducer(partition, Integer.MAX_VALUE);
        InputGate gate = consumerTm.createInputGate("idle", List.of(new InputChannelSpec(id, 0, producerTm.getDataAddress())));
        awaitProducerBlocked();

        partition.release(new IllegalStateException("task cancelled"));

        assertThatThrownBy(() -> producer.get(5, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .cause()
                .isInstanceOf(IOException.class)
                .hasMessageContaining("released")
                .hasRootCauseMessage("task cancelled");
        assertThatThrownBy(() -> new GateConsumer(gate).consumeAll(next -> {}, 5_000))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("task cancelled");
        gate.close();
        PartitionLifecycleTest.awaitTrue(() -> producerTm.getBufferPool().getReservedBuffers() == 0
                && consumerTm.getBufferPool().getReservedBuffers() == 0);
    }

    private Future<?> startProducer(ResultPartition partition, int records) {
        return threads.submit(() -> {
            producerThread.set(Thread.currentThread());
            byte[] record = new byte[RECORD_BYTES];
            for (int i = 0; i < records; i++) {
                record[0] = (byte) i;
                partition.emitRecord(record, 0, record.length, 0);
                emitted.incrementAndGet();
            }
            partition.finish();
            return null;
        });
    }

    /** Blocked = parked waiting for a buffer, with no progress over a few checks. */
    private void awaitProducerBlocked() throws InterruptedException {
        int stableChecks = 0;
        int last = -1;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (stableChecks < 5) {
            assertThat(System.nanoTime()).as("producer never blocked").isLessThan(deadline);
            Thread.sleep(10);
            Thread thread = producerThread.get();
            int now = emitted.get();
            boolean waiting = thread != null && thread.getState() == Thread.State.WAITING;
            stableChecks = waiting && now == last ? stableChecks + 1 : 0;
            last = now;
        }
    }
}
