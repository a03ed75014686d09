package io.spindle.runtime.network;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Records, events and end-of-partition through local and remote channels, two TaskManagers in one JVM. */
class DataExchangeTest {

    private NetworkEnvironment producerTm;
    private NetworkEnvironment consumerTm;
    private final ExecutorService producers = Executors.newCachedThreadPool();

    @BeforeEach
    void startTaskManagers() throws Exception {
        producerTm = NetworkEnvironment.start("127.0.0.1", TestRecords.smallSegments());
        consumerTm = NetworkEnvironment.start("127.0.0.1", TestRecords.smallSegments());
    }

    @AfterEach
    void stopTaskManagers() throws Exception {
        producers.shutdownNow();
        consumerTm.close();
        producerTm.close();
        assertThat(producers.awaitTermination(5, TimeUnit.SECONDS)).isTrue();
    }

    static Stream<Arguments> transportsAndFlushTimeouts() {
        return Stream.of(false, true).flatMap(remote -> Stream.of(-1L, 0L, 5L).map(t -> Arguments.of(remote, t)));
    }

    @ParameterizedTest(name = "remote={0}, flushTimeout={1}")
    @MethodSource("transportsAndFlushTimeouts")
    void deliversEveryRecordInOrderIncludingRecordsLargerThanASegment(boolean remote, long flushTimeout) throws Exception {
        ResultPartitionId id = partitionId("map", 0);
        ResultPartition partition = producing(remote).createResultPartition(id, 2, flushTimeout);
        int records = 20_000;
        Future<?> producing = produce(() -> {
            for (int i = 0; i < records; i++) {
                byte[] bytes = TestRecords.record(i, 1);
                partition.emitRecord(bytes, 0, bytes.length, 1);
            }
            partition.finish();
            return null;
        });
        InputGate gate = consumerTm.createInputGate("sink", List.of(spec(id, 1, remote)));

        int[] received = {0};
        new GateConsumer(gate).consumeAll(next -> {
            if (next.kind() == InputGate.Kind.RECORD) {
                TestRecords.assertRecord(next, received[0]++, 1);
            } else {
                assertThat(next.kind()).isEqualTo(InputGate.Kind.END_OF_PARTITION);
            }
        }, 5_000);

        producing.get(5, TimeUnit.SECONDS);
        assertThat(received[0]).isEqualTo(records);
        assertThat(gate.isFinished()).isTrue();
        gate.close();
    }

    @ParameterizedTest(name = "remote={0}")
    @ValueSource(booleans = {false, true})
    void eventsStayOrderedWithRecords(boolean remote) throws Exception {
        ResultPartitionId id = partitionId("source", 0);
        ResultPartition partition = producing(remote).createResultPartition(id, 1, -1);
        Future<?> producing = produce(() -> {
            for (int i = 0; i < 3_000; i++) {
                byte[] bytes = TestRecords.record(i, 2);
                partition.emitRecord(bytes, 0, bytes.length, 0);
                if (i % 100 == 99) {
                    partition.broadcastEvent(("watermark-" + i).getBytes(StandardCharsets.UTF_8));
                }
            }
            partition.finish();
            return null;
        });
        InputGate gate = consumerTm.createInputGate("window", List.of(spec(id, 0, remote)));

        List<String> sequence = new ArrayList<>();
        int[] nextRecord = {0};
        new GateConsumer(gate).consumeAll(next -> {
            switch (next.kind()) {
                case RECORD -> TestRecords.assertRecord(next, nextRecord[0]++, 2);
                case EVENT -> {
                    sequence.add(nextRecord[0] + ":" + new String(next.array(), next.offset(), next.length(),
                            StandardCharsets.UTF_8));
                }
                case END_OF_PARTITION -> sequence.add("end@" + next.channelIndex());
            }
        }, 5_000);

        producing.get(5, TimeUnit.SECONDS);
        assertThat(sequence).hasSize(31);
        assertThat(sequence.get(0)).isEqualTo("100:watermark-99");
        assertThat(sequence.get(29)).isEqualTo("3000:watermark-2999");
        assertThat(sequence.get(30)).isEqualTo("end@0");
        gate.close();
    }

