package io.spindle.runtime.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Partition requests racing registration, failures travelling to consumers, and memory coming back. */
class PartitionLifecycleTest {

    private static final NetworkOptions OPTIONS = TestRecords.smallSegments().withPartitionRequestRetry(5, 40, 300);

    private NetworkEnvironment producerTm;
    private NetworkEnvironment consumerTm;
    private final ExecutorService threads = Executors.newCachedThreadPool();

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
    void consumerThatAsksBeforeTheProducerRegisteredIsServedOnRetry(boolean remote) throws Exception {
        ResultPartitionId id = new ResultPartitionId("job", "late", 0, 0);
        NetworkEnvironment producing = remote ? producerTm : consumerTm;
        InputGate gate = consumerTm.createInputGate("early", List.of(new InputChannelSpec(id, 0, producing.getDataAddress())));
        GateConsumer consumer = new GateConsumer(gate);
        assertThat(gate.pollNext()).isNull();

        Thread.sleep(60); // let at least one request bounce off the producer
        ResultPartition partition = producing.createResultPartition(id, 1, 0);
        byte[] record = TestRecords.record(3, 0);
        partition.emitRecord(record, 0, record.length, 0);
        partition.finish();

        TestRecords.assertRecord(consumer.awaitNext(2_000), 3, 0);
        assertThat(consumer.awaitNext(2_000).kind()).isEqualTo(InputGate.Kind.END_OF_PARTITION);
        assertThat(gate.isFinished()).isTrue();
        gate.close();
    }

    @ParameterizedTest(name = "remote={0}")
    @ValueSource(booleans = {false, true})
    void partitionThatIsNeverRegisteredFailsWithAClearError(boolean remote) throws Exception {
        ResultPartitionId id = new ResultPartitionId("job", "ghost", 2, 1);
        NetworkEnvironment producing = remote ? producerTm : consumerTm;
        InputGate gate = consumerTm.createInputGate("orphan", List.of(new InputChannelSpec(id, 0, producing.getDataAddress())));
        GateConsumer consumer = new GateConsumer(gate);

        assertThatThrownBy(() -> consumer.awaitNext(3_000))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("orphan")
                .hasMessageContaining("job/ghost#2@1 (subpartition 0) was not registered")
                .hasMessageContaining(producing.getDataAddress().toString())
                .hasMessageContaining("300 ms");
        gate.close();
    }

    @ParameterizedTest(name = "remote={0}")
    @ValueSource(booleans = {false, true})
    void producerFailureSurfacesAtTheConsumer(boolean remote) throws Exception {
        ResultPartitionId id = new ResultPartitionId("job", "failing", 0, 0);
        NetworkEnvironment producing = remote ? producerTm : consumerTm;
        ResultPartition partition = producing.createResultPartition(id, 1, 0);
        InputGate gate = consumerTm.createInputGate("victim", List.of(new InputChannelSpec(id, 0, producing.getDataAddress())));
        GateConsumer consumer = new GateConsumer(gate);
        byte[] record = TestRecords.record(1, 0);
        partition.emitRecord(record, 0, record.length, 0);
        TestRecords.assertRecord(consumer.awaitNext(2_000), 1, 0);

        partition.release(new IllegalStateException("user function threw: division by zero"));

        assertThatThrownBy(() -> consumer.awaitNext(2_000))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("job/failing#0@0")
                .hasMessageContaining(producing.getDataAddress().toString())
                .hasMessageContaining("division by zero");
        gate.close();
    }

    @Test
    void lostConnectionSurfacesAtTheConsumer() throws Exception {
        ResultPartitionId id = new ResultPartitionId("job", "crashing", 0, 0);
        ResultPartition partition = producerTm.createResultPartition(id, 1, 0);
        InputGate gate = consumerTm.createInputGate("reader", List.of(new InputChannelSpec(id, 0, producerTm.getDataAddress())));
        GateConsumer consumer = new GateConsumer(gate);
        byte[] record = TestRecords.record(1, 0);
        partition.emitRecord(record, 0, record.length, 0);
        TestRecords.assertRecord(consumer.awaitNext(2_000), 1, 0);

        String producerAddress = producerTm.getDataAddress().toString();
        producerTm.close();

        assertThatThrownBy(() -> consumer.awaitNext(2_000))
                .isInstanceOf(IOException.class)
                .hasMessageContaining(producerAddress)
                .hasMessageContaining("job/crashing#0@0");
        gate.close();
    }

