package io.jreign.cluster.internal.kryo;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.KryoException;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * A record as its components in declaration order, read through method handles bound once per
 * class and rebuilt through its canonical constructor, so its validation runs on every decode.
 *
 * <pre>
 *   component 1 | ... | component n     int, short, char, long: varint (zigzag); the other
 *                                       primitives fixed; a final class: null marker + value;
 *                                       anything else: class id + value, or the null marker
 * </pre>
 *
 * Kryo 5.6's own record serializer calls each accessor with {@code Method.invoke}, boxes every
 * primitive and looks up the boxed class's serializer for it; here a component is one method-handle
 * call and, for primitives, one varint. {@link #shape()} names the components and their types, so
 * that two nodes whose versions of a record differ get different serializer ids and refuse each
 * other at connect instead of misreading each other's messages.
 *
 * <p>Instances are immutable and shared by every pooled Kryo: {@link #of(Class)}.
 */
public final class RecordSerializer<T> extends Serializer<T> {
    private static final ClassValue<RecordSerializer<?>> SHARED = new ClassValue<>() {
        @Override
        protected RecordSerializer<?> computeValue(Class<?> type) {
            return new RecordSerializer<>(type);
        }
    };

    private final Class<T> type;
    private final RecordComponentIo[] components;
    /** The canonical constructor, taking its arguments as one {@code Object[]}. */
    private final MethodHandle constructor;

    private RecordSerializer(Class<T> type) {
        if (!type.isRecord()) {
            throw new IllegalArgumentException(type.getName() + " is not a record");
        }
        setImmutable(true);
        this.type = type;
        MethodHandles.Lookup lookup = lookupIn(type);
        RecordComponent[] declared = type.getRecordComponents();
        this.components = new RecordComponentIo[declared.length];
        Class<?>[] parameters = new Class<?>[declared.length];
        for (int i = 0; i < declared.length; i++) {
            components[i] = new RecordComponentIo(declared[i], accessor(lookup, declared[i]));
            parameters[i] = declared[i].getType();
        }
        try {
            this.constructor = lookup.findConstructor(type, MethodType.methodType(void.class, parameters))
                    .asType(MethodType.genericMethodType(declared.length))
                    .asSpreader(Object[].class, declared.length);
        } catch (NoSuchMethodException | IllegalAccessException e) {
            throw new IllegalArgumentException("cannot reach the canonical constructor of record " + type.getName(), e);
        }
    }

    /**
     * The serializer of record class {@code type}, made once and shared.
     *
     * @throws IllegalArgumentException if {@code type} is not a record, or its package is in a named
     *                                  module that does not open it to jreign
     */
    @SuppressWarnings("unchecked")
    public static <T> RecordSerializer<T> of(Class<T> type) {
        return (RecordSerializer<T>) SHARED.get(type);
    }

    /** The components in order with their types, e.g. {@code (from:io.jreign.mailbox.Address,n:int)}. */
    public String shape() {
        return Arrays.stream(components).map(RecordComponentIo::describe).collect(Collectors.joining(",", "(", ")"));
    }

    @Override
    public void write(Kryo kryo, Output output, T record) {
        for (RecordComponentIo component : components) {
            try {
                component.write(kryo, output, record);
            } catch (RuntimeException e) {
                throw traced(e, component);
            }
        }
    }

    @Override
    public T read(Kryo kryo, Input input, Class<? extends T> ignored) {
        Object[] values = new Object[components.length];
        for (int i = 0; i < components.length; i++) {
            try {
                values[i] = components[i].read(kryo, input);
            } catch (RuntimeException e) {
                throw traced(e, components[i]);
            }
        }
        try {
            return type.cast(constructor.invokeExact(values));
        } catch (RuntimeException e) {
            // The record refused its own components: a compact constructor's validation.
            throw new KryoException("record " + type.getName() + " refused its components: " + e, e);
        } catch (Error e) {
            throw e;
        } catch (Throwable e) {
            throw new KryoException("record " + type.getName() + " could not be made: " + e, e);
        }
    }

    private KryoException traced(RuntimeException e, RecordComponentIo component) {
        KryoException traced = e instanceof KryoException k ? k : new KryoException(e.toString(), e);
        traced.addTrace(component.describe() + " (" + type.getName() + ")");
        return traced;
    }

    private static MethodHandles.Lookup lookupIn(Class<?> type) {
        try {
            return MethodHandles.privateLookupIn(type, MethodHandles.lookup());
        } catch (IllegalAccessException e) {
            throw new IllegalArgumentException("cannot read record " + type.getName() + ": its module must open "
                    + type.getPackageName() + " to jreign", e);
        }
    }

    private static MethodHandle accessor(MethodHandles.Lookup lookup, RecordComponent component) {
        try {
            return lookup.unreflect(component.getAccessor());
        } catch (IllegalAccessException e) {
            throw new IllegalArgumentException("cannot reach accessor " + component.getName() + " of record "
                    + component.getDeclaringRecord().getName(), e);
        }
    }
}
