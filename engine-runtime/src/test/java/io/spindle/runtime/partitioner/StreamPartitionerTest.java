package io.spindle.runtime.partitioner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spindle.api.functions.KeySelector;
import io.spindle.graph.PartitionType;
import io.spindle.runtime.state.KeyGroupRangeAssignment;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StreamPartitionerTest {

    @Test
    void hashSendsEachKeyToTheInstanceOwningItsKeyGroup() throws Exception {
        int maxParallelism = 128;
        int channels = 3;
        StreamPartitioner<String> partitioner =
                new StreamPartitioner<>(PartitionType.HASH, (KeySelector<String, String>) s -> s.split(":")[0], maxParallelism, channels, 0);
        Map<String, Integer> channelOfKey = new HashMap<>();
        int[] perChannel = new int[channels];
        for (int i = 0; i < 3_000; i++) {
            String key = "key" + (i % 100);
            int channel = partitioner.selectChannel(key + ":" + i);
            assertThat(channelOfKey.computeIfAbsent(key, k -> channel)).as("same key, same channel").isEqualTo(channel);
            int keyGroup = KeyGroupRangeAssignment.assignToKeyGroup(key, maxParallelism);
            assertThat(keyGroup).isBetween(KeyGroupRangeAssignment.firstKeyGroup(maxParallelism, channels, channel),
                    KeyGroupRangeAssignment.lastKeyGroup(maxParallelism, channels, channel));
            perChannel[channel]++;
        }
        assertThat(java.util.Arrays.stream(perChannel).min().getAsInt()).as("keys spread over channels").isGreaterThan(500);
    }

    @Test
    void rebalanceCyclesFromTheProducersOwnStart() throws Exception {
        StreamPartitioner<Long> partitioner = new StreamPartitioner<>(PartitionType.REBALANCE, null, 128, 4, 2);
        List<Integer> channels = new ArrayList<>();
        for (long i = 0; i < 9; i++) {
            channels.add(partitioner.selectChannel(i));
        }
        assertThat(channels).containsExactly(2, 3, 0, 1, 2, 3, 0, 1, 2);
    }

    @Test
    void forwardAlwaysWritesItsSingleChannel() throws Exception {
        StreamPartitioner<Long> partitioner = new StreamPartitioner<>(PartitionType.FORWARD, null, 128, 1, 5);
        assertThat(partitioner.selectChannel(1L)).isZero();
        assertThat(partitioner.selectChannel(2L)).isZero();
        assertThatThrownBy(() -> new StreamPartitioner<>(PartitionType.FORWARD, null, 128, 2, 0))
                .hasMessageContaining("exactly one channel");
    }

    @Test
    void keyGroupRangesOfAllInstancesCoverEveryKeyGroupOnce() {
        for (int parallelism = 1; parallelism <= 7; parallelism++) {
            int next = 0;
            for (int index = 0; index < parallelism; index++) {
                assertThat(KeyGroupRangeAssignment.firstKeyGroup(128, parallelism, index)).isEqualTo(next);
                int last = KeyGroupRangeAssignment.lastKeyGroup(128, parallelism, index);
                for (int keyGroup = next; keyGroup <= last; keyGroup++) {
                    assertThat(KeyGroupRangeAssignment.computeOperatorIndexForKeyGroup(128, parallelism, keyGroup)).isEqualTo(index);
                }
                next = last + 1;
            }
            assertThat(next).isEqualTo(128);
        }
    }

    @Test
    void aNullKeyIsTheUsersErrorAndSaysSo() {
        StreamPartitioner<String> partitioner =
                new StreamPartitioner<>(PartitionType.HASH, (KeySelector<String, String>) s -> null, 128, 2, 0);
        assertThatThrownBy(() -> partitioner.selectChannel("x")).hasMessageContaining("returned null for record x");
    }
}
