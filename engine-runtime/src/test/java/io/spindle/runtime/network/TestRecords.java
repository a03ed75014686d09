package io.spindle.runtime.network;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;

/** Deterministic records of varied sizes whose bytes encode their sequence number. */
final class TestRecords {

    private TestRecords() {}

    /** Every 97th record is larger than the 1 KiB segments the tests use, so it spans buffers. */
    static int length(int sequence) {
        return sequence % 97 == 0 ? 2500 + sequence % 7 : 4 + sequence % 29;
    }

    static byte[] record(int sequence, int salt) {
        byte[] bytes = new byte[length(sequence)];
        bytes[0] = (byte) (sequence >>> 24);
        bytes[1] = (byte) (sequence >>> 16);
        bytes[2] = (byte) (sequence >>> 8);
        bytes[3] = (byte) sequence;
        for (int i = 4; i < bytes.length; i++) {
            bytes[i] = (byte) (sequence * 31 + i + salt);
        }
        return bytes;
    }

    static void assertRecord(InputGate.Next next, int expectedSequence, int salt) {
        assertThat(next.kind()).isEqualTo(InputGate.Kind.RECORD);
        byte[] actual = Arrays.copyOfRange(next.array(), next.offset(), next.offset() + next.length());
        assertThat(actual).as("record %d", expectedSequence).isEqualTo(record(expectedSequence, salt));
    }

    static NetworkOptions smallSegments() {
        return NetworkOptions.defaults()
                .withSegmentSize(1024)
                .withTotalBuffers(256)
                .withPartitionRequestRetry(5, 50, 5_000);
    }
}
