package io.spindle.api.connectors;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CollectionSourceTest {

    @Test
    void emitsACopyOfTheElementsInOrderAfterShipping() {
        List<String> original = new java.util.ArrayList<>(List.of("a", "b", "c"));
        CollectionSource<String> source = new CollectionSource<>(original);
        original.add("added later");

        CollectionSource<String> shipped = Serialization.roundTrip(source);
        CollectingSourceContext<String> ctx = new CollectingSourceContext<>();
        shipped.run(ctx);

        assertThat(ctx.records()).containsExactly("a", "b", "c");
    }

    @Test
    void rejectsNullAndUnserializableElements() {
        assertThatThrownBy(() -> new CollectionSource<>(Arrays.asList("a", null)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Element 1")
                .hasMessageContaining("null");
        assertThatThrownBy(() -> CollectionSource.of(new Object()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("java.lang.Object")
                .hasMessageContaining("not Serializable");
    }

    @Test
    void cancelStopsEmitting() {
        CollectionSource<Integer> source = CollectionSource.of(1, 2, 3, 4, 5);
        CollectingSourceContext<Integer> ctx = new CollectingSourceContext<>(records -> {
            if (records.size() == 2) {
                source.cancel();
            }
        });

        source.run(ctx);

        assertThat(ctx.records()).containsExactly(1, 2);
    }
}
