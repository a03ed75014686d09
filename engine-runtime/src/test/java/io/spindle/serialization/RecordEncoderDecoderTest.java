package io.spindle.serialization;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spindle.api.tuple.Tuple2;
import io.spindle.api.tuple.Tuple3;
import io.spindle.api.tuple.Tuple4;
import io.spindle.api.tuple.Tuple5;
import io.spindle.serialization.SampleTypes.Color;
import io.spindle.serialization.SampleTypes.Opaque;
import io.spindle.serialization.SampleTypes.Order;
import io.spindle.serialization.SampleTypes.Point;
import io.spindle.serialization.SampleTypes.Pojo;
import java.io.EOFException;
import java.io.IOException;
import java.lang.reflect.Array;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class RecordEncoderDecoderTest {
    private static final ClassLoader LOADER = RecordEncoderDecoderTest.class.getClassLoader();

    private final RecordEncoder encoder = new RecordEncoder();
    private final RecordDecoder decoder = new RecordDecoder(LOADER);
    private final DataOutputSerializer out = new DataOutputSerializer();
    private final DataInputDeserializer in = new DataInputDeserializer();

    /** Encodes one value on the test's stream and returns how many bytes it took. */
    private int encode(Object value) throws IOException {
        int before = out.length();
        encoder.encode(value, out);
        return out.length() - before;
    }

    private DataInputDeserializer written() {
        in.setBuffer(out.getSharedBuffer(), 0, out.length());
        return in;
    }

    private static Order order(int n) {
        List<Tuple2<String, Pojo>> lines = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            lines.add(Tuple2.of("line-" + i, Pojo.sample(n + i)));
        }
        Map<String, Object> attributes = new HashMap<>();
        attributes.put("note", "\u00fcber \uD83D\uDE80");
        attributes.put("opaque", new Opaque("o" + n, List.of(n), null));
        attributes.put("missing", null);
        return new Order("order-" + n, n, Color.values()[n % 3], new Point(n, -n), lines, attributes,
                Tuple3.of(n, '\u00e9', null));
    }

    @Test
    void everyKindOfValueRoundTripsInStreamOrder() throws IOException {
        List<Object> values = Arrays.asList(null, 42L, 7, "text", 2.5, true, false, (short) 3, (byte) 4, 1.5f, 'z',
                new byte[] {1, 2}, Tuple2.of(1L, "a"), Tuple3.of(null, null, null),
                Tuple4.of(1, 2, 3, Tuple2.of(4, 5)), Tuple5.of("a", 'b', 3L, 4.0, List.of()),
                new Point(1, 2), Color.GREEN, Pojo.sample(5), new Opaque("x", null, null), new ArrayList<>(),
                new HashMap<>(), List.of(Tuple2.of(Pojo.sample(6), new Point(0, 0))), new String[] {"s"},
                new int[] {1}, "x".repeat(70_000), order(7));
        for (Object value : values) {
            encoder.encode(value, out);
        }
        DataInputDeserializer read = written();
        for (Object expected : values) {
            Object actual = decoder.decode(read);
            if (expected != null && expected.getClass().isArray()) {
                assertThat(actual).isInstanceOf(expected.getClass());
                assertThat(Arrays.deepEquals(new Object[] {expected}, new Object[] {actual})).isTrue();
            } else {
                assertThat(actual).isEqualTo(expected);
            }
        }
        assertThat(read.available()).isZero();
    }

    @Test
    void fixedTagTypesCostOneByteOfOverhead() throws IOException {
        assertThat(encode(null)).isEqualTo(1);
        assertThat(encode(1L)).isEqualTo(1 + 8);
        assertThat(encode(1)).isEqualTo(1 + 4);
        assertThat(encode(true)).isEqualTo(1);
        assertThat(encode("abc")).isEqualTo(1 + 1 + 3);
        assertThat(encode(Tuple2.of(1L, "abc"))).isEqualTo(1 + 9 + 5);
    }

    @Test
    void aClassIsNamedOnceThenReferencedByItsDictionaryId() throws IOException {
        int first = encode(new Point(0, 0));
        assertThat(first).isGreaterThan(Point.class.getName().length());
        for (int i = 1; i < 1000; i++) {
            assertThat(encode(new Point(i, -i))).isEqualTo(1 + 4 + 4);
        }
        DataInputDeserializer read = written();
        for (int i = 0; i < 1000; i++) {
            assertThat(decoder.decode(read)).isEqualTo(new Point(i, -i));
        }
    }

    @Test
    void nestedDynamicValuesShareTheStreamsDictionary() throws IOException {
        int first = encode(order(1));
        int second = encode(order(2));
        // The first record names Order, Pojo, Opaque, HashMap, ArrayList...; later ones do not.
        assertThat(second).isLessThan(first - 150);
        DataInputDeserializer read = written();
        assertThat(decoder.decode(read)).isEqualTo(order(1));
        assertThat(decoder.decode(read)).isEqualTo(order(2));
    }

    @Test
    void interleavedStreamsKeepIndependentDictionaries() throws IOException {
        RecordEncoder encoderA = new RecordEncoder();
        RecordEncoder encoderB = new RecordEncoder();
        DataOutputSerializer outA = new DataOutputSerializer();
        DataOutputSerializer outB = new DataOutputSerializer();
        List<Object> streamA = List.of(new Point(1, 1), Pojo.sample(1), new Point(2, 2), Color.RED, Pojo.sample(2));
        List<Object> streamB = List.of(Color.BLUE, Pojo.sample(3), new Point(3, 3), Pojo.sample(4), Color.RED);
        for (int i = 0; i < streamA.size(); i++) {
            encoderA.encode(streamA.get(i), outA);
            encoderB.encode(streamB.get(i), outB);
        }

        RecordDecoder decoderA = new RecordDecoder(LOADER);
        RecordDecoder decoderB = new RecordDecoder(LOADER);
        DataInputDeserializer inA = new DataInputDeserializer(outA.toByteArray());
        DataInputDeserializer inB = new DataInputDeserializer(outB.toByteArray());
        for (int i = 0; i < streamA.size(); i++) {
            assertThat(decoderB.decode(inB)).isEqualTo(streamB.get(i));
            assertThat(decoderA.decode(inA)).isEqualTo(streamA.get(i));
        }
    }

    @Test
    void idsBeyondTheOnesFoldedIntoTheTagStillWork() throws IOException {
        // Nested long arrays of 2..240 dimensions: 239 distinct classes on one stream.
        List<Object> values = new ArrayList<>();
        Class<?> component = long[].class;
        for (int dimensions = 2; dimensions <= 240; dimensions++) {
            values.add(Array.newInstance(component, 0));
            component = Array.newInstance(component, 0).getClass();
        }
        for (int round = 0; round < 2; round++) {
            for (Object value : values) {
                encoder.encode(value, out);
            }
        }
        DataInputDeserializer read = written();
        for (int round = 0; round < 2; round++) {
            for (Object value : values) {
                assertThat(decoder.decode(read)).isInstanceOf(value.getClass());
            }
        }
        assertThat(read.available()).isZero();
    }

    @Test
    void aMissingUserClassGivesAClearError() throws IOException {
        encoder.encode(new Point(1, 2), out);
        RecordDecoder withoutUserJar = new RecordDecoder(new URLClassLoader(new URL[0], null));
        assertThatThrownBy(() -> withoutUserJar.decode(written()))
                .isInstanceOf(IOException.class)
                .hasMessageContaining(Point.class.getName())
                .hasMessageContaining("user jar must contain");
    }

    @Test
    void truncatedInputGivesEofAtEveryCut() throws IOException {
        encoder.encode(order(3), out);
        byte[] full = out.toByteArray();
        for (int cut = 0; cut < full.length; cut++) {
            DataInputDeserializer truncated = new DataInputDeserializer(full, 0, cut);
            RecordDecoder fresh = new RecordDecoder(LOADER);
            assertThatThrownBy(() -> fresh.decode(truncated)).as("cut at %d of %d", cut, full.length)
                    .isInstanceOf(EOFException.class);
        }
    }

    @Test
    void resetOnBothEndsStartsANewDictionary() throws IOException {
        int named = encode(new Point(1, 1));
        encoder.reset();
        assertThat(encode(new Point(2, 2))).isEqualTo(named);
        DataInputDeserializer read = written();
        assertThat(decoder.decode(read)).isEqualTo(new Point(1, 1));
        decoder.reset();
        assertThat(decoder.decode(read)).isEqualTo(new Point(2, 2));
    }

    @Test
    void anUnshippableClassIsRefusedWithoutCorruptingTheStream() throws IOException {
        encode(new Point(1, 1));
        Supplier<String> lambda = () -> "x";
        DataOutputSerializer scratch = new DataOutputSerializer();
        assertThatThrownBy(() -> encoder.encode(lambda, scratch))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("hidden class");
        encode(Pojo.sample(1));
        DataInputDeserializer read = written();
        assertThat(decoder.decode(read)).isEqualTo(new Point(1, 1));
        assertThat(decoder.decode(read)).isEqualTo(Pojo.sample(1));
    }

    @Test
    void anUnknownTagOrClassIdIsReportedAsCorruption() {
        in.setBuffer(new byte[] {25});
        assertThatThrownBy(() -> decoder.decode(in)).isInstanceOf(IOException.class).hasMessageContaining("tag 25");
        in.setBuffer(new byte[] {(byte) DynamicTags.FIRST_FOLDED_ID});
        assertThatThrownBy(() -> decoder.decode(in)).isInstanceOf(IOException.class)
                .hasMessageContaining("never defined");
    }
}
