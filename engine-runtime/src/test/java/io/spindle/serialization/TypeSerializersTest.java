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
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class TypeSerializersTest {

    private static <T> T roundTrip(Class<T> type, T value) throws IOException {
        DataOutputSerializer out = new DataOutputSerializer();
        TypeSerializer<T> serializer = TypeSerializers.forClass(type);
        serializer.serialize(value, out);
        DataInputDeserializer in = new DataInputDeserializer(out.toByteArray());
        T copy = serializer.deserialize(in);
        assertThat(in.available()).as("bytes left after reading a %s", type.getSimpleName()).isZero();
        return copy;
    }

    @Test
    void boxedPrimitivesAndStrings() throws IOException {
        assertThat(roundTrip(Long.class, Long.MIN_VALUE)).isEqualTo(Long.MIN_VALUE);
        assertThat(roundTrip(Integer.class, -5)).isEqualTo(-5);
        assertThat(roundTrip(Short.class, (short) 300)).isEqualTo((short) 300);
        assertThat(roundTrip(Byte.class, (byte) -1)).isEqualTo((byte) -1);
        assertThat(roundTrip(Double.class, Double.NaN)).isNaN();
        assertThat(roundTrip(Float.class, 1e-3f)).isEqualTo(1e-3f);
        assertThat(roundTrip(Boolean.class, true)).isTrue();
        assertThat(roundTrip(Character.class, '\uD83D')).isEqualTo('\uD83D');
        assertThat(roundTrip(String.class, "\uD83D\uDE00 unicode \u00fc")).isEqualTo("\uD83D\uDE00 unicode \u00fc");
        assertThat(TypeSerializers.forClass(long.class)).isSameAs(TypeSerializers.forClass(Long.class));
    }

    @Test
    void primitiveAndObjectArrays() throws IOException {
        assertThat(roundTrip(byte[].class, new byte[] {1, -2, 3})).containsExactly(1, -2, 3);
        assertThat(roundTrip(short[].class, new short[] {-1, 2})).containsExactly(-1, 2);
        assertThat(roundTrip(int[].class, new int[] {Integer.MIN_VALUE, 0})).containsExactly(Integer.MIN_VALUE, 0);
        assertThat(roundTrip(long[].class, new long[] {7, -8})).containsExactly(7, -8);
        assertThat(roundTrip(float[].class, new float[] {0.5f})).containsExactly(0.5f);
        assertThat(roundTrip(double[].class, new double[] {1.5, -0.0})).containsExactly(1.5, -0.0);
        assertThat(roundTrip(char[].class, "h\u00e9".toCharArray())).containsExactly('h', '\u00e9');
        assertThat(roundTrip(boolean[].class, new boolean[] {true, false})).containsExactly(true, false);
        assertThat(roundTrip(long[].class, new long[0])).isEmpty();
        assertThat(roundTrip(String[].class, new String[] {"a", null, "c"})).containsExactly("a", null, "c");
        Object[] mixed = roundTrip(Object[].class, new Object[] {1L, "two", null, Color.BLUE});
        assertThat(mixed).containsExactly(1L, "two", null, Color.BLUE);
        Point[][] grid = roundTrip(Point[][].class, new Point[][] {{new Point(1, 2)}, {}, null});
        assertThat(grid).isDeepEqualTo(new Point[][] {{new Point(1, 2)}, {}, null});
    }

    @Test
    void enumsIncludingConstantsWithABody() throws IOException {
        assertThat(roundTrip(Color.class, Color.BLUE)).isSameAs(Color.BLUE);
        @SuppressWarnings("unchecked")
        Class<Color> bodyClass = (Class<Color>) Color.GREEN.getClass();
        assertThat(bodyClass).isNotEqualTo(Color.class);
        assertThat(roundTrip(bodyClass, Color.GREEN)).isSameAs(Color.GREEN);
    }

    @Test
    @SuppressWarnings({"unchecked", "rawtypes"})
    void tuplesWithDynamicFields() throws IOException {
        assertThat(roundTrip((Class) Tuple2.class, Tuple2.of("k", 1L))).isEqualTo(Tuple2.of("k", 1L));
        assertThat(roundTrip((Class) Tuple3.class, Tuple3.of(null, 2.5, true))).isEqualTo(Tuple3.of(null, 2.5, true));
        assertThat(roundTrip((Class) Tuple4.class, Tuple4.of('c', (short) 1, (byte) 2, 3f)))
                .isEqualTo(Tuple4.of('c', (short) 1, (byte) 2, 3f));
        Tuple5<Object, Object, Object, Object, Object> five =
                Tuple5.of(Tuple2.of(1, 2), new Point(3, 4), Color.RED, List.of("x"), 5);
        assertThat(roundTrip((Class) Tuple5.class, five)).isEqualTo(five);
    }

    @Test
    void javaRecordsRunTheirCanonicalConstructor() throws IOException {
        assertThat(roundTrip(Point.class, new Point(-1, 2))).isEqualTo(new Point(-1, 2));
        Order order = new Order("o-1", 12, Color.GREEN, new Point(5, 6),
                List.of(Tuple2.of("a", Pojo.sample(1)), Tuple2.of("b", Pojo.sample(2))),
                Map.of("tags", Set.of("x"), "when", Instant.ofEpochSecond(7, 8)), new Point(9, 9));
        assertThat(roundTrip(Order.class, order)).isEqualTo(order);
    }

    @Test
    void recordsAndPojosKeepNullFields() throws IOException {
        Order sparse = new Order(null, 0, null, null, null, null, null);
        assertThat(roundTrip(Order.class, sparse)).isEqualTo(sparse);
        Pojo empty = new Pojo();
        assertThat(roundTrip(Pojo.class, empty)).isEqualTo(empty);
    }

    @Test
    void pojosIncludeInheritedAndPrivateFieldsButNotTransientOrStaticOnes() throws IOException {
        Pojo original = Pojo.sample(4);
        Pojo copy = roundTrip(Pojo.class, original);
        assertThat(copy).isEqualTo(original);
        assertThat(copy.getLabel()).isEqualTo("pojo-4");
        assertThat(copy.notShipped).isEqualTo("default");
    }

    @Test
    void otherClassesAreRebuiltFieldByFieldWithoutAConstructor() throws IOException {
        Opaque original = new Opaque("outer", List.of(1L, "two"), new Opaque("inner", null, null));
        int callsBefore = Opaque.constructorCalls;
        Opaque copy = roundTrip(Opaque.class, original);
        assertThat(copy).isEqualTo(original);
        assertThat(Opaque.constructorCalls).isEqualTo(callsBefore);
    }

    @Test
    @SuppressWarnings({"unchecked", "rawtypes"})
    void collectionsAndMapsKeepTheirClassWhenTheyCan() throws IOException {
        ArrayList<Object> list = new ArrayList<>(List.of(1, "b", List.of()));
        assertThat(roundTrip((Class) ArrayList.class, list)).isEqualTo(list).isInstanceOf(ArrayList.class);
        HashMap<Object, Object> map = new HashMap<>(Map.of("k", new Point(1, 1), 2L, new HashSet<>()));
        assertThat(roundTrip((Class) HashMap.class, map)).isEqualTo(map).isInstanceOf(HashMap.class);
        TreeMap<String, Integer> sorted = new TreeMap<>(Map.of("b", 2, "a", 1));
        assertThat(roundTrip((Class) TreeMap.class, sorted)).isEqualTo(sorted).isInstanceOf(TreeMap.class);
        LinkedList<Object> linked = new LinkedList<>(Arrays.asList(null, 3.0));
        assertThat(roundTrip((Class) LinkedList.class, linked)).isEqualTo(linked).isInstanceOf(LinkedList.class);
        assertThat(roundTrip((Class) ArrayList.class, new ArrayList<>())).isEqualTo(List.of());
        assertThat(roundTrip((Class) HashMap.class, new HashMap<>())).isEqualTo(Map.of());
    }

    @Test
    void immutableCollectionsComeBackEqual() throws IOException {
        List<String> immutable = List.of("x", "y");
        assertThat(roundTrip(Object.class, immutable)).isEqualTo(immutable);
        Set<Integer> set = Set.of(1, 2, 3);
        assertThat(roundTrip(Object.class, set)).isEqualTo(set);
        Map<String, Long> map = Map.of("a", 1L);
        assertThat(roundTrip(Object.class, map)).isEqualTo(map);
        assertThat(roundTrip(Object.class, List.of())).isEqualTo(List.of());
        assertThat(roundTrip(Object.class, Arrays.asList(1, 2))).isEqualTo(List.of(1, 2));
    }

    @Test
    void sortedCollectionsWithAComparatorAreRefusedClearly() {
        TreeMap<String, Integer> reversed = new TreeMap<>(java.util.Comparator.reverseOrder());
        reversed.put("a", 1);
        assertThatThrownBy(() -> roundTrip(Object.class, reversed))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("custom comparator");
    }

    @Test
    void jdkValueTypes() throws IOException {
        Object[] values = {new BigInteger("-123456789012345678901234567890"), new BigDecimal("-1.250"),
            UUID.randomUUID(), Instant.ofEpochSecond(-5, 999), LocalDateTime.of(2024, 2, 29, 23, 59, 1, 5),
            java.time.LocalDate.of(1, 1, 1), java.time.Duration.ofMillis(-3), new java.util.Date(99)};
        for (Object value : values) {
            assertThat(roundTrip(Object.class, value)).isEqualTo(value);
        }
    }

    @Test
    void analysisIsCachedPerClass() {
        assertThat(TypeSerializers.forClass(Order.class)).isSameAs(TypeSerializers.forClass(Order.class));
    }

    @Test
    void lambdasAreRefusedWithAClearMessage() {
        Runnable lambda = () -> {};
        assertThatThrownBy(() -> TypeSerializers.forClass(lambda.getClass()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("hidden class");
    }

    @Test
    void jdkClassesClosedToReflectionAreRefusedWithAClearMessage() {
        assertThatThrownBy(() -> TypeSerializers.forClass(java.util.concurrent.atomic.AtomicLong.class))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("does not open java.util.concurrent.atomic");
    }

    @Test
    void serializersTravelThroughJavaSerializationAsTheirType() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream objects = new ObjectOutputStream(bytes)) {
            objects.writeObject(TypeSerializers.forClass(Order.class));
        }
        try (ObjectInputStream objects = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            assertThat(objects.readObject()).isSameAs(TypeSerializers.forClass(Order.class));
        }
    }
}
