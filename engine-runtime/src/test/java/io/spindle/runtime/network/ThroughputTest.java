package io.spindle.runtime.network;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Pushes millions of 16-byte records with default options and prints the rate, so regressions
 * are visible in the test log. It asserts delivery only: timing depends on the machine.
 */
class ThroughputTest {

    @ParameterizedTest(name = "remote={0}")
    @ValueSource(booleans = {false, true})
    void smallRecordsFlowAtFullSpeed(boolean remote) throws Exception {
        int records = 3_000_000;
        ExecutorService producerThread = Executors.newSingleThreadExecutor();
        try (NetworkEnvironment producerTm = NetworkEnvironment.start("127.0.0.1", NetworkOptions.defaults());
                NetworkEnvironment consumerTm = NetworkEnvironment.start("127.0.0.1", NetworkOptions.defaults())) {
            NetworkEnvironment producing = remote ? producerTm : consumerTm;
            ResultPartitionId id = new ResultPartitionId("bench", "source", 0, 0);
            ResultPartition partition = producing.createResultPartition(id, 1, 100);
            InputGate gate = consumerTm.createInputGate("sink", List.of(new InputChannelSpec(id, 0, producing.getDataAddress())));
            long start = System.nanoTime();
            Future<?> producer = producerThread.submit(() -> {
                byte[] record = new byte[16];
                for (int i = 0; i < records; i++) {
                    record[0] = (byte) i;
                    partition.emitRecord(record, 0, record.length, 0);
                }
                partition.finish();
                return null;
            });
            long[] received = {0};
            new GateConsumer(gate).consumeAll(next -> {
                if (next.kind() == InputGate.Kind.RECORD && next.array()[next.offset()] == (byte) received[0]) {
                    received[0]++;
                }
            }, 5_000);
            double seconds = (System.nanoTime() - start) / 1e9;
            producer.get(5, TimeUnit.SECONDS);
            System.out.printf("%s channel: %d records of 16 bytes in %.2f s = %.1f million/s%n",
                    remote ? "remote" : "local", received[0], seconds, received[0] / seconds / 1e6);
            assertThat(received[0]).isEqualTo(records);
            gate.close();
        } finally {
            producerThread.shutdownNow();
        }
    }
}
