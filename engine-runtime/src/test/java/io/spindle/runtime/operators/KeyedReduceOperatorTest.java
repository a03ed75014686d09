package io.spindle.runtime.operators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spindle.api.tuple.Tuple2;
import io.spindle.api.tuple.Tuple3;
import io.spindle.runtime.operators.CollectingOutput.Emitted;
import java.util.Objects;
import org.junit.jupiter.api.Test;

class KeyedReduceOperatorTest {

    record Sale(String shop, String item, int amount) {}

    /** The superclass of a POJO: its fields are copied into the summed object too. */
    public static class Tagged {
        public String tag;

        public Tagged() {}
    }

    public static final class Reading extends Tagged {
        public String sensor;
        public double value;
        private long count;

        public Reading() {}

        Reading(String tag, String sensor, double value, long count) {
            this.tag = tag;
            this.sensor = sensor;
            this.value = value;
            this.count = count;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Reading r && Objects.equals(tag, r.tag) && Objects.equals(sensor, r.sensor)
                    && value == r.value && count == r.count;
        }

        @Override
        public int hashCode() {
            return Objects.hash(tag, sensor, value, count);
        }

        @Override
        public String toString() {
            return tag + "/" + sensor + "=" + value + "#" + count;
        }
    }

    @Test
    void rollingReduceEmitsTheAccumulatedValuePerKeyWithTheRecordTimestamp() throws Exception {
        OperatorHarness<String, String> harness = OperatorHarness.keyed(
                new KeyedReduceOperator<String>((a, b) -> a + b), (String s) -> s.charAt(0)).open();

        harness.element("a1", 1);
        harness.element("b1", 2);
        harness.element("a2", 3);
        harness.element("b2", 4);
        harness.element("a3", 5);

        assertThat(harness.output().events()).containsExactly(new Emitted("a1", 1), new Emitted("b1", 2),
                new Emitted("a1a2", 3), new Emitted("b1b2", 4), new Emitted("a1a2a3", 5));
    }

    @Test
    void sumsATuple2FieldPerKeyKeepingTheOtherFieldsAndLeavingInputsUntouched() throws Exception {
        OperatorHarness<Object, Object> harness = OperatorHarness.keyed(
                new KeyedReduceOperator<>(new SumReducer(1)), (Object t) -> ((Tuple2<?, ?>) t).f0).open();
        Tuple2<String, Integer> first = Tuple2.of("a", 1);

        harness.element(first);
        harness.element(Tuple2.of("b", 10));
        harness.element(Tuple2.of("a", 2));
        harness.element(Tuple2.of("a", 3));

        assertThat(harness.output().values()).containsExactly(
                Tuple2.of("a", 1), Tuple2.of("b", 10), Tuple2.of("a", 3), Tuple2.of("a", 6));
        assertThat(first).isEqualTo(Tuple2.of("a", 1));
    }

    @Test
    void sumsATuple3FieldAndKeepsTheOtherFieldsOfTheFirstRecord() throws Exception {
        OperatorHarness<Object, Object> harness = OperatorHarness.keyed(
                new KeyedReduceOperator<>(new SumReducer(2)), (Object t) -> ((Tuple3<?, ?, ?>) t).f0).open();

        harness.element(Tuple3.of("k", "first", 1L));
        harness.element(Tuple3.of("k", "second", 41L));

        assertThat(harness.output().values()).containsExactly(Tuple3.of("k", "first", 1L), Tuple3.of("k", "first", 42L));
    }

    @Test
    void sumsPlainNumbersAtPositionZero() throws Exception {
        assertThat(new SumReducer(0).reduce(40L, 2L)).isEqualTo(42L);
        assertThat(new SumReducer(0).reduce(40, 2)).isEqualTo(42);
        assertThat(new SumReducer(0).reduce(0.5, 0.25)).isEqualTo(0.75);

        OperatorHarness<Object, Object> harness = OperatorHarness.keyed(
                new KeyedReduceOperator<>(new SumReducer(0)), (Object n) -> ((Long) n) % 2).open();
        for (long n = 1; n <= 5; n++) {
            harness.element(n);
        }
        assertThat(harness.output().values()).containsExactly(1L, 2L, 4L, 6L, 9L);
    }

    @Test
    void sumsARecordComponentByName() throws Exception {
        OperatorHarness<Object, Object> harness = OperatorHarness.keyed(
                new KeyedReduceOperator<>(new SumReducer("amount")), (Object s) -> ((Sale) s).shop()).open();
        Sale first = new Sale("north", "tea", 3);

        harness.element(first);
        harness.element(new Sale("south", "tea", 1));
        harness.element(new Sale("north", "cake", 4));

        assertThat(harness.output().values()).containsExactly(
                first, new Sale("south", "tea", 1), new Sale("north", "tea", 7));
        assertThat(first.amount()).isEqualTo(3);
    }

    @Test
    void sumsAPojoFieldByNameIntoANewObject() throws Exception {
        SumReducer sumValue = new SumReducer("value");
        Reading first = new Reading("t", "s1", 1.5, 7);
        Reading second = new Reading("u", "s1", 2.0, 9);

        Object sum = sumValue.reduce(first, second);

        assertThat(sum).isEqualTo(new Reading("t", "s1", 3.5, 7)).isNotSameAs(first);
        assertThat(first).isEqualTo(new Reading("t", "s1", 1.5, 7));
        assertThat(new SumReducer("count").reduce(first, second)).isEqualTo(new Reading("t", "s1", 1.5, 16));
    }

    @Test
    void addressesTupleFieldsByNameToo() throws Exception {
        assertThat(new SumReducer("f1").reduce(Tuple2.of("a", 1), Tuple2.of("b", 2))).isEqualTo(Tuple2.of("a", 3));
    }

    @Test
    void rejectsFieldsThatDoNotExistOrAreNotNumbers() {
        assertThatThrownBy(() -> new SumReducer(2).reduce(Tuple2.of("a", 1), Tuple2.of("a", 1)))
                .hasMessageContaining("does not address a field of a Tuple2");
        assertThatThrownBy(() -> new SumReducer(1).reduce(5L, 6L))
                .hasMessageContaining("use sum(\"fieldName\") for records and POJOs");
        assertThatThrownBy(() -> new SumReducer("price").reduce(new Sale("a", "b", 1), new Sale("a", "b", 1)))
                .hasMessageContaining("has no field named 'price'");
        assertThatThrownBy(() -> new SumReducer("item").reduce(new Sale("a", "b", 1), new Sale("a", "b", 1)))
                .hasMessageContaining("field 'item'").hasMessageContaining("not a number");
        assertThatThrownBy(() -> new SumReducer(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void reduceWithoutKeyByFailsWithAClearMessage() throws Exception {
        OperatorHarness<Long, Long> harness = OperatorHarness.of(new KeyedReduceOperator<Long>(Long::sum));

        assertThatThrownBy(harness::open)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("reduce(...) works only on a KeyedStream; call keyBy(...) before reduce(...)");
    }
}
