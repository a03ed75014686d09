package io.spindle.serialization;

import io.spindle.api.tuple.Tuple2;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Record types of the shapes users write, for the serialization tests. */
final class SampleTypes {
    private SampleTypes() {}

    enum Color {
        RED,
        GREEN {
            @Override
            public String toString() {
                return "green with a body";
            }
        },
        BLUE
    }

    /** A POJO whose fields are partly inherited, partly private, partly dynamic. */
    public static class BasePojo {
        public long id;
        private String label;

        public String getLabel() {
            return label;
        }

        public void setLabel(String label) {
            this.label = label;
        }
    }

    public static class Pojo extends BasePojo {
        public int count;
        public double score;
        public boolean flag;
        public char letter;
        public short small;
        public byte tiny;
        public float ratio;
        public Long boxed;
        public Object anything;
        public Color color;
        public int[] numbers;
        public transient String notShipped = "default";
        public static String notAField = "static";

        public Pojo() {}

        static Pojo sample(long id) {
            Pojo p = new Pojo();
            p.id = id;
            p.setLabel("pojo-" + id);
            p.count = (int) id * 3;
            p.score = id / 7.0;
            p.flag = id % 2 == 0;
            p.letter = '\u00e9';
            p.small = (short) -id;
            p.tiny = (byte) id;
            p.ratio = 0.25f;
            p.boxed = id % 3 == 0 ? null : id * 10;
            p.anything = id % 2 == 0 ? "text" : Tuple2.of(id, null);
            p.color = Color.values()[(int) (id % 3)];
            p.numbers = new int[] {(int) id, -1};
            p.notShipped = "changed";
            return p;
        }

        @Override
        public boolean equals(Object o) {
            if (!(o instanceof Pojo p)) {
                return false;
            }
            return id == p.id && Objects.equals(getLabel(), p.getLabel()) && count == p.count && score == p.score
                    && flag == p.flag && letter == p.letter && small == p.small && tiny == p.tiny
                    && ratio == p.ratio && Objects.equals(boxed, p.boxed) && Objects.equals(anything, p.anything)
                    && color == p.color && java.util.Arrays.equals(numbers, p.numbers);
        }

        @Override
        public int hashCode() {
            return Long.hashCode(id);
        }

        @Override
        public String toString() {
            return "Pojo(" + id + ")";
        }
    }

    /** Neither public nor constructible without arguments: handled by the reflective fallback. */
    static final class Opaque {
        static int constructorCalls;

        private final String name;
        private final List<Object> parts;
        private Opaque next;

        Opaque(String name, List<Object> parts, Opaque next) {
            constructorCalls++;
            this.name = Objects.requireNonNull(name);
            this.parts = parts;
            this.next = next;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Opaque other && name.equals(other.name) && Objects.equals(parts, other.parts)
                    && Objects.equals(next, other.next);
        }

        @Override
        public int hashCode() {
            return name.hashCode();
        }

        @Override
        public String toString() {
            return "Opaque(" + name + ", " + parts + ", " + next + ")";
        }
    }

    record Point(int x, int y) {}

    record Order(String id, long amount, Color color, Point at, List<Tuple2<String, Pojo>> lines,
            Map<String, Object> attributes, Object payload) {
        Order {
            if (amount < 0) {
                throw new IllegalArgumentException("negative amount");
            }
        }
    }
}
