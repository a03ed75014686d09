package io.spindle.runtime.operators;

import io.spindle.api.functions.ReduceFunction;
import io.spindle.api.tuple.Tuple2;
import io.spindle.api.tuple.Tuple3;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The reduce function behind {@code sum(position)} and {@code sum("field")}: returns a new value
 * whose summed field is the sum of both inputs' fields and whose other fields come from the
 * accumulated (first) value. Inputs are never modified.
 *
 * <p>A position addresses a field of a {@link Tuple2} or {@link Tuple3}, or, with position 0, a
 * value that is itself a number. A name addresses a component of a record, a field of a POJO
 * (which needs a no-argument constructor), or {@code f0}..{@code f2} of a tuple.
 */
public final class SumReducer implements ReduceFunction<Object> {
    private static final long serialVersionUID = 1L;

    private final int position;
    private final String fieldName;

    private transient Class<?> summedClass;
    private transient FieldSum summer;

    /** Sums the field at {@code position} of tuples, or plain numbers when the position is 0. */
    public SumReducer(int position) {
        if (position < 0) {
            throw new IllegalArgumentException("sum(" + position + "): field positions start at 0");
        }
        this.position = position;
        this.fieldName = null;
    }

    /** Sums the named field of records, POJOs or tuples. */
    public SumReducer(String fieldName) {
        if (Objects.requireNonNull(fieldName, "field name").isBlank()) {
            throw new IllegalArgumentException("sum(\"\"): the field name must not be blank");
        }
        this.position = -1;
        this.fieldName = fieldName;
    }

    @Override
    public Object reduce(Object accumulated, Object value) throws Exception {
        Class<?> type = accumulated.getClass();
        if (type != summedClass) {
            summer = summerFor(type);
            summedClass = type;
        }
        return summer.sum(accumulated, value);
    }

    private FieldSum summerFor(Class<?> type) {
        int tuplePosition = fieldName == null ? position : tuplePositionOf(fieldName);
        if (type == Tuple2.class) {
            checkTuplePosition(tuplePosition, 2);
            return tuplePosition == 0
                    ? (a, b) -> new Tuple2<>(add(((Tuple2<?, ?>) a).f0, ((Tuple2<?, ?>) b).f0), ((Tuple2<?, ?>) a).f1)
                    : (a, b) -> new Tuple2<>(((Tuple2<?, ?>) a).f0, add(((Tuple2<?, ?>) a).f1, ((Tuple2<?, ?>) b).f1));
        }
        if (type == Tuple3.class) {
            checkTuplePosition(tuplePosition, 3);
            return (a, b) -> sumTuple3((Tuple3<?, ?, ?>) a, (Tuple3<?, ?, ?>) b, tuplePosition);
        }
        if (fieldName == null) {
            if (Number.class.isAssignableFrom(type) && position == 0) {
                return SumReducer::add;
            }
            throw new IllegalArgumentException("sum(" + position + ") cannot address a field of " + type.getName()
                    + ": positions work on Tuple2/Tuple3 fields, or position 0 on plain numbers;"
                    + " use sum(\"fieldName\") for records and POJOs");
        }
        return type.isRecord() ? recordSummer(type) : pojoSummer(type);
    }

    private void checkTuplePosition(int tuplePosition, int arity) {
        if (tuplePosition < 0 || tuplePosition >= arity) {
            throw new IllegalArgumentException("sum(" + (fieldName == null ? String.valueOf(tuplePosition)
                    : "\"" + fieldName + "\"") + ") does not address a field of a Tuple" + arity
                    + ", whose fields are 0.." + (arity - 1));
        }
    }

    private static int tuplePositionOf(String name) {
        return name.matches("f[0-9]") ? name.charAt(1) - '0' : -1;
    }

    private static Tuple3<?, ?, ?> sumTuple3(Tuple3<?, ?, ?> a, Tuple3<?, ?, ?> b, int position) {
        return new Tuple3<>(
                position == 0 ? add(a.f0, b.f0) : a.f0,
                position == 1 ? add(a.f1, b.f1) : a.f1,
                position == 2 ? add(a.f2, b.f2) : a.f2);
    }

