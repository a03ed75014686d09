package io.spindle.runtime.network;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The data plane's part of unaligned checkpoints, locally and over TCP: a priority event sent
 * while the queues are full arrives ahead of the records queued before it, those records are
 * still delivered after it, and what the producer and the consumer report as overtaken restores
 * exactly those records (records spanning buffers included) into a new partition and gate.
 */
class PriorityEventTest {
    private static final NetworkOptions OPTIONS = TestRecords.smallSegments()
            .withChannelBuffers(2, 2)
            .withPartitionBuffers(3, 3);
    private static final int SALT = 5;
    private static final int RECORDS = 3_000;
    private static final int EVENT_AFTER = 2_000;
    private static final byte[] EVENT = {7, 7, 7};

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
    void aPriorityEventOvertakesTheQueuesAndWhatItOvertookRestoresTheStream(boolean remote) throws Exception {
        NetworkEnvironment producing = remote ? producerTm : consumerTm;
        ResultPartitionId id = new ResultPartitionId("job", "priority", 0, 0);
        ResultPartition partition = producing.createResultPartition(id, 1, 0);
        OvertakenData[] producerOvertaken = new OvertakenData[1];
        Future<?> producer = threads.submit(() -> {
            for (int i = 0; i < RECORDS; i++) {
                if (i == EVENT_AFTER) {
                    producerOvertaken[0] = partition.broadcastPriorityEvent(EVENT)[0];
                }
                byte[] record = TestRecords.record(i, SALT);
                partition.emitRecord(record, 0, record.length, 0);
            }
            partition.finish();
            return null;
        });
        InputGate gate = consumerTm.createInputGate("overtaken", List.of(
                new InputChannelSpec(id, 0, producing.getDataAddress())));
        GateConsumer consumer = new GateConsumer(gate);

        List<Integer> beforeEvent = new ArrayList<>();
        List<Integer> afterEvent = new ArrayList<>();
        byte[][] consumerOvertaken = new byte[1][];
        consumer.consumeAll(next -> {
            if (next.kind() == InputGate.Kind.EVENT) {
                assertThat(next.priority()).isTrue();
                consumerOvertaken[0] = gate.takeOvertaken();
                return;
            }
            if (next.kind() == InputGate.Kind.RECORD) {
                (consumerOvertaken[0] == null ? beforeEvent : afterEvent).add(sequenceOf(next));
                if (consumerOvertaken[0] == null) {
                    Thread.sleep(1); // a slow consumer: the producer fills its buffers and the event must overtake them
                }
            }
        }, 5_000);
        producer.get(5, TimeUnit.SECONDS);
        gate.close();

        int overtaken = EVENT_AFTER - beforeEvent.size();
        assertThat(overtaken).as("records the event overtook").isPositive();
        assertThat(beforeEvent).isEqualTo(range(0, beforeEvent.size()));
        assertThat(afterEvent).as("the overtaken records still follow the event").isEqualTo(range(beforeEvent.size(), RECORDS));

        // Restore what the event overtook: the producer's queued bytes into a fresh partition, the consumer's into its gate.
        ResultPartitionId restoredId = new ResultPartitionId("job", "priority", 0, 1);
        ResultPartition restoredPartition = producing.createResultPartition(restoredId, 1, 0);
        Future<?> restorer = threads.submit(() -> {
            restoredPartition.restoreSubpartition(0, producerOvertaken[0]);
            restoredPartition.finish();
            return null;
        });
        InputGate restoredGate = consumerTm.createInputGate("restored", List.of(
                new InputChannelSpec(restoredId, 0, producing.getDataAddress())), Map.of(0, consumerOvertaken[0]));
        List<Integer> restored = new ArrayList<>();
        new GateConsumer(restoredGate).consumeAll(next -> {
            if (next.kind() == InputGate.Kind.RECORD) {
                TestRecords.assertRecord(next, beforeEvent.size() + restored.size(), SALT);
                restored.add(sequenceOf(next));
            }
        }, 5_000);
        restorer.get(5, TimeUnit.SECONDS);
        restoredGate.close();
        assertThat(restored).as("exactly the overtaken records, in order").isEqualTo(range(beforeEvent.size(), EVENT_AFTER));
    }

    private static List<Integer> range(int from, int to) {
        List<Integer> values = new ArrayList<>();
        for (int i = from; i < to; i++) {
            values.add(i);
        }
        return values;
    }

    private static int sequenceOf(InputGate.Next next) {
        int value = 0;
        for (int i = 0; i < 4; i++) {
            value = (value << 8) | (next.array()[next.offset() + i] & 0xFF);
        }
        return value;
    }
}
