package io.spindle.api.connectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SequenceSourceTest {

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4, 5})
    void slicesCoverTheRangeExactlyOnceInOrder(int parallelism) {
        assertSlicesCover(0, 2_999, parallelism);
        assertSlicesCover(-7, 7, parallelism);
        assertSlicesCover(42, 42, parallelism);
        assertSlicesCover(10, 12, parallelism);
        assertSlicesCover(Long.MAX_VALUE - 3, Long.MAX_VALUE, parallelism);
        assertSlicesCover(Long.MIN_VALUE, Long.MIN_VALUE + 2, parallelism);
    }

    @Test
    void slicesDifferInSizeByAtMostOne() {
        List<List<Long>> slices = runAllSubtasks(1, 10, 4);
        assertThat(slices).extracting(List::size).containsExactly(2, 3, 2, 3);
    }

    @Test
    void rejectsStartAfterEnd() {
        assertThatThrownBy(() -> new SequenceSource(5, 4))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("from 5 to 4");
    }

    @Test
    void theFullLongRangeIsSlicedWithoutOverflow() {
        SequenceSource secondHalf = new SequenceSource(Long.MIN_VALUE, Long.MAX_VALUE);
        secondHalf.open(new FakeRuntimeContext(1, 2));
        CollectingSourceContext<Long> ctx = new CollectingSourceContext<>(records -> {
            if (records.size() == 3) {
                secondHalf.cancel();
            }
        });

        secondHalf.run(ctx);

        assertThat(ctx.records()).startsWith(0L, 1L, 2L).hasSizeLessThanOrEqualTo(1024);
    }

    @Test
    void cancelStopsAnEndlessSequence() {
        SequenceSource source = new SequenceSource(0, Long.MAX_VALUE);
        source.open(new FakeRuntimeContext(0, 1));
        CollectingSourceContext<Long> ctx = new CollectingSourceContext<>(records -> {
            if (records.size() == 5_000) {
                source.cancel();
            }
        });

        source.run(ctx);

        assertThat(ctx.records()).hasSizeBetween(5_000, 5_000 + 1024);
    }

    @Test
    void runWithoutOpenIsAnError() {
        assertThatThrownBy(() -> new SequenceSource(0, 1).run(new CollectingSourceContext<>()))
                .isInstanceOf(IllegalStateException.class);
    }

    private static void assertSlicesCover(long from, long to, int parallelism) {
        List<Long> all = new ArrayList<>();
        runAllSubtasks(from, to, parallelism).forEach(all::addAll);
        List<Long> expected = new ArrayList<>();
        for (long value = from; ; value++) {
            expected.add(value);
            if (value == to) {
                break;
            }
        }
        assertThat(all).as("%d..%d at parallelism %d", from, to, parallelism).isEqualTo(expected);
    }

    private static List<List<Long>> runAllSubtasks(long from, long to, int parallelism) {
        List<List<Long>> slices = new ArrayList<>();
        for (int index = 0; index < parallelism; index++) {
            SequenceSource source = Serialization.roundTrip(new SequenceSource(from, to));
            source.open(new FakeRuntimeContext(index, parallelism));
            CollectingSourceContext<Long> ctx = new CollectingSourceContext<>();
            source.run(ctx);
            slices.add(ctx.records());
        }
        return slices;
    }
}