    private FieldSum recordSummer(Class<?> type) {
        RecordComponent[] components = type.getRecordComponents();
        Method[] accessors = new Method[components.length];
        Class<?>[] parameterTypes = new Class<?>[components.length];
        int summed = -1;
        for (int i = 0; i < components.length; i++) {
            accessors[i] = components[i].getAccessor();
            accessors[i].setAccessible(true);
            parameterTypes[i] = components[i].getType();
            if (components[i].getName().equals(fieldName)) {
                summed = i;
            }
        }
        if (summed < 0) {
            throw noSuchField(type);
        }
        checkNumeric(type, parameterTypes[summed]);
        Constructor<?> constructor = accessibleConstructor(type, parameterTypes);
        int summedIndex = summed;
        return (a, b) -> {
            Object[] arguments = new Object[accessors.length];
            for (int i = 0; i < accessors.length; i++) {
                arguments[i] = accessors[i].invoke(a);
            }
            arguments[summedIndex] = add(arguments[summedIndex], accessors[summedIndex].invoke(b));
            return constructor.newInstance(arguments);
        };
    }

    private FieldSum pojoSummer(Class<?> type) {
        List<Field> fields = new ArrayList<>();
        Field summed = null;
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Field field : c.getDeclaredFields()) {
                if (Modifier.isStatic(field.getModifiers())) {
                    continue;
                }
                field.setAccessible(true);
                fields.add(field);
                if (summed == null && field.getName().equals(fieldName)) {
                    summed = field;
                }
            }
        }
        if (summed == null) {
            throw noSuchField(type);
        }
        checkNumeric(type, summed.getType());
        Constructor<?> constructor;
        try {
            constructor = accessibleConstructor(type);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("sum(\"" + fieldName + "\") on " + type.getName()
                    + " needs a record, or a POJO with a no-argument constructor to build the summed copy", e);
        }
        Field summedField = summed;
        return (a, b) -> {
            Object copy = constructor.newInstance();
            for (Field field : fields) {
                field.set(copy, field.get(a));
            }
            summedField.set(copy, add(summedField.get(a), summedField.get(b)));
            return copy;
        };
    }

    private IllegalArgumentException noSuchField(Class<?> type) {
        return new IllegalArgumentException("sum(\"" + fieldName + "\"): " + type.getName() + " has no field named '"
                + fieldName + "'");
    }

    private void checkNumeric(Class<?> owner, Class<?> fieldType) {
        boolean numeric = fieldType.isPrimitive()
                ? fieldType != boolean.class && fieldType != char.class
                : Number.class.isAssignableFrom(fieldType);
        if (!numeric) {
            throw new IllegalArgumentException("sum(\"" + fieldName + "\"): field '" + fieldName + "' of "
                    + owner.getName() + " is a " + fieldType.getName() + ", not a number");
        }
    }

    private static Constructor<?> accessibleConstructor(Class<?> type, Class<?>... parameterTypes) {
        try {
            Constructor<?> constructor = type.getDeclaredConstructor(parameterTypes);
            constructor.setAccessible(true);
            return constructor;
        } catch (NoSuchMethodException e) {
            throw new IllegalArgumentException(type.getName() + " has no constructor for " + List.of(parameterTypes), e);
        }
    }

    /** Adds two boxed numbers of the same type; a null field counts as absent. */
    private static Object add(Object a, Object b) {
        if (a == null) {
            return b;
        }
        if (b == null) {
            return a;
        }
        if (a instanceof Long x) {
            return x + ((Number) b).longValue();
        }
        if (a instanceof Integer x) {
            return x + ((Number) b).intValue();
        }
        if (a instanceof Double x) {
            return x + ((Number) b).doubleValue();
        }
        if (a instanceof Float x) {
            return x + ((Number) b).floatValue();
        }
        if (a instanceof Short x) {
            return (short) (x + ((Number) b).shortValue());
        }
        if (a instanceof Byte x) {
            return (byte) (x + ((Number) b).byteValue());
        }
        if (a instanceof BigInteger x) {
            return x.add((BigInteger) b);
        }
        if (a instanceof BigDecimal x) {
            return x.add((BigDecimal) b);
        }
        throw new IllegalArgumentException("sum(...) cannot add values of type " + a.getClass().getName()
                + "; it adds Long, Integer, Double, Float, Short, Byte, BigInteger and BigDecimal");
    }

    /** Sums the configured field of two values of one class into a new value. */
    @FunctionalInterface
    private interface FieldSum {
        Object sum(Object accumulated, Object value) throws Exception;
    }
}
