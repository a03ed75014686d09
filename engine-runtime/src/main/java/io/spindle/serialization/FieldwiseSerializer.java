package io.spindle.serialization;

import java.io.IOException;
import java.io.Serial;
import java.lang.reflect.AccessibleObject;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.InaccessibleObjectException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import sun.reflect.ReflectionFactory;

/**
 * Classes written field by field: every non-static, non-transient, non-synthetic field of the
 * class and its superclasses, superclass fields first and by name within a class, so that both
 * sides agree on the order. A POJO (public class with a public no-arg constructor) is created
 * with that constructor; any other class is created without running a constructor, as Java
 * deserialization would, but its bytes never pass through Java serialization.
 *
 * <p>Object graphs must be trees: a cycle of references recurses until the stack overflows.
 */
final class FieldwiseSerializer<T> extends TypeSerializer<T> {
    @Serial
    private static final long serialVersionUID = 1L;

    private final transient Constructor<T> constructor;
    private final transient FieldCodec[] fields;

    private FieldwiseSerializer(Class<T> type, Constructor<T> constructor, FieldCodec[] fields) {
        super(type);
        this.constructor = constructor;
        this.fields = fields;
    }

    static <T> FieldwiseSerializer<T> analyse(Class<T> type) {
        List<Field> declared = new ArrayList<>();
        List<Class<?>> hierarchy = new ArrayList<>();
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            hierarchy.add(0, c);
        }
        for (Class<?> c : hierarchy) {
            Field[] own = c.getDeclaredFields();
            Arrays.sort(own, Comparator.comparing(Field::getName));
            for (Field f : own) {
                int modifiers = f.getModifiers();
                if (!Modifier.isStatic(modifiers) && !Modifier.isTransient(modifiers) && !f.isSynthetic()) {
                    declared.add(f);
                }
            }
        }
        FieldCodec[] codecs = new FieldCodec[declared.size()];
        for (int i = 0; i < codecs.length; i++) {
            codecs[i] = new FieldCodec(makeAccessible(type, declared.get(i)));
        }
        return new FieldwiseSerializer<>(type, makeAccessible(type, instantiator(type)), codecs);
    }

    /** The public no-arg constructor of a POJO, or one that runs no constructor of the class. */
    @SuppressWarnings("unchecked")
    private static <T> Constructor<T> instantiator(Class<T> type) {
        if (Modifier.isPublic(type.getModifiers())) {
            try {
                return type.getConstructor();
            } catch (NoSuchMethodException e) {
                // Not a POJO: fall through to instantiation without a constructor.
            }
        }
        try {
            return (Constructor<T>) ReflectionFactory.getReflectionFactory()
                    .newConstructorForSerialization(type, Object.class.getDeclaredConstructor());
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException("java.lang.Object has no constructor", e);
        }
    }

    static <A extends AccessibleObject> A makeAccessible(Class<?> type, A member) {
        try {
            member.setAccessible(true);
            return member;
        } catch (InaccessibleObjectException | SecurityException e) {
            throw new IllegalArgumentException("Cannot serialize class " + type.getName() + ": its module ("
                    + type.getModule().getName() + ") does not open " + type.getPackageName()
                    + " to reflection, so its fields cannot be read. Use a record, a POJO, a tuple or a"
                    + " supported JDK type for record data instead.", e);
        }
    }

    @Override
    public void serialize(T value, DataOutputSerializer out, RecordEncoder dynamic) throws IOException {
        for (FieldCodec field : fields) {
            field.write(value, out, dynamic);
        }
    }

    @Override
    public T deserialize(DataInputDeserializer in, RecordDecoder dynamic) throws IOException {
        T value = newInstance();
        for (FieldCodec field : fields) {
            field.readInto(value, in, dynamic);
        }
        return value;
    }

    private T newInstance() throws IOException {
        try {
            return constructor.newInstance();
        } catch (InvocationTargetException e) {
            throw new IOException("the no-arg constructor of " + getType().getName() + " threw", e.getCause());
        } catch (InstantiationException | IllegalAccessException e) {
            throw new IOException("cannot create an instance of " + getType().getName(), e);
        }
    }
}
