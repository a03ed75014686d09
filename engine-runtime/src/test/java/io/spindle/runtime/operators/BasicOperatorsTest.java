package io.spindle.runtime.operators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spindle.api.functions.FlatMapFunction;
import io.spindle.api.functions.LongCounter;
import io.spindle.api.functions.MapFunction;
import io.spindle.api.functions.RichFunction;
import io.spindle.api.functions.RuntimeContext;
import io.spindle.api.functions.SinkFunction;
import io.spindle.api.state.MapState;
import io.spindle.api.state.MapStateDescriptor;
import io.spindle.api.state.ValueState;
import io.spindle.api.state.ValueStateDescriptor;
import io.spindle.runtime.operators.CollectingOutput.Emitted;
import io.spindle.runtime.operators.CollectingOutput.Watermark;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BasicOperatorsTest {

    @Test
    void mapEmitsOneRecordPerInputWithItsTimestampAndForwardsWatermarks() throws Exception {
        OperatorHarness<String, Integer> harness = OperatorHarness.of(new StreamMap<>(String::length)).open();

        harness.element("a", 5);
        harness.element("abc");
        harness.watermark(7);

        assertThat(harness.output().events()).containsExactly(
                new Emitted(1, 5), new Emitted(3, StreamRecord.NO_TIMESTAMP), new Watermark(7));
    }

    @Test
    void flatMapEmitsEveryCollectedRecordWithTheInputTimestamp() throws Exception {
        FlatMapFunction<String, String> splitter = (line, out) -> {
            for (String word : line.split(" ")) {
                out.collect(word);
            }
        };
        OperatorHarness<String, String> harness = OperatorHarness.of(new StreamFlatMap<>(splitter)).open();

        harness.element("to be", 10);
        harness.element("", 11);
        harness.element("or", 12);

        assertThat(harness.output().events()).containsExactly(
                new Emitted("to", 10), new Emitted("be", 10), new Emitted("", 11), new Emitted("or", 12));
    }

    @Test
    void filterForwardsOnlyAcceptedRecordsUnchanged() throws Exception {
        OperatorHarness<Integer, Integer> harness =
                OperatorHarness.of(new StreamFilter<Integer>(n -> n % 2 == 0)).open();

        for (int i = 1; i <= 5; i++) {
            harness.element(i, i * 100L);
        }

        assertThat(harness.output().events()).containsExactly(new Emitted(2, 200), new Emitted(4, 400));
    }

    @Test
    void sinkReceivesValuesAndIsFinishedOnceAtEndOfInputWithoutEmittingWatermarks() throws Exception {
        OperatorHarness<String, Object> harness = OperatorHarness.of(new StreamSink<>(new ListSink())).open();

        harness.element("x");
        harness.element("y");
        harness.endInput();
        harness.close();

        ListSink sink = (ListSink) ((StreamSink<?>) harness.operator()).userFunction;
        assertThat(sink.received).containsExactly("x", "y", "finished", "closed");
        assertThat(harness.output().events()).isEmpty();
    }

    @Test
    void richFunctionIsOpenedWithTaskInfoAndClosedOnceAndCountsThroughCounters() throws Exception {
        OperatorHarness<String, String> harness = OperatorHarness.of(new StreamMap<>(new CountingMapper())).open();

        harness.element("a");
        harness.element("b");
        harness.close();
        harness.close();

        CountingMapper mapper = (CountingMapper) ((StreamMap<?, ?>) harness.operator()).userFunction;
        assertThat(mapper.opened).isEqualTo(1);
        assertThat(mapper.closed).isEqualTo(1);
        assertThat(mapper.taskDescription).isEqualTo("test-task 0/1 max 128 attempt 0");
        assertThat(harness.counter("seen")).isEqualTo(2);
        assertThat(harness.output().values()).containsExactly("a!", "b!");
    }

    @Test
    void keyedStateWithoutKeyByFailsWithAClearMessage() throws Exception {
        OperatorHarness<String, String> harness = OperatorHarness.of(new StreamMap<>(new StatefulMapper()));

        assertThatThrownBy(harness::open)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("Keyed state can only be used on a KeyedStream; call keyBy(...) before")
                .hasMessageContaining(StatefulMapper.class.getName())
                .hasMessageContaining("'count'");
    }

    @Test
    void keyedValueAndMapStateAreIsolatedPerKeyAfterKeyBy() throws Exception {
        OperatorHarness<String, String> harness =
                OperatorHarness.keyed(new StreamMap<>(new StatefulMapper()), (String word) -> word.substring(0, 1)).open();

        for (String word : List.of("apple", "avocado", "banana", "apple", "blueberry", "banana")) {
            harness.element(word);
        }

        assertThat(harness.output().values()).containsExactly(
                "a#1 apple=1", "a#2 avocado=1", "b#1 banana=1", "a#3 apple=2", "b#2 blueberry=1", "b#3 banana=2");
    }

    /** Counts records per key in a ValueState (default 0) and per word in a MapState. */
    static final class StatefulMapper implements MapFunction<String, String>, RichFunction {
        private transient ValueState<Integer> count;
        private transient MapState<String, Integer> perWord;

        @Override
        public void open(RuntimeContext context) {
            count = context.getState(new ValueStateDescriptor<>("count", Integer.class, 0));
            perWord = context.getMapState(new MapStateDescriptor<>("words", String.class, Integer.class));
        }

        @Override
        public String map(String word) {
            count.update(count.value() + 1);
            Integer seen = perWord.get(word);
            perWord.put(word, seen == null ? 1 : seen + 1);
            return word.charAt(0) + "#" + count.value() + " " + word + "=" + perWord.get(word);
        }
    }

    static final class CountingMapper implements MapFunction<String, String>, RichFunction {
        int opened;
        int closed;
        String taskDescription;
        private transient LongCounter seen;

        @Override
        public void open(RuntimeContext context) {
            opened++;
            taskDescription = context.getTaskName() + " " + context.getIndexOfThisSubtask() + "/"
                    + context.getNumberOfParallelSubtasks() + " max " + context.getMaxNumberOfParallelSubtasks()
                    + " attempt " + context.getAttemptNumber();
            seen = context.getLongCounter("seen");
        }

        @Override
        public String map(String value) {
            seen.add(1);
            return value + "!";
        }

        @Override
        public void close() {
            closed++;
        }
    }

    static final class ListSink implements SinkFunction<String>, RichFunction {
        final List<String> received = new ArrayList<>();

        @Override
        public void invoke(String value) {
            received.add(value);
        }

        @Override
        public void finish() {
            received.add("finished");
        }

        @Override
        public void close() {
            received.add("closed");
        }
    }
}
