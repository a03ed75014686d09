package io.spindle.runtime.network;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Barrier alignment's view of the gate: a blocked channel delivers nothing more, its producer
 * backs up within its buffers, the other channel goes on, and after unblocking the blocked one
 * resumes with exactly the frame after the one that blocked it.
 */
class BlockedChannelTest {
    private static final NetworkOptions OPTIONS = TestRecords.smallSegments()
            .withChannelBuffers(2, 3)
            .withPartitionBuffers(2, 2);
    private static final int RECORD_BYTES = 20;
    private static final byte[] BARRIER = {42};

    private NetworkEnvironment producerTm;
    private NetworkEnvironment consumerTm;
    private final ExecutorService threads = Executors.newCachedThreadPool();

    @BeforeEach
    void start() throws Exception {
        producerTm = NetworkEnvironment.start("127.0.0.1", OPTIONS);
        consumerTm = NetworkEnvironment.start("127.0.0.1", OPTIONS);
    }

    @AfterEach
    void stop() throws Exception {
        threads.shutdownNow();
        consumerTm.close();
        producerTm.close();
    }

    @ParameterizedTest(name = "remote={0}")
    @ValueSource(booleans = {false, true})
    void aBlockedChannelHoldsItsDataBackUntilUnblocked(boolean remote) throws Exception {
        NetworkEnvironment producing = remote ? producerTm : consumerTm;
        ResultPartitionId fastId = new ResultPartitionId("job", "early-barrier", 0, 0);
        ResultPartitionId slowId = new ResultPartitionId("job", "late-barrier", 1, 0);
        ResultPartition early = producing.createResultPartition(fastId, 1, 0);
        ResultPartition late = producing.createResultPartition(slowId, 1, 0);
        int afterBarrier = 20_000; // far more bytes than all the buffers in play
        Future<?> earlyProducer = produce(early, 10, afterBarrier);
        Future<?> lateProducer = produce(late, 2_000, 10);
        InputGate gate = consumerTm.createInputGate("aligning", List.of(
                new InputChannelSpec(fastId, 0, producing.getDataAddress()),
                new InputChannelSpec(slowId, 0, producing.getDataAddress())));
        GateConsumer consumer = new GateConsumer(gate);

        List<List<Integer>> received = List.of(new ArrayList<>(), new ArrayList<>());
        boolean[] barrierSeen = new boolean[2];
        while (!(barrierSeen[0] && barrierSeen[1])) {
            InputGate.Next next = consumer.awaitNext(5_000);
            int channel = next.channelIndex();
            assertThat(barrierSeen[channel]).as("a blocked channel delivered more").isFalse();
            if (next.kind() == InputGate.Kind.EVENT) {
                barrierSeen[channel] = true;
                gate.blockChannel(channel);
            } else {
                received.get(channel).add(sequenceOf(next));
            }
        }
        // The early channel's producer is stuck within its buffers, far from done.
        Thread.sleep(100);
        assertThat(earlyProducer.isDone()).isFalse();
        assertThat(early.getBufferPool().getBuffersInUse()).isLessThanOrEqualTo(4);
        assertThat(received.get(0)).hasSize(10);
        assertThat(received.get(1)).hasSize(2_000);

        gate.unblockAllChannels();
        consumer.consumeAll(next -> {
            if (next.kind() == InputGate.Kind.RECORD) {
                received.get(next.channelIndex()).add(sequenceOf(next));
            }
        }, 5_000);
        earlyProducer.get(5, TimeUnit.SECONDS);
        lateProducer.get(5, TimeUnit.SECONDS);
        assertThat(received.get(0)).hasSize(10 + afterBarrier);
        assertThat(received.get(1)).hasSize(2_000 + 10);
        for (List<Integer> channel : received) {
            for (int i = 0; i < channel.size(); i++) {
                assertThat(channel.get(i)).as("record order").isEqualTo(i);
            }
        }
        gate.close();
    }

    private Future<?> produce(ResultPartition partition, int before, int after) {
        return threads.submit(() -> {
            byte[] record = new byte[RECORD_BYTES];
            for (int i = 0; i < before + after; i++) {
                if (i == before) {
                    partition.broadcastEvent(BARRIER);
                }
                writeInt(record, i);
                partition.emitRecord(record, 0, record.length, 0);
            }
            partition.finish();
            return null;
        });
    }

    private static void writeInt(byte[] bytes, int value) {
        for (int i = 0; i < 4; i++) {
            bytes[i] = (byte) (value >>> (24 - 8 * i));
        }
    }

    private static int sequenceOf(InputGate.Next next) {
        int value = 0;
        for (int i = 0; i < 4; i++) {
            value = (value << 8) | (next.array()[next.offset() + i] & 0xFF);
        }
        return value;
    }
}
