package io.jreign.cluster.internal.kryo;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.KryoException;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodType;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;

/**
 * How one record component is written and read: int, long, double and boolean straight to the
 * output with no boxing, the rarer primitives boxed, a final class without its class id, anything
 * else with it. The accessor is a method handle adapted to take the record as {@code Object} and
 * return what its kind writes ({@code int}, {@code long}, {@code double}, {@code boolean} or
 * {@code Object}); each {@code invokeExact} below is typed to match.
 */
final class RecordComponentIo {
    private enum Kind { INT, LONG, DOUBLE, BOOLEAN, OTHER_PRIMITIVE, FINAL_CLASS, ANY_CLASS }

    private final String name;
    private final Class<?> type;
    private final Kind kind;
    private final MethodHandle accessor;

    RecordComponentIo(RecordComponent component, MethodHandle accessor) {
        this.name = component.getName();
        this.type = component.getType();
        this.kind = kindOf(type);
        Class<?> returned = switch (kind) {
            case INT, LONG, DOUBLE, BOOLEAN -> type;
            default -> Object.class;
        };
        this.accessor = accessor.asType(MethodType.methodType(returned, Object.class));
    }

    /** {@code name:type}, for the serializer id and error traces. */
    String describe() {
        return name + ':' + type.getName();
    }

    void write(Kryo kryo, Output output, Object record) {
        try {
            switch (kind) {
                case INT -> output.writeVarInt((int) accessor.invokeExact(record), false);
                case LONG -> output.writeVarLong((long) accessor.invokeExact(record), false);
                case DOUBLE -> output.writeDouble((double) accessor.invokeExact(record));
                case BOOLEAN -> output.writeBoolean((boolean) accessor.invokeExact(record));
                case OTHER_PRIMITIVE -> writeOtherPrimitive(output, (Object) accessor.invokeExact(record));
                case FINAL_CLASS -> kryo.writeObjectOrNull(output, (Object) accessor.invokeExact(record), type);
                case ANY_CLASS -> kryo.writeClassAndObject(output, (Object) accessor.invokeExact(record));
            }
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            // an accessor is the record's own code and may throw a checked exception undeclared
            throw new KryoException("accessor threw " + e, e);
        }
    }

    Object read(Kryo kryo, Input input) {
        return switch (kind) {
            case INT -> input.readVarInt(false);
            case LONG -> input.readVarLong(false);
            case DOUBLE -> input.readDouble();
            case BOOLEAN -> input.readBoolean();
            case OTHER_PRIMITIVE -> readOtherPrimitive(input);
            case FINAL_CLASS -> kryo.readObjectOrNull(input, type);
            case ANY_CLASS -> kryo.readClassAndObject(input);
        };
    }

    /** byte, short, char and float: rare in messages, so boxed. */
    private static void writeOtherPrimitive(Output output, Object value) {
        switch (value) {
            case Byte b -> output.writeByte(b);
            case Short s -> output.writeVarInt(s, false);
            case Character c -> output.writeVarInt(c, true);
            case Float f -> output.writeFloat(f);
            default -> throw new IllegalStateException("not a byte, short, char or float: " + value.getClass());
        }
    }

    private Object readOtherPrimitive(Input input) {
        if (type == byte.class) {
            return input.readByte();
        }
        if (type == short.class) {
            return (short) input.readVarInt(false);
        }
        if (type == char.class) {
            return (char) input.readVarInt(true);
        }
        return input.readFloat();
    }

    private static Kind kindOf(Class<?> type) {
        if (type == int.class) {
            return Kind.INT;
        }
        if (type == long.class) {
            return Kind.LONG;
        }
        if (type == double.class) {
            return Kind.DOUBLE;
        }
        if (type == boolean.class) {
            return Kind.BOOLEAN;
        }
        if (type.isPrimitive()) {
            return Kind.OTHER_PRIMITIVE;
        }
        return isFinal(type) ? Kind.FINAL_CLASS : Kind.ANY_CLASS;
    }

    /** Kryo's own test ({@code Kryo.isFinal}): a final class, or an array of one. */
    private static boolean isFinal(Class<?> type) {
        Class<?> element = type;
        while (element.isArray()) {
            element = element.getComponentType();
        }
        return Modifier.isFinal(element.getModifiers());
    }
}
