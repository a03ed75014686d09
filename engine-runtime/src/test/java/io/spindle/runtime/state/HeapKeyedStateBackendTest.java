package io.spindle.runtime.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spindle.api.state.MapState;
import io.spindle.api.state.MapStateDescriptor;
import io.spindle.api.state.ValueState;
import io.spindle.api.state.ValueStateDescriptor;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HeapKeyedStateBackendTest {

    private final HeapKeyedStateBackend backend = new HeapKeyedStateBackend(new KeyGroupRange(0, 127), 128);

    @Test
    void valueStateIsScopedToTheCurrentKeyAndStartsAtTheDescriptorDefault() {
        ValueState<Long> count = backend.getValueState(new ValueStateDescriptor<>("count", Long.class, 0L));

        backend.setCurrentKey("a");
        count.update(count.value() + 5);
        backend.setCurrentKey("b");
        assertThat(count.value()).isZero();
        count.update(7L);
        backend.setCurrentKey("a");

        assertThat(count.value()).isEqualTo(5L);
        count.clear();
        assertThat(count.value()).isZero();
        backend.setCurrentKey("b");
        assertThat(count.value()).isEqualTo(7L);
    }

    @Test
    void holdsTenThousandKeysAcrossKeyGroupsWithoutMixingThemUp() {
        ValueState<Long> sum = backend.getValueState(new ValueStateDescriptor<>("sum", Long.class, 0L));

        for (int round = 1; round <= 3; round++) {
            for (int key = 0; key < 10_000; key++) {
                backend.setCurrentKey(key);
                sum.update(sum.value() + key);
            }
        }

        for (int key = 0; key < 10_000; key++) {
            backend.setCurrentKey(key);
            assertThat(sum.value()).isEqualTo(3L * key);
        }
        assertThat(backend.numberOfValueStateEntries("sum")).isEqualTo(10_000);
    }

    @Test
    void namespacedStateKeepsOneEntryPerKeyAndNamespace() {
        InternalValueState<String, String> windows =
                backend.getInternalValueState(new ValueStateDescriptor<>("windows", String.class));

        backend.setCurrentKey("k");
        windows.setCurrentNamespace("w1");
        windows.update("first");
        windows.setCurrentNamespace("w2");
        windows.update("second");
        assertThat(windows.value()).isEqualTo("second");
        windows.setCurrentNamespace("w1");
        assertThat(windows.value()).isEqualTo("first");

        windows.clear();
        windows.setCurrentNamespace("w2");
        windows.update(null);

        assertThat(backend.numberOfValueStateEntries("windows")).isZero();
    }

    @Test
    void mapStateIsScopedToTheCurrentKey() {
        MapState<String, Integer> words = backend.getMapState(new MapStateDescriptor<>("words", String.class, Integer.class));

        backend.setCurrentKey(1);
        words.put("x", 1);
        words.putAll(Map.of("y", 2));
        backend.setCurrentKey(2);
        assertThat(words.isEmpty()).isTrue();
        assertThat(words.get("x")).isNull();
        words.put("z", 3);

        backend.setCurrentKey(1);
        assertThat(words.entries()).extracting(Map.Entry::getKey).containsExactlyInAnyOrder("x", "y");
        assertThat(words.contains("z")).isFalse();
        words.remove("x");
        words.remove("y");
        assertThat(words.isEmpty()).isTrue();
        backend.setCurrentKey(2);
        assertThat(words.values()).containsExactly(3);
    }

    @Test
    void askingForAStateTwiceReturnsTheSameStateAndKindsCannotClash() {
        ValueStateDescriptor<String> descriptor = new ValueStateDescriptor<>("s", String.class);
        assertThat(backend.getValueState(descriptor)).isSameAs(backend.getValueState(descriptor));

        assertThatThrownBy(() -> backend.getMapState(new MapStateDescriptor<>("s", String.class, String.class)))
                .hasMessageContaining("State 's' is already registered as a ValueState");
    }

    @Test
    void rejectsKeysOfKeyGroupsThisSubtaskDoesNotOwn() {
        HeapKeyedStateBackend half = new HeapKeyedStateBackend(KeyGroupRange.forSubtask(128, 2, 0), 128);
        int foreignKey = 0;
        while (KeyGroupRangeAssignment.assignKeyToParallelOperator(foreignKey, 128, 2) == 0) {
            foreignKey++;
        }
        int key = foreignKey;

        assertThatThrownBy(() -> half.setCurrentKey(key))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("does not own");
    }

    @Test
    void accessWithoutACurrentKeyFailsClearly() {
        ValueState<String> state = backend.getValueState(new ValueStateDescriptor<>("s", String.class));

        assertThatThrownBy(() -> state.update("x")).hasMessageContaining("no current key");
    }

    @Test
    void keyGroupRangesOfAllSubtasksCoverEveryKeyGroupOnce() {
        int next = 0;
        for (int subtask = 0; subtask < 3; subtask++) {
            KeyGroupRange range = KeyGroupRange.forSubtask(128, 3, subtask);
            assertThat(range.firstKeyGroup()).isEqualTo(next);
            next = range.lastKeyGroup() + 1;
        }
        assertThat(next).isEqualTo(128);
    }
}