    @Test
    void gateReadsSeveralProducersLocalAndRemoteEachInOrder() throws Exception {
        int producerCount = 4;
        int records = 5_000;
        List<InputChannelSpec> specs = new ArrayList<>();
        for (int p = 0; p < producerCount; p++) {
            boolean remote = p % 2 == 0;
            NetworkEnvironment tm = remote ? producerTm : consumerTm;
            ResultPartitionId id = partitionId("map", p);
            ResultPartition partition = tm.createResultPartition(id, 1, p == 0 ? 0 : -1);
            int salt = p;
            produce(() -> {
                for (int i = 0; i < records; i++) {
                    byte[] bytes = TestRecords.record(i, salt);
                    partition.emitRecord(bytes, 0, bytes.length, 0);
                }
                partition.finish();
                return null;
            });
            specs.add(new InputChannelSpec(id, 0, tm.getDataAddress()));
        }
        InputGate gate = consumerTm.createInputGate("reduce", specs);

        int[] nextPerChannel = new int[producerCount];
        List<Integer> ended = new ArrayList<>();
        new GateConsumer(gate).consumeAll(next -> {
            int channel = next.channelIndex();
            if (next.kind() == InputGate.Kind.END_OF_PARTITION) {
                ended.add(channel);
            } else {
                TestRecords.assertRecord(next, nextPerChannel[channel]++, channel);
            }
        }, 5_000);

        assertThat(nextPerChannel).containsOnly(records);
        assertThat(ended).containsExactlyInAnyOrder(0, 1, 2, 3);
        assertThat(gate.isFinished()).isTrue();
        gate.close();
    }

    @Test
    void broadcastReachesEverySubpartition() throws Exception {
        ResultPartitionId id = partitionId("broadcast", 0);
        ResultPartition partition = producerTm.createResultPartition(id, 3, -1);
        produce(() -> {
            for (int i = 0; i < 1_000; i++) {
                byte[] bytes = TestRecords.record(i, 9);
                partition.broadcastRecord(bytes, 0, bytes.length);
            }
            partition.finish();
            return null;
        });
        InputGate gate = consumerTm.createInputGate("all", List.of(spec(id, 0, true), spec(id, 1, true), spec(id, 2, true)));

        int[] nextPerChannel = new int[3];
        new GateConsumer(gate).consumeAll(next -> {
            if (next.kind() == InputGate.Kind.RECORD) {
                TestRecords.assertRecord(next, nextPerChannel[next.channelIndex()]++, 9);
            }
        }, 5_000);

        assertThat(nextPerChannel).containsOnly(1_000);
        gate.close();
    }

    @ParameterizedTest(name = "remote={0}")
    @ValueSource(booleans = {false, true})
    void bufferedDataBecomesVisibleOnFlushOrAfterTheFlushTimeout(boolean remote) throws Exception {
        ResultPartitionId manual = partitionId("manual", 0);
        ResultPartitionId timed = partitionId("timed", 0);
        ResultPartition manualPartition = producing(remote).createResultPartition(manual, 1, -1);
        ResultPartition timedPartition = producing(remote).createResultPartition(timed, 1, 20);
        InputGate manualGate = consumerTm.createInputGate("manual", List.of(spec(manual, 0, remote)));
        InputGate timedGate = consumerTm.createInputGate("timed", List.of(spec(timed, 0, remote)));
        byte[] record = TestRecords.record(7, 0);
        manualPartition.emitRecord(record, 0, record.length, 0);
        timedPartition.emitRecord(record, 0, record.length, 0);

        TestRecords.assertRecord(new GateConsumer(timedGate).awaitNext(2_000), 7, 0);
        GateConsumer manualConsumer = new GateConsumer(manualGate);
        assertThat(manualGate.pollNext()).as("unflushed data must stay invisible").isNull();
        manualPartition.flushAll();
        TestRecords.assertRecord(manualConsumer.awaitNext(2_000), 7, 0);
        manualGate.close();
        timedGate.close();
    }

    private Future<?> produce(Callable<Void> producer) {
        return producers.submit(producer);
    }

    /** Local tests produce on the consumer's own TaskManager. */
    private NetworkEnvironment producing(boolean remote) {
        return remote ? producerTm : consumerTm;
    }

    private InputChannelSpec spec(ResultPartitionId id, int subpartition, boolean remote) {
        return new InputChannelSpec(id, subpartition, producing(remote).getDataAddress());
    }

    private ResultPartitionId partitionId(String vertex, int subtask) {
        return new ResultPartitionId("job-1", vertex, subtask, 0);
    }
}