    @Test
    void subpartitionCanBeConsumedOnlyOnce() throws Exception {
        ResultPartitionId id = new ResultPartitionId("job", "once", 0, 0);
        consumerTm.createResultPartition(id, 1, -1);
        InputChannelSpec spec = new InputChannelSpec(id, 0, consumerTm.getDataAddress());
        InputGate first = consumerTm.createInputGate("first", List.of(spec));
        InputGate second = consumerTm.createInputGate("second", List.of(spec));

        assertThatThrownBy(() -> new GateConsumer(second).awaitNext(2_000))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("already being consumed");
        first.close();
        second.close();
    }

    @Test
    void consumedPartitionsAndClosedGatesReturnEveryBuffer() throws Exception {
        ResultPartitionId local = new ResultPartitionId("job", "local", 0, 0);
        ResultPartitionId remote = new ResultPartitionId("job", "remote", 0, 0);
        ResultPartition localPartition = consumerTm.createResultPartition(local, 1, -1);
        ResultPartition remotePartition = producerTm.createResultPartition(remote, 1, -1);
        Future<?> producing = threads.submit(() -> {
            for (int i = 0; i < 2_000; i++) {
                byte[] record = TestRecords.record(i, 0);
                localPartition.emitRecord(record, 0, record.length, 0);
                remotePartition.emitRecord(record, 0, record.length, 0);
            }
            localPartition.finish();
            remotePartition.finish();
            return null;
        });
        InputGate gate = consumerTm.createInputGate("sink", List.of(
                new InputChannelSpec(local, 0, consumerTm.getDataAddress()),
                new InputChannelSpec(remote, 0, producerTm.getDataAddress())));
        new GateConsumer(gate).consumeAll(next -> {}, 5_000);
        producing.get(5, TimeUnit.SECONDS);
        gate.close();

        // A pipelined partition lets go of its buffers once read to the end; the remote side does so
        // when its data server has sent the last buffer.
        awaitTrue(() -> producerTm.getNumberOfRegisteredPartitions() == 0
                && producerTm.getBufferPool().getSegmentsInUse() == 0);
        assertThat(localPartition.isReleased()).isTrue();
        assertThat(consumerTm.getNumberOfRegisteredPartitions()).isZero();
        for (NetworkEnvironment tm : List.of(producerTm, consumerTm)) {
            assertThat(tm.getBufferPool().getReservedBuffers()).isZero();
            assertThat(tm.getBufferPool().getSegmentsInUse()).isZero();
        }
    }

    @Test
    void closingEnvironmentsFreesAllBuffersEvenMidStream() throws Exception {
        ResultPartitionId id = new ResultPartitionId("job", "unfinished", 0, 0);
        ResultPartition partition = producerTm.createResultPartition(id, 2, -1);
        InputGate gate = consumerTm.createInputGate("reader", List.of(new InputChannelSpec(id, 0, producerTm.getDataAddress())));
        byte[] record = TestRecords.record(5, 0);
        for (int i = 0; i < 50; i++) {
            partition.emitRecord(record, 0, record.length, 0);
        }
        partition.flushAll();
        TestRecords.assertRecord(new GateConsumer(gate).awaitNext(2_000), 5, 0);
        assertThat(producerTm.getBufferPool().getReservedBuffers()).isPositive();
        assertThat(consumerTm.getBufferPool().getReservedBuffers()).isPositive();

        consumerTm.close();
        producerTm.close();

        for (NetworkEnvironment tm : List.of(producerTm, consumerTm)) {
            assertThat(tm.getBufferPool().getReservedBuffers()).isZero();
            assertThat(tm.getBufferPool().getSegmentsInUse()).isZero();
        }
        assertThatThrownBy(() -> partition.emitRecord(record, 0, record.length, 1))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("released");
    }

    @Test
    void tooFewBuffersForAPartitionIsAClearError() {
        assertThatThrownBy(() -> producerTm.createResultPartition(new ResultPartitionId("job", "huge", 0, 0), 500, -1))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("Insufficient network buffers")
                .hasMessageContaining("totalBuffers");
    }

    static void awaitTrue(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition not reached within 5 s").isLessThan(deadline);
            Thread.sleep(5);
        }
    }
}
