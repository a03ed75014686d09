package io.spindle.serialization;

import io.spindle.api.tuple.Tuple2;
import io.spindle.api.tuple.Tuple3;
import io.spindle.api.tuple.Tuple4;
import io.spindle.api.tuple.Tuple5;
import java.lang.reflect.Modifier;
import java.util.Collection;
import java.util.Map;

/**
 * Finds the serializer for a class. Each class is analysed once and the result cached on the
 * class itself (a {@link ClassValue}), so the cache does not keep a user class loader alive.
 *
 * <p>Type families, in the order they are tried: boxed primitives (a primitive class means its
 * box) and String; primitive arrays and arrays of references; enums; Spindle tuples; java.util
 * collections and maps; supported JDK value types (BigInteger, BigDecimal, UUID, java.time);
 * Object, interfaces and abstract classes (written dynamically, with a tag); Java records; and
 * every other class field by field (POJOs through their public no-arg constructor).
 */
public final class TypeSerializers {
    private static final ClassValue<TypeSerializer<?>> CACHE = new ClassValue<>() {
        @Override
        protected TypeSerializer<?> computeValue(Class<?> type) {
            return analyse(type);
        }
    };

    private TypeSerializers() {}

    /**
     * The serializer for values of exactly {@code type}, or, if {@code type} is Object, an
     * interface or abstract, for values of any subclass.
     *
     * @throws IllegalArgumentException if the class cannot be serialized (a hidden class, or a
     *     JDK class whose fields are closed to reflection), with the reason
     */
    @SuppressWarnings("unchecked")
    public static <T> TypeSerializer<T> forClass(Class<T> type) {
        return (TypeSerializer<T>) CACHE.get(type);
    }

    /**
     * Whether a value declared with this type always has exactly this class (or, for an enum,
     * is one of its constants), so that no type tag is needed.
     */
    static boolean fixesRuntimeClass(Class<?> declared) {
        if (declared.isPrimitive() || declared.isEnum()) {
            return true;
        }
        if (declared.isArray()) {
            return fixesRuntimeClass(declared.getComponentType());
        }
        return Modifier.isFinal(declared.getModifiers());
    }

    private static TypeSerializer<?> analyse(Class<?> type) {
        TypeSerializer<?> basic = basic(type);
        if (basic != null) {
            return basic;
        }
        if (type.isArray()) {
            return type.getComponentType().isPrimitive() ? primitiveArray(type) : new ObjectArraySerializer(type);
        }
        if (Enum.class.isAssignableFrom(type) && type != Enum.class) {
            return enumSerializer(type);
        }
        if (Collection.class.isAssignableFrom(type) && !Modifier.isAbstract(type.getModifiers())) {
            return CollectionSerializers.forCollection(type);
        }
        if (Map.class.isAssignableFrom(type) && !Modifier.isAbstract(type.getModifiers())) {
            return CollectionSerializers.forMap(type);
        }
        TypeSerializer<?> jdkValue = JdkValueSerializers.forClass(type);
        if (jdkValue != null) {
            return jdkValue;
        }
        if (type == Object.class || Modifier.isAbstract(type.getModifiers())) {
            return new DynamicSerializer<>(type);
        }
        if (type.isHidden()) {
            throw new IllegalArgumentException("Cannot serialize " + type.getName()
                    + ": it is a hidden class (a lambda or proxy), which another JVM cannot look up by name."
                    + " Use a named class, a record or a tuple.");
        }
        if (type.isRecord()) {
            return JavaRecordSerializer.analyse(type);
        }
        return FieldwiseSerializer.analyse(type);
    }

    private static TypeSerializer<?> basic(Class<?> type) {
        if (type == Long.class || type == long.class) {
            return BasicSerializers.LONG;
        } else if (type == Integer.class || type == int.class) {
            return BasicSerializers.INTEGER;
        } else if (type == String.class) {
            return BasicSerializers.STRING;
        } else if (type == Double.class || type == double.class) {
            return BasicSerializers.DOUBLE;
        } else if (type == Boolean.class || type == boolean.class) {
            return BasicSerializers.BOOLEAN;
        } else if (type == Float.class || type == float.class) {
            return BasicSerializers.FLOAT;
        } else if (type == Short.class || type == short.class) {
            return BasicSerializers.SHORT;
        } else if (type == Byte.class || type == byte.class) {
            return BasicSerializers.BYTE;
        } else if (type == Character.class || type == char.class) {
            return BasicSerializers.CHARACTER;
        } else if (type == Tuple2.class) {
            return TupleSerializers.TUPLE2;
        } else if (type == Tuple3.class) {
            return TupleSerializers.TUPLE3;
        } else if (type == Tuple4.class) {
            return TupleSerializers.TUPLE4;
        } else if (type == Tuple5.class) {
            return TupleSerializers.TUPLE5;
        }
        return null;
    }

    private static TypeSerializer<?> primitiveArray(Class<?> type) {
        if (type == byte[].class) {
            return PrimitiveArraySerializers.BYTES;
        } else if (type == long[].class) {
            return PrimitiveArraySerializers.LONGS;
        } else if (type == int[].class) {
            return PrimitiveArraySerializers.INTS;
        } else if (type == double[].class) {
            return PrimitiveArraySerializers.DOUBLES;
        } else if (type == float[].class) {
            return PrimitiveArraySerializers.FLOATS;
        } else if (type == short[].class) {
            return PrimitiveArraySerializers.SHORTS;
        } else if (type == char[].class) {
            return PrimitiveArraySerializers.CHARS;
        }
        return PrimitiveArraySerializers.BOOLEANS;
    }

    /** A constant with a body is an anonymous subclass of its enum: serialize it as the enum. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static TypeSerializer<?> enumSerializer(Class<?> type) {
        Class<?> enumType = type.isEnum() ? type : type.getSuperclass();
        if (enumType != type) {
            return forClass(enumType);
        }
        return new EnumSerializer(enumType);
    }
}
